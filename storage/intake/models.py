"""Tables: messages as received (each recorded once), push signatures, media to fetch, and
residents' open dialogs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, BigId, UtcDateTime, utcnow


class InboundMessage(Base):
    """One message or event as a channel delivered it, recorded exactly once."""

    __tablename__ = "inbound_messages"
    __table_args__ = (
        UniqueConstraint("channel", "dedupe_key"),
        Index("ix_inbound_messages_openid_id", "openid", "id"),
        Index("ix_inbound_messages_state_id", "state", "id"),
        Index("ix_inbound_messages_received_at", "received_at"),
        Index("ix_inbound_messages_classified", "classified"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    dedupe_key: Mapped[str] = mapped_column(String(160))
    openid: Mapped[str] = mapped_column(String(64))
    msg_type: Mapped[str] = mapped_column(String(32))
    event: Mapped[str | None] = mapped_column(String(32))
    event_key: Mapped[str | None] = mapped_column(String(128))
    content: Mapped[str | None] = mapped_column(Text)
    media_id: Mapped[str | None] = mapped_column(String(128))
    media_format: Mapped[str | None] = mapped_column(String(16))
    recognition: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    location_label: Mapped[str | None] = mapped_column(String(256))
    # The decrypted push as received; cleared after [intake] raw_retention_days.
    raw: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # received -> handled; queued (rate-limited or waiting behind a queued one) -> handled
    state: Mapped[str] = mapped_column(String(16), default="received")
    reply: Mapped[str | None] = mapped_column(Text)
    # passive: in the HTTP answer; outbox: sent later; none: nothing to say
    reply_mode: Mapped[str | None] = mapped_column(String(16))
    handled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # While "received": the instance handling it (its boot id) and until when, renewed as it
    # works; a message whose lease ran out, or whose holder no longer has it in hand, lost
    # its handler and is taken over (handlers.intake).
    lease_holder: Mapped[str | None] = mapped_column(String(32))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The instance (boot id) that recorded it: each instance counts its own residents' rate
    # in memory and adds the others' from here (storage.intake.admission).
    recorded_by: Mapped[str | None] = mapped_column(String(32))
    # The ticket the message opened or joined.
    ticket_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("tickets.id", ondelete="SET NULL"), nullable=True)
    # How the classifier's verdict on a fresh message was used: "acted" at once, or "menu"
    # (the resident was asked which they meant); NULL for dialog answers, events and media.
    classified: Mapped[str | None] = mapped_column(String(8))


class PushNonce(Base):
    """A signed push's timestamp and nonce, kept for the clock-skew window: one URL
    signature is good for one message (and WeChat's retries of it), never another."""

    __tablename__ = "push_nonces"

    # The push's own timestamp first: rows past the window are purged by a range on it.
    stamp: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    # The message it signed (InboundMessage.dedupe_key).
    dedupe_key: Mapped[str] = mapped_column(String(160))


class MediaFile(Base):
    """An image, voice or video file fetched from WeChat before its 3-day expiry."""

    __tablename__ = "media_files"
    __table_args__ = (Index("ix_media_files_media_id", "media_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    inbound_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("inbound_messages.id", ondelete="CASCADE")
    )
    media_id: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))
    # pending -> stored | lost
    state: Mapped[str] = mapped_column(String(16), default="pending")
    content_type: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[bytes | None] = mapped_column(LargeBinary)
    path: Mapped[str | None] = mapped_column(String(512))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    fetched_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class DialogState(Base):
    """Where a resident is in a multi-step dialog; gone when it ends or expires."""

    __tablename__ = "dialog_states"

    openid: Mapped[str] = mapped_column(String(64), primary_key=True)
    dialog: Mapped[str] = mapped_column(String(32))
    step: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text, default="{}")
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

