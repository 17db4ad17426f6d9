"""Officers' tests: the workflow on a fixed clock and the staff of two units."""

from __future__ import annotations

import pytest

from handlers.core.settings import TicketSettings
from handlers.officers.workflow import Workflow
from tests.workbench import NOW, staff


@pytest.fixture
def wf(config) -> Workflow:
    return Workflow(TicketSettings.from_config(config), clock=lambda: NOW)


@pytest.fixture
async def people(sessions):
    return await staff(sessions)
