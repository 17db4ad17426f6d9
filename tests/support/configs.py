"""Config files for tests: the example, a file of one's own, and `jingmin` run on it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.config import Config, load_config

EXAMPLE = Path(__file__).parents[2] / "config.example.toml"
JINGMIN = Path(sys.executable).parent / "jingmin"
# An AES key of one's own (not the shipped development key).
OWN_AES_KEY = "ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkj"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load_text(tmp_path: Path, text: str, environ: dict[str, str] | None = None) -> Config:
    return load_config(write(tmp_path, text), environ=environ or {})


def run_jingmin(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(JINGMIN), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)})

