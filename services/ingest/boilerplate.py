"""Boilerplate and spam lines: web UI chrome, recommendation footers, injected ads (core).

Rules are about the *shape* of a line, never about one site's strings:
- A UI line is one that is (almost) nothing but UI tokens (举报, 写留言, 点赞,
  分享, 责任编辑, 来源 …), emoji, counters and punctuation.
- A recommendation header (热门推荐, 相关阅读, 猜你喜欢 …) opens a footer:
  everything after it in the feed item is dropped, because what follows such a
  header is other pages' snippets, not this article.
- Injected spam: a line opening with an advertisement label (【推广】, （广告）),
  gambling/porn/marketing vocabulary (two distinct hits, or one
  hit next to a contact handle), hashtag topics (#话题#, [超话]), emoticon
  codes, or a line dense with links and phone numbers.
- A run of three or more bulleted lines that shares almost no vocabulary with
  the rest of the item is a list of unrelated snippets, unless most of them are
  whole sentences (a column of briefs, "●某市 1—5月，…。", is news).
URLs and hashtag topics inside otherwise good prose are cut out of the line, the prose kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from services.ingest.layout import LABELLED_ITEM

_UI_TOKENS = (
    "举报", "写留言", "留言", "点赞", "分享", "收藏", "转发", "评论", "阅读原文", "阅读", "在看",
    "发布", "责任编辑", "编辑", "来源", "作者", "扫一扫", "扫码", "关注", "返回顶部", "返回",
    "上一篇", "下一篇", "打印", "关闭窗口", "关闭", "字号", "大中小", "点击", "查看", "更多",
    "热门推荐", "相关推荐", "推荐阅读", "相关阅读", "延伸阅读", "猜你喜欢", "热门文章", "相关文章",
    "版权所有", "版权声明", "免责声明", "复制链接", "微信", "微博", "朋友圈", "小程序", "二维码",
    "赞", "踩", "投诉", "纠错", "我要纠错", "打赏", "登录", "注册", "首页", "字体", "手机打开", "手机上打开",
    "当前页", "本页", "关注我们", "点击上方", "蓝字", "长按识别", "识别二维码", "打开APP", "下载客户端",
)


def _any_of(words: Iterable[str]) -> re.Pattern[str]:
    """One alternation of the words, longest first, so a longer word wins where two start together."""
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


_UI_RE = _any_of(_UI_TOKENS)
MAX_CHROME = 60  # a longer line is neither UI chrome nor a recommendation header
_RECOMMEND_HEADER = re.compile(
    r"^\W{0,3}(?:热门|相关|推荐|精彩|猜你|延伸|更多|往期|热点)"
    r"(?:推荐|阅读|文章|新闻|喜欢|资讯|内容|回顾|视频|专题|链接)\W{0,3}$"
)
# a label and its value; "上一篇：…" and "下一篇：…" name other pages, whatever their titles say
_LABEL_LINE = re.compile(r"^[（(【\[]?\s*(?:来源|责任编辑|编辑|作者|校对|审核|监制|出品|原标题"
                         r"|上一篇|下一篇|上一条|下一条)\s*[:：|丨｜].{0,40}$")
# a site's breadcrumb: "首页 > 新闻中心 > 环保要闻", "当前位置：首页 - 工作动态"
_BREADCRUMB = re.compile(r"^(?:(?:当前位置|您的位置|您现在的位置|位置)\s*[:：]?\s*)?(?:首页|主页|网站首页)"
                         r"(?:\s*[>»＞›/\-—|]\s*[^>»＞›/|。，,]{1,16}){1,6}\s*[>»＞›]?\s*$")
# a printed page's number: "— 3 —", "-12-", "第 3 页 共 12 页"
_PAGE_NUMBER = re.compile(r"^[—–\-\s]*\d{1,3}[—–\-\s]*$|^第\s*\d{1,3}\s*页\s*[，,/]?\s*(?:共\s*\d{1,3}\s*页)?$")
_DATED_LABEL = re.compile(r"^[\d\-/:.年月日\s]{8,}\s*(?:来源|作者|编辑)\s*[:：][^。，,]{0,24}$")
_NOISE = re.compile(r"[\W\d_a-zA-Z]+")
_URL = re.compile(r"(?:https?://|www\.)[\w\-./?%&=#:~+@]+|\b[\w-]+\.(?:com|cn|net|org)(?:/[\w\-./?%&=#~+]*)?",
                  re.ASCII)
# A phone number not inside a longer digit run. The look-behind sits after the first
# digit, not before it, so the engine skips to candidate digits at C speed.
_PHONE = re.compile(r"[014](?<!\d[014])(?:(?<=0)\d{2,3}-?\d{7,8}|(?<=1)[3-9]\d{9}|(?<=4)00-?\d{3}-?\d{4})(?!\d)")
_HASHTAG = re.compile(r"#[^#\s]{1,30}#|\[超话\]|\[em\][^\[]{0,20}\[/em\]|\[[\u4e00-\u9fff]{1,4}\]")
_SPAM_VOCABULARY = (
    "博彩 赌场 赌博 百家乐 娱乐城 真人视讯 老虎机 棋牌 时时彩 六合彩 彩票 彩金 返水 提款 下注 投注 葡京 威尼斯人 "
    "太阳城 皇冠体育 体育投注 开户 注册送 充值送 代理加盟 日赚 兼职刷单 刷单 色情 裸聊 约炮 一夜情 成人视频 "
    "福利视频 无码 黄片 AV av 激情 少妇 丝袜 援交 减肥 瘦身 代购 官方旗舰店 下单 包邮 优惠券 秒杀 特价 微商"
).split()
_CONTACT_WORD = r"(?:qq|微信|vx|wx|加v|电话)\s*[:：]?\s*"
_CONTACT = re.compile(_CONTACT_WORD + r"[\w-]{5,}", re.IGNORECASE)
_BULLETS = "•·●◆◇■-*"


# "（来源：某某日报）", "——来源：某省林业局": not text, but who published it, and so where it is from
_SOURCE_LINE = re.compile(r"^[（(【\[—–\-]{0,2}\s*来源\s*[:：]\s*[^，,。；;]{2,30}?[）)】\]]?\s*$")


_ORIGINAL_TITLE = re.compile(r"^\s*原标题\s*[:：]\s*(\S.{0,60})$")


def original_title(line: str) -> str | None:
    """The title a reprint quotes ("原标题：…"): chrome under a headline, the headline where there is none."""
    m = _ORIGINAL_TITLE.match(line)
    return m.group(1).strip() if m else None


def is_source_line(line: str) -> bool:
    return bool(_SOURCE_LINE.match(line))


# a newspaper's jump line: "（下转第二版）" ends a story's first part, "（上接第一版）" opens the rest
_JUMP = re.compile(r"[（(]\s*(?:下转|上接|转|接)第?\s*[\d一二三四五六七八九十]{1,3}\s*版\s*[）)]")


def without_jumps(line: str) -> str:
    """The line without its jump marks, so the two parts of a story join where the page cut it."""
    return _JUMP.sub("", line) if "版" in line else line


def strip_urls(line: str) -> str:
    """The line without its links and hashtag topics ("#蓝天保卫战# 上半年我市…": the post, not its tags)."""
    return _HASHTAG.sub("", _URL.sub("", line))


def is_ui_line(line: str) -> bool:
    """True for lines that are only page chrome: UI words, counters, emoji, punctuation."""
    if not line or len(line) > MAX_CHROME:
        return False
    if _LABEL_LINE.match(line) or _DATED_LABEL.match(line) or _PAGE_NUMBER.match(line) or _BREADCRUMB.match(line):
        return True
    line = line.replace(" ", "")  # "字体：大 中 小"
    hits = _UI_RE.findall(line)
    if not hits:
        return False
    rest = _NOISE.sub("", _UI_RE.sub("", line))
    return len(rest) <= 4 and len(rest) < sum(map(len, hits))


# a web page's date and source line under its headline: "2023-04-26 15:20 来源：…", "发布时间：…"
_METADATA = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}.{0,40}?(?:来源|作者|编辑|浏览|阅读|发布|发表)"
                       r"|(?:来源|发布时间|发布日期|发布机构)\s*[:：]")


def is_metadata_line(line: str) -> bool:
    return len(line) <= 2 * MAX_CHROME and bool(_METADATA.search(line))


def is_recommend_header(line: str) -> bool:
    return bool(_RECOMMEND_HEADER.match(line.strip()))


_MARKERS = ("#", "[", "http", "www.", ".com", ".cn")
# One alternation, longest first: on a clean page it scans about three times
# faster than an Aho-Corasick automaton over str (both measured). Phone numbers are a
# second scan: joined into this one they would cost ten times more.
_SPAM_WORD = _any_of(_SPAM_VOCABULARY)
_SPAM_OR_MARKER = _any_of([*_MARKERS, *_SPAM_VOCABULARY])


# a line that says it is an advertisement: "【推广】加微信…", "（广告）…"
_AD_LABEL = re.compile(r"[【\[(（]\s*(?:推广|广告|赞助|软文)\s*[】\])）]")


def may_hold_spam(text: str) -> bool:
    """Cheap test on a whole item: False means no line of it can be a spam line."""
    return bool(_SPAM_OR_MARKER.search(text) or _PHONE.search(text) or _AD_LABEL.search(text))


def _spam_words(line: str) -> set[str]:
    return {word.lower() for word in _SPAM_WORD.findall(line)}


_POST_MIN = 12


def is_spam_line(line: str) -> bool:
    """Injected advertising, gambling, porn or social-media snippets."""
    if _AD_LABEL.match(line.lstrip()):
        return True
    words = _spam_words(line)
    if len(words) >= 2 or (words and _CONTACT.search(line)):
        return True
    if _HASHTAG.search(line) and len(_NOISE.sub("", _HASHTAG.sub("", line))) < _POST_MIN:
        return True  # tags and emoticons with next to no text; a post that carries tags is kept, untagged
    links = len(_URL.findall(line)) + len(_PHONE.findall(line))
    return links >= 2 or (links >= 1 and len(line) < 40)


# what gives an injected ad away inside a line: its vocabulary, a contact handle, a phone number, a link
_HANDLE = _CONTACT_WORD + r"[A-Za-z0-9_-]{5,}"  # the handle itself, not the words after it
_SPAM_HIT = re.compile("|".join([_HANDLE, f"(?a:{_URL.pattern})",  # a link's \w is ASCII, as in _URL
                                  *(p.pattern for p in (_SPAM_WORD, _PHONE, _AD_LABEL))]), re.IGNORECASE)
_NEAR = 24  # hits this close together are one ad
_REACH = 12  # an ad's piece reaches no further than this past its last give-away ("注册送88元")
_REACH_BACK = 4  # and no further than this before its first (a credit "（来源：某日报）" may come just before)
_PIECE_END = re.compile(r"[。！？!?\s]")
_PROSE_LEFT = 30  # what is left of a spam line once its ads are cut is a page's prose from this many characters
_CLAUSE = re.compile(r"[。，,；;]")


def cut_spam(line: str) -> tuple[str, list[str]]:
    """A long line of prose with ads set into it (a page that came as one line): the line with each
    ad cut out, from the start of the piece (between spaces or sentence ends) its first give-away
    stands in to the end of the piece of its last one (no further than a few characters: normalization
    takes out the spaces between a handle and the text), and the ads cut. Hits that are no ad by the rule of
    ``is_spam_line`` ("彩票" in a story) stay."""
    clusters: list[list[int]] = []
    for m in _SPAM_HIT.finditer(line):
        if clusters and m.start() - clusters[-1][1] <= _NEAR:
            clusters[-1][1] = m.end()
        else:
            clusters.append([m.start(), m.end()])
    kept, cuts, at = [], [], 0
    for first, last in clusters:
        start = max(at, *(line.rfind(c, 0, first) + 1 for c in "。！？!? \u3000"))
        start = start if first - start <= _REACH_BACK else first  # "加微信…", "【博彩】", "澳门新葡京"
        end = stop.end() if (stop := _PIECE_END.search(line, last)) else len(line)
        end = end if end - last <= _REACH else last  # "…加微信abc12345沧源县召开…": spaces gone, the handle ends it
        if is_spam_line(line[start:end]):
            kept.append(line[at:start])
            cuts.append(line[start:end].strip())
            at = end
    kept.append(line[at:])
    return "".join(kept).strip(), cuts


def is_prose_left(text: str) -> bool:
    """What is left of a spam line once its ads are cut is prose: long enough, in clauses, and with no
    give-away of an ad left in it (else the line was all ad, and is dropped whole)."""
    return len(text) >= _PROSE_LEFT and bool(_CLAUSE.search(text)) and not _SPAM_HIT.search(text)


def is_bullet(line: str) -> bool:
    return bool(line) and line[0] in _BULLETS




def _is_prose(line: str) -> bool:
    return len(line) >= 20 and line.rstrip().endswith(("。", "！", "？"))


def _bigrams(text: str) -> set[str]:
    chars = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def unrelated_bullet_runs(lines: list[str], min_run: int = 3, max_overlap: float = 0.25) -> set[int]:
    """Indices of lines in runs of ``min_run``+ bullets that share little vocabulary with the rest.

    Overlap is the share of a bullet's character bigrams found in the non-bullet text;
    real lists in an article reuse its words, injected snippets do not.
    """
    bullets = [line for line in lines if is_bullet(line)]
    if len(bullets) < min_run:
        return set()
    if not any(_is_prose(line) for line in lines if not is_bullet(line)) and 2 * sum(
            bool(LABELLED_ITEM.match(line, 1)) for line in bullets) > len(bullets):
        return set()  # no prose but labelled bullets: they are the page ("●空气：PM2.5年均浓度41微克/立方米")
    body = _bigrams("".join(line for line in lines if not is_bullet(line)))
    out: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if i < len(lines) and is_bullet(line):
            run.append(i)
            continue
        prose = sum(1 for j in run if _is_prose(lines[j]))
        if len(run) >= min_run and 2 * prose <= len(run):  # snippets are titles; "●长治市 1—5月，…。" is news
            shares = [len(b & body) / len(b) for b in (_bigrams(lines[j]) for j in run) if b]
            if shares and sum(shares) / len(shares) < max_overlap:
                out.update(run)
        run = []
    return out
