"""`jingmin serve` with the intent router replaced by one fixed help text: the foundation alone.

Everything else is the real server (verification, decryption, the group-committed intake,
resident ordering, reply storage, the event loop `serve` runs on), so bench.webhook
--foundation shows how much of a push's cost is the foundation and how much the understanding
of the message.

    python -m bench.foundation_server --config config.toml
"""

from __future__ import annotations

import argparse

from bot import logs
from bot.config import load_config
from bot.server import prepare, run_serving
from handlers import texts
from handlers.core.types import Inbound, Reply

HELP = texts.with_110(texts.text("help"))


async def help_only(_message: Inbound) -> Reply:
    """What the foundation answered before the intent handlers existed."""
    return Reply(HELP)


def main() -> None:
    """Serve until SIGTERM or SIGINT."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    config = load_config(parser.parse_args().config)
    prepare(config)
    logs.setup()
    run_serving(config, dispatch=help_only)    # on uvloop when installed, as `serve`


if __name__ == "__main__":
    main()
