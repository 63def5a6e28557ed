"""Character-level normalization that keeps the text faithful (core).

Why each step:
- Full-width digits and Latin letters, and sub- and superscript digits
  (PM₂.₅, SO₂, m³), become ASCII so numbers and codes (PM2.5, VOCs) read the
  same whatever the typesetter used; CJK punctuation
  (，。（）) is left alone because it carries sentence structure.
- Traditional script becomes simplified through OpenCC (a maintained
  dictionary-based converter, phrase-aware), so reprints match their originals
  and the extractor needs one vocabulary. A text without a traditional
  character is not converted (``_traditional``).
- Pinyin glosses after a character ("環(huán)境", "環(huan)境") are dropped when
  they carry a tone mark or a tone digit, or are one whole toneless syllable,
  so "(VOCs)", "(PM2.5)", "(mg)" or "(t)" survive.
- Spaces between CJK and digits/Latin ("951 件", "3588.78 万元", "涉 VOCs 重")
  are typesetting, not content; spaces between two CJK characters are kept
  because headings and bylines use them as separators.
- Spaces after or before CJK punctuation ("今年春季，　武邑县…") are typesetting too.
- "pm2.5" and "PM二点五" (a broadcast script's) are PM2.5. A superscript or subscript lost to a space
  ("PM 2.5", "PM2. 5", "SO 2", "O 3", "μg/m 3") is joined back to its symbol: the pollutant codes and the unit.
- Digits spaced out one by one ("6 2 微克", "1 0 . 1 %") are joined, and a
  per-cent sign set apart from its number ("10.3 %") is put back.
- A space that groups thousands ("1 732天次", "12 500万元") is dropped: a run
  of one to three digits, one space, then groups of exactly three digits.
- Emoji opening a line ("👉本报讯…") are dropped: decoration that would hide
  the line's dateline, heading or bullet.
- The cells of a table's rows are set apart by tabs first (``tables``), so none of the above glues
  them together; the typesetting passes touch spaces only.
- HTML a scraper left in ("&nbsp;", "&ldquo;", "<br>", "<p>") is taken out first: entities become
  their characters, tags that break a line become line breaks, table cells tabs, other tags nothing;
  so is markdown bold ("**5.1%**").
- Control and zero-width characters are removed; line breaks are kept since
  layout recovery needs them.
Everything is a regex or a table lookup: linear in the input, no backtracking.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import opencc

from services.ingest.tables import mark_cells

_FULLWIDTH: dict[int, int | None] = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH.update({ord(c): ord(a) for c, a in zip("％．／＋－～＝＜＞＃", "%./+-~=<>#", strict=True)})
_FULLWIDTH.update({0x2080 + d: 0x30 + d for d in range(10)})  # subscripts: PM₂.₅, SO₂, O₃
_FULLWIDTH.update({0x2070: 0x30, 0xB9: 0x31, 0xB2: 0x32, 0xB3: 0x33, **{0x2070 + d: 0x30 + d for d in range(4, 10)}})
_FULLWIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x202F: 0x20})
_FULLWIDTH.update({ord(c): None for c in "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"})
_FULLWIDTH.update({cp: None for cp in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]})

_TRANSLATED = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FULLWIDTH)) + "]")
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# a toneless gloss ("環(huan)境") must be one whole pinyin syllable, so "(VOCs)", "(mg)" or "(t)" stay
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
             r"(?:iang|iong|uang|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue"
             r"|er|a|o|e|i|u|v|ü)")
_PINYIN_GLOSS = re.compile(rf"[(（]\s*(?:(?=[a-zü{_TONED}]{{0,6}}[{_TONED}1-5])[a-zü{_TONED}]{{1,6}}[1-5]?"
                           rf"|{_SYLLABLE}(?=\s*[)）]))\s*[)）]")
_CJK_CHAR = re.compile(rf"[{_CJK}]")
# A run of spaces between CJK and a digit or Latin letter, or one space between a figure and
# CJK ("951 件"); two or more after a figure stand for a lost full stop ("…为79.2%  嘉兴市…") and
# stay for the sentence splitter. Each branch starts at a space and looks behind only from there:
# a look-behind in front would be tried at every character of the text.
_TYPESETTING_SPACE = re.compile(
    rf" (?<=[{_CJK}] ) *(?=[0-9A-Za-z])| (?<=[0-9A-Za-z%] )(?=[{_CJK}])"
)

# "今年春季，　武邑县…": spaces after (or before) CJK punctuation are typesetting; they start at a space
_SPACE_BY_PUNCT = re.compile(r" (?<=[，。；：、！？）] ) *| +(?=[，。；：、！？])")


# "10.3 %": a space between a number and its per-cent sign
_SPACE_BEFORE_PERCENT = re.compile(r" +%")


def _percent_back(m: re.Match[str]) -> str:
    return "%" if m.start() and m.string[m.start() - 1].isdigit() else m.group()

# " 732" after "1": one space after a group of one to three digits (not a decimal's) and before a
# group of exactly three; it starts at a space, as the typesetting pattern does
_THOUSANDS_SPACE = re.compile(
    r" (?<=[0-9] )(?<![0-9]{4} )(?<!\.[0-9] )(?<!\.[0-9]{2} )(?<!\.[0-9]{3} )"
    r"(?<![A-Za-z][0-9] )(?<![A-Za-z][0-9]{2} )(?<![A-Za-z][0-9]{3} )"  # "O3 158", "PM10 125": a code, a number
    r"(?=[0-9]{3}(?![0-9])(?!(?: [0-9]{3}(?![0-9]))*\s*%))"  # no share groups thousands: "25 108 100%" is three
)

# "为 6 2 微克", "下降 1 0 . 1 %": digits spaced out one by one (a PDF's letter-spacing); a space
# between two single characters of a number, the first with a space on both sides, is dropped
# ("第3 4名" stays two numbers)
_SPACED_DIGITS = re.compile(r" (?<= [0-9.] )(?=[0-9.%](?![0-9]))")

# "PM 2.5", "PM2. 5", "SO 2", "NO 2", "O 3", "μg/m 3": a sub- or superscript the typesetting lost to a space
_LOST_SCRIPT = re.compile(r" (?<=(?<![A-Za-z])PM )(?=2\. ?5|10(?![0-9]))| (?<=PM2\. )(?=5(?![0-9]))|"
                          r" (?<=PM 2\. )(?=5(?![0-9]))|"
                          r" (?<=(?<![A-Za-z])[SN]O )(?=2(?![0-9.]))| (?<=(?<![A-Za-z])O )(?=3(?![0-9.]))|"
                          r" (?<=/m )(?=[23](?![0-9.]))")


# emoji opening a line ("👉本报讯…", "📢二、主要目标"): decoration a post puts before a paragraph, which
# would hide its dateline, heading or bullet; caption marks (▲ ►) and bullets (● •) are not in these ranges
_LEADING_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF][\U0001F300-\U0001FAFF"
                            "\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200d ]*")


def _drop_leading_emoji(m: re.Match[str]) -> str:
    return "" if m.start() == 0 or m.string[m.start() - 1] == "\n" else m.group()


# "pm2.5", "Pm10": the pollutant codes as the spec and every rule spell them
_LOWER_PM = re.compile(r"(?:pm|Pm|pM)(?<![A-Za-z]..)(?=\s?2\.\s?5|\s?10(?![0-9]))")  # the letters first: a cheap scan

# "PM二点五", "PM十": the pollutant codes as a broadcast script spells them out
_SPOKEN_SIZE = {"二点五": "2.5", "十": "10"}
_SPOKEN_PM = re.compile(r"(?<=PM)(?:二点五|十(?![一二三四五六七八九点]))")


# what a page scraped from HTML keeps of its markup: entities ("45&nbsp;微克", "&ldquo;十四五&rdquo;",
# "1&mdash;5月") and tags; a tag that breaks a line ("<br>", "</p>") is a line break, the others are nothing
_LINE_TAG = re.compile(r"<(?:br|/?p|/?div|/?li|/?tr|/?h[1-6])\b[^<>\n]{0,200}>", re.IGNORECASE)
_CELL_TAG = re.compile(r"</t[dh]\s*>", re.IGNORECASE)  # a cell's end; its start (an "other" tag) is nothing
_OTHER_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,10}\b[^<>\n]{0,200}>")


def _markup_out(text: str) -> str:
    text = _LINE_TAG.sub("\n", text)
    text = _CELL_TAG.sub("\t", text)
    text = _OTHER_TAG.sub("", text)
    return html.unescape(text).replace("\xa0", " ")


def _translate_one(m: re.Match[str]) -> str:
    """One character's replacement; a regex finds the few that need one faster than str.translate."""
    target = _FULLWIDTH[ord(m.group())]
    return "" if target is None else chr(target)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


