"""The router's precedence (CONTRACT §4) around dialogs, through the real classifier and
dialogs: the emergency gate, the control words, status and digits mid-dialog, the quick
menu."""

from __future__ import annotations

import pytest

from handlers import texts
from tests.conversations import (
    APPOINTMENT,
    COMPLAINT,
    EMERGENCY,
    appointment_at,
    asks,
    complaint_at,
    unconfident,
)

# --- the emergency gate first ---------------------------------------------------------------

async def test_emergency_in_a_dialog_answers_110_and_keeps_the_dialog(chat, db):
    await appointment_at(chat, "o-1", 3)
    reply = await chat.say("o-1", EMERGENCY)
    assert reply.startswith("请立即拨打110")
    [ticket] = await db.tickets("o-1")
    assert ticket.kind == "emergency"
    # The booking goes on where it was.
    assert asks(await chat.say("o-1", "张三"), APPOINTMENT) == "phone"


# --- 取消 / 返回 / 重新开始 at every step --------------------------------------------------

@pytest.mark.parametrize("step", range(len(APPOINTMENT)))
async def test_appointment_controls_at_every_step(chat, db, step):
    steps = list(APPOINTMENT)
    await appointment_at(chat, "o-1", step)
    back = await chat.say("o-1", "返回")
    if step == 0:
        assert texts.text("dialog_at_first_step") in back
        assert asks(back, APPOINTMENT) == "service"
    else:
        assert asks(back, APPOINTMENT) == steps[step - 1]
    await appointment_at(chat, "o-2", step)
    assert asks(await chat.say("o-2", "重新开始"), APPOINTMENT) == "service"
    await appointment_at(chat, "o-3", step)
    cancelled = await chat.say("o-3", "取消")
    assert cancelled.startswith(texts.text("dialog_cancelled"))
    assert await db.dialog("o-3") is None
    assert await db.tickets() == []


@pytest.mark.parametrize("step", range(len(COMPLAINT)))
async def test_complaint_controls_at_every_step(chat, db, step):
    steps = list(COMPLAINT)
    await complaint_at(chat, "o-1", step)
    back = await chat.say("o-1", "返回")
    if step <= 1:       # the description, then the first question of the details
        assert texts.text("dialog_at_first_step") in back
        assert asks(back, COMPLAINT) == steps[step]
    else:
        assert asks(back, COMPLAINT) == steps[step - 1]
    await complaint_at(chat, "o-2", step)
    assert asks(await chat.say("o-2", "重新开始"), COMPLAINT) == steps[min(step, 1)]
    await complaint_at(chat, "o-3", step)
    cancelled = await chat.say("o-3", "取消")
    assert await db.dialog("o-3") is None
    if step == 0:
        assert cancelled.startswith(texts.text("dialog_cancelled"))
        assert await db.tickets("o-3") == []
    else:
        # The complaint was registered with its first message: only the questions stop.
        [ticket] = await db.tickets("o-3")
        assert ticket.status == "new" and ticket.number in cancelled
        assert texts.text("dialog_cancelled") not in cancelled


async def test_a_control_word_without_a_dialog(chat):
    for word in ("取消", "返回", "重新开始"):
        assert (await chat.say("o-1", word)).startswith(texts.text("no_dialog_to_control"))


# --- ticket numbers and status phrases before a dialog step ----------------------------------

@pytest.mark.parametrize("ask", ["number", "查询进度", "我的工单"])
async def test_status_during_a_dialog(chat, db, ask):
    await chat.say("o-1", "上个月有人在小区打架")
    await chat.say("o-1", "取消")           # stop the complaint's questions
    [ticket] = await db.tickets("o-1")
    await appointment_at(chat, "o-1", 2)
    reply = await chat.say("o-1", ticket.number if ask == "number" else ask)
    # A ticket's details answer; the numbered list is followed by the open question, so
    # that its numbers are not taken for the list's.
    listed = None if ask == "number" else list(APPOINTMENT)[2]
    assert ticket.number in reply and asks(reply, APPOINTMENT) == listed
    assert len(await db.tickets("o-1")) == 1
    assert asks(await chat.say("o-1", "明天上午"), APPOINTMENT) == "name"


