"""Reading the configuration: TOML into the sections' dataclasses, with JINGMIN_<SECTION>_<KEY>
overrides from the environment, each value coerced to its field's type or refused by key."""

from __future__ import annotations

import dataclasses
import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, get_type_hints

from bot.config.checks import DURATION, PRIORITIES, validate
from bot.config.errors import ConfigError
from bot.config.groups import build_groups
from bot.config.sections import (
    AlertsConfig,
    Config,
    DatabaseConfig,
    DebugConfig,
    ExportConfig,
    HotlineConfig,
    IntakeConfig,
    MapConfig,
    ServerConfig,
    SmsConfig,
    TicketsConfig,
    UnitConfig,
    WechatConfig,
    WecomConfig,
    WorkflowConfig,
)
from handlers.core.unithours import parse_hours

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
    "workflow": WorkflowConfig,
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
        if name not in _SECTIONS and name not in ("sla", "units", "groups"):
            raise ConfigError(name, "unknown section")
    sections = {name: _build_section(name, cls, raw.get(name, {}), environ)
                for name, cls in _SECTIONS.items()}
    units = _build_units(raw.get("units", []))
    config = Config(
        **sections,
        sla=_build_sla(raw.get("sla", {}), environ),
        units=units,
        groups=build_groups(raw.get("groups", {}), environ, ConfigError,
                            tuple(unit.name for unit in units)),
    )
    validate(config)
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
                or not all(isinstance(p, str) and DURATION.match(p) for p in pair)):
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
