"""Packaging guard: our three generic top-level names belong to this project alone."""

from __future__ import annotations

import shutil
import sys
from importlib import metadata
from pathlib import Path

import bot
import handlers
import storage

OURS = ("bot", "handlers", "storage")
ROOT = Path(__file__).parents[2]


def test_no_other_distribution_ships_our_top_level_packages():
    owners = metadata.packages_distributions()
    for name in OURS:
        others = {dist for dist in owners.get(name, []) if dist.lower() != "jingmin"}
        assert not others, f"{sorted(others)} also install a top-level package {name!r}"


def test_our_packages_are_imported_from_this_project():
    for package in (bot, handlers, storage):
        assert Path(package.__file__).resolve().parent.parent == ROOT


def test_the_jingmin_console_script_is_installed():
    [script] = [ep for ep in metadata.distribution("jingmin").entry_points
                if ep.group == "console_scripts" and ep.name == "jingmin"]
    assert script.value == "bot.cli:main"
    installed = Path(sys.executable).parent / "jingmin"
    assert installed.exists() or shutil.which("jingmin")
