"""Normalisation of codes and names: the one place both sides of every comparison go through.

Codes: trim (also the full-width space U+3000), NFKC (full-width digits and letters become
ASCII), upper case, inner whitespace removed. Names: NFKC, traditional to simplified, brackets and
punctuation unified, level qualifiers such as （县级） dropped; `name_core` also drops every
parenthetical note, for the second step of the name tier.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_WHITESPACE = re.compile(r"\s+")
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
_PUNCT = re.compile(r"[\s,，、;；:：。.·・!！?？/／\\_—–\-~～]+")
_PARENTHETICAL = re.compile(r"\([^()]*\)")


def normalise_code(value: object) -> str:
    """Code as compared: trimmed, NFKC, upper case, no whitespace anywhere."""
    if value is None or value == "":
        return ""
    text = str(value)
    if text.isascii():  # NFKC leaves ASCII as it is; the usual code needs no regex
        return "".join(text.split()).upper()
    text = unicodedata.normalize("NFKC", text)
    return _WHITESPACE.sub("", text).upper()


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
    return _T2S.convert(unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=1 << 18)
def _name_key(text: str, level_qualifiers: str) -> str:
    s = simplify(text).translate(_BRACKETS)
    s = _WHITESPACE.sub("", s)
    if level_qualifiers:
        s = re.sub(level_qualifiers, "", s)
    s = re.sub(r"\(\s*\)", "", s)
    return _PUNCT.sub("", s).lower()


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


# The DuckDB form of normalise_code for work orders, kept beside the Python one and tested
# against it: NFKC on the full-width ASCII block and the ideographic space is a translation.
_FULLWIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
_HALFWIDTH = "".join(chr(c) for c in range(0x21, 0x7F))


def sql_normalise_code(column: str) -> str:
    """A DuckDB expression equal to normalise_code on the column (see tests). Plain ASCII codes,
    the usual case, skip the translation of the full-width block (~9 s per million rows)."""
    src = _FULLWIDTH.replace("'", "''")
    dst = _HALFWIDTH.replace("'", "''")
    value = f"coalesce(CAST({column} AS VARCHAR), '')"
    return (
        f"(CASE WHEN regexp_full_match({value}, '[A-Za-z0-9-]*') THEN upper({value}) "
        f"ELSE upper(regexp_replace(translate({value}, '{src}', '{dst}'), "
        f"'[\\s\u3000\u00a0]+', '', 'g')) END)"
    )
