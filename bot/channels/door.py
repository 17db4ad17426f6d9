"""A door the public app serves: its channel spec (handlers' terms) and how it is mounted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from bot.config import Config
from handlers.core.channels import Channel


def _unsigned(config: Config) -> int:
    return 0


@dataclass(frozen=True)
class Door:
    """One door: the channel it declares and the one call that routes it on the public app
    (its endpoint is built in a cleanup context, once the app's services exist)."""

    channel: Channel
    mount: Callable[[web.Application], None]
    # How long a URL signature (timestamp and nonce) stays good on this door: used ones are
    # kept that long so that none is believed twice.
    signature_window_s: Callable[[Config], int] = _unsigned
