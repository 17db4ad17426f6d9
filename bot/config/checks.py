"""Checks across the configuration's values, each refusal naming its key."""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config.errors import ConfigError
from bot.config.sections import OUTBOX_SENDS_MAX, OVERFLOW_KEPT, Config
from handlers.core import checkpoints

TEMPLATE_FIELD_VALUES = frozenset({"number", "kind", "status", "text", "time"})
PRIORITIES = ("P1", "P2", "P3", "P4")
DURATION = re.compile(r"^\d+(m|h|d|wh|wd)$")
_CALENDAR_DURATION = re.compile(r"^\d+(m|h)$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_SCHEDULE = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):[0-5]\d$")


def validate(config: Config) -> None:
    """Refuse the first value that cannot work, by key."""
    server = config.server
    for key, port in (("server.port", server.port), ("server.admin_port", server.admin_port)):
        if not 0 <= port <= 65535:
            raise ConfigError(key, "must be a port number from 0 to 65535")
    if server.port == 0:
        raise ConfigError("server.port", "must not be 0")
    if server.max_concurrent_pushes < 0:
        raise ConfigError("server.max_concurrent_pushes", "must be 0 (no limit) or more")
    if not re.match(r"^https?://[^\s/]+", server.public_url):
        raise ConfigError("server.public_url", "must be an http(s) URL")
    for proxy in server.trusted_proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError as exc:
            raise ConfigError("server.trusted_proxies",
                              f"{proxy!r} is not an IP address or network") from exc
    url = config.database.url
    if not url.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
        raise ConfigError("database.url",
                          "must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
    if url.startswith("sqlite") and "?" in url:
        # Jingmin opens SQLite itself (storage.db): options in the URL's query would be
        # silently ignored, so they are refused rather than half-honoured.
        raise ConfigError("database.url",
                          "a SQLite URL takes no ?options: WAL, synchronous and the busy "
                          "timeout are set by Jingmin")
    database = config.database
    if database.pool_size < 3:
        raise ConfigError("database.pool_size", "must be at least 3")
    if database.max_overflow < 0:
        raise ConfigError("database.max_overflow", "must be 0 or more")
    if url.startswith("postgresql") and database.max_overflow <= OVERFLOW_KEPT:
        # The outbox sends with the overflow's connections: with none of its own, every
        # late reply and alert would take a connection a resident's push is waiting for.
        raise ConfigError("database.max_overflow",
                          f"must be at least {OVERFLOW_KEPT + 1} on PostgreSQL: the outbox "
                          f"sends with max_overflow - {OVERFLOW_KEPT} connections "
                          f"(at most {OUTBOX_SENDS_MAX}), the handlers use the pool")
    if database.pool_timeout_s <= 0:
        raise ConfigError("database.pool_timeout_s", "must be more than 0 seconds")
    wechat = config.wechat
    if wechat.encoding_aes_key:
        _check_aes_key("wechat.encoding_aes_key", wechat.encoding_aes_key)
    if wechat.api_base_url != "local" and not wechat.api_base_url.startswith(("http://", "https://")):
        raise ConfigError("wechat.api_base_url", 'must be an http(s) URL or "local"')
    if not 0 < wechat.reply_budget_s < 5:
        raise ConfigError("wechat.reply_budget_s", "must be more than 0 and less than 5 seconds")
    if wechat.max_clock_skew_s < 0:
        raise ConfigError("wechat.max_clock_skew_s", "must be 0 (off) or more")
    for name, value in wechat.template_fields.items():
        if value not in TEMPLATE_FIELD_VALUES:
            raise ConfigError(f"wechat.template_fields.{name}",
                              f"must be one of {', '.join(sorted(TEMPLATE_FIELD_VALUES))}")
    if config.wecom.encoding_aes_key:
        _check_aes_key("wecom.encoding_aes_key", config.wecom.encoding_aes_key)
    if config.debug.halt_at and config.debug.halt_at not in checkpoints.POINTS:
        raise ConfigError("debug.halt_at", f"must be one of {', '.join(checkpoints.POINTS)}")
    if config.intake.raw_retention_days < 1:
        raise ConfigError("intake.raw_retention_days", "must be at least 1 day")
    if config.intake.rate_limit_per_minute < 1:
        raise ConfigError("intake.rate_limit_per_minute", "must be at least 1")
    try:
        ZoneInfo(config.tickets.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError("tickets.timezone", "unknown time zone") from exc
    if not re.match(r"^[A-Z]{1,8}$", config.tickets.prefix):
        raise ConfigError("tickets.prefix", "must be 1 to 8 capital letters")
    if not _SCHEDULE.match(config.export.schedule):
        raise ConfigError("export.schedule", 'must look like "mon 08:00"')
    _validate_alerts(config)
    _validate_workflow(config)
    names = [u.name for u in config.units]
    if len(set(names)) != len(names):
        raise ConfigError("units", "unit names must be unique")
    if config.tickets.default_unit and config.tickets.default_unit not in names:
        raise ConfigError("tickets.default_unit", "must be the name of a configured unit")


def _validate_alerts(config: Config) -> None:
    for mobile in config.alerts.mobiles:
        if not _MOBILE.match(mobile):
            raise ConfigError("alerts.mobiles", "must be mainland mobile numbers (11 digits)")
    if not _CALENDAR_DURATION.match(config.alerts.escalate_after) \
            or not int(config.alerts.escalate_after[:-1]):
        raise ConfigError("alerts.escalate_after", 'must be a duration like "15m" or "1h"')
    template = config.map.url_template
    if template:
        try:
            filled = template.format(lat=36.45, lng=115.98)
        except (KeyError, IndexError, ValueError) as exc:
            raise ConfigError("map.url_template",
                              "may use only {lat} and {lng} as placeholders") from exc
        if not re.match(r"^https?://[^\s/]+", filled) or "{lat}" not in template \
                or "{lng}" not in template:
            raise ConfigError("map.url_template",
                              'must be an http(s) URL with {lat} and {lng}, or ""')


def _validate_workflow(config: Config) -> None:
    for key in ("sign_within", "sign_within_p1"):
        if not DURATION.match(getattr(config.workflow, key)):
            raise ConfigError(f"workflow.{key}", 'must be a duration like "2wh" or "15m"')
    if config.workflow.returns_flagged < 1:
        raise ConfigError("workflow.returns_flagged", "must be 1 or more")


def _check_aes_key(key: str, value: str) -> None:
    if len(value) != 43:
        raise ConfigError(key, "must be 43 characters")
    try:
        base64.b64decode(value + "=", validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ConfigError(key, "must be base64 (letters and digits)") from exc
