"""The store's schema, one SQL text for SQLite and PostgreSQL (core).

Migrations are statements applied in order, once each: their count is
recorded in ``schema_migrations``, and a new one is only ever appended. Both
engines run exactly the same DDL.
"""

from __future__ import annotations

from datetime import UTC

import orjson

from services.common.codec import encode
from services.common.schemas import Article, CleanItem, MetricFact

FACT_COLUMNS = (
    "fact_id", "doc_id", "article", "indicator", "measure", "value", "value_max", "qualifier", "unit", "out_of",
    "basis", "region", "region_code", "period_start", "period_end", "pollutant", "text", "evidence", "span_start",
    "span_end", "flags", "extractor", "extracted_at", "stored_at",
)
ARTICLE_COLUMNS = ("doc_id", "article", "kind", "title", "byline", "text", "stored_at")
DOCUMENT_COLUMNS = ("doc_id", "source", "url", "published_at", "item", "stored_at")

LEDGER = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"

MIGRATIONS: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS facts (
        fact_id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL,
        article INTEGER NOT NULL,
        indicator TEXT NOT NULL,
        measure TEXT NOT NULL,
        value DOUBLE PRECISION NOT NULL,
        value_max DOUBLE PRECISION,
        qualifier TEXT NOT NULL,
        unit TEXT NOT NULL,
        out_of INTEGER,
        basis TEXT,
        region TEXT NOT NULL,
        region_code TEXT,
        period_start TEXT,
        period_end TEXT,
        pollutant TEXT,
        text TEXT NOT NULL,
        evidence TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        flags TEXT NOT NULL,
        stored_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS facts_doc ON facts (doc_id)",
    "CREATE INDEX IF NOT EXISTS facts_region_indicator ON facts (region, indicator)",
    "CREATE INDEX IF NOT EXISTS facts_period ON facts (period_start, period_end)",
    """CREATE TABLE IF NOT EXISTS articles (
        doc_id TEXT NOT NULL,
        article INTEGER NOT NULL,
        kind TEXT NOT NULL,
        title TEXT,
        byline TEXT,
        text TEXT NOT NULL,
        stored_at TEXT NOT NULL,
        PRIMARY KEY (doc_id, article)
    )""",
    "ALTER TABLE facts ADD COLUMN extractor TEXT",
    "ALTER TABLE facts ADD COLUMN extracted_at TEXT",
    # the cleaned feed items, as extract received them: what re-extraction runs on
    """CREATE TABLE IF NOT EXISTS documents (
        doc_id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        url TEXT,
        published_at TEXT NOT NULL,
        item TEXT NOT NULL,
        stored_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS documents_published ON documents (published_at)",
    # the analyst pages: a province's or a city's facts by the start of their code; readers' reviews,
    # kept by fact id apart from the facts, so a re-extraction that keeps a fact keeps its reviews
    "CREATE INDEX IF NOT EXISTS facts_region_code ON facts (region_code)",
    """CREATE TABLE IF NOT EXISTS reviews (
        review_id TEXT PRIMARY KEY,
        fact_id TEXT NOT NULL,
        verdict TEXT NOT NULL,
        reason TEXT NOT NULL,
        corrected TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS reviews_fact ON reviews (fact_id, created_at)",
    # the explorer's indicator filter with a period range, and its value sort (bench/explore_bench.py)
    "CREATE INDEX IF NOT EXISTS facts_indicator_period ON facts (indicator, period_end)",
    "CREATE INDEX IF NOT EXISTS facts_value ON facts (value)",
)
REVIEW_COLUMNS = ("review_id", "fact_id", "verdict", "reason", "corrected", "created_at")


def upsert(table: str, columns: tuple[str, ...], key: tuple[str, ...]) -> str:
    """INSERT … ON CONFLICT DO UPDATE with named parameters: a replayed message changes nothing new."""
    names = ", ".join(columns)
    values = ", ".join(f"%({c})s" for c in columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key)
    return f"INSERT INTO {table} ({names}) VALUES ({values}) ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"


def fact_row(fact: MetricFact, stored_at: str) -> dict[str, object]:
    """A fact as a row of ``facts``."""
    return {
        **fact.model_dump(mode="json", exclude={"period", "span", "flags"}),
        "period_start": fact.period.start if fact.period else None,
        "period_end": fact.period.end if fact.period else None,
        "span_start": fact.span[0], "span_end": fact.span[1],
        "flags": orjson.dumps(fact.flags).decode(), "stored_at": stored_at,
    }


def row_fact(row: dict[str, object]) -> dict[str, object]:
    """A row of ``facts`` in the shape of the metrics topic's message, plus when it was stored."""
    out = {k: v for k, v in row.items() if k not in ("period_start", "period_end", "span_start", "span_end")}
    out["period"] = {"start": row["period_start"], "end": row["period_end"]} if row["period_start"] else None
    out["span"] = [row["span_start"], row["span_end"]]
    out["flags"] = orjson.loads(str(row["flags"]))
    return out


def document_row(item: CleanItem, stored_at: str) -> dict[str, object]:
    return {"doc_id": item.doc_id, "source": item.source, "url": item.url,
            "published_at": item.published_at.astimezone(UTC).isoformat(), "item": encode(item).decode(),
            "stored_at": stored_at}


def article_row(unit: Article, stored_at: str) -> dict[str, object]:
    return {"doc_id": unit.doc_id, "article": unit.article, "kind": unit.kind, "title": unit.title,
            "byline": unit.byline, "text": unit.text, "stored_at": stored_at}
