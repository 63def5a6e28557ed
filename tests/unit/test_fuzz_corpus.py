"""Every input the fuzzers kept (fuzz/corpus/<target>/) still passes its target's checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz.targets import TARGETS

CORPUS = Path(__file__).parents[2] / "fuzz" / "corpus"
CASES = sorted((target, path) for target in TARGETS for path in (CORPUS / target).glob("*") if path.is_file())


def test_every_target_has_a_corpus():
    assert {target for target, _ in CASES} == set(TARGETS)


@pytest.mark.parametrize("target, path", CASES, ids=[f"{t}/{p.name}" for t, p in CASES])
def test_the_kept_input_passes(target, path):
    TARGETS[target](path.read_bytes())

