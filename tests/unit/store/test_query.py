import pytest

from services.store.query import MAX_LIMIT, admin_status, day, parse, select_facts


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
