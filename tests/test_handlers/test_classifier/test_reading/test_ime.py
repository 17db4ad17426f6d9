"""Pinyin read back into characters: what a resident typed without an input method reads as
the words the classifier knows."""

from __future__ import annotations

import pytest

from handlers.classifier import cache
from handlers.classifier.reading import ime
from handlers.classifier.text import normalize


def read(text: str) -> str:
    return ime.read(normalize(text))


@pytest.mark.parametrize("typed", ["woyaotousu", "wo yao tou su", "wǒ yào tóu sù", "WoYaoTouSu"])
def test_pinyin_spaced_run_together_or_toned_reads_as_the_same_words(typed):
    assert read(typed) == "我要投诉"


def test_a_police_errand_typed_run_together_reads_as_its_words():
    assert read("shenfenzhengguoqilezenmeban") == "身份证过期了怎么办"
    assert read("wo xiang yu yue ming tian xia wu qu ban shen fen zheng") \
        == "我想预约明天下午去办身份证"


def test_pinyin_among_characters_is_read_and_the_characters_kept():
    assert read("我要tousu，楼上天天半夜蹦迪") == "我要投诉,楼上天天半夜蹦迪"
    assert read("邻居家狗天天叫，zao yin tai da le") == "邻居家狗天天叫,噪音太大了"


def test_english_digits_and_chinese_stay_as_typed():
    for kept in ("help, someone is breaking in", "我的车被刮了", "app打不开 110"):
        assert read(kept) == normalize(kept)
    # A word that is not pinyin ends a stretch; the pinyin on either side is still read.
    assert read("wo de phone diu le") == "我的 phone 丢了"


def test_the_index_is_kept_and_read_back_the_same(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    ime.index.cache_clear()
    try:
        built = ime.index()
        assert list(tmp_path.glob("reading-*.npz"))
        ime.index.cache_clear()
        assert ime.index() == built
        assert built[("tou", "su")][0] == "投诉"
    finally:
        ime.index.cache_clear()


def test_an_unreadable_kept_index_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    ime.index.cache_clear()
    try:
        ime.index()
        for path in tmp_path.glob("reading-*.npz"):
            path.write_bytes(b"not an archive")
        ime.index.cache_clear()
        assert read("woyaotousu") == "我要投诉"
    finally:
        ime.index.cache_clear()


def test_the_index_learns_the_words_of_the_texts_the_model_learns_from():
    from collections import Counter

    from handlers.classifier import corpus

    texts, _ = ime._training_texts()
    assert Counter(filter(None, texts)) == Counter(
        example.text for example in corpus.training_examples() if example.text)


def test_a_flood_of_latin_letters_is_left_as_typed():
    flood = "wo" * 5_000
    assert read(flood) == flood


@pytest.mark.parametrize("english", [
    "somebody broke the window of my car last night on the street",
    "he said an officer would call me back",
    "my son is in the park and i cannot find him",
])
def test_english_with_a_word_that_spells_syllables_stays_english(english):
    # "on" read as 哦嗯 turned a report into the "which did you mean?" menu.
    assert ime.read(normalize(english)) == normalize(english)


def test_pinyin_after_some_english_is_still_read():
    assert "钱包" in ime.read(normalize("my wallet was stolen, wo de qian bao bei tou le"))
