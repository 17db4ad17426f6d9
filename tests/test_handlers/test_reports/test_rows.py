"""The export's deadline state: for P1 the first-response clock stops at acknowledgement."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from handlers.reports.rows import SLA_FIRST_RESPONSE, SLA_OK, sla_state
from storage.tickets.queries import UnresolvedRow

OPENED = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def row(priority: str, acknowledged: datetime | None = None,
        answered: datetime | None = None) -> UnresolvedRow:
    return UnresolvedRow(
        id=1, number="DCF20261125-0001", kind="emergency", priority=priority,
        status="new", channel="wechat", created_at=OPENED, unit="古楼派出所", assignee=None,
        assignee_name=None, summary="", contact_phone=None, anonymous=False,
        first_response_due=OPENED + timedelta(minutes=15),
        resolve_due=OPENED + timedelta(hours=24), first_response_at=answered, last_at=None,
        last_type=None, last_actor=None, last_data=None, acknowledged_at=acknowledged)


@pytest.mark.parametrize(("priority", "acknowledged", "state"), [
    ("P1", None, SLA_FIRST_RESPONSE),
    ("P1", OPENED + timedelta(minutes=5), SLA_OK),
    ("P1", OPENED + timedelta(minutes=50), SLA_FIRST_RESPONSE),   # not yet at the moment asked
    ("P2", OPENED + timedelta(minutes=5), SLA_FIRST_RESPONSE),    # only P1 stops on it
])
def test_acknowledging_a_p1_is_its_first_response(priority, acknowledged, state):
    at = OPENED + timedelta(minutes=30)
    assert sla_state(row(priority, acknowledged), at) == state
