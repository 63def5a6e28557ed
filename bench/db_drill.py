"""Database outage drill (not a test): a feed of distinct articles flows while the store's database
goes away and comes back; when it drains, the store is compared with an offline run.

  .venv/bin/python bench/db_drill.py [ARTICLES] [RATE] [OUTAGE_SECONDS] [postgres|sqlite] [AFTER_FACTS]
              (default 20000 articles at 40/s, a 60 s PostgreSQL outage once 100,000 facts are stored)

PostgreSQL is stopped with ``pg_ctl -m immediate`` (connections cut as in a crash) and started
again; SQLite is held locked by another connection. Prints the figures as JSON: facts expected,
stored, missing, extra, /ready and newsmetrics_store_db_up during the outage, seconds from the
database's return until every fact was stored and until /ready answered 200.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))

import corpus  # noqa: E402
import orjson  # noqa: E402

from tests.integration import outage  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rate = float(sys.argv[2]) if len(sys.argv) > 2 else 40.0
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 60.0
    database = sys.argv[4] if len(sys.argv) > 4 else "postgres"
    after = int(sys.argv[5]) if len(sys.argv) > 5 else 100_000
    items = [item for _, item in zip(range(n), corpus.envelopes(10_000), strict=False)]
    tmp = Path(tempfile.mkdtemp(prefix="newsmetrics-db-drill-"))
    report = outage.run(tmp, items, rate=rate, database=database, outage_seconds=seconds, drain_timeout=3600,
                        outage_after_facts=after)
    print(orjson.dumps(report, option=orjson.OPT_INDENT_2).decode())
    print(f"logs in {tmp}")


if __name__ == "__main__":
    main()
