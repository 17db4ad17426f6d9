"""A fake Tencent (WeChat and WeCom APIs, group robot, groups and archive) on loopback, with
scriptable faults."""

from tests.fakes.base import OK
from tests.fakes.tencent import Call, FakeTencent, Fault

__all__ = ["OK", "Call", "FakeTencent", "Fault"]
