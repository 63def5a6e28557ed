"""The ``newsmetrics`` command (shell): offline runs of the very pipeline the agents run.

``clean`` and ``extract`` read raw-article envelopes as JSON Lines (or plain
.txt files with ``--published-at``) and write JSON Lines to stdout. Input that
cannot be read becomes a dead-letter record on stderr; the run goes on.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO

from services.common.codec import decode_or_dead_letter, dumps_line, encode
from services.common.schemas import DeadLetter, RawArticle
from services.extract.pipeline import extract_item
from services.ingest.dedup import DedupIndex
from services.ingest.pipeline import clean_item


def _open(path: str) -> BinaryIO:
    return sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115


def read_envelopes(paths: list[str], published_at: date | None) -> Iterator[RawArticle | DeadLetter]:
    for path in paths:
        if path.endswith(".txt"):
            if published_at is None:
                raise SystemExit(f"{path}: plain text needs --published-at YYYY-MM-DD")
            text = Path(path).read_text(encoding="utf-8", errors="replace")
            when = datetime.combine(published_at, datetime.min.time(), UTC)
            yield RawArticle(id=Path(path).stem, source="file", url=None, published_at=when, text=text)
            continue
        with _open(path) as f:
            for line in f:
                if line.strip():
                    yield decode_or_dead_letter(line, RawArticle, stage="cli")


def _run(args: argparse.Namespace, emit_facts: bool) -> int:
    out = sys.stdout.buffer
    index = DedupIndex()
    dead = 0
    for envelope in read_envelopes(args.input, args.published_at):
        if isinstance(envelope, DeadLetter):
            dead += 1
            sys.stderr.buffer.write(dumps_line(envelope))
            continue
        index, item = clean_item(envelope, index)
        records = extract_item(item) if emit_facts else item.units
        for record in records:
            out.write(dumps_line(record))
    out.flush()
    if dead:
        print(f"newsmetrics: {dead} input record(s) could not be read; dead letters on stderr",
              file=sys.stderr)
    return 0


def _worker(args: argparse.Namespace) -> int:
    """Run one stage's Faust worker until SIGINT/SIGTERM."""
    import faust

    from services.common.faustapp import declare_topics, make_app
    from services.common.settings import Settings

    settings = Settings()
    asyncio.run(declare_topics(settings))
    if args.stage == "ingest":
        from services.ingest import agents as ingest_agents
        from services.ingest import api as ingest_api

        app, telemetry = make_app("ingest", settings, settings.ingest_port)
        ingest_agents.register(app, telemetry, DedupIndex())
        ingest_api.register(app, telemetry)
    elif args.stage == "store":
        from services.store import agents as store_agents
        from services.store import api
        from services.store.repository import Repository

        repository = Repository.open(settings)
        repository.migrate()
        app, telemetry = make_app("store", settings, settings.api_port)
        store_agents.register(app, telemetry, repository)
        api.register(app, repository, settings)
    else:
        from services.extract import agents as extract_agents

        app, telemetry = make_app("extract", settings, settings.extract_port)
        extract_agents.register(app, telemetry)
    faust.Worker(app, loglevel=settings.log_level.lower()).execute_from_commandline()
    return 0


async def _produce(envelopes: Iterator[RawArticle | DeadLetter]) -> tuple[int, int]:
    from aiokafka import AIOKafkaProducer
    from tqdm import tqdm

    from services.common import topics
    from services.common.faustapp import declare_topics, kafka_client_options
    from services.common.settings import Settings

    settings = Settings()
    await declare_topics(settings)
    producer = AIOKafkaProducer(acks="all", linger_ms=5, **kafka_client_options(settings))
    await producer.start()
    sent = dead = 0
    try:
        with tqdm(unit=" items", file=sys.stderr, disable=None) as bar:
            for envelope in envelopes:
                if isinstance(envelope, DeadLetter):
                    dead += 1
                    sys.stderr.buffer.write(dumps_line(envelope))
                    continue
                await producer.send(topics.RAW.name, encode(envelope), key=envelope.id.encode())
                sent += 1
                bar.update()
        await producer.flush()
    finally:
        await producer.stop()
    return sent, dead


