"""The fifth pair of never-seen sets (blind5 for intents, eblind4 for emergencies), by a writer
who never read the classifier, its training data, the other sets or their misses: the counts
their brief promised, frozen, in no training, apart from every other data file, and reported by
`make eval` without their texts.

PYTEST_DONT_REWRITE: a failing assert here must not print the values it compared, which are
the never-seen texts; messages give counts instead.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from importlib import resources

import pytest

from handlers.classifier import alarm, corpus
from handlers.classifier.model import LABELS
from handlers.tools import blind_corpus, blind_set, emergency_set
from tests.test_handlers.test_tools.never_seen import check_section

REGISTERS = ("dialect", "typo", "pinyin", "traditional", "english", "mixed", "voice")
# Categories of near-miss negatives the brief asked for (danger words, no danger now).
CATEGORIES = ("idiom", "past", "hypothetical", "news", "fiction", "joke", "worry", "sighting",
              "over", "prevention", "habitual", "pet", "drill", "howto", "complaint",
              "smalltalk", "everyday", "game", "long_letter")
PUNCTUATION = re.compile(r"[，。！？、；,.!?;]")


def _bytes(name: str) -> bytes:
    return resources.files("handlers").joinpath("data", name).read_bytes()


def test_blind5_has_every_intent_in_chat_letters_and_every_register():
    examples = blind_corpus.examples(blind_corpus.BLIND5)
    assert len(examples) >= 450 and {e.label for e in examples} == set(LABELS)
    everyday = Counter(e.label for e in examples if e.part == "everyday")
    assert sum(everyday.values()) >= 250, f"everyday lines: {sum(everyday.values())}"
    assert everyday["emergency"] >= 25 and everyday["other"] >= 40, dict(everyday)
    assert min(everyday.values()) >= 25, dict(everyday)
    letters = [e for e in examples if e.long_letter]
    assert len(letters) == sum(e.part == "letters" for e in examples) >= 60
    # A letter has a title line and at least two paragraphs, 200-800 characters in all.
    assert all(200 <= len(e.text.replace("\n", "")) <= 800 and e.text.count("\n") >= 2
               for e in letters)
    kinds = Counter(e.label for e in letters)
    assert kinds["consult"] >= 15 and all(kinds[label] for label in (
        "complaint", "feedback", "status", "appointment")), dict(kinds)
    # Consultations by letter carry a question as their title.
    assert all(e.text.partition("\n")[0].endswith(("？", "?")) for e in letters
               if e.label == "consult")
    registers = Counter(e.register for e in examples if e.part == "registers")
    assert sum(registers.values()) >= 140 and set(registers) == set(REGISTERS)
    assert min(registers.values()) >= 20, dict(registers)
    for register in REGISTERS:
        labels = {e.label for e in examples if e.register == register}
        assert labels == set(LABELS), f"{register}: {len(labels)} intents"
    emergencies = [e for e in examples if e.label == "emergency"]
    assert {e.kind for e in emergencies} == set(emergency_set.EMERGENCY_KINDS)
    # Very short messages, which residents send most, are well represented.
    assert sum(len(e.text) <= 8 for e in examples) >= 25
    assert len({e.text for e in examples}) == len(examples)


def test_eblind4_has_every_kind_in_every_register_and_the_near_miss_negatives():
    items = emergency_set.read_items(blind_set.BLIND4)
    kinds = Counter(item.kind for item in items if item.label == "emergency")
    assert sum(kinds.values()) >= 220 and set(kinds) == set(emergency_set.EMERGENCY_KINDS)
    assert min(kinds.values()) >= 25, f"fewest of one kind: {min(kinds.values())}"
    for kind in kinds:
        registers = {item.register for item in items
                     if item.label == "emergency" and item.kind == kind}
        assert set(REGISTERS) <= registers, f"{kind}: {len(registers)} registers"
    negatives = [item for item in items if item.label == "negative"]
    assert len(negatives) >= 500
    categories = Counter(item.kind for item in negatives)
    assert set(categories) == set(CATEGORIES), sorted(set(categories) ^ set(CATEGORIES))
    assert all(categories[category] >= 10 for category in CATEGORIES), dict(categories)
    assert {item.register for item in items} <= blind_set.REGISTERS
    letters = [item for item in negatives if item.register in emergency_set.LETTERS]
    assert len(letters) >= 10 and all(item.kind == "long_letter" for item in letters)
    low, high = blind_set.LETTER_LENGTH
    assert all(low <= len(item.text.replace("\n", "")) <= high and item.text.count("\n") >= 2
               for item in letters)
    negative_registers = Counter(item.register for item in negatives)
    assert all(negative_registers[register] >= 10 for register in REGISTERS)
    # What the brief stressed: very short messages on both sides, voice run-ons unpunctuated.
    short = Counter(item.label for item in items if len(item.text) <= 8)
    assert short["emergency"] >= 5 and short["negative"] >= 15, dict(short)
    voice = [item for item in items if item.register == "voice"]
    assert len(voice) >= 40 and not any(PUNCTUATION.search(item.text) for item in voice)
    assert len({item.text for item in items}) == len(items)


def test_both_are_frozen_and_no_training_reads_them():
    assert hashlib.sha256(_bytes(blind_set.BLIND4)).hexdigest() == blind_set.FROZEN[
        blind_set.BLIND4]
    assert blind_set.later_frozen_ok(blind_set.BLIND4)
    assert blind_corpus.frozen_ok(blind_corpus.BLIND5)
    assert blind_set.BLIND4 not in alarm.TRAINING_SETS
    assert blind_corpus.BLIND5 not in (*corpus.TRAIN, *corpus.EVAL)


@pytest.mark.parametrize("name", [blind_set.BLIND4, blind_corpus.BLIND5])
def test_each_is_apart_from_every_other_data_file(name):
    lines = _bytes(name).decode("utf-8").splitlines()
    texts = ([item.text for item in emergency_set.read_items(name)] if name == blind_set.BLIND4
             else [e.text for e in blind_corpus.parse(lines, name)])
    others = blind_set.other_texts(name)
    # Each is checked against the older sets and against its new twin.
    assert {blind_set.BLIND3, blind_corpus.BLIND4} <= set(others) and name not in others
    assert ({blind_set.BLIND4, blind_corpus.BLIND5} - {name}) <= set(others)
    shares = blind_set.duplicate_shares(texts, others)
    assert shares["any"] <= blind_set.NEAR_DUPLICATE_TARGET, f"{shares['any']:.2%}"
    _, share = blind_corpus.near_duplicate_shares(texts, name)
    assert share <= blind_corpus.TARGETS["near_duplicates"], f"{share:.2%}"
    # Counted and named by file, never shown: a failing assert would print the texts.
    copied = {other: len(set(texts) & set(lines)) for other, lines in others.items()}
    assert not any(copied.values()), f"lines word for word in other files: {copied}"


@pytest.fixture(scope="module")
def eblind4(classifier) -> tuple[str, dict, list[str]]:
    """eblind4's section as `make eval` computes it, once for the module."""
    return blind_set.section(classifier, name=blind_set.BLIND4)


