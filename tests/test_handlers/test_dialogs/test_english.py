"""Issue 14 (the walk-through): a resident who writes in English is told what each question of
a dialog asks in English too, not only on the first reply, and may answer its "no", "back" and
"cancel" in English."""

from __future__ import annotations

import re

import pytest

from handlers import texts
from handlers.texts import english
from tests.conversations import APPOINTMENT, COMPLAINT, asks, unconfident


def english_lines(reply: str) -> list[str]:
    """The lines of a reply written in English (the bilingual note is one)."""
    return [line for line in reply.split("\n") if len(re.findall(r"[A-Za-z]{2,}", line)) >= 3]


# The English line of each question names what it asks.
ASKED_IN_ENGLISH = {"where": "Where did it happen?", "when": "When did it happen?",
                    "phone": "Your mobile number", "photos": "Photos, videos or voice"}


async def test_every_question_of_a_report_written_in_english_is_asked_in_english(chat, db):
    first = await chat.say("e-1", "Somebody broke the window of my car last night on the street")
    assert english_lines(first) == [f"{english.NOTE} {english.PROMPTS['ask_where']} "
                                    f"{english.CONTROLS}"]
    assert asks(first, COMPLAINT) == "where" and ASKED_IN_ENGLISH["where"] in first
    after_where = await chat.say("e-1", "Outside building 5, Liuyuan estate, Gulou street")
    assert asks(after_where, COMPLAINT) == "when" and ASKED_IN_ENGLISH["when"] in after_where
    after_when = await chat.say("e-1", "around 11 pm")
    assert asks(after_when, COMPLAINT) == "phone" and ASKED_IN_ENGLISH["phone"] in after_when
    after_phone = await chat.say("e-1", "no")           # the English "none" skips it
    assert asks(after_phone, COMPLAINT) == "photos" and ASKED_IN_ENGLISH["photos"] in after_phone
    done = await chat.say("e-1", "nothing")
    assert done.startswith(texts.text("complaint_done", number=(await db.ticket("e-1")).number))
    assert (await db.ticket("e-1")).contact_phone in (None, "")


async def test_a_booking_begun_in_english_is_asked_in_english_to_the_end(chat, db):
    first = await chat.say("e-2", "I would like to book a time to apply for a residence permit")
    # The residence permit named in English is the service: the station is asked first.
    step = first
    assert asks(step, APPOINTMENT) == "unit" and "Which police station" in step
    step = await chat.say("e-2", "1")
    if asks(step, APPOINTMENT) == "time":
        assert "When would you like to come?" in step
        step = await chat.say("e-2", "12月2日上午")
    assert asks(step, APPOINTMENT) == "name" and "Your name, please" in step
    step = await chat.say("e-2", "John Smith")
    assert asks(step, APPOINTMENT) == "phone" and "Your mobile number" in step
    step = await chat.say("e-2", "13812345678")
    assert asks(step, APPOINTMENT) == "confirm" and "reply 1 to confirm" in step


async def test_back_and_cancel_work_in_english(chat, db):
    await chat.say("e-3", "My neighbour's dog barks all night and nobody does anything")
    back = await chat.say("e-3", "Back")
    assert back.startswith(texts.text("dialog_at_first_step"))
    stopped = await chat.say("e-3", "cancel")
    assert await db.dialog("e-3") is None
    assert stopped.startswith(texts.text("complaint_details_stopped",
                                         number=(await db.ticket("e-3")).number))


async def test_a_resident_writing_chinese_gets_no_english_line(chat, db):
    reply = await chat.say("e-4", "小区门口天天有人乱停车，堵得出不去")
    later = await chat.say("e-4", "柳园小区北门")
    assert "Where did it happen?" not in reply and "When did it happen" not in later
    assert "(Reply" not in later


