"""The store's HTTP API keeps its OpenAPI contract: schemathesis (from PyPI) generates requests from
``/openapi.json`` against the live API, with the sample facts stored, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from tests.integration.helpers import get, produce, running_stack, wait_until

pytestmark = pytest.mark.integration
ROOT = Path(__file__).parents[2]
TOKEN = "contract-test-token"


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def api(request, tmp_path_factory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp(f"contract-{request.param}")
    tokens = {"NEWSMETRICS_ADMIN_TOKEN": TOKEN, "NEWSMETRICS_REVIEW_TOKEN": TOKEN}
    with running_stack(tmp, request.param, extra_env=tokens) as env:
        lines = (ROOT / "samples" / "feed.jsonl").read_bytes().splitlines()
        asyncio.run(produce(env["NEWSMETRICS_KAFKA_BOOTSTRAP"], [(orjson.loads(x)["id"].encode(), x) for x in lines]))
        port = env["NEWSMETRICS_API_PORT"]
        assert wait_until(lambda: _total(port) == 16, timeout=150)  # a deadline to wait for, not a speed goal
        yield port


def _total(port: str) -> int:
    status, body = get(port, "/facts")
    return orjson.loads(body)["total"] if status == 200 else 0


def test_the_served_document_is_the_committed_one(api):
    status, body = get(api, "/openapi.json")
    assert status == 200 and body == (ROOT / "schemas" / "openapi.json").read_bytes()


def test_schemathesis_finds_no_server_error_and_no_response_outside_the_document(api, tmp_path):
    cli = Path(sys.executable).parent / "schemathesis"
    run = subprocess.run(
        [str(cli), "run", f"http://127.0.0.1:{api}/openapi.json", "--checks", "all", "--max-examples", "40",
         "--seed", "20261129", "--generation-database", "none", "--workers", "1", "--no-color",
         "--header", f"Authorization: Bearer {TOKEN}", "--header", f"X-Review-Token: {TOKEN}",
         "--report", "junit", "--report-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "passed" in run.stdout and " failed" not in run.stdout
