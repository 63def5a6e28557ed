"""The store's database goes away while a feed flows and comes back: nothing lost, nothing twice,
/ready back to 200 and no worker restarted (the CI-sized drill; bench/db_drill.py runs it longer)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.integration import outage

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
import corpus  # noqa: E402

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("database", ["postgres", "sqlite"])
def test_a_database_outage_mid_flow_loses_and_duplicates_no_fact(tmp_path, database):
    items = [item for _, item in zip(range(120), corpus.envelopes(7), strict=False)]
    report = outage.run(tmp_path, items, rate=8.0, database=database, outage_seconds=8, drain_timeout=240)
    assert 0 < report["stored_before_outage"] < report["expected_facts"], report
    assert (report["missing"], report["extra"], report["duplicate_rows"]) == (0, 0, 0), report
    assert 503 in report["ready_during_outage"] and 0.0 in report["db_up_during_outage"], report
    assert report["ready_after"] == 200, report
    assert report["retries_logged"] > 0 and report["agent_crashes"] == 0, report
    assert report["workers_exited"] == [], report
