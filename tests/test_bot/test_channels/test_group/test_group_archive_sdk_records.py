"""The `sdk` archive reader against a stand-in of WeCom's native library built from C: records
in order, keys by version, what is skipped, the library's errors, setup errors."""

from __future__ import annotations

import ctypes.util
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from bot.channels.group.archive import ArchiveSdkError, ArchiveSetupError, SkipReason
from bot.channels.group.keys import KeyRing
from bot.channels.group.sdk import SdkArchiveReader
from tests.stubs.finance_stub import StubArchive, StubControl, group_text
from tests.support.group_sdk import RESIDENT, ROOM, pem


async def test_records_come_decrypted_in_sequence_order_a_page_at_a_time(
        reader: SdkArchiveReader, archive: StubArchive, control: StubControl) -> None:
    archive.add(group_text(ROOM, RESIDENT, "柳园小区3号楼门口有人撬电动车锁"), seq=1)
    archive.add(group_text(ROOM, "officer.li", "收到，马上派人过去"), seq=2, version=2)
    archive.add({"action": "recall", "from": RESIDENT, "tolist": [], "roomid": ROOM,
                 "msgtime": 1_767_225_700_000, "msgtype": "revoke",
                 "revoke": {"pre_msgid": "10001_1767225600000_external"}}, seq=4)
    archive.add(group_text(ROOM, RESIDENT, "谢谢警官"), seq=3)  # written late, read in place

    first = await reader.fetch(0, 2)
    assert [r.seq for r in first.records] == [1, 2]
    assert (first.last_seq, first.more, first.skipped) == (2, True, ())
    report, answer = first.records
    assert report.text == "柳园小区3号楼门口有人撬电动车锁"
    assert (report.room_id, report.sender, report.action, report.msgtype) == (
        ROOM, RESIDENT, "send", "text")
    assert report.tolist == ("officer.li",)
    assert report.msgid == "10001_1767225600000_external"
    assert report.message["msgid"] == report.msgid
    assert report.sent_at is not None and report.sent_at.tzinfo is UTC
    assert report.sent_at >= datetime(2026, 1, 1, tzinfo=UTC)
    assert answer.sender == "officer.li" and answer.text == "收到，马上派人过去"

    rest = await reader.fetch(first.last_seq, 10)
    assert [r.seq for r in rest.records] == [3, 4]
    assert (rest.last_seq, rest.more) == (4, False)
    recall = rest.records[1]
    assert (recall.msgtype, recall.text) == ("revoke", None)
    assert recall.message["revoke"]["pre_msgid"] == "10001_1767225600000_external"

    caught_up = await reader.fetch(rest.last_seq, 10)
    assert (caught_up.records, caught_up.last_seq, caught_up.more) == ((), 4, False)

    archive.add(group_text(ROOM, RESIDENT, "人抓到了吗"))
    news = await reader.fetch(caught_up.last_seq, 10)
    assert [(r.seq, r.text) for r in news.records] == [(5, "人抓到了吗")]
    assert control.live_slices() == 0


async def test_a_restarted_reader_goes_on_from_the_saved_sequence(
        libraries: dict[str, Path], key_dir: Path, archive: StubArchive,
        control: StubControl) -> None:
    for n in range(1, 6):
        archive.add(group_text(ROOM, RESIDENT, f"第{n}条"))
    async with SdkArchiveReader(libraries["sdk"], "ww5ab44d0000corp", "s", key_dir) as first:
        saved = (await first.fetch(0, 3)).last_seq
    async with SdkArchiveReader(libraries["sdk"], "ww5ab44d0000corp", "s", key_dir) as second:
        batch = await second.fetch(saved, 10)
    assert [r.text for r in batch.records] == ["第4条", "第5条"]


