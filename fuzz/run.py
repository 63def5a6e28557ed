"""Coverage-guided fuzzing of one target with atheris (libFuzzer), growing its corpus in the repo.

  .venv/bin/pip install atheris
  .venv/bin/python fuzz/run.py clean|extract|intake [SECONDS]
  .venv/bin/python fuzz/run.py clean|extract|intake merge     # shrink the corpus to a covering set

New inputs that reach new code are written to fuzz/corpus/<target>/; a crash is
written to fuzz/crashes/ and the run stops with its traceback. Merge before
committing a grown corpus: it keeps the smallest set of inputs with the same coverage.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).parents[1]))

with atheris.instrument_imports():
    from fuzz.targets import TARGETS


def main() -> None:
    target, mode = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "60"
    itself = f"{sys.executable} {Path(__file__).resolve()} {target} inner"
    if mode == "inner":  # libFuzzer runs this command again, with its own flags, to merge
        atheris.Setup([itself, *sys.argv[3:]], TARGETS[target])
        atheris.Fuzz()
    here = Path(__file__).parent
    corpus, crashes = here / "corpus" / target, here / "crashes"
    corpus.mkdir(parents=True, exist_ok=True)
    if mode == "merge":
        merged = corpus.with_name(f"{target}.merged")
        merged.mkdir()
        subprocess.run([*itself.split(" "), "-merge=1", str(merged), str(corpus)], check=True)
        shutil.rmtree(corpus)
        merged.rename(corpus)
        return
    crashes.mkdir(exist_ok=True)
    atheris.Setup([itself, str(corpus), f"-max_total_time={mode}", "-max_len=4096", "-timeout=10",
                   f"-artifact_prefix={crashes}/", "-rss_limit_mb=4096"], TARGETS[target])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
