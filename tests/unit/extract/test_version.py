"""Every fact says which extractor produced it and when."""

import re
from datetime import UTC, datetime

from services.common.schemas import RawArticle
from services.extract.pipeline import extract_item
from services.extract.version import EXTRACTOR_VERSION
from services.ingest.dedup import DedupIndex
from services.ingest.pipeline import clean_item
from tests.unit.extract.helpers import brief

TEXT = brief("保定治污", "今年1至6月，保定市PM2.5平均浓度为45微克/立方米。")


def _item():
    raw = RawArticle(id="bd-1", source="test", published_at=datetime(2024, 7, 15, tzinfo=UTC), text=TEXT)
    return clean_item(raw, DedupIndex())[1]


def test_facts_carry_the_extractor_version_and_the_time_given():
    assert re.fullmatch(r"\d+\.\d+\.\d+\+[0-9a-f]{8}", EXTRACTOR_VERSION)
    at = datetime(2030, 1, 1, tzinfo=UTC)
    [fact] = extract_item(_item(), at)
    assert (fact.extractor, fact.extracted_at) == (EXTRACTOR_VERSION, at)


def test_the_stamp_leaves_the_fact_id_alone():
    [first] = extract_item(_item(), datetime(2030, 1, 1, tzinfo=UTC))
    [later] = extract_item(_item())
    assert first.fact_id == later.fact_id and later.extracted_at != first.extracted_at