# --- bare digits ------------------------------------------------------------------------------

async def test_a_bare_digit_without_a_numbered_prompt_is_no_choice(chat, db):
    # Issue 14.5: the numbered menu comes instead, and its numbers then answer it.
    reply = await chat.say("o-1", "1")
    assert reply.startswith(texts.text("menu_digit_unknown")) and "1. " in reply
    assert await db.tickets() == []


async def test_a_bare_digit_answers_the_newest_numbered_prompt(chat, services, db):
    vague = unconfident(services, "关于那个事情", "我有个事", "嗯，那个")
    assert "1. 投诉举报" in await chat.say("o-1", vague)
    # 2 on the quick menu opens the booking, whose service list is now the newest prompt.
    assert asks(await chat.say("o-1", "2"), APPOINTMENT) == "service"
    reply = await chat.say("o-1", "1")
    assert asks(reply, APPOINTMENT) == "unit"
    assert await db.tickets() == []   # not 1 = 投诉举报 of the older menu


async def test_a_digit_on_a_free_text_step_is_not_a_choice(chat, db):
    await appointment_at(chat, "o-1", 3)
    reply = await chat.say("o-1", "1")
    assert texts.text("name_invalid") in reply and asks(reply, APPOINTMENT) == "name"


# --- the quick menu when the classifier is unsure --------------------------------------------

async def test_an_unsure_message_gets_the_numbered_menu(chat, services, db):
    vague = unconfident(services, "关于那个事情", "我有个事", "嗯，那个")
    reply = await chat.say("o-1", vague)
    assert reply.startswith(texts.text("quick_menu"))
    assert "1. 投诉举报\n2. 预约办理\n3. 咨询\n4. 意见建议\n5. 查询进度" in reply
    assert await db.tickets() == []


@pytest.mark.parametrize(("digit", "intent", "kind"), [
    ("1", "complaint", "complaint"), ("2", "appointment", None), ("3", "consult", "consult"),
    ("4", "feedback", "feedback"), ("5", "status", None),
])
async def test_a_quick_menu_choice_runs_that_intent_and_is_kept(chat, services, db, digit,
                                                                 intent, kind):
    vague = unconfident(services, "关于那个事情", "我有个事", "嗯，那个")
    predicted = services.classifier.classify(vague).intent
    await chat.say("o-1", vague)
    reply = await chat.say("o-1", digit)
    [candidate] = await db.candidates()
    assert (candidate.text, candidate.predicted, candidate.chosen, candidate.source) == (
        vague, predicted, intent, "resident")
    tickets = await db.tickets("o-1")
    assert [t.kind for t in tickets] == ([kind] if kind else [])
    if kind:
        assert tickets[0].number in reply and tickets[0].summary == vague
        assert f"chosen:{intent}" in tickets[0].intent_reasons
    elif intent == "appointment":
        assert asks(reply, APPOINTMENT) == "service"
    else:
        assert reply.startswith(texts.text("status_none"))


async def test_a_bad_quick_menu_choice_is_asked_again(chat, services, db):
    await chat.say("o-1", unconfident(services, "关于那个事情", "我有个事", "嗯，那个"))
    reply = await chat.say("o-1", "9")
    assert reply.startswith(texts.text("choice_out_of_range"))
    assert "5. 查询进度" in reply and await db.candidates() == []
    await chat.say("o-1", "咨询")
    assert [c.chosen for c in await db.candidates()] == ["consult"]


async def test_model_alone_does_not_turn_a_dialog_answer_into_an_emergency(chat, db, services):
    await chat.say("o-place", "我想预约办身份证")
    prediction = services.classifier.classify("我家楼下")
    reply = await chat.say("o-place", "我家楼下")
    if prediction.intent == "emergency":
        assert not any(r.startswith("rule:emergency") for r in prediction.reasons)
    assert not reply.startswith("请立即拨打110")
    assert [t.kind for t in await db.tickets("o-place")] == []
