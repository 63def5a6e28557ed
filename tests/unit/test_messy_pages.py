"""The mess real feeds add must not change what a page states.

Each page of ``tests/data/own_pages.jsonl`` (written for this project, in the styles of
real bulletins, newspaper pages, WeChat posts and reprint sites) is extracted as written
and again with one kind of mess added: full-width digits, traditional script, pinyin
glosses, injected spam lines, site chrome, spaces between numbers and units, lost
superscripts, column breaks in mid-sentence, a sentence to a paragraph, … The facts must be
the same.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path

import opencc
import orjson
import pytest

from services.common.schemas import RawArticle
from services.extract.gazetteer import names, places
from services.extract.pipeline import extract_item
from services.ingest.dedup import DedupIndex
from services.ingest.pipeline import clean_item

PAGES = [orjson.loads(line) for line in
         (Path(__file__).parents[1] / "data" / "own_pages.jsonl").read_text(encoding="utf-8").splitlines()]
_GLOSS = {"环": "(huán)", "浓": "(nóng)", "质": "(zhì)", "优": "(yōu)", "污": "(wū)"}


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def _column_breaks(text: str) -> str:
    """A line break inside each long paragraph of the body (the first paragraph may be the headline),
    not next to punctuation, not inside brackets, and where the line it ends cannot be a heading: it
    is longer than one or holds a comma (a short unpunctuated line is a heading to any reader)."""
    rng = random.Random(len(text))
    out = []
    for n, paragraph in enumerate(text.split("\n\n")):
        if n and len(paragraph) > 40 and "。" in paragraph[10:]:
            cut = rng.randint(15, len(paragraph) - 10)
            while cut < len(paragraph) and (paragraph[cut] in "，。；、：" or _inside_brackets(paragraph, cut)
                                            or not _broken_line(paragraph[paragraph.rfind("\n", 0, cut) + 1:cut])):
                cut += 1
            paragraph = paragraph[:cut] + "\n" + paragraph[cut:]
        out.append(paragraph)
    return "\n\n".join(out)


def _broken_line(line: str) -> bool:
    return len(re.sub(r"\([a-zü\u0100-\u01dc]+\)", "", line)) > 30 or bool(re.search(r"[，、；,]", line))


def _inside_brackets(text: str, at: int) -> bool:
    return max(text.rfind("（", 0, at), text.rfind("(", 0, at)) > max(text.rfind("）", 0, at), text.rfind(")", 0, at))


@cache
def _short_city_names() -> re.Pattern[str]:
    """Prefecture cities whose short name is a place name of its own ("邢台市" → "邢台"; not "白银", silver)."""
    known = names()
    full = [p.name for p in places().values() if p.level == 2 and p.name.endswith("市") and p.name[:-1] in known]
    return re.compile("|".join(map(re.escape, sorted(full, key=len, reverse=True))))


MESS: dict[str, Callable[[str], str]] = {
    "short city names": lambda t: _short_city_names().sub(lambda m: m.group()[:-1], t),
    "full-width digits": lambda t: "".join(chr(ord(c) + 0xFEE0) if c in "0123456789%" else c for c in t),
    "traditional script": lambda t: _s2t().convert(t),
    "pinyin glosses": lambda t: "".join(c + _GLOSS.get(c, "") for c in t),
    "spam lines": lambda t: ("【博彩】澳门新葡京娱乐城 注册送88元彩金 加微信abc12345\n\n" + t
                             + "\n\n加微信xx88888领取彩金，百家乐真人视讯注册送88元"),
    "site chrome": lambda t: ("首页 > 新闻中心 > 环保要闻\n\n" + t + "\n\n责任编辑：王某\n\n"
                              "分享到：微信 微博 QQ空间\n\n相关阅读\n• 三招教你做出好吃的红烧肉"),
    "spaced numbers": lambda t: re.sub(r"(\d)(万元|微克|天|件|起|亩|个|%)", r"\1 \2", t),
    "lost superscripts": lambda t: t.replace("PM2.5", "PM 2.5").replace("PM10", "PM 10").replace("μg/m3", "μg/m 3"),
    "column breaks": _column_breaks,
    "emoji before paragraphs": lambda t: "\n\n".join("👉" + p if n else p for n, p in enumerate(t.split("\n\n"))),
    "printed twice": lambda t: t + "\n\n" + t,
    "ASCII punctuation": lambda t: t.translate(str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")"})),
    "markdown bold": lambda t: re.sub(r"(\d+(?:\.\d+)?(?:微克/立方米|%|天|万亩|个百分点))", r"**\1**", t),
    "spaces by punctuation": lambda t: t.replace("，", "，\u3000").replace("。", " 。"),
    "HTML left in": lambda t: re.sub(r"(\d)(微克|%)", r"\1&nbsp;\2", "".join(f"<p>{p}</p>" for p in t.split("\n\n"))
                                     .replace("“", "&ldquo;").replace("”", "&rdquo;").replace("—", "&mdash;")),
    # a page for phones: every sentence its own paragraph (a printed page's column breaks stay in print)
    "a sentence to a paragraph": lambda t: "\n\n".join(b if "\n" in b else re.sub(r"。(?=.)", "。\n\n", b)
                                                       for b in t.split("\n\n")),
    "full stops lost to spaces": lambda t: re.sub(r"。(?=[^\n])", "  ", t),
    "WeChat chrome": lambda t: ("点击上方蓝字 关注我们\n\n" + t + "\n\n来源 | 某某发布\n编辑 | 张三\n\n"
                                "长按识别二维码 关注我们\n\n往期推荐\n\n某某新闻"),
}


# the same statement in other usual words
SYNONYMS = [
    ("PM2.5", "pm2.5"), ("重污染天数", "重度污染天数"),
    ("平均浓度", "年均浓度"), ("平均浓度", "浓度均值"), ("浓度为", "浓度"),
    ("1—7月", "前7个月"), ("1—7月", "1月至7月"), ("1—9月", "前三季度"),
    ("优良天数为", "优良天数达"), ("达到", "达"), ("，同比", "，比上年同期"),
    ("同比持平", "与去年持平"), ("综合指数为", "综合指数"), ("PM2.5", "PM2.5（细颗粒物）"),
    ("同比下降", "比去年同期下降"), ("同比下降", "较上年同期下降"), ("同比上升", "较去年同期上升"),
    ("同比增加", "比上年增加"), ("同比减少", "较去年减少"), ("浓度为", "浓度是"),
    ("浓度为", "浓度达到"), ("浓度为", "浓度："), ("比例为", "比例达到"),
    ("比例为", "比例是"), ("微克/立方米", "μg/m³"), ("微克/立方米", "微克每立方米"), ("微克/立方米", "μg·m-3"),
    ("微克/立方米", "ug/m3"), ("PM2.5", "细颗粒物（PM2.5）"), ("PM2.5", "细颗粒物"),
    ("PM10", "可吸入颗粒物（PM10）"), ("PM10", "可吸入颗粒物"), ("优良天数比例", "优良天数比率"),
    ("优良天数比例", "空气质量优良率"), ("重污染天数", "重度及以上污染天数"), ("全市", "该市"),
    ("全市", "我市"), ("全县", "该县"), ("全省", "我省"),
    ("罚没款", "罚没金额"), ("罚款", "处罚金额"), ("立案查处", "查处"),
    ("森林覆盖率", "林木覆盖率"), ("1—", "1-"), ("1—", "1至"),
    ("空气质量综合指数", "环境空气质量综合指数"), ("今年以来", "年初以来"), ("截至目前", "截至当前"),
    ("下降", "降低"), ("上升", "提高"), ("同比增加", "同比增长"),
    ("优良天数", "达标天数"), ("湿地面积", "湿地保护面积"), ("1—", "1～"),
    ("月，", "月份，"), ("年，", "年度，"), ("排名第", "排第"),
    ("同比", "与上年相比"), ("较去年同期", "较上年同期"), ("截至", "截止"),
    ("上半年", "1至6月"), ("一季度", "第一季度"), ("一季度", "1—3月"),
    ("PM2.5", "PM₂.₅"), ("优良天数比例", "优良天数占比"), ("微克/立方米", "微克/m³"),
    ("重污染天数", "重污染天气天数"), ("分别为", "依次为"), ("同比上升", "同比提升"),
    ("同比下降", "同比减少"), ("为", "是"),
    # a gloss in brackets inside a term
    ("综合指数为", "综合指数（数值越小越好）为"), ("水质优良", "水质优良（达到或优于Ⅲ类）"),
    ("优良天数", "优良（达标）天数"),
    ("2023年", "二〇二三年"), ("2024年", "二〇二四年"),  # years as official documents write them
]


def _facts(page: dict[str, str], text: str) -> set[tuple[object, ...]]:
    raw = RawArticle(id="page", source="test", published_at=datetime.fromisoformat(page["published_at"]), text=text)
    _, item = clean_item(raw, DedupIndex())
    return {(f.indicator, f.measure, f.value, f.unit, f.region, f.period, f.basis) for f in extract_item(item)}


@cache
def _as_written(n: int) -> frozenset[tuple[object, ...]]:
    return frozenset(_facts(PAGES[n], PAGES[n]["text"]))


def test_the_pages_state_facts():
    assert sum(len(_as_written(n)) for n in range(len(PAGES))) > 300


@pytest.mark.parametrize("mess", sorted(MESS))
def test_a_page_states_the_same_facts_under_the_mess_real_feeds_add(mess):
    changed = [page["text"][:30] for n, page in enumerate(PAGES)
               if _facts(page, MESS[mess](page["text"])) != _as_written(n)]
    assert changed == []


def _swap(text: str, word: str, synonym: str) -> str:
    """``word`` replaced by ``synonym``, except 全市/全省/… as the field of a ranking ("全市排名第5"), which
    我市/该市 are not: "我市排名第5" is the city's own rank."""
    if word.startswith("全"):
        return re.sub(re.escape(word) + r"(?!排名|排第|排在|位列|位居|第)", synonym, text)
    return text.replace(word, synonym)


@pytest.mark.parametrize(("word", "synonym"), SYNONYMS)
def test_a_page_states_the_same_facts_in_other_usual_words(word, synonym):
    changed = [page["text"][:30] for n, page in enumerate(PAGES) if word in page["text"]
               and _facts(page, _swap(page["text"], word, synonym)) != _as_written(n)]
    assert changed == []
