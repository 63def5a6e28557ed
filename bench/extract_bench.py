"""Benchmark of ``extract`` (not a test): clean + extract MB/s, next to a bare regex scan and jionlp.

  .venv/bin/pip install -e ".[bench]"; .venv/bin/python bench/extract_bench.py [MEGABYTES]

All three read the same synthetic feed (bench/corpus.py, >= 10 MB of distinct
articles) on one core, timed by process CPU time:
- newsmetrics: ``clean_item`` + ``extract_item`` on every item (facts out);
- bare regex: one ``re.finditer`` of a number-with-unit pattern over the texts,
  the floor any extractor pays to look at every character once;
- jionlp 1.5.31 ``ner.extract_money`` (a peer library's money extraction).
"""

from __future__ import annotations

import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import corpus  # noqa: E402

from services.common.schemas import RawArticle  # noqa: E402
from services.extract.pipeline import extract_item  # noqa: E402
from services.ingest.dedup import DedupIndex  # noqa: E402
from services.ingest.pipeline import clean_item  # noqa: E402

BARE = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:%|微克/立方米|万元|亿元|元|亩|公顷|吨|个|件|起|天)?")


def _timed(label: str, megabytes: float, fn) -> float:
    start = time.process_time()
    count = fn()
    seconds = time.process_time() - start
    print(f"{label:22} {megabytes:7.1f} MB  {seconds:8.2f} s  {megabytes / seconds:8.2f} MB/s  ({count} found)")
    return megabytes / seconds


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    items = list(corpus.envelopes(megabytes))
    texts = [it["text"] for it in items]
    size = sum(len(t.encode()) for t in texts) / 1e6
    raws = [RawArticle(id=it["id"], source=it["source"], published_at=datetime(2024, 7, 15, tzinfo=UTC),
                       text=it["text"]) for it in items]

    def ours() -> int:
        index, facts = DedupIndex(), 0
        for raw in raws:
            index, item = clean_item(raw, index)
            facts += len(extract_item(item))
        return facts

    def bare() -> int:
        return sum(1 for t in texts for _ in BARE.finditer(t))

    ours_rate = _timed("newsmetrics extract", size, ours)
    bare_rate = _timed("bare regex scan", size, bare)
    try:
        import jionlp
    except ImportError:
        print("jionlp                 not installed (pip install -e '.[bench]')")
    else:
        _timed("jionlp extract_money", size, lambda: sum(len(jionlp.ner.extract_money(t)) for t in texts))
    print(f"newsmetrics / bare regex = {ours_rate / bare_rate:.3f} (goal >= 0.25)")


if __name__ == "__main__":
    main()
