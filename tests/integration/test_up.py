"""``newsmetrics up`` as a user runs it: everything on embedded defaults, stopped by SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import orjson
import pytest

from services.common.workers import PORT_STEP
from tests.integration.helpers import free_port

pytestmark = pytest.mark.integration
ROOT = Path(__file__).parents[2]


def _readme_queries() -> list[str]:
    """The curl commands the README's "Run it" section tells a new user to type."""
    section = (ROOT / "README.md").read_text().split("## Run it", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"`(curl [^`]+)`", section)
    assert commands, "the README's first query is gone"
    return commands


def test_up_serves_the_sample_facts_and_stops_cleanly_on_sigterm(tmp_path):
    ports = {name: str(free_port()) for name in ("API", "INGEST", "EXTRACT")}
    env = {**os.environ, "NEWSMETRICS_KAFKA_BOOTSTRAP": f"127.0.0.1:{free_port()}",
           "NEWSMETRICS_DATA_DIR": str(tmp_path), **{f"NEWSMETRICS_{k}_PORT": v for k, v in ports.items()}}
    up = subprocess.Popen([sys.executable, "-m", "services.cli", "up"], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, start_new_session=True)
    try:
        lines = [up.stdout.readline().decode() for _ in range(5)]  # type: ignore[union-attr]
        assert [line.split()[0] for line in lines] == ["broker", "ingest", "extract", "store", "logs"]
        assert f":{ports['API']}/ " in lines[3] and "/facts" in lines[3]  # the analyst pages, and the API
        total, deadline = 0, time.monotonic() + 180
        while total < 16 and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{ports['API']}/facts", timeout=5) as response:
                    total = orjson.loads(response.read())["total"]
            except OSError:
                pass
            time.sleep(1)
        assert total == 16  # the sample feed's facts, its re-post counted once
        for command in _readme_queries():  # as a new user types them: curl sends the UTF-8 bytes unencoded
            command = command.replace("127.0.0.1:8080", f"127.0.0.1:{ports['API']}")
            answer = orjson.loads(subprocess.run(["sh", "-c", command + " --fail --silent --show-error"],
                                                 capture_output=True, check=True).stdout)
            assert answer["total"] > 0 and {f["region"] for f in answer["items"]} == {"邯郸市"}
    finally:
        up.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        up.send_signal(signal.SIGTERM)  # an impatient second signal must not orphan the workers
        code = up.wait(timeout=60)
        up.stdout.close()  # type: ignore[union-attr]  # a pipe left open warns in whichever test runs next
        assert code == 0
        up.stdout.close()  # type: ignore[union-attr]
    leftovers = subprocess.run(["pgrep", "-s", str(up.pid)], capture_output=True, text=True).stdout.split()
    assert leftovers == []  # broker and workers stopped with it


def _metric(port: str, name: str) -> float:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        text = response.read().decode()
    return sum(float(v) for v in re.findall(rf"^{name}(?:{{[^}}]*}})? (\S+)$", text, re.M))


def test_up_scales_extract_and_store_by_partitions(tmp_path):
    """Two extract and two store processes, one consumer group each: the partitions are shared out,
    every process does part of the work, and the store holds each fact once."""
    base = {name: free_port(step=PORT_STEP) for name in ("API", "INGEST", "EXTRACT")}
    env = {**os.environ, "NEWSMETRICS_KAFKA_BOOTSTRAP": f"127.0.0.1:{free_port()}",
           "NEWSMETRICS_DATA_DIR": str(tmp_path), **{f"NEWSMETRICS_{k}_PORT": str(v) for k, v in base.items()}}
    up = subprocess.Popen([sys.executable, "-m", "services.cli", "up", "--workers", "extract=2,store=2"], env=env,
                          cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    extract = [str(base["EXTRACT"]), str(base["EXTRACT"] + PORT_STEP)]
    store = [str(base["API"]), str(base["API"] + PORT_STEP)]
    try:
        lines = [up.stdout.readline().decode() for _ in range(4)]  # type: ignore[union-attr]
        assert all(f":{port}/" in lines[2] for port in extract) and all(f":{port}/" in lines[3] for port in store)
        done, deadline = [0.0, 0.0], time.monotonic() + 180
        while sum(done) < 3 and time.monotonic() < deadline:  # the sample's three unique items
            try:
                done = [_metric(port, "newsmetrics_extract_messages_total") for port in extract]
            except OSError:
                pass
            time.sleep(1)
        assert sum(done) == 3 and min(done) > 0  # both extract processes took partitions and worked
        total, deadline = 0, time.monotonic() + 60
        while total < 16 and time.monotonic() < deadline:
            with urllib.request.urlopen(f"http://127.0.0.1:{store[1]}/facts", timeout=5) as response:
                total = orjson.loads(response.read())["total"]
            time.sleep(1)
        assert total == 16  # every fact once, whichever store process wrote it
        assert all(_metric(port, "newsmetrics_store_facts_total") > 0 for port in store)
    finally:
        up.send_signal(signal.SIGTERM)
        code = up.wait(timeout=60)
        up.stdout.close()  # type: ignore[union-attr]  # a pipe left open warns in whichever test runs next
        assert code == 0
        up.stdout.close()  # type: ignore[union-attr]
    assert subprocess.run(["pgrep", "-s", str(up.pid)], capture_output=True, text=True).stdout.split() == []
