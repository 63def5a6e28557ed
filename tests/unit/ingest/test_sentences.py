"""Sentence offsets: where one sentence ends, so the extractor knows what a semicolon carries."""

from __future__ import annotations

from services.ingest.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_an_end_mark_after_a_space_belongs_to_the_sentence_before_it():
    text = "最低的是甲市，为31μg/m3 ；最高的是乙市，为52μg/m3 。"
    assert _texts(text) == ["最低的是甲市，为31μg/m3 ；", "最高的是乙市，为52μg/m3 。"]


def test_sentences_end_at_marks_and_line_breaks_and_are_trimmed():
    expected = ["第一句。", "第二句！", "第三行没有句号", "“引语。”", "后面"]
    assert _texts("  第一句。第二句！\n第三行没有句号\n“引语。”后面") == expected
