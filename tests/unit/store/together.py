"""Store processes starting at once on one database, as ``up --workers store=2`` starts them."""

from __future__ import annotations

import threading

from services.store import tables
from services.store.repository import Repository
from services.store.writer import migrate_when_available


def migrate_together(repos: list[Repository]) -> list[BaseException]:
    """Start every repository's migration at the same moment, as each store process does at start-up (waiting
    out a database that is busy); return what each raised, after checking the ledger holds each migration once."""
    start = threading.Barrier(len(repos))
    errors: list[BaseException] = []

    def run(repo: Repository) -> None:
        start.wait()
        try:
            migrate_when_available(repo)
        except BaseException as error:  # noqa: BLE001 - the test reports whatever a migration raised
            errors.append(error)

    threads = [threading.Thread(target=run, args=(repo,)) for repo in repos]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ledger = repos[0]._rows("SELECT COUNT(*) AS n FROM schema_migrations")
    for repo in repos:
        repo.close()
    assert ledger == [{"n": len(tables.MIGRATIONS)}]  # each migration once
    return errors
