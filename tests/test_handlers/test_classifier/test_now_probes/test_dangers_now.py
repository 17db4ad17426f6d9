"""Dangers told now in the same short first-person shape as the everyday messages beside them
(`test_everyday_now`): they must still raise (someone held where they stand by people is the
gate's `cornered` cue since stop 32)."""

from __future__ import annotations

import pytest

from tests.classifying import raised


@pytest.mark.parametrize("text", [
    "我现在被人堵在楼道里",
    "我在电梯里出不来了有烟",
    "我现在在桥上不想活了",
    "我现在被人跟着，不敢回家",
    "我被困在电梯里了，快喘不上气",
    "有人在我家门口砸门，我好怕",
    "我现在被人打了，头在流血",
    "我现在在楼顶，不想活了",
    "我被人关在屋里出不去",
    "我现在在出租车上，司机不让我下车",
    "有人拿刀在追我",
    "我在家，有人在撬我家门",
    "我现在被锁在车里了，好热",
    "我现在在河边，想跳下去",
    "我老公现在在打我",
    "我现在胸口好痛，喘不过气",
    "我妈现在晕倒了，叫不醒",
    "孩子现在掉水里了",
    "我在楼道里闻到很大的煤气味，邻居家没人应",
    "我现在被几个人围着要钱",
    "我在路上被人抢了，他还在前面跑",
    "我在车里，前面着火了",
    "我现在被困在火里了",
    "我在地下车库被人拦住了",
    "我现在一个人在家，有人在外面敲门喊我名字",
    "我现在在厕所躲着，外面有人拿着刀",
    "我现在头很晕，吃了一整瓶药",
    "我在宿舍，室友倒地抽搐了",
    "我现在在高速上，车坏了，后面车很快",
    "我现在被人绑了，偷偷发的",
    "我在公园，有个男的一直拽我",
    "我现在在家里，水漫上来了，出不去",
    "我被人推下楼梯，腿动不了",
    "我现在在工地，有人被压在下面了",
    "我的孩子现在不见了，刚才还在这",
    "我在车上，有人在摸我，我不敢动",
    "我在ktv，有人给我下药，现在浑身没力气",
    "我现在割了手腕，血止不住",
    "我在楼下，有人跳楼了还在喘气",
    "我现在被前夫堵在单位门口，他说要杀了我",
    "我在电梯里，电梯一直往下掉",
    "我现在被人控制了，要我转钱",
])
def test_a_danger_told_now_in_the_first_person_still_raises(classifier, text):
    raised(classifier, text)
