"""The mixed load of `make bench`: residents holding real conversations, texts drawn from our
own labelled data (handlers/data, read at bench time), encrypted beforehand.

A resident has one conversation, or two (a returning resident: the second starts after the
first ends): a complaint with its follow-ups (where, when, phone, photos), an appointment
(time, name, phone, confirmation), a consultation, a status question, feedback, or an
emergency (5 % of all messages). The follow-up answers are made up here; the openers are the
corpus's and the evaluation file's own messages of that intent.
"""

from __future__ import annotations

import base64
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from wechatpy.crypto import PrpCrypto

from bench.pushes import sealed, text_message
from bot.config import Config
from handlers.core.settings import TicketSettings
from handlers.dialogs.slots import told_when
from handlers.dialogs.steps import Invalid
from handlers.intents.appointment import service_in, time_told
from handlers.intents.bookings import stations
from handlers.tickets.routing import route
from handlers.tickets.workcalendar import WorkCalendar
from storage.base import utcnow

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "handlers" / "data"
SOURCES = ("intents_eval.tsv", "intents_corpus.tsv")
EMERGENCY_SHARE = 0.05
RETURNING_SHARE = 0.4
# Conversations other than emergencies, by weight (a complaint or an appointment is five
# messages, the others one).
WEIGHTS = {"complaint": 16, "appointment": 8, "consult": 30, "status": 14, "feedback": 12}
PLACES = ["古楼街道柳园小区{n}号楼", "新区街道东昌花园{n}单元", "湖西街道湖滨路{n}号",
          "东城街道振兴路与柳园路路口", "古楼街道光岳楼附近的{n}号商铺"]
TIMES = ["每天晚上11点以后", "昨天下午三点左右", "今天早上七点多", "上周六晚上", "一直都这样"]
WHEN_BOOKED = ["下周一上午", "12月8日下午", "明天上午", "周三下午两点", "下周五上午"]
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "赵磊", "孙丽", "周强"]


@dataclass(frozen=True)
class Plan:
    """What a run sends: each resident's messages in order, and the mix they make."""

    residents: dict[str, list[tuple[str, str, str]]]   # openid -> [(nonce, target, body)]
    kinds: Counter[str]                                 # messages by conversation kind
    conversations: Counter[str]
    returning: int

    @property
    def messages(self) -> int:
        return sum(len(m) for m in self.residents.values())


def openers() -> dict[str, list[str]]:
    """Messages of each intent from the evaluation file and the corpus (label<TAB>text)."""
    texts: dict[str, list[str]] = {}
    for name in SOURCES:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            label, _, text = line.partition("\t")
            if text and "\t" not in text and len(text) <= 400:
                texts.setdefault(label, []).append(text)
    missing = {*WEIGHTS, "emergency"} - set(texts)
    if missing:
        raise ValueError(f"no {sorted(missing)} messages in {', '.join(SOURCES)}")
    return texts


class Bookings:
    """Whether a booking's first message names a time the appointment dialog takes, so that
    it does not ask for one: the dialog's own check, on the served configuration's stations
    and the working calendar (holidays and make-up days; a bench's fresh database holds no
    officers' overrides)."""

    def __init__(self, config: Config, now: Callable[[], datetime] = utcnow) -> None:
        self._settings = TicketSettings.from_config(config)
        self._calendar = WorkCalendar(self._settings.tz)
        self._now = now

    def asks_station(self, first: str) -> bool:
        """True when the dialog asks at which station (a window's business, none named)."""
        where = route(self._settings.units, self._settings.default_unit, text=first)
        data = {"service": service_in(first), "_stations": stations.stations(self._settings)}
        return where.flagged and stations.asked(data)

    def told_in(self, first: str) -> bool:
        """True when `first` books a time the dialog accepts."""
        try:
            return time_told(self._settings, self._calendar, first, self._now()) is not None
        except Invalid:
            return False


def conversation(kind: str, rng: random.Random, texts: dict[str, list[str]],
                 bookings: Bookings) -> list[str]:
    """One conversation's messages, in order."""
    first = rng.choice(texts[kind])
    phone = f"13{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}"
    if kind == "complaint":
        # The dialog does not ask when of a report that said it: nor does its resident answer.
        when = [] if told_when(first) else [rng.choice(TIMES)]
        return [first, rng.choice(PLACES).format(n=rng.randint(1, 30)), *when,
                rng.choice([phone, "无"]), "无"]
    if kind == "appointment":
        # Nor is a time asked that the first message booked or that the station tells (a
        # forum's), nor answered.
        when = [] if bookings.told_in(first) else [rng.choice(WHEN_BOOKED)]
        station = [str(rng.randint(1, 3))] if bookings.asks_station(first) else []
        return [first, *station, *when, rng.choice(NAMES), phone, "1"]
    return [first]


def plan(messages: int, token: str, aes_key: str, tag: str, config: Config,
         seed: int = 16) -> Plan:
    """About `messages` pushes in conversations with the server serving `config`, encrypted
    now (the server refuses pushes older than max_clock_skew_s)."""
    rng = random.Random(seed)
    bookings = Bookings(config)
    texts = openers()
    crypto = PrpCrypto(base64.b64decode(aes_key + "="))
    timestamp = str(int(time.time()))
    msg_id = time.time_ns() // 1000
    residents: dict[str, list[tuple[str, str, str]]] = {}
    kinds: Counter[str] = Counter()
    conversations: Counter[str] = Counter()
    returning = sent = 0
    names, weights = list(WEIGHTS), list(WEIGHTS.values())
    while sent < messages:
        openid = f"o{tag}{len(residents):06d}"
        two = rng.random() < RETURNING_SHARE
        returning += two
        lines = []
        for _ in range(2 if two else 1):
            # Emergencies are drawn to make EMERGENCY_SHARE of the messages, not of the talks.
            emergency = kinds["emergency"] < EMERGENCY_SHARE * (sent + len(lines) + 1)
            kind = "emergency" if emergency else rng.choices(names, weights)[0]
            for text in conversation(kind, rng, texts, bookings):
                nonce = f"{tag}{sent + len(lines):08d}"
                msg_id += 1
                xml = text_message(openid, _cdata(text), msg_id, timestamp)
                target, body = sealed(crypto, token, timestamp, nonce, openid, xml)
                lines.append((nonce, target, body))
                kinds[kind] += 1
            conversations[kind] += 1
        residents[openid] = lines
        sent += len(lines)
    return Plan(residents, kinds, conversations, returning)


def _cdata(text: str) -> str:
    """`text` safe inside CDATA."""
    return text.replace("]]>", "]]]]><![CDATA[>")


def describe(p: Plan) -> str:
    """One line on the mix."""
    total = p.messages
    shares = ", ".join(f"{k} {n / total:.0%}" for k, n in p.kinds.most_common())
    return (f"{total} messages from {len(p.residents)} residents ({p.returning} returning for "
            f"a second conversation): {shares}")
