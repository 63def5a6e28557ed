"""From one cleaned article to its metric facts (core).

For every sentence: find the quantities, the indicator keywords, the places
and the time expressions, then give each quantity
- its indicator: the nearest keyword before it whose indicator accepts the
  unit (counts: the noun after them), unless a metric noun of another figure
  stands between ("…覆盖率25%,蓝绿空间占比提升到65%");
- its measure: rank ("第N名"), change (a direction word before the number, or
  个百分点), target (力争/确保/到2025年/…的目标), else value;
- its place: the nearest place named before it in the sentence that is the
  subject, not a comparison scope ("在全国168个重点城市中"); else the subject
  of the paragraph so far; else the article's own place;
- its period: the nearest time expression before it that is not a baseline;
  else the paragraph's last one; else none.
A list "A和B分别…x和y" pairs keywords (or places) with figures in order.
A figure stated twice in the article is one fact: the fact id is a digest of
what the fact says, so replays and repeats give the same id.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date

from services.common.schemas import Article, CleanItem, MetricFact, Period
from services.extract import indicators as ind
from services.extract.gazetteer import Place
from services.extract.periods import PeriodMention, anchor, find_periods
from services.extract.quantities import Quantity, find_quantities
from services.extract.regions import Mention, find_mentions, home_place, resolve

_MAX_REACH = 40
_METRIC_NOUN = re.compile(r"[，,；;]([^，,；;]*?(?:占比|比例|比率|率|指数|浓度|面积|总量|数量|天数))")
_SCOPE_AFTER = re.compile(
    r"(?:\d+个[^，,。；;]{0,12}?)?(?:中|内|排名|排在|排第|位列|名列|之首|最优|最好|前列|区域|范围|同类|第)"
)
_COMPARED = re.compile(r"(?:高于|低于|优于|好于|差于|超过|比|较|与|同|排名|位列|位居|居|列)$")
_STANDARD_BEFORE = re.compile(r"(?:标准|限值|标准值|二级|一级)\s*[（(]$")
_SHARED = re.compile(r"^(?:\s*等[^，,。；;]{0,6}[，,])?(?:[^，,。；;]{0,12}?)(?:均为|均达到|均达|均是|都为|都是|均)")
_LIST_SEP = re.compile(r"^\s*[、和及与]\s*$")
_ENV = re.compile(
    r"生态|环境|环保|污染|治污|湿地|大气|水质|减排|排放|督察|绿化|造林|节能|低碳|河湖|蓝天|碧水|净土|执法"
)
_BUSINESS = re.compile(
    r"招商|引资|合同|GDP|营收|税|产值|增加值|利润|融资|贷款|授权|研发|注册资本|基金|销售|消费(?!量)|帮扶|援助"
)
# a title that says the article is about the environment (执法 alone is not: traffic and market
# regulators enforce too)
_ENV_TITLE = re.compile(r"生态|环境|环保|污染|治污|大气|水质|减排|排放|督察|蓝天|碧水|净土|空气质量")
_GATED = frozenset({"finance.eco_funding", "enforcement.fines", "enforcement.cases"})
_TRAILING_TIME = re.compile(r"(?:去年|今年|前年|同期|\d{4}年(?:底|末)?|“?十[一二三四五]五”?末|当年)+$")
_QUALITY_CLASS = re.compile(
    r"(?<![劣~～\-—至到])(?P<c>Ⅴ|Ⅳ|Ⅲ|Ⅱ|Ⅰ|IV|V|III|II|I|[一二三四五])类(?P<tail>水质|水体|水|标准)?"
)
_CLASS_VALUE = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5,
                "一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
_OUT_OF = re.compile(r"(\d+)个[^，,。；;第]{0,10}?(?:城市|市|县|区|地市|省份|省|州|市\(州\)|市（州）)")


@dataclass
class _Draft:
    """A fact before ids and places are settled."""

    indicator: str
    measure: str
    value: float
    unit: str
    quantity: Quantity
    value_max: float | None = None
    basis: str | None = None
    out_of: int | None = None
    pollutant: str | None = None
    flags: tuple[str, ...] = ()
    region: Place | None = None


_When = tuple[str, str] | None
_DIGITISH = re.compile(r"[0-9百一二三四五ⅠⅡⅢⅣⅤ]")


@dataclass
class _Context:
    """What the paragraph so far has said about place, time and topic."""

    paragraph: int = -1
    period: _When = None
    subject: Place | None = None
    env: tuple[bool, bool] = (False, False)  # the two previous sentences speak of the environment
    business: bool = False  # the previous sentence speaks of business or aid money
    topic: tuple[str, str | None] | None = None  # the last air indicator a change was given for, its basis
    # the indicator of a clause that ended with a semicolon: "最低的是甲，为45微克/立方米；最高的是乙，为79…"
    # goes on speaking of it while the clauses after it name none of their own
    clause_indicator: str | None = None


def _gap_tail(gap: str) -> str:
    return _TRAILING_TIME.sub("", gap)


def _blocked(gap: str) -> bool:
    """Another figure's metric noun stands between a keyword and the number."""
    return bool(_METRIC_NOUN.search(gap))


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


