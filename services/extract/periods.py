"""Time expressions and the period each one denotes, resolved against publication (core).

Rules follow the spec's table: years, month ranges within a year or across a
year end (with or without days: "2023年11月1日至2024年3月15日"), single months, 上/下半年,
quarters and their ranges ("一至三季度"), seasons (今冬明春: the autumn-winter to come or under
way; 上一秋冬季: last year's), 今年/去年, 年底前/年内 (this year), running totals
(今年以来, 截至目前, 截至N月底), five-year-plan ends ("十二五"末 = 2015), spans of whole
years (2016年至2019年, 近五年), full dates and date ranges (whole months) and 全年.
A time expression right after 较/比/与/同 is a baseline ("较2021年同期"), not the
figure's period. "目前" alone marks a stock figure: explicitly no period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from services.extract.numbers import parse_chinese

_N = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
# 上年 and 上一年 are last year, 本年 this year, as reports write them; "上一秋冬季" is last year's
_Y = r"(?:(?:\d{4}|今|去|前|明|上一?|本)年|上一个?(?=秋冬季|冬季))"
_PATTERN = re.compile(
    # a cheap first-character test
    r"(?=[\d一二三四五六七八九十两今去前明昨截止到至目上下第春夏秋冬“全近过最本年首采供国元五劳])"
    r"(?<![\d.A-Za-z])"  # not inside a number or a code: "PM2.5月均值" is no May
    # "为1988年以来最好水平", "创2013年有监测记录以来同期最低": a record's reach, not the time a figure covers
    r"(?:(?P<record>\d{4}年(?:有[^，,。；;\d]{0,6})?(?:以来|至今)(?=的?(?:同期)?(?:最|首|历史|新高|新低)))"
    r"|"
    # "2024.1-2024.6", "2024.01—06": months written with the year and a point
    r"(?P<dotted>(?P<ty1>(?:19|20)\d{2})\.(?P<tm1>\d{1,2})\s*[—–\-~～至到]\s*(?:(?P<ty2>(?:19|20)\d{2})\.)?"
    r"(?P<tm2>\d{1,2})月?(?![\d.]))"
    rf"|(?P<cross>(?P<cy1>\d{{4}}|去|上)年(?P<cm1>{_N})月?(?:\d{{1,2}}日)?\s*[—–\-~～至到]\s*"
    rf"(?P<cy2>\d{{4}}|今|次|翌|明)年(?P<cm2>{_N})月)"
    rf"|(?P<winter>(?P<wy1>\d{{4}})年?\s*[—–\-~～至到]\s*(?P<wy2>\d{{4}})年度?(?P<wseason>秋冬季|冬季|采暖季|供暖季|采暖期|供暖期))"
    rf"|(?P<years>(?P<ys1>\d{{4}})年?\s*[—–\-~～至到]\s*(?P<ys2>\d{{4}})年(?!\s*\d|[一二三四五六七八九十]))"
    rf"|(?P<recent>(?:近|过去|最近)(?P<rn>{_N})年|(?<![\d年])(?P<rn2>[一二三四五六七八九十两]{{1,2}}|\d{{1,2}})年来)"
    rf"|(?:(?P<dy>\d{{4}})年)?(?P<dm1>{_N})月\d{{1,2}}日(?:\s*[—–\-~～至到]\s*(?P<dm2>{_N})月\d{{1,2}}日)?"
    rf"|(?P<upto>截至|截止|截止到|到)(?:(?P<uy>\d{{4}}|今)年)?(?P<um>{_N})月(?:底|末|份|\d{{1,2}}日)?(?!\d|[一二三四五六七八九十]|日)"
    rf"|(?:(?P<since>\d{{4}})|(?P<since_rel>去|前))年(?:以来|至今)"
    rf"|(?P<running>今年以来|年初以来|截至目前|截止目前|截止到目前|截至到目前|截至当前|目前为止|今年累计|今年(?![\d一二三四五六七八九十上下春夏秋冬第前首]))"
    rf"|(?P<thiswinter>今冬明春)"
    # the heating season under way, or the one last ended: November to March
    rf"|(?P<heating>(?:本|今年|本轮)?(?:采暖|供暖)(?:期|季)(?:间|内|以来)?)"
    # a holiday of fixed date: its month ("国庆假期（10月1日—7日）" states its days anyway)
    rf"|(?P<holiday>国庆|元旦|五一|劳动节)节?(?:假期|期间|长假|节日期间|小长假)"
    rf"|(?P<lastmonth>上个?月)份?(?![\d一二三四五六七八九十])|(?P<thismonth>本月)份?"
    rf"|(?P<day>昨天|昨日|今天|今日|前天)"  # a day: its month, as a full date is
    rf"|(?P<yearend>(?<![\d一二三四五六七八九十两今去前明本上年])(?:(?:到|至)?年底前|(?:到|至)年底|年内))"
    rf"|(?P<plan>“?十(?P<plan_n>[一二三四五])五”?(?P<plan_pos>末|期间|时期|以来|前(?P<plan_years>[一二三四两])年)?)"
    rf"|(?P<year>{_Y})?(?P<firsts>前)?"
    rf"(?:(?P<half>上半年|下半年)|(?:第)?(?P<quarter>[一二三四1-4])(?:\s*[—–\-~～至到]\s*(?P<quarter2>[一二三四1-4]))?季度|(?P<firstq>首季)度?|(?P<season>春季|夏季|秋季|冬季|秋冬季)"
    rf"|(?P<whole>(?<!预计)(?<!每)(?<!可)全年)"
    # "9、10月份": months listed one by one
    rf"|(?P<ml1>{_N})月?份?、(?:{_N}月?份?、)*(?P<ml2>{_N})月(?:份)?(?!\d|[一二三四五六七八九十]{{0,3}}日)"
    rf"|(?P<m1>{_N})月?\s*[—–\-~～至到]\s*(?P<next>次年|翌年|来年)?(?P<m2>{_N})月|(?P<nmonths>{_N})个月|(?P<month>{_N})月(?:份)?(?!\d|[一二三四五六七八九十]{{0,3}}日|底|末)(?P<msince>以来)?"
    rf"|(?P<yearonly>(?<=年)))"
    rf"|(?P<now>目前))"
)
_PLAN_START = {"一": 2006, "二": 2011, "三": 2016, "四": 2021, "五": 2026}
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_SEASON = {"春季": (3, 5), "夏季": (6, 8), "秋季": (9, 11), "冬季": (12, 14), "秋冬季": (10, 15)}
_BASELINE = re.compile(r"(?:较|比|与|同|相比|对比|相较于?|比起)\s*$")
# "比新区设立之初的2017年", "较“十三五”末的2020年": the base named, then its year
_BASELINE_OF = re.compile(r"(?:较|(?<![占])比(?![例率重])|相比|对比)[^，,。；;\d]{1,10}?的\s*$")


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    period: tuple[str, str] | None  # None: a stock figure ("目前"), stated explicitly
    baseline: bool
    floating: bool = False  # "全年" with no year of its own: the year of the period in force
    same_months: bool = False  # "去年同期": the months in force, a year earlier
    deadline: bool = False  # "年底前", "年内": when something is due, not a time a report covers
    running: bool = False  # "今年以来", "今年累计": January of this year to now


def _years_back(month: str, years: int) -> str:
    return f"{int(month[:4]) - years:04d}{month[4:]}"


def _whole_year(year: str) -> tuple[str, str]:
    return f"{year}-01", f"{year}-12"


def anchor(periods: list[PeriodMention], in_force: tuple[str, str] | None) -> list[PeriodMention]:
    """Give a floating "全年" the year of the period before it in the sentence, else of
    ``in_force`` (the paragraph's or the article's), else it keeps the publication year;
    "今年以来" after a time from this January the end that time states; and "去年同期" the months of
    that period a year earlier (else it stays last year)."""
    out: list[PeriodMention] = []
    for mention in periods:
        before = [p.period for p in out if p.period and not p.baseline]
        year = (before[-1] if before else in_force or (None, None))[0]  # a season across a year end: its first
        if mention.floating and year:
            mention = PeriodMention(mention.start, mention.end, _whole_year(year[:4]), mention.baseline)
        elif mention.running and before and mention.period and before[-1][0] == mention.period[0]:
            # "截至3月31日，全市今年累计…": the same running total, to the end the sentence stated
            mention = PeriodMention(mention.start, mention.end, before[-1], mention.baseline, running=True)
        elif mention.same_months and mention.period and (before or in_force):
            start, end = before[-1] if before else in_force  # type: ignore[misc]
            back = int(start[:4]) - int(mention.period[0][:4])  # a year back for 去年, or to the year named
            mention = PeriodMention(mention.start, mention.end, (_years_back(start, back), _years_back(end, back)),
                                    mention.baseline)
        out.append(mention)
    return out


def _num(s: str) -> int:
    return int(s) if s.isdigit() else int(parse_chinese(s))


def _ym(year: int, month: int) -> str:
    year += (month - 1) // 12
    return f"{year:04d}-{(month - 1) % 12 + 1:02d}"


def _span(year: int, m1: int, m2: int) -> tuple[str, str] | None:
    if not (1 <= m1 <= 12 and 1 <= m2 <= 15 and m1 <= m2):
        return None
    return _ym(year, m1), _ym(year, m2)


def _year_of(token: str | None, published: date) -> int:
    if not token or token.startswith(("今", "本")):
        return published.year
    return {"去": published.year - 1, "上": published.year - 1, "前": published.year - 2, "明": published.year + 1}.get(
        token[0], int(token[:4]) if token[:4].isdigit() else published.year
    )


def _resolve(m: re.Match[str], published: date) -> tuple[str, str] | None | bool:
    """The period of one match; False when the match is not a time expression after all."""
    g = m.group
    if g("record"):
        return False
    if g("dotted"):
        y1, a, b = int(g("ty1")), int(g("tm1")), int(g("tm2"))
        y2 = int(g("ty2")) if g("ty2") else y1
        return (_ym(y1, a), _ym(y2, b)) if (y1, a) <= (y2, b) and 1 <= a <= 12 and 1 <= b <= 12 else False
    if g("cross"):  # "2023年11月1日至今年3月15日", "2023年11月至次年2月"
        y1, a, b = published.year - 1 if g("cy1") in ("去", "上") else int(g("cy1")), _num(g("cm1")), _num(g("cm2"))
        y2 = {"今": published.year, "次": y1 + 1, "翌": y1 + 1, "明": y1 + 1}.get(g("cy2")) or int(g("cy2"))
        return (_ym(y1, a), _ym(y2, b)) if (y1, a) <= (y2, b) and 1 <= a <= 12 and 1 <= b <= 12 else False
    if g("winter"):
        y1, y2 = int(g("wy1")), int(g("wy2"))
        months = {"秋冬季": (10, 15), "冬季": (12, 14)}.get(g("wseason"), (11, 15))  # 采暖季: November to March
        return (_ym(y1, months[0]), _ym(y1, months[1])) if y2 == y1 + 1 else False
    if g("years"):
        y1, y2 = int(g("ys1")), int(g("ys2"))
        return (_ym(y1, 1), _ym(y2, 12)) if y1 < y2 else False
    if g("recent"):
        n = _num(g("rn") or g("rn2").replace("两", "二"))
        return (_ym(published.year - n, 1), _ym(published.year - 1, 12)) if 1 <= n <= 20 else False
    if g("dm1"):
        year = int(g("dy")) if g("dy") else published.year
        first = _num(g("dm1"))
        return _span(year, first, _num(g("dm2")) if g("dm2") else first) or False
    if g("upto"):
        year = int(g("uy")) if g("uy") and g("uy") != "今" else published.year
        return _span(year, 1, _num(g("um"))) or False
    if g("since") or g("since_rel"):
        year = int(g("since")) if g("since") else published.year - (1 if g("since_rel") == "去" else 2)
        return (_ym(year, 1), _ym(published.year, published.month)) if year <= published.year else False
    if g("running"):
        return _span(published.year, 1, published.month) or False
    if g("heating"):
        first = published.year if published.month >= 11 else published.year - 1
        return _ym(first, 11), _ym(first, 15)
    if g("holiday"):  # this year's, once it has come
        month = {"国庆": 10, "元旦": 1}.get(g("holiday"), 5)
        return _span(published.year - (month > published.month), month, month)
    if g("lastmonth"):
        return _span(published.year, published.month - 1, published.month - 1) if published.month > 1 else (
            _ym(published.year - 1, 12), _ym(published.year - 1, 12))
    if g("day"):
        day = published - timedelta(days={"昨": 1, "前": 2}.get(g("day")[0], 0))
        return _span(day.year, day.month, day.month)
    if g("thismonth"):
        return _span(published.year, published.month, published.month)
    if g("thiswinter"):  # the autumn-winter season under way, or the next one: October to March
        first = published.year - 1 if published.month <= 3 else published.year
        return _ym(first, 10), _ym(first, 15)
    if g("yearend"):  # "确保年底前…", "力争年内…": this year
        return _span(published.year, 1, 12)
    if g("plan"):
        first = _PLAN_START[g("plan_n")]
        if g("plan_pos") == "末":
            return _span(first + 4, 1, 12) or False
        if g("plan_years"):  # "“十四五”前三年": the plan's first years
            return _ym(first, 1), _ym(first + _num(g("plan_years").replace("两", "二")) - 1, 12)
        if g("plan_pos") == "以来" and first <= published.year <= first + 4:
            return _ym(first, 1), _ym(published.year, published.month)  # a running total from the plan's start
        return _ym(first, 1), _ym(first + 4, 12)
    if g("now"):
        return None
    year = _year_of(g("year"), published)
    if g("whole"):
        return _span(year, 1, 12)
    if g("half"):
        return _span(year, 1, 6) if g("half") == "上半年" else _span(year, 7, 12)
    if g("quarter"):
        q = _QUARTER[g("quarter")]
        if g("quarter2"):  # "一至三季度"
            return _span(year, 3 * q - 2, 3 * _QUARTER[g("quarter2")]) or False
        return _span(year, 1 if g("firsts") else 3 * q - 2, 3 * q)
    if g("firstq"):  # "今年首季": the first quarter
        return _span(year, 1, 3)
    if g("season"):
        a, b = _SEASON[g("season")]
        return _span(year if a < 12 or g("year") else year - 1, a, b) or False
    if g("ml1"):  # months listed one by one: the span they make when they run on
        first, last = _num(g("ml1")), _num(g("ml2"))
        return _span(year, first, last) if last - first == g(0).count("、") else False
    if g("m1"):
        return _span(year, _num(g("m1")), _num(g("m2")) + (12 if g("next") else 0)) or False
    if g("nmonths"):
        return _span(year, 1, _num(g("nmonths"))) if g("firsts") else False
    if g("month"):
        month = _num(g("month"))
        if g("msince"):  # "10月份以来": a running total from that month
            return (_span(year, month, published.month) if year == published.year else _span(year, month, 12)) or False
        return _span(year, 1 if g("firsts") else month, month) or False  # "前10月": the first ten months
    if g("yearonly") is not None and g("year"):
        return _span(year, 1, 12)
    return False


def find_periods(text: str, published: date) -> list[PeriodMention]:
    out: list[PeriodMention] = []
    pos = 0
    while (m := _PATTERN.search(text, pos)) is not None:
        pos = m.end() if m.end() > m.start() else m.start() + 1
        if not m.group():
            continue
        period = _resolve(m, published)
        if period is False:
            if m.group("ml2"):  # "二、10月份": a numbered heading before a month, not months listed
                pos = m.start("ml2")
            continue
        baseline = bool(_BASELINE.search(text[max(0, m.start() - 4):m.start()])
                        or _BASELINE_OF.search(text, max(0, m.start() - 16), m.start()))
        floating = bool(m.group("whole")) and not m.group("year")
        same = bool(m.group("year")) and m.group() == m.group("year") and m.group() not in ("今年", "本年") \
            and text.startswith("同期", m.end())  # "去年同期", "2023年同期": the months in force, that year
        out.append(PeriodMention(m.start(), m.end(), period, baseline, floating, same,  # type: ignore[arg-type]
                                 bool(m.group("yearend")), bool(m.group("running"))))
    return out


# "回眸2023·生态篇", "2023，我们这样守护蓝天": a year a headline prints bare, not a count of something
_BARE_YEAR = re.compile(r"(?<![\d.\-—–~～〔\[【(（])((?:19|20)\d{2})"  # "〔2024〕15号" is a document's number
                        r"(?![\d.年月%〕\]】)）]|\s*[亩吨万亿件个天起家元人户米公微毫项次处座辆套台条种株棵])")


def title_periods(title: str, published: date) -> list[PeriodMention]:
    """The periods a headline states, with the bare years headlines print ("回眸2023") read as years
    (not in a sentence, where a bare four-digit number is as often a count); a year to come is none."""
    found = find_periods(title, published)
    taken = [(m.start, m.end) for m in found]
    for m in _BARE_YEAR.finditer(title):
        year = int(m.group(1))
        if year <= published.year and not any(a <= m.start() < b for a, b in taken):
            found.append(PeriodMention(m.start(), m.end(), _whole_year(str(year)), False))
    return sorted(found, key=lambda m: m.start)

