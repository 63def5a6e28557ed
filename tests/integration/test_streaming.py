"""The streaming services on the real (embedded Tansu) broker, against the offline pipeline as oracle.

Starts the broker and one worker process per stage, pushes feed items to
news.raw, and reads news.metrics and news.dlq as a consumer would.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from services.common.embedded import EmbeddedBroker

pytestmark = pytest.mark.integration
ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "samples" / "feed.jsonl"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[dict[str, str]]:
    tmp = tmp_path_factory.mktemp("stack")
    env = {**os.environ, "NEWSMETRICS_KAFKA_BOOTSTRAP": f"127.0.0.1:{_free_port()}",
           "NEWSMETRICS_DATA_DIR": str(tmp / "data"), "NEWSMETRICS_INGEST_PORT": str(_free_port()),
           "NEWSMETRICS_EXTRACT_PORT": str(_free_port()), "NEWSMETRICS_LOG_LEVEL": "WARNING"}
    with contextlib.ExitStack() as stack, EmbeddedBroker(env["NEWSMETRICS_KAFKA_BOOTSTRAP"],
                                                         log_path=tmp / "broker.log"):
        workers = []
        for stage in ("ingest", "extract"):
            log = stack.enter_context(open(tmp / f"{stage}.log", "wb"))
            workers.append(subprocess.Popen([sys.executable, "-m", "services.cli", "worker", stage], env=env,
                                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT))
        try:
            yield env
        finally:
            for w in workers:
                w.terminate()
            for w in workers:
                try:
                    w.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    w.kill()
                    w.wait()


def _offline_fact_ids(feed: Path) -> set[str]:
    out = subprocess.run([sys.executable, "-m", "services.cli", "extract", "--input", str(feed)], cwd=ROOT,
                         capture_output=True, check=True).stdout
    return {orjson.loads(line)["fact_id"] for line in out.splitlines()}


async def _produce(bootstrap: str, messages: list[tuple[bytes, bytes]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for key, value in messages:
            await producer.send_and_wait("news.raw", value, key=key)
    finally:
        await producer.stop()


async def _read(bootstrap: str, topic: str, until: int, timeout: float) -> list[dict]:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                                group_id=None, enable_auto_commit=False)
    await consumer.start()
    got: list[dict] = []
    deadline = time.monotonic() + timeout
    try:
        while len(got) < until and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=1000)
            got += [orjson.loads(m.value) for msgs in batch.values() for m in msgs]
    finally:
        await consumer.stop()
    return got


def _metrics(port: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        return response.read().decode()


def test_the_running_services_emit_exactly_the_offline_facts_and_dead_letter_bad_input(stack):
    bootstrap = stack["NEWSMETRICS_KAFKA_BOOTSTRAP"]
    feed = [(orjson.loads(line)["id"].encode(), line) for line in SAMPLE.read_bytes().splitlines()]
    asyncio.run(_produce(bootstrap, [(b"bad-1", b"{not json"), *feed]))
    expected = _offline_fact_ids(SAMPLE)
    facts = asyncio.run(_read(bootstrap, "news.metrics", until=len(expected), timeout=150))
    assert {f["fact_id"] for f in facts} == expected
    assert len(facts) == len(expected)  # the re-posted copy added nothing
    [letter] = asyncio.run(_read(bootstrap, "news.dlq", until=1, timeout=30))
    assert (letter["stage"], letter["reason"], letter["payload"]) == ("ingest", "invalid_json", "{not json")
    ingest = _metrics(stack["NEWSMETRICS_INGEST_PORT"])
    assert 'newsmetrics_dead_letters_total{reason="invalid_json",stage="ingest"} 1.0' in ingest
    assert 'newsmetrics_ingest_messages_total{outcome="duplicate"} 1.0' in ingest
    extract = _metrics(stack["NEWSMETRICS_EXTRACT_PORT"])
    assert 'newsmetrics_extract_facts_total{indicator="air.pm25"}' in extract
