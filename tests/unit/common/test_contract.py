"""The published schemas: in step with the models, and no breaking change within a major version."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import orjson
import pytest

from services.common import contract, topics
from services.common.codec import encode
from services.common.schemas import DeadLetter, MetricFact, Period

SCHEMAS = Path(__file__).parents[3] / "schemas"


@pytest.mark.parametrize("spec", topics.ALL, ids=lambda s: s.name)
def test_the_committed_schema_is_what_the_model_generates(spec):
    path = contract.path_of(SCHEMAS, spec)
    assert path.exists(), f"run `newsmetrics schema --write schemas` for {spec.name} {spec.schema_version}"
    assert path.read_bytes() == contract.dumps(contract.json_schema(spec)), (
        f"{path} and the model disagree: bump {spec.name}'s schema_version and run `newsmetrics schema --write`")


@pytest.mark.parametrize("spec", topics.ALL, ids=lambda s: s.name)
def test_no_published_version_breaks_its_predecessor_within_a_major(spec):
    versions = contract.published_versions(SCHEMAS, spec)
    assert versions[-1][0] == tuple(map(int, spec.schema_version.split("."))), "the model is behind a published one"
    for (old_v, old), (new_v, new) in zip(versions, versions[1:], strict=False):
        if old_v[0] == new_v[0]:
            assert contract.breaking_changes(old, new) == [], f"{spec.name} {old_v} → {new_v}"


def _fact_schema() -> dict:
    return contract.json_schema(topics.METRICS)


def _edit(change) -> dict:
    schema = copy.deepcopy(_fact_schema())
    change(schema)
    return schema


@pytest.mark.parametrize("change, why", [
    (lambda s: s["properties"].pop("region"), "$.region: removed"),
    (lambda s: s["properties"]["value"].update(type="string"), "$.value: type"),
    (lambda s: s["properties"]["unit"]["enum"].remove("CNY"), "enum no longer has ['CNY']"),
    (lambda s: s["properties"]["indicator"]["enum"].remove("air.pm25"), "enum no longer has ['air.pm25']"),
    (lambda s: s["required"].append("pollutant"), "$.pollutant: newly required"),
    (lambda s: s["properties"]["region"].update(maxLength=10), "maxLength"),
    (lambda s: s["properties"].update(value_max={"type": "number"}), "no longer accepts {\"type\":\"null\"}"),
    (lambda s: s["$defs"]["Period"]["properties"]["start"].update(pattern="^\\d{4}$"), "$.period"),
    (lambda s: s.update(additionalProperties=False), "unknown fields"),
    (lambda s: s["properties"]["span"]["prefixItems"].pop(), "tuple of 2 became 1"),
])
def test_a_change_that_would_break_a_consumer_is_named(change, why):
    problems = contract.breaking_changes(_fact_schema(), _edit(change))
    assert any(why in p for p in problems), problems


@pytest.mark.parametrize("change", [
    lambda s: s["properties"].update(confidence={"anyOf": [{"type": "number"}, {"type": "null"}]}),
    lambda s: s["properties"]["unit"]["enum"].append("kg"),
    lambda s: s["properties"]["region"].update(description="where"),
    lambda s: s["properties"].update(pollutant={"type": ["string", "null"]}) and None,
    lambda s: s["properties"]["article"].pop("minimum"),
    lambda s: s["$defs"].update(Window=s["$defs"].pop("Period")) or s["properties"]["period"]["anyOf"][0].update(
        {"$ref": "#/$defs/Window"}),
])
def test_a_compatible_change_passes(change):
    assert contract.breaking_changes(_fact_schema(), _edit(change)) == []


def test_a_message_we_publish_validates_against_the_committed_schema_and_a_wrong_one_does_not():
    schema = orjson.loads(contract.path_of(SCHEMAS, topics.METRICS).read_bytes())
    fact = MetricFact(fact_id="f1", doc_id="d1", article=0, indicator="air.pm25", measure="value", value=48.0,
                      unit="ug/m3", region="邯郸市", region_code="130400",
                      period=Period(start="2024-01", end="2024-06"),
                      text="48微克/立方米", evidence="PM2.5平均浓度为48微克/立方米", span=(10, 19),
                      extractor="0.1.0+abcd", extracted_at=datetime(2024, 7, 15, tzinfo=UTC))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(orjson.loads(encode(fact)))
    wrong = {**orjson.loads(encode(fact)), "indicator": "air.pm1", "span": [1]}
    assert {e.path[0] for e in validator.iter_errors(wrong)} == {"indicator", "span"}
    dlq = orjson.loads(contract.path_of(SCHEMAS, topics.DLQ).read_bytes())
    jsonschema.validate(orjson.loads(encode(DeadLetter(stage="s", reason="r", error="e", payload="p",
                                                       at=datetime(2024, 1, 1, tzinfo=UTC)))), dlq)


def test_a_newer_producer_adding_a_field_does_not_break_our_consumers():
    data = {**orjson.loads(encode(DeadLetter(stage="s", reason="r", error="e", payload="p",
                                             at=datetime(2024, 1, 1, tzinfo=UTC)))), "trace_id": "abc"}
    assert DeadLetter.model_validate(data).stage == "s"


def test_schema_write_refuses_to_rewrite_a_published_version(tmp_path, capsys):
    from services.cli import main

    assert main(["schema", "--write", str(tmp_path)]) == 0
    target = contract.path_of(tmp_path, topics.METRICS)
    target.write_bytes(target.read_bytes().replace(b'"CNY"', b'"RMB"'))
    assert main(["schema", "--write", str(tmp_path)]) == 1
    assert "bump" in capsys.readouterr().err
    assert b'"RMB"' in target.read_bytes()
