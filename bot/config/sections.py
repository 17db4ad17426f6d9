"""The configuration's sections as frozen dataclasses, with their defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.config.groups import GroupsConfig

# Shipped in config.example.toml so `make run` and `jingmin chat` work at once; `serve`
# refuses them unless every listener is on loopback.
DEV_TOKEN = "jingmin-dev-token"
DEV_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
# The outbox's sends at once come from database.max_overflow, less these connections kept
# for the backlog and the console, and never more than OUTBOX_SENDS_MAX.
OVERFLOW_KEPT = 2
OUTBOX_SENDS_MAX = 16


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
    # Residents' pushes handled at once by this instance (0: no limit); the rest wait their
    # turn within their reply budget (bot.channels.admission).
    max_concurrent_pushes: int = 16


@dataclass(frozen=True)
class DatabaseConfig:
    url: str = "sqlite+aiosqlite:///data/jingmin.db"
    # PostgreSQL only (SQLite keeps one connection): connections kept per instance, extra
    # ones opened under load, and how long a session waits for one before failing.
    pool_size: int = 10
    max_overflow: int = 10
    pool_timeout_s: float = 10.0

    @property
    def outbox_sends(self) -> int:
        """The outbox's sends at once per instance. Handlers take the pool (pool_size - 2
        of them at once, some with two connections); each send holds at most one connection
        at a time, from the overflow, which keeps OVERFLOW_KEPT for the backlog and the
        console. More sends would leave a burst of pushes waiting for connections."""
        return max(1, min(OUTBOX_SENDS_MAX, self.max_overflow - OVERFLOW_KEPT))


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
class WorkflowConfig:
    sign_within: str = "2wh"
    sign_within_p1: str = "15m"
    returns_flagged: int = 2


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
    workflow: WorkflowConfig = field(default_factory=WorkflowConfig)
    debug: DebugConfig = field(default_factory=DebugConfig)
    groups: GroupsConfig = field(default_factory=GroupsConfig)

    def uses_dev_secrets(self) -> bool:
        """True when the shipped development token or AES key is configured."""
        return self.wechat.token == DEV_TOKEN or self.wechat.encoding_aes_key == DEV_AES_KEY
