"""Showing the configuration safely: secrets and officers' phones hidden, loopback told apart."""

from __future__ import annotations

import dataclasses
import ipaddress
import re
from typing import Any

from bot.config.sections import Config

SECRET_KEYS = frozenset(
    {"app_secret", "token", "encoding_aes_key", "secret", "robot_webhook", "session_secret"}
)


def is_loopback(host: str) -> bool:
    """True when `host` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def redacted(config: Config) -> dict[str, Any]:
    """The configuration as a dict with every secret replaced, safe to log."""
    def walk(value: Any, key: str = "") -> Any:
        if dataclasses.is_dataclass(value):
            return {f.name: walk(getattr(value, f.name), f.name) for f in dataclasses.fields(value)}
        if key == "mobiles":    # officers' own phones: masked like residents'
            return [f"{m[:3]}****{m[-4:]}" for m in value]
        if isinstance(value, tuple):
            return [walk(v) for v in value]
        if key in SECRET_KEYS and value:
            return "***"
        return value

    data = walk(config)
    data["database"]["url"] = redact_url(config.database.url)
    return data


def redact_url(url: str) -> str:
    """Hide the password in a database URL, wherever it is given."""
    # Up to the last "@": an unencoded "@" in a password must not leak its tail.
    url = re.sub(r"^([\w+.-]+://[^:/@?#]*):.*@", r"\1:***@", url)
    return re.sub(r"([?&]password=)[^&#]*", r"\1***", url, flags=re.IGNORECASE)
