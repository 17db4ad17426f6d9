"""Character n-gram and word TF-IDF + logistic regression, trained with scikit-learn, scored
without it.

Words come from jieba's segmenter (rjieba, its maintained Rust port); beside character
n-grams they add +0.4 points of 5-fold cross-validated accuracy on the training corpus (0.893
to 0.897; C=30 a further 0.2). Training hands the vectorizer our own analyzer, so the
features at scoring time are exactly the ones it weighted. At load the per-class weights
are folded into one matrix with a row per feature (idf², idf·w_c for each class); scoring a
message is a set of dict lookups and one gather of rows.

Pairs of pinyin syllables (`pinyin`) let messages typed in pinyin meet the characters the
corpus is written in: 5-fold CV of the whole classifier on the training parts
(`handlers.tools.intent_cv`) 0.911 → 0.918 accuracy, pinyin lines 0.674 → 0.794.
Words and pairs are read from the standard spelling (`pinyin.standard`: 俺 → 我, 咋 → 怎么,
以经 → 已经): the same CV with each line in the same fold, dialect 0.945 → 0.949 (menu 6.9 % →
6.4 %), overall menu 6.82 % → 6.56 %, acted wrongly 2.61 % → 2.64 %.
Pinyin is also read back into characters (`reading.ime`: "woyaotousu" → 我要投诉) and the
n-grams of that reading join the rest, so the weights learnt from Chinese lines apply: pinyin
of the frozen split 0.940 → 0.960 (menu 6 % → 4 %), never seen 0.889 → 0.944 and 0.867 →
0.933. The alarm does not read them (`IntentClassifier._raised`): it did, one false alarm more
and two emergencies fewer on the emergency sets; marked apart ("r:"), no gain.
How a question is put (`decide.asking`: asked to blame, or whose business a matter is) is one
feature each, weighed by the model: frozen split's wrong acts 25 → 24, CV 175 → 174.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from handlers.classifier import pinyin
from handlers.classifier.decide.asking import forms
from handlers.classifier.lexicon import EMERGENCY_KINDS
from handlers.classifier.reading import ime
from handlers.classifier.reading.dialect import regional
from handlers.classifier.rules import normalize
from handlers.core.labels import INTENT_LABELS

LABELS = INTENT_LABELS  # the intents' labels as data: the classifier imports no intent module
NGRAMS = (1, 2, 3)
C = 30.0  # inverse regularisation, chosen by 5-fold CV on the training corpus (3, 10, 30)

_DIGITS = re.compile(r"\d")
_SPACES = re.compile(r"\s+")


def analyze(text: str) -> list[str]:
    """Character n-grams of the normalised text, digits folded, with start/end marks."""
    return grams(normalize(text))


def analyze_words(text: str) -> list[str]:
    """Character n-grams and words of the normalised text."""
    return features(normalize(text))


def grams(norm: str) -> list[str]:
    """`analyze` for text that is already normalised."""
    marked = "^" + _SPACES.sub(" ", _DIGITS.sub("0", norm)) + "$"
    return [marked[i:i + n] for n in NGRAMS for i in range(len(marked) - n + 1)]


def features(norm: str) -> list[str]:
    """What the intent model reads of normalised text: character n-grams with regional words in
    their standard form (`reading.dialect`: 叫人给偷了 → 被人偷了), then words and pairs of
    pinyin syllables of its standard spelling (so "wo yao tou su" and 俺要投诉 read like
    我要投诉)."""
    local = regional(norm)      # once: pinyin.standard(norm) is folded(regional(norm))
    plain = pinyin.folded(local)
    read = ime.read(plain)
    found = (grams(local) + words(read) + pinyin.features(plain) + pinyin.english(norm)
             + forms(read))
    return found if read == plain else found + grams(read)


def words(norm: str) -> list[str]:
    """The words of normalised text (digits folded), marked "w:" apart from n-grams."""
    return ["w:" + word for word in _segmenter().cut(_DIGITS.sub("0", norm))
            if _WORDY.search(word) and word not in pinyin.STOP_WORDS]


_WORDY = re.compile(r"[^\W_]")


@cache
def _segmenter():
    # Imported on first use: loading its dictionary takes a quarter of a second.
    import rjieba

    return rjieba


def data_text(name: str) -> str:
    """The text of a packaged `handlers/data/` file."""
    return resources.files("handlers").joinpath("data", name).read_text(encoding="utf-8")


def json_rows(lines: Iterable[str], name: str) -> Iterator[tuple[int, dict, str, str]]:
    """(line number, row, label, text) of each non-blank JSON line; ValueError names a line
    that is not JSON or lacks its label or text."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            label, text = row["label"], row["text"]
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{name}:{number}: {error}") from error
        yield number, row, label, text


