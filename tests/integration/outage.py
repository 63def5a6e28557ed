"""The database outage drill (shared by tests/integration/test_database_outage.py and
bench/db_drill.py): a feed flows at a steady rate; once the first facts are stored the store's
database goes away (PostgreSQL stopped with ``-m immediate``, or the SQLite file held locked by
another connection) and comes back after a while. When the feed has drained, the store must hold
exactly the facts of an offline run, with every worker still the process it was.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg

from services.common.embedded import stop_processes
from tests.integration.drill import PORTS, STAGES, feed, healthy, offline_fact_ids
from tests.integration.helpers import get, metrics, running_stack, start_worker
from tests.integration.postgres import postgres_server


def _fact_ids(database: str, env: dict[str, str]) -> list[str]:
    """The stored fact ids, read as another client would; [] while the database does not answer."""
    with contextlib.suppress(psycopg.Error, sqlite3.Error):
        if database == "postgres":
            with psycopg.connect(env["NEWSMETRICS_DB_URL"], connect_timeout=2) as connection:
                return [row[0] for row in connection.execute("SELECT fact_id FROM facts")]
        db = Path(env["NEWSMETRICS_DATA_DIR"]) / "newsmetrics.sqlite3"
        with contextlib.closing(sqlite3.connect(db, timeout=0.2)) as connection:
            return [row[0] for row in connection.execute("SELECT fact_id FROM facts")]
    return []


def _ready(env: dict[str, str]) -> int:
    with contextlib.suppress(OSError):
        return get(env[PORTS["store"]], "/ready")[0]
    return 0


def _db_up(env: dict[str, str]) -> float | None:
    with contextlib.suppress(OSError):
        for line in metrics(env[PORTS["store"]]).splitlines():
            if line.startswith("newsmetrics_store_db_up "):
                return float(line.split()[1])
    return None


def run(tmp: Path, items: list[dict], rate: float, database: str, outage_seconds: float,
        drain_timeout: float, outage_after_facts: int = 1) -> dict:
    """Run the drill on ``database`` ("postgres" or "sqlite"), the outage beginning once
    ``outage_after_facts`` facts are stored; the figures."""
    expected = offline_fact_ids(items)
    with contextlib.ExitStack() as stack:
        extra: dict[str, str] = {}
        begin: Callable[[], None]
        end: Callable[[], None]
        if database == "postgres":
            server = stack.enter_context(postgres_server())
            extra["NEWSMETRICS_DB_URL"] = server.url
            begin, end = (lambda: server.stop("immediate")), server.start
        env = stack.enter_context(running_stack(tmp, stages=(), extra_env=extra))
        if database == "sqlite":
            holder: list[sqlite3.Connection] = []  # opened once the store has made the file

            def lock() -> None:
                holder.append(sqlite3.connect(Path(env["NEWSMETRICS_DATA_DIR"]) / "newsmetrics.sqlite3",
                                              isolation_level=None))
                holder[0].execute("BEGIN EXCLUSIVE")

            def release() -> None:
                holder[0].execute("COMMIT")
                holder[0].close()
            begin, end = lock, release
        workers = {stage: start_worker(stage, env, tmp / f"{stage}.log") for stage in STAGES}
        stack.callback(stop_processes, list(workers.values()))
        deadline = time.monotonic() + 120
        while not all(healthy(env, s) for s in STAGES) and time.monotonic() < deadline:
            time.sleep(1)
        time.sleep(10)  # every consumer group settled
        feeder = threading.Thread(target=lambda: asyncio.run(feed(env["NEWSMETRICS_KAFKA_BOOTSTRAP"], items, rate)))
        started = time.monotonic()
        feeder.start()
        while len(_fact_ids(database, env)) < outage_after_facts and time.monotonic() - started < 3600:
            time.sleep(0.5)
        stored_before = len(_fact_ids(database, env))
        begin()
        down_at = time.monotonic()
        ready_during, db_up_during = set(), set()
        while time.monotonic() - down_at < outage_seconds:
            ready_during.add(_ready(env))
            db_up_during.add(_db_up(env))
            time.sleep(1)
        end()
        back_at = time.monotonic()
        deadline = back_at + drain_timeout
        while _ready(env) != 200 and time.monotonic() < deadline:
            time.sleep(0.5)
        ready_at = time.monotonic()
        while set(_fact_ids(database, env)) != expected and time.monotonic() < deadline:
            time.sleep(2)
        drained_at = time.monotonic()
        feeder.join()
        stored = _fact_ids(database, env)
        store_log = (tmp / "store.log").read_text(errors="replace")
        return {
            "database": database, "items": len(items), "outage_seconds": outage_seconds,
            "expected_facts": len(expected), "stored_before_outage": stored_before, "stored_facts": len(stored),
            "missing": len(expected - set(stored)), "extra": len(set(stored) - expected),
            "duplicate_rows": len(stored) - len(set(stored)),
            "ready_during_outage": sorted(ready_during), "db_up_during_outage": sorted(
                v for v in db_up_during if v is not None),
            "ready_after": _ready(env), "seconds_to_drain_after_outage": round(drained_at - back_at, 1),
            "seconds_to_ready_after_outage": round(ready_at - back_at, 1),
            "workers_exited": sorted(s for s, p in workers.items() if p.poll() is not None),
            "agent_crashes": store_log.count("Crashed reason="),
            "retries_logged": store_log.count("database write failed"),
            "total_seconds": round(time.monotonic() - started, 1),
        }
