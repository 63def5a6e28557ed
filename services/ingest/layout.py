"""What each line of a newspaper page or web page is (core).

Pages mix headlines, bylines, datelines, photo captions and credits with the
prose. These predicates look at one line's shape only; ``segment`` combines
them with the neighbouring lines.
"""

from __future__ import annotations

import re
from typing import NamedTuple

TERMINAL = "。！？!?…;；."
_CLOSERS = "”’」』\"'）)"
_TRAILING_CREDIT = re.compile(r"[(（][^()（）]{0,80}(?:记者|通讯员|编辑|来源|供图|提供)[^()（）]{0,80}[)）]$")
CLAUSE_PUNCT = re.compile(r"[，,、；;]")  # marks of a clause inside a sentence
_ROLE = r"(?:首席|特约|见习|实习)?(?:记者|通讯员|实习生|摄影|编辑)"
_OUTLET = r"[\u4e00-\u9fff]{0,12}?(?:日报|晚报|早报|报|电视台|台|社|网|在线|客户端|新闻)"
DATELINE = re.compile(
    rf"^(?:{_OUTLET}讯?)?\s*[(（][^()（）\n]{{0,60}}?{_ROLE}[^()（）\n]{{0,60}}[)）]"
    rf"|^(?:本报|本台|本刊|本网)(?:[\u4e00-\u9fff]{{2,8}}?)?(?:\d{{1,2}}月\d{{1,2}}日)?讯"  # "本报石家庄10月10日讯"
    rf"|^[\u4e00-\u9fff]{{1,6}}(?:社|网|台|报)[\u4e00-\u9fff]{{2,8}}\d{{1,2}}月\d{{1,2}}日(?:电|讯|消息)"  # "人民网…电"
)
_BRACKET_CREDIT = re.compile(rf"^[(（][^()（）\n]{{0,40}}?{_ROLE}[^()（）\n]{{0,40}}[)）]$")
_BYLINE = re.compile(rf"^[□■◎●]?\s*(?:{_OUTLET})?\s*(?:本报|本台)?{_ROLE}[\s\u4e00-\u9fff·、,，]*$")
_CREDIT = re.compile(rf"(?:{_ROLE}|图片由|供图)[^。！？]{{0,30}}(?:摄|供图|制图)\s*$")
_CAPTION_MARKS = "▲△►▶◀◄▼▽"
_CREDIT_ENDS = ("摄", "供图", "制图")
_MARKDOWN = re.compile(r"^(#{1,6})\s+")
_SUBHEAD = re.compile(r"^[—–\-]{1,2}")
_NUMBERED_SECTION = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)")


# a page's masthead, its first line: "天津日报", "山西日报 2024年6月12日 第3版 要闻"
_MASTHEAD = re.compile(r"^[\u4e00-\u9fff]{2,10}(?:日报|晚报|早报|时报|都市报)\s*(?:\d{4}年\d{1,2}月\d{1,2}日)?\s*"
                       r"(?:星期[一二三四五六日天])?\s*(?:(?:第\s*[\d一二三四五六七八九十]{1,3}|[A-Z]?\d{1,2})\s*版"
                       r"(?:\s*[\u4e00-\u9fff]{2,6})?)?\s*$")


# who signs a story off under its last paragraph: "南阳市人民政府", "（安阳市生态环境局）", "某县融媒体中心 报道",
# "——鹤壁市生态环境局", "邢台市督察整改办", "某市生态环境综合执法支队"
_SIGNOFF = re.compile(r"^(?:[—–\-]{1,2}\s*)?[（(]?[\u4e00-\u9fff]{2,20}"
                      r"(?:人民政府|政府|生态环境局|局|分局|厅|委员会|办公室|(?<!怎么)办|支队|大队|监测站|融媒体中心|中心"
                      r"|电视台|广播电视台|日报|晚报)"
                      r"[）)]?\s*(?:报道|供稿|出品|发布|编辑)?[）)]?$")  # "（某市生态环境局供稿）"


def is_signoff(s: str) -> bool:
    return bool(_SIGNOFF.match(s.strip()))


def is_bracket_credit(s: str) -> bool:
    """A line that is only a credit in brackets: "（某某日报记者 张三 通讯员 李四）"."""
    return bool(_BRACKET_CREDIT.match(s.strip()))


def is_masthead(s: str) -> bool:
    """The name of the newspaper a page was printed in (and its date and page), above its stories."""
    return bool(_MASTHEAD.match(s.strip()))


_DATED = re.compile(r"\d{4}年|版")


def is_dated_masthead(s: str) -> bool:
    """A masthead with its date or page ("天津日报 2024年6月11日"): page chrome wherever it stands (a feed item
    holding two pages, or one page twice); the paper's name alone under a story is its credit."""
    return bool(_DATED.search(s)) and is_masthead(s)


class Line(NamedTuple):
    """One non-empty line: its text, markdown heading level (0 for none), and a blank line before it.

    A named tuple, not a dataclass: a page makes thousands and a tuple is built several times faster.
    """

    text: str
    level: int = 0
    gap: bool = False


def split_lines(text: str) -> list[Line]:
    out: list[Line] = []
    gap = False
    for raw in text.split("\n"):
        s = raw.strip()
        if not s:
            gap = True
            continue
        m = _MARKDOWN.match(s) if s[0] == "#" else None
        level = len(m.group(1)) if m else 0
        out.append(Line(s[m.end():].strip() if m else s, level, gap))
        gap = False
    return out


