"""Crash drill (not a test): a feed of distinct articles flows while each worker is killed with
SIGKILL in turn and restarted; when it drains, the store is compared with an offline run.

  .venv/bin/python bench/crash_drill.py [ARTICLES] [RATE]     (default 20000 articles at 40/s)

Prints the figures as JSON: expected and stored facts, missing, extra, duplicate rows, how long
the feed took and when it had drained, and when each worker was killed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))

import corpus  # noqa: E402
import orjson  # noqa: E402

from tests.integration import drill  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rate = float(sys.argv[2]) if len(sys.argv) > 2 else 40.0
    items = [item for _, item in zip(range(n), corpus.envelopes(10_000), strict=False)]
    tmp = Path(tempfile.mkdtemp(prefix="newsmetrics-drill-"))
    report = drill.run(tmp, items, rate=rate, kill_every=n / rate / 4, drain_timeout=3600)
    print(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())
    print(f"logs in {tmp}")


if __name__ == "__main__":
    main()
