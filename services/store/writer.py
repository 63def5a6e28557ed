"""The store's writes (shell): a batch is written until the database takes it, never dropped.

The store's agents consume with ``take_events``, whose batches Faust acknowledges (and later
commits) when the agent moves on or leaves the loop, even by an exception. So a write that fails
for want of a database must not leave the loop: it waits and retries here, while consumption of
that topic pauses behind it (Faust stops fetching once the stream's buffer is full). Only rows the
database itself refuses go to the dead-letter topic, one record at a time, with the reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Any, NamedTuple

from prometheus_client import Counter, Gauge

from services.common.backoff import backoff_delay
from services.common.codec import dead_letter
from services.common.faustapp import Outlet
from services.common.telemetry import StageTelemetry
from services.store.repository import Refused, Repository, Unavailable

log = logging.getLogger(__name__)
Rows = dict[str, list[Any]]  # keyword arguments of Repository.store


class Record(NamedTuple):
    """One consumed record and the rows it becomes; ``payload`` is what a dead letter carries."""

    key: bytes | None
    payload: bytes
    rows: Rows


def merged(records: Sequence[Record]) -> Rows:
    out: Rows = {}
    for record in records:
        for name, rows in record.rows.items():
            out.setdefault(name, []).extend(rows)
    return out


@contextlib.contextmanager
def held_back(events: Sequence[Any]) -> Iterator[None]:
    """Keep a batch out of every commit when the agent leaves it unfinished (an exception, or the
    worker stopping while the database is down): ``take_events`` acknowledges the batch in a
    ``finally`` all the same, and Faust skips a message already marked acknowledged, so these
    offsets are never committed and the batch is read again after a restart."""
    try:
        yield
    except BaseException:
        for event in events:
            event.message.acked = True
        raise


class Writer:
    def __init__(self, repository: Repository, telemetry: StageTelemetry, dlq: Outlet,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.repository = repository
        self.telemetry = telemetry
        self.dlq = dlq
        self.sleep = sleep
        registry = telemetry.registry
        self.up = Gauge("newsmetrics_store_db_up", "1 while the store's last database write succeeded, 0 while "
                        "writes fail and are retried", registry=registry)
        self.up.set(1)
        self.available = True  # what the gauge says, for /ready
        self.retries = Counter("newsmetrics_store_db_retries_total", "database writes retried, by error class",
                               ["error"], registry=registry)
        self.last_write = Gauge("newsmetrics_store_last_write_timestamp_seconds",
                                "when the store last committed a write (Unix time)", registry=registry)
        self.last_write.set_to_current_time()

    async def write(self, records: Sequence[Record]) -> list[Record]:
        """Store every record in one transaction, retrying while the database is unavailable; if it
        refuses the batch, store the records one by one and dead-letter those it refuses. The
        records stored."""
        if not records:
            return []
        try:
            await self._until_available(merged(records))
            return list(records)
        except Refused as refusal:
            if len(records) == 1:
                await self._dead_letter(records[0], str(refusal))
                return []
        stored: list[Record] = []
        for record in records:
            stored += await self.write([record])
        return stored

    async def _until_available(self, rows: Rows) -> None:
        attempt = 0
        while True:
            try:
                await asyncio.to_thread(lambda: self.repository.store(**rows))
            except Unavailable as error:
                self.available = False
                self.up.set(0)
                self.retries.labels(error.kind).inc()
                delay = backoff_delay(attempt, random.random)
                log.warning("database write failed (%s); retry %d in %.1f s", error, attempt + 1, delay)
                await self.sleep(delay)
                attempt += 1
                continue
            if attempt:
                log.warning("database write succeeded after %d retries", attempt)
            self.available = True
            self.up.set(1)
            self.last_write.set_to_current_time()
            return

    async def _dead_letter(self, record: Record, error: str) -> None:
        letter = dead_letter("store", "refused_by_database", error, record.payload)
        await self.dlq.send(record.key, letter)
        self.telemetry.dead_letter(letter.reason)
        log.error("the database refused record %r (%s): sent to the dead-letter topic", record.key, error)


def migrate_when_available(repository: Repository, sleep: Callable[[float], None] = time.sleep) -> None:
    """Migrate at start-up, waiting for a database that is not up yet (it may be restarting too)
    rather than exiting on the first refused connection."""
    attempt = 0
    while True:
        try:
            repository.migrate()
            return
        except Unavailable as error:
            delay = backoff_delay(attempt, random.random)
            log.warning("database unavailable at start-up (%s); retry %d in %.1f s", error, attempt + 1, delay)
            sleep(delay)
            attempt += 1
