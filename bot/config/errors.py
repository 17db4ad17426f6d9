"""The one error a bad configuration raises."""

from __future__ import annotations


class ConfigError(Exception):
    """A bad configuration value; `key` names it as `section.key`."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