def test_make_eval_reports_eblind4_apart_with_the_same_targets_and_no_text(eblind4, classifier):
    # make eval's hook carries it as the fifth never-seen emergency section.
    check_section(classifier, eblind4, blind_set.BLIND4, blind_set.NAME5, "eblind4", 4)


def test_make_eval_reports_blind5_under_its_tag_and_no_text(classifier):
    text, figures, missed = blind_corpus.report(classifier, blind_corpus.BLIND5)
    assert text.startswith("== intent corpus, never seen (blind5): corpus_blind5.jsonl, frozen")
    assert figures["frozen"] is True and all(name.startswith("blind5:") for name in missed)
    names = {row["name"] for row in figures["subsets"]}
    assert {"all", "long letters", "part:everyday", "part:letters", "part:registers"} <= names
    assert {f"register:{register}" for register in REGISTERS} <= names
    shown = sum(e.text in text for e in blind_corpus.examples(blind_corpus.BLIND5))
    assert shown == 0, f"{shown} never-seen texts printed by the report"
    texts: list[str] = []
    found: dict = {}
    all_missed = blind_corpus.section(classifier, texts, found)
    assert texts[-1] == text and found["blind5"] == figures
    assert [name for name in all_missed if name.startswith("blind5:")] == missed


@pytest.mark.parametrize("name", [blind_set.BLIND4, blind_corpus.BLIND5])
def test_an_edited_set_is_named_among_the_missed_targets(monkeypatch, classifier, name):
    edited = bytearray(_bytes(name))
    edited[-2] ^= 1
    forged = hashlib.sha256(bytes(edited)).hexdigest()
    if name == blind_set.BLIND4:
        monkeypatch.setitem(blind_set.FROZEN, name, forged)
        assert not blind_set.later_frozen_ok(name)
        _, figures, missed = blind_set.section(classifier, name=name)
        assert f"frozen:{name} was edited" in missed and figures["frozen"] is False
    else:
        monkeypatch.setitem(blind_corpus.FROZEN, name, forged)
        assert not blind_corpus.frozen_ok(name)
        _, figures, missed = blind_corpus.report(classifier, name)
        assert f"blind5:frozen:{name} was edited" in missed and figures["frozen"] is False
