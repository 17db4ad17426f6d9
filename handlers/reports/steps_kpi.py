"""The 12345 figures of §7 per unit: 签收率, 按时签收率, 退单率, 督办数, 差评回访率 and 差评整改率,
read from the timeline (routings, signs, returns, supervisions) and the 差评 follow-ups.
Disputed ratings (申诉) stay counted apart: out of the two follow-up rates."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from storage.tickets import workflow as workflow_store


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class StepFigures:
    """One unit's (or the branch's) 12345 counts for a week."""

    routed: int = 0              # routings to the unit (at creation, transfer, dispatch)
    signed: int = 0              # ... signed by the week's end (or now)
    signed_on_time: int = 0      # ... within sign_within
    returns: int = 0             # 退单 by the unit
    supervisions: int = 0        # 督办
    followups: int = 0           # 差评 follow-ups opened, disputed ones apart
    called_on_time: int = 0      # ... called back within 1 working day
    fixed_on_time: int = 0       # ... 整改 or explanation within 5 working days
    disputed: int = 0            # 申诉

    @property
    def sign_rate(self) -> float | None:
        """签收率."""
        return _rate(self.signed, self.routed)

    @property
    def sign_on_time_rate(self) -> float | None:
        """按时签收率."""
        return _rate(self.signed_on_time, self.routed)

    @property
    def return_rate(self) -> float | None:
        """退单率: returns per routed ticket."""
        return _rate(self.returns, self.routed)

    @property
    def callback_rate(self) -> float | None:
        """差评回访率."""
        return _rate(self.called_on_time, self.followups)

    @property
    def fix_rate(self) -> float | None:
        """差评整改率."""
        return _rate(self.fixed_on_time, self.followups)

    def __add__(self, other: StepFigures) -> StepFigures:
        return StepFigures(**{f.name: getattr(self, f.name) + getattr(other, f.name)
                              for f in fields(self)})

    def as_json(self) -> dict[str, Any]:
        """Counts and rates (0..1 or null)."""
        return {**{f.name: getattr(self, f.name) for f in fields(self)},
                "sign_rate": self.sign_rate, "sign_on_time_rate": self.sign_on_time_rate,
                "return_rate": self.return_rate, "callback_rate": self.callback_rate,
                "fix_rate": self.fix_rate}


def total(figures: Iterable[StepFigures]) -> StepFigures:
    """The sum (the branch)."""
    result = StepFigures()
    for one in figures:
        result = result + one
    return result


async def step_figures(session: AsyncSession, start: datetime,
                       end: datetime) -> dict[str, StepFigures]:
    """Per unit, for the week [start, end) (end: the week's end, or now)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    routings: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
    signs: dict[int, list[tuple[datetime, str, bool]]] = defaultdict(list)
    for ticket_id, type_, at, raw in await workflow_store.step_events(session, start, end):
        data = json.loads(raw)
        if type_ == "created" and not data.get("flagged") and data.get("unit"):
            routings[ticket_id].append((at, data["unit"]))
        elif type_ == "transferred" and data.get("to"):
            routings[ticket_id].append((at, data["to"]))
        elif type_ == "routed" and data.get("unit"):
            # Out of 待分派 by the resident's place: {"unit", "from"} (tickets.opening).
            routings[ticket_id].append((at, data["unit"]))
        elif type_ == "signed":
            signs[ticket_id].append((at, data.get("unit", ""), bool(data.get("on_time"))))
        elif type_ == "acknowledged" and data.get("signed"):
            signs[ticket_id].append((at, data.get("unit", ""), bool(data.get("sign_on_time"))))
        elif type_ == "returned":
            counts[data.get("unit", "")]["returns"] += 1
        elif type_ == "supervised":
            counts[data.get("unit", "")]["supervisions"] += 1
    for ticket_id, routed in routings.items():
        for index, (at, unit) in enumerate(routed):
            until = routed[index + 1][0] if index + 1 < len(routed) else None
            sign = next((s for s in signs.get(ticket_id, ())
                         if s[1] == unit and s[0] >= at and (until is None or s[0] < until)),
                        None)
            counts[unit]["routed"] += 1
            counts[unit]["signed"] += sign is not None
            counts[unit]["signed_on_time"] += sign is not None and sign[2]
    for unit, row in await workflow_store.followups_opened(session, start, end):
        if row.disputed_at is not None:
            counts[unit]["disputed"] += 1
            continue
        counts[unit]["followups"] += 1
        counts[unit]["called_on_time"] += row.called_at is not None \
            and row.called_at <= row.callback_due
        counts[unit]["fixed_on_time"] += row.fixed_at is not None and row.fixed_at <= row.fix_due
    return {unit: StepFigures(**values) for unit, values in counts.items()}