async def test_each_record_is_opened_with_the_private_key_of_its_version(
        libraries: dict[str, Path], key_dir: Path, reader: SdkArchiveReader,
        archive: StubArchive, control: StubControl) -> None:
    archive.add(group_text(ROOM, RESIDENT, "旧钥匙加密"), version=1)
    archive.add(group_text(ROOM, RESIDENT, "新钥匙加密"), version=2)
    archive.add(group_text(ROOM, RESIDENT, "又是旧钥匙"), version=1)

    batch = await reader.fetch(0, 10)
    assert [r.text for r in batch.records] == ["旧钥匙加密", "新钥匙加密", "又是旧钥匙"]

    # With only version 2's key installed, version 1's records are passed over, not misread.
    async with SdkArchiveReader(libraries["sdk"], "ww5ab44d0000corp", "s",
                                key_dir / "2.pem") as only_v2:
        partial = await only_v2.fetch(0, 10)
    assert [r.text for r in partial.records] == ["新钥匙加密"]
    assert [(s.seq, s.reason, s.key_version) for s in partial.skipped] == [
        (1, SkipReason.UNKNOWN_KEY_VERSION, 1), (3, SkipReason.UNKNOWN_KEY_VERSION, 1)]
    assert partial.last_seq == 3


async def test_unreadable_records_are_skipped_counted_and_logged_without_content(
        reader: SdkArchiveReader, archive: StubArchive, control: StubControl,
        caplog: pytest.LogCaptureFixture) -> None:
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    archive.add(group_text(ROOM, RESIDENT, "第一条能读"))
    archive.add(group_text(ROOM, RESIDENT, "别人的公钥"), public_key=stranger)
    archive.add(group_text(ROOM, RESIDENT, "未知版本"), version=7, public_key=stranger)
    archive.add(group_text(ROOM, RESIDENT, "密文损坏"), damage=True)
    archive.add(group_text(ROOM, RESIDENT, "钥匙不对"), key_for_message="not-the-sealed-key")
    archive.add(b"this is not JSON")
    archive.add(group_text(ROOM, RESIDENT, "我家住在柳园路18号，电话13812345678"))

    with caplog.at_level(logging.WARNING, logger="bot.channels.group.archive"):
        batch = await reader.fetch(0, 100)

    assert [r.seq for r in batch.records] == [1, 7]
    assert batch.records[1].text == "我家住在柳园路18号，电话13812345678"
    assert [(s.seq, s.reason) for s in batch.skipped] == [
        (2, SkipReason.BAD_RANDOM_KEY), (3, SkipReason.UNKNOWN_KEY_VERSION),
        (4, SkipReason.UNDECRYPTABLE), (5, SkipReason.UNDECRYPTABLE), (6, SkipReason.MALFORMED)]
    assert [s.code for s in batch.skipped[2:4]] == [10008, 10006]
    assert batch.last_seq == 7  # the sequence goes on past them: nothing is fetched twice
    assert reader.skipped_counts == {SkipReason.BAD_RANDOM_KEY: 1,
                                     SkipReason.UNKNOWN_KEY_VERSION: 1,
                                     SkipReason.UNDECRYPTABLE: 2, SkipReason.MALFORMED: 1}

    lines = [r for r in caplog.records if "skipped" in r.getMessage()]
    assert [r.getMessage().split()[2] for r in lines] == [f"seq={n}" for n in range(2, 7)]
    assert [r.levelname for r in lines].count("ERROR") == 1  # the missing key: every later one too
    assert "version 7" in lines[1].getMessage() and "7.pem" in lines[1].getMessage()
    logged = caplog.text
    sealed = [line.split("\t")[4:] for line in archive.records()]
    for secret in [ROOM, RESIDENT, "13812345678", *(s for pair in sealed for s in pair)]:
        assert secret not in logged

    again = await reader.fetch(0, 100)  # counted per reading, not per record ever seen
    assert reader.skipped_counts[SkipReason.UNDECRYPTABLE] == 4 and len(again.skipped) == 5


