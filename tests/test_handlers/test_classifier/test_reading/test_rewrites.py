"""The dialect, slip and standard-spelling tables read a message exactly as applying each
pattern in turn would (prefilter.Rewrites skips only patterns that could not match)."""

from __future__ import annotations

import re

import pytest

from handlers.classifier import pinyin
from handlers.classifier.prefilter import Rewrites
from handlers.classifier.reading import dialect
from handlers.classifier.text import normalize
from handlers.tools.decisions import data_files, messages

# Written for this test: everyday messages with regional words, slips and dialect spellings
# in several places, and ones with none.
MESSAGES = [
    "俺家娃儿叫人给打了，咋整啊", "佢哋成日喺楼下嘈，唔该管下", "夜来黑下有人搁门口撬锁",
    "我想报按，手机叫骗子给骗走了", "着伙了！快来人", "自已的身分证丢了咋补办",
    "请问户籍窗口周六上班吗", "谢谢你们", "13800138000", "在见", "我要投拆物业",
    "啥时候能办好啊俺等了三天了", "闺女将才让人撞了，在医院", "",
]


def _loop(table: Rewrites, text: str) -> str:
    for compiled, replacement in table.patterns:
        text = compiled.sub(replacement, text)
    return text


@pytest.mark.parametrize("name", ["regional", "slips", "standard"])
def test_every_message_reads_as_the_plain_loop_reads_it(name):
    table = {"regional": dialect._REGIONAL, "slips": dialect._SLIPS,
             "standard": pinyin._STANDARD}[name]
    texts = [*MESSAGES, *(text for data in data_files() for _, text in messages(data))]
    differ = [t for t in map(normalize, texts) if table.apply(t) != _loop(table, t)]
    assert differ == []


def test_a_rewrite_that_brings_a_later_word_is_followed():
    # 甲 becomes 乙, which only the second pattern reads; 丙 needs what no text here has.
    table = Rewrites((("甲", "乙"), ("乙乙", "丁"), ("丙", "戊")))
    assert table.apply("甲甲") == "丁"     # no 乙 before the first rewrite
    assert table.apply("甲乙") == "丁"
    assert table.apply("无关") == "无关"


def test_an_earlier_pattern_is_not_run_again_after_a_later_rewrite():
    # The loop passes once: 乙 written by the second pattern is not read by the first.
    table = Rewrites((("乙", "X"), ("甲", "乙")))
    assert table.apply("甲") == "乙"


def test_a_pattern_that_needs_no_particular_character_always_runs():
    table = Rewrites(((r"\d{3,}", "0"), ("俺", "我")))
    assert table.apply("俺的电话13800138000") == "我的电话0"


def test_dialect_messages_still_read_as_the_standard_words():
    assert dialect.regional(normalize("俺家娃儿叫人给打了")) == normalize("俺家孩子被人打了")
    assert pinyin.standard(normalize("俺家娃儿叫人给打了，咋整")) == \
        normalize("我家孩子被人打了，怎么办")
    assert dialect.mended(normalize("着伙了")) == normalize("着火了")
    assert re.search("被", dialect.regional(normalize("手机叫骗子给骗走了")))
