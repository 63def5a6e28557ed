from pathlib import Path

import pytest

from services.common.settings import Settings
from services.common.topics import ALL


def test_settings_read_the_newsmetrics_environment(monkeypatch):
    monkeypatch.setenv("NEWSMETRICS_KAFKA_BOOTSTRAP", "kafka-0:9093")
    monkeypatch.setenv("NEWSMETRICS_DB_URL", "postgresql://app:s3cret@db/news")
    monkeypatch.setenv("NEWSMETRICS_DATA_DIR", "/var/lib/newsmetrics")
    monkeypatch.setenv("NEWSMETRICS_API_PORT", "9000")
    s = Settings()
    assert s.kafka_bootstrap == "kafka-0:9093"
    assert s.data_dir == Path("/var/lib/newsmetrics")
    assert s.api_port == 9000
    assert s.db_url is not None and s.db_url.get_secret_value().endswith("/news")
    assert "s3cret" not in repr(s) and "s3cret" not in str(s.model_dump())


def test_defaults_run_embedded(monkeypatch):
    for name in ("KAFKA_BOOTSTRAP", "DB_URL", "DATA_DIR", "API_PORT"):
        monkeypatch.delenv(f"NEWSMETRICS_{name}", raising=False)
    s = Settings()
    assert s.kafka_bootstrap.startswith("127.0.0.1:")
    assert s.db_url is None


def test_topic_names_are_unique_and_namespaced():
    names = [t.name for t in ALL]
    assert len(set(names)) == len(names)
    assert all(n.startswith("news.") for n in names)


CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"


def test_sasl_ssl_comes_from_settings_alone_and_never_shows_the_password(monkeypatch, tmp_path):
    from services.common.faustapp import kafka_client_options, make_app

    for name, value in {"KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
                        "KAFKA_SASL_USERNAME": "newsmetrics", "KAFKA_SASL_PASSWORD": "pa55-word",
                        "KAFKA_SSL_CAFILE": CA_BUNDLE, "DATA_DIR": str(tmp_path)}.items():
        monkeypatch.setenv(f"NEWSMETRICS_{name}", value)
    settings = Settings()
    options = kafka_client_options(settings)
    assert (options["security_protocol"], options["sasl_mechanism"], options["sasl_plain_username"],
            options["sasl_plain_password"]) == ("SASL_SSL", "SCRAM-SHA-512", "newsmetrics", "pa55-word")
    assert options["ssl_context"].cert_store_stats()["x509_ca"] > 0  # the configured CA bundle is loaded
    app, _ = make_app("ingest", settings, 18081)
    credentials = app.conf.broker_credentials
    assert credentials.mechanism.value == "SCRAM-SHA-512" and credentials.ssl_context is not None
    assert "pa55-word" not in repr(credentials) and "pa55-word" not in repr(settings)


@pytest.mark.parametrize("level", ["WARNING", "ERROR", "INFO"])
def test_a_worker_never_turns_the_root_logger_to_debug(monkeypatch, tmp_path, level):
    """Faust's spinner would set the root logger to DEBUG at WARNING and above, so that every
    record produced builds an aiokafka debug log record."""
    import logging

    from services.common.faustapp import make_app, make_worker

    monkeypatch.setenv("NEWSMETRICS_DATA_DIR", str(tmp_path))
    app, _ = make_app("extract", Settings(), 18082)
    root = logging.Logger("root-under-test")
    root.addHandler(logging.StreamHandler())
    root.setLevel(logging.getLevelName(level))
    make_worker(app, level).on_setup_root_logger(root, logging.getLevelName(level))
    assert root.getEffectiveLevel() == logging.getLevelName(level)
    assert not root.isEnabledFor(logging.DEBUG)
