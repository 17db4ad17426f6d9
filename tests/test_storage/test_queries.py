"""Streamed export rows and figures' queries, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from storage.tickets import queries
from tests.support.export_data import GULOU, LIUYUAN, TZ, W10, add_ticket, local, week_ten


async def _rows(sessions, at, unit=None, batch=1000):
    async with sessions() as session:
        return [row async for rows in queries.stream_unresolved(session, at, unit, batch=batch)
                for row in rows]


async def test_unresolved_at_the_end_of_the_week(sessions) -> None:
    made = await week_ten(sessions)
    rows = await _rows(sessions, W10.end(TZ), batch=2)
    numbers = {row.number for row in rows}
    # Sunday 23:30 local is in W10; Monday 00:10 belongs to W11; resolved in the week is out;
    # resolved after the week is still in W10's export, with its status at the week's end.
    assert numbers == {made["sunday_late"], made["resolved_after"], made["personal"],
                       made["anonymous"]}
    by_number = {row.number: row for row in rows}
    later = by_number[made["resolved_after"]]
    assert later.status == "in_progress"
    assert later.assignee_name == "张三"
    assert later.last_type == "status" and '"in_progress"' in later.last_data
    assert by_number[made["sunday_late"]].status == "new"
    assert [r.created_at for r in rows] == sorted(r.created_at for r in rows)


async def test_as_of_a_moment_inside_the_week_and_one_unit(sessions) -> None:
    made = await week_ten(sessions)
    rows = await _rows(sessions, local(2026, 3, 4, 12))
    numbers = {row.number for row in rows}
    assert made["resolved_in_week"] in numbers        # not resolved yet on Wednesday
    assert made["sunday_late"] not in numbers          # not yet opened
    only = await _rows(sessions, W10.end(TZ), unit=LIUYUAN)
    assert [row.number for row in only] == [made["personal"]]


async def test_figures_queries(sessions) -> None:
    start, end = W10.start(TZ), W10.end(TZ)
    async with sessions() as session, session.begin():
        await add_ticket(session, local(2026, 3, 2, 9), assignee="li",
                         statuses=((local(2026, 3, 3, 9), "resolved"),),
                         replies=((local(2026, 3, 2, 10), "li", True),
                                  (local(2026, 3, 2, 11), "li", False)),
                         verdict={"solved": True, "satisfaction": 5,
                                  "answered_at": local(2026, 3, 4, 9)})
        await add_ticket(session, local(2026, 3, 2, 9), unit=LIUYUAN,
                         statuses=((local(2026, 3, 20, 9), "resolved"),),
                         replies=((local(2026, 3, 2, 9, 30), "system", True),))
    async with sessions() as session:
        assert await queries.opened_by_unit(session, start, end) == {GULOU: 1, LIUYUAN: 1}
        assert await queries.done_by_unit(session, start, end, end) == {GULOU: 1}
        assert await queries.resolutions(session, start, end) == [(GULOU, True)]
        # Only the officer's first reply counts; "system" texts are not responses.
        assert await queries.first_responses(session, start, end) == [(GULOU, 3600.0)]
        assert await queries.verdicts(session, start, end) == [(GULOU, True, 5)]
        assert await queries.verdicts(session, end, end + timedelta(days=7)) == []
