"""Opaque keyset cursors for officers' lists, and the page they come with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from handlers.core.errors import Invalid

LIMIT_DEFAULT = 50
LIMIT_MAX = 200


@dataclass(frozen=True)
class Page:
    """One page of a list: the items and the cursor of the next page (None at the end)."""

    items: list[Any]
    next: str | None


# The row id a page starts after, in decimal: any such id is a valid place to start, so the
# API document can say exactly what a cursor is.
CURSOR = "^([0-9]{1,18})?$"
_CURSOR = re.compile(CURSOR)
_DIGITS = re.compile(r"[0-9]+")


def encode(last_id: int) -> str:
    """The cursor after the row `last_id`."""
    return str(last_id)


def decode(cursor: str | None) -> int | None:
    """The row id a cursor points after (None: the first page); Invalid for anything else."""
    if not cursor:
        return None
    if not isinstance(cursor, str) or not _CURSOR.match(cursor):
        raise Invalid("cursor", "invalid_cursor")
    return int(cursor)


def limit(value: object) -> int:
    """The page size asked for: default 50, at most 200 (larger asks get 200)."""
    if value is None:
        return LIMIT_DEFAULT
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value):
        # Past nine digits it is larger than any page anyway (and int() of thousands of
        # digits is refused by Python).
        number = LIMIT_MAX if len(value.lstrip("0")) > 9 else int(value)
    else:
        raise Invalid("limit", "invalid_limit")
    if number < 1:
        raise Invalid("limit", "invalid_limit")
    return min(number, LIMIT_MAX)


def page(rows: list[Any], size: int, item_id=lambda row: row.id) -> tuple[list[Any], str | None]:
    """Split rows fetched with `size + 1` into the page and the next cursor."""
    if len(rows) > size:
        rows = rows[:size]
        return rows, encode(item_id(rows[-1]))
    return rows, None
