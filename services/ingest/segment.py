"""Recover the units of a feed item: articles, briefs and photo captions (core).

A newspaper page arrives as lines in reading order with the layout flattened:
several stories, each a title block (kicker, headline, subtitle, byline) and a
body; photo captions (▲ ►, or a paragraph followed by a photo credit); and
column or page breaks that cut a sentence in two. The steps:

0. join the lines a fixed-width layout (a PDF, a print column) broke a paragraph into (``unwrap``);
1. drop page chrome and spam (``boilerplate``), cut URLs out of prose;
2. take captions out of the flow, so a sentence broken around a photo rejoins;
3. mark title lines: heading-shaped lines, and the short unpunctuated lines just
   above a byline or a dateline ("河北日报(记者…)", "本报讯（…）");
4. join a prose line that stops mid-sentence with the next prose line;
5. group: a title block opens a new unit when it carries a byline, its body
   starts with a dateline, it is a top-level or 【bracketed】 title, it has two
   or more headline lines, or its single paragraph is a photo story (credit
   below). Otherwise it is a section heading inside the current unit. A new
   title block whose body continues an unfinished sentence is the current
   article's headline printed mid-page: the body is glued back on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from services.common.schemas import UnitKind
from services.ingest import boilerplate as bp
from services.ingest.layout import (
    CLAUSE_PUNCT,
    Line,
    ends_sentence,
    has_dateline,
    is_bracket_credit,
    is_bracket_title,
    is_byline,
    is_caption_mark,
    is_credit,
    is_dated_masthead,
    is_document_number,
    is_heading_like,
    is_masthead,
    is_numbered_section,
    is_signoff,
    is_subhead,
    is_table_line,
    split_lines,
)
from services.ingest.unwrap import unwrap

# a short line under the page's last story that names who tells it or when ("某县融媒体中心", "2024年8月7日",
# "记者 张三"); ``is_signoff`` is the narrower test for an organisation's name between two stories
_SHORT_SIGN_OFF = re.compile(r"^[^\d，。；,;|]{2,20}$|^\d{4}年\d{1,2}月\d{1,2}日$")
# an end mark that closes a story ("（完）", "-END-"): no text, and no one's name
_END_MARK = re.compile(r"^[（(【\[<-]*\s*(?:完|终|结束|END|end|End)\s*[）)】\]>-]*$")
_MIN_BROKEN = 15  # a shorter unpunctuated line standing alone is read as a heading, not cut prose


@dataclass
class Unit:
    kind: UnitKind
    title: str | None = None
    byline: str | None = None
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class _Item:
    tag: str  # title | byline | prose | credit
    line: Line
    pos: int  # index of the line in the item, for reading order

    @property
    def text(self) -> str:
        return self.line.text


def strip_boilerplate(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """Drop UI chrome, footers after a recommendation header, spam and unrelated bullet runs; the
    text dropped (not the bare chrome) comes back too, for a reader to see what was removed."""
    kept: list[Line] = []
    removed: list[str] = []
    suspect = bp.may_hold_spam("\n".join(line.text for line in lines))
    for n, line in enumerate(lines):
        if (text := bp.without_jumps(line.text)) != line.text:
            if not text.strip():
                continue
            line = line._replace(text=text.strip())
        if not kept and (original := bp.original_title(line.text)):
            line = line._replace(text=original, level=1)  # "原标题：…" heads a page that prints no other
        if kept and bp.is_metadata_line(line.text) and _headline_shaped(kept[-1].text):
            kept[-1] = kept[-1]._replace(level=1)  # the line above a page's date and source is its headline
        if len(line.text) <= bp.MAX_CHROME:
            if bp.is_recommend_header(line.text):
                removed.append("\n".join(rest.text for rest in lines[n:]))
                break
            if bp.is_ui_line(line.text) and not bp.is_source_line(line.text):
                continue
        if suspect and bp.is_spam_line(line.text):
            prose, ads = bp.cut_spam(line.text)
            if not bp.is_prose_left(prose):
                removed.append(line.text)
                continue
            removed += ads  # a page that came as one line, ads set into its prose: the prose is kept
            line = line._replace(text=prose)
        if not suspect:
            kept.append(line)
        elif text := bp.strip_urls(line.text).strip():
            kept.append(line._replace(text=text))
    drop = bp.unrelated_bullet_runs([line.text for line in kept])
    removed += [kept[i].text for i in sorted(drop)]
    return [line for i, line in enumerate(kept) if i not in drop], removed


# a number cut in two by a column or line break: "浓度为3" / "9微克/立方米", "上升4." / "1个百分点", "PM2." / "5浓度";
# not a code's digits before the next number ("PM2.5" / "31μg"), nor a table's cell after a space
_NUMBER_CUT = re.compile(r"(?<![A-Za-z0-9.\s])[0-9]+(?:\.[0-9]*)?$|PM2\.$")
_NUMBER_GOES_ON = re.compile(r"^(?:[0-9.%]|万|亿|微克|毫克|个|天|件|起|亩|吨|公顷|平方)")
_TABLE_ROW = re.compile(r"\t|  ")
# "2024年，…", "1-5月，…", "3月份，…": a time opening a sentence, no number's tail
_YEAR_START = re.compile(r"\d{4}年|\d{1,2}\s*[-—–~～至]\s*\d{1,2}月|\d{1,2}月份")
_DATE_END = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?$|\d{1,2}:\d{2}$"
                       r"|[：:]\s*[\d\s]+$")  # "浏览次数：1024", "编号：2024012": a label's value, whole


def _rejoin_numbers(lines: list[Line]) -> list[Line]:
    """Lines of one paragraph whose break cut a number in two, joined back before anything reads them."""
    out: list[Line] = []
    for line in lines:
        if (out and not line.gap and _NUMBER_CUT.search(out[-1].text) and _NUMBER_GOES_ON.match(line.text)
                and not _TABLE_ROW.search(out[-1].text)  # a table's row ends in a number, the next row's starts
                and not _DATE_END.search(out[-1].text)  # "来源：某某日报 2025-02-10" ends whole
                and not _YEAR_START.match(line.text)):  # "2024年，…", "1-5月，…" open a sentence
            out[-1] = out[-1]._replace(text=out[-1].text + line.text)
        else:
            out.append(line)
    return out


def _glue(before: str, after: str) -> str:
    """Two parts of a sentence a break cut apart; a space where the break stood between a code's or a
    number's digits and the next number ("PM2.5" / "31μg/m³"), which would otherwise run together (a
    number cut in two was rejoined before: ``_rejoin_numbers``)."""
    space = bool(before and after) and before[-1] in "0123456789%" and after[0] in "0123456789"
    return f"{before} {after}" if space else before + after


def _headline_shaped(s: str) -> bool:
    return len(s) <= 64 and not ends_sentence(s) and not bp.is_metadata_line(s) and not is_table_line(s)


def _take_captions(lines: list[Line]) -> tuple[list[_Item], list[tuple[int, Unit]]]:
    """Split captions from the flow; a credit under a titled paragraph is that unit's byline."""
    flow: list[_Item] = []
    captions: list[tuple[int, Unit]] = []
    for pos, line in enumerate(lines):
        s = line.text
        if is_caption_mark(s):
            captions.append((pos, Unit("caption", paragraphs=[s])))
        elif bp.is_source_line(s):
            flow.append(_Item("credit", line, pos))  # the unit's byline when it has none
        elif bp.is_metadata_line(s) and line.level == 0 and pos and lines[pos - 1].level == 1:
            flow.append(_Item("byline", line, pos))  # a web page's date and source under its headline
        elif is_credit(s):
            prev = flow[-1] if flow else None
            before = flow[-2] if len(flow) > 1 else None
            if captions and captions[-1][0] == pos - 1:
                captions[-1] = (pos, captions[-1][1])
                captions[-1][1].byline = s
            elif prev and prev.tag == "prose" and not has_dateline(prev.text) and not (
                before and is_heading_like(before.line)
            ):
                flow.pop()
                captions.append((prev.pos, Unit("caption", byline=s, paragraphs=[prev.text])))
            else:
                flow.append(_Item("credit", line, pos))
        else:
            flow.append(_Item("byline" if is_byline(s) else "prose", line, pos))
    for n, item in enumerate(flow):  # "（某某日报记者 张三）" beside "本报记者 李四": both are who wrote it
        beside = [flow[k].tag for k in (n - 1, n + 1) if 0 <= k < len(flow)]
        if item.tag == "prose" and "byline" in beside and is_bracket_credit(item.text):
            item.tag = "byline"
    return flow, captions