async def test_library_errors_surface_with_their_code_and_lose_no_record(
        reader: SdkArchiveReader, archive: StubArchive, control: StubControl) -> None:
    archive.add(group_text(ROOM, RESIDENT, "网络断了也不能丢"))

    archive.fail_fetch(10001)
    with pytest.raises(ArchiveSdkError) as failed:
        await reader.fetch(0, 10)
    assert (failed.value.call, failed.value.code, failed.value.retryable) == (
        "GetChatData", 10001, True)
    assert "network" in str(failed.value)

    archive.heal()
    archive.fail_fetch(10009)
    with pytest.raises(ArchiveSdkError) as refused:
        await reader.fetch(0, 10)
    assert refused.value.code == 10009 and not refused.value.retryable
    assert "trusted IPs" in str(refused.value)

    archive.heal()
    archive.answer_errcode(40001, "invalid secret")
    with pytest.raises(ArchiveSdkError) as errcode:
        await reader.fetch(0, 10)
    assert (errcode.value.code, errcode.value.detail) == (40001, "invalid secret")
    assert control.live_slices() == 0

    archive.heal()
    batch = await reader.fetch(0, 10)
    assert [r.text for r in batch.records] == ["网络断了也不能丢"]


async def test_bad_arguments_are_refused_before_the_library_is_called(
        reader: SdkArchiveReader, archive: StubArchive) -> None:
    for seq, limit in [(0, 0), (0, 1001), (-1, 10)]:
        with pytest.raises(ValueError):
            await reader.fetch(seq, limit)
    archive.add(group_text(ROOM, RESIDENT, "最多一千条"))
    assert len((await reader.fetch(0, 1000)).records) == 1


async def test_a_library_without_get_slice_len_is_read_up_to_the_nul(
        libraries: dict[str, Path], key_dir: Path, archive: StubArchive) -> None:
    archive.add(group_text(ROOM, RESIDENT, "老版本的库也能读：派出所几点下班？"))
    nolen = StubControl(libraries["nolen"])
    async with SdkArchiveReader(libraries["nolen"], "ww5ab44d0000corp", "s", key_dir) as old:
        batch = await old.fetch(0, 10)
    assert [r.text for r in batch.records] == ["老版本的库也能读：派出所几点下班？"]
    assert nolen.live_slices() == 0 and nolen.live_sdks() == 0


async def test_a_wrong_library_or_key_path_is_a_clear_setup_error(
        libraries: dict[str, Path], key_dir: Path, tmp_path: Path,
        key_pairs: dict[int, rsa.RSAPrivateKey]) -> None:
    with pytest.raises(ArchiveSetupError, match="cannot load the archive library"):
        SdkArchiveReader(tmp_path / "missing.so", "corp", "s", key_dir)
    libc = ctypes.util.find_library("c")
    assert libc is not None
    with pytest.raises(ArchiveSetupError, match="not WeCom's archive library: no NewSdk"):
        SdkArchiveReader(libc, "corp", "s", key_dir)

    unnamed = tmp_path / "unnamed"
    unnamed.mkdir()
    (unnamed / "private_key.pem").write_bytes(pem(key_pairs[1]))
    bad = tmp_path / "bad"
    bad.mkdir()
    cases = {
        tmp_path / "nowhere": "no such key file or folder",
        unnamed: "name each key file after its public-key version",
        unnamed / "private_key.pem": "name each key file after its public-key version",
    }
    (bad / "3.pem").write_bytes(pem(ec.generate_private_key(ec.SECP256R1())))
    cases[bad / "3.pem"] = "not an RSA key"
    (bad / "4.pem").write_bytes(pem(key_pairs[1], password=b"hunter2"))
    cases[bad / "4.pem"] = "passphrase"
    (bad / "5.pem").write_text("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n")
    cases[bad / "5.pem"] = "not a PEM private key"
    for path, complaint in cases.items():
        with pytest.raises(ArchiveSetupError, match=complaint):
            SdkArchiveReader(libraries["sdk"], "corp", "s", path)
    assert KeyRing.load(key_dir).versions == (1, 2)
