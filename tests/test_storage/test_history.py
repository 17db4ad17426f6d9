"""The resident's previous answered message read outside any unit of work (a push that holds
no session): one SELECT, no transaction around it (issue 16)."""

from __future__ import annotations

from sqlalchemy import event

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
