"""The analyst pages' rules (core): explorer queries, a fact's place among its region's children,
highlight segments of an article, chart series, and reviews with their export as gold rows.

Pure functions over plain data; ``web.py`` is the shell that renders them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.extract.gazetteer import names
from services.store.query import FACT_PARAMETERS, period_overlap, refuse_nul
from services.store.tables import FACT_COLUMNS

PAGE_SIZE = 50
# columns a reader may sort by, to the SQL that sorts (never the reader's text)
SORTS = {"indicator": "indicator", "measure": "measure", "value": "value", "region": "region",
         "period": "period_end", "article": "doc_id, article, span_start", "stored": "stored_at"}
_MONTH = re.compile(str(FACT_PARAMETERS["from"]["pattern"]))
_INTEGER = re.compile(r"^[0-9]{1,6}$")
MEASURES = ("value", "change", "rank", "target")
EXPLORE_PARAMETERS = ("region", "indicator", "measure", "from", "to", "q", "sort", "dir", "page")


@dataclass(frozen=True)
class Explore:
    region: str = ""
    indicator: str = ""
    measure: str = ""
    start: str = ""
    end: str = ""
    text: str = ""
    sort: str = "article"
    descending: bool = False
    page: int = 1

    def params(self, **change: object) -> dict[str, str]:
        """The query string of this view with ``change`` applied (for sort and page links)."""
        fields = {"region": self.region, "indicator": self.indicator, "measure": self.measure, "from": self.start,
                  "to": self.end, "q": self.text, "sort": self.sort, "dir": "desc" if self.descending else "asc",
                  "page": str(self.page)}
        fields.update({k: str(v) for k, v in change.items()})
        return {k: v for k, v in fields.items() if v}


def parse_explore(params: dict[str, str]) -> Explore:
    """The explorer's view from its query string; ``ValueError`` says what is wrong."""
    refuse_nul(params)
    unknown = set(params) - set(EXPLORE_PARAMETERS)
    if unknown:
        raise ValueError(f"unknown parameter(s): {', '.join(sorted(unknown))}")
    get = {k: v.strip() for k, v in params.items()}
    for name in ("from", "to"):
        if get.get(name) and not _MONTH.match(get[name]):
            raise ValueError(f"{name} must be YYYY-MM")
    if get.get("measure") and get["measure"] not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}")
    if get.get("sort", "article") not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")
    if get.get("dir", "asc") not in ("asc", "desc"):
        raise ValueError("dir must be asc or desc")
    if not _INTEGER.match(get.get("page", "1")) or int(get.get("page", "1")) < 1:
        raise ValueError("page must be a number from 1")
    if any(len(v) > 200 for v in get.values()):
        raise ValueError("a parameter is longer than 200 characters")
    return Explore(get.get("region", ""), get.get("indicator", ""), get.get("measure", ""), get.get("from", ""),
                   get.get("to", ""), get.get("q", ""), get.get("sort", "article"), get.get("dir") == "desc",
                   int(get.get("page", "1")))


def region_scope(region: str) -> tuple[str, str]:
    """("code", prefix) for a division, whose children share the start of its code (a province's two
    digits, a prefecture's four, a county's six); ("name", region) for anything else (全国, a group)."""
    places = [p for p in names().get(region, ()) if p.name == region and p.code]
    if not places:
        return "name", region
    place = min(places, key=lambda p: p.level)
    return "code", place.code[: {1: 2, 2: 4}.get(place.level, 6)]  # type: ignore[index]


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def explore_sql(q: Explore) -> tuple[str, str, dict[str, object]]:
    """(page query, count query, bound parameters) of the explorer's view."""
    clauses: list[str] = []
    values: dict[str, object] = {}
    if q.region:
        kind, key = region_scope(q.region)
        if kind == "code":
            clauses.append("region_code LIKE %(region_code)s")
            values["region_code"] = key + "%"
        else:
            clauses.append("region = %(region)s")
            values["region"] = key
    for column, value in (("indicator", q.indicator), ("measure", q.measure)):
        if value:
            clauses.append(f"{column} = %({column})s")
            values[column] = value
    period_overlap(q.start, q.end, clauses, values)
    if q.text:
        clauses.append("(evidence LIKE %(text)s ESCAPE '\\' OR text LIKE %(text)s ESCAPE '\\')")
        values["text"] = _like(q.text)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    direction = "DESC" if q.descending else "ASC"
    order = ", ".join(f"{c.strip()} {direction}" for c in SORTS[q.sort].split(",")) + ", fact_id"
    page = (f"SELECT {', '.join(FACT_COLUMNS)} FROM facts{where} ORDER BY {order} "
            "LIMIT %(limit)s OFFSET %(offset)s")
    values.update(limit=PAGE_SIZE, offset=(q.page - 1) * PAGE_SIZE)
    return page, f"SELECT COUNT(*) AS n FROM facts{where}", values


@dataclass(frozen=True)
class Segment:
    text: str
    facts: tuple[str, ...]  # ids of the facts whose span covers this piece, in the order given


