"""Ingest's core entry point: one raw envelope in, one cleaned item out (core).

The streaming agent and ``newsmetrics clean`` both call ``clean_item``; the
dedup index is passed in and handed back, so the caller owns the state.
"""

from __future__ import annotations

from collections.abc import Iterable

from services.common.schemas import Article, CleanItem, RawArticle, Removed
from services.ingest.dedup import DedupIndex, Fingerprint, fingerprint, step
from services.ingest.normalize import normalize
from services.ingest.segment import segment_page
from services.ingest.sentences import split_sentences


def _fingerprint(text: str, title: str | None) -> Fingerprint:
    """A unit's fingerprint: of its text, or of its headline when that is all it has (a newsflash)."""
    return fingerprint(text or title or "")


def clean_item(raw: RawArticle, index: DedupIndex) -> tuple[DedupIndex, CleanItem]:
    """Normalize, strip boilerplate, segment and deduplicate one feed item.

    A unit nearly identical to one seen before (earlier in this item or in an
    earlier item still in the index) becomes a ``duplicate`` marker pointing
    at the original. A replay of the same item finds itself and stays unique.
    """
    text = _titled(normalize(raw.text), normalize(raw.title or "").strip())
    units: list[Article] = []
    page = segment_page(text)
    removed = [Removed(reason="spam", text=text) for text in page.removed]
    for n, unit in enumerate(page.units):
        ref = f"{raw.id}#{n}"
        body, repeats = unrepeated(unit.text)
        if unit.kind != "caption":
            index, original = step(index, ref, _fingerprint(body, unit.title))
            if original is not None and original != ref:
                units.append(Article(doc_id=raw.id, article=n, kind="duplicate", duplicate_of=original))
                continue
        removed += repeats
        units.append(Article.model_construct(  # built here from checked parts: no second validation
            doc_id=raw.id, article=n, kind=unit.kind, title=unit.title, byline=unit.byline,
            text=body, sentences=split_sentences(body), duplicate_of=None,
        ))
    item = CleanItem(doc_id=raw.id, source=raw.source, url=raw.url, published_at=raw.published_at,
                     units=units, removed=removed,
                     masthead=page.masthead)
    return index, item


def _titled(text: str, title: str) -> str:
    """The item's text under its headline when the feed sends the headline apart (the envelope's
    ``title``) and the text does not open with it: the headline names the place and time of what
    follows as a printed one does. Both normalized: a traditional-script title matches its text."""
    if not title or title in text[:len(title) + 200]:
        return text
    return f"{title}\n\n{text}"


def unrepeated(body: str, least: int = 10) -> tuple[str, list[Removed]]:
    """The body without the paragraphs of prose it already printed word for word (an untitled page
    pasted twice into one feed item, whose copy no headline sets apart as a story of its own; a
    story never repeats a sentence of ``least`` characters or more), and the repeats as removed.
    A table's rows and captions may repeat (a row of two tables alike): they stay."""
    seen: set[str] = set()
    kept: list[str] = []
    repeats: list[Removed] = []
    for paragraph in body.split("\n"):
        said = paragraph.strip()
        if len(said) >= least and said.endswith(_SENTENCE_END) and said in seen:
            repeats.append(Removed(reason="duplicate", text=paragraph))
            continue
        seen.add(said)
        kept.append(paragraph)
    return ("\n".join(kept), repeats) if repeats else (body, [])


_SENTENCE_END = ("。", "！", "？", "!", "?", "；", ";")


def for_clean_topic(item: CleanItem) -> CleanItem | None:
    """The item as news.clean carries it: unique units only, the repeats moved to ``removed`` (a
    reader can still see what was dropped); None when nothing unique is left."""
    unique = [u for u in item.units if u.kind != "duplicate"]
    if not unique:
        return None
    repeats = [Removed(reason="duplicate", duplicate_of=u.duplicate_of) for u in item.units if u.kind == "duplicate"]
    return item.model_copy(update={"units": unique, "removed": [*item.removed, *repeats]})


def remember(index: DedupIndex, items: Iterable[CleanItem]) -> DedupIndex:
    """The index with the units of ``items`` (already cleaned, as on news.clean) added, oldest first:
    how a restarted worker gets back what its predecessor had seen."""
    for item in items:
        for unit in item.units:
            if unit.kind in ("article", "brief"):
                index, _ = step(index, f"{unit.doc_id}#{unit.article}", _fingerprint(unit.text, unit.title))
    return index
