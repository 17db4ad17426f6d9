"""Issue 14's wrong acts in the residents' own registers: a pinyin word of two meanings, a
complaint about the officers themselves, a status question that says how long it waited."""

from __future__ import annotations

import pytest


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
])
async def test_the_same_words_in_a_danger_told_now_still_raise(chat, db, said):
    reply = await chat.say("o-1", said)
    assert "110" in reply
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.priority) == ("emergency", "P1")
