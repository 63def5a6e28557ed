"""Fast scanning with large alternations (core): a first-character gate computed from the pattern.

Python's ``re`` tries every branch of an alternation at every position of the text, so a
pattern of twenty keyword rules costs twenty attempts per character. Most characters of a
sentence cannot start any branch; a lookahead of the characters that can (``(?=[…])``) rejects
them with one set test. The set is read from the pattern itself, so it never goes stale as rules
are added. Where it cannot be known (a branch that may start with any character, or match the
empty string), the pattern is compiled as it is.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_c: Any
_p: Any
try:  # the parser behind re.compile; private, so a Python without it just scans without a gate
    _c, _p = importlib.import_module("re._constants"), importlib.import_module("re._parser")
except ImportError:  # pragma: no cover
    _c = _p = None

_CATEGORY = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}


def _in_set(items: list) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(re.escape(chr(av)))
        elif op is _c.RANGE:
            out.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _c.CATEGORY and str(av) in _CATEGORY:
            out.add(_CATEGORY[str(av)])
        else:  # a negated set, a category we do not spell: any character
            return None
    return out


def _first(items: list) -> tuple[set[str] | None, bool]:
    """(what the sequence's first character may be, whether the sequence may match empty)."""
    out: set[str] = set()
    for op, av in items:
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):  # zero-width: look at what follows
            continue
        if op is _c.LITERAL:
            return out | {re.escape(chr(av))}, False
        if op is _c.IN:
            chars = _in_set(av)
            return (None if chars is None else out | chars), False
        if op is _c.BRANCH:
            alternatives = [_first(branch) for branch in av[1]]
        elif op is _c.SUBPATTERN:
            alternatives = [_first(av[3])]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            first, empty = _first(av[2])
            alternatives = [(first, empty or av[0] == 0)]
        else:
            return None, False
        may_be_empty = False
        for first, empty in alternatives:
            if first is None:
                return None, False
            out |= first
            may_be_empty |= empty
        if not may_be_empty:
            return out, False
    return out, True


def gated(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled behind a lookahead of the characters a match can start with."""
    if _p is not None:
        first, empty = _first(list(_p.parse(pattern, flags)))
        if first and not empty:
            return re.compile(f"(?=[{''.join(sorted(first))}])(?:{pattern})", flags)
    return re.compile(pattern, flags)
