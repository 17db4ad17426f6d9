"""How the classifier reads a message: one spelling, then sentences and clauses, then its form.

Residents write in simplified or traditional characters, full- or half-width, with or without
punctuation. Every rule and the model see one normalised spelling; the emergency gate also
needs where each clause and sentence starts and whether the message is a formal letter.
"""

from __future__ import annotations

import re
import unicodedata

# One-reading slips (着伙 → 着火) are mended before anything reads the message (`mended`).
from handlers.classifier.reading.dialect import mended

# The clause splitter is shared with the intents (the branch facts); the gate, its frames
# and cues name it from here.
from handlers.core.text.clauses import Clause, clauses
from handlers.core.text.spelling import cjk_count, simplified

__all__ = ["Clause", "cjk_count", "clauses", "is_letter", "mended", "normalize"]

_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10))
_SPACES = re.compile(r"[ \t\u3000]+")


def normalize(text: str) -> str:
    """Simplified characters, half-width forms, lower case, no control characters."""
    text = unicodedata.normalize("NFKC", text).translate(_CONTROL)
    text = simplified(text)
    return _SPACES.sub(" ", text).lower().strip()


# A formal letter (CONTRACT §4's "long letters to a city government"): the title line,
# the salutation, the formal close, several paragraphs and a formal register.
_SALUTATION = re.compile(
    r"^(尊敬的|敬爱的|各位|致)|(领导|同志|局长|所长|市长|书记|主任|负责人|工作人员|警官|部门)"
    r"(们)?(好)?[:,]?$|^[^,。]{0,20}[:]$|您好[:!,]?$")
_TITLE = re.compile(r"关于|的信|反映|建议|请求|申请|投诉|举报|呼吁|情况|问题|公开信|求助|意见")
_CLOSING = re.compile(r"此致|敬礼|盼复|回复为盼|特此|顺颂|敬上|谨上|来信人|反映人|联系人"
                      r"|\d{4}年\d{1,2}月\d{1,2}日|\d{4}[.-]\d{1,2}[.-]\d{1,2}$")
_FORMAL = re.compile(r"恳请|恳求|敬请|相关部门|有关部门|予以|鉴于|诉求|贵(局|单位|所|部门)"
                     r"|妥善|切实|综上|一是|二是|首先|其次|此外|以上|为此|特向|望|亟待|亟需"
                     r"|广大|居民群众|人民群众|隐患|排查|整治|监管|落实|协调")
LETTER_MIN_CHARS = 150


def is_letter(norm: str, cjk: int | None = None) -> bool:
    """True for a long message written as a formal letter, not as a chat or a call."""
    if (cjk_count(norm) if cjk is None else cjk) < LETTER_MIN_CHARS:
        return False
    lines = [line.strip() for line in norm.split("\n") if line.strip()]
    shape = 0
    if lines and len(lines[0]) <= 40 and not lines[0].endswith(("。", "!", "?")) \
            and _TITLE.search(lines[0]):
        shape += 1
    if any(_SALUTATION.search(line) for line in lines[:3]):
        shape += 1
    if any(_CLOSING.search(line) for line in lines[-4:]):
        shape += 1
    if len(lines) >= 3:
        shape += 1
    formal = len(_FORMAL.findall(norm))
    return shape >= 2 or (shape >= 1 and formal >= 2) or formal >= 4
