"""Store's Faust agents (shell): news.metrics and news.articles → the repository, in batches.

A replayed message upserts the same row, so at-least-once delivery stores each fact once.
"""

from __future__ import annotations

import time

import faust
from prometheus_client import Counter, Histogram

from services.common import topics
from services.common.codec import decode_or_dead_letter, encode
from services.common.faustapp import RECEIVED_HEADER, bytes_topic
from services.common.schemas import Article, DeadLetter, MetricFact
from services.common.telemetry import E2E_BUCKETS, StageTelemetry
from services.store.repository import Repository

BATCH = 500
WITHIN_SECONDS = 0.5


def register(app: faust.App, telemetry: StageTelemetry, repository: Repository) -> None:
    metrics, articles, dlq = (bytes_topic(app, t) for t in (topics.METRICS, topics.ARTICLES, topics.DLQ))
    stored = Counter("newsmetrics_store_facts_total", "metric facts stored (upserted), by indicator",
                     ["indicator"], registry=telemetry.registry)
    end_to_end = Histogram("newsmetrics_end_to_end_seconds", "from a feed item reaching news.raw to its facts stored",
                           buckets=E2E_BUCKETS, registry=telemetry.registry)

    def observe_latency(events: list) -> None:
        now = time.time()
        for event in events:
            stamp = (event.headers or {}).get(RECEIVED_HEADER)
            if stamp:
                end_to_end.observe(max(0.0, now - float(stamp)))

    async def _dead(values: list[DeadLetter]) -> None:
        for letter in values:
            await dlq.send(key=None, value=encode(letter))
            telemetry.dead_letter(letter.reason)

    @app.agent(metrics)
    async def store_facts(stream: faust.StreamT) -> None:
        async for events in stream.take_events(BATCH, within=WITHIN_SECONDS):  # type: ignore[attr-defined]
            with telemetry.seconds.time():
                decoded = [decode_or_dead_letter(e.value, MetricFact, stage="store") for e in events]
                facts = [d for d in decoded if isinstance(d, MetricFact)]
                await _dead([d for d in decoded if isinstance(d, DeadLetter)])
                repository.store(facts, [])
                observe_latency(events)
                for fact in facts:
                    stored.labels(fact.indicator).inc()
                telemetry.messages.labels("ok").inc(len(facts))

    @app.agent(articles)
    async def store_articles(stream: faust.StreamT) -> None:
        async for batch in stream.take(BATCH, within=WITHIN_SECONDS):
            decoded = [decode_or_dead_letter(v, Article, stage="store") for v in batch]
            await _dead([d for d in decoded if isinstance(d, DeadLetter)])
            repository.store([], [d for d in decoded if isinstance(d, Article)])
