"""Numbers as Chinese documents write them: 一 十一 二十, 甲 乙, ① ⑴, and Word's list formats."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = [(1000, "千"), (100, "百"), (10, "十")]
_LEGAL_UNITS = {"千": "仟", "百": "佰", "十": "拾"}
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def chinese_number(n: int, legal: bool = False) -> str:
    """1 -> 一, 10 -> 十, 21 -> 二十一, 105 -> 一百零五 (up to 9999, then digits)."""
    if n <= 0 or n > 9999:
        return str(n)
    digits = _LEGAL_DIGITS if legal else _DIGITS
    out = []
    rest = n
    pending_zero = False
    for value, unit in _UNITS:
        count, rest = divmod(rest, value)
        if count:
            if pending_zero:
                out.append(digits[0])
            out.append(digits[count] + (_LEGAL_UNITS[unit] if legal else unit))
            pending_zero = False
        elif out:
            pending_zero = True
    if rest:
        if pending_zero:
            out.append(digits[0])
        out.append(digits[rest])
    text = "".join(out)
    # 一十二 is written 十二 in counting.
    if not legal and text.startswith("一十"):
        text = text[1:]
    return text


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, symbol in _ROMAN:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


def _enclosed(n: int, first: int, last: int) -> str:
    return chr(first + n - 1) if 1 <= n <= last - first + 1 else str(n)


def format_number(n: int, fmt: str) -> str:
    """A list counter in one of Word's number formats (w:numFmt)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital"):
        return chinese_number(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return chinese_number(n, legal=True)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _enclosed(n, 0x2460, 0x2473)  # ① .. ⑳
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 0x2487)  # ⑴ .. ⒇
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 0x249B)  # ⒈ .. ⒛
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


def official_heading_number(rank: int, n: int) -> str:
    """The number of a heading of this rank in an official document: 一、 （一） 1. （1）."""
    if rank == 0:
        return f"{chinese_number(n)}、"
    if rank == 1:
        return f"（{chinese_number(n)}）"
    if rank == 2:
        return f"{n}."
    if rank == 3:
        return f"（{n}）"
    return ""
