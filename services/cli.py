"""The ``newsmetrics`` command (shell): offline runs of the very pipeline the agents run.

``clean`` and ``extract`` read raw-article envelopes as JSON Lines (or plain
.txt files with ``--published-at``) and write JSON Lines to stdout. Input that
cannot be read becomes a dead-letter record on stderr; the run goes on.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO

from services.common import topics
from services.common.codec import Rejected, dead_letter, decode_or_dead_letter, dumps_line, encode
from services.common.schemas import DeadLetter, RawArticle
from services.common.workers import PORT_STEP, STAGES, parse_workers, worker_env
from services.extract.pipeline import extract_item
from services.ingest.dedup import DedupIndex
from services.ingest.intake import MAX_ITEM_BYTES, screen
from services.ingest.pipeline import clean_item


def _open(path: str) -> BinaryIO:
    return sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115


def _screened(decoded: RawArticle | DeadLetter, line: bytes) -> RawArticle | DeadLetter:
    """The checks ingest makes on Kafka and over HTTP, so the CLI refuses what the stream refuses."""
    if isinstance(decoded, DeadLetter):
        return decoded
    try:
        return screen(decoded)
    except Rejected as exc:
        return dead_letter("cli", exc.reason, exc.error, line)


def read_envelopes(paths: list[str], published_at: date | None) -> Iterator[RawArticle | DeadLetter]:
    for path in paths:
        if path.endswith(".txt"):
            if published_at is None:
                raise SystemExit(f"{path}: plain text needs --published-at YYYY-MM-DD")
            text = Path(path).read_text(encoding="utf-8", errors="replace")
            when = datetime.combine(published_at, datetime.min.time(), UTC)
            yield _screened(RawArticle(id=Path(path).stem, source="file", url=None, published_at=when, text=text),
                            text.encode())
            continue
        with _open(path) as f:
            for line in f:
                if line.strip():
                    yield _screened(decode_or_dead_letter(line, RawArticle, stage="cli", max_bytes=MAX_ITEM_BYTES),
                                    line)


def _run(args: argparse.Namespace, emit_facts: bool) -> int:
    out = sys.stdout.buffer
    index = DedupIndex()
    dead = 0
    for envelope in read_envelopes(args.input, args.published_at):
        if isinstance(envelope, DeadLetter):
            dead += 1
            sys.stderr.buffer.write(dumps_line(envelope))
            continue
        try:
            next_index, item = clean_item(envelope, index)
            records = extract_item(item) if emit_facts else item.units
        except Exception as exc:  # noqa: BLE001 - one item's fault must not end the run, as in the workers
            dead += 1
            letter = dead_letter("extract" if emit_facts else "ingest", "processing_error", repr(exc), encode(envelope))
            sys.stderr.buffer.write(dumps_line(letter))
            continue
        index = next_index
        for record in records:
            out.write(dumps_line(record))
    out.flush()
    if dead:
        print(f"newsmetrics: {dead} input record(s) could not be read or processed; dead letters on stderr",
              file=sys.stderr)
    return 0


def _worker(args: argparse.Namespace) -> int:
    """Run one stage's Faust worker until SIGINT/SIGTERM."""
    from services.common.faustapp import declare_topics, make_app, make_worker
    from services.common.settings import Settings

    settings = Settings()
    asyncio.run(declare_topics(settings))
    if args.stage == "ingest":
        from services.ingest import agents as ingest_agents
        from services.ingest import api as ingest_api
        from services.ingest.recovery import recover

        index, replayed = asyncio.run(recover(settings, DedupIndex()))
        print(f"ingest: dedup index recovered from {replayed} item(s) on news.clean", file=sys.stderr, flush=True)
        app, telemetry = make_app("ingest", settings, settings.ingest_port)
        ingest_agents.register(app, telemetry, index)
        ingest_api.register(app, telemetry)
    elif args.stage == "store":
        from services.store import agents as store_agents
        from services.store import api
        from services.store.repository import Repository
        from services.store.writer import migrate_when_available

        repository = Repository.open(settings)
        migrate_when_available(repository)

        async def database() -> bool:
            """Ready while writes go through and the database answers."""
            return writer.available and await asyncio.to_thread(repository.ping)

        app, telemetry = make_app("store", settings, settings.api_port, checks={"database": database})
        writer = store_agents.register(app, telemetry, repository, settings)
        api.register(app, repository, settings, telemetry)
    else:
        from services.extract import agents as extract_agents

        app, telemetry = make_app("extract", settings, settings.extract_port)
        extract_agents.register(app, telemetry)
    make_worker(app, settings.log_level).execute_from_commandline()
    return 0


