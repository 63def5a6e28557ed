"""news.metrics as a downstream team sees it: only ``schemas/`` and a standard JSON Schema validator,
no import of our models; then a re-extraction with a changed rule, after which the team's view of
the topic (replayed from the start, tombstones applied) equals the store's. Another team's stack,
librdkafka (confluent-kafka), both pushes feed items and reads the facts.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import orjson
import pytest
from aiokafka import AIOKafkaConsumer
from confluent_kafka import Consumer, Producer

from services.common.faustapp import declare_topics
from services.common.settings import Settings
from services.extract.pipeline import extract_item
from services.extract.version import EXTRACTOR_VERSION
from services.store.reextract import reextract
from tests.integration.helpers import ROOT, get, produce, running_stack, wait_until

pytestmark = pytest.mark.integration
SAMPLE = ROOT / "samples" / "feed.jsonl"
SCHEMAS = ROOT / "schemas"


def _validator(topic: str, version: str) -> jsonschema.Validator:
    schema = orjson.loads((SCHEMAS / topic / f"{version}.json").read_bytes())
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


async def _consume_from_start(bootstrap: str, topic: str, idle: float = 4.0) -> list[tuple[bytes, bytes | None, dict]]:
    """Every record of the topic, as a fresh consumer group reads it from the beginning."""
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None,
                                enable_auto_commit=False)
    await consumer.start()
    out: list[tuple[bytes, bytes | None, dict]] = []
    quiet = time.monotonic()
    try:
        while time.monotonic() - quiet < idle:
            batch = await consumer.getmany(timeout_ms=500)
            for messages in batch.values():
                for m in messages:
                    out.append((m.key, m.value, {k: v.decode() for k, v in m.headers}))
                    quiet = time.monotonic()
    finally:
        await consumer.stop()
    return out


def _view(records: list[tuple[bytes, bytes | None, dict]]) -> dict[str, dict]:
    """The consumer's current facts: each key's last record, a tombstone removing the key."""
    view: dict[str, dict] = {}
    for key, value, headers in records:
        if value is None:
            view.pop(key.decode(), None)
            continue
        fact = orjson.loads(value)
        _validator("news.metrics", headers["newsmetrics-schema-version"]).validate(fact)
        view[key.decode()] = fact
    return view


def _store_view(api: str) -> dict[str, dict]:
    body = orjson.loads(get(api, "/facts?limit=1000")[1])
    assert body["total"] <= 1000
    return {f["fact_id"]: f for f in body["items"]}


def _changed_rule(item, at):
    """A new extractor: enforcement case counts are no longer facts, PM2.5 levels read as approximate,
    and a fine is reported in units of 10,000 CNY (a new fact_id, the old one retracted)."""
    out = []
    for fact in extract_item(item, at):
        if fact.indicator == "enforcement.cases":
            continue
        if fact.indicator == "air.pm25" and fact.measure == "value":
            fact = fact.model_copy(update={"qualifier": "approx"})
        if fact.indicator == "enforcement.fines":
            fact = fact.model_copy(update={"fact_id": fact.fact_id + "-w", "value": fact.value / 10_000})
        out.append(fact)
    return out


def _tail(env: dict[str, str], *args: str) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "services.cli", "tail", "metrics", "--idle-exit", "4", *args],
                         env=env, cwd=ROOT, capture_output=True, check=True, timeout=120).stdout
    return [orjson.loads(line) for line in out.splitlines()]


def _comparable(fact: dict) -> dict:
    return {k: v for k, v in fact.items() if k != "stored_at"}


def test_an_outside_consumer_validates_every_message_and_sees_the_store_after_a_reextraction(tmp_path: Path):
    with running_stack(tmp_path) as env:
        bootstrap, api = env["NEWSMETRICS_KAFKA_BOOTSTRAP"], env["NEWSMETRICS_API_PORT"]
        items = [(orjson.loads(line)["id"].encode(), line) for line in SAMPLE.read_bytes().splitlines()]
        asyncio.run(produce(bootstrap, items))
        offline = subprocess.run([sys.executable, "-m", "services.cli", "extract", "--input", str(SAMPLE)],
                                 cwd=ROOT, capture_output=True, check=True).stdout.splitlines()
        assert wait_until(lambda: len(_store_view(api)) == len(offline), timeout=150)
        records = asyncio.run(_consume_from_start(bootstrap, "news.metrics"))
        before = _view(records)
        assert len(before) == len(offline)
        assert {fact["extractor"] for fact in before.values()} == {EXTRACTOR_VERSION}
        assert {_comparable(f)["fact_id"] for f in _store_view(api).values()} == set(before)

        # the reference consumer: a filter, and a restart that resumes from its committed offsets
        first = _tail(env, "--indicator", "air.pm25", "--max", "2", "--group", "team-a")
        rest = _tail(env, "--indicator", "air.pm25", "--group", "team-a")
        pm25 = [f for f in before.values() if f["indicator"] == "air.pm25"]
        assert len(first) == 2 and len(rest) == len(pm25) - 2
        assert {f["fact_id"] for f in first + rest} == {f["fact_id"] for f in pm25}
        assert _tail(env, "--group", "team-a", "--indicator", "air.pm25") == []

        settings = Settings(kafka_bootstrap=bootstrap, data_dir=Path(env["NEWSMETRICS_DATA_DIR"]))
        totals = asyncio.run(reextract(settings, extract=_changed_rule))
        gone = [f for f in before.values() if f["indicator"] in ("enforcement.cases", "enforcement.fines")]
        assert totals["retracted"] == len(gone) > 0
        assert totals["changed"] == sum(1 for f in pm25 if f["measure"] == "value") > 0
        assert totals["new"] == sum(1 for f in gone if f["indicator"] == "enforcement.fines")

        expected_ids = {fid for fid, f in before.items() if f not in gone} | {
            f["fact_id"] + "-w" for f in gone if f["indicator"] == "enforcement.fines"}
        assert wait_until(lambda: set(_store_view(api)) == expected_ids, timeout=60)
        after = _view(asyncio.run(_consume_from_start(bootstrap, "news.metrics")))
        store = _store_view(api)
        assert {k: _comparable(v) for k, v in store.items()} == after
        assert {f["qualifier"] for f in after.values() if f["indicator"] == "air.pm25" and f["measure"] == "value"} \
            == {"approx"}
        assert "newsmetrics_store_facts_retracted_total " + f"{float(len(gone))}" in get(api, "/metrics")[1].decode()
        again = asyncio.run(reextract(settings, extract=_changed_rule))
        assert (again["new"], again["changed"], again["retracted"]) == (0, 0, 0)


# what docs/consumers.md tells a librdkafka client of the embedded broker to set: Tansu holds a new
# group's first JoinGroup for half the member's session timeout (librdkafka's 45 s default: 23 s)
LIBRDKAFKA_EMBEDDED = {"session.timeout.ms": 6000}


def _librdkafka_read(bootstrap: str, group: str, idle: float = 6.0) -> list[tuple[bytes, bytes | None, dict]]:
    """Every record of news.metrics from the group's committed position, as a librdkafka consumer reads
    it; the offsets are committed after the records are taken in."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "auto.offset.reset": "earliest",
                         "enable.auto.commit": False, **LIBRDKAFKA_EMBEDDED})
    consumer.subscribe(["news.metrics"])
    out: list[tuple[bytes, bytes | None, dict]] = []
    deadline, quiet = time.monotonic() + 60, None  # quiet: since when nothing arrived, once joined
    try:
        while quiet is None or time.monotonic() - quiet < idle:
            message = consumer.poll(0.5)
            if message is not None:
                assert message.error() is None, message.error()
                out.append((message.key(), message.value(), {k: v.decode() for k, v in message.headers() or []}))
                quiet = time.monotonic()
            elif quiet is None and consumer.assignment():
                quiet = time.monotonic()
            assert quiet is not None or time.monotonic() < deadline, "the librdkafka consumer never joined"
        if out:
            consumer.commit(asynchronous=False)
    finally:
        consumer.close()
    return out


