"""Extract's core entry point: a cleaned item in, its metric facts out (core)."""

from __future__ import annotations

from services.common.schemas import CleanItem, MetricFact
from services.extract.extraction import extract_article


def extract_item(item: CleanItem) -> list[MetricFact]:
    facts: list[MetricFact] = []
    for unit in item.units:
        if unit.kind in ("article", "brief"):
            facts.extend(extract_article(item, unit))
    return facts
