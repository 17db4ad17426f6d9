"""No spelling of a resident's phone or ID number (tests/support/spellings.py) reaches the API, the
console's HTML, a log line or an export unmasked; the branch's public numbers stay; an
officer's reveal shows the words as written, logged."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
import re

import openpyxl
import pytest
from sqlalchemy import select

from bot import logs
from bot.api.routes import PREFIX
from bot.cli import main
from handlers.core.settings import TicketSettings
from handlers.officers import accounts as officers
from storage.base import utcnow
from storage.intake.models import InboundMessage
from storage.tickets import verdicts
from storage.tickets.models import Ticket, TicketEvent
from tests.helpers import running
from tests.officer_clients import post, signed_in
from tests.support.spellings import SPELLINGS
from tests.workbench import access_rows, staff, ticket

DUTY_PHONE = "0635-8888110"        # config.example.toml's [tickets] duty_phone
# All the spellings, each in a sentence of its own, as one resident message.
WORDS = "；".join(f"号码{written}" for written, _, _ in SPELLINGS)


# Digits as a resident may type them: full-width, or as words read aloud.
_DIGITS = {**{0xFF10 + d: str(d) for d in range(10)},
           **{ord(c): str(d) for d, c in enumerate("零一二三四五六七八九")}, ord("〇"): "0",
           ord("幺"): "1"}


def leaked(output: str) -> list[str]:
    """The spellings whose digits can be read in `output` (separators, width and words
    ignored)."""
    folded = output.translate(_DIGITS).upper()
    joined = re.sub(r"(?<=\d)[ .\-－()（）+＋]+(?=[\dX])", "", folded)
    return [written for written, _, digits in SPELLINGS if digits in joined]


@pytest.fixture
async def setup(config, sessions):
    """A ticket whose every free-text field holds every spelling, and tokens."""
    await staff(sessions)
    t = await ticket(sessions, config, text=WORDS, phone="13900001111")
    hotline = await ticket(sessions, config, text=WORDS, phone="13900001111", openid=None,
                           channel="hotline")
    async with sessions() as session, session.begin():
        row = await session.get(Ticket, t.id)
        row.area = WORDS[:120]
        message = InboundMessage(channel="wechat", dedupe_key="m-words", openid=t.openid,
                                 msg_type="text", content=WORDS, received_at=t.created_at,
                                 state="handled", recognition=WORDS)
        message.ticket_id = t.id
        session.add(message)
        verdict = await verdicts.asked(session, row, utcnow())
        verdict.satisfaction, verdict.comment, verdict.answered_at = 2, WORDS, utcnow()
        tokens = {name: await officers.issue_token(session, name, utcnow())
                  for name in ("a1", "sup")}
    return t, hotline, tokens


async def test_api_console_and_exports_show_no_spelling_unmasked(config, sessions, setup):
    t, hotline, tokens = setup
    auth = {"Authorization": f"Bearer {tokens['a1']}"}
    async with running(config) as client:
        for number in (t.number, hotline.number):
            await client.post(f"{PREFIX}/tickets/{number}/notes", json={"text": WORDS},
                              headers=auth)
            await client.post(f"{PREFIX}/tickets/{number}/replies", json={"text": WORDS},
                              headers=auth)
        outputs = {}
        for path in (f"/tickets/{t.number}", f"/tickets/{hotline.number}", "/tickets",
                     f"/tickets?q={WORDS[:20]}"):
            response = await client.get(f"{PREFIX}{path}", headers=auth)
            assert response.status == 200
            outputs[f"api {path}"] = await response.text()
        detail = json.loads(outputs[f"api /tickets/{t.number}"])
        assert "139****1111" in detail["summary"] and "371502********1234" in detail["summary"]
        assert {"note", "reply_out"} <= {e["type"] for e in detail["timeline"]}

        for fmt in ("csv", "xlsx"):
            response = await client.get(f"{PREFIX}/exports/unresolved",
                                        params={"week": "2026-W48", "format": fmt},
                                        headers=auth)
            assert response.status == 200
            body = await response.read()
            if fmt == "csv":
                outputs["csv"] = body.decode("utf-8-sig")
                assert any(WORDS[:2] in row[8] for row in csv.reader(io.StringIO(outputs["csv"])))
            else:
                book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
                outputs["xlsx"] = "\n".join(str(cell) for sheet in book.worksheets
                                            for row in sheet.iter_rows(values_only=True)
                                            for cell in row if cell is not None)
                book.close()

        await signed_in(client, "a1")
        for path in (f"/tickets/{t.number}", f"/tickets/{hotline.number}", "/queue/unit", "/"):
            response = await client.get(f"/console{path}")
            assert response.status == 200
            outputs[f"console {path}"] = await response.text()
    assert "139****1111" in outputs[f"console /tickets/{t.number}"]
    assert {name: leaked(text) for name, text in outputs.items()} == \
        {name: [] for name in outputs}


async def test_public_numbers_of_the_branch_are_shown_as_written(config, sessions):
    await staff(sessions)
    t = await ticket(sessions, config, text=f"打了值班电话{DUTY_PHONE}没人接，我的是13900002222")
    async with sessions() as session, session.begin():
        token = await officers.issue_token(session, "a1", utcnow())
    async with running(config) as client:
        response = await client.get(f"{PREFIX}/tickets/{t.number}",
                                    headers={"Authorization": f"Bearer {token}"})
        summary = (await response.json())["summary"]
    assert summary == f"打了值班电话{DUTY_PHONE}没人接，我的是139****2222"


async def test_an_officer_reveals_the_words_logged_and_on_the_timeline(config, sessions,
                                                                       setup):
    t, _, tokens = setup
    async with running(config) as client:
        response = await client.post(f"{PREFIX}/tickets/{t.number}/reveal",
                                     headers={"Authorization": f"Bearer {tokens['a1']}"})
        assert response.status == 200
        revealed = (await response.json())["ticket"]
        assert revealed["summary"] == WORDS
        assert revealed["timeline"][-1]["type"] == "text_revealed"
        again = await client.get(f"{PREFIX}/tickets/{t.number}",
                                 headers={"Authorization": f"Bearer {tokens['a1']}"})
        assert leaked(await again.text()) == []          # masking stays the default
        # Another unit's ticket: 404 as for viewing it.
        b = await ticket(sessions, config, unit="新区派出所")
        response = await client.post(f"{PREFIX}/tickets/{b.number}/reveal",
                                     headers={"Authorization": f"Bearer {tokens['a1']}"})
        assert response.status == 404

        csrf = await signed_in(client, "a1")
        page = await post(client, f"/tickets/{t.number}/reveal-text", csrf)
        html = await page.text()
        assert page.status == 200 and "+8613900006666" in html and "记录在案" in html
        assert leaked(await (await client.get(f"/console/tickets/{t.number}")).text()) == []
    assert [r.action for r in await access_rows(sessions, "a1")
            if r.target == t.number and r.action == "reveal_text"] == ["reveal_text"] * 2
    async with sessions() as session:
        events = list(await session.scalars(select(TicketEvent).where(
            TicketEvent.ticket_id == t.id, TicketEvent.type == "text_revealed")))
    assert [e.actor for e in events] == ["a1", "a1"]


async def test_log_lines_never_carry_a_number(capsys, config):
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        logs.setup(mask=TicketSettings.from_config(config).masking)
        log = logging.getLogger("jingmin.test")
        log.warning("resident wrote %s; duty %s", WORDS, DUTY_PHONE)
        log.warning("where: %s", HOME)
        try:
            raise ValueError(WORDS)
        except ValueError:
            log.exception("handling %s failed", "x")
    finally:
        root.handlers[:], root.level = handlers, level
    err = capsys.readouterr().err
    assert "139****1111" in err and DUTY_PHONE in err and "ValueError" in err
    assert "where: 柳园小区*号楼*单元*室" in err and HOME not in err
    assert leaked(err) == []


async def test_a_search_by_phone_is_masked_in_the_access_log(config, sessions, setup):
    _, _, tokens = setup
    async with running(config) as client:
        for written, _, _ in SPELLINGS[:6]:
            await client.get(f"{PREFIX}/tickets", params={"q": written},
                             headers={"Authorization": f"Bearer {tokens['a1']}"})
        response = await client.get(f"{PREFIX}/officers/a1/access-log",
                                    headers={"Authorization": f"Bearer {tokens['sup']}"})
        assert response.status == 200
        body = await response.text()
        await signed_in(client, "sup")
        page = await (await client.get("/console/access-log", params={"officer": "a1"})).text()
    assert "139****6666" in body and leaked(body) == [] and leaked(page) == []


# What residents really write: an address down to the door beside numbers spelled in words.
HOME = "柳园小区8号楼3单元502室"
LETTER = (f"我家住{HOME}，楼上天天半夜装修，物业不管。我的电话一三九零零零零二三四五，"
          "身份证三七一五零二一九九零零一零一五六七八，有事请联系。")


def _cells(body: bytes, fmt: str) -> list[str]:
    if fmt == "csv":
        return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig")))
                for cell in row]
    book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    try:
        return [str(cell) for row in book.worksheets[0].iter_rows(values_only=True)
                for cell in row if cell is not None]
    finally:
        book.close()


async def test_every_export_stars_doors_and_numbers_in_words(config, sessions, tmp_path):
    await staff(sessions)
    t = await ticket(sessions, config, text=LETTER, phone="13900002345")
    async with sessions() as session, session.begin():
        row = await session.get(Ticket, t.id)
        row.place = HOME
        token = await officers.issue_token(session, "a1", utcnow())
    files: dict[str, bytes] = {}
    async with running(config) as client:
        for fmt in ("csv", "xlsx"):
            response = await client.get(f"{PREFIX}/exports/unresolved",
                                        params={"week": "2026-W48", "format": fmt},
                                        headers={"Authorization": f"Bearer {token}"})
            assert response.status == 200
            files[f"api {fmt}"] = await response.read()
        await signed_in(client, "a1")
        response = await client.get("/console/export", params={"week": "2026-W48"})
        assert response.status == 200
        files["console xlsx"] = await response.read()
        # The console still shows the door: an officer has to find it.
        assert HOME in await (await client.get(f"/console/tickets/{t.number}")).text()
    cli_config = tmp_path / "cli.toml"
    cli_config.write_text(f'[database]\nurl = "{config.database.url}"\n'
                          f'[[units]]\nname = "{t.unit}"\n', encoding="utf-8")
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"cli.{fmt}"
        assert await asyncio.to_thread(main, [
            "export", "unresolved", "--week", "2026-W48", "--format", fmt, "--out", str(out),
            "--config", str(cli_config)]) == 0
        files[f"cli {fmt}"] = out.read_bytes()
    for name, body in files.items():
        cells = _cells(body, name.split()[-1])
        summary = next(cell for cell in cells if cell.startswith("我家住"))
        assert summary.startswith("我家住柳园小区*号楼*单元*室，楼上"), name
        assert "139****2345" in summary and "371502********5678" in summary, name
        assert "柳园小区*号楼*单元*室" in cells, name          # 地点
        assert leaked("\n".join(cells)) == [], name
        assert not any("502室" in cell or "8号楼" in cell for cell in cells), name
