"""Find the quantities a sentence states: number, range, multiplier, qualifier, unit (core).

One compiled pattern does the scan, so the cost is linear in the sentence.
A quantity is read only where a unit follows, or, for a bare number, where
punctuation or the end follows (an index such as "综合指数2.83,"); numbers
glued to Latin letters (PM2.5, O3, SO2) and numbers followed by other words
(2021年, 3项, 24小时) are not quantities. Chinese numerals are read only with a
measuring unit, since 一/两 are also ordinary words, or as counts and days when they
hold a 十/百/千 ("二十三起", not "一起"). Ranks are "第N名/位".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from services.extract.numbers import ARABIC, CHINESE, MULT, parse_number, to_float
from services.extract.scan import gated
from services.extract.units import UNIT_RE, read_unit

_Q = gated(
    r"(?P<top>首位|榜首)|"  # "稳居全省首位": first, where a ranking verb comes before it
    rf"(?<=[逾超近过])(?P<round>{MULT})(?P<runit>元|吨|亩)|"  # a rounded headline figure: "罚款逾亿元"
    # not inside a number or a code, nor a range's end ("30-40"); "同比-15.4%" is a sign
    rf"(?<![A-Za-z0-9.])(?<![A-Za-z0-9.%]-)"
    rf"(?P<neg>倒数(?:排名|排在|排)?)?(?P<ord>第)?(?P<per>每立方米)?(?:(?P<pct>百分之)(?P<pnum>{ARABIC}|{CHINESE}|百)"
    rf"|(?P<num>{ARABIC}|{CHINESE})(?P<mult>{MULT})?(?P<more>多|余)?"
    # "30～40", "60.1%至93.5%", "30微克/立方米—40微克/立方米" (a unit printed twice takes a dash: "下降1.2微克/立方米
    # 至43.8微克/立方米" is a change, then the level it came to)
    rf"(?:(?:(?P<unit1>%|％)?\s*[—–\-~～至到]|(?P<unit1b>{UNIT_RE})\s*[—–\-~～])\s*(?P<num2>{ARABIC})(?P<mult2>{MULT})?)?"
    rf"\s*(?P<unit>{UNIT_RE}|名|位(?![列居])|微克|毫克)?)(?P<post>左右|上下|及?以上|及?以下|以内|多)?"
)
_CJK_AFTER = re.compile(r"(?![、和及与]\s*\d)[\u4e00-\u9fffA-Za-z0-9]")  # a list ("21、29和33…") goes on
_MOVED = re.compile(r"(?:前移|后移|后退|前进|上升|下降|提升|进步)$")  # a rank moved by N places
# "排名第6", "排第6"; "（全省第2）" in a line of data: the field, then the place in it
_RANKED = re.compile(r"(?:排名|位列|位居|排在|名列|居|并列|分列)[^，,。；;]{0,6}$|(?<![安编])排$"
                     r"|(?:[（(]|降幅|增幅|升幅|幅度)(?:为|是)?(?:全省|全市|全国|全区)$")  # "降幅全省第一"
# "以19微克/立方米位列第二", "以3.05的指数排名第一": the words after the level a place is ranked by
RANKED_AFTER = re.compile(r"(?:的[^，,。；;\d]{0,6})?\s*(?:位列|位居|排名|排在|排|居|名列|列)")
# "由5.12降至4.63", "从5.12下降到": the words after a level left behind for another
LEFT_BEFORE = r"[由从](?:[^，,。；;]{0,10}?的)?"  # "由", "由去年同期的", "从2022年的"
_LEFT_BEFORE = re.compile(LEFT_BEFORE + "$")


def left_behind(text: str, start: int) -> bool:
    """The figure at ``start`` is a level left behind for another ("由原来的四类", "从2022年的5.12")."""
    return bool(_LEFT_BEFORE.search(text, max(0, start - 12), start))

LEFT_FOR = re.compile(r"(?:下降|降低|减少|上升|升高|提高|提升|增加|改善|好转|恶化|[降升增减])?(?:至|到|为)")
_TOP_BEFORE = re.compile(r"(?:排名|位列|位居|排在|名列|居|列)[^，,。；;]{0,12}$")  # "居全省11个设区市榜首"
# the words before a number that qualify it, longest first: "不超过" ends with "超过"
_BEFORE = {**{w: "approx" for w in ("接近", "大约", "将近", "约", "近")},
           **{w: "over" for w in ("超过", "高于", "多于", "逾", "超", "至少", "最少")},
           **{w: "under" for w in ("不足", "不到", "低于", "少于", "最多", "至多")},
           **{w: "under" for w in ("不超过", "不高于", "不多于")}, **{w: "over" for w in ("不低于", "不少于")}}
# "数十起", "几百万元", "若干千…": some tens or hundreds; 数 closing a word (天数, 人数, 次数) is no such word
_SOME = re.compile(r"(?:(?<![天人次户总指分系倍基参函级])数|几|若干)$")
# the words that state a figure just before it: a numeral after them is a count, not a word ("为五天")
_STATED = re.compile(r"(?:为|是|达|共|仅|只有|减少|增加|增多|下降|上升|天数)了?$")  # "重污染天数两天"
_CONCENTRATION = re.compile(r"浓度|PM|颗粒物|臭氧|二氧化|一氧化")
_SPOKEN = {"微克": ("ug/m3", Decimal(1)), "毫克": ("mg/m3", Decimal(1))}
_POSITIONED = re.compile(r"[十百千]")
# "优良天数比例（%）：58.2", "PM2.5浓度（微克/立方米）为65": the unit printed once after the measure's name
_UNIT_HEADER = re.compile(rf"[（(]\s*(?P<u>{UNIT_RE})\s*[）)]\s*(?:[:：]|为|是|达到?)?\s*$")
_CN_OK = {"ug/m3", "mg/m3", "%", "pp", "CNY", "km2", "m2", "ha", "mu", "t", "m3", "km"}


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str | None  # a unit code, "g/m3", or None for a bare number
    qualifier: str
    rank: bool = False
    from_bottom: bool = False


_VERB_BEFORE = re.compile(r"(?:为|是|达到|达|于)$")


def _qualifier(text: str, start: int, m: re.Match[str]) -> str:
    post = (m.group("post") or "").removeprefix("及")  # "85%及以上"
    if m.group("more") or post in ("以上", "多"):
        return "over"
    if post in ("左右", "上下"):
        return "approx"
    if post in ("以下", "以内"):
        return "under"
    verb = _VERB_BEFORE.search(text, max(0, start - 2), start)  # "约为45": the qualifier before the verb
    for end in (start, verb.start()) if verb else (start,):
        for size in (3, 2, 1):
            q = _BEFORE.get(text[max(0, end - size):end])
            if q:
                return q
    if text.endswith("上", 0, start) and (m.group("num") or "")[:1] in "十百千万亿":
        return "over"  # "上千万元", "上百起": as many or more
    return "exact"


def _read(text: str, m: re.Match[str]) -> Quantity | None:
    if m.group("top"):  # "放在首位" is a priority, not a rank
        top = _TOP_BEFORE.search(text, max(0, m.start() - 16), m.start())
        return Quantity(m.start(), m.end(), 1.0, None, "rank", "exact", rank=True) if top else None
    if m.group("round"):
        rounded, scale = read_unit(m.group("runit"))
        qualifier = "approx" if text[m.start() - 1] == "近" else "over"
        return Quantity(m.start() - 1, m.end(), to_float(parse_number("1", m.group("round")) * scale), None, rounded,
                        qualifier)
    if m.group("pct"):
        token = m.group("pnum")
        value = Decimal(100) if token == "百" else parse_number(token)
        return Quantity(m.start(), m.end(), to_float(value), None, "%", _qualifier(text, m.start(), m))
    num, unit_text = m.group("num"), m.group("unit")
    if bool(m.group("per")) and unit_text not in _SPOKEN or unit_text in _SPOKEN and not (
            m.group("per") or _CONCENTRATION.search(text, max(0, m.start() - 24), m.start())):
        return None  # "每立方米32微克", "PM2.5浓度降至38微克以下": a concentration; 微克 alone is not
    chinese = not num[0].isdigit()
    if chinese and num[0] in "十百千万" and _SOME.search(text, max(0, m.start() - 3), m.start()):
        return None  # "数千万元", "几百起": some thousands, no figure ("重污染天数十天" is one)
    if m.group("ord"):
        ranked = unit_text in ("名", "位") or (unit_text is None and _RANKED.search(text, 0, m.start()))
        if not ranked or m.group("mult"):
            return None
        return Quantity(m.start(), m.end(), to_float(parse_number(num)), None, "rank", "exact", rank=True,
                        from_bottom=bool(m.group("neg")))
    if unit_text == "位" and _MOVED.search(text, max(0, m.start() - 3), m.start()):
        return Quantity(m.start(), m.end(), to_float(parse_number(num)), None, "rank", "exact")  # "前移2位"
    if m.group("neg") or unit_text in ("名", "位"):
        return None
    if unit_text is None:
        if chinese or m.group("mult") or _CJK_AFTER.match(text, m.end()) and not (
                text.endswith("以", 0, m.start()) and RANKED_AFTER.match(text, m.end())
                or left_behind(text, m.start()) and LEFT_FOR.match(text, m.end())):
            return None  # "以3.05位列第一": an index a place is ranked by is a figure; so is "由5.12降至4.63"'s
        header = _UNIT_HEADER.search(text, max(0, m.start() - 24), m.start())
        code, factor = read_unit(header.group("u")) if header else (None, Decimal(1))
    else:
        code, factor = _SPOKEN.get(unit_text) or read_unit(unit_text)
        if chinese and code not in _CN_OK and not (code in ("count", "days") and (
                _POSITIONED.search(num) or _STATED.search(text, max(0, m.start() - 3), m.start()))):
            return None  # "一起", "两天": words; "二十三起", "一百二十天", "重污染天数为五天": counts
    try:
        value = parse_number(num, m.group("mult") or "") * factor
        high = parse_number(m.group("num2"), m.group("mult2") or "") * factor if m.group("num2") else None
    except ValueError:
        return None
    if high is not None and not m.group("mult") and m.group("mult2"):
        value *= parse_number("1", m.group("mult2"))  # "3000至5000万" shares the multiplier
    twice = m.group("unit1") or m.group("unit1b")
    if high is not None and high < value or twice and read_unit(twice)[0] != code:
        return None  # "60.1%—93.5%", "30微克/立方米—40微克/立方米": a range with its unit printed twice
    return Quantity(m.start(), m.end(), to_float(value), to_float(high) if high is not None else None,
                    code, _qualifier(text, m.start(), m))


def find_quantities(text: str) -> list[Quantity]:
    out = []
    for m in _Q.finditer(text):
        q = _read(text, m)
        if q is not None:
            out.append(q)
    return out
