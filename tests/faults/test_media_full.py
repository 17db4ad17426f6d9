"""The media folder full: residents send a complaint and then a photo too large to keep in the
database (over 2 MB), while the shared data folder (a small tmpfs) has no space left; the
space comes back later. Nothing may be lost, answered 5xx, or kept half-written."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from tests.faults.campaign import judge, settle
from tests.faults.cluster import Cluster, Instance
from tests.faults.invariants import Check, Report
from tests.faults.residents import Push, Residents, complaints, statuses

RESIDENTS = 20
PHOTO_BYTES = 3 * 1024 * 1024   # over the 2 MB kept in the database: written to data_dir/media
TMPFS_MIB = 72                  # room for every photo once the filler is gone
FREED_AFTER_S = 1.5             # the space comes back this long after the photos were sent
WAIT_STORED_S = 25.0


@contextlib.contextmanager
def small_tmpfs(folder: Path) -> Iterator[Path]:
    """A small tmpfs at `folder` (root only): a disk that fills up for real (ENOSPC)."""
    folder.mkdir(parents=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_MIB}m,mode=0700", "tmpfs",
                           str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs here ({done.stderr.strip()}): the media-full "
                    f"scenario needs root (CI runs as root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> Path:
    """Fill the file system of `folder` to the last byte."""
    filler = folder / "filler"
    with filler.open("wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    with contextlib.suppress(OSError), filler.open("ab") as out:
        while True:
            out.write(b"\0")
            out.flush()
    return filler


async def test_media_folder_full(database, fake, tmp_path: Path) -> None:
    db_url, dsn = database
    texts = complaints(RESIDENTS, "M")
    photos = [Push(p.openid, "", "", media_id=f"media-{p.openid}") for p in texts]
    photo = b"\xff\xd8\xff\xe0" + os.urandom(PHOTO_BYTES - 4)
    for push in photos:
        fake.media[push.media_id] = ("image/jpeg", photo)
    report = Report("media full", f"2 instances sharing a {TMPFS_MIB} MiB tmpfs data folder "
                                  f"filled to the last byte; {RESIDENTS} residents send a "
                                  f"complaint then a 3 MiB photo; space freed {FREED_AFTER_S} s "
                                  f"later")
    with small_tmpfs(tmp_path / "shared-data") as data:
        async with Cluster([Instance(n, tmp_path, db_url, fake, data_dir=data)
                            for n in ("a", "b")]) as cluster, Residents(fake) as residents:
            filler = fill(data)
            urls = cluster.urls

            async def resident(i: int) -> None:
                await residents.send(texts[i], [urls[i % 2], urls[(i + 1) % 2]])
                await residents.send(photos[i], [urls[(i + 1) % 2], urls[i % 2]])

            await asyncio.gather(*(resident(i) for i in range(RESIDENTS)))
            full_state = await _media(dsn)
            await asyncio.sleep(FREED_AFTER_S)
            filler.unlink()
            report.notes.append(f"while full: media rows {_states(full_state)}")
            report.notes.append(f"deliveries answered: "
                                f"{dict(statuses(texts + photos).most_common())}")
            waited = await settle(dsn, texts + photos, residents)
            stored = await _wait_media(dsn, len(photos))
            report.notes.append(f"observed {waited:.1f} s; media rows at the end "
                                f"{_states(stored)}")
            extra = [_media_kept(stored, photos, PHOTO_BYTES), _no_partial_files(data, stored)]
            await judge(report, dsn, texts + photos, residents, cluster.instances, extra)


async def _media(dsn: str) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(dsn)
    try:
        return list(await conn.fetch(
            "SELECT m.media_id, m.state, m.size, m.path, m.error, j.state AS job, "
            "j.attempts, j.last_error FROM media_files m LEFT JOIN outbox_jobs j "
            "ON j.kind = 'media_fetch' AND j.payload LIKE '%' || m.media_id || '%'"))
    finally:
        await conn.close()


async def _wait_media(dsn: str, count: int) -> list[asyncpg.Record]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_STORED_S
    while True:
        rows = await _media(dsn)
        if (len(rows) >= count and all(r["state"] != "pending" for r in rows)) \
                or loop.time() > deadline:
            return rows
        await asyncio.sleep(0.5)


def _states(rows: list[asyncpg.Record]) -> str:
    counts: dict[str, int] = {}
    for r in rows:
        key = f"{r['state']}/job {r['job']}"
        counts[key] = counts.get(key, 0) + 1
    errors = sorted({(r["last_error"] or r["error"] or "")[:70] for r in rows} - {""})
    return f"{counts}" + (f", errors {errors[:2]}" if errors else "")


def _media_kept(rows: list[asyncpg.Record], photos: list[Push], size: int) -> Check:
    """Every photo ends up kept once space is back, or visibly failing; none lost silently."""
    by_id = {r["media_id"]: r for r in rows}
    bad = []
    for push in photos:
        row = by_id.get(push.media_id)
        if row is None:
            bad.append(f"{push.openid}: no media row for {push.media_id}")
        elif row["state"] == "stored" and row["size"] != size:
            bad.append(f"{push.openid}: stored with size {row['size']}, sent {size}")
        elif row["state"] != "stored" and not (row["last_error"] or row["error"]):
            bad.append(f"{push.openid}: media {row['state']} without any error recorded")
        elif row["state"] != "stored":
            bad.append(f"{push.openid}: media {row['state']} {WAIT_STORED_S:.0f} s after the "
                       f"space came back (job {row['job']}, {row['attempts']} attempts: "
                       f"{(row['last_error'] or row['error'] or '')[:80]})")
    kept = sum(1 for r in rows if r["state"] == "stored")
    return Check("every photo kept once space is back", not bad,
                 f"{kept}/{len(photos)} stored", bad)


def _no_partial_files(folder: Path, rows: list[asyncpg.Record]) -> Check:
    """No half-written file is left behind, using up the space (each file is one stored
    row's, whole)."""
    expected = {r["path"]: r["size"] for r in rows if r["state"] == "stored" and r["path"]}
    media = folder / "media"
    files = list(media.iterdir()) if media.exists() else []
    bad = [f"{f.name}: {f.stat().st_size} bytes, " + (
        f"the row says {expected[str(f)]}" if str(f) in expected else "no stored row names it")
        for f in files if expected.get(str(f)) != f.stat().st_size]
    return Check("no half-written media file left", not bad,
                 f"{len(files)} files in the media folder", bad)
