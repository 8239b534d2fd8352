"""Normalisation of codes and names: the one place both sides of every comparison go through.

Codes: trim (also the full-width space U+3000), NFKC (full-width digits and letters become
ASCII), upper case, inner whitespace and invisible characters (zero-width space …) removed.
Names: NFKC, traditional to simplified, brackets and
punctuation unified, level qualifiers such as （县级） dropped; `name_core` also drops every
parenthetical note, for the second step of the name tier. What varies between levels beyond
that (how a licence is granted, scope words, 业务办理项 actions) is wording.py's.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

import opencc

from .sqldialect import DUCKDB, Dialect

_WHITESPACE = re.compile(r"\s+")
# Invisible characters text copied from web pages carries (zero-width space and joiners, word
# joiner, soft hyphen, a BOM inside a cell): NFKC keeps them, and a name or code holding one
# would equal nothing. Removed with whitespace wherever a name or code is compared.
INVISIBLE = "\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff"
_SPACE_OR_INVISIBLE = re.compile(f"[\\s{INVISIBLE}]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ROUNDS = 8  # a fixed point is reached in one or two; the bound only keeps it finite
_CODE_OK = re.compile(r"^[A-Z0-9-]+$")
MIN_CODE_LENGTH = 8

_T2S = opencc.OpenCC("t2s")

# After NFKC the brackets are ASCII; these are the CJK ones NFKC leaves alone.
_BRACKETS = str.maketrans(
    {
        "〔": "(",
        "〕": ")",
        "【": "(",
        "】": ")",
        "［": "(",
        "］": ")",
        "[": "(",
        "]": ")",
        "｛": "(",
        "｝": ")",
        "{": "(",
        "}": ")",
        "〈": "(",
        "〉": ")",
        "《": "",
        "》": "",
        "“": "",
        "”": "",
        "‘": "",
        "’": "",
        '"': "",
        "'": "",
    }
)
# punctuation, and the marks a list puts beside a name (★ new, ※ see note): no part of it
_PUNCT = re.compile(r"[\s,，、;；:：。·・!！?？/／\\_—–\-~～★☆※●◆◇■□▲△▼▽◎√✓✔✱*]+")
_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")  # a point between digits is a decimal point: 1.5吨
# A list's own numbering in front of a name, never part of it: ①, (1), 1. 1、 1) 一、 and a
# zero-padded 001. Not a number that is part of the name: 1.5吨以下…, 一、二类…, 3岁以下…, and a
# zero-padded one joined to a unit (05吨锅炉, 02级, 06岁 once 0～6岁 has lost its ～) or to a range
# (05-10吨): a zero-padded number is numbering only before the name's own text.
# NFKC reads ① as 1, so the circled forms are set aside before it.
_CIRCLED = re.compile(r"^[\s\u2460-\u2473\u2474-\u2487\u2488-\u249b\u3220-\u3229\u2776-\u2793]+")
_NUMERAL = r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})"
_UNIT = "岁周月年日天时小吨级类型万千百亿米元人个位度层座台辆张床户名次亩克斤升瓦倍成%‰A-Za-z"
_RANGE = r"[～~\-—–至到]\d"
_NUMBERING = re.compile(
    rf"^(?:\({_NUMERAL}\)|{_NUMERAL}[.、,:)](?![\d一二三四五六七八九十])"
    rf"|0\d{{1,3}}(?![\d.{_UNIT}]|{_RANGE}|$))"
)
# a label in front of a name (子项：棉花加工资格认定)
_LABEL = re.compile(r"^(?:子项|主项|事项)(?:名称)?:")
_PARENTHETICAL = re.compile(r"\([^()]*\)")


_TEXT_MARK = "'"  # Excel's text mark, in front of a code (＇ is it after NFKC)


def normalise_code(value: object) -> str:
    """Code as compared: trimmed, NFKC, upper case, no whitespace anywhere, without the
    apostrophes in front (Excel's mark of a cell kept as text, '511A0138000000, which an export
    may write out): no code begins with one.

    Idempotent on any text: NFKC can expose a space (U+00A8 becomes a space and a combining
    mark), and removing it lets the mark compose with the letter before, so the rule is applied
    until nothing changes (once for ASCII, which every real code is).
    """
    if value is None or value == "":
        return ""
    text = str(value)
    if text.isascii():  # NFKC leaves ASCII as it is; the usual code needs no regex
        if text.isprintable() and " " not in text:  # ASCII whitespace is space or unprintable
            upper = text.upper()  # a code already in upper case stays one string, not two
            text = text if upper == text else upper
        else:
            text = "".join(text.split()).upper()
        return text.lstrip(_TEXT_MARK) if text.startswith(_TEXT_MARK) else text
    for _ in range(_ROUNDS):
        again = _SPACE_OR_INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).upper()
        again = again.lstrip(_TEXT_MARK)
        if again == text:
            break
        text = again
    return text


_NUMBER_DECIMALS = re.compile(r"([0-9]+)\.0+")


def without_number_decimals(code: str) -> str:
    """A normalised code of digits, a point and only zeros after it (12345678.0: a number column
    a CSV export wrote with its decimals) without them; any other code as it is. A code holding
    a letter was never a number, so 000XK00123.0 keeps its point. The code tier's _INTEGER_PART
    is the SQL twin, for a list's 基本编码 read against the catalogue."""
    found = _NUMBER_DECIMALS.fullmatch(code) if "." in code else None
    return found.group(1) if found else code


