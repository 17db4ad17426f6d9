"""Statements compiled once for SQLite's direct paths (storage.inline): the SQL of a Core
statement as SQLAlchemy compiles it from the tables' metadata, and each row's positional
values converted by the columns' types as SQLAlchemy converts them; and a row read back,
converted the other way."""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.sql import Executable
from sqlalchemy.types import TypeEngine

from storage.base import UtcDateTime, sqlite_utc_text

# Statements kept compiled, the least recently used dropped past the bound: our direct paths
# run a few dozen statements (each built once, at import or first use), so the bound is only
# a guard against a caller that builds a new statement object each call.
COMPILED_KEPT = 256
_COMPILED: OrderedDict[tuple, tuple[str, list[tuple[str, Any, Any]]] | None] = OrderedDict()


def _compiled(dialect: Dialect, statement: Executable, keys: tuple[str, ...],
              returning: bool) -> tuple[str, list[tuple[str, Any, Any]]] | None:
    """The SQL of `statement` for parameters named `keys`, and each placeholder's name,
    type converter and fixed value; None for a statement this path does not run (defaults
    computed in Python, RETURNING unless `returning`, expanded parameters). The SQL is
    SQLAlchemy's, compiled from the tables' metadata: the same as it would run."""
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    if (compiled.insert_prefetch or compiled.update_prefetch
            or (compiled.returning and not returning)
            or "POSTCOMPILE" in compiled.string or compiled.positiontup is None):
        return None
    binds = []
    for name in compiled.positiontup:
        bind = compiled.binds[name]
        if name not in keys and (bind.required or bind.callable is not None):
            return None
        binds.append((name, _converter(bind.type, dialect), bind.value))
    return compiled.string, binds


# Timestamps the quick conversion must turn into SQLAlchemy's text before it is used: east
# and west of UTC, no microseconds, a year of fewer than four digits, none.
_CHECKED = (datetime(2026, 12, 5, 8, 30, 1, 250, tzinfo=timezone(timedelta(hours=8))),
            datetime(2026, 1, 1, 0, 0, 0, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
            datetime(999, 3, 4, 5, 6, 7, 999999, tzinfo=UTC), None)


def _converter(type_: TypeEngine, dialect: Dialect) -> Callable[[Any], Any] | None:
    """SQLAlchemy's conversion of a value bound to `type_`; for a UTC timestamp on SQLite,
    the same text made in one step (storage.base.sqlite_utc_text), when it agrees."""
    convert = type_.dialect_impl(dialect).bind_processor(dialect)
    if (isinstance(type_, UtcDateTime) and dialect.name == "sqlite" and convert is not None
            and all(sqlite_utc_text(v) == convert(v) for v in _CHECKED)):
        return sqlite_utc_text
    return convert


def sql_of(dialect: Dialect, statement: Executable, rows: list[dict[str, Any]], *,
           returning: bool = False) -> tuple[str, list[list]] | None:
    """The SQL of `statement` and the positional values of each of `rows` (parameters of
    the same names), converted as SQLAlchemy converts them; None if this path does not run
    it (`returning`: a statement with RETURNING may be run, its rows read by the caller:
    its values come back unconverted)."""
    # The keys in the caller's order: sorting them cost more than the lookup; a caller that
    # orders them differently only compiles the statement once more.
    key = (statement, tuple(rows[0]), returning)
    try:
        found = _COMPILED[key]
        _COMPILED.move_to_end(key)
    except KeyError:
        found = _COMPILED[key] = _compiled(dialect, statement, key[1], returning)
        if len(_COMPILED) > COMPILED_KEPT:
            _COMPILED.popitem(last=False)
    if found is None:
        return None
    sql, binds = found
    return sql, [[parameters.get(name, fixed) if convert is None
                  else convert(parameters.get(name, fixed)) for name, convert, fixed in binds]
                 for parameters in rows]


@functools.lru_cache(maxsize=32)
def _results(dialect: Dialect, columns: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(column.type.dialect_impl(dialect).result_processor(dialect, None)
                 for column in columns)


def read_row(dialect: Dialect, columns: tuple[Any, ...], row: Sequence[Any]) -> list[Any]:
    """`row`, SQLite's values of `columns` in order, converted as SQLAlchemy converts them
    when it reads (a timestamp's text into a UTC datetime)."""
    return [value if convert is None else convert(value)
            for value, convert in zip(row, _results(dialect, columns), strict=True)]
