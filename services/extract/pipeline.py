"""Extract's core entry point: a cleaned item in, its metric facts out (core)."""

from __future__ import annotations

from datetime import UTC, datetime

from services.common.schemas import CleanItem, MetricFact
from services.extract.extraction import Reading, extract_article
from services.extract.version import EXTRACTOR_VERSION


def read_item(item: CleanItem, at: datetime | None = None) -> Reading:
    """Every fact of the item's articles, briefs and photo captions, stamped with this extractor's
    version and ``at`` (now when not given), and the indicators of the figures no place could be
    given. A caption's figure that a story of the item states too ("▲…今年以来，该区已完成造林1.2万亩")
    is the story's fact, not a second one."""
    now = at or datetime.now(UTC)
    readings = [(unit.kind, extract_article(item, unit, extractor=EXTRACTOR_VERSION, extracted_at=now))
                for unit in item.units if unit.kind in ("article", "brief", "caption")]
    told = {_said(f) for kind, reading in readings if kind != "caption" for f in reading.facts}
    facts: list[MetricFact] = []
    unplaced: list[str] = []
    for kind, reading in readings:
        facts += [f for f in reading.facts if kind != "caption" or _said(f) not in told]
        unplaced += reading.unplaced
    return Reading(facts, unplaced)


def _said(f: MetricFact) -> tuple[object, ...]:
    """What a fact says, wherever on the page it is said."""
    return f.indicator, f.measure, f.value, f.value_max, f.unit, f.region, f.period, f.pollutant


def extract_item(item: CleanItem, at: datetime | None = None) -> list[MetricFact]:
    """The facts of ``read_item``."""
    return read_item(item, at).facts
