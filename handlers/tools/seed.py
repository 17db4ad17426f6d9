"""Made-up but plausible tickets for development and benchmarks: opened over recent weeks,
assigned, answered, resolved, closed or reopened, some judged by residents."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.tickets.sla import KIND_PRIORITY
from storage.tickets import seed as seed_store

KIND_WEIGHTS = {"complaint": 45, "appointment": 25, "consult": 18, "feedback": 10,
                "emergency": 2}
CHANNEL_WEIGHTS = {"wechat": 70, "hotline": 20, "wecom": 5, "console": 5}
# Calendar approximations of §5's deadlines (seed data need not follow the work calendar).
DUE = {"P1": (timedelta(minutes=15), timedelta(hours=24)),
       "P2": (timedelta(hours=6), timedelta(days=4)),
       "P3": (timedelta(days=1), timedelta(days=7)),
       "P4": (timedelta(days=3), timedelta(days=14))}
SUMMARIES = (
    "{area}小区楼下每天晚上十点以后有人大声喧哗，严重影响休息，联系电话{phone}",
    "{area}路口经常有车辆违停堵住消防通道，希望民警处理",
    "我的身份证{id}丢失了，想预约补办，请问需要带什么材料",
    "邻居在楼道堆放杂物，多次沟通无果，{area}",
    "接到自称客服的电话让转账，已经转了2000元，怀疑被骗，电话{phone}",
    "想预约办理居住证，下周一上午有时间",
    "感谢{area}派出所民警热心帮助找回丢失的电动车",
    "请问户口迁移需要哪些手续？",
    "=HYPERLINK(\"http://example.com\") 测试公式注入 {area}",
    "{area}菜市场附近有人摆摊占道经营，晚上烧烤油烟很大",
)
AREAS = ("古楼街道", "柳园", "新区街道", "湖西", "凤凰苑", "东关")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"


@dataclass
class SeedBatch:
    """Rows for one bulk insert: tickets (by local day, awaiting numbers), events, verdicts."""

    tickets: list[dict[str, Any]] = field(default_factory=list)
    events: list[list[dict[str, Any]]] = field(default_factory=list)
    verdicts: list[dict[str, Any] | None] = field(default_factory=list)
    days: list[str] = field(default_factory=list)


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"


def _id_number(rng: random.Random) -> str:
    return f"371502{rng.randrange(1950, 2005)}{rng.randrange(1, 13):02d}" \
           f"{rng.randrange(1, 29):02d}{rng.randrange(1000):03d}{rng.choice('0123456789X')}"


def officers(units: Sequence[str], per_unit: int = 5) -> list[dict[str, Any]]:
    """Seed officers (no usable password) so assignees have names."""
    rng = random.Random(7)
    return [{"username": f"seed{u}-{k}", "unit": unit, "role": "officer",
             "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
             "password_hash": "!", "disabled": True, "failed_logins": 0}
            for u, unit in enumerate(units) for k in range(per_unit)]


class Generator:
    """Tickets opened uniformly over the `weeks` before `now`; `open_share` of them are
    left unresolved, the rest resolved (then closed, reopened or judged)."""

    def __init__(self, *, now: datetime, tz: tzinfo, units: Sequence[str], weeks: int = 12,
                 open_share: float = 0.3, seed: int = 1) -> None:
        self.now, self.tz, self.units = now, tz, list(units)
        self.span = timedelta(weeks=weeks)
        self.open_share = open_share
        self.rng = random.Random(seed)

    def batch(self, count: int) -> SeedBatch:
        """`count` tickets with their timelines."""
        batch = SeedBatch()
        for _ in range(count):
            self._one(batch)
        return batch

    def _event(self, at: datetime, actor: str, type: str, text: str = "",
               **data: Any) -> dict[str, Any]:
        return {"at": at, "actor": actor, "type": type, "text": text,
                "data": json.dumps(data, ensure_ascii=False)}

    def _one(self, batch: SeedBatch) -> None:
        rng = self.rng
        created = self.now - self.span * rng.random()
        kind = _pick(rng, KIND_WEIGHTS)
        priority = KIND_PRIORITY[kind]
        first_due, resolve_due = (created + d for d in DUE[priority])
        u = rng.randrange(len(self.units))
        unit = self.units[u]
        anonymous = kind == "complaint" and rng.random() < 0.05
        phone = None if anonymous or rng.random() < 0.3 else _phone(rng)
        summary = rng.choice(SUMMARIES).format(area=rng.choice(AREAS), phone=_phone(rng),
                                               id=_id_number(rng))
        channel = _pick(rng, CHANNEL_WEIGHTS)
        events = [self._event(created, "system", "created", summary, kind=kind,
                              priority=priority, channel=channel, unit=unit)]
        ticket: dict[str, Any] = {
            "kind": kind, "status": "new", "priority": priority, "channel": channel,
            "unit": unit, "flagged_unassigned": False, "assignee": None,
            "openid": None, "contact_phone": phone, "anonymous": anonymous,
            "summary": summary, "area": None, "intent_reasons": "[]", "created_at": created,
            "first_response_due": first_due, "resolve_due": resolve_due}
        verdict = None
        status, at = "new", created

        def move(to: str, when: datetime, actor: str, text: str = "") -> None:
            nonlocal status, at
            events.append(self._event(when, actor, "status", text, **{"from": status, "to": to}))
            status, at = to, when

        step = (resolve_due - created) / 4
        if rng.random() < 0.9 and created + step < self.now:
            officer = f"seed{u}-{rng.randrange(5)}"
            ticket["assignee"] = officer
            when = created + step * rng.random() * 0.5
            events.append(self._event(when, "system", "assigned", officer=officer))
            move("assigned", when, "system")
            when = at + step * rng.random()
            if when < self.now:
                events.append(self._event(when, officer, "reply_out", "您好，已收到，正在处理。",
                                          first_response=True))
                ticket["first_response_at"] = when
                move("in_progress", when, officer)
            resolved = at + step * 4 * rng.random() * 1.3
            if rng.random() >= self.open_share and resolved < self.now:
                move("resolved", resolved, officer, "已处理完毕")
                ticket["resolved_at"] = resolved
                answer = at + timedelta(hours=rng.randrange(1, 72))
                if answer < self.now and rng.random() < 0.6:
                    solved = rng.random() < 0.85
                    verdict = {"solved": solved, "satisfaction": rng.randint(3, 5) if solved
                               else rng.randint(1, 3), "comment": None, "asked_at": at,
                               "answered_at": answer}
                    events.append(self._event(answer, "resident", "verdict", solved=solved))
                    if solved:
                        move("closed", answer, "resident")
                        ticket["closed_at"] = answer
                    else:
                        move("reopened", answer, "resident")
        ticket.update(status=status, updated_at=at)
        batch.tickets.append(ticket)
        batch.events.append(events)
        batch.verdicts.append(verdict)
        batch.days.append(created.astimezone(self.tz).strftime("%Y%m%d"))


async def number(session: AsyncSession, batch: SeedBatch, prefix: str) -> None:
    """Give the batch's tickets numbers from the live daily counters."""
    by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ticket, day in zip(batch.tickets, batch.days, strict=True):
        by_day[day].append(ticket)
    for day, tickets in sorted(by_day.items()):
        first = await seed_store.reserve_numbers(session, day, len(tickets))
        for offset, ticket in enumerate(sorted(tickets, key=lambda t: t["created_at"])):
            ticket["number"] = f"{prefix}{day}-{first + offset:04d}"


async def seed(sessions: async_sessionmaker[AsyncSession], count: int, *, now: datetime,
               tz: tzinfo, prefix: str, units: Sequence[str], weeks: int = 12,
               open_share: float = 0.3, batch_size: int = 2000, seed: int = 1) -> int:
    """Insert `count` made-up tickets in batches; returns how many were made."""
    generator = Generator(now=now, tz=tz, units=units, weeks=weeks, open_share=open_share,
                          seed=seed)
    async with sessions() as session, session.begin():
        await seed_store.add_officers(session, officers(units))
    made = 0
    while made < count:
        batch = generator.batch(min(batch_size, count - made))
        async with sessions() as session, session.begin():
            await number(session, batch, prefix)
            await seed_store.insert_tickets(session, batch.tickets, batch.events,
                                            batch.verdicts)
        made += len(batch.tickets)
    return made
