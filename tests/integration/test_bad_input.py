"""Bad input on news.raw, each kind: a dead letter with a precise reason, its counter moves, and the
good item pushed after all of them is processed normally."""

from __future__ import annotations

import asyncio
import re

import orjson
import pytest

from tests.integration.helpers import get, metrics, post, produce, read, running_stack, wait_until

pytestmark = pytest.mark.integration


def _item(text: str, **fields) -> bytes:
    return orjson.dumps({"id": "x", "source": "test", "published_at": "2024-11-02", "text": text, **fields})


BAD: list[tuple[str, bytes, str]] = [
    ("invalid JSON", b'{"id": "x", "text": ', "invalid_json"),
    ("a missing field", orjson.dumps({"id": "x", "text": "正文"}), "invalid_fields"),
    ("an unknown field", _item("正文", titel="错字"), "invalid_fields"),
    ("a wrong type", orjson.dumps({"id": 7, "published_at": "2024-11-02", "text": ["正文"]}), "invalid_fields"),
    ("not UTF-8", "邢台市空气质量".encode("gb18030"), "invalid_json"),
    ("empty text", _item(" \n\u200b "), "empty_text"),
    ("binary", _item("".join(map(chr, range(1, 9))) * 500), "binary"),
    ("HTML", _item("<!DOCTYPE html><html><head><title>t</title></head><body><p>正文</p></body></html>"), "markup"),
    ("a 50 MB message", _item("正" * (50 * 1024 * 1024 // 3)), "too_large"),
    ("a 100,000-line message", _item("一行字\n" * 100_000), "too_many_lines"),
    ("deeply nested JSON", b'{"id": "x", "text": ' + b"[" * 5000 + b"]" * 5000 + b"}", "invalid_json"),
]
TOKEN = "s3cret-admin-token"
GOOD = orjson.dumps({"id": "good-1", "source": "test", "published_at": "2024-11-02",
                     "text": "邢台市环境执法\n\n今年以来，邢台市共查处环境违法案件132起，罚款金额986万元。"})


def test_each_kind_of_bad_input_is_dead_lettered_with_its_reason_and_the_next_item_goes_through(tmp_path):
    with running_stack(tmp_path, extra_env={"NEWSMETRICS_ADMIN_TOKEN": TOKEN}) as env:
        bootstrap = env["NEWSMETRICS_KAFKA_BOOTSTRAP"]
        asyncio.run(produce(bootstrap, [(f"bad-{n}".encode(), payload) for n, (_, payload, _) in enumerate(BAD)]
                            + [(b"good-1", GOOD)]))
        letters = asyncio.run(read(bootstrap, "news.dlq", until=len(BAD), timeout=180))
        assert [(letter["stage"], letter["reason"]) for letter in letters] == [("ingest", r) for _, _, r in BAD]
        assert all(letter["error"] and len(letter["payload"]) <= 10_000 for letter in letters)
        api = env["NEWSMETRICS_API_PORT"]
        def good_facts() -> int:
            return orjson.loads(get(api, "/facts?doc_id=good-1")[1])["total"]

        assert wait_until(lambda: good_facts() >= 2, timeout=120)
        assert good_facts() == 2
        counters = metrics(env["NEWSMETRICS_INGEST_PORT"])
        for reason in {r for _, _, r in BAD}:
            expected = sum(1 for _, _, r in BAD if r == reason)
            assert re.search(rf'newsmetrics_dead_letters_total{{reason="{reason}",stage="ingest"}} {expected}\.0',
                             counters), reason

        # the admin endpoint: a bearer token or nothing
        assert post(api, "/admin/reextract", b"")[0] == 401
        assert post(api, "/admin/reextract", b"", {"Authorization": "Bearer wrong"})[0] == 401
        assert post(api, "/admin/reextract?since=yesterday", b"", {"Authorization": f"Bearer {TOKEN}"})[0] == 400
        status, counts = post(api, "/admin/reextract", b"", {"Authorization": f"Bearer {TOKEN}"})
        assert status == 200 and counts == {"documents": 1, "new": 0, "changed": 0, "unchanged": 2, "retracted": 0}
        assert TOKEN not in (tmp_path / "store.log").read_text()
