"""Issue 14's never-seen ("blind") intent sets: messages the project has never trained, tuned or
looked at, scored once on the merged classifier.

`handlers/data/corpus_blind.jsonl` (blind), `corpus_blind2.jsonl` (blind2),
`corpus_blind3.jsonl` (blind3), `corpus_blind4.jsonl` (blind4) and `corpus_blind5.jsonl`
(blind5), each written apart by another hand, were each frozen before any evaluation: their
SHA-256 are recorded below and any edit fails `make eval`. Each line is
`{"label", "kind"?, "register", "part", "text"}`; `part` is everyday, letters or registers.
Their misclassified lines are never printed: reading them would be the first step to tuning on
them. The figures (accuracy, acts, menu) are corpus_eval's, so every set counts alike; each
set's missed targets carry its tag.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources

from handlers.classifier.classifier import IntentClassifier
from handlers.classifier.corpus import Example
from handlers.classifier.lexicon import EMERGENCY_KINDS
from handlers.classifier.model import LABELS, data_text, json_rows
from handlers.tools.corpus_eval import Figures, subsets, table
from handlers.tools.emergency_set import NEAR_DUPLICATE, digest, near_duplicates

BLIND = "corpus_blind.jsonl"
BLIND2 = "corpus_blind2.jsonl"
# The third, by a writer who never read the classifier, its training data or the other sets.
BLIND3 = "corpus_blind3.jsonl"
# The fourth, by another writer who never read them either; frozen on 2026-12-05 (768f5b1).
BLIND4 = "corpus_blind4.jsonl"
# The fifth, by a writer who read none of them either, frozen on 2026-12-05 (cd5cf18) before it
# was scored: the sets above have since been read for the shapes they miss.
BLIND5 = "corpus_blind5.jsonl"
# Each set's SHA-256 when it was frozen, and the tag of its missed targets, in report order.
FROZEN = {BLIND: "c5c51831e4d57da49a9d2a44b5d0769e3e08a0022199b1858696623a0fd2ab34",
          BLIND2: "470ddd70a3c189237d209ae783e7e20d4e225a376d65168a5b9e9d3a50e578ae",
          BLIND3: "17017e7d4c3d29c63e011e85eba098a83a2aed7d696e81cdf4f015d8eda02029",
          BLIND4: "d86c51393a6f682238e8097c500a62d6808f75ecd0a50fac0a5c9b4d969e1e25",
          BLIND5: "e55bc3759ad8691fa68a0019365c6026dc6cc7cb5d94ef530ef3668b9ac81ae0"}
TAGS = {BLIND: "blind", BLIND2: "blind2", BLIND3: "blind3", BLIND4: "blind4", BLIND5: "blind5"}
PARTS = ("everyday", "letters", "registers")
# Issue 14's done-when on messages never seen: everyday accuracy, accuracy in every other
# register (long letters, each register of the registers part and that part as a whole),
# macro-F1, acted wrongly and emergency recall on the whole set. The long letters' consult
# recall is the split's letter target, held here too. No near-duplicate of another data file.
TARGETS = {"everyday_accuracy": 0.95, "register_accuracy": 0.90, "macro_f1": 0.93,
           "acted_wrongly": 0.03, "emergency_recall": 1.0, "letters_consult_recall": 0.85,
           "near_duplicates": 0.02}


def parse(lines: Sequence[str], name: str = BLIND) -> list[Example]:
    """Examples from the blind set's JSON lines; ValueError names the first bad line."""
    found = []
    for number, row, label, text in json_rows(lines, name):
        part, kind = row.get("part"), row.get("kind")
        if label not in LABELS or not isinstance(text, str) or part not in PARTS:
            raise ValueError(f"{name}:{number}: label must be one of {LABELS}, part of {PARTS}")
        if (label == "emergency") != (kind in EMERGENCY_KINDS):
            raise ValueError(f"{name}:{number}: an emergency, and only one, has a kind")
        found.append(Example(label, str(row.get("register", "")), text, part, kind))
    return found


def examples(name: str = BLIND) -> list[Example]:
    """A blind set's examples."""
    return parse(data_text(name).splitlines(), name)


def frozen_ok(name: str = BLIND) -> bool:
    """True when a blind set is byte for byte what was frozen."""
    return digest(name) == FROZEN[name]


def other_texts(name: str = BLIND) -> dict[str, list[str]]:
    """The texts of every packaged data file but `name` (corpus parts, emergency parts, TSVs,
    the other blind sets)."""
    found = {}
    for entry in sorted(resources.files("handlers").joinpath("data").iterdir(),
                        key=lambda entry: entry.name):
        if entry.name == name or not entry.name.endswith((".jsonl", ".tsv")):
            continue
        lines = data_text(entry.name).splitlines()
        found[entry.name] = ([text for _, _, _, text in json_rows(lines, entry.name)]
                             if entry.name.endswith(".jsonl")
                             else [line.partition("\t")[2] for line in lines if line.strip()])
    return found


