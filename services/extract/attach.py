"""Attachment: which indicator, measure, place and time each figure of a sentence takes (core).

For every quantity of a sentence, over the mentions found once for it (quantities, keywords,
places, periods):
- indicator: the nearest keyword before it whose indicator accepts the unit (counts: the
  noun after them), unless a metric noun of another figure stands between
  ("…覆盖率25%,蓝绿空间占比提升到65%"); a clause after a semicolon lends the keyword of the
  clause before (``Context.clause_indicator``);
- measure: rank ("第N名"), change (a direction word before the number, or 个百分点), else
  value (targets are settled in ``extraction._finish``);
- lists: "A和B分别…x和y" pairs keywords, places or pollutants with figures in order;
  "甲、乙和丙…均为30天" gives one fact per place; a later figure of a list reads like the
  first ("下降20.6%和6.5%");
- changes written after their figure ("立案查处624起、同比增长43.7%"), a bracketed absolute
  change ("下降12.5%（4微克/立方米）"), extremes ("降幅最大的是信阳市，为12.3%");
- place: the nearest subject mention before it (not a ranking scope or a comparison), else
  the paragraph's subject, else the article's own place; time: the nearest period before
  it that is not a baseline, else the one in force.
Figures that are not facts: a standard's limit, a price per unit, a rank of an improvement.
"""

from __future__ import annotations

import re
from dataclasses import replace

from services.extract import indicators as ind
from services.extract.discourse import DATELINE, Context, subject_mentions
from services.extract.drafts import CLAUSE_BREAK, Draft, When, clause_start
from services.extract.gazetteer import Place
from services.extract.periods import PeriodMention
from services.extract.quantities import LEFT_BEFORE, LEFT_FOR, RANKED_AFTER, Quantity, find_quantities, left_behind
from services.extract.regions import ANAPHOR_LEVEL, Mention, resolve

_MAX_REACH = 40
# places paired with a list reach further back: "PM2.5平均浓度为41…，…，其中太原、晋中、吕梁三市分别为49、46、44…"
_PAIRED_REACH = 80


_METRIC_NOUN = re.compile(
    r"[，,；;]([^，,；;]*?(?:占比|比例|比率|(?<!改善)(?<!下降)(?<!上升)(?<!增长)率|指数|浓度|面积|总量|数量|天数|盖度|满意度|透明度"
    r"|能耗|用水量|用电量|强度|增加值|产值|总值|GDP|收入|利润|税收|销售额|营业额|产量|销量"
    r"|轻度污染|中度污染|优级|(?<!扣除)(?<!剔除)(?<!去除)沙尘))"  # "优良天数88天，轻度污染45天": days of a grade
)  # not in the vocabulary; "扣除沙尘异常超标天后为29微克/立方米" is the same figure recounted


# "国家二级标准（35微克/立方米）", "二级标准限值35微克/立方米", "标准值为…": a limit, not a figure
_STANDARD_BEFORE = re.compile(r"(?:标准|限值|标准值|二级|一级)\s*[（(]$|(?:标准限值|标准值|限值)(?:为|是)?\s*$"
                              r"|(?:一级|二级)标准(?:为|是)\s*$")


# what makes a list of places share one figure: "…均为30天", or the list's own count ("太原、临汾、运城三市…")
# "甲、乙和丙等3县…均为30天", "甲县、乙县PM2.5浓度最低，均为18…", "甲州、乙市优良天数比例为100%",
# "甲、乙并列第三": one figure said of each place of the list (an average or a total of them is not)
_SHARED = re.compile(r"^(?:\s*等[^，,。；;]{0,6}[，,])?(?:[^，,。；;]{0,20}?[，,])?[^，,。；;]{0,20}?"
                     r"(?:均为|均达到|均达|均是|都为|都是|并列|(?<![平年日月])均(?!值))"
                     r"|^\s*等?\s*(?:\d{1,2}|[两二三四五六七八九十]{1,2})个?(?:设区市|城市|地市|市|县|区|旗|州)"
                     r"[^，,。；;]{0,24}$"
                     r"|^(?:(?!平均|合计|累计|共|总|分别|依次)[^，,。；;]){1,16}?(?:为|达到|达|是)\s*$"
                     r"|^(?:(?!平均|合计|累计|共|总|分别|依次)[^，,。；;]){0,16}?"
                     r"(?:超过|高于|低于|不足|不到|不低于|不高于)\s*$")  # "甲、乙…超过85%，丙、丁不足65%"


_LIST_MARKS = "[、和及与]"  # what stands between the items of a list
_LIST_SEP = re.compile(rf"^\s*{_LIST_MARKS}\s*$")
# "分别下降8.2%、5.1%和上升3.3%", "分别增加12天、减少2天": a list whose items say their own direction
_TURN_SEP = re.compile(rf"^\s*{_LIST_MARKS}\s*(?:增加|减少|上升|下降|提高|降低|增长|提升|升高|回升|回落|下滑|改善|好转"
                       r"|恶化|变差|增多)了?\s*$")


_TRAILING_TIME = re.compile(r"(?:去年|今年|前年|同期|\d{4}年(?:底|末)?|“?十[一二三四五]五”?末|当年)+$")


_QUALITY_CLASS = re.compile(
    # not the upper end of a range ("Ⅰ~Ⅲ类", "Ⅰ至Ⅲ类"); "达到Ⅲ类" is a class, and 劣Ⅴ类 is class 6
    r"(?<![~～\-—])(?<![ⅠⅡⅢⅣⅤIV一二三四五][至到])"
    r"(?P<c>劣Ⅴ|劣V|Ⅴ|Ⅳ|Ⅲ|Ⅱ|Ⅰ|IV|V|III|II|I|[一二三四五])类(?P<tail>水质|水体|水|标准)?"
)
# "无劣Ⅴ类水体", "消除劣Ⅴ类", "劣Ⅴ类水体全面消除": a class no water is in
_NONE_OF_CLASS = re.compile(r"(?:无|没有|消除|杜绝|不再有)$")
_NONE_AFTER = re.compile(r"(?:全面|全部|基本|已经?|实现)?(?:消除|清零|消灭|动态清零)")


_CLASS_VALUE = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5,
                "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "劣Ⅴ": 6, "劣V": 6}


# "全国168个重点城市中", "全省16市中" (with no 个 the noun follows the number)
_SIZE_AFTER = re.compile(r"\s*[（(]\s*共\s*(\d+)\s*个?")
_OUT_OF = re.compile(r"(\d+)(?:个[^，,。；;第]{0,10}?)?(?:城市|市|县|区|地市|省份|省|州|市\(州\)|市（州）)")


_FIELD = re.compile(r"全(?:国|省)")  # 全市 is as often the subject ("全市排名第22") as a field


def _other_field(sentence: str, size: re.Match[str], q: Quantity) -> bool:
    """"在全国168个重点城市中排第22位，在全省排名第1": a field named after the size, other than the one
    the size was of, is not of that size."""
    own = _FIELD.search(sentence, max(0, size.start() - 4), size.start())
    return any(f != (own.group() if own else None) for f in _FIELD.findall(sentence, size.end(), q.start))


# the words of a qualified figure ("降幅均超过10%", "减少约3吨"): they say how exact it is, not which way
_QUALIFYING = re.compile(r"(?:均|都|也|仍|还)?(?:不超过|不高于|不多于|不低于|不少于|接近|大约|将近|约|近"
                         r"|超过|高于|多于|逾|超|不足|不到|低于|少于|至少|最少|最多|至多)$")
_ADVERB = re.compile(r"(?:均|都|也|仍|还)$")


def _gap_tail(gap: str, q: Quantity) -> str:
    """The words right before a figure that say whether it is a change: a time, a qualifier or an
    adverb between them and the figure left out."""
    gap = _TRAILING_TIME.sub("", gap)
    if q.qualifier != "exact":
        gap = _QUALIFYING.sub("", gap)
    return _ADVERB.sub("", gap)


def _blocked(gap: str) -> bool:
    """Another figure's metric noun stands between a keyword and the number."""
    return bool(_METRIC_NOUN.search(gap))