def _mark_titles(flow: list[_Item]) -> None:
    for item in flow:
        if item.tag == "prose" and is_heading_like(item.line):
            item.tag = "title"
    for i, item in enumerate(flow):
        if item.tag == "byline" or (item.tag == "prose" and has_dateline(item.text)):
            j = i - 1
            while j >= 0 and flow[j].tag in ("byline", "title"):
                j -= 1
            for k in range(j, max(j - 3, -1), -1):
                s = flow[k].text
                if flow[k].tag != "prose" or ends_sentence(s) or len(s) > 64 or is_table_line(s):
                    break
                flow[k].tag = "title"


def _broken(s: str, after: str) -> bool:
    """A prose line that stops mid-sentence (cut by a column or page break). A line ending in a colon
    ("各市情况如下：") leads in to the lines under it, each its own paragraph, unless a figure follows
    ("优良天数比例（%）：" / "58.2；…")."""
    if s.endswith(("：", ":")) and not after[:1].isdigit():
        return False
    return not ends_sentence(s) and (len(s) >= _MIN_BROKEN or bool(CLAUSE_PUNCT.search(s)))


def _join_broken(flow: list[_Item]) -> list[_Item]:
    out: list[_Item] = []
    for item in flow:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.tag == "prose" and item.tag == "prose"
            and _broken(prev.text, item.text) and not has_dateline(item.text)
            and not is_table_line(prev.text) and not is_table_line(item.text)
        ):
            out[-1] = _Item("prose", prev.line._replace(text=_glue(prev.text, item.text)), prev.pos)
        else:
            out.append(item)
    return out


