"""Evidence for a resident told late: their deliveries and every customer-service send the
fake Tencent saw for them, with what it answered and the pause before the next try."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import asyncpg

from tests.fakes import Call, FakeTencent
from tests.faults.invariants import TOLD_WITHIN_S, State
from tests.faults.residents import Push, Residents


def answer_of(call: Call) -> str:
    """What a call got, in a word: ok, an errcode, an HTTP status, or abandoned (timeout)."""
    if call.ok:
        return "ok"
    if call.fault == "hang" and not call.errcode:
        return "hung, abandoned by the caller" if call.ended_at is not None else "hung"
    if call.fault:
        return f"{call.fault}"
    return str(call.errcode) if call.errcode else "refused"


def first_told(push: Push, numbers: Sequence[str], residents: Residents) -> float | None:
    """When the resident first saw one of `numbers` (loop time), or None."""
    times = [t.at for t in residents.told.get(push.openid, [])
             if any(n in t.text for n in numbers)]
    return min(times) if times else None


def delay(state: State, push: Push, residents: Residents) -> float | None:
    """How long after their first delivery the resident was told their number, or None."""
    numbers = [t["number"] for t in state.tickets if t["openid"] == push.openid]
    at = first_told(push, numbers, residents)
    return None if at is None or push.first_at is None else at - push.first_at


def late(state: State, pushes: Sequence[Push], residents: Residents,
         within_s: float = TOLD_WITHIN_S) -> list[tuple[Push, float | None]]:
    """Residents' first pushes told later than `within_s`, or never: (push, delay or None)."""
    numbers: dict[str, list[str]] = {}
    for ticket in state.tickets:
        numbers.setdefault(ticket["openid"], []).append(ticket["number"])
    out, seen = [], set()
    for push in pushes:
        if push.openid in seen or push.first_at is None:
            continue
        seen.add(push.openid)
        at = first_told(push, numbers.get(push.openid, []), residents)
        if at is None or at - push.first_at > within_s:
            out.append((push, None if at is None else at - push.first_at))
    return out


async def stored(dsn: str, openids: Sequence[str], wall_zero: float) -> dict[str, list[str]]:
    """What the database says happened to each resident's messages and replies, times in
    seconds from `wall_zero` (time.time() at the scenario's start)."""
    conn = await asyncpg.connect(dsn)
    try:
        messages = await conn.fetch(
            "SELECT openid, id, extract(epoch FROM received_at) AS received, "
            "extract(epoch FROM handled_at) AS handled, reply_mode FROM inbound_messages "
            "WHERE openid = ANY($1::text[]) ORDER BY id", list(openids))
        jobs = await conn.fetch(
            "SELECT recipient, inbound_id, state, attempts, left(last_error, 90) AS error, "
            "extract(epoch FROM created_at) AS created, extract(epoch FROM sent_at) AS sent "
            "FROM outbox_jobs WHERE recipient = ANY($1::text[]) ORDER BY id", list(openids))
    finally:
        await conn.close()
    out: dict[str, list[str]] = defaultdict(list)

    def at(epoch: object) -> str:
        return "-" if epoch is None else f"{float(epoch) - wall_zero:.2f} s"

    for m in messages:
        out[m["openid"]].append(f"    message {m['id']}: received {at(m['received'])}, handled "
                                f"{at(m['handled'])}, reply {m['reply_mode']}")
    for j in jobs:
        out[j["recipient"]].append(
            f"    outbox job for message {j['inbound_id']}: created {at(j['created'])}, "
            f"{j['state']} after {j['attempts']} attempts, sent {at(j['sent'])}"
            + (f" ({j['error']})" if j["error"] else ""))
    return out


def lines(push: Push, fake: FakeTencent, zero: float, delay: float | None,
          db: dict[str, list[str]] | None = None) -> list[str]:
    """One resident's story, times in seconds from the scenario's start (`zero`)."""
    t0 = push.first_at or zero
    told = "never told" if delay is None else f"told after {delay:.1f} s"
    out = [f"{push.openid}: first delivery at {t0 - zero:.2f} s, {told}; deliveries "
           + ", ".join(f"{s} at {a - zero:.2f} s" for s, a in
                       zip(push.statuses, push.answered_at, strict=False))]
    out += (db or {}).get(push.openid, [])
    sends = [c for c in fake.calls_to("custom_send")
             if isinstance(c.body, dict) and c.body.get("touser") == push.openid]
    previous_end = None
    for n, call in enumerate(sends, 1):
        took = (call.ended_at or call.at) - call.at
        pause = ("" if previous_end is None
                 else f" (after a pause of {call.at - previous_end:.1f} s)")
        out.append(f"    custom/send #{n} at {call.at - zero:.2f} s{pause}: "
                   f"{answer_of(call)} in {took:.1f} s")
        previous_end = call.ended_at or call.at
    return out


def token_fetches(fake: FakeTencent, zero: float) -> str:
    """When stable_token was called, and with force_refresh how often."""
    calls = fake.calls_to("stable_token")
    forced = sum(1 for c in calls if isinstance(c.body, dict) and c.body.get("force_refresh"))
    at = ", ".join(f"{c.at - zero:.1f}" for c in calls[:30])
    return (f"stable_token called {len(calls)} times ({forced} with force_refresh), at {at} s"
            + (" …" if len(calls) > 30 else ""))


def send_starts(fake: FakeTencent, zero: float) -> str:
    """How many custom/send calls began in each second from the start."""
    seconds = Counter(int(c.at - zero) for c in fake.calls_to("custom_send"))
    return "custom/send calls begun per second: " + ", ".join(
        f"{s}s:{n}" for s, n in sorted(seconds.items()))


def sends_by_phase(fake: FakeTencent, zero: float, phases: Sequence[tuple[str, float]]) -> str:
    """How custom/send was answered in each phase of the storm (name, start in seconds)."""
    counts: dict[str, Counter[str]] = {name: Counter() for name, _ in phases}
    for call in fake.calls_to("custom_send"):
        name = phases[0][0]
        for phase, start in phases:
            if call.at - zero >= start:
                name = phase
        counts[name][answer_of(call)] += 1
    return "; ".join(f"{name}: {dict(c.most_common())}" for name, c in counts.items())
