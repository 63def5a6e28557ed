"""The operators' real CustomResourceDefinitions, read from ``../shared/crds`` (not shipped), as
JSON Schema validators that judge a custom resource as the API server does.

A CRD's ``openAPIV3Schema`` is a structural schema: close to JSON Schema, with Kubernetes
extensions the API server enforces and a plain validator does not know. They are read here:

- an object that lists ``properties`` accepts no other field, unless it carries
  ``x-kubernetes-preserve-unknown-fields`` (kubectl's strict field validation rejects unknown
  fields instead of pruning them);
- ``x-kubernetes-int-or-string`` admits an integer or a string;
- ``x-kubernetes-list-type: set`` items are unique, ``map`` items unique by their
  ``x-kubernetes-list-map-keys``;
- the others (``x-kubernetes-map-type``, ``-list-map-keys`` on their own, …) change how the server
  merges a resource, not whether it is valid: ignored, as validation ignores them.

``metadata`` is validated by the API server's own ObjectMeta rules, not by the CRD; the
rendered names are checked against Kubernetes' name rule in test_manifests.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
import yaml
from jsonschema.exceptions import ValidationError

CRDS = Path(os.environ.get("NEWSMETRICS_CRDS", Path(__file__).parents[2].parent / "shared" / "crds"))


def _structural(node: object) -> object:
    """The schema with the extensions above spelled in JSON Schema."""
    if isinstance(node, list):
        return [_structural(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _structural(value) for key, value in node.items()}
    if out.pop("x-kubernetes-int-or-string", False):
        out.pop("type", None)
        out["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if "properties" in out and not out.get("x-kubernetes-preserve-unknown-fields"):
        out.setdefault("additionalProperties", False)
    return out


def _list_type(validator, kind, instance, schema):  # noqa: ANN001 (jsonschema's keyword signature)
    if not isinstance(instance, list):
        return
    if kind == "set":
        keys = [yaml.safe_dump(item, sort_keys=True) for item in instance]
    elif kind == "map":
        keys = [tuple(item.get(k) for k in schema.get("x-kubernetes-list-map-keys", [])) for item in instance]
    else:
        return
    if len(set(keys)) != len(keys):
        yield ValidationError(f"duplicate items in a list of type {kind!r}: {instance!r}")


Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"x-kubernetes-list-type": _list_type})


@dataclass(frozen=True)
class Served:
    file: str  # the upstream CRD file the schema comes from
    api_version: str
    kind: str
    validator: jsonschema.protocols.Validator


def served() -> list[Served]:
    """Every (file, group/version, kind) the upstream CRDs serve, with its validator."""
    if not CRDS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the upstream CRDs are missing: expected them in {CRDS}")
        pytest.skip(f"the upstream CRDs are not here ({CRDS}); ../shared/crds holds them")
    out = []
    for path in sorted(CRDS.glob("*.yaml")):
        for crd in yaml.safe_load_all(path.read_text()):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
            for version in crd["spec"]["versions"]:
                if version.get("served"):
                    schema = _structural(version["schema"]["openAPIV3Schema"])
                    out.append(Served(path.name, f"{group}/{version['name']}", kind, Validator(schema)))
    return out
