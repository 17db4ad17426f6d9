"""`jingmin serve` refuses a configuration that must not serve: a bad file (exit 2, one line
naming the key), development secrets off loopback, no route for alerts."""

from __future__ import annotations

import dataclasses

import pytest

from bot.config import DEV_AES_KEY, DEV_TOKEN, Config, ConfigError, DebugConfig
from bot.server import check_serveable
from tests.support.configs import EXAMPLE, OWN_AES_KEY, run_jingmin, write


def test_serve_with_a_broken_toml_file_exits_2_in_one_line(tmp_path):
    write(tmp_path, '[server]\nhost = "127.0.0.1\n')
    result = run_jingmin("serve", "--config", "config.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "config.toml" in result.stderr



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