def normalise_codes(values: list[Any]) -> list[str]:
    """normalise_code of each value. A code column of ASCII texts without whitespace (every
    real one) is upper-cased joined, in one call, rather than a call per cell: half a million
    cells a column in a province. Any other column goes cell by cell."""
    if set(map(type, values)) != {str}:
        return list(map(normalise_code, values))
    whole = "".join(values)
    if not (whole.isascii() and whole.isprintable() and " " not in whole and "'" not in whole):
        return list(map(normalise_code, values))
    # no cell holds a newline (unprintable), so splitting at it gives the cells back
    joined = "\n".join(values)
    upper = joined.upper()
    if upper == joined:  # already upper case: each code stays its cell's string
        return list(values)
    return [t if u == t else u for t, u in zip(values, upper.split("\n"), strict=True)]


# What a cell holds to say it holds nothing: a 基本编码 or 主项名称 written so is empty (the item
# has no code and is matched by name; it has no 主项). Compared after NFKC, without whitespace,
# in capitals; a cell made only of dashes, slashes, dots, asterisks and zeros says the same
# (-, /, ——, 0, 000000000000: no code is all zeros). Excel's error values say it too: a code
# column filled by VLOOKUP shows #N/A where the lookup found nothing; NAN is how pandas writes
# an empty cell.
PLACEHOLDERS = frozenset(
    (
        *("无", "暂无", "没有", "空", "未分类", "无编码", "N/A", "NA", "NULL", "NONE", "NAN"),
        *("待定", "暂未赋码", "未赋码", "待赋码", "不适用", "不涉及", "无子项"),
        *("#N/A", "#REF!", "#VALUE!", "#NAME?", "#DIV/0!", "#NULL!", "#NUM!", "#SPILL!"),
    )
)
_NOTHING_CHARS = frozenset("-—–―_/\\.·*0")


@lru_cache(maxsize=1 << 12)
def is_placeholder(value: str) -> bool:
    """Does a cell say there is nothing in it (无, /, -, 暂无, 0, ——, 空, N/A, #N/A)? An empty
    cell does too."""
    text = _SPACE_OR_INVISIBLE.sub("", unicodedata.normalize("NFKC", value or "")).upper()
    return not text or text in PLACEHOLDERS or set(text) <= _NOTHING_CHARS


