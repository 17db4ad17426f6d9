"""Business figures on /metrics: read from the database at most every `ttl` seconds (a
scrape in between gets the last reading), labelled only by bounded vocabularies."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import gauges
from storage.tickets.models import CHANNELS, KINDS

log = logging.getLogger(__name__)

TTL_S = 15.0
# Outbox job kinds this code writes; anything else is counted as "other", so no stored
# value can grow the label set.
OUTBOX_KINDS = ("wechat_text", "wechat_template", "wecom_robot", "wecom_app", "media_fetch",
                "sms")
OUTCOMES = ("acted", "menu")


class BusinessFigures(Collector):
    """A Prometheus collector over the last reading of `storage.gauges`."""

    def __init__(self, ttl: float = TTL_S, clock=time.monotonic) -> None:
        self.ttl = ttl
        self._clock = clock
        self._figures: gauges.Figures | None = None
        self._read_at = -float("inf")
        self._lock = asyncio.Lock()

    async def refresh(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        """Read the figures again if the last reading is older than `ttl`; concurrent
        scrapes share one read. A failed read keeps the last figures (healthz reports it)."""
        if self._clock() - self._read_at < self.ttl:
            return
        async with self._lock:
            if self._clock() - self._read_at < self.ttl:
                return
            try:
                async with sessions() as session:
                    self._figures = await gauges.read(session)
            except (SQLAlchemyError, OSError, TimeoutError) as exc:
                log.warning("business figures not read: %s", exc.__class__.__name__)
            self._read_at = self._clock()

    def collect(self) -> Iterator[CounterMetricFamily | GaugeMetricFamily]:
        """The families of the last reading (none before the first)."""
        figures = self._figures
        if figures is None:
            return
        opened = CounterMetricFamily("jingmin_tickets_opened", "Tickets opened, by kind and "
                                     "channel", labels=["kind", "channel"])
        for kind in KINDS:
            for channel in CHANNELS:
                opened.add_metric([kind, channel], figures.opened.get((kind, channel), 0))
        yield opened
        yield GaugeMetricFamily("jingmin_emergencies_unacknowledged",
                                "Open emergencies nobody has acknowledged yet",
                                value=figures.unacknowledged)
        dead = GaugeMetricFamily("jingmin_outbox_dead_letters",
                                 "Outbox jobs given up on, by kind", labels=["kind"])
        for kind, count in _bounded(figures.dead_letters, OUTBOX_KINDS).items():
            dead.add_metric([kind], count)
        yield dead
        classified = CounterMetricFamily(
            "jingmin_classifications", "Fresh messages the bot acted on at once, or answered "
            "with the quick menu", labels=["outcome"])
        for outcome in OUTCOMES:
            classified.add_metric([outcome], figures.classified.get(outcome, 0))
        yield classified
        scores = GaugeMetricFamily("jingmin_verdict_satisfaction",
                                   "Residents' verdicts by satisfaction (1-5)", labels=["score"])
        for score in range(1, 6):
            scores.add_metric([str(score)], figures.satisfaction.get(score, 0))
        yield scores
        solved = GaugeMetricFamily("jingmin_verdict_solved",
                                   "Residents' answers to 问题解决了吗", labels=["solved"])
        for value, label in ((True, "yes"), (False, "no")):
            solved.add_metric([label], figures.solved.get(value, 0))
        yield solved


def _bounded(counts: dict[str, int], known: tuple[str, ...]) -> dict[str, int]:
    """Known labels (zero when absent) and the rest summed as "other"."""
    result = {name: counts.get(name, 0) for name in known}
    result["other"] = sum(n for name, n in counts.items() if name not in known)
    return result
