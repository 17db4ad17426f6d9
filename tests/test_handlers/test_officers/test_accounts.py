"""Officers' accounts and credentials: tokens, lockout, console sessions, the access log."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from handlers.core.errors import Conflict, Forbidden, Invalid, NotFound
from handlers.officers import accounts as officers
from storage.officers.models import ApiToken, Officer
from tests.workbench import NOW, PASSWORD, UNIT_A, UNIT_B, add_officer, staff

TZ = ZoneInfo("Asia/Shanghai")

UNITS = [UNIT_A, UNIT_B]


async def _add(session, username="zhang", unit=UNIT_A, role="officer", password="s3cret-pass",
               **extra):
    return await officers.add_officer(session, UNITS, username=username, name="张三", unit=unit,
                                      role=role, password=password, now=NOW, **extra)


async def test_add_officer_hashes_with_argon2id(sessions):
    async with sessions() as session, session.begin():
        actor = await _add(session, wecom_user="zhangsan")
    assert actor.username == "zhang" and actor.unit == UNIT_A and not actor.supervises
    async with sessions() as session:
        row = await session.scalar(select(Officer))
    assert row.password_hash.startswith("$argon2id$") and "s3cret-pass" not in row.password_hash


@pytest.mark.parametrize(("changes", "field"), [
    ({"unit": "不存在派出所"}, "unit"), ({"role": "chief"}, "role"),
    ({"password": "short"}, "password"), ({"username": "has space"}, "username"),
])
async def test_add_officer_names_the_bad_field(sessions, changes, field):
    async with sessions() as session, session.begin():
        with pytest.raises(Invalid) as caught:
            await _add(session, **changes)
    assert caught.value.field == field


async def test_duplicate_username_is_a_conflict(sessions):
    async with sessions() as session, session.begin():
        await _add(session)
    async with sessions() as session, session.begin():
        with pytest.raises(Conflict):
            await _add(session)


async def test_token_is_hashed_and_expires_after_90_days(sessions):
    await add_officer(sessions, "li")
    async with sessions() as session, session.begin():
        token = await officers.issue_token(session, "li", NOW)
    async with sessions() as session:
        stored = await session.scalar(select(ApiToken))
    assert stored.token_hash == officers.digest(token) and token not in stored.token_hash
    async with sessions() as session, session.begin():
        assert (await officers.check_token(session, token, NOW + timedelta(days=89))).username \
            == "li"
        assert await officers.check_token(session, token, NOW + timedelta(days=90)) is None
        assert await officers.check_token(session, "not-a-token", NOW) is None
        assert await officers.check_token(session, None, NOW) is None


async def test_disable_revokes_tokens_and_sessions_at_once(sessions):
    actor = await add_officer(sessions, "li")
    async with sessions() as session, session.begin():
        token = await officers.issue_token(session, "li", NOW)
        cookie = await officers.open_session(session, actor, NOW)
    async with sessions() as session, session.begin():
        await officers.disable_officer(session, "li", NOW)
    async with sessions() as session, session.begin():
        assert await officers.check_token(session, token, NOW) is None
        assert await officers.check_session(session, cookie, NOW) is None
        with pytest.raises(Conflict):
            await officers.issue_token(session, "li", NOW)
        with pytest.raises(NotFound):
            await officers.issue_token(session, "nobody", NOW)


async def test_five_failures_lock_for_15_minutes(sessions):
    await add_officer(sessions, "li")

    async def login(password, now):
        async with sessions() as session, session.begin():
            return await officers.login(session, "li", password, now)

    for attempt in range(4):
        assert (await login("wrong", NOW + timedelta(seconds=attempt))).error == "login_failed"
    assert (await login("wrong", NOW + timedelta(seconds=5))).error == "login_locked"
    # Locked: even the right password is refused until 15 minutes have passed.
    assert (await login(PASSWORD, NOW + timedelta(minutes=14))).error == "login_locked"
    result = await login(PASSWORD, NOW + timedelta(minutes=15, seconds=6))
    assert result.error is None and result.actor.username == "li"


async def test_success_resets_the_failure_count(sessions):
    await add_officer(sessions, "li")
    for _ in range(4):
        async with sessions() as session, session.begin():
            await officers.login(session, "li", "wrong", NOW)
    async with sessions() as session, session.begin():
        assert (await officers.login(session, "li", PASSWORD, NOW)).actor is not None
    for _ in range(4):
        async with sessions() as session, session.begin():
            assert (await officers.login(session, "li", "wrong", NOW)).error == "login_failed"


async def test_unknown_user_and_disabled_officer_cannot_log_in(sessions):
    await add_officer(sessions, "li", disabled=True)
    async with sessions() as session, session.begin():
        assert (await officers.login(session, "nobody", PASSWORD, NOW)).error == "login_failed"
        assert (await officers.login(session, "li", PASSWORD, NOW)).actor is None


async def test_console_session_expires_after_30_idle_minutes(sessions):
    actor = await add_officer(sessions, "li")
    async with sessions() as session, session.begin():
        cookie = await officers.open_session(session, actor, NOW)
    # Each check refreshes last_seen_at: active use keeps the session alive.
    for minutes in (20, 40, 60):
        async with sessions() as session, session.begin():
            seen = await officers.check_session(session, cookie, NOW + timedelta(minutes=minutes))
            assert seen is not None and seen.username == "li"
    async with sessions() as session, session.begin():
        assert await officers.check_session(session, cookie, NOW + timedelta(minutes=91)) is None


async def test_logout_revokes_the_session(sessions):
    actor = await add_officer(sessions, "li")
    async with sessions() as session, session.begin():
        cookie = await officers.open_session(session, actor, NOW)
    async with sessions() as session, session.begin():
        await officers.close_session(session, cookie, NOW)
    async with sessions() as session, session.begin():
        assert await officers.check_session(session, cookie, NOW) is None


async def test_access_log_is_for_supervisors_and_paged(sessions):
    people = await staff(sessions)
    async with sessions() as session, session.begin():
        for i in range(5):
            officers.log_access(session, people["a1"], "view", f"DCF-{i}", NOW, n=i)
    async with sessions() as session, session.begin():
        with pytest.raises(Forbidden):
            await officers.read_access_log(session, people["a2"], "a1", NOW, TZ)
        with pytest.raises(NotFound):
            await officers.read_access_log(session, people["sup"], "nobody", NOW, TZ)
        first = await officers.read_access_log(session, people["sup"], "a1", NOW, TZ, limit=3)
        second = await officers.read_access_log(session, people["adm"], "a1", NOW, TZ,
                                                cursor=first.next, limit=3)
    assert [i["target"] for i in first.items] == ["DCF-4", "DCF-3", "DCF-2"]
    assert [i["detail"]["n"] for i in second.items] == [1, 0] and second.next is None
    async with sessions() as session:
        reading = await officers.read_access_log(session, people["sup"], "sup", NOW, TZ)
    # Reading a log is itself logged (the reading under way is not yet written).
    assert [(i["action"], i["target"]) for i in reading.items] == [("access_log", "a1")]


async def test_access_log_reads_in_beijing_time(sessions):
    people = await staff(sessions)
    async with sessions() as session, session.begin():
        # As exports logged it before: as_of in UTC, beside a moment in words.
        officers.log_access(session, people["a1"], "export", "未办结工单-2026-W48.xlsx", NOW,
                            as_of="2026-11-30T16:00:00+00:00", week="2026-W48",
                            dates=["2026-11-25T02:00:00Z"], note="2026-11-25 10:00 见面")
    async with sessions() as session, session.begin():
        [row] = (await officers.read_access_log(session, people["sup"], "a1", NOW, TZ)).items
    assert row["at"].isoformat() == "2026-11-25T10:00:00+08:00"
    assert row["detail"] == {"as_of": "2026-12-01T00:00:00+08:00", "week": "2026-W48",
                             "dates": ["2026-11-25T10:00:00+08:00"],
                             "note": "2026-11-25 10:00 见面"}
