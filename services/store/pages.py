"""The analyst pages on the store's web server (shell): the facts explorer, an article with its
figures highlighted, charts, and reviews. Thin handlers over ``explore`` (the rules) and the
repository; Jinja2 renders with autoescape on, since article text is untrusted input.

Reviews are written only with ``NEWSMETRICS_REVIEW_TOKEN`` set, and only by a request that carries
it in the ``X-Review-Token`` header with a JSON body: a form on another site can send neither, and
no CORS header lets its scripts try.
"""

from __future__ import annotations

import csv
import hmac
import io
from importlib.resources import files
from math import ceil
from typing import Any
from urllib.parse import urlencode

import faust
import orjson
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from prometheus_client import Counter

from services.common.settings import Settings
from services.common.telemetry import StageTelemetry
from services.store import explore
from services.store.query import MAX_LIMIT, refuse_nul
from services.store.repository import Repository

STATIC = {"app.css": "text/css", "app.js": "text/javascript", "charts.js": "text/javascript"}
VENDOR = {"vega.min.js": "text/javascript", "vega-lite.min.js": "text/javascript",
          "vega-embed.min.js": "text/javascript"}
COLUMNS = [("indicator", "Indicator"), ("measure", "Measure"), ("value", "Value"), ("region", "Region"),
           ("period", "Period"), ("article", "Figure in its article")]
CHART_PARAMETERS = ("indicator", "measure", "regions")


def _number(value: object) -> str:
    if not isinstance(value, int | float):
        return ""
    return f"{value:f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("services.store", "templates"), autoescape=select_autoescape(["html"]))
    env.filters["num"] = _number
    return env


def _json(web: Any, value: object, status: int = 200) -> Any:
    return web.bytes(orjson.dumps(value), content_type="application/json", status=status)


def _chart_query(params: dict[str, str]) -> tuple[str, str, list[str]]:
    refuse_nul(params)
    unknown = set(params) - set(CHART_PARAMETERS)
    if unknown:
        raise ValueError(f"unknown parameter(s): {', '.join(sorted(unknown))}")
    measure = params.get("measure", "value")
    if measure not in explore.MEASURES:
        raise ValueError(f"measure must be one of {', '.join(explore.MEASURES)}")
    regions = [r.strip() for r in params.get("regions", "").replace("，", ",").split(",") if r.strip()][:12]
    indicator = params.get("indicator", "air.pm25").strip()
    if len(indicator) > 64:
        raise ValueError("indicator is an indicator code, at most 64 characters")
    return indicator, measure, regions


