"""Business figures for /metrics, counted in the database (so every instance reports the
same numbers): cheap grouped counts over indexed columns, no personal data."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.delivery.models import OutboxJob
from storage.intake.models import InboundMessage
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket, Verdict


@dataclass(frozen=True)
class Figures:
    """One reading of the figures; keys are raw database values (the caller bounds them)."""

    opened: dict[tuple[str, str], int] = field(default_factory=dict)   # (kind, channel)
    unacknowledged: int = 0
    dead_letters: dict[str, int] = field(default_factory=dict)          # outbox kind
    classified: dict[str, int] = field(default_factory=dict)            # acted | menu | joined
    satisfaction: dict[int, int] = field(default_factory=dict)          # 1..5
    solved: dict[bool, int] = field(default_factory=dict)


async def read(session: AsyncSession) -> Figures:
    """Every figure, in one short read-only transaction."""
    opened = await session.execute(
        select(Ticket.kind, Ticket.channel, func.count()).group_by(Ticket.kind, Ticket.channel))
    waiting = await session.scalar(
        select(func.count()).select_from(Ticket)
        .where(Ticket.kind == "emergency", Ticket.acknowledged_at.is_(None),
               Ticket.status.in_(UNRESOLVED_STATUSES)))
    dead = await session.execute(
        select(OutboxJob.kind, func.count()).where(OutboxJob.state == "dead")
        .group_by(OutboxJob.kind))
    classified = await session.execute(
        select(InboundMessage.classified, func.count())
        .where(InboundMessage.classified.is_not(None)).group_by(InboundMessage.classified))
    scores = await session.execute(
        select(Verdict.satisfaction, func.count()).where(Verdict.satisfaction.is_not(None))
        .group_by(Verdict.satisfaction))
    solved = await session.execute(
        select(Verdict.solved, func.count()).where(Verdict.solved.is_not(None))
        .group_by(Verdict.solved))
    return Figures(
        opened={(kind, channel): n for kind, channel, n in opened.all()},
        unacknowledged=int(waiting or 0),
        dead_letters={kind: n for kind, n in dead.all()},
        classified={outcome: n for outcome, n in classified.all()},
        satisfaction={int(score): n for score, n in scores.all()},
        solved={bool(value): n for value, n in solved.all()},
    )
