"""Asked where to report a matter the message tells, the matter is reported here; asked how to
report with no matter told, the question is answered as one."""

from __future__ import annotations

import pytest

from handlers import texts
from handlers.intents.complaints.where_to import reports_here

TOLD = [
    "有个人在微信上卖枪，我有截图，向谁举报",
    "想投诉一个辅警的态度，应该打哪个电话",
    "我们楼下天天有人聚众赌博，这种事找谁举报",
    "小区里有人私拉电线给电动车充电，应该向哪个部门反映",
    "有个假冒警察的人在菜市场收钱，怎么举报他",
    "网上有人卖假证件，举报的话应该找谁",
]
ASKED_ONLY = ["举报电话是多少", "请问怎么投诉", "我想举报，应该找谁", "投诉民警应该打什么电话",
              "交通违章去哪里举报", "怎么举报电信诈骗", "身份证丢了应该去哪个派出所办",
              "孩子户口的事应该找谁", "被骗了应该向谁报案"]


@pytest.mark.parametrize("text", TOLD)
def test_a_matter_told_with_the_question_is_reported_here(text):
    assert reports_here(text)


@pytest.mark.parametrize("text", ASKED_ONLY)
def test_how_to_report_with_nothing_told_stays_a_question(text):
    assert not reports_here(text)


async def test_the_resident_is_told_it_is_taken_here_and_asked_the_details(chat, db):
    reply = await chat.say("o-gun", "有个人在微信上卖枪，我有截图，向谁举报")
    ticket = await db.ticket("o-gun")
    assert reply.startswith(texts.text("reported_here"))
    assert ticket.kind == "complaint" and ticket.number in reply
