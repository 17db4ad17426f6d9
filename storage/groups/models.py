"""Tables of the group door (警务微信群)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, BigId, UtcDateTime, utcnow

SENDER_KINDS = ("resident", "officer")
# What a stored group message became: a ticket's request or emergency, an officer's answer
# recorded on a ticket, the owner's confirmed task, or plain chat (purged after retention).
ROLES = ("request", "emergency", "reply", "task", "chat")
TASK_STATES = ("pending", "sent", "failed")
CONSENT = ("Agree", "Disagree", "Default_Agree")


class LocalArchiveRecord(Base):
    """The `local` archive: what `jingmin chat --group` and tests write, read by sequence."""

    __tablename__ = "group_archive_local"

    seq: Mapped[int] = mapped_column(BigId, primary_key=True)
    msgid: Mapped[str] = mapped_column(String(64), unique=True)
    message: Mapped[str] = mapped_column(Text)      # WeCom's decrypted JSON, as the SDK gives
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ArchiveCursor(Base):
    """Where the archive reader is (the last sequence handled) and who holds it (a lease)."""

    __tablename__ = "group_archive_cursor"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    holder: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class GroupConsent(Base):
    """A member's answer to archiving in one group (check_room_agree, or agree records)."""

    __tablename__ = "group_consent"
    __table_args__ = (CheckConstraint(
        "status IN ('Agree', 'Disagree', 'Default_Agree')", name="status"),)

    room_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    nickname: Mapped[str | None] = mapped_column(String(64))
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class GroupMessage(Base):
    """One archived group message we may keep (configured group, member agreed), once."""

    __tablename__ = "group_messages"
    __table_args__ = (
        CheckConstraint("sender_kind IN ('resident', 'officer')", name="sender_kind"),
        CheckConstraint("role IN ('request', 'emergency', 'reply', 'task', 'chat')",
                        name="role"),
        Index("ix_group_messages_room_id_sent_at", "room_id", "sent_at"),
        Index("ix_group_messages_ticket_id", "ticket_id"),
        Index("ix_group_messages_role_created_at", "role", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    msgid: Mapped[str] = mapped_column(String(64), unique=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    room_id: Mapped[str] = mapped_column(String(64))
    sender: Mapped[str] = mapped_column(String(64))
    sender_kind: Mapped[str] = mapped_column(String(16))
    nickname: Mapped[str] = mapped_column(String(64), default="")
    msgtype: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)
    role: Mapped[str] = mapped_column(String(16), default="chat")
    ticket_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("tickets.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # A `revoke` record names the message it recalls; the recalled one keeps its words (it
    # was said, and a recall can hide evidence) and is marked when.
    recalls: Mapped[str | None] = mapped_column(String(64))
    recalled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class GroupTicket(Base):
    """Which group and member a group ticket belongs to (the resident has no openid)."""

    __tablename__ = "group_tickets"
    __table_args__ = (Index("ix_group_tickets_room_id_member_id", "room_id", "member_id"),)

    ticket_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True)
    room_id: Mapped[str] = mapped_column(String(64))
    member_id: Mapped[str] = mapped_column(String(64))
    nickname: Mapped[str] = mapped_column(String(64), default="")
    owner: Mapped[str] = mapped_column(String(64), default="")   # who confirms its tasks
    room_name: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class GroupTask(Base):
    """A group message task (add_msg_template, chat_type=group) the owner confirms."""

    __tablename__ = "group_tasks"
    __table_args__ = (
        CheckConstraint("state IN ('pending', 'sent', 'failed')", name="state"),
        Index("ix_group_tasks_room_id_month", "room_id", "month"),
        Index("ix_group_tasks_ticket_id", "ticket_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    room_id: Mapped[str] = mapped_column(String(64))
    ticket_id: Mapped[int] = mapped_column(BigId, ForeignKey("tickets.id", ondelete="CASCADE"))
    officer: Mapped[str] = mapped_column(String(64))
    owner: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    month: Mapped[str] = mapped_column(String(7))       # YYYY-MM in the tickets' timezone
    state: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # When it was found unconfirmed past [groups] task_timeout_h and the owner reminded.
    overdue_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # WeCom's msgid of the task (add_msg_template): its send result is read by it.
    wecom_msgid: Mapped[str | None] = mapped_column(String(64))


class GroupRoom(Base):
    """A group's membership as change_external_chat events tell it."""

    __tablename__ = "group_rooms"

    room_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    members: Mapped[int] = mapped_column(Integer, default=0)
    joined: Mapped[int] = mapped_column(Integer, default=0)
    left: Mapped[int] = mapped_column(Integer, default=0)
    last_event: Mapped[str] = mapped_column(String(128), default="")  # WeCom retries it
    # The owner WeCom named after a change_owner event; None: the configured one.
    owner: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)