# "完成造林71.6万亩、种草112万亩": after the keyword's own figure, a list goes on to another activity
_NEXT_ACTIVITY = re.compile(r"\d[^、，,；;。]*、(?P<what>[\u4e00-\u9fff]{1,6})$")
_STATES_FIGURE = re.compile(r"为|达|是|占|同比|环比|较|比|其中|共|累计|合计|分别|均")


def _another_activity(gap: str, q: Quantity, indicator: str) -> bool:
    """The figure follows a list item naming something other than the keyword (种草 after 造林…)."""
    m = _NEXT_ACTIVITY.search(gap) if q.unit not in ("%", "pp") else None
    what = m.group("what") if m else ""  # "…排放60吨、氮氧化物排放85吨": the same cut, another pollutant
    return bool(what) and not _STATES_FIGURE.search(what) and ind.direction(indicator, what) is None \
        and not ind.pollutants(what)


# indicators stated as a count, an amount, days or an area: a % change of one is its relative change
_COUNTED = frozenset({"enforcement.cases", "enforcement.fines", "air.heavy_pollution_days", "air.good_days",
                      "green.afforestation_area", "green.forest_area", "green.wetland_area",
                      "water.good_sections", "water.monitored_sections"})


def _accepts(rule: ind.Rule, q: Quantity, change: bool) -> bool:
    if q.unit is None:
        return False
    if change:
        relative = "%" in rule.units or "index" in rule.units or bool(rule.units & {"ug/m3"})
        return (q.unit in ("%", "pp") and relative or q.unit == "%" and rule.indicator in _COUNTED
                or q.unit in rule.units)
    if q.unit == "pp":
        return "%" in rule.units or "index" in rule.units
    return q.unit in rule.units


def _level_or_change(sentence: str, q: Quantity, rule: ind.Rule, kw_start: int, kw_end: int) -> Draft | None:
    gap = sentence[kw_end:q.start]
    sign = ind.direction(rule.indicator, _gap_tail(gap, q))
    change = sign is not None or q.unit == "pp"
    if not _accepts(rule, q, change):
        return None
    if change and rule.indicator in _COUNTED and q.unit == "%" and re.search(r"\d", gap) and "分别" not in gap:
        return None  # "案件312起，…增长6.1%": the keyword has its own figure; this change is another's
    if change:
        value = q.value * (sign or 1)
        return Draft(rule.indicator, "change", value, q.unit or "", q,
                      basis=ind.basis(sentence[clause_start(sentence, kw_start, "。；;"):q.start]))
    return Draft(rule.indicator, "value", q.value, q.unit or "", q, value_max=q.value_max)


# sea water (近岸海域) is not in the vocabulary yet: its shares and classes are no fact
_SEA = re.compile(r"(?:海域|海水|近岸海)[^，,。；;]{0,10}$")
_OTHER_FORESTRY = re.compile(r"抚育|管护|管养|防火")
_NOT_A_PLACE_GREENING = re.compile(r"(?:道路|公路|铁路|农田|林网|通道|河渠|沟渠|廊道|绿道)[^，,。；;]{0,4}$")


def _by_keyword(sentence: str, q: Quantity, keywords: list[tuple[int, int, ind.Rule]],
                owned: frozenset[int] = frozenset(), reach: int = _MAX_REACH, paired: bool = False) -> Draft | None:
    """The nearest keyword before ``q`` that accepts it; a keyword printed right after another
    figure ("875平方公里湿地") is that figure's and serves no other. A keyword paired with its figure
    by 分别 (``paired``) reaches it however long the list between them, past the other figures' nouns."""
    named = ind.compliance_after(sentence[:q.start], sentence[q.end:]) if q.unit == "%" else None
    if named:
        return Draft(named, "value", q.value, "%", q)
    for start, end, rule in reversed(keywords):
        if end > q.start or q.start - end > reach or start in owned:
            continue
        if rule.indicator == "green.coverage_rate" and _NOT_A_PLACE_GREENING.search(sentence, 0, start):
            return None  # the greening rate of roads or farmland shelter belts is not a place's coverage
        if rule.indicator == "green.afforestation_area" and _OTHER_FORESTRY.search(sentence, end, q.start):
            return None  # "营造林4.2万亩、森林抚育8.1万亩": tending or guarding a forest is not planting one
        if (not paired and _blocked(sentence[end:q.start])
                or rule.indicator.startswith("water.") and _SEA.search(sentence, 0, start)):
            return None
        if _another_activity(sentence[end:q.start], q, rule.indicator):
            return None
        draft = _level_or_change(sentence, q, rule, start, end)
        if draft is not None:
            return draft
    if q.unit == "t" and _COAL_UNIT.match(sentence, q.end) and _SAVING.search(
            sentence, clause_start(sentence, q.start), q.start):  # "完成节能量12万吨标准煤"
        return Draft("energy.coal_saved", "value", q.value, "t", q, value_max=q.value_max)
    after = sentence[q.end:q.end + 6]
    for start, _end, rule in keywords:
        if q.end <= start < q.end + 6 and q.unit in rule.units and rule.units & (ind._AREA | {"CNY"}):
            if not re.search(r"[，,、；;。]", after[: start - q.end]):
                return Draft(rule.indicator, "value", q.value, q.unit or "", q, value_max=q.value_max)
    return None


# tons "of standard coal" after a figure saved or replaced ("完成节能量12万吨标准煤", "节约能源3.2万吨标煤")
_COAL_UNIT = re.compile(r"(?:标准煤|标煤)")
_SAVING = re.compile(r"节能|节约|节省|替代|压减")


_RANK_OF_CHANGE = re.compile(r"幅度|降幅|增幅|升幅|改善率|下降率")
_RANK_OF_ITS_CHANGE = re.compile(r"降幅|增幅|升幅|(?:下降|上升|增长|增加|减少)幅度")  # the change just stated


def _rank(sentence: str, q: Quantity, keywords: list[tuple[int, int, ind.Rule]]) -> Draft | None:
    before = [k for k in keywords if k[1] <= q.start]
    clause = clause_start(sentence, q.start)
    if not before or (before[-1][0] < clause and _RANK_OF_CHANGE.search(sentence, clause, q.start)
                      and not _RANK_OF_ITS_CHANGE.search(sentence, clause, q.start)):
        return None  # "…增加18天，改善幅度位居全省第一": a clause ranking an improvement, of no indicator;
        # "PM2.5浓度同比下降12.2%，降幅居全市第一" ranks the fall of PM2.5 just stated
    outs = list(_OUT_OF.finditer(sentence, 0, q.start))
    out_of = int(outs[-1].group(1)) if outs and not _other_field(sentence, outs[-1], q) else None
    size_after = _SIZE_AFTER.match(sentence, q.end)
    if out_of is None and size_after:  # "全省排名第5（共11个设区市）": the size printed after the rank
        out_of = int(size_after.group(1))
    value = q.value
    flags: tuple[str, ...] = ()
    if q.from_bottom:
        if out_of is None:
            return None
        value, flags = float(out_of - int(q.value) + 1), ("rank_from_bottom",)
    return Draft(before[-1][2].indicator, "rank", value, "rank", q, out_of=out_of, flags=flags)


# "按每亩每年1000元", "每户补贴2000元": a price or subsidy per unit, not a total (nor "微克每立方米")
_PER_UNIT = re.compile(r"(?<!克)每(?:亩|人|户|吨|平方米|立方米|公斤|千克|辆|台|个|家)[^，,。；;]{0,8}$")


_AVERAGE_AFTER = re.compile(r"(?:之间)?[，,]\s*(?:全省|全市|全区|全国)?(?:平均|均值)")
# "低于全省平均水平3微克/立方米", "比全国平均高12微克/立方米": a gap to an average; "低于省定目标4微克/立方米",
# "超出年度目标4微克/立方米", "距年度目标还差3.2个百分点": a gap to a goal
_VERSUS = re.compile(r"(?P<word>高于|低于|优于|好于|差于|超出|超过|比|较|距离?)[^，,。；;]{0,8}"
                     r"(?:(?P<goal>目标)值?|平均(?:水平|值)?)"
                     r"(?:(?P<low>低|少)|高|多|(?P<short>还差|尚差|差))?出?了?\s*$")
