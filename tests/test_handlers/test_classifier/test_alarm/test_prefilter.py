"""The gate's first looks never hide a cue: what they skip could not have matched."""

from __future__ import annotations

import re

import pytest

from handlers.classifier.cues.crime import CRIME_CUES
from handlers.classifier.cues.foreign import ENGLISH
from handlers.classifier.cues.harm import HARM_CUES
from handlers.classifier.gate import EmergencyGate
from handlers.classifier.model import read_items, read_tsv
from handlers.classifier.prefilter import AnyOf, alternatives, branches, required_chars
from handlers.classifier.text import normalize


def test_required_characters_follow_sequences_alternations_and_optional_parts():
    # Every match holds one of them: one character of each branch, never an optional one.
    assert required_chars("持刀|拿着刀") == frozenset("持拿")
    assert required_chars("(拿|持)(着)?(刀|枪)") == frozenset("拿持")
    assert required_chars("救命(?!钱)") == frozenset("救")
    assert required_chars("(被)?撞") == frozenset("撞")
    assert required_chars("a|.b") == frozenset("ab")
    assert required_chars("a|[^,]{0,3}") is None   # a branch that needs nothing in particular


def test_branches_split_only_the_top_level():
    assert branches(r"a(b|c)|[|]d|e\|f|g") == ["a(b|c)", "[|]d", r"e\|f", "g"]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    corpus = [text for _, text in read_tsv("intents_corpus.tsv")]
    emergency_set = [item.text for name in ("emergency_dev.jsonl", "emergency_test.jsonl")
                     for item in read_items(name)]
    return [normalize(text) for text in corpus + emergency_set]


def test_the_indexed_scan_finds_every_cue_a_plain_search_finds(texts):
    gate = EmergencyGate()
    plain = [(cue.name, re.compile(cue.pattern)) for cue in (*HARM_CUES, *CRIME_CUES, *ENGLISH)
             if not cue.needs]
    for norm in texts:
        scanned = {cue.name for cue, pattern in gate._worth(norm) if pattern.search(norm)}
        expected = {name for name, pattern in plain if pattern.search(norm)}
        assert expected <= scanned, norm


def test_alternatives_open_a_group_that_is_a_whole_alternative():
    assert alternatives("(?:孩子|老人)|(放学|上学)|走(丢|失)") == ["孩子", "老人", "放学", "上学",
                                                              "走(丢|失)"]
    assert alternatives("(孩子|老人)?走丢|(?=x)y") == ["(孩子|老人)?走丢", "(?=x)y"]
    assert alternatives(r"(a)b|\1") == [r"(a)b|\1"]     # a back-reference keeps them together
    assert alternatives("(?i)ab|cd") == ["(?i)ab|cd"]     # so does a flag for the whole pattern


def test_any_of_agrees_with_a_search_of_the_whole_pattern():
    words = "(?:孩子|小孩|\\d+岁|[一二三]+岁)|放学|(到现在|至今)还没"
    whole, split = re.compile(words), AnyOf(words)
    for text in ("孩子不见了", "他8岁", "三岁的", "岁数大了", "放学了", "至今还没回", "至今还",
                 "", "今天天气好"):
        assert split.search(text, set(text)) == bool(whole.search(text)), text


def test_the_required_words_of_every_cue_are_read_as_a_plain_search_reads_them(texts):
    gate = EmergencyGate()
    needs = {pattern for cue in (*HARM_CUES, *CRIME_CUES, *ENGLISH) for pattern in cue.needs}
    assert needs
    for pattern in needs:
        whole, split = re.compile(pattern), AnyOf(pattern)
        for norm in texts[::7]:
            assert split.search(norm, set(norm)) == bool(whole.search(norm)), (pattern, norm)
    assert gate._needs["described"][0] is gate._needs["not_back"][0]     # read once
