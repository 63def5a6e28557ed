"""Document structure and discourse state: what is in force where a figure stands (core).

The state (``Context``) carries the subject place, the period and the indicator from the
title and byline through headings and paragraphs to sentences and clauses:
- headings (``section``): a place before a colon ("北京市：", "长三角地区41个城市：") or a
  numbered heading ("（二）石家庄市") names the section's place until the next heading; a
  lead-in ending in a colon ("1-9月，各地情况如下：") gives its time to the lines under it;
- paragraphs: a report (``is_report``: its title says 通报/公报/状况/排名/… or names a
  period) goes on in the time it stated; a feature's paragraph with no time has none;
  "其中，…" continues the paragraph before it;
- sentences (``advance``): the subject opening a sentence (after a dateline) and the time it
  states carry to the next sentences of the paragraph; "这是…获悉的" dates the report, not
  the figures (``backdate`` gives its time to the paragraph before when that had none);
- clauses (``clause_indicator``): after a semicolon, a clause naming no indicator speaks of
  the one before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from services.extract import indicators as ind
from services.extract.drafts import Draft, When
from services.extract.gazetteer import Place
from services.extract.periods import PeriodMention, title_periods
from services.extract.regions import ANAPHOR_LEVEL, GROUPS, Mention, find_mentions, in_address, resolve

_SCOPE_AFTER = re.compile(
    r"(?:[“\"]?2\+26)?(?:[”\"]?城市)?"  # "京津冀及周边地区“2+26”城市中"
    # "全国168个重点城市中", "全省21个市（州）中", "全省16市中", "全市各县（市、区）中"; "全省203个国考断面中" is the
    # province's own sections
    r"(?:(?:\d+(?:个[^，,。；;]{0,10}?)?|各)(?:城市|市|县|区|州|盟|旗|省)(?:[（(][^）)]{0,6}[）)])?)?"
    r"(?:中|内|排名|排在|排第|位列|位居|居于|名列|之首|最优|最好|前列|区域|范围|同类|第|首个|首家|唯一)"
)


_COMPARED = re.compile(r"(?:高于|低于|优于|好于|差于|超过|次于|比|较|与|同|排名|位列|位居|居|列)$")  # "仅次于承德市"


ENV = re.compile(
    r"生态|环境|环保|污染|治污|污水|湿地|大气|水质|减排|排放|督察|绿化|造林|节能|低碳|河湖|蓝天|碧水|净土|执法"
    r"|散乱污|排污|扬尘|秸秆"
)


BUSINESS = re.compile(
    r"招商|引资|合同|GDP|营收|税|产值|增加值|利润|融资|贷款|授权|研发|注册资本|基金|销售|消费(?!量)|帮扶|援助"
)


@dataclass
class Context:
    """What the paragraph so far has said about place, time and topic."""

    paragraph: int = -1
    period: When = None
    subject: Place | None = None
    env: tuple[bool, bool] = (False, False)  # the two previous sentences speak of the environment
    business: bool = False  # the previous sentence speaks of business or aid money
    topic: tuple[str, str | None] | None = None  # the last air indicator a change was given for, its basis
    # the indicator of a clause that ended with a semicolon: "最低的是甲，为45微克/立方米；最高的是乙，为79…"
    # goes on speaking of it while the clauses after it name none of their own
    clause_indicator: str | None = None
    # the comparison the paragraph's last change named ("比2022年上升4.3%；汾渭平原…上升4.5%"): a change
    # naming none compares as it did
    basis: str | None = None
    # the time a level was left behind ("从2014年的91…降至…"): the paragraph's next "从145天增加到…" is of it
    left_behind: When = None
    air_spoken: bool = False  # the title or the paragraph speaks of the air: a bare 优良率 in it is the air's
    # the places the last 分别 list was paired with ("甲、乙两县PM2.5浓度分别为25、31微克/立方米；综合指数分别为…"):
    # a later 分别 list naming no places of its own is of them
    listed: tuple[Place, ...] = ()
    # the county or district the article last named as a subject ("在围场满族蒙古族自治县，…"): what 该县/全区
    # point back to in a city's article, across paragraphs until a heading
    county: Place | None = None

    def anaphor(self, text: str, home: Place | None) -> Place | None:
        """The place a subject mention names; an anaphor the article's own place cannot be ("该县" in a
        city's article) is the county named last."""
        place = resolve(text, home)
        return self.county if place is None and text in ANAPHOR_LEVEL else place


