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
from services.store import query

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
            "/": {"get": {"summary": "Status page of the worker (Faust's index)", "operationId": "index",
                          "responses": {"200": _json(_ref("Status"), "the worker serves")}}},
            "/openapi.json": {"get": {"summary": "This document", "operationId": "openapi",
                                      "responses": {"200": _json({"type": "object"}, "the OpenAPI document")}}},
        },
        "components": {"schemas": _components(),
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                                      "description": "NEWSMETRICS_ADMIN_TOKEN"}}},
    }


def dumps() -> bytes:
    return orjson.dumps(document(), option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


if __name__ == "__main__":
    sys.stdout.buffer.write(dumps())
