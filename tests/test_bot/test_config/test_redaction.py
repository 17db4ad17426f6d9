"""The configuration as logged: every secret and officers' phones hidden."""

from __future__ import annotations

import json

from bot.config import Config, load_config, redacted
from tests.support.configs import EXAMPLE, OWN_AES_KEY, load_text


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



def test_duty_mobiles_are_masked_when_the_config_is_logged(tmp_path):
    config = load_text(tmp_path, '[alerts]\nmobiles = ["13800001111"]\n')
    assert redacted(config)["alerts"]["mobiles"] == ["138****1111"]
