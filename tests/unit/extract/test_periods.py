"""The spec's period table, row by row, on phrases written for the test (published 2024-08-15)."""

from datetime import date

import pytest

from services.extract.periods import anchor, find_periods, title_periods

P = date(2024, 8, 15)


@pytest.mark.parametrize("text, period", [
    ("2021年", ("2021-01", "2021-12")),
    ("今年1—7月", ("2024-01", "2024-07")),
    ("前7个月", ("2024-01", "2024-07")),
    ("3月至6月", ("2024-03", "2024-06")),
    ("今年2月—5月", ("2024-02", "2024-05")),
    ("去年11月至次年2月", ("2023-11", "2024-02")),
    ("去年", ("2023-01", "2023-12")),
    ("上年", ("2023-01", "2023-12")),
    ("上一年", ("2023-01", "2023-12")),
    ("本年度", ("2024-01", "2024-12")),
    ("今年以来", ("2024-01", "2024-08")),
    ("年初以来", ("2024-01", "2024-08")),
    ("截止到目前", ("2024-01", "2024-08")),  # as a broadcast script says 截至目前
    ("截至7月底", ("2024-01", "2024-07")),
    ("截至7月25日", ("2024-01", "2024-07")),
    ("今年春季", ("2024-03", "2024-05")),
    ("2022年8月", ("2022-08", "2022-08")),
    ("上半年", ("2024-01", "2024-06")),
    ("第二季度", ("2024-04", "2024-06")),
    ("今年首季", ("2024-01", "2024-03")),
    ("国庆假期", ("2023-10", "2023-10")),  # published in August: last year's, this year's is to come
    ("五一劳动节期间", ("2024-05", "2024-05")),
    ("采暖期内", ("2023-11", "2024-03")),  # the heating season last ended
    ("2024—2025年供暖期", ("2024-11", "2025-03")),
    ("上月", ("2024-07", "2024-07")),
    ("本月份", ("2024-08", "2024-08")),
    ("去年首季度", ("2023-01", "2023-03")),
    ("2024.1-2024.6", ("2024-01", "2024-06")),
    ("9、10月份", ("2024-09", "2024-10")),
    ("10年来", ("2014-01", "2023-12")),
    ("“十四五”前三年", ("2021-01", "2023-12")),
    ("今年4、5、6月", ("2024-04", "2024-06")),
    ("2023年11月、12月", ("2023-11", "2023-12")),
    ("二、10月份各县情况", ("2024-10", "2024-10")),  # a numbered heading, then one month
    ("3、5月", ("2024-05", "2024-05")),  # months that do not run on are no span
    ("2024.01—06月", ("2024-01", "2024-06")),
    ("2023.11-2024.2", ("2023-11", "2024-02")),
    ("2021年11月—2022年2月", ("2021-11", "2022-02")),
    ("2023年11月1日至2024年3月15日", ("2023-11", "2024-03")),
    ("2023年11月1日至今年3月15日", ("2023-11", "2024-03")),
    ("去年11月1日至今年3月15日", ("2023-11", "2024-03")),
    ("截至今年6月30日", ("2024-01", "2024-06")),
    ("一至三季度", ("2024-01", "2024-09")),
    ("今年二至三季度", ("2024-04", "2024-09")),
    ("前三季度", ("2024-01", "2024-09")),
    ("自2016年以来", ("2016-01", "2024-08")),
    ("“十三五”期间", ("2016-01", "2020-12")),
    ("近五年", ("2019-01", "2023-12")),
    ("过去三年", ("2021-01", "2023-12")),
    ("2020年3月9日", ("2020-03", "2020-03")),
    ("1月1日至7月27日", ("2024-01", "2024-07")),
    ("2017年至2020年", ("2017-01", "2020-12")),
    ("2018—2021年", ("2018-01", "2021-12")),
    ("全年", ("2024-01", "2024-12")),
    ("去年全年", ("2023-01", "2023-12")),
    ("前7月", ("2024-01", "2024-07")),
    ("5月份以来", ("2024-05", "2024-08")),
    ("确保年底前", ("2024-01", "2024-12")),
    ("到年底", ("2024-01", "2024-12")),
    ("至年底", ("2024-01", "2024-12")),
    ("力争年内", ("2024-01", "2024-12")),
])
def test_a_time_expression_resolves_to_its_period(text, period):
    [mention] = find_periods(text, P)
    assert (mention.period, mention.baseline) == (period, False)


