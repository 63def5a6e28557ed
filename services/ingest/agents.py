"""Ingest's Faust agent (shell): news.raw → ``clean_item`` → news.clean; bad input → news.dlq.

Duplicates are counted by kind and dropped: news.clean carries unique units only.
The dedup index's entries live in a Faust table, changelog-backed: a restarted
worker, or one a partition moved to, gets back what was seen on its partitions
before it takes a feed item, and derives the lookup buckets from them
(``dedup.restore``). A worker sees the texts of its own partitions only, so a
deployment runs one ingest worker, which holds them all.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, MutableMapping

import faust
from prometheus_client import Counter, Gauge

from services.common import topics
from services.common.faustapp import Outlet, bytes_topic, guarded, received_at
from services.common.schemas import RawArticle
from services.common.telemetry import StageTelemetry
from services.ingest import dedup
from services.ingest.dedup import DedupIndex, Fingerprint
from services.ingest.intake import MAX_ITEM_BYTES, screen
from services.ingest.pipeline import clean_item

log = logging.getLogger(__name__)


class _TableEntries(MutableMapping[str, Fingerprint]):
    """The index's entries as a view of a Faust table of packed fingerprints: every write and
    delete goes to the table's changelog."""

    def __init__(self, table: faust.types.TableT) -> None:
        self.table = table

    def __getitem__(self, ref: str) -> Fingerprint:
        return dedup.unpack(self.table[ref])

    def __setitem__(self, ref: str, fp: Fingerprint) -> None:
        self.table[ref] = dedup.pack(fp)

    def __delitem__(self, ref: str) -> None:
        del self.table[ref]

    def __contains__(self, ref: object) -> bool:
        return ref in self.table

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)

    def __len__(self) -> int:
        return len(self.table)


def table_index(app: faust.App, partitions: int) -> DedupIndex:
    """A dedup index whose entries are the app's changelog-backed table ``topics.DEDUP_TABLE``,
    its buckets rebuilt whenever the table has been recovered."""
    # keys are refs (JSON strings), values packed fingerprints (Faust reads bytes values raw)
    table = app.Table(topics.DEDUP_TABLE, partitions=partitions, key_type=str, value_type=bytes)
    index = DedupIndex(entries=_TableEntries(table))

    @table.on_recover
    async def restored() -> None:
        dedup.restore(index)
        log.info("dedup index restored from its changelog: %d text(s)", len(index.entries))

    return index


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
                unique = [u for u in item.units if u.kind != "duplicate"]
                if not unique:
                    telemetry.messages.labels("duplicate" if item.units else "empty").inc()
                    continue
                await clean.send(item.doc_id, item.model_copy(update={"units": unique}), received_at(event))
                telemetry.messages.labels("ok").inc()
