"""Statements compiled once for SQLite's direct paths (storage.inline): the SQL of a Core
statement as SQLAlchemy compiles it from the tables' metadata, and each row's positional
values converted by the columns' types as SQLAlchemy converts them; and a row read back,
converted the other way."""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.sql import Executable

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
        binds.append((name, bind.type.dialect_impl(dialect).bind_processor(dialect),
                      bind.value))
    return compiled.string, binds


def sql_of(dialect: Dialect, statement: Executable, rows: list[dict[str, Any]], *,
           returning: bool = False) -> tuple[str, list[list]] | None:
    """The SQL of `statement` and the positional values of each of `rows` (parameters of
    the same names), converted as SQLAlchemy converts them; None if this path does not run
    it (`returning`: a statement with RETURNING may be run, its rows read by the caller:
    its values come back unconverted)."""
    key = (statement, tuple(sorted(rows[0])), returning)
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
    converted = []
    for parameters in rows:
        values = []
        for name, convert, fixed in binds:
            value = parameters[name] if name in parameters else fixed
            values.append(value if convert is None else convert(value))
        converted.append(values)
    return sql, converted


@functools.lru_cache(maxsize=32)
def _results(dialect: Dialect, columns: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(column.type.dialect_impl(dialect).result_processor(dialect, None)
                 for column in columns)


def read_row(dialect: Dialect, columns: tuple[Any, ...], row: Sequence[Any]) -> list[Any]:
    """`row`, SQLite's values of `columns` in order, converted as SQLAlchemy converts them
    when it reads (a timestamp's text into a UTC datetime)."""
    return [value if convert is None else convert(value)
            for value, convert in zip(row, _results(dialect, columns), strict=True)]
