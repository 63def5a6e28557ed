"""The store's HTTP API keeps its OpenAPI contract: schemathesis (from PyPI) generates requests from
``/openapi.json`` against the live API, with the sample facts stored, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from tests.integration.helpers import get, produce, running_stack, wait_until

pytestmark = pytest.mark.integration
ROOT = Path(__file__).parents[2]
TOKEN = "contract-test-token"
# an article whose text carries markup: the pages must show it as text
MARKUP = orjson.dumps({"id": "markup-1", "source": "test", "published_at": "2024-07-01",
                       "text": "邯郸市大气<script>alert(1)</script>\n\n上半年，邯郸市PM2.5平均浓度为47微克/立方米。"})


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def api(request, tmp_path_factory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp(f"contract-{request.param}")
    tokens = {"NEWSMETRICS_ADMIN_TOKEN": TOKEN, "NEWSMETRICS_REVIEW_TOKEN": TOKEN}
    with running_stack(tmp, request.param, extra_env=tokens) as env:
        lines = [*(ROOT / "samples" / "feed.jsonl").read_bytes().splitlines(), MARKUP]
        asyncio.run(produce(env["NEWSMETRICS_KAFKA_BOOTSTRAP"], [(orjson.loads(x)["id"].encode(), x) for x in lines]))
        feed = tmp / "feed.jsonl"
        feed.write_bytes(b"\n".join(lines) + b"\n")
        expected = len(subprocess.run([sys.executable, "-m", "services.cli", "extract", "--input", str(feed)],
                                      cwd=ROOT, capture_output=True, check=True).stdout.splitlines())
        port = env["NEWSMETRICS_API_PORT"]
        assert wait_until(lambda: _total(port) == expected, timeout=150)  # a deadline to wait for, not a speed goal
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


def test_review_writes_need_the_token_json_and_a_real_fact_and_article_text_is_escaped(api):
    one = orjson.loads(get(api, "/facts?limit=1")[1])["items"][0]
    body = orjson.dumps({"fact_id": one["fact_id"], "verdict": "wrong", "reason": "<script>x</script>"})
    json_type = {"Content-Type": "application/json"}
    assert _post(api, "/reviews", body, json_type)[0] == 401  # no token
    assert _post(api, "/reviews", body, {**json_type, "X-Review-Token": "wrong"})[0] == 401
    assert _post(api, "/reviews", body, {"Content-Type": "text/plain", "X-Review-Token": TOKEN})[0] == 415
    assert _post(api, "/reviews", b"{", {**json_type, "X-Review-Token": TOKEN})[0] == 400
    unknown = orjson.dumps({"fact_id": "no-such-fact", "verdict": "confirmed"})
    assert _post(api, "/reviews", unknown, {**json_type, "X-Review-Token": TOKEN})[0] == 404
    status, saved = _post(api, "/reviews", body, {**json_type, "X-Review-Token": TOKEN})
    assert status == 201 and saved["fact_id"] == one["fact_id"]
    page = get(api, f"/articles/{one['doc_id']}/{one['article']}")[1].decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x</script>" not in page  # the reason
    marked = orjson.loads(get(api, "/facts?doc_id=markup-1")[1])["items"][0]
    page = get(api, f"/articles/markup-1/{marked['article']}")[1].decode()
    assert "alert(1)" in page and "<script>alert(1)" not in page  # the article's own text, escaped


def _post(port: str, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, dict]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, orjson.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, orjson.loads(error.read())