def _level_or_change(sentence: str, q: Quantity, rule: ind.Rule, kw_start: int, kw_end: int) -> _Draft | None:
    gap = sentence[kw_end:q.start]
    sign = ind.direction(rule.indicator, _gap_tail(gap))
    change = sign is not None or q.unit == "pp"
    if not _accepts(rule, q, change):
        return None
    if change and rule.indicator in _COUNTED and q.unit == "%" and re.search(r"\d", gap) and "分别" not in gap:
        return None  # "案件312起，…增长6.1%": the keyword has its own figure; this change is another's
    if change:
        value = q.value * (sign or 1)
        return _Draft(rule.indicator, "change", value, q.unit or "", q,
                      basis=ind.basis(sentence[kw_start:q.start]))
    return _Draft(rule.indicator, "value", q.value, q.unit or "", q, value_max=q.value_max)


_NOT_A_PLACE_GREENING = re.compile(r"(?:道路|公路|铁路|农田|林网|通道|河渠|沟渠|廊道|绿道)[^，,。；;]{0,4}$")


def _by_keyword(sentence: str, q: Quantity, keywords: list[tuple[int, int, ind.Rule]],
                owned: frozenset[int] = frozenset()) -> _Draft | None:
    """The nearest keyword before ``q`` that accepts it; a keyword printed right after another
    figure ("875平方公里湿地") is that figure's and serves no other."""
    named = ind.compliance_after(sentence[:q.start], sentence[q.end:]) if q.unit == "%" else None
    if named:
        return _Draft(named, "value", q.value, "%", q)
    for start, end, rule in reversed(keywords):
        if end > q.start or q.start - end > _MAX_REACH or start in owned:
            continue
        if rule.indicator == "green.coverage_rate" and _NOT_A_PLACE_GREENING.search(sentence, 0, start):
            return None  # the greening rate of roads or farmland shelter belts is not a place's coverage
        if _blocked(sentence[end:q.start]):
            return None
        draft = _level_or_change(sentence, q, rule, start, end)
        if draft is not None:
            return draft
    after = sentence[q.end:q.end + 6]
    for start, _end, rule in keywords:
        if q.end <= start < q.end + 6 and q.unit in rule.units and rule.units & (ind._AREA | {"CNY"}):
            if not re.search(r"[，,、；;。]", after[: start - q.end]):
                return _Draft(rule.indicator, "value", q.value, q.unit or "", q, value_max=q.value_max)
    return None


_RANK_OF_CHANGE = re.compile(r"幅度|降幅|增幅|升幅|改善率|下降率")


def _clause_start(sentence: str, end: int, marks: str = "，,；;") -> int:
    """Where the clause holding position ``end`` begins: after the last of ``marks`` before it."""
    return max(sentence.rfind(p, 0, end) for p in marks) + 1


def _rank(sentence: str, q: Quantity, keywords: list[tuple[int, int, ind.Rule]]) -> _Draft | None:
    before = [k for k in keywords if k[1] <= q.start]
    clause = _clause_start(sentence, q.start)
    if not before or (before[-1][0] < clause and _RANK_OF_CHANGE.search(sentence, clause, q.start)):
        return None  # "…增加18天，改善幅度位居全省第一": a clause ranking an improvement, of no indicator
    outs = list(_OUT_OF.finditer(sentence, 0, q.start))
    out_of = int(outs[-1].group(1)) if outs else None
    value = q.value
    flags: tuple[str, ...] = ()
    if q.from_bottom:
        if out_of is None:
            return None
        value, flags = float(out_of - int(q.value) + 1), ("rank_from_bottom",)
    return _Draft(before[-1][2].indicator, "rank", value, "rank", q, out_of=out_of, flags=flags)


