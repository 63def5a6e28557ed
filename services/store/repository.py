"""The store's database I/O: one SQL implementation for SQLite and PostgreSQL (shell).

SQLite (a file under NEWSMETRICS_DATA_DIR) is the embedded default;
PostgreSQL is used when NEWSMETRICS_DB_URL is set. Both run the same SQL
text: statements are written with ``%(name)s`` parameters and rewritten to
``:name`` for sqlite3. Every value is a bound parameter.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row

from services.common.codec import decode
from services.common.schemas import Article, CleanItem, MetricFact
from services.common.settings import Settings
from services.store import query, tables

_NAMED = re.compile(r"%\((\w+)\)s")


class Repository:
    def __init__(self, connection: Any, dialect: str) -> None:
        self.connection = connection
        self.dialect = dialect
        self._lock = threading.Lock()

    @classmethod
    def open(cls, settings: Settings) -> Repository:
        if settings.db_url is not None:
            return cls(psycopg.connect(settings.db_url.get_secret_value(), row_factory=dict_row), "postgres")
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        lite = sqlite3.connect(settings.data_dir / "newsmetrics.sqlite3", check_same_thread=False)
        lite.row_factory = sqlite3.Row
        lite.execute("PRAGMA journal_mode=WAL")
        return cls(lite, "sqlite")

    def _sql(self, text: str) -> str:
        return _NAMED.sub(r":\1", text) if self.dialect == "sqlite" else text

    def _rows(self, sql: str, params: dict[str, object] | None = None) -> list[dict[str, Any]]:
        with self._lock:
            cursor = self.connection.execute(self._sql(sql), params or {})
            rows = [dict(r) for r in cursor.fetchall()]
            self.connection.commit()
        return rows

    def migrate(self) -> None:
        """Apply the migrations this database has not had yet, in order, in one transaction."""
        with self._lock:
            try:
                self.connection.execute(tables.LEDGER)
                done = self.connection.execute("SELECT COUNT(*) AS n FROM schema_migrations").fetchone()["n"]
                now = datetime.now(UTC).isoformat()
                for version, statement in enumerate(tables.MIGRATIONS[done:], start=done + 1):
                    self.connection.execute(statement)
                    self.connection.execute(self._sql("INSERT INTO schema_migrations VALUES (%(v)s, %(at)s)"),
                                            {"v": version, "at": now})
                self.connection.commit()
            except Exception:
                self.connection.rollback()
                raise

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
        with self._lock:
            try:
                cursor = self.connection.cursor()
                for sql, rows in batches:
                    if rows:
                        cursor.executemany(self._sql(sql), rows)
                self.connection.commit()
            except Exception:
                self.connection.rollback()
                raise

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

    def ping(self) -> bool:
        try:
            self._rows("SELECT 1 AS ok")
            return True
        except Exception:  # noqa: BLE001 - readiness reports any failure as not ready
            return False

    def close(self) -> None:
        self.connection.close()