def _push(args: argparse.Namespace) -> int:
    """Validate feed items and produce them to news.raw, keyed by id."""
    sent, dead = asyncio.run(_produce(read_envelopes(args.input, args.published_at)))
    print(f"newsmetrics: pushed {sent} item(s); {dead} could not be read (dead letters on stderr)", file=sys.stderr)
    return 0 if not dead else 1


SAMPLE_FEED = Path(__file__).parents[1] / "samples" / "feed.jsonl"
STAGES = ("ingest", "extract", "store")


def _wait_http(url: str, timeout: float) -> bool:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.5)
    return False


def _up(args: argparse.Namespace) -> int:
    """Broker, topics, the three workers and the API on embedded defaults, until Ctrl-C or SIGTERM."""
    import signal
    import subprocess

    from services.common.embedded import EmbeddedBroker, stop_processes
    from services.common.faustapp import declare_topics
    from services.common.settings import Settings

    settings = Settings()
    logs = settings.data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    workers: list[subprocess.Popen[bytes]] = []
    with EmbeddedBroker(settings.kafka_bootstrap, log_path=logs / "broker.log"):
        try:
            asyncio.run(declare_topics(settings))
            for stage in STAGES:
                with open(logs / f"{stage}.log", "ab") as log:
                    workers.append(subprocess.Popen([sys.executable, "-m", "services.cli", "worker", stage],
                                                    stdout=log, stderr=subprocess.STDOUT))
            host = settings.bind_host
            print(f"broker   kafka://{settings.kafka_bootstrap}   (embedded Tansu, in memory)")
            print(f"ingest   http://{host}:{settings.ingest_port}/metrics")
            print(f"extract  http://{host}:{settings.extract_port}/metrics")
            print(f"store    http://{host}:{settings.api_port}/facts   (and /metrics, /health, /ready)")
            print(f"logs     {logs}", flush=True)
            if args.feed and _wait_http(f"http://{host}:{settings.api_port}/health", timeout=120):
                sent, _ = asyncio.run(_produce(read_envelopes([str(args.feed)], None)))
                print(f"pushed   {sent} sample feed item(s) from {args.feed}", flush=True)
            while all(w.poll() is None for w in workers):
                time.sleep(0.5)
            print("a worker stopped; see its log", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 0
        finally:
            # a second Ctrl-C or SIGTERM must not cut the shutdown short: the workers stop
            # before the broker, or they hang trying to leave their groups
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            stop_processes(workers)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsmetrics", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_ in (("clean", "print one cleaned unit (article, brief, caption, duplicate) a line"),
                        ("extract", "print one metric fact a line"),
                        ("push", "validate feed items and produce them to news.raw, keyed by id")):
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("--input", "-i", nargs="+", required=True, metavar="FILE",
                       help="JSON Lines of raw-article envelopes ('-' for stdin) or .txt files")
        p.add_argument("--published-at", type=date.fromisoformat, metavar="YYYY-MM-DD",
                       help="publication date for .txt inputs")
    worker = sub.add_parser("worker", help="run one stage's streaming worker",
                            description="run one stage's Faust worker (its own consumer group) until stopped")
    worker.add_argument("stage", choices=list(STAGES))
    up = sub.add_parser("up", help="run everything on embedded defaults",
                        description="start the embedded broker, declare the topics, start the three workers and "
                                    "the API, push a sample feed, and run until Ctrl-C or SIGTERM")
    up.add_argument("--feed", type=Path, default=SAMPLE_FEED,
                    help="feed pushed once everything is up (default: the sample feed)")
    up.add_argument("--no-feed", dest="feed", action="store_const", const=None, help="push nothing")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "worker":
        return _worker(args)
    if args.command == "push":
        return _push(args)
    if args.command == "up":
        return _up(args)
    return _run(args, emit_facts=args.command == "extract")


if __name__ == "__main__":
    sys.exit(main())
