"""The seventh writer's part: well formed, its own words, evaluated only (never trained on)."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources

from handlers.classifier import alarm
from handlers.tools import emergency_set


def _other_texts() -> set[str]:
    """Every text of every other packaged data file, the never-seen sets included (unprinted)."""
    texts: set[str] = set()
    for entry in resources.files("handlers").joinpath("data").iterdir():
        if entry.name == emergency_set.DEV7 or not entry.name.endswith((".jsonl", ".tsv")):
            continue
        for line in entry.read_text(encoding="utf-8").splitlines():
            if entry.name.endswith(".jsonl") and line.strip():
                texts.add(json.loads(line).get("text", ""))
            else:
                texts.update(line.split("\t"))
    return texts


def test_the_seventh_part_is_well_formed_and_in_no_training():
    items = emergency_set.read_items(emergency_set.DEV7)
    labels = Counter(item.label for item in items)
    assert labels["emergency"] >= 380 and labels["negative"] >= 950
    kinds = {item.kind for item in items if item.label == "emergency"}
    assert kinds == set(emergency_set.EMERGENCY_KINDS)
    assert len({item.text for item in items}) == len(items)
    assert emergency_set.DEV7 not in alarm.TRAINING_SETS


def test_no_line_of_the_seventh_part_is_word_for_word_in_another_data_file():
    # Counted, not compared: a failing assert must not print texts of the never-seen sets.
    shared = len(_other_texts() & {item.text for item in emergency_set.read_items(
        emergency_set.DEV7)})
    assert shared == 0


def test_make_eval_prints_the_seventh_part_as_not_yet_trained_on(classifier):
    texts, figures, missed = emergency_set.reports(classifier, [], False, False)
    sections = [text for text in texts
                if text.startswith(f"== emergency set, {emergency_set.DEV7} ")]
    # Counted, not compared: a failing assert would print the part's figures.
    labelled = sum("not yet trained on" in text for text in sections)
    assert len(sections) == 1 and labelled == 1, "one dev7 section, labelled"
    assert emergency_set.DEV7 in figures
    assert not [name for name in missed if name.startswith(emergency_set.DEV7)]
