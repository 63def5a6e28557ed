"""End-to-end benchmark (not a test): articles/s and produce→stored latency through the running stack.

  .venv/bin/python bench/e2e_bench.py [ARTICLES]      (default 20000)

Starts the embedded broker, the three workers (store on SQLite in a temporary
directory), produces distinct synthetic articles (bench/corpus.py) to news.raw
and waits until every one is stored; then the consumer lag (until it is back
to zero), each worker's peak and current RSS, and the dedup index's size. Side
by side, on the same broker in the same run: a bare aiokafka produce→consume of
the same messages. Then where the time goes: the CPU time each process (the three
workers and the broker) spent per article, which bounds what this machine can give
at that cost, and each stage's own processing time from its /metrics. ``e2e_bench.py 100000`` is the load test of
docs/reliability.md.
"""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))

import corpus  # noqa: E402
import orjson  # noqa: E402
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer  # noqa: E402

from services.common.embedded import EmbeddedBroker, stop_processes  # noqa: E402
from services.common.faustapp import declare_topics  # noqa: E402
from services.common.settings import Settings  # noqa: E402
from tests.integration.helpers import free_port  # noqa: E402


async def _produce(bootstrap: str, topic: str, messages: list[tuple[bytes, bytes]]) -> dict[bytes, float]:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    await producer.start()
    sent: dict[bytes, float] = {}
    try:
        for key, value in messages:
            sent[key] = time.time()
            await producer.send(topic, value, key=key)
        await producer.flush()
    finally:
        await producer.stop()
    return sent


async def _raw_baseline(bootstrap: str, messages: list[tuple[bytes, bytes]]) -> tuple[float, list[float]]:
    consumer = AIOKafkaConsumer("bench.raw", bootstrap_servers=bootstrap, auto_offset_reset="latest",
                                group_id=None)
    await consumer.start()
    await asyncio.sleep(1)
    start = time.time()
    producing = asyncio.create_task(_produce(bootstrap, "bench.raw", messages))
    latencies: list[float] = []
    seen = 0
    try:
        while seen < len(messages):
            batch = await consumer.getmany(timeout_ms=1000)
            now = time.time()
            for records in batch.values():
                for record in records:
                    latencies.append(now - record.timestamp / 1000)
                    seen += 1
        await producing
    finally:
        await consumer.stop()
    return time.time() - start, latencies


def _stage_seconds(port: str, stage: str) -> tuple[float, float]:
    text = _metrics(port)
    total = float(re.search(rf"newsmetrics_{stage}_seconds_sum (\S+)", text).group(1))
    count = float(re.search(rf"newsmetrics_{stage}_seconds_count (\S+)", text).group(1))
    return total, count


