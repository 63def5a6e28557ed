"""Unit spellings and their codes in spec/metrics.md (core).

Each spelling maps to a code and a factor that brings the number to the code's
scale: 万元 is CNY x 10^4, 万吨 is t x 10^4, 万亩 is mu x 10^4. Spellings that
are only plausible after a number ("天", "个") are matched by the quantity
pattern, never on their own. ``g/m3`` is not a spec unit: it is kept so the
extractor can recognize the common typo (克每立方米 for 微克每立方米) and
correct it where the indicator makes the correction certain.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

_PER_M3 = r"(?:(?:/|每|／)\s*(?:立方米|m\s*3|m³|m\^3)|\s*[·.]\s*m\s*[-−⁻]\s*[3³])"  # also "μg·m-3"
SPELLINGS: list[tuple[str, str, Decimal]] = [
    (rf"个?(?:微克|μg|µg|ug){_PER_M3}", "ug/m3", Decimal(1)),
    (r"个微克", "ug/m3", Decimal(1)),  # "同比降低了3.5个微克", as said on air
    (rf"(?:毫克|mg){_PER_M3}", "mg/m3", Decimal(1)),
    (rf"克{_PER_M3}", "g/m3", Decimal(1)),
    (r"个?百分点", "pp", Decimal(1)),  # "上升2.1个百分点", also "上升2.1百分点"
    (r"%|％", "%", Decimal(1)),
    (r"成(?![不为功立果绩本员长熟就效交品都型])", "%", Decimal(10)),  # "近九成", "超8成": tenths
    (r"亿元", "CNY", Decimal(10) ** 8),
    (r"万元", "CNY", Decimal(10) ** 4),
    (r"元(?!素)", "CNY", Decimal(1)),
    (r"平方公里|平方千米|km2|km²", "km2", Decimal(1)),
    (r"万平方米", "m2", Decimal(10) ** 4),
    (r"平方米|m2|㎡", "m2", Decimal(1)),
    (r"万公顷", "ha", Decimal(10) ** 4),
    (r"公顷|hm2|hm²", "ha", Decimal(1)),  # a hectare is a square hectometre
    (r"万亩", "mu", Decimal(10) ** 4),
    (r"亩", "mu", Decimal(1)),
    (r"万吨", "t", Decimal(10) ** 4),
    (r"吨", "t", Decimal(1)),
    (r"万立方米", "m3", Decimal(10) ** 4),
    (r"立方米|m3|m³", "m3", Decimal(1)),
    (r"公里|千米|km", "km", Decimal(1)),
    (r"个位次|位次", "rank", Decimal(1)),
    (r"天次|天", "days", Decimal(1)),
    (r"个|件|起|宗|份|处|家|块", "count", Decimal(1)),
]

UNIT_RE = "|".join(f"(?:{pattern})" for pattern, _, _ in SPELLINGS)
_COMPILED = [(re.compile(pattern), code, factor) for pattern, code, factor in SPELLINGS]


@lru_cache(maxsize=512)
def read_unit(text: str) -> tuple[str, Decimal]:
    """Code and scale factor of one unit spelling ("万元" → ("CNY", 10000))."""
    for pattern, code, factor in _COMPILED:
        if pattern.fullmatch(text):
            return code, factor
    raise ValueError(f"unknown unit {text!r}")
