"""A fake Tencent (WeChat and WeCom APIs, group robot, groups and archive) on loopback, with
scriptable faults."""

from tests.fakes.tencent import OK, Call, FakeTencent, Fault

__all__ = ["OK", "Call", "FakeTencent", "Fault"]
