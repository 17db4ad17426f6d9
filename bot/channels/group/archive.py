"""The WeCom message archive (会话内容存档): what a reader of it returns and promises."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from bot.channels.group.errors import (
    ArchiveClosedError,
    ArchiveError,
    ArchiveSdkError,
    ArchiveSetupError,
)

__all__ = [
    "ArchiveBatch",
    "ArchiveClosedError",
    "ArchiveError",
    "ArchiveReader",
    "ArchiveRecord",
    "ArchiveSdkError",
    "ArchiveSetupError",
    "ConsentSource",
    "ConsentStatus",
    "MemberConsent",
    "SkipReason",
    "SkippedRecord",
]


@dataclass(frozen=True, slots=True)
class ArchiveRecord:
    """One archived message, decrypted, in WeCom's own JSON (`message`)."""

    seq: int
    msgid: str
    message: Mapping[str, Any]

    @property
    def action(self) -> str:
        """`send`, `recall` or `switch` (a member switching corporations)."""
        return str(self.message.get("action") or "")

    @property
    def msgtype(self) -> str:
        """`text`, `image`, `revoke`, `agree`, `disagree`, …; empty for `switch` records."""
        return str(self.message.get("msgtype") or "")

    @property
    def room_id(self) -> str:
        """The group's room id; empty for a one-to-one chat."""
        return str(self.message.get("roomid") or "")

    @property
    def sender(self) -> str:
        """The sender's id: a WeCom userid for officers, an external user id for residents."""
        return str(self.message.get("from") or "")

    @property
    def tolist(self) -> tuple[str, ...]:
        """The recipients' ids."""
        recipients = self.message.get("tolist")
        return tuple(str(r) for r in recipients) if isinstance(recipients, list) else ()

    @property
    def sent_at(self) -> datetime | None:
        """When it was sent (WeCom gives milliseconds since the epoch)."""
        msgtime = self.message.get("msgtime")
        if isinstance(msgtime, bool) or not isinstance(msgtime, int | float):
            return None
        try:
            return datetime.fromtimestamp(msgtime / 1000, UTC)
        except (OverflowError, OSError, ValueError):
            return None

    @property
    def text(self) -> str | None:
        """The words of a text message (`text.content`), else None."""
        body = self.message.get("text")
        content = body.get("content") if isinstance(body, Mapping) else None
        return content if isinstance(content, str) else None

    @property
    def recalled(self) -> str:
        """The msgid a `revoke` record takes back (`revoke.pre_msgid`), else empty."""
        body = self.message.get("revoke")
        pre = body.get("pre_msgid") if isinstance(body, Mapping) else None
        return pre if isinstance(pre, str) else ""


class SkipReason(enum.StrEnum):
    """Why a record was passed over (it is counted and the sequence goes on)."""

    UNKNOWN_KEY_VERSION = "unknown_key_version"  # no private key for its publickey_ver
    BAD_RANDOM_KEY = "bad_random_key"  # the RSA step failed: not our key, or damaged
    UNDECRYPTABLE = "undecryptable"  # the library's DecryptData refused it
    MALFORMED = "malformed"  # the record or its decrypted message is not what WeCom documents


@dataclass(frozen=True, slots=True)
class SkippedRecord:
    """A record that could not be read: where it was, and why."""

    seq: int
    msgid: str
    reason: SkipReason
    key_version: int | None = None
    code: int | None = None  # the library's return code for UNDECRYPTABLE


@dataclass(frozen=True, slots=True)
class ArchiveBatch:
    """What one fetch read: records in sequence order, the skipped ones, where to go on."""

    records: tuple[ArchiveRecord, ...]
    skipped: tuple[SkippedRecord, ...]
    last_seq: int  # pass this to the next fetch; skipped records count, so none is re-read
    more: bool  # the archive returned a full page: fetch again at once


class ArchiveReader(Protocol):
    """Reads the archive by sequence; `local` (a table) and `sdk` (WeCom's library) do this."""

    async def fetch(self, seq: int, limit: int) -> ArchiveBatch:
        """The records after `seq`, at most `limit` (1–1000) of them."""
        ...

    async def close(self) -> None:
        """Releases what the reader holds; fetch raises ArchiveClosedError afterwards."""
        ...


class ConsentStatus(enum.StrEnum):
    """A group member's answer to archiving, as `msgaudit/check_room_agree` words it."""

    AGREE = "Agree"
    DISAGREE = "Disagree"
    DEFAULT_AGREE = "Default_Agree"


@dataclass(frozen=True, slots=True)
class MemberConsent:
    """One external member's consent in one group."""

    member_id: str  # the external user id (WeCom's field is spelt `exteranalopenid`)
    status: ConsentStatus
    changed_at: datetime | None = None

    @property
    def agreed(self) -> bool:
        """Whether their messages may be stored."""
        return self.status in (ConsentStatus.AGREE, ConsentStatus.DEFAULT_AGREE)


class ConsentSource(Protocol):
    """Who in a group agreed to archiving (`sdk`: the HTTP API; `local`: the local table)."""

    async def room_consent(self, room_id: str) -> Mapping[str, MemberConsent]:
        """Consent by external member id; a member not listed has not agreed."""
        ...
