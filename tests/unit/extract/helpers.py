"""Run the real clean + extract pipeline on text written for the tests."""

from __future__ import annotations

from datetime import UTC, datetime

from services.common.schemas import MetricFact, RawArticle
from services.extract.pipeline import extract_item
from services.ingest.dedup import DedupIndex
from services.ingest.pipeline import clean_item


def facts_of(text: str, published: str = "2024-07-15", doc_id: str = "t") -> list[MetricFact]:
    when = datetime.fromisoformat(published).replace(tzinfo=UTC)
    _, item = clean_item(RawArticle(id=doc_id, source="test", published_at=when, text=text), DedupIndex())
    return extract_item(item)


def brief(title: str, body: str) -> str:
    return f"{title}\n\n燕赵日报讯(记者赵明){body}"


def key(f: MetricFact) -> tuple:
    period = (f.period.start, f.period.end) if f.period else None
    return (f.indicator, f.measure, f.value, f.unit, f.region, period)
