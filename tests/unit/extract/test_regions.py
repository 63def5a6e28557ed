"""Place mentions on phrases written for the test."""

import pytest

from services.extract.gazetteer import places
from services.extract.regions import find_mentions, home_place, resolve


@pytest.mark.parametrize("text, mentions", [
    ("滑县生态环境分局", ["滑县"]),                 # a two-character county opening the text
    ("在沛县召开现场会", ["沛县"]),                 # after a function word
    ("创建国家生态文明示范县", []),                 # 范县 inside 示范县
    ("建立省、市和县三级联动机制", []),             # 和县 inside 市和县
    ("推进新县城建设", []),                         # the word 县城
    ("加强管理县域生态", []),                       # the word 县域
    ("近岸海域水质", []),                           # cpca's sea area is no place
    ("2023年漯河生态环境状况公报", ["漯河"]),       # a short name after a year
    ("7月份赤峰中心城区空气质量", ["赤峰"]),        # after 月份
    ("8月，济宁城区PM2.5浓度", ["济宁"]),           # a city's 城区 is the city's
    ("对话绵阳生态环境局局长", ["绵阳"]),           # after a headline's verb
    ("一季度安阳细颗粒物浓度", ["安阳"]),           # after a quarter
    ("走进赤峰：草原上的蓝天", ["赤峰"]),
    ("聚焦作风建设", []),                           # 焦作 across a word's end
    ("守护绿色承德的蓝天", ["承德"]),               # after a headline's naming word
    ("博州、巴州和克州", ["博州", "巴州", "克州"]),  # prefectures abbreviated as Xinjiang's pages write them
    ("巴中市巴州区", ["巴中市", "巴州区"]),          # the district keeps its full name
    ("邢台市生态环境局宁晋分局", ["邢台市", "宁晋"]),  # a bureau's branch named by a county's short name
])
def test_mentions(text, mentions):
    assert [m.text for m in find_mentions(text)] == mentions


@pytest.mark.parametrize(("mention", "group"), [
    ("京津冀及周边", "京津冀及周边地区"), ("长三角", "长三角地区"), ("成渝地区双城经济圈", "成渝地区"),
    ("苏皖鲁豫交界地区", "苏皖鲁豫交界地区"), ("粤港澳大湾区", "粤港澳大湾区"), ("长江经济带", "长江经济带"),
])
def test_a_region_group_is_named_as_the_spec_names_it_or_by_its_own_name(mention, group):
    place = resolve(mention, None)
    assert place is not None and (place.name, place.code) == (group, None)


def test_a_two_character_county_in_a_title_is_the_article_s_place():
    place = home_place("岷县2023年生态环境工作总结", "")
    assert place is not None and (place.name, place.code) == ("岷县", "621126")


def test_a_short_name_written_with_its_kind_is_one_mention_so_a_list_of_places_stays_a_list():
    text = "湘西州、张家界市和怀化市优良天数比例均为100%"
    mentions = find_mentions(text)
    assert [text[m.start:m.end] for m in mentions] == ["湘西州", "张家界市", "怀化市"]
    assert [resolve(m.text, None).name for m in mentions] == ["湘西土家族苗族自治州", "张家界市", "怀化市"]


@pytest.mark.parametrize("text, name", [
    ("通道县渠水水质达到Ⅱ类", "通道侗族自治县"),  # 通道 alone is a word ("绿色通道"); with its kind, a county
    ("红河州", "红河哈尼族彝族自治州"),
])
def test_an_autonomous_division_by_its_stem_and_kind(text, name):
    [mention] = find_mentions(text)
    assert resolve(mention.text, None).name == name


@pytest.mark.parametrize("text, found", [
    ("赣江、抚河、信江、饶河、修河五河水质优良", []),  # 饶河 is a county too, but here one of five rivers
    ("信江、饶河、修河水质优良", []),
    ("饶河、宝清两县", ["饶河", "宝清"]),
    ("清河、南宫", ["南宫"]),
])
def test_a_short_name_listed_among_rivers_is_a_river(text, found):
    assert [m.text for m in find_mentions(text)] == found



def test_a_place_in_an_address_is_not_what_the_text_is_about():
    text = "当事人：某某化工有限公司，地址：邢台市信都区某某路12号。我局决定对你公司处以罚款。"
    assert home_place(None, text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("全市PM2.5平均浓度为38微克/立方米，其中信都区最低，为31微克/立方米。", "邢台市"),
    ("全区PM2.5平均浓度为38微克/立方米，信都区在全市排名第一。", "信都区"),
    ("全市PM2.5平均浓度为38微克/立方米，其中武安市城区最低。", "武安市"),  # a county-level city's own 全市
])
def test_a_page_speaking_from_a_city_is_the_city_s_though_it_names_only_a_district(text, expected):
    place = home_place(None, text)
    assert place is not None and place.name == expected


def test_a_page_speaking_from_a_city_signed_by_a_city_is_that_city_s():
    text = "全市PM2.5平均浓度为38微克/立方米，其中桥东区最低，为30微克/立方米。"
    place = home_place(None, text, byline="来源：石家庄市生态环境局")
    assert place is not None and place.name == "石家庄市"  # 桥东区 alone would be Zhangjiakou's


@pytest.mark.parametrize(("credit", "code"), [("南京日报", "320106"), ("福州日报", "350102")])
def test_a_name_many_places_share_is_the_one_near_the_place_the_credit_names(credit, code):
    place = home_place("鼓楼区5月空气质量", "5月，鼓楼区PM2.5浓度为31微克/立方米，全市为33微克/立方米。", byline=credit)
    assert place is not None and place.code == code


def test_a_page_speaking_from_a_county_signed_by_its_city_s_county_office_is_the_county_s():
    place = home_place("全县大气污染防治推进会召开", "1—5月，全县PM2.5平均浓度为45微克/立方米。",
                       byline="邢台市生态环境局宁晋县分局")
    assert place is not None and place.name == "宁晋县"


def test_a_river_s_stretch_names_its_place():
    assert [m.text for m in find_mentions("永定河流域张家口段水质为Ⅲ类")] == ["张家口"]


def test_a_title_whose_actor_is_the_province_makes_the_province_the_article_s_place():
    place = home_place("省财政下达生态补偿资金", "其中，衡水市1.2亿元、沧州市0.8亿元、邢台市0.6亿元。")
    assert place is not None and place.name == "河北省"


@pytest.mark.parametrize("dateline", ["人民网邢台11月5日电", "央广网邢台11月5日消息",
                                      "中新网邢台11月5日电 （记者 张三）", "燕赵都市报邢台讯（记者 张三）"])
def test_a_short_name_in_an_outlet_s_dateline_is_the_place_reported_from(dateline):
    assert [m.text for m in find_mentions(dateline + "1-10月，全市PM2.5平均浓度为43微克/立方米。")][0] == "邢台"


@pytest.mark.parametrize(("home_code", "code"), [("500000", "500105"), ("330200", "330205")])
def test_a_district_name_two_cities_share_is_the_one_in_the_article_s_city(home_code, code):
    place = resolve("江北区", places()[home_code])
    assert place is not None and place.code == code


def test_chongqing_s_districts_the_source_file_leaves_out_are_places():
    assert [m.text for m in find_mentions("渝北区、江北区优良天数")] == ["渝北区", "江北区"]
