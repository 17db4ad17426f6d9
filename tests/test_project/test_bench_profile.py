"""bench/profile.py: the summary of py-spy's collapsed stacks."""

from bench import profile


def test_time_under_the_server_root_alone_is_not_ours(tmp_path):
    stacks = tmp_path / "spy.txt"
    stacks.write_text(
        "main (bot/cli/main.py:10);run (asyncio/base_events.py:5);select (selectors.py:3) 3\n"
        "main (bot/cli/main.py:10);handle (handlers/channels/intake.py:40);"
        "execute (site-packages/sqlalchemy/orm/session.py:9) 1\n", encoding="utf-8")
    ours = dict(profile.summarise(stacks)["ours"])
    assert ours["handlers.channels.intake"] == 0.25
    assert ours["(no frame of ours: SQLAlchemy's greenlets, the loop)"] == 0.75
    assert not any(name.startswith("bot.cli") for name in ours)
