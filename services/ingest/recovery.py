"""The ingest worker's dedup memory across restarts (shell).

news.clean carries exactly the units the dedup index let through, keyed and
ordered, so it is the index's changelog: a starting worker replays its newest
records into a fresh index (``pipeline.remember``) before it takes any feed
item. The replay reads at most the index capacity of records per partition,
and no further back than the topic's retention (7 days): the same bound as the
index itself. It gives up after 4 minutes (inside the startup probe's 5) and
starts with what it has. A re-pushed story is then recognised after a restart,
a crash or a deploy, as it is while the worker runs.
"""

from __future__ import annotations

import time

from aiokafka import AIOKafkaConsumer, TopicPartition

from services.common import topics
from services.common.codec import decode_or_dead_letter
from services.common.faustapp import kafka_client_options
from services.common.schemas import CleanItem
from services.common.settings import Settings
from services.ingest.dedup import DedupIndex
from services.ingest.pipeline import remember


async def recover(settings: Settings, index: DedupIndex, timeout: float = 240.0) -> tuple[DedupIndex, int]:
    """``index`` with the newest units of news.clean in it, and how many feed items were replayed."""
    consumer = AIOKafkaConsumer(enable_auto_commit=False, group_id=None, **kafka_client_options(settings))
    await consumer.start()
    replayed = 0
    try:
        await consumer.topics()  # fetches the cluster's metadata
        tps = [TopicPartition(topics.CLEAN.name, p)
               for p in sorted(consumer.partitions_for_topic(topics.CLEAN.name) or ())]
        if not tps:
            return index, 0
        consumer.assign(tps)
        ends, starts = await consumer.end_offsets(tps), await consumer.beginning_offsets(tps)
        for tp in tps:
            consumer.seek(tp, max(starts[tp], ends[tp] - index.capacity))
        pending = {tp for tp in tps if ends[tp] > starts[tp]}
        deadline = time.monotonic() + timeout
        while pending and time.monotonic() < deadline:
            batch = await consumer.getmany(*pending, timeout_ms=1000)
            items = [decode_or_dead_letter(m.value, CleanItem, stage="ingest") for ms in batch.values() for m in ms]
            clean = [i for i in items if isinstance(i, CleanItem)]
            index = remember(index, clean)
            replayed += len(clean)
            pending = {tp for tp in pending if await consumer.position(tp) < ends[tp]}
    finally:
        await consumer.stop()
    return index, replayed
