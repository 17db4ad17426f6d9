"""The migrations build exactly the schema the models describe, on both databases; data
they carry over."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, select

from storage.delivery import outbox
from storage.migrate import HEAD_REVISION, alembic_config, upgrade_engine
from storage.schema import METADATA
from storage.tickets import store as tickets
from storage.tickets.models import CallbackTask


async def test_migrated_schema_matches_the_models(engine):
    def diff(connection):
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, METADATA)

    async with engine.connect() as conn:
        changes = await conn.run_sync(diff)
    assert changes == []


async def test_0016_keys_open_callback_tasks_by_the_reply_still_waiting(engine, sessions):
    # Tasks opened before the key: each gets the waiting reply of its ticket and words, once.
    def to_0015(connection):
        cfg = alembic_config()
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0015")

    async with engine.connect() as conn:
        await conn.run_sync(to_0015)
        await conn.commit()
    now = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)
    async with sessions() as session, session.begin():
        ticket = await tickets.create_ticket(
            session, prefix="DCF", tz=ZoneInfo("Asia/Shanghai"), kind="complaint",
            priority="P3", channel="wechat", unit="古楼派出所", flagged=False, openid="o-m",
            contact_phone="13812345678", anonymous=False, summary="楼下噪音", area=None,
            lat=None, lng=None, reasons=[], first_response_due=now, resolve_due=now, now=now)
        sent, waiting, other = (
            outbox.enqueue(session, "wechat_text", "o-m", {"text": text, "ticket": ticket.number})
            for text in ("已处理完毕", "已处理完毕", "另一条回复"))
        sent.state, waiting.state, other.state = "sent", "held", "held"
        await session.flush()
        table = CallbackTask.__table__
        for text, state in (("已处理完毕", "open"), ("已处理完毕", "open"), ("早已办结", "open"),
                            ("另一条回复", "reached")):
            await session.execute(insert(table).values(
                ticket_id=ticket.id, phone="13812345678", text=text, state=state,
                created_at=now))
    await upgrade_engine(engine)
    async with sessions() as session:
        keyed = [(task.text, task.outbox_job_id) for task in await session.scalars(
            select(CallbackTask).order_by(CallbackTask.id))]
    assert keyed == [("已处理完毕", waiting.id), ("已处理完毕", None), ("早已办结", None),
                     ("另一条回复", None)]


def test_the_head_serve_checks_for_is_the_newest_migration():
    # `serve` skips Alembic when the database records HEAD_REVISION: a migration added without
    # moving it would never be applied by a start.
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION
