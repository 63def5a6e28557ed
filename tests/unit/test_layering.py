"""The core/shell rule, enforced: only shell modules may import I/O frameworks."""

from __future__ import annotations

import ast
from pathlib import Path

SERVICES = Path(__file__).parents[2] / "services"
SHELL_FILES = {"agents.py", "api.py", "repository.py", "telemetry.py", "faustapp.py", "__main__.py", "cli.py",
               "reextract.py",  # reads the store and produces to news.metrics
               "recovery.py",  # replays news.clean into the dedup index
               "writer.py",  # the store's database writes, retried until they go through
               "pages.py",  # the analyst pages' handlers on the store's web server
               "embedded.py"}  # embedded.py starts the local broker process
SHELL_LIBS = {"faust", "mode", "aiokafka", "prometheus_client", "psycopg", "psycopg_pool", "asyncpg", "sqlite3",
              "aiohttp", "tqdm", "socket", "subprocess"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_core_modules_import_no_framework_or_driver():
    core = [p for p in SERVICES.rglob("*.py") if p.name not in SHELL_FILES]
    assert core, "no core modules found"
    offenders = {str(p.relative_to(SERVICES)): sorted(_imports(p) & SHELL_LIBS) for p in core}
    assert {k: v for k, v in offenders.items() if v} == {}
