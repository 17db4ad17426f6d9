"""A status question with another question beside it ("我的投诉处理到哪了？另外办居住证要带什么"):
the resident's tickets are shown and the other question answered (or passed to an officer);
neither is dropped, and the status question is never sent to an officer as a consultation."""

from __future__ import annotations

import functools
import re
import unicodedata

from handlers.classifier.rules import Rules
from handlers.conversation.asides import is_question
from handlers.core.context import Context
from handlers.core.text.clauses import clauses
from handlers.core.types import Reply
from handlers.intents import consult, status
from handlers.intents.faq import parts as faq_parts

# A ticket pointed at and nothing more ("刚才那个单子", "我的投诉呢", "上次那个预约"): the
# resident asks after it.
_POINTED = re.compile(r"^(?:我|俺)?(?:刚才|刚刚|之前|上次|昨天|前两天)?(?:我)?"
                      r"(?:的|那个|那张|那件|那)?"
                      r"(?:单子|工单|投诉|预约|举报|报案|反映的(?:事|事情|问题)?|说的(?:事|事情))"
                      r"(?:呢|啊|呀|吧|嘞)?[？?。.！!~～]*$")
# What the other parts may be read as, to be passed on: a question. A grumble beside the
# status question ("怎么这么慢") is not a consultation for an officer.
_ASKED = frozenset({"consult"})


def points_at_ticket(text: str) -> bool:
    """A message that only points at one of the resident's tickets ("刚才那个单子")."""
    said = text.strip()
    return said[:1] in ("我", "俺", "刚", "之", "上", "昨", "前", "那") and \
        _POINTED.match(said) is not None


@functools.cache
def _rules() -> Rules:
    return Rules()


def _asks_status(said: str) -> bool:
    """Words the rules read as a status question ("我那个单子怎么样了"): their table alone,
    no classification (a message is classified once, at admission)."""
    folded = unicodedata.normalize("NFKC", said)
    return _rules().status(folded) is not None and _rules().ticket_number(folded) is None


def others(ctx: Context, text: str) -> tuple[str, ...]:
    """The other questions of a message that asks its status and something else; () when it
    asks one thing, nothing of its status, or nothing else ("…到哪了，都一个星期了")."""
    if not _asks_status(text):      # most messages: no clause is read
        return ()
    said = [text[c.start:c.end].strip() for c in clauses(text)]
    said = [clause for clause in said if clause]
    if len(said) < 2:
        return ()
    asking = [_asks_status(clause) for clause in said]
    if not any(asking) or all(asking):
        return ()
    rest = "，".join(clause for clause, own in zip(said, asking, strict=True) if not own)
    if not is_question(rest):
        return ()
    return tuple(part.said for part in faq_parts.parts(rest))


async def handle(ctx: Context, text: str, rest: tuple[str, ...],
                 reasons: tuple[str, ...]) -> Reply:
    """The tickets shown, after the answer to the other questions; what nothing answers
    goes to an officer, as a consultation holding the whole message."""
    question = "，".join(rest)
    found, left = consult.answers(ctx, question)
    if not found:
        left = tuple(part for part in rest
                     if ctx.services.classifier.classify(part).intent in _ASKED)
    told = found or ""
    if left:
        told = (await consult.to_officer(ctx, text, (*reasons, "status:parts_left"),
                                         answered=found or "", left=left)).text
    shown = await status.show(ctx)
    return Reply("\n".join(line for line in (told, shown.text) if line))
