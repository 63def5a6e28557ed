"""Kafka over TLS end to end: stunnel terminates TLS in front of the embedded broker, which
advertises the TLS address; ingest, extract, store and ``newsmetrics push`` run with
``NEWSMETRICS_KAFKA_SECURITY_PROTOCOL=SSL`` and the test's CA. SASL is not exercised here
(docs/reliability.md says so)."""

from __future__ import annotations

import socket
import ssl
import subprocess
import sys

import orjson
import pytest

from services.common.embedded import EmbeddedBroker
from tests.integration.helpers import ROOT, free_port, get, running_stack, wait_until
from tests.integration.tls import make_certificates, tls_proxy

pytestmark = pytest.mark.integration
SAMPLE = ROOT / "samples" / "feed.jsonl"


def _stored_ids(port: str) -> set[str]:
    status, body = get(port, "/facts?limit=1000")
    return {f["fact_id"] for f in orjson.loads(body)["items"]} if status == 200 else set()


def test_the_pipeline_runs_over_tls_and_a_client_without_the_ca_is_refused(tmp_path):
    certificates = make_certificates(tmp_path)
    plain, secure = f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"
    env = {"NEWSMETRICS_KAFKA_BOOTSTRAP": secure, "NEWSMETRICS_KAFKA_SECURITY_PROTOCOL": "SSL",
           "NEWSMETRICS_KAFKA_SSL_CAFILE": str(certificates.ca)}
    with (EmbeddedBroker(plain, advertised=secure, log_path=tmp_path / "broker.log"),
          tls_proxy(secure, plain, certificates, tmp_path),
          running_stack(tmp_path, extra_env=env, broker=False) as stack):
        push = subprocess.run([sys.executable, "-m", "services.cli", "push", "--input", str(SAMPLE)], env=stack,
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert push.returncode == 0, push.stderr
        offline = {orjson.loads(line)["fact_id"] for line in subprocess.run(
            [sys.executable, "-m", "services.cli", "extract", "--input", str(SAMPLE)], cwd=ROOT,
            capture_output=True, check=True).stdout.splitlines()}
        api = stack["NEWSMETRICS_API_PORT"]
        assert wait_until(lambda: _stored_ids(api) == offline, timeout=150), _stored_ids(api) ^ offline

        host, port = secure.rsplit(":", 1)
        trusting = ssl.create_default_context(cafile=str(certificates.ca))
        with socket.create_connection((host, int(port)), timeout=5) as raw, \
                trusting.wrap_socket(raw, server_hostname=host) as tls:
            assert tls.version() in ("TLSv1.2", "TLSv1.3")
        with socket.create_connection((host, int(port)), timeout=5) as raw, \
                pytest.raises(ssl.SSLCertVerificationError):
            ssl.create_default_context().wrap_socket(raw, server_hostname=host)  # the system CAs only
        untrusting = {k: v for k, v in stack.items() if k != "NEWSMETRICS_KAFKA_SSL_CAFILE"}
        refused = subprocess.run([sys.executable, "-m", "services.cli", "push", "--input", str(SAMPLE)], cwd=ROOT,
                                 env=untrusting, capture_output=True, text=True, timeout=300)
        assert refused.returncode != 0 and "CERTIFICATE_VERIFY_FAILED" in refused.stderr + refused.stdout