# "按每亩每年1000元", "每户补贴2000元": a price or subsidy per unit, not a total
_PER_UNIT = re.compile(r"每(?:亩|人|户|吨|平方米|立方米|公斤|千克|辆|台|个|家)[^，,。；;]{0,8}$")


def _classify(sentence: str, q: Quantity, keywords: list[tuple[int, int, ind.Rule]],
              owned: frozenset[int] = frozenset()) -> _Draft | None:
    if _STANDARD_BEFORE.search(sentence, max(0, q.start - 5), q.start):
        return None  # "达到国家二级标准（35微克/立方米）" quotes a limit, not the place's figure
    if _PER_UNIT.search(sentence, max(0, q.start - 12), q.start):
        return None
    if q.rank:
        return _rank(sentence, q, keywords)
    if q.unit == "rank":
        before = [k for k in keywords if k[1] <= q.start]
        sign = ind.direction("", _gap_tail(sentence[max(0, q.start - 12):q.start])) or 1
        if not before:
            return None
        return _Draft(before[-1][2].indicator, "change", q.value * sign, "rank", q,
                      basis=ind.basis(sentence[before[-1][0]:q.start]))
    if q.unit == "count":
        name = ind.count_indicator(sentence, q.start, q.end)
        if name is None:
            near = [k for k in keywords if k[1] <= q.start and q.start - k[1] <= 12 and "count" in k[2].units]
            name = near[-1][2].indicator if near else None
        return _Draft(name, "value", q.value, "count", q) if name else None
    if q.unit is None:
        near = [k for k in keywords if k[1] <= q.start and k[2].indicator == "air.composite_index"]
        if not near:
            return None
        gap = sentence[near[-1][1]:q.start]
        other = any(near[-1][1] <= k[0] < q.start for k in keywords)
        turn = ind.direction("air.composite_index", gap[-6:]) if len(gap) <= 24 and not other else None
        if turn is not None:  # "综合指数同比改善0.32", "综合指数为3.15，同比下降0.21": a change of the index
            return _Draft("air.composite_index", "change", turn * q.value, "index", q, basis=ind.basis(gap))
        if len(gap) <= 4:
            return _Draft("air.composite_index", "value", q.value, "index", q)
        return None
    draft = _by_keyword(sentence, q, keywords, owned)
    if draft is None:
        return None
    if draft.unit in ("g/m3", "mg/m3") and draft.indicator.startswith("air.") and draft.indicator != "air.co":
        if draft.unit == "mg/m3":
            draft.value, draft.flags = draft.value * 1000, ("unit_converted:mg/m3",)
        else:
            draft.flags = ("unit_corrected:g/m3",)
        draft.unit = "ug/m3"
    if draft.unit == "g/m3":
        return None
    return draft


def _chains(quantities: list[Quantity], sentence: str) -> list[list[int]]:
    """Indices of quantities written as one list ("47、55和55微克/立方米")."""
    chains: list[list[int]] = []
    for i, q in enumerate(quantities):
        if chains and _LIST_SEP.match(sentence[quantities[chains[-1][-1]].end:q.start]):
            chains[-1].append(i)
        else:
            chains.append([i])
    return chains


def _share_unit(quantities: list[Quantity], chain: list[int]) -> None:
    last = quantities[chain[-1]]
    for i in chain[:-1]:
        q = quantities[i]
        if q.unit is None and last.unit is not None:
            quantities[i] = Quantity(q.start, q.end, q.value, q.value_max, last.unit, q.qualifier)


