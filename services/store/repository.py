"""The store's database I/O: one SQL implementation for SQLite and PostgreSQL (shell).

SQLite (a file under NEWSMETRICS_DATA_DIR) is the embedded default;
PostgreSQL is used when NEWSMETRICS_DB_URL is set. Both run the same SQL
text: statements are written with ``%(name)s`` parameters and rewritten to
``:name`` for sqlite3. Every value is a bound parameter.

A database restart, a failover, a full disk or a lock held by another process
must cost time, never data: every failure is either ``Unavailable`` (the server
or the file is not answering; the caller retries the same work later, and the
next call opens a fresh connection) or ``Refused`` (the database rejects these
rows; retrying cannot help).
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar

import orjson
import psycopg
from psycopg.rows import dict_row

from services.common.codec import decode
from services.common.schemas import Article, CleanItem, MetricFact
from services.common.settings import Settings
from services.store import explore, query, tables

_NAMED = re.compile(r"%\((\w+)\)s")
T = TypeVar("T")
SQLITE_BUSY_SECONDS = 1.0  # how long sqlite3 waits on another connection's lock before saying "locked"
POSTGRES_CONNECT_SECONDS = 5


class Unavailable(Exception):
    """The database did not answer (connection lost or refused, server shutting down, file locked,
    disk full): the same work can succeed later. ``kind`` names the error class, for counters."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.kind = type(error).__name__


class Refused(Exception):
    """The database rejected the rows themselves (a constraint, a value it cannot hold)."""


_SQLITE_OUTAGES = ("locked", "busy", "disk", "unable to open", "readonly", "i/o error")


_MIGRATION_LOCK = 0x6E6D6967  # "nmig": the advisory lock migrating processes take turns on


def _unavailable(error: BaseException) -> bool:
    """Whether ``error`` is about the server, the connection or the file rather than the data."""
    if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError):
        return True  # connection refused or lost, admin shutdown, recovery, too many connections
    if isinstance(error, sqlite3.OperationalError):
        message = str(error).lower()
        return any(outage in message for outage in _SQLITE_OUTAGES)
    return False


