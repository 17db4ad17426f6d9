"""The campaign's invariants, read from the database tables, what residents were shown and
the instances' logs; printed as a table with the evidence, then asserted."""

from __future__ import annotations

import os
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import asyncpg

from handlers.texts import LINE_110
from tests.faults.cluster import Instance
from tests.faults.residents import Push, Residents, statuses

TOLD_WITHIN_S = 15.0
NUMBER = re.compile(r"[A-Z]{2,8}\d{8}-\d{4,}")
SAMPLES = 6


@dataclass
class Check:
    """One invariant's verdict on one scenario."""

    name: str
    ok: bool
    detail: str
    evidence: list[str] = field(default_factory=list)


@dataclass
class State:
    """What the database holds about the scenario's residents after the run."""

    inbound: list[asyncpg.Record]
    tickets: list[asyncpg.Record]
    events: list[asyncpg.Record]
    jobs: list[asyncpg.Record]

    @classmethod
    async def read(cls, dsn: str, openids: Sequence[str]) -> State:
        ids = list(set(openids))
        conn = await asyncpg.connect(dsn)
        # One snapshot: handling that commits while we read must not look half done.
        transaction = conn.transaction(isolation="repeatable_read", readonly=True)
        await transaction.start()
        try:
            inbound = await conn.fetch(
                "SELECT id, openid, coalesce(content, media_id) AS key, state, reply, reply_mode, "
                "lease_holder "
                "FROM inbound_messages WHERE openid = ANY($1::text[]) ORDER BY id", ids)
            tickets = await conn.fetch(
                "SELECT id, number, openid, kind, summary, area, contact_phone, location_label "
                "FROM tickets WHERE openid = ANY($1::text[]) ORDER BY id", ids)
            events = await conn.fetch(
                "SELECT e.ticket_id, e.type, e.text FROM ticket_events e "
                "JOIN tickets t ON t.id = e.ticket_id WHERE t.openid = ANY($1::text[])", ids)
            jobs = await conn.fetch(
                "SELECT id, kind, recipient, state, attempts, last_error, inbound_id, payload "
                "FROM outbox_jobs WHERE recipient = ANY($1::text[]) ORDER BY id", ids)
        finally:
            await transaction.rollback()
            await conn.close()
        return cls(list(inbound), list(tickets), list(events), list(jobs))


@dataclass
class Report:
    """A scenario's figures and verdicts."""

    scenario: str
    setup: str
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    load_before: tuple[float, float, float] = field(default_factory=os.getloadavg)

    def add(self, check: Check) -> None:
        self.checks.append(check)

    def render(self, instances: Sequence[Instance] = ()) -> str:
        load = os.getloadavg()
        lines = ["", f"=== {self.scenario}: {self.setup}",
                 f"machine: {os.cpu_count()} CPUs, load average {self.load_before[0]:.2f} before,"
                 f" {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} after (other engineers' work "
                 f"shares these cores)"]
        lines += [f"  {note}" for note in self.notes]
        width = max(len(c.name) for c in self.checks) if self.checks else 10
        for check in self.checks:
            lines.append(f"  {'PASS' if check.ok else 'FAIL'}  {check.name:<{width}}  "
                         f"{check.detail}")
            if not check.ok:
                lines += [f"        - {e}" for e in check.evidence[:SAMPLES + 4]]
        for instance in instances:
            counts, first = instance.evidence()
            if counts:
                lines.append(f"  log of {instance.name}"
                             f"{' (killed)' if instance.killed else ''}: "
                             + ", ".join(f"{n} × {label}" for label, n in counts.most_common()))
                lines += [f"        first {label}: {first[label]}" for label in counts]
        return "\n".join(lines)

    def failures(self) -> list[str]:
        return [f"{self.scenario}: {c.name}: {c.detail}" for c in self.checks if not c.ok]


def no_5xx(pushes: Sequence[Push]) -> Check:
    """The server never answers a 5xx to a push."""
    counts = statuses(pushes)
    bad = {s: n for s, n in counts.items() if isinstance(s, int) and s >= 500}
    evidence = [f"{p.openid}: deliveries answered {p.statuses}" for p in pushes
                if any(isinstance(s, int) and s >= 500 for s in p.statuses)][:SAMPLES]
    detail = f"deliveries answered {dict(counts.most_common())}"
    return Check("no 5xx", not bad, detail, evidence)


