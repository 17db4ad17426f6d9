"""What the resident was told before is read only when the reply depends on it (issue 16):
never for a reply that names 110 (§4 gives it no line, and it is no greeting), once for a
greeting (its pause and its line), once for any other reply, after the reply is known."""

from __future__ import annotations

from handlers import texts
from handlers.conversation.closing import History
from tests.conversations import Chat

EMERGENCY = "小区门口正在打架，有人拿刀"


class _Reads:
    """Counts the router's reads of a resident's previous answered message."""

    def __init__(self, history: History) -> None:
        self.count = 0
        self._history = history
        self._previous = history.previous
        history.previous = self._counted   # type: ignore[method-assign]

    async def _counted(self, ctx):
        if ctx not in self._history._read:    # a second ask within one message is kept
            self.count += 1
        return await self._previous(ctx)

    def taken(self) -> int:
        count, self.count = self.count, 0
        return count


async def test_a_reply_that_names_110_reads_nothing_before_it(chat: Chat):
    reads = _Reads(chat.router._history)
    reply = await chat.say("o-1", EMERGENCY)
    assert reply.startswith("请立即拨打110") and reads.taken() == 0
    asked = await chat.say("o-1", "我要报警")      # 110 first, then the matter recorded here
    assert asked.startswith(texts.text("report_request")) and texts.LINE_110 not in asked
    assert reads.taken() == 0


async def test_other_replies_read_it_once(chat: Chat, clock):
    reads = _Reads(chat.router._history)
    assert (await chat.say("o-1", "谢谢")).endswith(texts.LINE_110)
    assert reads.taken() == 1
    clock.advance(hours=8)
    back = await chat.say("o-1", "你好")          # the pause and the line: one read for both
    assert texts.text("courtesy_greeting_back") in back and reads.taken() == 1
    await chat.say("o-1", "楼上天天半夜蹦迪，吵死了")   # a dialog's step depends on it too
    assert reads.taken() == 1
