"""The store's HTTP API on Faust's web server (shell): thin handlers over the repository.

Read-only but for one admin endpoint, which is off unless a token is set.

GET /facts?doc_id=&region=&indicator=&from=&to=&limit=&offset=[&format=csv]
GET /facts/{fact_id}, /regions, /indicators, /openapi.json (this API's OpenAPI 3.1 document;
/health, /ready and /metrics come with every stage's app)
POST /admin/reextract?since=&until= — only with ``Authorization: Bearer <NEWSMETRICS_ADMIN_TOKEN>``;
without a configured token the admin endpoints do not exist (404).
"""

from __future__ import annotations

import asyncio
from typing import Any

import faust
import orjson

from services.common.settings import Settings
from services.common.telemetry import StageTelemetry
from services.store import openapi, pages, query
from services.store.reextract import reextract
from services.store.repository import Repository


def _json(web: Any, value: object, status: int = 200) -> Any:
    return web.bytes(orjson.dumps(value), content_type="application/json", status=status)


def register(app: faust.App, repository: Repository, settings: Settings, telemetry: StageTelemetry) -> None:
    """The API's endpoints and the analyst pages (``pages``) on the store's web server."""
    pages.register(app, repository, settings, telemetry)
    token = settings.admin_token.get_secret_value() if settings.admin_token else None

    @app.page("/admin/reextract")
    class Reextract(faust.web.View):
        async def post(self, request: Any) -> Any:
            """Re-extract the stored documents published in [since, until) and publish the difference."""
            status = query.admin_status(request.headers.get("Authorization"), token)
            if status != 200:
                body = {"error": "not found"} if status == 404 else {"error": "a valid bearer token is required"}
                return _json(self.web, body, status=status)
            params = dict(request.query)
            try:
                since, until = (query.day(params.get(k)) for k in ("since", "until"))
            except ValueError as exc:
                return _json(self.web, {"error": str(exc)}, status=400)
            # its own thread and loop: reading the store and extracting must not stall this worker's
            # agents and heartbeats, or a long re-extraction would cost it its partitions
            counts = await asyncio.to_thread(lambda: asyncio.run(reextract(settings, since, until)))
            return _json(self.web, counts)

    document = openapi.dumps()

    @app.page("/openapi.json")
    async def openapi_document(web: Any, request: Any) -> Any:
        return web.bytes(document, content_type="application/json")

    @app.page("/facts")
    async def facts(web: Any, request: Any) -> Any:
        params = dict(request.query)
        try:
            q = query.parse(params)
        except ValueError as exc:
            return _json(web, {"error": str(exc)}, status=400)
        items, total = repository.facts(q)
        if params.get("format") == "csv":
            return web.bytes(query.facts_csv(items).encode(), content_type="text/csv")
        return _json(web, {"items": items, "total": total, "limit": q.limit, "offset": q.offset})

    @app.page("/facts/{fact_id}")
    async def fact(web: Any, request: Any, fact_id: str) -> Any:
        found = repository.fact(fact_id) if "\x00" not in fact_id else None
        return _json(web, found) if found else _json(web, {"error": "no such fact"}, status=404)

    @app.page("/regions")
    async def regions(web: Any, request: Any) -> Any:
        return _json(web, {"items": repository.regions()})

    @app.page("/indicators")
    async def indicators(web: Any, request: Any) -> Any:
        return _json(web, {"items": repository.indicators()})
