"""The values SQLite's direct paths bind (storage.compiled) are the ones SQLAlchemy binds:
a UTC timestamp's text, a parameter left out, rows whose keys come in another order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import update
from sqlalchemy.dialects import sqlite

from storage import compiled
from storage.base import UtcDateTime, sqlite_utc_text
from storage.intake.models import InboundMessage

DIALECT = sqlite.dialect()
# SQLAlchemy's own conversion of a UtcDateTime on SQLite: the column type's, then DATETIME's.
SQLALCHEMY = UtcDateTime().dialect_impl(DIALECT).bind_processor(DIALECT)
ZONES = st.builds(lambda minutes: timezone(timedelta(minutes=minutes)),
                  st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59))
TABLE = InboundMessage.__table__


@given(st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31),
                    timezones=st.one_of(ZONES, st.just(UTC))))
def test_a_utc_timestamp_is_stored_as_the_text_sqlalchemy_makes(moment):
    assert sqlite_utc_text(moment) == SQLALCHEMY(moment)


def test_no_timestamp_stays_none_and_a_naive_one_is_refused_as_sqlalchemy_refuses_it():
    assert sqlite_utc_text(None) is None is SQLALCHEMY(None)
    for convert in (sqlite_utc_text, SQLALCHEMY):
        with pytest.raises(ValueError, match="naive"):
            convert(datetime(2026, 12, 5, 8, 0))


def test_the_direct_path_binds_a_timestamp_as_sqlalchemy_does():
    moment = datetime(2026, 12, 5, 8, 30, 0, tzinfo=timezone(timedelta(hours=8)))
    statement = update(InboundMessage).where(TABLE.c.id == 1)
    sql, [values] = compiled.sql_of(DIALECT, statement, [{"handled_at": moment}])
    assert "handled_at=?" in sql
    assert values[0] == "2026-12-05 00:30:00.000000" == SQLALCHEMY(moment)


def test_rows_whose_keys_come_in_another_order_bind_the_same_values():
    statement = update(InboundMessage).where(TABLE.c.id == 7)
    moment = datetime(2026, 12, 5, 1, 2, 3, 4, tzinfo=UTC)
    forward = {"state": "handled", "reply": "好的", "handled_at": moment}
    backward = dict(reversed(forward.items()))
    assert list(backward) != list(forward)
    assert (compiled.sql_of(DIALECT, statement, [forward])
            == compiled.sql_of(DIALECT, statement, [backward]))
    _sql, [values] = compiled.sql_of(DIALECT, statement, [backward])
    # The WHERE's value is the statement's own: no row carries it.
    assert values[-1] == 7 and "2026-12-05 01:02:03.000004" in values
