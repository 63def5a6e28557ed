from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.common.schemas import RawArticle
from services.ingest.dedup import DedupIndex
from services.ingest.layout import ends_sentence
from services.ingest.normalize import normalize
from services.ingest.pipeline import clean_item, for_clean_topic
from services.ingest.segment import segment, segment_page

PAGE = (Path(__file__).parents[2] / "data" / "page_two_stories.txt").read_text(encoding="utf-8")


def _units():
    return segment(normalize(PAGE))


def test_a_page_splits_into_its_stories_and_captions():
    assert [u.kind for u in _units()] == ["article", "caption", "brief"]


def test_title_byline_and_dateline_are_recognised():
    article, _, brief = _units()
    assert article.title == "邯郸持续打好蓝天保卫战"
    assert article.byline == "燕赵日报记者 赵明 通讯员 钱亮"
    assert brief.title == "永年区开展河道清洁行动"
    assert brief.text.startswith("燕赵日报讯(记者赵明)6月28日")


def test_a_caption_never_sits_inside_the_article_and_the_broken_sentence_rejoins():
    article, caption, _ = _units()
    assert "执法人员在一家钢铁企业" not in article.text
    assert caption.text.startswith("▲6月20日") and caption.byline == "燕赵日报记者 孙华摄"
    assert "累计完成超低排放改造企业46家" in article.text


def test_a_section_heading_stays_a_line_of_its_article():
    article = _units()[0]
    assert "\n守护碧水\n" in article.text


def test_headings_are_not_glued_onto_prose():
    article = _units()[0]
    assert "1200吨。\n守护碧水\n截至6月底" in article.text


def test_spam_footer_never_becomes_an_article():
    page = PAGE + "\n发布 👍 3 举报 写留言\n✋相关推荐\n• 明星同款连衣裙限时特惠\n• 三招教你做出好吃的红烧肉\n"
    units = segment(normalize(page))
    assert len(units) == 3
    assert all("红烧肉" not in u.text and "举报" not in u.text for u in units)


def test_a_report_s_first_numbered_section_is_its_body_not_its_headline():
    report = ("2023年某省生态环境状况公报（摘要）\n来源：省生态环境厅\n\n（一）大气环境\n"
              "2023年，全省PM2.5平均浓度为31微克/立方米。\n（二）水环境\n全省国考断面水质优良比例为93.1%。")
    [unit] = segment(normalize(report))
    assert unit.title == "2023年某省生态环境状况公报（摘要）"
    assert unit.paragraphs[0] == "（一）大气环境" and "（二）水环境" in unit.paragraphs


def test_the_line_above_a_web_page_s_date_and_source_is_its_headline_not_prose_cut_short():
    page = ("某某娱乐城官网|注册即送88元\n生态环境部通报重点区域秋冬季环境空气质量目标完成情况\n"
            "2024-04-26 15:20:08　来源：中国环境报\n\n　　近日，生态环境部通报了秋冬季环境空气质量目标完成情况。")
    units = [u for u in segment(normalize(page)) if u.kind != "caption"]
    assert [u.title for u in units] == ["生态环境部通报重点区域秋冬季环境空气质量目标完成情况"]
    assert units[0].text.startswith("近日，生态环境部通报")


def test_a_web_page_s_date_and_source_under_its_headline_is_its_byline_not_its_text():
    page = ("某市空气质量持续向好\n来源：某市日报 | 编辑：王某 | 发布时间：2024-05-06 09:12 | 浏览次数：321\n\n"
            "今年以来，全市空气质量持续向好。\n\n上一篇：某区召开安全生产会议\n下一篇：某县新植苗木2万株\n")
    [unit] = [u for u in segment(normalize(page)) if u.kind != "caption"]
    assert unit.byline is not None and unit.byline.startswith("来源：某市日报")
    assert unit.text == "今年以来，全市空气质量持续向好。"


def test_a_wechat_post_s_date_line_is_its_byline_and_its_chrome_is_dropped():
    page = ("点击上方蓝字 关注我们\n\n我县空气质量持续向好\n\n原创 某县生态环境 2024-07-02 08:30 发表于河北\n\n"
            "上半年，全县空气质量持续向好。\n\n来源 | 某县生态环境分局\n编辑 | 张三\n\n长按识别二维码 关注我们\n")
    [unit] = [u for u in segment(normalize(page)) if u.kind != "caption"]
    assert unit.title == "我县空气质量持续向好" and (unit.byline or "").startswith("原创")
    assert unit.text == "上半年，全县空气质量持续向好。"


