"""The /wechat app as these tests drive it: plaintext allowed beside safe mode, or strict."""

from __future__ import annotations

import pytest

from tests.helpers import running
from tests.support.wechat import plaintext_allowed


@pytest.fixture
async def client(config):
    """The real app, workers running, with a scripted dispatcher in place of the intent
    router: what is tested here must not depend on how messages are classified. Safe mode
    is not required here; tests of requiring it use `strict`."""
    async with running(plaintext_allowed(config), run_workers=True) as client:
        yield client


@pytest.fixture
async def strict(config):
    """The app with the shipped default: an AES key set and safe mode required."""
    assert config.wechat.require_safe_mode and config.wechat.encoding_aes_key
    async with running(config) as client:
        yield client
