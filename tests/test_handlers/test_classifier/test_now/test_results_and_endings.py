"""An injury told by what it did (满头是血, 不喘气), and a scene told with its end (已经散了)."""

from __future__ import annotations

import pytest

from tests.classifying import quiet, raised


@pytest.mark.parametrize("text", [
    "我爸被人打得满头是血，快来",
    "打得满头是血",
    "他脸上被砸得满脸是血",
    "邻居被砍得一直在流血",
    "我妈摔倒了头破了血止不住",
    "他被人打晕过去了，怎么叫都没反应",
    "小孩被东西卡住了，脸都紫了，喘不过气",
    "孩子憋得脸发紫",
    "老头躺在床上不喘气了",
    "浑身是伤，爬不起来了",
    "带着狗在河边散步，看见河里有个小孩在扑腾",
])
def test_an_injury_told_by_its_result_is_an_emergency(classifier, text):
    raised(classifier, text)


@pytest.mark.parametrize("text", [
    "昨天摔了一跤，头破了，已经缝针了",
    "电影里那个人被打得满头是血，太吓人了",
    "上周被打得头破血流，想问验伤结果出来没有",
    "累得我喘不过气，这个月天天加班",
    "憋得我快疯了，天天加班",
    "笑得我喘不上气，你们公众号太逗了",
    "鸭子在河里扑腾",
])
def test_an_injury_word_of_the_past_a_film_or_a_degree_is_no_emergency(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize("text", [
    "刚才楼下有人打架，现在还在打",
    "门口两个人打起来了，有人拿刀了",
    "刚才门口有人打架，现在人都走了，有个人还躺在地上",
])
def test_a_scene_that_goes_on_is_an_emergency(classifier, text):
    raised(classifier, text)


@pytest.mark.parametrize("text", [
    "刚才楼下有人打架，现在已经散了",
    "刚才楼下有人打架，现在散了",
    "刚刚门口两个人动手了，保安把他们拉开了，都走了",
    "早上菜市场有人吵架打起来了，后来自己走了",
    "昨晚梦见有人拿刀追我，吓醒了",
    "这部电影里有人被绑架了，太刺激了",
    "小说里主角最后跳楼了，看哭了",
    "加班累死了",
    "气死我了，快递又丢了",
    "笑死，我家猫把鱼缸打翻了",
    "如果遇到有人持刀抢劫应该怎么办",
    "家里着火了应该先做什么？想学一下",
])
def test_a_scene_over_fiction_a_joke_or_a_general_question_is_no_emergency(classifier, text):
    quiet(classifier, text)