def segments(text: str, spans: list[tuple[str, int, int]]) -> list[Segment]:
    """The article text cut at every fact's span boundary: each piece knows the facts covering it.
    Spans outside the text are ignored; overlapping spans share their common piece."""
    valid = [(fid, a, b) for fid, a, b in spans if 0 <= a < b <= len(text)]
    cuts = sorted({0, len(text), *(a for _, a, _ in valid), *(b for _, _, b in valid)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        out.append(Segment(text[a:b], tuple(fid for fid, s, e in valid if s <= a and b <= e)))
    return out


# reviews ---------------------------------------------------------------------------------------

VERDICTS = ("wrong", "confirmed")
# the fields a correction may set: the gold format's
CORRECTABLE = ("indicator", "measure", "value", "value_max", "qualifier", "unit", "out_of", "basis", "region",
               "period", "pollutant")


@dataclass(frozen=True)
class Review:
    fact_id: str
    verdict: str
    reason: str
    corrected: dict[str, object] | None


def _holds_nul(value: object) -> bool:
    """Whether any text in a JSON value (keys included) holds a NUL, which PostgreSQL cannot store."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False


def parse_review(body: object) -> Review:
    """A review from a request's JSON body; ``ValueError`` says what is wrong."""
    if not isinstance(body, dict):
        raise ValueError("the body must be a JSON object")
    unknown = set(body) - {"fact_id", "verdict", "reason", "corrected"}
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")
    fact_id, verdict = body.get("fact_id"), body.get("verdict")
    reason, corrected = body.get("reason") or "", body.get("corrected")
    if not isinstance(fact_id, str) or not 1 <= len(fact_id) <= 64 or "\x00" in fact_id:
        raise ValueError("fact_id must be a fact's id")
    if _holds_nul(body):
        raise ValueError("the review holds a NUL character")
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}")
    if not isinstance(reason, str) or len(reason) > 2000:
        raise ValueError("reason must be text of at most 2000 characters")
    if verdict == "wrong" and not reason.strip():
        raise ValueError("a fact marked wrong needs a reason")
    if corrected is not None:
        if verdict != "wrong" or not isinstance(corrected, dict) or not corrected:
            raise ValueError("corrected is an object of fields, for a fact marked wrong")
        bad = set(corrected) - set(CORRECTABLE)
        if bad:
            raise ValueError(f"these fields cannot be corrected: {', '.join(sorted(bad))}")
        for name in ("value", "value_max", "out_of"):
            number = corrected.get(name)
            whole = not isinstance(number, float) or number.is_integer()  # JSON's integers include 5.0
            if number is not None and (isinstance(number, bool) or not isinstance(number, int | float)
                                       or name == "out_of" and not whole):
                raise ValueError(f"{name} must be a number")
        for name in set(corrected) - {"value", "value_max", "out_of", "period"}:
            if corrected[name] is not None and not isinstance(corrected[name], str):
                raise ValueError(f"{name} must be text")
        period = corrected.get("period")
        if period is not None and not (isinstance(period, dict) and set(period) == {"start", "end"}
                                       and all(isinstance(v, str) and _MONTH.match(v) for v in period.values())):
            raise ValueError("period must be {start: YYYY-MM, end: YYYY-MM} or null")
    return Review(fact_id, verdict, reason.strip(), corrected)


def gold_row(fact: dict[str, object], corrected: dict[str, object] | None) -> dict[str, object]:
    """A reviewed fact in the format of the development sets' ``metrics.jsonl``: confirmed as it is,
    or with its corrections applied."""
    row = {"doc": fact["doc_id"], **{k: fact.get(k) for k in CORRECTABLE}, "evidence": fact["evidence"]}
    row.update(corrected or {})
    return row


def chart_rows(facts: list[dict[str, object]]) -> list[dict[str, object]]:
    """The data behind a chart: one row per fact with a period, oldest first."""
    rows = [{"region": f["region"], "period_start": f["period_start"], "period_end": f["period_end"],
             "period": f"{f['period_start']}…{f['period_end']}", "value": f["value"], "unit": f["unit"],
             "fact_id": f["fact_id"]} for f in facts if f.get("period_start")]
    return sorted(rows, key=lambda r: (str(r["period_end"]), str(r["region"])))


def chart_specs(rows: list[dict[str, object]], indicator: str) -> dict[str, dict[str, object]]:
    """Vega-Lite specifications: the indicator over time per region (line), and the regions compared
    on one period (bar). Units and periods label the axes."""
    units = sorted({str(r["unit"]) for r in rows}) or [""]
    unit = "/".join(units)
    counts: dict[str, int] = {}
    for r in rows:
        counts[str(r["period"])] = counts.get(str(r["period"]), 0) + 1
    # the bar compares the period most regions have figures for; the latest of those
    latest = max(counts, key=lambda p: (counts[p], p.split("…")[::-1]), default="")
    line = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "width": 560, "height": 280,
            "title": f"{indicator} over time", "data": {"values": rows}, "mark": {"type": "line", "point": True},
            "encoding": {"x": {"field": "period_end", "type": "temporal", "timeUnit": "yearmonth",
                               "title": "period (end month)", "axis": {"format": "%Y-%m"}},
                         "y": {"field": "value", "type": "quantitative", "title": f"{indicator} ({unit})"},
                         "color": {"field": "region", "type": "nominal", "title": "region"},
                         "tooltip": [{"field": "region"}, {"field": "period"}, {"field": "value"},
                                     {"field": "unit"}]}}
    bar = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "width": 560, "height": 280,
           "title": f"{indicator}, regions compared, {latest}",
           "data": {"values": [r for r in rows if r["period"] == latest]}, "mark": "bar",
           "encoding": {"x": {"field": "region", "type": "nominal", "title": f"region ({latest})", "sort": "-y",
                              "axis": {"labelAngle": 0}},
                        "y": {"field": "value", "type": "quantitative", "title": f"{indicator} ({unit})"},
                        "tooltip": [{"field": "region"}, {"field": "period"}, {"field": "value"},
                                    {"field": "unit"}]}}
    return {"line": line, "bar": bar}

