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
MAX_OFFSET = 1_000_000_000  # a page past this is past any store; larger numbers overflow SQLite's integers
_MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class FactQuery:
    doc_id: str | None = None
    region: str | None = None
    indicator: str | None = None
    start: str | None = None  # YYYY-MM: facts whose period ends on or after it
    end: str | None = None  # YYYY-MM: facts whose period starts on or before it
    limit: int = 100
    offset: int = 0


_MONTH_SCHEMA = {"type": "string", "pattern": _MONTH.pattern}
# text a parameter may hold: anything but NUL, which PostgreSQL's text cannot store or compare
TEXT_PATTERN = "^[^\\x00]*$"


def refuse_nul(params: dict[str, str]) -> None:
    """``ValueError`` for a parameter holding a NUL character (PostgreSQL refuses it in any text)."""
    bad = sorted(name for name, value in params.items() if "\x00" in value)
    if bad:
        raise ValueError(f"these parameters hold a NUL character: {', '.join(bad)}")
# what GET /facts accepts (and nothing else): the handler's parameters, described for the API's document
FACT_PARAMETERS: dict[str, dict[str, object]] = {
    "doc_id": {"type": "string", "pattern": TEXT_PATTERN, "description": "facts of this feed item"},
    "region": {"type": "string", "pattern": TEXT_PATTERN, "description": "facts of this region, by its full name"},
    "indicator": {"type": "string", "pattern": TEXT_PATTERN, "description": "facts of this indicator code"},
    "from": {**_MONTH_SCHEMA, "description": "YYYY-MM: facts whose period ends in or after this month"},
    "to": {**_MONTH_SCHEMA, "description": "YYYY-MM: facts whose period starts in or before this month"},
    "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 100, "description": "page size"},
    "offset": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0, "description": "facts to skip"},
    "format": {"type": "string", "enum": ["json", "csv"], "default": "json", "description": "the answer's format"},
}
ADMIN_PARAMETERS: dict[str, dict[str, object]] = {
    name: {"type": "string", "format": "date", "description": f"re-extract documents published {word} this day"}
    for name, word in (("since", "on or after"), ("until", "before"))
}
_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_INTEGER = re.compile(r"^(0|[1-9][0-9]*)$")


def parse(params: dict[str, str]) -> FactQuery:
    """A query from request parameters; ``ValueError`` with the reason for a bad one."""
    refuse_nul(params)
    unknown = set(params) - set(FACT_PARAMETERS)
    if unknown:
        raise ValueError(f"unknown parameter(s): {', '.join(sorted(unknown))}")
    for name in ("from", "to"):
        if name in params and not _MONTH.match(params[name]):
            raise ValueError(f"{name} must be YYYY-MM")
    if params.get("format", "json") not in ("json", "csv"):
        raise ValueError("format must be json or csv")
    if not all(_INTEGER.match(params.get(name, "0")) for name in ("limit", "offset")):
        raise ValueError("limit and offset must be integers")  # digits only: int() would take " 5", "+5", "٥"
    limit, offset = int(params.get("limit", 100)), int(params.get("offset", 0))
    if not 1 <= limit <= MAX_LIMIT or not 0 <= offset <= MAX_OFFSET:
        raise ValueError(f"limit must be 1..{MAX_LIMIT} and offset 0..{MAX_OFFSET}")
    return FactQuery(params.get("doc_id"), params.get("region"), params.get("indicator"), params.get("from"),
                     params.get("to"), limit, offset)


def period_overlap(start: str | None, end: str | None, clauses: list[str], values: dict[str, object]) -> None:
    """Add the conditions of facts whose period overlaps [start, end] (months; either may be open)."""
    if start:
        clauses.append("period_end >= %(start)s")
        values["start"] = start
    if end:
        clauses.append("period_start <= %(end)s")
        values["end"] = end


def where(q: FactQuery) -> tuple[str, dict[str, object]]:
    clauses: list[str] = []
    values: dict[str, object] = {}
    for column in ("doc_id", "region", "indicator"):
        value = getattr(q, column)
        if value is not None:
            clauses.append(f"{column} = %({column})s")
            values[column] = value
    period_overlap(q.start, q.end, clauses, values)
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
    if not _DAY.match(value):
        raise ValueError(f"{value!r} is not a date YYYY-MM-DD")
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
