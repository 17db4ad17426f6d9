"""The [groups] section: the groups the branch reads, validated with the key named."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_config

UNITS = '[[units]]\nname = "古楼派出所"\n[[units]]\nname = "新区派出所"\n'
CHAT = ('[[groups.chats]]\nroom_id = "wrA"\nowner = "zhangjing"\nname = "柳园小区警务群"\n'
        'unit = "新区派出所"\narea = "柳园"\n')


def _load(tmp_path: Path, text: str, environ: dict[str, str] | None = None):
    path = tmp_path / "config.toml"
    path.write_text(UNITS + text, encoding="utf-8")
    return load_config(path, environ=environ or {})


def test_defaults_mean_no_group_door(tmp_path):
    groups = _load(tmp_path, "").groups
    assert not groups.enabled and groups.chats == () and groups.poll_s == 5.0
    assert groups.task_timeout_h == 24.0


def test_local_groups_are_read(tmp_path):
    groups = _load(tmp_path, '[groups]\narchive = "local"\npoll_s = 2\ntask_timeout_h = 6\n'
                   + CHAT).groups
    assert groups.enabled and groups.poll_s == 2.0 and groups.task_timeout_h == 6.0
    [chat] = groups.chats
    assert (chat.room_id, chat.owner, chat.name, chat.unit, chat.area) == (
        "wrA", "zhangjing", "柳园小区警务群", "新区派出所", "柳园")


def test_a_group_without_a_unit_belongs_to_the_first(tmp_path):
    [chat] = _load(tmp_path, '[groups]\narchive = "local"\n[[groups.chats]]\nroom_id = "wrB"\n'
                   ).groups.chats
    assert chat.unit == "古楼派出所"


def test_environment_overrides(tmp_path):
    groups = _load(tmp_path, "", {"JINGMIN_GROUPS_ARCHIVE": "local",
                                  "JINGMIN_GROUPS_POLL_S": "0.5"}).groups
    assert groups.archive == "local" and groups.poll_s == 0.5


@pytest.mark.parametrize(("text", "key"), [
    ('[groups]\narchive = "wechat"\n', "groups.archive"),
    ('[groups]\narchive = "sdk"\nsdk_library = "/x.so"\n', "groups.corp_id"),
    ('[groups]\npoll_s = 0\n', "groups.poll_s"),
    ('[groups]\npoll_s = "fast"\n', "groups.poll_s"),
    ('[groups]\ntask_timeout_h = 0\n', "groups.task_timeout_h"),
    ('[groups]\ntask_timeout_h = "a day"\n', "groups.task_timeout_h"),
    ('[groups]\nroom = "x"\n', "groups.room"),
    ('[[groups.chats]]\nowner = "x"\n', "groups.chats[0].room_id"),
    ('[[groups.chats]]\nroom_id = "wrA"\nunit = "无此单位"\n', "groups.chats[0].unit"),
    ('[[groups.chats]]\nroom_id = "wrA"\ncolour = "red"\n', "groups.chats[0].colour"),
    (CHAT + CHAT, "groups.chats[1].room_id"),
])
def test_bad_values_name_the_key(tmp_path, text, key):
    with pytest.raises(ConfigError) as error:
        _load(tmp_path, text)
    assert error.value.key == key


def test_the_archive_secret_is_never_shown(tmp_path):
    from bot.config import redacted

    config = _load(tmp_path, '[groups]\nsecret = "archive-secret-value"\n')
    assert "archive-secret-value" not in str(redacted(config))
