"""The `sdk` archive reader: WeCom's library in one worker thread, the RSA step in Python."""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from types import MappingProxyType
from typing import Any

from bot.channels.group.archive import ArchiveBatch, ArchiveRecord, SkippedRecord, SkipReason
from bot.channels.group.errors import ArchiveClosedError, ArchiveSdkError
from bot.channels.group.keys import BadRandomKey, KeyRing, UnknownKeyVersion
from bot.channels.group.native import FinanceLibrary

log = logging.getLogger(__name__)

MAX_LIMIT = 1000  # the library refuses more (10000)


class SdkArchiveReader:
    """Reads WeCom's archive through its native library; one handle, calls one at a time."""

    def __init__(
        self,
        library: str | os.PathLike[str],
        corp_id: str,
        secret: str,
        private_keys: KeyRing | str | os.PathLike[str],
        *,
        timeout_s: int = 10,
        proxy: str = "",
        proxy_password: str = "",
    ) -> None:
        self._keys = private_keys if isinstance(private_keys, KeyRing) else KeyRing.load(
            private_keys)
        self._lib = FinanceLibrary(library)
        self._corp_id, self._secret = corp_id, secret
        self._timeout_s, self._proxy, self._proxy_password = timeout_s, proxy, proxy_password
        self._handle: int | None = None
        self._closed = False
        self._skipped: Counter[SkipReason] = Counter()
        # The library blocks (network, up to timeout_s) and one handle is not to be shared by
        # concurrent callers: a single worker thread keeps the loop free and serialises calls.
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wecom-archive")

    @property
    def skipped_counts(self) -> dict[SkipReason, int]:
        """Records passed over since start, by reason."""
        return dict(self._skipped)

    async def fetch(self, seq: int, limit: int = 100) -> ArchiveBatch:
        """The records after `seq`, at most `limit` (1–1000), decrypted, in sequence order."""
        if seq < 0:
            raise ValueError(f"seq must be 0 or more, not {seq}")
        if not 1 <= limit <= MAX_LIMIT:
            raise ValueError(f"limit must be 1..{MAX_LIMIT}, not {limit}")
        if self._closed:
            raise ArchiveClosedError("the archive reader is closed")
        loop = asyncio.get_running_loop()
        batch = await loop.run_in_executor(self._worker, self._fetch_blocking, seq, limit)
        self._skipped.update(s.reason for s in batch.skipped)
        return batch

    async def close(self) -> None:
        """Destroys the SDK handle once calls under way have ended; later fetches fail."""
        if self._closed:
            return
        self._closed = True
        loop = asyncio.get_running_loop()
        # Queued behind any call in progress, so the handle is never destroyed under it.
        await loop.run_in_executor(self._worker, self._destroy_blocking)
        self._worker.shutdown(wait=False)

    async def __aenter__(self) -> SdkArchiveReader:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # ---- in the worker thread ----

    def _destroy_blocking(self) -> None:
        if self._handle is not None:
            self._lib.destroy_sdk(self._handle)
            self._handle = None

    def _fetch_blocking(self, seq: int, limit: int) -> ArchiveBatch:
        if self._closed:  # closed while this call waited its turn
            raise ArchiveClosedError("the archive reader is closed")
        if self._handle is None:
            self._handle = self._lib.new_sdk(self._corp_id, self._secret)
        raw = self._lib.get_chat_data(self._handle, seq, limit, self._proxy,
                                      self._proxy_password, self._timeout_s)
        entries, page_size = _chat_data(raw)
        records: list[ArchiveRecord] = []
        skipped: list[SkippedRecord] = []
        last_seq = seq
        for entry in entries:
            outcome = self._open(entry)
            if isinstance(outcome, ArchiveRecord):
                records.append(outcome)
            else:
                skipped.append(outcome)
                _log_skip(outcome)
            last_seq = max(last_seq, outcome.seq)
        records.sort(key=lambda r: r.seq)
        skipped.sort(key=lambda s: s.seq)
        return ArchiveBatch(tuple(records), tuple(skipped), last_seq, page_size >= limit)

    def _open(self, entry: dict[str, Any]) -> ArchiveRecord | SkippedRecord:
        """One record decrypted, or why it cannot be."""
        seq, msgid, version = entry["seq"], str(entry.get("msgid") or ""), entry.get(
            "publickey_ver")
        sealed_key, sealed_msg = entry.get("encrypt_random_key"), entry.get("encrypt_chat_msg")
        if not isinstance(version, int) or isinstance(version, bool):
            return SkippedRecord(seq, msgid, SkipReason.UNKNOWN_KEY_VERSION)
        if not (isinstance(sealed_key, str) and isinstance(sealed_msg, str) and msgid):
            return SkippedRecord(seq, msgid, SkipReason.MALFORMED, version)
        try:
            random_key = self._keys.open_random_key(version, sealed_key)
            plain = self._lib.decrypt_data(random_key, sealed_msg)
        except UnknownKeyVersion:
            return SkippedRecord(seq, msgid, SkipReason.UNKNOWN_KEY_VERSION, version)
        except BadRandomKey:
            return SkippedRecord(seq, msgid, SkipReason.BAD_RANDOM_KEY, version)
        except ArchiveSdkError as exc:
            return SkippedRecord(seq, msgid, SkipReason.UNDECRYPTABLE, version, exc.code)
        try:
            message = json.loads(plain)
        except (UnicodeDecodeError, ValueError):
            message = None
        if not isinstance(message, dict):
            return SkippedRecord(seq, msgid, SkipReason.MALFORMED, version)
        return ArchiveRecord(seq, msgid, MappingProxyType(message))


def _chat_data(raw: bytes) -> tuple[list[dict[str, Any]], int]:
    """The page's record entries that have a seq, and how many it held; errcode raises."""
    try:
        page = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ArchiveSdkError("GetChatData", 10002, "the answer is not JSON") from exc
    if not isinstance(page, dict):
        raise ArchiveSdkError("GetChatData", 10002, "the answer is not a JSON object")
    errcode = page.get("errcode", 0)
    if errcode != 0:
        code = errcode if isinstance(errcode, int) else -1
        raise ArchiveSdkError("GetChatData", code, str(page.get("errmsg") or ""))
    entries = page.get("chatdata") or []
    if not isinstance(entries, list):
        raise ArchiveSdkError("GetChatData", 10002, "chatdata is not a list")
    good = [e for e in entries if isinstance(e, dict) and _is_seq(e.get("seq"))]
    if len(good) != len(entries):
        # Without a seq a record cannot be placed in the sequence, nor stepped over.
        log.error("archive page has %d records without a sequence number; ignored",
                  len(entries) - len(good))
    return good, len(entries)


def _is_seq(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _log_skip(skipped: SkippedRecord) -> None:
    """One line per skipped record: where and why, never its content, keys or members."""
    if skipped.reason is SkipReason.UNKNOWN_KEY_VERSION and skipped.key_version is not None:
        # Every later message is lost the same way until the key is installed (WeCom keeps the
        # archive five days), so this one is an error, not a warning.
        log.error("archive record seq=%d msgid=%s skipped: no private key for version %s "
                  "(install it as %s.pem)", skipped.seq, skipped.msgid, skipped.key_version,
                  skipped.key_version)
        return
    log.warning("archive record seq=%d msgid=%s skipped: %s (key version %s, code %s)",
                skipped.seq, skipped.msgid, skipped.reason.value, skipped.key_version,
                skipped.code)
