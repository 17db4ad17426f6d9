"""The fourth pair of never-seen sets (blind4 for intents, eblind3 for emergencies), by a writer
who never read the classifier, its training data or the other sets: the counts their brief
promised, frozen, in no training, apart from every other data file, and reported by `make eval`
without their texts.

PYTEST_DONT_REWRITE: a failing assert here must not print the values it compared, which are
the never-seen texts; messages give counts instead.
"""

from __future__ import annotations

import hashlib
import json
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


def _bytes(name: str) -> bytes:
    return resources.files("handlers").joinpath("data", name).read_bytes()


def test_blind4_has_every_intent_in_chat_letters_and_every_register():
    examples = blind_corpus.examples(blind_corpus.BLIND4)
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
    registers = Counter(e.register for e in examples if e.part == "registers")
    assert sum(registers.values()) >= 140 and set(registers) == set(REGISTERS)
    assert min(registers.values()) >= 20, dict(registers)
    for register in REGISTERS:
        labels = {e.label for e in examples if e.register == register}
        assert labels == set(LABELS), f"{register}: {len(labels)} intents"
    emergencies = [e for e in examples if e.label == "emergency"]
    assert {e.kind for e in emergencies} == set(emergency_set.EMERGENCY_KINDS)
    assert len({e.text for e in examples}) == len(examples)


def test_eblind3_has_every_kind_in_every_register_and_the_near_miss_negatives():
    items = emergency_set.read_items(blind_set.BLIND3)
    kinds = Counter(item.kind for item in items if item.label == "emergency")
    assert sum(kinds.values()) >= 200 and set(kinds) == set(emergency_set.EMERGENCY_KINDS)
    assert min(kinds.values()) >= 25, f"fewest of one kind: {min(kinds.values())}"
    registers = Counter(item.register for item in items if item.label == "emergency")
    assert all(registers[register] >= 7 for register in REGISTERS), dict(registers)
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
    assert len({item.text for item in items}) == len(items)


def test_both_are_frozen_and_no_training_reads_them():
    assert hashlib.sha256(_bytes(blind_set.BLIND3)).hexdigest() == blind_set.FROZEN[
        blind_set.BLIND3]
    assert blind_set.later_frozen_ok(blind_set.BLIND3)
    assert blind_corpus.frozen_ok(blind_corpus.BLIND4)
    assert blind_set.BLIND3 not in alarm.TRAINING_SETS
    assert blind_corpus.BLIND4 not in (*corpus.TRAIN, *corpus.EVAL)


def test_eblind3_is_apart_from_every_other_data_file():
    texts = [item.text for item in emergency_set.read_items(blind_set.BLIND3)]
    others = blind_set.other_texts(blind_set.BLIND3)
    assert blind_corpus.BLIND4 in others and blind_set.DEV8 in others
    assert blind_set.BLIND3 not in others
    shares = blind_set.duplicate_shares(texts, others)
    assert shares["any"] <= blind_set.NEAR_DUPLICATE_TARGET, f"{shares['any']:.2%}"
    # Counted and named by file, never shown: a failing assert would print the texts.
    copied = {name: len(set(texts) & set(lines)) for name, lines in others.items()}
    assert not any(copied.values()), f"lines word for word in other files: {copied}"


@pytest.fixture(scope="module")
def eblind3(classifier) -> tuple[str, dict, list[str]]:
    """eblind3's section as `make eval` computes it, once for the module."""
    return blind_set.section(classifier, name=blind_set.BLIND3)


def test_make_eval_reports_eblind3_apart_with_the_same_targets_and_no_text(eblind3, classifier):
    json.dumps(eblind3[1], ensure_ascii=False)
    # make eval's hook carries it as the fourth never-seen emergency section (of five).
    check_section(classifier, eblind3, blind_set.BLIND3, blind_set.NAME4, "eblind3", 3)


def test_an_edited_eblind3_is_named_among_the_missed_targets(monkeypatch, classifier):
    edited = bytearray(_bytes(blind_set.BLIND3))
    edited[-2] ^= 1
    monkeypatch.setitem(blind_set.FROZEN, blind_set.BLIND3,
                        hashlib.sha256(bytes(edited)).hexdigest())
    assert not blind_set.later_frozen_ok(blind_set.BLIND3) and blind_set.frozen3_ok()
    _, figures, missed = blind_set.section(classifier, name=blind_set.BLIND3)
    assert f"frozen:{blind_set.BLIND3} was edited" in missed and figures["frozen"] is False