# several provinces counted together ("沿黄9省（区）"), not as a ranking's scope ("在全国31个省（区、市）中")
# a gap to another place named ("比石家庄市低3微克/立方米", "较邻近的保定市少2天"), not to its average or its past
_VERSUS_PLACE = re.compile(r"(?:比|较|低于|高于|优于|好于|差于)[^，,。；;\d全]{0,8}?[\u4e00-\u9fff](?:市|县|区|州)"
                           r"(?:的)?(?:低|高|少|多|好|差)?了?\s*$")
_PROVINCES_COUNTED = re.compile(r"(?<![等\d])\d+个?省(?:[（(][^）)]{0,6}[）)]|区|份)"
                                r"(?![^，,。；;]{0,12}(?:中|排名|排第|位列))")
# "…怒江州、普洱市、西双版纳州5个市（州）…均为100%": the count closes a list of named places
_NAMED_BEFORE = re.compile(r"[、和及与][^、，,。；;]{1,10}[州市县区旗盟]$")
# divisions counted ("11个设区市", "8个县（区）"), each maybe glossed in brackets
_DIVISIONS = r"(?:设区市|地级市|地市|城市|县|区|市)(?:[（(][^）)]{0,6}[）)])?"
_GROUP_RANGE = re.compile(rf"(?:\d+个|各){_DIVISIONS}|各地")
# unnamed places counted, not listed ("等3县", "…西双版纳州5个市（州）" close a list of named ones)
_GROUP_EACH = re.compile(rf"(?<![等\d])\d+个{_DIVISIONS}[^，,。；;]{{0,16}}(?<![平年日月])均(?!值)")
# a clause whose subject is places counted, none named ("7个城市…", "其余5个县…"); "11个设区市中，…" is a field
# and an average over them is the province's ("14个市（州）…平均为96.2%")
_GROUP_OPENS = re.compile(rf"\s*(?:有|共有|另有|其余|其他|其中)?\d+个{_DIVISIONS}(?![^，,。；;]{{0,12}}(?:中|里|之中))"
                          r"(?![^，,。；;]{0,20}(?:平均|均值))")
# an average over counties (the spec's "58个县(市)平均"); over a province's cities it is the province's
_COUNTY_AVERAGE = re.compile(r"(?<!\d)\d+个(?:县|区县|县区|县级)(?:[（(][^）)]{0,6}[）)]|市|区)?"
                             r"[^，,。；;]{0,16}?(?:平均|均值)")
# "综合指数由5.12降至4.63": the level it came to, after the one left behind
_LEVEL_LEFT_GAP = re.compile(rf"[^，,。；;\d]{{0,6}}?{LEFT_BEFORE}(?:\d+(?:\.\d+)?(?:{LEFT_FOR.pattern}))?")
# "综合指数最好的是甲市，为4.21", "…；最差的是乙市，为6.13": the index of the place an extreme names
_EXTREME_GAP = re.compile(r"^[^，,。；;]{0,12}?(?:最好|最差|最高|最低|最优|最大|最小)[^，,。；;]{0,12}[，,]?"
                          r"\s*(?:分别|均|依次)?(?:为|是|达)\s*$")


# "综合指数排名前三的是甲县、乙区、丙市，分别为4.32、4.65、4.71": places listed, then their indexes
_LISTED_THEN = re.compile(r"^[^。；;]{0,40}[，,]\s*(?:分别|依次)(?:为|是)\s*$")
# "前三名依次为：新密市（3.82）、登封市（3.91）": a place's index in brackets after its name
_PLACE_BRACKET = re.compile(r"(?:市|县|区|州|旗|盟)[（(]$")


# an air-quality forecast of the days to come, not what was measured ("预计到2025年…" is a plan's)
_FORECAST = re.compile(r"(?:预计|预报|预测)[^。；;]*?"
                       r"(?:未来|明天|明日|今天|今日|近期|本周|下周|\d{1,2}日|污染过程|时段)")


def _classify(sentence: str, q: Quantity, keywords: list[tuple[int, int, ind.Rule]],
              owned: frozenset[int] = frozenset(), reach: int = _MAX_REACH, paired: bool = False) -> Draft | None:
    if _STANDARD_BEFORE.search(sentence, max(0, q.start - 6), q.start):
        return None  # "达到国家二级标准（35微克/立方米）" quotes a limit, not the place's figure
    if _PER_UNIT.search(sentence, max(0, q.start - 12), q.start):
        return None
    clause = clause_start(sentence, q.start)
    if q.value_max is not None and (_GROUP_RANGE.search(sentence, clause, q.start)
                                    or _AVERAGE_AFTER.match(sentence, q.end)):
        return None  # "11个设区市（各市）PM2.5浓度在11至22微克/立方米之间", "60.1%—93.5%，平均为78.2%": a spread
    if "省" in sentence and _PROVINCES_COUNTED.search(sentence, 0, q.start):
        return None  # "沿黄9省（区）优良水体比例为88.9%": several provinces together, no one place's figure
    if _COUNTY_AVERAGE.search(sentence, clause, q.start):
        return None  # "全省58个县（市）PM2.5平均浓度为36…": an average over counties is no place's figure
    if _GROUP_OPENS.match(sentence, clause):
        return None  # "7个城市优良天数比例超过70%": places counted, none named, is no place's figure
    each = _GROUP_EACH.search(sentence, clause, q.start)
    if each and not _NAMED_BEFORE.search(sentence, max(clause, each.start() - 24), each.start()):
        return None  # "8个县（区）县城优良率均在96%以上": each of unnamed places, not the place in force
    if q.rank:
        return _rank(sentence, q, keywords)
    if q.unit == "rank":
        before = [k for k in keywords if k[1] <= q.start]
        sign = ind.direction("", _gap_tail(sentence[max(0, q.start - 12):q.start], q)) or 1
        if not before:
            return None
        return Draft(before[-1][2].indicator, "change", q.value * sign, "rank", q,
                      basis=ind.basis(sentence[before[-1][0]:q.start]))
    if q.unit == "count":
        name = ind.count_indicator(sentence, q.start, q.end)
        if name is None:
            near = [k for k in keywords if k[1] <= q.start and q.start - k[1] <= 12 and "count" in k[2].units]
            name = near[-1][2].indicator if near else None
        if name is None:
            return None
        words = sentence[clause:q.start]
        turn = ind.direction(name, _gap_tail(words, q))  # "立案56起，同比减少8起": a change of the count
        if turn is not None:
            return Draft(name, "change", turn * q.value, "count", q, basis=ind.basis(words))
        return Draft(name, "value", q.value, "count", q)
    if q.unit is None:
        near = [k for k in keywords if k[1] <= q.start and k[2].indicator == "air.composite_index"]
        if not near:
            return _bare_concentration(sentence, q, keywords)
        gap = sentence[near[-1][1]:q.start]
        other = any(near[-1][1] <= k[0] < q.start for k in keywords if k is not near[-1])
        turn = ind.direction("air.composite_index", gap[-6:]) if len(gap) <= 24 and not other else None
        if turn is not None:  # "综合指数同比改善0.32", "综合指数为3.15，同比下降0.21": a change of the index
            return Draft("air.composite_index", "change", turn * q.value, "index", q, basis=ind.basis(gap))
        if len(gap) <= 4 or not other and (_EXTREME_GAP.match(gap) or _PLACE_BRACKET.search(gap)
                                           or _LISTED_THEN.match(gap) or _LEVEL_LEFT_GAP.fullmatch(gap)):
            return Draft("air.composite_index", "value", q.value, "index", q)
        return None
    draft = _by_keyword(sentence, q, keywords, owned, reach, paired)
    if draft is None or draft.indicator.startswith("air.") and _FORECAST.search(sentence, 0, q.start):
        return None  # "预计…将出现一次污染过程，PM2.5浓度在75—115微克/立方米": a forecast, not a level
    versus = _VERSUS.search(sentence, max(0, q.start - 16), q.start) if (
        "平均" in sentence or "目标" in sentence) else None
    if versus is None and _VERSUS_PLACE.search(sentence, max(0, q.start - 16), q.start):
        return None  # "比石家庄市低3微克/立方米": how far it is from another place, no level nor change of its own
    if versus:  # how far the place is from an average (a change of no time) or from its goal
        word = versus.group("word")
        if word in ("优于", "好于", "差于"):
            sign = ind.better(draft.indicator) * (1 if word in ("优于", "好于") else -1)
        elif versus.group("short"):  # "距年度目标还差3.2个百分点": still on the worse side of it
            sign = -ind.better(draft.indicator)
        else:
            sign = -1 if word == "低于" or versus.group("low") else 1
        goal = bool(versus.group("goal"))
        draft = replace(draft, measure="change", value=sign * abs(q.value), value_max=None,
                        basis="target" if goal else "unspecified",
                        flags=draft.flags if goal else (*draft.flags, "versus_average"))
    if draft.unit in ("g/m3", "mg/m3") and draft.indicator.startswith("air.") and draft.indicator != "air.co":
        if draft.unit == "mg/m3" and abs(draft.value) < _NO_MG_AVERAGE:
            draft.value, draft.flags = draft.value * 1000, ("unit_converted:mg/m3",)
        elif draft.unit == "mg/m3":  # "PM2.5浓度为41毫克/立方米": 41 mg/m3 is no air's average, but 41 µg/m3 is
            draft.flags = ("unit_corrected:mg/m3",)
        else:
            draft.flags = ("unit_corrected:g/m3",)
        draft.unit = "ug/m3"
    if draft.unit == "g/m3":
        return None
    if draft.measure == "value" and draft.unit == "%" and max(draft.value, draft.value_max or 0) > 100:
        return None  # no share passes the whole: digits run together ("25 108 100%" read as one number)
    return draft


