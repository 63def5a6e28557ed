"""What a re-extraction publishes: new and changed facts, retractions, and nothing for the same facts."""

from datetime import UTC, datetime

from services.store.revision import diff_facts
from tests.unit.extract.helpers import brief, facts_of

TEXT = brief("邢台治气见成效", "今年1至6月，邢台市PM2.5平均浓度为41微克/立方米，同比下降6.8%；"
                               "全市查处环境违法案件88起。")


def _stored(facts):
    return [{**f.model_dump(mode="json"), "stored_at": "2024-07-16T00:00:00+00:00"} for f in facts]


def test_the_same_extractor_again_publishes_nothing_even_with_a_new_stamp():
    before = facts_of(TEXT, doc_id="xt")
    again = [f.model_copy(update={"extractor": "9.9.9+new", "extracted_at": datetime.now(UTC)}) for f in before]
    revision = diff_facts(_stored(before), again)
    assert (revision.upserts, revision.retracted, revision.unchanged) == ([], [], len(before))


def test_a_changed_rule_upserts_changed_and_new_facts_and_retracts_the_lost_ones():
    before = facts_of(TEXT, doc_id="xt")
    lost, changed, kept = before[0], before[1], before[2:]
    changed_now = changed.model_copy(update={"qualifier": "approx"})
    new = lost.model_copy(update={"fact_id": "brand-new", "value": 40.0})
    revision = diff_facts(_stored(before), [changed_now, *kept, new])
    assert revision.retracted == [lost.fact_id]
    assert [f.fact_id for f in revision.upserts] == [changed.fact_id, "brand-new"]
    assert (revision.new, revision.changed, revision.unchanged) == (1, 1, len(kept))


def test_every_stored_fact_is_retracted_when_the_extractor_finds_none():
    before = facts_of(TEXT, doc_id="xt")
    assert sorted(diff_facts(_stored(before), []).retracted) == sorted(f.fact_id for f in before)