@pytest.mark.parametrize("page, title", [
    ("原标题：某市空气质量创新高\n\n2023年，某市空气质量创新高。", "某市空气质量创新高"),
    ("某市蓝天数创新高\n原标题：某市空气质量创新高\n\n2023年，某市空气质量创新高。", "某市蓝天数创新高"),
])
def test_a_reprint_s_original_title_heads_it_only_where_no_other_does(page, title):
    [unit] = [u for u in segment(normalize(page)) if u.kind != "caption"]
    assert unit.title == title and "原标题" not in unit.text


def test_an_official_document_s_number_is_under_its_title_not_the_title():
    page = "某市生态环境局行政处罚决定书\n某环罚〔2024〕7号\n\n当事人：某某有限公司。\n\n我局决定对你公司处以罚款。"
    [unit] = [u for u in segment(normalize(page)) if u.kind != "caption"]
    assert unit.title == "某市生态环境局行政处罚决定书"
    assert unit.text.startswith("某环罚〔2024〕7号\n当事人")


def test_a_dash_led_subhead_under_a_title_is_kept_as_the_body_s_first_line():
    page = ("政府工作报告\n\n——2024年1月9日在某市第九届人民代表大会第三次会议上\n\n"
            "过去一年，全市PM2.5平均浓度降至38微克/立方米。")
    [unit] = [u for u in segment(normalize(page)) if u.kind != "caption"]
    assert unit.title == "政府工作报告"
    assert unit.text.startswith("——2024年1月9日在某市第九届人民代表大会第三次会议上\n过去一年")


def test_a_page_s_masthead_is_the_page_s_not_a_story_s_kicker():
    page = normalize("某某日报 2024年3月8日 第2版\n\n我市湿地面积持续扩大\n\n本报讯 今年以来，我市新增湿地面积3000亩。")
    found = segment_page(page)
    assert found.masthead == "某某日报2024年3月8日 第2版"
    assert [u.title for u in found.units] == ["我市湿地面积持续扩大"]


def test_a_dated_masthead_further_down_a_page_is_chrome_and_the_paper_s_name_alone_is_a_credit():
    story = "我市湿地面积持续扩大\n\n本报讯 今年以来，我市新增湿地面积3000亩。"
    found = segment_page(normalize(f"某某日报 2024年3月8日\n\n{story}\n\n某某日报 2024年3月8日 第2版\n\n{story}"))
    assert found.removed == ["某某日报2024年3月8日 第2版"]
    assert [u.paragraphs for u in found.units] == [["本报讯 今年以来，我市新增湿地面积3000亩。"]] * 2  # copies alike
    credited = segment_page(normalize(f"{story}\n\n某某日报"))
    assert credited.removed == [] and credited.units[0].byline == "某某日报"


def test_what_ingest_drops_as_spam_or_a_footer_is_kept_aside_for_readers():
    raw = RawArticle(id="spam-1", source="test", published_at=datetime(2024, 7, 1, tzinfo=UTC), text=(
        "本报讯 今年上半年，衡水市PM2.5平均浓度为41微克/立方米。\n"
        "加微信xx88888领取彩金，百家乐真人视讯注册送88元\n"
        "全市优良天数比例为66.3%。\n"
        "✋热门推荐\n据说明天有雨\n"))
    _, item = clean_item(raw, DedupIndex())
    text = "\n".join(u.text for u in item.units)
    assert "彩金" not in text and "热门推荐" not in text
    spam = [r.text for r in item.removed if r.reason == "spam"]
    assert any("彩金" in t for t in spam) and any("热门推荐" in t and "明天有雨" in t for t in spam)


def test_news_clean_carries_unique_units_and_points_at_the_repeats_it_took_out():
    text = ("衡水空气质量持续改善\n\n本报记者 李明\n\n今年上半年，衡水市PM2.5平均浓度为41微克/立方米，同比下降6.8%，"
            "优良天数比例为66.3%，全市空气质量持续改善，重污染天数同比减少3天。\n")
    item = clean_item(RawArticle(id="rep-1", source="test", published_at=datetime(2024, 7, 1, tzinfo=UTC),
                                 text=f"{text}\n{text}"), DedupIndex())[1]
    published = for_clean_topic(item)
    assert published is not None and [u.kind for u in published.units] == ["article"]
    assert [(r.reason, r.duplicate_of) for r in published.removed] == [("duplicate", "rep-1#0")]
    alone = clean_item(RawArticle(id="rep-2", source="test", published_at=datetime(2024, 7, 1, tzinfo=UTC),
                                  text=text), DedupIndex())[1]
    assert for_clean_topic(alone.model_copy(update={"units": [item.units[1]]})) is None  # nothing unique left


def test_a_sign_off_under_the_last_story_is_its_byline_and_an_end_mark_is_dropped():
    [unit] = segment("林业这五年\n\n全县森林覆盖率达到62.3%。\n\n（完）\n\n都昌县融媒体中心")
    assert (unit.title, unit.byline) == ("林业这五年", "都昌县融媒体中心")
    assert unit.paragraphs == ["全县森林覆盖率达到62.3%。"]


