"""A message known by its row: the same message, the row's id added, nothing shared."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from handlers.core.types import Inbound, Location


def _message() -> Inbound:
    return Inbound("wechat", "msg:42", "o-types", "location", datetime(2026, 12, 5, tzinfo=UTC),
                   content="我在这里", location=Location(31.2, 121.5, "人民广场"),
                   raw="<xml/>", account="gh_test")


def test_a_recorded_message_equals_the_message_with_its_row_id_and_leaves_it_unchanged():
    message = _message()
    recorded = message.recorded(7)
    assert recorded == dataclasses.replace(message, inbound_id=7)
    assert recorded.inbound_id == 7 and message.inbound_id is None
    assert hash(recorded) == hash(dataclasses.replace(message, inbound_id=7))
    assert recorded.location is message.location


def test_a_recorded_message_is_as_frozen_as_any():
    recorded = _message().recorded(7)
    with pytest.raises(dataclasses.FrozenInstanceError):
        recorded.inbound_id = 8   # type: ignore[misc]
