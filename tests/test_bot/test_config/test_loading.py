"""Configuration: the example file, JINGMIN_* overrides, refusals naming the key."""

from __future__ import annotations

import dataclasses
import tomllib

import pytest

from bot.config import DEV_AES_KEY, DEV_TOKEN, Config, ConfigError, load_config
from tests.support.configs import EXAMPLE, load_text, write

# CONTRACT §2: every section and key the example file documents.
CONTRACT_KEYS = {
    "server": {"host", "port", "public_url", "admin_host", "admin_port", "data_dir",
               "session_secret"},
    "database": {"url"},
    "wechat": {"app_id", "app_secret", "token", "encoding_aes_key", "api_base_url",
               "require_safe_mode", "reply_budget_s", "max_clock_skew_s", "template_id",
               "template_fields"},
    "wecom": {"corp_id", "agent_id", "secret", "token", "encoding_aes_key", "robot_webhook",
              "api_base_url"},
    "hotline": {"secret"},
    "sms": {"url", "secret"},
    "tickets": {"prefix", "timezone", "duty_phone", "default_unit"},
    "export": {"dir", "schedule"},
    "alerts": {"mobiles", "escalate_after"},
    "map": {"url_template"},
    "workflow": {"sign_within", "sign_within_p1", "returns_flagged"},
}


def test_example_file_documents_every_contract_key():
    raw = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    for section, keys in CONTRACT_KEYS.items():
        assert keys <= set(raw[section]), section
    assert "sla" in raw
    assert {"name", "areas", "phone", "lat", "lng"} <= set(raw["units"][0])


def test_example_file_loads_every_section_and_key():
    config = load_config(EXAMPLE, environ={})
    for section, keys in CONTRACT_KEYS.items():
        names = {f.name for f in dataclasses.fields(getattr(config, section))}
        assert keys <= names, section
    server = config.server
    assert (server.host, server.port, server.admin_host, server.admin_port) == (
        "127.0.0.1", 8080, "127.0.0.1", 0)
    assert server.public_url == "http://127.0.0.1:8080"
    assert (server.data_dir, server.session_secret) == ("data", "")
    assert config.database.url == "sqlite+aiosqlite:///data/jingmin.db"
    wechat = config.wechat
    assert wechat.token == DEV_TOKEN and wechat.encoding_aes_key == DEV_AES_KEY
    assert wechat.app_id == "wxjingmindev00001" and wechat.app_secret == ""
    assert wechat.api_base_url == "local" and wechat.local
    assert wechat.reply_budget_s == 4.0 and isinstance(wechat.reply_budget_s, float)
    assert wechat.max_clock_skew_s == 300
    assert wechat.require_safe_mode is True
    assert config.debug.halt_at == ""
    assert (wechat.template_id, dict(wechat.template_fields)) == ("", {})
    assert config.wecom.api_base_url == "https://qyapi.weixin.qq.com"
    assert config.wecom.corp_id == "" and config.wecom.robot_webhook == ""
    assert config.hotline.secret == "" and (config.sms.url, config.sms.secret) == ("", "")
    tickets = config.tickets
    assert (tickets.prefix, tickets.timezone, tickets.default_unit) == ("DCF", "Asia/Shanghai", "")
    assert tickets.duty_phone == "0635-8888110"
    assert dict(config.sla) == {}
    assert (config.export.dir, config.export.schedule) == ("exports", "mon 08:00")
    assert [u.name for u in config.units] == ["古楼派出所", "新区派出所", "湖西派出所"]
    first = config.units[0]
    assert first.areas == ("古楼街道", "柳园") and first.phone == ""
    assert (first.lat, first.lng) == (36.4563, 115.9859)
    assert config.intake.raw_retention_days == 30
    assert config.intake.rate_limit_per_minute == 20
    database = config.database
    assert (database.pool_size, database.max_overflow, database.pool_timeout_s) == (10, 10, 10.0)
    assert database.outbox_sends == 8
    assert config.server.max_concurrent_pushes == 16
    assert (config.alerts.mobiles, config.alerts.escalate_after) == ((), "15m")
    assert config.map.url_template == "https://uri.amap.com/marker?position={lng},{lat}"


