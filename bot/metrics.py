"""Prometheus metrics: the counters of one app instance, and the service's own figures read
from the database at most every `TTL_S` seconds (a scrape in between gets the last
reading), labelled only by bounded vocabularies."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
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
# "joined": the message continued a ticket (an answer to its officer, more words on it).
OUTCOMES = ("acted", "menu", "joined")
# How a resident's push came to be handled (bot.channels.admission): a slot was free, it
# waited for one, or every slot was taken and it may be an emergency, which waits for no one.
ADMISSIONS = ("at_once", "waited", "urgent")


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
            "jingmin_classifications", "Fresh messages the bot acted on at once, answered "
            "with the quick menu, or joined to a ticket they continue", labels=["outcome"])
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


class Metrics:
    """The counters and histograms /metrics exposes."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("jingmin_http_requests", "HTTP requests by route and status",
                                ["route", "status"], registry=self.registry)
        self.reply_latency = Histogram(
            "jingmin_wechat_reply_seconds", "Time from a push's arrival to our answer",
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 4, 5),
            registry=self.registry)
        self.dedupe_hits = Counter("jingmin_inbound_duplicates",
                                   "Retried pushes recognised and answered alike",
                                   ["channel"], registry=self.registry)
        self.refusals = Counter("jingmin_inbound_refusals", "Pushes refused, by reason",
                                ["channel", "reason"], registry=self.registry)
        self.takeovers = Counter("jingmin_inbound_takeovers",
                                 "Messages whose handler died, taken over by a retry",
                                 ["channel"], registry=self.registry)
        self.late_replies = Counter("jingmin_late_replies",
                                    "Replies that missed the passive budget and went to the outbox",
                                    registry=self.registry)
        self.pushes_waiting = Gauge("jingmin_pushes_waiting",
                                    "Residents' pushes recorded and waiting for a handling slot",
                                    registry=self.registry)
        self.push_admissions = Counter("jingmin_push_admissions",
                                       "Residents' pushes handled, by how they got a slot",
                                       ["way"], registry=self.registry)
        for way in ADMISSIONS:
            self.push_admissions.labels(way)
        self.outbox = Counter("jingmin_outbox_jobs", "Outbox job outcomes by kind",
                              ["kind", "outcome"], registry=self.registry)
        # Each request's labelled counter, kept once made: labels() checks and converts its
        # values and takes a lock on every call, and every push is a request. Bounded by the
        # routes and the statuses they answer with.
        self._requests: dict[tuple[str, int], Counter] = {}
        # Figures of the service itself (tickets, emergencies, verdicts), from the database.
        self.business = BusinessFigures()
        self.registry.register(self.business)
        # Requests under way and when the last one ended: whether the server is quiet.
        self.in_flight = 0
        self.last_done = time.monotonic()

    def request_started(self) -> None:
        """A request is being handled."""
        self.in_flight += 1

    def quiet_for(self, now: float) -> float:
        """Seconds (monotonic `now`) since the last request ended; 0 while one runs."""
        return 0.0 if self.in_flight else max(now - self.last_done, 0.0)

    def request_done(self, route: str, status: int) -> None:
        """Count one HTTP request on `route` answered with `status`."""
        self.in_flight -= 1
        self.last_done = time.monotonic()
        counter = self._requests.get((route, status))
        if counter is None:
            counter = self._requests[route, status] = self.requests.labels(route, str(status))
        counter.inc()

    def render(self) -> bytes:
        """The text exposition of every metric."""
        return generate_latest(self.registry)
