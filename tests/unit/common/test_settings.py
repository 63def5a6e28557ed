from pathlib import Path

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