def test_missing_file_gives_built_in_defaults(tmp_path):
    config = load_config(tmp_path / "absent.toml", environ={})
    assert config == Config()
    assert config.database.url.startswith("sqlite+aiosqlite:///data/")
    assert config.wechat.api_base_url == "https://api.weixin.qq.com"


def test_sections_may_be_partial(tmp_path):
    config = load_text(tmp_path, '[server]\nport = 9000\n[sla]\nP3 = ["1wd", "5wd"]\n')
    assert config.server.port == 9000 and config.server.host == "127.0.0.1"
    assert config.sla == {"P3": ("1wd", "5wd")}


@pytest.mark.parametrize(("variable", "value", "section", "key", "expected"), [
    ("JINGMIN_WECHAT_APP_SECRET", "s3cret", "wechat", "app_secret", "s3cret"),
    ("JINGMIN_SERVER_PORT", "9091", "server", "port", 9091),
    ("JINGMIN_WECHAT_REPLY_BUDGET_S", "2.5", "wechat", "reply_budget_s", 2.5),
    ("JINGMIN_WECHAT_MAX_CLOCK_SKEW_S", "0", "wechat", "max_clock_skew_s", 0),
    ("JINGMIN_WECHAT_TEMPLATE_FIELDS", '{"keyword1": "number", "keyword2": "status"}',
     "wechat", "template_fields", {"keyword1": "number", "keyword2": "status"}),
    ("JINGMIN_DATABASE_URL", "postgresql+asyncpg://u:pw@db/jingmin", "database", "url",
     "postgresql+asyncpg://u:pw@db/jingmin"),
    ("JINGMIN_TICKETS_DEFAULT_UNIT", "湖西派出所", "tickets", "default_unit", "湖西派出所"),
    ("JINGMIN_WECHAT_REQUIRE_SAFE_MODE", "false", "wechat", "require_safe_mode", False),
    ("JINGMIN_WECHAT_REQUIRE_SAFE_MODE", "1", "wechat", "require_safe_mode", True),
    ("JINGMIN_DEBUG_HALT_AT", "recorded", "debug", "halt_at", "recorded"),
])
def test_environment_overrides_the_file(variable, value, section, key, expected):
    config = load_config(EXAMPLE, environ={variable: value})
    assert getattr(getattr(config, section), key) == expected


def test_environment_overrides_without_a_file(tmp_path):
    config = load_config(tmp_path / "absent.toml", environ={"JINGMIN_SERVER_PORT": "9092",
                                                            "JINGMIN_SLA_P2": '["2wh", "2wd"]'})
    assert config.server.port == 9092
    assert config.sla == {"P2": ("2wh", "2wd")}


@pytest.mark.parametrize(("variable", "value", "key"), [
    ("JINGMIN_SERVER_PORT", "eighty", "server.port"),
    ("JINGMIN_WECHAT_REPLY_BUDGET_S", "fast", "wechat.reply_budget_s"),
    ("JINGMIN_WECHAT_TEMPLATE_FIELDS", "{not json", "wechat.template_fields"),
    ("JINGMIN_WECHAT_TEMPLATE_FIELDS", '["number"]', "wechat.template_fields"),
    ("JINGMIN_SLA_P3", "1wd", "sla.P3"),
    ("JINGMIN_WECHAT_REQUIRE_SAFE_MODE", "yes please", "wechat.require_safe_mode"),
    ("JINGMIN_DEBUG_HALT_AT", "somewhere", "debug.halt_at"),
])
def test_bad_environment_value_names_the_key(variable, value, key):
    with pytest.raises(ConfigError) as caught:
        load_config(EXAMPLE, environ={variable: value})
    assert caught.value.key == key


