"""`jingmin calendar`: officers declare holidays and make-up working days."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

JINGMIN = str(Path(sys.executable).with_name("jingmin"))


@pytest.fixture
def cli(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path}/j.db"\n',
                      encoding="utf-8")
    subprocess.run([JINGMIN, "db", "upgrade", "--config", str(config)], check=True,
                   capture_output=True)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([JINGMIN, "calendar", *args, "--config", str(config)],
                              capture_output=True, text=True, timeout=60)
    return run


def test_set_list_delete(cli):
    assert cli("set", "2027-02-06", "workday", "--note", "春节调休").returncode == 0
    assert cli("set", "2027-02-08", "holiday").returncode == 0
    listing = cli("list", "--year", "2027")
    assert "2027-02-06  工作日  春节调休" in listing.stdout
    assert "2027-02-08  休息日" in listing.stdout
    assert cli("delete", "2027-02-08").returncode == 0
    assert "2027-02-08" not in cli("list").stdout
    assert cli("delete", "2027-02-08").returncode == 1


def test_bad_dates_and_kinds_are_usage_errors(cli):
    assert cli("set", "2027-13-01", "holiday").returncode == 2
    assert cli("set", "2027-02-06", "vacation").returncode == 2
