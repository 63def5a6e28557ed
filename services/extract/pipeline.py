"""Extract's core entry point: a cleaned item in, its metric facts out (core)."""

from __future__ import annotations

from datetime import UTC, datetime

from services.common.schemas import CleanItem, MetricFact
from services.extract.extraction import Reading, extract_article
from services.extract.version import EXTRACTOR_VERSION


def read_item(item: CleanItem, at: datetime | None = None) -> Reading:
    """Every fact of the item's articles and briefs, stamped with this extractor's version and ``at``
    (now when not given), and the indicators of the figures no place could be given."""
    now = at or datetime.now(UTC)
    facts: list[MetricFact] = []
    unplaced: list[str] = []
    for unit in item.units:
        if unit.kind in ("article", "brief"):
            reading = extract_article(item, unit, extractor=EXTRACTOR_VERSION, extracted_at=now)
            facts += reading.facts
            unplaced += reading.unplaced
    return Reading(facts, unplaced)


def extract_item(item: CleanItem, at: datetime | None = None) -> list[MetricFact]:
    """The facts of ``read_item``."""
    return read_item(item, at).facts
