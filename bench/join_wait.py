"""How long a new consumer group waits in JoinGroup on the embedded broker (not a test).

  .venv/bin/python bench/join_wait.py

Tansu 0.6.0 (the embedded broker) holds the first JoinGroup of a forming group for half the member's
session timeout, whatever the heartbeat interval or max.poll.interval.ms. The script starts the broker,
writes one record, and times a fresh group's first record for each client setting, side by side:
librdkafka with its defaults (session.timeout.ms 45000), with the setting docs/consumers.md gives
(6000), and aiokafka with its default (10000).
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from aiokafka import AIOKafkaConsumer  # noqa: E402
from confluent_kafka import Consumer  # noqa: E402

from services.common.embedded import EmbeddedBroker  # noqa: E402
from tests.integration.helpers import free_port, produce  # noqa: E402


def _librdkafka(bootstrap: str, group: str, settings: dict[str, object]) -> float:
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "auto.offset.reset": "earliest",
                         **settings})
    consumer.subscribe(["news.raw"])
    start = time.monotonic()
    try:
        while (message := consumer.poll(0.2)) is None or message.error():
            pass
        return time.monotonic() - start
    finally:
        consumer.close()


async def _aiokafka(bootstrap: str, group: str) -> float:
    consumer = AIOKafkaConsumer("news.raw", bootstrap_servers=bootstrap, group_id=group,
                                auto_offset_reset="earliest")
    start = time.monotonic()
    await consumer.start()
    try:
        await consumer.getone()
        return time.monotonic() - start
    finally:
        await consumer.stop()


def main() -> None:
    bootstrap = f"127.0.0.1:{free_port()}"
    with EmbeddedBroker(bootstrap):
        asyncio.run(produce(bootstrap, [(b"key", b'{"id": "join-wait"}')]))
        rows = [
            ("librdkafka, defaults (session 45 s)", _librdkafka(bootstrap, "g1", {})),
            ("librdkafka, session.timeout.ms=6000", _librdkafka(bootstrap, "g2", {"session.timeout.ms": 6000})),
            ("aiokafka, defaults (session 10 s)", asyncio.run(_aiokafka(bootstrap, "g3"))),
        ]
    for label, seconds in rows:
        print(f"{label:40} first record after {seconds:6.1f} s")


if __name__ == "__main__":
    main()
