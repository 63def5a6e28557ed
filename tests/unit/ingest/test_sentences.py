"""Sentence offsets: where one sentence ends, so the extractor knows what a semicolon carries."""

from __future__ import annotations

import pytest

from services.ingest.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_an_end_mark_after_a_space_belongs_to_the_sentence_before_it():
    text = "最低的是甲市，为31μg/m3 ；最高的是乙市，为52μg/m3 。"
    assert _texts(text) == ["最低的是甲市，为31μg/m3 ；", "最高的是乙市，为52μg/m3 。"]


def test_sentences_end_at_marks_and_line_breaks_and_are_trimmed():
    expected = ["第一句。", "第二句！", "第三行没有句号", "“引语。”", "后面"]
    assert _texts("  第一句。第二句！\n第三行没有句号\n“引语。”后面") == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("PM2.5浓度为36微克/立方米  优良天数比例为80.2%", ["PM2.5浓度为36微克/立方米", "优良天数比例为80.2%"],
                 id="a run of spaces"),
    pytest.param("空气质量持续改善 全市优良天数为112天", ["空气质量持续改善", "全市优良天数为112天"],
                 id="one space between Chinese characters"),
    pytest.param("PM2.5 浓度为 36 微克", ["PM2.5 浓度为 36 微克"], id="spaces by figures are typesetting"),
    pytest.param("城市\tPM2.5\t优良天数", ["城市\tPM2.5\t优良天数"], id="a table row's tabs"),
])
def test_spaces_standing_for_a_lost_full_stop_end_a_sentence(text, expected):
    assert _texts(text) == expected
