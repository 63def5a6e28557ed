"""The analyst pages' rules: explorer queries, region children, highlight segments, reviews and
their export, chart data; and reviews kept by fact id in the store (SQLite here, PostgreSQL in
tests/integration/test_reviews_postgres.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.store import explore
from services.store.explore import Review, parse_explore, parse_review


@pytest.mark.parametrize("params, error", [
    ({"from": "2024-13"}, "from must be YYYY-MM"), ({"sort": "evidence; DROP TABLE facts"}, "sort must be"),
    ({"page": "0"}, "page must be"), ({"page": "+2"}, "page must be"), ({"measure": "level"}, "measure must be"),
    ({"dir": "up"}, "dir must be"), ({"limit": "5"}, "unknown parameter"), ({"q": "x" * 201}, "longer than 200"),
])
def test_bad_explorer_parameters_are_refused_with_a_reason(params, error):
    with pytest.raises(ValueError, match=error):
        parse_explore(params)


@pytest.mark.parametrize("region, scope", [
    ("河北省", ("code", "13")), ("石家庄市", ("code", "1301")), ("怀来县", ("code", "130730")),
    ("北京市", ("code", "11")), ("全国", ("name", "全国")), ("京津冀", ("name", "京津冀")),
])
def test_a_division_covers_its_children_by_the_start_of_their_code(region, scope):
    assert explore.region_scope(region) == scope


def test_reader_text_reaches_the_database_only_as_bound_parameters():
    q = parse_explore({"region": "河北省", "q": "50%_'; --", "sort": "value", "dir": "desc", "page": "3"})
    page, count, params = explore.explore_sql(q)
    assert "50%" not in page and "'; --" not in page and "50%" not in count
    assert params["text"] == "%50\\%\\_'; --%" and params["region_code"] == "13%"
    assert "ORDER BY value DESC, fact_id" in page and params["offset"] == 2 * explore.PAGE_SIZE


def test_the_explorer_finds_a_province_s_cities_and_text_in_the_sentence(repository, facts):
    repository.store(facts=facts)
    by_province, total = repository.explore_page(parse_explore({"region": "河北省"}))
    assert total == len(facts) and {f["region"] for f in by_province} == {"邯郸市"}
    assert repository.explore_page(parse_explore({"region": "山西省"}))[1] == 0
    assert repository.explore_page(parse_explore({"q": "违法案件"}))[1] == 1
    assert repository.explore_page(parse_explore({"q": "_"}))[1] == 0  # a wildcard is a character here
    values = [f["value"] for f in repository.explore_page(parse_explore({"sort": "value", "dir": "desc"}))[0]]
    assert values == sorted(values, reverse=True)


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(-5, 45), st.integers(-5, 45)), max_size=6))
def test_segments_rebuild_the_text_and_each_fact_covers_exactly_its_span(text, raw_spans):
    spans = [(f"f{n}", a, b) for n, (a, b) in enumerate(raw_spans)]
    pieces = explore.segments(text, spans)
    assert "".join(p.text for p in pieces) == text
    for fact_id, a, b in spans:
        covered = "".join(p.text for p in pieces if fact_id in p.facts)
        assert covered == (text[a:b] if 0 <= a < b <= len(text) else "")


@pytest.mark.parametrize("body, error", [
    ([], "JSON object"), ({"fact_id": "x", "verdict": "maybe"}, "verdict"),
    ({"fact_id": "x", "verdict": "wrong"}, "needs a reason"),
    ({"fact_id": "x", "verdict": "confirmed", "corrected": {"value": 1}}, "for a fact marked wrong"),
    ({"fact_id": "x", "verdict": "wrong", "reason": "r", "corrected": {"fact_id": "y"}}, "cannot be corrected"),
    ({"fact_id": "x", "verdict": "wrong", "reason": "r", "corrected": {"value": "35"}}, "must be a number"),
    ({"fact_id": "x", "verdict": "wrong", "reason": "r", "corrected": {"period": {"start": "2024"}}}, "period"),
    ({"fact_id": "x", "verdict": "wrong", "reason": "r", "by": "me"}, "unknown field"),
])
def test_malformed_reviews_are_refused_with_a_reason(body, error):
    with pytest.raises(ValueError, match=error):
        parse_review(body)


def test_reviews_are_kept_by_fact_id_through_re_extraction_and_retraction(repository, facts):
    repository.store(facts=facts)
    fact = facts[0]
    corrected = {"period": {"start": "2023-01", "end": "2023-06"}}
    repository.add_review(Review(fact.fact_id, "wrong", "last year's figure", corrected))
    repository.add_review(Review(facts[1].fact_id, "confirmed", "", None))
    repository.store(facts=facts)  # a re-extraction that keeps the facts: same ids, reviews stay
    assert [r["reason"] for r in repository.reviews_of([fact.fact_id])] == ["last year's figure"]
    latest = dict((r["fact_id"], (r, f)) for r, f in repository.latest_reviews())
    review, stored = latest[fact.fact_id]
    row = explore.gold_row(stored, review["corrected"])
    assert row["period"] == corrected["period"] and row["doc"] == "hd-1" and row["value"] == fact.value
    assert set(row) == {"doc", *explore.CORRECTABLE, "evidence"}
    repository.store(retracted=[fact.fact_id])
    assert dict((r["fact_id"], f) for r, f in repository.latest_reviews())[fact.fact_id] is None  # kept, unlinked


def test_chart_specs_compare_the_period_most_regions_have_and_label_units():
    facts = [{"region": r, "period_start": p, "period_end": p, "value": v, "unit": "ug/m3", "fact_id": f"{r}{p}"}
             for r, p, v in (("甲市", "2024-05", 30.0), ("乙市", "2024-05", 40.0), ("甲市", "2024-06", 20.0))]
    specs = explore.chart_specs(explore.chart_rows(facts), "air.pm25")
    assert [r["region"] for r in specs["bar"]["data"]["values"]] == ["乙市", "甲市"]
    assert "ug/m3" in specs["line"]["encoding"]["y"]["title"] and len(specs["line"]["data"]["values"]) == 3
