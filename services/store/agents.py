"""Store's Faust agents (shell): news.metrics, news.articles and news.clean → the repository, in batches.

A replayed message upserts the same row, so at-least-once delivery stores each
fact once. A tombstone on news.metrics (a null value keyed by ``fact_id``, sent
by ``newsmetrics reextract``) deletes that fact. news.clean is kept as the
documents re-extraction runs on. A batch is written by ``Writer``, which retries
until the database takes it; its offsets are committed only after that.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import faust
from prometheus_client import Counter, Histogram
from pydantic import BaseModel

from services.common import topics
from services.common.codec import decode_or_dead_letter
from services.common.faustapp import RECEIVED_HEADER, Outlet, bytes_topic
from services.common.schemas import Article, CleanItem, DeadLetter, MetricFact
from services.common.settings import Settings
from services.common.telemetry import E2E_BUCKETS, StageTelemetry
from services.store.repository import Repository
from services.store.writer import Record, Writer, held_back

M = TypeVar("M", bound=BaseModel)


def register(app: faust.App, telemetry: StageTelemetry, repository: Repository, settings: Settings) -> Writer:
    """The store's agents on ``app``; the writer they share (its gauges tell whether the database is up)."""
    metrics, articles, clean = (bytes_topic(app, t) for t in (topics.METRICS, topics.ARTICLES, topics.CLEAN))
    dlq = Outlet(app, topics.DLQ)
    writer = Writer(repository, telemetry, dlq)
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

    async def records(events: Sequence[Any], model: type[M], rows: Callable[[str, M | None], dict[str, list[Any]]],
                      ) -> list[Record]:
        """One record per readable event (a tombstone's value is None); what cannot be read goes to the DLQ."""
        out: list[Record] = []
        for event in events:
            key = (event.key or b"").decode("utf-8", errors="replace")
            if event.value is None:
                out.append(Record(event.key, b"", rows(key, None)))
                continue
            decoded = decode_or_dead_letter(event.value, model, stage="store")
            if isinstance(decoded, DeadLetter):
                await dlq.send(event.key, decoded)
                telemetry.dead_letter(decoded.reason)
            else:
                out.append(Record(event.key, event.value, rows(key, decoded)))
        return out

    def batches(stream: faust.StreamT) -> Any:
        """Up to ``store_batch_size`` records, or what came within ``store_batch_seconds``: one transaction."""
        return stream.take_events(settings.store_batch_size, within=settings.store_batch_seconds)  # type: ignore[attr-defined]

    def fact_rows(key: str, fact: MetricFact | None) -> dict[str, list[Any]]:
        return {"facts": [fact]} if fact is not None else {"retracted": [key]}

    @app.agent(metrics)
    async def store_facts(stream: faust.StreamT) -> None:
        async for events in batches(stream):
            with held_back(events), telemetry.seconds.time():
                latest: dict[str, Record] = {}  # the last record of a key wins, as after compaction
                for record in await records(events, MetricFact, fact_rows):
                    fact = record.rows.get("facts", [None])[0]
                    latest[fact.fact_id if fact else record.rows["retracted"][0]] = record
                written = await writer.write(list(latest.values()))
                observe_latency(events)
                facts = [f for r in written for f in r.rows.get("facts", ())]
                for fact in facts:
                    stored.labels(fact.indicator).inc()
                retracted.inc(sum(len(r.rows.get("retracted", ())) for r in written))
                telemetry.messages.labels("ok").inc(len(facts))

    @app.agent(articles)
    async def store_articles(stream: faust.StreamT) -> None:
        async for events in batches(stream):
            with held_back(events):
                await writer.write(await records(events, Article, lambda _, a: {"articles": [a] if a else []}))

    @app.agent(clean)
    async def store_documents(stream: faust.StreamT) -> None:
        async for events in batches(stream):
            with held_back(events):
                await writer.write(await records(events, CleanItem, lambda _, d: {"documents": [d] if d else []}))

    return writer
