"""Each row is a rule of the spec, on a sentence written for this test."""

from datetime import UTC, datetime

import pytest

from services.common.schemas import RawArticle
from services.extract.pipeline import extract_item, read_item
from services.ingest.dedup import DedupIndex
from services.ingest.pipeline import clean_item
from tests.unit.extract.helpers import brief, facts_of, key

H1 = ("2024-01", "2024-06")


@pytest.mark.parametrize("title, body, expected", [
    pytest.param(
        "邯郸空气质量持续改善",
        "今年上半年，邯郸市PM2.5平均浓度为48微克/立方米，同比下降5.9%；优良天数比例为61.3%，"
        "同比上升3.2个百分点；重污染天数为4天。",
        {("air.pm25", "value", 48.0, "ug/m3", "邯郸市", H1),
         ("air.pm25", "change", -5.9, "%", "邯郸市", H1),
         ("air.good_days_ratio", "value", 61.3, "%", "邯郸市", H1),
         ("air.good_days_ratio", "change", 3.2, "pp", "邯郸市", H1),
         ("air.heavy_pollution_days", "value", 4.0, "days", "邯郸市", H1)},
        id="a period stated once covers the whole list; % vs 个百分点",
    ),
    pytest.param(
        "保定治污见成效",
        "1—5月，该市空气质量综合指数为5.12，在全国168个重点城市中排名第141位，较去年同期前移6个位次。",
        {("air.composite_index", "value", 5.12, "index", "保定市", ("2024-01", "2024-05")),
         ("air.composite_index", "rank", 141.0, "rank", "保定市", ("2024-01", "2024-05")),
         ("air.composite_index", "change", 6.0, "rank", "保定市", ("2024-01", "2024-05"))},
        id="rank with its ranking size; 该市 is the title's city",
    ),
    pytest.param(
        "沧州严查环境违法行为",
        "截至目前，全市共查处环境违法案件126起，罚没款1250万元，移送公安机关行政拘留案件9件。",
        {("enforcement.cases", "value", 126.0, "count", "沧州市", ("2024-01", "2024-07")),
         ("enforcement.fines", "value", 12500000.0, "CNY", "沧州市", ("2024-01", "2024-07")),
         ("enforcement.cases", "value", 9.0, "count", "沧州市", ("2024-01", "2024-07"))},
        id="running total to the month of publication; 万元",
    ),
    pytest.param(
        "唐山国土绿化提速",
        "今年春季，唐山市完成人工造林三千五百亩，森林覆盖率达到36.2%，新增湿地面积1.2万亩。",
        {("green.afforestation_area", "value", 3500.0, "mu", "唐山市", ("2024-03", "2024-05")),
         ("green.coverage_rate", "value", 36.2, "%", "唐山市", ("2024-03", "2024-05")),
         ("green.wetland_area", "value", 12000.0, "mu", "唐山市", ("2024-03", "2024-05"))},
        id="Chinese numerals; seasons; 万亩",
    ),
    pytest.param(
        "宁县国土绿化",
        "去年，宁县完成人工造林一万两千亩，森林覆盖率达到百分之四十五点六。",
        {("green.afforestation_area", "value", 12000.0, "mu", "宁县", ("2023-01", "2023-12")),
         ("green.coverage_rate", "value", 45.6, "%", "宁县", ("2023-01", "2023-12"))},
        id="a Chinese numeral with 万 inside it, as a TV script reads it",
    ),
    pytest.param(
        "邢台碧水保卫战",
        "2023年，全市12个国考断面水质优良比例达到91.7%，集中式饮用水水源地水质达标率保持100%。",
        {("water.monitored_sections", "value", 12.0, "count", "邢台市", ("2023-01", "2023-12")),
         ("water.good_section_ratio", "value", 91.7, "%", "邢台市", ("2023-01", "2023-12")),
         ("water.drinking_source_compliance_rate", "value", 100.0, "%", "邢台市", ("2023-01", "2023-12"))},
        id="water sections and rates",
    ),
    pytest.param(
        "广西水环境质量稳定",
        "2023年，全区湖库监测12个，其中Ⅰ～Ⅲ类水质湖库占比为91.7%。",
        {("water.monitored_sections", "value", 12.0, "count", "广西壮族自治区", ("2023-01", "2023-12")),
         ("water.good_section_ratio", "value", 91.7, "%", "广西壮族自治区", ("2023-01", "2023-12"))},
        id="lakes and reservoirs monitored count as sections; 全区 is the region's own place",
    ),
    pytest.param(
        "广西水环境质量稳定",
        "2023年，全区监测的8个湖库中，Ⅰ～Ⅲ类水质湖库占87.5%。",
        {("water.monitored_sections", "value", 8.0, "count", "广西壮族自治区", ("2023-01", "2023-12")),
         ("water.good_section_ratio", "value", 87.5, "%", "广西壮族自治区", ("2023-01", "2023-12"))},
        id="the share of lakes of class I to III, said with 占",
    ),
    pytest.param(
        "河南生态环境执法",
        "去年，全省下达处罚决定书3120份，罚没款2.86亿元。",
        {("enforcement.cases", "value", 3120.0, "count", "河南省", ("2023-01", "2023-12")),
         ("enforcement.fines", "value", 286_000_000.0, "CNY", "河南省", ("2023-01", "2023-12"))},
        id="penalty decisions are cases; 亿元",
    ),
    pytest.param(
        "十堰土壤环境安全",
        "今年1至8月，全市完成土壤污染状况调查地块38个，其中超标地块5个，丹江口水库水质总体为Ⅰ类。",
        {("soil.plots_surveyed", "value", 38.0, "count", "十堰市", ("2024-01", "2024-08")),
         ("soil.plots_exceeding", "value", 5.0, "count", "十堰市", ("2024-01", "2024-08")),
         ("water.quality_class", "value", 1.0, "index", "十堰市", ("2024-01", "2024-08"))},
        id="plots counted after their noun; a reservoir named like a city is the article's place's",
    ),
    pytest.param(
        "安徽推进减污降碳",
        "今年前三季度，全省压减燃煤消费量35万吨。全省累计投入生态环境保护资金48.6亿元。",
        {("energy.coal_saved", "value", 350000.0, "t", "安徽省", ("2024-01", "2024-09")),
         ("finance.eco_funding", "value", 4_860_000_000.0, "CNY", "安徽省", ("2024-01", "2024-09"))},
        id="coal consumption is not business talk: the funding that follows counts",
    ),
    pytest.param(
        "张家口空气质量",
        "2023年，张家口市环境空气质量综合指数为3.15，同比下降0.21；综合指数同比改善0.32。",
        {("air.composite_index", "value", 3.15, "index", "张家口市", ("2023-01", "2023-12")),
         ("air.composite_index", "change", -0.21, "index", "张家口市", ("2023-01", "2023-12")),
         ("air.composite_index", "change", -0.32, "index", "张家口市", ("2023-01", "2023-12"))},
        id="a change of the index has no unit either: its direction word makes it a change",
    ),
    pytest.param(
        "河北空气质量",
        "截至8月底，沧州市PM10平均浓度为72微克/立方米；臭氧浓度为176微克/立方米。",
        {("air.pm10", "value", 72.0, "ug/m3", "沧州市", ("2024-01", "2024-08")),
         ("air.o3", "value", 176.0, "ug/m3", "沧州市", ("2024-01", "2024-08"))},
        id="the subject after a dateline carries to the next clause",
    ),
    pytest.param(
        "廊坊推进大气治理",
        "力争到2025年，全市PM2.5浓度控制在38微克/立方米以下。",
        {("air.pm25", "target", 38.0, "ug/m3", "廊坊市", ("2025-01", "2025-12"))},
        id="a goal is a target with the goal year as period",
    ),
    pytest.param(
        "衡阳空气质量通报",
        "去年，衡阳市二氧化氮平均浓度为22微克/立方米，一氧化碳浓度为1.1毫克/立方米。",
        {("air.no2", "value", 22.0, "ug/m3", "衡阳市", ("2023-01", "2023-12")),
         ("air.co", "value", 1.1, "mg/m3", "衡阳市", ("2023-01", "2023-12"))},
        id="去年; CO in mg/m3",
    ),
    pytest.param(
        "上半年空气质量状况发布",
        "生态环境部7月召开例行新闻发布会通报，今年1—6月，全国339个地级及以上城市平均优良天数比例为84.2%；"
        "PM2.5平均浓度为33微克/立方米。南昌市PM2.5浓度为30微克/立方米。",
        {("air.good_days_ratio", "value", 84.2, "%", "全国", ("2024-01", "2024-06")),
         ("air.pm25", "value", 33.0, "ug/m3", "全国", ("2024-01", "2024-06")),
         ("air.pm25", "value", 30.0, "ug/m3", "南昌市", ("2024-01", "2024-06"))},
        id="a subject opening a later clause carries to the next sentence",
    ),
    pytest.param(
        "围场生态建设",
        "2023年，围场县森林面积12.6万hm²，湿地面积3200hm2。",
        {("green.forest_area", "value", 126000.0, "ha", "围场满族蒙古族自治县", ("2023-01", "2023-12")),
         ("green.wetland_area", "value", 3200.0, "ha", "围场满族蒙古族自治县", ("2023-01", "2023-12"))},
        id="hectares written as square hectometres",
    ),
])
def test_figures_become_facts(title, body, expected):
    got = {key(f) for f in facts_of(brief(title, body))}
    assert expected <= got
    assert not {k for k in got if k[0] in {e[0] for e in expected}} - expected


@pytest.mark.parametrize("body", [
    "上半年，全市完成工业增加值增长8.5%，税收收入12亿元，新增就业岗位3000个。",
    "今年以来，全市PM2.5浓度同比持平，未出现重污染天气，水环境质量有所改善。",
    "该市组织开展培训12场次，发放宣传资料5000余份。",
])
def test_no_environmental_figure_no_fact(body):
    assert facts_of(brief("某市工作动态", body)) == []


@pytest.mark.parametrize("layout, expected_regions", [
    pytest.param("山西省：\n1—9月，PM2.5浓度为39微克/立方米。\n9月，PM2.5浓度为25微克/立方米。\n"
                 "长治市：\n1—9月，PM2.5浓度为44微克/立方米。",
                 ["山西省", "山西省", "长治市"], id="a place before a colon, on its line, covers the lines under it"),
    pytest.param("汾渭平原11个城市：1—9月，PM2.5浓度为47微克/立方米。\n9月，PM2.5浓度为30微克/立方米。",
                 ["汾渭平原", "汾渭平原"], id="a heading run into its first line still covers the next"),
    pytest.param("（一）晋城市\n1—9月，PM2.5浓度为36微克/立方米。\n（二）水环境\n1—9月，PM2.5浓度为33微克/立方米。",
                 ["晋城市", "太原市"], id="a numbered heading without a place ends the section"),
    pytest.param("记者了解到：\n1—9月，PM2.5浓度为41微克/立方米。",
                 ["太原市"], id="a colon lead that names no place is no heading"),
])
def test_a_heading_names_the_place_of_the_section_under_it(layout, expected_regions):
    page = brief("太原市通报前三季度生态环境质量", f"市生态环境局日前通报了前三季度环境质量状况。\n{layout}")
    facts = facts_of(page, published="2024-10-15")
    assert [f.region for f in facts if f.indicator == "air.pm25"] == expected_regions


def test_a_list_pairs_each_keyword_with_its_figure():
    facts = facts_of(brief("石家庄大气治理", "1—6月，石家庄市PM2.5和PM10浓度分别同比下降8.2%和6.4%。"))
    got = {(f.indicator, f.value, f.basis) for f in facts}
    assert got == {("air.pm25", -8.2, "yoy"), ("air.pm10", -6.4, "yoy")}


def test_a_list_pairs_each_place_with_its_figure():
    facts = facts_of(brief("三市空气质量排名",
                           "上半年，PM2.5浓度较低的依次是张家口、承德和秦皇岛，分别为21、29和33微克/立方米。"))
    got = {(f.region, f.value) for f in facts if f.indicator == "air.pm25"}
    assert got == {("张家口市", 21.0), ("承德市", 29.0), ("秦皇岛市", 33.0)}


@pytest.mark.parametrize("written", ["30—40微克/立方米", "30微克/立方米—40微克/立方米", "30～40μg/m3"])
def test_a_range_reads_both_ends(written):
    [fact] = facts_of(brief("京津冀空气质量", f"去年京津冀PM2.5年均浓度为{written}。"))
    assert (fact.region, fact.value, fact.value_max) == ("京津冀", 30.0, 40.0)


def test_a_change_then_the_level_it_came_to_is_no_range():
    got = facts_of(brief("邢台空气", "2023年，邢台市PM2.5浓度同比下降1.2微克/立方米至43.8微克/立方米，"
                         "优良天数比例上升4.1个百分点至65.2%。"), published="2024-02-05")
    assert [(f.measure, f.value, f.value_max) for f in got] == [
        ("change", -1.2, None), ("value", 43.8, None), ("change", 4.1, None), ("value", 65.2, None)]


@pytest.mark.parametrize("phrase, qualifier", [
    ("约85.5%", "approx"), ("接近85.5%", "approx"), ("85.5%左右", "approx"),
    ("超过85.5%", "over"), ("85.5%以上", "over"), ("不足85.5%", "under"),
    ("85.5%以内", "under"), ("不超过85.5%", "under"), ("不低于85.5%", "over"), ("不少于85.5%", "over"),
    ("约为85.5%", "approx"), ("接近于85.5%", "approx"), ("达到85.5%及以上", "over"),
])
def test_qualifiers(phrase, qualifier):
    [fact] = facts_of(brief("某县空气质量", f"今年以来，正定县优良天数比例{phrase}。"))
    assert (fact.value, fact.qualifier, fact.region) == (85.5, qualifier, "正定县")


@pytest.mark.parametrize("vague", ["罚款数千万元", "查处案件几百起", "查处案件数十起"])
def test_some_thousands_or_hundreds_state_no_figure(vague):
    got = facts_of(brief("某县环境执法", f"今年以来，正定县{vague}，立案86件。"), published="2024-06-15")
    assert [(f.indicator, f.value) for f in got] == [("enforcement.cases", 86.0)]


def test_a_county_anaphor_in_a_city_s_feature_is_the_county_just_named():
    body = ("承德市林业部门介绍，全市今年春季完成造林40万亩。\n\n在围场满族蒙古族自治县，3万余名干部群众参与义务植树。"
            "据介绍，该县今年春季完成造林18.6万亩。该市还建立了全省首个横向生态补偿机制，累计获得补偿资金9亿元。")
    got = {(f.region, f.value) for f in facts_of(brief("承德林业", body), published="2023-09-20")}
    assert got == {("承德市", 400000.0), ("围场满族蒙古族自治县", 186000.0), ("承德市", 9e8)}  # 全省首个: a field


def test_a_district_anaphor_is_the_district_named_with_its_city_as_address():
    body = "5月，北京市朝阳区PM2.5浓度为31微克/立方米。该区优良天数为28天。"
    got = facts_of(brief("北京空气", body), published="2024-06-05")
    assert [(f.region, f.value) for f in got] == [("朝阳区", 31.0), ("朝阳区", 28.0)]


def test_counts_in_numerals_as_tv_scripts_write_them():
    body = "今年以来，正定县五个国考断面水质优良比例为100%，重污染天数为五天，在全市十一个县中排名第三。"
    got = {(f.indicator, f.measure, f.value, f.out_of) for f in facts_of(brief("某县", body), published="2024-06-15")}
    assert got == {("water.monitored_sections", "value", 5.0, None), ("water.good_section_ratio", "value", 100.0, None),
                   ("air.heavy_pollution_days", "value", 5.0, None), ("air.heavy_pollution_days", "rank", 3.0, 11)}


@pytest.mark.parametrize("heavy, good", [("十天", "十二天"), ("两天", "九天")])  # one digit right after 天数 too
def test_a_count_in_numerals_after_a_word_ending_in_shu_is_a_figure(heavy, good):
    got = facts_of(brief("某县空气", f"2月，正定县重污染天数{heavy}，优良天数{good}。"), published="2024-03-15")
    values = {"十天": 10.0, "十二天": 12.0, "两天": 2.0, "九天": 9.0}
    assert [(f.indicator, f.value) for f in got] == [("air.heavy_pollution_days", values[heavy]),
                                                     ("air.good_days", values[good])]


def test_a_qualifier_before_a_list_qualifies_every_item():
    body = "1—5月，邯郸市、保定市PM2.5浓度分别约为48、50微克/立方米。"
    got = facts_of(brief("某省空气", body), published="2024-06-05")
    assert [(f.region, f.value, f.qualifier) for f in got] == [("邯郸市", 48.0, "approx"), ("保定市", 50.0, "approx")]


def test_a_level_printed_as_a_change_of_level_gives_two_levels_and_no_change():
    facts = facts_of(brief("邢台PM2.5浓度下降", "我市PM2.5年均浓度由2015年的77微克/立方米下降到去年的41微克/立方米。"),
                     published="2024-03-01")
    got = {(f.measure, f.value, f.period.start if f.period else None) for f in facts}
    assert got == {("value", 77.0, "2015-01"), ("value", 41.0, "2023-01")}


