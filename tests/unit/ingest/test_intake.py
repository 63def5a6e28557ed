import orjson

from services.ingest.intake import MAX_ITEMS, parse_body

GOOD = {"id": "a1", "source": "feed", "published_at": "2024-07-15", "text": "邯郸市PM2.5浓度为48微克/立方米。"}


def test_one_envelope_or_an_array():
    assert [e.id for e in parse_body(orjson.dumps(GOOD))[0]] == ["a1"]
    envelopes, errors = parse_body(orjson.dumps([GOOD, {**GOOD, "id": "a2"}]))
    assert [e.id for e in envelopes] == ["a1", "a2"] and errors == []


def test_any_bad_item_refuses_the_body_with_a_reason_per_item():
    envelopes, errors = parse_body(orjson.dumps([GOOD, {"id": "x"}, {**GOOD, "published_at": "soon"}]))
    assert envelopes == []
    assert len(errors) == 2 and errors[0].startswith("item 1: ") and "published_at" in errors[1]


def test_malformed_empty_and_oversized_bodies():
    assert parse_body(b"{oops")[1][0].startswith("invalid JSON")
    assert parse_body(b"[]")[1] == ["empty array"]
    assert "at most" in parse_body(orjson.dumps([GOOD] * (MAX_ITEMS + 1)))[1][0]
