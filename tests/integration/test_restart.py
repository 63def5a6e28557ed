"""Dedup state survives a crash: a killed and restarted ingest worker still knows what it has seen."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from services.common.embedded import EmbeddedBroker
from tests.integration.helpers import free_port, metrics, produce, read

pytestmark = pytest.mark.integration
ROOT = Path(__file__).parents[2]
STORY = ("邢台持续改善空气质量\n\n今年上半年，邢台市PM2.5平均浓度为52微克/立方米，同比下降7.1%；"
         "优良天数比例为58.4%，同比上升4.2个百分点。全市共查处环境违法案件213起，罚没款1860万元。")


def _envelope(doc_id: str, text: str) -> tuple[bytes, bytes]:
    return doc_id.encode(), orjson.dumps({"id": doc_id, "source": "test", "published_at": "2024-07-15",
                                          "text": text})


def _start(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "ab") as out:
        return subprocess.Popen([sys.executable, "-m", "services.cli", "worker", "ingest"], env=env, cwd=ROOT,
                                stdout=out, stderr=subprocess.STDOUT)


def _wait_for(port: str, needle: str, timeout: float) -> str:
    deadline, text = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            text = metrics(port)
        except OSError:
            text = ""
        if needle in text:
            break
        time.sleep(1)
    return text


def test_a_repost_after_a_crash_and_restart_is_still_a_duplicate(tmp_path):
    env = {**os.environ, "NEWSMETRICS_KAFKA_BOOTSTRAP": f"127.0.0.1:{free_port()}",
           "NEWSMETRICS_DATA_DIR": str(tmp_path), "NEWSMETRICS_INGEST_PORT": str(free_port())}
    bootstrap, port = env["NEWSMETRICS_KAFKA_BOOTSTRAP"], env["NEWSMETRICS_INGEST_PORT"]
    with EmbeddedBroker(bootstrap, log_path=tmp_path / "broker.log"):
        worker = _start(env, tmp_path / "ingest-1.log")
        try:
            asyncio.run(produce(bootstrap, [_envelope("site-a/1", STORY)]))
            assert len(asyncio.run(read(bootstrap, "news.clean", until=1, timeout=90))) == 1
        finally:
            worker.send_signal(signal.SIGKILL)  # a crash: no clean shutdown
            worker.wait()
        worker = _start(env, tmp_path / "ingest-2.log")
        try:
            repost = STORY.replace("，", ",").replace("。", ". ") + "\n点赞 分享 收藏"
            asyncio.run(produce(bootstrap, [_envelope("site-b/9", repost)]))
            text = _wait_for(port, 'newsmetrics_ingest_messages_total{outcome="duplicate"} 1.0', timeout=240)
            assert 'newsmetrics_ingest_messages_total{outcome="duplicate"} 1.0' in text
            assert len(asyncio.run(read(bootstrap, "news.clean", until=2, timeout=5))) == 1
        finally:
            worker.terminate()
            worker.wait(timeout=30)
