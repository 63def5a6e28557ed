"""The crash drill (shared by tests/integration/test_crash.py and bench/crash_drill.py): feed items
flow to news.raw at a steady rate while each worker in turn is killed with SIGKILL and restarted;
when the feed has drained, the store must hold exactly the facts of an offline run of the same feed.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sqlite3
import time
import urllib.request
from pathlib import Path

import orjson
from aiokafka import AIOKafkaProducer

from services.common.embedded import EmbeddedBroker, stop_processes
from services.common.faustapp import declare_topics
from services.common.schemas import RawArticle
from services.common.settings import Settings
from services.extract.pipeline import extract_item
from services.ingest.dedup import DedupIndex
from services.ingest.pipeline import clean_item
from tests.integration.helpers import free_port, running_stack, start_worker
from tests.integration.s3 import s3_storage

STAGES = ("ingest", "extract", "store")
PORTS = {"ingest": "NEWSMETRICS_INGEST_PORT", "extract": "NEWSMETRICS_EXTRACT_PORT", "store": "NEWSMETRICS_API_PORT"}


def offline_fact_ids(items: list[dict]) -> set[str]:
    """What ``newsmetrics extract`` gives for the feed, in one process, in feed order."""
    index, ids = DedupIndex(), set()
    for item in items:
        index, cleaned = clean_item(RawArticle.model_validate(item), index)
        ids |= {f.fact_id for f in extract_item(cleaned)}
    return ids


def healthy(env: dict[str, str], stage: str) -> bool:
    with contextlib.suppress(OSError):
        with urllib.request.urlopen(f"http://127.0.0.1:{env[PORTS[stage]]}/health", timeout=2):
            return True
    return False


def _stored(db: Path) -> list[str]:
    if not db.exists():
        return []
    with contextlib.closing(sqlite3.connect(db)) as connection:
        with contextlib.suppress(sqlite3.OperationalError):
            return [row[0] for row in connection.execute("SELECT fact_id FROM facts")]
    return []


async def feed(bootstrap: str, items: list[dict], rate: float) -> None:
    await declare_topics(Settings(kafka_bootstrap=bootstrap))
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    await producer.start()
    try:
        start = time.monotonic()
        for n, item in enumerate(items):
            await producer.send("news.raw", orjson.dumps(item), key=item["id"].encode())
            ahead = start + n / rate - time.monotonic()
            if ahead > 0:
                await asyncio.sleep(ahead)
        await producer.flush()
    finally:
        await producer.stop()


async def _kill_in_turn(workers: dict, env: dict[str, str], tmp: Path, every: float, log: list[str],
                        broker: EmbeddedBroker | None) -> None:
    for victim in (*STAGES, "broker") if broker else STAGES:
        await asyncio.sleep(every)
        process = broker.process if victim == "broker" and broker else workers[victim]
        process.send_signal(signal.SIGKILL)
        process.wait()
        log.append(f"{time.strftime('%H:%M:%S')} kill -9 {victim}")
        if victim == "broker" and broker:
            broker.stop()
            await asyncio.sleep(3)
            broker.start()
        else:
            workers[victim] = start_worker(victim, env, tmp / f"{victim}.log")


def run(tmp: Path, items: list[dict], rate: float, kill_every: float, drain_timeout: float,
        restart_broker: bool = False) -> dict:
    """Run the drill; the figures. With ``restart_broker`` the broker keeps its log in an S3 bucket
    (it survives a restart, as Kafka's disks do) and is killed and restarted after the workers."""
    expected = offline_fact_ids(items)
    events: list[str] = []
    with contextlib.ExitStack() as stack:
        broker, extra = None, None
        if restart_broker:
            storage, s3_env = stack.enter_context(s3_storage())
            extra = {"NEWSMETRICS_KAFKA_BOOTSTRAP": f"127.0.0.1:{free_port()}"}
            broker = stack.enter_context(EmbeddedBroker(extra["NEWSMETRICS_KAFKA_BOOTSTRAP"], tmp / "broker.log",
                                                        storage=storage, env=s3_env))
        env = stack.enter_context(running_stack(tmp, stages=(), extra_env=extra, broker=not restart_broker))
        workers = {stage: start_worker(stage, env, tmp / f"{stage}.log") for stage in STAGES}
        try:
            deadline = time.monotonic() + 120
            while not all(healthy(env, s) for s in STAGES) and time.monotonic() < deadline:
                time.sleep(1)
            time.sleep(10)  # every consumer group settled
            started = time.monotonic()

            async def drill() -> None:
                await asyncio.gather(feed(env["NEWSMETRICS_KAFKA_BOOTSTRAP"], items, rate),
                                     _kill_in_turn(workers, env, tmp, kill_every, events, broker))
            asyncio.run(drill())
            fed = time.monotonic() - started
            db = Path(env["NEWSMETRICS_DATA_DIR"]) / "newsmetrics.sqlite3"
            deadline = time.monotonic() + drain_timeout
            while set(_stored(db)) != expected and time.monotonic() < deadline:
                time.sleep(2)
            stored = _stored(db)
            drained = time.monotonic() - started
        finally:
            stop_processes(list(workers.values()))
    return {"items": len(items), "expected_facts": len(expected), "stored_facts": len(stored),
            "missing": len(expected - set(stored)), "extra": len(set(stored) - expected),
            "duplicate_rows": len(stored) - len(set(stored)), "fed_seconds": round(fed, 1),
            "drained_seconds": round(drained, 1), "kills": events}
