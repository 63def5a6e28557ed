"""Faust apps, Kafka clients and topics from settings (shell).

One app per stage, each its own consumer group. Topics carry bytes; the
models are read and written by ``services.common.codec`` only. Topics are
declared explicitly (partitions, replication, retention from settings) before
any worker starts: nothing relies on broker auto-creation.
"""

from __future__ import annotations

import asyncio
import logging
import os
import ssl
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

import faust
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from prometheus_client import CollectorRegistry
from pydantic import BaseModel

from services.common import topics
from services.common.codec import Rejected, dead_letter, decode_or_dead_letter, encode
from services.common.schemas import DeadLetter
from services.common.settings import Settings
from services.common.telemetry import StageTelemetry

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")
log = logging.getLogger(__name__)


def _ssl_context(settings: Settings) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(settings.kafka_ssl_cafile) if settings.kafka_ssl_cafile else None)


def kafka_client_options(settings: Settings) -> dict[str, Any]:
    """aiokafka keyword arguments for the configured security protocol (SASL/TLS by settings alone)."""
    options: dict[str, Any] = {"bootstrap_servers": settings.kafka_bootstrap,
                               "security_protocol": settings.kafka_security_protocol}
    if settings.kafka_security_protocol in ("SSL", "SASL_SSL"):
        options["ssl_context"] = _ssl_context(settings)
    if settings.kafka_sasl_mechanism:
        options["sasl_mechanism"] = settings.kafka_sasl_mechanism
        options["sasl_plain_username"] = settings.kafka_sasl_username
        options["sasl_plain_password"] = (settings.kafka_sasl_password.get_secret_value()
                                          if settings.kafka_sasl_password else None)
    return options


def _faust_credentials(settings: Settings) -> Any:
    if settings.kafka_sasl_mechanism:
        password = settings.kafka_sasl_password.get_secret_value() if settings.kafka_sasl_password else ""
        ssl_context = _ssl_context(settings) if settings.kafka_security_protocol == "SASL_SSL" else None
        return faust.SASLCredentials(username=settings.kafka_sasl_username or "", password=password,
                                     mechanism=settings.kafka_sasl_mechanism, ssl_context=ssl_context)
    if settings.kafka_security_protocol == "SSL":
        return faust.SSLCredentials(_ssl_context(settings))
    return None


async def declare_topics(settings: Settings) -> None:
    """Create every topic of ``topics.ALL`` that does not exist yet."""
    admin = AIOKafkaAdminClient(**kafka_client_options(settings))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [NewTopic(t.name, settings.topic_partitions, settings.topic_replication, topic_configs=t.configs())
                   for t in topics.ALL if t.name not in existing]
        if missing:
            try:
                await admin.create_topics(missing)
            except TopicAlreadyExistsError:
                pass  # another service declared them first
    finally:
        await admin.close()


async def broker_reachable(settings: Settings) -> bool:
    """Whether the first bootstrap server accepts a TCP connection (readiness, not a Kafka handshake)."""
    try:
        host, port = settings.first_broker
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout=2)
    except (OSError, TimeoutError, ValueError):
        return False
    writer.close()
    return True


Check = Callable[[], Awaitable[bool]]


def accept_utf8_request_targets() -> None:
    """Parse HTTP requests with aiohttp's own pure-Python parser instead of its llhttp one.

    curl and other command-line clients send a query's UTF-8 bytes as they are
    (``/facts?region=邯郸市``); llhttp refuses them ("Invalid char in url query", 400) while
    aiohttp's Python parser decodes them as UTF-8 and still refuses control characters
    (RFC 9112). Browsers percent-encode, so only people typing queries see the difference, and
    they are whom the API's first query is for. The parser is set where aiohttp's request handler
    takes it from; the endpoints are small JSON reads, so the Python parser's speed does not show.
    """
    from aiohttp import http_parser, web_protocol

    web_protocol.HttpRequestParser = http_parser.HttpRequestParserPy  # type: ignore[misc]


_FETCH_WAIT_MS = {"value": 500}


