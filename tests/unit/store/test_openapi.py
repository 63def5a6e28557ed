"""The store's OpenAPI document: committed as built, and exactly the routes and parameters the
handlers serve and accept (schemathesis then runs it against the live API: test_api_contract)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from services.common.faustapp import make_app
from services.common.settings import Settings
from services.store import api, openapi, query

ROOT = Path(__file__).parents[3]


def test_the_committed_document_is_the_built_one():
    committed = ROOT / "schemas" / "openapi.json"
    assert committed.read_bytes() == openapi.dumps(), "run: python -m services.store.openapi > schemas/openapi.json"
    assert orjson.loads(committed.read_bytes())["openapi"] == "3.1.0"


def test_the_document_lists_every_route_the_store_serves_and_nothing_else(tmp_path):
    settings = Settings(data_dir=tmp_path)
    app, telemetry = make_app("store", settings, 8080)  # never bound: the routes are read, no server starts
    api.register(app, None, settings, telemetry)  # type: ignore[arg-type]  # routes only, no request
    app.web.init_server()  # Faust's own blueprints join here, as when the worker starts
    served = {(route.method.lower(), route.resource.canonical) for route in app.web.web_app.router.routes()
              if route.method != "HEAD"}
    documented = {(method, path) for path, item in openapi.document()["paths"].items() for method in item}
    assert served == documented


def _parameters(path: str, method: str) -> set[str]:
    return {p["name"] for p in openapi.document()["paths"][path][method].get("parameters", []) if p["in"] == "query"}


def test_the_documented_parameters_are_the_ones_the_handlers_accept():
    assert _parameters("/facts", "get") == set(query.FACT_PARAMETERS) == {
        "doc_id", "region", "indicator", "from", "to", "limit", "offset", "format"}
    assert _parameters("/admin/reextract", "post") == set(query.ADMIN_PARAMETERS) == {"since", "until"}
    with pytest.raises(ValueError, match="unknown parameter"):
        query.parse({"page": "2"})  # not in the document: refused, not ignored


@pytest.mark.parametrize("params", [{"limit": "+5"}, {"limit": " 5"}, {"offset": "٣"}, {"format": "xml"},
                                    {"from": "٢٠٢٤-01"}, {"offset": "20903994277979049984"}, {"region": "甲\x00"}])
def test_values_outside_the_document_are_refused(params):
    with pytest.raises(ValueError):
        query.parse(params)
