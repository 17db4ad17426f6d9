"""Push nonces: each URL signature (timestamp + nonce) is good for one message only."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.intake.models import PushNonce

NONCE_MAX = 64


@dataclass(frozen=True)
class SignedWith:
    """The timestamp and nonce a push was signed with, and the message it carried."""

    channel: str
    stamp: int
    nonce: str

    @property
    def key(self) -> tuple[int, str, str]:
        """The row's primary key; a nonce too long for its column is hashed (a genuine
        signer's nonce is a short token, a long one must still be told apart)."""
        nonce = self.nonce
        if len(nonce) > NONCE_MAX:
            nonce = "#" + hashlib.sha256(nonce.encode()).hexdigest()[: NONCE_MAX - 1]
        return self.stamp, nonce, self.channel


class NonceBook:
    """Records push signatures in the caller's transaction, and tells which were already
    used for another message."""

    def __init__(self, dialect: str) -> None:
        table = PushNonce.__table__
        module = postgresql if dialect == "postgresql" else sqlite
        statement = module.insert(table).on_conflict_do_nothing()
        # One constant statement, run as executemany for a whole batch. SQLite reports how
        # many rows went in, so a batch without reuse (nearly all) costs no more; the
        # PostgreSQL driver reports no count for a batch, so it returns the rows it took.
        self._returning = dialect == "postgresql"
        if self._returning:
            statement = statement.returning(table.c.stamp, table.c.nonce, table.c.channel)
        self._insert = statement

    @property
    def statement(self) -> Any:
        """The INSERT recording signatures (rows of stamp, nonce, channel, dedupe_key)."""
        return self._insert

    @staticmethod
    def row(signed: SignedWith, dedupe_key: str) -> dict[str, Any]:
        """The row recording `signed` for the message `dedupe_key`."""
        stamp, nonce, channel = signed.key
        return {"stamp": stamp, "nonce": nonce, "channel": channel, "dedupe_key": dedupe_key}

    async def reused(self, session: AsyncSession, uses: list[tuple[SignedWith, str]]
                     ) -> list[bool]:
        """Record each (signature, dedupe key); True for a signature already used for
        another message (WeChat's retry of the same message is fine).

        Concurrent instances queue on the primary key: the second insert waits for the first
        to commit, finds the row and compares its message.
        """
        first: dict[tuple[int, str, str], str] = {}
        rows = []
        for signed, dedupe_key in uses:
            key = signed.key
            if key not in first:
                first[key] = dedupe_key
                rows.append(self.row(signed, dedupe_key))
        result = await session.execute(self._insert, rows)
        if self._returning:
            inserted = {tuple(row) for row in result.all()}
            taken = [key for key in first if key not in inserted]
        else:
            taken = [] if result.rowcount == len(rows) else list(first)
        earlier: dict[tuple[int, str, str], str] = {}
        if taken:
            table = PushNonce.__table__
            found = await session.execute(
                select(table.c.stamp, table.c.nonce, table.c.channel, table.c.dedupe_key)
                .where(tuple_(table.c.stamp, table.c.nonce, table.c.channel).in_(taken)))
            earlier = {(r.stamp, r.nonce, r.channel): r.dedupe_key for r in found}
        return [earlier.get(signed.key, first[signed.key]) != dedupe_key
                for signed, dedupe_key in uses]


async def purge(session: AsyncSession, before_stamp: int) -> int:
    """Forget signatures whose timestamp is older than `before_stamp` (the time check
    refuses those pushes anyway); returns how many."""
    result = await session.execute(delete(PushNonce).where(PushNonce.stamp < before_stamp))
    return result.rowcount or 0