def bound_fetch_wait(max_wait_ms: int) -> None:
    """Make Faust's consumer ask the broker to hold an empty fetch at most ``max_wait_ms``.

    Faust builds its consumer with ``fetch_max_wait_ms=1500`` and no setting for it. Apache Kafka
    answers a held fetch as soon as a record arrives, so the value only bounds idle polling there;
    the embedded Tansu broker holds the fetch for most of it, so every stage added up to 1.5 s to
    a record's way (measured with a bare aiokafka consumer on Tansu: median 0.39 s at 1500 ms,
    0.07 s at 500 ms, 0.005 s at 100 ms; ``bench/e2e_bench.py`` prints the end-to-end figures).
    The default is aiokafka's own 500 ms: at 100 ms Tansu with its log in S3 (the broker-restart
    drill of tests/integration/test_crash.py) fell behind answering the fetches. The consumer is
    built by a private method of Faust's aiokafka driver (faust-streaming 0.15); this wraps it once
    per process and sets the value on the consumer before it starts.
    """
    from faust.transport.drivers import aiokafka as driver

    _FETCH_WAIT_MS["value"] = max_wait_ms
    create = driver.AIOKafkaConsumerThread._create_worker_consumer
    if getattr(create, "bounds_fetch_wait", False):
        return

    def create_bounded(self: Any, transport: Any) -> Any:
        consumer = create(self, transport)
        consumer._fetch_max_wait_ms = _FETCH_WAIT_MS["value"]
        return consumer

    create_bounded.bounds_fetch_wait = True  # type: ignore[attr-defined]
    driver.AIOKafkaConsumerThread._create_worker_consumer = create_bounded  # type: ignore[method-assign]


def _without_faust_index(app: faust.App) -> None:
    """Faust serves its own status page at "/" (the "production index" blueprint, which has no
    setting); every route a stage serves is one the project documents, and the store's "/" is the
    facts explorer, so it is taken off the list before the server applies it."""
    blueprints = app.web.blueprints
    blueprints._enabled = [(prefix, bp) for prefix, bp in blueprints._enabled if "production_index" not in str(bp)]


def make_app(stage: str, settings: Settings, port: int,
             checks: Mapping[str, Check] | None = None) -> tuple[faust.App, StageTelemetry]:
    """The stage's Faust app with its telemetry, ``/metrics``, ``/health`` (the process answers: the
    liveness probe) and ``/ready`` (the broker and ``checks`` pass: the readiness probe)."""
    (settings.data_dir / stage).mkdir(parents=True, exist_ok=True)
    accept_utf8_request_targets()
    bound_fetch_wait(settings.fetch_wait_ms)
    app = faust.App(
        f"newsmetrics-{stage}",
        broker=f"kafka://{settings.kafka_bootstrap}",
        broker_credentials=_faust_credentials(settings),
        store="memory://",
        datadir=str(settings.data_dir / stage),
        topic_partitions=settings.topic_partitions,
        topic_replication_factor=settings.topic_replication,
        topic_allow_declare=True,  # for Faust's own changelogs; ours exist already (declare_topics)
        producer_acks=-1,
        broker_session_timeout=15.0,  # a crashed worker's partitions move on within seconds, not a minute
        broker_heartbeat_interval=3.0,
        consumer_auto_offset_reset="earliest",
        web_host=settings.bind_host,
        web_port=port,
        web_in_thread=False,
        # Faust's own pages for its tables and routing: this project has no tables, and every route a
        # stage serves is one it documents (the store's in schemas/openapi.json)
        web_router_enabled=False,
        web_tables_enabled=False,
        web_stats_enabled=False,
        web_graph_enabled=False,
    )
    _without_faust_index(app)
    telemetry = StageTelemetry(stage, CollectorRegistry())

    @app.timer(5.0)
    async def measure_lag() -> None:
        lags: dict[str, int] = {}
        for tp in app.consumer.assignment():
            position = await app.consumer.position(tp)
            highwater = app.consumer.highwater(tp)
            if position is not None and highwater is not None:
                lags[tp.topic] = lags.get(tp.topic, 0) + max(0, highwater - position)
        for topic, lag in lags.items():
            telemetry.lag.labels(stage, topic).set(lag)

    @app.page("/metrics")
    async def metrics(web: Any, request: Any) -> Any:
        body, content_type = telemetry.exposition()
        return web.bytes(body, headers={"Content-Type": content_type})

    @app.page("/health")
    async def health(web: Any, request: Any) -> Any:
        return web.json({"status": "ok"})

    @app.page("/ready")
    async def ready(web: Any, request: Any) -> Any:
        results = {"broker": await broker_reachable(settings)}
        for name, check in (checks or {}).items():
            results[name] = await check()
        ok = all(results.values())
        return web.json({"ready": ok, **results}, status=200 if ok else 503)

    return app, telemetry


