"""Totals and notes rows: what an office writes under (or between) the rows of a table.

A row is a note when at most two of its cells hold anything and the first of them starts with
a word no record starts with: a total (合计, 总计, 小计, 共计, 累计; 合　计 spaced out), a note
(注：, 注1, 备注：, 附注, 说明：, 填表说明), who made the table and when (制表人, 填报单位, 审核人,
联系人, 联系电话, 打印日期…), its source (数据来源) or a page footer (第 1 页, 共 3 页). Such a
row is rejected as a note in every reader (tabular.py for every source kind, the two work-order
readers in SQL), never read as a record: a 合计 row counted as a work order without a code, the
制表人's name shown as its 办件编号. Its text is never quoted (it may name a person).

`is_note` is the test on a row's cells; `may_be_note` a quicker test on the cells joined that
every note passes; the SQL patterns are the same words for RE2 (DuckDB) on the first filled cell,
trimmed.
"""

from __future__ import annotations

import re

NOTE_REASON = (
    "is a totals or notes row (合计, 注：, 制表人…), not a record: at most two cells are filled "
    "and the first starts with such a word"
)

_DIGITS = "0-9０-９"
_WORDS = (
    "(?:合|总|小|共|累){S}*计"
    "|(?:注|备{S}*注|附{S}*注|说{S}*明)"
    "(?:$|[{s}:：、,，.．;；(（\\[【" + _DIGITS + "一二三四五六七八九十①-⑳])"
    "|(?:填表|填报|编制)说明"
    "|(?:制表|填表|填报|审核|复核|经办|统计|联系|单位负责|负责)人"
    "|(?:制表|填表|填报|统计|导出|打印)(?:单位|日期|时间)"
    "|(?:数据|资料)来源"
    "|联系电话"
    "|[第共]{S}*[" + _DIGITS + "]+{S}*[页件项条]"
)
# The first character of every note (after spaces): a row whose joined text starts with none
# of them is no note.
FIRST = "合总小共累注备附说填编制审复经统联单负导打数资第"


def _words(space: str, in_class: str) -> str:
    """The words, a space written `space` (in a character class: `in_class`)."""
    return _WORDS.replace("{S}", space).replace("{s}", in_class)


_NOTE = re.compile("\\s*(?:" + _words("\\s", "\\s") + ")")
# The same test on many cells joined by line breaks, one a line: a line starting with a note.
_NOTE_LINE = re.compile("(?m)^[^\\S\\n]*(?:" + _words("[^\\S\\n]", " \\t\\u3000\\xa0") + ")")
_MAY_BE = re.compile("\\s*[" + FIRST + "]")

# For RE2, on a cell already trimmed (sources.work_orders): \s is ASCII there, so the
# ideographic and no-break spaces are named.
SQL_NOTE = "^(?:" + _words("[\\s\\x{3000}\\x{A0}]", "\\s\\x{3000}\\x{A0}") + ")"
SQL_MAY_BE = "^[" + FIRST + "]"


def is_note(cells: list[str]) -> bool:
    """Whether the row is a totals or notes row (see the module)."""
    filled = [c for c in cells if c.strip()]
    return 0 < len(filled) <= 2 and _NOTE.match(filled[0]) is not None


def may_be_note(joined: str) -> bool:
    """False only for a row that is no note (`joined`: its cells joined): a quick test."""
    return _MAY_BE.match(joined) is not None


def any_line_note(cells: list[str]) -> bool:
    """Whether any of the cells (each a row's first) starts with a note's words: one pass in C
    over them all. A row whose first cell is filled is a note only if this finds it."""
    return _NOTE_LINE.search("\n".join(cells)) is not None


def any_may_be_note(joins: list[str]) -> bool:
    """Whether any row (its cells joined) may be a note (may_be_note), in C."""
    return any(map(_MAY_BE.match, joins))
