"""Configuration: TOML into frozen dataclasses, with JINGMIN_<SECTION>_<KEY> overrides."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import ipaddress
import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from handlers.core import checkpoints
from handlers.tickets.unithours import parse_hours

# Shipped in config.example.toml so `make run` and `jingmin chat` work at once; `serve`
# refuses them unless every listener is on loopback.
DEV_TOKEN = "jingmin-dev-token"
DEV_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"

SECRET_KEYS = frozenset(
    {"app_secret", "token", "encoding_aes_key", "secret", "robot_webhook", "session_secret"}
)
TEMPLATE_FIELD_VALUES = frozenset({"number", "kind", "status", "text", "time"})
PRIORITIES = ("P1", "P2", "P3", "P4")
_DURATION = re.compile(r"^\d+(m|h|d|wh|wd)$")
_CALENDAR_DURATION = re.compile(r"^\d+(m|h)$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_SCHEDULE = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):[0-5]\d$")


class ConfigError(Exception):
    """A bad configuration value; `key` names it as `section.key`."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key


@dataclass(frozen=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8080
    public_url: str = "http://127.0.0.1:8080"
    admin_host: str = "127.0.0.1"
    admin_port: int = 0
    data_dir: str = "data"
    session_secret: str = ""
    # Proxies (addresses or networks) whose X-Forwarded-For is believed: login throttling, logs.
    trusted_proxies: tuple[str, ...] = ()


@dataclass(frozen=True)
class DatabaseConfig:
    url: str = "sqlite+aiosqlite:///data/jingmin.db"


@dataclass(frozen=True)
class WechatConfig:
    app_id: str = ""
    app_secret: str = ""
    token: str = ""
    encoding_aes_key: str = ""
    api_base_url: str = "https://api.weixin.qq.com"
    require_safe_mode: bool = True
    reply_budget_s: float = 4.0
    max_clock_skew_s: int = 300
    template_id: str = ""
    template_fields: Mapping[str, str] = field(default_factory=dict)

    @property
    def local(self) -> bool:
        """True when outgoing calls are recorded instead of sent."""
        return self.api_base_url == "local"


@dataclass(frozen=True)
class WecomConfig:
    corp_id: str = ""
    agent_id: str = ""
    secret: str = ""
    token: str = ""
    encoding_aes_key: str = ""
    robot_webhook: str = ""
    api_base_url: str = "https://qyapi.weixin.qq.com"

    @property
    def app_configured(self) -> bool:
        """True when the WeCom app can send messages to officers."""
        return bool(self.corp_id and self.agent_id and self.secret)


@dataclass(frozen=True)
class HotlineConfig:
    secret: str = ""


@dataclass(frozen=True)
class SmsConfig:
    url: str = ""
    secret: str = ""


@dataclass(frozen=True)
class IntakeConfig:
    raw_retention_days: int = 30
    rate_limit_per_minute: int = 20


@dataclass(frozen=True)
class DebugConfig:
    # A handling step (handlers.checkpoints.POINTS) where the process stops dead, for the
    # kill -9 tests; `serve` refuses it unless every listener is on loopback.
    halt_at: str = ""


@dataclass(frozen=True)
class TicketsConfig:
    prefix: str = "DCF"
    timezone: str = "Asia/Shanghai"
    duty_phone: str = ""
    default_unit: str = ""


@dataclass(frozen=True)
class ExportConfig:
    dir: str = "exports"
    schedule: str = "mon 08:00"


@dataclass(frozen=True)
class AlertsConfig:
    mobiles: tuple[str, ...] = ()
    escalate_after: str = "15m"


@dataclass(frozen=True)
class MapConfig:
    url_template: str = "https://uri.amap.com/marker?position={lng},{lat}"


@dataclass(frozen=True)
class UnitConfig:
    name: str
    areas: tuple[str, ...] = ()
    phone: str = ""
    lat: float = 0.0
    lng: float = 0.0
    address: str = ""
    hours: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    server: ServerConfig = field(default_factory=ServerConfig)
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    wechat: WechatConfig = field(default_factory=WechatConfig)
    wecom: WecomConfig = field(default_factory=WecomConfig)
    hotline: HotlineConfig = field(default_factory=HotlineConfig)
    sms: SmsConfig = field(default_factory=SmsConfig)
    intake: IntakeConfig = field(default_factory=IntakeConfig)
    tickets: TicketsConfig = field(default_factory=TicketsConfig)
    sla: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    export: ExportConfig = field(default_factory=ExportConfig)
    units: tuple[UnitConfig, ...] = ()
    alerts: AlertsConfig = field(default_factory=AlertsConfig)
    map: MapConfig = field(default_factory=MapConfig)
    debug: DebugConfig = field(default_factory=DebugConfig)

    def uses_dev_secrets(self) -> bool:
        """True when the shipped development token or AES key is configured."""
        return self.wechat.token == DEV_TOKEN or self.wechat.encoding_aes_key == DEV_AES_KEY


_SECTIONS: dict[str, type] = {
    "server": ServerConfig,
    "database": DatabaseConfig,
    "wechat": WechatConfig,
    "wecom": WecomConfig,
    "hotline": HotlineConfig,
    "sms": SmsConfig,
    "intake": IntakeConfig,
    "tickets": TicketsConfig,
    "export": ExportConfig,
    "alerts": AlertsConfig,
    "map": MapConfig,
    "debug": DebugConfig,
}


def load_config(path: str | Path | None, environ: Mapping[str, str] | None = None) -> Config:
    """Read `path` (built-in defaults when it does not exist), apply overrides, validate."""
    environ = os.environ if environ is None else environ
    raw: dict[str, Any] = {}
    if path is not None and Path(path).exists():
        try:
            raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(str(path), f"not valid TOML ({exc})") from exc
        except OSError as exc:
            raise ConfigError(str(path), f"cannot be read ({exc.strerror})") from exc
    for name in raw:
        if name not in _SECTIONS and name not in ("sla", "units"):
            raise ConfigError(name, "unknown section")
    sections = {name: _build_section(name, cls, raw.get(name, {}), environ)
                for name, cls in _SECTIONS.items()}
    config = Config(
        **sections,
        sla=_build_sla(raw.get("sla", {}), environ),
        units=_build_units(raw.get("units", [])),
    )
    _validate(config)
    return config


def _build_section(name: str, cls: type, values: Any, environ: Mapping[str, str]) -> Any:
    if not isinstance(values, dict):
        raise ConfigError(name, "must be a table")
    hints = get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    for key in values:
        if key not in known:
            raise ConfigError(f"{name}.{key}", "unknown key")
    kwargs: dict[str, Any] = {}
    for key in known:
        env_name = f"JINGMIN_{name.upper()}_{key.upper()}"
        if env_name in environ:
            kwargs[key] = _coerce(f"{name}.{key}", hints[key], environ[env_name], from_env=True)
        elif key in values:
            kwargs[key] = _coerce(f"{name}.{key}", hints[key], values[key], from_env=False)
    return cls(**kwargs)


def _coerce(key: str, hint: Any, value: Any, *, from_env: bool) -> Any:
    """Turn a TOML or environment value into the field's type, or name the key."""
    try:
        if hint is str:
            if not isinstance(value, str):
                raise TypeError
            return value
        if hint is bool:
            if from_env:
                return {"true": True, "1": True, "false": False, "0": False}[value.lower()]
            if not isinstance(value, bool):
                raise TypeError
            return value
        if hint is int:
            if from_env:
                return int(value)
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError
            return value
        if hint is float:
            if from_env:
                return float(value)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError
            return float(value)
        if hint == tuple[str, ...]:     # [alerts] mobiles: a TOML array, or JSON from the env
            if from_env:
                value = json.loads(value) if value.strip().startswith("[") else [
                    part for part in value.split(",") if part.strip()]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise TypeError
            return tuple(v.strip() for v in value)
        # Mapping[str, str]: template_fields
        if from_env:
            value = json.loads(value)
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise TypeError
        return dict(value)
    except (TypeError, ValueError, KeyError) as exc:
        kind = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
                tuple[str, ...]: "a list of texts"}.get(hint, "a table")
        raise ConfigError(key, f"must be {kind}") from exc


