"""The numbers a resident is told for the kind their words tell (§4, issue 11 item 2): a
rescue is no crash, no fire and no missing person; pinyin is heard; a dog is no criminal."""

from __future__ import annotations

from handlers import texts

FIRE, CRIME = texts.text("emergency_advice_fire"), texts.text("emergency_advice_crime")
MISSING = texts.text("emergency_advice_missing")
CARING = texts.text("emergency_caring")


async def test_someone_fallen_into_a_river_is_a_rescue_told_119_not_122(chat, db):
    # Struggling in the water: a life in danger, told 120 beside the rescue's 119.
    reply = await chat.say("o-1", "有人掉进河里了，在水里扑腾")
    assert "119" in reply and "120" in reply and "122" not in reply
    assert (await db.ticket("o-1")).emergency_kind == "medical"


async def test_a_child_fallen_into_a_well_is_a_rescue_not_an_injury(chat, db):
    reply = await chat.say("o-1", "小区里有个孩子掉进枯井里了，能听见他在下面喊妈妈")
    assert "119" in reply and "120" not in reply
    assert (await db.ticket("o-1")).emergency_kind == "other"


async def test_an_engine_stalled_in_a_flood_is_no_fire(chat, db):
    reply = await chat.say("o-1", "地下通道积水很深，一辆出租车熄火了，司机出不来")
    assert "119" in reply and FIRE not in reply
    assert (await db.ticket("o-1")).emergency_kind == "other"


async def test_someone_still_under_a_collapse_is_trapped_not_missing(chat, db):
    reply = await chat.say("o-1", "仓库顶棚塌了，我爸还在里面没出来")
    assert "119" in reply and MISSING not in reply
    assert (await db.ticket("o-1")).emergency_kind == "other"


async def test_a_collapse_in_pinyin_is_heard_as_medical_and_told_120(chat, db):
    reply = await chat.say("o-1", "wo nai nai dao zai di shang le, jiao ta mei you fan ying")
    assert reply.startswith("请立即拨打120") and "110" in reply
    assert (await db.ticket("o-1")).emergency_kind == "medical"


async def test_sleeping_pills_in_pinyin_get_the_caring_answer_with_12356(chat, db):
    reply = await chat.say("o-1", "wo ba chi le hen duo an mian yao, jiao bu xing")
    assert CARING in reply and "12356" in reply and "120" in reply
    assert (await db.ticket("o-1")).emergency_kind == "self_harm"


async def test_a_dog_attacking_a_child_is_no_crime(chat, db):
    reply = await chat.say("o-1", "a dog is attacking my kid in the yard right now")
    assert CRIME not in reply and "110" in reply
    assert (await db.ticket("o-1")).emergency_kind == "other"


async def test_the_kinds_own_numbers_are_kept(chat, db):
    # Beside the changes, the plain cases still tell their numbers (§4).
    for user, text, number in (("o-1", "楼道里着火了，到处是烟", "119"),
                               ("o-2", "路口车祸，有人躺在地上流血", "122"),
                               ("o-3", "对方让我把钱转到安全账户，我正在转", "96110"),
                               ("o-4", "我不想活了，药都准备好了", "12356")):
        assert number in await chat.say(user, text)


async def test_a_sparking_wire_is_a_rescue_told_119_with_no_fire_advice(chat, db):
    reply = await chat.say("o-1", "路边的电线断了掉在地上，一直在冒火花，小孩子就在旁边")
    assert "119" in reply and FIRE not in reply
    assert (await db.ticket("o-1")).emergency_kind == "other"


async def test_a_bull_loose_in_the_lanes_is_no_missing_person(chat, db):
    reply = await chat.say("o-1", "村里一头公牛跑出来了，在巷子里乱顶，孩子们正放学")
    assert MISSING not in reply and "110" in reply
    assert (await db.ticket("o-1")).emergency_kind == "other"


async def test_an_arson_or_bomb_threat_for_money_is_told_as_a_fire_and_a_crime(chat, db):
    for user, text in (("o-1", "加油站里一个男的举着打火机，说不给他钱就把油枪点了"),
                       ("o-2", "有人在银行大厅里拿着个疑似爆炸物，要求柜员取款给他")):
        reply = await chat.say(user, text)
        assert "119" in reply and FIRE in reply and CRIME in reply
        assert (await db.ticket(user)).emergency_kind == "fire"


async def test_a_fallen_tree_over_a_car_is_a_rescue_not_a_person_down(chat, db):
    reply = await chat.say("o-1", "刮大风，路边一棵树倒了，砸在一辆车上，车里的人出不来")
    assert "119" in reply and "120" not in reply
    assert (await db.ticket("o-1")).emergency_kind == "other"


async def test_a_person_down_in_pinyin_is_still_heard(chat, db):
    reply = await chat.say("o-1", "wo ba dao zai yu shi li le, han ta ye bu da ying")
    assert "120" in reply
    assert (await db.ticket("o-1")).emergency_kind == "medical"
