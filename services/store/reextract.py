"""Re-extraction (shell): the current extractor over the stored documents, the difference
published on news.metrics for the store and every downstream consumer to apply.

Upserts are keyed by ``fact_id``; a retraction is a tombstone (a null value) under
the same key, so after compaction the topic holds exactly the current facts.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from aiokafka import AIOKafkaProducer

from services.common import topics
from services.common.codec import encode
from services.common.faustapp import declare_topics, kafka_client_options
from services.common.schemas import CleanItem, MetricFact
from services.common.settings import Settings
from services.extract.pipeline import extract_item
from services.store.repository import Repository
from services.store.revision import diff_facts

Extractor = Callable[[CleanItem, datetime], list[MetricFact]]


async def reextract(settings: Settings, since: str | None = None, until: str | None = None,
                    extract: Extractor = extract_item, dry_run: bool = False) -> dict[str, int]:
    """Publish the revision of every stored document published in [since, until); the counts."""
    repository = Repository.open(settings)
    repository.migrate()
    totals = dict.fromkeys(("documents", "new", "changed", "unchanged", "retracted"), 0)
    headers = list(topics.METRICS.headers().items())
    producer = None
    if not dry_run:
        await declare_topics(settings)
        producer = AIOKafkaProducer(acks="all", linger_ms=5, **kafka_client_options(settings))
        await producer.start()
    at = datetime.now(UTC)
    deliveries: list[asyncio.Future[object]] = []
    try:
        for item in repository.documents(since, until):
            revision = diff_facts(repository.facts_of(item.doc_id), extract(item, at))
            totals["documents"] += 1
            totals["retracted"] += len(revision.retracted)
            for key in ("new", "changed", "unchanged"):
                totals[key] += getattr(revision, key)
            if producer is None:
                continue
            for fact in revision.upserts:
                deliveries.append(await producer.send(topics.METRICS.name, encode(fact), key=fact.fact_id.encode(),
                                                      headers=headers))
            for fact_id in revision.retracted:
                deliveries.append(await producer.send(topics.METRICS.name, None, key=fact_id.encode(),
                                                      headers=headers))
        await asyncio.gather(*deliveries)  # raises if the broker did not take one: the counts are not a success
    finally:
        if producer is not None:
            await producer.stop()
        repository.close()
    return totals
