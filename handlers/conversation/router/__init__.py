"""The router: every resident message, in the order of precedence of contract §4, split
where a change lands. `transaction` (the Router: one message, one transaction, a held reply
before the answer, the closing line after it, the fallback ticket); `kinds` (which kind of
message: events and menu clicks, media, shared places, text); `order` (§4's steps 1-5 for a
text: menu keys, the emergency gate, 取消 / 返回 / 重新开始, late ratings, booking
cancellations, ticket numbers and status phrases, 我要报警, an open dialog's step and its
asides: a new check that comes before the open dialog goes there); `reading` (step 6, a
text no step took: courtesies, supplements, follow-ups to an answer, the knowledge base,
the classifier's intent or the quick menu: a new way of reading such a text goes there);
`signs` (what the classifier's reasons say; the outcome kept for /metrics); `dialogs` (the
dialogs registered at start-up)."""

from handlers.conversation.router.dialogs import register_dialogs
from handlers.conversation.router.transaction import Router

__all__ = ["Router", "register_dialogs"]
