"""Masking of applicants' personal data.

Work orders carry the applicant's name, ID number and phone. Reports go to departments that have
no need for them, so a table may show a masked name at most and never an ID or a phone; these
pure functions are the one place masking is defined, following common Chinese practice
(张*丰, 510104********1234, 138****8000).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache

PERSONAL_FIELDS = ("applicant_name", "applicant_id", "applicant_phone")

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_PHONE_SEPARATORS = re.compile(r"[\s\-()（）]+")
_MOBILE = re.compile(r"(?:\+?86)?(1\d{10})")


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def mask_name(value: object) -> str:
    """张三 -> 张*, 张三丰 -> 张*丰, 欧阳娜娜 -> 欧**娜; a Latin name keeps its first letter."""
    s = _text(value)
    if not s:
        return ""
    if len(s) == 1:
        return "*"
    if not _CJK.search(s):
        return s[0] + "***"
    if len(s) == 2:
        return s[0] + "*"
    return s[0] + "*" * (len(s) - 2) + s[-1]


def mask_id(value: object) -> str:
    """First 6 and last 4 characters kept (510104********1234); short numbers keep the last 2."""
    s = _text(value)
    if len(s) >= 11:
        return s[:6] + "*" * (len(s) - 10) + s[-4:]
    if len(s) <= 2:
        return "*" * len(s)
    return "*" * (len(s) - 2) + s[-2:]


def mask_phone(value: object) -> str:
    """A mobile (11 digits, +86 allowed) keeps 3 + 4 digits: 138****8000; others the last 4."""
    s = _text(value)
    compact = _PHONE_SEPARATORS.sub("", s)
    m = _MOBILE.fullmatch(compact)
    if m:
        mobile = m.group(1)
        return mobile[:3] + "****" + mobile[-4:]
    if len(compact) <= 4:
        return "*" * len(compact)
    return "*" * (len(compact) - 4) + compact[-4:]


# An 18-character resident ID (area, birth date, sequence, check character) or a mobile number,
# standing alone (not inside a longer code). An ID written in groups (511602 19800101 1234) is
# not taken: order numbers are written area-date-serial (511602-20260901-0001) as often.
# Each ASCII character may be typed in its full-width form (５１１６０２…, １３８ ０…), as on a
# Chinese keyboard; Python's \d takes full-width digits already. A full-width digit bounds a
# number as an ASCII one does; a full-width letter is a break, as a Chinese character is.
_SEP = "[ \\-\u3000－]?"
_ID = (
    "[1-9１-９]\\d{5}(?:[1１][89８９]|[2２][0０])\\d{2}(?:[0０][1-9１-９]|[1１][0-2０-２])"
    "(?:[0０][1-9１-９]|[12１２]\\d|[3３][01０１])\\d{3}[\\dXxＸｘ]"
)
_MOBILE_NUMBER = f"(?:[+＋]?[8８][6６]{_SEP})?[1１][3-9３-９]\\d{_SEP}\\d{{4}}{_SEP}\\d{{4}}"
_PERSONAL_NUMBER = re.compile(
    f"(?<![0-9A-Za-z０-９])(?:(?P<id>{_ID})|{_MOBILE_NUMBER})(?![0-9A-Za-z０-９])"
)
# The same numbers found faster, for whether a text holds one (the look-behind above is tried
# at every character; a pattern that starts with a character class is scanned for it in C).
# Every match starts with 1-9 or + after a character that is no ASCII letter and no digit, or
# at the start: _NUMBER_AFTER_BREAK takes that character as its first (the text searched is
# given a line break in front), for ASCII codes, whose breaks are few; _NUMBER_FROM_FIRST takes
# the number's first character, then looks back two characters (the one before it, and it), for
# Chinese text, where breaks are nearly every character. Tests keep both equal to the pattern.
_NUMBER_AFTER_BREAK = re.compile(f"[^0-9A-Za-z０-９](?:{_ID}|{_MOBILE_NUMBER})(?![0-9A-Za-z０-９])")
_NUMBER_FROM_FIRST = re.compile(
    "[1-9１-９+＋](?<![0-9A-Za-z０-９][\\s\\S])(?:"
    f"(?<=[1-9１-９]){_ID[len('[1-9１-９]') :]}"
    f"|(?<=[+＋])[8８][6６]{_SEP}[1１][3-9３-９]\\d{_SEP}\\d{{4}}{_SEP}\\d{{4}}"
    f"|(?<=[8８])[6６]{_SEP}[1１][3-9３-９]\\d{_SEP}\\d{{4}}{_SEP}\\d{{4}}"
    f"|(?<=[1１])[3-9３-９]\\d{_SEP}\\d{{4}}{_SEP}\\d{{4}}"
    ")(?![0-9A-Za-z０-９])"
)
_THREE_DIGITS = re.compile(r"\d{3}")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_DATE_WORDS = set("年月日时分秒号点上下午〇零一二三四五六七八九十")
# The commonest Chinese surnames (about 85 % of people) and the compound ones: a short Chinese
# word that begins with one is taken for a name when a message quotes a work-order cell.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰"
    "焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲"
    "房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟"
)
_COMPOUND_SURNAMES = (
    "欧阳",
    "上官",
    "司马",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "令狐",
    "端木",
    "独孤",
    "南宫",
    "西门",
)


# A name standing alone, for SQL (RE2 and Java): 2 to 4 Chinese characters starting with a
# common surname, 3 to 5 with a compound one (_looks_like_name's test, as one pattern). An order
# number (办件编号) that is one was put there by a shifted row: it is shown masked.
_HAN = r"[\x{3400}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}]"
SQL_NAME_ALONE = (
    f"(?:{'|'.join(_COMPOUND_SURNAMES)}){_HAN}{{1,3}}|[{''.join(sorted(_SURNAMES))}]{_HAN}{{1,3}}"
)


def scrub(text: str) -> str:
    """Mask ID numbers and mobile numbers wherever they stand in a text.

    The last line of defence for everything written: a work order whose columns are shifted can
    put a number where a code or a date belongs, and from there it would reach a table or a
    message. Codes are never masked: an ID number needs a birth date in its middle, a mobile
    number 11 digits on its own.
    """
    if len(text) < 11 or not _THREE_DIGITS.search(text):
        return text  # the common case, cheaply: every cell of every table comes through here
    return _scrub_numbers(text)


def scrub_changes_any(texts: Collection[str]) -> bool:
    """Whether scrub would change any of `texts`, in one regular-expression pass: a province's
    tables hold millions of cells, almost none of them holding a personal number.

    The texts are searched joined by line breaks: no ID or mobile number can span one (its
    characters are digits, X, +, space and hyphen) and a line break, not being a letter or a
    digit, bounds a number as the start or end of a text does. Texts of ASCII letters and digits
    only (finding ids, say) can hold a number only as the whole text, 11, 13 (86 first) or 18
    characters long: of other lengths, they are not searched at all.
    """
    whole = "\n".join(texts)
    if whole.isascii():
        if not {11, 13, 18} & set(map(len, texts)) and whole.replace("\n", "").isalnum():
            return False
        if len(whole) >= _RE2_FROM:
            return ascii_number_found_re2(whole)
        return _NUMBER_AFTER_BREAK.search("\n" + whole) is not None
    return _NUMBER_FROM_FIRST.search(whole) is not None


# _PERSONAL_NUMBER for RE2 (DuckDB's regexp_matches): the look-arounds as a character or an
# end, and \d as \p{Nd}, any decimal digit, as Python's \d is (RE2's \d is 0-9 only): a number in
# other digits that Python masks is found here too, so its streamed table is scrubbed.
SQL_PERSONAL_NUMBER = (
    "(^|[^0-9A-Za-z０-９])(?:"
    + f"{_ID}|{_MOBILE_NUMBER}".replace("\\d", "\\p{Nd}")
    + ")($|[^0-9A-Za-z０-９])"
)
# ASCII texts this long are searched by RE2: Python's engine tries a number at every break,
# and long codes joined (a province's 实施编码, with hyphens; finding ids) are millions of
# breaks: 0.65 s for 500,000 item codes against 0.23 s by RE2, which starts in ~10-30 ms.
_RE2_FROM = 4_000_000


def ascii_number_found_re2(ascii_text: str) -> bool:
    """Whether an ASCII text holds an ID or mobile number, searched by DuckDB's RE2 in a
    connection of its own (none is kept: a forked writer must not inherit one)."""
    import duckdb

    con = duckdb.connect(config={"threads": 1})
    try:
        pattern = SQL_PERSONAL_NUMBER.replace("'", "''")
        found = con.execute(f"SELECT regexp_matches(?, '{pattern}')", [ascii_text]).fetchone()
    finally:
        con.close()
    return bool(found and found[0])


@lru_cache(maxsize=1 << 16)
def _scrub_numbers(text: str) -> str:
    """Cached: codes, agencies and evidence repeat across the rows of a work-order table."""
    return _PERSONAL_NUMBER.sub(_masked_number, text)


def _masked_number(m: re.Match[str]) -> str:
    number = unicodedata.normalize("NFKC", m.group())  # a full-width number masked as ASCII
    return mask_id(number) if m.group("id") else mask_phone(number)


def _looks_like_name(word: str) -> bool:
    if set(word) <= _DATE_WORDS:
        return False
    if word.startswith(_COMPOUND_SURNAMES):
        return 3 <= len(word) <= 5
    return word[0] in _SURNAMES and 2 <= len(word) <= 4


def redact(value: object, name: object = "", id_number: object = "", phone: object = "") -> str:
    """A work-order cell as a message may quote it: the row's own name, ID number and phone
    masked wherever they appear in it, other ID and mobile numbers scrubbed, and a short Chinese
    word that begins with a common surname masked as a name (张三丰 -> 张*丰). A date
    (2026年13月1日) or a placeholder (待定) is quoted as written."""
    text = _text(value)
    for secret, mask in ((id_number, mask_id), (phone, mask_phone), (name, mask_name)):
        secret = _text(secret)
        if len(secret) >= 2 and secret in text:
            text = text.replace(secret, mask(secret))
    text = scrub(text)
    return _CJK_RUN.sub(
        lambda m: mask_name(m.group()) if _looks_like_name(m.group()) else m.group(), text
    )