def _metrics(port: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        return response.read().decode()


def _lag_after(ports: dict[str, str], timeout: float) -> tuple[float, float]:
    """Total consumer lag of the three stages, polled until it is zero (measured every 5 s)."""
    start = time.time()
    while True:
        lag = sum(float(v) for port in ports.values()
                  for v in re.findall(r"^newsmetrics_consumer_lag_messages\{[^}]*\} (\S+)", _metrics(port), re.M))
        if lag == 0 or time.time() - start > timeout:
            return lag, time.time() - start
        time.sleep(2)


def _memory(pid: int) -> tuple[int, int]:
    """Peak and current resident set of a process, in kB (VmHWM, VmRSS)."""
    status = Path(f"/proc/{pid}/status").read_text()
    peak, now = (int(re.search(rf"^{key}:\s+(\d+)", status, re.M).group(1)) for key in ("VmHWM", "VmRSS"))
    return peak, now


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (/proc/<pid>/stat, clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    items = []
    for envelope in corpus.envelopes(10_000):
        items.append(envelope)
        if len(items) == n:
            break
    messages = [(it["id"].encode(), orjson.dumps(it)) for it in items]
    megabytes = sum(len(it["text"].encode()) for it in items) / 1e6
    tmp = Path(tempfile.mkdtemp(prefix="newsmetrics-bench-"))
    ports = {k: str(free_port()) for k in ("API", "INGEST", "EXTRACT")}
    env = {**os.environ, "NEWSMETRICS_KAFKA_BOOTSTRAP": f"127.0.0.1:{free_port()}", "NEWSMETRICS_DATA_DIR": str(tmp),
           "NEWSMETRICS_LOG_LEVEL": "WARNING", **{f"NEWSMETRICS_{k}_PORT": v for k, v in ports.items()}}
    bootstrap = env["NEWSMETRICS_KAFKA_BOOTSTRAP"]
    with EmbeddedBroker(bootstrap, log_path=tmp / "broker.log") as broker:
        asyncio.run(declare_topics(Settings(kafka_bootstrap=bootstrap)))
        raw_seconds, raw_latency = asyncio.run(_raw_baseline(bootstrap, messages))
        workers = [subprocess.Popen([sys.executable, "-m", "services.cli", "worker", stage], env=env,
                                    stdout=open(tmp / f"{stage}.log", "wb"), stderr=subprocess.STDOUT)  # noqa: SIM115
                   for stage in ("ingest", "extract", "store")]
        try:
            deadline = time.time() + 120
            while time.time() < deadline:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{ports['API']}/health", timeout=2)
                    break
                except OSError:
                    time.sleep(1)
            time.sleep(20)  # let every consumer group settle
            pids = {"ingest": workers[0].pid, "extract": workers[1].pid, "store": workers[2].pid,
                    "broker": broker.process.pid}
            cpu_before = {name: _cpu_seconds(pid) for name, pid in pids.items()}
            start = time.time()
            sent = asyncio.run(_produce(bootstrap, "news.raw", messages))
            db = sqlite3.connect(tmp / "newsmetrics.sqlite3")
            stored: dict[str, str] = {}
            while len(stored) < n and time.time() - start < 3600:
                time.sleep(2)
                stored = dict(db.execute("SELECT doc_id, MIN(stored_at) FROM articles GROUP BY doc_id").fetchall())
            seconds = time.time() - start
            cpu = {name: _cpu_seconds(pid) - cpu_before[name] for name, pid in pids.items()}
            latency = [datetime.fromisoformat(stored[k.decode()]).timestamp() - t for k, t in sent.items()
                       if k.decode() in stored]
            stages = {stage: _stage_seconds(ports[port], stage)
                      for stage, port in (("ingest", "INGEST"), ("extract", "EXTRACT"), ("store", "API"))}
            lag, lag_seconds = _lag_after(ports, timeout=60)
            memory = {stage: _memory(w.pid) for stage, w in zip(("ingest", "extract", "store"), workers, strict=True)}
            entries = re.search(r"^newsmetrics_ingest_dedup_entries (\S+)", _metrics(ports["INGEST"]), re.M)
        finally:
            stop_processes(workers)
    print(f"{n} articles, {megabytes:.1f} MB, {len(stored)} stored")
    print(f"newsmetrics end to end  {n / seconds:8.0f} articles/s   p50 {_pct(latency, 50):7.2f} s   "
          f"p99 {_pct(latency, 99):7.2f} s")
    print(f"bare aiokafka           {n / raw_seconds:8.0f} articles/s   "
          f"p50 {_pct(raw_latency, 50):7.2f} s   p99 {_pct(raw_latency, 99):7.2f} s")
    print(f"consumer lag after the load: {lag} messages ({lag_seconds:.0f} s after the last article was stored)")
    for stage, (peak, now) in memory.items():
        print(f"  {stage:8} peak RSS {peak / 1024:7.0f} MB   now {now / 1024:7.0f} MB")
    print(f"dedup index: {entries.group(1) if entries else '?'} texts (capacity 100000)")
    print(f"CPU per article, produce to stored ({os.cpu_count()} cores: {os.cpu_count()} s of CPU per second):")
    for name, used in cpu.items():
        print(f"  {name:8} {1000 * used / n:7.2f} ms   ({100 * used / seconds:4.0f}% of one core)")
    print(f"  {'all':8} {1000 * sum(cpu.values()) / n:7.2f} ms   -> at most "
          f"{n * os.cpu_count() / sum(cpu.values()):.0f} articles/s on this machine at this cost")
    for stage, (total, count) in stages.items():
        print(f"  {stage:8} {total:8.1f} s of processing for {count:.0f} messages/batches "
              f"({1000 * total / max(count, 1):.2f} ms each)")


if __name__ == "__main__":
    main()
