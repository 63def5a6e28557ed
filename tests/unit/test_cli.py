"""The CLI as a user runs it: a real subprocess on files written for the tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from services.common.schemas import Article, DeadLetter, MetricFact
from services.common.settings import Settings
from services.store.explore import Review
from services.store.repository import Repository
from tests.unit.extract.helpers import brief, facts_of

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "samples" / "feed.jsonl"


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "services.cli", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=120, check=False)


def test_help_lists_the_commands_and_their_options():
    top = _cli("--help")
    assert top.returncode == 0 and b"clean" in top.stdout and b"extract" in top.stdout
    for command in ("clean", "extract"):
        sub = _cli(command, "--help")
        assert sub.returncode == 0 and b"--input" in sub.stdout and b"--published-at" in sub.stdout


def test_extract_on_the_sample_feed_prints_valid_facts():
    run = _cli("extract", "--input", str(SAMPLE))
    assert run.returncode == 0, run.stderr
    facts = [MetricFact.model_validate_json(line) for line in run.stdout.splitlines()]
    assert {"air.pm25", "air.good_days_ratio", "enforcement.cases", "green.afforestation_area"} <= {
        f.indicator for f in facts}
    assert not [f for f in facts if f.doc_id == "sample-hd-001-repost"]  # the re-post is a duplicate


def test_clean_reports_the_repost_as_a_duplicate():
    run = _cli("clean", "--input", str(SAMPLE))
    units = [Article.model_validate_json(line) for line in run.stdout.splitlines()]
    repost = [u for u in units if u.doc_id == "sample-hd-001-repost"]
    assert [(u.kind, u.duplicate_of) for u in repost] == [("duplicate", "sample-hd-001#0")]


def test_bad_lines_become_dead_letters_and_the_run_goes_on():
    good = SAMPLE.read_bytes().splitlines()[1]
    feed = b"{broken\n" + b'{"id": "x"}\n' + good + b"\n"
    run = _cli("extract", "--input", "-", stdin=feed)
    assert run.returncode == 0
    letters = [DeadLetter.model_validate_json(line) for line in run.stderr.splitlines() if line.startswith(b"{")]
    assert [d.reason for d in letters] == ["invalid_json", "invalid_fields"]
    assert run.stdout.strip()  # the good item still gave its facts


def test_plain_text_files_need_and_take_a_publication_date(tmp_path):
    page = tmp_path / "hd-2024-07-15.txt"
    page.write_text("邯郸空气质量\n\n今年上半年，邯郸市PM2.5平均浓度为48微克/立方米。\n", encoding="utf-8")
    assert _cli("extract", "--input", str(page)).returncode != 0
    run = _cli("extract", "--input", str(page), "--published-at", "2024-07-15")
    [fact] = [json.loads(line) for line in run.stdout.splitlines()]
    assert (fact["doc_id"], fact["value"], fact["period"]) == ("hd-2024-07-15", 48.0,
                                                               {"start": "2024-01", "end": "2024-06"})


def test_tail_filters_by_indicator_and_region_name_or_code_and_always_shows_a_retraction():
    from argparse import Namespace

    from services.cli import _table_row, _wanted

    fact = {"fact_id": "f", "indicator": "air.pm25", "region": "保定市", "region_code": "130600", "measure": "value",
            "value": 45.0, "unit": "ug/m3", "period": {"start": "2024-01", "end": "2024-06"}}
    assert _wanted(fact, Namespace(indicator="air.pm25", region="130600"))
    assert _wanted(fact, Namespace(indicator=None, region="保定市"))
    assert not _wanted(fact, Namespace(indicator="air.pm10", region=None))
    assert not _wanted(fact, Namespace(indicator=None, region="唐山市"))
    assert _wanted({"fact_id": "g", "retracted": True}, Namespace(indicator="air.pm10", region="唐山市"))
    assert _table_row(fact) == "f\t保定市\tair.pm25\tvalue\t45.0\tug/m3\t2024-01/2024-06"
    assert _table_row({"fact_id": "g", "retracted": True}) == "g\t(retracted)"


def test_an_item_the_core_fails_on_is_a_dead_letter_and_the_run_goes_on(monkeypatch, capsysbinary, tmp_path):
    """No input is known to make the core fail (fuzzing found none), so the core is made to fail
    on one item; the CLI must treat it as the workers do."""
    from services import cli

    real = cli.extract_item

    def failing(item, *args):
        if item.doc_id == "bad":
            raise KeyError("a fault of the extractor")
        return real(item, *args)

    monkeypatch.setattr(cli, "extract_item", failing)
    lines = [json.dumps({"id": doc, "source": "t", "published_at": "2024-07-15",
                         "text": f"{city}空气质量持续改善\n\n燕赵日报讯(记者赵明)今年上半年，{city}市PM2.5平均浓度为"
                                 f"{value}微克/立方米。"}, ensure_ascii=False)
             for doc, city, value in (("bad", "邯郸", 48), ("good", "邢台", 52))]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli.main(["extract", "--input", str(feed)]) == 0
    captured = capsysbinary.readouterr()
    facts = [MetricFact.model_validate_json(line) for line in captured.out.splitlines()]
    [letter] = [DeadLetter.model_validate_json(line) for line in captured.err.splitlines() if line.startswith(b"{")]
    assert {f.doc_id for f in facts} == {"good"}
    assert (letter.stage, letter.reason) == ("extract", "processing_error") and "a fault" in letter.error
    assert json.loads(letter.payload)["id"] == "bad"


def test_reviews_export_writes_confirmed_and_corrected_facts_in_the_gold_format(tmp_path):
    facts = facts_of(brief("邯郸空气质量", "今年上半年，邯郸市PM2.5平均浓度为48微克/立方米，同比下降5.9%；"
                           "全市共查处环境违法案件126起。"), published="2024-07-15", doc_id="hd-9")
    repository = Repository.open(Settings(data_dir=tmp_path))
    repository.migrate()
    repository.store(facts=facts)
    repository.add_review(Review(facts[0].fact_id, "confirmed", "", None))
    repository.add_review(Review(facts[1].fact_id, "wrong", "the sign", {"value": 5.9}))
    repository.add_review(Review(facts[2].fact_id, "wrong", "not a fact", None))
    repository.close()
    run = subprocess.run([sys.executable, "-m", "services.cli", "reviews", "export"], capture_output=True, check=True,
                         env={**os.environ, "NEWSMETRICS_DATA_DIR": str(tmp_path)}, cwd=ROOT)
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert [(r["doc"], r["indicator"], r["value"]) for r in rows] == [
        ("hd-9", facts[0].indicator, facts[0].value), ("hd-9", facts[1].indicator, 5.9)]
    gold = json.loads((ROOT.parent / "shared" / "gold" / "metrics.jsonl").read_text().splitlines()[0]) \
        if (ROOT.parent / "shared" / "gold" / "metrics.jsonl").exists() else None
    assert gold is None or set(rows[0]) == set(gold)  # the development sets' own format
    assert b"1 wrong without a correction" in run.stderr