# milligrams per cubic metre no average of particles or gases other than CO reaches (pages that print them in
# mg/m3 write 0.041): "二氧化硫浓度为8毫克/立方米" is micrograms with a typo
_NO_MG_AVERAGE = 1


def _bare_concentration(sentence: str, q: Quantity, keywords: list[tuple[int, int, ind.Rule]]) -> Draft | None:
    """"PM2.5浓度排名前三的县分别是：甲县（25）、乙县（26）": a bare number bracketed after a place, under a
    concentration named before it, is that place's level in the concentration's usual unit."""
    before = [k for k in keywords if k[1] <= q.start]
    unit = _CONCENTRATION_UNIT.get(before[-1][2].indicator) if before else None
    closed = sentence.startswith(("）", ")"), q.end)
    bracketed = closed and _PLACE_BRACKET.search(sentence, max(0, q.start - 2), q.start)
    return Draft(before[-1][2].indicator, "value", q.value, unit, q) if unit and bracketed else None


_CONCENTRATION_UNIT = {r.indicator: "mg/m3" if r.indicator == "air.co" else "ug/m3" for r in ind.RULES
                       if "ug/m3" in r.units}


def _chains(quantities: list[Quantity], sentence: str, subjects: list[Mention]) -> list[list[int]]:
    """Indices of quantities written as one list: "47、55和55微克/立方米", and a list of places each
    with its number, the unit once at the end ("甲市45、乙市43、丙市38微克/立方米")."""
    starts = {m.start: m for m in subjects}
    chains: list[list[int]] = []
    for i, q in enumerate(quantities):
        if chains and _continues(sentence, quantities[chains[-1][-1]], q, starts):
            chains[-1].append(i)
        else:
            chains.append([i])
    return chains


def _continues(sentence: str, previous: Quantity, q: Quantity, places: dict[int, Mention]) -> bool:
    gap = sentence[previous.end:q.start]
    if _LIST_SEP.match(gap) or _TURN_SEP.match(gap) and (previous.unit == q.unit
                                                         or _pair_marker(sentence, previous) >= 0):
        return True  # "分别下降6.5%、减少4天": a list of changes of the indicators named before it
    item = _ITEM_GAP.match(gap) if previous.unit is None else None  # a bare number, then the next place
    if item is None:
        return False
    place = places.get(previous.end + item.end("sep"))
    if place is None:  # a place the gazetteer does not know ("…、经济开发区38、…"): its item all the same
        return bool(_PLACE_LIKE.fullmatch(item.group("name")))
    return place.end == previous.end + item.end("name")


def _unknown_place_before(sentence: str, q: Quantity, subjects: list[Mention]) -> bool:
    """"正定县42、经济开发区38": the figure's item names a place the gazetteer does not know."""
    item = _ITEM_BEFORE.search(sentence, 0, q.start)
    return bool(item and _PLACE_LIKE.fullmatch(item.group("name"))
                and not any(item.start("name") <= m.start < item.end("name") for m in subjects))


_ITEM_BEFORE = re.compile(r"[、，,：:]\s*(?P<name>[^\s\d、，,。；;：:（）()]{2,16}?)\s*(?:[：:为]\s*)?$")


# "完成年度任务的112%", "占目标的105%" (not "超额完成目标2.3个百分点", a change against the goal)
_SHARE_OF_TASK = re.compile(r"(?:任务|计划)(?:量|数)?的?\s*$|目标(?:任务)?(?:量|数)?的\s*$")
_ITEM_GAP = re.compile(r"^(?P<sep>\s*[、，,]\s*)(?P<name>[^\s\d、，,。；;：:]{2,16}?)\s*(?:[：:为]\s*)?$")


def _share_unit(quantities: list[Quantity], chain: list[int]) -> None:
    """A list's unit printed once after its last item, and a qualifier once before its first ("分别约为48、
    50微克/立方米"), are every item's."""
    first, last = quantities[chain[0]], quantities[chain[-1]]
    shared = first.qualifier if all(quantities[i].qualifier == "exact" for i in chain[1:]) else None
    for i in chain:
        q = quantities[i]
        unit = last.unit if q.unit is None and last.unit is not None else q.unit
        qualifier = shared or q.qualifier
        if (unit, qualifier) != (q.unit, q.qualifier):
            quantities[i] = replace(q, unit=unit, qualifier=qualifier)


def _place_list(sentence: str, q: Quantity, subjects: list[Mention]) -> list[Mention]:
    """"甲、乙和丙等3县…均为30天": the places a single figure is stated for, when it is so stated."""
    before = [m for m in subjects if m.end <= q.start]
    if len(before) < 2:
        return []
    run = [before[-1]]
    for m in reversed(before[:-1]):
        if not _LIST_SEP.match(sentence[m.end:run[0].start]):
            break
        run.insert(0, m)
    shared = _SHARED.match(sentence[run[-1].end:q.start]) if len(run) > 1 else None
    return run if shared else []


def _pair_marker(sentence: str, first: Quantity) -> int:
    """Where 分别/依次/分列 ("分列第一、第二位") opens the list starting at ``first``; -1 when none does."""
    return max(sentence.rfind(w, 0, first.start) for w in ("分别", "依次", "分列", "分居"))


def _pair_list(sentence: str, chain_qs: list[Quantity], items: list, key) -> list | None:
    """Items (keywords or places) named before 分别/依次, one per figure of the list, in order."""
    marker = _pair_marker(sentence, chain_qs[0])
    if marker < 0:
        return None
    candidates = [x for x in items if key(x) <= marker]
    if len(candidates) < len(chain_qs):
        return None
    return candidates[-len(chain_qs):]


