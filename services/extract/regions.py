"""Which place a figure describes (core).

Mentions are found with one Aho-Corasick pass over every gazetteer spelling,
the region groups of the spec, and the anaphora ("该市", "我省", "全州" …).
An article's own place is the most specific place named in its title (a
region group such as 全国 when the title names no division and the text does
not speak from one, as "我市" does), else
the place it names most often (a county's mentions also count half for its
prefecture, so "无极县" in a 石家庄 paper supports 石家庄市). Anaphora resolve
to that place at the level they name. Ambiguous names ("桥西区") resolve to
the division nearest the article's own place.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from services.extract.gazetteer import Place, names, places

GROUPS = {
    "京津冀及周边地区": "京津冀及周边地区", "京津冀及周边": "京津冀及周边地区", "2+26": "京津冀及周边地区",
    "京津冀": "京津冀", "长三角地区": "长三角地区", "长三角": "长三角地区", "长江三角洲": "长三角地区",
    "珠三角地区": "珠三角地区", "珠三角": "珠三角地区", "珠江三角洲": "珠三角地区", "汾渭平原": "汾渭平原",
    "重点区域": "重点区域", "全国": "全国", "我国": "全国", "中国": "全国",
    # the other key regions national bulletins report since 2023, under their own names (the spec
    # names the groups above only)
    "成渝地区": "成渝地区", "成渝地区双城经济圈": "成渝地区", "苏皖鲁豫交界地区": "苏皖鲁豫交界地区",
    "粤港澳大湾区": "粤港澳大湾区", "东北地区": "东北地区", "长江经济带": "长江经济带",
}
_ANAPHORA = {
    "市": ("该市", "我市", "全市", "本市"),
    "县": ("该县", "我县", "全县", "本县"),
    "州": ("该州", "我州", "全州", "本州"),
    "区": ("该区", "我区", "全区", "本区"),
    "省": ("该省", "我省", "全省", "本省"),
}
ANAPHOR_LEVEL = {word: kind for kind, words in _ANAPHORA.items() for word in words}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    """Aho-Corasick over every spelling: one C pass per text, longest match first."""
    automaton = ahocorasick.Automaton()
    for word in {*names(), *GROUPS, *ANAPHOR_LEVEL}:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


_FEATURE_AFTER = re.compile(r"[河江湖山沟路街桥港湾渠溪村镇乡]|水库|库区|水源地")


@lru_cache(maxsize=1)
def _short_names() -> frozenset[str]:
    """Spellings that must start a word: short names ("保定" in "确保定期") and two-character
    county names ("范县" in "示范县", "和县" in "市和县")."""
    return frozenset(w for w, ps in names().items() if all(p.name != w for p in ps) or len(w) == 2)


_DIVISION_SUFFIX = re.compile(r"[州市县盟旗](?![城级域委])")
_COUNTY_WORD_AFTER = re.compile(r"[级域]|城(?!区)")  # "新县城", "县级", "县域": the word 县, not a county


_CJK = re.compile(r"[\u4e00-\u9fff]")
# the characters a place name may follow inside a sentence ("城市中保定…", "一季度安阳…"), and the ends of a
# headline's verbs before one ("对话绵阳…", "走进赤峰", "聚焦商丘", "探访邢台")
_OPENS_NAME = frozenset("在于到赴从和与及对的是将把向往至由经为让使被给跟同比较了也都还并或其各据即含辖中年月份"
                        "话进焦访度")


# the words a headline puts before a place it praises or names: "美丽邢台", "绿色承德", "数说沧州"
_NAMING_WORDS = ("美丽", "绿色", "魅力", "大美", "助力", "守护", "点赞", "数说", "喜看")
_DATELINE_OPENER = re.compile(r"(?:本报|本台|本刊|本网|新华社|中新社)$")


def _stands_alone(text: str, start: int, previous_end: int) -> bool:
    """A short name starts a word: after punctuation, a function word, another place name, or a
    headline's word for a place ("美丽邢台").

    "农田林网" holds 田林 and "确保定期" holds 保定; neither is a place."""
    if start == 0 or start == previous_end or _DATELINE_OPENER.search(text, max(0, start - 3), start):
        return True  # "本报石家庄10月10日讯", "新华社太原电": a dateline's place
    before = text[start - 1]
    return not _CJK.match(before) or before in _OPENS_NAME or text.endswith(_NAMING_WORDS, max(0, start - 2), start)


# "人民网石家庄11月5日电", "央广网保定11月5日消息", "燕赵都市报邢台讯": an outlet, then the place (and date) it
# reports from
_OUTLET_BEFORE = re.compile(r"(?:^|\n)[\u4e00-\u9fff]{1,6}(?:网|社|报|台|客户端|新闻)$")
_DATE_AFTER = re.compile(r"\s*(?:\d{1,2}月\d{1,2}日|(?:讯|电)(?![\u4e00-\u9fff]))")  # "…报邢台讯（记者…）"


def _in_dateline(text: str, start: int, end: int) -> bool:
    return bool(_DATE_AFTER.match(text, end)) and bool(_OUTLET_BEFORE.search(text, max(0, start - 8), start))


def _reach(text: str, start: int, end: int) -> bool:
    """"永定河张家口段", "潮白河流域承德段": a river's stretch in a place names the place."""
    return text.startswith("段", end) and start > 0 and text[start - 1] in "河江湖域渠溪"


