"""Figures read from tables printed as text, on tables written for the test."""

from datetime import date

import pytest

from services.extract.tables import header

from .helpers import facts_of, key

PUBLISHED = date(2024, 9, 6)


@pytest.mark.parametrize("cells, columns", [
    (["城市", "PM2.5浓度（微克/立方米）", "同比变化（%）"],
     [("place", None, None), ("value", "air.pm25", "ug/m3"), ("change", "air.pm25", "%")]),
    (["县区", "综合指数", "排名", "优良天数比例"],
     [("place", None, None), ("value", "air.composite_index", "index"), ("rank", "air.composite_index", "rank"),
      ("value", "air.good_days_ratio", "%")]),
    (["排名", "地区", "CO（毫克/立方米）", "优良天数比例同比（百分点）"],  # a first 排名 names no indicator
     [("none", None, None), ("place", None, None), ("value", "air.co", "mg/m3"),
      ("change", "air.good_days_ratio", "pp")]),
    (["县区", "综合指数", "排名", "较上月排名变化"],
     [("place", None, None), ("value", "air.composite_index", "index"), ("rank", "air.composite_index", "rank"),
      ("change", "air.composite_index", "rank")]),
    (["县（市、区）", "森林覆盖率（%）", "较上年提高（百分点）", "优良天数占比"],
     [("place", None, None), ("value", "green.coverage_rate", "%"), ("change", "green.coverage_rate", "pp"),
      ("value", "air.good_days_ratio", "%")]),
])
def test_a_header_says_what_each_column_holds(cells, columns):
    assert [(c.measure, c.indicator, c.unit) for c in header(cells, PUBLISHED) or []] == columns


@pytest.mark.parametrize("cells", [["序号", "项目名称", "建设地点"], ["张家口", "15", "35"]])
def test_a_line_naming_no_indicator_or_holding_figures_is_no_header(cells):
    assert header(cells, PUBLISHED) is None


PAGE = ("8月份各县（市、区）空气质量排名\n\n"
        "本报讯 8月份，唐山市PM2.5平均浓度为28微克/立方米。各县（市、区）情况如下表。\n"
        "表1 各县（市、区）空气质量状况\n"
        "县区  PM2.5（微克/立方米）  同比  优良天数比例（%）\n"
        "滦州市  25  -7.4  93.5\n"
        "迁安市  27  —  90.3\n"
        "路北区  31  3.3  87.1\n"
        "（来源：唐山市生态环境局）")


def test_each_row_gives_its_place_a_fact_per_figure_in_the_time_stated_before_the_table():
    got = {key(f) + (f.basis,) for f in facts_of(PAGE, published="2024-09-06")}
    month = ("2024-08", "2024-08")
    assert {k for k in got if k[4] != "唐山市"} == {
        ("air.pm25", "value", 25.0, "ug/m3", "滦州市", month, None),
        ("air.pm25", "change", -7.4, "%", "滦州市", month, "yoy"),
        ("air.good_days_ratio", "value", 93.5, "%", "滦州市", month, None),
        ("air.pm25", "value", 27.0, "ug/m3", "迁安市", month, None),  # a blank cell gives nothing
        ("air.good_days_ratio", "value", 90.3, "%", "迁安市", month, None),
        ("air.pm25", "value", 31.0, "ug/m3", "路北区", month, None),
        ("air.pm25", "change", 3.3, "%", "路北区", month, "yoy"),
        ("air.good_days_ratio", "value", 87.1, "%", "路北区", month, None),
    }


def test_a_fact_read_from_a_row_points_at_its_cell():
    facts = [f for f in facts_of(PAGE, published="2024-09-06") if f.region == "路北区"]
    assert {f.text for f in facts} == {"31", "3.3", "87.1"}
    assert all(f.evidence == "路北区\t31\t3.3\t87.1" for f in facts)


def test_a_column_of_falls_is_signed_as_a_fall():
    page = ("某市水质排名\n\n1—6月，各县国考断面情况：\n区县\t断面优良比例（%）\t综合指数\t降幅（%）\n"
            "平山县\t100\t3.21\t5.2\n灵寿县\t90\t3.48\t1.1")
    got = {key(f)[:5] for f in facts_of(page, published="2024-07-10")}
    assert ("air.composite_index", "change", -5.2, "%", "平山县") in got
    assert ("water.good_section_ratio", "value", 90.0, "%", "灵寿县") in got


def test_a_table_of_money_is_read_only_in_an_article_about_the_environment():
    rows = "\n区县\t投资额（万元）\t同比\n平山县\t1200\t5.2\n灵寿县\t860\t1.1"
    assert facts_of("某市招商项目签约\n\n上半年签约项目如下：" + rows, published="2024-07-10") == []
    got = {key(f)[:5] for f in facts_of("某市生态环境治理投入\n\n上半年各县污染治理投入如下：" + rows,
                                         published="2024-07-10")}
    assert ("finance.eco_funding", "value", 8600000.0, "CNY", "灵寿县") in got


