"""`jingmin export unresolved`, `jingmin report kpi` and `jingmin dev seed`."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.exc import SQLAlchemyError

from bot.config import Config
from handlers import texts
from handlers.reports.weeks import BadWeek, IsoWeek

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
Command = Callable[..., argparse.ArgumentParser]


def week_argument(text: str) -> IsoWeek:
    """argparse type for --week: exit 2 with one line naming it when it is no ISO week."""
    try:
        return IsoWeek.parse(text)
    except BadWeek as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def add_commands(commands: argparse._SubParsersAction, command: Command,
                 parser_class: type[argparse.ArgumentParser]) -> None:
    """Register export, report and dev on the `jingmin` parser."""
    export = commands.add_parser("export", help="exports for supervisors")
    export_commands = export.add_subparsers(dest="export_command", required=True,
                                            parser_class=parser_class)
    unresolved = command("unresolved", "write the weekly export of unresolved tickets",
                         export_commands)
    unresolved.add_argument("--week", type=week_argument,
                            help="ISO week YYYY-Www (default: the last full week)")
    unresolved.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    unresolved.add_argument("--out", type=Path, help="file to write (default: export.dir)")
    unresolved.add_argument("--unit", help="only this unit's tickets")
    report = commands.add_parser("report", help="figures for supervisors")
    report_commands = report.add_subparsers(dest="report_command", required=True,
                                            parser_class=parser_class)
    kpi = command("kpi", "the week's figures by unit and for the branch", report_commands)
    kpi.add_argument("--week", type=week_argument,
                     help="ISO week YYYY-Www (default: the last full week)")
    kpi.add_argument("--format", choices=("table", "json"), default="table")
    kpi.add_argument("--unit", help="only this unit")
    dev = commands.add_parser("dev", help="development helpers")
    dev_commands = dev.add_subparsers(dest="dev_command", required=True,
                                      parser_class=parser_class)
    seed = command("seed", "insert made-up tickets with realistic timelines", dev_commands)
    seed.add_argument("--tickets", type=int, required=True, help="how many tickets")
    seed.add_argument("--weeks", type=int, default=12, help="spread over this many weeks")
    seed.add_argument("--open-share", type=float, default=0.3,
                      help="share of tickets left unresolved (0 to 1)")
    seed.add_argument("--seed", type=int, default=1, help="random seed")


def handles(command: str) -> bool:
    """True for the commands this module runs."""
    return command in ("export", "report", "dev")


def run(args: argparse.Namespace, config: Config) -> int:
    """Run export, report or dev; database failures are exit 1 with one line."""
    getattr(sys.stdout, "reconfigure", lambda **_: None)(encoding="utf-8")
    try:
        return asyncio.run(_run(args, config))
    except (SQLAlchemyError, OSError) as exc:
        print(f"jingmin: {args.command} failed: {type(exc).__name__}: {exc}".splitlines()[0],
              file=sys.stderr)
        return EXIT_FAILURE


async def _run(args: argparse.Namespace, config: Config) -> int:
    from storage.base import utcnow
    from storage.db import create_engine, session_factory

    tz = ZoneInfo(config.tickets.timezone)
    units = [u.name for u in config.units]
    if getattr(args, "unit", None) and args.unit not in units:
        print(f"jingmin: argument --unit: {args.unit!r} is not a configured unit",
              file=sys.stderr)
        return EXIT_USAGE
    if args.command == "dev" and (args.tickets < 0 or not 0 <= args.open_share <= 1):
        print("jingmin: argument --tickets/--open-share: out of range", file=sys.stderr)
        return EXIT_USAGE
    week = getattr(args, "week", None) or IsoWeek.last_full(utcnow(), tz)
    engine = create_engine(config.database.url)
    sessions = session_factory(engine)
    try:
        if args.command == "export":
            from bot.api.exports import write_export

            result = await write_export(config, sessions, week, args.format, unit=args.unit,
                                        out=args.out)
            print(result.path)
        elif args.command == "report":
            from handlers.reports.groups import render as render_groups
            from handlers.reports.kpi import kpi_report, render_json, render_table

            async with sessions() as session:
                weeks = await kpi_report(session, week, tz, args.unit, units=units)
                groups = await group_figures(session, config, weeks[0], args.unit)
            if args.format == "json":
                out = json.dumps({**json.loads(render_json(weeks)),
                                  "groups": groups.as_json()}, ensure_ascii=False) + "\n"
            else:
                rendered = render_groups(groups)
                out = render_table(weeks, tz) + (f"\n{rendered}" if rendered else "")
            sys.stdout.write(out)
        else:
            from handlers.tools.seed import seed
            from storage.migrate import upgrade

            await upgrade(config.database.url)
            started = time.monotonic()
            made = await seed(sessions, args.tickets, now=utcnow(), tz=tz,
                              prefix=config.tickets.prefix,
                              units=units or [texts.text("seed_default_unit")],
                              weeks=args.weeks, open_share=args.open_share, seed=args.seed)
            print(f"seeded {made} tickets in {time.monotonic() - started:.1f} s")
    finally:
        await engine.dispose()
    return EXIT_OK


async def group_figures(session, config: Config, figures, unit: str | None):
    """The police WeChat groups' figures for the week (configured groups listed even when
    quiet)."""
    from handlers.reports.groups import group_report

    known = {chat.room_id: (chat.name or chat.room_id, chat.unit) for chat in config.groups.chats}
    return await group_report(session, figures.start, figures.as_of, unit=unit, known=known)
