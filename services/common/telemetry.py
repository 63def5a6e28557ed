"""Prometheus instruments shared by every stage (shell).

Each stage makes one ``StageTelemetry`` against a registry passed in, so a
test gets a fresh registry and a process exposes exactly its own stage.
Labels stay low-cardinality: outcomes, reasons, kinds, indicator codes.
"""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest

LATENCY_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
# fine below 2 s, where a healthy pipeline's records arrive, so histogram_quantile reads p99 to ~10%
E2E_BUCKETS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5, 7.5, 10, 30,
               60, 300)


class StageTelemetry:
    def __init__(self, stage: str, registry: CollectorRegistry) -> None:
        self.registry = registry
        self.messages = Counter(f"newsmetrics_{stage}_messages_total", f"messages {stage} has taken in, by outcome",
                                ["outcome"], registry=registry)
        self.seconds = Histogram(f"newsmetrics_{stage}_seconds", f"time {stage} spends on one message",
                                 buckets=LATENCY_BUCKETS, registry=registry)
        self.dead_letters = Counter("newsmetrics_dead_letters_total", "messages sent to the dead-letter topic",
                                    ["stage", "reason"], registry=registry)
        self.lag = Gauge("newsmetrics_consumer_lag_messages", "messages on a topic the stage has not fetched yet",
                         ["stage", "topic"], registry=registry)
        self.stage = stage

    def dead_letter(self, reason: str) -> None:
        self.messages.labels("dead_letter").inc()
        self.dead_letters.labels(self.stage, reason).inc()

    def exposition(self) -> tuple[bytes, str]:
        """The registry in Prometheus text format, with its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