def make_worker(app: faust.App, log_level: str) -> faust.Worker:
    """The worker that runs ``app``, without Faust's terminal spinner.

    At WARNING and above Faust keeps the spinner and, to feed it, sets the root logger to DEBUG:
    every debug call of aiokafka (one per record produced) then builds a log record, about a tenth
    of the extract worker's time.
    """
    worker = faust.Worker(app, loglevel=log_level.lower())
    worker.spinner = None
    return worker


def bytes_topic(app: faust.App, spec: topics.TopicSpec) -> faust.TopicT:
    return app.topic(spec.name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw")


UNDELIVERED_EXIT = 75  # EX_TEMPFAIL: the supervisor restarts the worker, which reads the input again


def _exit_undelivered() -> None:
    os._exit(UNDELIVERED_EXIT)


class Outlet:
    """A topic a stage publishes to: the model encoded by the codec, the schema version in a header.

    Records go straight to the app's producer rather than through ``Topic.send``, whose per-record
    bookkeeping (future message, sensors, callbacks) cost the extract worker a third of its time
    (py-spy under load). At-least-once holds all the same: Faust flushes the producer before it
    commits a consumed offset, and a record the producer gives up on (the broker gone for longer
    than its request timeout, 20 minutes in Faust) ends the process at once, before a commit can
    count the input that produced it as done.
    """

    def __init__(self, app: faust.App, spec: topics.TopicSpec,
                 on_undelivered: Callable[[], None] = _exit_undelivered) -> None:
        self.app = app
        self.spec = spec
        self._headers = spec.headers()
        self._on_undelivered = on_undelivered

    async def send(self, key: str | bytes | None, value: BaseModel,
                   headers: dict[str, bytes] | None = None) -> asyncio.Future[Any]:
        """Hand the record to the producer; the future is done when the broker has taken it (or not)."""
        delivery = await self.app.producer.send(self.spec.name, key.encode() if isinstance(key, str) else key,
                                                encode(value), None, None, {**self._headers, **(headers or {})})
        delivery.add_done_callback(self._check)  # type: ignore[attr-defined]
        return delivery  # type: ignore[return-value]

    def _check(self, delivery: asyncio.Future[Any]) -> None:
        """A record the broker never took (after the producer's own retries) stops the worker."""
        if not delivery.cancelled() and delivery.exception() is not None:
            log.critical("record to %s not delivered: %r; exiting before its input is committed",
                         self.spec.name, delivery.exception())
            self._on_undelivered()


async def guarded(stage: str, key: bytes | None, value: bytes | None, model: type[M], core: Callable[[M], R],
                  dlq: Outlet, telemetry: StageTelemetry, max_bytes: int | None = None) -> R | None:
    """Decode ``value`` as ``model`` and run the core on it; what cannot be read, what the core
    refuses (``Rejected``) and what makes it fail goes to the DLQ with its reason and a counter, and
    the stage goes on."""
    if value is None:
        letter = dead_letter(stage, "no_value", "a record without a value (a tombstone) where a message was due", b"")
    elif isinstance(decoded := decode_or_dead_letter(value, model, stage=stage, max_bytes=max_bytes), DeadLetter):
        letter = decoded
    else:
        try:
            return core(decoded)
        except Rejected as exc:
            letter = dead_letter(stage, exc.reason, exc.error, value)
        except Exception as exc:  # noqa: BLE001 - a fault in the core must not stop the stage
            letter = dead_letter(stage, "processing_error", repr(exc), value)
    await dlq.send(key, letter)
    telemetry.dead_letter(letter.reason)
    return None


RECEIVED_HEADER = "newsmetrics-received-at"


def received_at(event: Any) -> dict[str, bytes]:
    """The header that carries when a feed item reached news.raw, from the event at hand: the raw
    record's own timestamp at ingest, the forwarded header after it."""
    headers = event.headers or {}
    if RECEIVED_HEADER in headers:
        return {RECEIVED_HEADER: headers[RECEIVED_HEADER]}
    return {RECEIVED_HEADER: repr(event.message.timestamp).encode()}