def read_tsv(name: str) -> list[tuple[str, str]]:
    """(label, text) pairs from a packaged `handlers/data/*.tsv` file."""
    raw = data_text(name)
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        label, sep, text = line.partition("\t")
        if not sep or label not in LABELS:
            raise ValueError(f"{name}:{number}: expected one of {LABELS} then a tab")
        pairs.append((label, text))
    return pairs


@dataclass(frozen=True)
class Item:
    """One labelled message of the emergency set."""

    label: str              # "emergency" or "negative"
    kind: str | None        # emergencies: the §4 kind; negatives: their category
    register: str
    text: str


def read_items(name: str) -> list[Item]:
    """The items of a packaged `handlers/data/*.jsonl` part; ValueError names a bad line."""
    return parse_items(data_text(name).splitlines(), name)


def parse_items(lines: Iterable[str], name: str = "<lines>") -> list[Item]:
    """Items from JSON lines `{"label", "kind", "register", "text"}`."""
    items = []
    for number, row, label, text in json_rows(lines, name):
        kind = row.get("kind")
        if label not in ("emergency", "negative") or (label == "emergency"
                                                      and kind not in EMERGENCY_KINDS):
            raise ValueError(f"{name}:{number}: bad label or kind")
        items.append(Item(label, kind if kind is None else str(kind),
                          str(row.get("register", "")), text))
    return items


@dataclass(frozen=True)
class Scored:
    """The model's view of one message."""

    label: str
    probability: float
    probabilities: tuple[float, ...]     # in LABELS order
    top_ngrams: tuple[tuple[str, float], ...]


