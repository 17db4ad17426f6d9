"""Errors of the Tencent APIs (WeChat, WeCom) and what the outbox should do about each."""

from __future__ import annotations

import re
from typing import Literal

Outcome = Literal["retry", "give_up", "window_closed", "quota"]

# Codes of our own, not Tencent's: the transport failed before an errcode arrived.
TRANSPORT = -1

# errcode -> outcome; anything not listed gives up (a retry would fail the same way).
OUTCOMES: dict[int, Outcome] = {
    -1: "retry",             # system busy; also our timeouts and connection errors
    45009: "retry",          # rate limit (API frequency, robot 20/min)
    40001: "retry",          # invalid token: the client re-fetches once, then the outbox retries
    42001: "retry",          # expired token: likewise
    40014: "retry",          # invalid token (WeCom): likewise
    45015: "window_closed",  # 48-hour window closed, or the resident unsubscribed
    43004: "window_closed",  # not a follower
    45047: "quota",          # 5 customer-service messages per window used up
    40003: "give_up",        # bad openid
    40037: "give_up",        # bad template id
    40007: "give_up",        # bad media id
    40164: "give_up",        # server IP not whitelisted
    48001: "give_up",        # API not authorised for this account
}

# Codes that mean "the access token is bad": re-fetch it once and repeat the call once.
TOKEN_CODES = frozenset({40001, 42001, 40014})

# HTTP 5xx from Tencent's front ends is transient.
_HTTP_RETRY = range(500, 600)

_SECRET_PARAM = re.compile(r"(access_token|corpsecret|secret|key)=[^&\s'\"]+", re.IGNORECASE)


def classify(code: int) -> Outcome:
    """What to do after errcode (or HTTP status 5xx) `code`."""
    if code in _HTTP_RETRY:
        return "retry"
    return OUTCOMES.get(code, "give_up")


def redact(text: str) -> str:
    """`text` with access tokens, secrets and webhook keys in URLs hidden."""
    return _SECRET_PARAM.sub(r"\1=***", text)


class ApiError(Exception):
    """A failed Tencent call: `code` (errcode, HTTP status or -1), `message`, `outcome`."""

    def __init__(self, code: int, message: str, outcome: Outcome | None = None) -> None:
        self.code = code
        self.message = redact(message)
        self.outcome: Outcome = outcome or classify(code)
        super().__init__(f"errcode {code}: {self.message}")
