"""One pydantic model per message that travels on a topic (core).

These models are the contract between producers and consumers, published as
JSON Schema under ``schemas/`` (``services.common.contract``). All are frozen.
The feed's envelope is strict (``extra="forbid"``): a misspelt field from a
feed is an error at the edge, not a silently dropped value. The messages we
publish ignore fields they do not know, so a consumer (ours or a downstream
team's) keeps working while a newer producer adds optional fields: the
compatibility rule of ``docs/consumers.md``. ``MetricFact`` follows
``spec/metrics.md`` field for field, plus ``flags`` and the extractor stamp.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Measure = Literal["value", "change", "rank", "target"]
Qualifier = Literal["exact", "approx", "over", "under"]
Unit = Literal[
    "ug/m3", "mg/m3", "%", "pp", "index", "rank", "count", "days", "CNY",
    "mu", "ha", "km2", "m2", "km", "t", "m3",
]
Basis = Literal["yoy", "mom", "forecast", "target", "baseline", "unspecified"]
UnitKind = Literal["article", "brief", "caption", "duplicate"]

INDICATORS: frozenset[str] = frozenset({
    "air.pm25", "air.pm10", "air.o3", "air.so2", "air.no2", "air.co",
    "air.composite_index", "air.good_days_ratio", "air.good_days", "air.heavy_pollution_days",
    "water.section_compliance_rate", "water.good_section_ratio", "water.good_sections",
    "water.monitored_sections", "water.drinking_source_compliance_rate", "water.quality_class",
    "soil.plots_surveyed", "soil.plots_exceeding", "soil.safe_utilization_rate",
    "enforcement.cases", "enforcement.fines", "enforcement.rectification_rate",
    "green.afforestation_area", "green.forest_area", "green.coverage_rate", "green.wetland_area",
    "emissions.reduction", "energy.coal_saved", "finance.eco_funding",
})

_MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"


class _Message(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class RawArticle(BaseModel):
    """What a feed pushes to ``news.raw``: one feed item, possibly a whole newspaper page."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=200)
    source: str = Field(default="unknown", max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    published_at: datetime
    title: str | None = None
    text: str

    @field_validator("published_at")
    @classmethod
    def _aware(cls, v: datetime) -> datetime:
        """Naive timestamps are taken as UTC so comparisons never mix naive and aware."""
        return v if v.tzinfo else v.replace(tzinfo=UTC)


class Article(_Message):
    """One unit of a cleaned feed item: an article, a brief, a photo caption or a duplicate marker.

    A duplicate carries no text: only a pointer ``"<doc_id>#<article>"`` to the unit it repeats.
    """

    doc_id: str
    article: int = Field(ge=0)
    kind: UnitKind
    title: str | None = None
    byline: str | None = None
    text: str = ""
    sentences: list[tuple[int, int]] = Field(default_factory=list)
    duplicate_of: str | None = None

    @model_validator(mode="after")
    def _duplicate_shape(self) -> Article:
        if (self.kind == "duplicate") != (self.duplicate_of is not None):
            raise ValueError("duplicate_of is set exactly when kind is 'duplicate'")
        return self


class Removed(_Message):
    """Something of a feed item that ingest took out: spam, page chrome or a footer (its text), a
    unit repeating another (a pointer ``"<doc_id>#<article>"`` to the one kept), or a paragraph a
    unit printed twice (its text)."""

    reason: Literal["spam", "duplicate"]
    text: str = ""
    duplicate_of: str | None = None


class CleanItem(_Message):
    """What ingest puts on ``news.clean``: the feed item's metadata and its cleaned units."""

    doc_id: str
    source: str
    url: str | None = None
    published_at: datetime
    units: list[Article]
    removed: list[Removed] = Field(default_factory=list, description=(
        "what ingest took out: spam, a recommendation footer, an unrelated list, repeated units (since 1.1)"))
    masthead: str | None = Field(default=None, description=(
        "the page's masthead, the newspaper it was printed in: \"天津日报 2024年3月8日 第2版\" (since 1.2)"))


class Period(_Message):
    start: str = Field(pattern=_MONTH)
    end: str = Field(pattern=_MONTH)

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start > self.end:
            raise ValueError("period start is after its end")
        return self


class MetricFact(_Message):
    """One environmental figure stated by an article, exactly as ``spec/metrics.md`` defines it."""

    fact_id: str
    doc_id: str
    article: int = Field(ge=0)
    indicator: str = Field(json_schema_extra={"enum": list(sorted(INDICATORS))})
    measure: Measure
    value: float
    value_max: float | None = None
    qualifier: Qualifier = "exact"
    unit: Unit
    out_of: int | None = None
    basis: Basis | None = None
    region: str
    region_code: str | None = Field(default=None, pattern=r"^\d{6}$")
    period: Period | None = None
    pollutant: str | None = None
    text: str
    evidence: str
    span: tuple[int, int]
    flags: list[str] = Field(default_factory=list)
    extractor: str | None = Field(default=None, description="version of the extractor that produced the fact")
    extracted_at: datetime | None = Field(default=None, description="when that extractor produced it")

    @field_validator("indicator")
    @classmethod
    def _known_indicator(cls, v: str) -> str:
        if v not in INDICATORS:
            raise ValueError(f"indicator {v!r} is not in the spec's vocabulary")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> MetricFact:
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError("value_max is below value")
        if self.span[0] > self.span[1]:
            raise ValueError("span is reversed")
        if (self.basis is not None) != (self.measure == "change"):
            raise ValueError("basis is set exactly on change facts")
        return self


class DeadLetter(_Message):
    """A message a stage could not process, with why, so nothing bad is silently lost."""

    stage: str
    reason: str
    error: str
    payload: str
    at: datetime
