"""`jingmin officer add|token|disable`: officers' accounts from the terminal."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from bot.config import Config
from handlers import texts
from handlers.core.errors import Conflict, Invalid, NotFound
from handlers.officers import accounts as officers
from storage.base import utcnow
from storage.db import create_engine, session_factory

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
# How the command line names each field in a one-line error.
_ARGUMENT = {"username": "USERNAME", "name": "--name", "unit": "--unit", "role": "--role",
             "password": "password (first line of stdin)", "wecom_user": "--wecom-user"}


async def run(args: argparse.Namespace, config: Config, stdin: TextIO = sys.stdin,
              stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> int:
    """Run one officer command; never prints the password or a token's hash."""
    engine = create_engine(config.database.url)
    sessions = session_factory(engine)
    now = utcnow()
    try:
        async with sessions() as session, session.begin():
            if args.officer_command == "add":
                password = stdin.readline().rstrip("\r\n")
                actor = await officers.add_officer(
                    session, [u.name for u in config.units], username=args.username,
                    name=args.name, unit=args.unit, role=args.role, password=password,
                    now=now, wecom_user=args.wecom_user, phone=args.phone)
                line = texts.text("officer_added", username=actor.username, name=actor.name,
                                  unit=actor.unit, role=actor.role)
            elif args.officer_command == "token":
                line = await officers.issue_token(session, args.username, now)
            else:
                await officers.disable_officer(session, args.username, now)
                line = texts.text("officer_disabled_done", username=args.username)
    except Invalid as exc:
        print(f"jingmin: {_ARGUMENT.get(exc.field, exc.field)}: {exc.message}", file=stderr)
        return EXIT_USAGE
    except (Conflict, NotFound) as exc:
        print(f"jingmin: USERNAME: {exc.message}", file=stderr)
        return EXIT_USAGE
    except IntegrityError:
        # Another command created the same username (or WeCom id) at the same moment.
        print(f"jingmin: USERNAME: {texts.text('officer_exists', username=args.username)}",
              file=stderr)
        return EXIT_USAGE
    except SQLAlchemyError as exc:
        print(f"jingmin: {texts.text('db_not_ready')} ({type(exc).__name__})", file=stderr)
        return EXIT_FAILURE
    finally:
        await engine.dispose()
    print(line, file=stdout)
    return EXIT_OK
