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

import argparse
import asyncio
import itertools
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

from services.common.embedded import EmbeddedBroker, stop_processes, wait_http  # noqa: E402
from services.common.faustapp import declare_topics  # noqa: E402
from services.common.settings import Settings  # noqa: E402
from services.common.workers import PORT_STEP, STAGES, parse_workers, worker_env  # noqa: E402
from tests.integration.helpers import free_port  # noqa: E402


async def _produce(bootstrap: str, topic: str, messages: list[tuple[bytes, bytes]],
                   rate: float | None = None) -> dict[bytes, float]:
    """Produce the messages all at once, or ``rate`` a second as a feed pushes them; when each was sent."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    await producer.start()
    sent: dict[bytes, float] = {}
    start = time.time()
    try:
        for i, (key, value) in enumerate(messages):
            if rate:
                await asyncio.sleep(max(0.0, start + i / rate - time.time()))
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


def _histogram(port: str, name: str) -> tuple[list[tuple[float, float]], float, float]:
    """A histogram's cumulative buckets (upper bound, count), sum and count from /metrics."""
    text = _metrics(port)
    buckets = [(float("inf") if le == "+Inf" else float(le), float(v))
               for le, v in re.findall(rf'^{name}_bucket{{le="([^"]+)"}} (\S+)', text, re.M)]
    total = float(re.search(rf"^{name}_sum (\S+)", text, re.M).group(1))
    count = float(re.search(rf"^{name}_count (\S+)", text, re.M).group(1))
    return buckets, total, count


def _bucket_quantile(q: float, buckets: list[tuple[float, float]]) -> float:
    """Prometheus' histogram_quantile: linear within the bucket the quantile falls in."""
    rank, lower, below = q * buckets[-1][1], 0.0, 0.0
    for upper, count in buckets:
        if count >= rank:
            if upper == float("inf"):
                return lower
            return lower + (upper - lower) * (rank - below) / max(count - below, 1e-9)
        lower, below = upper, count
    return lower


