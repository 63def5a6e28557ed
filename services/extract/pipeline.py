"""Extract's core entry point: a cleaned item in, its metric facts out (core)."""

from __future__ import annotations

from datetime import UTC, datetime

from services.common.schemas import CleanItem, MetricFact
from services.extract.extraction import extract_article
from services.extract.version import EXTRACTOR_VERSION


def extract_item(item: CleanItem, at: datetime | None = None) -> list[MetricFact]:
    """Every fact of the item's articles and briefs, stamped with this extractor's version and ``at``
    (now when not given)."""
    now = at or datetime.now(UTC)
    facts: list[MetricFact] = []
    for unit in item.units:
        if unit.kind in ("article", "brief"):
            facts.extend(extract_article(item, unit, extractor=EXTRACTOR_VERSION, extracted_at=now))
    return facts
