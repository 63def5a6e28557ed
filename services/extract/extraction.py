"""From one cleaned article to its metric facts (core): the layers put together.

``discourse`` keeps what is in force (place, time, indicator) as the article is read;
``attach`` gives each figure of a sentence its indicator, measure, place and time;
this module walks the sentences, gates figures that are only environmental in an
environmental context (funds, fines, cases), settles targets, and turns drafts into
``MetricFact``s. A figure stated twice in the article is one fact: the fact id is a digest
of what the fact says, so replays and repeats give the same id.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from datetime import datetime
from typing import NamedTuple

from services.common.schemas import Article, CleanItem, MetricFact, Period
from services.extract import indicators as ind
from services.extract import tables
from services.extract.attach import sentence_drafts
from services.extract.discourse import (
    BUSINESS,
    CONTINUES,
    ENV,
    LEAD_IN,
    LOOKBACK,
    NEW_TOPIC,
    Context,
    advance,
    backdate,
    clause_indicator,
    goals_heading,
    goals_lead,
    heading_place,
    is_headline,
    is_report,
    sentence_per_paragraph,
)
from services.extract.drafts import CLAUSE_BREAK, DIGITISH, Draft, When, clause_start
from services.extract.gazetteer import Place
from services.extract.glosses import unglossed
from services.extract.periods import anchor, find_periods, title_periods
from services.extract.regions import find_mentions, home_place

# a title that says the article is about the environment (执法 alone is not: traffic and market
# regulators enforce too)
_ENV_TITLE = re.compile(r"生态|环境|环保|污染|治污|污水|大气|水质|减排|排放|督察|蓝天|碧水|净土|空气质量")


_NEWLINE = re.compile("\n")
# a title or paragraph about the air (``attach`` has its own, wider test for one sentence)
_AIR_TOPIC = re.compile(r"空气|大气|蓝天|PM|颗粒物|臭氧|优良天|AQI")


def _paragraph_end(breaks: list[int], paragraph: int, text: str) -> int:
    return breaks[paragraph] if paragraph < len(breaks) else len(text)
# figures that are environmental only in an environmental context: funds, fines, cases, a hotline's
# completion rate
_GATED = frozenset({"finance.eco_funding", "enforcement.fines", "enforcement.cases",
                    "enforcement.rectification_rate"})


def _fact_id(doc_id: str, article: int, d: Draft, region: str, period: tuple[str, str] | None) -> str:
    key = "|".join(map(str, (doc_id, article, d.indicator, d.measure, d.value, d.value_max, d.unit, region,
                             period, d.pollutant)))
    return hashlib.blake2b(key.encode(), digest_size=10).hexdigest()


# "计划完成营造林20万亩，目前已完成15.3万亩": the second figure is what was done, not the goal
_ACHIEVED = re.compile(r"已(?:经)?(?:完成|达到|实现|建成)|实际完成")


def _finish(sentence: str, offset: int, d: Draft, period: tuple[str, str] | None, item: CleanItem,
            unit: Article, extractor: str | None, extracted_at: datetime | None) -> MetricFact | None:
    if d.region is None:
        return None
    before = sentence[:d.quantity.start]
    clause = before[clause_start(before, len(before)):]
    if (d.measure in ("value", "change") and not _ACHIEVED.search(clause)
            and (ind.is_target(before, sentence[d.quantity.end:], item.published_at.year)
                 or period is not None and int(period[1][:4]) > item.published_at.year)):
        d.measure, d.basis = "target", None  # a figure of a year still to come ("“十四五”期间…下降10%") is a goal
    if d.measure != "change":
        d.basis = None
    year = item.published_at.year
    if d.measure == "target" and period and (period == (f"{year}-01", f"{year}-{item.published_at.month:02d}")
                                             or _YEARS_GOAL.search(clause) and period[0][5:] == "01"):
        period = (period[0][:4] + "-01", period[0][:4] + "-12")  # "今年目标", "年度目标": the year's goal
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
        extractor=extractor, extracted_at=extracted_at,
    )


_YEARS_GOAL = re.compile(r"年度|全年")


def _business(sentence: str, draft: Draft, ctx: Context) -> bool:
    """Money of business or aid, not of the environment: said so in the figure's own clause, or in
    the sentence before ("招商引资…。项目总投资3亿元"); the investment of deals signed ("签约新能源项目30个，
    总投资256亿元"); or a project's whole investment, whose part for the environment is stated after it
    ("总投资5000万元，其中环保投资120万元")."""
    q = draft.quantity
    end = CLAUSE_BREAK.search(sentence, q.end)
    clause = (clause_start(sentence, q.start), end.start() if end else len(sentence))
    return ctx.business or bool(BUSINESS.search(sentence, *clause) or _ENV_PART_AFTER.match(sentence, q.end)
                                or _SIGNED.search(sentence, 0, q.start) and not _ECO_MONEY.search(sentence))


_SIGNED = re.compile(r"签约|签订[^，,。；;]{0,6}(?:协议|合同)")
_ECO_MONEY = re.compile(r"补偿|环保|治污|污染防治|污染治理")  # "签约…生态补偿，补偿资金3亿元" is the environment's

_ENV_PART_AFTER = re.compile(r"[^。；;]{0,12}?其中[^。；;，,]{0,6}?"
                             r"(?:环保|环境保护|生态环境|污染治理|治污)(?:投资|投入|资金)")


def _as_written(draft: Draft, origin: list[int] | None) -> Draft:
    """The draft with its figure's span in the sentence as written (read without its glosses)."""
    if origin is not None:
        q = draft.quantity
        draft.quantity = dataclasses.replace(q, start=origin[q.start], end=origin[q.end - 1] + 1)
    return draft


_ELIDED_ROWS = re.compile(r"[…⋯.．·。\s]+")


def _drafts(item: CleanItem, unit: Article, home: Place | None) -> list[tuple[int, int, str, Draft, When]]:
    """(paragraph, offset, sentence, draft, period) for every figure, in reading order."""
    text = unit.text
    published = item.published_at.date()
    air_titled = bool(_AIR_TOPIC.search(unit.title or ""))
    ctx = Context(air_spoken=air_titled)
    out: list[tuple[int, int, str, Draft, When]] = []
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    about_environment = bool(_ENV_TITLE.search(unit.title or ""))  # the whole article is, then
    section: Place | None = None
    goals = False  # under a heading of goals ("二、2024年主要目标") until the next heading
    aims = False  # in a sentence opened by "目标任务，", and the clauses after its semicolons
    section_period: When = None
    lead = text[unit.sentences[0][0]:unit.sentences[0][1]] if unit.sentences else ""
    report = is_report(unit.title, published, lead)  # its paragraphs go on in the time stated before them
    layout_carries = sentence_per_paragraph(text)  # its paragraph breaks are no more than sentence breaks
    # the last period the article stated, for a floating 全年; a report's title states the first
    # ("某市2023年度环境质量公报")
    in_force: When = next((p.period for p in title_periods(unit.title or "", published)
                           if p.period and not p.baseline), None) if report else None
    last = ""  # the sentence before
    table: tuple[list[tables.Column], When] | None = None  # the columns of the table being read, its time
    recent: When = None  # the last time the article stated: a table's, when its caption states none
    for start, end in unit.sentences:
        written = text[start:end]
        sentence, origin = unglossed(written)  # "水质优良（达到或优于Ⅲ类）断面比例" read as 优良断面比例
        paragraph = bisect.bisect_left(breaks, start)
        if "\t" in sentence:  # a table's header or row (ingest sets cells apart by tabs)
            columns = tables.header(sentence.split("\t"), published, last)
            if columns is not None and not (about_environment or any(ctx.env) or ENV.search(sentence)):
                columns = tables.without(columns, _GATED)  # a business table's money is not the environment's
            if columns is not None:
                table = (columns, ctx.period or recent or in_force)
                continue
            if table is not None:
                out += [(paragraph, start, written, _as_written(d, origin), own or table[1])
                        for d, own in tables.row_drafts(sentence, table[0], section or home, ctx.subject)]
                continue
        if table is not None and _ELIDED_ROWS.fullmatch(sentence):
            continue  # "…": rows left out, and the table goes on
        table = None
        periods = anchor(find_periods(sentence, published), ctx.period or in_force)
        if paragraph != ctx.paragraph:
            heading, place = heading_place(sentence, home)
            stated = next((p.period for p in periods if p.period and not p.baseline), None)
            if heading:  # "（二）宝塔区" keeps the time in force; "二、上半年各县情况" states its own
                section = place
                section_period = stated or (None if place is None else section_period)
            goals = goals_heading(sentence) or (goals and not heading)  # until the next heading
            if LEAD_IN.search(sentence):
                section_period = stated or section_period
            if CONTINUES.match(sentence) or last.endswith(("；", ";", "，", ",")):  # or a sentence goes on
                ctx.paragraph = paragraph
            else:
                # a page a sentence to a paragraph goes on in the time and the topic (environment or
                # business) of the sentences before, as a paragraph's sentences do; not in their place
                runs_on = layout_carries and not NEW_TOPIC.match(sentence) and not is_headline(last)  # a new story
                ctx = Context(paragraph, subject=section,
                              period=section_period or (in_force if report else ctx.period if runs_on else None),
                              env=ctx.env if runs_on else (False, False), business=runs_on and ctx.business,
                              topic=ctx.topic,  # "从改善幅度看，…降幅最大": still the air figure spoken of
                              basis=ctx.basis if runs_on else None,  # "…同比…。\n提升4.5个百分点。": its comparison
                              county=None if heading else ctx.county)
            ctx.air_spoken = air_titled or bool(_AIR_TOPIC.search(text, start, _paragraph_end(breaks, paragraph, text)))
            if out and LOOKBACK.match(sentence):
                backdate(out, paragraph - 1, find_periods(sentence[:12], published))
        mentions = None
        drafted = len(out)
        if DIGITISH.search(sentence):
            mentions = find_mentions(sentence)
            aims = goals_lead(sentence, published.year) or aims  # "…目标任务，…；…；…。"
            env = about_environment or bool(ENV.search(sentence)) or any(ctx.env)
            for draft, period in sentence_drafts(sentence, mentions, section or home, ctx, periods):
                if draft.indicator in _GATED and (not env or (draft.indicator == "finance.eco_funding"
                                                              and _business(sentence, draft, ctx))):
                    continue
                if (goals or aims) and draft.measure in ("value", "change") and not _ACHIEVED.search(
                        sentence, clause_start(sentence, draft.quantity.start), draft.quantity.start):
                    draft.measure, draft.basis = "target", None  # a figure under "主要目标", or after "目标任务，"
                out.append((paragraph, start, written, _as_written(draft, origin), period))
                if draft.indicator.startswith("air.") and draft.measure == "change" and draft.unit == "%":
                    ctx.topic = (draft.indicator, draft.basis)
                elif draft.indicator.startswith("air.") and draft.measure == "value":  # the air figure spoken of
                    same = ctx.topic is not None and ctx.topic[0] == draft.indicator
                    ctx.topic = (draft.indicator, ctx.topic[1] if same and ctx.topic else None)
        aims = aims and sentence.rstrip().endswith(("；", ";", "：", ":"))
        advance(ctx, sentence, periods, section or home, mentions)  # "（二）宝塔区" … "全区": the section's
        ctx.clause_indicator = clause_indicator(sentence, [d for _, _, _, d, _ in out[drafted:]], ctx)
        in_force = ctx.period or in_force
        recent = ctx.period or recent
        last = sentence.rstrip()
    return out


# what parts a headline's clauses: "我市植树造林掀热潮 今年力争新增造林6万亩", "…｜去年PM2.5浓度降至…"
_HEADLINE_BREAK = re.compile(r"[\s|｜_]")


def _headline_facts(item: CleanItem, unit: Article, home: Place | None, body: list[MetricFact],
                    extractor: str | None, extracted_at: datetime | None) -> list[MetricFact]:
    """The headline's own figures: one the body states too is the body's fact (read as the body reads
    it), so only the others are kept ("罚款逾亿元" over a body's 1.02亿元), flagged ``headline``, their
    span in the title. A headline naming no time takes the time of the body's figure of its indicator."""
    title = unit.title or ""
    if not DIGITISH.search(title):
        return []
    said = {(f.indicator, f.measure, f.value, f.unit) for f in body}
    line = _HEADLINE_BREAK.sub("，", title)  # one character for one: the spans stay the title's
    headline = unit.model_copy(update={"text": line, "sentences": [(0, len(line))], "byline": None})
    out: list[MetricFact] = []
    year = item.published_at.year
    this_year = (f"{year}-01", f"{year}-12")
    for _, _, sentence, draft, period in _drafts(item, headline, home):
        draft.flags = (*draft.flags, "headline")
        told = _period_of(draft.indicator, body)
        if (period == this_year and told and told[0][5:] == "01" and told[1][5:] == "12"
                and _FLOATING_YEAR.search(title) and not _THIS_YEAR.search(title)):
            period = told  # "全年查处…超千起" over a body about last year: the body's year
        fact = _finish(sentence, 0, draft, period or told, item, unit, extractor, extracted_at)
        if fact is not None and (fact.indicator, fact.measure, fact.value, fact.unit) not in said:
            out.append(fact.model_copy(update={"evidence": title, "text": title[fact.span[0]:fact.span[1]]}))
    return out


_FLOATING_YEAR = re.compile(r"全年|年度")
_THIS_YEAR = re.compile(r"今年|本年|\d{4}年")


def _period_of(indicator: str, facts: list[MetricFact]) -> When:
    return next(((f.period.start, f.period.end) for f in facts if f.indicator == indicator and f.period), None)


class Reading(NamedTuple):
    """What reading an article gave: its facts, and the indicator of each figure it read but could
    give no place (a page naming none, from a source naming none): dropped, and counted by the shell."""

    facts: list[MetricFact]
    unplaced: list[str]


def extract_article(item: CleanItem, unit: Article, extractor: str | None = None,
                    extracted_at: datetime | None = None) -> Reading:
    """Every metric fact the article states, headline included, once each, in reading order, stamped
    with the extractor's version and time; and the figures it could not place."""
    home = home_place(unit.title, unit.text, unit.byline, " ".join(filter(None, (item.masthead, item.source))))
    facts: dict[str, MetricFact] = {}
    unplaced: list[str] = []
    for _, offset, sentence, draft, period in _drafts(item, unit, home):
        fact = _finish(sentence, offset, draft, period, item, unit, extractor, extracted_at)
        if fact is None:
            unplaced.append(draft.indicator)
        elif fact.fact_id not in facts:
            facts[fact.fact_id] = fact
    body = list(facts.values())
    headline = [f for f in _headline_facts(item, unit, home, body, extractor, extracted_at) if f.fact_id not in facts]
    return Reading(headline + body, unplaced)
