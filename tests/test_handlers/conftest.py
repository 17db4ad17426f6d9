"""Residents talking to the real router: real classifier, FAQ, dialogs, databases; fixed clock."""

from __future__ import annotations

import pytest

from bot.assembly import build_services
from handlers.classifier.classifier import IntentClassifier
from handlers.intents.services import Services
from tests.conversations import Chat, Clock, Db, make_chat


@pytest.fixture
def clock() -> Clock:
    """The router's clock, starting at NOW."""
    return Clock()


@pytest.fixture
async def services(config, sessions) -> Services:
    """The handlers' services as the app builds them."""
    return await build_services(config, sessions)


@pytest.fixture
def chat(sessions, services, clock) -> Chat:
    """Residents talking to the router."""
    return make_chat(sessions, services, clock)


@pytest.fixture
def db(sessions) -> Db:
    """Read access to what the router stored."""
    return Db(sessions)


@pytest.fixture(scope="session")
def classifier() -> IntentClassifier:
    """The packaged classifier, loaded once (from the model cache) for every test reading it."""
    return IntentClassifier.load()
