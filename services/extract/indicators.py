"""Which indicator a quantity measures, and how: keywords of the spec's vocabulary (core).

Each rule is a keyword pattern, the indicator it names and the units a level
of that indicator is stated in. The extractor takes the nearest keyword before
a quantity (within its sentence) whose indicator accepts the quantity's unit;
counts are named by the noun after them ("15个国考断面", "313个地块…调查").
Change, rank and target are read from the words around the number: direction
words and bases (同比, 环比, 较预测, 超目标, 较2021年同期), 排名/位列第N,
and goal markers (力争, 确保, 到2025年, …的目标).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.extract.scan import gated

_AREA = frozenset({"mu", "ha", "km2", "m2"})
_CONC = frozenset({"ug/m3", "mg/m3", "g/m3"})
_NEAR = r"[^，,。；;：:！？]"


@dataclass(frozen=True)
class Rule:
    indicator: str
    pattern: re.Pattern[str]
    units: frozenset[str]  # units a level or target of this indicator is stated in


def _rule(indicator: str, pattern: str, units: set[str] | frozenset[str]) -> Rule:
    return Rule(indicator, re.compile(pattern), frozenset(units))


RULES: tuple[Rule, ...] = (
    # "…水源地水质全部达标，达标率为100%": the rate named again right after the clause that says what it is of
    _rule("water.drinking_source_compliance_rate",
          rf"(?:饮用水|水源地){_NEAR}{{0,10}}?达标(?:率|比例)|(?:饮用水|水源地){_NEAR}{{0,14}}?[，,]\s*达标(?:率|比例)",
          {"%"}),
    _rule("water.good_section_ratio",
          rf"(?:断面|水体|水质|湖库|河流){_NEAR}{{0,8}}?优良(?:水体)?(?:断面)?(?:比例|比率|占比|率)"
          r"|优良水(?:体|质)(?:断面)?(?:比例|比率|占比)|优良断面(?:比例|比率|占比)|水质优良率"
          rf"|(?:断面|水体|水质){_NEAR}{{0,8}}?优良[（(][^）)]{{0,8}}[）)](?:比例|比率|占比|率)"
          r"|(?:Ⅰ|I|一)\s*[~～\-—至到]\s*(?:Ⅲ|III|三)类[^，,。；;]{0,8}?(?:比例|占比)"
          r"|(?:Ⅰ|I|一)\s*[~～\-—至到]\s*(?:Ⅲ|III|三)类(?:水质)?(?:断面|水体|湖库|湖泊|水库)占"  # "…水质断面占88.6%"
          r"|(?:达到或好于|达到或优于|好于|优于)(?:Ⅲ|III|三)类[^，,。；;]{0,8}?(?:比例|占比)"
          r"|(?:Ⅲ|III|三)类(?:水质)?(?:及)?以上(?:水质)?(?:断面)?(?:比例|占比)"
          r"|优(?:Ⅲ|III|三)类?(?:水质)?(?:断面)?(?:比例|比率|占比)"  # "水质优Ⅲ比例": 优于Ⅲ类, as Jiangsu writes it
          r"|(?:断面|水体)(?:(?!空气)[^。；;：:]){0,16}?优良(?:比例|比率|占比|率)", {"%"}),
    _rule("water.section_compliance_rate",
          rf"(?:断面|水功能区|地表水){_NEAR}{{0,10}}?达标(?:率|比例)|水质达标率|断面达标率"
          rf"|(?:断面|水功能区){_NEAR}{{0,16}}?[，,]\s*达标(?:率|比例)", {"%"}),
    _rule("air.good_days_ratio",
          r"优良天数(?:比率|比例|占比|率)|空气(?:质量)?优良(?:天数)?(?:比率|比例|率)|达标天数(?:比例|比率)"
          r"|优良天(?:比例|比率)|(?:AQI|城区|城市)?优良率"  # a bare 优良率 is the air's; 水质优良率 is water's
          r"|二级(?:及以上|以上)?标准的?天数(?:比例|比率|占比)", {"%"}),  # "达到二级以上标准的天数比例"
    _rule("air.heavy_pollution_days", r"重(?:度(?:及以上)?)?污染(?:天气)?(?:天数|过程)?", {"days"}),
    _rule("air.good_days", r"优良天(?:数)?|蓝天(?:天数)?|达标天(?:数)?|好天(?:数)?|二级(?:及以上|以上)?标准的?天数",
          {"days"}),
    # not a water's ("国考断面水质综合指数", "水环境质量综合指数") nor an ecological one ("生态环境质量综合指数")
    _rule("air.composite_index", r"(?<!水质)(?<!水环境)(?<!环境质量)综合指数", {"index"}),
    _rule("air.pm25", r"PM2\.5|细颗粒物", _CONC),
    _rule("air.pm10", r"PM10|可吸入颗粒物", _CONC),
    _rule("air.o3", r"臭氧|(?<![A-Za-z])O3", _CONC),
    _rule("air.so2", r"二氧化硫|(?<![A-Za-z])SO2", _CONC),
    _rule("air.no2", r"二氧化氮|(?<![A-Za-z])NO2", _CONC),
    _rule("air.co", r"一氧化碳|(?<![A-Za-z])CO(?![A-Za-z0-9])", _CONC),
    _rule("soil.safe_utilization_rate", r"安全利用率", {"%"}),
    _rule("enforcement.rectification_rate", r"整改(?:完成)?率|办结率|按期整改率", {"%"}),
    _rule("enforcement.fines", r"罚款|罚没(?:款|金额)?|处罚金额|处罚(?!决定|案|(?:违法|排污)?(?:企业|单位))|罚金",
          {"CNY"}),
    _rule("enforcement.cases",
          r"立案|查处|处罚决定书?|案件|(?:违法|处罚|污染|犯罪)案|移送(?:公安|拘留)?|查封扣押|限产停产|按日连续处罚"
          r"|行政拘留|处罚(?:违法|排污)?(?:企业|单位)", {"count"}),  # "处罚违法企业56家": enterprises penalized
    _rule("green.coverage_rate", r"(?:森林|林木|绿化|林草)(?:绿化)?覆盖率|绿化率", {"%"}),
    _rule("green.forest_area", r"林地面积|森林面积", _AREA),
    _rule("green.wetland_area", r"湿地(?:保护)?(?:面积)?", _AREA),
    _rule("green.afforestation_area",
          r"造林(?:绿化)?|植树(?:造林)?|营造林|复绿|国土绿化|新增绿地|绿化面积|新增林地|退耕还林", _AREA),
    # before emissions, which also start at 削减/减少: "削减散煤8万吨" is coal saved
    _rule("energy.coal_saved",
          rf"(?:节约|节省|节能|替代|压减|削减|减少){_NEAR}{{0,6}}?(?:燃煤|煤炭|标准煤|标煤|散煤|原煤|用煤)", {"t"}),
    _rule("emissions.reduction",
          rf"减排|削减|(?:减少|降低){_NEAR}{{0,10}}?排放|排放{_NEAR}{{0,12}}?(?:减少|降低|下降|削减)"
          # "化学需氧量排放量1.23万吨，较上年减少3.1%": the total emitted, then how much it fell
          r"|排放(?:总)?量[^，,。；;]{0,12}?\d[^，,。；;]{0,6}[，,]\s*(?:同比|(?:较|比)(?:上年|去年|\d{4}年))(?:分别)?"
          r"(?:减少|降低|下降|削减)", {"t", "%"}),
    _rule("finance.eco_funding",
          r"投资|资金|补偿金|奖金|奖补|投入|生态补偿|专项债", {"CNY"}),
)
BY_INDICATOR = {r.indicator: r for r in RULES}

POLLUTANTS = (
    ("二氧化硫", "so2"), ("SO2", "so2"), ("氮氧化物", "nox"), ("NOx", "nox"), ("二氧化氮", "no2"),
    ("挥发性有机物", "vocs"), ("VOCs", "vocs"), ("烟尘", "dust"), ("粉尘", "dust"), ("颗粒物", "pm"),
    ("扬尘", "dust"), ("二氧化碳", "co2"), ("碳排放", "co2"), ("碳减排", "co2"), ("化学需氧量", "cod"),
    ("COD", "cod"),
    ("氨氮", "nh3n"), ("总磷", "tp"), ("总氮", "tn"),
)
_POLLUTANT_RE = re.compile("|".join(re.escape(w) for w, _ in POLLUTANTS))
_POLLUTANT_CODE = dict(POLLUTANTS)

COUNT_NOUNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^{_NEAR}{{0,8}}?优良{_NEAR}{{0,4}}?断面"), "water.good_sections"),
    (re.compile(rf"^{_NEAR}{{0,10}}?(?:国考|省考|国控|省控|市考|监测|考核|地表水|河流|入海){_NEAR}{{0,6}}?断面"
                rf"|^{_NEAR}{{0,8}}?(?:湖库|湖泊水库)"), "water.monitored_sections"),
    # "9个为超标地块", "63个地块被确定为超标地块"
    (re.compile(rf"^{_NEAR}{{0,3}}?(?:地块)?(?:被(?:确定|认定|列)|经?确认)?[为是](?!未)超标地块|^{_NEAR}{{0,4}}?(?<!未)超标地块"),
     "soil.plots_exceeding"),
    (re.compile(rf"^{_NEAR}{{0,12}}?地块{_NEAR}{{0,24}}?调查"), "soil.plots_surveyed"),
    (re.compile(rf"^{_NEAR}{{0,10}}?(?:案件|案|处罚决定书)"), "enforcement.cases"),
)
_CLASS_I_III = r"(?:(?:Ⅰ|I|一)\s*[~～\-—至到]\s*(?:Ⅲ|III|三)类|(?:达到或好于|达到或优于|好于|优于)(?:Ⅲ|III|三)类)"
COUNT_BEFORE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"优良(?:水体)?断面(?:数)?{_NEAR}{{0,4}}$|{_CLASS_I_III}(?:水质)?的?断面(?:数)?{_NEAR}{{0,4}}$"),
     "water.good_sections"),
    (re.compile(rf"(?<!未)超标地块(?:数)?{_NEAR}{{0,2}}$"), "soil.plots_exceeding"),
    (re.compile(rf"调查(?:的)?地块(?:数)?{_NEAR}{{0,2}}$"), "soil.plots_surveyed"),
    (re.compile(rf"(?:国考|省考|国控|省控|监测|考核)断面(?:数)?{_NEAR}{{0,4}}$"
                rf"|(?:湖库|湖泊水库)(?:监测|考核)?(?:数)?{_NEAR}{{0,2}}$"), "water.monitored_sections"),
)

_LEVEL_VERB = re.compile(
    r"(?:降至|降到|下降到|下降至|降低到|降低至|减少到|减少至|提升到|提升至|提高到|提高至|"
    r"上升到|上升至|升至|增加到|增加至|达到|达|为|是|保持|稳定在|控制在)\s*$"
)
# "较去年同期多5天", "比上年少3天" (not 至少/最多, which qualify a figure); "（↓6.1%）" in a table-like line
# "（同比-15.4%）", "同比+3天": a sign after the comparison
_DOWN = re.compile(r"(?:下降|减少|降低|降幅|减幅|减排|回落|下滑|降|(?<![至不最])少|↓|⬇"
                   r"|(?:同比|环比|同期|上年|去年|上月|相比)\s*[-−－])(?:了|为|达|达到)?\s*$")
_UP = re.compile(r"(?:上升|增加|提高|升高|回升|增长|提升|上涨|增幅|超出|高出|超过|超|增多|多出来?"
                 r"|(?<![至最许很更])多|↑|⬆"
                 r"|(?:同比|环比|同期|上年|去年|上月|相比)\s*[+＋])"
                 r"(?:了|为|达|达到)?\s*$")
_BETTER = re.compile(r"(?:改善|好转|变好)(?:了|为|达|达到)?\s*$")
_WORSE = re.compile(r"(?:恶化|变差)(?:了|为|达|达到)?\s*$")
# better is higher for these (shares of good days or sections, compliance, coverage); lower for the
# rest a change is said to improve (concentrations, the composite index, pollution days)
HIGHER_IS_BETTER = frozenset({
    "air.good_days_ratio", "air.good_days", "water.section_compliance_rate", "water.good_section_ratio",
    "water.good_sections", "water.drinking_source_compliance_rate", "soil.safe_utilization_rate",
    "enforcement.rectification_rate", "green.coverage_rate", "green.forest_area", "green.wetland_area",
})


def better(indicator: str) -> int:
    """The sign of an improvement of ``indicator`` (the spec's "Better and worse")."""
    return 1 if indicator in HIGHER_IS_BETTER else -1
_BASIS = (
    (re.compile(r"环比|(?:较|比|与)上[个一]?月"), "mom"),
    # "与上年相比"; "较上一秋冬季": the same season a year before
    (re.compile(r"同比|同期|(?:较|比|与|和|同)(?:上年|去年|上一年|上一个?(?:秋冬季|冬季|采暖季))"), "yoy"),
    (re.compile(r"(?:较|比)预测|预测值"), "forecast"),
    # "超额完成国家下达目标", "高于国家下达目标3.7个百分点"
    (re.compile(r"(?:超|较|比|超出|超过|高于|低于|优于)[^，,。；;]{0,10}目标"), "target"),
    (re.compile(r"(?:较|比|与)\s*(?:[^，,。；;\d]{1,10}?的\s*)?(?:\d{4}年|“?十[一二三四五]五”?末|基准年|基期|基年)"
                r"|[由从][^，,。；;]{0,24}?(?:下降|上升|降低|提高|降至|升至|增加|减少)"), "baseline"),
)
# 争取 names a goal ("争取到2026年…"), except where it obtains money or projects ("争取中央资金3.6亿元")
_TARGET = re.compile(r"力争|确保|争取(?![^，,。；;]{0,20}(?:资金|债|补助|补贴|奖补|项目|支持))"
                     r"|目标值?(?:是|为|[（(：:])|计划|控制在|将达到|要达到|(?:今年|年内|明年)将(?:累计)?(?:完成|实现|新增|建成)")
# "今年重点抓好以下工作：", "2025年主要任务：" (a year not over yet); not "总结了2023年工作："
_PLAN_LEAD = re.compile(r"(?<!总结)(?<!回顾)(?<!总结了)(?<!回顾了)(?:今年|明年|(\d{4})年)[^。；;]{0,10}?"
                        r"(?:重点|主要)?(?:做好|抓好)?(?:以下|如下)?(?:工作|任务)[：:]")
_GOAL_RIGHT_BEFORE = re.compile(r"目标值?\s*$")
_AGAINST_GOAL = re.compile(r"(?:超|较|比|高于|低于|优于|完成)[^，,。；;]{0,6}目标值?\s*$")
# "到2025年" names a goal's year; "11月1日至2024年3月15日" and "截至2024年6月30日" end a span of time
_GOAL_YEAR = re.compile(r"(?<![日月年截止])(?:到|至)(\d{4})年")
# "…的目标", and a list's figures before it: "完成PM2.5浓度下降4%、重污染天数减少5%的改善目标"
_TARGET_AFTER = re.compile(r"^(?:、[^，,。；;]{1,24}?)?[^，,。；;、]{0,4}?的?(?:改善|考核|年度|约束性)?(?:目标|任务)")
_SELF_DIRECTED = frozenset({"emissions.reduction", "energy.coal_saved"})


_ANY_KEYWORD = gated("|".join(f"(?P<r{n}>{rule.pattern.pattern})" for n, rule in enumerate(RULES)))


def find_keywords(sentence: str) -> list[tuple[int, int, Rule]]:
    """The keyword matches of the sentence, left to right, in one pass of all rules.

    Where two rules could match at one place, the earlier rule of ``RULES`` wins (the more
    specific one: 优良天数比率 before 优良天); matches do not overlap."""
    out: list[tuple[int, int, Rule]] = []
    for m in _ANY_KEYWORD.finditer(sentence):
        if not m.lastgroup:
            continue
        rule = RULES[int(m.lastgroup[1:])]
        if out and out[-1][2] is rule and sentence[out[-1][1]:m.start()] in ("（", "("):
            end = m.end() + 1 if sentence[m.end():m.end() + 1] in ("）", ")") else m.end()
            out[-1] = (out[-1][0], end, rule)  # "细颗粒物（PM2.5）": one name with its code, one keyword
            continue
        out.append((m.start(), m.end(), rule))
    return out


_COMPLIANCE_AFTER = re.compile(r"^达标")
_COMPLIANCE_BEFORE = re.compile(r"(饮用水)?[^，,。；;]{0,10}?(?:断面|水质|水功能区)[^，,。；;]{0,6}$")


def compliance_after(before: str, after: str) -> str | None:
    """"断面水质百分之百达标": a share stated before the word 达标."""
    m = _COMPLIANCE_BEFORE.search(before)
    if not (_COMPLIANCE_AFTER.match(after) and m):
        return None
    return "water.drinking_source_compliance_rate" if m.group(1) else "water.section_compliance_rate"


def count_indicator(sentence: str, start: int, end: int) -> str | None:
    """Indicator of a count from the noun after it, or the words just before it."""
    after = sentence[end:end + 40]
    for pattern, indicator in COUNT_NOUNS:
        if pattern.search(after):
            return indicator
    before = sentence[max(0, start - 16):start]
    for pattern, indicator in COUNT_BEFORE:
        if pattern.search(before):
            return indicator
    return None


def pollutants(text: str) -> list[str]:
    """Codes of the pollutants named in ``text``, in order."""
    return [_POLLUTANT_CODE[hit] for hit in _POLLUTANT_RE.findall(text)]


def pollutant(indicator: str, clause: str) -> str | None:
    """The last pollutant named in the clause before an emissions figure."""
    if indicator != "emissions.reduction":
        return None
    named = pollutants(clause)
    return named[-1] if named else None


# "改善幅度较大，分别为14.6%", "降幅为12.3%", "改善率4.3%": the size of a change, signed by its word
_AMPLITUDE = re.compile(r"(?P<w>改善|恶化|下降|降低|减少|上升|升高|提高|提升|增加|增长|降|减|升|增)(?:幅(?:度)?|率)"
                        r"[^，,。；;]{0,6}?[，,]?\s*(?:分别|均)?(?:为|达到|达|是)?\s*$")


def direction(indicator: str, gap: str) -> int | None:
    """+1/-1 when the words just before a number state a change, None for a level."""
    if indicator in _SELF_DIRECTED:
        return None
    amplitude = _AMPLITUDE.search(gap)
    if amplitude:
        word = amplitude.group("w")
        if word in ("改善", "恶化"):
            return better(indicator) * (1 if word == "改善" else -1)
        return -1 if word in ("下降", "降低", "减少", "降", "减") else 1
    if _LEVEL_VERB.search(gap):
        return None
    if _BETTER.search(gap):
        return better(indicator)
    if _WORSE.search(gap):
        return -better(indicator)
    if _DOWN.search(gap):
        return -1
    if _UP.search(gap):
        return 1
    return None


def basis(context: str) -> str:
    """The comparison nearest the end of ``context`` (the words before a change): "同比下降1.2微克/立方米
    至43.8微克/立方米，较2015年下降51.1%" compares the last figure with 2015."""
    best, code = -1, "unspecified"
    for pattern, name in _BASIS:
        for m in pattern.finditer(context):
            if m.end() > best:
                best, code = m.end(), name
    return code


def is_target(before: str, after: str, published_year: int) -> bool:
    """Goal words before the figure, "…的目标" after it, or "到2025年" naming a year not yet over."""
    if _TARGET.search(before) or _TARGET_AFTER.search(after):
        return True
    plan = _PLAN_LEAD.search(before)
    if plan and (plan.group(1) is None or int(plan.group(1)) >= published_year):
        return True
    if _GOAL_RIGHT_BEFORE.search(before) and not _AGAINST_GOAL.search(before):
        return True  # "今年造林目标60万亩", not "超年度目标15.4个百分点"
    return any(int(y) >= published_year for y in _GOAL_YEAR.findall(before))
