"""Pinyin read back into characters, as an input method does ("woyaotousu" → 我要投诉).

The model has read 我要投诉 hundreds of times and "wo yao tou su" a few. Each stretch of
pinyin (Latin words that all cut into syllables, spaced or run together) is segmented into the
words whose toneless syllables it spells, choosing the sequence of words that is likeliest by
jieba's word frequencies (a unigram model, as jieba cuts characters). The words offered are
those of the training corpus (rjieba's full cut of every line) and pypinyin's phrase table;
every syllable also reads as its most frequent character. English words, digits and
punctuation end a stretch and stay as typed.

The index (some 47,000 syllable sequences) takes about 3 s to build and is kept beside the
models (`kept`), read back in about 0.13 s; reading a message costs about 1 µs without Latin
letters, 15-90 µs with pinyin.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from fnmatch import fnmatch
from functools import cache
from importlib import metadata, resources
from pathlib import Path

import numpy as np

from handlers.classifier import pinyin
from handlers.classifier.reading import dialect, kept

_LATIN = re.compile(r"[a-z\u00e0-\u024f]+")
# The files `corpus.training_examples` reads (SHORT_CORPUS and TRAIN there).
_SHORT_CORPUS = "intents_corpus.tsv"
_TRAINING_PARTS = "corpus_*_train.jsonl"
_CHINESE = re.compile(r"[\u3400-\u9fff]+")
_LONGEST_WORD = 6                   # syllables
_READ_MAX = 1_000                   # characters: nobody types a letter in pinyin (and a flood of
                                    # Latin letters would cost a second to read)
_TOTAL = 60_000_000.0               # about the sum of jieba's frequencies: only a scale
_SEEN = 1000.0                      # one line of the corpus weighs as much as 1,000 in jieba's
_UNKNOWN = math.log(1 / _TOTAL) * 2  # a syllable no character reads


def _reading(word: str) -> tuple[str, ...] | None:
    from pypinyin import Style, lazy_pinyin

    syllables = tuple(pinyin.toneless(s) for s in lazy_pinyin(word, style=Style.TONE))
    known = pinyin.syllable_set()
    return syllables if all(s in known for s in syllables) else None


@cache
def index() -> dict[tuple[str, ...], tuple[str, float]]:
    """Toneless syllables → the likeliest word (or character) spelt so, with its log weight;
    kept beside the models (`kept`), keyed by the training texts, this code and the libraries."""
    texts, digest = _training_texts()
    where = kept.folder()
    path = where / f"reading-{digest}.npz" if where is not None else None
    if path is not None and path.exists():
        try:
            with np.load(path, allow_pickle=False) as arrays:
                return {tuple(key.split()): (word, weight) for key, word, weight in zip(
                    arrays["keys"].tolist(), arrays["words"].tolist(),
                    arrays["weights"].tolist(), strict=True)}
        except (OSError, ValueError, KeyError):
            pass        # unreadable: built anew below (about 3 s) and written again
    built = _build(texts)
    if path is not None:
        kept.keep_arrays(path, {"keys": np.array([" ".join(key) for key in built], dtype=np.str_),
                                "words": np.array([word for word, _ in built.values()],
                                                  dtype=np.str_),
                                "weights": np.array([weight for _, weight in built.values()])})
    return built


def _training_texts() -> tuple[list[str], str]:
    """The texts the intent model learns from (`corpus.training_examples`' files, read here:
    the corpus module sits above the model, which reads through this one) and a digest of
    them, of this module, of the pinyin module and of the libraries' versions."""
    import pypinyin

    data = resources.files("handlers").joinpath("data")
    sha = hashlib.sha256(f"{pypinyin.__version__} {metadata.version('rjieba')}".encode())
    for module in (__file__, pinyin.__file__, dialect.__file__):
        sha.update(Path(module).read_bytes())
    texts = []
    for name in sorted(entry.name for entry in data.iterdir()):
        if not (name == _SHORT_CORPUS or fnmatch(name, _TRAINING_PARTS)):
            continue
        raw = data.joinpath(name).read_text(encoding="utf-8")
        sha.update(name.encode() + b"\0" + raw.encode())
        for line in raw.splitlines():
            if name.endswith(".tsv"):
                texts.append(line.partition("\t")[2])
            elif line.strip():
                texts.append(str(json.loads(line).get("text", "")))
    return texts, sha.hexdigest()[:32]