@pytest.mark.parametrize("written, value, flag", [
    ("26.0克每立方米", 26.0, "unit_corrected:g/m3"),
    ("26毫克/立方米", 26.0, "unit_corrected:mg/m3"),  # no average of fine particles reaches 1 mg/m3
    ("0.026毫克/立方米", 26.0, "unit_converted:mg/m3"),  # as older reports print it
])
def test_an_impossible_unit_is_corrected_and_flagged(written, value, flag):
    [fact] = facts_of(brief("某市空气质量", f"去年，承德市PM2.5平均浓度为{written}。"))
    assert (fact.value, fact.unit) == (value, "ug/m3")
    assert fact.flags == [flag]


def test_emission_cuts_name_their_pollutant_and_keep_their_sign():
    facts = facts_of(brief("某县推进超低排放", "该项目投运后，正定县每年可减少二氧化硫排放120吨、氮氧化物排放85.5吨。"))
    got = {(f.indicator, f.pollutant, f.value, f.unit) for f in facts}
    assert got == {("emissions.reduction", "so2", 120.0, "t"), ("emissions.reduction", "nox", 85.5, "t")}


def test_particulate_matter_and_dust_are_the_spec_s_two_pollutant_codes():
    body = "去年，正定县削减颗粒物排放46吨、烟尘12吨、扬尘30吨、粉尘8吨。"
    got = [(f.pollutant, f.value) for f in facts_of(brief("某县减排", body))]
    assert got == [("pm", 46.0), ("dust", 12.0), ("dust", 30.0), ("dust", 8.0)]


def test_money_counts_only_when_it_is_for_the_environment():
    env = facts_of(brief("某市治污投入", "今年，邯郸市投入大气污染防治专项资金3.2亿元。"))
    assert [(f.indicator, f.value) for f in env] == [("finance.eco_funding", 320000000.0)]
    business = facts_of(brief("某市招商引资", "今年，邯郸市签约招商引资项目12个，总投资56亿元。"))
    assert business == []


def test_a_figure_repeated_in_the_article_is_one_fact_with_a_stable_id():
    body = "上半年，邯郸市PM2.5平均浓度为48微克/立方米。\n据统计，上半年，邯郸市PM2.5平均浓度为48微克/立方米。"
    first = facts_of(brief("邯郸空气", body))
    again = facts_of(brief("邯郸空气", body))
    assert len(first) == 1
    assert [f.fact_id for f in first] == [f.fact_id for f in again]


def test_traditional_script_gives_the_same_facts_as_simplified():
    simplified = brief("邯郸空气质量持续改善", "今年上半年，邯郸市PM2.5平均浓度为48微克/立方米，同比下降5.9%。")
    traditional = brief("邯鄲空氣質量持續改善", "今年上半年，邯鄲市PM2.5平均濃度為48微克/立方米，同比下降5.9%。")
    assert [key(f) for f in facts_of(simplified)] == [key(f) for f in facts_of(traditional)]


def test_a_named_place_beats_the_articles_own_place():
    body = "2023年，州府西昌市PM2.5平均浓度为19微克/立方米。全州森林覆盖率达到49.5%。"
    facts = facts_of(brief("凉山生态环境持续向好", body))
    got = {(f.indicator, f.region, f.region_code) for f in facts}
    assert got == {("air.pm25", "西昌市", "513401"), ("green.coverage_rate", "凉山彝族自治州", "513400")}


def test_text_and_span_point_into_the_article():
    text = brief("邯郸空气质量", "今年上半年，邯郸市PM2.5平均浓度为48微克/立方米。")
    [fact] = facts_of(text)
    assert fact.text == "48微克/立方米"
    assert fact.evidence.endswith("48微克/立方米。")


@pytest.mark.parametrize("body, expected", [
    pytest.param("2023年，全国339个地级及以上城市平均优良天数比例为85.5%。",
                 ("air.good_days_ratio", "value", 85.5, "%", "全国", ("2023-01", "2023-12")),
                 id="全国 N 个城市的平均 is the nation"),
    pytest.param("2023年，邯郸市优良天数比例为68.2%，高于全省平均水平1.5个百分点。",
                 ("air.good_days_ratio", "change", 1.5, "pp", "邯郸市", ("2023-01", "2023-12")),
                 id="a comparison scope is not the subject"),
    pytest.param("今年前三季度，邯郸市PM2.5平均浓度为41微克/立方米。",
                 ("air.pm25", "value", 41.0, "ug/m3", "邯郸市", ("2024-01", "2024-09")),
                 id="前三季度 is January to September"),
    pytest.param("去年，邯郸市PM2.5平均浓度降幅排名全省第一。",
                 ("air.pm25", "rank", 1.0, "rank", "邯郸市", ("2023-01", "2023-12")),
                 id="a rank in Chinese numerals"),
    pytest.param("上半年，邯郸市地表水国考断面水质优良（Ⅰ—Ⅲ类）比例为85.7%。",
                 ("water.good_section_ratio", "value", 85.7, "%", "邯郸市", ("2024-01", "2024-06")),
                 id="a class range in parentheses inside the keyword"),
    pytest.param("去年，邯郸市节约标准煤5.6万吨。",
                 ("energy.coal_saved", "value", 56000.0, "t", "邯郸市", ("2023-01", "2023-12")),
                 id="标准煤"),
    pytest.param("去年，邯郸市优良天数为245天，同比增加12天。",
                 ("air.good_days", "change", 12.0, "days", "邯郸市", ("2023-01", "2023-12")),
                 id="a change in days"),
    pytest.param("去年，邯郸市优良天数为245天，比上年多出来12天。",
                 ("air.good_days", "change", 12.0, "days", "邯郸市", ("2023-01", "2023-12")),
                 id="多出来, as a broadcast script says it"),
    pytest.param("去年，邯郸市PM10平均浓度为82微克/立方米，剔除沙尘影响后为76微克/立方米。",
                 ("air.pm10", "value", 76.0, "ug/m3", "邯郸市", ("2023-01", "2023-12")),
                 id="a level recounted without sand and dust is a level too"),
])
def test_more_phrasings(body, expected):
    got = {key(f) for f in facts_of(brief("邯郸生态环境", body))}
    assert expected in got


def test_a_standard_in_parentheses_is_not_a_figure_of_the_place():
    facts = facts_of(brief("邯郸空气", "去年，邯郸市PM2.5平均浓度为30微克/立方米，达到国家二级标准（35微克/立方米）。"))
    assert [(f.indicator, f.value) for f in facts] == [("air.pm25", 30.0)]


@pytest.mark.parametrize("body", [
    "上半年，正定、无极和赞皇等3县重污染天数均为2天。",
    "上半年，石家庄市所辖正定、无极和赞皇等3县，重污染天数均为2天。",  # the count closes a clause
])
def test_one_figure_shared_by_a_list_of_places_gives_one_fact_each(body):
    facts = facts_of(brief("三县空气质量", body))
    got = {(f.region, f.value) for f in facts if f.indicator == "air.heavy_pollution_days"}
    assert got == {("正定县", 2.0), ("无极县", 2.0), ("赞皇县", 2.0)}


def test_places_tied_for_a_rank_each_hold_it():
    facts = facts_of(brief("某省8月空气质量排名", "8月份，按综合指数排名，正定县、无极县并列第三，赞皇县排名第五。"),
                     published="2024-09-05")
    got = {(f.region, f.value) for f in facts if f.measure == "rank"}
    assert got == {("正定县", 3.0), ("无极县", 3.0), ("赞皇县", 5.0)}


@pytest.mark.parametrize("ranked", ["与石家庄市并列全省第9", "在全省排名第9，与石家庄市并列"])
def test_the_place_tied_with_holds_the_rank_too(ranked):
    facts = facts_of(brief("某省空气质量排名", f"1—5月，邢台市PM2.5浓度为45微克/立方米，{ranked}。"),
                     published="2024-06-10")
    assert {(f.region, f.value) for f in facts if f.measure == "rank"} == {("邢台市", 9.0), ("石家庄市", 9.0)}


def test_a_traditional_reprint_with_spam_and_glosses_reads_like_the_original():
    page = ("【開封：藍天保衛戰成效明顯】\n2024-03-05 10:21:33 來源：某某網\n"
            "記者從開封市生態環境局獲悉，2023年，開封市環(huán)境空氣質量綜合指數為4.52，"
            "PM2.5平均濃度為44微克/立方米，同比下降4.3%。\n"
            "澳門葡京娛樂城，註冊送58元彩金，百家樂真人視訊\n責任編輯：張某\n")
    facts = facts_of(page, published="2024-03-05")
    assert {key(f) for f in facts} == {
        ("air.composite_index", "value", 4.52, "index", "开封市", ("2023-01", "2023-12")),
        ("air.pm25", "value", 44.0, "ug/m3", "开封市", ("2023-01", "2023-12")),
        ("air.pm25", "change", -4.3, "%", "开封市", ("2023-01", "2023-12")),
    }


def test_the_byline_names_the_place_when_nothing_else_does():
    facts = facts_of("全省执法保持高压态势\n\n湖南日报记者 王某\n\n今年以来，全省共查处环境违法案件1260起。")
    assert [(f.region, f.region_code, f.value) for f in facts] == [("湖南省", "430000", 1260.0)]


@pytest.mark.parametrize("body, expected", [
    pytest.param("2023年，全市地表水国考断面中，水质达到或好于Ⅲ类的断面比例为85.7%。",
                 {("water.good_section_ratio", "value", 85.7, "%", "邯郸市", ("2023-01", "2023-12"))},
                 id="达到或好于Ⅲ类的断面比例"),
    pytest.param("森林覆盖率由2015年的30.5%提高到2023年的35.2%。",
                 {("green.coverage_rate", "value", 30.5, "%", "邯郸市", ("2015-01", "2015-12")),
                  ("green.coverage_rate", "value", 35.2, "%", "邯郸市", ("2023-01", "2023-12"))},
                 id="a year already past is not a goal"),
])
def test_bulletin_phrasings(body, expected):
    got = {key(f) for f in facts_of(brief("邯郸生态环境", body))}
    assert expected <= got


def test_a_list_of_pollutants_pairs_with_its_figures():
    facts = facts_of(brief("邯郸减排", "2023年，全市化学需氧量、氨氮排放量分别比2020年下降10.2%和9.8%。"))
    got = {(f.indicator, f.pollutant, f.value, f.unit) for f in facts}
    assert got == {("emissions.reduction", "cod", 10.2, "%"), ("emissions.reduction", "nh3n", 9.8, "%")}


def test_the_greening_rate_of_roads_or_farmland_belts_is_not_coverage():
    body = "2023年，邯郸市新建道路绿化率达100%，农田林网绿化率达到95%，森林覆盖率为31.2%。"
    facts = facts_of(brief("邯郸生态环境", body))
    assert [(f.indicator, f.value, f.region) for f in facts] == [("green.coverage_rate", 31.2, "邯郸市")]


@pytest.mark.parametrize("sentence, places", [
    ("各地要确保定期开展监测。", []),  # 保定 inside 确保定期
    ("农田林网建设加快推进。", []),  # 田林 inside 农田林网
    ("在怀来召开现场会，河北怀来、张家口等地参加。", ["怀来县", "河北省", "怀来县", "张家口市"]),
])
def test_a_short_place_name_must_start_a_word(sentence, places):
    from services.extract.regions import find_mentions, resolve
    assert [resolve(m.text, None).name for m in find_mentions(sentence)] == places


def test_subscripts_and_superscripts_read_like_plain_digits():
    facts = facts_of(brief("邯郸空气", "去年，邯郸市PM₂.₅平均浓度为41μg/m³，O₃浓度为166μg/m³。"))
    assert {(f.indicator, f.value, f.unit) for f in facts} == {("air.pm25", 41.0, "ug/m3"), ("air.o3", 166.0, "ug/m3")}


def test_a_running_total_since_a_year_runs_to_the_month_of_publication():
    [fact] = facts_of(brief("邯郸执法", "2023年以来，邯郸市共查处环境违法案件860起。"), published="2024-07-15")
    assert (fact.period.start, fact.period.end) == ("2023-01", "2024-07")


def test_enforcement_figures_of_an_environment_article_count_even_in_a_paragraph_without_keywords():
    text = ("河南省2024年生态环境执法工作综述\n\n2024年，全省地表水国考断面水质持续改善。\n"
            "全省共下达处罚决定书3120份，罚没款2.86亿元。")
    got = {(f.indicator, f.value, f.region) for f in facts_of(text, published="2025-02-10")}
    assert {("enforcement.cases", 3120.0, "河南省"), ("enforcement.fines", 286_000_000.0, "河南省")} <= got


def test_enforcement_figures_of_another_regulator_are_not_environmental():
    text = "郑州市交通运输执法工作综述\n\n2024年，郑州市共查处违法案件3120起，罚款2860万元。"
    assert [f for f in facts_of(text, published="2025-02-10") if f.indicator.startswith("enforcement.")] == []


def test_the_largest_drop_named_for_a_place_is_a_change_of_the_paragraph_s_indicator():
    body = ("今年1—6月，全省PM2.5平均浓度为39微克/立方米，同比下降6.1%。其中，降幅最大的是南阳市，为14.2%；"
            "升幅最大的是濮阳市，为3.5%。")
    got = {(f.indicator, f.measure, f.value, f.region, f.basis) for f in facts_of(brief("河南大气治理", body))}
    assert {("air.pm25", "change", -14.2, "南阳市", "yoy"), ("air.pm25", "change", 3.5, "濮阳市", "yoy")} <= got


def test_a_largest_drop_without_an_indicator_before_it_is_no_fact():
    body = "今年以来，各地降幅最大的是南阳市，为14.2%。"
    assert facts_of(brief("河南大气治理", body)) == []


def test_an_article_that_names_no_place_belongs_to_its_feed_s_place():
    when = datetime(2024, 7, 15, tzinfo=UTC)
    raw = RawArticle(id="feed-1", source="邯郸日报", published_at=when,
                     text="我市空气质量持续改善\n\n上半年，全市PM2.5平均浓度为48微克/立方米。")
    _, item = clean_item(raw, DedupIndex())
    assert [(f.region, f.value) for f in extract_item(item)] == [("邯郸市", 48.0)]
    nameless = RawArticle(id="feed-2", source="news-site", published_at=when, text=raw.text)
    assert extract_item(clean_item(nameless, DedupIndex())[1]) == []


def test_a_clause_ranking_an_improvement_is_not_a_rank_of_the_indicator_before_it():
    body = "2024年，太原市蓝天天数达到251天，比上年增加18天，改善幅度位居汾渭平原第一。"
    got = {(f.indicator, f.measure) for f in facts_of(brief("太原蓝天", body), published="2025-01-15")}
    assert got == {("air.good_days", "value"), ("air.good_days", "change")}


@pytest.mark.parametrize("clause", ["降幅居全市第一", "降幅全市第一", "下降幅度位列全市第一"])
def test_a_clause_ranking_the_fall_just_stated_ranks_that_indicator(clause):
    body = f"今年以来，番禺区PM2.5平均浓度同比下降了12.2%，{clause}。"
    got = {(f.indicator, f.measure, f.value) for f in facts_of(brief("番禺空气", body), published="2024-12-20")}
    assert got == {("air.pm25", "change", -12.2), ("air.pm25", "rank", 1.0)}


@pytest.mark.parametrize("body", [
    "截至2024年6月30日，全市累计优良天数为118天。",
    "供暖季（2023年11月1日至2024年3月15日），全市PM2.5平均浓度为62微克/立方米。",
])
def test_a_span_of_time_ending_in_this_year_is_not_a_goal_s_year(body):
    got = facts_of(brief("咸阳市空气质量", body), published="2024-07-03")
    assert got and {f.measure for f in got} == {"value"}


@pytest.mark.parametrize("body, published, measure", [
    ("“十四五”期间，咸阳市PM2.5浓度下降10%。", "2024-03-10", "target"),  # a span still running into a later year
    ("“十四五”期间，咸阳市PM2.5浓度下降10%。", "2026-03-10", "change"),  # the span over: what it came to
    ("2025年，咸阳市森林覆盖率达到36%。", "2024-12-20", "target"),
])
def test_a_figure_of_a_year_still_to_come_is_a_goal(body, published, measure):
    [fact] = facts_of(brief("咸阳市生态环境", body), published=published)
    assert fact.measure == measure


def test_what_was_done_beside_the_plan_is_a_value_not_a_target():
    body = "今年全市计划完成营造林20万亩，目前已完成15.3万亩。"
    got = {(f.measure, f.value) for f in facts_of(brief("晋城国土绿化", body), published="2024-11-05")}
    assert got == {("target", 200_000.0), ("value", 153_000.0)}


@pytest.mark.parametrize("body, measure", [
    ("去年，全市争取中央和省级生态环境资金3.6亿元，实施治理项目42个。", "value"),
    ("2024年共争取上级专项债券资金12.5亿元，用于污水管网建设。", "value"),
    ("争取到2026年，全市PM2.5浓度降至35微克/立方米。", "target"),
])
def test_funds_secured_are_a_value_and_only_a_goal_is_a_target(body, measure):
    """争取 obtains funds ("争取中央资金3.6亿元", done) as well as naming a goal ("争取到2026年…")."""
    facts = facts_of(brief("宜春生态环境保护工作", body), published="2025-02-10")
    assert facts and {f.measure for f in facts if f.unit in ("CNY", "ug/m3")} == {measure}


