"""Rows of a table printed as text, their cells kept apart (core).

A ranking or a status table flattened into a feed keeps one row per line, its cells set
apart by tabs or spaces ("1 张家口 2.95 15 -11.8"). Normalization drops the spaces between
CJK and digits, which would glue the cells together ("1张家口2.95 15"), so the rows are
found first and their cells separated by one tab each, which nothing later removes.

A row is a line of three or more cells, two of them numbers (not digits spaced out one by
one), one a name, none long, with no sentence punctuation; the line right before the first
row is its header when it has as many cells and no number. "上一页 1 2 3 下一页" is page
navigation, not a row. A markdown table ("| 城市 | PM2.5 |", its "|---|" rule dropped) is read
the same way, and so is a table printed one cell per line, as text scraped from a web page's
table is: a header's cells, then rows of as many cells, each a name and figures.
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
        cells = [c.strip() for c in text[1:-1].split("|")]
    else:
        cells = [c.strip() for c in text.split("\t")] if "\t" in text else _SPACES.split(text)
    out: list[str] = []
    for cell in cells:  # "94.2 %": a per-cent sign set apart is its number's
        if cell in ("%", "％") and out and _NUMBER.fullmatch(out[-1]):
            out[-1] += "%"
        else:
            out.append(cell)
    return out


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


_LONE_NUMBER = re.compile(r"\n[ \t\u3000]*[-+−]?\d+(?:\.\d+)?%?[ \t\u3000]*\n")  # a line that is one figure
_MAX_COLUMNS = 8


def _is_cell(line: str) -> bool:
    s = line.strip()
    return 0 < len(s) <= _MAX_CELL and not _PROSE.search(s)


def _stacked_row(cells: list[str]) -> bool:
    """A name, then figures (or blanks), at least one of them a figure."""
    return (not _NUMBER.fullmatch(cells[0]) and cells[0] not in _BLANK and len(cells[0]) >= 2
            and all(_NUMBER.fullmatch(c) or c in _BLANK for c in cells[1:])
            and any(_NUMBER.fullmatch(c) for c in cells[1:]))


def _stacked(cells: list[str]) -> tuple[int, int, int] | None:
    """(start, columns, rows) of a table printed one cell per line among ``cells``: a header of as many
    cells as each row has, no figure among them, then two rows or more, each a name and figures."""
    for start in range(len(cells)):
        best: tuple[int, int, int] | None = None
        for k in range(2, _MAX_COLUMNS + 1):
            head = cells[start:start + k]
            if len(head) < k or any(_NUMBER.fullmatch(c) for c in head):
                break
            rows = 0
            while start + k * (rows + 2) <= len(cells) and _stacked_row(cells[start + k * (rows + 1):
                                                                              start + k * (rows + 2)]):
                rows += 1
            if rows >= 2 and (best is None or rows * k > best[1] * best[2]):
                best = (start, k, rows)
        if best:
            return best
    return None


def _unstack(lines: list[str]) -> list[str]:
    """``lines`` with each table printed one cell per line (as pages scraped from HTML print them) put
    back one row per line, its cells apart by tabs."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = i
        while end < len(lines) and _is_cell(lines[end]):
            end += 1
        found = _stacked([line.strip() for line in lines[i:end]]) if end - i >= 6 else None
        if found is None:
            out += lines[i:max(end, i + 1)]
            i = max(end, i + 1)
            continue
        start, k, rows = found
        cells = [line.strip() for line in lines[i + start:i + start + k * (rows + 1)]]
        out += lines[i:i + start] + ["\t".join(cells[n:n + k]) for n in range(0, len(cells), k)]
        i += start + k * (rows + 1)
    return out


def mark_cells(text: str) -> str:
    """``text`` with the cells of each table row, and of its header, separated by one tab."""
    stacked = bool(_LONE_NUMBER.search(text))
    if not stacked and not _CANDIDATE.search(text):
        return text
    lines = [line for line in text.split("\n") if not _RULE.fullmatch(line.strip())]
    if stacked:
        lines = _unstack(lines)
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