def stored_once(state: State, pushes: Sequence[Push]) -> Check:
    """Every accepted push is stored exactly once (no push stored twice, accepted or not)."""
    rows = Counter((r["openid"], r["key"]) for r in state.inbound)
    accepted = [p for p in pushes if p.accepted]
    missing = [p for p in accepted if rows[(p.openid, p.key)] == 0]
    twice = [p for p in pushes if rows[(p.openid, p.key)] > 1]
    unaccepted_stored = sum(1 for p in pushes if not p.accepted and rows[(p.openid, p.key)])
    detail = (f"{len(accepted) - len(missing)}/{len(accepted)} accepted pushes stored, "
              f"{len(twice)} stored more than once; {unaccepted_stored} never answered 200 "
              f"but stored (fine: handled all the same)")
    evidence = [f"{p.openid}: accepted, no row" for p in missing[:SAMPLES]]
    evidence += [f"{p.openid}: {rows[(p.openid, p.key)]} rows" for p in twice[:SAMPLES]]
    return Check("every accepted push stored once", not missing and not twice, detail, evidence)


def told_number(state: State, pushes: Sequence[Push], residents: Residents,
                within_s: float = TOLD_WITHIN_S, quota_spent: Collection[str] = ()) -> Check:
    """Every resident whose push the server holds is told their ticket number (passively or by
    customer-service message) within `within_s` of their first delivery; one WeChat refused for
    a spent quota (45047) within `within_s` of their next message, and visibly held till then."""
    tickets = defaultdict(list)
    for t in state.tickets:
        tickets[t["openid"]].append(t["number"])
    stored = {(r["openid"], r["key"]): r for r in state.inbound}
    jobs = {j["inbound_id"]: j for j in state.jobs if j["inbound_id"] is not None}
    owed = [p for p in pushes if p.accepted or (p.openid, p.key) in stored]
    in_time, late, never, delays, how, waiting = [], [], [], [], Counter(), 0
    for push in owed:
        numbers = tickets.get(push.openid, [])
        told = [t for t in residents.told.get(push.openid, [])
                if any(n in t.text for n in numbers)]
        first = min(told, key=lambda t: t.at) if told else None
        start = push.first_at
        if push.openid in quota_spent and start is not None:
            # WeChat lets the reply through from their next message on; till then, held.
            start = min((p.first_at for p in pushes if p.openid == push.openid and p.first_at
                         and p.first_at > push.first_at), default=None)
            row = stored.get((push.openid, push.key))
            if start is None and row is not None and jobs.get(row["id"], {}).get("state") == "held":
                waiting += 1
                continue
        if first is not None and push.first_at is not None:
            delay = first.at - (start or push.first_at)
            delays.append(delay)
            if delay <= within_s:
                in_time.append(push)
                how[first.how] += 1
                continue
            late.append((push, delay))
        else:
            never.append(push)
    detail = (f"{len(in_time)}/{len(owed)} told within {within_s:.0f} s "
              f"({how['passive']} passively, {how['customer_service']} by customer-service "
              f"message); {len(late)} later, {len(never)} never")
    if quota_spent:
        detail += (f"; {len(quota_spent)} refused for a spent quota (45047) timed from their "
                   f"next message, {waiting} held visibly (not written again)")
    if delays:
        ordered = sorted(delays)
        detail += (f"; delay p50 {statistics.median(ordered):.1f} s, "
                   f"max {ordered[-1]:.1f} s")
    evidence = [f"{p.openid}: told after {d:.1f} s" for p, d in late[:SAMPLES // 2]]
    for push in never[:SAMPLES]:
        row = stored.get((push.openid, push.key))
        job = jobs.get(row["id"]) if row is not None else None
        evidence.append(
            f"{push.openid}: deliveries {push.statuses}, tickets {tickets.get(push.openid)}, "
            + (f"message state={row['state']} reply_mode={row['reply_mode']}"
               if row is not None else "no message row")
            + (f", outbox job {job['state']} after {job['attempts']} attempts "
               f"({(job['last_error'] or '')[:80]})" if job is not None else ", no outbox job")
            + f", shown {[t.text[:30] for t in residents.told.get(push.openid, [])]}")
    if never:
        states = Counter((stored[(p.openid, p.key)]["state"],
                          stored[(p.openid, p.key)]["reply_mode"])
                         if (p.openid, p.key) in stored else ("no row", None) for p in never)
        evidence.insert(0, "never told, by message state and reply mode: "
                        + ", ".join(f"{s}/{m}: {n}" for (s, m), n in states.most_common()))
    return Check(f"every resident told their number within {within_s:.0f} s",
                 not late and not never, detail, evidence)


def one_ticket_each(state: State, pushes: Sequence[Push]) -> Check:
    """One message opened one ticket: none split, none reused, none doubled."""
    per_openid = Counter(t["openid"] for t in state.tickets)
    numbers = Counter(t["number"] for t in state.tickets)
    expected = Counter(p.openid for p in pushes)
    extra = [o for o, n in per_openid.items() if n > expected[o]]
    reused = [n for n, c in numbers.items() if c > 1]
    detail = (f"{len(state.tickets)} tickets for {len(expected)} residents; "
              f"{len(extra)} residents with more tickets than messages, {len(reused)} reused")
    evidence = [f"{o}: {per_openid[o]} tickets" for o in extra[:SAMPLES]] + reused[:SAMPLES]
    return Check("one ticket per message, numbers unique", not extra and not reused, detail,
                 evidence)


def delivered_once(state: State, pushes: Sequence[Push], residents: Residents) -> Check:
    """Every stored reply reaches the resident once (passively, by the outbox, or held, then
    inside the answer to their next message) or is visibly dead-lettered or still held."""
    shown = Counter((openid, t.text) for openid, told in residents.told.items()
                    for t in told if t.how == "customer_service")
    passive = {(p.openid, p.key): p for p in pushes}
    jobs = {j["inbound_id"]: j for j in state.jobs if j["inbound_id"] is not None}
    outcome: Counter[str] = Counter()
    bad: list[str] = []
    for row in state.inbound:
        push = passive.get((row["openid"], row["key"]))
        if row["state"] != "handled":
            outcome[f"unhandled ({row['state']})"] += 1
            bad.append(f"{row['openid']}: message still {row['state']} "
                       f"(lease {row['lease_holder']}) at the end")
            continue
        mode = row["reply_mode"]
        if mode == "passive":
            got = push is not None and any(t.text == row["reply"] for t in push.passive)
            outcome["passive" if got else "passive, lost"] += 1
            if not got:
                bad.append(f"{row['openid']}: reply stored as passive but no delivery carried "
                           f"it (deliveries {push.statuses if push else '?'})")
            elif shown[(row["openid"], row["reply"])]:
                bad.append(f"{row['openid']}: reply given passively and again by "
                           f"customer-service message")
            continue
        if mode != "outbox":
            outcome[mode or "no reply"] += 1
            continue
        job = jobs.get(row["id"])
        if job is None:
            outcome["outbox, no job"] += 1
            bad.append(f"{row['openid']}: reply_mode outbox but no outbox job")
            continue
        body = row["reply"].replace(LINE_110, "").strip()   # one 110 line a message
        times = shown[(row["openid"], row["reply"])] or sum(
            body in t.text for t in residents.told.get(row["openid"], []))
        if job["state"] == "sent" and times == 1:
            outcome["outbox, sent once"] += 1
        elif job["state"] in ("dead", "held"):
            outcome[f"outbox, {job['state']} (visible)"] += 1
        else:
            outcome[f"outbox, {job['state']}, shown {times}×"] += 1
            bad.append(f"{row['openid']}: outbox job {job['id']} {job['state']} after "
                       f"{job['attempts']} attempts, shown {times}× "
                       f"({(job['last_error'] or '')[:80]})")
    bad += [f"{openid}: the same customer-service message shown {n}×: {text[:40]}"
            for (openid, text), n in [(k, n) for k, n in shown.items() if n > 1][:SAMPLES]]
    detail = ", ".join(f"{k}: {n}" for k, n in outcome.most_common())
    return Check("every reply delivered once or dead-lettered visibly", not bad, detail,
                 _summarised(bad))


def no_mixup(state: State, pushes: Sequence[Push]) -> Check:
    """No ticket field, nor any event of a ticket, holds another message's text."""
    owner = {p.marker: p.openid for p in pushes if p.marker}
    by_id = {t["id"]: t for t in state.tickets}
    bad = []
    for t in state.tickets:
        for column in ("summary", "area", "contact_phone", "location_label"):
            bad += [f"{t['number']} ({t['openid']}).{column} holds {m} of {o}"
                    for m, o in owner.items() if o != t["openid"] and m in (t[column] or "")]
    for e in state.events:
        ticket = by_id[e["ticket_id"]]
        bad += [f"{ticket['number']} ({ticket['openid']}) event {e['type']} holds {m} of {o}"
                for m, o in owner.items() if o != ticket["openid"] and m in (e["text"] or "")]
    detail = (f"{len(state.tickets)} tickets and {len(state.events)} events read, "
              f"{len(bad)} fields with another message's text")
    return Check("no ticket field holds another message's text", not bad, detail, bad)


def standard(state: State, pushes: Sequence[Push], residents: Residents,
             quota_spent: Collection[str] = ()) -> list[Check]:
    """The invariants every scenario is held to (`quota_spent`: see told_number)."""
    return [stored_once(state, pushes),
            told_number(state, pushes, residents, quota_spent=quota_spent),
            delivered_once(state, pushes, residents), no_5xx(pushes),
            no_mixup(state, pushes), one_ticket_each(state, pushes)]


def _summarised(lines: list[str]) -> list[str]:
    """The first lines, and how many of each kind there were (by the words after the id)."""
    kinds = Counter(re.sub(r"\d+", "N", line.split(": ", 1)[-1])[:60] for line in lines)
    head = [f"{n} × {kind}" for kind, n in kinds.most_common(4)] if len(lines) > SAMPLES else []
    return head + lines[:SAMPLES]
