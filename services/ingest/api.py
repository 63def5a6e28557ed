"""Ingest's front door for feeds that cannot produce to Kafka (shell): POST /articles.

One envelope or a JSON array; 413 past the size limit, 400 with a reason per
bad item, 202 with the count once every item is on news.raw.
"""

from __future__ import annotations

from typing import Any

import faust
import orjson

from services.common import topics
from services.common.faustapp import Outlet
from services.common.telemetry import StageTelemetry
from services.ingest.intake import parse_body

MAX_BODY_BYTES = 10 * 1024 * 1024


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
            for envelope in envelopes:
                await raw.send(envelope.id, envelope)
            return reply(self.web, {"accepted": len(envelopes)}, 202)
