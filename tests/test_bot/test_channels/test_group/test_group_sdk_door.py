"""The group door with `archive = "sdk"`: WeCom's library (the stand-in built from C) read
by the app's poller, consent asked of WeCom (the fake Tencent), tickets opened."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select

from bot.config.groups import GroupChatConfig, GroupsConfig
from storage.groups.models import GroupConsent, GroupRoom
from storage.tickets.models import Ticket
from tests.groups import stored
from tests.helpers import outbox_rows, running
from tests.stubs import finance_stub
from tests.stubs.finance_stub import StubArchive, group_text

ROOM = "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA"
AGREED = "wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA"
REFUSED = "wmOgQhDgAAzzzzzzbve4g4iXknfOBBBB"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if finance_stub.c_compiler() is None:
        message = "no C compiler (cc or gcc): cannot build the stand-in archive library"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}, and CI=true")
        pytest.skip(message)
    return finance_stub.build(tmp_path_factory.mktemp("finance_sdk_door"))


def _archive(tmp_path, monkeypatch) -> StubArchive:
    """The stub SDK's archive, sealed to a fresh key of version 1 whose private half is
    `tmp_path/1.pem` (as `private_key_path` names it)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (tmp_path / "1.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    monkeypatch.setenv(finance_stub.DATA_ENV, str(tmp_path / "archive.tsv"))
    return StubArchive(tmp_path / "archive.tsv", {1: key.public_key()})


async def test_sdk_archive_read_by_the_app(config, sessions, fake_tencent, library, tmp_path,
                                           monkeypatch):
    archive = _archive(tmp_path, monkeypatch)
    now_ms = int(time.time() * 1000)
    archive.add(group_text(ROOM, REFUSED, "小区里晚上总有人偷电动车电瓶", msgtime=now_ms))
    archive.add(group_text(ROOM, AGREED, "楼下有人乱停车堵住消防通道，麻烦处理一下",
                           msgtime=now_ms + 1))
    fake_tencent.room_consent[ROOM] = {AGREED: "Agree", REFUSED: "Disagree"}
    fake_tencent.group_members[ROOM] = {AGREED: "张阿姨", REFUSED: "李大爷"}
    app_config = fake_tencent.configure(config)
    app_config = dataclasses.replace(app_config, groups=GroupsConfig(
        archive="sdk", sdk_library=str(library), corp_id=fake_tencent.corp_id,
        secret=fake_tencent.archive_secret, private_key_path=str(tmp_path / "1.pem"),
        poll_s=600, chats=(GroupChatConfig(room_id=ROOM, owner="wx-owner", name="柳园群",
                                           unit="古楼派出所", area="柳园"),)))
    async with running(app_config, run_workers=True):
        for _ in range(200):       # the poller's first read, at start
            if await stored(sessions):
                break
            await asyncio.sleep(0.05)
    [message] = await stored(sessions)
    assert message.sender == AGREED and message.role == "request"
    assert message.nickname == "张阿姨"        # from groupchat/get, for @-mentions
    async with sessions() as session:
        tickets = list(await session.scalars(select(Ticket)))
        consent = {row.member_id: row.status for row in await session.scalars(
            select(GroupConsent))}
    assert [t.channel for t in tickets] == ["group"]
    assert consent == {AGREED: "Agree", REFUSED: "Disagree"}      # kept for the next batch
    assert len(fake_tencent.calls_to("check_room_agree")) == 1


async def test_a_group_configured_without_owner_gets_the_one_wecom_names(
        config, sessions, fake_tencent, library, tmp_path, monkeypatch, caplog):
    # sdk mode, `owner = ""`: groupchat/get is read once at start-up; the group's notices go
    # to the owner it names.
    archive = _archive(tmp_path, monkeypatch)
    fake_tencent.room_consent[ROOM] = {AGREED: "Agree"}
    fake_tencent.group_members[ROOM] = {AGREED: "张阿姨"}
    fake_tencent.group_owners[ROOM] = "wx-zhang"
    app_config = fake_tencent.configure(config)
    app_config = dataclasses.replace(app_config, groups=GroupsConfig(
        archive="sdk", sdk_library=str(library), corp_id=fake_tencent.corp_id,
        secret=fake_tencent.archive_secret, private_key_path=str(tmp_path / "1.pem"),
        poll_s=0.2, chats=(GroupChatConfig(room_id=ROOM, owner="", name="柳园群",
                                           unit="古楼派出所", area="柳园"),)))
    caplog.set_level(logging.INFO, logger="bot.channels.group.door")
    async with running(app_config, run_workers=True):
        for _ in range(200):
            async with sessions() as session:
                room = await session.get(GroupRoom, ROOM)
            if room is not None and room.owner:
                break
            await asyncio.sleep(0.05)
        archive.add(group_text(ROOM, AGREED, "楼下有人乱停车堵住消防通道，麻烦处理一下",
                               msgtime=int(time.time() * 1000)))
        for _ in range(200):
            if await outbox_rows(sessions, "wx-zhang"):
                break
            await asyncio.sleep(0.05)
    assert room is not None and room.owner == "wx-zhang"
    assert len(fake_tencent.calls_to("groupchat_get")) >= 1
    assert "has no configured owner; WeCom names wx-zhang its owner" in caplog.text
    [notice] = await outbox_rows(sessions, "wx-zhang")
    assert notice.kind == "wecom_app"