async def _produce(envelopes: Iterator[RawArticle | DeadLetter]) -> tuple[int, int]:
    from aiokafka import AIOKafkaProducer
    from tqdm import tqdm

    from services.common.faustapp import declare_topics, kafka_client_options
    from services.common.settings import Settings

    settings = Settings()
    await declare_topics(settings)
    producer = AIOKafkaProducer(acks="all", linger_ms=5, **kafka_client_options(settings))
    await producer.start()
    sent = dead = 0
    deliveries = []
    try:
        with tqdm(unit=" items", file=sys.stderr, disable=None) as bar:
            for envelope in envelopes:
                if isinstance(envelope, DeadLetter):
                    dead += 1
                    sys.stderr.buffer.write(dumps_line(envelope))
                    continue
                deliveries.append(await producer.send(topics.RAW.name, encode(envelope), key=envelope.id.encode(),
                                                      headers=list(topics.RAW.headers().items())))
                sent += 1
                bar.update()
        await asyncio.gather(*deliveries)  # raises if the broker did not take one: push must not say "sent"
    finally:
        await producer.stop()
    return sent, dead


def _push(args: argparse.Namespace) -> int:
    """Validate feed items and produce them to news.raw, keyed by id."""
    from aiokafka.errors import KafkaError

    try:
        sent, dead = asyncio.run(_produce(read_envelopes(args.input, args.published_at)))
    except KafkaError as error:
        print(f"newsmetrics: the broker did not acknowledge every item ({error!r}); push the same feed again "
              "(items keep their ids, so none is stored twice)", file=sys.stderr)
        return 2
    print(f"newsmetrics: pushed {sent} item(s); {dead} could not be read (dead letters on stderr)", file=sys.stderr)
    return 0 if not dead else 1


