"""Glosses in brackets inside a term, read around (core).

Bulletins gloss a term in the middle of it: "水质优良（达到或优于Ⅲ类）断面比例", "优良（Ⅰ～Ⅲ类）水质断面",
"综合指数（数值越小越好）为3.21", "一氧化碳（CO）浓度". The keyword rules see "优良断面比例" only
when the gloss is out of the way, so the sentence is read without it (``unglossed``) and each
figure's span is mapped back to the text as written. A bracket is a gloss when a term goes on after
it and it holds no figure, unit or place of its own: "浓度（微克/立方米）", "（同比下降6.7%）",
"重点区域（京津冀及周边地区）", "各县（市、区）" and headings such as "（二）" stay.
"""

from __future__ import annotations

import re

from services.extract.regions import find_mentions

# a bracket right after a character of a term, a term's character right after it (or another gloss)
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z）)])[（(](?P<inner>[^（）()]{1,20})[）)](?=[\u4e00-\u9fff（(])")
# what a gloss never holds: a figure, a unit, a heading's numeral alone, a water class alone ("水质为优
# （Ⅱ类）"), the kinds of division a count of places takes in ("9省（区）", "各县（市、区）", "14个市（州）")
_NOT_GLOSS = re.compile(r"\d|[０-９%％‰]|微克|毫克|μg|ug|mg|立方米|m3|m³|万元|亿元|元|亩|公顷|吨|天"
                        r"|^[一二三四五六七八九十]+$|^劣?[ⅠⅡⅢⅣⅤ]+类(?:水质)?$|^[省市县区州盟旗、，,]+$")


def unglossed(sentence: str) -> tuple[str, list[int] | None]:
    """The sentence without its glosses, and where each of its characters stands in ``sentence``
    (one more entry for the end); None when it has none."""
    if "（" not in sentence and "(" not in sentence:
        return sentence, None
    cuts = [m.span() for m in _GLOSS.finditer(sentence)
            if not _NOT_GLOSS.search(m.group("inner")) and not find_mentions(m.group("inner"))]
    if not cuts:
        return sentence, None
    kept: list[str] = []
    origin: list[int] = []
    at = 0
    for start, end in cuts:
        kept.append(sentence[at:start])
        origin += range(at, start)
        at = end
    kept.append(sentence[at:])
    origin += range(at, len(sentence) + 1)
    return "".join(kept), origin
