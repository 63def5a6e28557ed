"""Helpers of the integration tests: ports, producing, consuming and HTTP, as an outside client would."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import orjson
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from services.common.embedded import EmbeddedBroker, stop_processes
from services.common.faustapp import declare_topics
from services.common.settings import Settings
from tests.integration.postgres import postgres_server

ROOT = Path(__file__).parents[2]
T = TypeVar("T")


def required_tool(*names: str, installed_by: str = "scripts/test installs it") -> str:
    """The path of the first of ``names`` on PATH (the virtualenv's bin first); in CI a missing tool
    fails the test, elsewhere it skips it."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    for name in names:
        if found := shutil.which(name, path=path):
            return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"{names[0]} is missing: {installed_by}")
    pytest.skip(f"{names[0]} is not installed ({installed_by})")


def sample_and_seeds(path: Path) -> Path:
    """The sample feed and the seed pages from ../shared (required in CI), as one feed file."""
    shared = ROOT.parent / "shared"
    seeds = b""
    if (shared / "gold" / "docs.jsonl").exists():
        seeds = subprocess.run([sys.executable, shared / "bench" / "feed.py", shared / "gold" / "docs.jsonl"],
                               capture_output=True, check=True).stdout
    elif os.environ.get("CI") == "true":
        raise RuntimeError(f"CI needs the seeds at {shared}")
    path.write_bytes((ROOT / "samples" / "feed.jsonl").read_bytes() + seeds)
    return path


_HANDED_OUT: set[int] = set()  # ports given to a test already: the OS may offer a port again once closed


def free_port(step: int = 0) -> int:
    """A port free now and not handed out before in this run (a test asking for a broker's port and then a
    worker's got the same one twice, and the worker could not bind); with ``step``, one whose neighbour
    ``step`` above is free too (a second process of a stage serves on its stage's port + step)."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        wanted = {port, port + step} if step else {port}
        if wanted & _HANDED_OUT:
            continue
        if step:
            try:
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port + step))
            except OSError:
                continue
        _HANDED_OUT.update(wanted)
        return port


def wait_until(probe: Callable[[], T], timeout: float, every: float = 1.0) -> T | None:
    """Poll ``probe`` until it returns something truthy or ``timeout`` runs out; its last result (None if
    the service it asks was not listening yet: a refused connection counts as "not yet")."""
    deadline = time.monotonic() + timeout
    result: T | None = None
    while True:
        with contextlib.suppress(OSError):
            result = probe()
        if result or time.monotonic() >= deadline:
            return result
        time.sleep(every)


def start_worker(stage: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "ab") as out:
        return subprocess.Popen([sys.executable, "-m", "services.cli", "worker", stage], env=env, cwd=ROOT,
                                stdout=out, stderr=subprocess.STDOUT)


@contextlib.contextmanager
def running_stack(tmp: Path, database: str = "sqlite", stages: tuple[str, ...] = ("ingest", "extract", "store"),
                  extra_env: dict[str, str] | None = None, broker: bool = True) -> Iterator[dict[str, str]]:
    """The embedded broker (unless ``broker`` is False: then ``extra_env`` names the caller's) and one
    worker process per stage in ``stages``, the store on SQLite or a real PostgreSQL server; yields the
    environment the services run with."""
    env = {**os.environ, "NEWSMETRICS_KAFKA_BOOTSTRAP": f"127.0.0.1:{free_port()}",
           "NEWSMETRICS_DATA_DIR": str(tmp / "data"), "NEWSMETRICS_INGEST_PORT": str(free_port()),
           "NEWSMETRICS_EXTRACT_PORT": str(free_port()), "NEWSMETRICS_API_PORT": str(free_port()),
           "NEWSMETRICS_LOG_LEVEL": "WARNING", **(extra_env or {})}
    with contextlib.ExitStack() as stack:
        if broker:
            stack.enter_context(EmbeddedBroker(env["NEWSMETRICS_KAFKA_BOOTSTRAP"], log_path=tmp / "broker.log"))
        if database == "postgres":
            env["NEWSMETRICS_DB_URL"] = stack.enter_context(postgres_server()).url
        workers = [start_worker(stage, env, tmp / f"{stage}.log") for stage in stages]
        try:
            yield env
        finally:
            stop_processes(workers)


async def produce(bootstrap: str, messages: list[tuple[bytes, bytes]]) -> None:
    """Produce to news.raw, declaring the topics first as ``newsmetrics push`` does: a producer that
    runs before any worker must not let the broker auto-create news.raw with its own partition count."""
    await declare_topics(Settings(kafka_bootstrap=bootstrap))
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", max_request_size=64 * 1024 * 1024)
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


def post(port: str, path: str, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, orjson.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, orjson.loads(error.read())


def metrics(port: str) -> str:
    return get(port, "/metrics")[1].decode()
