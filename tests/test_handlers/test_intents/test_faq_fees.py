"""A fee asked in short ("护照多少钱", "居住证收费吗"): answered by an entry that tells that fee,
or passed to an officer when none does; never answered with an entry about something else."""

from __future__ import annotations

import pytest

OFFICER = "已转民警解答"


@pytest.mark.parametrize(("said", "fee"), [
    ("护照多少钱", "120元"),
    ("办护照要多少钱", "120元"),
    ("身份证补办费用", "40元"),
    ("办身份证要钱吗", "20元"),
    ("居住证收费吗", "免收工本费"),
    ("港澳通行证多少钱", "60元"),
])
async def test_a_fee_the_knowledge_base_tells_is_answered(chat, db, said, fee):
    reply = await chat.say("o-fee", said)
    assert fee in reply and OFFICER not in reply
    assert await db.tickets("o-fee") == []


@pytest.mark.parametrize("said", ["开无犯罪证明要钱吗", "护照加急费多少", "补办驾驶证多少钱",
                                  "户口迁移收费不"])
async def test_a_fee_nobody_wrote_down_goes_to_an_officer(chat, db, said):
    reply = await chat.say("o-fee", said)
    assert OFFICER in reply and "元" not in reply
    [ticket] = await db.tickets("o-fee")
    assert ticket.kind == "consult"


async def test_overcharging_feared_is_not_a_fee_question(chat, db):
    reply = await chat.say("o-fee", "找开锁师傅要注意什么，怕碰上乱收费的")
    assert "开锁" in reply and OFFICER not in reply
