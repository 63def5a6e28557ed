"""Store's Faust agents (shell): news.metrics, news.articles and news.clean → the repository, in batches.

A replayed message upserts the same row, so at-least-once delivery stores each
fact once. A tombstone on news.metrics (a null value keyed by ``fact_id``, sent
by ``newsmetrics reextract``) deletes that fact. news.clean is kept as the
documents re-extraction runs on.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, TypeVar

import faust
from prometheus_client import Counter, Histogram
from pydantic import BaseModel

from services.common import topics
from services.common.codec import decode_or_dead_letter
from services.common.faustapp import RECEIVED_HEADER, Outlet, bytes_topic
from services.common.schemas import Article, CleanItem, DeadLetter, MetricFact
from services.common.telemetry import E2E_BUCKETS, StageTelemetry
from services.store.repository import Repository

BATCH = 500
WITHIN_SECONDS = 0.5
M = TypeVar("M", bound=BaseModel)


def register(app: faust.App, telemetry: StageTelemetry, repository: Repository) -> None:
    metrics, articles, clean = (bytes_topic(app, t) for t in (topics.METRICS, topics.ARTICLES, topics.CLEAN))
    dlq = Outlet(app, topics.DLQ)
    stored = Counter("newsmetrics_store_facts_total", "metric facts stored (upserted), by indicator",
                     ["indicator"], registry=telemetry.registry)
    retracted = Counter("newsmetrics_store_facts_retracted_total", "metric facts deleted by a tombstone",
                        registry=telemetry.registry)
    end_to_end = Histogram("newsmetrics_end_to_end_seconds", "from a feed item reaching news.raw to its facts stored",
                           buckets=E2E_BUCKETS, registry=telemetry.registry)

    def observe_latency(events: Sequence[Any]) -> None:
        now = time.time()
        for event in events:
            stamp = (event.headers or {}).get(RECEIVED_HEADER)
            if stamp:
                end_to_end.observe(max(0.0, now - float(stamp)))

    async def readable(events: Sequence[Any], model: type[M]) -> list[tuple[str, M | None]]:
        """(key, value as ``model``) of each event, None for a tombstone; what cannot be read goes to
        the DLQ."""
        out: list[tuple[str, M | None]] = []
        for event in events:
            key = (event.key or b"").decode("utf-8", errors="replace")
            if event.value is None:
                out.append((key, None))
                continue
            decoded = decode_or_dead_letter(event.value, model, stage="store")
            if isinstance(decoded, DeadLetter):
                await dlq.send(event.key, decoded)
                telemetry.dead_letter(decoded.reason)
            else:
                out.append((key, decoded))
        return out

    async def values(events: Sequence[Any], model: type[M]) -> list[M]:
        return [value for _, value in await readable(events, model) if value is not None]

    @app.agent(metrics)
    async def store_facts(stream: faust.StreamT) -> None:
        async for events in stream.take_events(BATCH, within=WITHIN_SECONDS):  # type: ignore[attr-defined]
            with telemetry.seconds.time():
                latest: dict[str, MetricFact | None] = {}  # the last record of a key wins, as after compaction
                for key, fact in await readable(events, MetricFact):
                    latest[fact.fact_id if fact else key] = fact
                facts = [f for f in latest.values() if f is not None]
                gone = [k for k, f in latest.items() if f is None]
                repository.store(facts=facts, retracted=gone)
                observe_latency(events)
                for fact in facts:
                    stored.labels(fact.indicator).inc()
                retracted.inc(len(gone))
                telemetry.messages.labels("ok").inc(len(facts))

    @app.agent(articles)
    async def store_articles(stream: faust.StreamT) -> None:
        async for events in stream.take_events(BATCH, within=WITHIN_SECONDS):  # type: ignore[attr-defined]
            repository.store(articles=await values(events, Article))

    @app.agent(clean)
    async def store_documents(stream: faust.StreamT) -> None:
        async for events in stream.take_events(BATCH, within=WITHIN_SECONDS):  # type: ignore[attr-defined]
            repository.store(documents=await values(events, CleanItem))