def _schema(args: argparse.Namespace) -> int:
    """Print a topic's JSON Schema, or write every topic's current schema under --write DIR."""
    import orjson

    from services.common import contract

    if args.write is None:
        specs = [topics.BY_NAME[args.topic]] if args.topic else list(topics.ALL)
        documents = {spec.name: contract.json_schema(spec) for spec in specs}
        one = documents[args.topic] if args.topic else documents
        sys.stdout.buffer.write(orjson.dumps(one, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")
        return 0
    status = 0
    for spec in topics.ALL:
        path, text = contract.path_of(args.write, spec), contract.dumps(contract.json_schema(spec))
        if path.exists() and path.read_bytes() != text:
            print(f"{path}: version {spec.schema_version} is published and differs from the model; bump "
                  f"the topic's schema_version in services/common/topics.py", file=sys.stderr)
            status = 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text)
    return status


def _reextract(args: argparse.Namespace) -> int:
    """Run the current extractor over the stored documents and publish the difference."""
    import orjson

    from services.common.settings import Settings
    from services.store.reextract import reextract

    since = args.since.isoformat() if args.since else None
    until = args.until.isoformat() if args.until else None
    totals = asyncio.run(reextract(Settings(), since, until, dry_run=args.dry_run))
    print(orjson.dumps(totals).decode())
    return 0


TAIL_TABLE = ("fact_id", "region", "indicator", "measure", "value", "unit", "period")


def _wanted(record: dict, args: argparse.Namespace) -> bool:
    """A tombstone always passes: its fact is gone, whatever it was about."""
    if record.get("retracted"):
        return True
    return ((not args.indicator or record.get("indicator") == args.indicator)
            and (not args.region or args.region in (record.get("region"), record.get("region_code"))))


def _table_row(record: dict) -> str:
    if record.get("retracted"):
        return f"{record['fact_id']}\t(retracted)"
    period = record.get("period") or {}
    cells = {**record, "period": f"{period['start']}/{period['end']}" if period else ""}
    return "\t".join(str(cells.get(c) if cells.get(c) is not None else "") for c in TAIL_TABLE)


async def _tail_records(args: argparse.Namespace) -> int:
    import orjson
    from aiokafka import AIOKafkaConsumer, TopicPartition

    from services.common.faustapp import kafka_client_options
    from services.common.settings import Settings

    topic = f"news.{args.topic}"
    consumer = AIOKafkaConsumer(topic, group_id=args.group, enable_auto_commit=False, auto_offset_reset="earliest",
                                **kafka_client_options(Settings()))
    await consumer.start()
    since_ms = args.since.timestamp() * 1000 if args.since else None
    out, shown, quiet_since = sys.stdout, 0, time.monotonic()
    if args.format == "table":
        print("\t".join(TAIL_TABLE), file=out)
    try:
        while not (args.max and shown >= args.max):
            batch = await consumer.getmany(timeout_ms=1000, max_records=args.max - shown if args.max else None)
            if not batch:
                if args.idle_exit and time.monotonic() - quiet_since > args.idle_exit:
                    break
                continue
            quiet_since = time.monotonic()
            done: dict[TopicPartition, int] = {}
            for tp, messages in batch.items():
                for m in messages:
                    done[tp] = m.offset + 1
                    if since_ms is not None and m.timestamp < since_ms:
                        continue
                    record = (orjson.loads(m.value) if m.value is not None
                              else {"fact_id": (m.key or b"").decode(), "retracted": True})
                    if _wanted(record, args):
                        print(_table_row(record) if args.format == "table" else orjson.dumps(record).decode(),
                              file=out, flush=True)
                        shown += 1
            await consumer.commit(done)  # printed, then committed: a restart resumes after the last line
    finally:
        await consumer.stop()
    return 0


def _tail(args: argparse.Namespace) -> int:
    """Follow a topic as a consumer group of its own, printing JSON Lines or a table."""
    try:
        return asyncio.run(_tail_records(args))
    except KeyboardInterrupt:
        return 0


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


SAMPLE_FEED = Path(__file__).parents[1] / "samples" / "feed.jsonl"


def _urls(host: str, port: int, count: int, path: str) -> str:
    return " ".join(f"http://{host}:{port + PORT_STEP * i}{path}" for i in range(count))


def _up(args: argparse.Namespace) -> int:
    """Broker, topics, the three workers and the API on embedded defaults, until Ctrl-C or SIGTERM."""
    import signal
    import subprocess

    from services.common.embedded import EmbeddedBroker, stop_processes, wait_http
    from services.common.faustapp import declare_topics
    from services.common.settings import Settings

    counts = args.workers
    # a stage's processes share its topics' partitions: at least one partition for each of them
    partitions = max(Settings().topic_partitions, *counts.values())
    os.environ["NEWSMETRICS_TOPIC_PARTITIONS"] = str(partitions)
    settings = Settings()
    logs = settings.data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    workers: list[subprocess.Popen[bytes]] = []
    ports = {"ingest": settings.ingest_port, "extract": settings.extract_port, "store": settings.api_port}
    with EmbeddedBroker(settings.kafka_bootstrap, log_path=logs / "broker.log"):
        try:
            asyncio.run(declare_topics(settings))
            for stage in STAGES:
                for index in range(counts[stage]):
                    name = stage if index == 0 else f"{stage}-{index}"
                    with open(logs / f"{name}.log", "ab") as log:
                        workers.append(subprocess.Popen(
                            [sys.executable, "-m", "services.cli", "worker", stage],
                            env={**os.environ, **worker_env(stage, index, ports[stage])},
                            stdout=log, stderr=subprocess.STDOUT))
            host = settings.bind_host
            print(f"broker   kafka://{settings.kafka_bootstrap}   (embedded Tansu, in memory)")
            print(f"ingest   http://{host}:{settings.ingest_port}/metrics")
            print(f"extract  {_urls(host, ports['extract'], counts['extract'], '/metrics')}")
            print(f"store    {_urls(host, ports['store'], counts['store'], '/')}   (analyst pages; API /facts, "
                  "/openapi.json, /metrics, /health, /ready)")
            print(f"logs     {logs}", flush=True)
            if args.feed and wait_http(f"http://{host}:{settings.api_port}/health", timeout=120):
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


def _workers(spec: str) -> dict[str, int]:
    try:
        return parse_workers(spec)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


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
    up.add_argument("--workers", type=_workers, default=parse_workers(""), metavar="STAGE=N[,STAGE=N]",
                    help="processes per stage, in one consumer group each, e.g. extract=2,store=2 (ingest stays "
                         f"one); process i serves on its stage's port + {PORT_STEP}*i")
    schema = sub.add_parser("schema", help="print or write the JSON Schema of each topic's message",
                            description="print a topic's JSON Schema (all topics when none is named), or write "
                                        "every topic's current version under DIR/<topic>/<version>.json")
    schema.add_argument("topic", nargs="?", choices=[t.name for t in topics.ALL])
    schema.add_argument("--write", type=Path, metavar="DIR", help="write the schemas here (e.g. schemas)")
    tail = sub.add_parser("tail", help="follow a topic as a consumer would (reference consumer)",
                          description="consume a topic in a consumer group of its own and print each record; "
                                      "a restart resumes from the group's committed offsets")
    tail.add_argument("topic", choices=["metrics", "articles", "dlq"])
    tail.add_argument("--indicator", help="only facts of this indicator code")
    tail.add_argument("--region", help="only facts of this region (name or 6-digit code)")
    tail.add_argument("--since", type=_moment, metavar="ISO-TIME", help="only records published since then")
    tail.add_argument("--format", choices=["jsonl", "table"], default="jsonl")
    tail.add_argument("--group", default="newsmetrics-tail", help="consumer group (default: newsmetrics-tail)")
    tail.add_argument("--max", type=int, default=0, metavar="N", help="stop after N records")
    tail.add_argument("--idle-exit", type=float, default=0, metavar="SECONDS",
                      help="stop after this long without a record (default: follow forever)")
    reex = sub.add_parser("reextract", help="re-run the current extractor over stored documents",
                          description="run the current extractor over the stored documents (published in "
                                      "[--since, --until)) and publish new and changed facts and tombstones "
                                      "for retracted ones on news.metrics; prints the counts")
    reex.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD")
    reex.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD")
    reex.add_argument("--dry-run", action="store_true", help="count the difference, publish nothing")
    reviews = sub.add_parser("reviews", help="readers' reviews of facts",
                             description="export the reviewed facts in the gold format of the development sets' "
                                         "metrics.jsonl: confirmed ones as they are, wrong ones with their "
                                         "corrections; a wrong fact with no correction is left out (it is a false "
                                         "positive to remove), and counted on stderr")
    reviews.add_argument("action", choices=["export"])
    reviews.add_argument("--output", "-o", type=Path, metavar="FILE", help="write here (default: stdout)")
    return parser


def _reviews(args: argparse.Namespace) -> int:
    from services.common.settings import Settings
    from services.store.explore import gold_row
    from services.store.repository import Repository

    repository = Repository.open(Settings())
    repository.migrate()
    rows, skipped = [], {"wrong without a correction": 0, "of a fact retracted since": 0}
    for review, fact in repository.latest_reviews():
        if fact is None:
            skipped["of a fact retracted since"] += 1
        elif review["verdict"] == "wrong" and not review["corrected"]:
            skipped["wrong without a correction"] += 1
        else:
            corrected = review["corrected"] if review["verdict"] == "wrong" else None
            rows.append(gold_row(fact, corrected))  # type: ignore[arg-type]
    text = b"".join(dumps_line(row) for row in rows)
    if args.output:
        args.output.write_bytes(text)
    else:
        sys.stdout.buffer.write(text)
    print(f"newsmetrics: exported {len(rows)} reviewed fact(s); left out: "
          + ", ".join(f"{n} {why}" for why, n in skipped.items()), file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "worker":
        return _worker(args)
    if args.command == "push":
        return _push(args)
    if args.command == "up":
        return _up(args)
    if args.command in ("schema", "tail", "reextract", "reviews"):
        return {"schema": _schema, "tail": _tail, "reextract": _reextract, "reviews": _reviews}[args.command](args)
    return _run(args, emit_facts=args.command == "extract")


if __name__ == "__main__":
    sys.exit(main())
