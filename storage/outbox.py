"""The outbox: jobs to send, written in the transaction of the event that causes them."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from storage.base import utcnow
from storage.models import OutboxJob

PRIORITY_EMERGENCY = 0
PRIORITY_REPLY = 3
PRIORITY_ROUTINE = 5


def enqueue(session: AsyncSession, kind: str, recipient: str, payload: dict[str, Any], *,
            priority: int = PRIORITY_ROUTINE, inbound_id: int | None = None,
            due: datetime | None = None) -> OutboxJob:
    """Add a job to the session; it is sent once the surrounding transaction commits."""
    job = OutboxJob(kind=kind, recipient=recipient,
                    payload=json.dumps(payload, ensure_ascii=False), priority=priority,
                    inbound_id=inbound_id, next_attempt_at=due or utcnow(), state="pending",
                    attempts=0)
    session.add(job)
    return job
