"""Scores of 1 to 5 said in words, where a rating asks for numbers: "五星", "还行吧", "中",
"不咋地", "😊", "very satisfied"; and the three sub-scores (服务态度、办理速度、处理结果) read
from a sentence ("态度很好，就是来得慢了点", "态度5分，速度3分", "都挺好")."""

from __future__ import annotations

import re
import unicodedata

from handlers.dialogs.steps import Invalid

_NUMERALS = str.maketrans({"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5"})
# "5分", "五星", "4颗星", "3 stars", "4/5": a number the words mark as a score.
_MARKED = re.compile(r"([1-5])\s*(?:分|星|颗星|个星|stars?|points?|/\s*5)", re.IGNORECASE)
# Appraisals, the longest read first so that "非常不满意" is not read as "满意". Plain words,
# dialect (中, 得劲, 不咋地, 孬), English and the emoji residents send for the same.
_WORDS: dict[int, tuple[str, ...]] = {
    5: ("非常满意", "很满意", "特别满意", "十分满意", "太满意", "超满意", "相当满意", "满意满意",
        "非常好", "特别好", "太好了", "很好", "真好", "满分", "好评", "得劲", "没得说", "没话说",
        "没毛病", "杠杠的", "很棒", "真棒", "棒", "赞", "very satisfied", "excellent", "perfect",
        "great", "very good", "very kind", "amazing", "wonderful", "👍", "💯", "🥰", "😍", "❤"),
    4: ("满意", "挺好", "不错", "蛮好", "还好", "好", "可以", "satisfied", "good", "kind",
        "nice", "helpful", "polite", "😊", "🙂", "😀", "😄", "👌"),
    3: ("一般般", "一般", "还行", "还可以", "凑合", "马马虎虎", "过得去", "中规中矩", "so-so",
        "so so", "average", "okay", "ok", "fine", "😐"),
    2: ("不满意", "不太满意", "不咋地", "不咋样", "不怎么样", "不太好", "不好", "有点差", "慢",
        "拖", "not satisfied", "unsatisfied", "not good", "bad", "slow", "rude", "😕", "🙁"),
    1: ("非常不满意", "很不满意", "特别不满意", "太差", "很差", "非常差", "差评", "差劲", "垃圾",
        "孬", "terrible", "awful", "very bad", "horrible", "😡", "😠", "👎", "🤬"),
}
# "中" alone is Henan's "OK": only as the whole answer ("中", "还中", "怪中嘞").
_ZHONG = re.compile(r"^(?:还|挺|怪|真|老|都|整体还?)?中(?:中)?(?:啊|呀|吧|嘞|哩|了|的)?$")
_PHRASES = sorted(((w, s) for s, words in _WORDS.items() for w in words),
                  key=lambda pair: len(pair[0]), reverse=True)
_LATIN = re.compile(r"[a-z]")
# What may stand beside an appraisal in a message that is nothing but one ("嗯嗯好了").
_FILLER = re.compile(r"[\s，,。.！!？?~～…、:：；;]|吧|啊|呀|哈|嘞|哩|的|了|呢|嗯|挺|都|也|真的")

# The three aspects of the details step, by the words residents call them.
ASPECTS = ("attitude", "speed", "result")
_ASPECT_WORDS = {
    "attitude": ("服务态度", "态度", "服务", "民警人", "人很", "attitude", "manner", "officer",
                 "polite", "kind", "rude"),
    "speed": ("办理速度", "速度", "效率", "来得", "来的", "到得", "出警", "及时", "快", "慢",
              "speed", "fast", "quick", "slow", "came"),
    "result": ("处理结果", "结果", "效果", "处理", "解决", "result", "outcome", "solved"),
}
_ASPECT_FIND = re.compile("|".join(sorted((re.escape(w) for ws in _ASPECT_WORDS.values()
                                           for w in ws), key=len, reverse=True)), re.IGNORECASE)
_ASPECT_OF = {w.lower(): name for name, ws in _ASPECT_WORDS.items() for w in ws}
# Words only the speed aspect is praised or blamed with.
_SPEED = {5: ("很快", "及时", "迅速", "马上", "立刻", "fast", "quick"),
          3: ("慢了点", "有点慢", "稍慢", "慢了一点", "a bit slow"),
          2: ("慢", "拖", "slow")}
# "都挺好", "全5", "三项都是5分", "all 5": one score for every aspect.
_ALL = re.compile(r"都|全|各项|三项|每项|统统|all|every", re.IGNORECASE)


_SPOKEN = re.compile(r"[一二两三四五](?=\s*(?:分|星|颗星|个星))")
_ONLY_NUMERALS = re.compile(r"^[一二两三四五\s，,、]+$")


# WeChat's emoji typed as codes, as the emoji they show.
_WECHAT = {"[强]": "👍", "[弱]": "👎", "[微笑]": "🙂", "[ok]": "👌", "[抱拳]": "🙏",
           "[愉快]": "😊", "[发怒]": "😠", "[爱心]": "❤"}
_WECHAT_CODE = re.compile("|".join(re.escape(code) for code in _WECHAT))


def _fold(text: str) -> str:
    """NFKC, lower case, WeChat's emoji codes as emoji, and numerals said as scores in
    digits ("五星", "五 四 五")."""
    said = unicodedata.normalize("NFKC", text).lower()
    said = _WECHAT_CODE.sub(lambda m: _WECHAT[m.group(0)], said)
    if _ONLY_NUMERALS.match(said.strip()):
        return said.translate(_NUMERALS)
    return _SPOKEN.sub(lambda m: m.group(0).translate(_NUMERALS), said)


