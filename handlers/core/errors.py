"""What an officer's request can run into; transports map each to their own answer."""

from __future__ import annotations

import re
from collections.abc import Iterable

from handlers import texts

# A Python string holds a surrogate code point only when it came unpaired (a JSON "\ud800");
# no database or encoder can store it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def unpaired_surrogate(text: str) -> bool:
    """Whether `text` holds a surrogate code point that pairs with nothing."""
    return _SURROGATE.search(text) is not None


class WorkflowError(Exception):
    """Base: `key` names the officer-facing sentence in handlers.texts."""

    code = "error"

    def __init__(self, key: str, *, field: str | None = None, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.field = field      # the request's field at fault, when one is
        self.values = values

    @property
    def message(self) -> str:
        """The sentence officers read (zh-CN)."""
        return texts.text(self.key, **self.values)


class Unauthorized(WorkflowError):
    """No valid credentials (API 401)."""

    code = "unauthorized"


class NotFound(WorkflowError):
    """Unknown, or outside what the caller may see (API 404)."""

    code = "not_found"


class Forbidden(WorkflowError):
    """Visible, but not the caller's role to do (API 403)."""

    code = "forbidden"


class Invalid(WorkflowError):
    """A field of the request is missing or wrong (API 422)."""

    code = "invalid"

    def __init__(self, field: str, key: str, **values: object) -> None:
        # The sentence may name the field as officers know it (请填写原因), not just 此项.
        values.setdefault("label", texts.FIELD_LABELS.get(field, field))
        super().__init__(key, field=field, **values)


def role_refusal(action: str, role: str, roles: Iterable[str]) -> Forbidden:
    """A 403 naming the action, the roles it needs (§3's rights) and the caller's role."""
    order = list(texts.ROLE_LABELS)
    needed = "、".join(texts.ROLE_LABELS[r] for r in sorted(roles, key=order.index))
    return Forbidden("forbidden_role", action=texts.ACTION_LABELS.get(action, action),
                     roles=needed, role=texts.ROLE_LABELS.get(role, role))


def supervisors_only(right: str, role: str) -> Forbidden:
    """A 403 for a supervisors' page or tool, naming it and the caller's role."""
    return Forbidden("forbidden_supervisor_only", right=texts.RIGHT_LABELS[right],
                     role=texts.ROLE_LABELS.get(role, role))


class Conflict(WorkflowError):
    """The ticket's status does not allow this now (API 409)."""

    code = "conflict"
