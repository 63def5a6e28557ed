"""Properties of the parsers and of the whole offline pipeline, on generated input."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.common.schemas import MetricFact, RawArticle
from services.extract.numbers import parse_chinese, parse_number
from services.extract.pipeline import extract_item
from services.extract.quantities import find_quantities
from services.ingest.dedup import DedupIndex
from services.ingest.pipeline import clean_item

NEWSY = st.text(
    alphabet=st.sampled_from(list("今年上半年该市PM2.5浓度为微克/立方米同比下降上升个百分点%，。；、和至—-0123456789"
                                  "优良天数比例综合指数排名第位全国168城市中断面达标率万亿元亩吨▲►\n 　．２５ＰＭ"
                                  "举报写留言热门推荐•#超话邯鄲濃度環(huán)\t—−由从到的")),
    max_size=400,
)
ANY_TEXT = st.text(max_size=2000)


def _run(text: str) -> tuple[list, list[MetricFact]]:
    raw = RawArticle(id="p", source="prop", published_at=datetime(2024, 7, 15, tzinfo=UTC), text=text)
    _, item = clean_item(raw, DedupIndex())
    return item.units, extract_item(item)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(NEWSY, ANY_TEXT))
def test_pipeline_never_raises_and_every_fact_points_at_its_text(text):
    units, facts = _run(text)
    by_article = {u.article: u for u in units}
    for fact in facts:
        MetricFact.model_validate(fact.model_dump())
        body = by_article[fact.article].text
        assert body[fact.span[0]:fact.span[1]] == fact.text
        assert fact.text in fact.evidence
    for unit in units:
        for start, end in unit.sentences:
            assert 0 <= start < end <= len(unit.text)


SENTENCE = "今年上半年，邯郸市PM2.5平均浓度为48微克/立方米，同比下降5.9%。\n"


def test_empty_input_gives_nothing():
    assert _run("") == ([], [])


def test_clean_takes_five_megabytes_in_one_item():
    line = "今年上半年，邯郸市PM2.5平均浓度为48微克/立方米，同比下降5.9%，有{}个监测点。\n"  # no two alike
    raw = RawArticle(id="big", source="prop", published_at=datetime(2024, 7, 15, tzinfo=UTC),
                     text="".join(line.format(n) for n in range(5_000_000 // len(line.format(99999).encode()))))
    _, item = clean_item(raw, DedupIndex())
    assert sum(len(u.text) for u in item.units) >= 1_600_000


def test_extract_reads_one_fact_per_figure_in_a_long_article():
    units, facts = _run(SENTENCE * 2000)
    assert units and len(facts) == 2  # one figure repeated is one fact


@given(st.integers(min_value=0, max_value=99_999_999), st.sampled_from(["", "万", "亿"]))
def test_arabic_numbers_with_multipliers(n, mult):
    factor = {"": 1, "万": 10_000, "亿": 100_000_000}[mult]
    assert parse_number(str(n), mult) == Decimal(n) * factor
    assert parse_number(f"{n:,}", mult) == Decimal(n) * factor


def _to_chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    out, zero = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            out += ("零" if zero and out else "") + digits[d] + name
            zero = False
        elif out:
            zero = True
    return out or "零"


@given(st.integers(min_value=0, max_value=9999))
def test_chinese_numerals_read_back(n):
    assert parse_chinese(_to_chinese(n)) == n
    assert parse_chinese(_to_chinese(n).replace("二", "两")) == n


def _to_chinese_big(n: int) -> str:
    """Groups of four digits under 亿 and 万, a 零 where a lower group has fewer than four."""
    out = ""
    for scale, name in ((10 ** 8, "亿"), (10 ** 4, "万"), (1, "")):
        group, n = divmod(n, scale)
        if group:
            out += ("零" if out and group < 1000 else "") + _to_chinese(group) + name
    return out or "零"


@given(st.integers(min_value=0, max_value=10 ** 12 - 1))
def test_chinese_numerals_with_wan_and_yi_read_back(n):
    assert parse_chinese(_to_chinese_big(n)) == n


@pytest.mark.parametrize(("spoken", "value"), [("一万二", 12000), ("三千五", 3500), ("一百一", 110),
                                               ("一亿二千万", 120_000_000), ("一百零五", 105)])
def test_chinese_numerals_as_people_say_them(spoken, value):
    assert parse_chinese(spoken) == value


@given(st.integers(min_value=0, max_value=9999), st.integers(min_value=1, max_value=999))
def test_chinese_decimals_read_back(n, fraction):
    digits = "零一二三四五六七八九"
    tail = "".join(digits[int(d)] for d in str(fraction))
    assert parse_chinese(f"{_to_chinese(n)}点{tail}") == Decimal(f"{n}.{fraction}")


@given(st.text(max_size=300))
def test_quantities_never_raise_and_stay_inside_the_text(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert q.value_max is None or q.value_max >= q.value


def _opcodes(fn: Callable[[], object]) -> int:
    """Python bytecodes executed by ``fn``: a measure of work that no clock or load can skew."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        frame.f_trace_opcodes = True
        if event == "opcode":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


PATHOLOGICAL = [
    "1" * 400 + "万" * 50 + "，",                        # one endless number
    "、" * 300 + "和",                                    # separators only
    "PM2.5浓度为" + "1、" * 150 + "2微克/立方米。",       # an endless list
    "河北日报记者 " * 60 + "\n",                           # a byline that never ends
    "▲" * 200 + "\n" + "一" * 300 + "\n",                 # marks and numeral-like words
    "(" * 200 + "记者" + ")" * 200 + "\n",                # nested parentheses around a dateline word
]


def test_work_grows_linearly_with_input_size():
    for chunk in PATHOLOGICAL:
        small = _opcodes(lambda c=chunk: _run(c * 4))
        large = _opcodes(lambda c=chunk: _run(c * 16))
        assert large <= 4 * small * 1.5 + 50_000, chunk[:20]


_CITIES = ["石家庄", "唐山", "秦皇岛", "邯郸", "邢台", "保定", "张家口", "承德", "沧州", "廊坊", "衡水"]


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from(_CITIES), st.integers(1, 300), st.integers(100, 999)),
                     min_size=1, max_size=11, unique_by=lambda row: row[0]),
       gap=st.sampled_from(["\t", "  ", " ", "\u3000", " \t "]))
def test_every_row_of_a_table_gives_its_place_its_figures_however_the_cells_are_spaced(rows, gap):
    lines = [gap.join(["城市", "PM2.5浓度（微克/立方米）", "综合指数"])]
    lines += [gap.join([city, str(pm), f"{index / 100:.2f}"]) for city, pm, index in rows]
    _, facts = _run("各设区市空气质量状况\n\n6月份，各设区市空气质量如下：\n" + "\n".join(lines))
    expected = {(city + "市", "air.pm25", float(pm)) for city, pm, _ in rows}
    expected |= {(city + "市", "air.composite_index", index / 100) for city, _, index in rows}
    assert {(f.region, f.indicator, f.value) for f in facts} == expected
    assert all(f.period is not None and (f.period.start, f.period.end) == ("2024-06", "2024-06") for f in facts)
