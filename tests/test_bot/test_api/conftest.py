"""The API's tests: the real app on loopback and a bearer token for each of the staff."""

from __future__ import annotations

import pytest

from handlers.officers import accounts as officers
from storage.base import utcnow
from tests.helpers import running
from tests.workbench import staff


@pytest.fixture
async def api(config):
    async with running(config) as client:
        yield client


@pytest.fixture
async def tokens(sessions) -> dict[str, str]:
    people = await staff(sessions)
    issued = {}
    async with sessions() as session, session.begin():
        for name in people:
            issued[name] = await officers.issue_token(session, name, utcnow())
    return issued
