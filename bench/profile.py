"""Where a server's CPU time goes: py-spy samples the thread holding the GIL during a run,
and the collapsed stacks are summed by function and by module (self time), and by our
innermost module on the stack (what of ours the time is spent under)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

RATE_HZ = 250
FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^:()]+)(?::\d+)?\)$")
OURS = ("bot", "handlers", "storage", "bench")
ROOTS = {"bot.cli", "bot.server"}   # every sample's outer frames: they say nothing


def py_spy() -> str | None:
    """py-spy from the venv (the dev extra installs it), else from PATH."""
    beside = Path(sys.executable).with_name("py-spy")
    return str(beside) if beside.exists() else shutil.which("py-spy")


def start(pid: int, out: Path, cpu: str | None) -> subprocess.Popen | None:
    """Sample process `pid` until stopped (SIGINT), writing collapsed stacks to `out`."""
    binary = py_spy()
    if binary is None:
        print("profile: py-spy is missing (pip install -e '.[dev]'); no profile",
              file=sys.stderr)
        return None
    command = [binary, "record", "--pid", str(pid), "--rate", str(RATE_HZ), "--format", "raw",
               "--output", str(out), "--nonblocking", "--gil"]
    if cpu is not None:
        command = ["taskset", "-c", cpu, *command]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _started[process.pid] = time.monotonic()
    return process


_started: dict[int, float] = {}
_seconds: dict[int, float] = {}


def spy_seconds(process: subprocess.Popen | None) -> float:
    """How long `process` sampled (0 when it never ran)."""
    return _seconds.get(process.pid, 0.0) if process is not None else 0.0


def stop(process: subprocess.Popen | None) -> None:
    """End sampling; py-spy writes its file on SIGINT."""
    if process is None:
        return
    _seconds[process.pid] = time.monotonic() - _started.get(process.pid, time.monotonic())
    process.send_signal(2)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def module_of(path: str) -> str:
    """`handlers/channels/intake.py` -> handlers.channels.intake; a library's file -> its name."""
    parts = path.replace("\\", "/").split("/")
    for i, part in enumerate(parts):
        if part in ("site-packages", "dist-packages"):
            return parts[i + 1].removesuffix(".py") if i + 1 < len(parts) else "?"
    for i, part in enumerate(parts):
        if part in OURS and i + 1 < len(parts):
            rest = [p.removesuffix(".py") for p in parts[i:]]
            return ".".join(rest[:3])   # package.subpackage.module since issue 13
    if len(parts) >= 2 and re.match(r"python3\.\d+", parts[-2] if len(parts) > 2 else ""):
        return parts[-1].removesuffix(".py")
    stdlib = [p for p in parts if re.match(r"python3\.\d+$", p)]
    if stdlib:
        after = parts[parts.index(stdlib[-1]) + 1:]
        return after[0].removesuffix(".py") if after else "?"
    return parts[0].removesuffix(".py")


def summarise(path: Path, seconds: float = 0.0, top: int = 15) -> dict:
    """Self time by function and by module, and time under each of our modules, as shares of
    all samples; with the `seconds` sampled, the share of the time the GIL was held."""
    functions: Counter[str] = Counter()
    modules: Counter[str] = Counter()
    ours: Counter[str] = Counter()
    total = 0
    if not path.exists():
        return {"samples": 0, "functions": [], "modules": [], "ours": [], "gil": 0.0}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        total += count
        frames = [FRAME.match(f) for f in stack.split(";")]
        frames = [f for f in frames if f is not None]
        if not frames:
            continue
        leaf = frames[-1]
        functions[f"{leaf['func']} ({module_of(leaf['file'])})"] += count
        named = [module_of(f["file"]) for f in frames]
        modules[named[-1]] += count
        # The innermost frame of our own code: which of our modules the time is spent under,
        # whatever library it calls.
        # (A root is a package: module_of names its modules in three parts, bot.cli.main.)
        inner = next((n for n in reversed(named) if n.split(".")[0] in OURS
                      and ".".join(n.split(".")[:2]) not in ROOTS),
                     "(no frame of ours: SQLAlchemy's greenlets, the loop)")
        ours[inner] += count
    share = (lambda n: n / total) if total else (lambda n: 0.0)
    return {"samples": total, "gil": total / (RATE_HZ * seconds) if seconds else 0.0,
            "functions": [(name, share(n)) for name, n in functions.most_common(top)],
            "modules": [(name, share(n)) for name, n in modules.most_common(top)],
            "ours": [(name, share(n)) for name, n in ours.most_common(top + 5)]}


def render(summary: dict, title: str) -> str:
    """The profile as text: top functions by self time, modules by inclusive time."""
    if not summary["samples"]:
        return f"{title}: no samples"
    lines = [f"{title}: {summary['samples']} samples at {RATE_HZ} Hz of the thread holding "
             f"the GIL (held {summary.get('gil', 0.0):.0%} of the time; the server's CPU "
             f"beyond that is C code without the GIL: the database driver, crypto, system calls)",
             "  self time, by function:"]
    lines += [f"    {share:6.1%}  {name}" for name, share in summary["functions"]]
    lines.append("  self time, by module or library:")
    lines += [f"    {share:6.1%}  {name}" for name, share in summary["modules"]]
    lines.append("  by our innermost module on the stack (its own time and the libraries it "
                 "calls):")
    lines += [f"    {share:6.1%}  {name}" for name, share in summary["ours"]]
    return "\n".join(lines)
