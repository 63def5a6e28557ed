"""Settings from ``NEWSMETRICS_*`` environment variables (core; built at the edge, never at import)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSMETRICS_", extra="ignore")

    kafka_bootstrap: str = Field(default="127.0.0.1:19092", description="Kafka bootstrap servers")
    kafka_security_protocol: str = Field(default="PLAINTEXT", description="PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL")
    kafka_sasl_mechanism: str | None = Field(default=None, description="PLAIN, SCRAM-SHA-256, SCRAM-SHA-512")
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_cafile: Path | None = Field(default=None, description="CA bundle for SSL / SASL_SSL")
    topic_partitions: int = Field(default=1, ge=1, description="partitions of every topic the services declare")
    topic_replication: int = Field(default=1, ge=1, description="replication factor of those topics")
    store_batch_size: int = Field(default=500, ge=1, le=10_000,
                                  description="most records the store writes in one transaction")
    store_batch_seconds: float = Field(default=0.2, gt=0, le=10,
                                       description="longest the store waits for a batch to fill before it writes")
    fetch_wait_ms: int = Field(default=500, ge=1, le=5000,
                               description="longest a stage's consumer lets the broker hold a fetch with no data")
    db_url: SecretStr | None = Field(
        default=None, description="PostgreSQL URL; unset means SQLite under data_dir"
    )
    data_dir: Path = Field(default=Path("data"), description="where embedded state lives")
    bind_host: str = Field(default="127.0.0.1", description="address the HTTP endpoints listen on")
    api_port: int = Field(default=8080, ge=1, le=65535, description="store API port")
    ingest_port: int = Field(default=8081, ge=1, le=65535, description="ingest's /metrics and POST /articles")
    extract_port: int = Field(default=8082, ge=1, le=65535, description="extract's /metrics")
    log_level: str = Field(default="INFO", description="logging level of every service")
    admin_token: SecretStr | None = Field(
        default=None, description="bearer token of the store's admin endpoints; unset means they are off"
    )
    review_token: SecretStr | None = Field(
        default=None, description="token a reader gives to review facts on the analyst pages; unset: read-only"
    )

    @property
    def first_broker(self) -> tuple[str, int]:
        """Host and port of the first bootstrap server."""
        host, _, port = self.kafka_bootstrap.split(",")[0].rpartition(":")
        return host.strip("[]"), int(port)
