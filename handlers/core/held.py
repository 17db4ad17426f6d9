"""Who has replies WeChat would not deliver, waiting for their next message: an index the
router asks before looking in the database."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class HeldIndex:
    """Who has held replies. With `exact` (one instance owns the database) the set is
    trusted once seeded and most messages need no query; otherwise every message checks the
    database."""

    exact: bool = False
    _who: set[str] | None = None

    def seed(self, recipients: set[str]) -> None:
        """Start from the database's view."""
        self._who = set(recipients)

    def add(self, recipient: str) -> None:
        """A reply to `recipient` was just held."""
        if self._who is not None:
            self._who.add(recipient)

    def maybe(self, recipient: str) -> bool:
        """Worth a look in the database."""
        return not self.exact or self._who is None or recipient in self._who

    def done(self, recipient: str) -> None:
        """Nothing is held for `recipient` any more."""
        if self._who is not None:
            self._who.discard(recipient)
