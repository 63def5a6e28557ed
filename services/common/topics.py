"""Topic names, their messages and their shape: the one source of truth (core).

Every service, the CLI, the published schemas and the deployment manifests read
topics from here. Partitions and replication come from settings, so one code
base runs on the one-partition embedded broker and on a production cluster alike.

Each topic carries one message model at a schema version ``MAJOR.MINOR``: a
compatible change (a new optional field, a wider enum) bumps the minor, a
breaking one the major; ``services.common.contract`` holds the check. Every
record says its version in the ``newsmetrics-schema-version`` header.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from services.common.schemas import Article, CleanItem, DeadLetter, MetricFact, RawArticle

DAY_MS = 24 * 3600 * 1000
SCHEMA_HEADER = "newsmetrics-schema-version"


@dataclass(frozen=True)
class TopicSpec:
    name: str
    model: type[BaseModel]
    schema_version: str
    retention_ms: int
    compacted: bool = False

    def configs(self) -> dict[str, str]:
        """Broker-side topic configuration. A compacted topic keeps the latest record of every key
        for good (retention -1) and its tombstones for ``retention_ms``, long enough for any
        consumer that is not hopelessly behind to see a retraction."""
        if self.compacted:
            return {"cleanup.policy": "compact", "retention.ms": "-1",
                    "delete.retention.ms": str(self.retention_ms)}
        return {"cleanup.policy": "delete", "retention.ms": str(self.retention_ms)}

    def headers(self) -> dict[str, bytes]:
        """The headers every record of this topic carries."""
        return {SCHEMA_HEADER: self.schema_version.encode()}


RAW = TopicSpec("news.raw", RawArticle, "1.0", retention_ms=7 * DAY_MS)
# news.clean 1.1: removed; 1.2: masthead; 1.3: a paragraph a unit printed twice is in removed
CLEAN = TopicSpec("news.clean", CleanItem, "1.3", retention_ms=7 * DAY_MS)
ARTICLES = TopicSpec("news.articles", Article, "1.0", retention_ms=30 * DAY_MS)
METRICS = TopicSpec("news.metrics", MetricFact, "1.0", retention_ms=7 * DAY_MS, compacted=True)
DLQ = TopicSpec("news.dlq", DeadLetter, "1.0", retention_ms=30 * DAY_MS)

ALL: tuple[TopicSpec, ...] = (RAW, CLEAN, ARTICLES, METRICS, DLQ)
BY_NAME: dict[str, TopicSpec] = {t.name: t for t in ALL}