def near_duplicate_shares(texts: Sequence[str],
                          name: str = BLIND) -> tuple[dict[str, int], float]:
    """Lines of the blind set `name` near a line of each other data file, and the share near
    any of them."""
    near_any: set[int] = set()
    by_file = {}
    for other_name, other in other_texts(name).items():
        found = near_duplicates(texts, other)
        by_file[other_name] = len(found)
        near_any.update(found)
    return by_file, len(near_any) / len(texts) if texts else 0.0


def missed_targets(by_name: dict[str, Figures], share: float, tag: str = "blind") -> list[str]:
    """The issue-14 never-seen targets the classifier misses on a blind set, named by `tag`."""
    whole = by_name["all"]
    checks = [("macro_f1", whole.macro_f1 >= TARGETS["macro_f1"]),
              ("acted_wrongly", whole.acted_wrongly <= TARGETS["acted_wrongly"]),
              ("emergency_recall",
               whole.per_label["emergency"]["recall"] >= TARGETS["emergency_recall"]),
              ("near_duplicates", share <= TARGETS["near_duplicates"]),
              ("everyday_accuracy",
               by_name["part:everyday"].accuracy >= TARGETS["everyday_accuracy"])]
    checks += [(f"accuracy:{name}", row.accuracy >= TARGETS["register_accuracy"])
               for name, row in by_name.items()
               if name in ("long letters", "part:registers")
               or (name.startswith("register:") and name != "register:chat")]
    letters = by_name["long letters"]
    checks.append(("letters_consult_recall",
                   letters.per_label["consult"]["recall"] >= TARGETS["letters_consult_recall"]))
    return [f"{tag}:{name}" for name, ok in checks if not ok]


def render(rows: Sequence[Figures], dup: tuple[dict[str, int], float],
           missed: Sequence[str], frozen: bool, name: str = BLIND) -> str:
    """A blind set's figures as text: tables for the whole set and the letters, a line each
    for the parts and registers, then near-duplicates and the targets."""
    lines = [f"== intent corpus, never seen ({TAGS[name]}): {name}, "
             f"{'frozen' if frozen else 'EDITED since it was frozen'}", *table(rows)]
    emergency = rows[0].per_label["emergency"]
    lines.append(f"emergency recall {emergency['recall']:.3f} of {emergency['support']:.0f} "
                 f"(target: every one)")
    by_file, share = dup
    lines.append(f"near-duplicates of other data files (3-gram Jaccard >= {NEAR_DUPLICATE}): "
                 f"share {share:.2%} (target <= {TARGETS['near_duplicates']:.0%}); "
                 + ", ".join(f"{name} {n}" for name, n in by_file.items()))
    lines.append("targets (issue 14, never seen): everyday accuracy >= "
                 f"{TARGETS['everyday_accuracy']}, every other register >= "
                 f"{TARGETS['register_accuracy']}, macro-F1 >= {TARGETS['macro_f1']}, acted "
                 f"wrongly <= {TARGETS['acted_wrongly']:.0%}, letters' consult recall >= "
                 f"{TARGETS['letters_consult_recall']}, every emergency: "
                 + ("met" if not missed else "MISSED " + ", ".join(missed)))
    return "\n".join(lines)


def report(classifier: IntentClassifier, name: str = BLIND) -> tuple[str, dict, list[str]]:
    """The text, the figures and the missed targets of the blind set `name` (its hash
    checked)."""
    blind = examples(name)
    rows = subsets(blind, [classifier.classify(example.text) for example in blind])
    dup = near_duplicate_shares([example.text for example in blind], name)
    frozen = frozen_ok(name)
    tag = TAGS[name]
    missed = missed_targets({row.name: row for row in rows}, dup[1], tag)
    if not frozen:
        missed.insert(0, f"{tag}:frozen:{name} was edited")
    figures = {"subsets": [vars(row) for row in rows], "near_duplicates": dup[0],
               "near_duplicate_share": dup[1], "frozen": frozen, "targets": TARGETS}
    return render(rows, dup, missed, frozen, name), figures, missed


def section(classifier: IntentClassifier, texts: list[str], figures: dict) -> list[str]:
    """`make eval`'s hook: a section per blind set appended to the printed texts, its figures
    under figures[tag] ("blind", "blind2", … "blind5"); returns their missed targets."""
    missed = []
    for name, tag in TAGS.items():
        text, found, set_missed = report(classifier, name)
        texts.append(text)
        figures[tag] = found
        missed += set_missed
    return missed