def _stored(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT doc_id, MIN(stored_at) FROM articles GROUP BY doc_id").fetchall())


def _wait_stored(db: sqlite3.Connection, keys: set[str], start: float) -> dict[str, str]:
    stored: dict[str, str] = {}
    while not keys <= stored.keys() and time.time() - start < 3600:
        time.sleep(0.5)
        stored = _stored(db)
    return stored


def _fact_latency(db: sqlite3.Connection, sent: dict[bytes, float]) -> list[float]:
    """Produce to stored of every fact of the given articles: what newsmetrics_end_to_end_seconds counts."""
    times = {k.decode(): t for k, t in sent.items()}
    return [datetime.fromisoformat(at).timestamp() - times[doc] for doc, at in
            db.execute("SELECT doc_id, stored_at FROM facts").fetchall() if doc in times]


def _latency(sent: dict[bytes, float], stored: dict[str, str]) -> list[float]:
    return [datetime.fromisoformat(stored[k.decode()]).timestamp() - t for k, t in sent.items()
            if k.decode() in stored]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", type=int, nargs="?", default=20_000)
    parser.add_argument("--corpus", choices=("dense", "light"), default="dense",
                        help="dense: about 16 facts an article; light: 2-4, most paragraphs without figures")
    parser.add_argument("--workers", type=parse_workers, default=parse_workers(""), metavar="STAGE=N[,STAGE=N]",
                        help="processes per stage, as newsmetrics up --workers")
    parser.add_argument("--steady-seconds", type=float, default=60.0,
                        help="how long the second phase produces at half the measured rate")
    args = parser.parse_args()
    n = args.articles
    feed = corpus.envelopes(10_000, layout="light" if args.corpus == "light" else "article")
    items = list(itertools.islice(feed, n))
    messages = [(it["id"].encode(), orjson.dumps(it)) for it in items]
    megabytes = sum(len(it["text"].encode()) for it in items) / 1e6
    tmp = Path(tempfile.mkdtemp(prefix="newsmetrics-bench-"))
    ports = {k: free_port() for k in ("API", "INGEST", "EXTRACT")}
    counts = args.workers
    env = {**os.environ, "NEWSMETRICS_KAFKA_BOOTSTRAP": f"127.0.0.1:{free_port()}", "NEWSMETRICS_DATA_DIR": str(tmp),
           "NEWSMETRICS_LOG_LEVEL": "WARNING", "NEWSMETRICS_TOPIC_PARTITIONS": str(max(counts.values())),
           **{f"NEWSMETRICS_{k}_PORT": str(v) for k, v in ports.items()}}
    stage_port = {"ingest": ports["INGEST"], "extract": ports["EXTRACT"], "store": ports["API"]}
    bootstrap = env["NEWSMETRICS_KAFKA_BOOTSTRAP"]
    with EmbeddedBroker(bootstrap, log_path=tmp / "broker.log") as broker:
        asyncio.run(declare_topics(Settings(kafka_bootstrap=bootstrap, topic_partitions=max(counts.values()))))
        raw_seconds, raw_latency = asyncio.run(_raw_baseline(bootstrap, messages))
        workers: list[tuple[str, str, subprocess.Popen[bytes]]] = []
        for stage in STAGES:
            for index in range(counts[stage]):
                port = str(stage_port[stage] + PORT_STEP * index)
                workers.append((stage, port, subprocess.Popen(
                    [sys.executable, "-m", "services.cli", "worker", stage],
                    env={**env, **worker_env(stage, index, stage_port[stage])},
                    stdout=open(tmp / f"{stage}-{index}.log", "wb"), stderr=subprocess.STDOUT)))  # noqa: SIM115
        try:
            wait_http(f"http://127.0.0.1:{ports['API']}/health", timeout=120)
            time.sleep(20)  # let every consumer group settle
            pids = {f"{stage}#{i}": w.pid for i, (stage, _, w) in enumerate(workers)} | {"broker": broker.process.pid}
            cpu_before = {name: _cpu_seconds(pid) for name, pid in pids.items()}
            db = sqlite3.connect(tmp / "newsmetrics.sqlite3")
            # phase 1: the whole feed at once, for the most the stack can do
            start = time.time()
            sent = asyncio.run(_produce(bootstrap, "news.raw", messages))
            stored = _wait_stored(db, {k.decode() for k in sent}, start)
            seconds = time.time() - start
            cpu = {name: _cpu_seconds(pid) - cpu_before[name] for name, pid in pids.items()}
            latency = _latency(sent, stored)
            stages = {stage: _stage_seconds(port, stage) for stage, port, _ in workers}
            # phase 2: half that rate, steadily, for the latency a feed sees at half load
            rate = n / seconds / 2
            steady = [(it["id"].encode(), orjson.dumps(it))  # articles not seen yet: a repeat would be a duplicate
                      for it in itertools.islice(feed, max(1, int(rate * args.steady_seconds)))]
            before = _histogram(str(ports["API"]), "newsmetrics_end_to_end_seconds")
            steady_start = time.time()
            steady_sent = asyncio.run(_produce(bootstrap, "news.raw", steady, rate))
            steady_stored = _wait_stored(db, {k.decode() for k in steady_sent}, steady_start)
            time.sleep(1)
            after = _histogram(str(ports["API"]), "newsmetrics_end_to_end_seconds")
            steady_latency = _fact_latency(db, steady_sent)
            lag, lag_seconds = _lag_after({f"{s}{p}": p for s, p, _ in workers}, timeout=60)
            memory = {f"{stage}:{port}": _memory(w.pid) for stage, port, w in workers}
            entries = re.search(r"^newsmetrics_ingest_dedup_entries (\S+)", _metrics(str(ports["INGEST"])), re.M)
        finally:
            stop_processes([w for _, _, w in workers])
    workers_text = ", ".join(f"{stage} {count}" for stage, count in counts.items())
    print(f"{n} articles ({args.corpus} corpus), {megabytes:.1f} MB, {len(stored)} stored; processes: {workers_text}")
    print(f"newsmetrics end to end  {n / seconds:8.0f} articles/s   p50 {_pct(latency, 50):7.2f} s   "
          f"p99 {_pct(latency, 99):7.2f} s   (the feed produced at once)")
    print(f"bare aiokafka           {n / raw_seconds:8.0f} articles/s   "
          f"p50 {_pct(raw_latency, 50):7.2f} s   p99 {_pct(raw_latency, 99):7.2f} s")
    delta = [(upper, a - b) for (upper, a), (_, b) in zip(after[0], before[0], strict=True)]
    mean = (after[1] - before[1]) / max(after[2] - before[2], 1)
    print(f"at half that rate ({rate:.0f} articles/s for {args.steady_seconds:.0f} s, "
          f"{len(steady_stored.keys() & {k.decode() for k in steady_sent})} stored): produce->stored of each fact "
          f"by the bench's clock p50 {_pct(steady_latency, 50):.2f} s, p99 "
          f"{_pct(steady_latency, 99):.2f} s, mean {statistics.mean(steady_latency):.2f} s; "
          f"newsmetrics_end_to_end_seconds p50 {_bucket_quantile(0.5, delta):.2f} s, p99 "
          f"{_bucket_quantile(0.99, delta):.2f} s (bucket interpolation), mean {mean:.2f} s")
    print(f"consumer lag after the load: {lag} messages ({lag_seconds:.0f} s after the last article was stored)")
    for name, (peak, now) in memory.items():
        print(f"  {name:14} peak RSS {peak / 1024:7.0f} MB   now {now / 1024:7.0f} MB")
    print(f"dedup index: {entries.group(1) if entries else '?'} texts (capacity 100000)")
    print(f"CPU per article, produce to stored ({os.cpu_count()} cores: {os.cpu_count()} s of CPU per second):")
    for name, used in cpu.items():
        print(f"  {name:10} {1000 * used / n:7.2f} ms   ({100 * used / seconds:4.0f}% of one core)")
    print(f"  {'all':10} {1000 * sum(cpu.values()) / n:7.2f} ms   -> at most "
          f"{n * os.cpu_count() / sum(cpu.values()):.0f} articles/s on this machine at this cost")
    for stage, (total, count) in stages.items():
        print(f"  {stage:10} {total:8.1f} s of processing for {count:.0f} messages/batches "
              f"({1000 * total / max(count, 1):.2f} ms each)")


if __name__ == "__main__":
    main()