def _paired_places(sentence: str, chain_qs: list[Quantity], subjects: list[Mention], home: Place | None,
                   ctx: Context, carried: bool) -> list[Place | None] | None:
    """The places of a 分别 list, in order: named before it, or, when the list names neither places nor
    indicators of its own (``carried``), the places the paragraph's last such list was of (``ctx.listed``)."""
    own = _pair_list(sentence, chain_qs, subjects, key=lambda m: m.end)
    if own is not None:
        places = [resolve(m.text, home) for m in own]
        ctx.listed = tuple(p for p in places if p is not None)
        return places
    if not carried:  # a list of indicators of one place: the places listed before are done with
        ctx.listed = ()
        return None
    marker = _pair_marker(sentence, chain_qs[0])
    if marker < 0:
        return None
    by_item = _by_item(sentence, subjects, marker, len(chain_qs), home)
    if by_item is not None:
        return by_item
    if len(ctx.listed) != len(chain_qs) or any(m.start < marker for m in subjects):
        return None
    return list(ctx.listed)


_ITEM_SEP = re.compile(_LIST_MARKS)
# an item naming a place by its name ("经济开发区", "高新区"), not a kind of place ("县级城市", "设区市", "全区")
# nor words before one ("在全市")
_PLACE_LIKE = re.compile(r"(?!全|各|本|该|我|其|县级|市级|地级|设区|城区|市区|郊区|[在于对向从由比较与和及是为])"
                         r"[\u4e00-\u9fff]{1,8}?[区县市州旗盟]")
# the place of a figure whose item of a list names none the gazetteer knows: no place, so no fact
_NOWHERE = Place("", None, -1)


def _by_item(sentence: str, subjects: list[Mention], marker: int, n: int,
             home: Place | None) -> list[Place | None] | None:
    """Places listed with others the gazetteer does not know ("信都区、襄都区、经济开发区PM2.5浓度分别为…"):
    each figure the place of its item, _NOWHERE for an unknown one; _NOWHERE for every figure when the
    items are not one per figure (rather than all to the last place known). None: no such list."""
    start = clause_start(sentence, marker)
    known = [m for m in subjects if start <= m.start and m.end <= marker and m.text not in ANAPHOR_LEVEL]
    cuts = [start, *(m.start() + 1 for m in _ITEM_SEP.finditer(sentence, start, marker)  # not "南和区"'s 和
                     if not any(k.start <= m.start() < k.end for k in known)), marker + 1]
    items = [(a, b - 1) for a, b in zip(cuts, cuts[1:], strict=False)]
    if len(items) < 2 or not known or not all(_PLACE_LIKE.match(sentence, a, b) for a, b in items):
        return None
    if len(items) != n:
        return [_NOWHERE] * n
    named = [next((m for m in known if a <= m.start and m.end <= b), None) for a, b in items]
    return [(resolve(m.text, home) if m else None) or _NOWHERE for m in named]


def _paired_pollutants(sentence: str, chain_qs: list[Quantity]) -> list[str] | None:
    """"化学需氧量、氨氮排放量分别下降10.2%和9.8%": one pollutant per figure, in order."""
    marker = sentence.rfind("分别", 0, chain_qs[0].start)
    if marker < 0:
        return None
    start = clause_start(sentence, marker, "，,；;。")
    named = ind.pollutants(sentence[start:marker])
    return named if len(named) == len(chain_qs) else None


def _period_for(q: Quantity, periods: list[PeriodMention], ctx: Context,
                sentence: str = "") -> tuple[str, str] | None:
    stated = [p for p in periods if p.end <= q.start]
    if stated and stated[-1].baseline and sentence[stated[-1].end:q.start] in ("的", "同期的"):
        return stated[-1].period  # "比2019年的68微克/立方米下降了25%": the level compared with is of its year
    before = [p for p in stated if not p.baseline]
    # "从2014年的91…降至2023年的42…；优良天数从145天增加到245天":
    if left_behind(sentence, q.start):  # "由原来的四类", "由设立之初的11%": with no time of its own, none
        froms = [p for p in before if _FROM_LEVEL.search(sentence, max(0, p.start - 2), p.start)]
        if froms or ctx.left_behind:  # a level left behind, of the time the paragraph's others were left behind
            return froms[-1].period if froms else ctx.left_behind
        return None  # "重污染天数由15天减少至6天": a level left behind at a time the text does not state
    before = [p for p in before if not _FROM_LEVEL.search(sentence, max(0, p.start - 2), p.start)
              or _OF_IT.fullmatch(sentence, p.end, q.start)]  # "由2022年的58.3%提高到59.1%，…": the later
    # figures are of the time in force, not of the level left behind
    if before:
        return before[-1].period
    return ctx.period


_FROM_LEVEL = re.compile(r"[由从]$")
_OF_IT = re.compile(r"(?:同期)?的?[^，,。；;\d]{0,4}?")  # "由去年同期的Ⅳ类", "由去年同期的全省第9位"


def _region_for(q: Quantity, subjects: list[Mention], home: Place | None, ctx: Context,
                sentence: str = "") -> Place | None:
    average = _CITIES_AVERAGE.match(sentence, clause_start(sentence, q.start))
    if average:  # "11个设区市…平均为72.4%": the province's, not the city named before; "168个…城市平均": the nation's
        return resolve("全省", home) or home if int(average.group(1)) <= 25 else resolve("全国", home)
    last = max((m.end for m in subjects if m.end <= q.start), default=0)
    if _UNKNOWN_EXTREME.search(sentence, last, q.start):
        return None  # "陵川县最好，…；城区最差，综合指数5.12": the figure of a place the gazetteer does not know
    for m in reversed(subjects):
        if m.end <= q.start:
            place = ctx.anaphor(m.text, home)
            if place is not None:
                return place
    place = ctx.subject or home
    if place is not None and place.code is None and _BASIN.search(sentence, 0, q.start):
        return None  # "长江流域、黄河流域…分别为96.2%、89.2%" in a national bulletin: the basins', not the nation's
    return place


# a clause opening with a place unknown to the gazetteer as the best or worst of those compared ("城区最差",
# "经开区空气质量最好"): the figures after it are that place's, not the place named before
_UNKNOWN_EXTREME = re.compile(r"(?:^|[，,；;。])(?![全各本该我其])[\u4e00-\u9fff]{0,7}(?:区|县|镇|乡|园)"
                              r"(?:空气质量|水质|环境质量)?(?:最好|最差|最优|最高|最低)(?=[，,；;：:]|$)")


# an average over cities opening a clause: the spec's "全省11个城市平均" is the province's, and as no province has
# more than 25 cities, "168个重点城市平均" is the nation's (over counties it is none)
_CITIES_AVERAGE = re.compile(r"\s*(\d{1,3})个(?:[^，,。；;个]{0,8}?)(?:设区市|地级市|地市|城市|市（州）|市\(州\)|盟市)"
                             r"[^，,。；;]{0,20}?(?:平均|均值)")


# a river basin named as what a figure is of ("黄河流域", "长江干流"); "流域承德段" is a place's stretch
_BASIN = re.compile(r"[\u4e00-\u9fff]{1,4}(?:流域|干流)(?![\u4e00-\u9fff]{1,4}段)")


_THRESHOLD_AFTER = re.compile(r"(?:及|或)?(?:以上|以下|以内)")
_THRESHOLD_BEFORE = re.compile(r"(?:优于|好于|劣于|差于)$")


_SHARE_OF_CLASS = re.compile(r"^[^，,。]{0,6}(?:比例|占比|断面)")  # "Ⅲ类断面比例": a share, not a class


_EFFLUENT = re.compile(r"出水|尾水|排水|排放")


def _quality_classes(sentence: str) -> list[Draft]:
    out: list[Draft] = []
    for m in _QUALITY_CLASS.finditer(sentence):
        context = sentence[max(clause_start(sentence, m.start()), m.start() - 20):m.start()]
        follow = sentence[m.end():m.end() + 8]
        # "…承德段水质为Ⅱ类，张家口段为Ⅲ类": a later clause goes on with the waters' classes
        going_on = bool(out) and m.group("c") not in "一二三四五"
        if not (m.group("tail") or "水" in context or going_on) or _SHARE_OF_CLASS.match(follow):
            continue
        if (_THRESHOLD_AFTER.match(sentence, m.end("c") + 1) or _THRESHOLD_BEFORE.search(context)
                or _NONE_OF_CLASS.search(context) or _NONE_AFTER.match(sentence, m.end())):
            continue  # "Ⅲ类及以上标准", "达到或优于Ⅲ类": a threshold, no water's class; "无劣Ⅴ类水体": none
        if _EFFLUENT.search(context):
            continue  # "污水处理厂…出水水质达到地表水Ⅳ类标准": a plant's discharge, no place's water
        q = Quantity(m.start(), m.end(), float(_CLASS_VALUE[m.group("c")]), None, "index", "exact")
        out.append(Draft("water.quality_class", "value", q.value, "index", q))
    return out


