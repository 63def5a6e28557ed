"""Paragraphs that a fixed-width layout wrapped into lines (core).

A page taken from a PDF or a print layout breaks every paragraph at its column's width, in
mid-sentence and mid-number: most of its lines are as wide as the column, and a line short of the
column ends a paragraph or is a headline. Read line by line, its short unpunctuated lines look like
headlines and its numbers are cut in two. Such a page is told by its long lines of prose (no tabs,
no spaces: not a table, chrome or a byline; each counted once, as a page printed twice is no more
evidence): most do not end a sentence, at least half of them, three or more, are within a
character of one width, and few lines of the page are wider (widths counted in characters, as a
text wrapper counts, or in display columns, CJK two and ASCII one, as a layout does: whichever more
lines fit). Its full lines are joined to the line after them, unless they end a sentence (which may
end the paragraph), are a label and its figure ("PM10：52微克/立方米") or a table's row comes next;
any other page is returned as it is."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from services.ingest.layout import ends_sentence

_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_LONG = 10  # lines shorter than this (in characters) are headings, bylines and ends of paragraphs
_LEAST_LINES = 3  # fewer full lines than this is no evidence of a column
_SHARE = 0.5
_WIDER_SHARE = 0.25
_STOPS = frozenset("。！？!?；;…”’」』）)")  # what a paragraph's line ends with; a wrapped line mostly does not


def _columns(line: str) -> int:
    return len(line) + len(_WIDE.findall(line))


def _width(lines: list[str], measure: Callable[[str], int], slack: int) -> tuple[int, int]:
    """The width most ``lines`` reach (within ``slack``), and how many reach it."""
    counts = Counter(measure(s) for s in lines)
    width = max(counts, key=lambda w: (sum(counts[w - d] for d in range(slack + 1)), w))
    return width, sum(counts[width - d] for d in range(slack + 1))


def unwrap(text: str) -> str:
    """``text`` with the lines a fixed-width layout broke joined back into their paragraphs."""
    if text.count("\n") < _LEAST_LINES:
        return text
    lines = text.split("\n")
    stripped = [s.strip() for s in lines]
    # the evidence: long lines of prose; not a table's rows, nor chrome, bylines or rows set apart by spaces
    plain = list({s for s in stripped if len(s) >= _LONG and "\t" not in s and " " not in s})  # a page printed
    # twice is no more evidence than once
    cut = sum(1 for s in plain if s[-1] not in _STOPS)
    if cut < _LEAST_LINES or cut < _SHARE * len(plain):
        return text  # most long lines end a sentence: paragraphs a line each, as most pages print them
    # a text wrapper counts characters, a layout display columns: the count most lines fit is the one
    (width, full), measure, slack = max(((_width(plain, m, d), m, d) for m, d in ((len, 1), (_columns, 2))),
                                        key=lambda found: found[0][1])
    if full < _LEAST_LINES or full < _SHARE * len(plain):
        return text
    wider = sum(1 for s in stripped if "\t" not in s and measure(s) > width + slack + 1)
    if wider > _WIDER_SHARE * full:
        return text  # no column holds lines wider than itself: lines of one width are headlines, say
    out = [lines[0]]
    for n in range(1, len(lines)):
        before = stripped[n - 1]
        if (stripped[n] and "\t" not in before + stripped[n] and len(before) >= _LONG and not ends_sentence(before)
                and width - slack <= measure(before) <= width + 1):
            out[-1] = out[-1].rstrip()
            out.append(lines[n].lstrip())  # a full line: the paragraph goes on
        else:
            out.append("\n" + lines[n])
    return "".join(out)
