"""A ticket row written straight through the storage layer, for the storage tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from storage.tickets import store as tickets

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 27, 17, 30, tzinfo=UTC)     # 2026-11-28 01:30 in Shanghai


async def open_row(session, now=NOW, openid="o-resident", **kwargs):
    """A P3 noise complaint of 古楼派出所, with `kwargs` for any column it should differ in."""
    values = dict(prefix="DCF", tz=SH, kind="complaint", priority="P3", channel="wechat",
                  unit="古楼派出所", flagged=False, openid=openid, contact_phone="13800000000",
                  anonymous=False, summary="楼下噪音扰民", area="古楼街道", lat=None, lng=None,
                  reasons=["noise"], first_response_due=now + timedelta(hours=9),
                  resolve_due=now + timedelta(days=7), now=now)
    values.update(kwargs)
    return await tickets.create_ticket(session, **values)
