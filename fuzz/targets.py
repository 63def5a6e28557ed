"""Fuzz targets of the text core and the extractor: each takes bytes and asserts what must hold for
any input. ``fuzz/run.py`` drives them with atheris (coverage-guided); tests/unit/test_fuzz_corpus.py
replays the kept corpus through them on every test run.
"""

from __future__ import annotations

from datetime import UTC, datetime

from services.common.codec import Rejected, decode_or_dead_letter
from services.common.schemas import CleanItem, DeadLetter, RawArticle
from services.extract.pipeline import extract_item
from services.ingest.dedup import DedupIndex
from services.ingest.intake import MAX_ITEM_BYTES, parse_body, screen
from services.ingest.pipeline import clean_item

WHEN = datetime(2024, 7, 15, tzinfo=UTC)


def _cleaned(data: bytes) -> CleanItem | None:
    raw = RawArticle(id="fuzz", source="fuzz", published_at=WHEN, text=data.decode("utf-8", errors="replace"))
    try:
        screen(raw)
    except Rejected as exc:
        assert exc.reason and exc.error
        return None
    _, item = clean_item(raw, DedupIndex())
    return item


def check_clean(data: bytes) -> None:
    item = _cleaned(data)
    for unit in item.units if item else []:
        assert (unit.kind == "duplicate") == (unit.duplicate_of is not None)
        assert all(0 <= a < b <= len(unit.text) for a, b in unit.sentences), unit.sentences
        assert [a for a, _ in unit.sentences] == sorted(a for a, _ in unit.sentences)


def check_extract(data: bytes) -> None:
    item = _cleaned(data)
    if item is None:
        return
    texts = {(u.doc_id, u.article): u.text for u in item.units}
    facts = extract_item(item, WHEN)
    assert len({f.fact_id for f in facts}) == len(facts)
    for fact in facts:
        start, end = fact.span
        assert texts[(fact.doc_id, fact.article)][start:end] == fact.text


def check_intake(data: bytes) -> None:
    decoded = decode_or_dead_letter(data, RawArticle, stage="fuzz", max_bytes=MAX_ITEM_BYTES)
    assert isinstance(decoded, RawArticle | DeadLetter)
    envelopes, errors = parse_body(data)
    assert bool(envelopes) != bool(errors)


TARGETS = {"clean": check_clean, "extract": check_extract, "intake": check_intake}
