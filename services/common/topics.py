"""Topic names and their shape: the one source of truth (core).

Every service, the CLI and the deployment manifests read topic names from
here. Partitions and replication come from settings, so one code base runs on
the one-partition embedded broker and on a production cluster alike.
"""

from __future__ import annotations

from dataclasses import dataclass

DAY_MS = 24 * 3600 * 1000


@dataclass(frozen=True)
class TopicSpec:
    name: str
    retention_ms: int
    compacted: bool = False

    def configs(self) -> dict[str, str]:
        """Broker-side topic configuration."""
        return {"retention.ms": str(self.retention_ms),
                "cleanup.policy": "compact,delete" if self.compacted else "delete"}


RAW = TopicSpec("news.raw", retention_ms=7 * DAY_MS)
CLEAN = TopicSpec("news.clean", retention_ms=7 * DAY_MS)
ARTICLES = TopicSpec("news.articles", retention_ms=30 * DAY_MS)
METRICS = TopicSpec("news.metrics", retention_ms=30 * DAY_MS)
DLQ = TopicSpec("news.dlq", retention_ms=30 * DAY_MS)

ALL: tuple[TopicSpec, ...] = (RAW, CLEAN, ARTICLES, METRICS, DLQ)

