"""Pinyin syllables of a message, so that Chinese written in pinyin meets Chinese written in
characters (issue 14's registers).

A resident without a Chinese input method types "wo yao tou su", "woyaotousu" or "tóu sù";
the model has read "我要投诉" hundreds of times. Both become the same toneless syllables
(wo yao tou su): characters through pypinyin's character table (the first reading of each),
Latin letters by stripping tone marks and cutting runs into syllables where they cut cleanly
(longest syllable first). Syllable pairs within a clause are the features ("p:tou_su").

English has its own small lexicon: the words of explicit requests and their topics read as
the Chinese words the corpus is written in, and function words are no features. 5-fold CV of
the classifier (`handlers.tools.intent_cv`): accuracy 0.931 -> 0.933, English lines 0.821 ->
0.848 (acted wrongly 7.4 % -> 7.7 %, menu 24.4 % flat: the lines were too few; see the corpus).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import pairwise

from handlers.classifier.prefilter import Rewrites

_CJK = re.compile(r"[\u3400-\u9fff]")
# A run of one script: Chinese characters, or Latin letters (a word of pinyin or English).
_RUN = re.compile(r"[\u3400-\u9fff]+|[a-z\u00e0-\u024f]+")
_LONGEST = 6        # zhuang, shuang: no syllable is longer


@cache
def _table() -> tuple[dict[str, str], frozenset[str]]:
    # Imported and built on first use (the classifier's start-up): 42,000 characters.
    from pypinyin.pinyin_dict import pinyin_dict

    readings = {chr(code): _toneless(value.partition(",")[0])
                for code, value in pinyin_dict.items()}
    syllables = frozenset(readings.values()) - {""}
    return readings, syllables


@cache     # some 1,500 toned syllables: the table is built in milliseconds, not a second
def _toneless(syllable: str) -> str:
    """tóu → tou, nǚ → nu, lǜ → lu (typists write ü as u or v; v is folded to u)."""
    bare = unicodedata.normalize("NFKD", syllable)
    return "".join(c for c in bare if not unicodedata.combining(c)).replace("v", "u")


def readings() -> dict[str, str]:
    """Each character's toneless first reading (好 → hao)."""
    return _table()[0]


def syllable_set() -> frozenset[str]:
    """Every toneless syllable a character reads as."""
    return _table()[1]


def toneless(syllable: str) -> str:
    """tóu → tou, nǚ → nu (v folded to u, as typists write ü)."""
    return _toneless(syllable)


def split_latin(word: str) -> list[str] | None:
    """A Latin word cut into pinyin syllables (longest first), or None if it does not cut."""
    syllables = _table()[1]
    word = _toneless(word)
    found, i = [], 0
    while i < len(word):
        for size in range(min(_LONGEST, len(word) - i), 0, -1):
            if word[i:i + size] in syllables:
                found.append(word[i:i + size])
                i += size
                break
        else:
            return None
    return found


def syllables(norm: str) -> list[list[str]]:
    """The syllables of normalised text, one list per stretch between punctuation."""
    readings = _table()[0]
    stretches: list[list[str]] = [[]]
    last = 0
    for run in _RUN.finditer(norm):
        if norm[last:run.start()].strip():         # punctuation, digits, emoji: a break
            stretches.append([])
        last = run.end()
        text = run.group(0)
        if _CJK.match(text):
            stretches[-1].extend(readings.get(char, "") or "?" for char in text)
        else:
            cut = split_latin(text)
            if cut is None:
                stretches.append([])
            else:
                stretches[-1].extend(cut)
    return [stretch for stretch in stretches if stretch]


def features(norm: str) -> list[str]:
    """Adjacent syllable pairs, marked "p:" apart from the other features."""
    return [f"p:{a}_{b}" for stretch in syllables(norm)
            for a, b in pairwise(stretch) if "?" not in (a, b)]


# Fuzzy pinyin: typing without tones, many residents (and all of the south) make no difference
# between the initials zh/z, ch/c, sh/s and n/l or the finals an/ang, en/eng, in/ing. The
# explicit requests (`requests`) are compared in this spelling. The model's pairs are not: read
# folded, 5-fold CV of the classifier lost pinyin lines (0.892 -> 0.888 with or without n/l),
# the corpus's pinyin being typed in the standard spelling.
_RETROFLEX = re.compile(r"^([zcs])h")
_VELAR = re.compile(r"(?<=[aei])ng$")


@cache
def fold(syllable: str) -> str:
    """shang → san, zheng → zen, ning → lin: one spelling for the sounds often confused."""
    folded = _VELAR.sub("n", _RETROFLEX.sub(r"\1", syllable))
    return "l" + folded[1:] if folded.startswith("n") else folded


