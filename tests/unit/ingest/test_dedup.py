from datetime import UTC, datetime

import pytest

from services.common.schemas import RawArticle
from services.ingest.dedup import DedupIndex, fingerprint, near, step
from services.ingest.pipeline import clean_item, remember

STORY = (
    "今年上半年，邯郸市PM2.5平均浓度为48微克/立方米，同比下降5.9%；优良天数比例为61.3%，同比上升3.2个百分点。"
    "该市对重点行业企业实行差异化管控，累计完成超低排放改造企业46家，减少二氧化硫排放1200吨。"
    "截至6月底，全市12个国考断面水质优良比例达到91.7%，劣V类水体全部消除。"
)
OTHER_STORY_SAME_CITY = (
    "今年以来，邯郸市持续打好蓝天碧水净土保卫战，深入推进农村生活污水治理，完成治理村庄86个。"
    "该市新建污水处理设施23座，铺设管网140公里，农村生活污水治理率达到52%。"
    "邯郸市持续打好蓝天碧水净土保卫战，生态环境质量持续改善。"
)
BULLETIN = "{d}日，全市空气质量指数为{a}，首要污染物为PM2.5，浓度为{b}微克/立方米，空气质量等级为{c}。"


def test_a_repush_with_other_spacing_punctuation_and_footer_is_a_duplicate():
    repush = STORY.replace("，", ",").replace("。", ". ") + "\n（责任编辑：王某）"
    assert near(fingerprint(STORY), fingerprint(repush))


def test_a_reprint_in_traditional_script_is_a_duplicate_after_normalization():
    from services.ingest.normalize import normalize
    traditional = STORY.replace("邯郸", "邯鄲").replace("浓度", "濃度").replace("质量", "質量")
    assert near(fingerprint(STORY), fingerprint(normalize(traditional)))


def test_two_stories_on_the_same_city_sharing_stock_phrases_are_not():
    assert not near(fingerprint(STORY), fingerprint(OTHER_STORY_SAME_CITY))


def test_templated_bulletins_that_differ_only_in_their_numbers_are_not():
    a = BULLETIN.format(d=3, a=86, b=61, c="良")
    b = BULLETIN.format(d=4, a=112, b=84, c="良")
    assert not near(fingerprint(a), fingerprint(b))
    assert near(fingerprint(a), fingerprint(a + " "))


DAILY = ("{d}日，本市环境空气质量指数为{a}，空气质量等级为良，首要污染物为细颗粒物。当日PM2.5平均浓度为{b}微克/立方米，"
         "PM10平均浓度为{c}微克/立方米，二氧化氮平均浓度为31微克/立方米，臭氧8小时平均浓度为88微克/立方米，"
         "一氧化碳平均浓度为0.8毫克/立方米。全市13个国控监测站点中，有9个站点达到二级标准。")


@pytest.mark.parametrize("changed", ["d", "a", "b", "c"])
def test_a_long_bulletin_that_differs_in_one_figure_only_is_not(changed):
    figures = {"d": 5, "a": 78, "b": 52, "c": 96}
    a = DAILY.format(**figures)
    b = DAILY.format(**{**figures, changed: figures[changed] + 7})
    assert not near(fingerprint(a), fingerprint(b))
    assert near(fingerprint(a), fingerprint(a.replace("，", ",").replace("。", ". ") + "\n点赞 分享"))


MONTHLY = ("2024年{m}月，全市PM2.5平均浓度为{p}微克/立方米，同比下降{g}%；共查处环境违法案件62起，罚没款{f}万元。"
           "全市集中式饮用水水源地水质达标率保持100%。")


def test_reports_on_one_template_get_their_own_anchor_figure_and_a_repush_keeps_it():
    """The year, small counts, round figures and the digits of names (PM2.5) that every report
    repeats never join two reports' bucket keys."""
    reports = [fingerprint(MONTHLY.format(m=m, p=p, g=g, f=f))
               for m, p, g, f in [(3, 41, 6, "11.2"), (4, 38, 9, "12.7"), (5, 35, 4, "13.6")]]
    assert len({fp.anchor for fp in reports}) == 3
    repush = MONTHLY.format(m=3, p=41, g=6, f="11.2").replace("，", ",") + "\n（来源：某某网）"
    assert fingerprint(repush).anchor == reports[0].anchor


def test_a_reprint_that_drops_a_sentence_is_found_through_the_index():
    index = DedupIndex()
    for n in range(20):  # other reports on the same template fill the buckets first
        index, _ = step(index, f"other-{n}#0", fingerprint(DAILY.format(d=n + 1, a=60 + n, b=30 + n, c=70 + n)))
    remark = "记者从市生态环境局获悉，该市将继续深化大气污染综合治理，推动空气质量持续改善。"
    original = DAILY.format(d=5, a=78, b=52, c=96) + remark + STORY
    index, _ = step(index, "first#0", fingerprint(original))
    reprint = original.replace(remark, "")
    _, found = step(index, "reprint#0", fingerprint(reprint))
    assert found == "first#0"