def test_a_sea_area_is_no_place():
    facts = facts_of(brief("防城港海洋环境", "2024年上半年，近岸海域优良水质面积比例为96.2%，"
                                              "全市国考断面水质优良比例为95.1%。"))
    assert {f.region for f in facts} == {"防城港市"}


def _facts_of_page(title: str, lead: str, published: str = "2024-10-15"):
    return {key(f) for f in facts_of(brief(title, lead), published=published)}


def test_a_story_naming_no_place_is_of_the_place_in_its_page_s_masthead():
    raw = RawArticle(id="m1", source="feed", published_at=datetime(2024, 3, 8, tzinfo=UTC), text=(
        "太原日报 2024年3月8日 第2版\n\n我市PM2.5浓度连续下降\n\n"
        "本报讯 2023年，我市PM2.5年均浓度为39微克/立方米，较2022年下降4.9%。"))
    _, item = clean_item(raw, DedupIndex())
    assert item.masthead == "太原日报2024年3月8日 第2版"
    assert {(f.region, f.value) for f in extract_item(item)} == {("太原市", 39.0), ("太原市", -4.9)}


def test_a_paragraph_cut_after_a_semicolon_goes_on_in_its_time():
    got = _facts_of_page("阳泉空气质量", "上半年，阳泉市PM2.5浓度为43微克/立方米，同比改善8.5%；\n"
                         "综合指数4.67，同比改善7.0%。", published="2024-07-20")
    assert {k[5] for k in got} == {("2024-01", "2024-06")} and len(got) == 4


def test_a_floating_whole_year_is_the_year_in_force_not_the_year_of_publication():
    got = _facts_of_page("某市生态建设回顾", "去年，廊坊市完成营造林8.5万亩；全年投入生态环境资金2.4亿元。",
                         published="2025-01-20")
    assert ("finance.eco_funding", "value", 2.4e8, "CNY", "廊坊市", ("2024-01", "2024-12")) in got


def test_a_lead_in_line_gives_its_time_to_the_lines_under_it():
    got = _facts_of_page("某省执法通报", "记者从省生态环境厅获悉。\n今年1—9月，各地办案情况如下：\n"
                         "承德市：\n办理环境违法案件146件。\n张家口市：\n办理环境违法案件121件。")
    assert {k for k in got if k[0] == "enforcement.cases"} == {
        ("enforcement.cases", "value", 146.0, "count", "承德市", ("2024-01", "2024-09")),
        ("enforcement.cases", "value", 121.0, "count", "张家口市", ("2024-01", "2024-09"))}


def test_a_paragraph_opening_with_qizhong_goes_on_in_the_previous_one_s_time_and_place():
    got = _facts_of_page("执法动态", "今年1—6月，衡水市共办理环境违法案件210件。这是记者7月3日从市生态环境局获悉的。\n"
                         "其中，查封扣押案件38件。")
    assert ("enforcement.cases", "value", 38.0, "count", "衡水市", ("2024-01", "2024-06")) in got


@pytest.mark.parametrize("body, change", [
    ("今年1—6月，邢台市立案查处环境违法案件312起、同比增长21.4%。", ("enforcement.cases", 21.4)),
    ("今年1—6月，邢台市罚没款2150万元，较去年同期下降8.5%。", ("enforcement.fines", -8.5)),
    ("今年1—6月，邢台市发生重污染12天次，同比减少40%。", ("air.heavy_pollution_days", -40.0)),
])
def test_a_change_right_after_a_count_or_amount_is_that_figure_s_change(body, change):
    got = _facts_of_page("邢台环境执法与空气质量", body, published="2024-07-15")
    indicator, value = change
    assert (indicator, "change", value, "%", "邢台市", ("2024-01", "2024-06")) in got


def test_a_share_after_a_count_of_something_else_is_no_change_of_it():
    got = _facts_of_page("邢台环境执法", "今年1—6月，邢台市立案查处环境违法案件312起，全市工业增加值增长6.1%。",
                         published="2024-07-15")
    assert not {k for k in got if k[1] == "change"}


def test_a_percentage_change_of_a_kind_of_case_is_a_change_of_cases():
    got = _facts_of_page("全国环境执法", "与去年同期相比，1—5月全国查封扣押案件上升37%。", published="2024-06-20")
    assert ("enforcement.cases", "change", 37.0, "%", "全国", ("2024-01", "2024-05")) in got


def test_a_title_that_names_only_a_region_group_makes_it_the_article_s_place_unless_the_text_says_wo_shi():
    national = _facts_of_page("前三季度全国空气质量持续改善", "1—9月，PM2.5平均浓度为28微克/立方米。")
    assert {k[4] for k in national} == {"全国"}
    local = facts_of("京津冀协同治霾见成效\n\n津南日报讯 天津市生态环境局介绍，"
                     "今年1—9月，我市PM2.5平均浓度为36微克/立方米。", published="2024-10-15")
    assert {f.region for f in local} == {"天津市"}


def test_two_changes_paired_back_to_a_count_and_an_amount():
    got = _facts_of_page("某省执法通报", "今年1—9月，河北省共办理环境违法案件1200件，罚没款9500万元，与去年同期相比，"
                         "两项指标分别增长12%、18%。")
    assert {k[:4] for k in got if k[1] == "change"} == {("enforcement.cases", "change", 12.0, "%"),
                                                       ("enforcement.fines", "change", 18.0, "%")}


def test_a_report_s_paragraph_that_states_no_time_goes_on_in_the_time_the_report_stated():
    got = _facts_of_page("汾渭平原秋冬季空气质量状况通报",
                         "2023年10月—2024年3月，汾渭平原PM2.5平均浓度为55微克/立方米。\n"
                         "运城市PM2.5平均浓度为63微克/立方米。\n到2025年，力争PM2.5浓度降至45微克/立方米。")
    assert ("air.pm25", "value", 63.0, "ug/m3", "运城市", ("2023-10", "2024-03")) in got
    assert ("air.pm25", "target", 45.0, "ug/m3", "汾渭平原", ("2025-01", "2025-12")) in got


def test_a_feature_s_paragraph_that_states_no_time_has_none():
    got = _facts_of_page("运城绿色转型之路", "2023年，运城市PM2.5平均浓度为48微克/立方米。\n"
                         "此外，该市建成湿地公园后，湿地面积达到1.2万亩。\n"
                         "项目建成后，预计全年可节约标准煤3.6万吨。", published="2024-05-10")
    assert ("green.wetland_area", "value", 12000.0, "mu", "运城市", None) in got
    assert ("energy.coal_saved", "value", 36000.0, "t", "运城市", None) in got


def test_a_page_a_sentence_to_a_paragraph_goes_on_in_the_time_stated_before():
    got = _facts_of_page("沧州市生态环境持续向好", "今年1—9月，沧州市PM2.5平均浓度为41微克/立方米。\n"
                         "优良天数比例为72.3%，同比提高4.1个百分点。\n全市重污染天数为6天。\n"
                         "下一步，该市将新建监测站点12个。\n项目投运后，预计每年可减少二氧化碳排放2万吨。")
    nine_months = ("2024-01", "2024-09")
    assert ("air.good_days_ratio", "change", 4.1, "pp", "沧州市", nine_months) in got
    assert ("air.heavy_pollution_days", "value", 6.0, "days", "沧州市", nine_months) in got
    assert ("emissions.reduction", "value", 20000.0, "t", "沧州市", None) in got  # what a project will give


def test_a_page_a_sentence_to_a_paragraph_starts_afresh_under_the_next_story_s_headline():
    got = _facts_of_page("衡水日报", "今年1—9月，衡水市完成造林3.2万亩，投入绿化资金1.1亿元。\n"
                         "【水环境】\n全市12个国控断面水质优良比例为100%。\n"
                         "景县推进背街小巷改造\n全县计划改造背街小巷46条，总投资1.8亿元。", published="2024-10-20")
    assert ("green.afforestation_area", "value", 32000.0, "mu", "衡水市", ("2024-01", "2024-09")) in got
    assert not any(k[0] == "finance.eco_funding" and k[2] == 1.8e8 for k in got)  # no carried environment
    assert ("water.good_section_ratio", "value", 100.0, "%", "衡水市", ("2024-01", "2024-09")) in got  # a section


def test_a_feature_s_subhead_ends_the_run_of_a_page_a_sentence_to_a_paragraph():
    got = _facts_of_page("承德生态", "今年1—8月，承德市PM2.5平均浓度为24微克/立方米。\n让林海更绿\n"
                         "近年来，全市累计完成营造林1200万亩。\n在围场满族蒙古族自治县，干部群众参与义务植树。\n"
                         "据介绍，该县今年春季完成造林18.6万亩。", published="2023-09-20")
    assert ("green.afforestation_area", "value", 1.2e7, "mu", "承德市", None) in got  # no time carried past it
    assert ("green.afforestation_area", "value", 186000.0, "mu", "围场满族蒙古族自治县", ("2023-03", "2023-05")) in got


def test_the_investment_of_deals_signed_is_business_not_eco_funding():
    got = _facts_of_page("某区双碳产业园签约", "日前，滨海新区双碳产业园集中签约新能源项目30个，总投资达256亿元，"
                         "预计年可减少二氧化碳排放120万吨。", published="2024-06-11")
    assert [k[0] for k in got] == ["emissions.reduction"]
    compensation = _facts_of_page("生态补偿", "2023年，河北省与北京市签订生态补偿协议，补偿资金3亿元。",
                                  published="2024-03-15")
    assert [(k[0], k[2]) for k in compensation] == [("finance.eco_funding", 3e8)]


def test_a_feature_s_paragraphs_of_several_sentences_keep_their_own_time():
    got = _facts_of_page("沧州市生态环境持续向好", "今年1—9月，沧州市PM2.5平均浓度为41微克/立方米。"
                         "优良天数比例为72.3%。\n全市重污染天数为6天。截至目前，全市完成造林3.2万亩。\n"
                         "该市森林覆盖率达到35.2%。")
    assert ("air.heavy_pollution_days", "value", 6.0, "days", "沧州市", None) in got
    assert ("green.coverage_rate", "value", 35.2, "%", "沧州市", None) in got


def test_a_gloss_inside_a_term_does_not_hide_the_figure_and_its_span_is_the_text_as_written():
    facts = facts_of(brief("周口市水环境质量稳中向好", "2024年，全市9个国考断面中，水质优良（达到或优于Ⅲ类）断面8个，"
                                                 "占88.9%，较2023年提高11.1个百分点。"), published="2025-02-20")
    got = {key(f) for f in facts}
    assert ("water.good_section_ratio", "value", 88.9, "%", "周口市", ("2024-01", "2024-12")) in got
    assert ("water.good_section_ratio", "change", 11.1, "pp", "周口市", ("2024-01", "2024-12")) in got
    assert all(f.text in f.evidence and f.evidence.count("（达到或优于Ⅲ类）") == 1 for f in facts)
    ratio = next(f for f in facts if f.value == 88.9)
    assert ratio.text == "88.9%"


def test_figures_no_place_can_be_given_are_reported_not_lost_unseen():
    when = datetime(2024, 6, 15, tzinfo=UTC)
    raw = RawArticle(id="p", source="wire", published_at=when,
                     text="空气质量持续改善\n\n1—5月，PM2.5平均浓度为36微克/立方米，同比下降10%。")
    _, item = clean_item(raw, DedupIndex())
    reading = read_item(item, when)
    assert reading.facts == [] and reading.unplaced == ["air.pm25", "air.pm25"]
    assert extract_item(item, when) == []


@pytest.mark.parametrize(("body", "expected"), [
    ("36微克/立方米，这是今年1—5月保定市PM2.5平均浓度，同比下降12.2%。",
     ("air.pm25", "value", 36.0, "ug/m3", "保定市", ("2024-01", "2024-05"))),
    ("321天，这一数字是2023年邢台市空气质量优良天数。",
     ("air.good_days", "value", 321.0, "days", "邢台市", ("2023-01", "2023-12"))),
])
def test_a_figure_first_then_what_it_is_of(body, expected):
    assert expected in _facts_of_page("我市空气质量创同期最优", body, published="2024-06-12")


def test_a_penalty_decision_s_fine_in_capital_numerals():
    facts = facts_of("沧州市生态环境局行政处罚决定书\n\n沧环罚〔2024〕56号\n\n当事人：某某化工有限公司\n\n"
                     "经查，你公司未按规定运行污染防治设施，我局决定对你公司处以罚款人民币壹拾贰万伍仟元整。")
    assert [(f.indicator, f.value, f.region) for f in facts] == [("enforcement.fines", 125000.0, "沧州市")]


def test_a_key_region_outside_the_spec_s_list_keeps_its_figure_from_the_region_named_before():
    got = _facts_of_page("1—10月全国环境空气质量状况", "1—10月，汾渭平原PM2.5平均浓度为40微克/立方米；"
                         "成渝地区为33微克/立方米；长江经济带优良天数比例为88.1%。", published="2024-11-20")
    assert {(k[0], k[2], k[4]) for k in got} == {("air.pm25", 40.0, "汾渭平原"), ("air.pm25", 33.0, "成渝地区"),
                                                 ("air.good_days_ratio", 88.1, "长江经济带")}


@pytest.mark.parametrize(("body", "expected"), [
    pytest.param("10月，信都区、襄都区、经济开发区PM2.5浓度分别为40、42、38微克/立方米。",
                 {("信都区", 40.0), ("襄都区", 42.0)}, id="an item the gazetteer does not know gives no fact"),
    pytest.param("10月，任泽区、南和区和高新区优良天数分别为20天、22天、25天。",
                 {("任泽区", 20.0), ("南和区", 22.0)}, id="和 inside a name is no separator"),
    pytest.param("10月，正定县、无极县PM2.5浓度分别为40、42、38微克/立方米。", set(),
                 id="items not one per figure: none is the last place's"),
    pytest.param("10月，设区市及县级城市饮用水水源地水质达标率分别为100%和98.6%。",
                 {("邢台市", 100.0), ("邢台市", 98.6)}, id="kinds of place are no list of places"),
    pytest.param("10月，各县（市、区）PM2.5浓度分别为：信都区42、经济开发区38、襄都区40微克/立方米。",
                 {("信都区", 42.0), ("襄都区", 40.0)}, id="places each with its number"),
    pytest.param("10月，全市综合指数为3.86，在全市11个县区中排名第二。",
                 {("邢台市", 3.86), ("邢台市", 2.0)}, id="words before a place are no place"),
])
def test_a_list_of_places_with_one_the_gazetteer_does_not_know_pairs_by_item(body, expected):
    got = _facts_of_page("邢台市10月环境质量", body, published="2024-11-20")
    assert {(k[4], k[2]) for k in got} == expected


@pytest.mark.parametrize("subject", ["我市", "本市", "衡水市"])
def test_the_article_s_own_place_before_its_ranking_verb_ranks_itself(subject):
    got = _facts_of_page("7月空气质量排名出炉", f"7月份，全省13个设区市综合指数排名中，{subject}位列第三，"
                         "综合指数为3.21。\n来源：衡水日报", published="2024-08-12")
    assert {(k[1], k[2], k[4]) for k in got} == {("rank", 3.0, "衡水市"), ("value", 3.21, "衡水市")}


def test_lines_of_data_under_a_headline_are_the_body_with_signed_changes_and_a_bracketed_rank():
    page = ("数据来了！7月全市空气质量\n✅优良天数：27天（同比+3天）\n✅PM2.5：22μg/m³（同比-15.4%）\n"
            "✅PM10：45μg/m³（同比−5.2%）\n✅综合指数：3.05（全省第2）\n来源：邯郸生态环境")
    got = {key(f)[:5] for f in facts_of(page, published="2024-08-12")}
    assert got == {(indicator, measure, value, unit, "邯郸市") for indicator, measure, value, unit in [
        ("air.good_days", "value", 27.0, "days"), ("air.good_days", "change", 3.0, "days"),
        ("air.pm25", "value", 22.0, "ug/m3"), ("air.pm25", "change", -15.4, "%"),
        ("air.pm10", "value", 45.0, "ug/m3"), ("air.pm10", "change", -5.2, "%"),
        ("air.composite_index", "value", 3.05, "index"), ("air.composite_index", "rank", 2.0, "rank")]}


