"""Ingest's Faust agent (shell): news.raw → ``clean_item`` → news.clean; bad input → news.dlq.

Duplicates are counted by kind and dropped: news.clean carries unique units only.
The dedup index is this worker's memory, rebuilt at start from news.clean
(``recovery``): one ingest worker per deployment, or workers would not see each
other's documents.
"""

from __future__ import annotations

import faust
from prometheus_client import Counter, Gauge

from services.common import topics
from services.common.faustapp import Outlet, bytes_topic, guarded, received_at
from services.common.schemas import RawArticle
from services.common.telemetry import StageTelemetry
from services.ingest.dedup import DedupIndex
from services.ingest.intake import MAX_ITEM_BYTES, screen
from services.ingest.pipeline import clean_item, for_clean_topic


def register(app: faust.App, telemetry: StageTelemetry, index: DedupIndex) -> None:
    raw = bytes_topic(app, topics.RAW)
    clean, dlq = Outlet(app, topics.CLEAN), Outlet(app, topics.DLQ)
    units = Counter("newsmetrics_ingest_units_total", "units found in feed items, by kind (duplicates included)",
                    ["kind"], registry=telemetry.registry)
    remembered = Gauge("newsmetrics_ingest_dedup_entries", "texts the dedup index holds (bounded by its capacity)",
                       registry=telemetry.registry)
    remembered.set_function(lambda: len(state["index"].entries))
    state = {"index": index}

    @app.agent(raw)
    async def ingest(stream: faust.StreamT) -> None:
        async for event in stream.events():
            key, value = event.key, event.value
            with telemetry.seconds.time():
                result = await guarded("ingest", key, value, RawArticle,
                                       lambda raw: clean_item(screen(raw), state["index"]), dlq, telemetry,
                                       max_bytes=MAX_ITEM_BYTES)
                if result is None:
                    continue
                state["index"], item = result
                for unit in item.units:
                    units.labels(unit.kind).inc()
                published = for_clean_topic(item)
                if published is None:
                    telemetry.messages.labels("duplicate" if item.units else "empty").inc()
                    continue
                await clean.send(item.doc_id, published, received_at(event))
                telemetry.messages.labels("ok").inc()
