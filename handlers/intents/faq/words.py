"""How the knowledge base reads a question: one spelling per meaning, ages as the bands the
answers use, and English as its own words, applied alike to the entries and to residents."""

from __future__ import annotations

import re
import unicodedata

from handlers.core.text.spelling import simplified

# Same meaning, one spelling: colloquial and Shandong forms, frequent typos, near synonyms.
# Applied in order to both the knowledge base and queries, so longer forms come first.
SYNONYMS: tuple[tuple[str, str], ...] = (
    ("户口薄", "户口本"), ("户口簿", "户口本"), ("户口页", "户口本"), ("身份正", "身份证"),
    ("身分证", "身份证"), ("派处所", "派出所"), ("居主证", "居住证"), ("护招", "护照"),
    ("咋整", "怎么办"), ("咋弄", "怎么办"), ("咋办", "怎么办"), ("怎么弄", "怎么办"),
    ("咋", "怎么"), ("怎样", "怎么"), ("如何", "怎么"), ("啥", "什么"), ("哪些", "什么"),
    ("俺们", "我们"), ("俺", "我"), ("恁", "你们"),
    ("哪儿", "哪里"), ("哪块", "哪里"), ("哪个地方", "哪里"), ("什么地方", "哪里"),
    ("几个钱", "多少钱"), ("收费", "多少钱"), ("费用", "多少钱"), ("工本费", "多少钱"),
    ("掉了", "丢了"), ("弄丢", "丢了"), ("丢失", "丢了"), ("遗失", "丢了"),
    ("找不着", "丢了"), ("找不到", "丢了"),
    ("补领", "补办"), ("换领", "换"), ("报户口", "上户口"), ("落户口", "上户口"),
    ("入户口", "上户口"), ("出生医学证明", "出生证"), ("出生证明", "出生证"),
    ("外孙女", "孩子"), ("外孙", "孩子"), ("孙女", "孩子"), ("孙子", "孩子"),
    ("新生儿", "孩子"), ("二胎", "孩子"), ("二宝", "孩子"), ("三胎", "孩子"),
    ("小孩子", "孩子"), ("小孩", "孩子"),
    ("宝宝", "孩子"), ("闺女", "孩子"), ("女儿", "孩子"), ("儿子", "孩子"), ("娃", "孩子"),
    ("网上借钱", "网贷"), ("借款", "贷款"), ("多长时间", "多久"), ("续签", "签注"),
    ("续期", "签注"), ("到期", "过期"), ("租房子", "租房"), ("瘫痪", "瘫"),
    ("星期六", "周末"), ("星期天", "周末"), ("星期日", "周末"), ("礼拜天", "周末"),
    ("礼拜六", "周末"), ("周六", "周末"), ("周日", "周末"), ("双休", "周末"),
    ("走不动", "行动不便"), ("走不了路", "行动不便"), ("腿脚不好", "行动不便"),
    ("开门", "上班"), ("办公", "上班"), ("关门", "下班"), ("午休", "中午"),
    ("需要", "要"), ("需", "要"),
)

# The documents and things residents ask about, each as its spellings after `normalize`. A
# question names the things it is about; an entry that does not speak of every thing the
# question names answers another question, however many other words they share
# ("护照快过期了在哪里换" is not the ID card's renewal, "电动车被偷了上牌的发票还能补吗" not where
# to report a theft).
OBJECTS: tuple[tuple[str, ...], ...] = (
    ("身份证",), ("户口本",), ("护照", "签证"), ("通行证", "港澳", "台湾"), ("居住证",),
    ("驾驶证", "驾照"), ("养犬", "狗证", "犬证", "狗"), ("出生证",), ("结婚证", "离婚证"),
    ("电动车", "电瓶车", "摩托车", "汽车", "车牌", "牌照"), ("锁",), ("小程序", "app"),
    ("银行卡", "电话卡", "手机卡"), ("发票",),
)


def objects(normalized: str) -> frozenset[int]:
    """Which of OBJECTS a normalized text names (by their index)."""
    return frozenset(i for i, spellings in enumerate(OBJECTS)
                     if any(word in normalized for word in spellings))


# Politeness and fillers that say nothing about the question.
FILLERS = ("您好", "你好", "请问", "问一下", "问下", "麻烦", "谢谢", "想咨询", "咨询一下",
           "同志", "警官", "一下")

# Dongchangfu's streets and towns: where a resident lives does not change the answer, and a
# station name in one variant must not pull every message that names it.
PLACES = ("古楼", "柳园", "新区", "湖西", "东城", "北城", "凤凰", "道口铺", "闫寺", "侯营",
          "沙镇", "堂邑", "梁水", "斗虎屯", "郑家", "张炉集", "于集", "许营", "东昌湖")

