"""Rescues (someone trapped in a lift, in water, under a collapse) stay kind `other` (§4) but
are told 119 beside 110: in China 119 does 抢险救援 (a departure from §4's wording)."""

from __future__ import annotations

from handlers import texts
from handlers.classifier.cues.kinds import told_beside
from handlers.classifier.text import normalize
from handlers.intents import emergency

RESCUE = texts.text("emergency_advice_rescue")


async def test_people_trapped_in_a_lift_are_told_119_and_110(chat, db):
    reply = await chat.say("o-1", "我们被困在电梯里了，电梯停在两层中间，里面还有个老人")
    assert reply.startswith("请立即拨打119（火警）和110（报警）！") and RESCUE in reply
    assert (await db.ticket("o-1")).emergency_kind == "other"


async def test_a_bare_cry_for_help_is_told_110_only(chat, db):
    reply = await chat.say("o-1", "救命！！！")
    assert reply.startswith("请立即拨打110（报警）！") and "119" not in reply
    assert (await db.ticket("o-1")).emergency_kind == "other"


def numbers(kinds: list[str], text: str) -> list[str]:
    """What `kinds` are told with the numbers the classifier's rescue words add for `text`."""
    return emergency.numbers(kinds, also=told_beside(normalize(text), tuple(kinds)))


def test_rescue_words_add_119_to_other_only():
    assert numbers(["other"], "有人掉进河里了") == ["119", "110"]
    assert numbers(["other"], "電梯卡在三樓不動了") == ["119", "110"]
    assert numbers(["other"], "Two kids are trapped in the basement") == ["119", "110"]
    assert numbers(["other"], "山洪下来了，俺家房子被水围住了") == ["119", "110"]
    assert numbers(["other"], "救命") == ["110"]
    assert numbers(["other"], "好几条野狗在追着孩子咬") == ["110"]
    assert numbers(["fire", "other"], "被困在楼上") == ["119", "110"]


def test_rescue_words_add_119_to_any_kind_unless_they_mean_something_else():
    assert numbers(["medical"], "有人掉进河里了") == ["120", "119", "110"]
    assert numbers(["traffic"], "翻车了，司机卡在驾驶室里") == ["122", "120", "119", "110"]
    assert numbers(["medical"], "孩子吃花生卡住了，脸憋得通红") == ["120", "110"]
    assert numbers(["medical"], "我爸在厨房collapsed了, not breathing") == ["120", "110"]
    assert numbers(["medical"], "胸口疼，出不来气") == ["120", "110"]
    assert numbers(["fraud"], "客服说我的卡在往外扣钱") == ["96110", "110"]
    assert numbers(["medical"], "The roof collapsed on my dad") == ["120", "119", "110"]


async def test_a_rescue_with_an_injury_is_told_119_beside_120(chat, db):
    reply = await chat.say("o-1", "厂房的墙塌了，我同事被压在下面，腿上一直在流血，叫他也不太应")
    assert "119" in reply and "120" in reply and RESCUE in reply
    assert (await db.ticket("o-1")).emergency_kind == "medical"
