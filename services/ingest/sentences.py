"""Sentence offsets in a unit's text (core): where the extractor looks for one fact's context."""

from __future__ import annotations

import re

# the end mark may follow a space ("…57μg/m3 ；" where a superscript was lost): it is still this sentence's
_SENTENCE = re.compile(r"[^\s。！？!?；;](?:[^。！？!?；;\n]*[^\s。！？!?；;])?"
                       r"(?:[ \t\u3000]*[。！？!?；;]+[”’」』\"]?)?")


# where a page that lost its full stops put spaces instead ("…46微克/立方米  优良天数比例为…", "…持续改善 全市…"):
# a run of spaces, or one space between two Chinese characters (normalization has already taken out
# the spaces typesetting puts by figures and punctuation; tabs set a table's cells apart)
_SPACED_BREAK = re.compile(r" {2,}| (?<=[\u3400-\u9fff] )(?=[\u3400-\u9fff])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` offsets of each sentence, whitespace-trimmed, in order.

    A sentence ends at 。！？；(and their ASCII forms, with a closing quote), a line break, or spaces
    standing where a full stop was lost.
    """
    out: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text):
        start, end = m.span()
        if " " in m.group():
            for gap in _SPACED_BREAK.finditer(text, start, end):
                out.append((start, gap.start()))
                start = gap.end()
        out.append((start, end))
    return out