def _title_of(block: list[Line]) -> tuple[str | None, list[str]]:
    """The unit's headline, and the deck lines printed under it, which belong to the body.

    A 【bracketed】 or top-level markdown title is the headline and what follows it is
    deck; otherwise the headline is the last group of lines (kickers come first, and go to
    the deck: a kicker may state a figure), and a long punctuated last group is a subtitle
    under a shorter headline, as a numbered section heading ("(一)水环境质量") is the body's
    first line under the report's title.
    """
    numbers = [line.text for line in block if is_document_number(line.text)]  # deck, never the headline
    heads = [line for line in block if not (is_subhead(line.text) or is_document_number(line.text))] or block
    title, deck = _headline(heads)
    subheads = [line.text for line in block if is_subhead(line.text) and line not in heads]  # "——在某市…会议上"
    return title, [*numbers, *deck, *subheads]


def _headline(heads: list[Line]) -> tuple[str | None, list[str]]:
    if not heads:
        return None, []
    for i, line in enumerate(heads):
        if is_bracket_title(line) or line.level == 1:
            return line.text, [h.text for h in heads[i + 1:]]
    groups: list[list[str]] = []
    for line in heads:
        if line.gap or not groups:
            groups.append([])
        groups[-1].append(line.text)
    if len(groups) > 1 and (_is_subtitle(groups[-1]) or all(is_numbered_section(s) for s in groups[-1])):
        kickers = [line for group in groups[:-2] for line in group]
        return "\n".join(groups[-2]), [*kickers, *groups[-1]]  # a subtitle, or the report's first section heading
    return "\n".join(groups[-1]), [line for group in groups[:-1] for line in group]  # kickers: text, not headline


def _is_subtitle(group: list[str]) -> bool:
    text = "".join(group)
    return len(text) > 30 and bool(CLAUSE_PUNCT.search(text))


def _cut_heading(block: list[Line]) -> bool:
    """A lone plain line too long for a section heading: prose cut short by a column break."""
    return len(block) == 1 and not block[0].level and " " not in block[0].text and (
        len(block[0].text) >= _MIN_BROKEN and not is_bracket_title(block[0])
    )


def _opens_unit(block: list[Line], bylines: list[str], body: list[_Item], fresh: bool) -> bool:
    first = body[0].text if body else ""
    photo_story = len(body) >= 2 and body[0].tag == "prose" and body[1].tag == "credit"
    # a numbered section ("二、各县（区）情况") is part of the story it stands in, not a headline
    headlines = [line for line in block if not is_subhead(line.text) and not is_numbered_section(line.text)]
    return (
        fresh or bool(bylines) or has_dateline(first) or photo_story
        or any(line.level == 1 or is_bracket_title(line) for line in block)
        or len(headlines) >= 2
    )


