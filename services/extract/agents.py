"""Extract's Faust agent (shell): news.clean → ``read_item`` → news.metrics and news.articles.

Facts are keyed by ``fact_id`` (a replay upserts), articles by ``doc_id``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import faust
from prometheus_client import Counter

from services.common import topics
from services.common.faustapp import Outlet, bytes_topic, guarded, received_at
from services.common.schemas import CleanItem
from services.common.telemetry import StageTelemetry
from services.extract.pipeline import read_item


def register(app: faust.App, telemetry: StageTelemetry) -> None:
    clean = bytes_topic(app, topics.CLEAN)
    articles, metrics, dlq = (Outlet(app, t) for t in (topics.ARTICLES, topics.METRICS, topics.DLQ))
    facts_total = Counter("newsmetrics_extract_facts_total", "metric facts extracted, by indicator",
                          ["indicator"], registry=telemetry.registry)
    unplaced_total = Counter("newsmetrics_extract_unplaced_figures_total", "figures read but dropped because no "
                             "place could be given them (the page and its source name none), by indicator",
                             ["indicator"], registry=telemetry.registry)

    @app.agent(clean)
    async def extract(stream: faust.StreamT) -> None:
        async for event in stream.events():
            key, value, headers = event.key, event.value, received_at(event)
            with telemetry.seconds.time():
                result = await guarded("extract", key, value, CleanItem,
                                       lambda item: (item, read_item(item, datetime.now(UTC))), dlq, telemetry)
                if result is None:
                    continue
                item, (facts, unplaced) = result
                for indicator in unplaced:
                    unplaced_total.labels(indicator).inc()
                for unit in item.units:
                    await articles.send(item.doc_id, unit, headers)
                for fact in facts:
                    facts_total.labels(fact.indicator).inc()
                    await metrics.send(fact.fact_id, fact, headers)
                telemetry.messages.labels("ok" if facts else "no_facts").inc()
