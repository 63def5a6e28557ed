"""Fixtures of the store's unit tests: a migrated repository on a real SQLite file, and facts of a
brief written for the tests."""

import pytest

from services.common.settings import Settings
from services.store.repository import Repository
from tests.unit.extract.helpers import brief, facts_of


@pytest.fixture
def repository(tmp_path):
    repo = Repository.open(Settings(data_dir=tmp_path))
    repo.migrate()
    yield repo
    repo.close()


@pytest.fixture
def facts():
    return facts_of(brief("邯郸空气质量持续改善", "今年上半年，邯郸市PM2.5平均浓度为48微克/立方米，同比下降5.9%；"
                          "全市共查处环境违法案件126起。"), published="2024-07-15", doc_id="hd-1")