class LinearModel:
    """Weights of a trained model as an n-gram table."""

    def __init__(self, table: dict[str, tuple[float, ...]], intercepts: Sequence[float],
                 labels: Sequence[str] = LABELS, words: bool = False) -> None:
        self._build(list(table), np.array(list(table.values()), dtype=np.float64).reshape(
            len(table), len(tuple(labels)) + 1), intercepts, labels, words)

    def _build(self, grams_: list[str], weights: np.ndarray, intercepts: Sequence[float],
               labels: Sequence[str], words: bool) -> None:
        self.labels = tuple(labels)
        self.words = words          # reads `features` (n-grams and words), else `grams`
        # Two labels (the alarm): the second's weight alone decides, summed in plain Python.
        self._pairs = (dict(zip(grams_, zip(weights[:, 0].tolist(),
                                            (weights[:, 2] - weights[:, 1]).tolist(),
                                            strict=True), strict=True))
                       if len(self.labels) == 2 else {})
        self._rows = dict(zip(grams_, range(len(grams_)), strict=True))
        self._names = grams_        # row number -> feature
        self._weights = weights
        self._intercepts = [float(b) for b in intercepts]

    @classmethod
    def train(cls, examples: Sequence[tuple[str, str]], labels: Sequence[str] = LABELS,
              c: float = C, min_df: int = 1, words: bool = False) -> LinearModel:
        """Fit on (label, text) pairs; deterministic for the same examples."""
        # Imported here: scikit-learn takes ~0.6 s to import and only training needs it.
        import numpy
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        labels = tuple(labels)
        texts = [text for _, text in examples]
        targets = [labels.index(label) for label, _ in examples]
        vectorizer = TfidfVectorizer(analyzer=analyze_words if words else analyze, binary=True,
                                     norm="l2", dtype=numpy.float64, min_df=min_df)
        matrix = vectorizer.fit_transform(texts)
        model = LogisticRegression(C=c, solver="newton-cg", max_iter=200, class_weight="balanced")
        model.fit(matrix, targets)
        present = [int(k) for k in model.classes_]
        coef, intercept = model.coef_, model.intercept_
        if len(present) == 2:       # one row for two classes: the second against the first
            coef = numpy.vstack([numpy.zeros_like(coef[0]), coef[0]])
            intercept = numpy.array([0.0, intercept[0]])
        idf = vectorizer.idf_
        table: dict[str, tuple[float, ...]] = {}
        for gram, column in vectorizer.vocabulary_.items():
            weights = [0.0] * len(labels)
            for row, label in enumerate(present):
                weights[label] = float(idf[column] * coef[row, column])
            table[gram] = (float(idf[column]) ** 2, *weights)
        intercepts = [-1e9] * len(labels)   # a label absent from training never wins
        for row, label in enumerate(present):
            intercepts[label] = float(intercept[row])
        return cls(table, intercepts, labels, words)

    def arrays(self) -> dict[str, np.ndarray]:
        """The model as arrays (`from_arrays` reads them back): for the model cache."""
        return {"features": np.array(list(self._rows), dtype=np.str_), "weights": self._weights,
                "intercepts": np.array(self._intercepts, dtype=np.float64),
                "labels": np.array(self.labels, dtype=np.str_),
                "words": np.array([self.words])}

    @classmethod
    def from_arrays(cls, arrays) -> LinearModel:
        """A model from what `arrays` gave."""
        # Straight from the arrays: a table of tuples would cost seconds at start-up.
        model = cls.__new__(cls)
        model._build(arrays["features"].tolist(), np.asarray(arrays["weights"], dtype=np.float64),
                     arrays["intercepts"].tolist(), arrays["labels"].tolist(),
                     bool(arrays["words"][0]))
        return model

    def odds(self, gram_set: set[str]) -> float:
        """For a two-label model: the probability of the second label, from the n-gram set."""
        get = self._pairs.get
        norm2 = logit = 0.0
        for gram in gram_set:
            pair = get(gram)
            if pair is not None:
                norm2 += pair[0]
                logit += pair[1]
        logit = self._intercepts[1] - self._intercepts[0] + (logit / math.sqrt(norm2)
                                                             if norm2 else 0.0)
        return 1.0 / (1.0 + math.exp(-logit)) if logit > -700 else 0.0

    def score(self, norm: str, top: int = 3, gram_set: set[str] | None = None) -> Scored:
        """Class probabilities for normalised text and the n-grams that pushed the winner most.

        `gram_set` is `set(grams(norm))` when the caller already has it (two models, one
        message)."""
        if gram_set is None:
            gram_set = set(features(norm) if self.words else grams(norm))
        # One lookup per n-gram (the table is large: each is a cache miss), the rows in the
        # set's order, and `take` rather than fancy indexing with a list.
        found = [row for row in map(self._rows.get, gram_set) if row is not None]
        rows = self._weights.take(found, axis=0)
        if found:
            sums = rows.sum(axis=0).tolist()
            norm2 = math.sqrt(sums[0])
            logits = [b + s / norm2 for b, s in zip(self._intercepts, sums[1:], strict=True)]
        else:
            norm2, logits = 1.0, list(self._intercepts)
        # Seven classes: plain floats are quicker than numpy's per-call overhead here.
        peak = max(logits)
        exps = [math.exp(v - peak) for v in logits]
        total = sum(exps)
        probabilities = tuple(e / total for e in exps)
        best = max(range(len(self.labels)), key=probabilities.__getitem__)
        if not top:
            return Scored(self.labels[best], probabilities[best], probabilities, ())
        pushes = rows[:, best + 1]
        strongest = np.argsort(-pushes, kind="stable")[:top].tolist()
        weights = pushes.tolist()
        names = self._names
        return Scored(self.labels[best], probabilities[best], probabilities,
                      tuple((names[found[i]], weights[i] / norm2) for i in strongest
                            if weights[i] > 0))