_AIR_WORDS = re.compile(r"空气|大气|AQI|PM|颗粒物|臭氧|蓝天|天数")
_OTHER_QUALITY = re.compile(r"(?<!空气)质量$")  # "工程质量优良率", "教学质量优良率": not the air's


def _air_only(sentence: str, keywords: list[tuple[int, int, ind.Rule]],
              ctx: Context) -> list[tuple[int, int, ind.Rule]]:
    """A bare "优良率" is the air's only where the air is spoken of (this sentence, the figures before
    it, its paragraph or the article's title), and never as the quality rate of something else."""
    def keep(start: int, end: int, rule: ind.Rule) -> bool:
        if rule.indicator != "air.good_days_ratio" or sentence[start:end] != "优良率":
            return True
        if _OTHER_QUALITY.search(sentence, 0, start):
            return False
        return bool(_AIR_WORDS.search(sentence) or ctx.topic or ctx.air_spoken)
    return [k for k in keywords if keep(*k)]


_EMITTED_AFTER = re.compile(r"(?:(?!浓度)[^，,。；;\d]){0,12}?(?:排放|减排|削减)")


def _emitted_not_measured(sentence: str, keywords: list[tuple[int, int, ind.Rule]]) -> list[tuple[int, int, ind.Rule]]:
    """"二氧化硫、氮氧化物减排量分别为96吨、150.2吨": a pollutant named before its emissions is what was
    cut, not a concentration figure's keyword."""
    return [k for k in keywords if not (k[2].indicator in _MEASURED_GASES and _EMITTED_AFTER.match(sentence, k[1]))]


_MEASURED_GASES = frozenset({"air.so2", "air.no2", "air.co"})


_OWN_MEASURE = re.compile(r"率|比例|比重|指数|浓度|总值|GDP|收入|增加值|产值|总额|投资|能耗|面积|天数|数量|总量"
                          r"|人数|人次")


def _topic_spoken_of(sentence: str, quantities: list[Quantity], subjects: list[Mention],
                     ctx: Context) -> list[tuple[int, int, ind.Rule]]:
    """A sentence that names places and figures but no indicator, while the paragraphs speak of an air
    figure, goes on with it: "…PM2.5浓度为38微克/立方米。鹿泉区、栾城区分别为40、43微克/立方米", and
    "排名后三位的是鹿城区（3.51）、…" for the composite index. It reads as if the indicator stood
    before its first place."""
    if ctx.topic is None or not quantities or _OWN_MEASURE.search(sentence):
        return []  # "地区生产总值增长6.5%左右": a sentence naming its own measure speaks of that
    rule = ind.BY_INDICATOR[ctx.topic[0]]
    if rule.indicator == "air.composite_index":
        return [(0, 0, rule)] if any(q.unit is None for q in quantities) else []
    if not subjects or not all(q.unit is None or _fits(rule, q, sentence) for q in quantities):
        return []  # "博爱县同比下降10.2%，改善幅度最大": a level of it or a change of it
    return [(subjects[0].start, subjects[0].start, rule)]


def _fits(rule: ind.Rule, q: Quantity, sentence: str) -> bool:
    """``q`` is a level of ``rule``'s indicator, or a change of it ("乙市同比恶化2.2%")."""
    if q.unit is None:
        return "index" in rule.units  # a bare number: an index, or a list's number whose unit comes last
    return q.unit in rule.units or q.unit in ("%", "pp") and ind.direction(
        rule.indicator, sentence[max(0, q.start - 8):q.start]) is not None


# coal or emissions used or emitted in all ("全市消耗标准煤2300万吨"), not saved or cut
_USED = re.compile(r"消耗|消费|使用|用量|总量")


def _carried(sentence: str, quantities: list[Quantity], mentions: list[Mention],
             ctx: Context) -> list[tuple[int, int, ind.Rule]]:
    """The previous clause's indicator as a keyword at the start of a clause that names none but
    names a place (the same figure for another place), when every figure of the clause (counts of
    places aside) is in that indicator's units: "…；最高的是乙，为79微克/立方米" goes on; "…；Ⅳ类
    断面11个，占6.2%" and "…；单位地区生产总值能耗下降3%左右" are about something else."""
    rule = ind.BY_INDICATOR.get(ctx.clause_indicator or "")
    if rule is None or not quantities or not any(m.end <= quantities[-1].start for m in mentions):
        return []
    if rule.indicator in ind._SELF_DIRECTED and _USED.search(sentence):
        return []  # "…节能量12万吨标准煤；全市消耗标准煤2300万吨": what is used, not what is saved
    own = [q for q in quantities if not _OUT_OF.match(sentence, q.start)]  # None: a list's unit comes last
    whole = own and _fits(rule, own[-1], sentence) and all(q.unit is None or _fits(rule, q, sentence) for q in own)
    return [(0, 0, rule)] if whole else []


def sentence_drafts(sentence: str, mentions: list[Mention], home: Place | None, ctx: Context,
                     periods: list[PeriodMention]) -> list[tuple[Draft, tuple[str, str] | None]]:
    quantities = find_quantities(sentence)
    subjects = subject_mentions(sentence, mentions)
    keywords = (_air_only(sentence, _emitted_not_measured(sentence, ind.find_keywords(sentence)), ctx)
                or _carried(sentence, quantities, mentions, ctx)
                or _topic_spoken_of(sentence, quantities, subjects, ctx))
    drafts: list[tuple[Draft, tuple[str, str] | None]] = []
    for chain in _chains(quantities, sentence, subjects):
        _share_unit(quantities, chain)
        chain_qs = [quantities[i] for i in chain]
        if chain_qs[0].unit == "%" and _SHARE_OF_TASK.search(sentence, max(0, chain_qs[0].start - 16),
                                                             chain_qs[0].start):
            continue  # "分别完成年度任务的112%、108%": how much of a task was done, not a level
        paired_kw = _pair_list(sentence, chain_qs, [k for k in keywords if k[1] <= chain_qs[0].start],
                               key=lambda k: k[1]) if len(chain) > 1 else None
        paired_places = _paired_places(sentence, chain_qs, subjects, home, ctx,
                                       carried=paired_kw is None) if len(chain) > 1 else None
        paired_pollutants = _paired_pollutants(sentence, chain_qs) if len(chain) > 1 else None
        lead: Draft | None = None
        for n, q in enumerate(chain_qs):
            owned = frozenset(k[0] for k in keywords for other in quantities  # "875平方公里湿地", not "12个…达标率"
                              if other is not q and k[0] >= other.end and not sentence[other.end:k[0]].strip()
                              and other.unit in k[2].units)
            draft = (_classify(sentence, q, [paired_kw[n]], owned, reach=len(sentence), paired=True) if paired_kw
                     else _classify(sentence, q, keywords, owned, reach=_PAIRED_REACH if paired_places else _MAX_REACH))
            if lead is not None and n:
                draft = _follow(lead, q, draft, paired_kw[n][2].indicator if paired_kw else None,
                                sentence[chain_qs[n - 1].end:q.start])
            if draft is None:
                continue
            lead = lead or draft
            if paired_places:
                draft.region = paired_places[n]
            elif len(chain) > 1 and _unknown_place_before(sentence, q, subjects):
                draft.region = _NOWHERE
            if paired_pollutants and draft.indicator == "emissions.reduction":
                draft.pollutant = paired_pollutants[n]
            drafts.append((draft, _period_for(q, periods, ctx, sentence)))
    for draft in _quality_classes(sentence):
        drafts.append((draft, _period_for(draft.quantity, periods, ctx, sentence)))
    drafts = [(_bracketed_change(sentence, d, drafts), w) for d, w in drafts]
    read = {id(d.quantity) for d, _ in drafts}
    drafts += _shares_after(sentence, quantities, drafts, read)
    read = {id(d.quantity) for d, _ in drafts}
    drafts += _changes_after(sentence, quantities, drafts, read, periods, ctx)
    read = {id(d.quantity) for d, _ in drafts}
    drafts += _extremes(sentence, quantities, keywords, read, periods, ctx)
    drafts += _told_after(sentence, quantities, keywords, read, subjects, periods, ctx, home)
    drafts += _place_items(sentence, quantities, drafts, subjects)
    drafts += _levels_ranked(sentence, quantities, drafts)
    drafts += _ranks_of_each(sentence, drafts, keywords)
    out: list[tuple[Draft, When]] = []
    _shared_basis(sentence, drafts, ctx)
    for draft, period in drafts:
        if draft.region is _NOWHERE:  # an item of a list naming no place the gazetteer knows
            draft.region = None
            out.append((draft, period))
            continue
        places = [] if draft.region else _place_list(sentence, draft.quantity, subjects)
        for m in places:
            out.append((replace(draft, region=resolve(m.text, home)), period))
        if not places:
            if draft.region is None:
                draft.region = _region_for(draft.quantity, subjects, home, ctx, sentence)
            out.append((draft, period))
        if draft.measure == "rank":
            out += [(replace(draft, region=place), period) for place in _tied(sentence, draft.quantity, mentions, home)]
    return out


