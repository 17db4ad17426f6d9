"""Console sign-in throttled by source address and name together: an attacker cannot lock
the real officer out, X-Forwarded-For counts only behind a trusted proxy, and known and
unknown names are answered alike."""

from __future__ import annotations

import dataclasses
import re
from typing import ClassVar

import pytest
from aiohttp.test_utils import make_mocked_request
from argon2 import PasswordHasher

from bot.peers import client_address
from handlers.officers import accounts
from tests.helpers import running
from tests.officer_clients import csrf_token
from tests.workbench import PASSWORD, staff

ATTACKER = "203.0.113.7"
POLICE_NETWORK = "10.20.30.40"
_CSRF = re.compile(r'name="csrf" value="[^"]+"')


def behind_proxy(config, *proxies: str):
    return dataclasses.replace(config, server=dataclasses.replace(
        config.server, trusted_proxies=tuple(proxies)))


async def attempt(client, username, password="wrong password", forwarded=None):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    token = await csrf_token(client)
    response = await client.post("/console/login", data={
        "username": username, "password": password, "csrf": token},
        headers=headers, allow_redirects=False)
    return response.status, _CSRF.sub("", await response.text())


async def test_an_attacker_elsewhere_cannot_lock_the_officer_out(config, sessions):
    await staff(sessions)
    async with running(behind_proxy(config, "127.0.0.1")) as client:
        answers = [(await attempt(client, "a1", forwarded=ATTACKER))[0] for _ in range(7)]
        assert answers == [401] * 4 + [429] * 3
        # Even the right password is refused from there...
        assert (await attempt(client, "a1", PASSWORD, forwarded=ATTACKER))[0] == 429
        # ...while the officer on the police network signs in.
        assert (await attempt(client, "a1", PASSWORD, forwarded=POLICE_NETWORK))[0] == 303


async def test_forwarded_addresses_from_anyone_else_are_ignored(config, sessions):
    await staff(sessions)
    async with running(config) as client:          # no trusted proxies
        answers = [(await attempt(client, "a1", forwarded=f"198.51.100.{i}"))[0]
                   for i in range(6)]
    assert answers == [401] * 4 + [429] * 2


async def test_spraying_many_names_from_one_address_is_throttled(config, sessions):
    await staff(sessions)
    async with running(behind_proxy(config, "127.0.0.1")) as client:
        for i in range(30):
            await attempt(client, f"guess{i}", forwarded=ATTACKER)
        assert (await attempt(client, "a2", PASSWORD, forwarded=ATTACKER))[0] == 429
        assert (await attempt(client, "a2", PASSWORD, forwarded=POLICE_NETWORK))[0] == 303


class _CountingHasher(PasswordHasher):
    """argon2id as the console uses it, noting the cost of each hash it checks."""

    checked: ClassVar[list[str]] = []

    def verify(self, hash, password):
        _CountingHasher.checked.append(hash.rsplit("$", 2)[0])   # variant, version, costs
        return super().verify(hash, password)


async def test_known_and_unknown_names_are_answered_alike(config, sessions, monkeypatch):
    await staff(sessions)
    monkeypatch.setattr(accounts, "_hasher", _CountingHasher())
    async with running(behind_proxy(config, "127.0.0.1")) as client:
        answers, checks = {}, {}
        for name, address in (("a1", "198.51.100.1"), ("nobody", "198.51.100.2")):
            answers[name], checks[name] = [], []
            for _ in range(7):
                _CountingHasher.checked = []
                status, body = await attempt(client, name, forwarded=address)
                checks[name].append(_CountingHasher.checked)
                answers[name].append((status, body.replace(name, "NAME")))
    assert answers["a1"] == answers["nobody"]
    # Alike in time: every failure before the pause checks one password hash of the same cost
    # (argon2id, the slow part), for a known name and an unknown one; once paused, none.
    [cost] = {c for checked in checks["a1"] for c in checked}
    assert cost.startswith("$argon2id$")
    assert checks["a1"] == checks["nobody"] == [[cost]] * 5 + [[]] * 2


@pytest.mark.parametrize(("peer", "forwarded", "proxies", "expected"), [
    ("203.0.113.7", "10.0.0.1", (), "203.0.113.7"),                  # no proxies: the peer
    ("203.0.113.7", "10.0.0.1", ("127.0.0.1",), "203.0.113.7"),      # not from our proxy
    ("127.0.0.1", "198.51.100.9", ("127.0.0.1",), "198.51.100.9"),
    ("127.0.0.1", "1.2.3.4, 198.51.100.9", ("127.0.0.1",), "198.51.100.9"),   # 1.2.3.4 forged
    ("10.1.0.2", "198.51.100.9, 10.1.0.5", ("10.1.0.0/16",), "198.51.100.9"),  # two hops
    ("127.0.0.1", "nonsense", ("127.0.0.1",), "127.0.0.1"),
    ("127.0.0.1", "", ("127.0.0.1",), "127.0.0.1"),
    ("::1", "2001:db8::7", ("::1",), "2001:db8::7"),
])
def test_the_client_address(peer, forwarded, proxies, expected):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    request = make_mocked_request("POST", "/console/login", headers=headers,
                                  transport=_Transport(peer))
    assert client_address(request, proxies) == expected


class _Transport:
    def __init__(self, peer: str) -> None:
        self.peer = peer

    def get_extra_info(self, name, default=None):
        return (self.peer, 12345) if name == "peername" else default

    def is_closing(self) -> bool:
        return False
