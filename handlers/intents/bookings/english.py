"""The services a resident books, named in English ("renew my residence permit", "appointment
for ID card"), spelled as residents type them: any case, hyphens, one slip in a long word
("residense permit", "pasport")."""

from __future__ import annotations

import re

# Service value (handlers.intents.appointment.SERVICES) -> the English names residents use.
# A name is a run of words; a service is named when all its words follow one another.
NAMES: dict[str, tuple[str, ...]] = {
    "hukou": ("hukou", "household registration", "household register", "household registry",
              "register my baby", "register my newborn", "register my child",
              "birth registration", "move my registration", "transfer my registration"),
    "id_card": ("id card", "idcard", "identity card", "identification card", "resident card",
                "national id"),
    "residence_permit": ("residence permit", "residency permit", "resident permit",
                         "temporary residence", "juzhuzheng"),
    "certificate": ("certificate", "no criminal record", "criminal record check",
                    "proof letter", "police clearance"),
    "exit_entry": ("passport", "hong kong", "macau", "macao", "exit entry", "exit and entry",
                   "travel permit", "visa"),
    "forum": ("community meeting", "residents meeting", "police forum"),
    "home_visit": ("home visit", "visit me at home", "come to my home", "come to my house",
                   "come to my place", "come to our home", "visit my home"),
    "safety_talk": ("safety talk", "safety lecture", "anti fraud talk", "fire safety talk",
                    "give a talk", "talk at our", "lecture at"),
}
# An officer coming to the resident is the service whatever the business ("come to my home
# to do my ID card"), as in Chinese (appointment._AT_HOME).
AT_HOME = "home_visit"

_WORD = re.compile(r"[a-z]+")
# Words this long may carry one slip (a letter missed, doubled, swapped or wrong); shorter
# ones ("id", "visa") must be exact, or "via" would be a visa.
_LOOSE_FROM = 5


def _close(typed: str, word: str) -> bool:
    """Whether `typed` is `word`, or one edit from it when the word is long enough."""
    if typed == word:
        return True
    if len(word) < _LOOSE_FROM or abs(len(typed) - len(word)) > 1:
        return False
    if len(typed) == len(word):
        wrong = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
        return len(wrong) == 1 or (len(wrong) == 2 and wrong[1] == wrong[0] + 1
                                   and typed[wrong[0]] == word[wrong[1]]
                                   and typed[wrong[1]] == word[wrong[0]])
    short, long = sorted((typed, word), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _names(words: list[str], name: tuple[str, ...]) -> bool:
    return any(all(_close(words[start + i], part) for i, part in enumerate(name))
               for start in range(len(words) - len(name) + 1))


_SPLIT = {value: tuple(tuple(name.split()) for name in names) for value, names in NAMES.items()}


def services(text: str) -> set[str]:
    """The services `text` names in English (none for a message without Latin letters)."""
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    return {value for value, names in _SPLIT.items() if any(_names(words, n) for n in names)}
