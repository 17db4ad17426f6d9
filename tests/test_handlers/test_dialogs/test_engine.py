"""The dialog engine through the router: persistence, expiry, prompts, re-asks and skips."""

from __future__ import annotations

import pytest

from handlers import texts
from handlers.conversation import quickmenu
from handlers.dialogs.steps import prompt
from handlers.intents.appointment import DIALOG as APPOINTMENT_DIALOG
from handlers.intents.complaint import DETAILS
from tests.conversations import APPOINTMENT, COMPLAINT, NOISE, appointment_at, asks, make_chat


async def test_a_dialog_survives_a_restart(chat, config, sessions, clock, db):
    from bot.assembly import build_services

    await appointment_at(chat, "o-1", 3)
    restarted = make_chat(sessions, await build_services(config, sessions), clock)
    assert asks(await restarted.say("o-1", "张三"), APPOINTMENT) == "phone"
    assert asks(await restarted.say("o-1", "13812345678"), APPOINTMENT) == "confirm"
    await restarted.say("o-1", "1")
    [ticket] = await db.tickets("o-1")
    assert ticket.kind == "appointment"


async def test_a_dialog_expires_after_30_minutes_of_silence(chat, clock, db):
    await appointment_at(chat, "o-1", 2)
    clock.advance(minutes=29)
    assert asks(await chat.say("o-1", "明天上午"), APPOINTMENT) == "name"
    # Each answer restarts the 30 minutes.
    clock.advance(minutes=29)
    assert asks(await chat.say("o-1", "张三"), APPOINTMENT) == "phone"
    clock.advance(minutes=30)
    reply = await chat.say("o-1", "13812345678")
    assert asks(reply, APPOINTMENT) is None
    assert await db.tickets() == []
    assert (await chat.say("o-1", "返回")).startswith(texts.text("no_dialog_to_control"))


@pytest.mark.parametrize(("dialog", "words"), [
    (APPOINTMENT_DIALOG, {"service": "业务", "unit": "派出所", "time": "时间", "address": "地址",
                          "name": "姓名", "phone": "手机号", "confirm": "确认"}),
    (DETAILS, {"where": "地点", "when": "时间", "phone_owner": "本人的联系电话",
               "phone": "手机号", "photos": "照片"}),
    (quickmenu.dialog(), {"choice": "哪一项"}),
])
def test_every_prompt_names_what_it_asks(dialog, words):
    data = {"service": "id_card", "time": "明天", "name": "张三", "phone": "13812345678"}
    assert [step.name for step in dialog.steps] == list(words)
    for step in dialog.steps:
        text = prompt(step, data)
        assert words[step.name] in text
        assert "返回" in text and "取消" in text
        if step.optional:
            assert "“无”" in text
        for number, option in enumerate(step.options, start=1):
            assert f"{number}. {option.label}" in text


async def test_the_asked_prompts_name_what_they_ask(chat):
    replies = [await chat.say("o-1", "我要预约")]
    for answer in ("1", "1", "明天上午", "张三", "13812345678"):
        replies.append(await chat.say("o-1", answer))
    for reply, word in zip(replies, ("业务", "派出所", "时间", "姓名", "手机号", "确认"),
                           strict=True):
        assert word in reply


async def test_a_bad_phone_is_asked_again_with_the_error(chat, db):
    await appointment_at(chat, "o-1", 4)
    reply = await chat.say("o-1", "1234")
    assert reply.startswith(texts.text("phone_invalid"))
    assert asks(reply, APPOINTMENT) == "phone"
    assert asks(await chat.say("o-1", "138 1234 5678"), APPOINTMENT) == "confirm"


@pytest.mark.parametrize(("answer", "error"), [("9", "choice_out_of_range"),
                                                ("0", "choice_out_of_range"),
                                                ("随便", "choice_unknown")])
async def test_a_bad_choice_is_asked_again_with_the_error(chat, answer, error):
    await appointment_at(chat, "o-1", 0)
    reply = await chat.say("o-1", answer)
    assert reply.startswith(texts.text(error)) and asks(reply, APPOINTMENT) == "service"
    assert "8. " in reply      # the options are listed again


async def test_a_choice_by_its_label_or_alias(chat):
    await appointment_at(chat, "o-1", 0)
    assert asks(await chat.say("o-1", "居住证"), APPOINTMENT) == "unit"
    await appointment_at(chat, "o-2", 0)
    assert asks(await chat.say("o-2", "身份证办理"), APPOINTMENT) == "unit"


async def test_a_bad_name_is_asked_again(chat):
    await appointment_at(chat, "o-1", 3)
    reply = await chat.say("o-1", "张")
    assert reply.startswith(texts.text("name_invalid")) and asks(reply, APPOINTMENT) == "name"


async def test_back_at_the_first_step_says_so_and_asks_it_again(chat, db):
    await appointment_at(chat, "o-1", 0)
    reply = await chat.say("o-1", "返回")
    assert reply.startswith(texts.text("dialog_at_first_step"))
    assert asks(reply, APPOINTMENT) == "service"
    assert (await db.dialog("o-1")).step == 0


async def test_back_skips_a_preset_step(chat):
    reply = await chat.say("o-1", "我想预约办身份证")
    assert asks(reply, APPOINTMENT) == "unit"
    back = await chat.say("o-1", "返回")
    assert back.startswith(texts.text("dialog_at_first_step")) and asks(back, APPOINTMENT) == "unit"


async def test_restart_keeps_what_the_first_message_named(chat):
    await chat.say("o-1", "我想预约办身份证")
    await chat.say("o-1", "1")
    await chat.say("o-1", "明天上午")
    reply = await chat.say("o-1", "重新开始")
    assert asks(reply, APPOINTMENT) == "unit"
    assert asks(await chat.say("o-1", "返回"), APPOINTMENT) == "unit"
    for answer in ("1", "后天下午", "张三", "13812345678"):
        reply = await chat.say("o-1", answer)
    assert "身份证办理" in reply and "11月27日（周五）下午" in reply     # 后天下午, read


async def test_optional_steps_answered_none(chat, db):
    reply = await chat.say("o-1", NOISE)
    assert asks(reply, COMPLAINT) == "where"
    assert asks(await chat.say("o-1", "柳园小区3号楼"), COMPLAINT) == "when"
    assert asks(await chat.say("o-1", "无"), COMPLAINT) == "phone"
    assert asks(await chat.say("o-1", "没有"), COMPLAINT) == "photos"
    ticket = await db.ticket("o-1")
    done = await chat.say("o-1", "无")
    assert done.startswith(texts.text("complaint_done", number=ticket.number))
    assert await db.dialog("o-1") is None
    ticket = await db.ticket("o-1")
    assert ticket.contact_phone is None
    answers = [e.text for e in await db.events(ticket) if e.type == "message_in"]
    assert answers == ["地点：柳园小区3号楼"]


async def test_a_required_step_does_not_take_none_as_skip(chat):
    await appointment_at(chat, "o-1", 3)
    reply = await chat.say("o-1", "无")
    assert asks(reply, APPOINTMENT) == "name"
