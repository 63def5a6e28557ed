"""Reading numbers as Chinese news prints them (core).

- Arabic digits with an optional decimal part and thousands separators
  ("1,063,175"); full-width digits were made ASCII by ingest.
- Chinese numerals: 零〇一二两三四五六七八九 with 十百千 positions ("三千五百",
  "十二", "两百"), and 万/亿 inside a numeral ("一万两千" is 12000, "三千五" is 3500: a bare
  last digit takes the next lower position); 两 is two, exactly like 二.
- Multipliers after either kind: 万, 亿, and their stacks (万亿 = 10^12,
  亿万 is not a multiplier people write); 百万/千万 as a unit prefix.
- "百分之N" is N percent, "百分之百" is 100; a decimal after 点 ("百分之九十三点二").
Values are ``Decimal`` so 3588.78万 is exactly 35887800, not 35887800.000000004.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
            "八": 8, "九": 9}
CN_POSITION = {"十": 10, "百": 100, "千": 1000}
MULTIPLIER = {"万亿": Decimal(10) ** 12, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6,
              "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}

ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_CN = "零〇一二两三四五六七八九十百千"
# 万/亿 inside a numeral need digits after them ("一万两千"); at the end they are the multiplier
CHINESE = rf"[{_CN}]+(?:[万亿][{_CN}]+)*(?:点[零〇一二三四五六七八九]+)?"
MULT = r"(?:万亿|千万|百万|亿|万)"
_ARABIC_RE = re.compile(ARABIC)


def parse_chinese(token: str) -> Decimal:
    """Value of a Chinese numeral ("三千五百" → 3500, "十二" → 12, "二〇二一" → 2021, "一万两千" →
    12000, "九十三点二" → 93.2: the digits after 点 are read one by one)."""
    for mark, scale in (("亿", 10 ** 8), ("万", 10 ** 4)):
        high, found, low = token.partition(mark)
        if found and high:
            rest = parse_chinese(low) if low else Decimal(0)
            if len(low) == 1 and low in CN_DIGIT:  # "一万二" is 12000, as people say it
                rest *= scale // 10
            return parse_chinese(high) * scale + rest
    whole, dot, fraction = token.partition("点")
    if dot:
        if not fraction or any(c not in CN_DIGIT for c in fraction):
            raise ValueError(f"not a Chinese numeral: {token!r}")
        return parse_chinese(whole) + Decimal("0." + "".join(str(CN_DIGIT[c]) for c in fraction))
    if not token or any(c not in CN_DIGIT and c not in CN_POSITION for c in token):
        raise ValueError(f"not a Chinese numeral: {token!r}")
    if all(c in CN_DIGIT for c in token) and len(token) > 1:
        return Decimal("".join(str(CN_DIGIT[c]) for c in token))
    total, digit, last = 0, None, 0
    for c in token:
        if c in CN_DIGIT:
            digit = CN_DIGIT[c]
            last = 0 if c in "零〇" else last  # "一百零五": the 零 ends the positions
        else:
            last = CN_POSITION[c]
            total += (1 if digit is None else digit) * last
            digit = None
    return Decimal(total + (digit or 0) * max(last // 10, 1))


def parse_number(token: str, multiplier: str = "") -> Decimal:
    """Value of an Arabic or Chinese numeral token times an optional 万/亿 multiplier."""
    token = token.strip()
    if _ARABIC_RE.fullmatch(token):
        try:
            base = Decimal(token.replace(",", ""))
        except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
            raise ValueError(token) from exc
    else:
        base = parse_chinese(token)
    return base * MULTIPLIER.get(multiplier, Decimal(1))


def to_float(value: Decimal) -> float:
    """A float that prints like the decimal (35887800.0, not 35887800.000000004)."""
    return float(value.normalize()) if value == value.to_integral() else float(str(value))
