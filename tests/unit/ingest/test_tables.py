"""Table rows printed as text keep their cells apart, on tables written for the test."""

import pytest

from services.ingest.normalize import normalize
from services.ingest.tables import mark_cells


@pytest.mark.parametrize("raw, rows", [
    ("城市 PM2.5 PM10 优良天数比例\n廊坊 31 58 71.3%\n沧州 35 66 68.0%",
     ["城市\tPM2.5\tPM10\t优良天数比例", "廊坊\t31\t58\t71.3%", "沧州\t35\t66\t68.0%"]),
    ("排名  县区  综合指数\n1  滦州市  3.05\n2  迁安市  3.18",  # two spaces, a rank first
     ["排名\t县区\t综合指数", "1\t滦州市\t3.05", "2\t迁安市\t3.18"]),
    ("地区\u3000PM2.5\u3000同比\n衡水\u300038\u3000-4.1",  # ideographic spaces
     ["地区\tPM2.5\t同比", "衡水\t38\t-4.1"]),
    ("区县\t综合指数\t排名\n路北区\t3.9\t1",  # tabs already
     ["区县\t综合指数\t排名", "路北区\t3.9\t1"]),
    ("廊坊 31 58 71.3 %\n沧州 35 66 68.0 %", ["廊坊\t31\t58\t71.3%", "沧州\t35\t66\t68.0%"]),  # "%" set apart
    ("城区 — 45 12.5\n高新区 38 — 9.1", ["城区\t—\t45\t12.5", "高新区\t38\t—\t9.1"]),  # blank cells
    ("| 城市 | PM2.5 | 优良天数比例 |\n|---|---|:---:|\n| 廊坊 | 31 | 71.3% |",  # markdown
     ["城市\tPM2.5\t优良天数比例", "廊坊\t31\t71.3%"]),
    ("|城市|PM10|综合指数|\n|廊坊|58|4.12|", ["城市\tPM10\t综合指数", "廊坊\t58\t4.12"]),
])
def test_a_table_s_rows_and_header_get_one_tab_between_cells(raw, rows):
    assert mark_cells(raw).split("\n") == rows


@pytest.mark.parametrize("line", [
    "2 0 2 3 年",                                  # digits spaced out one by one
    "上一页 1 2 3 下一页",                         # page navigation
    "今年 1-7 月，PM2.5 浓度为 35 微克/立方米。",   # a sentence set with spaces
    "天津日报 2024年3月8日 第2版",                 # a masthead
    "记者 张明 李华 通讯员 王强",                   # a byline
])
def test_lines_that_are_no_table_rows_are_left_as_they_are(line):
    assert mark_cells(line) == line


def test_normalization_keeps_the_cells_of_a_row_apart():
    assert normalize("廊坊 31 58 71.3%\n沧州 35 66 68.0%") == "廊坊\t31\t58\t71.3%\n沧州\t35\t66\t68.0%"
    assert normalize("全市PM2.5浓度为 35 微克") == "全市PM2.5浓度为35微克"  # a sentence's spaces still go


def test_a_table_printed_one_cell_per_line_is_put_back_one_row_per_line():
    raw = "各县情况如下：\n县区\nPM2.5\n同比\n滦州市\n25\n-7.4\n迁安市\n27\n—\n（来源：某市生态环境局）"
    assert mark_cells(raw).split("\n") == ["各县情况如下：", "县区\tPM2.5\t同比", "滦州市\t25\t-7.4", "迁安市\t27\t—",
                                           "（来源：某市生态环境局）"]


@pytest.mark.parametrize("raw", [
    "全市PM2.5浓度为\n35\n微克/立方米。",                       # a sentence cut around its number
    "一、大气环境\n二、水环境\n三、土壤\n2024\n2025\n四、声环境",  # headings and years
    "名单\n一等奖\n张三\n12\n二等奖\n李四",                      # one row only after a header
])
def test_short_lines_that_are_no_table_stay_as_they_are(raw):
    assert mark_cells(raw) == raw
