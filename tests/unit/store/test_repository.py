"""The repository on a real SQLite file (the embedded store)."""

import sqlite3
from datetime import UTC, datetime

import pytest

from services.common.schemas import CleanItem
from services.common.settings import Settings
from services.store import tables
from services.store.query import parse
from services.store.repository import Refused, Repository, Unavailable
from tests.unit.store.together import migrate_together

HOSTILE = "x' OR '1'='1"


def test_a_replayed_batch_changes_nothing(repository, facts):
    repository.store(facts=facts)
    first, total = repository.facts(parse({}))
    repository.store(facts=facts)
    again, total_again = repository.facts(parse({}))
    assert total == total_again == len(facts) == 3
    assert [f["fact_id"] for f in first] == [f["fact_id"] for f in again]


def test_a_stored_fact_reads_back_as_the_message_it_was(repository, facts):
    repository.store(facts=facts)
    for fact in facts:
        stored = repository.fact(fact.fact_id)
        assert stored is not None
        stored.pop("stored_at")
        assert stored == fact.model_dump(mode="json") | {"span": list(fact.span)}


def test_filters_and_pages(repository, facts):
    repository.store(facts=facts)
    items, total = repository.facts(parse({"indicator": "air.pm25", "limit": "1"}))
    assert total == 2 and len(items) == 1
    assert repository.facts(parse({"region": "邯郸市", "from": "2024-06", "to": "2024-06"}))[1] == 3
    assert repository.facts(parse({"from": "2024-07"}))[1] == 0
    assert {r["indicator"] for r in repository.indicators()} == {"air.pm25", "enforcement.cases"}
    assert repository.regions() == [{"region": "邯郸市", "region_code": "130400", "facts": 3}]


@pytest.mark.parametrize("name", ["doc_id", "region", "indicator"])
def test_injection_through_each_parameter_finds_nothing_and_breaks_nothing(repository, facts, name):
    repository.store(facts=facts)
    assert repository.facts(parse({name: HOSTILE})) == ([], 0)
    assert repository.fact(HOSTILE) is None
    assert repository.facts(parse({}))[1] == 3


def test_a_lost_connection_is_opened_again_on_the_next_call(repository, facts):
    repository.store(facts=facts[:1])
    repository.close()  # as a server restart leaves it: the old connection is gone
    repository.store(facts=facts[1:])
    assert repository.facts(parse({}))[1] == len(facts)


def test_ping_tells_a_database_that_cannot_be_opened(tmp_path):
    (tmp_path / "newsmetrics.sqlite3").mkdir()  # a directory where the file should be
    assert not Repository.open(Settings(data_dir=tmp_path)).ping()


def test_a_database_locked_by_another_connection_is_unavailable_until_it_is_released(tmp_path, repository, facts):
    holder = sqlite3.connect(tmp_path / "newsmetrics.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    with pytest.raises(Unavailable) as caught:
        repository.store(facts=facts)
    assert caught.value.kind == "OperationalError" and "locked" in str(caught.value)
    holder.execute("COMMIT")
    holder.close()
    repository.store(facts=facts)
    assert repository.facts(parse({}))[1] == len(facts)


def test_rows_the_database_rejects_are_refused_and_the_transaction_stores_none_of_the_batch(
        tmp_path, repository, facts):
    with sqlite3.connect(tmp_path / "newsmetrics.sqlite3") as other:
        other.execute(f"CREATE TRIGGER no_cases BEFORE INSERT ON facts WHEN NEW.fact_id = '{facts[-1].fact_id}' "
                      "BEGIN SELECT RAISE(ABORT, 'no such fact here'); END")
    with pytest.raises(Refused, match="no such fact here"):
        repository.store(facts=facts)
    assert repository.facts(parse({}))[1] == 0
    repository.store(facts=facts[:-1])
    assert repository.facts(parse({}))[1] == len(facts) - 1


def test_a_retraction_deletes_the_fact_and_nothing_else(repository, facts):
    repository.store(facts=facts)
    repository.store(retracted=[facts[0].fact_id, "never-stored"])
    assert repository.fact(facts[0].fact_id) is None
    assert repository.facts(parse({}))[1] == len(facts) - 1


def test_documents_come_back_by_publication_range_a_page_at_a_time(repository):
    items = [CleanItem(doc_id=f"d{i}", source="t", published_at=datetime(2024, 7, 1 + i, 23, tzinfo=UTC), units=[])
             for i in range(5)]
    repository.store(documents=items)
    assert list(repository.documents(page=2)) == items
    assert [d.doc_id for d in repository.documents("2024-07-02", "2024-07-04", page=1)] == ["d1", "d2"]


def test_migrations_run_once_each_and_a_database_from_before_the_ledger_is_brought_up(tmp_path):
    legacy = sqlite3.connect(tmp_path / "newsmetrics.sqlite3")
    for statement in tables.MIGRATIONS[:5]:  # the schema as the first release created it
        legacy.execute(statement)
    legacy.commit()
    legacy.close()
    repo = Repository.open(Settings(data_dir=tmp_path))
    repo.migrate()
    repo.migrate()
    assert repo._rows("SELECT COUNT(*) AS n FROM schema_migrations") == [{"n": len(tables.MIGRATIONS)}]
    assert {"extractor", "extracted_at"} <= {r["name"] for r in repo._rows("PRAGMA table_info(facts)")}
    repo.close()


@pytest.mark.parametrize("attempt", range(10))  # a race: each attempt is a new database opened six times at once
def test_stores_starting_together_migrate_once_and_none_fails(tmp_path, attempt):
    """``up --workers store=2``: processes opening one new database at once take turns at the migration."""
    assert migrate_together([Repository.open(Settings(data_dir=tmp_path)) for _ in range(6)]) == []
