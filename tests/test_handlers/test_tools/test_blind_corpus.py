"""make eval's never-seen intent sets (blind, blind2, … blind5): each read whole,
frozen, apart from every other data file, and reported with issue 14's targets named, by its
tag, when missed.

PYTEST_DONT_REWRITE: a failing assert here must not print the values it compared, which are
the never-seen texts; messages give counts instead.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from importlib import resources

import pytest

from handlers.classifier.classifier import Prediction
from handlers.tools import blind_corpus, blind_set, evaluate

SETS = tuple(blind_corpus.FROZEN)
# The first two sets' briefs asked for 800+ lines with voice and off-topic registers; blind3's
# own promised counts are checked in test_never_seen_dev8.
LARGE = (blind_corpus.BLIND, blind_corpus.BLIND2)


class Oracle:
    """A classifier that knows the gold labels of every blind set, wrong only where it is told
    to be."""

    def __init__(self, wrong: dict[str, Prediction] | None = None) -> None:
        self._gold = {e.text: e.label for name in SETS for e in blind_corpus.examples(name)}
        self._wrong = wrong or {}

    def classify(self, text: str) -> Prediction:
        return self._wrong.get(text) or Prediction(self._gold[text], 0.9, ())


def _raw(name: str = blind_corpus.BLIND) -> bytes:
    return resources.files("handlers").joinpath("data", name).read_bytes()


def test_every_set_is_reported_under_its_tag():
    assert SETS == (blind_corpus.BLIND, blind_corpus.BLIND2, blind_corpus.BLIND3,
                    blind_corpus.BLIND4, blind_corpus.BLIND5)
    assert blind_corpus.TAGS == {blind_corpus.BLIND: "blind", blind_corpus.BLIND2: "blind2",
                                 blind_corpus.BLIND3: "blind3", blind_corpus.BLIND4: "blind4",
                                 blind_corpus.BLIND5: "blind5"}


@pytest.mark.parametrize("name", LARGE)
def test_the_set_spans_everyday_chat_letters_and_registers(name):
    blind = blind_corpus.examples(name)
    parts = Counter(e.part for e in blind)
    assert len(blind) >= 800 and parts["everyday"] >= 450 and parts["registers"] >= 250
    letters = [e for e in blind if e.long_letter]
    assert len(letters) >= 100 and all(200 <= len(e.text) <= 800 for e in letters)
    assert sum(e.label == "consult" for e in letters) >= 30
    registers = Counter(e.register for e in blind if e.part == "registers")
    for register in ("dialect", "traditional", "english", "mixed", "pinyin", "typo", "voice",
                     "offtopic"):
        assert registers[register] >= 20
    labels = Counter(e.label for e in blind if e.part == "everyday")
    assert all(labels[label] for label in ("emergency", "complaint", "appointment", "feedback",
                                           "status", "consult", "other"))
    assert all(e.kind for e in blind if e.label == "emergency")


def test_blind2_is_the_larger_set_its_brief_asked_for():
    blind2 = blind_corpus.examples(blind_corpus.BLIND2)
    parts = Counter(e.part for e in blind2)
    assert len(blind2) >= 900 and parts["letters"] >= 140 and parts["registers"] >= 300
    assert sum(e.label == "emergency" for e in blind2 if e.part == "everyday") >= 30


@pytest.mark.parametrize("name", SETS)
def test_the_set_is_byte_for_byte_what_was_frozen(name):
    assert hashlib.sha256(_raw(name)).hexdigest() == blind_corpus.FROZEN[name]
    assert blind_corpus.frozen_ok(name)


@pytest.mark.parametrize("name", SETS)
def test_an_edited_set_fails_make_eval(monkeypatch, name):
    edited = bytearray(_raw(name))
    edited[-2] ^= 1
    monkeypatch.setitem(blind_corpus.FROZEN, name, hashlib.sha256(bytes(edited)).hexdigest())
    text, figures, missed = blind_corpus.report(Oracle(), name)
    assert missed == [f"{blind_corpus.TAGS[name]}:frozen:{name} was edited"]
    assert "EDITED" in text and figures["frozen"] is False
    other = next(n for n in SETS if n != name)
    assert blind_corpus.frozen_ok(other)


@pytest.mark.parametrize("name", SETS)
def test_a_malformed_line_is_named(name):
    lines = _raw(name).decode("utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if json.loads(line)["label"] == "emergency")
    emergency = json.loads(lines[at])
    plain = json.loads(lines[next(i for i, line in enumerate(lines)
                                  if json.loads(line)["label"] != "emergency")])
    bad = [lines[at][:-1],                                        # not JSON
           json.dumps({k: v for k, v in emergency.items() if k != "kind"}),
           json.dumps({**emergency, "kind": "earthquake"}),
           json.dumps({**plain, "kind": "crime"}),
           json.dumps({**plain, "label": "question"}),
           json.dumps({**plain, "part": "chat"}),
           json.dumps({k: v for k, v in plain.items() if k != "text"})]
    for line in bad:
        with pytest.raises(ValueError, match=f"^{name}:{at + 1}: "):
            blind_corpus.parse([*lines[:at], line, *lines[at + 1:]], name)
    assert len(blind_corpus.parse(lines, name)) == len(lines)


@pytest.mark.parametrize("name", SETS)
def test_no_line_is_a_near_duplicate_of_another_data_file(name):
    texts = [e.text for e in blind_corpus.examples(name)]
    by_file, share = blind_corpus.near_duplicate_shares(texts, name)
    assert {"corpus_everyday_train.jsonl", "corpus_registers_eval.jsonl", "intents_corpus.tsv",
            "emergency_test.jsonl"} <= set(by_file)
    # Each blind set is checked against the other too, never against itself.
    assert name not in by_file and set(SETS) - {name} <= set(by_file)
    # Short stock lines (收到，谢谢; 今天几号了) written apart may still meet a training line
    # added later; the bound is 2 %, and no line may be copied outright.
    assert share <= blind_corpus.TARGETS["near_duplicates"]
    # Counted and named by file, never shown: a failing assert would print the texts.
    copied = {other: len(set(texts) & set(lines))
              for other, lines in blind_corpus.other_texts(name).items()}
    assert not any(copied.values()), f"lines word for word in other files: {copied}"
    assert len(set(texts)) == len(texts), f"{len(texts) - len(set(texts))} lines repeated"


@pytest.mark.parametrize("name", SETS)
def test_a_perfect_classifier_meets_every_target_and_prints_each_subset(name):
    text, figures, missed = blind_corpus.report(Oracle(), name)
    assert missed == []
    offtopic = ("register:offtopic",) if name in LARGE else ()
    for row in ("all", "long letters", "part:everyday", "register:dialect",
                "register:traditional", "register:english", *offtopic):
        assert f"\n{row} " in text
    assert f"never seen ({blind_corpus.TAGS[name]}): {name}, frozen" in text
    assert "emergency recall 1.000" in text
    json.dumps(figures, ensure_ascii=False)


@pytest.mark.parametrize("name", SETS)
def test_one_missed_emergency_and_wrong_acts_are_named(name):
    tag = blind_corpus.TAGS[name]
    blind = blind_corpus.examples(name)
    emergency = next(e for e in blind if e.label == "emergency" and e.part == "everyday")
    # Letters' consultations acted on as complaints: wrong acts, and the letters' consult recall.
    consults = [e for e in blind if e.long_letter and e.label == "consult"]
    wrong = {emergency.text: Prediction("complaint", 0.4, (), confident=False)}
    wrong |= {e.text: Prediction("complaint", 0.9, ()) for e in consults}
    _, figures, missed = blind_corpus.report(Oracle(wrong), name)
    assert {f"{tag}:emergency_recall", f"{tag}:letters_consult_recall",
            f"{tag}:accuracy:long letters", f"{tag}:acted_wrongly"} <= set(missed)
    assert f"{tag}:everyday_accuracy" not in missed
    whole = figures["subsets"][0]
    assert whole["acted_wrongly"] == pytest.approx(len(consults) / len(blind))
    assert whole["menu"] == pytest.approx(1 / len(blind))


def test_the_section_reports_each_set_and_names_only_the_one_that_misses():
    blind2 = blind_corpus.examples(blind_corpus.BLIND2)
    emergency = next(e for e in blind2 if e.label == "emergency" and e.part == "registers")
    wrong = {emergency.text: Prediction("other", 0.9, ())}
    texts: list[str] = []
    figures: dict = {}
    missed = blind_corpus.section(Oracle(wrong), texts, figures)
    assert "blind2:emergency_recall" in missed and "blind2:acted_wrongly" not in missed
    assert not [name for name in missed if name.startswith("blind:")]
    assert {"blind", "blind2"} <= set(figures) and figures["blind2"]["frozen"] is True
    assert [text.splitlines()[0].split(":")[0] for text in texts] == [
        "== intent corpus, never seen (blind)", "== intent corpus, never seen (blind2)",
        "== intent corpus, never seen (blind3)", "== intent corpus, never seen (blind4)",
        "== intent corpus, never seen (blind5)"]


def test_make_eval_prints_the_blind_sections_and_counts_their_misses(monkeypatch, capsys):
    monkeypatch.setattr(blind_corpus, "report", lambda classifier, name: (
        f"== never seen ({blind_corpus.TAGS[name]}) stub", {},
        [f"{blind_corpus.TAGS[name]}:macro_f1"]))
    assert evaluate.main([]) == 1
    out = capsys.readouterr().out
    assert "== never seen (blind) stub" in out and "== never seen (blind2) stub" in out
    assert "== never seen (blind3) stub" in out and "== never seen (blind4) stub" in out
    assert "== never seen (blind5) stub" in out
    assert ("blind:macro_f1, blind2:macro_f1, blind3:macro_f1, blind4:macro_f1, blind5:macro_f1"
            in out.splitlines()[-1])


def test_make_eval_can_leave_the_never_seen_sets_out_while_tuning(monkeypatch, capsys):
    def never(*_args):
        raise AssertionError("a never-seen set was scored")

    monkeypatch.setattr(blind_corpus, "report", never)
    monkeypatch.setattr(blind_set, "report", never)
    evaluate.main(["--no-blind"])
    out = capsys.readouterr().out
    assert "never seen" not in out and "never-seen sets left out (--no-blind)" in out
    assert "blind:" not in out.splitlines()[-1] and "blind2:" not in out.splitlines()[-1]
