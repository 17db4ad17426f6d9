"""Issue 14's wrong acts in the residents' own registers: a pinyin word of two meanings, a
complaint about the officers themselves, a status question that says how long it waited."""

from __future__ import annotations

import pytest

from handlers import texts
from handlers.texts import english
from tests.conversations import COMPLAINT, asks


async def _no_alarm(db) -> bool:
    tickets = await db.tickets()
    return await db.outbox("wecom_robot") == [] and all(t.priority != "P1" for t in tickets)


# Toneless pinyin: 拿到 (got) reads as 拿刀, 达人 as 打人, 如实 as 入室, 迟到 as 持刀, 期货 as
# 起火, 留学 as 流血, 运到 as 晕倒. Alone, none of them is a danger.
@pytest.mark.parametrize("said", [
    "wo na dao le kuai di, xiang zi po le, tou su kuai di",
    "ta shi ge meishi daren, zai xiaoqu li kai dian, tian tian chao",
    "qing ni men ru shi gao su wo, wo de shen fen zheng shen me shi hou neng ling",
    "wo chi dao le",
    "wo ba zai wang shang zuo qi huo kui le, ping tai bu rang ti xian",
    "wo nv er yao chu guo liu xue, hu zhao zen me ban",
    "kuai di yun dao le, ke shi li mian de dong xi bu dui",
])
async def test_a_pinyin_word_of_two_meanings_alone_raises_no_alarm(chat, db, said):
    await chat.say("o-1", said)
    assert await _no_alarm(db)


# The same words beside someone doing it, another danger or "now" are the danger.
@pytest.mark.parametrize("said", [
    "you ren na dao zai lou xia zhui ren",
    "lou xia you ge nan de zai da ren, kuai lai",
    "you xiao tou ru shi dao qie, xian zai hai zai wo jia li",
    "chu fang qi huo le, huo hen da",
    "ta tou shang liu xue, xian zai hun mi le",
    "wo ma tu ran yun dao le",
    "wo ba zai jia li yun dao le, jiao bu xing",
])
async def test_the_same_words_in_a_danger_told_now_still_raise(chat, db, said):
    reply = await chat.say("o-1", said)
    assert "110" in reply
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.priority) == ("emergency", "P1")


@pytest.mark.parametrize("said", [
    "所里那个民警态度可冲了，我问一句他吼一句",
    "你们窗口办事效率也太低了，一个证明我跑了三趟",
    "派出所的警察爱答不理的，问什么都说不归他们管",
    "pai chu suo de min jing tai du tai cha, wen ji ju jiu bu nai fan",
])
async def test_a_complaint_about_the_officers_is_a_p2_complaint(chat, db, said):
    await chat.say("o-1", said)
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.priority) == ("complaint", "P2")
    assert await db.outbox("wecom_robot") == []


async def test_a_danger_told_beside_a_complaint_about_the_officers_still_raises(chat, db):
    reply = await chat.say("o-1", "民警出警太慢了，现在他们又在楼下打起来了，有人拿着刀")
    assert "110" in reply
    assert (await db.ticket("o-1")).priority == "P1"


@pytest.mark.parametrize("asked", [
    "等了三天了，我的事办得怎么样了",
    "上回反映的物业不作为的事，过去一个礼拜了，有结果了吗",
])
async def test_a_status_question_that_says_how_long_it_waited(chat, db, clock, asked):
    await chat.say("o-1", "楼上天天半夜蹦迪，吵死了")
    await chat.say("o-1", "取消")
    [ticket] = await db.tickets("o-1")
    clock.advance(days=3)
    reply = await chat.say("o-1", asked)
    assert ticket.number in reply and texts.text("complaint_start") not in reply
    assert len(await db.tickets("o-1")) == 1


async def test_a_complaint_typed_in_pinyin_opens_the_complaint_dialog(chat, db):
    reply = await chat.say("o-1", "wo yao tou su, lou shang tian tian zao yin")
    ticket = await db.ticket("o-1")
    assert ticket.kind == "complaint" and ticket.number in reply
    assert asks(reply, COMPLAINT) == "where"


@pytest.mark.parametrize("said", ["wo yao tou su", "nin hao, woxiangjubao", "wo yao tou shu"])
async def test_a_bare_request_in_pinyin_asks_what_happened(chat, db, said):
    assert texts.text("complaint_start") in await chat.say("o-1", said)
    assert await db.tickets() == []
    await chat.say("o-1", "xiao qu men kou tian tian you ren zhan dao bai tan")
    assert (await db.ticket("o-1")).kind == "complaint"


# English: a theft, a loss, a fight told in English used to get the Chinese welcome line or
# the "which did you mean?" menu; an English question about a newborn's 户口, the welcome line.
@pytest.mark.parametrize("said", [
    "I lost my phone in a taxi this morning",
    "someone hit me in a bar last night",
    "hello, my wallet was stolen on the bus",
])
async def test_an_english_report_is_taken_and_told_in_english_that_officers_read_chinese(
        chat, db, said):
    reply = await chat.say("o-en", said)
    ticket = await db.ticket("o-en")
    assert ticket.kind == "complaint" and ticket.priority != "P1"
    # Told once, on the question's own English line (not a second English paragraph).
    assert f"{english.NOTE} {english.PROMPTS['ask_where']}" in reply
    assert texts.text("english_note") not in reply
    assert asks(reply, COMPLAINT) == "where"


@pytest.mark.parametrize("said", [
    "I found a wallet on the street, thanks",
    "thank you, the officer helped me after my bike was stolen",
    "I lost my passport, what should I do?",
    "lost my passport what to do",
])
async def test_english_thanks_a_find_or_a_question_opens_no_complaint(chat, db, said):
    await chat.say("o-en", said)
    assert [t for t in await db.tickets() if t.kind == "complaint"] == []


async def test_an_english_question_the_knowledge_base_answers_is_answered(chat, db, services):
    reply = await chat.say("o-en", "my son was born last month, how do I register his hukou")
    newborn = next(e for e in services.faq.entries if e.id == "hukou-newborn")
    assert reply.startswith(texts.text("english_note"))
    assert newborn.answer in reply
    assert await db.tickets() == []


async def test_a_chinese_message_gets_no_english_note(chat):
    reply = await chat.say("o-zh", "钱包在公交车上被偷了")
    assert "Chinese" not in reply
