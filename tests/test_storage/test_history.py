"""The resident's previous answered message read outside any unit of work (a push that holds
no session): one SELECT, no transaction around it (issue 16); a late reply counts once it
can have reached the resident."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from handlers.texts import LINE_110
from storage.delivery import outbox
from storage.intake import history
from storage.intake.models import InboundMessage


async def test_a_read_outside_a_unit_of_work_begins_no_transaction(engine, sessions):
    async with sessions() as session, session.begin():
        for n, reply in enumerate(("您好", "")):
            session.add(InboundMessage(channel="wechat", dedupe_key=f"h-{n}", openid="o-h",
                                       msg_type="text", content="你好", state="handled",
                                       reply=reply, reply_mode="passive"))
    async with sessions() as session:
        ids = list(await session.scalars(InboundMessage.__table__.select()
                                         .with_only_columns(InboundMessage.id)
                                         .order_by(InboundMessage.id)))
    # Whether the driver's connection was in a transaction as each statement ran.
    begun: list[bool | None] = []

    def executed(connection, *_args) -> None:
        driver = connection.connection.driver_connection
        in_transaction = getattr(driver, "is_in_transaction", None)   # asyncpg's
        begun.append(in_transaction() if in_transaction else None)

    event.listen(engine.sync_engine, "after_cursor_execute", executed)
    try:
        found = await history.previous_answered_on(engine, "o-h", ids[1] + 1)
    finally:
        event.remove(engine.sync_engine, "after_cursor_execute", executed)
    # The row with no words is stepped over; the one before it was answered "您好".
    assert found is not None and found.reply == "您好"
    # SQLite: on its connection directly; PostgreSQL: the SELECT alone, no BEGIN before it.
    assert begun == ([] if engine.dialect.name == "sqlite" else [False])


@pytest.mark.parametrize("state, counted", [("held", False), ("dead", False),
                                            ("pending", True), ("sent", True)])
async def test_a_late_reply_counts_once_it_can_have_reached_the_resident(sessions, state,
                                                                           counted):
    # The first message was answered with the 110 line; the second's reply went to the
    # outbox. Held (WeChat's window closed) or given up on, the resident has not seen it:
    # what they were told last is still the first reply.
    async with sessions() as session, session.begin():
        for n, (reply, mode) in enumerate(((f"您好\n{LINE_110}", "passive"),
                                           ("您的工单已受理", "outbox"))):
            session.add(InboundMessage(channel="wechat", dedupe_key=f"l-{n}", openid="o-l",
                                       msg_type="text", content="你好", state="handled",
                                       reply=reply, reply_mode=mode))
    async with sessions() as session, session.begin():
        late = await session.scalar(select(InboundMessage.id)
                                    .where(InboundMessage.reply_mode == "outbox"))
        job = outbox.enqueue(session, "wechat_text", "o-l", {"text": "您的工单已受理"},
                             inbound_id=late)
        job.state = state
    found = await history.previous_answered_on(sessions.kw["bind"], "o-l", late + 1)
    assert found is not None
    assert found.reply == ("您的工单已受理" if counted else f"您好\n{LINE_110}")