_TIED = re.compile(r"\s*并列")


def _tied(sentence: str, q: Quantity, mentions: list[Mention], home: Place | None) -> list[Place]:
    """"与石家庄市并列全省第9", "排名第9，与石家庄市并列": the place tied with holds the rank too."""
    start = clause_start(sentence, q.start)
    after = _TIED_AFTER.match(sentence, q.end)
    return [place for m in mentions if m.start > 0 and sentence[m.start - 1] in "与和同"
            and _TIED.match(sentence, m.end)
            and (start <= m.start and m.end <= q.start or after is not None and m.start == after.end())
            and (place := resolve(m.text, home)) is not None]


_TIED_AFTER = re.compile(r"[位名]?\s*[，,]?\s*[与和同]")  # "第9，与…并列": the tie told after the rank


_BASE_YEAR = re.compile(r"(?:较|比|与)\s*(\d{4})年")


def _year_before(before: str, period: When) -> bool:
    named = _BASE_YEAR.findall(before)
    return (bool(named) and period is not None and int(named[-1]) == int(period[0][:4]) - 1
            and period[0][:4] == period[1][:4])


def _shared_basis(sentence: str, drafts: list[tuple[Draft, When]], ctx: Context) -> None:
    """"较2022年改善5.4%" of 2023 compares with the year before: ``yoy``. "比2022年上升4.3%；汾渭平原…
    上升4.5%": a change that names no comparison compares as the paragraph's change before it did."""
    for draft, period in sorted(drafts, key=lambda dw: dw[0].quantity.start):
        if draft.measure != "change" or "versus_average" in draft.flags:
            continue
        if draft.basis == "baseline" and _year_before(sentence[:draft.quantity.start], period):
            draft.basis = "yoy"
        if draft.basis == "unspecified" and ctx.basis:
            draft.basis = ctx.basis
        elif draft.basis != "unspecified":
            ctx.basis = draft.basis


# what may stand between a figure and its own change: a comparison, then a direction word
def _bracketed_change(sentence: str, draft: Draft, drafts: list[tuple[Draft, When]]) -> Draft:
    """"同比下降12.5%（4微克/立方米）": the bracketed level is the same change in absolute terms."""
    opener = sentence[max(0, draft.quantity.start - 1):draft.quantity.start]
    if draft.measure != "value" or opener not in ("(", "（"):
        return draft
    for lead, _ in drafts:
        if (lead.quantity.end == draft.quantity.start - 1 and lead.measure == "change"
                and lead.indicator == draft.indicator):
            sign = -1 if lead.value < 0 else 1
            return replace(draft, measure="change", value=sign * draft.value, basis=lead.basis, value_max=None)
    return draft


_CHANGE_GAP = re.compile(r"^[、，,\s]*(?:同比|环比|(?:较|比|与)[^，,；;。、]{0,8}?(?:相比[，,]?)?)?\s*"
                         r"(?:增长|上升|增加|提高|提升|升高|增多|多|下降|减少|降低|回落|下滑|少|改善|好转|恶化)了?$"
                         r"|^[、，,\s]*(?:增幅|降幅|减幅|升幅|涨幅)(?:为|达|达到)?$")  # "增加12天，增幅12.2%"


# "Ⅰ~Ⅲ类水质断面163个，占91.6%", "优良天数126天，占比69.6%": a share right after a count is that count's share
# of the whole
_SHARE_OF = {"water.good_sections": "water.good_section_ratio", "air.good_days": "air.good_days_ratio"}
# "优良天数268天，占全年的73.4%", "…断面10个，占总数的83.3%"
_SHARE_GAP = re.compile(r"^[，,、]?\s*(?:占(?:全年|总数|总天数|监测天数|有效监测天数)?的?|占比|比例|优良比例|优良率)"
                        r"(?:为|是|达|达到)?$")
# "优良天数221天，达标率为80.7%": after days, 达标率 is their share (after sections it is their compliance)
_DAYS_SHARE_GAP = re.compile(r"^[，,、]?\s*达标(?:率|比例)(?:为|是|达|达到)?$")


def _shares_after(sentence: str, quantities: list[Quantity], drafts: list[tuple[Draft, When]],
                  read: set[int]) -> list[tuple[Draft, When]]:
    out: list[tuple[Draft, When]] = []
    for q in quantities:
        if q.unit != "%" or id(q) in read:
            continue
        for lead, when in drafts:
            gap = sentence[lead.quantity.end:q.start]
            if lead.indicator in _SHARE_OF and lead.quantity.end <= q.start and (
                    _SHARE_GAP.match(gap) or lead.indicator == "air.good_days" and _DAYS_SHARE_GAP.match(gap)):
                out.append((Draft(_SHARE_OF[lead.indicator], "value", q.value, "%", q, region=lead.region), when))
    return out


_DAYS_OF = {"air.good_days_ratio": "air.good_days"}


def _changes_after(sentence: str, quantities: list[Quantity], drafts: list[tuple[Draft, When]],
                   read: set[int], periods: list[PeriodMention], ctx: Context) -> list[tuple[Draft, When]]:
    """"立案查处624起、同比增长43.7%", "1732天次，同比减少18.6%", "增加7.2亿元，同比增长29.5%": a % change
    right after a count, an amount or days (or a change of one) is the change of that figure's indicator,
    in its place and time; "占91.6%，同比上升2.3个百分点": a change in points right after a share is the
    share's; "优良率达92.9%，较去年同期增加12天": days right after a share of good days are the good days'
    change."""
    out: list[tuple[Draft, When]] = []
    for q in quantities:
        if q.unit not in ("%", "pp", "days") or id(q) in read:
            continue
        earlier = [(d, w) for d, w in drafts if d.quantity.end <= q.start]
        if not earlier:
            continue
        lead, when = earlier[-1]
        gap = sentence[lead.quantity.end:q.start]
        indicator = lead.indicator
        if q.unit == "%":
            fits = lead.indicator in _COUNTED | {"finance.eco_funding"} and lead.unit != "%"
        elif q.unit == "days":
            indicator = _DAYS_OF.get(lead.indicator, "")
            fits = lead.measure == "value" and bool(indicator)
        else:
            fits = lead.measure == "value" and lead.unit == "%"
        sign = ind.direction(indicator, gap) if fits else None
        if sign is None or not _CHANGE_GAP.match(gap):
            continue
        out.append((Draft(indicator, "change", sign * q.value, q.unit, q, basis=ind.basis(gap),
                           region=lead.region), _period_for(q, periods, ctx) or when))
    return out


