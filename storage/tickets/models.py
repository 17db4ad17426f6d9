"""Tables: tickets, their timeline, daily number counters, working-calendar overrides, residents'
verdicts, callbacks owed, and intents people settled."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, BigId, UtcDateTime, utcnow

# The contract's vocabularies (§5); the database refuses anything else.
KINDS = ("complaint", "appointment", "feedback", "emergency", "consult")
# §4, in order of precedence: a ticket's emergency_kind is the first that fits.
EMERGENCY_KINDS = ("self_harm", "fire", "traffic", "crime", "medical", "fraud", "missing",
                   "other")
STATUSES = ("new", "assigned", "in_progress", "resolved", "closed", "reopened", "cancelled")
UNRESOLVED_STATUSES = ("new", "assigned", "in_progress", "reopened")
PRIORITIES = ("P1", "P2", "P3", "P4")
CHANNELS = ("wechat", "wecom", "hotline", "console", "group")
OVERRIDE_KINDS = ("holiday", "workday")


def _one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=column)


class Ticket(Base):
    """One matter a resident raised, owned by a unit until it is resolved and closed."""

    __tablename__ = "tickets"
    __table_args__ = (
        _one_of("kind", KINDS),
        _one_of("status", STATUSES),
        _one_of("priority", PRIORITIES),
        _one_of("channel", CHANNELS),
        Index("ix_tickets_status_created_at", "status", "created_at"),
        Index("ix_tickets_unit_status", "unit", "status"),
        Index("ix_tickets_openid_id", "openid", "id"),
        # Same-person search on a hotline call or a ticket page (storage.hotline.with_phone).
        Index("ix_tickets_contact_phone_id", "contact_phone", "id"),
        Index("ix_tickets_created_at", "created_at"),
        # The console's banner of escalated emergencies, read on every page.
        Index("ix_tickets_escalated_at", "escalated_at"),
        Index("ix_tickets_sign_due", "sign_due"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="new")
    priority: Mapped[str] = mapped_column(String(2))
    channel: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str] = mapped_column(String(64))
    # 待分派: routing found no unit, so the default unit holds it until someone dispatches it.
    flagged_unassigned: Mapped[bool] = mapped_column(Boolean, default=False)
    assignee: Mapped[str | None] = mapped_column(String(64))
    # Only tickets a resident opened from WeChat carry their openid (their "my tickets").
    openid: Mapped[str | None] = mapped_column(String(64))
    # As given; masked whenever shown.
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    summary: Mapped[str] = mapped_column(Text)
    # The unit's area the place matched (routing), and the place in the resident's own
    # words ("柳园小区8号楼" where the area is "柳园").
    area: Mapped[str | None] = mapped_column(String(128))
    place: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # JSON list of the classifier's reasons.
    intent_reasons: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Fixed when the ticket opens (§5); never recomputed.
    first_response_due: Mapped[datetime] = mapped_column(UtcDateTime)
    resolve_due: Mapped[datetime] = mapped_column(UtcDateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # An emergency alert acknowledged (console, API or WeCom 收到): no more re-alerts.
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))
    # Emergencies (§4): the first kind that fits (EMERGENCY_KINDS), and the 110 接警 number
    # an officer records once the matter is with 110.
    emergency_kind: Mapped[str | None] = mapped_column(String(16))
    incident_no: Mapped[str | None] = mapped_column(String(32))
    # WeChat's label of the resident's location (latitude/longitude above).
    location_label: Mapped[str | None] = mapped_column(String(256))
    # When we asked the resident for their place: a location sent within 30 minutes joins.
    location_asked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # When an alert about it first reached officers (only then is the resident told so),
    # and when it was first escalated (failed or unacknowledged alert: the console banner).
    alert_sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # 12345 steps (§5). 签收: a ticket routed to a unit awaits its sign until sign_due (set at
    # each routing, cleared by the sign); the unit's officers are reminded once past it.
    sign_due: Mapped[datetime | None] = mapped_column(UtcDateTime)
    signed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    signed_by: Mapped[str | None] = mapped_column(String(64))
    sign_reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # 退单: how often units handed it back (past [workflow] returns_flagged: a supervisor's).
    returns: Mapped[int | None] = mapped_column(Integer, default=0)
    # 督办: the last supervision (the badge) and the deadline it set, if any.
    supervised_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    supervise_due: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # 合并: the ticket this one was merged into (it is cancelled; residents hear of that one).
    merged_into: Mapped[str | None] = mapped_column(String(32))


class TicketEvent(Base):
    """One entry of a ticket's append-only timeline."""

    __tablename__ = "ticket_events"
    __table_args__ = (Index("ix_ticket_events_ticket_id_id", "ticket_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    # No cascade: nothing the workflow does deletes a ticket or its events.
    ticket_id: Mapped[int] = mapped_column(BigId, ForeignKey("tickets.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    # 'system', 'resident' or an officer's username; never an openid.
    actor: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text, default="")
    # JSON object of extra fields (from, to, first_response, ...).
    data: Mapped[str] = mapped_column(Text, default="{}")


class TicketCounter(Base):
    """The last sequence number handed out for one local day (YYYYMMDD)."""

    __tablename__ = "ticket_counters"

    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)


class CalendarOverride(Base):
    """A date officers declared a holiday or a working day; wins over every other source."""

    __tablename__ = "calendar_overrides"
    __table_args__ = (_one_of("kind", OVERRIDE_KINDS),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    note: Mapped[str] = mapped_column(String(200), default="")


class IntentCandidate(Base):
    """A message whose intent a person settled (a resident's quick-menu choice, an officer's
    correction of a ticket's kind): reviewed before it may join the corpus by commit."""

    __tablename__ = "intent_candidates"
    __table_args__ = (Index("ix_intent_candidates_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    predicted: Mapped[str] = mapped_column(String(16))
    chosen: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))       # resident | officer
    ticket_number: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


CALLBACK_STATES = ("open", "reached", "not_reached", "resolved")


class CallbackTask(Base):
    """A phone call an officer owes a resident (回访): the number and what to read out."""

    __tablename__ = "callback_tasks"
    __table_args__ = (
        CheckConstraint("state IN ('open', 'reached', 'not_reached', 'resolved')",
                        name="state"),
        Index("ix_callback_tasks_ticket_id", "ticket_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(BigId, ForeignKey("tickets.id"))
    phone: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    # The held reply (outbox job) that owes this call: held again, it keeps this one task.
    # No foreign key: outbox jobs are never deleted, and SQLite adds the column in place.
    outbox_job_id: Mapped[int | None] = mapped_column(BigId)
    state: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    done_by: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)


class Verdict(Base):
    """The resident's judgement of a resolved ticket (评判权交给群众)."""

    __tablename__ = "verdicts"
    __table_args__ = (
        CheckConstraint("satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5",
                        name="satisfaction"),
    )

    ticket_id: Mapped[int] = mapped_column(BigId, ForeignKey("tickets.id"), primary_key=True)
    solved: Mapped[bool | None] = mapped_column(Boolean)
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    attitude: Mapped[int | None] = mapped_column(Integer)      # 服务态度 1..5
    speed: Mapped[int | None] = mapped_column(Integer)         # 办理速度 1..5
    result: Mapped[int | None] = mapped_column(Integer)        # 处理结果 1..5
    comment: Mapped[str | None] = mapped_column(Text)
    asked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class RatingFollowup(Base):
    """A 差评 (satisfaction 1-2) followed up by another officer of the unit: a call back
    within 1 working day, 整改 or an explanation within 5, the resident told the outcome;
    a supervisor may mark the rating disputed (申诉), counted apart."""

    __tablename__ = "rating_followups"
    __table_args__ = (
        Index("ix_rating_followups_ticket_id", "ticket_id", unique=True),
        Index("ix_rating_followups_opened_at", "opened_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(BigId, ForeignKey("tickets.id"))
    satisfaction: Mapped[int] = mapped_column(Integer)
    rated_officer: Mapped[str | None] = mapped_column(String(64))
    officer: Mapped[str | None] = mapped_column(String(64))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    callback_due: Mapped[datetime] = mapped_column(UtcDateTime)
    fix_due: Mapped[datetime] = mapped_column(UtcDateTime)
    called_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    fixed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    outcome: Mapped[str | None] = mapped_column(Text)
    disputed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    disputed_by: Mapped[str | None] = mapped_column(String(64))
    dispute_reason: Mapped[str | None] = mapped_column(Text)
    # Each deadline's reminder, sent once (claimed by a conditional UPDATE): "near" before
    # the deadline, "late" once it has passed.
    callback_near_sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    callback_late_sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    fix_near_sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    fix_late_sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
