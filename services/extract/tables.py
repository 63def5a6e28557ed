"""Figures in a table's rows, each under the column its header names (core).

Ingest keeps a table one row per line, its cells set apart by tabs (``services.ingest.tables``).
The header says what each column holds:
- a level of an indicator: "PM2.5浓度（微克/立方米）", "综合指数", "优良天数比例（%）"; the unit is
  the one in brackets, else the indicator's usual one;
- a change: "同比变化（%）", "同比增减（百分点）", "较上年提高", "降幅" of the indicator named in the
  cell, else of the column before it;
- a rank of the column before it, or of the indicator it names ("PM2.5排名"); a rank column
  naming neither (a table's first "排名") gives no facts, as the spec leaves such ranks open;
- the place: "城市", "地区", "县（市、区）"; else a row's first cell that is a place.
A table may also run a row per indicator under columns of times ("指标 2022年 2023年 变化（%）"):
each figure is then the row's indicator in its column's time, for the place in force, and the
change column compares the last two times (a year apart: ``yoy``); or a row per place under
columns of times, the indicator named by the caption above the header.
A row gives one fact per figure under an indicator's column, for its place. A blank cell ("—")
gives none; a total row with no cell for a first column that holds nothing ("排名") is read
without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from services.extract import indicators as ind
from services.extract.drafts import Draft
from services.extract.gazetteer import Place
from services.extract.periods import find_periods
from services.extract.quantities import Quantity
from services.extract.regions import find_mentions, resolve
from services.extract.units import UNIT_RE, read_unit

_PLACE = re.compile(r"^(?:城市|地区|区域|地市|设区市|省辖市|县[（(]?市|县区|区县|名称|市州|市[（(]州|单位|行政区)")
_RANK = re.compile(r"排名|名次|排序|位次")
_CHANGE = re.compile(r"同比|环比|较|(?<!占)比(?![例率重])|变化|增减|升降|变幅|幅度|降幅|增幅|涨幅|减幅|改善|恶化"
                     r"|提高|提升|上升|增加|增长|下降|减少|降低")
_BRACKETED_UNIT = re.compile(rf"[（(]\s*({UNIT_RE})\s*[）)]")
_CELL_NUMBER = re.compile(r"(?P<num>[-+−]?\d+(?:\.\d+)?)(?P<pct>%)?")
_USUAL = {"index": "index", "%": "%", "days": "days", "count": "count", "CNY": "CNY", "t": "t"}


@dataclass(frozen=True)
class Column:
    measure: str  # value | change | rank | place | indicator (a by-time table's first column) | none
    indicator: str | None = None
    unit: str | None = None
    factor: float = 1.0
    basis: str | None = None
    sign: int = 1
    period: tuple[str, str] | None = None  # a column of one year or month ("2023年"): its figures' time
    said: str = ""  # a by-time table's change header, signed once the row names its indicator


def _sign(indicator: str, cell: str) -> int:
    """The sign a change column's word gives its figures ("降幅（%）", "较上年下降": a fall written as a positive
    number; "改善率": better), read as a change's words are read in a sentence."""
    return ind.direction(indicator, _BRACKETED_UNIT.sub("", cell)) or 1


def _bracketed_unit(cell: str) -> tuple[str | None, float]:
    """The unit a header cell prints in brackets ("PM2.5（微克/立方米）", "罚款（万元）") and its scale."""
    bracket = _BRACKETED_UNIT.search(cell)
    if bracket is None:
        return None, 1.0
    unit, factor = read_unit(bracket.group(1))
    return unit, float(factor)


def _level_unit(rule: ind.Rule, cell: str) -> tuple[str | None, float]:
    """The unit of a level of ``rule``'s indicator under ``cell``: the bracketed one, else its usual one."""
    unit, factor = _bracketed_unit(cell)
    if unit in rule.units:
        return unit, factor
    if rule.indicator == "air.co":
        return "mg/m3", 1.0
    if "ug/m3" in rule.units:
        return "ug/m3", 1.0
    return next((code for code in _USUAL if code in rule.units), None), 1.0


def _column(cell: str, before: Column | None) -> Column:
    keywords = ind.find_keywords(cell)
    rule = keywords[0][2] if keywords else None
    ranked, changed = bool(_RANK.search(cell)), bool(_CHANGE.search(cell))
    if ranked or changed:  # of the indicator it names, else of the column before it
        indicator = rule.indicator if rule else (before.indicator if before and before.measure == "value" else None)
        if indicator is None:
            return Column("none")
        if not changed:
            return Column("rank", indicator, "rank")
        unit, factor = _bracketed_unit(cell)  # "同比变化（%）"; "较上月排名变化": places moved, a change of rank
        return Column("change", indicator, "rank" if ranked else unit or "%", factor, ind.basis(cell),
                      _sign(indicator, cell))
    if rule is not None:
        unit, factor = _level_unit(rule, cell)
        return Column("value", rule.indicator, unit, factor) if unit else Column("none")
    if _PLACE.match(cell):
        return Column("place")
    return Column("none")


