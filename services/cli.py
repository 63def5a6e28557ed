"""The ``newsmetrics`` command (shell): offline runs of the very pipeline the agents run.

``clean`` and ``extract`` read raw-article envelopes as JSON Lines (or plain
.txt files with ``--published-at``) and write JSON Lines to stdout. Input that
cannot be read becomes a dead-letter record on stderr; the run goes on.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO

from services.common.codec import decode_or_dead_letter, dumps_line
from services.common.schemas import DeadLetter, RawArticle
from services.extract.pipeline import extract_item
from services.ingest.dedup import DedupIndex
from services.ingest.pipeline import clean_item


def _open(path: str) -> BinaryIO:
    return sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115


def read_envelopes(paths: list[str], published_at: date | None) -> Iterator[RawArticle | DeadLetter]:
    for path in paths:
        if path.endswith(".txt"):
            if published_at is None:
                raise SystemExit(f"{path}: plain text needs --published-at YYYY-MM-DD")
            text = Path(path).read_text(encoding="utf-8", errors="replace")
            when = datetime.combine(published_at, datetime.min.time(), UTC)
            yield RawArticle(id=Path(path).stem, source="file", url=None, published_at=when, text=text)
            continue
        with _open(path) as f:
            for line in f:
                if line.strip():
                    yield decode_or_dead_letter(line, RawArticle, stage="cli")


def _run(args: argparse.Namespace, emit_facts: bool) -> int:
    out = sys.stdout.buffer
    index = DedupIndex()
    dead = 0
    for envelope in read_envelopes(args.input, args.published_at):
        if isinstance(envelope, DeadLetter):
            dead += 1
            sys.stderr.buffer.write(dumps_line(envelope))
            continue
        index, item = clean_item(envelope, index)
        records = extract_item(item) if emit_facts else item.units
        for record in records:
            out.write(dumps_line(record))
    out.flush()
    if dead:
        print(f"newsmetrics: {dead} input record(s) could not be read; dead letters on stderr",
              file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsmetrics", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_ in (("clean", "print one cleaned unit (article, brief, caption, duplicate) a line"),
                        ("extract", "print one metric fact a line")):
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("--input", "-i", nargs="+", required=True, metavar="FILE",
                       help="JSON Lines of raw-article envelopes ('-' for stdin) or .txt files")
        p.add_argument("--published-at", type=date.fromisoformat, metavar="YYYY-MM-DD",
                       help="publication date for .txt inputs")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return _run(args, emit_facts=args.command == "extract")


if __name__ == "__main__":
    sys.exit(main())
