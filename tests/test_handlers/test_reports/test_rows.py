"""The export's deadline state (for P1 the first-response clock stops at acknowledgement) and
its last action."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from handlers.reports.rows import SLA_FIRST_RESPONSE, SLA_OK, last_action, sla_state
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


@pytest.mark.parametrize(("reason", "label"), [
    ("new_ticket", "新工单提醒 · 系统"),      # the robot's digest told the unit of a new ticket
    ("overdue", "超时提醒 · 系统"),
    ("unacknowledged", "警情提醒 · 系统"),    # an emergency alerted again
])
def test_a_routine_notice_is_not_read_as_an_emergency_alert(reason, label):
    last = replace(row("P3"), last_type="alert", last_actor="system",
                   last_data=json.dumps({"reason": reason}))
    assert last_action(last) == label
