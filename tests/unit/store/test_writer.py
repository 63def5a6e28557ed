"""The store's writer over a real SQLite file: retried while the database is locked, refused rows
dead-lettered one by one, the others stored."""

from __future__ import annotations

import sqlite3

import orjson
import pytest
from prometheus_client import CollectorRegistry

from services.common.settings import Settings
from services.common.telemetry import StageTelemetry
from services.store.query import parse
from services.store.repository import Repository
from services.store.writer import Record, Writer, held_back, migrate_when_available


class CollectingOutlet:
    """The DLQ outlet's one method, keeping what is sent (the broker is exercised by the integration tests)."""

    def __init__(self):
        self.sent = []

    async def send(self, key, value, headers=None):
        self.sent.append((key, value))


def records(facts):
    return [Record(f.fact_id.encode(), orjson.dumps(f.model_dump(mode="json")), {"facts": [f]}) for f in facts]


def sample(writer, name, labels=None):
    return writer.telemetry.registry.get_sample_value(name, labels or {})


async def test_a_write_waits_out_a_lock_and_stores_the_batch_once_released(tmp_path, repository, facts):
    holder = sqlite3.connect(tmp_path / "newsmetrics.sqlite3", isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    waits, ups = [], []

    async def sleep(seconds):
        waits.append(seconds)
        ups.append(sample(writer, "newsmetrics_store_db_up"))
        if len(waits) == 2:
            holder.execute("COMMIT")

    writer = Writer(repository, StageTelemetry("store", CollectorRegistry()), CollectingOutlet(), sleep=sleep)
    stored = await writer.write(records(facts))
    assert len(stored) == len(facts) and repository.facts(parse({}))[1] == len(facts)
    assert len(waits) == 2 and waits[1] > waits[0] / 2
    assert ups == [0.0, 0.0] and sample(writer, "newsmetrics_store_db_up") == 1.0 and writer.available
    assert sample(writer, "newsmetrics_store_db_retries_total", {"error": "OperationalError"}) == 2


async def test_a_record_the_database_refuses_is_dead_lettered_and_the_rest_of_its_batch_stored(
        tmp_path, repository, facts):
    bad = facts[0].fact_id
    with sqlite3.connect(tmp_path / "newsmetrics.sqlite3") as other:
        other.execute(f"CREATE TRIGGER refuse BEFORE INSERT ON facts WHEN NEW.fact_id = '{bad}' "
                      "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END")
    dlq = CollectingOutlet()
    writer = Writer(repository, StageTelemetry("store", CollectorRegistry()), dlq)
    stored = await writer.write(records(facts))
    assert {r.key.decode() for r in stored} == {f.fact_id for f in facts} - {bad}
    assert repository.fact(bad) is None and repository.facts(parse({}))[1] == len(facts) - 1
    [(key, letter)] = dlq.sent
    assert key == bad.encode() and letter.reason == "refused_by_database" and "refused for the test" in letter.error
    assert orjson.loads(letter.payload)["fact_id"] == bad
    assert sample(writer, "newsmetrics_dead_letters_total", {"stage": "store", "reason": "refused_by_database"}) == 1


class _Message:
    acked = False


class _Event:
    def __init__(self):
        self.message = _Message()


def test_a_batch_left_unfinished_is_marked_so_that_no_commit_includes_it():
    events = [_Event(), _Event()]
    with pytest.raises(KeyboardInterrupt), held_back(events):
        raise KeyboardInterrupt
    assert all(e.message.acked for e in events)
    finished = [_Event()]
    with held_back(finished):
        pass
    assert not finished[0].message.acked


def test_start_up_waits_for_a_database_that_is_not_there_yet(tmp_path):
    (tmp_path / "newsmetrics.sqlite3").mkdir()  # cannot be opened until the directory goes
    repo = Repository.open(Settings(data_dir=tmp_path))
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        if len(waits) == 3:
            (tmp_path / "newsmetrics.sqlite3").rmdir()

    migrate_when_available(repo, sleep=sleep)
    assert len(waits) == 3 and repo.ping()
    repo.close()
