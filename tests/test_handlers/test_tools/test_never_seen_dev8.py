"""The never-seen sets of a writer who never read the classifier (dev8, blind3): the counts
their brief promised, frozen, in no training, and reported by `make eval` without their texts.

PYTEST_DONT_REWRITE: a failing assert here must not print the values it compared, which are
the never-seen texts; messages give counts instead.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from importlib import resources

from handlers.classifier import alarm, corpus
from handlers.classifier.model import LABELS
from handlers.tools import blind_corpus, blind_set, emergency_set

REGISTERS = ("chat", "dialect", "typo", "pinyin", "traditional", "english", "mixed")


def _bytes(name: str) -> bytes:
    return resources.files("handlers").joinpath("data", name).read_bytes()


def test_dev8_has_every_kind_and_the_promised_negatives_and_registers():
    items = emergency_set.read_items(blind_set.DEV8)
    kinds = Counter(item.kind for item in items if item.label == "emergency")
    assert sum(kinds.values()) >= 220 and set(kinds) == set(emergency_set.EMERGENCY_KINDS)
    assert min(kinds.values()) >= 20, f"fewest of one kind: {min(kinds.values())}"
    negatives = [item for item in items if item.label == "negative"]
    assert len(negatives) >= 600
    categories = Counter(item.kind for item in negatives)
    for category in ("everyday", "idiom", "past", "hypothetical", "news", "fiction", "over",
                     "drill", "worry", "complaint", "howto", "smalltalk"):
        assert categories[category] >= 10, f"{category}: {categories[category]}"
    letters = [item for item in negatives if item.register in emergency_set.LETTERS]
    assert len(letters) >= 40 and all(item.kind == "long_letter" for item in letters)
    assert all(200 <= len(item.text.replace("\n", "")) <= 800 and "\n" in item.text
               for item in letters)
    registers = Counter(item.register for item in items)
    assert all(registers[register] >= 20 for register in REGISTERS), dict(registers)
    lengths = [len(item.text) for item in items]
    assert min(lengths) >= 3 and max(lengths) >= 500
    assert len({item.text for item in items}) == len(items)


def test_blind3_has_every_intent_long_letters_and_registers():
    examples = blind_corpus.examples(blind_corpus.BLIND3)
    labels = Counter(example.label for example in examples)
    assert len(examples) >= 500 and set(labels) == set(LABELS)
    assert min(labels.values()) >= 60, f"fewest of one intent: {min(labels.values())}"
    letters = [example for example in examples if example.long_letter]
    assert len(letters) >= 80
    assert all(200 <= len(example.text.replace("\n", "")) <= 800 for example in letters)
    assert sum(example.label == "consult" for example in letters) >= 20
    parts = Counter(example.part for example in examples)
    assert parts["everyday"] >= 300 and parts["registers"] >= 100
    registers = Counter(example.register for example in examples if example.part == "registers")
    assert all(registers[register] >= 15 for register in REGISTERS[1:]), dict(registers)
    assert all(example.kind for example in examples if example.label == "emergency")
    assert len({example.text for example in examples}) == len(examples)


def test_both_sets_are_frozen_and_no_training_reads_them():
    assert hashlib.sha256(_bytes(blind_set.DEV8)).hexdigest() == blind_set.FROZEN[blind_set.DEV8]
    assert blind_set.frozen3_ok() and blind_corpus.frozen_ok(blind_corpus.BLIND3)
    assert blind_set.DEV8 not in alarm.TRAINING_SETS
    assert blind_corpus.BLIND3 not in (*corpus.TRAIN, *corpus.EVAL)


def test_no_line_of_dev8_is_word_for_word_in_another_data_file():
    texts = {item.text for item in emergency_set.read_items(blind_set.DEV8)}
    # Counted and named by file, never shown: a failing assert would print the texts.
    copied = {name: len(texts & set(lines))
              for name, lines in blind_set.other_texts(blind_set.DEV8).items()}
    assert not any(copied.values()), f"lines word for word in other files: {copied}"
    assert blind_corpus.BLIND3 in copied and blind_set.DEV8 not in copied


def test_make_eval_reports_dev8_apart_without_its_texts(classifier):
    text, figures, missed = blind_set.section(classifier, name=blind_set.DEV8)
    assert text.startswith(f"== emergency set, {blind_set.NAME3} (")
    assert set(figures["recall"]) - {"all"} == set(emergency_set.EMERGENCY_KINDS)
    assert "missed" not in figures and "alarms" not in figures and figures["frozen"] is True
    assert figures["near_duplicate_shares"]["any"] <= blind_set.NEAR_DUPLICATE_TARGET
    assert all(name.startswith("dev8:") for name in missed)
    expected = {f"dev8:recall:{kind}" for kind, value in figures["recall"].items() if value < 1}
    expected |= {f"dev8:false_alarms:{group}" for group, target
                 in blind_set.FALSE_ALARM_TARGET.items()
                 if figures["false_alarms"][group] > target}
    assert set(missed) == expected
    shown = sum(item.text in text for item in emergency_set.read_items(blind_set.DEV8))
    assert shown == 0, f"{shown} never-seen texts printed by the report"
    json.dumps(figures, ensure_ascii=False)


def test_an_edited_dev8_is_named_among_the_missed_targets(monkeypatch, classifier):
    edited = bytearray(_bytes(blind_set.DEV8))
    edited[-2] ^= 1
    monkeypatch.setitem(blind_set.FROZEN, blind_set.DEV8,
                        hashlib.sha256(bytes(edited)).hexdigest())
    assert not blind_set.frozen3_ok()
    _, figures, missed = blind_set.section(classifier, name=blind_set.DEV8)
    assert f"frozen:{blind_set.DEV8} was edited" in missed and figures["frozen"] is False
