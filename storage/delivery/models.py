"""Tables: the outbox, shared tokens and leases, local-mode deliveries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, BigId, UtcDateTime, utcnow


class OutboxJob(Base):
    """Something to send, written in the transaction of the event that causes it."""

    __tablename__ = "outbox_jobs"
    __table_args__ = (
        Index("ix_outbox_jobs_state_due", "state", "next_attempt_at"),
        Index("ix_outbox_jobs_recipient_state", "recipient", "state"),
        # A resident's reply given up on (storage.intake.history); SET NULL on delete.
        Index("ix_outbox_jobs_inbound_id", "inbound_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    recipient: Mapped[str] = mapped_column(String(128))
    payload: Mapped[str] = mapped_column(Text)
    # 0 = emergency; smaller goes first.
    priority: Mapped[int] = mapped_column(Integer, default=5)
    # pending -> sending -> sent | pending (retry) | dead | expired
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(Text)
    inbound_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("inbound_messages.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class LocalDelivery(Base):
    """In local mode, what would have gone to Tencent: read back by `jingmin chat`."""

    __tablename__ = "local_deliveries"
    __table_args__ = (Index("ix_local_deliveries_recipient_id", "recipient", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    endpoint: Mapped[str] = mapped_column(String(64))
    recipient: Mapped[str] = mapped_column(String(128))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ServiceToken(Base):
    """An access token shared by every instance (WeChat stable token, WeCom app token)."""

    __tablename__ = "service_tokens"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Lease(Base):
    """A named lease: one instance at a time does the work it guards."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