@pytest.mark.parametrize(("said", "booked"), [
    ("next Tuesday morning", "12月1日（周二）上午"),
    ("tomorrow at 3 pm", "11月26日（周四）15:00"),
    ("Friday afternoon", "11月27日（周五）下午"),
    ("Dec 2, morning please", "12月2日（周三）上午"),
])
async def test_a_booking_time_written_in_english_is_read(chat, db, said, booked):
    # "When would you like to come?" is asked in English: the answer was "not a time".
    first = await chat.say("e-t", "I would like to book a time to apply for a residence permit")
    if asks(first, APPOINTMENT) == "service":
        await chat.say("e-t", "3")
    await chat.say("e-t", "1")                          # the station
    reply = await chat.say("e-t", said)
    assert asks(reply, APPOINTMENT) == "name", reply
    await chat.say("e-t", "John Smith")
    assert f"时间：{booked}" in await chat.say("e-t", "13812345678")


def test_english_words_that_name_no_day_are_no_time():
    from handlers.dialogs import english_time
    for said in ("I will come soon", "I sat down and waited", "as early as possible"):
        assert english_time.chinese(said) is None, said


# First messages of residents writing English, to each intent, in their own words.
FIRST_WORDS = [
    "Somebody keeps parking his van in front of the fire exit of our building",
    "i wanna complain abt the noise from the bar downstairs, every nite",
    "I need to renew my residence permit, can I book a time?",
    "appointment for ID card please",
    "What's the status of my complaint?",
    "any update on my report??",
    "I would like to give a suggestion: more patrols near the night market",
    "How do I apply for a temporary residence permit as a foreigner?",
]


@pytest.mark.parametrize("said", FIRST_WORDS)
async def test_the_first_reply_to_english_carries_one_english_line(chat, db, said):
    # A ticket to ask about, for the status questions.
    await chat.say("e-f", "楼上天天半夜蹦迪，吵死了")
    await chat.say("e-f", "取消")
    first = await chat.say("e-f", said)
    lines = english_lines(first)
    assert len(lines) == 1, first
    # Told once that our replies are in Chinese, in front of the question's own line.
    assert lines[0].startswith(english.NOTE) or lines[0] == texts.text("english_note"), first


@pytest.mark.parametrize(("said", "stored"), [
    ("my name is Anna Lee", "Anna Lee"),
    ("I'm Mohammed Al-Rashid", "Mohammed Al-Rashid"),
    ("im Imran Khan", "Imran Khan"),
    ("Name: Siobhan O'Brien", "Siobhan O'Brien"),
    ("María José Núñez", "María José Núñez"),
])
async def test_a_name_written_in_english_is_kept_without_its_preamble(chat, db, said, stored):
    await chat.say("e-n", "appointment for ID card please")
    await chat.say("e-n", "1")                          # the station
    await chat.say("e-n", "next Monday morning")
    await chat.say("e-n", said)
    confirm = await chat.say("e-n", "13812345678")
    assert f"姓名：{stored}\n" in confirm, confirm


@pytest.mark.parametrize("not_a_name", ["next Tuesday morning", "I want to book please",
                                        "dont know", "tomorrow at 3 pm"])
async def test_words_that_are_no_name_are_asked_again(chat, db, not_a_name):
    await chat.say("e-x", "appointment for ID card please")
    await chat.say("e-x", "1")
    await chat.say("e-x", "next Monday morning")
    reply = await chat.say("e-x", not_a_name)
    assert asks(reply, APPOINTMENT) == "name" and "Your name, please" in reply


@pytest.mark.parametrize(("answer", "asks_phone"), [
    ("no, that is the scammer's number", True),
    ("not mine", True),
    ("yes it's mine", False),
    ("yes", False),
])
async def test_whose_number_a_report_quotes_is_answered_in_english(chat, db, answer,
                                                                    asks_phone):
    first = await chat.say("e-p", "A man called me from 17012345678 pretending to be bank "
                                  "staff and asked for my card number, I did not pay anything")
    assert "Is the number in your message your own?" in first or asks(first, COMPLAINT), first
    while "Is the number in your message your own?" not in first:
        # Where and when first, in the resident's English.
        first = await chat.say("e-p", "Building 5, Liuyuan estate" if asks(first, COMPLAINT)
                               == "where" else "this morning around 9")
    reply = await chat.say("e-p", answer)
    assert (asks(reply, COMPLAINT) == "phone") is asks_phone, reply
    ticket = await db.ticket("e-p")
    assert (ticket.contact_phone == "17012345678") is not asks_phone