@pytest.mark.parametrize(("title", "body", "published", "expected"), [
    pytest.param("某市节能减排", "2023年，保定市完成节能量12万吨标准煤；全市消耗标准煤2300万吨。节约能源3.2万吨标煤。",
                 "2024-03-10", {("energy.coal_saved", 120000.0), ("energy.coal_saved", 32000.0)},
                 id="energy saved in tons of standard coal is coal saved, coal used is not"),
    pytest.param("某省土壤污染防治", "“十四五”以来，河北省累计完成412个地块土壤污染状况调查，其中63个地块"
                 "被确定为超标地块，12个地块为未超标地块。", "2024-12-16",
                 {("soil.plots_surveyed", 412.0), ("soil.plots_exceeding", 63.0)},
                 id="plots found to exceed are counted however the finding is said"),
    pytest.param("石家庄市空气质量预报", "预计11月21日至23日，石家庄市将出现一次污染过程，"
                 "PM2.5浓度在75—115微克/立方米之间。据预报，明天全市PM2.5浓度为50微克/立方米。"
                 "1—10月，全市PM2.5平均浓度为41微克/立方米，较预测值下降5%。", "2024-11-20",
                 {("air.pm25", 41.0), ("air.pm25", -5.0)},
                 id="a forecast is no level, a change against the forecast is a change"),
    pytest.param("某化工项目环境影响评价公示", "项目位于沧州市渤海新区，总投资5000万元，其中环保投资120万元。"
                 "沧州市污水处理厂项目总投资3亿元，其中中央资金1亿元。", "2024-11-20",
                 {("finance.eco_funding", 1200000.0), ("finance.eco_funding", 300000000.0),
                  ("finance.eco_funding", 100000000.0)},
                 id="a project's whole investment is no eco funding when its environmental part is stated"),
    pytest.param("保定市5月行政处罚信息", "5月，保定市生态环境部门共作出行政处罚决定38份，罚款金额共计286.4万元。",
                 "2024-06-20", {("enforcement.cases", 38.0), ("enforcement.fines", 2864000.0)},
                 id="penalty decisions are cases without the word for the document"),
    pytest.param("保定市5月行政处罚信息", "5月，保定市生态环境部门共下达行政处罚决定书38份，罚款金额共计286.4万元。",
                 "2024-06-20", {("enforcement.cases", 38.0), ("enforcement.fines", 2864000.0)},
                 id="penalty decisions are cases with the word for the document"),
    pytest.param("邢台市2023年度生态环境状况", "2023年，邢台市优良天数268天，占全年的73.4%。"
                 "Ⅰ—Ⅲ类断面10个，占总数的83.3%。", "2024-03-15",
                 {("air.good_days", 268.0), ("air.good_days_ratio", 73.4), ("water.good_sections", 10.0),
                  ("water.good_section_ratio", 83.3)},
                 id="a share of the whole after a count is its ratio"),
    pytest.param("某市空气质量", "前三季度，邢台市优良天数达到190天，达标率为69.3%。"
                 "全市Ⅰ—Ⅲ类断面10个，达标率为83.3%。", "2024-10-15",
                 {("air.good_days", 190.0), ("air.good_days_ratio", 69.3), ("water.good_sections", 10.0),
                  ("water.section_compliance_rate", 83.3)},
                 id="达标率 after good days is their share, after sections their compliance"),
    pytest.param("某市环境统计年报", "2023年，全市二氧化硫排放量0.52万吨，较上年减少4.6%；氮氧化物排放总量1.3万吨，"
                 "同比下降0.1万吨；烟尘排放量0.2万吨，同比增长3%。\n马鞍山市生态环境局", "2024-03-20",
                 {("emissions.reduction", 4.6), ("emissions.reduction", 1000.0)},
                 id="the total emitted then how much it fell is a cut; a total that grew is none"),
    pytest.param("某市水质月报", "8月，全市国考断面水质优Ⅲ比例为93.8%，省考断面优Ⅲ类比例为90.5%。\n淮安市生态环境局",
                 "2024-09-20", {("water.good_section_ratio", 93.8), ("water.good_section_ratio", 90.5)},
                 id="优Ⅲ比例 is the share of good sections"),
    pytest.param("", "上半年，内丘县共计处罚违法企业42家，罚款共计215万元，关停取缔“散乱污”企业130余家。",
                 "2024-07-05", {("enforcement.cases", 42.0), ("enforcement.fines", 2150000.0)},
                 id="enterprises penalized are cases; 散乱污 says the environment"),
])
def test_the_indicators_and_values_a_page_states(title, body, published, expected):
    assert {(k[0], k[2]) for k in _facts_of_page(title, body, published=published)} == expected


def test_a_headline_saying_when_a_plan_is_due_does_not_make_a_feature_a_report():
    got = _facts_of_page("某县年内完成燃煤锅炉改造", "今年3月，某县启动改造工程，保定市已改造锅炉12台。\n"
                         "改造完成后，预计可减少二氧化硫排放45吨。", published="2024-05-10")
    assert ("emissions.reduction", "value", 45.0, "t", "保定市", None) in got


def test_a_goal_due_by_the_year_s_end_is_this_year_s_goal():
    got = _facts_of_page("某市水质月报", "5月份，宜宾市国考断面优良比例为80%。\n"
                         "下一步，确保年底前该市国考断面优良比例达到90%以上。", published="2024-06-20")
    assert ("water.good_section_ratio", "target", 90.0, "%", "宜宾市", ("2024-01", "2024-12")) in got


def test_a_goal_for_this_year_covers_the_whole_year_not_the_months_so_far():
    got = _facts_of_page("某市政府工作报告", "今年目标：承德市PM2.5浓度控制在28微克/立方米以内。",
                         published="2024-02-20")
    assert ("air.pm25", "target", 28.0, "ug/m3", "承德市", ("2024-01", "2024-12")) in got


def test_a_bracketed_level_after_a_change_is_the_same_change_in_absolute_terms():
    got = _facts_of_page("某省2月空气质量通报",
                         "2月，河南省PM2.5平均浓度为52微克/立方米，同比下降10.3%（6微克/立方米）。",
                         published="2024-03-10")
    changes = {k[2:4] for k in got if k[0] == "air.pm25" and k[1] == "change"}
    assert changes == {(-10.3, "%"), (-6.0, "ug/m3")}
    assert not {k for k in got if k[1] == "value" and k[2] == 6.0}


def test_a_clause_after_a_semicolon_speaks_of_the_indicator_before_it():
    got = _facts_of_page("某省空气质量排名通报", "1—3月，各市中PM2.5平均浓度最低的是张家口，为21微克/立方米；"
                         "最高的是邢台，为61微克/立方米。", published="2024-04-12")
    assert ("air.pm25", "value", 61.0, "ug/m3", "邢台市", ("2024-01", "2024-03")) in got


def test_a_change_after_an_amount_of_funds_is_the_funds_change():
    got = _facts_of_page("某省生态环境资金下达", "2024年，中央下达河北省生态环境资金48.2亿元、同比增长9.6%。",
                         published="2024-12-20")
    assert ("finance.eco_funding", "change", 9.6, "%", "河北省", ("2024-01", "2024-12")) in got


def test_a_price_per_unit_is_no_fact():
    got = _facts_of_page("湿地公园建设", "2023年，怀安县投入生态修复资金2.1亿元；按每亩每年900元流转土地。",
                         published="2024-03-10")
    assert {k[2] for k in got if k[0] == "finance.eco_funding"} == {2.1e8}


def test_water_sections_of_good_quality_counted_before_their_number_and_their_share_after_it():
    got = _facts_of_page("湖南省8月地表水水质状况通报", "8月，全省96个地表水监测断面中，Ⅰ~Ⅲ类水质断面84个，占87.5%；"
                         "Ⅳ类断面9个，占9.4%。", published="2024-09-12")
    water = {k[:3] for k in got if k[0].startswith("water.")}
    assert water == {("water.monitored_sections", "value", 96.0), ("water.good_sections", "value", 84.0),
                     ("water.good_section_ratio", "value", 87.5)}


def test_a_rate_keyword_right_after_a_count_is_not_that_count_s():
    got = _facts_of_page("湘潭市水环境质量状况", "2024年，全市纳入考核的15个地表水断面水质达标率为86.7%。",
                         published="2025-02-10")
    assert {k[:3] for k in got} == {("water.monitored_sections", "value", 15.0),
                                    ("water.section_compliance_rate", "value", 86.7)}


def test_the_good_ratio_of_sections_across_a_comma():
    got = _facts_of_page("株洲市水环境质量状况", "2024年，全市国家考核断面共11个，水质优良比例为90.9%。",
                         published="2025-02-10")
    assert ("water.good_section_ratio", "value", 90.9) in {k[:3] for k in got}


def test_places_listed_with_short_names_and_their_kind_each_get_the_figure():
    got = _facts_of_page("湖南省2024年生态环境状况公报", "2024年，湘西州、张家界市优良天数比例均为98.9%。",
                         published="2025-01-20")
    assert {k[4] for k in got if k[0] == "air.good_days_ratio"} == {"湘西土家族苗族自治州", "张家界市"}


def test_a_clause_about_another_measure_does_not_inherit_the_indicator_before_its_semicolon():
    got = _facts_of_page("聊城市政府工作报告", "2024年主要预期目标是：优良天数比例达到68%以上；"
                         "单位地区生产总值能耗下降3%左右。", published="2024-02-01")
    assert {k[:3] for k in got} == {("air.good_days_ratio", "target", 68.0)}


def test_figures_under_this_year_s_work_plan_are_targets_for_the_year():
    got = _facts_of_page("聊城市政府工作报告", "今年重点做好以下工作：完成造林2.5万亩，削减氨氮排放45吨。",
                         published="2024-02-01")
    assert {k[:3] + (k[5],) for k in got} == {("green.afforestation_area", "target", 25000.0, ("2024-01", "2024-12")),
                                              ("emissions.reduction", "target", 45.0, ("2024-01", "2024-12"))}


def test_sewage_works_are_environmental_and_a_class_reached_is_a_class():
    got = _facts_of_page("故城县推进农村生活污水治理", "今年以来，故城县投入资金8600万元，"
                         "全县2个国考断面水质均达到Ⅲ类标准，Ⅰ至Ⅲ类断面比例为100%。", published="2024-05-08")
    assert ("finance.eco_funding", "value", 8.6e7, "CNY", "故城县", ("2024-01", "2024-05")) in got
    assert {k[2] for k in got if k[0] == "water.quality_class"} == {3.0}


def test_chinese_numerals_with_a_decimal_and_counts_with_a_position_word():
    got = _facts_of_page("乌审旗生态环境质量通报", "2023年，乌审旗优良天数比例达到百分之九十一点七，"
                         "全旗查处环境违法案件一十九起，一起移送公安机关。", published="2024-03-12")
    assert {k[:4] for k in got} == {("air.good_days_ratio", "value", 91.7, "%"),
                                    ("enforcement.cases", "value", 19.0, "count")}


def test_a_list_of_places_closed_by_its_count_shares_the_figure():
    got = _facts_of_page("前三季度全省空气质量通报", "前三季度，大同、朔州、忻州三市PM2.5浓度均低于30微克/立方米；"
                         "太原、晋中两市PM2.5浓度仍高于40微克/立方米。", published="2024-10-09")
    assert {(k[4], k[2]) for k in got if k[0] == "air.pm25"} == {
        ("大同市", 30.0), ("朔州市", 30.0), ("忻州市", 30.0), ("太原市", 40.0), ("晋中市", 40.0)}


@pytest.mark.parametrize("body, change", [
    ("1—6月，唐山市优良天数比例同比改善2.3个百分点。", ("air.good_days_ratio", 2.3, "pp")),
    ("1—6月，唐山市优良天数比例同比恶化1.5个百分点。", ("air.good_days_ratio", -1.5, "pp")),
    ("1—6月，唐山市PM2.5浓度同比改善8.1%。", ("air.pm25", -8.1, "%")),
    ("1—6月，唐山市综合指数同比恶化2.1%。", ("air.composite_index", 2.1, "%")),
])
def test_better_and_worse_are_signed_by_what_better_means_for_the_indicator(body, change):
    got = _facts_of_page("唐山空气质量通报", body, published="2024-07-10")
    assert {(k[0], k[2], k[3]) for k in got if k[1] == "change"} == {change}


def test_the_largest_improvement_of_an_indicator_named_in_the_same_sentence():
    got = _facts_of_page("生态环境部通报1—8月全国环境空气质量", "1—8月，168个重点城市中，PM2.5浓度同比改善幅度最大的是"
                         "丽江市，为18.6%。", published="2024-09-20")
    assert ("air.pm25", "change", -18.6, "%", "丽江市", ("2024-01", "2024-08")) in got


def test_a_water_source_s_compliance_is_the_drinking_water_rate():
    got = _facts_of_page("上半年水环境质量", "上半年，保定市城市集中式饮用水水源地水质达标率为100%，"
                         "县级水源地水质达标率为98.5%。", published="2024-07-18")
    assert {(k[0], k[2]) for k in got} == {("water.drinking_source_compliance_rate", 100.0),
                                           ("water.drinking_source_compliance_rate", 98.5)}


@pytest.mark.parametrize("comparison, basis", [("较2023年", "yoy"), ("较2015年", "baseline"), ("同比", "yoy"),
                                              ("较基准年", "baseline")])
def test_a_comparison_with_the_year_before_is_yoy_even_when_the_year_is_named(comparison, basis):
    got = facts_of(brief("忻州市2024年空气质量", f"2024年，忻州市PM2.5年均浓度为31微克/立方米，{comparison}下降6.1%。"),
                   published="2025-01-10")
    assert {f.basis for f in got if f.measure == "change"} == {basis}


def test_a_rank_moved_by_places_written_with_wei_is_a_rank_change():
    got = _facts_of_page("忻州市2024年空气质量", "2024年，忻州市综合指数在全省11个设区市中排名第4，较上年前移3位。",
                         published="2025-01-10")
    assert ("air.composite_index", "change", 3.0, "rank", "忻州市", ("2024-01", "2024-12")) in got


def test_a_standard_s_limit_written_without_brackets_is_no_fact():
    got = _facts_of_page("某省空气质量", "2023年，河南省PM2.5平均浓度为46微克/立方米，"
                         "仍高于国家二级标准限值35微克/立方米。", published="2024-01-15")
    assert {k[2] for k in got if k[0] == "air.pm25"} == {46.0}


@pytest.mark.parametrize("sentence, change", [
    ("2023年，河南省优良天数比例为66.8%，超额完成国家下达目标2.3个百分点。", (2.3, "pp", "target")),
    ("2023年，河南省优良天数比例为66.8%，高于国家下达目标2.3个百分点。", (2.3, "pp", "target")),
    ("2023年，河南省PM2.5平均浓度为41微克/立方米，低于省定目标4微克/立方米。", (-4.0, "ug/m3", "target")),
])
def test_exceeding_a_target_by_some_points_is_a_change_against_the_target(sentence, change):
    got = facts_of(brief("河南省空气质量", sentence), published="2024-01-15")
    assert {(f.value, f.unit, f.basis) for f in got if f.measure == "change"} == {change}


def test_a_ranking_scope_named_by_the_2_plus_26_alias_is_not_the_subject():
    got = _facts_of_page("沧州一季度空气质量", "今年一季度，沧州市PM2.5平均浓度为55微克/立方米，"
                         "在京津冀及周边地区“2+26”城市中排名第9。", published="2024-04-10")
    assert {k[4] for k in got if k[1] == "rank"} == {"沧州市"}


def test_the_largest_worsening_is_a_rise_of_a_concentration():
    body = "5月份，PM2.5浓度改善幅度最大的是台州市，为18.2%；恶化幅度最大的是金华市，为9.4%。"
    got = facts_of(brief("全省空气质量", body), published="2024-06-10")
    assert {(f.region, f.value) for f in got if f.measure == "change"} == {("台州市", -18.2), ("金华市", 9.4)}


def test_a_rank_shared_by_the_two_indicators_just_listed_is_each_one_s():
    body = "1—9月，安康市PM10、PM2.5浓度分别为45、25微克/立方米，两项指标均位列全省第一。"
    got = facts_of(brief("安康空气质量", body), published="2024-10-20")
    assert {(f.indicator, f.value) for f in got if f.measure == "rank"} == {("air.pm10", 1.0), ("air.pm25", 1.0)}


def test_a_field_a_place_holds_a_rank_in_is_not_the_subject():
    got = facts_of(brief("赣州空气质量", "1—9月，赣州市PM2.5浓度在全省11个设区市中位居第6。"), published="2024-10-10")
    assert {(f.region, f.value, f.out_of) for f in got if f.measure == "rank"} == {("赣州市", 6.0, 11)}


def test_places_paired_with_a_list_far_from_its_keyword():
    body = ("1—3月，全省PM2.5平均浓度为41微克/立方米，与去年同期相比下降2.4%，其中运城、临汾、晋城三市"
            "分别为49、46、44微克/立方米。")
    got = facts_of(brief("山西省空气质量", body), published="2024-04-10")
    assert {(f.region, f.value) for f in got if f.measure == "value"} == {
        ("山西省", 41.0), ("运城市", 49.0), ("临汾市", 46.0), ("晋城市", 44.0)}


@pytest.mark.parametrize("sentence", [
    "2023年，某县PM2.5浓度为38微克每立方米，比2019年的51微克每立方米下降了25.5%。",
    "2023年，某县细颗粒物（PM2.5）、可吸入颗粒物（PM10）浓度分别为38、66微克/立方米，分别下降25.5%和9.6%。",
])
def test_spellings_of_units_and_names_read_like_the_short_ones(sentence):
    got = facts_of(brief("泾县空气质量", sentence.replace("某县", "泾县")), published="2024-02-10")
    assert {(f.indicator, f.measure) for f in got} >= {("air.pm25", "value"), ("air.pm25", "change")}
    assert all(f.unit in ("ug/m3", "%") for f in got)


def test_places_sharing_a_figure_far_from_their_names_each_get_it():
    got = facts_of(brief("焦作空气", "7月，武陟县、温县细颗粒物（PM2.5）平均浓度最低，均为18微克/立方米。"),
                   published="2024-08-10")
    assert {f.region for f in got} == {"武陟县", "温县"}