_FEATURE_ITEM = re.compile(r"[\u4e00-\u9fff]{1,4}[河江湖溪渠山]")
_LIST_REST = re.compile(r"(?:、[^、，,。；;和及与]{1,6})*(?:[和及与][^、，,。；;]{1,6}?)?"
                        r"(?=等|[\d一二两三四五六七八九十]|流域|水系)")
_PLACES_AFTER = re.compile(r"等?[\d一二两三四五六七八九十]*个?(?:县|市|区|州|旗|地)")
_FEATURES_AFTER = re.compile(r"等?[\d一二两三四五六七八九十]*条?(?:河|江|湖|流域|水系|干流|支流)")


def _among_features(text: str, start: int, end: int) -> bool:
    """"赣江、抚河、信江、饶河、修河五河": a short name in a list of rivers or mountains is one of them
    (the list's own count says which it is: "…五河", "…等三县"; else its neighbours do)."""
    rest = _LIST_REST.match(text, end)
    if rest is not None and ("、" in text[max(0, start - 1):start] or rest.end() > end):
        if _PLACES_AFTER.match(text, rest.end()):
            return False
        if _FEATURES_AFTER.match(text, rest.end()):
            return True
    before = text[max(0, start - 6):start]
    if before.endswith("、") and _feature(before[:-1].rsplit("、", 1)[-1][-5:]):
        return True
    after = _FEATURE_ITEM.match(text, end + 1) if text.startswith("、", end) else None
    return (after is not None and _feature(after.group())
            and text[after.end():after.end() + 1] in "、和及与，,")


def _feature(item: str) -> bool:
    """A river's or a mountain's name, not a place's ("清河" may be 清河县)."""
    table = names()
    return bool(_FEATURE_ITEM.fullmatch(item)) and not any(n in table for n in (item, item + "县", item + "市"))


def find_mentions(text: str) -> list[Mention]:
    """Place mentions. A short name must start a word, and a short name glued to a river, road or
    village word is that feature's name."""
    short = _short_names()
    out: list[Mention] = []
    previous_end = -1
    for last, word in _automaton().iter_long(text):
        end, start = last + 1, last + 1 - len(word)
        if word in short and (_FEATURE_AFTER.match(text, end) and word[-1] not in "县市州旗"
                              or not (_stands_alone(text, start, previous_end) or _reach(text, start, end)
                                      or _in_dateline(text, start, end) or _branch(text, start, end))
                              or len(word) == 2 and _COUNTY_WORD_AFTER.match(text, end)):
            continue
        if word in short and _among_features(text, start, end):
            continue
        if word in short and _DIVISION_SUFFIX.match(text, end):
            end += 1  # "恩施州", "黔西南州": the short name with its kind, one mention
        out.append(Mention(start, end, word))
        previous_end = end
    return out


def _branch(text: str, start: int, end: int) -> bool:
    """"市生态环境局宁晋分局": a bureau's branch named by a county's short name."""
    return text.endswith("局", 0, start) and text.startswith("分局", end)


def _group(name: str) -> Place:
    return Place(name, None, 0)


def _ancestor(place: Place, level: int) -> Place:
    table = places()
    while place.level > level and place.parent and place.parent in table:
        place = table[place.parent]
    return place


def _closeness(place: Place, home: Place | None) -> int:
    if home is None or home.code is None or place.code is None:
        return 0
    return len([1 for a, b in zip(place.code, home.code, strict=True) if a == b])


def resolve(text: str, home: Place | None) -> Place | None:
    """The place a mention denotes, with anaphora read against the article's own place."""
    if text in GROUPS:
        return _group(GROUPS[text])
    if text in ANAPHOR_LEVEL:
        return _resolve_anaphor(ANAPHOR_LEVEL[text], home)
    candidates = names().get(text)
    if not candidates:
        return None
    return max(candidates, key=lambda p: (_closeness(p, home), -p.level))


def _resolve_anaphor(kind: str, home: Place | None) -> Place | None:
    if home is None or home.code is None:
        return None
    if kind == "省":
        return _ancestor(home, 1)
    if kind == "区" and (home.name.endswith("区") and home.level == 3):
        return home
    if kind == "区" and _ancestor(home, 1).name.endswith("自治区"):
        return _ancestor(home, 1)  # "全区" in a Guangxi city's or county's article: the autonomous region
    if kind in ("区", "县"):  # "该县", "该区" in a city's article: a county or district it named, not the city
        return home if home.level >= 3 else None
    if kind == "州":
        for level in (home.level, 2):
            p = _ancestor(home, level)
            if p.name.endswith("州"):
                return p
        return home
    if home.level == 3 and not home.name.endswith("市"):
        return _ancestor(home, 2)
    return home