@pytest.mark.parametrize(("toml", "key"), [
    ("[server]\nport = 70000", "server.port"),
    ("[server]\nport = -1", "server.port"),
    ('[server]\nport = "8080"', "server.port"),
    ("[server]\nport = true", "server.port"),
    ("[server]\nadmin_port = 65536", "server.admin_port"),
    ('[server]\npublic_url = "example.org"', "server.public_url"),
    ('[database]\nurl = "mysql://root@localhost/jingmin"', "database.url"),
    ('[database]\nurl = "sqlite:///data/jingmin.db"', "database.url"),
    ('[database]\nurl = "sqlite+aiosqlite:///data/j.db?timeout=1"', "database.url"),
    ('[wechat]\nencoding_aes_key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF"',
     "wechat.encoding_aes_key"),
    ('[wechat]\nencoding_aes_key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH"',
     "wechat.encoding_aes_key"),
    ('[wechat]\nencoding_aes_key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDE!!"',
     "wechat.encoding_aes_key"),
    ('[wecom]\nencoding_aes_key = "short"', "wecom.encoding_aes_key"),
    ("[wechat]\nreply_budget_s = 0", "wechat.reply_budget_s"),
    ("[wechat]\nreply_budget_s = 5", "wechat.reply_budget_s"),
    ('[wechat]\nreply_budget_s = "4"', "wechat.reply_budget_s"),
    ("[wechat]\nmax_clock_skew_s = -1", "wechat.max_clock_skew_s"),
    ('[wechat]\nrequire_safe_mode = "no"', "wechat.require_safe_mode"),
    ("[wechat]\nrequire_safe_mode = 0", "wechat.require_safe_mode"),
    ('[debug]\nhalt_at = "everywhere"', "debug.halt_at"),
    ('[wechat]\napi_base_url = "ftp://tencent"', "wechat.api_base_url"),
    ('[tickets]\ntimezone = "Mars/Olympus_Mons"', "tickets.timezone"),
    ('[tickets]\ntimezone = ""', "tickets.timezone"),
    ('[tickets]\nprefix = "dcf"', "tickets.prefix"),
    ('[export]\nschedule = "monday 8am"', "export.schedule"),
    ('[export]\nschedule = "mon 24:00"', "export.schedule"),
    ('[wechat]\ntemplate_fields = { keyword1 = "phone" }', "wechat.template_fields.keyword1"),
    ('[wechat]\ntemplate_fields = { keyword1 = 1 }', "wechat.template_fields"),
    ('[wechat]\ntemplate_fields = "number"', "wechat.template_fields"),
    ('[tickets]\ndefault_unit = "不存在派出所"', "tickets.default_unit"),
    ('[[units]]\nname = "古楼派出所"\n[[units]]\nname = "古楼派出所"', "units"),
    ("[[units]]\nareas = []", "units[0].name"),
    ('[[units]]\nname = "  "', "units[0].name"),
    ('[[units]]\nname = "A"\nareas = "古楼街道"', "units[0].areas"),
    ('[[units]]\nname = "A"\nlat = "north"', "units[0].lat"),
    ('[[units]]\nname = "A"\nhours = "mon-fri 08:30-17:30"', "units[0].hours"),
    ('[[units]]\nname = "A"\nhours = ["weekdays 8-5"]', "units[0].hours"),
    ('[[units]]\nname = "A"\nhours = ["mon-fri 17:30-08:30"]', "units[0].hours"),
    ('[[units]]\nname = "A"\naddress = 1', "units[0].address"),
    ('[[units]]\nname = "A"\n[[units]]\nname = "B"\nradius = 3', "units[1].radius"),
    ('units = "古楼派出所"', "units"),
    ('[sla]\nP9 = ["1h", "2h"]', "sla.P9"),
    ('[sla]\nP1 = ["15 minutes", "24h"]', "sla.P1"),
    ("server = 1", "server"),
    ("[server]\nmax_concurrent_pushes = -1", "server.max_concurrent_pushes"),
    ("[database]\npool_size = 2", "database.pool_size"),
    ("[database]\nmax_overflow = -1", "database.max_overflow"),
    # PostgreSQL: the outbox sends with the overflow's connections, less two kept.
    ('[database]\nurl = "postgresql+asyncpg://u@db/j"\nmax_overflow = 2',
     "database.max_overflow"),
    ("[database]\npool_timeout_s = 0", "database.pool_timeout_s"),
])
def test_bad_value_names_its_key(tmp_path, toml, key):
    with pytest.raises(ConfigError) as caught:
        load_text(tmp_path, toml)
    assert caught.value.key == key
    assert str(caught.value).startswith(f"{key}: ")