def test_a_count_said_to_fall_or_rise_is_a_change_and_a_rate_of_it_after_is_its_change_in_per_cent():
    body = "1—5月，廊坊市优良天数为110天，同比增加12天，增幅12.2%；立案查处环境违法案件56起，同比减少8起，降幅为12.5%。"
    got = {(f.indicator, f.measure, f.value, f.unit) for f in facts_of(brief("廊坊空气", body), published="2024-06-15")}
    assert got == {("air.good_days", "value", 110.0, "days"), ("air.good_days", "change", 12.0, "days"),
                   ("air.good_days", "change", 12.2, "%"), ("enforcement.cases", "value", 56.0, "count"),
                   ("enforcement.cases", "change", -8.0, "count"), ("enforcement.cases", "change", -12.5, "%")}


def test_places_listed_above_or_below_one_threshold_each_get_it():
    got = facts_of(brief("某省空气", "2023年，全省优良天数比例为70.2%，其中，承德、张家口超过85%，邢台、邯郸不足65%。"),
                   published="2024-02-05")
    assert {(f.region, f.value, f.qualifier) for f in got} == {
        ("河北省", 70.2, "exact"), ("承德市", 85.0, "over"), ("张家口市", 85.0, "over"), ("邢台市", 65.0, "under"),
        ("邯郸市", 65.0, "under")}


def test_a_bare_good_rate_in_a_paragraph_about_the_air_is_the_air_s():
    got = facts_of(brief("通辽", "3月，全市优良率同比上升8.2个百分点，达到83.9%；PM2.5浓度同比下降11.4%。"),
                   published="2024-04-10")
    assert ("air.good_days_ratio", 83.9) in {(f.indicator, f.value) for f in got}


@pytest.mark.parametrize("sentence, change", [
    ("2023年，泾县优良天数比例为88.1%，与上年相比提高2.3个百分点。", (2.3, "pp", "yoy")),
    ("2023年，泾县国考断面中Ⅰ～Ⅲ类断面5个，占83.3%，同比提升16.6个百分点。", (16.6, "pp", "yoy")),
])
def test_more_ways_of_saying_a_change_against_last_year(sentence, change):
    got = facts_of(brief("泾县生态环境", sentence), published="2024-02-10")
    assert {(f.value, f.unit, f.basis) for f in got if f.measure == "change"} == {change}


def test_a_rank_written_with_pai_alone():
    got = facts_of(brief("泾县空气质量", "1—4月，泾县PM2.5浓度为31微克/立方米，在全市7个县（市、区）中排第2。"),
                   published="2024-05-10")
    assert {(f.value, f.out_of) for f in got if f.measure == "rank"} == {(2.0, 7)}


@pytest.mark.parametrize("word", ["平均浓度", "年均浓度", "浓度均值"])
def test_an_average_over_a_province_s_cities_whatever_the_word_for_it(word):
    got = facts_of(brief("浙江空气质量", f"1—3月，全省11个设区市PM2.5{word}为29微克/立方米。"), published="2024-04-10")
    assert {(f.region, f.value) for f in got} == {("浙江省", 29.0)}


def test_a_plan_for_this_year_said_with_its_running_total():
    got = facts_of(brief("泸州国土绿化", "据悉，泸州市今年将累计完成营造林1.5万亩。"), published="2024-08-10")
    assert {(f.measure, f.value) for f in got} == {("target", 15000.0)}


@pytest.mark.parametrize("rise", ["和上升", "、升高", "、回升"])
def test_a_paired_list_whose_items_say_their_own_direction(rise):
    body = (f"上半年，鹤壁市PM2.5、PM10、O3浓度分别为45、80、170微克/立方米，同比分别下降6.2%、4.8%{rise}2.4%；"
            "优良天数、重污染天数分别为101天、4天，同比分别增加9天、减少3天。")
    got = facts_of(brief("鹤壁空气质量", body), published="2024-07-10")
    assert {(f.indicator, f.value) for f in got if f.measure == "change"} == {
        ("air.pm25", -6.2), ("air.pm10", -4.8), ("air.o3", 2.4), ("air.good_days", 9.0),
        ("air.heavy_pollution_days", -3.0)}


def test_levels_left_behind_are_of_the_time_the_paragraph_left_them():
    body = ("十年来，全市PM2.5年均浓度从2014年的88微克/立方米降至2023年的40微克/立方米，降幅达54.5%；"
            "优良天数从150天增加到250天。")
    got = facts_of(brief("邢台市六五环境日", body), published="2024-05-31")
    assert {(f.measure, f.value, f.period.start, f.basis) for f in got} == {
        ("value", 88.0, "2014-01", None), ("value", 40.0, "2023-01", None), ("change", -54.5, "2023-01", "baseline"),
        ("value", 150.0, "2014-01", None), ("value", 250.0, "2023-01", None)}


@pytest.mark.parametrize("title, period", [("全年查处环境违法案件超千起", ("2023-01", "2023-12")),
                                           ("今年查处环境违法案件超千起", ("2024-01", "2024-02"))])
def test_a_headline_s_whole_year_is_the_year_its_body_speaks_of(title, period):
    got = facts_of(brief(title, "2023年，衡水市共查处环境违法案件1036起，处罚金额4820万元。"), published="2024-02-02")
    assert {(f.value, (f.period.start, f.period.end)) for f in got if "headline" in f.flags} == {(1000.0, period)}


def test_points_without_ge_and_heavy_pollution_days_without_ji_yi_shang():
    body = "2023年，泾县优良天数比例为88.1%，同比上升2.3百分点；重度污染天数为2天。"
    got = facts_of(brief("泾县空气质量", body), published="2024-02-10")
    assert {(f.indicator, f.measure, f.value, f.unit) for f in got} == {
        ("air.good_days_ratio", "value", 88.1, "%"), ("air.good_days_ratio", "change", 2.3, "pp"),
        ("air.heavy_pollution_days", "value", 2.0, "days")}


def test_penalty_cases_named_as_cases_of_a_kind():
    got = facts_of(brief("广东环境执法", "9月份，广东省共办理环境行政处罚案612宗，罚没金额4568.3万元。"),
                   published="2024-10-10")
    assert {(f.indicator, f.value) for f in got} == {("enforcement.cases", 612.0), ("enforcement.fines", 45_683_000.0)}


def test_a_named_city_before_its_ranking_verb_ranks_itself():
    got = facts_of(brief("全省空气质量排名", "在全国168个重点城市中，泉州市综合指数排名第12位，莆田市排名第30位。"),
                   published="2024-02-10")
    assert {(f.region, f.value, f.out_of) for f in got if f.measure == "rank"} == {
        ("泉州市", 12.0, 168), ("莆田市", 30.0, 168)}


def test_a_ranking_scope_counted_without_ge_is_its_size_not_the_subject():
    got = facts_of(brief("枣庄空气质量", "1—9月，全市空气质量综合指数在全省16市中排名第7位，较去年同期前进2个位次。"),
                   published="2024-10-10")
    assert {(f.region, f.value, f.out_of) for f in got if f.measure == "rank"} == {("枣庄市", 7.0, 16)}


def test_a_vegetation_cover_after_a_forest_coverage_is_not_a_forest_coverage():
    got = _facts_of_page("张家口生态建设", "今年以来，张家口市森林覆盖率达到50.5%，草原综合植被盖度达到73%。",
                         published="2024-08-22")
    assert {k[2] for k in got if k[0] == "green.coverage_rate"} == {50.5}


def test_a_district_under_its_former_county_or_city_name_is_that_district():
    got = facts_of(brief("环境执法", "今年以来，鹿泉市环保局立案查处环境违法行为17起，肥乡县查处9起。"),
                   published="2024-08-01")
    assert {(k[2], k[4]) for k in map(key, got)} == {(17.0, "鹿泉区"), (9.0, "肥乡区")}


def test_a_qualified_fall_is_still_a_fall():
    got = facts_of(brief("成都空气质量", "上半年，成都、德阳2市PM2.5浓度同比降幅均超过8%。"),
                   published="2024-07-20")
    assert {(f.region, f.value, f.qualifier) for f in got} == {("成都市", -8.0, "over"), ("德阳市", -8.0, "over")}


def test_a_province_s_own_sections_are_not_a_ranking_scope():
    got = _facts_of_page("某省水环境", "1—6月，全省河南省167个国考断面中，水质优良断面139个。", published="2024-07-20")
    assert {k[4] for k in got} == {"河南省"}


def test_sea_water_shares_are_not_in_the_vocabulary():
    got = facts_of(brief("福建生态环境", "2023年，福建省近岸海域水质优良比例为88.1%，主要流域优良水质比例为97.9%。"),
                   published="2024-03-01")
    assert [f.value for f in got] == [97.9]


def test_a_figure_in_brackets_after_the_word_target_is_the_target():
    got = facts_of(brief("赣州空气质量", "今年以来，赣州市PM2.5平均浓度为29微克/立方米，"
                         "优于年度目标（32微克/立方米）。"), published="2024-10-08")
    assert {(f.measure, f.value) for f in got} == {("value", 29.0), ("target", 32.0)}


def test_a_concentration_read_out_on_air_with_the_volume_first():
    got = facts_of(brief("泸州空气质量", "今年1到5月，泸州市PM2.5浓度是每立方米三十四微克。"), published="2024-06-03")
    assert [(f.value, f.unit, f.text) for f in got] == [(34.0, "ug/m3", "每立方米三十四微克")]


def test_a_member_named_in_brackets_is_not_the_subject():
    got = facts_of(brief("湖南空气质量", "9月，全省14个城市（含湘西州）PM2.5平均浓度为27微克/立方米。"),
                   published="2024-10-09")
    assert {f.region for f in got} == {"湖南省"}


@pytest.mark.parametrize("body, each", [
    ("8月，岳阳市、常德市优良天数比例为100%。", True),
    ("8月，岳阳市、常德市PM2.5浓度最低，均为16微克/立方米。", True),
    ("8月，岳阳市、常德市平均PM2.5浓度为16微克/立方米。", False),
])
def test_one_figure_after_a_list_of_places_is_each_place_s_unless_it_is_their_average(body, each):
    got = facts_of(brief("湖南空气质量", body), published="2024-09-09")
    assert ({"岳阳市", "常德市"} <= {f.region for f in got}) is each


def test_an_untitled_bulletin_carries_its_month_into_later_paragraphs():
    got = _facts_of_page("", "据通报，5月份，贵州省PM2.5平均浓度为19微克/立方米。\n\n"
                         "各市中，遵义市PM2.5浓度为21微克/立方米。", published="2024-06-12")
    assert {(k[4], k[5]) for k in got} == {("贵州省", ("2024-05", "2024-05")), ("遵义市", ("2024-05", "2024-05"))}


@pytest.mark.parametrize("body, indicator", [
    ("9月，丽水市AQI优良率为99.2%。", "air.good_days_ratio"),
    ("9月，丽水市城区优良率为99.2%。", "air.good_days_ratio"),
    ("9月，丽水市水质优良率为99.2%。", "water.good_section_ratio"),
    ("9月，丽水市省控断面Ⅲ类以上水质比例为99.2%。", "water.good_section_ratio"),
])
def test_bare_good_rates_are_the_air_s_and_class_iii_or_better_is_good_water(body, indicator):
    assert [f.indicator for f in facts_of(brief("丽水生态环境", body), published="2024-10-10")] == [indicator]


def test_cutting_loose_coal_is_coal_saved_and_cutting_a_pollutant_an_emission_cut():
    got = facts_of(brief("晋中清洁取暖", "今年以来，晋中市削减散煤使用量5万吨，削减二氧化硫排放量300吨。"),
                   published="2024-09-01")
    assert [(f.indicator, f.value) for f in got] == [("energy.coal_saved", 50000.0), ("emissions.reduction", 300.0)]


@pytest.mark.parametrize("body, value, qualifier", [
    ("1—5月，淮安市优良天数为121天，较去年同期多7天。", 7.0, "exact"),
    ("1—5月，淮安市重污染天数为2天，比上年同期少3天。", -3.0, "exact"),
])
def test_more_and_fewer_days_than_a_year_before_are_changes(body, value, qualifier):
    got = facts_of(brief("淮安空气质量", body), published="2024-06-05")
    assert [(f.value, f.basis) for f in got if f.measure == "change"] == [(value, "yoy")]


def test_at_least_and_at_most_qualify_a_figure():
    got = facts_of(brief("淮安生态目标", "今年，淮安市优良天数比例目标为至少80%，重污染天数最多3天。"),
                   published="2024-03-05")
    assert {(f.value, f.qualifier) for f in got} == {(80.0, "over"), (3.0, "under")}


def test_a_report_s_title_states_the_time_of_its_paragraphs():
    got = facts_of("鹤岗市2023年度生态环境状况公报\n\n全市环境空气质量优良天数比例为93.4%。", published="2024-05-10")
    assert [(f.region, (f.period.start, f.period.end)) for f in got] == [("鹤岗市", ("2023-01", "2023-12"))]


def test_a_source_line_names_the_article_s_place():
    got = facts_of("今年以来，全市PM2.5平均浓度为31微克/立方米。\n（来源：绍兴日报）", published="2024-05-10")
    assert [f.region for f in got] == ["绍兴市"]


def test_places_listed_each_with_its_bracketed_figure_all_get_the_indicator():
    got = facts_of(brief("江西空气质量", "8月，PM2.5浓度较低的城市为：赣州市（11微克/立方米）、"
                         "吉安市（13微克/立方米）、抚州市（14微克/立方米）。"), published="2024-09-06")
    assert {(f.region, f.value) for f in got} == {("赣州市", 11.0), ("吉安市", 13.0), ("抚州市", 14.0)}


def test_a_change_in_points_after_a_share_and_a_relative_change_after_an_amount_s_change():
    got = _facts_of_page("某省水环境", "6月，湖南省优良断面128个，占92.1%，同比上升1.4个百分点。",
                         published="2024-07-10")
    assert ("water.good_section_ratio", "change", 1.4, "pp", "湖南省", ("2024-06", "2024-06")) in got
    got = _facts_of_page("某省生态投入", "2024年，湖南省生态环境专项资金增加3.1亿元，同比增长12.5%。",
                         published="2025-01-10")
    assert ("finance.eco_funding", "change", 12.5, "%", "湖南省", ("2024-01", "2024-12")) in got


@pytest.mark.parametrize("body, indicator", [
    ("5月，鹰潭市城市集中式饮用水水源地水质全部达标，达标率为100%。", "water.drinking_source_compliance_rate"),
    ("5月，鹰潭市4个河流断面水质全部达到考核要求，达标率为100%。", "water.section_compliance_rate"),
])
def test_a_rate_named_again_after_the_clause_that_says_what_it_is_of(body, indicator):
    got = facts_of(brief("鹰潭水环境", body), published="2024-06-10")
    assert [f.indicator for f in got if f.unit == "%"] == [indicator]


def test_river_sections_counted_are_monitored_sections():
    got = facts_of(brief("鹰潭水环境", "5月，鹰潭市4个河流断面水质全部达标。"), published="2024-06-10")
    assert [(f.indicator, f.value) for f in got] == [("water.monitored_sections", 4.0)]


def test_the_largest_fall_in_a_paragraph_after_the_figures_is_of_the_air_figure_spoken_of():
    got = facts_of(brief("江西省1—5月空气质量状况", "1—5月，江西省PM2.5平均浓度为30微克/立方米。\n\n"
                         "从改善幅度看，11个设区市中吉安降幅最大，同比下降15.2%。"), published="2024-06-10")
    assert ("air.pm25", "change", -15.2, "%", "吉安市", ("2024-01", "2024-05")) in {key(f) for f in got}


def test_business_words_in_another_clause_do_not_make_eco_funding_business():
    got = facts_of(brief("某省林业", "去年，福建省投入林业生态建设资金52亿元，林业产业总产值达到7000亿元。"),
                   published="2024-02-10")
    assert [(f.indicator, f.value) for f in got] == [("finance.eco_funding", 5.2e9)]
    got = facts_of(brief("某省林业", "去年，福建省林业招商引资资金52亿元。"), published="2024-02-10")
    assert got == []


def test_obtaining_funds_named_at_length_is_not_a_goal():
    got = facts_of(brief("某市生态", "上半年，南平市争取中央财政林业草原生态保护恢复资金2.1亿元。"),
                   published="2024-07-10")
    assert [(f.measure, f.value) for f in got] == [("value", 2.1e8)]


def test_the_composite_index_of_the_best_and_the_worst_place():
    got = facts_of(brief("安徽省5月空气质量通报", "5月，安徽省综合指数最好的是黄山市，为2.41；"
                         "最差的是淮北市，为4.96。"), published="2024-06-10")
    assert {(f.region, f.value) for f in got} == {("黄山市", 2.41), ("淮北市", 4.96)}


