"""Ops against the running services: every metric the dashboard and the alerts use exists on the
services' /metrics, and a real Prometheus server (Debian's package) scrapes them, loads the alert
rules and answers per-stage queries after a push.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import subprocess
import urllib.parse
from pathlib import Path

import orjson
import pytest
import yaml

from tests.integration.helpers import ROOT, free_port, get, metrics, produce, required_tool, running_stack, wait_until

pytestmark = pytest.mark.integration
K8S = ROOT / "deploy" / "k8s" / "base"
SAMPLE = ROOT / "samples" / "feed.jsonl"
STAGES = {"ingest": "NEWSMETRICS_INGEST_PORT", "extract": "NEWSMETRICS_EXTRACT_PORT", "store": "NEWSMETRICS_API_PORT"}
HISTOGRAM_PARTS = re.compile(r"_(bucket|count|sum)$")


def _rules() -> dict:
    return {"groups": yaml.safe_load((K8S / "alerts.yaml").read_text())["spec"]["groups"]}


def _queries() -> list[str]:
    dashboard = orjson.loads((K8S / "grafana" / "newsmetrics.json").read_bytes())
    panels = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
    return panels + [r["expr"] for g in _rules()["groups"] for r in g["rules"]]


def _exposed(text: str) -> set[str]:
    return set(re.findall(r"^# TYPE (\S+) ", text, re.M))


def _prometheus() -> str:
    return required_tool("prometheus", installed_by="scripts/test installs Debian's prometheus package")


@contextlib.contextmanager
def _prometheus_server(tmp: Path, env: dict[str, str]):
    (tmp / "newsmetrics.rules.yaml").write_text(yaml.safe_dump(_rules(), allow_unicode=True, sort_keys=False))
    config = {"global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
              "rule_files": ["newsmetrics.rules.yaml"],
              "scrape_configs": [{"job_name": f"newsmetrics-{stage}",
                                  "static_configs": [{"targets": [f"127.0.0.1:{env[port]}"]}]}
                                 for stage, port in STAGES.items()]}
    (tmp / "prometheus.yml").write_text(yaml.safe_dump(config))
    port = free_port()
    with open(tmp / "prometheus.log", "wb") as log:
        server = subprocess.Popen([_prometheus(), f"--config.file={tmp / 'prometheus.yml'}",
                                   f"--storage.tsdb.path={tmp / 'tsdb'}", f"--web.listen-address=127.0.0.1:{port}"],
                                  stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
        try:
            yield str(port)
        finally:
            server.terminate()
            server.wait(timeout=30)


def _query(port: str, promql: str) -> list[dict]:
    status, body = get(port, "/api/v1/query?" + urllib.parse.urlencode({"query": promql}))
    return orjson.loads(body)["data"]["result"] if status == 200 else []


def test_dashboard_and_alert_metrics_exist_and_prometheus_scrapes_every_stage(tmp_path):
    with running_stack(tmp_path) as env:
        items = [(orjson.loads(line)["id"].encode(), line) for line in SAMPLE.read_bytes().splitlines()]
        asyncio.run(produce(env["NEWSMETRICS_KAFKA_BOOTSTRAP"], [(b"bad", b"{oops"), *items]))
        assert wait_until(lambda: orjson.loads(get(env["NEWSMETRICS_API_PORT"], "/facts?limit=1")[1])["total"] > 0, 150)

        exposed = set().union(*(_exposed(metrics(env[port])) for port in STAGES.values()))
        used = {HISTOGRAM_PARTS.sub("", name) for q in _queries() for name in re.findall(r"\bnewsmetrics_\w+", q)}
        assert used and used <= exposed, f"not on any /metrics: {sorted(used - exposed)}"

        with _prometheus_server(tmp_path, env) as port:
            ups = wait_until(lambda: len([r for r in _query(port, 'up{job=~"newsmetrics-.*"} == 1')]) == 3, 60)
            assert ups, _query(port, "up")
            for stage in STAGES:
                [series] = wait_until(lambda s=stage: _query(port, f"sum(newsmetrics_{s}_messages_total)"), 30)
                assert float(series["value"][1]) > 0, stage
            [stored] = _query(port, "sum(newsmetrics_store_facts_total)")
            assert float(stored["value"][1]) > 0
            [letters] = _query(port, 'newsmetrics_dead_letters_total{stage="ingest", reason="invalid_json"}')
            assert letters["value"][1] == "1"
            rules = orjson.loads(get(port, "/api/v1/rules")[1])["data"]["groups"]
            alerts = {r["alert"] for g in _rules()["groups"] for r in g["rules"]}
            assert {r["name"] for g in rules for r in g["rules"]} == alerts
            assert all(r["health"] == "ok" for g in rules for r in g["rules"])
