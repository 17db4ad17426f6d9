"""A noise nuisance asked about as a question: what the police can do, then a complaint if the
resident wants one; dangers that sound alike still raise the alarm."""

from __future__ import annotations

import pytest

from handlers import texts
from handlers.intents import nuisance

ASKED = [
    "楼下广场舞音响太吵了怎么办",
    "楼上邻居半夜蹦迪，吵得睡不着怎么办",
    "隔壁天天半夜装修怎么办",
    "楼上每天晚上拖椅子，声音很大，怎么办",
    "小区里有人天天凌晨用喇叭叫卖，怎么办",
    "楼下KTV太吵了，报警有用吗",          # whether the police take it up, asked of a noise
]


@pytest.mark.parametrize("said", ASKED)
async def test_a_noise_asked_about_is_answered_and_recorded_as_a_complaint_on_yes(chat, db,
                                                                                  said):
    reply = await chat.say("o-1", said)
    assert reply.startswith(texts.text("nuisance_answer"))
    assert texts.text("nuisance_ask_record") in reply
    assert await db.tickets() == []
    reply = await chat.say("o-1", "1")
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.summary) == ("complaint", said)
    assert ticket.number in reply
    assert (await db.dialog("o-1")).dialog == "complaint_details"


@pytest.mark.parametrize("declined", ["2", "不用了"])
async def test_a_noise_asked_about_is_not_recorded_on_no(chat, db, declined):
    await chat.say("o-1", ASKED[0])
    assert await chat.say("o-1", declined) == texts.text("nuisance_not_recorded")
    assert await db.tickets() == [] and await db.dialog("o-1") is None


async def test_another_question_instead_of_an_answer_is_answered(chat, db):
    await chat.say("o-1", ASKED[1])
    reply = await chat.say("o-1", "身份证丢了怎么补办")
    assert "补领" in reply and await db.tickets() == []


@pytest.mark.parametrize("said", [
    "楼上很吵，好像在打人，有人喊救命，怎么办",
    "隔壁吵得厉害，有人在砸门说要砍死人，怎么办",
    "楼上一直很吵，现在闻到很大的煤气味了怎么办",
])
async def test_a_danger_heard_as_noise_still_raises(chat, db, said):
    reply = await chat.say("o-1", said)
    assert texts.text("nuisance_answer") not in reply
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.priority) == ("emergency", "P1")


@pytest.mark.parametrize(("said", "reasons", "expected"), [
    ("楼上很吵怎么办", ("model:consult p=0.71",), True),
    ("晚上几点以后装修算扰民", (), False),                   # the rule, not a nuisance now
    ("隔壁装修把我家水管弄坏了怎么办", (), False),           # damage, not noise
    ("装修需要去派出所备案吗，怎么办", (), False),           # no noise, no hour of rest
    ("楼上吵架吵得很凶，现在拿刀了怎么办", ("rule:emergency:weapon:拿刀",), False),
    ("楼下很吵怎么办", ("alarm:overruled",), False),
])
def test_what_is_a_nuisance_asked_about(said, reasons, expected):
    assert nuisance.asked_about(said, reasons) is expected


@pytest.mark.parametrize("said", ["我想问问我的快递被偷了能报警吗",
                                  "在网上买东西被骗了三百，这种能报案吗",
                                  "孩子的自行车在学校被人划了，派出所管不管"])
async def test_asking_whether_the_police_take_up_what_was_done_offers_a_complaint(chat, db,
                                                                                  said):
    reply = await chat.say("o-1", said)
    assert reply.startswith(texts.text("reportable_answer"))
    assert texts.text("nuisance_ask_record") in reply and await db.tickets() == []
    await chat.say("o-1", "1")
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.summary) == ("complaint", said)


@pytest.mark.parametrize(("said", "expected"), [
    ("如果快递被偷了能报警吗", False),                    # a case supposed: the rules
    ("电动车被偷了，派出所能管吗", True),
    ("派出所几点上班", False),
    ("能报警吗", False),                                  # nothing done to anyone
])
def test_what_asks_whether_the_police_take_it_up(said, expected):
    assert nuisance.reportable_asked(said, ("model:consult p=0.80",)) is expected