_CJK_BMP = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@lru_cache(maxsize=1)
def _traditional() -> re.Pattern[str]:
    """The characters OpenCC converts on their own (about 4,200 in the BMP), asked of OpenCC itself
    in one call, and any ideograph of the supplementary planes (rare; listing the few hundred that
    convert there makes the character class a hundred times slower).

    Only a text holding one of them is converted. A simplified text is left as written, which is
    faster and more faithful: OpenCC's phrase table rewrites some simplified words that hold no
    traditional character ("打坏" would become "打坯", "答覆" "答复").
    """
    chars = [chr(cp) for start, stop in _CJK_BMP for cp in range(start, stop)]
    converted = _t2s().convert("\n".join(chars)).split("\n")
    changed = "".join(c for c, s in zip(chars, converted, strict=True) if c != s)
    return re.compile(f"[{changed}\U00020000-\U0002FA1F]")


def _drop_gloss(m: re.Match[str]) -> str:
    """A gloss only follows a character: "環(huán)" loses it, also across a line break; "(huán)" at the
    start of a text keeps it."""
    at = m.start()
    while at and m.string[at - 1] == "\n":  # "同比下降\n(jiàng)8.2%": a line break between them
        at -= 1
    return "" if at and _CJK_CHAR.match(m.string, at - 1) else m.group()


