"""`jingmin calendar list|set|delete`: the working-calendar overrides officers keep.

chinese-calendar has no official data past 2026; the branch enters the State Council's
holidays and make-up working days here (they win over every other source, in every
instance, from the next calendar refresh).
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import date

from sqlalchemy.exc import SQLAlchemyError

from bot.config import Config
from handlers import texts
from storage.db import create_engine, session_factory
from storage.tickets import calendar as calendar_store

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
KINDS = texts.CALENDAR_LABELS


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_commands(commands, command, parser_class) -> None:
    """Register `calendar` on the `jingmin` parser."""
    calendar = commands.add_parser("calendar", help="holidays and make-up working days")
    sub = calendar.add_subparsers(dest="calendar_command", required=True,
                                  parser_class=parser_class)
    listing = command("list", "show the overrides", sub)
    listing.add_argument("--year", type=int, default=None)
    setting = command("set", "declare a date a holiday or a working day", sub)
    setting.add_argument("day", type=_day)
    setting.add_argument("kind", choices=sorted(KINDS))
    setting.add_argument("--note", default="")
    deleting = command("delete", "remove the override of a date", sub)
    deleting.add_argument("day", type=_day)


def run(args: argparse.Namespace, config: Config) -> int:
    """Run one `jingmin calendar …` command; exit code."""
    try:
        return asyncio.run(_run(args, config))
    except SQLAlchemyError as exc:
        print(f"jingmin: database not ready ({type(exc).__name__}); run `jingmin db upgrade`")
        return EXIT_FAILURE


async def _run(args: argparse.Namespace, config: Config) -> int:
    engine = create_engine(config.database.url, pool_size=1)
    try:
        async with session_factory(engine)() as session, session.begin():
            if args.calendar_command == "list":
                for row in await calendar_store.list_overrides(session, args.year):
                    print(f"{row.day.isoformat()}  {KINDS[row.kind]}  {row.note}")
            elif args.calendar_command == "set":
                await calendar_store.set_override(session, args.day, args.kind, args.note)
                print(texts.text("calendar_set", day=args.day.isoformat(),
                                 kind=KINDS[args.kind]))
            elif not await calendar_store.delete_override(session, args.day):
                print(texts.text("calendar_not_set", day=args.day.isoformat()))
                return EXIT_FAILURE
            else:
                print(texts.text("calendar_reset", day=args.day.isoformat()))
    finally:
        await engine.dispose()
    return EXIT_OK
