"""The FAQ walk-through (issue 14): each question of a TSV sent by a fresh resident to the
real router on a fresh SQLite database, its outcome read back and judged right, passed to an
officer, or wrong.

    python -m tests.walkthrough tests/test_handlers/test_intents/walkthrough_faq.tsv
"""

from __future__ import annotations

import asyncio
import dataclasses
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bot.assembly import build_services
from bot.config import DEV_AES_KEY, DEV_TOKEN, load_config
from handlers import texts
from storage.db import create_engine, session_factory
from storage.migrate import upgrade
from tests.conversations import Clock, Db, make_chat

ROOT = Path(__file__).parents[1]


def read(path: Path | str) -> list[tuple[str, frozenset[str]]]:
    """Rows of message and the outcomes that are right for it."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            message, expected = line.split("\t")
            rows.append((message, frozenset(expected.split("|"))))
    return rows


async def outcome(chat, db: Db, services, openid: str, message: str) -> tuple[str, str]:
    """What the resident got: an entry id, officer, complaint, appointment, or a word for
    anything else; and the reply's first line."""
    reply = await chat.say(openid, message)
    tickets = await db.tickets(openid)
    dialog = await db.dialog(openid)
    answered = [e.id for e in services.faq.entries if e.answer and e.answer[:40] in reply]
    if answered:
        got = "+".join(answered)
    elif texts.text("quick_menu") in reply:
        got = "menu"
    elif tickets and tickets[-1].kind == "consult":
        got = "officer"
    elif (tickets and tickets[-1].kind == "complaint") or (
            dialog is not None and (dialog.dialog.startswith("complaint")
                                   or dialog.dialog == "nuisance_offer")):
        got = "complaint"
    elif (tickets and tickets[-1].kind == "appointment") or (
            dialog is not None and "appointment" in dialog.dialog):
        got = "appointment"
    elif dialog is not None:
        got = f"dialog:{dialog.dialog}"
    elif tickets:
        got = f"ticket:{tickets[-1].kind}"
    else:
        got = "reply"
    return got, reply.replace("\n", " ")[:90]


def judge(got: str, expected: frozenset[str]) -> str:
    """right, officer (passed on, not what was hoped but harmless) or wrong."""
    if got in expected or set(got.split("+")) & expected:
        return "right"
    return "passed" if got == "officer" else "wrong"


async def walk(path: str, describe=outcome, decide=judge, rows=read) -> Counter[str]:
    """Send every question; print each outcome (read by `describe`, judged by `decide`) and
    return the tally."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/walk.db"
        await upgrade(url)
        base = load_config(ROOT / "config.example.toml", environ={})
        config = dataclasses.replace(
            base, server=dataclasses.replace(base.server, data_dir=f"{tmp}/data"),
            database=dataclasses.replace(base.database, url=url),
            wechat=dataclasses.replace(base.wechat, token=DEV_TOKEN,
                                       encoding_aes_key=DEV_AES_KEY, api_base_url="local"))
        engine = create_engine(url)
        sessions = session_factory(engine)
        services = await build_services(config, sessions)
        chat, db = make_chat(sessions, services, Clock()), Db(sessions)
        tally: Counter[str] = Counter()
        for n, (message, expected) in enumerate(rows(path)):
            got, reply = await describe(chat, db, services, f"walk-{n}", message)
            verdict = decide(got, expected)
            tally[verdict] += 1
            print(f"{verdict:6} {got:22} {message}  → {reply}")
        await engine.dispose()
    return tally


def main(argv: list[str]) -> int:
    """Walk the file named on the command line and print the tally."""
    tally = asyncio.run(walk(argv[0]))
    print(" ".join(f"{k}={tally[k]}" for k in ("right", "passed", "wrong")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