class Repository:
    def __init__(self, connect: Callable[[], Any], dialect: str) -> None:
        """``connect`` opens a new connection; one is opened on first use and again after a failure."""
        self._connect = connect
        self._connection: Any = None
        self.dialect = dialect
        self._lock = threading.Lock()

    @classmethod
    def open(cls, settings: Settings) -> Repository:
        if settings.db_url is not None:
            url = settings.db_url.get_secret_value()
            return cls(lambda: psycopg.connect(url, row_factory=dict_row, connect_timeout=POSTGRES_CONNECT_SECONDS),
                       "postgres")
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        path = settings.data_dir / "newsmetrics.sqlite3"

        def connect() -> sqlite3.Connection:
            lite = sqlite3.connect(path, check_same_thread=False, timeout=SQLITE_BUSY_SECONDS)
            lite.row_factory = sqlite3.Row
            lite.execute("PRAGMA journal_mode=WAL")
            return lite
        return cls(connect, "sqlite")

    def _sql(self, text: str) -> str:
        return _NAMED.sub(r":\1", text) if self.dialect == "sqlite" else text

    def _transaction(self, work: Callable[[Any], T]) -> T:
        """Run ``work`` on the connection and commit, all or nothing; failures come out as
        ``Unavailable`` (the connection is dropped, the next call opens another) or ``Refused``."""
        with self._lock:
            try:
                if self._connection is None:
                    self._connection = self._connect()
                result = work(self._connection)
                self._connection.commit()
                return result
            except Exception as error:
                if self._connection is not None:
                    with contextlib.suppress(Exception):
                        self._connection.rollback()
                if not _unavailable(error):
                    raise Refused(f"{type(error).__name__}: {error}") from error
                self._drop()
                raise Unavailable(error) from error

    def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.close()

    def _rows(self, sql: str, params: dict[str, object] | None = None) -> list[dict[str, Any]]:
        return self._transaction(
            lambda c: [dict(r) for r in c.execute(self._sql(sql), params or {}).fetchall()])

    def migrate(self) -> None:
        """Apply the migrations this database has not had yet, in order, in one transaction. Processes
        starting together (``up --workers store=2``) take turns: the write lock (SQLite) or an advisory
        lock (PostgreSQL) is held before the ledger is read, so the second finds the work done."""
        def work(connection: Any) -> None:
            if self.dialect == "sqlite":
                if not connection.in_transaction:
                    connection.execute("BEGIN IMMEDIATE")
            else:
                connection.execute("SELECT pg_advisory_xact_lock(%(key)s)", {"key": _MIGRATION_LOCK})
            connection.execute(tables.LEDGER)
            done = connection.execute("SELECT COUNT(*) AS n FROM schema_migrations").fetchone()["n"]
            now = datetime.now(UTC).isoformat()
            for version, statement in enumerate(tables.MIGRATIONS[done:], start=done + 1):
                connection.execute(statement)
                connection.execute(self._sql("INSERT INTO schema_migrations VALUES (%(v)s, %(at)s)"),
                                   {"v": version, "at": now})
        self._transaction(work)

    def store(self, *, facts: Iterable[MetricFact] = (), articles: Iterable[Article] = (),
              documents: Iterable[CleanItem] = (), retracted: Iterable[str] = ()) -> None:
        """Upsert facts by fact_id, articles by (doc_id, article), documents by doc_id, and delete the
        retracted facts, in one transaction."""
        now = datetime.now(UTC).isoformat()
        batches = (
            (tables.upsert("facts", tables.FACT_COLUMNS, ("fact_id",)), [tables.fact_row(f, now) for f in facts]),
            (tables.upsert("articles", tables.ARTICLE_COLUMNS, ("doc_id", "article")),
             [tables.article_row(a, now) for a in articles]),
            (tables.upsert("documents", tables.DOCUMENT_COLUMNS, ("doc_id",)),
             [tables.document_row(d, now) for d in documents]),
            ("DELETE FROM facts WHERE fact_id = %(fact_id)s", [{"fact_id": f} for f in retracted]),
        )

        def work(connection: Any) -> None:
            cursor = connection.cursor()
            for sql, rows in batches:
                if rows:
                    cursor.executemany(self._sql(sql), rows)
        self._transaction(work)

    def facts_of(self, doc_id: str) -> list[dict[str, object]]:
        """Every stored fact of one feed item, in the shape of the metrics topic's message."""
        rows = self._rows(f"SELECT {', '.join(tables.FACT_COLUMNS)} FROM facts WHERE doc_id = %(doc_id)s",
                          {"doc_id": doc_id})
        return [tables.row_fact(r) for r in rows]

    def documents(self, since: str | None = None, until: str | None = None, page: int = 200) -> Iterator[CleanItem]:
        """The stored cleaned items published in [since, until) (ISO timestamps, UTC), oldest first,
        read a page at a time so a large store is never held in memory."""
        after = ""
        while True:
            rows = self._rows(
                "SELECT doc_id, item FROM documents WHERE published_at >= %(since)s AND published_at < %(until)s "
                "AND doc_id > %(after)s ORDER BY doc_id LIMIT %(page)s",
                {"since": since or "", "until": until or "~", "after": after, "page": page})
            if not rows:
                return
            for row in rows:
                yield decode(row["item"], CleanItem)
            after = rows[-1]["doc_id"]

    def facts(self, q: query.FactQuery) -> tuple[list[dict[str, object]], int]:
        page, count, params = query.select_facts(q)
        items = [tables.row_fact(r) for r in self._rows(page, params)]
        [total] = self._rows(count, params)
        return items, int(next(iter(total.values())))

    def fact(self, fact_id: str) -> dict[str, object] | None:
        rows = self._rows(f"SELECT {', '.join(tables.FACT_COLUMNS)} FROM facts WHERE fact_id = %(id)s",
                          {"id": fact_id})
        return tables.row_fact(rows[0]) if rows else None

    def regions(self) -> list[dict[str, object]]:
        return self._rows("SELECT region, region_code, COUNT(*) AS facts FROM facts "
                          "GROUP BY region, region_code ORDER BY region")

    def indicators(self) -> list[dict[str, object]]:
        return self._rows("SELECT indicator, COUNT(*) AS facts FROM facts GROUP BY indicator ORDER BY indicator")

    # the analyst pages -----------------------------------------------------------------------

    def explore_page(self, q: explore.Explore) -> tuple[list[dict[str, object]], int]:
        page, count, params = explore.explore_sql(q)
        items = [tables.row_fact(r) | {"period_start": r["period_start"], "period_end": r["period_end"]}
                 for r in self._rows(page, params)]
        return items, int(self._rows(count, params)[0]["n"])

    def article(self, doc_id: str, article: int) -> dict[str, Any] | None:
        rows = self._rows(f"SELECT {', '.join(tables.ARTICLE_COLUMNS)} FROM articles "
                          "WHERE doc_id = %(doc_id)s AND article = %(article)s", {"doc_id": doc_id, "article": article})
        return rows[0] if rows else None

    def document(self, doc_id: str) -> CleanItem | None:
        rows = self._rows("SELECT item FROM documents WHERE doc_id = %(doc_id)s", {"doc_id": doc_id})
        return decode(rows[0]["item"], CleanItem) if rows else None

    def article_facts(self, doc_id: str, article: int) -> list[dict[str, object]]:
        rows = self._rows(f"SELECT {', '.join(tables.FACT_COLUMNS)} FROM facts WHERE doc_id = %(doc_id)s "
                          "AND article = %(article)s ORDER BY span_start, fact_id",
                          {"doc_id": doc_id, "article": article})
        return [tables.row_fact(r) for r in rows]

    def chart_facts(self, indicator: str, measure: str, regions: list[str]) -> list[dict[str, object]]:
        rows = self._rows(
            f"SELECT {', '.join(tables.FACT_COLUMNS)} FROM facts WHERE indicator = %(indicator)s "
            "AND measure = %(measure)s AND period_start IS NOT NULL "
            f"AND region IN ({', '.join(f'%(r{n})s' for n in range(len(regions)))}) "
            "ORDER BY period_end, region LIMIT %(limit)s",
            {"indicator": indicator, "measure": measure, "limit": query.MAX_LIMIT,
             **{f"r{n}": r for n, r in enumerate(regions)}}) if regions else []
        return rows

    def top_regions(self, indicator: str, measure: str, n: int) -> list[str]:
        """The ``n`` regions with the most dated facts of an indicator: a chart's default."""
        rows = self._rows("SELECT region, COUNT(*) AS n FROM facts WHERE indicator = %(indicator)s "
                          "AND measure = %(measure)s AND period_start IS NOT NULL GROUP BY region "
                          "ORDER BY n DESC, region LIMIT %(limit)s", {"indicator": indicator, "measure": measure,
                                                                       "limit": n})
        return [str(r["region"]) for r in rows]

    def add_review(self, review: explore.Review) -> dict[str, object]:
        row = {"review_id": uuid.uuid4().hex, "fact_id": review.fact_id, "verdict": review.verdict,
               "reason": review.reason, "created_at": datetime.now(UTC).isoformat(),
               "corrected": orjson.dumps(review.corrected).decode() if review.corrected is not None else None}
        sql = f"INSERT INTO reviews ({', '.join(tables.REVIEW_COLUMNS)}) VALUES " \
              f"({', '.join(f'%({c})s' for c in tables.REVIEW_COLUMNS)})"
        self._transaction(lambda c: c.execute(self._sql(sql), row))
        return _review(row)

    def reviews_of(self, fact_ids: list[str]) -> list[dict[str, object]]:
        if not fact_ids:
            return []
        marks = ", ".join(f"%(f{n})s" for n in range(len(fact_ids)))
        rows = self._rows(f"SELECT {', '.join(tables.REVIEW_COLUMNS)} FROM reviews WHERE fact_id IN ({marks}) "
                          "ORDER BY created_at", {f"f{n}": f for n, f in enumerate(fact_ids)})
        return [_review(r) for r in rows]

    def latest_reviews(self) -> list[tuple[dict[str, object], dict[str, object] | None]]:
        """Each reviewed fact's latest review, with the fact as stored now (None once retracted)."""
        rows = self._rows(f"SELECT {', '.join(tables.REVIEW_COLUMNS)} FROM reviews ORDER BY fact_id, created_at")
        latest = {r["fact_id"]: _review(r) for r in rows}
        return [(review, self.fact(str(fact_id))) for fact_id, review in sorted(latest.items())]

    def ping(self) -> bool:
        try:
            self._rows("SELECT 1 AS ok")
            return True
        except Exception:  # noqa: BLE001 - readiness reports any failure as not ready
            return False

    def close(self) -> None:
        with self._lock:
            self._drop()


def _review(row: dict[str, Any]) -> dict[str, object]:
    return {**row, "corrected": orjson.loads(row["corrected"]) if row["corrected"] else None}
