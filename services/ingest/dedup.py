"""Near-duplicate detection: bottom-k MinHash over character shingles, guarded by the figures (core).

Choices, measured (``bench/clean_bench.py``, ``tests/unit/ingest/test_dedup.py``):
- Shingles are 4 consecutive characters of the text with whitespace and
  punctuation removed, so re-flowed lines, changed punctuation or spacing do
  not change them. At 4, two different stories on one city that share stock
  phrases ("持续打好蓝天碧水净土保卫战") have a resemblance under 0.1.
- Resemblance is estimated with a bottom-k sketch (the K=64 smallest 32-bit
  shingle hashes): one pass and a partial sort per text, no 64 permutations.
  We first used 64-bit SimHash with Hamming distance <= 3: on a 130-character
  brief, a re-push with a 9-character prefix already lay at distance 4, while
  its Jaccard resemblance is 0.93. Two texts are near duplicates at an
  estimated resemblance >= 0.7 (a reprint that drops one sentence of four).
- Templated bulletins repeat every word and differ only in their numbers; they
  are different news. So near duplicates must also agree on the set of numbers
  they state: a bottom-16 sketch of that set, resemblance >= 0.9.
- Texts under 40 significant characters are compared exactly.
- Lookup: a text has 4 bucket keys, each one of its 4 smallest shingle hashes
  joined with its anchor figure. Two texts of resemblance J share the smallest
  hash of their union with probability J, so at J >= 0.7 at least one of four
  shingle hashes is shared with probability ~0.99; near duplicates state the
  same figures, so their anchors agree too. Joining the anchor keeps texts
  built on one template (which share their smallest shingle hashes) out of
  each other's buckets. The anchor is the smallest hash among the specific
  figures (a decimal, or three digits or more, not round and not a year), the
  smallest of all figures when there is none. Small counts, round figures
  (100%), the year and the digits of names (PM2.5, which are not figures at
  all) recur in most reports; as anchors they put many unrelated texts in one
  bucket (on the bench corpus 21 candidates per lookup for single articles and
  11 for pages, against 4 and 3). A lookup compares at most the newest 256
  texts of a bucket, so its cost stays bounded.

Memory: an entry holds a 256-byte sketch, a 64-byte number sketch, the anchor and the
reference (about 40 bytes for "doc_id#n"), plus four bucket slots: about 640 bytes
per stored text in CPython, under 1 KB (tracemalloc in the benchmark). The cache of
sketch sets (``_values``) adds a fixed 4-8 MB, whatever the number of texts. The
index keeps the newest ``capacity`` texts and evicts the oldest first (FIFO),
so its memory is bounded. Its state is plain dicts and lists keyed by strings,
so a Faust table can hold it.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from array import array
from collections import deque
from collections.abc import MutableMapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

SHINGLE = 4
K = 64
KEYS = 4
NUMBER_K = 16
MIN_RESEMBLANCE = 0.7
MIN_NUMBER_RESEMBLANCE = 0.9
MIN_FUZZY_CHARS = 40
MAX_CANDIDATES = 256

# A figure: ASCII digits with the dots inside it (12, 11.3, 2024.7.15), not the digits of a
# name (PM2.5, SO2, GB3095). normalize maps the full-width and sub/superscript digits feeds
# use. No group, and the look-behind comes after the first digit, so this scans almost twice
# as fast as [0-9]+(?:\.[0-9]+)?; a dot that ends a sentence is cut after.
_FIGURE = re.compile(r"[0-9](?<![A-Za-z0-9.][0-9])[0-9.]*")
_CENTURIES = ("19", "20")
_PRIME = np.uint64(1099511628211)
_SPREAD = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class Fingerprint:
    sketch: bytes  # up to K sorted uint32 shingle hashes
    numbers: bytes  # up to NUMBER_K sorted uint32 hashes of the figures stated
    exact: str  # digest of the significant characters, for short texts
    anchor: int = -1  # hash of the figure that joins the bucket keys; -1: the text states none
    seq: int = 0  # when the index stored it: its age, for eviction


def _bottom(values: np.ndarray, k: int) -> bytes:
    """The ``k`` smallest distinct values, sorted, as little-endian uint32 bytes.

    Sort and mask rather than ``np.unique``: on a few hundred values that is twice as fast.
    """
    if len(values) > 4 * k:
        values = np.partition(values, 4 * k)[: 4 * k]
    values = np.sort(values)
    if len(values) > 1:
        values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    return values[:k].astype("<u4", copy=False).tobytes()


def _significant_table() -> np.ndarray:
    """For every code point, whether it is a letter, digit or ideograph (1.1 MB, one lookup per character)."""
    table = np.zeros(0x110000, dtype=bool)
    for start, stop in ((0x30, 0x3A), (0x41, 0x5B), (0x61, 0x7B), (0x3400, 0xFF00), (0x20000, 0x2FA20)):
        table[start:stop] = True
    return table


_SIGNIFICANT = _significant_table()


def _significant(text: str) -> np.ndarray:
    """Code points of the text's letters, digits and ideographs; spacing, punctuation and emoji dropped."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    return codes[_SIGNIFICANT[codes]]


def shingle_hashes(codes: np.ndarray, k: int = SHINGLE) -> np.ndarray:
    """32-bit hashes of every k-code-point shingle (one shingle for shorter texts).

    The arithmetic is in uint64: the first product with the 64-bit prime widens the uint32 codes.
    """
    if len(codes) < k:
        codes = np.pad(codes, (0, k - len(codes)))
    n = len(codes) - k + 1
    h = codes[:n] * _PRIME
    for i in range(1, k):
        h += codes[i:i + n]
        if i < k - 1:
            h *= _PRIME
    h *= _SPREAD  # multiply-shift: the top 32 bits of the product are a well-spread hash of the shingle
    return (h >> np.uint64(32)).astype(np.uint32)