# The answers speak of ages in bands (未满16周岁 applies with a guardian; the elderly may
# ask for a home visit): an age told as a number reads as its band, so "孩子13岁" meets
# the entry written for minors. Ages between say nothing the question does not.
UNDER_16 = "未满十六周岁"
ELDERLY = "老人"
ELDERLY_FROM = 60
_VALUES = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_CN_NUMBER = f"[{''.join(_VALUES)}十]{{1,3}}"
_BAND_TOLD = re.compile(r"(?:未满|不满|不到)(?:16|十六)周?岁|(?:16|十六)周?岁以下")
_AGE = re.compile(rf"(\d{{1,3}}|{_CN_NUMBER})多?周?岁(?:多|半)?")

# English: the words that carry no topic, dropped so they do not dilute the few that do.
ENGLISH_STOP = frozenset(
    "a an the i me my we our you your he she his her it its they them their is are am was "
    "were be been do does did can could will would should shall may might must have has had "
    "to of in on at for from with by about as and or but if so not no yes this that these "
    "there here what how which who whom why get got one ones new please hi hello "
    "want need like know tell some any".split())
# English words of one meaning, as SYNONYMS does for Chinese.
ENGLISH_FOLD = {
    "identity": "id", "licence": "license", "driver": "driving", "opening": "open",
    "cost": "fee", "price": "fee", "charge": "fee", "much": "fee", "days": "long",
    "stolen": "lost", "lose": "lost", "missing": "lost", "expired": "expire", "expiry": "expire",
    "registration": "register", "foreign": "foreigner", "kid": "child", "son": "child",
    "daughter": "child", "children": "child", "scammed": "scam", "cheated": "scam",
    "defrauded": "scam", "fraud": "scam", "certificate": "cert", "born": "birth",
    "baby": "child",
}
_LATIN_WORD = re.compile(r"[a-z]+")

_NOT_WORD = re.compile(r"[^\w]+")
# A space survives only between two Latin or digit words ("lost passport"): elsewhere it is
# punctuation between Chinese characters ("居住证 需要啥").
_LONE_SPACE = re.compile(r"(?<![a-z0-9]) | (?![a-z0-9])")
_PARTICLES = re.compile(r"[啊呀呢吧哈嗯哦嘛]")
# The object told first ("户口还没上", "户口都没去报"): the order the entries use, 没上户口.
_OBJECT_FIRST = re.compile(r"户口(还|都|也)?(没|没有)(去)?(上|报|落|办)")


def chinese_number(said: str) -> int | None:
    """The value of an age's numeral: digits, or Chinese under a hundred ("十三", "八十")."""
    if said.isdigit():
        return int(said)
    value = current = 0
    for char in said:
        if char == "十":
            value += (current or 1) * 10
            current = 0
        elif char in _VALUES:
            current = _VALUES[char]
        else:
            return None
    return value + current


def _band(match: re.Match[str]) -> str:
    age = chinese_number(match.group(1))
    if age is None:
        return match.group(0)
    if age < 16:
        return UNDER_16
    return ELDERLY if age >= ELDERLY_FROM else ""


def ages(s: str) -> str:
    """Ages told as numbers ("13岁", "八十多岁") as the bands the answers use."""
    told = _BAND_TOLD.split(s)      # "不满16周岁" is a band already: its 16 is no one's age
    return UNDER_16.join(_AGE.sub(_band, part) for part in told)


def _stem(word: str) -> str:
    # Plurals only: "permits" and "permit" are one word; anything subtler is not worth it.
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") \
        else word


def _english_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if word in ENGLISH_STOP:
        return ""
    word = ENGLISH_FOLD.get(word, word)
    return ENGLISH_FOLD.get(_stem(word), _stem(word))


def english(s: str) -> str:
    """English words less those that carry no topic, one spelling per meaning."""
    return _LATIN_WORD.sub(_english_word, s)


def normalize(raw: str) -> str:
    """Fold width and case, drop punctuation and fillers, unify synonyms and ages."""
    s = english(simplified(unicodedata.normalize("NFKC", raw)).lower())
    s = _NOT_WORD.sub(" ", s).replace("_", " ").strip()
    s = _LONE_SPACE.sub("", re.sub(r" +", " ", s))
    for filler in FILLERS:
        s = s.replace(filler, "")
    s = _PARTICLES.sub("", s)
    s = _OBJECT_FIRST.sub(r"\2上户口", s)
    s = ages(s)
    for old, new in SYNONYMS:
        s = s.replace(old, new)
    for place in PLACES:
        s = s.replace(place, "")
    return s
