"""The Tencent scenario's own invariants, read from what the fake Tencent answered: a refused
token is replaced and the call repeated at once; a spent quota (45047) is held for the
resident's next message, not retried into the quota."""

from __future__ import annotations

from collections import defaultdict

from tests.fakes import Call, FakeTencent
from tests.faults.invariants import Check, State

TOKEN_CODES = (40001, 42001)
AT_ONCE_S = 2.0     # "at once": no back-off, only the new token's look-up (slow under load)


def _by_resident(fake: FakeTencent) -> dict[str, list[Call]]:
    calls: dict[str, list[Call]] = defaultdict(list)
    for call in fake.calls_to("custom_send"):
        if isinstance(call.body, dict):
            calls[str(call.body.get("touser", ""))].append(call)
    return calls


def quota_refused(fake: FakeTencent) -> set[str]:
    """Residents WeChat refused a customer-service message for a spent quota (45047)."""
    return {openid for openid, calls in _by_resident(fake).items()
            if any(c.errcode == 45047 for c in calls)}


def token_refusals(fake: FakeTencent) -> Check:
    """Every send refused for its token (40001, 42001) is repeated at once with another token,
    or is itself that one repeat (a second refusal goes back to the outbox's schedule)."""
    first, repeated, bad = 0, 0, []
    for openid, calls in _by_resident(fake).items():
        for n, call in enumerate(calls):
            if call.errcode not in TOKEN_CODES:
                continue
            before = calls[n - 1] if n else None
            if before is not None and before.errcode in TOKEN_CODES and \
                    call.at - (before.ended_at or before.at) <= AT_ONCE_S and \
                    call.query.get("access_token") != before.query.get("access_token"):
                continue    # the repeat of the call before it
            first += 1
            after = calls[n + 1] if n + 1 < len(calls) else None
            if after is not None and after.at - (call.ended_at or call.at) <= AT_ONCE_S and \
                    after.query.get("access_token") != call.query.get("access_token"):
                repeated += 1
            else:
                bad.append(f"{openid}: refused {call.errcode} and not repeated at once with "
                           f"another token")
    detail = (f"{first} sends refused for their token, {repeated} repeated at once with a "
              f"new token; stable_token called {len(fake.calls_to('stable_token'))} times")
    if not first:
        # Every place to send can still be hung (the hang phase) while the 42001 storm lasts;
        # the unit tests of the WeChat client cover the mechanism itself.
        detail += " (not reached in this run: no send began during the 42001 storm)"
    return Check("a refused token is replaced and the send repeated at once", not bad, detail,
                 bad[:6])


def quota_held(fake: FakeTencent, state: State, scripted: set[str]) -> Check:
    """Residents refused for a spent quota: at least one (the scenario exercises it), only
    scripted ones, and each refused reply held for their next message: never sent to WeChat
    again while the quota is spent, never dead."""
    refused = quota_refused(fake)
    calls = _by_resident(fake)
    bad = [f"{o}: refused 45047 but its quota was never spent" for o in refused - scripted]
    for openid in refused:
        spent = [c for c in calls[openid] if c.errcode == 45047]
        jobs = [j for j in state.jobs if j["recipient"] == openid and j["kind"] == "wechat_text"]
        if len(spent) > len(jobs):
            bad.append(f"{openid}: {len(spent)} sends refused 45047 for {len(jobs)} replies "
                       f"(retried into a spent quota)")
        bad += [f"{openid}: outbox job {j['id']} dead ({(j['last_error'] or '')[:60]})"
                for j in jobs if j["state"] == "dead"]
    held = sum(1 for j in state.jobs if j["recipient"] in refused and j["state"] == "held")
    detail = (f"{len(refused)} of {len(scripted)} residents with a spent quota refused by "
              f"WeChat (45047); {held} replies still held for their next message")
    return Check("a spent quota (45047) holds the reply for the resident's next message",
                 bool(refused) and not bad, detail if refused else detail + " (not exercised)",
                 bad[:6])
