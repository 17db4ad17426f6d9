"""A habit's harm carried on into this moment, and a cry heard as it happens, are told now."""

from __future__ import annotations

import pytest

from tests.classifying import quiet, raised


@pytest.mark.parametrize("text", [
    "前夫最近总是跟踪我，现在又跟到我单位门口了",
    "那个男的经常在小区里尾随我，今晚又来了，就在我身后",
    "他天天来砸我家门，现在正在门口踹门",
    "最近总有人跟踪我女儿放学，现在那人就在校门口",
    "他经常喝醉了打我，现在又在打了",
    "这阵子老有个人在我家附近转悠跟着我，这会儿他就站在楼道里",
    "债主三天两头上门威胁要砍我，现在拿着刀在门口",
])
def test_a_habit_carried_on_into_this_moment_is_an_emergency(classifier, text):
    raised(classifier, text)


@pytest.mark.parametrize("text", [
    "他最近老跟踪我，现在搬走了，没再见过他",
    "前夫经常跟踪我，现在想问怎么申请保护令",
    "楼上经常吵架打架，现在安静了",
    "以前老有人在这条路上抢包，现在装了摄像头好多了",
    "他经常打我，现在我住我妈家了",
])
def test_a_habit_that_ended_or_is_asked_about_stays_no_emergency(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize("text", [
    "刚才听见楼上有人喊救命",
    "刚才听到隔壁有人喊救命",
    "我现在听到隔壁有女人在喊救命，还有摔东西的声音",
    "刚刚听到楼道里有小孩哭着喊救命",
])
def test_a_cry_heard_as_it_happens_is_an_emergency(classifier, text):
    raised(classifier, text)


@pytest.mark.parametrize("text", [
    "听说昨天那边有人喊救命",
    "昨晚听见有人喊救命，今天问了原来是小孩闹着玩",
    "刚才听见有人喊救命，原来是隔壁在看电视",
    "刚才听到新闻里说有人喊救命没人管",
    "刚才看见两辆救护车开过去了，不知道哪里出事了",
])
def test_a_cry_heard_of_or_explained_is_no_emergency(classifier, text):
    quiet(classifier, text)
