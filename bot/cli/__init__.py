"""The `jingmin` command (`main`) and its programs: chat, menu push, officers, exports and
figures, the working calendar, classify. None of them is imported by `jingmin serve`."""

from bot.cli.main import main

__all__ = ["main"]
