"""What officers may send in a field: one rule that the workflow enforces and the API's
OpenAPI document states, so the two cannot drift apart (schemathesis checks both ways)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from handlers.core.errors import Invalid, unpaired_surrogate

# Control characters (PostgreSQL refuses NUL in text); line breaks and tabs stay.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Blank: control characters and every character Python's str.strip() removes. A text has
# content when something else is in it. Written in \uXXXX form, valid in ECMA-262 (the
# document's regex dialect) and in Python alike.
_BLANK = ("\\u0000-\\u0020\\u007f\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029"
          "\\u202f\\u205f\\u3000")
CONTENT = f"[^{_BLANK}]"
_CONTENT = re.compile(CONTENT)
# Query and path values: no control characters at all.
NO_CONTROL = "^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f]*$"
USERNAME = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
_USERNAME = re.compile(USERNAME)
# {prefix}{YYYYMMDD}-{seq}: anything else cannot be a ticket (and never reaches the database).
NUMBER = "^[A-Z]{1,8}[0-9]{8}-[0-9]{4,12}$"
_NUMBER = re.compile(NUMBER)

Fields = Mapping[str, Any] | None


def is_number(value: object) -> bool:
    """Whether `value` could be a ticket number."""
    return isinstance(value, str) and _NUMBER.match(value) is not None


def _raw(fields: Fields, name: str) -> object:
    if fields is None:
        raise Invalid("body", "invalid_body")
    return fields.get(name)


def text(fields: Fields, name: str, maximum: int, *, required: bool = True) -> str:
    """A free-text field as stored: control characters removed, stripped. Its length is
    counted as sent; a required one must have content (see CONTENT)."""
    value = _raw(fields, name)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(name, "field_not_text")
    if unpaired_surrogate(value):
        raise Invalid(name, "field_unpaired_surrogate")
    if len(value) > maximum:
        raise Invalid(name, "field_too_long", max=maximum)
    if required and not _CONTENT.search(value):
        raise Invalid(name, "field_required")
    return CONTROL.sub("", value).strip()


def username(fields: Fields, name: str, *, required: bool = True) -> str:
    """An officer's username exactly as written ("" when optional and absent)."""
    value = _raw(fields, name)
    if value is None or (value == "" and not required):
        if required:
            raise Invalid(name, "field_required")
        return ""
    if not isinstance(value, str) or not _USERNAME.match(value):
        raise Invalid(name, "field_not_username")
    return value


def choice(fields: Fields, name: str, allowed: Collection[str], key: str) -> str:
    """One of `allowed`, exactly as written; else Invalid with the sentence `key`."""
    value = _raw(fields, name)
    if value is None:
        raise Invalid(name, "field_required")
    if not isinstance(value, str) or value not in allowed:
        raise Invalid(name, key, **{name: str(value)[:64]})
    return value


# --- the same rules as JSON Schema, for bot/openapi.py ----------------------------------------

def text_schema(maximum: int, *, required: bool = True, description: str = "") -> dict:
    """A free-text field: at most `maximum` characters as sent, with content if required."""
    schema: dict[str, Any] = {"type": "string", "maxLength": maximum}
    if required:
        schema["pattern"] = CONTENT
    else:
        schema["type"] = ["string", "null"]
    if description:
        schema["description"] = description
    return schema


def username_schema(*, required: bool = True) -> dict:
    """An officer's username."""
    if required:
        return {"type": "string", "pattern": USERNAME}
    return {"type": ["string", "null"], "pattern": f"^$|{USERNAME}"}
