"""Kind-level defects of the gate's cues (the emergency stands; only its kind changes): an
electric shock is no blow, a mistyped call no fight, a forklift in a workshop no road crash."""

from __future__ import annotations

from handlers import texts

CRIME = texts.text("emergency_advice_crime")


async def test_a_worker_struck_by_electricity_is_told_120_not_a_fight(chat, db):
    reply = await chat.say("o-1", "我师傅在车间被电打了，现在躺在地上不动，闸已经拉了")
    assert "120" in reply and CRIME not in reply
    assert (await db.ticket("o-1")).emergency_kind == "medical"


async def test_a_mistyped_call_is_no_blow(chat, db):
    reply = await chat.say(
        "o-1", "我姐刚在河边给我发了张照片，说水好凉，我打她电化不接")
    assert CRIME not in reply and "12356" in reply
    assert (await db.ticket("o-1")).emergency_kind == "self_harm"


async def test_a_forklift_in_a_workshop_is_told_120_not_122(chat, db):
    reply = await chat.say("o-1", "我工友在仓库被叉车撞倒了，腿上全是血，现在起不来")
    assert "120" in reply and "122" not in reply
    assert (await db.ticket("o-1")).emergency_kind == "medical"


async def test_a_forklift_on_the_road_is_still_a_crash(chat, db):
    reply = await chat.say("o-1", "路口一辆叉车把骑电动车的人撞倒了，人躺在马路上不动")
    assert "122" in reply
    assert (await db.ticket("o-1")).emergency_kind == "traffic"


async def test_things_thrown_in_a_rage_are_a_threat_not_a_fall(chat, db):
    # 摔东西 is a husband smashing things, not someone who fell: no "do not move the injured".
    reply = await chat.say("o-1", "我老公喝多了在家摔东西，我好害怕")
    assert CRIME in reply and texts.text("emergency_advice_medical") not in reply
    assert (await db.ticket("o-1")).emergency_kind == "crime"
    reply = await chat.say("o-2", "我爸在卫生间摔倒了，起不来")
    assert "120" in reply and (await db.ticket("o-2")).emergency_kind == "medical"