def test_a_year_after_a_comparison_word_is_a_baseline():
    [mention] = find_periods("较2019年下降", P)
    assert mention.baseline


@pytest.mark.parametrize("text", ["三年内", "5年内", "2023年底前", "去年底"])
def test_within_years_or_a_named_year_s_end_is_no_end_of_this_year(text):
    assert all(m.period != ("2024-01", "2024-12") for m in find_periods(text, P))


@pytest.mark.parametrize("text", ["2019 2021年度报告编号", "3月份至", "第2020年"])
def test_no_span_of_years_is_read_out_of_numbers_that_are_not_one(text):
    assert all(m.period != ("2019-01", "2021-12") for m in find_periods(text, P))


def test_a_floating_whole_year_takes_the_first_year_of_a_season_across_the_year_end():
    from services.extract.periods import anchor
    mentions = anchor(find_periods("强化秋冬季治理，确保完成全年目标", P), None)
    assert [m.period for m in mentions] == [("2024-10", "2025-03"), ("2024-01", "2024-12")]


@pytest.mark.parametrize("text, period", [
    ("2023—2024年秋冬季", ("2023-10", "2024-03")),
    ("2022-2023年冬季", ("2022-12", "2023-02")),
    ("2023—2024年采暖季", ("2023-11", "2024-03")),
    ("“十四五”以来", ("2021-01", "2024-06")),
    ("“十三五”以来", ("2016-01", "2020-12")),  # a plan over before publication: the whole plan
    ("今冬明春", ("2024-10", "2025-03")),  # the autumn-winter season to come, or under way
    ("较上一秋冬季", ("2023-10", "2024-03")),
])
def test_winters_across_two_years_and_running_totals_from_a_plan_s_start(text, period):
    assert [p.period for p in find_periods(text, date(2024, 6, 18))] == [period]


def test_the_same_months_last_year_are_the_months_in_force_a_year_earlier():
    [mention] = anchor(find_periods("由去年同期的第9位", date(2024, 7, 5)), ("2024-01", "2024-06"))
    assert mention.period == ("2023-01", "2023-06")
    [alone] = anchor(find_periods("去年同期", date(2024, 7, 5)), None)
    assert alone.period == ("2023-01", "2023-12")  # nothing in force: last year
    [named] = anchor(find_periods("较2022年同期的", date(2024, 7, 5)), ("2024-01", "2024-06"))
    assert named.period == ("2022-01", "2022-06")  # the same months of the year named


@pytest.mark.parametrize("text", ["首要污染物为臭氧", "浓度为2024.5微克", "2024.13-2024.14", "编号2024.6-9.8",
                                  "为1996年以来最好水平", "创2015年有监测记录以来同期最低", "2009年以来首次",
                                  "回眸2023·我们的蓝天"])  # a bare year is a headline's, not a sentence's
def test_no_months_are_read_out_of_words_or_numbers_that_are_not_a_time(text):
    assert find_periods(text, P) == []


@pytest.mark.parametrize("title, period", [
    ("回眸2023·我们的蓝天", ("2023-01", "2023-12")),
    ("2022，这座城的绿色答卷", ("2022-01", "2022-12")),
    ("2023年度生态成绩单", ("2023-01", "2023-12")),
    ("全县新植苗木2023株", None),  # a count, not a year
    ("2026蓝天计划", None),  # a year to come is no time a report covers
    ("关于印发某方案的通知（冀环办〔2023〕15号）", None),  # a document's number
])
def test_a_headline_s_bare_year_is_a_year(title, period):
    assert next((m.period for m in title_periods(title, P)), None) == period


def test_a_running_total_after_a_cutoff_date_ends_where_the_cutoff_does():
    got = anchor(find_periods("截至3月31日，全市今年累计完成", P), None)
    assert [m.period for m in got] == [("2024-01", "2024-03"), ("2024-01", "2024-03")]
    [alone] = anchor(find_periods("全市今年累计完成", P), None)
    assert alone.period == ("2024-01", "2024-08")


@pytest.mark.parametrize(("text", "month"), [("昨天", "2024-10"), ("昨日", "2024-10"), ("前天", "2024-10"),
                                             ("今天", "2024-11"), ("今日", "2024-11")])
def test_a_day_named_from_the_day_of_publication_is_its_month(text, month):
    [mention] = find_periods(text + "，全市PM2.5日均浓度为35微克/立方米", date(2024, 11, 1))
    assert mention.period == (month, month)