def subject_mentions(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions that name whom a figure is about: not a ranking scope ("在全国168个重点城市中")
    nor a comparison ("高于全省平均")."""
    return [m for m in mentions if not _scope(sentence, m) and
            not _COMPARED.search(sentence, max(0, m.start - 2), m.start)  # "与/居" + place: not the subject
            and not _INCLUDED.search(sentence, max(0, m.start - 16), m.start)
            and not in_address(sentence, m.start)]


_RANKS_ITSELF = re.compile(r"排名|排在|排第|位列|位居|居于|名列|第|最好|最优")  # "陵川县最好": the best itself
_IN_BEFORE = re.compile(r"[在于]$")


def _scope(sentence: str, m: Mention) -> bool:
    """"在全国168个重点城市中", "全省排名第一", "在京津冀排第9": the field a ranking is in. A named
    division straight before its ranking verb ranks itself ("福州市排名第74位"), and so does the
    article's own ("我市位列第三", "本县排名第5"); "全省…" is the field."""
    scope = _SCOPE_AFTER.match(sentence, m.end)
    if scope is None:
        return False
    itself = m.text not in ANAPHOR_LEVEL or m.text[0] in "我本"
    return not (_RANKS_ITSELF.fullmatch(scope.group()) and itself and m.text not in GROUPS
                and not _IN_BEFORE.search(sentence, max(0, m.start - 1), m.start))


# "全省17个重点城市（含神农架林区）": a place named inside brackets as a member is not whom the figure is about
_INCLUDED = re.compile(r"[（(](?:含|包括|不含|不包括|除)[^）)]{0,12}$")
_CLAUSE_OPENERS = frozenset("，,；;：:")


LOOKBACK = re.compile(r"^这(?:是|些是|就是)")


# A heading names whom the section under it is about, until the next heading: a place before a
# colon ("北京市：", "长三角地区41个城市："), or a numbered heading ("（二）石家庄市", "三、全省").
_NUMBERED = (r"(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、．.](?!\d)"
             r"|[◆●■▶►★☆◇□◎])")  # a bullet heads a section as a number does: "◆邯郸市"


_HEADING = re.compile(rf"^\s*(?P<n>{_NUMBERED})?\s*(?P<head>[^，,。；;：:！？!?]{{1,30}})\s*(?P<colon>[：:])?")


def sentence_per_paragraph(text: str, least: int = 2) -> bool:
    """A page laid out a sentence to a paragraph (pages for phones, a reprint that broke every 。):
    its paragraph breaks say nothing of where a topic ends, so its sentences go on in the time
    stated before them as a paragraph's sentences do. At least ``least`` paragraphs, four in
    five of them a single sentence (one full stop; clauses after semicolons are the sentence's)."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    single = sum(not _FULL_STOP.search(p.rstrip()) for p in paragraphs)
    return len(paragraphs) >= least and 5 * single >= 4 * len(paragraphs)


_FULL_STOP = re.compile(r"[。！？!?](?=.)")


# "其中，…": a paragraph that breaks down the previous one goes on in its time and place
# ("此外/同时" open a new topic: they carry nothing)
CONTINUES = re.compile(r"^其中[，,]")

# a sentence that turns to what comes next ("下一步，…") or to what a project will give ("项目建成后，
# 预计…", "此外，该市建成湿地公园后，…"): on a page a sentence to a paragraph, it does not go on in the
# time before ("同时，…", "此外，…" alone do)
NEW_TOPIC = re.compile(r"^(?:下一步|今后|未来|接下来|(?:此外|另外|同时)?[，,]?[^，,。；;]{0,12}?"
                       r"(?:建成|完成|投运|投产|实施|落成|投入使用|运行)[^，,。；;]{0,8}?后)[，,]")


# "1-9月，部分市（州）办案情况如下：": a lead-in whose time covers the lines under it
LEAD_IN = re.compile(r"[：:]\s*$")


_REPORT_TITLE = re.compile(r"通报|公报|状况|情况|排名|报告|总结|成绩单|年报|月报|快报|发布")


def is_report(title: str | None, published: date, lead: str = "") -> bool:
    """A periodic report ("…1—5月全国环境空气质量状况", "江西省7月地表水水质状况通报") states its
    time once and every paragraph after goes on in it; a feature's later paragraphs, with no time
    of their own, state none (the spec's null). A piece without a title is a report when its
    first sentence says so ("据通报，10月份，…")."""
    if not title:
        return bool(_REPORT_TITLE.search(lead))
    return bool(_REPORT_TITLE.search(title)) or any(m.period for m in title_periods(title, published)
                                                     if not (m.baseline or m.deadline))


# a heading over what a place aims for ("二、2024年主要目标", "今年的预期目标是："), not over how it did
_GOALS = re.compile(r"目标|预期|计划任务")
# "均达到考核目标要求，" says a target was met ("省下达的目标任务，" states one)
_DONE = re.compile(r"完成|实现|回顾|进展|成效|情况|(?<!确保)(?<!力争)(?<![下要将])达(?:到|成)?")


def goals_heading(sentence: str) -> bool:
    """A heading (numbered, or a lead ending in a colon) that says the figures under it are goals."""
    m = _HEADING.match(sentence)
    if m is None or not (m.group("colon") or LEAD_IN.search(sentence)
                         or m.group("n") and m.end("head") >= len(sentence.rstrip("。 \n"))):
        return False
    return bool(_GOALS.search(sentence)) and not _DONE.search(sentence)


_GOAL_LEAD = re.compile(r"[^，,。；;：:\d]{0,24}(?:目标|任务)[^，,。；;：:\d]{0,8}[，,：:]")


# "2022年，我分局将重点抓好以下工作：一是…；二是…": a plan for a year not over yet
_PLAN_LEAD = re.compile(r"(?:(?:今年|明年|(\d{4})年)[，,]?)?[^。；;：:]{0,20}?(?:抓好|做好|推进|落实|开展|完成)"
                        r"以下[^。；;：:]{0,6}(?:工作|任务)[：:]")


def goals_lead(sentence: str, year: int) -> bool:
    """A sentence that opens by saying it states goals ("根据省下达的目标任务，…", "今年的主要目标是：") or
    plans ("2022年，我分局将重点抓好以下工作：") for a year not over when ``year`` is the publication's."""
    if "目标" not in sentence and "任务" not in sentence and "工作" not in sentence:
        return False  # the cheap test first: most sentences state no goal
    dateline = DATELINE.match(sentence)
    start = dateline.end() if dateline else 0  # "本报讯（记者…）2024年，…": the lead comes after it
    m = _GOAL_LEAD.match(sentence, start)
    if m is not None and not _DONE.search(m.group()):
        return True
    plan = _PLAN_LEAD.match(sentence, start)
    return plan is not None and (plan.group(1) is None or int(plan.group(1)) >= year)


# a line with no punctuation, no label and no section mark ("临城县推进国土绿化", "我市推进老旧小区改造"): the
# headline of the next short story on a newspaper page (a report's sections, "【水环境】", "二、水环境", are not)
_HEADLINE = re.compile(r"^(?!【|[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．])[^，,。；;：:！？!?\n]{4,30}$"
                       r"(?<![”’」』\"）)】])")


def is_headline(line: str) -> bool:
    return bool(_HEADLINE.match(line.strip()))


def heading_place(sentence: str, home: Place | None) -> tuple[bool, Place | None]:
    """(whether ``sentence`` is a heading, the place it names) for a sentence that opens a paragraph.
    A numbered heading that names no place ends the previous section; a colon lead that names none
    ("记者了解到：") is no heading; a line with no end punctuation that opens with a place ("临城县推进
    国土绿化", the next short story's headline on a newspaper page) heads what follows it."""
    m = _HEADING.match(sentence)
    if m is None:
        return False, None
    numbered, colon = m.group("n"), m.group("colon")
    whole = m.end("head") >= len(sentence.rstrip("。 \n"))
    if not (colon or is_headline(sentence) or (numbered and whole and len(sentence) <= 24)):
        return False, None
    head = m.group("head")
    mentions = find_mentions(head)
    place = resolve(mentions[0].text, home) if mentions and mentions[0].start == 0 else None
    return (place is not None or bool(numbered)), place


DATELINE = re.compile(r"^[^，,。；;]{0,24}?讯\s*(?:[(（][^)）]{0,24}[)）])?")


# "由2020年的Ⅴ类提升至Ⅳ类": the time of the level left behind, said in passing; it does not carry on
_FROM_LEVEL = re.compile(r"[由从]\s*$")


def advance(ctx: Context, sentence: str, periods: list[PeriodMention], home: Place | None,
             mentions: list[Mention] | None) -> None:
    """Carry the paragraph's time and subject into its following sentences (``mentions``: the
    sentence's places, when they were found already)."""
    own = [p for p in periods if not p.baseline and not _FROM_LEVEL.search(sentence, max(0, p.start - 2), p.start)]
    left = [p.period for p in periods if p.period and _FROM_LEVEL.search(sentence, max(0, p.start - 2), p.start)]
    ctx.left_behind = left[-1] if left else ctx.left_behind
    if own and not LOOKBACK.match(sentence):  # "这是…11月4日获悉的" dates the report, not the figures
        ctx.period = own[-1].period
    lead = DATELINE.match(sentence)
    offset = lead.end() if lead else 0  # "本报讯（记者…）" first: the subject comes after it
    found = find_mentions(sentence) if mentions is None else mentions
    subjects = [m for m in subject_mentions(sentence, found) if offset <= m.start and m.end <= offset + 16]
    if not subjects:  # "今年上半年，全国339个城市…": the subject opens a later clause
        subjects = [m for m in subject_mentions(sentence, found)
                    if m.start > 0 and sentence[m.start - 1] in _CLAUSE_OPENERS][-1:]
    if subjects:
        first = subjects[1] if len(subjects) > 1 and subjects[1].start == subjects[0].end else subjects[0]
        ctx.subject = ctx.anaphor(first.text, home)  # "北京市朝阳区…": the district, its city is its address
        if ctx.subject is not None and ctx.subject.level == 3:
            ctx.county = ctx.subject
    ctx.env = (ctx.env[1], bool(ENV.search(sentence)))
    ctx.business = bool(BUSINESS.search(sentence))


def clause_indicator(sentence: str, drafts: list[Draft], ctx: Context) -> str | None:
    """What the clause after this one speaks of when it names nothing: this sentence's last
    indicator, if it ends with a semicolon (a sentence that named none passes its own on)."""
    if not sentence.rstrip().endswith(("；", ";")):
        return None
    if drafts:
        return drafts[-1].indicator if drafts[-1].indicator in ind.BY_INDICATOR else None
    return None if ind.find_keywords(sentence) else ctx.clause_indicator


def backdate(drafts: list[tuple[int, int, str, Draft, When]], paragraph: int,
              periods: list[PeriodMention]) -> None:
    """"这是去年…交出的答卷": the time a summary sentence names belongs to the paragraph before it."""
    own = [p.period for p in periods if not p.baseline and p.period]
    if not own:
        return
    for i, (para, offset, sentence, draft, period) in enumerate(drafts):
        if para == paragraph and period is None:
            drafts[i] = (para, offset, sentence, draft, own[0])