@pytest.mark.parametrize("body, values", [
    ("5月，安徽省黄山市、池州市综合指数改善幅度较大，分别为9.6%和8.1%。", {("黄山市", -9.6), ("池州市", -8.1)}),
    ("5月，安徽省淮北市PM2.5浓度降幅为6.3%。", {("淮北市", -6.3)}),
    ("5月，安徽省淮北市PM2.5浓度升幅为6.3%。", {("淮北市", 6.3)}),
    ("与2015年相比，淮北市PM2.5浓度累计降低幅度达到41.3%。", {("淮北市", -41.3)}),
    ("与2015年相比，淮北市PM2.5浓度累计减少幅度达到41.3%。", {("淮北市", -41.3)}),
    ("与2015年相比，淮北市优良天数比例累计提高幅度达到12.3%。", {("淮北市", 12.3)}),
])
def test_the_size_of_a_change_is_signed_by_its_word(body, values):
    got = facts_of(brief("安徽省5月空气质量通报", body), published="2024-06-10")
    assert {(f.region, f.value) for f in got if f.measure == "change"} == values


def test_a_change_for_another_place_after_a_semicolon_is_of_the_indicator_before():
    got = facts_of(brief("安徽省5月空气质量通报", "5月，安徽省PM2.5浓度同比改善，其中黄山市改善幅度最大，为18.2%；"
                         "淮北市同比恶化3.1%。"), published="2024-06-10")
    assert ("air.pm25", "change", 3.1, "%", "淮北市", ("2024-05", "2024-05")) in {key(f) for f in got}


def test_a_completion_rate_outside_environmental_work_is_no_fact():
    got = facts_of(brief("廊坊便民服务", "今年1—7月，廊坊市12345热线受理群众诉求56.2万件，办结率98.6%。"),
                   published="2024-08-20")
    assert got == []
    got = facts_of(brief("廊坊环保督察", "今年1—7月，廊坊市环保督察交办的信访件办结率98.6%。"), published="2024-08-20")
    assert [f.indicator for f in got] == ["enforcement.rectification_rate"]


def test_a_bulletin_s_bracketed_section_labels_keep_one_article_and_its_place():
    got = facts_of("【大气环境】\n1—5月，德州市PM2.5浓度均值为44微克/立方米。\n【水环境】\n"
                   "全市8个国控断面水质均达到Ⅲ类及以上标准，优良比例为100%。", published="2024-06-15")
    assert {(f.indicator, f.region) for f in got} == {("air.pm25", "德州市"), ("water.monitored_sections", "德州市"),
                                                      ("water.good_section_ratio", "德州市")}


def test_a_district_after_its_city_in_a_byline_is_the_article_s_place():
    got = facts_of("今年以来，全区整改环境问题320个，整改率98.1%。\n（太原市小店区融媒体中心 记者 李刚）",
                   published="2024-10-10")
    assert [f.region for f in got] == ["小店区"]


def test_the_years_since_and_a_month_inside_a_pollutant_code():
    got = facts_of(brief("某市空气", "三年来，铜川市累计完成造林12万亩。7月，铜川市PM2.5月均值为12微克/立方米。"),
                   published="2024-08-10")
    assert {(f.value, (f.period.start, f.period.end)) for f in got} == {(120000.0, ("2021-01", "2023-12")),
                                                                       (12.0, ("2024-07", "2024-07"))}


def test_tending_a_forest_is_not_afforestation():
    got = facts_of(brief("某市林业", "2023年，孝感市完成营造林3.1万亩、森林抚育6.2万亩。"), published="2024-03-06")
    assert [f.value for f in got] == [31000.0]


def test_a_comparison_with_the_end_of_a_five_year_plan_is_a_baseline():
    got = facts_of(brief("某市空气", "2023年，德阳市PM2.5浓度较“十三五”末下降8.3%。"), published="2024-01-12")
    assert [(f.value, f.basis) for f in got] == [(-8.3, "baseline")]


def test_what_a_place_will_complete_this_year_is_a_target():
    got = facts_of(brief("某市林业", "据悉，宜宾市今年将完成营造林2.1万亩。"), published="2024-08-01")
    assert [(f.measure, (f.period.start, f.period.end)) for f in got] == [("target", ("2024-01", "2024-12"))]


def test_a_rank_counted_from_the_bottom_with_the_word_ranking_between():
    got = facts_of(brief("某市空气", "一季度，聊城市综合指数在全国168个重点城市中倒数排名第20位。"),
                   published="2024-04-20")
    assert [(f.measure, f.value, f.out_of) for f in got] == [("rank", 149.0, 168)]


def test_places_each_with_a_bare_number_and_the_unit_once_at_the_end():
    got = facts_of(brief("某省空气", "6月，各市PM2.5浓度分别为：太原市41、大同市29、朔州市33微克/立方米。"),
                   published="2024-07-10")
    assert {(f.region, f.value, f.unit) for f in got} == {("太原市", 41.0, "ug/m3"), ("大同市", 29.0, "ug/m3"),
                                                         ("朔州市", 33.0, "ug/m3")}


def test_the_share_of_class_i_to_iii_sections_written_with_zhan():
    got = facts_of(brief("某省水环境", "一季度，江苏省国考断面中，Ⅰ～Ⅲ类水质断面占91.2%，同比上升1.5个百分点；"
                         "劣Ⅴ类水质断面占0.3%。"), published="2024-04-11")
    assert {(f.indicator, f.measure, f.value) for f in got} == {("water.good_section_ratio", "value", 91.2),
                                                               ("water.good_section_ratio", "change", 1.5)}


def test_a_bare_number_bracketed_after_a_place_is_its_level_of_the_concentration_named():
    got = facts_of(brief("某市5月各县排名", "5月，PM2.5浓度最低的三个县分别是：临西县（21）、威县（23）、广宗县（24）。"
                         "最高的是：南宫市（41）、任泽区（39）。"), published="2024-06-10")
    assert [(f.indicator, f.region, f.value, f.unit) for f in got] == [
        ("air.pm25", r, v, "ug/m3") for r, v in [("临西县", 21.0), ("威县", 23.0), ("广宗县", 24.0),
                                                  ("南宫市", 41.0), ("任泽区", 39.0)]]


def test_another_place_compared_with_is_neither_the_subject_nor_a_level():
    body = ("8月，邢台市PM2.5浓度为35微克/立方米，比石家庄市低3微克/立方米，仅次于承德市，居全省第2；"
            "优良天数比全省平均多2天。")
    got = {(f.region, f.measure, f.value) for f in facts_of(brief("邢台空气", body), published="2024-09-05")}
    assert got == {("邢台市", "value", 35.0), ("邢台市", "rank", 2.0), ("邢台市", "change", 2.0)}


def test_days_of_a_grade_outside_the_vocabulary_are_not_good_days():
    body = "1—5月，邢台市优良天数为88天，其中优级21天，轻度污染45天，中度污染12天，重度污染5天。"
    got = [(f.indicator, f.value) for f in facts_of(brief("邢台空气", body), published="2024-06-05")]
    assert got == [("air.good_days", 88.0), ("air.heavy_pollution_days", 5.0)]


def test_places_counted_but_not_named_have_no_figure_of_their_own():
    body = ("2023年，全省11个设区市中，张家口、承德2市PM2.5浓度最低，均为26微克/立方米；7个城市优良天数比例超过70%；"
            "11个设区市优良天数比例平均为72.4%。")
    got = {(f.region, f.indicator, f.value) for f in facts_of(brief("河北空气", body), published="2024-02-05")}
    assert got == {("张家口市", "air.pm25", 26.0), ("承德市", "air.pm25", 26.0),
                   ("河北省", "air.good_days_ratio", 72.4)}
    body = "2023年，邢台市PM2.5浓度为45微克/立方米；168个重点城市PM2.5平均浓度为32微克/立方米。"
    national = facts_of(brief("邢台空气", body), published="2024-02-05")
    assert [(f.region, f.value) for f in national] == [("邢台市", 45.0), ("全国", 32.0)]


def test_a_share_over_the_whole_is_digits_run_together_not_a_figure():
    got = facts_of(brief("某市空气", "7月，张家界市优良天数比例为25108100%，PM2.5浓度为12微克/立方米。"),
                   published="2024-08-07")
    assert [(f.indicator, f.value) for f in got] == [("air.pm25", 12.0)]


@pytest.mark.parametrize("group", ["11个设区市", "各设区市", "各市", "各县（市、区）", "各地"])
def test_the_spread_of_a_group_of_cities_is_no_place_s_figure(group):
    got = facts_of(brief("某省空气", "8月，浙江省PM2.5平均浓度为16微克/立方米，"
                         f"{group}PM2.5浓度在12至21微克/立方米之间。"), published="2024-09-20")
    assert [(f.value, f.value_max) for f in got] == [(16.0, None)]


def test_since_last_year_is_a_running_total_from_its_start():
    got = facts_of(brief("某市林业", "去年以来，巴中市累计完成造林6.2万亩。"), published="2024-03-18")
    assert [(f.period.start, f.period.end) for f in got] == [("2023-01", "2024-03")]


def test_the_level_reached_from_a_named_year_is_of_the_time_in_force():
    got = facts_of(brief("某县林业", "2023年，黟县森林覆盖率由2022年的80.1%提高到81.2%。"), published="2024-02-20")
    assert {(f.value, f.period.start) for f in got} == {(80.1, "2022-01"), (81.2, "2023-01")}


@pytest.mark.parametrize("sentence", ["2023年，泾县PM2.5浓度为31微克/立方米，比2019年的42微克/立方米下降了26.2%。",
                                      "2023年，泾县PM2.5浓度为31微克/立方米，与2019年的42微克/立方米相比下降26.2%。"])
def test_the_level_compared_with_is_of_its_own_year(sentence):
    got = facts_of(brief("某县空气", sentence), published="2024-02-20")
    assert {(f.measure, f.value, f.period.start) for f in got} == {
        ("value", 31.0, "2023-01"), ("value", 42.0, "2019-01"), ("change", -26.2, "2023-01")}


def test_last_year_s_level_compared_with_is_of_last_year_s_same_months():
    got = facts_of(brief("某县空气", "一季度，泾县优良天数比例为88.9%，较去年同期的83.3%提高5.6个百分点。"),
                   published="2024-04-20")
    assert {(f.measure, f.value, f.period.start, f.period.end) for f in got} == {
        ("value", 88.9, "2024-01", "2024-03"), ("value", 83.3, "2023-01", "2023-03"),
        ("change", 5.6, "2024-01", "2024-03")}


@pytest.mark.parametrize("sentence, value, unit", [
    ("一季度，泾县PM2.5浓度（微克/立方米）为31，同比下降6.1%。", 31.0, "ug/m3"),
    ("一季度，泾县优良天数比例（%）：91.2。", 91.2, "%"),
])
def test_a_unit_printed_once_after_the_measure_s_name(sentence, value, unit):
    got = facts_of(brief("某县空气", sentence), published="2024-04-20")
    assert (value, unit) in {(f.value, f.unit) for f in got if f.measure == "value"}


@pytest.mark.parametrize("sentence", [
    "2023年，义乌市实现二氧化硫减排420吨、氮氧化物减排960吨，分别完成年度任务的115%、104%。",
    "2023年，义乌市完成造林1.2万亩，占年度计划的120%。",
])
def test_the_share_of_a_task_done_is_not_a_level(sentence):
    got = facts_of(brief("某市减排", sentence), published="2024-02-20")
    assert got and all(f.unit != "%" for f in got)


@pytest.mark.parametrize("sentence, areas", [
    ("2023年，杭锦旗完成造林12.5万亩、种草30万亩，森林覆盖率达到20.1%。", {125_000.0}),
    ("2023年，杭锦旗完成造林12.5万亩、治沙8万亩。", {125_000.0}),
    ("2023年，杭锦旗完成造林12.5万亩、退耕还林3万亩。", {125_000.0, 30_000.0}),
])
def test_a_list_going_on_to_another_activity_leaves_the_keyword_behind(sentence, areas):
    got = facts_of(brief("某旗国土绿化", sentence), published="2024-02-20")
    assert {f.value for f in got if f.indicator == "green.afforestation_area"} == areas


def test_pollutants_paired_with_a_long_list_of_levels_in_two_units():
    text = ("2023年，运城市PM2.5、PM10、SO2、NO2、CO年均浓度分别为41微克/立方米、"
            "80微克/立方米、9微克/立方米、30微克/立方米、1.6毫克/立方米。")
    got = facts_of(brief("某市空气", text), published="2024-02-20")
    assert {(f.indicator, f.value, f.unit) for f in got} == {
        ("air.pm25", 41.0, "ug/m3"), ("air.pm10", 80.0, "ug/m3"), ("air.so2", 9.0, "ug/m3"),
        ("air.no2", 30.0, "ug/m3"), ("air.co", 1.6, "mg/m3")}


def test_indexes_after_a_list_of_ranked_places_pair_in_order():
    got = facts_of(brief("某市各县空气", "2023年，综合指数排名前三的是涉县、磁县、武安市，分别为4.12、4.38、4.52。"),
                   published="2024-02-20")
    assert {(f.region, f.value) for f in got} == {("涉县", 4.12), ("磁县", 4.38), ("武安市", 4.52)}


@pytest.mark.parametrize("sentence", ["2023年，东营市8条入海河流断面水质全部达到或优于Ⅲ类。",
                                      "2023年，东营市广利河水质好于Ⅳ类。"])
def test_a_class_or_better_is_a_threshold_not_a_class(sentence):
    assert not facts_of(brief("入海河流", sentence), published="2024-02-20")


def test_a_river_s_stretch_in_a_place_is_that_place_s_water():
    got = facts_of(brief("跨界河流", "2023年，永定河流域张家口段出境断面水质达到Ⅱ类，承德段为Ⅲ类。"),
                   published="2024-02-20")
    assert {(f.region, f.value) for f in got if f.indicator == "water.quality_class"} == {
        ("张家口市", 2.0), ("承德市", 3.0)}


def test_bare_index_values_listed_after_places_pair_in_order():
    got = facts_of(brief("湖南空气", "3月，张家界市、郴州市、怀化市空气质量综合指数分别为2.41、2.58、2.63。"),
                   published="2024-04-25")
    assert {(f.region, f.value) for f in got} == {("张家界市", 2.41), ("郴州市", 2.58), ("怀化市", 2.63)}


def test_arrows_in_brackets_after_a_figure_are_its_change():
    got = facts_of(brief("某市空气", "2023年，绵阳市PM2.5 31μg/m³（↓6.1%），O3 158μg/m³（↑1.9%）。"),
                   published="2024-03-05")
    assert {(f.indicator, f.measure, f.value) for f in got} == {
        ("air.pm25", "value", 31.0), ("air.pm25", "change", -6.1), ("air.o3", "value", 158.0),
        ("air.o3", "change", 1.9)}


@pytest.mark.parametrize("body, regions", [
    ("2023年，普洱市优良率为98.1%，全市10个县（区）县城空气质量优良率均在95%以上。", {"普洱市": {98.1}}),
    ("2023年，宁洱、墨江和景东等3县空气质量优良率均为100%。",
     {"宁洱哈尼族彝族自治县": {100.0}, "墨江哈尼族自治县": {100.0}, "景东彝族自治县": {100.0}}),
])
def test_a_figure_for_each_of_unnamed_places_is_no_fact_but_named_ones_each_get_it(body, regions):
    got = facts_of(brief("普洱空气", body), published="2024-01-10")
    found: dict[str, set[float]] = {}
    for f in got:
        found.setdefault(f.region, set()).add(f.value)
    assert found == regions


@pytest.mark.parametrize("body, expected", [
    ("今年以来，邢台市建筑工程质量优良率达到95%。", []),
    ("今年以来，邢台市教学质量优良率提升到92%，群众满意度达到96.5%。", []),
    ("今年以来，邢台市PM2.5浓度为41微克/立方米，优良率为72.5%。", [41.0, 72.5]),
])
def test_a_bare_good_rate_is_the_air_s_only_where_the_air_is_spoken_of(body, expected):
    got = facts_of(brief("邢台要闻", body), published="2024-06-10")
    assert [f.value for f in got] == expected


def test_days_gained_after_a_share_of_good_days_are_the_good_days_change():
    got = facts_of(brief("某市空气", "1—5月，株洲市优良天数比例为85.4%，较去年同期增加9天。"), published="2024-06-12")
    assert {(f.indicator, f.measure, f.value, f.unit, f.basis) for f in got} == {
        ("air.good_days_ratio", "value", 85.4, "%", None), ("air.good_days", "change", 9.0, "days", "yoy")}


def test_a_change_naming_no_comparison_compares_as_the_paragraph_s_change_before():
    got = facts_of(brief("区域空气", "2023年，重庆市PM2.5平均浓度比上年下降3.1%。天津市PM10浓度下降5.2%。"
                                     "2024年4月，广州市PM2.5浓度环比下降8.8%；深圳市下降4.1%。"),
                   published="2024-05-20")
    assert [(f.region, f.basis) for f in got if f.measure == "change"] == [
        ("重庆市", "yoy"), ("天津市", "yoy"), ("广州市", "mom"), ("深圳市", "mom")]


def test_a_sign_off_under_the_story_gives_the_place_when_the_text_names_none():
    got = facts_of("这三年，我们的山更绿了\n\n三年来，全县累计完成人工造林4.8万亩。\n\n（完）\n\n德安县融媒体中心",
                   published="2024-06-05")
    assert [(f.region, f.value) for f in got] == [("德安县", 48000.0)]


def test_a_region_group_in_the_title_is_not_the_place_of_a_text_speaking_of_its_province():
    got = facts_of("我省推进重点区域污染治理\n\n前两个月，全省PM2.5平均浓度为52微克/立方米。\n\n河南日报讯",
                   published="2024-03-10")
    assert [f.region for f in got] == ["河南省"]