def test_numbered_sections_of_a_report_are_its_paragraphs_not_new_stories():
    [unit] = segment("某市环境质量通报\n\n一、全市情况\n\n全市优良天数为88天。\n\n"
                     "二、各县情况\n\n甲县：\n优良天数90天。")
    assert unit.title == "某市环境质量通报"
    assert unit.paragraphs == ["一、全市情况", "全市优良天数为88天。", "二、各县情况", "甲县：", "优良天数90天。"]


def test_a_dateline_naming_the_paper_s_city_and_date_opens_the_body_not_a_headline():
    [unit] = segment("秋冬季攻坚启动\n\n本报太原11月2日讯（记者 韩冰）今年以来，我省\n\n重污染天数同比减少3.1天。")
    assert unit.title == "秋冬季攻坚启动"
    assert unit.paragraphs == ["本报太原11月2日讯（记者 韩冰）今年以来，我省重污染天数同比减少3.1天。"]


@pytest.mark.parametrize("body, joined", [
    ("今年以来，全县PM2.5平均浓度为3\n9微克/立方米，同比下降4.\n1%。", "浓度为39微克/立方米，同比下降4.1%。"),
    ("今年以来，全县PM2.\n5平均浓度为39微克/立方米。", "全县PM2.5平均浓度"),
    ("今年以来，全县空气质量明显好转：优良天数比例80.3%，PM2.5\n31μg/m3，PM10 55μg/m3。", "PM2.5 31μg/m3"),
    ("某县融媒体中心讯 近年来，全县森林覆盖率由2015年的1\n7.2%提高到27.6%。", "由2015年的17.2%提高到"),
    ("●某县 截至5月底，全县共立案查处环境违法案件58件，罚\n款金额412.3万元。", "罚款金额412.3万元"),
    ("【重磅】今年1-8月，某县PM10浓度为62微克/立\n方米。", "浓度为62微克/立方米。"),
])
def test_a_sentence_cut_by_a_column_break_rejoins_whatever_it_was_cut_in(body, joined):
    [unit] = [u for u in segment(normalize("某县空气质量持续改善\n\n" + body)) if u.kind != "caption"]
    assert unit.title == "某县空气质量持续改善" and joined in unit.text and "\n" not in unit.text


def test_a_table_s_rows_ending_and_starting_with_numbers_stay_apart():
    page = ("某市各县空气质量排名\n\n8月份，各县空气质量排名如下：\n排名  县区  综合指数  PM2.5\n1某县3.12  22\n"
            "2某区3.25 24\n3某镇3.31 25\n（某市生态环境局）")
    [unit] = [u for u in segment(normalize(page)) if u.kind != "caption"]
    assert "22\n2某区" in unit.text and "24\n3某镇" in unit.text and unit.byline == "（某市生态环境局）"


@pytest.mark.parametrize("sign_off", ["某县人民政府", "（完）\n\n某县融媒体中心", "某县融媒体中心 报道",
                                      "某县生态环境局供稿", "某某日报", "——某县生态环境局", "（某县生态环境局供稿）",
                                      "某市督察整改办", "某市生态环境综合执法支队"])
def test_a_story_printed_twice_is_two_units_each_with_its_sign_off(sign_off):
    story = f"某县空气质量持续向好\n\n上半年，全县空气质量持续向好。\n\n{sign_off}"
    units = [u for u in segment(normalize(story + "\n\n" + story)) if u.kind != "caption"]
    assert [(u.title, u.byline, u.text) for u in units] == [
        ("某县空气质量持续向好", sign_off.split("\n")[-1], "上半年，全县空气质量持续向好。")] * 2


def test_a_credit_in_brackets_beside_a_byline_is_part_of_it_and_a_sign_off_joins_them():
    page = "某市蓝天更多了\n\n（某某日报记者 张三）\n本报记者 李四\n\n今年以来，全市空气质量持续向好。\n\n某某日报"
    [unit] = [u for u in segment(normalize(page)) if u.kind != "caption"]
    assert unit.byline == "（某某日报记者 张三） 本报记者 李四 某某日报"
    assert unit.text == "今年以来，全市空气质量持续向好。"


def test_a_headline_parted_by_a_bar_with_a_comma_is_a_headline():
    [unit] = [u for u in segment(normalize("六五环境日 | 这五年，天更蓝了\n\n五年来，全县空气质量持续向好。"))
              if u.kind != "caption"]
    assert unit.title == "六五环境日 | 这五年，天更蓝了"


def test_a_story_cut_by_jump_lines_is_joined_where_the_page_cut_it():
    [unit] = segment("全县造林绿化扎实推进\n\n今年春季，故城县森林覆盖率达到\n\n（下转第二版）\n\n"
                     "（上接第一版）31.4%。")
    assert unit.paragraphs == ["今年春季，故城县森林覆盖率达到31.4%。"]


