"""The streaming services on the real (embedded Tansu) broker, against the offline pipeline as oracle.

Starts the broker and one worker process per stage (the store on SQLite, then
on a real PostgreSQL server), pushes feed items to news.raw, reads
news.metrics and news.dlq as a consumer would, and queries the store's API.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from services.common.schemas import RawArticle
from services.extract.pipeline import read_item
from services.ingest.dedup import DedupIndex
from services.ingest.pipeline import clean_item, for_clean_topic
from tests.integration.helpers import get, metrics, post, produce, read, running_stack, sample_and_seeds

pytestmark = pytest.mark.integration
ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "samples" / "feed.jsonl"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> Path:
    """The sample feed, and the seed pages from ../shared (required in CI)."""
    return sample_and_seeds(tmp_path_factory.mktemp("feed") / "feed.jsonl")


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def stack(request, tmp_path_factory) -> Iterator[dict[str, str]]:
    with running_stack(tmp_path_factory.mktemp(f"stack-{request.param}"), request.param) as env:
        yield env


def _offline_fact_ids(feed: Path) -> set[str]:
    out = subprocess.run([sys.executable, "-m", "services.cli", "extract", "--input", str(feed)], cwd=ROOT,
                         capture_output=True, check=True).stdout
    return {orjson.loads(line)["fact_id"] for line in out.splitlines()}


def _stored(port: str, expected: int, timeout: float) -> dict:
    deadline, body = time.monotonic() + timeout, {"total": 0}
    while time.monotonic() < deadline:
        status, raw = get(port, "/facts?limit=1000")
        body = orjson.loads(raw) if status == 200 else body
        if body["total"] >= expected:
            break
        time.sleep(1)
    return body


def _offline_unplaced(feed: Path) -> Counter[str]:
    """The figures the offline pipeline reads but can give no place, by indicator."""
    index, unplaced = DedupIndex(), Counter[str]()
    for line in feed.read_bytes().splitlines():
        index, item = clean_item(RawArticle.model_validate_json(line), index)
        unplaced.update(read_item(for_clean_topic(item) or item).unplaced)
    return unplaced


def _with_a_placeless_page(feed: Path, path: Path) -> Path:
    """The feed and a page naming no place, from a source naming none: its figures are dropped, counted."""
    path.write_bytes(feed.read_bytes() + orjson.dumps({
        "id": "placeless-1", "source": "wire", "published_at": "2024-06-15",
        "text": "空气质量持续改善\n\n1—5月，PM2.5平均浓度为36微克/立方米，同比下降10%。"}) + b"\n")
    return path


def test_the_running_services_emit_exactly_the_offline_facts_and_dead_letter_bad_input(stack, feed, tmp_path):
    bootstrap = stack["NEWSMETRICS_KAFKA_BOOTSTRAP"]
    feed = _with_a_placeless_page(feed, tmp_path / "feed.jsonl")
    items = [(orjson.loads(line)["id"].encode(), line) for line in feed.read_bytes().splitlines()]
    asyncio.run(produce(bootstrap, [(b"bad-1", b"{not json"), *items]))
    expected = _offline_fact_ids(feed)
    facts = asyncio.run(read(bootstrap, "news.metrics", until=len(expected), timeout=150))
    assert {f["fact_id"] for f in facts} == expected
    assert len(facts) == len(expected)  # the re-posted copy added nothing
    [letter] = asyncio.run(read(bootstrap, "news.dlq", until=1, timeout=30))
    assert (letter["stage"], letter["reason"], letter["payload"]) == ("ingest", "invalid_json", "{not json")
    ingest = metrics(stack["NEWSMETRICS_INGEST_PORT"])
    assert 'newsmetrics_dead_letters_total{reason="invalid_json",stage="ingest"} 1.0' in ingest
    assert 'newsmetrics_ingest_messages_total{outcome="duplicate"} 1.0' in ingest  # the sample re-post
    if len(items) > 4:  # the seeds: one article printed twice on a web page, a spam footer
        assert 'newsmetrics_ingest_units_total{kind="duplicate"} 2.0' in ingest
    extract = metrics(stack["NEWSMETRICS_EXTRACT_PORT"])
    assert 'newsmetrics_extract_facts_total{indicator="air.pm25"}' in extract
    unplaced = {k: int(float(v)) for k, v in
                re.findall(r'^newsmetrics_extract_unplaced_figures_total\{indicator="([^"]+)"\} (\S+)', extract, re.M)}
    assert unplaced == _offline_unplaced(feed) and unplaced["air.pm25"] >= 1  # none dropped unseen

    api = stack["NEWSMETRICS_API_PORT"]
    body = _stored(api, len(expected), timeout=150)  # a deadline to wait for, not a speed goal
    assert not any("热门推荐" in f["evidence"] or "举报" in f["evidence"] for f in body["items"])
    assert {f["fact_id"] for f in body["items"]} == expected and body["total"] == len(expected)
    one = body["items"][0]
    status, raw = get(api, f"/facts/{one['fact_id']}")
    assert status == 200 and orjson.loads(raw)["evidence"] == one["evidence"]
    assert get(api, "/facts?from=2024-13")[0] == 400
    assert get(api, "/facts/no-such-fact")[0] == 404
    status, raw = get(api, "/facts?indicator=air.pm25&format=csv")
    assert status == 200 and raw.decode().splitlines()[0].startswith("fact_id,doc_id")
    assert get(api, "/health")[0] == 200
    assert orjson.loads(get(api, "/ready")[1]) == {"ready": True, "database": True, "broker": True}
    assert orjson.loads(get(stack["NEWSMETRICS_INGEST_PORT"], "/ready")[1]) == {"ready": True, "broker": True}
    assert get(stack["NEWSMETRICS_EXTRACT_PORT"], "/health")[0] == 200
    assert post(api, "/admin/reextract", b"", {"Authorization": "Bearer anything"})[0] == 404  # no token: off
    store = metrics(api)
    assert "newsmetrics_store_facts_total" in store
    assert float(re.search(r"newsmetrics_end_to_end_seconds_count (\S+)", store).group(1)) > 0
    lag = re.compile(r'newsmetrics_consumer_lag_messages\{stage="ingest",topic="news.raw"\} 0.0')
    deadline = time.monotonic() + 30  # measured every 5 s once the worker is up
    while not lag.search(metrics(stack["NEWSMETRICS_INGEST_PORT"])) and time.monotonic() < deadline:
        time.sleep(1)
    assert lag.search(metrics(stack["NEWSMETRICS_INGEST_PORT"]))


def test_feeds_can_post_articles_over_http(stack):
    ingest, api = stack["NEWSMETRICS_INGEST_PORT"], stack["NEWSMETRICS_API_PORT"]
    status, body = post(ingest, "/articles", b'[{"id": "web-1"}]')
    assert status == 400 and "published_at" in body["errors"][0]
    assert post(ingest, "/articles", b"{nope")[0] == 400
    article = {"id": "web-2", "source": "http", "published_at": "2024-07-15",
               "text": "沧州严查环境违法\n\n截至目前，沧州市共查处环境违法案件126起，罚没款1250万元。"}
    assert post(ingest, "/articles", orjson.dumps([article])) == (202, {"accepted": 1})
    deadline, total = time.monotonic() + 60, 0
    while total < 2 and time.monotonic() < deadline:
        total = orjson.loads(get(api, "/facts?doc_id=web-2")[1])["total"]
        time.sleep(1)
    assert total == 2