def header(cells: list[str], published: date, caption: str = "") -> list[Column] | None:
    """What each column holds, when ``cells`` are a header naming at least one indicator, or one whose
    columns are years or months: a row per indicator ("指标 2022年 2023年 变化（%）"), or a row per
    place of the indicator the caption above names ("各市PM2.5浓度（微克/立方米）" over "城市 1月 2月")."""
    if any(_CELL_NUMBER.fullmatch(c.strip()) for c in cells):
        return None
    stated = next((p.period for p in find_periods(caption, published) if p.period and not p.baseline), None)
    when = published.replace(year=int(stated[0][:4]), day=1) if stated else published  # "2023年…" over "1月 2月"
    times = [_time_of(c.strip(), when) for c in cells]
    if any(times[1:]) and times[0] is None and not ind.find_keywords(cells[0]):
        by_time = _by_time(cells, times)
        if not _PLACE.match(cells[0].strip()):
            return by_time
        named = _of_indicator(by_time, caption)  # the caption names what every cell is
        return [Column("place"), *named[1:]] if named else None
    columns: list[Column] = []
    for cell in cells:
        columns.append(_column(cell.strip(), next((c for c in reversed(columns) if c.measure == "value"), None)
                               if columns and columns[-1].measure in ("value", "change", "rank") else None))
    return columns if any(c.indicator for c in columns) else None


def _time_of(cell: str, published: date) -> tuple[str, str] | None:
    """The time a header cell is, when it is only a time ("2023年", "2024年1-6月")."""
    found = find_periods(cell, published)
    return found[0].period if len(found) == 1 and found[0].start == 0 and found[0].end == len(cell) else None


def _by_time(cells: list[str], times: list[tuple[str, str] | None]) -> list[Column]:
    """The columns of a table with a row per indicator: the first names it, the others are times, or a
    change between the last two ("变化（%）", "同比")."""
    columns = [Column("indicator")]
    for cell, time in zip(cells[1:], times[1:], strict=True):
        if time is not None:
            columns.append(Column("value", period=time))
        elif _CHANGE.search(cell):
            stated = [c.period for c in columns if c.period]
            basis = ind.basis(cell)
            if basis == "unspecified" and len(stated) >= 2 and _year_apart(stated[-2], stated[-1]):
                basis = "yoy"  # "2022年 2023年 变化": the change over the year before
            unit, factor = _bracketed_unit(cell)
            columns.append(Column("change", None, unit, factor, basis, period=stated[-1] if stated else None,
                                  said=cell))
        else:
            columns.append(Column("none"))
    return columns


def _year_apart(first: tuple[str, str], second: tuple[str, str]) -> bool:
    same_months = first[0][4:] == second[0][4:] and first[1][4:] == second[1][4:]
    return same_months and int(second[0][:4]) - int(first[0][:4]) == 1


def without(columns: list[Column], indicators: frozenset[str]) -> list[Column] | None:
    """``columns`` with those of ``indicators`` read as holding nothing; None when no indicator is left."""
    kept = [Column("none") if c.indicator in indicators else c for c in columns]
    return kept if any(c.indicator for c in kept) else None


def _row_place(cells: list[str], columns: list[Column], home: Place | None) -> Place | None:
    named = [i for i, c in enumerate(columns) if c.measure == "place"]
    for i in named or [i for i, c in enumerate(cells) if not _CELL_NUMBER.fullmatch(c.strip())][:1]:
        mentions = find_mentions(cells[i].strip())
        if mentions and mentions[0].start == 0:
            return resolve(mentions[0].text, home)
    return None


def _of_indicator(columns: list[Column], cell: str) -> list[Column] | None:
    """A by-time table's columns for the indicator ``cell`` names (a row's first cell, "PM2.5（微克/立方米）",
    or the table's caption)."""
    keywords = ind.find_keywords(cell)
    if not keywords:
        return None
    rule = keywords[0][2]
    unit, factor = _level_unit(rule, cell)
    if unit is None:
        return None
    own = [Column("none")]
    for c in columns[1:]:
        if c.measure == "value":
            own.append(Column("value", rule.indicator, unit, factor, period=c.period))
        elif c.measure == "change":
            own.append(Column("change", rule.indicator, c.unit or "%", c.factor, c.basis,
                              _sign(rule.indicator, c.said), c.period))
        else:
            own.append(c)
    return own


def row_drafts(row: str, columns: list[Column], home: Place | None,
               in_force: Place | None = None) -> list[tuple[Draft, tuple[str, str] | None]]:
    """The facts of one row under ``columns``, with their spans in ``row`` and their column's time if it
    has one; none when the row does not fit the header or names no place (in a by-time table the row
    names an indicator, and the place is the one in force)."""
    cells = row.split("\t")
    if columns[0].measure == "indicator":
        own = _of_indicator(columns, cells[0])
        if own is None:
            return []
        columns, place = own, in_force or home
    else:
        if len(cells) == len(columns) - 1 and columns[0].measure == "none":
            columns = columns[1:]  # a total row ("全省 2.98 17…") has no place in the ranking's first column
        place = _row_place(cells, columns, home) if len(cells) == len(columns) else None
    if place is None or len(cells) != len(columns):
        return []
    out: list[tuple[Draft, tuple[str, str] | None]] = []
    start = 0
    for cell, column in zip(cells, columns, strict=True):
        end = start + len(cell)
        m = _CELL_NUMBER.fullmatch(cell.strip())
        number = float(m.group("num").replace("−", "-")) if m else None
        if m and number is not None and column.indicator and column.unit and not (
                column.measure == "rank" and number < 1):  # no rank comes before the first
            at = start + cell.index(m.group())
            value = number * column.factor * column.sign
            q = Quantity(at, at + len(m.group()), value, None, column.unit, "exact", rank=column.measure == "rank")
            out.append((Draft(column.indicator, column.measure, value, column.unit, q,
                              basis=(column.basis or "unspecified") if column.measure == "change" else None,
                              region=place), column.period))
        start = end + 1
    return out
