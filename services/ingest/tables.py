"""Rows of a table printed as text, their cells kept apart (core).

A ranking or a status table flattened into a feed keeps one row per line, its cells set
apart by tabs or spaces ("1 张家口 2.95 15 -11.8"). Normalization drops the spaces between
CJK and digits, which would glue the cells together ("1张家口2.95 15"), so the rows are
found first and their cells separated by one tab each, which nothing later removes.

A markdown table ("| 城市 | PM2.5 |", its "|---|" rule dropped) is read the same way.
A row is a line of three or more cells, two of them numbers (not digits spaced out one by one),
one a name, none long, with no sentence punctuation; the line right before the first row is its header when it has as
many cells and no number. "上一页 1 2 3 下一页" is page navigation, not a row.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \u3000]+")
_NUMBER = re.compile(r"[-+−]?\d+(?:\.\d+)?%?")
_BLANK = frozenset({"—", "-", "/", "--", "——", "－"})
_PROSE = re.compile(r"[。，；！？,;!?]|页")
_MAX_CELL = 24
_RULE = re.compile(r"\|(?:\s*:?-{3,}:?\s*\|)+")  # the rule under a markdown table's header: "|---|:--:|"
# the cheap test: two gaps on one line, or three bars
_CANDIDATE = re.compile(r"\S[ \t\u3000]+\S+[ \t\u3000]+\S|\|[^|\n]+\|[^|\n]+\|")


def _cells(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|") and text.endswith("|") and len(text) > 1:  # a markdown table's row
        return [c.strip() for c in text[1:-1].split("|")]
    return [c.strip() for c in text.split("\t")] if "\t" in text else _SPACES.split(text)


def _is_row(cells: list[str]) -> bool:
    if len(cells) < 3 or any(len(c) > _MAX_CELL or not c for c in cells):
        return False
    numbers = [c for c in cells if _NUMBER.fullmatch(c)]
    words = [c for c in cells if not _NUMBER.fullmatch(c) and c not in _BLANK]
    # a name two characters long or more; "2 0 2 3 年", digits spaced out one by one, is one number
    return len(numbers) >= 2 and any(len(c) >= 2 for c in words) and any(len(c) > 1 for c in numbers)


def _is_header(cells: list[str], row: list[str]) -> bool:
    return (len(cells) == len(row) and all(0 < len(c) <= _MAX_CELL for c in cells)
            and not any(_NUMBER.fullmatch(c) for c in cells))


def mark_cells(text: str) -> str:
    """``text`` with the cells of each table row, and of its header, separated by one tab."""
    if not _CANDIDATE.search(text):
        return text
    lines = [line for line in text.split("\n") if not _RULE.fullmatch(line.strip())]
    cells = [None if _PROSE.search(line) or not _CANDIDATE.search(line) else _cells(line) for line in lines]
    for i, row in enumerate(cells):
        if row is None or not _is_row(row):
            continue
        lines[i] = "\t".join(row)
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        header = cells[j] if j >= 0 else None
        if header is not None and not _is_row(header) and _is_header(header, row):
            lines[j] = "\t".join(header)
    return "\n".join(lines)