def test_figures_under_a_heading_of_goals_are_targets_and_an_energy_figure_is_no_air_figure():
    text = ("政府工作报告\n\n一、过去一年工作回顾\n\n2023年，上饶市PM2.5浓度为27微克/立方米。\n\n"
            "二、今年主要目标\n\n空气质量优良率达到93%以上，单位GDP能耗下降2.5%。")
    got = facts_of(text, published="2024-02-01")
    assert [(f.indicator, f.measure, f.value, f.period.start, f.period.end) for f in got] == [
        ("air.pm25", "value", 27.0, "2023-01", "2023-12"),
        ("air.good_days_ratio", "target", 93.0, "2024-01", "2024-12")]


def test_under_a_place_s_section_its_own_anaphora_are_that_place():
    text = ("延安市1—5月环境质量通报\n\n一、全市情况\n\n1—5月，全市PM2.5浓度为30微克/立方米。\n\n"
            "（二）宝塔区\n\n1—5月，全区PM2.5浓度为33微克/立方米，该区优良天数为130天，全市排名第一。")
    got = {(f.region, f.indicator, f.measure, f.value) for f in facts_of(text, published="2024-06-18")}
    assert got == {("延安市", "air.pm25", "value", 30.0), ("宝塔区", "air.pm25", "value", 33.0),
                   ("宝塔区", "air.good_days", "value", 130.0), ("宝塔区", "air.good_days", "rank", 1.0)}


def test_a_short_story_s_headline_that_opens_with_a_place_heads_the_story_under_it():
    text = ("邢台日报\n\n南和区：秸秆综合利用率达97%\n本报讯（记者 刘某）今年以来，南和区完成造林0.8万亩。\n\n"
            "临城县推进国土绿化\n今年春季，全县完成造林2.1万亩。\n\n"
            "威县查处一批环境违法案件\n1至5月，该县共立案查处环境违法案件18起。")
    got = [(f.region, f.value) for f in facts_of(text, published="2024-06-18")]
    assert got == [("南和区", 8000.0), ("临城县", 21000.0), ("威县", 18.0)]


def test_a_numbered_heading_gives_its_time_to_the_place_sections_under_it():
    text = ("渭南市前三季度环境质量通报\n\n一、全市情况\n\n前三季度，全市优良天数为201天。\n\n"
            "二、10月份各县（市、区）情况\n\n华州区：\n优良天数25天。\n\n蒲城县：\n优良天数23天。")
    got = facts_of(text, published="2024-11-08")
    assert [(f.region, f.value, f.period.start, f.period.end) for f in got] == [
        ("渭南市", 201.0, "2024-01", "2024-09"), ("华州区", 25.0, "2024-10", "2024-10"),
        ("蒲城县", 23.0, "2024-10", "2024-10")]


@pytest.mark.parametrize("body", [
    "2023年，全国地级及以上城市PM2.5平均浓度为30微克/立方米。",
    "2023年，我国地级及以上城市PM2.5平均浓度为30微克/立方米。",
])
def test_a_national_text_naming_no_division_is_the_nation_s(body):
    got = facts_of(f"生态环境状况公报发布\n\n{body}", published="2024-06-05")
    assert [(f.region, f.value) for f in got] == [("全国", 30.0)]


def test_the_place_of_a_dateline_glued_to_the_paper_is_the_article_s_place():
    got = facts_of("秋冬季攻坚启动\n\n本报太原11月2日讯（记者 韩冰）今年以来，我省\n\n重污染天数同比减少3.1天。",
                   published="2024-11-03")
    assert [(f.region, f.value) for f in got] == [("山西省", -3.1)]


@pytest.mark.parametrize("body, ranks", [
    ("2023年，丽水市森林覆盖率为81.7%，稳居全省首位。", [1.0]),
    ("2023年，丽水市PM2.5浓度为22微克/立方米，居全省11个设区市榜首。", [1.0]),
    ("丽水市始终把生态保护放在首位，森林覆盖率为81.7%。", []),
])
def test_the_top_of_a_ranking_is_rank_one_and_a_priority_is_none(body, ranks):
    got = facts_of(brief("丽水", body), published="2024-03-01")
    assert [f.value for f in got if f.measure == "rank"] == ranks


def test_a_rounded_headline_figure_is_its_own_fact_and_a_repeated_one_is_the_body_s():
    text = ("我市严查环境违法 罚款逾亿元 蓝天天数达312天\n\n2023年，台州市生态环境部门罚没款1.13亿元；"
            "全市蓝天天数达312天。")
    got = facts_of(text, published="2024-02-20")
    assert [(f.indicator, f.value, f.qualifier, f.period.start, f.flags, f.text) for f in got] == [
        ("enforcement.fines", 1e8, "over", "2023-01", ["headline"], "逾亿元"),
        ("enforcement.fines", 1.13e8, "exact", "2023-01", [], "1.13亿元"),
        ("air.good_days", 312.0, "exact", "2023-01", [], "312天")]
    headline = got[0]
    assert headline.evidence == "我市严查环境违法 罚款逾亿元 蓝天天数达312天"
    assert headline.evidence[headline.span[0]:headline.span[1]] == "逾亿元"


def test_a_goal_in_the_headline_alone_is_a_target_and_exceeding_a_goal_is_a_change():
    got = facts_of("春季植树掀热潮 今年造林目标8万亩\n\n3月10日，宁德市干部群众参加义务植树活动。",
                   published="2024-03-11")
    assert [(f.indicator, f.measure, f.value, f.period.end) for f in got] == [
        ("green.afforestation_area", "target", 80000.0, "2024-12")]
    got = facts_of(brief("宁德水质", "2023年，宁德市国考断面水质优良比例超年度目标6.2个百分点。"),
                   published="2024-01-11")
    assert [(f.measure, f.basis) for f in got] == [("change", "target")]


def test_places_lowest_in_the_index_each_with_their_figure_and_days_more_than_last_year():
    got = facts_of(brief("安康空气", "三季度，各县区中，岚皋县、镇坪县综合指数最低，分别为2.12、2.19；"
                                     "汉滨区最高，为3.41。安康市蓝天天数较上年多出9天。"), published="2024-10-20")
    assert [(f.region, f.measure, f.value) for f in got] == [
        ("岚皋县", "value", 2.12), ("镇坪县", "value", 2.19), ("汉滨区", "value", 3.41), ("安康市", "change", 9.0)]


def test_a_water_class_raised_from_a_past_level_gives_both_classes_and_the_past_time_does_not_carry():
    got = facts_of(brief("某县水质", "今年1—9月，江永县永明河水质由2021年的Ⅳ类提升至Ⅱ类。"
                                     "全县饮用水水源地水质达标率100%。"), published="2024-10-15")
    assert [(f.indicator, f.value, f.period.start, f.period.end) for f in got] == [
        ("water.quality_class", 4.0, "2021-01", "2021-12"), ("water.quality_class", 2.0, "2024-01", "2024-09"),
        ("water.drinking_source_compliance_rate", 100.0, "2024-01", "2024-09")]


def test_places_ranked_by_the_index_each_with_its_index_in_brackets():
    got = facts_of(brief("排名通报", "按综合指数排名，1—5月前两名依次为：汝州市（3.71）、舞钢市（3.88）。"),
                   published="2024-06-08")
    assert [(f.region, f.indicator, f.value) for f in got] == [
        ("汝州市", "air.composite_index", 3.71), ("舞钢市", "air.composite_index", 3.88)]


def test_a_post_with_hashtags_keeps_its_text_and_its_sign_off_gives_the_place():
    got = facts_of("#蓝天保卫战# 1—5月我市PM2.5浓度29微克/立方米，同比下降6.5%👍\n\n#身边事#\n\n日照发布",
                   published="2024-06-05")
    assert [(f.region, f.measure, f.value) for f in got] == [("日照市", "value", 29.0), ("日照市", "change", -6.5)]


def test_spoken_micrograms_and_a_gap_to_the_goal():
    got = facts_of(brief("雁塔区", "今年以来，雁塔区PM2.5浓度为41微克/立方米，较目标值高出3微克/立方米；"
                                   "PM10浓度同比降低了2.5个微克。力争全年PM2.5浓度降至39微克以下。"),
                   published="2024-09-20")
    assert [(f.indicator, f.measure, f.value, f.unit, f.basis) for f in got] == [
        ("air.pm25", "value", 41.0, "ug/m3", None), ("air.pm25", "change", 3.0, "ug/m3", "target"),
        ("air.pm10", "change", -2.5, "ug/m3", "yoy"), ("air.pm25", "target", 39.0, "ug/m3", None)]
    assert facts_of(brief("雁塔区", "雁塔区发放维生素片，每片含硒20微克。"), published="2024-09-20") == []


def test_a_range_of_shares_followed_by_the_average_is_a_group_s_spread():
    got = facts_of(brief("山东空气", "4月，全省16个设区市优良天数比例为58.3%—90.0%，平均为74.6%。"),
                   published="2024-05-20")
    assert [(f.value, f.value_max) for f in got] == [(74.6, None)]


def test_places_in_brackets_after_a_paragraph_about_the_index_are_read_as_the_index():
    text = ("区县空气质量排名\n\n10月，全市9个区县中，综合指数排名前两位的是：\n\n"
            "1.洞头区，综合指数2.31；\n2.平阳县，综合指数2.40。\n\n排名后两位的是乐清市（3.62）、瑞安市（3.55）。")
    got = facts_of(text, published="2024-11-05")
    assert [(f.region, f.value) for f in got] == [
        ("洞头区", 2.31), ("平阳县", 2.40), ("乐清市", 3.62), ("瑞安市", 3.55)]


def test_a_sentence_opened_by_its_goals_states_targets_through_its_semicolons():
    got = facts_of(brief("亳州目标", "根据省下达的目标任务，2024年亳州市PM2.5浓度控制在37微克/立方米以下；"
                                     "国考断面水质优良比例达到85%；全市完成造林4万亩。"), published="2024-03-08")
    assert [(f.indicator, f.measure) for f in got] == [
        ("air.pm25", "target"), ("water.good_section_ratio", "target"), ("green.afforestation_area", "target")]


def test_the_year_s_goal_named_in_a_report_of_months_is_for_the_whole_year():
    got = facts_of(brief("沧州空气", "1—7月，沧州市PM2.5平均浓度为44微克/立方米，"
                                     "距离年度目标（40微克/立方米）还有差距。"), published="2024-08-20")
    assert [(f.measure, f.value, f.period.start, f.period.end) for f in got] == [
        ("value", 44.0, "2024-01", "2024-07"), ("target", 40.0, "2024-01", "2024-12")]


def test_a_summary_of_last_year_s_work_states_results_not_targets():
    got = facts_of(brief("景县大会", "会议总结了2023年工作：景县PM2.5浓度下降至43微克/立方米，优良天数为262天。"),
                   published="2024-02-27")
    assert [(f.indicator, f.measure, f.value) for f in got] == [
        ("air.pm25", "value", 43.0), ("air.good_days", "value", 262.0)]
    got = facts_of(brief("景县大会", "2024年重点抓好以下工作：景县PM2.5浓度控制在40微克/立方米以内。"),
                   published="2024-02-27")
    assert [(f.indicator, f.measure, f.value) for f in got] == [("air.pm25", "target", 40.0)]


def test_a_provincial_bulletin_naming_its_rivers_is_the_province_s():
    got = facts_of("一季度水环境质量通报\n\n一季度，全省国考断面水质优良比例为93.1%。"
                   "赣江、抚河、饶河三河水质优良比例均为100%。\n\n江西省生态环境厅", published="2024-04-15")
    assert {f.region for f in got} == {"江西省"}


def test_gases_named_before_their_emissions_are_what_was_cut():
    got = facts_of(brief("城固减排", "2021年，城固县化学需氧量、氨氮减排量分别为210吨、35.5吨，二氧化硫、\n\n"
                                     "氮氧化物减排量分别为96吨、150.2吨。城固县二氧化硫浓度为9微克/立方米。"),
                   published="2022-01-20")
    assert [(f.indicator, f.value, f.pollutant) for f in got] == [
        ("emissions.reduction", 210.0, "cod"), ("emissions.reduction", 35.5, "nh3n"),
        ("emissions.reduction", 96.0, "so2"), ("emissions.reduction", 150.2, "nox"), ("air.so2", 9.0, None)]


def test_a_list_of_changes_before_the_words_of_a_goal_are_targets():
    got = facts_of(brief("勉县空气", "2023年，勉县PM2.5浓度同比下降6.1%，超额完成PM2.5浓度同比下降3%、"
                                     "重污染天数同比减少10%的改善目标。"), published="2024-01-20")
    assert [(f.indicator, f.measure, f.value) for f in got] == [
        ("air.pm25", "change", -6.1), ("air.pm25", "target", -3.0), ("air.heavy_pollution_days", "target", -10.0)]


@pytest.mark.parametrize("year, measure", [("2024", "target"), ("2023", "value")])
def test_a_plan_of_work_for_a_year_not_over_states_targets(year, measure):
    got = facts_of(brief("勉县环保", f"{year}年，勉县将重点抓好以下工作：一是全年争取上级生态环境资金2000万元以上；"
                                     "二是完成造林1.5万亩。"), published="2024-01-20")
    assert [f.measure for f in got] == [measure, measure]


def test_the_limit_a_standard_sets_is_no_fact():
    got = facts_of(brief("标准", "2023年，全省PM2.5年均浓度二级标准为35微克/立方米，"
                                 "陕西省PM2.5平均浓度为44微克/立方米。"), published="2024-01-20")
    assert [f.value for f in got] == [44.0]


@pytest.mark.parametrize("body, expected", [
    ("上半年，峡江县地表水断面水质优良比例近九成。", [("water.good_section_ratio", 90.0, "approx")]),
    ("上半年，峡江县空气质量优良率超8成。", [("air.good_days_ratio", 80.0, "over")]),
    ("峡江县的工作方法一成不变。", []),
])
def test_tenths_are_percent(body, expected):
    got = facts_of(brief("峡江县", body), published="2024-08-05")
    assert [(f.indicator, f.value, f.qualifier) for f in got] == expected


@pytest.mark.parametrize("body, expected", [
    ("今年以来，峡江县生态环境部门罚款上千万元。", [("enforcement.fines", 1e7, "over")]),
    ("今年以来，峡江县生态环境部门查处环境违法案件上百起。", [("enforcement.cases", 100.0, "over")]),
])
def test_a_round_number_after_shang_is_as_many_or_more(body, expected):
    got = facts_of(brief("峡江县", body), published="2024-08-05")
    assert [(f.indicator, f.value, f.qualifier) for f in got] == expected


@pytest.mark.parametrize("body, basis", [
    ("2023年，峡江县PM2.5浓度同比下降1.5微克/立方米至31.2微克/立方米，较2015年下降45.3%。", "baseline"),
    ("5月，峡江县空气质量综合指数同比改善3.1%，在全市排名较上月前进2位。", "mom"),
    ("与“十三五”末相比，峡江县重污染天数减少了3天。", "baseline"),
])
def test_a_change_compares_with_the_comparison_nearest_it(body, basis):
    got = facts_of(brief("峡江县", body), published="2024-06-10")
    assert [f.basis for f in got if f.measure == "change"][-1] == basis


def test_a_province_s_ranking_of_its_cities_and_a_named_list_closed_by_its_count():
    text = ("8月份全省16个市（州）环境空气质量排名\n\n8月份，16个市（州）优良天数比例平均为95.1%。"
            "楚雄州、玉溪市、文山州3个市（州）优良天数比例均为100%。")
    got = facts_of(text, published="2024-09-12")
    assert [(f.region, f.value) for f in got] == [
        ("云南省", 95.1), ("楚雄彝族自治州", 100.0), ("玉溪市", 100.0), ("文山壮族苗族自治州", 100.0)]


def test_a_city_ranked_in_its_province_keeps_its_own_place():
    got = facts_of("我市PM2.5浓度全省排名第一\n\n1—8月，丽江市PM2.5浓度为16微克/立方米。", published="2024-09-12")
    assert {f.region for f in got} == {"丽江市"}


def test_several_provinces_together_are_no_one_place_but_each_named_one_is():
    got = facts_of(brief("流域水质", "上半年，沿黄9省（区）地表水优良水体比例为87.6%，同比提高1.9个百分点。"
                                     "其中，青海、甘肃2省水质优良比例均为100%。"), published="2024-07-30")
    assert [(f.region, f.value) for f in got] == [("青海省", 100.0), ("甘肃省", 100.0)]


def test_places_with_figures_but_no_indicator_go_on_with_the_air_figure_spoken_of():
    got = facts_of(brief("石家庄排名", "4月份，新华区PM2.5浓度为39微克/立方米。正定县、行唐县分别为41、44微克/立方米。"
                                       "全市地区生产总值增长6.1%左右。"), published="2024-05-10")
    assert [(f.region, f.indicator, f.value) for f in got] == [
        ("新华区", "air.pm25", 39.0), ("正定县", "air.pm25", 41.0), ("行唐县", "air.pm25", 44.0)]


