"""The store's read-only HTTP API on Faust's web server (shell): thin handlers over the repository.

GET /facts?doc_id=&region=&indicator=&from=&to=&limit=&offset=[&format=csv]
GET /facts/{fact_id}, /regions, /indicators (/health and /ready come with every stage's app)
"""

from __future__ import annotations

import csv
import io
from typing import Any

import faust
import orjson

from services.store import query
from services.store.repository import Repository
from services.store.tables import FACT_COLUMNS

_CSV_COLUMNS = [c for c in FACT_COLUMNS if c not in ("span_start", "span_end")]


def _json(web: Any, value: object, status: int = 200) -> Any:
    return web.bytes(orjson.dumps(value), content_type="application/json", status=status)


def _csv(items: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*_CSV_COLUMNS, "period", "span"], extrasaction="ignore")
    writer.writeheader()
    for item in items:
        period: dict[str, str] = item.get("period") or {}  # type: ignore[assignment]
        writer.writerow({**item, "period": f"{period['start']}/{period['end']}" if period else "",
                         "span": orjson.dumps(item["span"]).decode(), "flags": orjson.dumps(item["flags"]).decode()})
    return buffer.getvalue()


def register(app: faust.App, repository: Repository) -> None:
    @app.page("/facts")
    async def facts(web: Any, request: Any) -> Any:
        params = dict(request.query)
        try:
            q = query.parse(params)
        except ValueError as exc:
            return _json(web, {"error": str(exc)}, status=400)
        items, total = repository.facts(q)
        if params.get("format") == "csv":
            return web.bytes(_csv(items).encode(), content_type="text/csv")
        return _json(web, {"items": items, "total": total, "limit": q.limit, "offset": q.offset})

    @app.page("/facts/{fact_id}")
    async def fact(web: Any, request: Any, fact_id: str) -> Any:
        found = repository.fact(fact_id)
        return _json(web, found) if found else _json(web, {"error": "no such fact"}, status=404)

    @app.page("/regions")
    async def regions(web: Any, request: Any) -> Any:
        return _json(web, {"items": repository.regions()})

    @app.page("/indicators")
    async def indicators(web: Any, request: Any) -> Any:
        return _json(web, {"items": repository.indicators()})
