"""The published contract of every topic (core): JSON Schema generated from the models, and the
compatibility rule that guards it.

``schemas/<topic>/<version>.json`` holds every version ever published. A consumer
codes against those files, never against our package. Within one major version
each schema must accept everything its predecessor promised: no field removed or
retyped, no enum narrowed, no constraint added, no new required field. Anything
else needs the next major version (``topics.TopicSpec.schema_version``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from services.common.topics import TopicSpec

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_DOCS = {"title", "description", "default", "examples"}
_CONSTRAINTS = {"pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
                "maxLength", "minItems", "maxItems", "const", "multipleOf", "uniqueItems"}


def json_schema(spec: TopicSpec) -> dict[str, Any]:
    """The topic's message as a standalone JSON Schema document."""
    schema = spec.model.model_json_schema(mode="serialization")
    return {"$schema": DIALECT, "$id": f"https://newsmetrics.dev/schemas/{spec.name}/{spec.schema_version}.json",
            "x-topic": spec.name, "x-schema-version": spec.schema_version, **schema}


def path_of(root: Path, spec: TopicSpec, version: str | None = None) -> Path:
    return root / spec.name / f"{version or spec.schema_version}.json"


def dumps(schema: dict[str, Any]) -> bytes:
    return orjson.dumps(schema, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def published_versions(root: Path, spec: TopicSpec) -> list[tuple[tuple[int, int], dict[str, Any]]]:
    """Every committed version of the topic's schema, oldest first."""
    found = []
    for path in (root / spec.name).glob("*.json"):
        major, minor = path.stem.split(".")
        found.append(((int(major), int(minor)), orjson.loads(path.read_bytes())))
    return sorted(found, key=lambda pair: pair[0])


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every ``$ref`` to ``$defs`` replaced by its target, so two versions compare
    by shape whatever their definitions are called."""
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
        return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def _shape(node: Any) -> Any:
    """What a schema node accepts, without its documentation."""
    if isinstance(node, dict):
        return {k: _shape(v) for k, v in node.items() if k not in _DOCS}
    if isinstance(node, list):
        return [_shape(v) for v in node]
    return node


def _branches(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The alternatives a node accepts: its ``anyOf``, or one per type of a list of types."""
    if "anyOf" in node:
        return [b for branch in node["anyOf"] for b in _branches(branch)]
    if isinstance(node.get("type"), list):
        return [{**node, "type": t} for t in node["type"]]
    return [node]


def _narrowing(old: dict[str, Any], new: dict[str, Any], where: str) -> list[str]:
    """How ``new`` rejects something ``old`` accepted, one line per way."""
    if len(_branches(old)) > 1 or len(_branches(new)) > 1 or "anyOf" in old or "anyOf" in new:
        problems = []
        for branch in _branches(old):
            if not any(not _narrowing(branch, candidate, where) for candidate in _branches(new)):
                problems.append(f"{where}: no longer accepts {orjson.dumps(_shape(branch)).decode()}")
        return problems
    problems = []
    old_types, new_types = old.get("type"), new.get("type")
    if old_types != new_types:
        problems.append(f"{where}: type {old_types} became {new_types}")
    if "enum" in new:
        lost = set(old.get("enum", [])) - set(new["enum"]) if "enum" in old else {"(any value)"}
        if lost:
            problems.append(f"{where}: enum no longer has {sorted(lost)}")
    for key in sorted(_CONSTRAINTS & new.keys()):
        if old.get(key) != new[key]:
            problems.append(f"{where}: {key} {old.get(key)!r} became {new[key]!r}")
    if new.get("additionalProperties") is False and old.get("additionalProperties") is not False:
        problems.append(f"{where}: no longer accepts unknown fields")
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    for name in old_props:
        if name not in new_props:
            problems.append(f"{where}.{name}: removed")
        else:
            problems += _narrowing(old_props[name], new_props[name], f"{where}.{name}")
    for name in sorted(set(new.get("required", [])) - set(old.get("required", []))):
        problems.append(f"{where}.{name}: newly required")
    for key in ("items", "additionalProperties"):
        if isinstance(old.get(key), dict) and isinstance(new.get(key), dict):
            problems += _narrowing(old[key], new[key], f"{where}[]")
    old_tuple, new_tuple = old.get("prefixItems", []), new.get("prefixItems", [])
    if len(old_tuple) != len(new_tuple):
        problems.append(f"{where}: tuple of {len(old_tuple)} became {len(new_tuple)}")
    for i, (a, b) in enumerate(zip(old_tuple, new_tuple, strict=False)):
        problems += _narrowing(a, b, f"{where}[{i}]")
    return problems


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Why a consumer written against ``old`` could fail on messages valid under ``new`` (or a
    message valid under ``old``, still in the topic, be rejected by ``new``); empty when compatible."""
    return _narrowing(_inline(old, old.get("$defs", {})), _inline(new, new.get("$defs", {})), "$")
