"""The police WeChat groups' figures: requests received in each group, first responses in
the group, open group tickets and members, per group and per unit; the export's 渠道."""

from __future__ import annotations

import csv
from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.channels.group import local
from handlers.reports.export import export_unresolved
from handlers.reports.groups import group_report, render
from handlers.reports.weeks import IsoWeek
from storage.base import utcnow
from storage.groups import messages as group_store
from tests.groups import AUNT, GROUP_NAME, ROOM, UNCLE, make_poller, member_id, with_groups
from tests.workbench import add_officer

TZ = ZoneInfo("Asia/Shanghai")


async def group_week(config, sessions):
    """Two requests in the group; the first answered with an @ after 9 minutes; 2 members."""
    await add_officer(sessions, "zhang", wecom_user="wx-zhang")
    aunt, uncle = member_id(AUNT), member_id(UNCLE)
    await local.consent(sessions, ROOM, aunt, AUNT)
    await local.consent(sessions, ROOM, uncle, UNCLE)
    asked = utcnow() - timedelta(minutes=30)
    await local.post(sessions, ROOM, aunt, "楼下有人乱停车堵住消防通道，麻烦处理一下", at=asked)
    await local.post(sessions, ROOM, uncle, "小区门口每天晚上烧烤噪音很大扰民",
                     at=asked + timedelta(minutes=1))
    await local.post(sessions, ROOM, "wx-zhang", f"@{AUNT} 已通知物业挪车",
                     at=asked + timedelta(minutes=9))
    await (await make_poller(with_groups(config), sessions)).run_once()
    async with sessions() as session, session.begin():
        await group_store.count_members(session, ROOM, "evt-1", joined=2)


async def test_figures_per_group_and_unit(config, sessions):
    await group_week(config, sessions)
    start = utcnow() - timedelta(days=1)
    async with sessions() as session:
        report = await group_report(session, start, utcnow(), known={
            ROOM: (GROUP_NAME, "古楼派出所"), "wrQuietRoom000001": ("安静小区群", "新区派出所")})
        other_unit = await group_report(session, start, utcnow(), unit="新区派出所")
    figures = report.groups[ROOM]
    assert (figures.requests, figures.open, figures.members) == (2, 2, 2)
    assert figures.responses == [540.0] and figures.median_s == 540.0
    assert report.groups["wrQuietRoom000001"].requests == 0   # configured, quiet: listed
    assert report.units["古楼派出所"].requests == 2
    assert other_unit.groups == {}
    table = render(report)
    assert GROUP_NAME in table and "9分" in table and "警务微信群" in table


async def test_weekly_export_names_the_channel(config, sessions, tmp_path):
    await group_week(config, sessions)
    week = IsoWeek.containing(utcnow(), TZ)
    result = await export_unresolved(sessions, week, "csv", tmp_path / "w.csv", tz=TZ)
    rows = list(csv.DictReader(result.path.read_text(encoding="utf-8-sig").splitlines()))
    assert {row["渠道"] for row in rows} == {"警务微信群"} and len(rows) == 2