def test_a_table_under_its_caption_stays_in_the_story_down_to_its_last_row():
    page = ("7月份各县空气质量排名\n\n7月份，全市PM2.5平均浓度为30微克/立方米。\n表2 7月份各县空气质量\n"
            "县区 综合指数 PM2.5\n滦州市 3.05 25\n迁安市 3.18 27\n（来源：某市生态环境局）")
    [unit] = segment(normalize(page))
    assert unit.title == "7月份各县空气质量排名" and unit.byline == "（来源：某市生态环境局）"
    assert unit.text.split("\n")[1:] == ["表2 7月份各县空气质量", "县区\t综合指数\tPM2.5", "滦州市\t3.05\t25",
                                         "迁安市\t3.18\t27"]


def test_a_newsflash_of_one_headline_is_a_unit_and_two_such_are_not_one_repeated():
    index = DedupIndex()
    units = []
    for n, text in enumerate(["快讯：某市1-10月PM2.5浓度同比下降12%", "快讯：某县今年完成造林3.5万亩"]):
        raw = RawArticle(id=f"f{n}", source="test", published_at=datetime(2024, 11, 5, tzinfo=UTC), text=text)
        index, item = clean_item(raw, index)
        units += item.units
    assert [(u.kind, u.title) for u in units] == [("brief", "快讯：某市1-10月PM2.5浓度同比下降12%"),
                                                  ("brief", "快讯：某县今年完成造林3.5万亩")]


@pytest.mark.parametrize("meta", ["来源：某某日报 2025-02-10", "发布时间：2025/02/10 09:30", "2025.02.10",
                                  "浏览次数：1024", "稿件编号：A1024", "编号：2024012"])
def test_a_line_ending_in_a_date_or_a_time_is_not_a_number_cut_by_the_line_break(meta):
    [unit] = segment(normalize(f"某市空气质量创新高\n{meta}\n2024年，某市优良天数比率达95.1%，较上年提高3.0个百分点。"))
    assert unit.text.startswith("2024年，某市优良天数比率达95.1%")


def test_a_lead_in_ending_in_a_colon_is_a_paragraph_of_its_own():
    [unit] = segment(normalize("上半年各市空气质量\n\n上半年，全省各市空气质量情况如下：\n"
                               "安康市：PM2.5平均浓度为31微克/立方米；优良天数比例为88.4%。"))
    assert unit.text.split("\n") == ["上半年，全省各市空气质量情况如下：",
                                     "安康市：PM2.5平均浓度为31微克/立方米；优良天数比例为88.4%。"]


def test_a_web_outlet_s_dateline_opens_a_story_under_its_headline():
    [unit] = segment(normalize("某市空气质量持续改善\n人民网某市11月5日电 1-10月，某市PM2.5平均浓度为43微克/立方米。"))
    assert unit.title == "某市空气质量持续改善" and unit.text.startswith("人民网某市11月5日电")


def test_a_kicker_above_the_headline_is_kept_as_text_not_dropped():
    [unit] = segment(normalize("前10月某市PM2.5浓度同比下降8.7%\n\n蓝天白云成常态\n\n某某日报记者 张三\n\n"
                               "今年以来，某市持续推进大气污染防治。"))
    assert unit.title == "蓝天白云成常态"
    assert unit.text.split("\n")[0] == "前10月某市PM2.5浓度同比下降8.7%"


@pytest.mark.parametrize("body", ["1-5月，某市优良天数比率为75.1%。", "3月份，某市优良天数比率为75.1%。"])
def test_a_line_opening_with_a_span_of_months_is_not_the_tail_of_a_cut_number(body):
    [unit] = segment(normalize(f"某市空气质量\n稿件编号 1024\n{body}"))
    assert body in unit.text.split("\n")


@pytest.mark.parametrize(("line", "whole"), [
    ("优良天数：27天（同比+3天）", True), ("罚款：326.5万元", True), ("综合指数：3.05（全省第2）", True),
    ("据统计：2023年全市", False), ("浏览次数：1024", False),  # a sentence a column cut; the page's own data
])
def test_a_line_of_a_label_and_its_figure_ends_whole(line, whole):
    assert ends_sentence(line) is whole


def test_lines_of_a_label_and_its_figure_are_the_body_not_a_headline_block():
    page = "7月全市空气质量\n优良天数：27天（同比+3天）\nPM2.5：22μg/m3（同比-15.4%）\n来源：某市生态环境局"
    [unit] = [u for u in segment(normalize(page)) if u.kind != "caption"]
    assert unit.title == "7月全市空气质量"
    assert unit.text == "优良天数：27天（同比+3天）\nPM2.5：22μg/m3（同比-15.4%）"

