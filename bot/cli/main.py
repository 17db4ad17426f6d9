"""The `jingmin` command."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence

from bot import logs
from bot.cli import calendar as calendar_cli
from bot.cli import reports as reports_cli
from bot.config import Config, ConfigError, load_config
from handlers import texts

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2 (contract §1)
        self.exit(EXIT_USAGE, f"jingmin: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="jingmin", description=texts.text("cli_description"))
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, help_text: str, parent=commands) -> argparse.ArgumentParser:
        sub = parent.add_parser(name, help=help_text)
        sub.add_argument("--config", default="config.toml", help="path of config.toml")
        return sub

    command("serve", "run the HTTP server and background workers")
    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True, parser_class=_Parser)
    command("upgrade", "apply pending migrations", db_commands)
    chat = command("chat", "talk to /wechat as a resident would, from the terminal")
    chat.add_argument("--url", help="the server's /wechat URL (default: from the config)")
    chat.add_argument("--openid", default="", help="the resident's openid")
    chat.add_argument("--wait", type=float, default=None,
                      help="seconds to wait for late messages after the last line")
    chat.add_argument("--group", default="", help="a police WeChat group's room id (local mode)")
    chat.add_argument("--member", default="", help="with --group: a resident's group nickname")
    chat.add_argument("--officer", default="", help="with --group: an officer's username")
    chat.add_argument("--no-consent", action="store_true",
                      help="with --member: the resident has not agreed to archiving")
    command("classify", "print the intent of each stdin line as JSON")
    menu = commands.add_parser("menu", help="the official account's menu")
    menu_commands = menu.add_subparsers(dest="menu_command", required=True, parser_class=_Parser)
    command("push", "create the menu through the WeChat API", menu_commands)
    officer = commands.add_parser("officer", help="officers' accounts")
    officer_commands = officer.add_subparsers(dest="officer_command", required=True,
                                              parser_class=_Parser)
    add = command("add", "create an officer (password: first line of stdin)", officer_commands)
    add.add_argument("username")
    add.add_argument("--name", required=True)
    add.add_argument("--unit", required=True)
    add.add_argument("--role", required=True, choices=("officer", "supervisor", "admin"))
    add.add_argument("--wecom-user", default=None)
    add.add_argument("--phone", default=None)
    command("token", "print a new API token (valid 90 days)", officer_commands) \
        .add_argument("username")
    command("disable", "disable an officer, revoking tokens and sessions", officer_commands) \
        .add_argument("username")
    reports_cli.add_commands(commands, command, _Parser)
    calendar_cli.add_commands(commands, command, _Parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = _parser().parse_args(argv)
    # Whatever this process creates (database, media, exports, keys) holds residents' data
    # or secrets: readable by the service's own user only.
    previous = os.umask(0o077)
    try:
        config = load_config(args.config)
        return _run(args, config)
    except ConfigError as exc:
        print(f"jingmin: config error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_FAILURE
    finally:
        os.umask(previous)


def _run(args: argparse.Namespace, config: Config) -> int:
    if args.command == "serve":
        from bot.startup import StartupClock

        clock = StartupClock.begin()    # before the imports that are most of a start
        from bot.server import prepare, run_serving
        from handlers.core.settings import TicketSettings

        prepare(config)
        logs.setup(mask=TicketSettings.from_config(config).masking)
        run_serving(config, clock=clock)
        return EXIT_OK
    if args.command == "db":
        from storage.migrate import upgrade

        logs.setup()
        asyncio.run(upgrade(config.database.url))
        print("database is up to date")
        return EXIT_OK
    if args.command == "chat" and not args.group and (args.member or args.officer):
        print("jingmin: argument --member/--officer: only with --group", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "chat" and args.group:
        from bot.cli.chat_group import run_group_chat

        return asyncio.run(run_group_chat(config, args.group, args.member, args.officer,
                                          not args.no_consent, args.url, args.wait))
    if args.command == "chat":
        from bot.cli.chat import run_chat

        return asyncio.run(run_chat(config, args.url, args.openid, args.wait))
    if args.command == "menu":
        from bot.cli.menu import push_menu

        return asyncio.run(push_menu(config))
    if args.command == "officer":
        from bot.cli.officer import run as run_officer

        return asyncio.run(run_officer(args, config))
    if reports_cli.handles(args.command):
        return reports_cli.run(args, config)
    if args.command == "calendar":
        return calendar_cli.run(args, config)
    if args.command == "classify":
        from bot.cli.classify import classify_lines

        for stream in (sys.stdin, sys.stdout):     # residents' text is UTF-8 whatever the locale
            getattr(stream, "reconfigure", lambda **_: None)(encoding="utf-8")
        classify_lines(sys.stdin, sys.stdout, config.tickets.prefix)
        return EXIT_OK
    raise AssertionError(args.command)

