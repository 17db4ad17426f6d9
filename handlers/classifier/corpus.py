"""The labelled intent corpus: its training parts, its frozen evaluation split, and its hash.

Each part is JSON lines `{"label", "kind"?, "register", "text"}` under `handlers/data/`
(LABELS.md): everyday chat, long letters with titles, and other registers (dialect,
traditional characters, pinyin, English, off-topic…). The evaluation split was frozen before
any tuning and is never trained on; the training parts and the first short corpus
(`intents_corpus.tsv`) are what the model learns from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from handlers.classifier.model import LABELS, data_text, json_rows, read_tsv

SHORT_CORPUS = "intents_corpus.tsv"
PARTS = ("everyday", "letters", "registers")
# Lines for the intent model alone (the part "intent"; stop 31, intent14): everyday chat in
# the shapes of a question, a "did it arrive yet?" or an annoyance, which the model read as
# consultations, status questions or complaints; and complaints that nobody handles a matter
# beside polite questions how it is going, which it confused. The alarm does not learn from
# them: its emergency figures are the emergency issue's, and every line it reads moves its bar.
INTENT_ONLY = ("corpus_intent_train.jsonl",)
TRAIN = (*(f"corpus_{part}_train.jsonl" for part in PARTS), *INTENT_ONLY)
EVAL = tuple(f"corpus_{part}_eval.jsonl" for part in PARTS)
# Registers of the long-letter subset (LABELS.md): letters with a title and formal writing.
LETTER_REGISTERS = ("letter", "formal")


@dataclass(frozen=True)
class Example:
    """One labelled message of the corpus."""

    label: str
    register: str
    text: str
    part: str = ""
    kind: str | None = None

    @property
    def long_letter(self) -> bool:
        """In the long-letter subset: the letters part, written as a letter or formally."""
        return self.part == "letters" or self.register == "letter"


def parse(lines: Iterable[str], name: str = "<lines>", part: str = "") -> list[Example]:
    """Examples from JSON lines; ValueError names the first bad line."""
    found = []
    for number, row, label, text in json_rows(lines, name):
        if label not in LABELS or not isinstance(text, str):
            raise ValueError(f"{name}:{number}: label must be one of {LABELS}")
        found.append(Example(label, str(row.get("register", "")), text, part, row.get("kind")))
    return found


def read(name: str) -> list[Example]:
    """The examples of one packaged part (its part name taken from the file name)."""
    part = name.removeprefix("corpus_").split("_")[0] if name.startswith("corpus_") else ""
    return parse(data_text(name).splitlines(), name, part)


def training_examples() -> list[Example]:
    """Everything the intent model learns from: the short corpus and the training parts."""
    short = [Example(label, "chat", text, "short") for label, text in read_tsv(SHORT_CORPUS)]
    return short + [example for name in TRAIN for example in read(name)]


def alarm_examples(examples: Sequence[Example]) -> list[Example]:
    """The training examples the alarm learns from: all but the intent model's own part."""
    return [example for example in examples if example.part != "intent"]


def evaluation_examples() -> list[Example]:
    """The frozen evaluation split (never trained on)."""
    return [example for name in EVAL for example in read(name)]


def pairs(examples: Sequence[Example]) -> list[tuple[str, str]]:
    """(label, text) pairs, as the models take them."""
    return [(example.label, example.text) for example in examples]


def digest(names: Sequence[str]) -> str:
    """SHA-256 over the named data files' bytes (what a cached model was trained on)."""
    sha = hashlib.sha256()
    for name in names:
        data = resources.files("handlers").joinpath("data", name).read_bytes()
        sha.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return sha.hexdigest()
