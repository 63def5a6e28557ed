"""Discourse rules on text written for the tests: which layout's paragraph breaks end a topic."""

from __future__ import annotations

import pytest

from services.extract.discourse import NEW_TOPIC, is_headline, sentence_per_paragraph


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("1—9月，PM2.5浓度为41微克/立方米。\n优良天数比例为72.3%。\n重污染天数为6天。", True,
                 id="every sentence its own paragraph"),
    pytest.param("1—9月，PM2.5浓度为41微克/立方米；PM10浓度为70微克/立方米。\n优良天数比例为72.3%。", True,
                 id="clauses after a semicolon are the sentence's"),
    pytest.param("1—9月，PM2.5浓度为41微克/立方米。优良天数比例为72.3%。\n重污染天数为6天。截至目前，造林3.2万亩。",
                 False, id="paragraphs of several sentences"),
    pytest.param("1—9月，PM2.5浓度为41微克/立方米。", False, id="one paragraph says nothing of the layout"),
    pytest.param("甲。\n乙。\n丙。\n丁。\n戊。戊二。己。", True, id="four in five single sentences is enough"),
    pytest.param("甲。\n乙。甲二。\n丙。", False, id="two in three is not"),
])
def test_a_page_a_sentence_to_a_paragraph_is_told_from_its_paragraphs(text, expected):
    assert sentence_per_paragraph(text) is expected


@pytest.mark.parametrize(("sentence", "turns"), [
    ("下一步，该市将新建监测站点12个。", True),
    ("项目投运后，预计每年可减少二氧化碳排放2万吨。", True),
    ("此外，该县建成污水处理厂后，日处理能力达到2万吨。", True),
    ("同时，全市完成清洁取暖改造3.2万户。", False),
    ("此外，全市完成造林3.2万亩。", False),
    ("优良天数比例为72.3%，同比提高4.1个百分点。", False),
])
def test_a_sentence_turning_to_what_comes_next_is_told(sentence, turns):
    assert bool(NEW_TOPIC.match(sentence)) is turns


@pytest.mark.parametrize(("line", "expected"), [
    ("临城县推进国土绿化", True),
    ("我市推进老旧小区改造", True),
    ("【水环境】", False),  # a report's section
    ("二、水环境质量持续改善", False),
    ("（三）土壤环境总体稳定", False),
    ("全县完成造林2.1万亩。", False),  # a sentence
    ("优良天数：27天", False),  # a label and its figure
    ("（某某县融媒体中心）", False),  # a credit
    ("让天更蓝", True),  # a feature's subhead
    ("威县", False),  # too short for a headline: a kicker or a sign-off
])
def test_a_headline_line_is_told_from_sections_sentences_labels_and_credits(line, expected):
    assert is_headline(line) is expected
