"""How many processes run each stage, and what sets them apart (core).

A stage scales by partitions: its N processes join one consumer group and share the topic's
partitions, so the topics need at least N partitions. Ingest stays one process: its dedup
index is its memory (``services/ingest/dedup.py``), and a second process would not see the
first one's documents. Each process serves its own ``/metrics`` (and the store its own API), on
the stage's port plus ``PORT_STEP`` times its index.
"""

from __future__ import annotations

STAGES = ("ingest", "extract", "store")
PORT_SETTING = {"ingest": "NEWSMETRICS_INGEST_PORT", "extract": "NEWSMETRICS_EXTRACT_PORT",
                "store": "NEWSMETRICS_API_PORT"}
PORT_STEP = 100
MAX_PER_STAGE = 16


def parse_workers(spec: str) -> dict[str, int]:
    """"extract=2,store=2" → processes per stage (1 where not named). ValueError says what is wrong."""
    counts = dict.fromkeys(STAGES, 1)
    for part in filter(None, (p.strip() for p in spec.split(","))):
        stage, _, number = part.partition("=")
        if stage not in counts:
            raise ValueError(f"unknown stage {stage!r} (one of {', '.join(STAGES)})")
        if not number.isascii() or not number.isdigit() or not 1 <= int(number) <= MAX_PER_STAGE:
            raise ValueError(f"{stage}={number!r}: a number of processes from 1 to {MAX_PER_STAGE}")
        counts[stage] = int(number)
    if counts["ingest"] != 1:
        raise ValueError("ingest runs as one process: its dedup index is its memory")
    return counts


def worker_env(stage: str, index: int, base_port: int) -> dict[str, str]:
    """The environment that sets process ``index`` of ``stage`` apart from the others: its port."""
    return {PORT_SETTING[stage]: str(base_port + PORT_STEP * index)}
