"""Pinyin syllables: a message typed in pinyin reads like the same words in characters."""

from __future__ import annotations

from handlers.classifier import pinyin
from handlers.classifier.text import normalize


def _pairs(text: str) -> list[str]:
    return pinyin.features(normalize(text))


def test_characters_and_typed_pinyin_give_the_same_syllable_pairs():
    said = _pairs("我要投诉物业不管事")
    assert _pairs("wo yao tou su wu ye bu guan shi") == said
    assert _pairs("WOYAOTOUSU WUYEBUGUANSHI") == said
    assert "p:tou_su" in said


def test_tone_marks_and_full_width_letters_are_read_as_plain_pinyin():
    assert _pairs("nǐmen kěyǐ bāng wǒ ma") == _pairs("你们可以帮我吗")
    assert _pairs("ｓｈｅｎ ｆｅｎ ｚｈｅｎｇ") == _pairs("身份证")


def test_punctuation_and_english_words_break_the_pairs():
    assert _pairs("投诉，物业") == ["p:tou_su", "p:wu_ye"]
    # "report" does not cut into syllables: nothing pairs across it.
    assert pinyin.split_latin("report") is None
    assert _pairs("tou su report wu ye") == ["p:tou_su", "p:wu_ye"]


def test_a_message_with_no_letters_has_no_pairs():
    assert _pairs("") == [] and _pairs("123 !!! 😀") == []


def test_english_request_words_read_as_the_chinese_words_of_the_corpus():
    found = pinyin.english(normalize("I want to COMPLAIN about a stolen bike"))
    assert {"w:投诉", "p:tou_su", "w:被偷", "p:bei_tou"} <= set(found)
    assert "w:预约" in pinyin.english(normalize("Can I book an appointment?"))
    assert pinyin.english(normalize("Nice weather today")) == []
    assert pinyin.english(normalize("我要投诉")) == []


def test_english_function_words_are_not_features():
    from handlers.classifier.model import features

    read = features(normalize("The noise and the smoke"))
    assert "w:and" not in read and "w:the" not in read
    assert "w:noise" in read and "w:噪音" in read


def test_dialect_words_and_one_reading_slips_read_in_the_standard_spelling():
    assert pinyin.standard("恁们夜来说俺那事咋办木有下文") == "你们昨天说我那事怎么办没有下文"
    assert pinyin.standard("我以经转帐了 现再正再等 有人再吗?") \
        == "我已经转账了 现在正在等 有人在吗?"
    # Right as typed: 再 of "again", a mosquito net, 发现再说 and 嘛 as a particle.
    for kept in ("再见 明天再来", "蚊帐和帐篷", "发现再说", "好嘛 就这样嘛"):
        assert pinyin.standard(kept) == kept


def test_a_dialect_message_meets_the_words_of_its_standard_twin():
    from handlers.classifier.model import features

    dialect = set(features(normalize("俺这事咋办")))
    assert {"w:怎么办", "p:zen_me", "p:wo_zhe"} <= dialect
    # The n-grams see 俺 as typed and regional words in their standard form (`reading.dialect`:
    # 咋办 → 怎么办); the words are the standard ones.
    assert {"俺", "怎么办"} <= dialect and "咋办" not in dialect and "w:咋" not in dialect


def test_sounds_often_confused_in_toneless_pinyin_have_one_fuzzy_spelling():
    # zh/z, ch/c, sh/s, n/l and an/ang, en/eng, in/ing: typed either way, one spelling.
    assert [pinyin.fold(s) for s in ("shu", "zheng", "chang", "ning", "nan")] \
        == ["su", "zen", "can", "lin", "lan"]
    # Other sounds stay apart: tou is not tu, ong is not on.
    assert [pinyin.fold(s) for s in ("tou", "tu", "zhong", "xiong")] \
        == ["tou", "tu", "zong", "xiong"]


def test_frequent_slips_of_sound_and_shape_read_as_the_word_meant():
    assert pinyin.standard("我要抱警 自已的车 时侯 拔打 可已吗 以后再说") \
        == "我要报警 自己的车 时候 拨打 可以吗 以后再说"
    assert pinyin.standard("反应一下问题 已后") == "反映一下问题 以后"
    # Right as typed: 已 before 经, 为 or 前往, 后悔; 在次日; a reaction.
    for kept in ("派出所已受理", "已为您办理", "民警已前往", "我已后悔", "在次日凌晨", "过敏反应",
                 "抱歉"):
        assert pinyin.standard(kept) == kept