# "二〇二三年", "一九九八年": a year written in Chinese numerals, as official documents date themselves
_HAN_YEAR = re.compile(r"(?<![〇零○一二三四五六七八九十])[一二][〇零○一二三四五六七八九]{3}(?=年)")
_HAN_DIGIT = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")


# "罚款人民币壹拾贰万伍仟元整": an amount in the capital numerals of cheques and penalty decisions
_CAPITAL = "壹贰叁肆伍陆柒捌玖拾佰仟"
_CAPITAL_AMOUNT = re.compile(rf"[零{_CAPITAL}万亿]*[{_CAPITAL}][零{_CAPITAL}万亿]*(?=[元圆])")
_CAPITAL_DIGIT = str.maketrans(_CAPITAL, "一二三四五六七八九十百千")


# "十一个设区市", "全县五个国考断面": a count of places or sections in numerals (TV scripts write them so), in
# digits as the recognizers read counts, fields of a ranking and group averages ("一个" alone is "a")
_HAN_COUNT = re.compile(r"(?<![一二三四五六七八九十两百千万几数第])(?!一个)([一二三四五六七八九十两]{1,3})"
                        r"(?=个(?:设区市|地级市|地市|城市|市|县|区|州|盟|旗|省|国考|省考|国控|省控|市控|市考|考核|监测"
                        r"|地表水|断面|湖库|重点))")
_HAN_UNIT = {c: n for n, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def _count_in_digits(m: re.Match[str]) -> str:
    """A numeral under a hundred ("十一", "二十三", "两") in digits; anything else as written."""
    head, _, tail = m.group(1).partition("十")
    if "十" not in m.group(1):
        return str(_HAN_UNIT[head]) if len(head) == 1 else m.group(1)
    tens = _HAN_UNIT.get(head, 0) if head else 1
    ones = _HAN_UNIT.get(tail, 0) if tail else 0
    return str(10 * tens + ones) if tens and len(head) <= 1 and len(tail) <= 1 else m.group(1)


def _year_in_digits(m: re.Match[str]) -> str:
    year = m.group().translate(_HAN_DIGIT)
    return year if 1900 <= int(year) <= 2099 else m.group()


def normalize(text: str) -> str:
    """Return ``text`` with widths, script, glosses and typesetting spaces normalized.

    Each pass starts at a rare character (a space, a parenthesis, a full-width
    form), so a clean text is scanned at C speed; a look-behind comes only after it.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text or "<" in text:
        text = _markup_out(text)
    if "**" in text or "__" in text:
        text = text.replace("**", "").replace("__", "")  # markdown bold ("同比下降**5.1%**"): emphasis, no text
    for separator in ("\u2028", "\u2029", "\x85"):
        text = text.replace(separator, "\n")
    text = _TRANSLATED.sub(_translate_one, text)
    text = _LEADING_EMOJI.sub(_drop_leading_emoji, text)
    if _traditional().search(text):
        text = _t2s().convert(text)
    text = _PINYIN_GLOSS.sub(_drop_gloss, text)
    text = _LOWER_PM.sub("PM", text)
    if "PM" in text:
        text = _SPOKEN_PM.sub(lambda m: _SPOKEN_SIZE[m.group()], text)
    if "年" in text:
        text = _HAN_YEAR.sub(_year_in_digits, text)
    if "个" in text:
        text = _HAN_COUNT.sub(_count_in_digits, text)
    if "元" in text or "圆" in text:
        text = _CAPITAL_AMOUNT.sub(lambda m: m.group().translate(_CAPITAL_DIGIT), text)
    text = _LOST_SCRIPT.sub("", text)
    text = mark_cells(text)
    text = _SPACED_DIGITS.sub("", text)
    text = _THOUSANDS_SPACE.sub("", text)
    text = _SPACE_BEFORE_PERCENT.sub(_percent_back, text)
    text = _SPACE_BY_PUNCT.sub("", text)
    return _TYPESETTING_SPACE.sub("", text)
