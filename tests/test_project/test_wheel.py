"""The wheel ships what the server reads at run time besides code: the console's templates and
static files, the classifier's and knowledge base's data, and the migrations (env.py, the
revision template, every revision); and building it prints no setuptools warning."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
OURS = ("bot", "handlers", "storage")
# setuptools warns with a *Warning class name (shown with -v); pip's own notes about this
# machine's package indexes are "WARNING:" and not the build's business.
_SETUPTOOLS_WARNING = re.compile(r"\w*Warning\b")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> tuple[set[str], str]:
    """The names in a wheel built offline from a copy of the project, and the build's output."""
    base = tmp_path_factory.mktemp("wheel")
    source, out = base / "src", base / "out"
    junk = shutil.ignore_patterns("__pycache__", "*.pyc")
    for top in OURS:
        shutil.copytree(ROOT / top, source / top, ignore=junk)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-build-isolation",
         "--no-index", "--wheel-dir", str(out), str(source)],
        capture_output=True, text=True, timeout=300, check=False)
    output = built.stdout + built.stderr
    assert built.returncode == 0, output
    [path] = out.glob("jingmin-*.whl")
    with zipfile.ZipFile(path) as archive:
        return set(archive.namelist()), output


def _files(folder: str, pattern: str = "*") -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).glob(pattern)
            if p.is_file() and "__pycache__" not in p.parts}


def test_the_console_templates_and_static_files_are_in_the_wheel(wheel):
    names, _ = wheel
    expected = _files("bot/console/templates") | _files("bot/console/static")
    assert {"bot/console/templates/base.html", "bot/console/static/console.css"} <= expected
    assert expected - names == set()


def test_the_classifier_and_knowledge_base_data_are_in_the_wheel(wheel):
    names, _ = wheel
    expected = _files("handlers/data")
    assert {"handlers/data/faq.toml", "handlers/data/intents_corpus.tsv"} <= expected
    assert expected - names == set()


def test_the_migrations_are_in_the_wheel(wheel):
    names, _ = wheel
    revisions = _files("storage/migrations/versions", "*.py")
    assert len(revisions) > 1
    expected = {"storage/migrations/env.py", "storage/migrations/script.py.mako", *revisions}
    assert expected - names == set()


def test_the_wheel_holds_our_three_packages_and_nothing_else(wheel):
    names, _ = wheel
    code = set().union(*(_files(top, "**/*.py") for top in OURS))
    assert code - names == set()
    tops = {name.split("/")[0] for name in names}
    assert {top for top in tops if not top.endswith(".dist-info")} == set(OURS)


def test_building_prints_no_setuptools_warning(wheel):
    _, output = wheel
    assert not _SETUPTOOLS_WARNING.search(output), output
