"""Benchmark of ``clean`` (not a test): MB/s on one core, and dedup side by side with datasketch.

  .venv/bin/python bench/clean_bench.py [MEGABYTES]

Prints, for synthetic feeds (bench/corpus.py, >= 10 MB of distinct articles
plus 10% near-duplicate re-pushes):
- the whole of ``clean_item`` (normalize, strip, segment, dedup): MB/s, best of five
  runs (this VM's speed varies by up to half from run to run), once
  with newspaper pages as feed items (several stories each, like the seeds)
  and once with single short articles (where per-item overhead weighs most);
- the dedup part alone, ours (bottom-k MinHash, 4-shingles) next to
  datasketch's MinHash (64 permutations) + MinHashLSH (threshold 0.7) on the
  same shingles: seconds, texts/s, re-pushes found, originals wrongly flagged;
- the index's memory per stored text, measured with tracemalloc.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import corpus  # noqa: E402
from datasketch import MinHash, MinHashLSH  # noqa: E402

from services.common.schemas import RawArticle  # noqa: E402
from services.ingest import dedup  # noqa: E402
from services.ingest.normalize import normalize  # noqa: E402
from services.ingest.pipeline import clean_item  # noqa: E402
from services.ingest.segment import segment  # noqa: E402

WHEN = datetime(2024, 7, 15, tzinfo=UTC)


def _texts(items: list[dict]) -> list[tuple[str, str]]:
    """(ref, unit text) for every article unit: what dedup sees."""
    return [(f"{it['id']}#{n}", u.text) for it in items for n, u in enumerate(segment(normalize(it["text"])))
            if u.kind != "caption"]


def bench_clean(items: list[dict], megabytes: float) -> None:
    raws = [RawArticle(published_at=WHEN, **{k: v for k, v in it.items() if k != "published_at"}) for it in items]
    runs = []
    for _ in range(5):  # best of five: the least disturbed by whatever else the machine does
        index = dedup.DedupIndex()
        start = time.process_time()
        dups = 0
        for raw in raws:
            index, item = clean_item(raw, index)
            dups += sum(u.kind == "duplicate" for u in item.units)
        runs.append(time.process_time() - start)
    seconds = min(runs)
    print(f"clean_item            {megabytes:7.1f} MB  {seconds:7.2f} s  {megabytes / seconds:6.2f} MB/s"
          f"  ({len(raws)} items, {dups} duplicates)")


def bench_dedup(texts: list[tuple[str, str]]) -> None:
    repush = {ref for ref, _ in texts if "-repush" in ref}
    start = time.process_time()
    index = dedup.DedupIndex(capacity=len(texts) + 1)
    found, wrong = 0, 0
    for ref, text in texts:
        index, original = dedup.step(index, ref, dedup.fingerprint(text))
        if original:
            found += ref in repush
            wrong += ref not in repush
    ours = time.process_time() - start

    start = time.process_time()
    lsh = MinHashLSH(threshold=dedup.MIN_RESEMBLANCE, num_perm=64)
    found_ds, wrong_ds = 0, 0
    for ref, text in texts:
        chars = dedup._significant(text).astype("<u4", copy=False).tobytes()
        width = 4 * dedup.SHINGLE
        m = MinHash(num_perm=64)
        m.update_batch([chars[i:i + width] for i in range(0, max(4, len(chars) - width + 4), 4)])
        if lsh.query(m):
            found_ds += ref in repush
            wrong_ds += ref not in repush
        else:
            lsh.insert(ref, m)
    theirs = time.process_time() - start
    n = len(texts)
    print(f"dedup (ours)          {n} texts  {ours:7.2f} s  {n / ours:8.0f} texts/s  "
          f"re-pushes found {found}/{len(repush)}  originals flagged {wrong}")
    print(f"dedup (datasketch)    {n} texts  {theirs:7.2f} s  {n / theirs:8.0f} texts/s  "
          f"re-pushes found {found_ds}/{len(repush)}  originals flagged {wrong_ds}")


def bench_memory(texts: list[tuple[str, str]]) -> None:
    """The index's bytes per stored text, and apart from it the bounded cache of sketch sets
    (a fixed cost, whatever the number of texts stored)."""
    fps = [(ref, dedup.fingerprint(text)) for ref, text in texts]
    dedup._values.cache_clear()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    index = dedup.DedupIndex(capacity=len(fps) + 1)
    for ref, fp in fps:
        index, _ = dedup.step(index, ref, fp)
    with_cache = tracemalloc.take_snapshot()
    cached = dedup._values.cache_info().currsize
    dedup._values.cache_clear()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = sum(s.size_diff for s in after.compare_to(before, "filename"))
    cache = sum(s.size_diff for s in with_cache.compare_to(after, "filename"))
    print(f"dedup index memory    {len(index.entries)} texts  {grown / len(index.entries):7.0f} bytes per stored text"
          f"  (+ {cache / 1e6:.1f} MB of cached sketch sets, {cached} of at most {dedup._values.cache_info().maxsize})")


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    for layout in ("page", "article"):
        items = list(corpus.envelopes(megabytes, layout=layout))
        items += corpus.near_duplicates(items, 0.1)
        size = sum(len(it["text"].encode()) for it in items) / 1e6
        print(f"-- feed items are single {layout}s, {size / len(items) * 1e3:.1f} kB each on average")
        bench_clean(items, size)
    texts = _texts(items)
    bench_dedup(texts)
    bench_memory(texts)


if __name__ == "__main__":
    main()
