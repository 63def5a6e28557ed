import csv
import io

import pytest

from services.store.query import MAX_LIMIT, admin_status, day, facts_csv, parse, select_facts
from services.store.tables import fact_row, row_fact
from tests.unit.extract.helpers import brief, facts_of


@pytest.mark.parametrize("params, error", [
    ({"from": "2024-13"}, "YYYY-MM"),
    ({"to": "last year"}, "YYYY-MM"),
    ({"limit": "0"}, "limit"),
    ({"limit": str(MAX_LIMIT + 1)}, "limit"),
    ({"offset": "-1"}, "offset"),
    ({"limit": "ten"}, "integers"),
    ({"region": "x", "drop": "table"}, "unknown parameter"),
])
def test_bad_parameters_are_refused_with_a_reason(params, error):
    with pytest.raises(ValueError, match=error):
        parse(params)


def test_values_become_bound_parameters_never_sql_text():
    hostile = "邯郸市' OR 1=1; DROP TABLE facts; --"
    page, count, params = select_facts(parse({"region": hostile, "indicator": hostile, "doc_id": hostile,
                                              "from": "2024-01", "to": "2024-06"}))
    assert hostile not in page and hostile not in count
    assert params["region"] == params["indicator"] == params["doc_id"] == hostile
    assert "period_end >= %(start)s" in page and "period_start <= %(end)s" in page


@pytest.mark.parametrize("header, token, status", [
    (None, None, 404),
    ("Bearer abc", None, 404),
    (None, "abc", 401),
    ("Bearer abd", "abc", 401),
    ("Basic abc", "abc", 401),
    ("Bearer", "abc", 401),
    ("Bearer abc", "abc", 200),
    ("bearer  abc ", "abc", 200),
])
def test_admin_endpoints_are_off_without_a_token_and_closed_without_the_right_one(header, token, status):
    assert admin_status(header, token) == status


def test_admin_range_bounds_are_dates():
    assert day("2024-07-01") == "2024-07-01" and day(None) is None
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        day("2024-07-01' OR 1=1 --")


def test_the_csv_export_has_one_filled_column_per_stored_field():
    facts = facts_of(brief("邢台空气质量", "1—5月，邢台市PM2.5平均浓度为52微克/立方米。"), published="2024-06-10")
    undated = facts_of(brief("邢台生态", "邢台市森林覆盖率达到34.6%。"), published="2024-06-10")
    items = [row_fact(fact_row(f, "2024-06-10T00:00:00+00:00")) for f in [*facts, *undated]]
    rows = list(csv.DictReader(io.StringIO(facts_csv(items))))
    assert "period" not in rows[0] and "span" not in rows[0]
    assert [(r["period_start"], r["period_end"]) for r in rows] == [("2024-01", "2024-05"), ("", "")]
    assert (int(rows[0]["span_start"]), int(rows[0]["span_end"])) == tuple(facts[0].span)
    assert rows[0]["region"] == "邢台市" and float(rows[0]["value"]) == 52.0
