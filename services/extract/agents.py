"""Extract's Faust agent (shell): news.clean → ``extract_item`` → news.metrics and news.articles.

Facts are keyed by ``fact_id`` (a replay upserts), articles by ``doc_id``.
"""

from __future__ import annotations

import faust
from prometheus_client import Counter

from services.common import topics
from services.common.codec import encode
from services.common.faustapp import bytes_topic, guarded, received_at
from services.common.schemas import CleanItem
from services.common.telemetry import StageTelemetry
from services.extract.pipeline import extract_item


def register(app: faust.App, telemetry: StageTelemetry) -> None:
    clean, articles, metrics, dlq = (bytes_topic(app, t) for t in
                                     (topics.CLEAN, topics.ARTICLES, topics.METRICS, topics.DLQ))
    facts_total = Counter("newsmetrics_extract_facts_total", "metric facts extracted, by indicator",
                          ["indicator"], registry=telemetry.registry)

    @app.agent(clean)
    async def extract(stream: faust.StreamT) -> None:
        async for event in stream.events():
            key, value, headers = event.key, event.value, received_at(event)
            with telemetry.seconds.time():
                result = await guarded("extract", key, value, CleanItem,
                                       lambda item: (item, extract_item(item)), dlq, telemetry)
                if result is None:
                    continue
                item, facts = result
                for unit in item.units:
                    await articles.send(key=item.doc_id.encode(), value=encode(unit), headers=headers)
                for fact in facts:
                    facts_total.labels(fact.indicator).inc()
                    await metrics.send(key=fact.fact_id.encode(), value=encode(fact), headers=headers)
                telemetry.messages.labels("ok" if facts else "no_facts").inc()
