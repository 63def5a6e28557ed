"""A figure on its way to becoming a fact, and the clause helper every layer shares (core)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.extract.gazetteer import Place
from services.extract.quantities import Quantity


@dataclass
class Draft:
    """A fact before ids and places are settled."""

    indicator: str
    measure: str
    value: float
    unit: str
    quantity: Quantity
    value_max: float | None = None
    basis: str | None = None
    out_of: int | None = None
    pollutant: str | None = None
    flags: tuple[str, ...] = ()
    region: Place | None = None


When = tuple[str, str] | None


# where a clause ends
CLAUSE_BREAK = re.compile(r"[，,；;。]")
# a sentence that may state a figure ("九成", "首位", "逾亿元")
DIGITISH = re.compile(r"[0-9一二三四五六七八九十两百千万亿ⅠⅡⅢⅣⅤ首榜]")


def clause_start(sentence: str, end: int, marks: str = "，,；;") -> int:
    """Where the clause holding position ``end`` begins: after the last of ``marks`` before it."""
    last = -1
    for mark in marks:  # a loop, not max() over a generator: this runs for every figure, many times
        at = sentence.rfind(mark, 0, end)
        if at > last:
            last = at
    return last + 1