def _subject_mentions(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions that name whom a figure is about: not a ranking scope ("在全国168个重点城市中")
    nor a comparison ("高于全省平均")."""
    return [m for m in mentions if not _SCOPE_AFTER.match(sentence, m.end) and
            not _COMPARED.search(sentence, max(0, m.start - 2), m.start)]  # "与/居" + place: not the subject


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


def _pair_list(sentence: str, chain_qs: list[Quantity], items: list, key) -> list | None:
    """Items (keywords or places) named before 分别/依次, one per figure of the list, in order."""
    first = chain_qs[0]
    marker = max(sentence.rfind("分别", 0, first.start), sentence.rfind("依次", 0, first.start))
    if marker < 0:
        return None
    candidates = [x for x in items if key(x) <= marker]
    if len(candidates) < len(chain_qs):
        return None
    return candidates[-len(chain_qs):]


def _paired_pollutants(sentence: str, chain_qs: list[Quantity]) -> list[str] | None:
    """"化学需氧量、氨氮排放量分别下降10.2%和9.8%": one pollutant per figure, in order."""
    marker = sentence.rfind("分别", 0, chain_qs[0].start)
    if marker < 0:
        return None
    start = _clause_start(sentence, marker, "，,；;。")
    named = ind.pollutants(sentence[start:marker])
    return named if len(named) == len(chain_qs) else None


def _period_for(q: Quantity, periods: list[PeriodMention], ctx: _Context) -> tuple[str, str] | None:
    before = [p for p in periods if p.end <= q.start and not p.baseline]
    if before:
        return before[-1].period
    return ctx.period


def _region_for(sentence: str, q: Quantity, mentions: list[Mention], home: Place | None,
                ctx: _Context) -> Place | None:
    for m in reversed(_subject_mentions(sentence, mentions)):
        if m.end <= q.start:
            place = resolve(m.text, home)
            if place is not None:
                return place
    return ctx.subject or home


def _quality_classes(sentence: str) -> list[_Draft]:
    out = []
    for m in _QUALITY_CLASS.finditer(sentence):
        context = sentence[max(0, m.start() - 8):m.start()]
        follow = sentence[m.end():m.end() + 8]
        if not (m.group("tail") or "水" in context) or re.match(r"^[^，,。]{0,6}(?:比例|占比|断面)", follow):
            continue
        q = Quantity(m.start(), m.end(), float(_CLASS_VALUE[m.group("c")]), None, "index", "exact")
        out.append(_Draft("water.quality_class", "value", q.value, "index", q))
    return out


def _sentence_drafts(sentence: str, mentions: list[Mention], home: Place | None, ctx: _Context,
                     periods: list[PeriodMention]) -> list[tuple[_Draft, tuple[str, str] | None]]:
    quantities = find_quantities(sentence)
    keywords = ind.find_keywords(sentence) or (
        [(0, 0, ind.BY_INDICATOR[ctx.clause_indicator])] if ctx.clause_indicator else [])
    subjects = _subject_mentions(sentence, mentions)
    drafts: list[tuple[_Draft, tuple[str, str] | None]] = []
    for chain in _chains(quantities, sentence):
        _share_unit(quantities, chain)
        chain_qs = [quantities[i] for i in chain]
        paired_kw = _pair_list(sentence, chain_qs, [k for k in keywords if k[1] <= chain_qs[0].start],
                               key=lambda k: k[1]) if len(chain) > 1 else None
        paired_places = _pair_list(sentence, chain_qs, subjects, key=lambda m: m.end) if len(chain) > 1 else None
        paired_pollutants = _paired_pollutants(sentence, chain_qs) if len(chain) > 1 else None
        lead: _Draft | None = None
        for n, q in enumerate(chain_qs):
            owned = frozenset(k[0] for k in keywords for other in quantities
                              if other is not q and k[0] >= other.end and not sentence[other.end:k[0]].strip())
            draft = _classify(sentence, q, [paired_kw[n]] if paired_kw else keywords, owned)
            if lead is not None and n:
                draft = _follow(lead, q, draft, paired_kw[n][2].indicator if paired_kw else None)
            if draft is None:
                continue
            lead = lead or draft
            if paired_places:
                draft.region = resolve(paired_places[n].text, home)
            if paired_pollutants and draft.indicator == "emissions.reduction":
                draft.pollutant = paired_pollutants[n]
            drafts.append((draft, _period_for(q, periods, ctx)))
    for draft in _quality_classes(sentence):
        drafts.append((draft, _period_for(draft.quantity, periods, ctx)))
    drafts = [(_bracketed_change(sentence, d, drafts), w) for d, w in drafts]
    read = {id(d.quantity) for d, _ in drafts}
    drafts += _changes_after(sentence, quantities, drafts, read, periods, ctx)
    read = {id(d.quantity) for d, _ in drafts}
    for q in quantities:
        extreme = _EXTREME.search(sentence, 0, q.start) if q.unit == "%" and id(q) not in read else None
        if extreme and ctx.topic and not _CLAUSE_END.search(sentence, extreme.end(), q.start):
            sign = -1 if extreme.group("down") else 1
            drafts.append((_Draft(ctx.topic[0], "change", sign * q.value, "%", q, basis=ctx.topic[1] or "unspecified"),
                           _period_for(q, periods, ctx)))
    out: list[tuple[_Draft, _When]] = []
    for draft, period in drafts:
        places = [] if draft.region else _place_list(sentence, draft.quantity, subjects)
        for m in places:
            out.append((replace(draft, region=resolve(m.text, home)), period))
        if not places:
            if draft.region is None:
                draft.region = _region_for(sentence, draft.quantity, mentions, home, ctx)
            out.append((draft, period))
    return out


# what may stand between a figure and its own change: a comparison, then a direction word
def _bracketed_change(sentence: str, draft: _Draft, drafts: list[tuple[_Draft, _When]]) -> _Draft:
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
                         r"(?:增长|上升|增加|提高|升高|下降|减少|降低|回落|下滑)了?$")


def _changes_after(sentence: str, quantities: list[Quantity], drafts: list[tuple[_Draft, _When]],
                   read: set[int], periods: list[PeriodMention], ctx: _Context) -> list[tuple[_Draft, _When]]:
    """"立案查处624起、同比增长43.7%", "1732天次，同比减少18.6%": a % change right after a count,
    an amount or days is the change of that figure's indicator, in its place and time."""
    out: list[tuple[_Draft, _When]] = []
    for q in quantities:
        if q.unit != "%" or id(q) in read:
            continue
        earlier = [(d, w) for d, w in drafts if d.quantity.end <= q.start and d.measure == "value"]
        if not earlier:
            continue
        lead, when = earlier[-1]
        gap = sentence[lead.quantity.end:q.start]
        sign = ind.direction("", gap)
        if lead.indicator not in _COUNTED | {"finance.eco_funding"} or sign is None or not _CHANGE_GAP.match(gap):
            continue
        out.append((_Draft(lead.indicator, "change", sign * q.value, "%", q, basis=ind.basis(gap),
                           region=lead.region), _period_for(q, periods, ctx) or when))
    return out


# "降幅最大的是信阳市，为12.3%": the paragraph's indicator, for the place named, signed by the word
_EXTREME = re.compile(r"(?:(?P<down>降|减|下降|改善)|(?:升|增|上升))幅(?:度)?最大")
_CLAUSE_END = re.compile(r"[。；;]")
_CLAUSE_OPENERS = frozenset("，,；;：:")


def _follow(lead: _Draft, q: Quantity, own: _Draft | None, paired: str | None) -> _Draft | None:
    """A later figure of a list reads like the first one ("下降20.6%和6.5%"), under its own keyword
    when the list pairs keywords with figures."""
    if q.unit != lead.unit:
        return own
    indicator = paired or (own.indicator if own else lead.indicator)
    sign = -1 if lead.measure == "change" and lead.value < 0 else 1
    return _Draft(indicator, lead.measure, q.value * sign, lead.unit, q, value_max=q.value_max,
                  basis=lead.basis, out_of=lead.out_of)


def _fact_id(doc_id: str, article: int, d: _Draft, region: str, period: tuple[str, str] | None) -> str:
    key = "|".join(map(str, (doc_id, article, d.indicator, d.measure, d.value, d.value_max, d.unit, region,
                             period, d.pollutant)))
    return hashlib.blake2b(key.encode(), digest_size=10).hexdigest()


# "计划完成营造林20万亩，目前已完成15.3万亩": the second figure is what was done, not the goal
_ACHIEVED = re.compile(r"已(?:经)?(?:完成|达到|实现|建成)|实际完成")


def _finish(sentence: str, offset: int, d: _Draft, period: tuple[str, str] | None, item: CleanItem,
            unit: Article) -> MetricFact | None:
    if d.region is None:
        return None
    before = sentence[:d.quantity.start]
    clause = before[_clause_start(before, len(before)):]
    if (d.measure in ("value", "change") and not _ACHIEVED.search(clause)
            and ind.is_target(before, sentence[d.quantity.end:], item.published_at.year)):
        d.measure, d.basis = "target", None
    if d.measure != "change":
        d.basis = None
    year = item.published_at.year
    if d.measure == "target" and period == (f"{year}-01", f"{year}-{item.published_at.month:02d}"):
        period = (f"{year}-01", f"{year}-12")  # "今年目标": a goal for this year, not the months so far
    d.pollutant = d.pollutant or ind.pollutant(d.indicator, before)
    region = d.region.name
    return MetricFact(
        fact_id=_fact_id(unit.doc_id, unit.article, d, region, period),
        doc_id=unit.doc_id, article=unit.article, indicator=d.indicator, measure=d.measure,  # type: ignore[arg-type]
        value=d.value, value_max=d.value_max, qualifier=d.quantity.qualifier,  # type: ignore[arg-type]
        unit=d.unit, out_of=d.out_of, basis=d.basis, region=region,  # type: ignore[arg-type]
        region_code=d.region.code, period=Period(start=period[0], end=period[1]) if period else None,
        pollutant=d.pollutant, text=sentence[d.quantity.start:d.quantity.end], evidence=sentence,
        span=(offset + d.quantity.start, offset + d.quantity.end), flags=list(d.flags),
    )


_LOOKBACK = re.compile(r"^这(?:是|些是|就是)")
# A heading names whom the section under it is about, until the next heading: a place before a
# colon ("北京市：", "长三角地区41个城市："), or a numbered heading ("（二）石家庄市", "三、全省").
_NUMBERED = r"(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、．.](?!\d))"
_HEADING = re.compile(rf"^\s*(?P<n>{_NUMBERED})?\s*(?P<head>[^，,。；;：:！？!?]{{1,30}})\s*(?P<colon>[：:])?")


# "其中，…": a paragraph that breaks down the previous one goes on in its time and place
# ("此外/同时" open a new topic: they carry nothing)
_CONTINUES = re.compile(r"^其中[，,]")
# "1-9月，部分市（州）办案情况如下：": a lead-in whose time covers the lines under it
_LEAD_IN = re.compile(r"[：:]\s*$")


_REPORT_TITLE = re.compile(r"通报|公报|状况|情况|排名|报告|总结|成绩单|年报|月报|快报|发布")


def _is_report(title: str | None, published: date) -> bool:
    """A periodic report ("…1—5月全国环境空气质量状况", "江西省7月地表水水质状况通报") states its
    time once and every paragraph after goes on in it; a feature's later paragraphs, with no time
    of their own, state none (the spec's null)."""
    title = title or ""
    return bool(_REPORT_TITLE.search(title)) or any(m.period for m in find_periods(title, published)
                                                     if not m.baseline)


def _section(sentence: str, home: Place | None) -> tuple[bool, Place | None]:
    """(whether ``sentence`` is a heading, the place it names) for a sentence that opens a paragraph.
    A numbered heading that names no place ends the previous section; a colon lead that names none
    ("记者了解到：") is no heading."""
    m = _HEADING.match(sentence)
    if m is None:
        return False, None
    numbered, colon = m.group("n"), m.group("colon")
    whole = m.end("head") >= len(sentence.rstrip("。 \n"))
    if not (colon or (numbered and whole and len(sentence) <= 24)):
        return False, None
    head = m.group("head")
    mentions = find_mentions(head)
    place = resolve(mentions[0].text, home) if mentions and mentions[0].start == 0 else None
    return (place is not None or bool(numbered)), place
_DATELINE = re.compile(r"^[^，,。；;]{0,24}?讯\s*(?:[(（][^)）]{0,24}[)）])?")


def _advance(ctx: _Context, sentence: str, periods: list[PeriodMention], home: Place | None,
             mentions: list[Mention] | None) -> None:
    """Carry the paragraph's time and subject into its following sentences (``mentions``: the
    sentence's places, when they were found already)."""
    own = [p for p in periods if not p.baseline]
    if own and not _LOOKBACK.match(sentence):  # "这是…11月4日获悉的" dates the report, not the figures
        ctx.period = own[-1].period
    lead = _DATELINE.match(sentence)
    offset = lead.end() if lead else 0  # "本报讯（记者…）" first: the subject comes after it
    subjects = [replace(m, start=m.start + offset, end=m.end + offset)
                for m in _subject_mentions(sentence[offset:], find_mentions(sentence[offset:offset + 16]))]
    if not subjects:  # "今年上半年，全国339个城市…": the subject opens a later clause
        found = find_mentions(sentence) if mentions is None else mentions
        subjects = [m for m in _subject_mentions(sentence, found)
                    if m.start > 0 and sentence[m.start - 1] in _CLAUSE_OPENERS][-1:]
    if subjects:
        ctx.subject = resolve(subjects[0].text, home)
    ctx.env = (ctx.env[1], bool(_ENV.search(sentence)))
    ctx.business = bool(_BUSINESS.search(sentence))


def _drafts(item: CleanItem, unit: Article, home: Place | None) -> list[tuple[int, int, str, _Draft, _When]]:
    """(paragraph, offset, sentence, draft, period) for every figure, in reading order."""
    text = unit.text
    published = item.published_at.date()
    ctx = _Context()
    out: list[tuple[int, int, str, _Draft, _When]] = []
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]
    about_environment = bool(_ENV_TITLE.search(unit.title or ""))  # the whole article is, then
    section: Place | None = None
    section_period: _When = None
    in_force: _When = None  # the last period the article stated, for a floating 全年
    report = _is_report(unit.title, published)  # its paragraphs go on in the time stated before them
    for start, end in unit.sentences:
        sentence = text[start:end]
        paragraph = bisect.bisect_left(breaks, start)
        periods = anchor(find_periods(sentence, published), ctx.period or in_force)
        if paragraph != ctx.paragraph:
            heading, place = _section(sentence, home)
            if heading:
                section = place
                section_period = None if place is None else section_period
            if _LEAD_IN.search(sentence):
                section_period = next((p.period for p in periods if p.period and not p.baseline), section_period)
            if _CONTINUES.match(sentence):
                ctx.paragraph = paragraph
            else:
                ctx = _Context(paragraph, subject=section, period=section_period or (in_force if report else None))
            if out and _LOOKBACK.match(sentence):
                _backdate(out, paragraph - 1, find_periods(sentence[:12], published))
        mentions = None
        drafted = len(out)
        if _DIGITISH.search(sentence):
            mentions = find_mentions(sentence)
            env = about_environment or bool(_ENV.search(sentence)) or any(ctx.env)
            business = ctx.business or bool(_BUSINESS.search(sentence))
            for draft, period in _sentence_drafts(sentence, mentions, home, ctx, periods):
                if draft.indicator in _GATED and (not env or (draft.indicator == "finance.eco_funding"
                                                              and business)):
                    continue
                out.append((paragraph, start, sentence, draft, period))
                if draft.indicator.startswith("air.") and draft.measure == "change" and draft.unit == "%":
                    ctx.topic = (draft.indicator, draft.basis)
        _advance(ctx, sentence, periods, home, mentions)
        ctx.clause_indicator = _clause_indicator(sentence, [d for _, _, _, d, _ in out[drafted:]], ctx)
        in_force = ctx.period or in_force
    return out


