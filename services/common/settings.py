"""Settings from ``NEWSMETRICS_*`` environment variables (core; built at the edge, never at import)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSMETRICS_", extra="ignore")

    kafka_bootstrap: str = Field(default="127.0.0.1:19092", description="Kafka bootstrap servers")
    db_url: SecretStr | None = Field(
        default=None, description="PostgreSQL URL; unset means SQLite under data_dir"
    )
    data_dir: Path = Field(default=Path("data"), description="where embedded state lives")
    api_port: int = Field(default=8080, ge=1, le=65535, description="store API port")
    log_level: str = Field(default="INFO", description="logging level of every service")

