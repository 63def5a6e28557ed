"""Helpers of the integration tests: ports, producing, consuming and HTTP, as an outside client would."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from services.common.faustapp import declare_topics
from services.common.settings import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def produce(bootstrap: str, messages: list[tuple[bytes, bytes]]) -> None:
    """Produce to news.raw, declaring the topics first as ``newsmetrics push`` does: a producer that
    runs before any worker must not let the broker auto-create news.raw with its own partition count."""
    await declare_topics(Settings(kafka_bootstrap=bootstrap))
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for key, value in messages:
            await producer.send_and_wait("news.raw", value, key=key)
    finally:
        await producer.stop()


async def read(bootstrap: str, topic: str, until: int, timeout: float) -> list[dict]:
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


def get(port: str, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def post(port: str, path: str, body: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, orjson.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, orjson.loads(error.read())


def metrics(port: str) -> str:
    return get(port, "/metrics")[1].decode()
