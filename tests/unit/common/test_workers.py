"""Processes per stage for ``newsmetrics up --workers``: what is accepted, and what sets them apart."""

import pytest

from services.common.workers import PORT_STEP, parse_workers, worker_env


def test_stages_not_named_run_one_process():
    assert parse_workers("extract=2, store=3") == {"ingest": 1, "extract": 2, "store": 3}
    assert parse_workers("") == {"ingest": 1, "extract": 1, "store": 1}


@pytest.mark.parametrize("spec, says", [
    ("ingest=2", "dedup index"),
    ("extrct=2", "unknown stage"),
    ("extract=0", "from 1 to"),
    ("extract=two", "from 1 to"),
    ("extract=٢", "from 1 to"),  # an Arabic-Indic digit is a digit to str.isdigit, not to us
    ("store=99", "from 1 to"),
])
def test_a_wrong_count_is_refused_with_the_reason(spec, says):
    with pytest.raises(ValueError, match=says):
        parse_workers(spec)


def test_each_process_of_a_stage_serves_on_its_own_port():
    assert worker_env("extract", 0, 8082) == {"NEWSMETRICS_EXTRACT_PORT": "8082"}
    assert worker_env("store", 2, 8080) == {"NEWSMETRICS_API_PORT": str(8080 + 2 * PORT_STEP)}
