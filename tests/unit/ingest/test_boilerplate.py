import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.ingest.boilerplate import (
    cut_spam,
    is_prose_left,
    is_recommend_header,
    is_spam_line,
    is_ui_line,
    may_hold_spam,
    strip_urls,
    unrelated_bullet_runs,
)


@pytest.mark.parametrize("line", [
    "分享到： 微信 微博 QQ空间",
    "点赞 12  评论 3  收藏",
    "责任编辑：李某某",
    "来源：某某新闻网",
    "上一篇 下一篇 返回顶部",
    "阅读 3万+  在看 28",
    "【字体：大 中 小】",
    "扫一扫在手机打开当前页",
    "下一篇：某县开展植树活动 新植苗木3万株",  # another page's title, whatever it says
    "点击上方蓝字 关注我们",
    "长按识别二维码 关注我们",
    "【我要纠错】",
    "来源 | 某县融媒体中心",  # a WeChat post's labels use a bar
    "— 3 —",  # a printed page's number
    "第 3 页 共 12 页",
])
def test_page_chrome_lines(line):
    assert is_ui_line(line)


@pytest.mark.parametrize("line", [
    "全市共查处环境违法案件126起，罚没款1250万元，同比增长12%。",
    "记者从市生态环境局获悉，今年以来该市空气质量持续改善。",
    "分享经验做法，推广先进典型。",  # UI word inside real prose
])
def test_prose_is_not_chrome(line):
    assert not is_ui_line(line)


@pytest.mark.parametrize("line", ["相关阅读", "猜你喜欢：", "▌精彩推荐", "热点新闻", "往期回顾", "相关链接："])
def test_recommendation_headers(line):
    assert is_recommend_header(line)


@pytest.mark.parametrize("line", [
    "澳门葡京娱乐城，注册送58元彩金，百家乐真人视讯24小时在线",
    "加微信：abc12345 日赚500，兼职刷单",
    "#今日热搜[超话]# 这也太好看了吧",
    "咨询热线 0311-86012345 或 13912345678 立即预约",
    "瘦身秘方限时秒杀，官方旗舰店下单包邮",
])
def test_injected_spam(line):
    assert is_spam_line(line)


@pytest.mark.parametrize("line", [
    "举报电话：12369。",  # a public hotline inside an article, one short number
    "今年该市彩票公益金支持生态修复项目3个。",  # one vocabulary hit, no contact handle
])
def test_spam_rules_spare_ordinary_sentences(line):
    assert not is_spam_line(line)


def test_urls_are_cut_from_prose():
    assert strip_urls("详见官网https://example.org/a?b=1 。") == "详见官网 。"


def test_bullets_unrelated_to_the_article_are_dropped_and_its_own_list_kept():
    lines = [
        "今年以来，全市持续推进大气污染综合治理，空气质量明显改善。",
        "• 全市完成散煤治理两万户，大气污染综合治理取得成效",
        "• 空气质量优良天数持续增加",
        "• 大气污染防治综合治理持续推进",
        "• 明星同款连衣裙限时特惠",
        "• 三招教你做出好吃的红烧肉",
        "• 周末去哪儿玩？这份攻略请收好",
    ]
    assert unrelated_bullet_runs(lines[:4]) == set()
    assert unrelated_bullet_runs([lines[0], *lines[4:]]) == {1, 2, 3}


def test_labelled_bullets_that_are_the_whole_page_are_its_body_but_snippets_under_a_table_are_not():
    lines = ["回眸2023·生态篇", "●空气：PM2.5年均浓度41微克/立方米", "●水：国考断面水质优良比例100%",
             "●林：完成营造林12.6万亩", "某市生态环境局"]
    assert unrelated_bullet_runs(lines) == set()
    table = ["5月各县空气质量", "县区\tPM2.5\t优良天数", "正定县\t38\t25", "• 明星同款连衣裙限时特惠",
             "• 三招教你做出好吃的红烧肉", "• 周末去哪儿玩？这份攻略请收好"]
    assert unrelated_bullet_runs(table) == {3, 4, 5}


def test_a_column_of_bulleted_briefs_is_news_not_a_list_of_snippets():
    lines = [
        "大同：湿地公园开园迎客",
        "●晋城市 1—4月，晋城市PM2.5平均浓度为41微克/立方米，同比下降4.7%。",
        "●临汾市 今年以来，临汾市完成营造林12.1万亩，占年度任务的52%。",
        "●吕梁市 截至4月底，吕梁市共立案查处环境违法案件37件，罚款286万元。",
    ]
    assert unrelated_bullet_runs(lines) == set()


@pytest.mark.parametrize("line, spam", [
    ("【推广】加微信 qwe7788 领取全套备考资料", True),
    ("（广告）夏季家电限时直降", True),
    ("市生态环境局加大环保宣传推广力度，向群众免费发放资料。", False),
])
def test_a_line_labelled_as_an_advertisement_is_spam(line, spam):
    assert is_spam_line(line) is spam and may_hold_spam(line) is spam


def test_a_post_keeps_its_text_without_its_tags_and_a_line_of_tags_is_spam():
    assert strip_urls("#碧水保卫战# 全市水质优良比例达95%") == " 全市水质优良比例达95%"
    assert is_spam_line("#碧水保卫战# 全市水质优良比例达95%，同比持平") is False
    assert is_spam_line("#身边事# #生态环境# [赞]") is True


PROSE = "今年1—10月，鹿泉区PM2.5平均浓度为39微克/立方米，同比下降7.1%；优良天数为213天。（来源：鹿泉区融媒体中心）"


@pytest.mark.parametrize("ads", [
    ("【推广】金沙娱乐城 注册送38元彩金 加微信qwe98765 ", ""),
    ("", " 加vx zz66666 领取彩金，百家乐真人视讯注册送38元"),
    ("六合彩开奖结果查询 加微信 lhc2020 ", " 加微信zz66666领取彩金，百家乐注册送38元"),
])
def test_ads_set_into_a_page_that_came_as_one_line_are_cut_out_and_its_prose_kept(ads):
    before, after = ads
    prose, cut = cut_spam(before + PROSE + after)
    assert prose == PROSE
    assert [c for c in cut if c] == [a.strip() for a in (before, after) if a]


def test_a_line_that_is_all_ad_leaves_no_prose():
    prose, _ = cut_spam("澳门金沙娱乐城，全球信誉平台，注册送38元彩金，加微信qwe98765，24小时在线")
    assert not is_prose_left(prose)


def test_a_one_line_page_with_ads_keeps_its_facts():
    from tests.unit.extract.helpers import facts_of

    page = "【推广】金沙娱乐城 注册送38元彩金 加微信qwe98765 鹿泉区空气质量持续改善 " + PROSE
    got = {(f.region, f.value) for f in facts_of(page, published="2024-11-08")}
    assert got >= {("鹿泉区", 39.0), ("鹿泉区", 213.0)}


AD_AND_PROSE = st.text(alphabet=st.sampled_from(list("鹿泉区浓度为，。 彩金娱乐城注册送加微信qwe987博彩百家乐01")),
                       max_size=300)


@given(AD_AND_PROSE)
def test_cutting_ads_only_takes_text_out(line):
    prose, cut = cut_spam(line)
    assert all(c in line for c in cut)
    assert len(prose) + sum(map(len, cut)) <= len(line)