def test_librdkafka_clients_push_feed_items_and_read_the_facts_as_another_team_would(tmp_path: Path):
    with running_stack(tmp_path) as env:
        bootstrap, api = env["NEWSMETRICS_KAFKA_BOOTSTRAP"], env["NEWSMETRICS_API_PORT"]
        asyncio.run(declare_topics(Settings(kafka_bootstrap=bootstrap)))  # as `newsmetrics push` does first
        producer = Producer({"bootstrap.servers": bootstrap, "acks": "all", "enable.idempotence": True,
                             "partitioner": "murmur2_random"})  # keys land where the Java client puts them
        delivered: list[str] = []
        for line in SAMPLE.read_bytes().splitlines():
            producer.produce("news.raw", line, key=orjson.loads(line)["id"].encode(),
                             on_delivery=lambda error, message: delivered.append("error" if error else "ok"))
        assert producer.flush(30) == 0 and delivered == ["ok"] * len(SAMPLE.read_bytes().splitlines())
        offline = subprocess.run([sys.executable, "-m", "services.cli", "extract", "--input", str(SAMPLE)],
                                 cwd=ROOT, capture_output=True, check=True).stdout.splitlines()
        assert wait_until(lambda: len(_store_view(api)) == len(offline), timeout=150)

        view = _view(_librdkafka_read(bootstrap, "team-librdkafka"))  # validated against schemas/ on the way
        assert view == {k: _comparable(v) for k, v in _store_view(api).items()}
        assert _librdkafka_read(bootstrap, "team-librdkafka", idle=3.0) == []  # resumes after its commit
