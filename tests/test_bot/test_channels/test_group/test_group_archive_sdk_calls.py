"""The `sdk` archive reader against a stand-in of WeCom's native library built from C: how its
calls run (off the event loop, one at a time), initialisation, and closing."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.channels.group.archive import ArchiveClosedError, ArchiveSdkError
from bot.channels.group.sdk import SdkArchiveReader
from tests.stubs.finance_stub import StubArchive, StubControl, group_text
from tests.support.group_sdk import RESIDENT, ROOM


async def _until_held(control: StubControl) -> None:
    """Waits (on the event loop) until a GetChatData call is blocked by the stand-in's hold."""
    for _ in range(500):
        if control.waiting():
            return
        await asyncio.sleep(0.01)
    pytest.fail("GetChatData was never seen blocked while the event loop ran")


async def test_a_failed_init_is_reported_and_its_handle_released(
        libraries: dict[str, Path], key_dir: Path, archive: StubArchive,
        control: StubControl) -> None:
    archive.add(group_text(ROOM, RESIDENT, "初始化失败后重试"))
    before = control.live_sdks()
    archive.fail_init(10003)
    async with SdkArchiveReader(libraries["sdk"], "ww5ab44d0000corp", "s", key_dir) as reader:
        with pytest.raises(ArchiveSdkError) as failed:
            await reader.fetch(0, 10)
        assert (failed.value.call, failed.value.code) == ("Init", 10003)
        assert control.live_sdks() == before

        archive.heal()  # the next fetch initialises afresh
        assert [r.text for r in (await reader.fetch(0, 10)).records] == ["初始化失败后重试"]
        assert control.live_sdks() == before + 1
    assert control.live_sdks() == before


async def test_a_slow_library_call_leaves_the_event_loop_free(
        reader: SdkArchiveReader, archive: StubArchive, control: StubControl) -> None:
    archive.add(group_text(ROOM, RESIDENT, "慢慢来"))
    control.hold(True)
    fetching = asyncio.create_task(reader.fetch(0, 10))
    try:
        # The wait below only ends if GetChatData blocks another thread, not the event loop.
        await _until_held(control)
        assert not fetching.done()
    finally:
        control.hold(False)
    assert [r.text for r in (await fetching).records] == ["慢慢来"]


async def test_calls_on_one_reader_run_one_at_a_time(
        reader: SdkArchiveReader, archive: StubArchive, control: StubControl) -> None:
    archive.add(group_text(ROOM, RESIDENT, "一个一个来"))
    control.hold(True)
    try:
        calls = [asyncio.create_task(reader.fetch(0, 10)) for _ in range(3)]
        await _until_held(control)
        await asyncio.sleep(0.2)  # time enough for a second call to enter, were they not queued
        assert control.waiting() == 1
    finally:
        control.hold(False)
    batches = await asyncio.gather(*calls)
    assert [[r.text for r in b.records] for b in batches] == [["一个一个来"]] * 3
    assert control.max_concurrent() == 1


async def test_close_destroys_the_handle_only_after_the_call_under_way(
        libraries: dict[str, Path], key_dir: Path, archive: StubArchive,
        control: StubControl) -> None:
    archive.add(group_text(ROOM, RESIDENT, "关门前最后一条"))
    before = control.live_sdks()
    reader = SdkArchiveReader(libraries["sdk"], "ww5ab44d0000corp", "s", key_dir)
    assert control.live_sdks() == before  # nothing made until the first fetch
    await reader.fetch(0, 10)
    assert control.live_sdks() == before + 1

    control.hold(True)
    try:
        fetching = asyncio.create_task(reader.fetch(0, 10))
        await _until_held(control)
        closing = asyncio.create_task(reader.close())
        await asyncio.sleep(0.1)
        assert control.live_sdks() == before + 1 and not closing.done()
    finally:
        control.hold(False)
    assert [r.text for r in (await fetching).records] == ["关门前最后一条"]
    await closing
    assert control.live_sdks() == before

    await reader.close()  # twice is harmless
    with pytest.raises(ArchiveClosedError):
        await reader.fetch(1, 10)
