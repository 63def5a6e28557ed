"""Sentence offsets in a unit's text (core): where the extractor looks for one fact's context."""

from __future__ import annotations

import re

_END = re.compile(r"[。！？!?；;]+[”’」』\"]?|\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` offsets of each sentence, whitespace-trimmed, in order."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        _add(text, start, m.end(), out)
        start = m.end()
    _add(text, start, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
