"""The consult knowledge base: frequent questions matched by character n-gram similarity.

A confident match is answered at once; anything else opens a consult ticket. A booking
request naming a service ("预约明天办身份证") may match that service's entry (what to bring):
harmless, and booking stays with the appointment dialog.
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from handlers.intents.faq.words import normalize, objects
from handlers.texts import text, with_110

DEFAULT_PATH = Path(__file__).parents[2] / "data" / "faq.toml"

# Real questions score from ~0.2 up while chit-chat, complaints and emergencies stay under
# ~0.17; a runner-up within MARGIN means two answers fit, so a person should answer. Tuned
# with EVIDENCE_DF on tests/test_handlers/test_intents/faq_dev.tsv (issue 14.6; was 0.03).
THRESHOLD = 0.20
MARGIN = 0.05
# A confident answer also needs evidence: a content word (a 2-gram without glue characters,
# or a Latin/digit word) shared with the entry and used by at most this many entries; glue
# pairs (要迁, 迁到) alone gave a student's 户口 question the marriage answer. On the dev set
# (`python -m handlers.intents.faqtune`) wrong answers went 11 -> 5 of 65, right ones 38 -> 38.
EVIDENCE_DF = 8
# Shared words an English question needs with the entry (see Faq.evidence).
ENGLISH_EVIDENCE = 2

# Unigrams carry the topic words (证, 户); IDF already quiets the common ones (的, 吗).
GRAM_WEIGHTS = {1: 1.0, 2: 1.0, 3: 1.0}
# A Latin or digit word (96110, app, 12123) is one token but says as much as a Chinese word.
WORD_WEIGHT = 3.0
# Share of the score from the entry's centroid (all its phrasings together), which weighs the
# words that make the entry (身份证, 居住证) over generic phrasing shared by many entries.
CENTROID_WEIGHT = 0.8
# Weight of grams the knowledge base never uses: they pull unrelated messages down (lower
# values let "感谢古楼派出所…" answer as a phone-number question).
UNSEEN_WEIGHT = 1.0
# Entries whose phrasings are compared one by one after the centroid index picked them.
CANDIDATES = 8

# A Latin or digit word is one token; spaces between them are kept by `normalize` only to
# part the words.
_TOKEN = re.compile(r"[a-z0-9]+|\S")


def grams(s: str) -> Counter[tuple[str, ...]]:
    """1-3 grams of a normalized string over Chinese characters and whole Latin/digit words."""
    tokens = _TOKEN.findall(s)
    return Counter(tuple(tokens[i:i + n]) for n in GRAM_WEIGHTS
                   for i in range(len(tokens) - n + 1))


# Function characters: a 2-gram holding one is a phrase's glue (要迁, 了户), not a topic word.
_GLUE = frozenset("了要不吗么的到能可怎去在是有给把和我你他她们吧呢啊就也还都")


def _is_word(gram: tuple[str, ...]) -> bool:
    """A 2-gram of content characters, or one Latin/digit word (96110, app)."""
    if len(gram) == 1:
        return len(gram[0]) > 1
    return len(gram) == 2 and not (_GLUE & set(gram))


@functools.lru_cache(maxsize=1024)
def _named(message: str) -> frozenset[int]:
    """The things a message names, once per message (a match asks it of every candidate)."""
    return objects(normalize(message))


def _english(message: str) -> bool:
    """A message in Latin letters without a Chinese character."""
    return _LATIN.search(message) is not None and _CHINESE.search(message) is None


_LATIN = re.compile(r"[A-Za-z]{2}")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _unit(vec: dict[tuple[str, ...], float]) -> dict[tuple[str, ...], float]:
    norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
    return {gram: w / norm for gram, w in vec.items()}


@dataclass(frozen=True)
class FaqEntry:
    """One frequent question and its answer."""

    id: str
    topic: str
    question: str
    variants: tuple[str, ...]
    answer: str
    # How a resident writing English asks it: a few short phrasings in their words.
    english: tuple[str, ...] = ()


@dataclass(frozen=True)
class FaqMatch:
    """The best entry for a message, how similar it is, and whether to answer at once."""

    entry: FaqEntry
    score: float
    confident: bool


class Faq:
    """The knowledge base with its TF-IDF inverted index."""

    def __init__(self, entries: list[FaqEntry], guide: dict[str, str],
                 threshold: float = THRESHOLD, margin: float = MARGIN,
                 evidence_df: int = EVIDENCE_DF, english: bool = False) -> None:
        self.entries = tuple(entries)
        self._reads_english = english
        self.guide = dict(guide)
        self.threshold = threshold
        self.margin = margin
        self.evidence_df = evidence_df
        self._by_topic: dict[str, list[FaqEntry]] = defaultdict(list)
        for entry in self.entries:
            self._by_topic[entry.topic].append(entry)
        self._index()
        # English questions meet the entries' English phrasings in an index of their own:
        # mixed into the Chinese one they would dilute every entry's Chinese words.
        written = [entry for entry in self.entries if entry.english]
        self._english = Faq(written, {}, english=True) if written and not english else None

    @classmethod
    def load(cls, path: Path | str | None = None) -> Faq:
        """Read the knowledge base from TOML (the packaged one by default)."""
        with open(path or DEFAULT_PATH, "rb") as f:
            data = tomllib.load(f)
        entries = [FaqEntry(id=item["id"], topic=item["topic"], question=item["question"],
                            variants=tuple(item.get("variants", ())),
                            answer=item["answer"].strip(),
                            english=tuple(item.get("english", ())))
                   for item in data["faq"]]
        return cls(entries, data.get("guide", {}))

    def _index(self) -> None:
        docs: list[tuple[int, Counter[tuple[str, ...]]]] = []
        for e_idx, entry in enumerate(self.entries):
            phrasings = entry.english if self._reads_english \
                else (entry.question, *entry.variants)
            for s in phrasings:
                docs.append((e_idx, grams(normalize(s))))
        df: Counter[tuple[str, ...]] = Counter()
        for _, g in docs:
            df.update(g.keys())
        # Each entry's words, and in how many entries each word appears.
        self._words: list[set[tuple[str, ...]]] = [set() for _ in self.entries]
        for e_idx, g in docs:
            self._words[e_idx].update(gram for gram in g if _is_word(gram))
        self._entry_df = Counter(gram for words in self._words for gram in words)
        # The things each entry speaks of, in its phrasings or its answer.
        self._position = {entry.id: at for at, entry in enumerate(self.entries)}
        self._objects = [objects(normalize(" ".join((entry.question, *entry.variants,
                                                     entry.answer))))
                         for entry in self.entries]
        n = len(docs)
        self._idf = {g: math.log((n + 1) / (c + 1)) + 1.0 for g, c in df.items()}
        # A gram no entry uses is maximally informative: it pulls the query away from all.
        self._unseen_idf = (math.log(n + 1) + 1.0) * UNSEEN_WEIGHT
        # Each entry's phrasings as unit vectors, and its centroid in an inverted index.
        self._phrasings: list[list[dict[tuple[str, ...], float]]] = [[] for _ in self.entries]
        centroids: list[dict[tuple[str, ...], float]] = [defaultdict(float) for _ in self.entries]
        for e_idx, g in docs:
            vec = _unit(self._weigh(g))
            self._phrasings[e_idx].append(vec)
            for gram, w in vec.items():
                centroids[e_idx][gram] += w
        # One dense matrix, grams × (entries' centroids, then every phrasing): a query costs
        # one gather of its grams' rows and one vector-matrix product.
        vocabulary = {gram: i for i, gram in enumerate(df)}
        rows = [vec for phrasings in self._phrasings for vec in phrasings]
        entries = len(self.entries)
        matrix = np.zeros((len(vocabulary), entries + len(rows)))
        for e_idx, centroid in enumerate(centroids):
            for gram, w in _unit(centroid).items():
                matrix[vocabulary[gram], e_idx] = w
        for r_idx, vec in enumerate(rows):
            for gram, w in vec.items():
                matrix[vocabulary[gram], entries + r_idx] = w
        # Single precision: half the memory each query gathers, and cosines need no more.
        self._matrix = matrix.astype(np.float32)
        counts = [len(phrasings) for phrasings in self._phrasings]
        self._first_phrasing = np.cumsum([0, *counts[:-1]])
        # gram -> (its row, its weight but for the term frequency), built once.
        self._known = {gram: (row, self._static_weight(gram, self._idf[gram]))
                       for gram, row in vocabulary.items()}

    def _static_weight(self, gram: tuple[str, ...], idf: float) -> float:
        word = WORD_WEIGHT if len(gram) == 1 and len(gram[0]) > 1 else 1.0
        return GRAM_WEIGHTS[len(gram)] * word * idf

    def _weigh(self, g: Counter[tuple[str, ...]]) -> dict[tuple[str, ...], float]:
        return {gram: (1.0 + math.log(tf))
                * self._static_weight(gram, self._idf.get(gram, self._unseen_idf))
                for gram, tf in g.items()}

    def scores(self, message: str) -> list[tuple[float, FaqEntry]]:
        """The entries most similar to the message, best first (at most CANDIDATES)."""
        known = self._known
        rows: list[int] = []
        weights: list[float] = []
        norm2 = 0.0
        for gram, tf in grams(normalize(message)).items():
            scale = 1.0 + math.log(tf) if tf > 1 else 1.0
            hit = known.get(gram)
            if hit is None:
                weight = scale * self._static_weight(gram, self._unseen_idf)
            else:
                weight = scale * hit[1]
                rows.append(hit[0])
                weights.append(weight)
            norm2 += weight * weight
        if not rows:
            return []
        similarity = np.asarray(weights, dtype=np.float32) @ self._matrix[rows]
        entries = len(self.entries)
        centroid = similarity[:entries]
        # The cosine against each entry's closest phrasing, blended with its centroid's.
        closest = np.maximum.reduceat(similarity[entries:], self._first_phrasing)
        blended = (CENTROID_WEIGHT * centroid + (1.0 - CENTROID_WEIGHT) * closest) \
            / math.sqrt(norm2)
        top = np.argsort(-blended, kind="stable")[:CANDIDATES].tolist()
        values, centroids = blended.tolist(), centroid.tolist()
        return [(values[i], self.entries[i]) for i in top if centroids[i] > 0]

    def match(self, message: str) -> FaqMatch | None:
        """The best entry for a resident's message, or None when nothing is similar."""
        return self._match_cached(message)

    @functools.lru_cache(maxsize=1024)  # noqa: B019 (one Faq per process, kept for its life)
    def _match_cached(self, message: str) -> FaqMatch | None:
        index = self._english if self._english is not None and _english(message) else self
        ranked = index.scores(message)
        if not ranked:
            return None
        score, entry = ranked[0]
        # A runner-up that never speaks of the thing asked about is no rival answer.
        rivals = [s for s, other in ranked[1:] if index.speaks_of(message, other)]
        runner_up = rivals[0] if rivals else 0.0
        confident = score >= self.threshold and score - runner_up >= self.margin \
            and index.evidence(message, entry)
        return FaqMatch(entry=entry, score=score, confident=confident)

    def speaks_of(self, message: str, entry: FaqEntry) -> bool:
        """Whether `entry` speaks of every thing (OBJECTS) the message names."""
        if self._reads_english:
            return True
        return _named(message) <= self._objects[self._position[entry.id]]

    def evidence(self, message: str, entry: FaqEntry) -> bool:
        """Whether the message shares a word with `entry` that few entries use, and the entry
        speaks of every thing the message asks about."""
        words = self._words[self._position[entry.id]]
        said = normalize(message)
        if not self.speaks_of(message, entry):
            return False
        shared = {gram for gram in grams(said)
                  if _is_word(gram) and gram in words and self._entry_df[gram] <= self.evidence_df}
        if not self._reads_english:
            return bool(shared)
        # An English word is a whole word, not a character pair: one alone ("much", "account")
        # is too often a thank-you or another office's business; two make a question's topic.
        return len({gram for gram in shared if len(gram) == 1}) >= ENGLISH_EVIDENCE

    def topics(self) -> list[str]:
        """Topics in menu order: the guide's, then any others the entries use."""
        return [*self.guide, *(t for t in self._by_topic if t not in self.guide)]

    def topic_entries(self, topic: str) -> list[FaqEntry]:
        """The entries of one topic, in file order."""
        return list(self._by_topic.get(topic, ()))

    def guide_text(self) -> str:
        """The numbered topic list sent for the 办事指南 (GUIDE) menu key."""
        lines = [text("faq_guide_header")]
        for number, topic in enumerate(self.topics(), start=1):
            intro = self.guide.get(topic, "")
            lines.append(f"{number}. {topic}：{intro}" if intro else f"{number}. {topic}")
        lines.append(text("faq_guide_footer"))
        return with_110("\n".join(lines))

    def answer_text(self, entry: FaqEntry) -> str:
        """The reply for a confident match: the answer and how to ask further."""
        return with_110(f"{entry.answer}\n{text('faq_answer_footer')}")
