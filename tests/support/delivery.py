"""The outbox as the senders' tests drive it: a resident's message that opens the window, jobs
enqueued and read back, and the texts the fake Tencent delivered."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from storage.base import utcnow
from storage.delivery import outbox
from storage.delivery.models import OutboxJob
from storage.intake.models import InboundMessage

TIMEOUT = 0.5  # the clients' timeout in these tests: a fake delay of 1 s is a timeout


async def resident_wrote(sessions, openid, *, ago=timedelta(minutes=1)):
    """An inbound message from `openid`: it opens the customer-service window."""
    async with sessions() as session, session.begin():
        session.add(InboundMessage(channel="wechat", dedupe_key=f"msg:{openid}:{utcnow()}",
                                   openid=openid, msg_type="text", content="你好",
                                   received_at=utcnow() - ago))


async def enqueue(sessions, recipient, text, *, kind="wechat_text", priority=5):
    """A job for `recipient` carrying `text`, committed; its id."""
    async with sessions() as session, session.begin():
        job = outbox.enqueue(session, kind, recipient, {"text": text}, priority=priority)
    return job.id


async def load_job(sessions, job_id) -> OutboxJob:
    """The job as stored now."""
    async with sessions() as session:
        return await session.get(OutboxJob, job_id)


async def make_due(sessions):
    """Every pending job due now, its back-off skipped."""
    async with sessions() as session, session.begin():
        await session.execute(update(OutboxJob).where(OutboxJob.state == "pending")
                              .values(next_attempt_at=utcnow()))


def sent_texts(fake, endpoint="custom_send"):
    """The texts `endpoint` of the fake Tencent delivered, oldest first."""
    return [call.body["text"]["content"] for call in fake.delivered(endpoint)]