# "优良天数：27天（同比+3天）", "PM2.5平均浓度：26微克/立方米": a label and its figure, ending with it (not a
# sentence a column cut: "据统计：2023年全市"); not a page's own data ("浏览次数：1024", "发布时间：2024-08-12")
_LABEL_FIGURE_LINE = re.compile(r"(?![^：:]*(?:浏览|阅读|点击|访问|编号|文号|索引|时间|日期|发布|来源|作者|编辑|字号))"
                                r"[^：:，,。；;\s]{1,16}[：:]\s*[-+−]?\d(?:[^，,。；;：:]*[\d%）)天米元亩吨个件起位名])?$")


def ends_sentence(s: str) -> bool:
    """True when ``s`` ends a sentence: terminal punctuation, possibly inside closing quotes,
    or a trailing credit in parentheses ("…。(记者 某某)")."""
    if s[-1:] in (")", "）") and _TRAILING_CREDIT.search(s, max(0, len(s) - 100)):
        return True
    if _LABEL_FIGURE_LINE.match(s):
        return True  # "优良天数：27天（同比+3天）": a line of data is whole
    t = s.rstrip(_CLOSERS)
    if t[-2:-1].isdigit() and t.endswith("."):
        return False  # "同比上升4." cut by a column: a decimal point, not a full stop
    return bool(t) and t[-1] in TERMINAL


def has_dateline(s: str) -> bool:
    return bool(DATELINE.match(s))


def is_byline(s: str) -> bool:
    return len(s) <= 40 and bool(_BYLINE.match(s)) and not is_credit(s)


def is_credit(s: str) -> bool:
    """A photo credit line ("河北日报记者 某某摄", "本组图片由…摄"). The ending is tested first:
    most short lines fail there, before the search for a role."""
    return len(s) <= 40 and s.rstrip().endswith(_CREDIT_ENDS) and bool(_CREDIT.search(s))


def is_caption_mark(s: str) -> bool:
    """A photo caption's mark (▲ ►) opening the line; "▶石家庄：…" (a mark, then a label and a colon) is a
    bulleted item of the story, not a caption."""
    return bool(s) and s[0] in _CAPTION_MARKS and not LABELLED_ITEM.match(s, 1)


# an item's label after its mark: "▶石家庄：…", "●空气：…"
LABELLED_ITEM = re.compile(r"\s*[^，,。；;：:\s]{1,12}[：:]")


def is_subhead(s: str) -> bool:
    """A dash-led subheading ("——打造…平台") that qualifies the heading above it."""
    return bool(_SUBHEAD.match(s)) and not ends_sentence(s)


# "廊环罚〔2024〕38号", "冀政办字[2023]12号": an official document's number, printed above or below its title
_DOCUMENT_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔\[［(（【]\d{4}[〕\]］)）】]\s*(?:第)?\d{1,5}\s*号$")


def is_document_number(s: str) -> bool:
    return bool(_DOCUMENT_NUMBER.match(s.strip()))


def is_numbered_section(s: str) -> bool:
    """"(一)水环境质量", "三、土壤环境": a section of a report, not the headline of a story."""
    return bool(_NUMBERED_SECTION.match(s))


_PROSE_COMMA = re.compile(r"[，；]")


# "表1 6月份各市空气质量状况", "附表：…": a table's caption, the story's own text like the table under it
_TABLE_CAPTION = re.compile(r"^附?表\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})(?![\d年月])|^附表")


def is_table_line(s: str) -> bool:
    """A table's row or header (its cells set apart by tabs in normalization), or its caption."""
    return "\t" in s or bool(_TABLE_CAPTION.match(s))


def is_heading_like(line: Line) -> bool:
    """Short, unpunctuated, or marked up as a heading: a headline, kicker or section title."""
    s = line.text
    if line.level:
        return True
    if len(s) > 64 or ends_sentence(s) or has_dateline(s) or is_table_line(s):
        return False
    if s.startswith("【") and s.rstrip().endswith("】"):
        return True
    if s.startswith("【") and "】" in s and not _PROSE_COMMA.search(s, s.index("】")):
        return True  # "【重磅】今年1-8月，宝鸡市…" is a labelled sentence, not a heading
    if " " in s and not (len(s) > 20 and _PROSE_COMMA.search(s)):  # "六五环境日 | 这五年，我们的天更蓝了";
        return True  # not "岚县融媒体中心讯 近年来，岚县累计完成…的1", prose a column cut short
    if is_numbered_section(s) and len(s) <= 30:
        return True  # "一、2023年工作回顾": its 、 is the number's, not a clause's
    return len(s) <= 30 and not CLAUSE_PUNCT.search(s)


# "【大气环境】", "【水环境质量】": a bulletin's section label, not the title of another story
_SECTION_LABEL = re.compile(r"^【(?:大气|空气|水|地表水|饮用水|土壤|声|辐射|生态|自然生态|固体废物|固废|执法|环境执法"
                            r"|林业|绿化)(?:环境)?(?:质量)?(?:状况|方面|篇)?】$")


def is_bracket_title(line: Line) -> bool:
    return line.text.startswith("【") and "】" in line.text and not _SECTION_LABEL.match(line.text.strip())
