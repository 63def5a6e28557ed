"""The store API's request rules (core): fact queries from parameters to parameterized SQL, and who may
call the admin endpoints.

Every value reaches the database as a bound parameter, never as SQL text;
limits and date ranges are bounded so one request cannot ask for everything.
"""

from __future__ import annotations

import csv
import hmac
import io
import re
from dataclasses import dataclass
from datetime import date

import orjson

from services.store.tables import FACT_COLUMNS

MAX_LIMIT = 1000
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class FactQuery:
    doc_id: str | None = None
    region: str | None = None
    indicator: str | None = None
    start: str | None = None  # YYYY-MM: facts whose period ends on or after it
    end: str | None = None  # YYYY-MM: facts whose period starts on or before it
    limit: int = 100
    offset: int = 0


def parse(params: dict[str, str]) -> FactQuery:
    """A query from request parameters; ``ValueError`` with the reason for a bad one."""
    unknown = set(params) - {"doc_id", "region", "indicator", "from", "to", "limit", "offset", "format"}
    if unknown:
        raise ValueError(f"unknown parameter(s): {', '.join(sorted(unknown))}")
    for name in ("from", "to"):
        if name in params and not _MONTH.match(params[name]):
            raise ValueError(f"{name} must be YYYY-MM")
    try:
        limit = int(params.get("limit", 100))
        offset = int(params.get("offset", 0))
    except ValueError as exc:
        raise ValueError("limit and offset must be integers") from exc
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise ValueError(f"limit must be 1..{MAX_LIMIT} and offset >= 0")
    return FactQuery(params.get("doc_id"), params.get("region"), params.get("indicator"), params.get("from"),
                     params.get("to"), limit, offset)


def where(q: FactQuery) -> tuple[str, dict[str, object]]:
    clauses, values = [], {}
    for column in ("doc_id", "region", "indicator"):
        value = getattr(q, column)
        if value is not None:
            clauses.append(f"{column} = %({column})s")
            values[column] = value
    if q.start:
        clauses.append("period_end >= %(start)s")
        values["start"] = q.start
    if q.end:
        clauses.append("period_start <= %(end)s")
        values["end"] = q.end
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", values


def select_facts(q: FactQuery) -> tuple[str, str, dict[str, object]]:
    """(page query, count query, parameters)."""
    condition, values = where(q)
    page = (f"SELECT {', '.join(FACT_COLUMNS)} FROM facts{condition} "
            "ORDER BY doc_id, article, span_start, fact_id LIMIT %(limit)s OFFSET %(offset)s")
    return page, f"SELECT COUNT(*) FROM facts{condition}", {**values, "limit": q.limit, "offset": q.offset}


def day(value: str | None) -> str | None:
    """An admin range bound: a date ``YYYY-MM-DD``, checked; None when absent."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{value!r} is not a date YYYY-MM-DD") from None


def admin_status(authorization: str | None, token: str | None) -> int:
    """200 when ``authorization`` carries the admin token; 404 when no token is configured (the
    endpoints are off and say nothing of themselves); 401 otherwise. Compared in constant time."""
    if not token:
        return 404
    scheme, _, offered = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(offered.strip().encode(), token.encode()):
        return 401
    return 200


def facts_csv(items: list[dict[str, object]]) -> str:
    """The facts of an API answer as CSV, one row each, in the columns of the facts table: the period
    as its two months, the span as its two offsets (one representation each, filled)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FACT_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for item in items:
        period: dict[str, str] = item.get("period") or {}  # type: ignore[assignment]
        span: list[int] = item.get("span") or [None, None]  # type: ignore[assignment]
        flags = orjson.dumps(item.get("flags", [])).decode()
        writer.writerow({**item, "period_start": period.get("start", ""), "period_end": period.get("end", ""),
                         "span_start": span[0], "span_end": span[1], "flags": flags})
    return buffer.getvalue()