# a text that speaks from a division ("我市", "全省"): a region group in its title is not its place
_FIRST_PERSON = re.compile(r"[我本全](?:市|省|区|县|州)")


def home_place(title: str | None, text: str, byline: str | None = None, source: str | None = None) -> Place | None:
    """The article's own place: the most specific place in its title, else the most named one
    in its text (datelines included), else the place in its byline ("河北日报记者 …"), else the
    place in the name of the feed it came from ("邯郸日报", "某某市生态环境局"), else the first
    region group the text names ("全国339个城市中…"). A name many places share ("鼓楼区") is read as
    the one nearest the place the byline or feed names."""
    signed = _most_named(byline or "") or _most_named(source or "")
    named = [p for m in find_mentions(title or "") if (p := resolve(m.text, signed))]
    title_places = [p for p in named if p.code]
    if title_places:
        return max(title_places, key=lambda p: p.level)
    if named and not _FIRST_PERSON.search(f"{title}\n{text}"):  # "前5月全国…案件同比大增": the group,
        return named[0]                                          # unless the text speaks from a division
    place = (_most_named(text, signed) or signed
             or next((p for m in find_mentions(text) if (p := resolve(m.text, None)) and p.code is None), None))
    if place is not None and place.level > 1 and _PROVINCE_SUBJECT.search(title or "") \
            and not _LOCAL_SUBJECT.search(title or ""):
        return _ancestor(place, 1)  # "9月份全省14个市（州）空气质量排名": the province's, whose cities it names
    page = f"{title}\n{text}"
    by_city, by_district = bool(_CITY_SPEAKS.search(page)), bool(_DISTRICT_SPEAKS.search(page))
    if place is not None and place.level == 3 and place.name.endswith("区") and by_city and not by_district:
        if signed is not None and signed.level == 2:  # "来源：邢台市生态环境局": the city who signs it
            return signed
        city = _ancestor(place, 2)  # "全市PM2.5…，其中桥东区最低": the city's, whose district it names (a
        return city if city.level == 2 else place  # county-level city's "全市" is its own)
    if place is not None and place.level == 2 and by_district and not by_city:
        counties = {p for m in find_mentions(" ".join(filter(None, (text, byline, source))))
                    if (p := resolve(m.text, place)) is not None and p.parent == place.code}
        if len(counties) == 1:  # "全县…" signed "邢台市生态环境局宁晋县分局": the county it speaks from
            return counties.pop()
    return place


# a page that speaks from a city ("全市…", "我市…"), not from a county or district
_CITY_SPEAKS = re.compile(r"[我全本该]市")
_DISTRICT_SPEAKS = re.compile(r"[我全本该](?:区|县|旗)")


# a title whose subject is the province ("全省…", "省财政下达…"), not a comparison with it ("…全省排名第一")
_PROVINCE_SUBJECT = re.compile(r"(?:全省|我省|本省)(?!排名|排|第|前|后|首|倒数|平均|领先|最)"
                               r"|^省(?:[\u4e00-\u9fff]{0,4}(?:厅|委|局|办)|政府|财政)")
_LOCAL_SUBJECT = re.compile(r"[我全本该](?:市|县|区|州|旗)")


# "地址：某市某区某路88号": where a company is registered, not whom a text is about (a project "位于某区"
# is that place's)
_ADDRESS = re.compile(r"(?:地址|住所|住址)[:：]?[^，,。；;：:\n]*$")


def in_address(text: str, start: int) -> bool:
    return bool(_ADDRESS.search(text, max(0, start - 24), start))


def _most_named(text: str, near: Place | None = None) -> Place | None:
    """The place named most often, a name many places share read as the one ``near`` ("鼓楼区" under a
    南京日报 credit); "呼和浩特市赛罕区" names the district (its city is its address)."""
    score: Counter[str] = Counter()
    mentions = find_mentions(text)
    resolved = [None if m.text in ANAPHOR_LEVEL else resolve(m.text, near) for m in mentions]
    for i, (m, p) in enumerate(zip(mentions, resolved, strict=True)):
        if p is None or p.code is None or in_address(text, m.start):
            continue
        child = resolved[i + 1] if i + 1 < len(mentions) and mentions[i + 1].start == m.end else None
        if child is not None and child.parent == p.code:
            continue
        score[p.code] += 2
        if p.level == 3 and p.parent:
            score[p.parent] += 1
    if not score:
        return None
    best = max(score.items(), key=lambda kv: (kv[1], -places()[kv[0]].level))[0]
    return places()[best]