def _specific(figure: str) -> bool:
    """A figure that few reports share: a decimal, or three digits or more, not round (100, 500)
    and not a year."""
    if "." in figure:
        return True
    return len(figure) > 2 and not figure.endswith("00") and not (len(figure) == 4 and figure[:2] in _CENTURIES)


def fingerprint(text: str) -> Fingerprint:
    codes = _significant(text)
    figures = {found.rstrip(".") for found in _FIGURE.findall(text)}
    hashes = {figure: zlib.crc32(figure.encode()) for figure in figures}
    numbers = sorted(hashes.values())
    anchor = min((h for figure, h in hashes.items() if _specific(figure)), default=numbers[0] if numbers else -1)
    exact = hashlib.blake2b(codes.tobytes(), digest_size=8).hexdigest() if len(codes) < MIN_FUZZY_CHARS else ""
    return Fingerprint(_bottom(shingle_hashes(codes), K), array("I", numbers[:NUMBER_K]).tobytes(), exact, anchor)


def resemblance(a: bytes, b: bytes, k: int = K) -> float:
    """Bottom-k estimate of the Jaccard resemblance of the two sets the sketches summarize.

    Plain sets: for 64 values they beat numpy's set routines by an order of magnitude.
    """
    x, y = _values(a), _values(b)
    if not x and not y:
        return 1.0
    union = sorted(x | y)[:k]
    return sum(1 for v in union if v in x and v in y) / len(union)


def _same_numbers(a: bytes, b: bytes) -> bool:
    """Number sketches of resemblance >= MIN_NUMBER_RESEMBLANCE. Most candidates a lookup meets
    fail here, so the sizes are compared first: the union is at least the larger set."""
    if a == b:
        return True
    small, large = sorted((len(a), len(b)))  # in bytes, four per hash
    if small < MIN_NUMBER_RESEMBLANCE * large:
        return False
    shared = len(_values(a) & _values(b))
    return shared >= MIN_NUMBER_RESEMBLANCE * ((len(a) + len(b)) // 4 - shared)


@lru_cache(maxsize=2048)
def _values(sketch: bytes) -> frozenset[int]:
    """The sketch's hashes as a set. Cached: a lookup compares one text with several stored ones,
    and the newest stored texts are compared most often (at most ~8 MB for the cache)."""
    return frozenset(memoryview(sketch).cast("I"))


def near(a: Fingerprint, b: Fingerprint) -> bool:
    """Same text up to small edits, stating the same figures (the cheap number test first)."""
    if a.exact or b.exact:
        return a.exact == b.exact
    return _same_numbers(a.numbers, b.numbers) and resemblance(a.sketch, b.sketch) >= MIN_RESEMBLANCE


def _keys(fp: Fingerprint) -> list[str]:
    """Bucket keys: each of the smallest shingle hashes, paired with the anchor figure."""
    if fp.exact:
        return [f"x{fp.exact}"]
    return [f"{v}:{fp.anchor}" for v in memoryview(fp.sketch).cast("I")[:KEYS]]


@dataclass
class DedupIndex:
    """Fingerprints of the newest ``capacity`` texts seen, findable by bucket key.

    ``entries`` and ``buckets`` may be any mappings (a dict, or a Faust table
    whose writes go to a changelog): values are replaced, never mutated in
    place, so every change is a write the mapping sees. Age is the ``seq`` of
    each entry, so the eviction order survives a restart that restores them.
    """

    capacity: int = 100_000
    entries: MutableMapping[str, Fingerprint] = field(default_factory=dict)
    buckets: MutableMapping[str, list[str]] = field(default_factory=dict)
    order: deque[str] | None = None  # refs, oldest first; rebuilt from the entries' seq when None
    seq: int = 0


def find(index: DedupIndex, fp: Fingerprint) -> str | None:
    """The reference of a stored text that ``fp`` nearly duplicates, if any.

    A bucket of a shingle every template shares can grow large; only its newest
    ``MAX_CANDIDATES`` texts are compared, so a lookup costs a bounded amount.
    """
    seen: set[str] = set()
    for key in _keys(fp):
        for ref in reversed(index.buckets.get(key, [])[-MAX_CANDIDATES:]):
            if ref not in seen and ref in index.entries and near(fp, index.entries[ref]):
                return ref
            seen.add(ref)
    return None


def _order(index: DedupIndex) -> deque[str]:
    if index.order is None:
        ages = sorted((fp.seq, ref) for ref, fp in index.entries.items())
        index.order = deque(ref for _, ref in ages)
        index.seq = ages[-1][0] + 1 if ages else 0
    return index.order


def _evict_oldest(index: DedupIndex) -> None:
    order = _order(index)
    while order:
        ref = order.popleft()
        fp = index.entries.pop(ref, None)
        if fp is None:
            continue
        for key in _keys(fp):
            refs = [r for r in index.buckets.get(key, []) if r != ref]
            if refs:
                index.buckets[key] = refs
            elif key in index.buckets:
                del index.buckets[key]
        return


def step(index: DedupIndex, ref: str, fp: Fingerprint) -> tuple[DedupIndex, str | None]:
    """Look ``fp`` up; if new, remember it under ``ref``. Returns the index and the original's ref."""
    original = find(index, fp)
    if original is not None:
        return index, original
    order = _order(index)
    while len(index.entries) >= index.capacity and order:
        _evict_oldest(index)
    index.entries[ref] = replace(fp, seq=index.seq)
    order.append(ref)
    index.seq += 1
    for key in _keys(fp):  # a bucket keeps only the refs a lookup would still compare
        index.buckets[key] = [*index.buckets.get(key, [])[-(MAX_CANDIDATES - 1):], ref]
    return index, None
