"""Store's Faust agents (shell): news.metrics and news.articles → the repository, in batches.

A replayed message upserts the same row, so at-least-once delivery stores each fact once.
"""

from __future__ import annotations

import faust
from prometheus_client import Counter

from services.common import topics
from services.common.codec import decode_or_dead_letter, encode
from services.common.faustapp import bytes_topic
from services.common.schemas import Article, DeadLetter, MetricFact
from services.common.telemetry import StageTelemetry
from services.store.repository import Repository

BATCH = 500
WITHIN_SECONDS = 0.5


def register(app: faust.App, telemetry: StageTelemetry, repository: Repository) -> None:
    metrics, articles, dlq = (bytes_topic(app, t) for t in (topics.METRICS, topics.ARTICLES, topics.DLQ))
    stored = Counter("newsmetrics_store_facts_total", "metric facts stored (upserted), by indicator",
                     ["indicator"], registry=telemetry.registry)

    async def _dead(values: list[DeadLetter]) -> None:
        for letter in values:
            await dlq.send(key=None, value=encode(letter))
            telemetry.dead_letter(letter.reason)

    @app.agent(metrics)
    async def store_facts(stream: faust.StreamT) -> None:
        async for batch in stream.take(BATCH, within=WITHIN_SECONDS):
            with telemetry.seconds.time():
                decoded = [decode_or_dead_letter(v, MetricFact, stage="store") for v in batch]
                facts = [d for d in decoded if isinstance(d, MetricFact)]
                await _dead([d for d in decoded if isinstance(d, DeadLetter)])
                repository.store(facts, [])
                for fact in facts:
                    stored.labels(fact.indicator).inc()
                telemetry.messages.labels("ok").inc(len(facts))

    @app.agent(articles)
    async def store_articles(stream: faust.StreamT) -> None:
        async for batch in stream.take(BATCH, within=WITHIN_SECONDS):
            decoded = [decode_or_dead_letter(v, Article, stage="store") for v in batch]
            await _dead([d for d in decoded if isinstance(d, DeadLetter)])
            repository.store([], [d for d in decoded if isinstance(d, Article)])
