"""Configuration: the example file, JINGMIN_* overrides, refusals naming the key, secrets."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from bot.config import (
    DEV_AES_KEY,
    DEV_TOKEN,
    Config,
    ConfigError,
    DebugConfig,
    load_config,
    redacted,
)
from bot.server import check_serveable

EXAMPLE = Path(__file__).parents[2] / "config.example.toml"
JINGMIN = Path(sys.executable).parent / "jingmin"
OWN_AES_KEY = "ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkj"

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
}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load_text(tmp_path: Path, text: str, environ: dict[str, str] | None = None) -> Config:
    return load_config(write(tmp_path, text), environ=environ or {})


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


def test_serve_with_a_broken_toml_file_exits_2_in_one_line(tmp_path):
    write(tmp_path, '[server]\nhost = "127.0.0.1\n')
    result = run_jingmin("serve", "--config", "config.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "config.toml" in result.stderr


def test_default_unit_may_name_a_configured_unit(tmp_path):
    config = load_text(tmp_path, '[tickets]\ndefault_unit = "A"\n[[units]]\nname = "A"\n')
    assert config.tickets.default_unit == "A"


def run_jingmin(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(JINGMIN), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)})


def test_serve_with_a_bad_config_exits_2_naming_the_key(tmp_path):
    write(tmp_path, "[server]\nport = 70000\n")
    result = run_jingmin("serve", "--config", "config.toml", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "server.port" in lines[0]
    assert not (tmp_path / "data").exists()


def test_serve_refuses_dev_secrets_off_loopback_exit_2(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace('host = "127.0.0.1"', 'host = "0.0.0.0"', 1)
    write(tmp_path, text)
    result = run_jingmin("serve", "--config", "config.toml", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "wechat.token" in lines[0]


ROBOT = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"


def serveable(host: str = "127.0.0.1", *, token: str = DEV_TOKEN, aes: str = DEV_AES_KEY,
              admin_host: str = "127.0.0.1", admin_port: int = 0, robot: str = ROBOT,
              app: tuple[str, str, str] = ("", "", ""), local: bool = False) -> Config:
    base = Config()
    corp_id, agent_id, secret = app
    return dataclasses.replace(
        base,
        server=dataclasses.replace(base.server, host=host, admin_host=admin_host,
                                   admin_port=admin_port),
        wechat=dataclasses.replace(base.wechat, token=token, encoding_aes_key=aes,
                                   api_base_url="local" if local else base.wechat.api_base_url),
        wecom=dataclasses.replace(base.wecom, robot_webhook=robot, corp_id=corp_id,
                                  agent_id=agent_id, secret=secret),
    )


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "127.0.0.2"])
def test_dev_secrets_are_allowed_on_loopback(host):
    check_serveable(serveable(host))


@pytest.mark.parametrize(("config", "key"), [
    (serveable("0.0.0.0"), "wechat.token"),
    (serveable("192.168.1.20"), "wechat.token"),
    (serveable("::"), "wechat.token"),
    (serveable("0.0.0.0", token="own-token"), "wechat.encoding_aes_key"),
    (serveable("0.0.0.0", aes=OWN_AES_KEY), "wechat.token"),
    (serveable(admin_host="0.0.0.0", admin_port=8081), "wechat.token"),
])
def test_dev_secrets_are_refused_off_loopback(config, key):
    with pytest.raises(ConfigError) as caught:
        check_serveable(config)
    assert caught.value.key == key


def test_the_test_only_halt_is_refused_off_loopback():
    halting = dataclasses.replace(serveable(token="own-token", aes=OWN_AES_KEY),
                                  debug=DebugConfig(halt_at="recorded"))
    check_serveable(halting)
    for host in ("0.0.0.0", "10.0.0.5"):
        with pytest.raises(ConfigError) as caught:
            check_serveable(dataclasses.replace(
                halting, server=dataclasses.replace(halting.server, host=host)))
        assert caught.value.key == "debug.halt_at"


def test_own_secrets_may_listen_anywhere():
    check_serveable(serveable("0.0.0.0", token="own-token", aes=OWN_AES_KEY))
    check_serveable(serveable("0.0.0.0", token="own-token", aes=""))


def test_redacted_hides_every_secret_and_the_database_password(tmp_path):
    secrets = {
        "server.session_secret": "sess-AAAA1111",
        "wechat.app_secret": "appsecret-BBBB2222",
        "wechat.token": "wechattoken-CCCC3333",
        "wechat.encoding_aes_key": OWN_AES_KEY,
        "wecom.secret": "wecomsecret-DDDD4444",
        "wecom.token": "wecomtoken-EEEE5555",
        "wecom.encoding_aes_key": "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG",
        "wecom.robot_webhook": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=FFFF6666",
        "hotline.secret": "hotline-GGGG7777",
        "sms.secret": "sms-HHHH8888",
    }
    environ = {f"JINGMIN_{k.replace('.', '_').upper()}": v for k, v in secrets.items()}
    environ["JINGMIN_DATABASE_URL"] = "postgresql+asyncpg://jingmin:p@ss:w/rd9999@db:5432/jm"
    config = load_config(EXAMPLE, environ=environ)
    dumped = json.dumps(redacted(config), ensure_ascii=False)
    for value in secrets.values():
        assert value not in dumped
    for fragment in ("p@ss", "ss:w", "rd9999"):
        assert fragment not in dumped
    data = redacted(config)
    assert data["database"]["url"] == "postgresql+asyncpg://jingmin:***@db:5432/jm"
    # Everything else is still there for the operator to read.
    assert data["wechat"]["app_id"] == "wxjingmindev00001"
    assert data["wechat"]["app_secret"] == "***"
    assert data["server"]["port"] == 8080
    assert data["units"][0]["name"] == "古楼派出所"


def test_redacted_hides_a_password_given_as_query_parameter():
    config = load_config(None, environ={
        "JINGMIN_DATABASE_URL": "postgresql+asyncpg://jingmin@db/jm?password=hunter2&ssl=on"})
    url = redacted(config)["database"]["url"]
    assert "hunter2" not in url
    assert url.endswith("&ssl=on")


def test_redacted_leaves_empty_secrets_empty():
    data = redacted(Config())
    assert data["wechat"]["token"] == "" and data["hotline"]["secret"] == ""


# --- alerts must have a route (§2), [alerts] and [map] ---------------------------------------

@pytest.mark.parametrize("app", [("", "", ""), ("wwcorp", "1000002", ""),
                                 ("wwcorp", "", "secret"), ("", "1000002", "secret")])
def test_serve_refuses_a_deployment_that_cannot_alert_anyone(app):
    with pytest.raises(ConfigError) as caught:
        check_serveable(serveable(robot="", app=app))
    assert caught.value.key == "wecom.robot_webhook"


@pytest.mark.parametrize(("robot", "app", "local"), [
    (ROBOT, ("", "", ""), False),                         # the police group robot
    ("", ("wwcorp", "1000002", "secret"), False),         # the WeCom app alone
    ("", ("", "", ""), True),                             # local mode records the alerts
])
def test_any_alert_route_or_local_mode_may_serve(robot, app, local):
    check_serveable(serveable(robot=robot, app=app, local=local))


def test_serve_without_an_alert_route_exits_2_naming_the_robot_webhook(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'api_base_url = "local"', 'api_base_url = "https://api.weixin.qq.com"', 1)
    text = text.replace('token = "jingmin-dev-token"', 'token = "own-token"', 1)
    write(tmp_path, text)
    result = run_jingmin("serve", "--config", "config.toml", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "wecom.robot_webhook" in lines[0]
    assert not (tmp_path / "data").exists()


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


def test_duty_mobiles_are_masked_when_the_config_is_logged(tmp_path):
    config = load_text(tmp_path, '[alerts]\nmobiles = ["13800001111"]\n')
    assert redacted(config)["alerts"]["mobiles"] == ["138****1111"]
