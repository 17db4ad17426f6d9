"""The console's tests: the real app on loopback and the staff of two units."""

from __future__ import annotations

import pytest

from tests.helpers import running
from tests.workbench import staff


@pytest.fixture
async def web(config):
    async with running(config) as client:
        yield client


@pytest.fixture
async def people(sessions):
    return await staff(sessions)
