import orjson
import pytest

from services.common.codec import Rejected, decode_or_dead_letter
from services.common.schemas import DeadLetter, RawArticle
from services.ingest.intake import MAX_ITEMS, MAX_LINES, parse_body, screen

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


def _raw(text: str) -> RawArticle:
    return RawArticle.model_validate({**GOOD, "text": text})


@pytest.mark.parametrize("text, reason", [
    ("", "empty_text"),
    (" \n\t\u200b\ufeff\u3000 ", "empty_text"),
    ("行\n" * (MAX_LINES + 1), "too_many_lines"),
    ("\x00\x01\x02\x03PK\x03\x04" * 50 + "正文", "binary"),
    ("\ufffd\ufffd\ufffd\ufffdabc" * 100, "binary"),
    ("<!DOCTYPE html><html><body><p>邯郸市PM2.5浓度为48微克/立方米。</p></body></html>", "markup"),
    ("".join(f'<div class="c{i}"><span>段落{i}</span></div>' for i in range(20)), "markup"),
])
def test_items_that_are_not_article_text_are_refused_with_a_reason(text, reason):
    with pytest.raises(Rejected) as refused:
        screen(_raw(text))
    assert refused.value.reason == reason and refused.value.error


@pytest.mark.parametrize("text", [
    "邯郸市PM2.5浓度为48微克/立方米。",
    "标题\n\n" + "正文一段，含有一个<b>加粗</b>的词和 a < b > c 的比较。\n" * 50,
    "第一行\n" * 5000,
])
def test_article_text_passes_the_screen(text):
    assert screen(_raw(text)).text == text


def test_a_body_with_a_refused_item_says_which_and_why():
    envelopes, errors = parse_body(orjson.dumps([GOOD, {**GOOD, "id": "b", "text": "  "}]))
    assert envelopes == [] and errors == ["item 1: empty_text: the item has no visible text"]


def test_an_oversized_message_is_refused_before_it_is_parsed():
    letter = decode_or_dead_letter(b"{" * 100, RawArticle, stage="ingest", max_bytes=99)
    assert isinstance(letter, DeadLetter) and letter.reason == "too_large" and "100 bytes" in letter.error
    assert len(letter.payload) <= 10_000


def test_deeply_nested_json_is_invalid_json_not_a_crash():
    letter = decode_or_dead_letter(b"[" * 100_000 + b"]" * 100_000, RawArticle, stage="ingest")
    assert isinstance(letter, DeadLetter) and letter.reason == "invalid_json"
