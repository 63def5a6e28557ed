"""Ingest's Faust agent (shell): news.raw → ``clean_item`` → news.clean; bad input → news.dlq.

Duplicates are counted by kind and dropped: news.clean carries unique units only.
The dedup index lives in two Faust global tables (changelog-backed), so a
restarted or rebalanced worker, and every worker of a multi-partition feed,
knows every text seen so far.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any

import faust
from prometheus_client import Counter

from services.common import topics
from services.common.codec import dead_letter, decode_or_dead_letter, encode
from services.common.faustapp import bytes_topic
from services.common.schemas import DeadLetter, RawArticle
from services.common.telemetry import StageTelemetry
from services.ingest.dedup import DedupIndex, Fingerprint
from services.ingest.pipeline import clean_item


class _Fingerprints(MutableMapping[str, Fingerprint]):
    """Fingerprints kept in a Faust table as JSON values."""

    def __init__(self, table: Any) -> None:
        self.table = table

    def __getitem__(self, ref: str) -> Fingerprint:
        v = self.table[ref]
        return Fingerprint(bytes.fromhex(v["s"]), bytes.fromhex(v["n"]), v["x"], v["q"])

    def __setitem__(self, ref: str, fp: Fingerprint) -> None:
        self.table[ref] = {"s": fp.sketch.hex(), "n": fp.numbers.hex(), "x": fp.exact, "q": fp.seq}

    def __delitem__(self, ref: str) -> None:
        del self.table[ref]

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)

    def __len__(self) -> int:
        return len(self.table)


def table_index(app: faust.App, partitions: int, capacity: int = 100_000) -> DedupIndex:
    """A dedup index whose state is in changelog-backed global tables of ``app``."""
    schema = faust.Schema(key_serializer="json", value_serializer="json")
    entries = app.GlobalTable(topics.DEDUP_ENTRIES_TABLE, schema=schema, partitions=partitions)
    buckets = app.GlobalTable(topics.DEDUP_BUCKETS_TABLE, schema=schema, partitions=partitions)
    return DedupIndex(capacity=capacity, entries=_Fingerprints(entries), buckets=buckets)


def register(app: faust.App, telemetry: StageTelemetry, index: DedupIndex) -> None:
    raw, clean, dlq = (bytes_topic(app, t) for t in (topics.RAW, topics.CLEAN, topics.DLQ))
    units = Counter("newsmetrics_ingest_units_total", "units found in feed items, by kind (duplicates included)",
                    ["kind"], registry=telemetry.registry)
    state = {"index": index}

    @app.agent(raw)
    async def ingest(stream: faust.StreamT) -> None:
        async for key, value in stream.items():
            with telemetry.seconds.time():
                decoded = decode_or_dead_letter(value, RawArticle, stage="ingest")
                if isinstance(decoded, DeadLetter):
                    await dlq.send(key=key, value=encode(decoded))
                    telemetry.dead_letter(decoded.reason)
                    continue
                try:
                    state["index"], item = clean_item(decoded, state["index"])
                except Exception as exc:  # noqa: BLE001 - a fault in the core must not stop the stage
                    await dlq.send(key=key, value=encode(dead_letter("ingest", "processing_error", repr(exc), value)))
                    telemetry.dead_letter("processing_error")
                    continue
                for unit in item.units:
                    units.labels(unit.kind).inc()
                unique = [u for u in item.units if u.kind != "duplicate"]
                if not unique:
                    telemetry.messages.labels("duplicate" if item.units else "empty").inc()
                    continue
                await clean.send(key=item.doc_id.encode(), value=encode(item.model_copy(update={"units": unique})))
                telemetry.messages.labels("ok").inc()
