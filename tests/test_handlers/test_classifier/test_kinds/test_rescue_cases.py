"""The arguable rescues, decided by CONTRACT §4: a child or an old person lost in town and a
missing child only feared to be in the water are `missing` (110, no 119); someone far from home
is no rescue; people lost in the hills are (119 does 山岳救援, the README's departure)."""

from __future__ import annotations

from handlers import texts

RESCUE = texts.text("emergency_advice_rescue")


async def test_people_lost_in_the_hills_at_night_are_told_119(chat, db):
    reply = await chat.say("o-1", "我们三个人在山里迷路了，天已经黑了，有一个人崴了脚走不了")
    assert "119" in reply and RESCUE in reply


async def test_a_missing_child_only_feared_in_the_water_is_told_110_not_119(chat, db):
    reply = await chat.say("o-1", "孩子刚才还在河边玩，一转眼人就不见了，我好怕他掉水里了")
    assert "119" not in reply and RESCUE not in reply


async def test_an_old_man_lost_in_town_is_missing_not_a_rescue(chat, db):
    reply = await chat.say(
        "o-1", "我爸有老年痴呆，刚才打电话说他迷路了，不知道自己在哪，现在电话也打不通了")
    assert (await db.ticket("o-1")).emergency_kind == "missing"
    assert "119" not in reply and RESCUE not in reply


async def test_a_writer_who_cannot_get_home_is_no_rescue(chat, db):
    reply = await chat.say(
        "o-1", "我妈正在跟一个自称警察的人视频，让她往安全账户转钱，已经转了两万了，我在外地回不去")
    assert "96110" in reply and "119" not in reply and RESCUE not in reply
