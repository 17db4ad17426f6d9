"""Opaque keyset cursors for officers' lists, and the page they come with."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from handlers.errors import Invalid

LIMIT_DEFAULT = 50
LIMIT_MAX = 200


@dataclass(frozen=True)
class Page:
    """One page of a list: the items and the cursor of the next page (None at the end)."""

    items: list[Any]
    next: str | None


def encode(last_id: int) -> str:
    """The cursor after the row `last_id`."""
    return base64.urlsafe_b64encode(f"v1:{last_id}".encode()).decode().rstrip("=")


def decode(cursor: str | None) -> int | None:
    """The row id a cursor points after; Invalid for anything we did not hand out."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        version, _, value = raw.partition(":")
        if version != "v1" or not value.isdigit() or len(value) > 19:
            raise ValueError(cursor)
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise Invalid("cursor", "invalid_cursor") from None


def limit(value: object) -> int:
    """The page size asked for: default 50, at most 200 (larger asks get 200)."""
    if value is None or value == "":
        return LIMIT_DEFAULT
    try:
        number = int(str(value))
    except ValueError:
        raise Invalid("limit", "invalid_limit") from None
    if number < 1:
        raise Invalid("limit", "invalid_limit")
    return min(number, LIMIT_MAX)


def page(rows: list[Any], size: int, item_id=lambda row: row.id) -> tuple[list[Any], str | None]:
    """Split rows fetched with `size + 1` into the page and the next cursor."""
    if len(rows) > size:
        rows = rows[:size]
        return rows, encode(item_id(rows[-1]))
    return rows, None