def _build(texts: list[str]) -> dict[tuple[str, ...], tuple[str, float]]:
    import rjieba
    from pypinyin.phrases_dict import phrases_dict

    # The corpus's own words count beside jieba's frequencies (written Chinese at large): a
    # resident typing "na dao" at a police channel more likely means 拿刀 than 拿到.
    seen: Counter[str] = Counter()
    for text in texts:
        plain = pinyin.standard(text)
        seen.update(word for word in rjieba.cut(plain) if len(word) <= _LONGEST_WORD)
        seen.update(word for word in rjieba.cut_all(plain) if 1 < len(word) <= _LONGEST_WORD)
    best: dict[tuple[str, ...], tuple[str, float]] = {}

    def offer(word: str, syllables: tuple[str, ...]) -> None:
        weight = math.log((rjieba.suggest_freq(word) + _SEEN * seen[word]) / _TOTAL)
        if syllables not in best or best[syllables][1] < weight:
            best[syllables] = (word, weight)

    for char, syllable in pinyin.readings().items():
        if rjieba.has_word(char):
            offer(char, (syllable,))
    words = {word for word in phrases_dict if 1 < len(word) <= _LONGEST_WORD}
    words.update(word for word in seen if len(word) > 1 and _CHINESE.fullmatch(word))
    for word in words:
        if (seen[word] or rjieba.has_word(word)) and (syllables := _reading(word)) is not None:
            offer(word, syllables)
    return best


def _best_path(syllables: list[str]) -> str:
    lexicon = index()
    size = len(syllables)
    score = [0.0] + [-math.inf] * size
    back = [(0, "")] * (size + 1)
    for end in range(1, size + 1):
        for start in range(max(0, end - _LONGEST_WORD), end):
            if score[start] == -math.inf:
                continue
            found = lexicon.get(tuple(syllables[start:end]))
            if found is None:
                if end - start > 1:
                    continue
                found = ("", _UNKNOWN)
            if score[start] + found[1] > score[end]:
                score[end] = score[start] + found[1]
                back[end] = (start, found[0])
    words, end = [], size
    while end:
        start, word = back[end]
        words.append(word)
        end = start
    return "".join(reversed(words))


def read(norm: str) -> str:
    """Normalised text with each stretch of pinyin written in characters ("我要tousu" → 我要投诉);
    text without pinyin comes back unchanged."""
    if len(norm) > _READ_MAX or not _LATIN.search(norm):
        return norm
    words = _LATIN.findall(norm)
    if sum(pinyin.split_latin(word) is not None for word in words) * 2 < len(words):
        # English with a word that happens to spell syllables ("on" → o n, "he", "an"):
        # a message in pinyin is pinyin nearly throughout.
        return norm
    out: list[str] = []
    last = 0
    stretch: list[str] = []
    start = end = 0
    for match in _LATIN.finditer(norm):
        cut = pinyin.split_latin(match.group(0))
        joined = stretch and not norm[end:match.start()].strip()
        if cut is None or not joined:
            if stretch:
                out.append(norm[last:start] + _best_path(stretch))
                last = end
            stretch = []
        if cut is None:
            continue
        if not stretch:
            start = match.start()
        stretch.extend(cut)
        end = match.end()
    if stretch:
        out.append(norm[last:start] + _best_path(stretch))
        last = end
    out.append(norm[last:])
    return "".join(out)
