"""GET /api/v1/exports/unresolved: the file itself; an officer's holds only their unit."""

from __future__ import annotations

import asyncio
import io
from datetime import timedelta
from urllib.parse import unquote

import openpyxl

from bot import keys
from storage.base import utcnow
from storage.db import durable
from storage.tickets import queries
from tests.officer_clients import API, bearer, signed_in
from tests.workbench import UNIT_A, UNIT_B, access_rows, ticket


async def _numbers(response) -> list[str]:
    workbook = openpyxl.load_workbook(io.BytesIO(await response.read()), read_only=True)
    rows = list(workbook["未办结工单"].iter_rows(values_only=True))
    assert rows[0][0] == "工单号"
    return [row[0] for row in rows[1:]]


async def test_export_is_an_attachment_limited_to_the_officers_unit(api, sessions, config,
                                                                    tokens):
    now = utcnow() - timedelta(hours=1)
    mine = await ticket(sessions, config, unit=UNIT_A, now=now)
    theirs = await ticket(sessions, config, unit=UNIT_B, now=now)
    week = f"{now:%G}-W{now:%V}"
    response = await api.get(f"{API}/exports/unresolved", params={"week": week},
                             headers=bearer(tokens["a1"]))
    assert response.status == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert "未办结工单" in unquote(response.headers["Content-Disposition"])
    assert await _numbers(response) == [mine.number]
    response = await api.get(f"{API}/exports/unresolved", params={"week": week},
                             headers=bearer(tokens["sup"]))
    assert sorted(await _numbers(response)) == sorted([mine.number, theirs.number])
    # The name CONTRACT §1 gives the CLI's file: one name for both ways of exporting.
    assert unquote(response.headers["Content-Disposition"]) == (
        f"attachment; filename*=UTF-8''未办结工单-{week}.xlsx")


async def test_csv_and_refusals(api, tokens):
    response = await api.get(f"{API}/exports/unresolved", params={"format": "csv"},
                             headers=bearer(tokens["sup"]))
    assert response.status == 200
    assert (await response.read()).startswith("\ufeff".encode())
    assert (await api.get(f"{API}/exports/unresolved")).status == 401
    bad = await api.get(f"{API}/exports/unresolved", params={"week": "2026-W60"},
                        headers=bearer(tokens["a1"]))
    assert bad.status == 422 and (await bad.json())["field"] == "week"
    bad = await api.get(f"{API}/exports/unresolved", params={"format": "pdf"},
                        headers=bearer(tokens["a1"]))
    assert bad.status == 422 and (await bad.json())["field"] == "format"


async def test_a_supervisor_exports_one_unit_an_officer_only_their_own(api, sessions, config,
                                                                       tokens):
    """CONTRACT 3: `unit=` narrows the export; an officer asking for another unit is told
    no, an unknown unit is named."""
    now = utcnow() - timedelta(hours=1)
    mine = await ticket(sessions, config, unit=UNIT_A, now=now)
    theirs = await ticket(sessions, config, unit=UNIT_B, now=now)
    week = f"{now:%G}-W{now:%V}"
    response = await api.get(f"{API}/exports/unresolved", params={"week": week, "unit": UNIT_B},
                             headers=bearer(tokens["sup"]))
    assert response.status == 200
    assert await _numbers(response) == [theirs.number]
    assert unquote(response.headers["Content-Disposition"]).endswith(f"-{UNIT_B}.xlsx")
    own = await api.get(f"{API}/exports/unresolved", params={"week": week, "unit": UNIT_A},
                        headers=bearer(tokens["a1"]))
    assert own.status == 200 and await _numbers(own) == [mine.number]
    other = await api.get(f"{API}/exports/unresolved", params={"week": week, "unit": UNIT_B},
                          headers=bearer(tokens["a1"]))
    assert other.status == 403
    assert (await other.json())["message"] == f"民警只能导出本单位（{UNIT_A}）的工单。"
    unknown = await api.get(f"{API}/exports/unresolved", params={"unit": "不存在派出所"},
                            headers=bearer(tokens["sup"]))
    assert unknown.status == 422 and (await unknown.json())["field"] == "unit"


async def _busy_writer(sessions, stop: asyncio.Event) -> int:
    """Durable write transactions one after another with no pause between them, as a
    resident's message is handled in several sessions in a row."""
    count = 0
    while not stop.is_set():
        async with durable(sessions) as session:
            queries.record_access(session, "load", "view", f"row-{count}", {})
        count += 1
    return count


async def test_an_export_under_concurrent_writes_arrives_and_is_logged(api, sessions, config,
                                                                        tokens):
    """The console's export answered 503 once while a bench ran: on SQLite the request
    waited for the app's one connection and lost its turn to writers asking again until the
    pool's 30 s ran out. Served in order, it waits behind each writer once."""
    now = utcnow() - timedelta(hours=1)
    mine = await ticket(sessions, config, unit=UNIT_A, now=now)
    stop = asyncio.Event()
    writers = [asyncio.create_task(_busy_writer(api.app[keys.SESSIONS], stop))
               for _ in range(16)]
    try:
        await asyncio.sleep(0.05)
        response = await api.get(f"{API}/exports/unresolved",
                                 params={"week": f"{now:%G}-W{now:%V}"},
                                 headers=bearer(tokens["a1"]))
        assert response.status == 200, await response.text()
        assert await _numbers(response) == [mine.number]
    finally:
        stop.set()
        for writer in writers:
            assert await writer > 0
    [logged] = await access_rows(sessions, "a1")
    assert logged.action == "export" and '"rows": 1' in logged.detail


async def test_the_export_is_logged_in_beijing_time(api, tokens):
    # 2026-W47 ends on Monday 2026-11-23 00:00 in Beijing, 2026-11-22 16:00 UTC.
    response = await api.get(f"{API}/exports/unresolved", params={"week": "2026-W47"},
                             headers=bearer(tokens["a1"]))
    assert response.status == 200
    log = await api.get(f"{API}/officers/a1/access-log", headers=bearer(tokens["sup"]))
    [export] = [item for item in (await log.json())["items"] if item["action"] == "export"]
    assert export["detail"]["as_of"] == "2026-11-23T00:00:00+08:00"
    assert export["at"].endswith("+08:00")
    await signed_in(api, "sup")
    page = await (await api.get("/console/access-log", params={"officer": "a1"})).text()
    assert "截至 2026-11-23 00:00" in page and "+00:00" not in page
