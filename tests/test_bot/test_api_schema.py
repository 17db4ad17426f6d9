"""Schemathesis against the real app over loopback, with every role's token: every check on,
bounded examples, a fixed seed. The OpenAPI document is the truth or this fails."""

from __future__ import annotations

import os

import pytest
import requests
import schemathesis
from schemathesis.config import SchemathesisConfig

from bot.api import PREFIX, ROUTES
from bot.openapi import spec
from tests.live import ROLES, serving

# Bounded and deterministic: `make fuzz` raises the bound (JINGMIN_SCHEMA_EXAMPLES).
EXAMPLES = int(os.environ.get("JINGMIN_SCHEMA_EXAMPLES", "25"))
SEED = 20261203


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("schema")) as server:
        yield server


# The document the server serves is built by this same call (checked below), so the tests
# are collected from it without a server; pytest 9 broke schemathesis' lazy fixture loader.
schema = schemathesis.openapi.from_dict(spec(PREFIX, ROUTES), config=SchemathesisConfig.from_dict({
    "seed": SEED,
    "generation": {"max-examples": EXAMPLES, "deterministic": True, "database": "none"},
    "phases": {"examples": {"enabled": True}, "coverage": {"enabled": True},
               "fuzzing": {"enabled": True}, "stateful": {"enabled": True}},
    "checks": {"enabled": True},
}))


def test_the_served_document_is_the_one_tested(live):
    served = requests.get(f"{live.url}/api/v1/openapi.json", timeout=10)
    assert served.status_code == 200 and served.json() == spec(PREFIX, ROUTES)


@pytest.mark.parametrize("role", sorted(ROLES))
@schema.parametrize()
def test_the_api_answers_as_its_document_says(case, live, role):
    with requests.Session() as session:
        case.call_and_validate(base_url=live.url, session=session,
                               headers={"Authorization": f"Bearer {live.tokens[role]}"})
