"""The [groups] section: the police WeChat groups the branch reads (CONTRACT §8)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ARCHIVES = ("", "local", "sdk")
_KEYS = frozenset({"archive", "sdk_library", "corp_id", "secret", "private_key_path",
                   "poll_s", "task_timeout_h", "chats"})
_CHAT_KEYS = ("room_id", "owner", "name", "unit", "area")


@dataclass(frozen=True)
class GroupChatConfig:
    room_id: str
    owner: str = ""
    name: str = ""
    unit: str = ""
    area: str = ""


@dataclass(frozen=True)
class GroupsConfig:
    archive: str = ""
    sdk_library: str = ""
    corp_id: str = ""
    secret: str = ""
    private_key_path: str = ""
    poll_s: float = 5.0
    chats: tuple[GroupChatConfig, ...] = ()
    # A message task the owner has not confirmed this long is overdue: they are reminded once.
    task_timeout_h: float = 24.0

    @property
    def enabled(self) -> bool:
        """Whether the group door reads an archive at all."""
        return bool(self.archive)


def build_groups(values: Any, environ: Mapping[str, str], error: type[Exception],
                 unit_names: tuple[str, ...]) -> GroupsConfig:
    """[groups] and its [[groups.chats]], with JINGMIN_GROUPS_<KEY> overrides of the scalars;
    `error(key, message)` is the configuration's error type."""
    if not isinstance(values, dict):
        raise error("groups", "must be a table")
    for key in values:
        if key not in _KEYS:
            raise error(f"groups.{key}", "unknown key")
    scalars: dict[str, Any] = {}
    for key in ("archive", "sdk_library", "corp_id", "secret", "private_key_path"):
        value = environ.get(f"JINGMIN_GROUPS_{key.upper()}", values.get(key, ""))
        if not isinstance(value, str):
            raise error(f"groups.{key}", "must be text")
        scalars[key] = value.strip()
    poll = environ.get("JINGMIN_GROUPS_POLL_S", values.get("poll_s", 5.0))
    try:
        if isinstance(poll, bool):
            raise TypeError
        poll_s = float(poll)
    except (TypeError, ValueError) as exc:
        raise error("groups.poll_s", "must be a number") from exc
    if not 0.1 <= poll_s <= 3600:
        raise error("groups.poll_s", "must be between 0.1 and 3600 seconds")
    timeout = values.get("task_timeout_h", 24.0)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) \
            or not 0.1 <= timeout <= 720:
        raise error("groups.task_timeout_h", "must be a number of hours from 0.1 to 720")
    config = GroupsConfig(**scalars, poll_s=poll_s, task_timeout_h=float(timeout),
                          chats=_chats(values.get("chats", []), error, unit_names))
    _validate(config, error)
    return config


def _chats(values: Any, error: type[Exception],
           unit_names: tuple[str, ...]) -> tuple[GroupChatConfig, ...]:
    if not isinstance(values, list):
        raise error("groups.chats", "must be an array of tables ([[groups.chats]])")
    chats: list[GroupChatConfig] = []
    for index, item in enumerate(values):
        key = f"groups.chats[{index}]"
        if not isinstance(item, dict):
            raise error(key, "must be a table")
        for name in item:
            if name not in _CHAT_KEYS:
                raise error(f"{key}.{name}", "unknown key")
        fields: dict[str, str] = {}
        for name in _CHAT_KEYS:
            value = item.get(name, "")
            if not isinstance(value, str):
                raise error(f"{key}.{name}", "must be text")
            fields[name] = value.strip()
        if not fields["room_id"]:
            raise error(f"{key}.room_id", "must be the group's room id")
        if fields["room_id"] in {chat.room_id for chat in chats}:
            raise error(f"{key}.room_id", "is listed twice")
        if not fields["unit"] and unit_names:
            fields["unit"] = unit_names[0]
        if fields["unit"] not in unit_names:
            raise error(f"{key}.unit", "must be the name of a configured unit")
        chats.append(GroupChatConfig(**fields))
    return tuple(chats)


def _validate(config: GroupsConfig, error: type[Exception]) -> None:
    if config.archive not in ARCHIVES:
        raise error("groups.archive", 'must be "", "local" or "sdk"')
    if config.archive == "sdk":
        for key in ("sdk_library", "corp_id", "secret", "private_key_path"):
            if not getattr(config, key):
                raise error(f"groups.{key}", 'is required with archive = "sdk"')