def digits(text: str) -> str:
    """The answer with scores said in numerals written in digits ("五 四 五" → "5 4 5")."""
    return _fold(text)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _appraisals(said: str) -> list[tuple[int, int, int]]:
    """(start, end, score) of each appraisal in `said`, longest phrases first, no overlap."""
    found: list[tuple[int, int, int]] = []
    taken = [False] * len(said)
    for phrase, score in _PHRASES:
        latin = _LATIN.search(phrase) is not None
        for match in re.finditer(re.escape(phrase), said):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            if latin and ((start and _latin(said[start - 1]))
                          or (end < len(said) and _latin(said[end]))):
                continue    # "ok" inside "look", "bad" inside "badge"
            taken[start:end] = [True] * (end - start)
            found.append((start, end, score))
    return sorted(found)


# A question about the rating ("差评会怎样", "可以不评吗") is no score, whatever it names.
_ASKS = re.compile(r"[？?]\s*$|吗[。.!！~～]*$|什么|怎样|怎么(?!样)|能不能|可不可以|会不会|是不是"
                   r"|咋办|咋知道|多久|多少|为啥|^(?:what|how|why|can|could|will|does|is|are)\b")


def score(text: str) -> int | None:
    """The 1–5 score the words give ("五星" 5, "还行吧" 3, "不咋地" 2), None when they give
    none or ask something; several appraisals ("满意，但是来得太慢") are averaged."""
    said = _fold(text).strip()
    if _ASKS.search(said):
        return None
    marked = _MARKED.search(said)
    if marked:
        return int(marked.group(1))
    if _ZHONG.match(said):
        return 4
    found = _appraisals(said)
    if not found:
        return None
    return max(1, min(5, round(sum(s for _, _, s in found) / len(found) + 1e-9)))


def alone(text: str) -> int | None:
    """The score when the message is nothing but an appraisal ("还行吧", "中", "👍"): no reason
    or story beside it."""
    said = _fold(text).strip()
    if _ZHONG.match(said):
        return 4
    rest = list(said)
    spans = [(m.start(), m.end()) for m in _MARKED.finditer(said)] + \
        [(start, end) for start, end, _ in _appraisals(said)]
    if not spans:
        return None
    for start, end in spans:
        rest[start:end] = [" "] * (end - start)
    return score(text) if not _FILLER.sub("", "".join(rest).replace("给个", "")) else None


def aspects(text: str) -> dict[str, int]:
    """The sub-scores a sentence gives, by aspect: "态度5分，速度3分" {attitude: 5, speed: 3};
    "都挺好" gives all three; words with no aspect and no "all" give none."""
    said = _fold(text).strip()
    numbers = re.findall(r"[1-5]", said)
    mentions: list[tuple[int, int, str]] = []
    for m in _ASPECT_FIND.finditer(said):
        name = _ASPECT_OF[m.group(0).lower()]
        if not (mentions and mentions[-1][2] == name):     # "来得慢": one mention of speed
            mentions.append((m.start(), m.end(), name))
    given: dict[str, int] = {}
    for at, (start, end, name) in enumerate(mentions):
        # The words about this aspect: up to the next aspect named, within its clause.
        stop = mentions[at + 1][0] if at + 1 < len(mentions) else len(said)
        clause = re.split(r"[，,。.；;！!]", said[start:stop])[0]
        value = _speed(clause) if name == "speed" else None
        bare = re.search(r"(?<![0-9])[1-5](?![0-9])", clause)
        if value is None and bare:
            value = int(bare.group(0))
        if value is None:
            value = score(clause) if clause != said[start:end] else None
        if value is None and name in ("attitude", "speed") and said[start:end] in (
                "kind", "polite", "fast", "quick", "及时", "快"):
            value = 5
        if value is None and said[start:end] in ("rude", "slow", "慢"):
            value = 2
        if value is not None and name not in given:
            given[name] = value
    if given:
        return given
    if len(numbers) == 1 or _ALL.search(said):
        overall = int(numbers[0]) if len(numbers) == 1 else score(said)
        if overall is not None and (_ALL.search(said) or _MARKED.search(said)):
            return dict.fromkeys(ASPECTS, overall)
    return {}


def _speed(clause: str) -> int | None:
    for value in (3, 5, 2):
        if any(word in clause for word in _SPEED[value]):
            return value
    return None


_THREE = re.compile(r"^\s*([1-5])\D*([1-5])\D*([1-5])\s*$")
# Words, not only digits and signs: what a resident said in a sentence.
_WORDED = re.compile(r"[^\W\d_]")


def worded(answer: str) -> bool:
    """Whether the answer holds words, not only digits and signs."""
    return _WORDED.search(answer) is not None


def satisfaction(answer: str) -> str:
    """满意度 said in words ("五星", "还行吧", "不咋地", "😊"), as the step's value."""
    said = score(answer)
    if said is None:
        raise Invalid("verdict_satisfaction_unclear")
    return str(said)


def details(answer: str) -> str:
    """服务态度、办理速度、处理结果 as three digits, "-" where a sentence gives none (the
    verdict keeps the sentence as the comment); mistyped digits ("5 5") are asked again."""
    match = _THREE.match(digits(answer))
    if match is not None:
        return "".join(match.groups())
    if not worded(digits(answer)):
        # An emoji alone ("👍", "👎") rates all three; one that rates nothing ("🙏") leaves
        # them unscored. Digits and signs that make no three scores ("5 5") are asked again.
        if re.search(r"[\d\w]", digits(answer)):
            raise Invalid("verdict_details_invalid")
        overall = alone(answer)
        return str(overall) * 3 if overall is not None else "---"
    given = aspects(answer)
    return "".join(str(given.get(aspect, "-")) for aspect in ASPECTS)
