"""Prometheus metrics of one app instance."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from bot.business_metrics import BusinessFigures


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
        self.outbox = Counter("jingmin_outbox_jobs", "Outbox job outcomes by kind",
                              ["kind", "outcome"], registry=self.registry)
        # Figures of the service itself (tickets, emergencies, verdicts), from the database.
        self.business = BusinessFigures()
        self.registry.register(self.business)

    def render(self) -> bytes:
        """The text exposition of every metric."""
        return generate_latest(self.registry)