def _build_sla(values: Any, environ: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    if not isinstance(values, dict):
        raise ConfigError("sla", "must be a table")
    merged = dict(values)
    for priority in PRIORITIES:
        env_name = f"JINGMIN_SLA_{priority}"
        if env_name in environ:
            try:
                merged[priority] = json.loads(environ[env_name])
            except ValueError as exc:
                raise ConfigError(f"sla.{priority}",
                                  "must be a JSON list of two durations") from exc
    sla: dict[str, tuple[str, str]] = {}
    for priority, pair in merged.items():
        key = f"sla.{priority}"
        if priority not in PRIORITIES:
            raise ConfigError(key, "unknown priority (P1 to P4)")
        if (not isinstance(pair, list) or len(pair) != 2
                or not all(isinstance(p, str) and _DURATION.match(p) for p in pair)):
            raise ConfigError(key, 'must be two durations like ["4wh", "3wd"] (m, h, d, wh, wd)')
        sla[priority] = (pair[0], pair[1])
    return sla


def _build_units(values: Any) -> tuple[UnitConfig, ...]:
    if not isinstance(values, list):
        raise ConfigError("units", "must be an array of tables ([[units]])")
    units = []
    for index, item in enumerate(values):
        key = f"units[{index}]"
        if not isinstance(item, dict):
            raise ConfigError(key, "must be a table")
        unknown = set(item) - {"name", "areas", "phone", "lat", "lng", "address", "hours"}
        if unknown:
            raise ConfigError(f"{key}.{sorted(unknown)[0]}", "unknown key")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{key}.name", "must be a non-empty name")
        areas = item.get("areas", [])
        if not isinstance(areas, list) or not all(isinstance(a, str) for a in areas):
            raise ConfigError(f"{key}.areas", "must be a list of area names")
        units.append(UnitConfig(
            name=name.strip(),
            areas=tuple(areas),
            phone=_coerce(f"{key}.phone", str, item.get("phone", ""), from_env=False),
            lat=_coerce(f"{key}.lat", float, item.get("lat", 0.0), from_env=False),
            lng=_coerce(f"{key}.lng", float, item.get("lng", 0.0), from_env=False),
            address=_coerce(f"{key}.address", str, item.get("address", ""), from_env=False),
            hours=_unit_hours(f"{key}.hours", item.get("hours", [])),
        ))
    return tuple(units)


def _unit_hours(key: str, hours: Any) -> tuple[str, ...]:
    if not isinstance(hours, list) or not all(isinstance(h, str) for h in hours):
        raise ConfigError(key, 'must be a list like ["mon-fri 08:30-12:00", "sat 09:00-12:00"]')
    try:
        parse_hours(tuple(hours))
    except ValueError as exc:
        raise ConfigError(key, str(exc)) from exc
    return tuple(hours)


def _validate(config: Config) -> None:
    server = config.server
    for key, port in (("server.port", server.port), ("server.admin_port", server.admin_port)):
        if not 0 <= port <= 65535:
            raise ConfigError(key, "must be a port number from 0 to 65535")
    if server.port == 0:
        raise ConfigError("server.port", "must not be 0")
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


def _check_aes_key(key: str, value: str) -> None:
    if len(value) != 43:
        raise ConfigError(key, "must be 43 characters")
    try:
        base64.b64decode(value + "=", validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ConfigError(key, "must be base64 (letters and digits)") from exc


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
