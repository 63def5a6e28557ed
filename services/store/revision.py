"""What a re-extraction changes (core): the stored facts of a document against the current
extractor's facts for it.

New and changed facts are upserted by ``fact_id``; facts the extractor no longer
finds are retracted. A fact whose only difference is the extractor stamp is
unchanged: re-running the same extractor publishes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from services.common.schemas import MetricFact

STAMP = {"extractor", "extracted_at"}


@dataclass
class Revision:
    upserts: list[MetricFact] = field(default_factory=list)
    retracted: list[str] = field(default_factory=list)
    new: int = 0
    changed: int = 0
    unchanged: int = 0


def diff_facts(stored: Iterable[Mapping[str, object]], fresh: Iterable[MetricFact]) -> Revision:
    """``stored``: the store's facts of one document (the metrics message's shape; other keys ignored)."""
    before = {str(row["fact_id"]): MetricFact.model_validate(row).model_dump(exclude=STAMP) for row in stored}
    revision = Revision()
    for fact in fresh:
        old = before.pop(fact.fact_id, None)
        if old is None:
            revision.new += 1
        elif old != fact.model_dump(exclude=STAMP):
            revision.changed += 1
        else:
            revision.unchanged += 1
            continue
        revision.upserts.append(fact)
    revision.retracted = sorted(before)
    return revision
