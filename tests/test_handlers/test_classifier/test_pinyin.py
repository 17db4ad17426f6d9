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