# English (issue 14's registers): function words carry no intent, yet as features they pushed
# English lines to whichever intent the few English lines using them had ("and" to complaint,
# "do" to consult). Dropped from the words the model reads.
STOP_WORDS = frozenset(
    "the and or but a an is are was were be been being am to of in on at for with from by as "
    "it its this that these those there here i me my we our us you your he him his she her "
    "they them their do does did have has had can could would will shall should may might "
    "so if then than just very too also any some what which who whom".split())
# English words of explicit requests and their topics, read as the Chinese words the corpus
# is written in (the word and its pinyin pairs, built once here), so "complaint" meets 投诉.
_ENGLISH = tuple((re.compile(rf"\b(?:{pattern})"), ("w:" + chinese, *features(chinese)))
                 for pattern, chinese in (
    ("complain", "投诉"), ("report", "报案"), ("tip[- ]?off", "举报"),
    ("appointment|book(?:ed|ing)? (?:a|an)\\b|reserv|schedul", "预约"),
    ("thank|grateful|apprecia", "感谢"), ("praise|kudos|well done|great job", "表扬"),
    ("suggest|recommend|please (?:add|consider)|would (?:help|be nice)", "建议"),
    ("progress|any news|an update|heard back|follow[- ]?up", "进展"),
    ("stolen|steal|theft|thief", "被偷"), ("scam|fraud|swindl|cheat", "诈骗"),
    ("noise|noisy|loud", "噪音"), ("harass|stalk", "骚扰"), ("threat", "威胁"),
    ("\\blost\\b|lose my", "丢了"), ("id card", "身份证"), ("passport", "护照"),
    ("visa\\b", "签证"), ("residence permit", "居住证"), ("hukou|household regist", "户口"),
    ("certificate", "证明"), ("officer|police(?:man|woman)?\\b", "民警"),
    ("police station", "派出所"),
))


def english(norm: str) -> list[str]:
    """Features of the English words of explicit requests and their topics ("w:投诉" and its
    pinyin pairs for "complaint")."""
    if not _LATIN_WORD.search(norm):
        return []
    return [feature for pattern, read_as in _ENGLISH if pattern.search(norm)
            for feature in read_as]


_LATIN_WORD = re.compile(r"[a-z]{3,}")


# Northern (Shandong) dialect words and homophone slips (issue 14's registers) read as the
# standard spelling before words and syllable pairs are taken: the corpus says 我 and 怎么
# hundreds of times for each 俺 and 咋, and a resident writing 以经 or 转帐 means 已经 and 转账.
# Character n-grams still see what was typed. Only slips with one reading are folded: 再家 and
# 正再 are always 在家 and 正在, while 在来 or 的很 can be right as typed (正在来, 我的很多).
_STANDARD = Rewrites((
    ("俺", "我"), ("恁", "你"), ("咋", "怎么"), ("啥", "什么"), ("(干|为)嘛", r"\1什么"),
    ("嘛(?=事|时候)", "什么"), ("夜来", "昨天"), ("木有", "没有"), ("今儿个?", "今天"),
    ("明儿个?", "明天"), ("昨儿个?", "昨天"), ("后晌", "下午"), ("前晌|头晌", "上午"),
    ("晌午", "中午"),
    ("以经", "已经"), ("(?<![蚊营])帐(?!篷|子)", "账"),
    # 发现再说 and 表现再好 are right as typed.
    ("(正|(?<![发出表体实呈])现)再", r"\1在"),
    (r"再(?=哪|网上|外地|楼下|门口|家里|群里|单位|社区|吗(?:$|[?!。,\s]))", "在"),
    # Frequent slips of sound (抱警, 可已) and shape (自已, 时侯, 拔打), each a word that has
    # no other reading; the word it stands for is one the model has read many times.
    ("抱(?=警|案)", "报"), ("报歉", "抱歉"), ("可已(?!经)", "可以"), ("已后(?!悔)", "以后"),
    ("自已", "自己"), ("己经", "已经"), ("时侯", "时候"), ("拔打", "拨打"), ("在次(?!日)", "再次"),
    ("即然", "既然"), ("既使", "即使"), ("好象", "好像"), ("做案", "作案"), ("身分证", "身份证"),
    ("周未", "周末"), ("末成年", "未成年"), ("辨理", "办理"),
    ("反应(?=(?:一下)?(?:问题|情况))", "反映"),
))


def standard(norm: str) -> str:
    """Normalised text with dialect words and one-reading homophone slips in the standard
    spelling ("俺想问问咋办" → "我想问问怎么办", "转帐" → "转账"); regional words first
    (`reading.dialect`: "叫人给偷了" → "被人偷了", "佢哋" → "他们")."""
    from handlers.classifier.reading.dialect import regional

    return folded(regional(norm))


def folded(regional_norm: str) -> str:
    """`standard` of text whose regional words are already read (`reading.dialect.regional`):
    俺, 咋, 啥 and the homophone slips folded."""
    return _STANDARD.apply(regional_norm)
