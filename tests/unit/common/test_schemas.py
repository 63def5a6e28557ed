from datetime import UTC, datetime

import orjson
import pytest
from pydantic import ValidationError

from services.common.codec import decode, decode_or_dead_letter, encode
from services.common.schemas import Article, CleanItem, DeadLetter, MetricFact, Period, RawArticle

NOW = datetime(2024, 7, 15, 8, 30, tzinfo=UTC)


def _fact(**overrides):
    base = dict(
        fact_id="f1", doc_id="d1", article=0, indicator="air.pm25", measure="value", value=48.0,
        unit="ug/m3", region="邯郸市", region_code="130400", period=Period(start="2024-01", end="2024-06"),
        text="48微克/立方米", evidence="PM2.5平均浓度为48微克/立方米", span=(10, 19),
    )
    base.update(overrides)
    return MetricFact(**base)


@pytest.mark.parametrize("model", [
    RawArticle(id="a1", source="feed", url="https://example.org/1", published_at=NOW, text="正文"),
    Article(doc_id="a1", article=0, kind="article", title="标题", text="正文。", sentences=[(0, 3)]),
    Article(doc_id="a1", article=1, kind="duplicate", duplicate_of="a1#0"),
    CleanItem(doc_id="a1", source="feed", published_at=NOW, units=[]),
    _fact(),
    DeadLetter(stage="ingest", reason="invalid_json", error="x", payload="{", at=NOW),
])
def test_every_message_round_trips_through_orjson(model):
    assert decode(encode(model), type(model)) == model


def test_naive_publication_time_is_taken_as_utc():
    raw = decode(b'{"id":"x","published_at":"2024-07-15","text":""}', RawArticle)
    assert raw.published_at == datetime(2024, 7, 15, tzinfo=UTC)


@pytest.mark.parametrize("overrides, message", [
    ({"indicator": "air.pm1"}, "vocabulary"),
    ({"value_max": 10.0}, "value_max"),
    ({"basis": "yoy"}, "basis"),
    ({"measure": "change"}, "basis"),
    ({"unit": "g/m3"}, "unit"),
    ({"region_code": "13040"}, "region_code"),
    ({"period": {"start": "2024-07", "end": "2024-01"}}, "period"),
])
def test_a_fact_that_breaks_the_contract_is_rejected(overrides, message):
    with pytest.raises(ValidationError, match=message):
        _fact(**overrides)


def test_unknown_fields_are_rejected_not_dropped():
    with pytest.raises(ValidationError, match="extra"):
        decode(b'{"id":"x","published_at":"2024-07-15","text":"","txet":""}', RawArticle)


def test_duplicate_marker_must_point_at_its_original():
    with pytest.raises(ValidationError):
        Article(doc_id="a", article=1, kind="duplicate")
    with pytest.raises(ValidationError):
        Article(doc_id="a", article=1, kind="article", duplicate_of="a#0")


@pytest.mark.parametrize("payload, reason, detail", [
    (b"{not json", "invalid_json", ""),
    (b'{"id":"x","text":"t"}', "invalid_fields", "published_at"),
    (b'{"id":"x","published_at":"someday","text":"t"}', "invalid_fields", "published_at"),
    (b'{"id":"x","published_at":"2024-01-01","text":42}', "invalid_fields", "text"),
    (b"[1,2,3]", "invalid_fields", ""),
    (b"\xff\xfe\x00garbage", "invalid_json", ""),
])
def test_unreadable_input_becomes_a_dead_letter_with_its_reason(payload, reason, detail):
    result = decode_or_dead_letter(payload, RawArticle, stage="ingest")
    assert isinstance(result, DeadLetter)
    assert result.reason == reason and result.stage == "ingest"
    assert detail in result.error
    orjson.loads(encode(result))  # the dead letter itself is valid JSON
