"""Coverage-guided fuzzing of one target with atheris (libFuzzer), growing its corpus in the repo.

  .venv/bin/pip install atheris
  .venv/bin/python fuzz/run.py clean|extract|intake [SECONDS]

New inputs that reach new code are written to fuzz/corpus/<target>/; a crash is
written to fuzz/crashes/ and the run stops with its traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).parents[1]))

with atheris.instrument_imports():
    from fuzz.targets import TARGETS


def main() -> None:
    target, seconds = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "60"
    here = Path(__file__).parent
    corpus, crashes = here / "corpus" / target, here / "crashes"
    corpus.mkdir(parents=True, exist_ok=True)
    crashes.mkdir(exist_ok=True)
    argv = [sys.argv[0], str(corpus), f"-max_total_time={seconds}", "-max_len=4096", "-timeout=10",
            f"-artifact_prefix={crashes}/", "-rss_limit_mb=4096"]
    atheris.Setup(argv, TARGETS[target])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
