"""The first-character gate changes how fast a pattern scans, never what it finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.extract import indicators, quantities
from services.extract.scan import gated

PATTERNS = [
    r"甲乙|丙(?:丁|戊)",
    r"(?<![A-Za-z])O3|臭氧",
    r"(?:较|比)?\d+(?:\.\d+)?%",  # optional prefix: the digit may start it too
    r"[一二三]{0,2}季度|第?[1-4]季度",
    r"(?:饮用水|水源地)[^，。]{0,10}?达标率",
    r"\s*[：:]结束",
]
TEXT = st.text(alphabet=st.sampled_from(list("甲乙丙丁戊O3臭氧较比0123456789.%一二三第季度饮用水源地达标率，。：: xA")),
               max_size=60)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_gate_is_added_where_the_first_character_is_known(pattern):
    assert gated(pattern).pattern.startswith("(?=[")


@pytest.mark.parametrize("pattern", [r".结束", r"[^甲]乙", r"(?:甲)?"])
def test_no_gate_where_any_character_may_start_or_the_match_may_be_empty(pattern):
    assert gated(pattern).pattern == pattern


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), TEXT)
def test_gated_finds_what_the_plain_pattern_finds(pattern, text):
    assert _spans(gated(pattern), text) == _spans(re.compile(pattern), text)


NEWS = st.text(alphabet=st.sampled_from(list("今年PM2.5细颗粒物浓度为微克/立方米同比下降个百分点%，。"
                                             "优良天数比例综合指数第名断面水质达标率饮用水源地罚款万元立案查处起O3SO2造林亩二十三倒数约不超过")),
               max_size=80)


@settings(max_examples=300, deadline=None)
@given(NEWS)
def test_the_extractors_gated_scans_equal_their_plain_patterns(text):
    for scan in (indicators._ANY_KEYWORD, quantities._Q):
        plain = re.compile(scan.pattern[scan.pattern.index("])(?:") + 5:-1])
        assert _spans(scan, text) == _spans(plain, text)
