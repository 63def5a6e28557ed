"""Ingest's front door for feeds that cannot produce to Kafka (shell): POST /articles.

One envelope or a JSON array; 413 past the size limit, 400 with a reason per
bad item, 202 with the count once the broker has acknowledged every item on
news.raw, 503 with Retry-After when it has not within ``DELIVERY_SECONDS`` (the
feed sends the body again; a re-sent item keeps its id, so it is stored once).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import faust
import orjson

from services.common import topics
from services.common.faustapp import Outlet
from services.common.telemetry import StageTelemetry
from services.ingest.intake import parse_body

MAX_BODY_BYTES = 10 * 1024 * 1024
DELIVERY_SECONDS = 15.0
RETRY_AFTER_SECONDS = 30
log = logging.getLogger(__name__)


def register(app: faust.App, telemetry: StageTelemetry) -> None:
    raw = Outlet(app, topics.RAW)

    def reply(web: Any, value: object, status: int) -> Any:
        return web.bytes(orjson.dumps(value), content_type="application/json", status=status)

    @app.page("/articles")
    class Articles(faust.web.View):
        async def post(self, request: Any) -> Any:
            if (request.content_length or 0) > MAX_BODY_BYTES:
                return reply(self.web, {"error": f"body over {MAX_BODY_BYTES} bytes"}, 413)
            body = await request.content.read(MAX_BODY_BYTES + 1)
            if len(body) > MAX_BODY_BYTES:
                return reply(self.web, {"error": f"body over {MAX_BODY_BYTES} bytes"}, 413)
            envelopes, errors = parse_body(body)
            if errors:
                telemetry.messages.labels("rejected_http").inc()
                return reply(self.web, {"errors": errors}, 400)
            try:
                async with asyncio.timeout(DELIVERY_SECONDS):
                    await asyncio.gather(*[await raw.send(e.id, e) for e in envelopes])
            except Exception as error:  # noqa: BLE001 - any failure to deliver is the broker's, told as 503
                log.warning("POST /articles: news.raw did not acknowledge %d item(s): %r", len(envelopes), error)
                telemetry.messages.labels("unavailable_http").inc()
                return self.web.bytes(orjson.dumps({"error": "the broker did not acknowledge the items; send again"}),
                                      content_type="application/json", status=503,
                                      headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
            return reply(self.web, {"accepted": len(envelopes)}, 202)