# "降幅最大的是信阳市，为12.3%": the paragraph's indicator, for the place named, signed by the word
_EXTREME = re.compile(r"(?P<word>改善|恶化|下降|上升|降|减|升|增)幅(?:度)?最大")


def _extremes(sentence: str, quantities: list[Quantity], keywords: list[tuple[int, int, ind.Rule]],
              read: set[int], periods: list[PeriodMention], ctx: Context) -> list[tuple[Draft, When]]:
    """"降幅最大的是信阳市，为12.3%", "PM2.5浓度同比改善幅度最大的是三亚市，为21.4%": a change of the air
    indicator named before the extreme word (else the paragraph's), signed by the word."""
    out: list[tuple[Draft, When]] = []
    for q in quantities:
        extreme = _EXTREME.search(sentence, 0, q.start) if q.unit == "%" and id(q) not in read else None
        if extreme is None or _CLAUSE_END.search(sentence, extreme.end(), q.start):
            continue
        named = [k for k in keywords if k[1] <= extreme.start() and k[2].indicator.startswith("air.")]
        topic = (named[-1][2].indicator, ind.basis(sentence[named[-1][0]:q.start])) if named else ctx.topic
        if topic is None:
            continue
        word = extreme.group("word")
        sign = ind.better(topic[0]) * (-1 if word == "恶化" else 1) if word in ("改善", "恶化") else (
            -1 if word in ("降", "减", "下降") else 1)
        stated = ind.basis(sentence[extreme.start():q.start])  # "降幅最大，同比下降13.8%"
        basis = stated if stated != "unspecified" else topic[1] or "unspecified"
        out.append((Draft(topic[0], "change", sign * q.value, "%", q, basis=basis), _period_for(q, periods, ctx)))
    return out


_CLAUSE_END = re.compile(r"[。；;]")

# "36微克/立方米，这是今年1—5月保定市PM2.5平均浓度": a figure first, then what it is
_TOLD_AFTER = re.compile(r"[！!，,：:]?\s*(?:这|这一?(?:数字|数据|数值))(?:就|也)?是")


def _told_after(sentence: str, quantities: list[Quantity], keywords: list[tuple[int, int, ind.Rule]],
                read: set[int], subjects: list[Mention], periods: list[PeriodMention], ctx: Context,
                home: Place | None) -> list[tuple[Draft, When]]:
    """A figure the sentence opens with and then says what it is of ("…，这是…的PM2.5平均浓度"): a level
    of the first indicator named after it, of the time and place named there."""
    out: list[tuple[Draft, When]] = []
    for q in quantities:
        told = _TOLD_AFTER.match(sentence, q.end) if id(q) not in read and q.unit else None
        if told is None:
            continue
        opening = DATELINE.match(sentence)  # "本报讯（记者…）36微克/立方米，这是…"
        if sentence[opening.end() if opening else 0:q.start].strip("“\"「 "):
            continue
        end = _CLAUSE_END.search(sentence, told.end())
        stop = end.start() if end else len(sentence)
        rule = next((k[2] for k in keywords if told.end() <= k[0] < stop and _accepts(k[2], q, change=False)), None)
        if rule is None:
            continue
        when = next((p.period for p in periods if told.end() <= p.start < stop and p.period and not p.baseline),
                    ctx.period)
        place = next((p for m in subjects if told.end() <= m.start < stop and (p := resolve(m.text, home))), None)
        out.append((Draft(rule.indicator, "value", q.value, q.unit or "", q, value_max=q.value_max,
                          region=place or ctx.subject or home), when))
    return out

# "PM10、PM2.5浓度分别为48、26微克/立方米，…，两项指标均位列全省第一": one rank for each
_EACH_RANKED = re.compile(r"(?P<n>两|二|三|四|[2-4])项(?:指标|污染物)?(?:浓度)?(?:均|都)[^，,。；;]{0,10}$")
_HOW_MANY = {"两": 2, "二": 2, "三": 3, "四": 4, "2": 2, "3": 3, "4": 4}


def _ranks_of_each(sentence: str, drafts: list[tuple[Draft, When]],
                   keywords: list[tuple[int, int, ind.Rule]]) -> list[tuple[Draft, When]]:
    """The same rank for each of the N indicators named before "N项…均" (besides the one read)."""
    out: list[tuple[Draft, When]] = []
    for draft, when in drafts:
        q = draft.quantity
        each = _EACH_RANKED.search(sentence, clause_start(sentence, q.start), q.start) if (
            draft.measure == "rank") else None
        if each is None:
            continue
        named = list(dict.fromkeys(k[2].indicator for k in keywords if k[1] <= each.start()))
        if len(named) != _HOW_MANY[each.group("n")] or draft.indicator not in named:
            continue
        out += [(replace(draft, indicator=other), when) for other in named if other != draft.indicator]
    return out


def _levels_ranked(sentence: str, quantities: list[Quantity],
                   drafts: list[tuple[Draft, When]]) -> list[tuple[Draft, When]]:
    """A figure no keyword reached, said with 以 before the rank it earns, is the level of the ranked
    indicator."""
    read = {id(d.quantity) for d, _ in drafts}
    ranks = [(d, w) for d, w in drafts if d.measure == "rank"]
    out: list[tuple[Draft, When]] = []
    for q in quantities:
        if id(q) in read or q.rank or not sentence.endswith("以", 0, q.start):
            continue
        by = RANKED_AFTER.match(sentence, q.end)
        rank = next(((d, w) for d, w in ranks if by and d.quantity.start >= by.end()
                     and not CLAUSE_BREAK.search(sentence, q.end, d.quantity.start)), None)
        rule = ind.BY_INDICATOR.get(rank[0].indicator) if rank else None
        if rank and rule and (q.unit in rule.units or q.unit is None and "index" in rule.units):
            out.append((Draft(rule.indicator, "value", q.value, q.unit or "index", q, value_max=q.value_max,
                              region=rank[0].region), rank[1]))
    return out



# "甲市（12微克/立方米）、乙市（14微克/立方米）": places listed each with its figure
_BEFORE_ITEM = re.compile(r"^[）)]?\s*[、，,和及与]\s*$")
_AFTER_ITEM = re.compile(r"^\s*(?:[（(]|[：:]|为)?\s*$")


def _place_items(sentence: str, quantities: list[Quantity], drafts: list[tuple[Draft, When]],
                 subjects: list[Mention]) -> list[tuple[Draft, When]]:
    """A figure that no keyword reaches, listed after another place's figure as the next item of the
    same list, is the same indicator for its own place."""
    by_quantity = {id(d.quantity): (d, w) for d, w in drafts}
    out: list[tuple[Draft, When]] = []
    previous: tuple[Draft, When] | None = None
    for q in quantities:
        if id(q) in by_quantity:
            previous = by_quantity[id(q)]
            continue
        if previous is None:
            continue
        lead, when = previous
        item = next((m for m in subjects if lead.quantity.end <= m.start and m.end <= q.start
                     and _BEFORE_ITEM.match(sentence[lead.quantity.end:m.start])
                     and _AFTER_ITEM.match(sentence[m.end:q.start])), None)
        draft = _follow(lead, q, None, None) if item is not None else None
        if draft is None:
            previous = None
            continue
        previous = (draft, when)
        out.append(previous)
    return out


def _follow(lead: Draft, q: Quantity, own: Draft | None, paired: str | None, gap: str = "") -> Draft | None:
    """A later figure of a list reads like the first one ("下降20.6%和6.5%"), under its own keyword
    when the list pairs keywords with figures, and in its own direction where it says one ("和上升3.3%")."""
    if q.unit != lead.unit and not (q.unit is None and lead.unit == "index"):  # "指数分别为2.41、2.58"
        return own
    indicator = paired or (own.indicator if own else lead.indicator)
    turn = ind.direction(indicator, gap) if lead.measure == "change" and _TURN_SEP.match(gap) else None
    sign = turn or (-1 if lead.measure == "change" and lead.value < 0 else 1)
    return Draft(indicator, lead.measure, q.value * sign, lead.unit, q, value_max=q.value_max,
                  basis=lead.basis, out_of=lead.out_of)
