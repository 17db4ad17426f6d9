"""`jingmin report kpi` with police WeChat groups: their figures in the table and the JSON."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.channels.group import local
from bot.cli import main
from handlers.reports.weeks import IsoWeek
from storage.base import utcnow
from storage.db import create_engine, session_factory
from tests.groups import AUNT, GROUP_NAME, ROOM, member_id


def _config(tmp_path: Path, db_url: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "{db_url}"\n[[units]]\nname = "古楼派出所"\nareas = ["柳园"]\n'
        f'[[units]]\nname = "新区派出所"\n[groups]\narchive = "local"\n'
        f'[[groups.chats]]\nroom_id = "{ROOM}"\nowner = "wx-owner"\nname = "{GROUP_NAME}"\n'
        f'unit = "古楼派出所"\narea = "柳园"\n'
        f'[[groups.chats]]\nroom_id = "wrQuietRoom000001"\nname = "新区安静群"\n'
        f'unit = "新区派出所"\n', encoding="utf-8")
    return path


def test_report_kpi_shows_the_groups(tmp_path, db_url, capsys) -> None:
    config = _config(tmp_path, db_url)

    async def fill() -> None:
        from bot.config import load_config
        from tests.groups import make_poller

        engine = create_engine(db_url)
        sessions = session_factory(engine)
        try:
            aunt = member_id(AUNT)
            await local.consent(sessions, ROOM, aunt, AUNT)
            await local.post(sessions, ROOM, aunt, "楼下有人乱停车堵住消防通道，麻烦处理一下",
                             at=utcnow() - timedelta(minutes=5))
            await (await make_poller(load_config(config, environ={}), sessions)).run_once()
        finally:
            await engine.dispose()

    asyncio.run(fill())
    week = str(IsoWeek.containing(utcnow(), ZoneInfo("Asia/Shanghai")))
    assert main(["report", "kpi", "--week", week, "--config", str(config)]) == 0
    table = capsys.readouterr().out
    assert "警务微信群" in table and GROUP_NAME in table and "新区安静群" in table
    assert main(["report", "kpi", "--week", week, "--format", "json",
                 "--config", str(config)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["groups"]["groups"][ROOM]["requests"] == 1
    assert data["groups"]["units"]["古楼派出所"]["open"] == 1
    assert data["week"]["branch"]["opened"] == 1
    assert main(["report", "kpi", "--week", week, "--unit", "新区派出所", "--format", "json",
                 "--config", str(config)]) == 0
    assert list(json.loads(capsys.readouterr().out)["groups"]["groups"]) == ["wrQuietRoom000001"]
