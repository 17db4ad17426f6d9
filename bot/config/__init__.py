"""Configuration: TOML into frozen dataclasses (`sections`), with JINGMIN_<SECTION>_<KEY>
overrides (`loading`), checked (`checks`) and shown without secrets (`redaction`)."""

from __future__ import annotations

from bot.config.checks import PRIORITIES, TEMPLATE_FIELD_VALUES
from bot.config.errors import ConfigError
from bot.config.groups import GroupChatConfig, GroupsConfig
from bot.config.loading import load_config
from bot.config.redaction import SECRET_KEYS, is_loopback, redact_url, redacted
from bot.config.sections import (
    DEV_AES_KEY,
    DEV_TOKEN,
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

__all__ = [
    "DEV_AES_KEY", "DEV_TOKEN", "PRIORITIES", "SECRET_KEYS", "TEMPLATE_FIELD_VALUES",
    "AlertsConfig", "Config", "ConfigError", "DatabaseConfig", "DebugConfig", "ExportConfig",
    "GroupChatConfig", "GroupsConfig",
    "HotlineConfig", "IntakeConfig", "MapConfig", "ServerConfig", "SmsConfig", "TicketsConfig",
    "UnitConfig", "WechatConfig", "WecomConfig", "WorkflowConfig", "is_loopback", "load_config",
    "redact_url", "redacted",
]
