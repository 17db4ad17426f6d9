"""The everyday false alarms by family (an animal in trouble, a scene over, a worry, a story,
an idiom), each beside a danger told now in the same words."""

from __future__ import annotations

import pytest

from tests.classifying import quiet, raised


@pytest.mark.parametrize("text", [
    "我家狗掉河里了",
    "邻居家的猫被困在树上下不来了",
    "我家狗被车撞了，在流血",
    "小区里一只流浪狗掉进井里了",
    "我家鹦鹉飞走了",
    # resolved or over
    "刚才有人打架，现在已经散了",
    "偷我电动车的人已经被抓了",
    "我爸刚才晕倒了，已经送医院了",
    "楼下刚才着火，火已经灭了",
    "刚才有人持刀闹事，警察已经把人带走了",
    "孩子刚才走丢了，已经找到了",
    # worries
    "我担心孩子放学路上被拐",
    "最近总担心家里会进小偷",
    "我怕我妈被电信诈骗骗了，她年纪大了",
    "老是担心家里煤气没关会爆炸",
    "害怕晚上一个人回家被人跟踪",
    # stories
    "小时候我家着过一次火，那次真吓人",
    "去年我被人骗了两万块钱，后来也没追回来",
    "以前上学的时候被人抢过手机",
    "我爷爷年轻时落过水，幸亏被人救了上来",
    # idioms
    "急死了，快递三天了还没到",
    "这天气热得要命",
    "气死我了，楼上又在装修",
    "笑死，我家猫把杯子推下去了",
    "吓死我了，刚才手机差点掉厕所里",
    "工作忙得要死",
    "这道题难死了，救命",
])
def test_an_everyday_look_alike_is_quiet(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize("text", [
    "孩子掉河里了",
    "我家老人掉河里了",
    "我儿子牵着狗掉河里了",
    "有人为了救狗掉进河里了",
    "一个老太太掉进井里了",
    "刚才有人打架，现在又打起来了",
    "小偷被抓了一个，另一个还拿着刀在跑",
    "已经送医院了，但是打人的人还在门口堵着，说要弄死我们",
    "孩子放学两个小时了还没回家，电话也打不通，我担心出事了",
    "我很害怕，有人一直跟着我，现在就在我身后",
    "我怕他会杀了我，他拿着刀在门外",
    "救命，有人要打死我",
    "吓死我了，有个男的拿着刀在楼道里",
    "快来人啊，要出人命了",
    # Still missed: an outcome for part of the danger (灭了一半), a habit's past beside 今天又,
    # an idiom before a child lost now: the alarm overrules or the outcome word wins.
    pytest.param("火已经灭了一半，里面还有人没出来", marks=pytest.mark.xfail(strict=True)),
    pytest.param("去年他打过我，今天又拿着刀来了", marks=pytest.mark.xfail(strict=True)),
    pytest.param("急死了，孩子在商场里走丢了，到处找不到", marks=pytest.mark.xfail(strict=True)),
])
def test_the_same_words_told_now_raise(classifier, text):
    raised(classifier, text)
