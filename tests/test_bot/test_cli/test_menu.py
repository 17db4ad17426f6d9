"""The menu of CONTRACT §4 and `jingmin menu push`, locally and against the fake Tencent."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from sqlalchemy import select

from handlers.conversation.menu import layout, menu_keys, wechat_menu
from storage.delivery.models import LocalDelivery


def test_menu_matches_the_contract():
    assert wechat_menu() == {"button": [
        {"name": "我要反映", "sub_button": [
            {"type": "click", "name": "投诉举报", "key": "COMPLAINT"},
            {"type": "click", "name": "意见建议", "key": "FEEDBACK"},
            {"type": "click", "name": "紧急求助", "key": "EMERGENCY_INFO"},
            {"type": "location_select", "name": "发送位置", "key": "SEND_LOCATION"}]},
        {"name": "预约办事", "sub_button": [
            {"type": "click", "name": "预约办理", "key": "APPOINTMENT"},
            {"type": "click", "name": "办事指南", "key": "GUIDE"}]},
        {"type": "click", "name": "我的工单", "key": "MY_TICKETS"},
    ]}
    assert menu_keys() == {"COMPLAINT", "FEEDBACK", "EMERGENCY_INFO", "SEND_LOCATION",
                           "APPOINTMENT", "GUIDE", "MY_TICKETS"}


def test_menu_within_wechat_limits():
    assert len(layout()) <= 3
    for button in wechat_menu()["button"]:
        assert len(button["name"].encode()) <= 16
        for sub in button.get("sub_button", []):
            assert len(sub["name"].encode()) <= 60
        assert len(button.get("sub_button", [])) <= 5


def _write_config(path: Path, db_url: str, wechat: dict[str, str]) -> Path:
    lines = ["[database]", f'url = "{db_url}"', "", "[wechat]"]
    lines += [f'{key} = "{value}"' for key, value in wechat.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def _jingmin(*args: str, cwd: Path) -> tuple[int, str, str]:
    # Async so the fake Tencent (on this loop) keeps answering while the command runs.
    env = {k: v for k, v in os.environ.items() if not k.startswith("JINGMIN_")}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args, cwd=cwd, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode, out.decode(), err.decode()


async def test_menu_push_in_local_mode_records_it(db_url, tmp_path, sessions):
    path = _write_config(tmp_path / "config.toml", db_url, {"api_base_url": "local"})
    code, out, err = await _jingmin("menu", "push", "--config", str(path), cwd=tmp_path)
    assert (code, err) == (0, "")
    assert "recorded" in out
    async with sessions() as session:
        (row,) = (await session.scalars(select(LocalDelivery))).all()
    assert row.endpoint == "menu_create"
    assert json.loads(row.body)["menu"] == wechat_menu()


async def test_menu_push_against_the_fake(db_url, tmp_path, fake_tencent):
    path = _write_config(tmp_path / "config.toml", db_url, {
        "api_base_url": fake_tencent.url, "app_id": fake_tencent.app_id,
        "app_secret": fake_tencent.app_secret})
    code, out, err = await _jingmin("menu", "push", "--config", str(path), cwd=tmp_path)
    assert (code, err) == (0, "")
    assert "menu pushed" in out
    (call,) = fake_tencent.calls_to("menu_create")
    assert call.body == wechat_menu()


async def test_menu_push_failure_is_one_line_and_exit_1(db_url, tmp_path, fake_tencent):
    fake_tencent.fail("menu_create", 48001)
    path = _write_config(tmp_path / "config.toml", db_url, {
        "api_base_url": fake_tencent.url, "app_id": fake_tencent.app_id,
        "app_secret": fake_tencent.app_secret})
    code, out, err = await _jingmin("menu", "push", "--config", str(path), cwd=tmp_path)
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "菜单推送失败" in err and "48001" in err
    assert fake_tencent.app_secret not in err + out


async def test_menu_push_without_secret_is_bad_config(db_url, tmp_path):
    path = _write_config(tmp_path / "config.toml", db_url,
                         {"api_base_url": "http://127.0.0.1:9", "app_id": "wx1"})
    code, _, err = await _jingmin("menu", "push", "--config", str(path), cwd=tmp_path)
    assert code == 2
    assert "wechat.app_secret" in err