def code_defect(code: str) -> str:
    """Why a normalised code cannot be an implementation code, or "" when it is well formed."""
    if not code:
        return "missing_code"
    if len(code) < MIN_CODE_LENGTH or not _CODE_OK.match(code):
        return "malformed_code"
    return ""


def clean_text(value: object) -> str:
    """Cell text for display: NFKC-free, only trimmed and with inner runs of space collapsed."""
    if value is None:
        return ""
    text = str(value)
    if text.isprintable() and "  " not in text:  # only single ASCII spaces: nothing to collapse
        return text.strip()
    return _WHITESPACE.sub(" ", text.replace("\u3000", " ")).strip()


@lru_cache(maxsize=1 << 18)
def simplify(text: str) -> str:
    """NFKC, then traditional to simplified (許可 -> 许可, 審批 -> 审批)."""
    text = unicodedata.normalize("NFKC", text)
    try:
        return _T2S.convert(text)
    except UnicodeEncodeError:  # an unpaired surrogate: not text, and OpenCC needs UTF-8
        return _T2S.convert(_SURROGATE.sub("\ufffd", text))


def _unnumbered(text: str) -> str:
    """The text without the numbering and labels in front of it ((1)(2)…, 1.子项:…)."""
    while True:
        shorter = _LABEL.sub("", _NUMBERING.sub("", text))
        if shorter == text:
            return text
        text = shorter


# A 的 closing a note only makes its words a noun phrase (医疗机构执业登记（不设床位的） is
# …（不设床位）); in 目的 and 标的 it is part of a noun and stays (（以营利为目的）).
_NOTE_CLOSING_DE = re.compile(r"(?<![目标])的\)")


# Whether a variant has a thing, said at the start of its note: 带有 is 带, 不带 / 不带有 /
# 没有 are 无 (危险化学品经营许可证核发（带有储存设施） is （带储存设施）,
# （不带储存设施） is （无储存设施））. Only opening a note: inside a name 带有 may be
# part of a word (携带有害生物). 带 and 无 stay apart (a negation on one side only).
_NOTE_HAVING = (
    (re.compile(r"(?<=\()(?:不带有|不带|没有)"), "无"),
    (re.compile(r"(?<=\()带有"), "带"),
)


def _having_said_once(text: str) -> str:
    """The notes opening with a word of having (带有, 不带, 没有) in one spelling each."""
    for pattern, word in _NOTE_HAVING:
        text = pattern.sub(word, text)
    return text


def _name_key_once(text: str, level_qualifiers: str) -> str:
    s = simplify(_CIRCLED.sub("", text)).translate(_BRACKETS)
    s = _unnumbered(_SPACE_OR_INVISIBLE.sub("", s))
    if level_qualifiers:
        s = re.sub(level_qualifiers, "", s)
    s = _having_said_once(_NOTE_CLOSING_DE.sub(")", s))
    s = re.sub(r"\(\s*\)", "", s)
    return _DOT.sub("", _PUNCT.sub("", s)).lower()


# 违反《…》…规定 inside a name: the law it breaks cited, as a bracketed note would cite it
_CITED = re.compile(
    r"违反(《([^《》]{2,40})》((?:第[一二三四五六七八九十百千零〇\d]+[条款项])*))(?:的?有关)?的?规定的?"
)
_MIN_LEFT = 4  # what is left of a name without its citation: 对…的处罚 and an object
_MIN_TITLE = 5  # a shorter title cites a law only with its articles (wording._names_a_law)
_SHORT_TITLE = 3  # a short title 《》 marks (森林法, 公司法) cites a law: written 依据… in its note
_SHORT_CITED = "依据"  # a remark opener (standard.yaml remark_openers): the note reads as a remark


