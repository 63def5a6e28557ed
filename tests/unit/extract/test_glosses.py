"""Glosses in brackets inside a term, on text written for the tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.extract.glosses import unglossed


@pytest.mark.parametrize(("sentence", "read"), [
    ("水质优良（达到或优于Ⅲ类）断面比例为90%", "水质优良断面比例为90%"),
    ("优良（Ⅰ～Ⅲ类）水质断面8个", "优良水质断面8个"),
    ("综合指数（数值越小越好）为3.85", "综合指数为3.85"),
    ("一氧化碳(CO)浓度为1.2毫克/立方米", "一氧化碳浓度为1.2毫克/立方米"),
    ("水质优良（达到或优于Ⅲ类）（国考）断面8个", "水质优良断面8个"),
])
def test_a_gloss_inside_a_term_is_read_around(sentence, read):
    view, origin = unglossed(sentence)
    assert view == read and origin is not None


@pytest.mark.parametrize("sentence", [
    pytest.param("PM2.5浓度（微克/立方米）为35", id="a unit"),
    pytest.param("细颗粒物（PM2.5）浓度为35微克/立方米", id="a figure's code"),
    pytest.param("PM2.5浓度为35微克/立方米（同比下降6.7%）", id="a change"),
    pytest.param("重点区域（京津冀及周边地区）PM2.5浓度为45微克/立方米", id="a place"),
    pytest.param("沿黄9省（区）优良水体比例为87.6%", id="the kinds of division counted"),
    pytest.param("（二）石家庄市", id="a heading"),
    pytest.param("洱海水质为优（Ⅱ类）。", id="a class at the end of a clause"),
    pytest.param("洱海水质为优（Ⅱ类）（见附表）", id="a class before a note"),
])
def test_what_a_bracket_states_stays(sentence):
    assert unglossed(sentence) == (sentence, None)


@given(st.text(alphabet="优良水质断面比例为（）()达到Ⅲ类9%，。区市", max_size=60))
def test_every_character_read_stands_where_it_was_written(sentence):
    view, origin = unglossed(sentence)
    if origin is None:
        assert view == sentence
        return
    assert len(origin) == len(view) + 1 and origin[-1] == len(sentence)
    assert all(view[i] == sentence[origin[i]] for i in range(len(view)))
    assert all(a < b for a, b in zip(origin, origin[1:], strict=False))
