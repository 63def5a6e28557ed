"""Readers' reviews and migrations on a real PostgreSQL server: the same migration and the same SQL as on SQLite
(tests/unit/store/test_explore.py), kept by fact id through re-extraction and retraction."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from services.common.settings import Settings
from services.store.explore import Review, gold_row, parse_explore
from services.store.repository import Repository
from tests.integration.postgres import postgres_server
from tests.unit.extract.helpers import brief, facts_of
from tests.unit.store.together import migrate_together

pytestmark = pytest.mark.integration


def test_reviews_and_the_explorer_on_postgresql(tmp_path):
    facts = facts_of(brief("邯郸空气质量", "今年上半年，邯郸市PM2.5平均浓度为48微克/立方米，同比下降5.9%。"),
                     published="2024-07-15", doc_id="hd-pg")
    with postgres_server() as server:
        repository = Repository.open(Settings(db_url=SecretStr(server.url), data_dir=tmp_path))
        repository.migrate()
        repository.store(facts=facts)
        assert repository.explore_page(parse_explore({"region": "河北省", "q": "_"}))[1] == 0
        assert repository.explore_page(parse_explore({"region": "河北省", "sort": "value"}))[1] == len(facts)
        saved = repository.add_review(Review(facts[0].fact_id, "wrong", "<i>late</i>", {"value": 47.0}))
        assert saved["corrected"] == {"value": 47.0}
        repository.store(facts=facts)
        [(review, fact)] = repository.latest_reviews()
        assert fact is not None and gold_row(fact, review["corrected"])["value"] == 47.0  # type: ignore[arg-type]
        repository.store(retracted=[facts[0].fact_id])
        assert repository.latest_reviews()[0][1] is None and repository.reviews_of([facts[0].fact_id])
        repository.close()


def test_stores_starting_together_migrate_once_on_postgresql(tmp_path):
    """``up --workers store=2`` against one PostgreSQL database: the processes take turns at the migration."""
    with postgres_server() as server:
        settings = Settings(db_url=SecretStr(server.url), data_dir=tmp_path)
        assert migrate_together([Repository.open(settings) for _ in range(4)]) == []
