"""Both development sets in ../shared, scored with ../shared/bench/score.py: a guard against regressions.

The seed pages (gold/) and the bulletins (bulletins/) live beside the repository, not in it.
Thresholds are those the text-core and extraction issues ask for: seeds metric F1 >= 0.97;
bulletins metric F1 >= 0.90 (figures the spec leaves open ignored) with every attribute
accuracy >= 0.90; no duplicate facts in either.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from services.common.codec import decode, dumps_line
from services.common.schemas import RawArticle
from services.extract.pipeline import extract_item
from services.ingest.dedup import DedupIndex
from services.ingest.pipeline import clean_item

SHARED = Path(__file__).parents[3] / "shared"
if not (SHARED / "gold" / "docs.jsonl").exists() or not (SHARED / "bulletins" / "docs.jsonl").exists():
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"CI needs the development sets at {SHARED}")
    pytest.skip("../shared with the development sets is not beside this checkout", allow_module_level=True)


def _run(docs: Path, out: Path) -> Path:
    """The offline pipeline (what ``newsmetrics clean`` and ``extract`` print) over a docs list."""
    feed = subprocess.run([sys.executable, SHARED / "bench" / "feed.py", docs], capture_output=True, check=True).stdout
    index = DedupIndex()
    with open(out / "articles.jsonl", "wb") as articles, open(out / "facts.jsonl", "wb") as facts:
        for line in feed.splitlines():
            index, item = clean_item(decode(line, RawArticle), index)
            articles.writelines(dumps_line(u) for u in item.units)
            facts.writelines(dumps_line(f) for f in extract_item(item))
    return out


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    return _run(SHARED / "gold" / "docs.jsonl", tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="module")
def bulletins(tmp_path_factory) -> Path:
    return _run(SHARED / "bulletins" / "docs.jsonl", tmp_path_factory.mktemp("bulletins"))


def _score(kind: str, gold: Path, pred: Path, *extra: str | Path) -> str:
    return subprocess.run([sys.executable, SHARED / "bench" / "score.py", kind, "--gold", gold, "--pred", pred,
                           *extra], capture_output=True, text=True, check=True).stdout


def _f1(report: str) -> float:
    return float(re.search(r"F1=([\d.]+)", report.splitlines()[-1]).group(1))


def _attributes(report: str) -> dict[str, float]:
    line = report.split("attribute accuracy on matches:")[1].splitlines()[0]
    return {k: float(v) for k, v in re.findall(r"(\w+) ([\d.]+)", line)}


def test_seed_articles(seeds):
    last = _score("articles", SHARED / "gold" / "articles.jsonl", seeds / "articles.jsonl").splitlines()[-1]
    assert float(re.search(r"F1=([\d.]+)", last).group(1)) >= 0.90, last
    assert "leaked_spam_or_duplicates=0" in last, last


def test_seed_text_joins_and_drops(seeds):
    last = _score("text", SHARED / "gold" / "text_checks.jsonl", seeds / "articles.jsonl").splitlines()[-1]
    joins, join_total, drops, drop_total = map(int, re.findall(r"(\d+)/(\d+)", last)[0] + re.findall(
        r"(\d+)/(\d+)", last)[1])
    assert joins >= 0.9 * join_total and drops == drop_total, last


def test_seed_metrics(seeds):
    report = _score("metrics", SHARED / "gold" / "metrics.jsonl", seeds / "facts.jsonl")
    assert _f1(report) >= 0.97, report.splitlines()[-1]
    assert "duplicate facts emitted: 0" in report
    assert all(v >= 0.85 for v in _attributes(report).values()), _attributes(report)


def test_bulletin_metrics(bulletins):
    report = _score("metrics", SHARED / "bulletins" / "metrics.jsonl", bulletins / "facts.jsonl",
                    "--ignore", SHARED / "bulletins" / "undecided.jsonl")
    assert _f1(report) >= 0.90, report.splitlines()[-1]
    assert "duplicate facts emitted: 0" in report
    assert all(v >= 0.90 for v in _attributes(report).values()), _attributes(report)