@pytest.mark.parametrize(("toml", "key"), [
    ("[server]\nprot = 8080", "server.prot"),
    ("[wechat]\nappid = 'wx1'", "wechat.appid"),
    ("[bogus]\nx = 1", "bogus"),
    ("[Server]\nport = 8080", "Server"),
])
def test_unknown_keys_and_sections_are_refused(tmp_path, toml, key):
    with pytest.raises(ConfigError) as caught:
        load_text(tmp_path, toml)
    assert caught.value.key == key
    assert "unknown" in str(caught.value)


def test_broken_toml_is_a_config_error(tmp_path):
    path = write(tmp_path, "[server\nport = ")
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    assert caught.value.key == str(path)


def test_unreadable_config_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path, environ={})
    assert caught.value.key == str(tmp_path)



def test_default_unit_may_name_a_configured_unit(tmp_path):
    config = load_text(tmp_path, '[tickets]\ndefault_unit = "A"\n[[units]]\nname = "A"\n')
    assert config.tickets.default_unit == "A"



def test_alerts_and_map_from_the_file_and_the_environment(tmp_path):
    config = load_text(tmp_path, '[alerts]\nmobiles = ["13800001111", "13900002222"]\n'
                                 'escalate_after = "10m"\n[map]\nurl_template = ""\n')
    assert config.alerts.mobiles == ("13800001111", "13900002222")
    assert config.alerts.escalate_after == "10m" and config.map.url_template == ""
    config = load_config(EXAMPLE, environ={
        "JINGMIN_ALERTS_MOBILES": '["13700003333"]', "JINGMIN_ALERTS_ESCALATE_AFTER": "1h",
        "JINGMIN_MAP_URL_TEMPLATE": "https://map.example/?q={lat},{lng}"})
    assert config.alerts.mobiles == ("13700003333",) and config.alerts.escalate_after == "1h"
    assert config.map.url_template == "https://map.example/?q={lat},{lng}"
    config = load_config(EXAMPLE, environ={"JINGMIN_ALERTS_MOBILES": "13700003333, 13600004444"})
    assert config.alerts.mobiles == ("13700003333", "13600004444")


@pytest.mark.parametrize(("toml", "key"), [
    ('[alerts]\nmobiles = "13800001111"', "alerts.mobiles"),
    ('[alerts]\nmobiles = ["0635-8888110"]', "alerts.mobiles"),
    ('[alerts]\nmobiles = [13800001111]', "alerts.mobiles"),
    ('[alerts]\nescalate_after = "15"', "alerts.escalate_after"),
    ('[alerts]\nescalate_after = "0m"', "alerts.escalate_after"),
    ('[alerts]\nescalate_after = "2wh"', "alerts.escalate_after"),
    ('[alerts]\nsms = true', "alerts.sms"),
    ('[map]\nurl_template = "https://map.example/?q={lat}"', "map.url_template"),
    ('[map]\nurl_template = "https://map.example/?q={lat},{lng},{zoom}"', "map.url_template"),
    ('[map]\nurl_template = "map.example/{lat},{lng}"', "map.url_template"),
])
def test_bad_alerts_and_map_values_name_their_key(tmp_path, toml, key):
    with pytest.raises(ConfigError) as caught:
        load_text(tmp_path, toml)
    assert caught.value.key == key


@pytest.mark.parametrize(("max_overflow", "sends"), [(3, 1), (10, 8), (18, 16), (40, 16)])
def test_the_outbox_sends_with_the_overflow_less_two(tmp_path, max_overflow, sends):
    config = load_text(tmp_path, '[database]\nurl = "postgresql+asyncpg://u@db/j"\n'
                                 f"max_overflow = {max_overflow}")
    assert config.database.outbox_sends == sends
