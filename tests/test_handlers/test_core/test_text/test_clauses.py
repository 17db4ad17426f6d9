"""Clauses and sentences of a message, as the classifier and the branch facts both read them."""

from __future__ import annotations

from handlers.classifier.text import normalize
from handlers.core.text.clauses import clause_texts, clauses


def test_clauses_follow_punctuation_and_spaces_between_chinese_words():
    norm = normalize("昨天被打了，今天又来了。救命 有人砸门😭快来")
    parts = [(norm[c.start:c.end], c.sentence) for c in clauses(norm)]
    assert parts == [("昨天被打了", 0), ("今天又来了", 0), ("救命", 1), ("有人砸门", 1),
                     ("快来", 1)]
    english = normalize("help, someone is breaking in")
    assert [english[c.start:c.end] for c in clauses(english)] == ["help", " someone is breaking in"]


def test_a_message_as_written_breaks_at_its_full_width_punctuation_too():
    # The branch facts read the resident's own text, not the classifier's NFKC spelling.
    said = "昨天被打了，今天又来了！救命；有人砸门？快来：谢谢"
    parts = [(said[c.start:c.end], c.sentence) for c in clauses(said)]
    assert parts == [("昨天被打了", 0), ("今天又来了", 0), ("救命", 1), ("有人砸门", 1),
                     ("快来", 2), ("谢谢", 2)]
    assert clauses(said) == clauses(normalize(said))


def test_clause_texts_are_the_words_between_the_breaks():
    assert clause_texts("身份证丢了怎么补办、周六能办吗 😊") == ["身份证丢了怎么补办", "周六能办吗"]
    assert clause_texts("") == []