def test_a_table_scraped_one_cell_per_line_is_read_like_any_table():
    page = ("各县空气质量状况\n\n本报讯 8月份，唐山市各县（市、区）情况如下：\n县区\nPM2.5\n综合指数\n"
            "滦州市\n25\n3.05\n迁安市\n27\n3.18\n（来源：唐山市生态环境局）")
    got = {(f.region, f.indicator, f.value) for f in facts_of(page, published="2024-09-06")}
    assert got == {("滦州市", "air.pm25", 25.0), ("滦州市", "air.composite_index", 3.05),
                   ("迁安市", "air.pm25", 27.0), ("迁安市", "air.composite_index", 3.18)}


def test_a_total_row_without_a_rank_is_the_place_s_own_figure():
    page = ("7月份各市空气质量排名\n\n7月份，各市排名如下：\n排名 城市 综合指数 PM2.5\n1 漳州 2.41 15\n"
            "2 厦门 2.53 16\n全省 2.87 19")
    got = {(f.region, f.indicator, f.value) for f in facts_of(page, published="2024-08-06")}
    assert {("福建省", "air.composite_index", 2.87), ("福建省", "air.pm25", 19.0)} <= got


def test_a_table_with_a_row_per_indicator_under_columns_of_years_gives_each_figure_its_year():
    page = ("2023年某市生态环境状况公报\n\n2023年，运城市环境空气质量主要指标如下：\n"
            "指标  2022年  2023年  变化（%）\nPM2.5（微克/立方米）  50  46  -8.0\n综合指数  5.31  5.02  -5.5\n"
            "优良天数（天）  230  241  4.8")
    got = {key(f) + (f.basis,) for f in facts_of(page, published="2024-05-20")}
    y22, y23 = ("2022-01", "2022-12"), ("2023-01", "2023-12")
    assert got == {("air.pm25", "value", 50.0, "ug/m3", "运城市", y22, None),
                   ("air.pm25", "value", 46.0, "ug/m3", "运城市", y23, None),
                   ("air.pm25", "change", -8.0, "%", "运城市", y23, "yoy"),
                   ("air.composite_index", "value", 5.31, "index", "运城市", y22, None),
                   ("air.composite_index", "value", 5.02, "index", "运城市", y23, None),
                   ("air.composite_index", "change", -5.5, "%", "运城市", y23, "yoy"),
                   ("air.good_days", "value", 230.0, "days", "运城市", y22, None),
                   ("air.good_days", "value", 241.0, "days", "运城市", y23, None),
                   ("air.good_days", "change", 4.8, "%", "运城市", y23, "yoy")}


def test_a_table_of_places_under_columns_of_months_is_of_the_indicator_its_caption_names():
    page = ("一季度各市PM2.5浓度\n\n表2 2023年1-3月各市PM2.5月均浓度（微克/立方米）\n城市  1月  2月  3月\n"
            "廊坊  71  60  47\n沧州  75  64  50")
    got = {key(f) for f in facts_of(page, published="2024-04-15")}
    assert ("air.pm25", "value", 60.0, "ug/m3", "廊坊市", ("2023-02", "2023-02")) in got
    assert ("air.pm25", "value", 50.0, "ug/m3", "沧州市", ("2023-03", "2023-03")) in got
    assert len(got) == 6


def test_a_table_of_places_under_columns_of_months_with_no_indicator_named_gives_nothing():
    page = "一季度各市情况\n\n各市情况如下：\n城市  1月  2月  3月\n廊坊  71  60  47\n沧州  75  64  50"
    assert facts_of(page, published="2024-04-15") == []


def test_a_minus_sign_in_any_column_is_read_and_no_rank_comes_before_the_first():
    page = "各县排名\n\n8月份，各县情况如下：\n县区  综合指数  排名  排名变化\n平山县  3.05  −1  −2"
    got = {key(f)[:4] for f in facts_of(page, published="2024-09-10")}
    assert got == {("air.composite_index", "value", 3.05, "index"), ("air.composite_index", "change", -2.0, "rank")}


@pytest.mark.parametrize("elided", ["…", "……", "...", "⋯ ⋯"])
def test_a_line_of_rows_left_out_does_not_end_the_table(elided):
    page = ("10月各设区市空气质量\n\n本报讯 10月份，全省各设区市空气质量如下。\n"
            f"城市\t综合指数\tPM2.5（微克/立方米）\n衡水\t4.10\t38\n{elided}\n邯郸\t5.35\t49\n")
    got = {(f.region, f.indicator, f.value) for f in facts_of(page, published="2024-11-08")}
    assert ("邯郸市", "air.pm25", 49.0) in got and ("衡水市", "air.pm25", 38.0) in got
