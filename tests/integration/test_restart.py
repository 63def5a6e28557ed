"""A restarted ingest worker still knows what its predecessor had seen: its dedup index is rebuilt
from news.clean before it takes a feed item, so a story re-pushed after a crash is a duplicate."""

from __future__ import annotations

import asyncio
import contextlib
import signal

import orjson
import pytest

from services.common.embedded import stop_processes
from tests.integration.helpers import get, metrics, produce, running_stack, start_worker, wait_until

pytestmark = pytest.mark.integration

STORY = ("衡水市生态环境局通报，今年1至9月，衡水市PM2.5平均浓度为38微克/立方米，同比下降7.3%；"
         "优良天数比例达到70.5%。全市共办理环境行政处罚案件214件，罚没款2816万元。")
OTHER = ("沧州市今年以来完成造林绿化4.2万亩，森林覆盖率达到23.6%。沧州市新增城市绿地面积120公顷，"
         "建成区绿化覆盖率达到41.8%。")


def _envelope(doc_id: str, title: str, text: str) -> tuple[bytes, bytes]:
    return doc_id.encode(), orjson.dumps({"id": doc_id, "source": "test", "published_at": "2024-10-12",
                                          "title": title, "text": text})


def _facts(api: str, doc_id: str) -> int:
    with contextlib.suppress(OSError):
        return orjson.loads(get(api, f"/facts?doc_id={doc_id}")[1])["total"]
    return 0


def test_a_story_re_pushed_after_a_crash_is_still_a_duplicate(tmp_path):
    with running_stack(tmp_path, stages=("extract", "store")) as env:
        bootstrap, api = env["NEWSMETRICS_KAFKA_BOOTSTRAP"], env["NEWSMETRICS_API_PORT"]
        ingest = start_worker("ingest", env, tmp_path / "ingest-1.log")
        try:
            asyncio.run(produce(bootstrap, [_envelope("paper/1", "衡水空气质量持续向好", STORY)]))
            assert wait_until(lambda: _facts(api, "paper/1") >= 4, timeout=150)
        finally:
            ingest.send_signal(signal.SIGKILL)
            ingest.wait()
        ingest = start_worker("ingest", env, tmp_path / "ingest-2.log")
        try:
            asyncio.run(produce(bootstrap, [
                _envelope("web/77", "转载｜衡水空气质量持续向好", STORY + "\n点赞 分享 举报\n热门推荐"),
                _envelope("web/78", "沧州绿化", OTHER),
            ]))
            assert wait_until(lambda: _facts(api, "web/78") >= 3, timeout=150)
            assert _facts(api, "web/77") == 0
            port = env["NEWSMETRICS_INGEST_PORT"]
            assert 'newsmetrics_ingest_messages_total{outcome="duplicate"} 1.0' in metrics(port)
            assert "recovered from 1 item(s)" in (tmp_path / "ingest-2.log").read_text()
        finally:
            stop_processes([ingest])
