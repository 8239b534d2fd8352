"""A decision's 文号, title, date and effective date, read from its running text.

The date of a decision is its 成文日期: the labelled field of a gov.cn page, else the date line
under the signature. It takes effect on that date unless the text says otherwise: "自2019年3月1日
起施行" names the date; "自公布之日起施行" means the publication date (发布日期) when the page
gives one. A signature date that lost its year in a copy ("年9月13日") takes the year of the 文号.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

_OPEN, _CLOSE = "〔\\[［(（【", "〕\\]］)）】"
DOC_NO = re.compile(
    rf"([\u4e00-\u9fff]{{1,6}})\s*[{_OPEN}]\s*(\d{{4}})\s*[{_CLOSE}]\s*第?\s*(\d{{1,4}})\s*号"
)
# Words running text puts in front of a number: not part of the issuer's abbreviation.
_LEADING = re.compile(
    r"^(?:和|及|与|或|并|暨|的|见|根据|依据|按照|依照|参照|关于|决定|通知|意见|规定|印发|转发)+"
)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}
_DATE = re.compile(
    r"(\d{4}|[〇○零一二三四五六七八九]{4})?\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月"
    r"\s*([\d一二三四五六七八九十]{1,3})\s*日"
)
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_TITLE = re.compile(r"[^，。；《]{0,40}关于[^，。；《》]{2,120}的(?:决定|通知|意见|批复|公告|通告)")
_STATED_FROM = re.compile(
    r"自\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月"
    r"[一二三四五六七八九十]{1,3}日)\s*起\s*(?:施行|执行|实施|生效)"
)
_FROM_PUBLICATION = re.compile(
    r"自\s*(?:公布|发布|印发|公告)\s*之\s*日\s*起\s*(?:施行|执行|实施|生效)"
)
_LABEL = r"\s*".join
_NEXT_LABEL = re.compile(r"\s+[\u4e00-\u9fff][\u4e00-\u9fff\s]{1,7}[:：]")


@dataclass
class DocMeta:
    """What the running text says about the decision itself."""

    doc_no: str = ""
    title: str = ""
    issued: date | None = None
    published: date | None = None
    effective: date | None = None
    effective_rule: str = ""
    notes: list[str] = field(default_factory=list)
    doc_no_candidates: list[str] = field(default_factory=list)


def normalise_doc_no(org: str, year: str, number: str) -> str:
    """国发 2019 6 -> 国发〔2019〕6号, the way the State Council writes it."""
    return f"{org}〔{int(year)}〕{int(number)}号"


def find_doc_nos(text: str) -> list[str]:
    """Every document number in a text, normalised, in order."""
    t = unicodedata.normalize("NFKC", text)
    found = []
    for m in DOC_NO.finditer(t):
        org = _LEADING.sub("", m.group(1)) or m.group(1)
        found.append(normalise_doc_no(org, m.group(2), m.group(3)))
    return found


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if all(c in _CN_DIGITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0))
    return _CN_DIGITS.get(text, -1)


def parse_cn_date(text: str, default_year: int | None = None) -> date | None:
    """The first date in a text (2019年2月27日, 二〇一九年二月二十七日, 2019-02-27), or None."""
    t = unicodedata.normalize("NFKC", text)
    m = _DATE.search(t)
    if m:
        year = _cn_number(m.group(1)) if m.group(1) else default_year
        if year is None:
            return None
        try:
            return date(year, _cn_number(m.group(2)), _cn_number(m.group(3)))
        except ValueError:
            return None
    m = _ISO.search(t)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def _labelled(lines: list[str], label: str) -> str:
    pattern = re.compile(_LABEL(label) + r"\s*[:：]\s*(.+)")
    for line in lines:
        m = pattern.search(line)
        if m:
            # a metadata row may hold the next label too: "发文字号：… 发布日期：…"
            return _NEXT_LABEL.split(m.group(1))[0].strip()
    return ""


def _is_date_line(text: str) -> bool:
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    m = _DATE.fullmatch(t) or _ISO.fullmatch(t)
    return m is not None


def read_meta(
    body: list[str], labelled: list[str], page_title: str, doc_no_given: str = ""
) -> DocMeta:
    """文号, title and dates from the text before the annexes and the page's labelled fields."""
    meta = DocMeta()
    lines = labelled + body
    # 文号: the labelled field, a line that is only a number, the title's, then a lone mention.
    label_no = find_doc_nos(_labelled(lines, "发文字号"))
    lone = [n for line in body if (ns := find_doc_nos(line)) and _only_doc_no(line) for n in ns]
    in_title = find_doc_nos(page_title)
    mentioned = list(dict.fromkeys(n for line in body for n in find_doc_nos(line)))
    meta.doc_no_candidates = mentioned
    for found in (label_no, lone, in_title):
        if found:
            meta.doc_no = found[0]
            break
    else:
        if len(mentioned) == 1:
            meta.doc_no = mentioned[0]
    # Title: the labelled field, a heading line "…关于…的决定", then the page's <title>.
    heading = next((line for line in body if _TITLE.fullmatch(_strip_doc_no(line))), "")
    title = _labelled(lines, "标题") or heading or page_title.split("_")[0]
    meta.title = _strip_doc_no(title)
    # Dates.
    year_of = doc_no_given or meta.doc_no
    year = int(m.group(1)) if (m := re.search(r"〔(\d{4})〕", year_of)) else None
    written = _labelled(lines, "成文日期")
    meta.issued = parse_cn_date(written) if written else None
    if meta.issued is None:
        for line in body:
            if _is_date_line(line) or re.fullmatch(r"\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*", line):
                meta.issued = parse_cn_date(line, year)
                if meta.issued and not re.search(
                    r"\d{4}\s*年|[〇○零一二三四五六七八九]{4}年", line
                ):
                    meta.notes.append(
                        f"the date line '{line.strip()}' has no year; {year} taken from the 文号"
                    )
                if meta.issued:
                    break
    published = _labelled(lines, "发布日期")
    meta.published = parse_cn_date(published) if published else None
    text = "".join(body)
    stated = _STATED_FROM.search(text)
    if stated:
        meta.effective = parse_cn_date(stated.group(1))
        meta.effective_rule = stated.group(0)
    elif _FROM_PUBLICATION.search(text):
        meta.effective = meta.published or meta.issued
        meta.effective_rule = _FROM_PUBLICATION.search(text).group(0)  # type: ignore[union-attr]
    return meta


def _strip_doc_no(line: str) -> str:
    """A title line without the number some pages append: …的决定（国发〔2019〕6号）."""
    return re.sub(r"\s*[（(][^（()）]*〔\d{4}〕[^（()）]*[）)]\s*$", "", line.strip())


def _only_doc_no(line: str) -> bool:
    rest = DOC_NO.sub("", line)
    return not re.sub(r"[\s（）()〔〕\[\]【】]", "", rest)
