"""Sentence offsets in a unit's text (core): where the extractor looks for one fact's context."""

from __future__ import annotations

import re

# the end mark may follow a space ("…57μg/m3 ；" where a superscript was lost): it is still this sentence's
_SENTENCE = re.compile(r"[^\s。！？!?；;](?:[^。！？!?；;\n]*[^\s。！？!?；;])?"
                       r"(?:[ \t\u3000]*[。！？!?；;]+[”’」』\"]?)?")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` offsets of each sentence, whitespace-trimmed, in order.

    A sentence ends at 。！？；(and their ASCII forms, with a closing quote) or a line break.
    """
    return [m.span() for m in _SENTENCE.finditer(text)]