@pytest.mark.parametrize(("where", "unit", "area"), [
    ("Building 5, Liuyuan estate", "古楼派出所", "柳园"),
    ("near the market on Huxi street", "湖西派出所", "湖西街道"),
    ("dong cheng, the road behind the school", "新区派出所", "东城街道"),
])
async def test_a_place_named_in_pinyin_routes_the_report(chat, db, where, unit, area):
    # Nothing in the report names a station: it waits for a unit until the place is told.
    await chat.say("e-r", "Somebody scratched my car with a key while it was parked")
    assert (await db.ticket("e-r")).flagged_unassigned
    await chat.say("e-r", where)
    ticket = await db.ticket("e-r")
    assert (ticket.unit, ticket.area, ticket.flagged_unassigned) == (unit, area, False)


async def test_english_words_that_name_no_place_leave_the_report_waiting(chat, db):
    await chat.say("e-w", "Somebody scratched my car with a key while it was parked")
    await chat.say("e-w", "outside the gym, next to the bank")
    assert (await db.ticket("e-w")).flagged_unassigned


async def test_an_emergency_told_in_english_at_a_pinyin_place_alerts_its_station(chat, db):
    await chat.say("e-a", "help! two men are fighting with knives at Huxi street market now")
    ticket = await db.ticket("e-a")
    assert (ticket.unit, ticket.kind) == ("湖西派出所", "emergency")
    [job] = await db.outbox("wecom_robot")
    assert "区域：湖西街道" in job.payload


@pytest.mark.parametrize("said", [
    "预约 ID card renewal please",
    "I want to 投诉 my neighbour, he parks on the fire lane every day",
    "can I 预约 a time for my residence permit",
    "my bike got stolen at 柳园小区 yesterday evening",
])
async def test_mostly_english_with_a_chinese_word_is_asked_in_english(chat, db, said):
    first = await chat.say("e-m", said)
    assert len(english_lines(first)) == 1 and english.NOTE in first, first


@pytest.mark.parametrize("said", [
    "我在淘宝买了iPhone case结果是假的，商家不退款",
    "小区门口有人卖假货，APP上也有人卖",
])
async def test_chinese_with_a_brand_in_english_is_asked_in_chinese(chat, db, said):
    first = await chat.say("e-z", said)
    assert english_lines(first) == [], first


async def test_a_choice_from_the_menu_asked_in_english_goes_on_in_english(chat, db, services):
    said = unconfident(services, "Can i booking time for residense permit?",
                       "hmm i think maybe i need some help with papers",
                       "about the thing from last week, what now",
                       # The first is a booking said in so many words since english20.
                       "i have a problem with my papers, not sure what to do",
                       "hello, it is about my residence thing again")
    menu = await chat.say("e-q", said)
    assert english.PROMPTS["quick_menu"] in menu
    reply = await chat.say("e-q", "2")                  # 预约办理
    assert asks(reply, APPOINTMENT) in ("service", "unit"), reply
    assert len(english_lines(reply)) == 1 and english.NOTE in reply, reply
    later = await chat.say("e-q", "1")
    assert len(english_lines(later)) == 1 and english.NOTE not in later, later


async def test_a_ticket_asked_after_by_number_in_english_is_told_in_english_too(chat, db):
    await chat.say("e-no", "楼上天天半夜蹦迪，吵死了")
    await chat.say("e-no", "取消")
    number = (await db.ticket("e-no")).number
    reply = await chat.say("e-no", f"Hello, what is happening with {number}? Any news?")
    assert number in reply and len(english_lines(reply)) == 1, reply
