"""kill -9 each worker in turn while a feed flows: nothing lost, nothing duplicated (the CI-sized drill;
bench/crash_drill.py runs it with 20,000 articles)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.integration import drill

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
import corpus  # noqa: E402

pytestmark = pytest.mark.integration


def test_killing_each_worker_in_turn_loses_and_duplicates_no_fact(tmp_path):
    items = [item for _, item in zip(range(240), corpus.envelopes(5), strict=False)]
    report = drill.run(tmp_path, items, rate=6.0, kill_every=10.0, drain_timeout=240)
    assert len(report["kills"]) == 3, report
    assert report["expected_facts"] > 240, report
    assert (report["missing"], report["extra"], report["duplicate_rows"]) == (0, 0, 0), report


def test_killing_the_broker_with_its_storage_surviving_loses_and_duplicates_no_fact(tmp_path):
    items = [item for _, item in zip(range(240), corpus.envelopes(5), strict=False)]
    report = drill.run(tmp_path, items, rate=6.0, kill_every=8.0, drain_timeout=300, restart_broker=True)
    assert [k.split()[-1] for k in report["kills"]] == ["ingest", "extract", "store", "broker"], report
    assert (report["missing"], report["extra"], report["duplicate_rows"]) == (0, 0, 0), report