def test_a_gap_to_an_average_is_a_change_of_no_time_and_a_shared_rank_is_a_rank():
    got = facts_of(brief("枣庄", "2023年，枣庄市PM2.5浓度同比下降5%。PM2.5浓度为40微克/立方米，低于全省平均水平"
                                 "2微克/立方米，比全国平均高10微克/立方米；优良天数比例为70.1%，与济宁市并列全省第6。"),
                   published="2024-02-10")
    assert [(f.indicator, f.measure, f.value, f.basis, f.flags) for f in got] == [
        ("air.pm25", "change", -5.0, "yoy", []), ("air.pm25", "value", 40.0, None, []),
        ("air.pm25", "change", -2.0, "unspecified", ["versus_average"]),
        ("air.pm25", "change", 10.0, "unspecified", ["versus_average"]),
        ("air.good_days_ratio", "value", 70.1, None, []), ("air.good_days_ratio", "rank", 6.0, None, []),
        ("air.good_days_ratio", "rank", 6.0, None, [])]  # 济宁市's, tied with it


def test_a_list_of_places_goes_on_to_the_next_clause_s_list_that_names_none():
    got = _facts_of_page("某市8月县区排名", "8月份，保定市各县中，涞源县、阜平县PM2.5浓度分别为18、22微克/立方米，"
                         "分列第一、第二位；综合指数分别为2.95和3.10。", published="2024-09-10")
    assert {k[2:5] for k in got if k[0] == "air.composite_index"} == {(2.95, "index", "涞源县"),
                                                                      (3.10, "index", "阜平县")}
    assert {k[:5] for k in got if k[1] == "rank"} == {("air.pm25", "rank", 1.0, "rank", "涞源县"),
                                                      ("air.pm25", "rank", 2.0, "rank", "阜平县")}


def test_a_list_of_indicators_ends_the_places_listed_before():
    got = _facts_of_page("某市8月县区排名", "8月份，保定市各县中，涞源县、阜平县PM2.5浓度分别为18、22微克/立方米。"
                         "全市PM2.5和PM10浓度分别为30、61微克/立方米；综合指数分别为3.95和4.10。",
                         published="2024-09-10")
    assert {k[4] for k in got if k[0] == "air.composite_index"} == {"保定市"}


def test_places_named_in_one_clause_share_the_figure_the_next_clause_gives_them_all():
    got = _facts_of_page("某市8月县区排名", "8月份，保定市各县中，排名后两位的是望都县和蠡县，"
                         "PM2.5浓度均为41微克/立方米。", published="2024-09-10")
    assert {k[4] for k in got if k[:4] == ("air.pm25", "value", 41.0, "ug/m3")} == {"望都县", "蠡县"}


def test_a_page_that_is_one_headline_gives_the_headline_s_facts():
    got = {key(f) for f in facts_of("快讯：衡水市1-10月PM2.5浓度同比下降12%", published="2024-11-05")}
    assert got == {("air.pm25", "change", -12.0, "%", "衡水市", ("2024-01", "2024-10"))}


def test_changes_listed_after_separate_figures_pair_with_their_indicators_in_order():
    page = brief("某市秋冬季攻坚部署会", "2023—2024年秋冬季，焦作市PM2.5平均浓度为61微克/立方米，重污染天数为8天，"
                 "分别较上一秋冬季下降4.7%、减少3天。")
    got = {key(f) + (f.basis,) for f in facts_of(page, published="2024-10-20")}
    assert {k[:6] for k in got if k[1] == "change"} == {
        ("air.pm25", "change", -4.7, "%", "焦作市", ("2023-10", "2024-03")),
        ("air.heavy_pollution_days", "change", -3.0, "days", "焦作市", ("2023-10", "2024-03"))}
    assert all(k[6] == "yoy" for k in got if k[1] == "change")


def test_the_time_of_a_level_left_behind_goes_no_further_than_that_level():
    got = _facts_of_page("某河水质改善", "今年1-10月，清漳河涉县段水质类别由去年同期的Ⅳ类提升为Ⅲ类，"
                         "国考断面水质达标率为100%。", published="2024-11-12")
    this = ("2024-01", "2024-10")
    assert ("water.quality_class", "value", 4.0, "index", "涉县", ("2023-01", "2023-10")) in got
    assert ("water.quality_class", "value", 3.0, "index", "涉县", this) in got
    assert ("water.section_compliance_rate", "value", 100.0, "%", "涉县", this) in got


def test_places_listed_each_with_its_amount_share_the_first_amount_s_indicator():
    got = _facts_of_page("某省下达生态补偿资金", "近日，省财政厅下达流域生态补偿资金，其中，保定市1.5亿元、"
                         "沧州市0.9亿元、邢台市0.4亿元。", published="2024-06-28")
    assert {(k[4], k[2]) for k in got if k[0] == "finance.eco_funding"} == {
        ("保定市", 1.5e8), ("沧州市", 0.9e8), ("邢台市", 0.4e8)}


def test_a_rank_left_behind_is_of_the_time_it_was_held():
    got = _facts_of_page("某市空气质量通报", "上半年，晋中市综合指数为4.51，排名由去年同期的全省第8位上升至第5位。",
                         published="2024-07-05")
    assert {(k[2], k[5]) for k in got if k[1] == "rank"} == {(8.0, ("2023-01", "2023-06")),
                                                            (5.0, ("2024-01", "2024-06"))}


@pytest.mark.parametrize("second, place", [("沧州市以21微克/立方米位列第二", "沧州市"),
                                           ("衡水市以21微克/立方米的浓度排名第二", "衡水市")])
def test_the_level_a_place_is_ranked_by_is_the_ranked_indicator_s(second, place):
    got = _facts_of_page("某省5月排名", "5月份，全省PM2.5浓度排名中，廊坊市以17微克/立方米的浓度位列全省第一，"
                         f"{second}。", published="2024-06-10")
    assert ("air.pm25", "value", 21.0, "ug/m3", place, ("2024-05", "2024-05")) in got


def test_an_index_a_place_is_ranked_by_is_its_index():
    got = _facts_of_page("某省5月排名", "5月份，全省综合指数排名中，廊坊市以3.05位列全省第一，"
                         "衡水市以3.21的指数位列第二。", published="2024-06-10")
    assert {(k[4], k[2]) for k in got if k[:2] == ("air.composite_index", "value")} == {("廊坊市", 3.05),
                                                                                       ("衡水市", 3.21)}


def test_a_share_and_a_change_after_a_count_of_good_days_are_the_good_days():
    got = _facts_of_page("某市上半年空气质量", "1-6月，平顶山市优良天数累计达到118天，占比64.8%，同比增加7天。",
                         published="2024-07-10")
    half = ("2024-01", "2024-06")
    assert ("air.good_days_ratio", "value", 64.8, "%", "平顶山市", half) in got
    assert ("air.good_days", "change", 7.0, "days", "平顶山市", half) in got


@pytest.mark.parametrize("sentence, indicator, value", [
    ("2023年，鹤壁市空气质量达到二级以上标准的天数为251天。", "air.good_days", 251.0),
    ("2023年，鹤壁市达到二级标准的天数比例为68.8%。", "air.good_days_ratio", 68.8),
])
def test_days_up_to_the_second_grade_standard_are_good_days(sentence, indicator, value):
    assert (indicator, "value", value) in {k[:3] for k in _facts_of_page("某市年报", sentence, published="2024-02-01")}


def test_a_rate_of_improvement_is_the_change_in_per_cent():
    got = _facts_of_page("某市通报", "1—5月，漯河市空气质量综合指数为4.71，同比改善0.25，改善率5.0%。",
                         published="2024-06-15")
    assert ("air.composite_index", "change", -5.0, "%", "漯河市", ("2024-01", "2024-05")) in got


@pytest.mark.parametrize("sentence, sizes", [
    ("2023年，晋城市综合指数在全国168个重点城市中排第41位，在全省排名第2。", {41.0: 168, 2.0: None}),
    ("2023年，在全省11个设区市中，晋城市综合指数排名全省第2。", {2.0: 11}),
    ("2023年，晋城市综合指数全省排名第2（共11个设区市）。", {2.0: 11}),
])
def test_a_ranking_s_size_is_of_its_own_field(sentence, sizes):
    facts = facts_of(brief("某市年报", sentence), published="2024-03-15")
    assert {f.value: f.out_of for f in facts if f.measure == "rank"} == sizes


@pytest.mark.parametrize("field", ["在全市各县（市、区）中", "在全市13个县（市、区）中", "在全市"])
def test_a_county_ranked_in_its_city_s_field_holds_the_rank(field):
    body = f"今年1—8月，涞源县PM2.5平均浓度为28微克/立方米，{field}排名第一。"
    got = facts_of(brief("涞源县生态", body), published="2024-09-12")
    assert {(f.measure, f.region) for f in got} == {("value", "涞源县"), ("rank", "涞源县")}


def test_a_change_for_a_place_naming_no_indicator_is_of_the_air_figure_spoken_of():
    got = _facts_of_page("前三季度空气质量通报", "1—9月，新乡市PM2.5平均浓度为44微克/立方米。\n"
                         "分县区看，辉县市PM2.5浓度最低，为38微克/立方米。\n"
                         "从改善幅度看，获嘉县同比下降9.8%，改善幅度最大；原阳县同比上升2.1%。", published="2024-10-12")
    months = ("2024-01", "2024-09")
    assert ("air.pm25", "change", -9.8, "%", "获嘉县", months) in got
    assert ("air.pm25", "change", 2.1, "%", "原阳县", months) in got


@pytest.mark.parametrize("gap, change", [
    ("PM2.5浓度为43微克/立方米，超出年度目标4微克/立方米", ("air.pm25", "change", 4.0, "ug/m3")),
    ("优良天数比例为65.1%，距年度目标还差3.2个百分点", ("air.good_days_ratio", "change", -3.2, "pp")),
    ("PM2.5浓度为43微克/立方米，距离年度目标尚差2微克/立方米", ("air.pm25", "change", 2.0, "ug/m3")),
])
def test_a_gap_to_the_goal_is_a_change_against_the_target(gap, change):
    facts = facts_of(brief("某市通报", f"1-10月，许昌市{gap}。"), published="2024-11-15")
    assert [(f.basis, f.value) for f in facts if key(f)[:4] == change] == [("target", change[2])]


@pytest.mark.parametrize("body, expected", [
    ("1-10月，全省58个县（市）PM2.5平均浓度为36微克/立方米。", []),
    ("1-10月，全市8个县区PM2.5浓度均值为41微克/立方米。", []),
    ("1-10月，全省11个设区市PM2.5平均浓度为38微克/立方米。", [("山西省", 38.0)]),
])
def test_an_average_over_counties_is_no_place_s_figure_but_over_a_province_s_cities_it_is_the_province_s(
        body, expected):
    got = facts_of(brief("山西省空气质量", body), published="2024-11-15")
    assert [(f.region, f.value) for f in got] == expected


def test_a_bulleted_label_is_an_item_not_a_photo_caption_and_a_bulleted_place_heads_its_section():
    page = ("各地空气质量速览\n\n▶衡水：1-10月PM2.5平均浓度为45微克/立方米。\n◆沧州市\n"
            "1-10月PM2.5平均浓度为41微克/立方米。")
    got = {key(f) for f in facts_of(page, published="2024-11-15")}
    months = ("2024-01", "2024-10")
    assert got == {("air.pm25", "value", 45.0, "ug/m3", "衡水市", months),
                   ("air.pm25", "value", 41.0, "ug/m3", "沧州市", months)}


def test_a_river_basin_s_figure_in_a_national_bulletin_is_not_the_nation_s():
    got = _facts_of_page("生态环境部通报全国地表水环境质量", "1—10月，全国地表水Ⅰ～Ⅲ类水质断面比例为88.1%。"
                         "珠江流域、淮河流域Ⅰ～Ⅲ类水质断面比例分别为95.0%、84.3%。", published="2024-11-25")
    assert {(k[4], k[2]) for k in got} == {("全国", 88.1)}


def test_a_river_of_a_province_keeps_the_province_s_figure():
    got = _facts_of_page("我省水环境质量持续改善", "1—5月，湖北省汉江干流12个断面水质优良比例为100%。",
                         published="2024-06-28")
    assert ("water.good_section_ratio", "value", 100.0, "%", "湖北省", ("2024-01", "2024-05")) in got


@pytest.mark.parametrize("body, classes", [
    ("2023年，沁河晋城段水质由劣Ⅴ类提升为Ⅳ类。", [6.0, 4.0]),
    ("2023年，晋城市消除劣Ⅴ类水体，无劣Ⅴ类断面。", []),
    ("2023年，晋城市劣Ⅴ类水体全面消除。", []),
    ("2023年，晋城市第二污水处理厂完成提标改造，出水水质达到地表水准Ⅳ类标准。", []),  # a plant's discharge
])
def test_class_worse_than_five_is_class_six_when_a_water_is_in_it(body, classes):
    got = facts_of(brief("某市水环境", body), published="2024-03-15")
    assert [f.value for f in got if f.indicator == "water.quality_class"] == classes


def test_the_best_and_the_worst_of_the_counties_are_each_their_own_figure():
    body = ("2024年，各县（市、区）中，丰宁满族自治县空气质量最好，综合指数3.05；隆化县最差，综合指数4.21；"
            "开发区最差，综合指数4.60。")
    got = {(f.value, f.region) for f in facts_of(brief("承德市空气质量年报", body), published="2025-01-20")}
    assert got == {(3.05, "丰宁满族自治县"), (4.21, "隆化县")}  # 开发区 is no division: its figure no place's


def test_a_level_left_behind_is_of_the_time_stated_for_it_else_of_none():
    body = ("2023年，沧州市空气质量综合指数从2022年的5.31下降为4.87，重污染天数从16天减少到5天。\n\n"
            "2023年，沧州市空气质量综合指数全省排名由第10位上升至第8位，优良天数由原来的201天增加到236天。")
    got = {(f.indicator, f.measure, f.value, f.period.start if f.period else None)
           for f in facts_of(brief("沧州空气质量", body), published="2024-01-20")}
    assert got == {("air.composite_index", "value", 5.31, "2022-01"), ("air.composite_index", "value", 4.87, "2023-01"),
                   ("air.heavy_pollution_days", "value", 16.0, "2022-01"),  # left behind when the other was
                   ("air.heavy_pollution_days", "value", 5.0, "2023-01"),
                   ("air.composite_index", "rank", 10.0, None), ("air.composite_index", "rank", 8.0, "2023-01"),
                   ("air.good_days", "value", 201.0, None), ("air.good_days", "value", 236.0, "2023-01")}


def test_a_base_year_named_after_words_is_a_baseline_and_no_time_of_the_figures_after_it():
    body = ("2023年，雄安新区PM2.5平均浓度为36微克/立方米，比新区设立之初的2017年下降41.9%。"
            "新区森林覆盖率由设立之初的11%提高到35%。")
    got = {(f.indicator, f.measure, f.value, f.basis, f.period.start if f.period else None)
           for f in facts_of(brief("雄安新区生态环境", body), published="2024-02-20")}
    assert got == {("air.pm25", "value", 36.0, None, "2023-01"), ("air.pm25", "change", -41.9, "baseline", "2023-01"),
                   ("green.coverage_rate", "value", 11.0, None, None),
                   ("green.coverage_rate", "value", 35.0, None, "2023-01")}


def test_a_page_a_sentence_to_a_paragraph_keeps_the_comparison_stated_before():
    page = ("承德空气质量持续改善\n\n今年1—10月，承德市优良天数为262天，同比增加9天。\n\n"
            "优良天数比率提升至86.2%，提升3.0个百分点。\n\n重污染天数为2天。")
    got = {(f.indicator, f.measure, f.basis) for f in facts_of(page, published="2024-11-10")}
    assert ("air.good_days_ratio", "change", "yoy") in got


def test_a_photo_caption_s_figure_is_a_fact_once_however_often_the_page_states_it():
    page = ("河北日报 2024年4月2日 第5版\n\n平山县推进国土绿化\n\n"
            "本报讯（记者 王某）今年以来，平山县已完成造林1.6万亩。\n\n"
            "▲3月30日，平山县干部群众在山区植树。今年以来，该县已完成造林1.6万亩。 记者 张某 摄\n\n"
            "▲4月1日，灵寿县滹沱河畔。今年以来，该县完成造林0.8万亩。 记者 李某 摄")
    got = [(f.region, f.value) for f in facts_of(page, published="2024-04-02")]
    assert sorted(got) == [("平山县", 16000.0), ("灵寿县", 8000.0)]


@pytest.mark.parametrize("sentence, expected", [
    ("1—7月，沧县国考断面水质综合指数为3.85，在全省排名第一。", set()),  # a water index: not in the vocabulary
    ("1—7月，沧县环境空气质量综合指数为4.85。", {("air.composite_index", "value", 4.85)}),
    ("沧县主要河流断面水质均达到考核目标要求，达标率100%。",
     {("water.section_compliance_rate", "value", 100.0)}),  # a target met, not a goal
    ("为确保完成年度目标任务，沧县PM2.5浓度要控制在40微克/立方米以内。", {("air.pm25", "target", 40.0)}),
])
def test_a_water_index_is_no_air_index_and_a_target_met_is_no_goal(sentence, expected):
    got = {(f.indicator, f.measure, f.value) for f in facts_of(brief("沧县水环境", sentence), published="2024-09-03")}
    assert got == expected