def _group(flow: list[_Item]) -> list[tuple[int, Unit]]:
    units: list[tuple[int, Unit]] = []
    titles: set[str] = set()  # the headlines seen so far on the page: one again is the story printed again
    current: Unit | None = None
    i = 0
    while i < len(flow):
        item = flow[i]
        if item.tag == "prose":
            if current is None:
                current = Unit("article")
                units.append((item.pos, current))
            current.paragraphs.append(item.text)
            i += 1
            continue
        if item.tag == "credit":
            if current is not None and not current.byline:
                current.byline = item.text
            i += 1
            continue
        block: list[Line] = []
        bylines: list[str] = []
        while i < len(flow) and flow[i].tag in ("title", "byline"):
            (bylines.append(flow[i].text) if flow[i].tag == "byline" else block.append(flow[i].line))
            i += 1
        body = flow[i:i + 2]
        ended = [line for line in block if not _END_MARK.match(line.text)]  # "（完）" closes the story above
        if body and current is not None and len(ended) > 1 and is_signoff(ended[0].text):  # "南阳市人民政府"
            current.byline = _with(current.byline, ended[0].text)  # under a story, then the next one's headline
            block = ended[1:]
        first = body[0] if body else None
        if not body and current is not None:  # a sign-off under the last story ("永修县融媒体中心"): who
            lines = [line.text for line in block if not _END_MARK.match(line.text)]  # tells it, so where;
            cut = len(lines)  # rows of a table or notes above it are the story's own text
            while cut and (_SHORT_SIGN_OFF.match(lines[cut - 1]) or is_signoff(lines[cut - 1])):
                cut -= 1
            current.paragraphs.extend(lines[:cut])
            current.byline = _with(current.byline, " ".join([*bylines, *lines[cut:]]).strip())
            continue
        if not (_opens_unit(block, bylines, body, current is None) or any(line.text in titles for line in block)):
            assert current is not None
            if _cut_heading(block) and first is not None and first.tag == "prose":
                current.paragraphs.append(_glue(block[0].text, first.text))
                i += 1
            else:
                current.paragraphs.extend(line.text for line in block)
            continue
        continues = (
            current is not None and current.paragraphs and not ends_sentence(current.paragraphs[-1])
            and first is not None and first.tag == "prose" and not has_dateline(first.text)
            and not any(line.level == 1 or is_bracket_title(line) for line in block)
        )
        if continues:
            current.paragraphs[-1] = _glue(current.paragraphs[-1], first.text)  # type: ignore[union-attr]
            current.byline = current.byline or " ".join(bylines) or None  # type: ignore[union-attr]
            i += 1
            continue
        title, deck = _title_of(block)
        current = Unit("article", title=title, byline=" ".join(bylines) or None, paragraphs=deck)
        units.append((item.pos, current))
        titles.update([title] if title else [])
    return units


def _with(byline: str | None, sign_off: str) -> str | None:
    """A story's byline with the sign-off under it ("本报记者 李四" and "某某日报"): both say who tells it."""
    return " ".join(part for part in (byline, sign_off) if part) or None


def _kind(unit: Unit) -> UnitKind:
    """A story with its own byline line (not a photo credit) or of some length is an article;
    the rest, which open with a dateline or stand alone, are briefs."""
    own_byline = bool(unit.byline) and not (unit.byline or "").endswith("摄")
    return "article" if own_byline or len(unit.text) >= 1500 else "brief"


def segment(text: str) -> list[Unit]:
    """Split one normalized feed item into units in reading order."""
    return segment_page(text).units


@dataclass
class Page:
    units: list[Unit]
    removed: list[str]  # the text dropped as spam, a recommendation footer or an unrelated list
    masthead: str | None  # the newspaper the page was printed in ("天津日报 2024年3月8日 第2版")


def segment_page(text: str) -> Page:
    """The units of one normalized feed item in reading order, what was dropped, and its masthead."""
    lines, removed = strip_boilerplate(split_lines(unwrap(text)))
    masthead = lines[0].text if len(lines) > 1 and is_masthead(lines[0].text) else None
    lines = lines[1:] if masthead else lines
    chrome = [is_dated_masthead(line.text) for line in lines]  # a second page's masthead, further down
    removed += [line.text for line, dated in zip(lines, chrome, strict=True) if dated]
    lines = _rejoin_numbers([line for line, dated in zip(lines, chrome, strict=True) if not dated])
    flow, captions = _take_captions(lines)
    _mark_titles(flow)
    flow = _join_broken(flow)
    units = [(pos, u) for pos, u in _group(flow) if u.paragraphs or u.title]  # a newsflash may be one headline
    for _, unit in units:
        unit.kind = _kind(unit)
    ordered = sorted([*units, *captions], key=lambda pu: pu[0])
    return Page([unit for _, unit in ordered], removed, masthead)