def _clause_indicator(sentence: str, drafts: list[_Draft], ctx: _Context) -> str | None:
    """What the clause after this one speaks of when it names nothing: this sentence's last
    indicator, if it ends with a semicolon (a sentence that named none passes its own on)."""
    if not sentence.rstrip().endswith(("；", ";")):
        return None
    if drafts:
        return drafts[-1].indicator if drafts[-1].indicator in ind.BY_INDICATOR else None
    return None if ind.find_keywords(sentence) else ctx.clause_indicator


def _backdate(drafts: list[tuple[int, int, str, _Draft, _When]], paragraph: int,
              periods: list[PeriodMention]) -> None:
    """"这是去年…交出的答卷": the time a summary sentence names belongs to the paragraph before it."""
    own = [p.period for p in periods if not p.baseline and p.period]
    if not own:
        return
    for i, (para, offset, sentence, draft, period) in enumerate(drafts):
        if para == paragraph and period is None:
            drafts[i] = (para, offset, sentence, draft, own[0])


def extract_article(item: CleanItem, unit: Article) -> list[MetricFact]:
    """Every metric fact the article states, once each, in reading order."""
    home = home_place(unit.title, unit.text, unit.byline, item.source)
    facts: dict[str, MetricFact] = {}
    for _, offset, sentence, draft, period in _drafts(item, unit, home):
        fact = _finish(sentence, offset, draft, period, item, unit)
        if fact is not None and fact.fact_id not in facts:
            facts[fact.fact_id] = fact
    return list(facts.values())
