"""Chinese that residents and officers read lives in `handlers/texts`, keyed by id (STYLE
habit 6): the folders checked here hold none outside docstrings and comments."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).parents[2]
# Folders whose modules print or send Chinese only through `handlers.texts`.
CHECKED = ("bot",)
# Modules whose English prose for developers and operators quotes Chinese terms (签收, 督办,
# 问题解决了吗): each may, and only in English sentences; nobody of the public reads them.
ENGLISH_QUOTING = {
    "bot/api/openapi.py": "the OpenAPI description names the contract's terms",
    "bot/api/routes.py": "the operations' OpenAPI summaries name the workflow's steps",
    "bot/metrics.py": "a Prometheus metric's help quotes the question residents answer",
}
# CJK ideographs and punctuation, and the full-width forms (：，（）).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")


def chinese_literals(path: Path) -> Iterator[tuple[int, str]]:
    """(line, string) for each string literal of `path` holding Chinese, docstrings aside
    (comments are no literals)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings and CJK.search(node.value)):
            yield node.lineno, node.value


def found_in(root: Path, folders: tuple[str, ...],
             english_quoting: tuple[str, ...] = ()) -> list[str]:
    """Every Chinese literal under `folders` of `root`, as path:line: text, but English
    prose (more Latin letters than Chinese) in the modules of `english_quoting`."""
    return [f"{path.relative_to(root).as_posix()}:{line}: {text[:40]}"
            for folder in folders for path in sorted((root / folder).rglob("*.py"))
            for line, text in chinese_literals(path)
            if not (path.relative_to(root).as_posix() in english_quoting
                    and len(LATIN.findall(text)) > len(CJK.findall(text)))]


def test_the_checked_folders_keep_their_chinese_in_handlers_texts():
    assert found_in(ROOT, CHECKED, tuple(ENGLISH_QUOTING)) == [], (
        "move these into handlers/texts (keyed by id)")


def test_the_modules_allowed_english_quoting_chinese_still_exist():
    assert all((ROOT / module).is_file() for module in ENGLISH_QUOTING)


def test_english_quoting_allows_english_prose_only(tmp_path):
    module = tmp_path / "bot" / "api" / "spec.py"
    module.parent.mkdir(parents=True)
    module.write_text('A = "the unit signs it (签收)"\nB = "签收成功"\n', encoding="utf-8")
    assert found_in(tmp_path, CHECKED, ("bot/api/spec.py",)) == ["bot/api/spec.py:2: 签收成功"]
    assert len(found_in(tmp_path, CHECKED)) == 2


def test_the_check_sees_chinese_in_code_but_not_in_docstrings_or_comments(tmp_path):
    module = tmp_path / "bot" / "cli" / "sample.py"
    module.parent.mkdir(parents=True)
    module.write_text('"""模块说明。"""\n\n\ndef f():\n    """函数说明。"""\n'
                      '    # 注释\n    return f"[已确认] {1}"\n', encoding="utf-8")
    assert found_in(tmp_path, CHECKED) == ["bot/cli/sample.py:7: [已确认] "]
