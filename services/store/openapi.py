"""The store's HTTP API as an OpenAPI 3.1 document (core): built from the code it describes.

The fact schema is the metrics topic's model (``MetricFact``) plus ``stored_at``; the
parameters of ``/facts`` and ``/admin/reextract`` are the ones ``query`` accepts and refuses
others for. The document is served at ``/openapi.json`` and committed as
``schemas/openapi.json`` (``python -m services.store.openapi > schemas/openapi.json``); a test
holds both to the routes the running server has.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from typing import Any

import orjson

from services.common.schemas import MetricFact
from services.store import explore, query

_REF = "#/components/schemas/"


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _error(description: str) -> dict[str, Any]:
    return _json(_ref("Error"), description)


def _components() -> dict[str, Any]:
    fact = MetricFact.model_json_schema(mode="serialization", ref_template=_REF + "{model}")
    defs = fact.pop("$defs", {})
    stored = {**fact, "title": "StoredFact", "description": "A fact of the metrics topic as the store keeps it.",
              "properties": {**fact["properties"],
                             "stored_at": {"type": "string", "format": "date-time",
                                           "description": "when the store wrote it"}},
              "required": [*fact.get("required", []), "stored_at"]}
    count = {"type": "integer", "minimum": 1}
    return {
        **defs,
        "StoredFact": stored,
        "FactPage": {"type": "object", "required": ["items", "total", "limit", "offset"], "properties": {
            "items": {"type": "array", "items": _ref("StoredFact")},
            "total": {"type": "integer", "minimum": 0},
            "limit": {"type": "integer", "minimum": 1, "maximum": query.MAX_LIMIT},
            "offset": {"type": "integer", "minimum": 0}}},
        "Regions": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {
            "type": "object", "required": ["region", "region_code", "facts"], "properties": {
                "region": {"type": "string"}, "region_code": {"type": ["string", "null"]}, "facts": count}}}}},
        "Indicators": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {
            "type": "object", "required": ["indicator", "facts"], "properties": {
                "indicator": {"type": "string"}, "facts": count}}}}},
        "Ready": {"type": "object", "required": ["ready", "broker"], "properties": {
            "ready": {"type": "boolean"}, "broker": {"type": "boolean"}, "database": {"type": "boolean"}}},
        "Status": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}},
        "ReextractCounts": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
        "ReviewRequest": {
            "type": "object", "required": ["fact_id", "verdict"], "additionalProperties": False,
            "properties": {
                "fact_id": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": query.TEXT_PATTERN},
                "verdict": {"type": "string", "enum": list(explore.VERDICTS)},
                "reason": {"type": ["string", "null"], "maxLength": 2000, "pattern": query.TEXT_PATTERN,
                           "description": "required when the verdict is wrong"},
                "corrected": {"anyOf": [{"type": "null"}, _ref("Correction")],
                              "description": "fields of the gold format, for a fact marked wrong"}},
            "if": {"properties": {"verdict": {"const": "wrong"}}},
            "then": {"required": ["reason"], "properties": {"reason": {"type": "string", "pattern": "\\S"}}},
            "else": {"properties": {"corrected": {"type": "null"}}}},
        "Correction": {"type": "object", "minProperties": 1, "additionalProperties": False, "properties": {
            **{name: {"type": ["string", "null"], "pattern": query.TEXT_PATTERN} for name in explore.CORRECTABLE},
            "value": {"type": ["number", "null"]}, "value_max": {"type": ["number", "null"]},
            "out_of": {"type": ["integer", "null"]},
            "period": {"anyOf": [{"type": "null"}, {
                "type": "object", "required": ["start", "end"], "additionalProperties": False,
                "properties": {"start": {"type": "string", "pattern": query.FACT_PARAMETERS["from"]["pattern"]},
                               "end": {"type": "string", "pattern": query.FACT_PARAMETERS["from"]["pattern"]}}}]}}},
        "Review": {"type": "object", "required": ["review_id", "fact_id", "verdict", "reason", "created_at"],
                   "properties": {"review_id": {"type": "string"}, "fact_id": {"type": "string"},
                                  "verdict": {"type": "string", "enum": list(explore.VERDICTS)},
                                  "reason": {"type": "string"}, "corrected": {"type": ["object", "null"]},
                                  "created_at": {"type": "string", "format": "date-time"}}},
    }


def _html(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


_MONTH_OR_EMPTY = "^([0-9]{4}-(0[1-9]|1[0-2]))?$"
# the explorer's form sends every field, empty ones too: an empty value is "any"
_EXPLORE_PARAMETERS: dict[str, dict[str, Any]] = {
    "region": {"type": "string", "maxLength": 200, "pattern": query.TEXT_PATTERN,
               "description": "a region and its children (河北省: its cities)"},
    "indicator": {"type": "string", "maxLength": 200, "pattern": query.TEXT_PATTERN,
                  "description": "an indicator code"},
    "measure": {"type": "string", "enum": ["", *explore.MEASURES], "description": "value, change, rank or target"},
    "from": {"type": "string", "pattern": _MONTH_OR_EMPTY, "description": "YYYY-MM"},
    "to": {"type": "string", "pattern": _MONTH_OR_EMPTY, "description": "YYYY-MM"},
    "q": {"type": "string", "maxLength": 200, "pattern": query.TEXT_PATTERN,
          "description": "text of the figure or its sentence"},
    "sort": {"type": "string", "enum": list(explore.SORTS), "description": "the column to sort by"},
    "dir": {"type": "string", "enum": ["asc", "desc"], "description": "sort direction"},
    "page": {"type": "integer", "minimum": 1, "maximum": 999999, "description": "page number"},
}
_CHART_PARAMETERS: dict[str, dict[str, Any]] = {
    "indicator": {"type": "string", "maxLength": 64, "pattern": query.TEXT_PATTERN,
                  "description": "an indicator code (default air.pm25)"},
    "measure": {"type": "string", "enum": list(explore.MEASURES), "description": "default value"},
    "regions": {"type": "string", "pattern": query.TEXT_PATTERN,
                "description": "regions, comma separated (default: the five with most facts)"},
}


def _parameters(spec: dict[str, dict[str, Any]], required: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    return [{"name": name, "in": "query", "required": name in required, "description": s["description"],
             "schema": {k: v for k, v in s.items() if k != "description"}} for name, s in spec.items()]


def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of the store's HTTP API."""
    text = {"text/plain": {"schema": {"type": "string"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "newsmetrics store API", "version": version("newsmetrics"),
                 "description": "Read the environmental metric facts the store keeps; one admin endpoint, "
                                "off unless NEWSMETRICS_ADMIN_TOKEN is set."},
        "paths": {
            "/facts": {"get": {
                "summary": "Facts, filtered and paged", "operationId": "listFacts",
                "parameters": _parameters(query.FACT_PARAMETERS),
                "responses": {
                    "200": {"description": "a page of facts, or all of the page as CSV with format=csv",
                            "content": {"application/json": {"schema": _ref("FactPage")},
                                        "text/csv": {"schema": {"type": "string"}}}},
                    "400": _error("a parameter is unknown or malformed")}}},
            "/facts/{fact_id}": {"get": {
                "summary": "One fact by its id", "operationId": "getFact",
                "parameters": [{"name": "fact_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _json(_ref("StoredFact"), "the fact"), "404": _error("no such fact")}}},
            "/regions": {"get": {"summary": "Regions with their number of facts", "operationId": "listRegions",
                                 "responses": {"200": _json(_ref("Regions"), "every region with facts")}}},
            "/indicators": {"get": {"summary": "Indicators with their number of facts",
                                    "operationId": "listIndicators",
                                    "responses": {"200": _json(_ref("Indicators"), "every indicator with facts")}}},
            "/admin/reextract": {"post": {
                "summary": "Re-extract stored documents and publish the difference", "operationId": "reextract",
                "security": [{"bearer": []}],
                "parameters": _parameters(query.ADMIN_PARAMETERS),
                "responses": {"200": _json(_ref("ReextractCounts"), "what the re-extraction published"),
                              "400": _error("a bound is not a date"), "401": _error("the bearer token is wrong"),
                              "404": _error("no admin token is configured: the endpoint is off")}}},
            "/health": {"get": {"summary": "Liveness: the process answers", "operationId": "health",
                                "responses": {"200": _json(_ref("Status"), "alive")}}},
            "/ready": {"get": {"summary": "Readiness: the broker and the database answer", "operationId": "ready",
                               "responses": {"200": _json(_ref("Ready"), "ready"),
                                             "503": _json(_ref("Ready"), "a dependency does not answer")}}},
            "/metrics": {"get": {"summary": "Prometheus metrics (text exposition format)", "operationId": "metrics",
                                 "responses": {"200": {"description": "the metrics", "content": text}}}},
            "/": {"get": {
                "summary": "Analyst page: the facts explorer (region with its children, indicator, measure, "
                           "period, text; sorted and paged on the server)",
                "operationId": "factsPage", "parameters": _parameters(_EXPLORE_PARAMETERS),
                "responses": {"200": _html("a page of facts"), "400": _html("a filter is wrong")}}},
            "/articles/{doc_id}/{article}": {"get": {
                "summary": "Analyst page: an article with every figure highlighted and its facts beside it",
                "operationId": "articlePage",
                "parameters": [{"name": "doc_id", "in": "path", "required": True, "schema": {"type": "string"}},
                               {"name": "article", "in": "path", "required": True,
                                "schema": {"type": "integer", "minimum": 0, "maximum": 999999}}],
                "responses": {"200": _html("the article"), "404": _html("no such article")}}},
            "/charts": {"get": {
                "summary": "Analyst page: an indicator over time and across regions (PNG/SVG export)",
                "operationId": "chartsPage", "parameters": _parameters(_CHART_PARAMETERS),
                "responses": {"200": _html("the charts"), "400": _html("a parameter is wrong")}}},
            "/charts.csv": {"get": {
                "summary": "The data behind /charts", "operationId": "chartData",
                "parameters": _parameters(_CHART_PARAMETERS),
                "responses": {"200": {"description": "region, period, value, unit, fact id per row",
                                      "content": {"text/csv": {"schema": {"type": "string"}}}},
                              "400": _error("a parameter is wrong")}}},
            "/reviews": {"post": {
                "summary": "Mark a fact wrong (with a reason and optional corrected fields) or confirmed",
                "operationId": "review", "security": [{"reviewToken": []}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("ReviewRequest")}}},
                "responses": {"201": _json(_ref("Review"), "the saved review"),
                              "400": _error("the review is malformed"), "401": _error("the token is wrong"),
                              "404": _error("no such fact, or reviews are off (no NEWSMETRICS_REVIEW_TOKEN)"),
                              "415": _error("the body is not application/json")}}},
            "/static/{name}": {"get": {
                "summary": "The pages' stylesheet and scripts", "operationId": "staticFile",
                "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "the file", "content": {
                    "text/css": {"schema": {"type": "string"}}, "text/javascript": {"schema": {"type": "string"}}}},
                    "404": _error("no such file")}}},
            "/static/vendor/{name}": {"get": {
                "summary": "The chart library (Vega, Vega-Lite, vega-embed), served by the store itself",
                "operationId": "vendorFile",
                "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "the file", "content": {
                    "text/javascript": {"schema": {"type": "string"}}}}, "404": _error("no such file")}}},
            "/openapi.json": {"get": {"summary": "This document", "operationId": "openapi",
                                      "responses": {"200": _json({"type": "object"}, "the OpenAPI document")}}},
        },
        "components": {"schemas": _components(),
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                                      "description": "NEWSMETRICS_ADMIN_TOKEN"},
                                           "reviewToken": {"type": "apiKey", "in": "header", "name": "X-Review-Token",
                                                           "description": "NEWSMETRICS_REVIEW_TOKEN"}}},
    }


def dumps() -> bytes:
    return orjson.dumps(document(), option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


if __name__ == "__main__":
    sys.stdout.buffer.write(dumps())
