"""A danger told now under a question (家里着火了怎么办), seen or heard this moment, or around
the writer's own pastime (我在看电影，隔壁有人喊救命): raised; the same words asked ahead,
heard second-hand or said to be in the film: quiet."""

from __future__ import annotations

import pytest

from tests.classifying import quiet, raised


@pytest.mark.parametrize("text", [
    "家里着火了怎么办",
    "家里着火了在哪跑",
    "有人跟踪我怎么办",
    "厨房突然着火了怎么办啊",
    "楼下有人打起来了，有人拿着砍刀，该怎么做",
    "我被困在电梯里了咋办",
    "现在有人在撬我家门，怎么办",
    "孩子把一整瓶药全吃了，怎么办啊",
    "我老公正在打我，我该怎么办",
    "有个男的一直跟着我，现在到小区门口了怎么办",
])
def test_a_plea_over_a_danger_told_now_raises(classifier, text):
    raised(classifier, text)


@pytest.mark.parametrize("text", [
    "如果家里着火了怎么办",
    "遇到有人跟踪应该怎么办",
    "着火了怎么逃生（消防知识）",
    "万一电梯困人了怎么办",
    "要是有人撬门一般怎么办",
    "一般来说被人跟踪了该怎么做",
    "想给孩子讲讲消防知识，家里着火了怎么办",
    "小孩子误吞药片一般怎么处理",
])
def test_the_same_question_asked_ahead_or_in_general_is_quiet(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize("text", [
    "刚看到河里有人在挣扎",
    "刚听见楼上有人喊救命",
    "眼看着一个小孩爬到了楼顶边上",
    "我刚刚看见有个男的拿刀在追人",
    "刚瞧见路边有个人倒地不动了",
    "眼看着火越烧越大，里面还有人",
])
def test_a_danger_seen_or_heard_this_moment_raises(classifier, text):
    raised(classifier, text)


@pytest.mark.parametrize("text", [
    "听说河里有人溺水了",
    "新闻上说昨天河里有人在挣扎，后来被救起来了",
    "刚看到一个视频，河里有人在挣扎，太可怕了",
    "刚看了个新闻，有人持刀伤人",
    "朋友圈刚看到说隔壁小区着火了",
])
def test_a_danger_heard_of_or_seen_on_a_screen_is_quiet(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize("text", [
    "我在看电影，隔壁突然有人砸门喊救命",
    "我正在打游戏，楼下有人在喊救命",
    "刚在睡觉，被烟呛醒了，楼道着火了",
    "我在刷抖音，突然听到外面有人喊抓小偷，那人手里有刀",
    "看电视的时候闻到很重的煤气味，头好晕",
])
def test_a_danger_around_the_writers_pastime_raises(classifier, text):
    raised(classifier, text)


@pytest.mark.parametrize("text", [
    "电影里有人砸门喊救命",
    "我在看电影，里面有人砸门喊救命，吓死了",
    "游戏里有人一直追杀我",
    "昨晚做梦梦见家里着火了",
    "电视剧里那个人被绑架了",
])
def test_a_danger_in_the_film_game_or_dream_is_quiet(classifier, text):
    quiet(classifier, text)
