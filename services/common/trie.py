"""A regex that matches any of many literal words, shaped as a trie (core).

Python's ``re`` tries the branches of an alternation one by one at every
position; with thousands of words that is slow. Sharing prefixes ("张家口",
"张北") as nested groups lets each position fail after one character test.
Longer words win over their prefixes, as in a plain longest-first alternation.
"""

from __future__ import annotations

import re


def trie_regex(words: list[str] | set[str] | tuple[str, ...]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)
