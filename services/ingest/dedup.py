"""Near-duplicate detection: SimHash over character shingles, guarded by the figures (core).

Choices, measured in ``bench/clean_bench.py`` and pinned by unit tests:
- Shingles are 4 consecutive characters of the text with whitespace and
  punctuation removed, so re-flowed lines, changed punctuation or spacing do
  not change them. 4 is the smallest size at which two different stories on
  the same city that share stock phrases ("持续打好蓝天碧水净土保卫战") stay
  far apart, while a re-push with a changed footer stays within a few bits.
- 64-bit SimHash (Charikar), near when the Hamming distance is <= 3 (Manku et
  al.'s setting for web pages). Lookup splits the hash into 4 bands of 16 bits:
  by pigeonhole, two hashes within distance 3 agree on at least one band.
- Templated bulletins repeat every word and differ only in their numbers; they
  are different news. So two texts are duplicates only if, besides the SimHash,
  the sets of numbers they state agree: a bottom-16 sketch of the number set,
  Jaccard estimate >= 0.9.
- Texts under 40 significant characters are compared exactly (SimHash is
  noisy on a handful of shingles).

Memory: an index entry is the 8-byte hash, a 16 x 4-byte number sketch and the
reference string (about 40 bytes for "doc_id#n"); with the band lists that is
about 300 bytes per stored text in CPython. The index keeps the newest
``capacity`` texts and evicts the oldest first (FIFO), so its memory is bounded.
The state is plain dicts and lists, keyed by strings, so a Faust table can hold it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np

SHINGLE = 4
MAX_DISTANCE = 3
BANDS = 4
SKETCH = 16
MIN_NUMBER_JACCARD = 0.9
MIN_FUZZY_CHARS = 40

_INSIGNIFICANT = re.compile(r"[\W_]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_PRIME = np.uint64(1099511628211)
_MASK16 = (1 << 16) - 1


@dataclass(frozen=True)
class Fingerprint:
    simhash: int
    numbers: tuple[int, ...]
    exact: str  # digest of the significant characters, for short texts and exact repeats


def _stable_hash(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=4).digest(), "little")


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finalizer: spreads the polynomial shingle hash over all 64 bits."""
    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def simhash(chars: str, k: int = SHINGLE) -> int:
    codes = np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - k + 1
    if n <= 0:
        codes = np.pad(codes, (0, max(0, k - len(codes))))
        n = 1
    h = np.zeros(n, dtype=np.uint64)
    for i in range(k):
        h = h * _PRIME + codes[i:i + n]
    h = _mix(h)
    weights = np.zeros(64, dtype=np.int64)
    for start in range(0, n, 1 << 16):
        bits = np.unpackbits(h[start:start + (1 << 16)].view(np.uint8).reshape(-1, 8), axis=1,
                             bitorder="little")
        weights += bits.sum(axis=0, dtype=np.int64)
    chunk = len(h)
    value = 0
    for bit in range(64):
        if 2 * weights[bit] > chunk:
            value |= 1 << bit
    return value


def fingerprint(text: str) -> Fingerprint:
    chars = _INSIGNIFICANT.sub("", text)
    numbers = sorted({_stable_hash(n) for n in _NUMBER.findall(text)})[:SKETCH]
    digest = hashlib.blake2b(chars.encode(), digest_size=8).hexdigest()
    return Fingerprint(simhash(chars), tuple(numbers), digest if len(chars) < MIN_FUZZY_CHARS else "")


def _number_jaccard(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    if not a and not b:
        return 1.0
    union = sorted(set(a) | set(b))[:SKETCH]
    both = set(a) & set(b)
    return sum(1 for x in union if x in both) / len(union)


def near(a: Fingerprint, b: Fingerprint) -> bool:
    if a.exact or b.exact:
        return a.exact == b.exact
    return (a.simhash ^ b.simhash).bit_count() <= MAX_DISTANCE and (
        _number_jaccard(a.numbers, b.numbers) >= MIN_NUMBER_JACCARD
    )


def _band_keys(fp: Fingerprint) -> list[str]:
    if fp.exact:
        return [f"x:{fp.exact}"]
    return [f"{b}:{(fp.simhash >> (16 * b)) & _MASK16}" for b in range(BANDS)]


@dataclass
class DedupIndex:
    """Fingerprints of the newest ``capacity`` texts seen, findable by band."""

    capacity: int = 200_000
    entries: dict[str, Fingerprint] = field(default_factory=dict)  # insertion order = age
    bands: dict[str, list[str]] = field(default_factory=dict)


def find(index: DedupIndex, fp: Fingerprint) -> str | None:
    """The reference of a stored text that ``fp`` nearly duplicates, if any."""
    for key in _band_keys(fp):
        for ref in index.bands.get(key, ()):
            if near(fp, index.entries[ref]):
                return ref
    return None


def _evict_oldest(index: DedupIndex) -> None:
    ref = next(iter(index.entries))
    fp = index.entries.pop(ref)
    for key in _band_keys(fp):
        refs = index.bands.get(key)
        if refs is not None:
            refs.remove(ref)
            if not refs:
                del index.bands[key]


def step(index: DedupIndex, ref: str, fp: Fingerprint) -> tuple[DedupIndex, str | None]:
    """Look ``fp`` up; if new, remember it under ``ref``. Returns the index and the original's ref."""
    original = find(index, fp)
    if original is not None:
        return index, original
    while len(index.entries) >= index.capacity:
        _evict_oldest(index)
    index.entries[ref] = fp
    for key in _band_keys(fp):
        index.bands.setdefault(key, []).append(ref)
    return index, None