def _citation_as_note(text: str) -> str:
    """The name with a law citation inside it (对违反《森林法》第七十六条第二款规定滥伐林木的处罚)
    moved to a note at its end (对滥伐林木的处罚（《森林法》第七十六条第二款）): only the 《》 marks
    say a law is cited (违反规定 alone is part of what the matter is about), and the note then
    reads as a remark (wording.is_remark), set aside as a bracketed one is. A short title
    without articles (违反《森林法》规定) is written 依据森林法 in its note: 森林法 alone would
    read as no citation, and the name is the one 违反《中华人民共和国森林法》规定 names."""
    found = _CITED.search(text) if "违反《" in text else None
    if found is None or len(found.group(2)) < _SHORT_TITLE:
        return text
    rest = text[: found.start()] + text[found.end() :]
    if len(rest) < _MIN_LEFT:
        return text
    if len(found.group(2)) < _MIN_TITLE and not found.group(3):
        return f"{rest}（{_SHORT_CITED}{found.group(1)}）"
    return f"{rest}（{found.group(1)}）"


@lru_cache(maxsize=1 << 18)
def _name_key(text: str, level_qualifiers: str) -> str:
    """Applied until nothing changes, so a key is its own key: dropping punctuation can leave an
    empty note "(-)" -> "()" or a qualifier "(县-级)" -> "(县级)" that a second pass would drop.
    A law cited inside the name is first moved to a note (_citation_as_note)."""
    key = _name_key_once(_citation_as_note(text), level_qualifiers)
    for _ in range(_ROUNDS):
        again = _name_key_once(key, level_qualifiers)
        if again == key:
            break
        key = again
    return key


def name_key(text: str, level_qualifiers: str = "") -> str:
    """The name as the name tier compares it: notes kept, level qualifiers and punctuation not."""
    return _name_key(text or "", level_qualifiers)


@lru_cache(maxsize=1 << 18)
def name_core(key: str) -> str:
    """A name key with every parenthetical note removed (（含煤层气）, （技术改造）)."""
    previous = None
    core = key
    while previous != core:
        previous, core = core, _PARENTHETICAL.sub("", core)
    return core.replace("(", "").replace(")", "")


# The SQL form of normalise_code for work orders, kept beside the Python one and tested against
# it: NFKC on the full-width ASCII block is a translation; whitespace is what str.split() splits,
# and the INVISIBLE characters go with it.
_FULLWIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
_HALFWIDTH = "".join(chr(c) for c in range(0x21, 0x7F))
SQL_WHITESPACE = (
    r"[\t\n\x{0B}\x{0C}\r \x{1C}-\x{1F}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}"
    r"\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}"
    r"\x{AD}\x{180E}\x{200B}-\x{200F}\x{2060}-\x{2064}\x{FEFF}]+"
)


_ASCII_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "


def sql_normalise_code(column: str, dialect: Dialect = DUCKDB) -> str:
    """An SQL expression equal to normalise_code on the column (see tests). ASCII codes without
    whitespace, the usual case, are only upper-cased (tested without a regular expression, which
    costs more than the rest); other ASCII text loses its whitespace; only text with full-width
    characters pays for the translation of the full-width block (~3 µs a row in DuckDB)."""
    d = dialect
    value = f"coalesce(CAST({column} AS STRING), '')"
    spaced = " OR ".join(d.has(value, ch) for ch in _ASCII_SPACES)
    squeezed = d.replace_all(value, SQL_WHITESPACE)
    wide = d.search(value, "[\\x{FF01}-\\x{FF5E}]")
    narrow = f"translate({value}, {d.lit(_FULLWIDTH)}, {d.lit(_HALFWIDTH)})"
    return (
        f"trim(LEADING {d.lit(_TEXT_MARK)} FROM "
        f"CASE WHEN {d.is_ascii(value)} AND NOT ({spaced}) THEN upper({value}) "
        f"WHEN {d.is_ascii(value)} OR NOT {wide} THEN upper({squeezed}) "
        f"ELSE upper({d.replace_all(narrow, SQL_WHITESPACE)}) END)"
    )
