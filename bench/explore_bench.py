"""How fast the analyst pages' queries answer on a store of about 100,000 facts (not a test).

  .venv/bin/python bench/explore_bench.py [MEGABYTES]

Extracts the facts of the synthetic bench corpus (bench/corpus.py: 10 MB give about 97,000 facts),
stores them in a fresh SQLite store, and times each page's query (best of 5, wall clock) beside the
plain count of all facts as the baseline the same database answers.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))

import corpus  # noqa: E402

from services.common.schemas import RawArticle  # noqa: E402
from services.common.settings import Settings  # noqa: E402
from services.extract.pipeline import extract_item  # noqa: E402
from services.ingest.dedup import DedupIndex  # noqa: E402
from services.ingest.pipeline import clean_item  # noqa: E402
from services.store import explore  # noqa: E402
from services.store.repository import Repository  # noqa: E402


def _best(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    index, facts, articles = DedupIndex(), [], []
    for it in corpus.envelopes(megabytes):
        raw = RawArticle(id=it["id"], source=it["source"], published_at=datetime(2024, 7, 15, tzinfo=UTC),
                         text=it["text"])
        index, item = clean_item(raw, index)
        facts += extract_item(item)
        articles += [u for u in item.units if u.kind in ("article", "brief")]
    with tempfile.TemporaryDirectory() as tmp:
        repository = Repository.open(Settings(data_dir=Path(tmp)))
        repository.migrate()
        for n in range(0, len(facts), 5000):
            repository.store(facts=facts[n:n + 5000])
        repository.store(articles=articles)
        one = facts[len(facts) // 2]
        cases = [
            ("baseline: COUNT(*) of all facts", lambda: repository._rows("SELECT COUNT(*) AS n FROM facts")),
            ("explorer, first page", lambda: repository.explore_page(explore.parse_explore({}))),
            ("explorer, 河北省 and its cities", lambda: repository.explore_page(explore.parse_explore(
                {"region": "河北省"}))),
            ("explorer, indicator + period", lambda: repository.explore_page(explore.parse_explore(
                {"indicator": "air.pm25", "from": "2024-01", "to": "2024-06"}))),
            ("explorer, free text", lambda: repository.explore_page(explore.parse_explore({"q": "森林覆盖率"}))),
            ("explorer, sorted by value, page 100", lambda: repository.explore_page(explore.parse_explore(
                {"sort": "value", "dir": "desc", "page": "100"}))),
            ("article page's facts", lambda: repository.article_facts(one.doc_id, one.article)),
            ("chart data, 5 regions", lambda: repository.chart_facts("air.pm25", "value",
                                                                     repository.top_regions("air.pm25", "value", 5))),
        ]
        print(f"{len(facts)} facts, {len(articles)} articles in SQLite")
        for label, fn in cases:
            print(f"{label:40} {_best(fn):8.1f} ms")
        repository.close()


if __name__ == "__main__":
    main()
