"""`jingmin menu push`: create the official account's menu (CONTRACT §4)."""

from __future__ import annotations

import sys

import aiohttp
from sqlalchemy.exc import SQLAlchemyError

from bot.config import Config, ConfigError
from bot.delivery.api_errors import ApiError
from bot.delivery.wechat_api import make_wechat_api
from handlers.conversation.menu import wechat_menu
from handlers.texts import text
from storage.db import create_engine, session_factory

EXIT_OK, EXIT_FAILURE = 0, 1


async def push_menu(config: Config) -> int:
    """Push (or, in local mode, record) the menu; the exit status of the command."""
    if not config.wechat.local:
        for key in ("app_id", "app_secret"):
            if not getattr(config.wechat, key):
                raise ConfigError(f"wechat.{key}", 'must be set to push the menu '
                                  '(or set api_base_url = "local")')
    engine = create_engine(config.database.url)
    try:
        async with aiohttp.ClientSession() as http:
            api = make_wechat_api(config, http, session_factory(engine))
            await api.create_menu(wechat_menu())
    except ApiError as exc:
        print(f"jingmin: {text('menu_push_failed', error=exc)}", file=sys.stderr)
        return EXIT_FAILURE
    except (SQLAlchemyError, OSError) as exc:
        print(f"jingmin: database error ({type(exc).__name__}); "
              "run `jingmin db upgrade` first", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        await engine.dispose()
    print(text("menu_recorded" if config.wechat.local else "menu_pushed"))
    return EXIT_OK
