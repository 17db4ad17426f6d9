"""The context a handler works in: the message, its moment, the unit of work and the shared
services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.types import Inbound


class Context:
    """What a step's hooks may use: the unit of work and the message being handled.

    Given a session factory instead of a session, the session is made on first use, so a
    reply that needs no database costs none.
    """

    def __init__(self, session: AsyncSession | Callable[[], AsyncSession], message: Inbound,
                 now: datetime, services: Any = None) -> None:
        self._session = session if isinstance(session, AsyncSession) else None
        self._factory = None if isinstance(session, AsyncSession) else session
        self.message = message
        self.now = now
        self.services = services    # the router's shared services (settings, classifier, ...)
        # The resident is answering questions asked in English (handlers.dialogs.engine).
        self.english = False

    @property
    def session(self) -> AsyncSession:
        """The unit of work of this message."""
        if self._session is None:
            self._session = self._factory()
        return self._session

    @property
    def opened(self) -> AsyncSession | None:
        """The session, if anything used one."""
        return self._session
