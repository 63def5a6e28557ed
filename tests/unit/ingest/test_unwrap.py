"""Paragraphs a fixed-width layout wrapped, on pages written for the test."""

import re

from hypothesis import given
from hypothesis import strategies as st

from services.ingest.unwrap import unwrap

PAGE = ("全县空气质量持续改善\n\n"
        "本报讯 今年1—9月，宁晋县PM2.5平均浓度为41微克/立方米，同比下降8.9%；优良天数为181天，同比增加"
        "16天，重污染天数为2天。全县完成营造林2.6万亩，森林覆盖率达到31.7%，较上年提高0.6个百分点。\n\n"
        "（记者 孙某）")


def _by_characters(text: str, width: int) -> str:
    return "\n".join("\n".join(p[i:i + width] for i in range(0, len(p), width)) if n and len(p) > width else p
                     for n, p in enumerate(text.split("\n")))


def _by_columns(text: str, width: int) -> str:
    """As a layout wraps: a CJK character is two columns wide, a digit or a Latin letter one."""
    out: list[str] = []
    for n, paragraph in enumerate(text.split("\n")):
        line, used = "", 0
        for c in paragraph:
            size = 2 if re.match(r"[\u3000-\u9fff\uff00-\uffef]", c) else 1
            if n and used + size > width:
                out.append(line)
                line, used = "", 0
            line, used = line + c, used + size
        out.append(line)
    return "\n".join(out)


def _sentences(text: str) -> str:
    return text.replace("。\n", "。").replace("；\n", "；")  # a wrapped line ending a sentence keeps its break


def test_a_page_wrapped_every_fourteen_characters_comes_back_as_its_paragraphs():
    wrapped = _by_characters(PAGE, 14)
    assert wrapped.count("\n") > 10
    assert _sentences(unwrap(wrapped)) == _sentences(PAGE)


def test_a_page_wrapped_at_a_column_width_comes_back_as_its_paragraphs():
    assert _sentences(unwrap(_by_columns(PAGE, 30))) == _sentences(PAGE)


def test_a_wrapped_line_that_ends_a_sentence_keeps_its_break():
    page = "\n".join(["今年以来，全县共立案查处环境违法", "案件23起，罚款112万元。全县",
                      "完成造林1.3万亩，森林覆盖率达到", "32.5%，较上年提高0.8个百分点。",
                      "全县优良天数为186天，同比增加", "14天，重污染天数为3天。"])
    assert unwrap(page) == page.replace("违法\n", "违法").replace("全县\n", "全县").replace("达到\n", "达到").replace(
        "增加\n", "增加")


def test_pages_written_a_paragraph_to_a_line_and_lists_of_labels_are_left_as_they_are():
    paragraphs = PAGE + "\n\n" + "\n".join(["今年以来，全县新建污水管网12公里", "改造雨污分流管网8公里，新建公厕3座。"])
    labels = ("7月全县空气质量\n优良天数：25天\nPM2.5平均浓度：38微克/立方米\nPM10平均浓度：52微克/立方米\n"
              "重污染天数：0天")
    headlines = "\n".join([
        "我县一季度经济运行稳中向好", "本报讯 一季度，全县生产总值完成91.3亿元，同比增长5.8%  工业增加值增长7.1%",
        "固安县新建口袋公园十二个", "今年以来，固安县新建口袋公园12个，新增绿地3.6万平方米  绿化覆盖率达到42.3%",
        "三河市开展安全生产大检查", "4月以来，三河市共检查企业1260家次，排查隐患3215处  已整改3108处"])
    assert unwrap(PAGE) == PAGE and unwrap(labels) == labels
    assert unwrap(paragraphs) == paragraphs
    assert unwrap(headlines) == headlines  # headlines of one width over wider lines are no column


def test_a_short_story_of_three_full_lines_is_unwrapped():
    lines = ["上半年，全县近九成地表水断面水", "质达到优良，超八成农村黑臭水体", "完成治理。全县国控断面水质优良",
             "比例为88.9%。"]
    assert unwrap("全县水质持续改善\n\n" + "\n".join(lines)) == "全县水质持续改善\n\n" + "".join(lines)


@given(st.text(alphabet=st.sampled_from(list("全县空气质量浓度为微克/立方米，。；0123456789%PM.\n\t ")), max_size=600))
def test_unwrapping_only_takes_out_line_breaks_and_the_spaces_around_them(text):
    assert re.sub(r"\s", "", unwrap(text)) == re.sub(r"\s", "", text)


def test_a_wrapped_page_states_the_facts_of_the_page_it_was_wrapped_from():
    from tests.unit.extract.helpers import facts_of, key

    def facts(text: str) -> set[tuple]:
        return {key(f) for f in facts_of(text, published="2024-10-12")}

    assert len(facts(PAGE)) == 8
    assert facts(_by_characters(PAGE, 14)) == facts(PAGE) == facts(_by_columns(PAGE, 30))