def test_the_index_keeps_at_most_capacity_entries_oldest_out_first():
    index = DedupIndex(capacity=3)
    for n in range(5):
        index, verdict = step(index, f"d{n}#0", fingerprint(BULLETIN.format(d=n, a=n * 7, b=n * 3, c="优")))
        assert verdict is None
    assert list(index.entries) == ["d2#0", "d3#0", "d4#0"]
    assert sum(len(refs) for refs in index.buckets.values()) == 3 * 4
    index, verdict = step(index, "again#0", fingerprint(BULLETIN.format(d=0, a=0, b=0, c="优")))
    assert verdict is None  # evicted, so no longer known


def _item(doc_id: str, text: str) -> RawArticle:
    return RawArticle(id=doc_id, source="test", published_at=datetime(2024, 7, 15, tzinfo=UTC), text=text)


def test_across_items_the_second_copy_points_at_the_first():
    index = DedupIndex()
    index, first = clean_item(_item("site-a/1", "邯郸空气质量改善\n\n" + STORY), index)
    index, second = clean_item(_item("site-b/9", "转载：邯郸空气质量改善\n\n" + STORY + "\n点赞 分享 收藏"), index)
    assert [u.kind for u in first.units] == ["brief"]
    assert [(u.kind, u.duplicate_of) for u in second.units] == [("duplicate", "site-a/1#0")]
    assert second.units[0].text == ""


def test_an_article_printed_twice_in_one_item_comes_out_once():
    page = "【邯郸空气质量改善】\n" + STORY + "\n\n【邯郸空气质量改善】\n" + STORY
    _, item = clean_item(_item("page", page), DedupIndex())
    assert [(u.kind, u.duplicate_of) for u in item.units] == [("brief", None), ("duplicate", "page#0")]


def test_an_untitled_page_pasted_twice_keeps_each_paragraph_once_and_says_what_it_took_out():
    lines = ["截至6月底，全市12个国考断面水质优良比例达到91.7%。", "全市完成超低排放改造企业46家。"]
    _, item = clean_item(_item("page", "\n\n".join(lines * 2)), DedupIndex())
    assert [u.text for u in item.units] == ["\n".join(lines)]
    assert [(r.reason, r.text) for r in item.removed] == [("duplicate", line) for line in lines]


@pytest.mark.parametrize("body", [
    pytest.param("城市\tPM2.5浓度\t优良天数比例\n邯郸\t48\t61.3%\n城市\tPM2.5浓度\t优良天数比例\n邢台\t50\t58.2%",
                 id="a header over two tables"),
    pytest.param("全市完成造林3.2万亩。\n完成。\n全县完成造林1.1万亩。\n完成。", id="a line too short to tell"),
])
def test_what_may_repeat_in_a_story_stays(body):
    _, item = clean_item(_item("page", body), DedupIndex())
    assert item.removed == [] and item.units[0].text.count("\n") == body.count("\n")


HEADLINE, BODY = "邢台市2023年环境质量公报", "全市PM2.5平均浓度为38微克/立方米。"


@pytest.mark.parametrize("text", [BODY, f"{HEADLINE}\n\n{BODY}", f"邢臺市2023年環境質量公報\n\n{BODY}"])
def test_a_headline_the_feed_sends_apart_heads_the_text_once(text):
    raw = RawArticle(id="rss-1", source="rss", published_at=datetime(2024, 3, 1, tzinfo=UTC), title=HEADLINE, text=text)
    _, item = clean_item(raw, DedupIndex())
    assert [(u.title, u.text) for u in item.units] == [(HEADLINE, BODY)]


def test_a_replayed_item_is_not_a_duplicate_of_itself():
    index = DedupIndex()
    index, first = clean_item(_item("x", STORY), index)
    index, again = clean_item(_item("x", STORY), index)
    assert first == again


def test_an_index_rebuilt_from_the_cleaned_items_knows_what_its_predecessor_had_seen():
    index, first = clean_item(_item("site-a/1", "邯郸空气质量改善\n\n" + STORY), DedupIndex())
    _, other = clean_item(_item("site-c/2", "邯郸治水\n\n" + OTHER_STORY_SAME_CITY), index)
    rebuilt = remember(DedupIndex(), [first, other])
    assert len(rebuilt.entries) == 2
    _, repost = clean_item(_item("site-b/9", "转载：邯郸空气质量改善\n\n" + STORY + "\n点赞 分享 收藏"), rebuilt)
    assert [(u.kind, u.duplicate_of) for u in repost.units] == [("duplicate", "site-a/1#0")]
    _, replay = clean_item(_item("site-a/1", "邯郸空气质量改善\n\n" + STORY), rebuilt)
    assert replay == first  # the redelivered item itself still goes through


def test_a_rebuilt_index_keeps_its_capacity():
    items = [clean_item(_item(f"d{i}", BULLETIN.format(d=i, a=50 + i, b=20 + i, c="良") * 3), DedupIndex())[1]
             for i in range(5)]
    rebuilt = remember(DedupIndex(capacity=3), items)
    assert sorted(rebuilt.entries) == ["d2#0", "d3#0", "d4#0"]
