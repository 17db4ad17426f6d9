"""`jingmin export unresolved` and `jingmin report kpi` as officers run them."""

from __future__ import annotations

import asyncio
import csv
import json
from pathlib import Path

import openpyxl
import pytest

from bot.cli import main
from storage.db import create_engine, session_factory
from tests.support.export_data import week_ten


def _config(tmp_path: Path, db_url: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "{db_url}"\n[export]\ndir = "{tmp_path / "exports"}"\n'
        '[[units]]\nname = "古楼派出所"\n[[units]]\nname = "柳园派出所"\n', encoding="utf-8")
    return path


@pytest.fixture
def data(db_url: str) -> dict[str, str]:
    async def fill() -> dict[str, str]:
        engine = create_engine(db_url)
        try:
            return await week_ten(session_factory(engine))
        finally:
            await engine.dispose()

    return asyncio.run(fill())


def test_default_path_is_printed(tmp_path, db_url, data, capsys) -> None:
    config = _config(tmp_path, db_url)
    assert main(["export", "unresolved", "--week", "2026-W10", "--config", str(config)]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed == str(tmp_path / "exports" / "未办结工单-2026-W10.xlsx")
    sheet = openpyxl.load_workbook(printed)["未办结工单"]
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == {
        data["sunday_late"], data["resolved_after"], data["personal"], data["anonymous"]}


def test_csv_to_a_chosen_path(tmp_path, db_url, data, capsys) -> None:
    config, out = _config(tmp_path, db_url), tmp_path / "x" / "w10.csv"
    assert main(["export", "unresolved", "--week", "2026-W10", "--format", "csv",
                 "--out", str(out), "--config", str(config)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 5


@pytest.mark.parametrize("week", ["2026-W60", "2026-13", "2026-W00", "W10"])
def test_bad_week_is_exit_2_with_one_line(tmp_path, week, capsys) -> None:
    config = tmp_path / "absent.toml"
    with pytest.raises(SystemExit) as exit_:
        main(["export", "unresolved", "--week", week, "--config", str(config)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--week" in err


def test_unknown_unit_is_exit_2(tmp_path, db_url, capsys) -> None:
    config = _config(tmp_path, db_url)
    assert main(["export", "unresolved", "--unit", "无此单位", "--config", str(config)]) == 2
    assert "--unit" in capsys.readouterr().err


def test_report_kpi_table_and_json(tmp_path, db_url, data, capsys) -> None:
    config = _config(tmp_path, db_url)
    assert main(["report", "kpi", "--week", "2026-W10", "--config", str(config)]) == 0
    table = capsys.readouterr().out
    assert "2026-W10（2026-03-02 至 2026-03-08）" in table and "全分局" in table
    assert main(["report", "kpi", "--week", "2026-W10", "--format", "json",
                 "--config", str(config)]) == 0
    data_out = json.loads(capsys.readouterr().out)
    assert data_out["week"]["branch"]["opened"] == 5
    # Moments in Beijing time, as the table reads them: the week starts on Monday 00:00.
    assert (data_out["week"]["start"], data_out["week"]["as_of"]) == \
        ("2026-03-02T00:00:00+08:00", "2026-03-09T00:00:00+08:00")
    assert list(data_out["week"]["units"])[:2] == ["古楼派出所", "柳园派出所"]


def test_dev_seed_then_export(tmp_path, capsys) -> None:
    db_url = f"sqlite+aiosqlite:///{tmp_path / 'seed.db'}"
    config = _config(tmp_path, db_url)
    assert main(["dev", "seed", "--tickets", "300", "--config", str(config)]) == 0
    assert "seeded 300 tickets" in capsys.readouterr().out
    assert main(["export", "unresolved", "--config", str(config)]) == 0
    assert Path(capsys.readouterr().out.strip()).exists()
