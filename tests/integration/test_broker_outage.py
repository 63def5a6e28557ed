"""A feed that posts over HTTP while the broker is away is told so (503, Retry-After) and not told
"accepted": nothing it was promised is lost. When the broker is back, the same post is taken."""

from __future__ import annotations

import asyncio
import contextlib
import time
import urllib.error
import urllib.request

import orjson
import pytest

from services.common.embedded import EmbeddedBroker
from tests.integration.helpers import free_port, read, running_stack, wait_until
from tests.integration.s3 import s3_storage

pytestmark = pytest.mark.integration

ITEM = {"id": "feed/outage-1", "source": "test", "published_at": "2024-10-12",
        "text": "今年1至9月，衡水市PM2.5平均浓度为38微克/立方米，同比下降7.3%。"}


def _post(port: str, body: bytes) -> tuple[int, dict, str | None]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/articles", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, orjson.loads(response.read()), response.headers.get("Retry-After")
    except urllib.error.HTTPError as error:
        return error.code, orjson.loads(error.read()), error.headers.get("Retry-After")


def _ready(port: str) -> bool:
    with contextlib.suppress(urllib.error.URLError, OSError):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
            return True
    return False


def test_posting_while_the_broker_is_away_is_refused_with_503_and_taken_once_it_is_back(tmp_path):
    bootstrap = f"127.0.0.1:{free_port()}"
    with s3_storage() as (storage, s3_env), \
            EmbeddedBroker(bootstrap, tmp_path / "broker.log", storage=storage, env=s3_env) as broker, \
            running_stack(tmp_path, stages=("ingest",), broker=False,
                          extra_env={"NEWSMETRICS_KAFKA_BOOTSTRAP": bootstrap}) as env:
        port = env["NEWSMETRICS_INGEST_PORT"]
        assert wait_until(lambda: _ready(port), timeout=120)
        broker.stop()
        started = time.monotonic()
        status, body, retry_after = _post(port, orjson.dumps(ITEM))
        assert (status, retry_after) == (503, "30"), body
        assert time.monotonic() - started < 40
        broker.start()
        assert wait_until(lambda: _post(port, orjson.dumps(ITEM))[0] == 202, timeout=120, every=3)
        got = asyncio.run(read(bootstrap, "news.raw", until=1, timeout=60))
        assert ITEM["id"] in {g["id"] for g in got}