def register(app: faust.App, repository: Repository, settings: Settings, telemetry: StageTelemetry) -> None:
    env = _environment()
    token = settings.review_token.get_secret_value() if settings.review_token else None
    reviews_total = Counter("newsmetrics_reviews_total", "fact reviews readers saved, by verdict", ["verdict"],
                            registry=telemetry.registry)
    static = files("services.store") / "static"

    def page(web: Any, template: str, status: int = 200, /, **context: object) -> Any:
        return web.html(env.get_template(template).render(**context), status=status)

    @app.page("/")
    async def facts_page(web: Any, request: Any) -> Any:
        params = dict(request.query)
        context: dict[str, object] = {"page": "facts", "columns": COLUMNS, "measures": explore.MEASURES,
                                      "regions": repository.regions(), "indicators": repository.indicators()}
        try:
            q = explore.parse_explore(params)
        except ValueError as exc:
            return page(web, "facts.html", 400, q=explore.Explore(), items=[], total=0, pages=0, error=str(exc),
                        sort_links={k: "" for k, _ in COLUMNS}, page_links={}, csv_query="format=csv", **context)
        items, total = repository.explore_page(q)
        pages = ceil(total / explore.PAGE_SIZE)
        # a column's link sorts by it ascending, or flips the direction when it is the sort already
        sort_links = {key: urlencode(q.params(sort=key, dir="desc" if q.sort == key and not q.descending else "asc",
                                              page=1)) for key, _ in COLUMNS}
        page_links = {"prev": urlencode(q.params(page=q.page - 1)), "next": urlencode(q.params(page=q.page + 1))}
        api = {k: v for k, v in (("region", q.region), ("indicator", q.indicator), ("from", q.start),
                                 ("to", q.end)) if v}
        csv_query = urlencode({**api, "limit": MAX_LIMIT, "format": "csv"})
        return page(web, "facts.html", q=q, items=items, total=total, pages=pages, sort_links=sort_links,
                    page_links=page_links, csv_query=csv_query, **context)

    @app.page("/articles/{doc_id}/{article}")
    async def article_page(web: Any, request: Any, doc_id: str, article: str) -> Any:
        index = int(article) if article.isascii() and article.isdigit() and len(article) <= 6 else None
        index = None if "\x00" in doc_id else index
        found = repository.article(doc_id, index) if index is not None else None
        if found is None:
            return page(web, "base.html", 404, page="", error="No such article.")
        facts = repository.article_facts(doc_id, found["article"])
        spans: list[tuple[str, int, int]] = []
        headline: list[tuple[str, int, int]] = []  # a figure read from the title: its span is the title's
        for f in facts:
            (headline if "headline" in f["flags"] else spans).append((str(f["fact_id"]), *f["span"]))  # type: ignore[misc, operator]
        reviews: dict[str, list[dict[str, object]]] = {}
        for review in repository.reviews_of([str(f["fact_id"]) for f in facts]):
            reviews.setdefault(str(review["fact_id"]), []).append(review)
        document = repository.document(doc_id)
        gone = document.removed if document else []
        removed = [{"label": f"a repeat of {r.duplicate_of}, removed as a duplicate", "text": ""}
                   for r in gone if r.reason == "duplicate"]
        removed += [{"label": "photo caption, not read for facts", "text": u.text}
                    for u in (document.units if document else []) if u.kind == "caption"]
        removed += [{"label": "removed as spam or page chrome", "text": r.text} for r in gone if r.reason == "spam"]
        return page(web, "article.html", page="", article=found, facts=facts, reviews=reviews,
                    segments=explore.segments(found["text"], spans), document=document, removed=removed,
                    title_segments=explore.segments(found["title"] or "", headline),
                    review_enabled=token is not None)

    def chart_data(params: dict[str, str]) -> tuple[str, str, list[str], list[dict[str, object]]]:
        indicator, measure, regions = _chart_query(params)
        if not regions:
            regions = repository.top_regions(indicator, measure, 5)
        return indicator, measure, regions, explore.chart_rows(repository.chart_facts(indicator, measure, regions))

    @app.page("/charts")
    async def charts_page(web: Any, request: Any) -> Any:
        context = {"page": "charts", "indicators": repository.indicators(), "measures": explore.MEASURES}
        try:
            indicator, measure, regions, rows = chart_data(dict(request.query))
        except ValueError as exc:
            return page(web, "charts.html", 400, error=str(exc), rows=[], regions=[], **context)
        # JSON in a script element: every "<" escaped, so no text of an article can close or comment it out
        specs = Markup(orjson.dumps(explore.chart_specs(rows, indicator)).decode().replace("<", "\\u003c"))
        query = urlencode({"indicator": indicator, "measure": measure, "regions": ",".join(regions)})
        return page(web, "charts.html", indicator=indicator, measure=measure, regions=regions, rows=rows,
                    specs=specs, query=query, **context)

    @app.page("/charts.csv")
    async def charts_csv(web: Any, request: Any) -> Any:
        try:
            _, _, _, rows = chart_data(dict(request.query))
        except ValueError as exc:
            return _json(web, {"error": str(exc)}, status=400)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=["region", "period_start", "period_end", "value", "unit",
                                                    "fact_id"], extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return web.bytes(buffer.getvalue().encode(), content_type="text/csv")

    @app.page("/static/{name}")
    async def static_file(web: Any, request: Any, name: str) -> Any:
        if name not in STATIC:
            return _json(web, {"error": "no such file"}, status=404)
        return web.bytes((static / name).read_bytes(), content_type=STATIC[name])

    @app.page("/static/vendor/{name}")
    async def vendor_file(web: Any, request: Any, name: str) -> Any:
        if name not in VENDOR:
            return _json(web, {"error": "no such file"}, status=404)
        return web.bytes((static / "vendor" / name).read_bytes(), content_type=VENDOR[name])

    @app.page("/reviews")
    class Reviews(faust.web.View):
        async def post(self, request: Any) -> Any:
            """Save a reader's review of a fact: with the review token, as JSON."""
            if token is None:
                return _json(self.web, {"error": "not found"}, status=404)
            offered = request.headers.get("X-Review-Token", "")
            if not hmac.compare_digest(offered.encode(), token.encode()):
                return _json(self.web, {"error": "the X-Review-Token header must carry the review token"}, 401)
            if request.content_type != "application/json":
                return _json(self.web, {"error": "send the review as application/json"}, status=415)
            try:
                review = explore.parse_review(orjson.loads(await request.read()))
            except (ValueError, orjson.JSONDecodeError) as exc:
                return _json(self.web, {"error": str(exc)}, status=400)
            if repository.fact(review.fact_id) is None:
                return _json(self.web, {"error": "no such fact"}, status=404)
            saved = repository.add_review(review)
            reviews_total.labels(review.verdict).inc()
            return _json(self.web, saved, status=201)
