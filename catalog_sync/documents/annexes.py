"""A document's blocks -> the decision's rows: which annex each table belongs to, its action,
its stated count, the decision's 文号 and dates.

An annex starts at a paragraph "附件1" (or "附件", "附件二", "附件：…"); the short lines after it
up to its table are its title ("国务院决定取消的行政许可事项目录", "（共25项）"). A table with no
heading before it takes the title lines just above it. The action of a row is its 处理决定 cell,
else the annex title's (取消, 下放管理层级, 改为后置审批 …), else the decision title's. The count
an annex states ("共25项") is checked against the rows read. A table without a header that
directly follows an annex table, as wide as it, continues it (a table broken across pages).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..dates import from_publication, parse_date
from ..errors import SourceError
from ..mappings import Mapping
from ..model import CANCEL, DELEGATE, OTHER
from ..normalise import simplify
from ..sources.decisions import sub_row_part, title_action
from .meta import find_doc_nos, read_meta
from .model import (
    COL_COPY,
    AnnexSummary,
    Cell,
    DecisionRow,
    Document,
    Extracted,
    Paragraph,
    RejectedRow,
    Table,
)
from .tables import ANNEX_HEADING, Header, Record, RowAssembler, decision_aliases, find_header

_COUNT = (re.compile(r"共\s*计?\s*(\d+)\s*项"), re.compile(r"[（(]\s*(\d+)\s*项"))
_PAGE_NUMBER = re.compile(r"^[-—－–\s]*\d{1,3}[-—－–\s]*$")
_COUNT_LINE = re.compile(r"^[（(].*项.*[）)]$")
_DELEGATE_PHRASE = re.compile(r"下放(?:管理|审批)?层级|下放")
_NO_ACTION = "names no action"
_DOC_FIELDS = ("doc_no", "title", "issued_date", "effective_date", "annex")


@dataclass
class Overrides:
    """What the user states for a document that does not say it itself."""

    doc_no: str = ""
    issued: date | None = None
    effective: date | None = None


@dataclass
class _Annex:
    label: str  # 附件1, 附件, or "" for a table with no heading
    parts: list[str] = field(default_factory=list)
    has_table: bool = False

    @property
    def title(self) -> str:
        text = "".join(self.parts)
        return f"{self.label} {text}".strip() if self.label else text

    @property
    def stated(self) -> int | None:
        t = simplify(self.title)
        for pattern in _COUNT:
            m = pattern.search(t)
            if m:
                return int(m.group(1))
        return None

    def accepts(self, text: str) -> bool:
        """Whether a short line after the heading is still part of the annex title."""
        if self.has_table or len(self.parts) >= 3 or len(text) > 100:
            return False
        if not self.parts or _COUNT_LINE.match(text):
            return True
        return not re.search(r"目录|清单|名单|表$", "".join(self.parts))


def action_in_title(title: str, mapping: Mapping) -> tuple[str, str]:
    """(action word, "") named by an annex or decision title, or ("", why there is none): a
    title naming several kinds of action names none (`title_action`, as `diff` reads it)."""
    kind, why = title_action(title, mapping)
    if why:
        return "", why
    t = simplify(title)
    words = mapping.annex_actions
    if kind == CANCEL:
        return "取消", ""
    if kind == DELEGATE:
        m = _DELEGATE_PHRASE.search(t)
        return (m.group(0) if m else "下放"), ""
    if kind == OTHER:
        other = [*words.get("receive", []), *words.get(OTHER, [])]
        return next((w for w in other if w in t), OTHER), ""
    return "", _NO_ACTION


class _Walk:
    """State while walking a document's blocks."""

    def __init__(self, doc: Document, mapping: Mapping) -> None:
        self.doc = doc
        self.mapping = mapping
        self.aliases = decision_aliases(mapping)
        self.annex: _Annex | None = None
        self.recent: list[str] = []  # short lines since the last table
        self.body: list[str] = []  # paragraphs before the first annex table
        self.labelled: list[str] = []  # rows of tables that are not annexes (page metadata)
        self.assembler: RowAssembler | None = None
        self.records: list[tuple[Record, _Annex, Header]] = []
        self.annexes: list[_Annex] = []
        self.notes: list[str] = []
        self.seen_table = False

    def close(self) -> None:
        if self.assembler is not None:
            self.assembler.flush()
            self.assembler = None

    def paragraph(self, text: str) -> None:
        if _PAGE_NUMBER.match(text):
            return
        if not self.seen_table:
            self.body.append(text)
        m = ANNEX_HEADING.match(text)
        if m:
            self.close()
            number, rest = unicodedata.normalize("NFKC", m.group(1)), m.group(2).strip()
            self.annex = _Annex(f"附件{number}", [rest] if rest else [])
            self.recent = []
            return
        if self.annex is not None and self.annex.accepts(text):
            self.annex.parts.append(text)
            return
        self.close()  # running text after an annex table: what follows does not continue it
        self.recent = (self.recent + [text])[-2:] if len(text) <= 100 else []

    def table(self, table: Table) -> None:
        header = find_header(table, self.aliases)
        if header is None:
            self._other_table(table)
            return
        self.close()
        for row in table.rows[: header.row]:
            texts = list(dict.fromkeys(c.text for c in row if c.text))
            if len(texts) == 1:
                self.paragraph(texts[0])
        if self.annex is None or self.annex.has_table:
            self.annex = _Annex("", [t for t in self.recent if re.search(r"目录|清单|项", t)])
        self._start(header)
        self.seen_table = True
        self._feed(table, header.data_start)

    def _other_table(self, table: Table) -> None:
        """A table without a header: the rest of the annex table above, or page layout."""
        if self.assembler is not None and table.width == self.assembler.header.width:
            self._feed(table, 0)
            return
        if self.annex is not None and not self.annex.has_table and _looks_like_data(table):
            first = " | ".join(c.text for c in table.rows[0] if c.text)[:120]
            raise SourceError(
                self.doc.name,
                f"{self.annex.title or self.annex.label}: the table under it ({table.label}) has "
                f"no 事项名称 or 项目名称 column; its first row reads '{first}' (name the column "
                "with --mapping; a certificate list names 证明名称)",
            )
        self.labelled.extend(
            " ".join(c.text for c in row if c.text and c.span != COL_COPY) for row in table.rows
        )

    def _start(self, header: Header) -> None:
        assert self.annex is not None
        annex = self.annex
        annex.has_table = True
        self.annexes.append(annex)
        self.assembler = RowAssembler(
            header,
            self.aliases,
            lambda rec: self.records.append((rec, annex, header)),
            self.notes.append,
            _action_words(self.mapping),
        )

    def _feed(self, table: Table, start: int) -> None:
        for cells, where in zip(table.rows[start:], table.where[start:], strict=True):
            assert self.assembler is not None
            header = self.assembler.header
            cells = cells + [Cell("")] * (header.width - len(cells))
            heading = self.assembler.feed(cells, where)
            if heading is not None:
                self.close()
                self.paragraph(heading)
                self._start(header)


def _looks_like_data(table: Table) -> bool:
    return len(table.rows) >= 2 and table.width >= 3


def extract_decision(doc: Document, mapping: Mapping, overrides: Overrides) -> Extracted:
    """The decision rows a document holds, with what could not be read and what to check."""
    walk = _Walk(doc, mapping)
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            walk.paragraph(block.text)
        else:
            walk.table(block)
    walk.close()
    if not walk.annexes:
        raise SourceError(
            doc.name,
            "no annex table found: no table has a header naming 事项名称 or 项目名称 "
            "(or 证明名称, for certificates)"
            + (" (the document has no table at all)" if not _has_table(doc) else ""),
        )
    meta = read_meta(walk.body, walk.labelled, doc.title, overrides.doc_no)
    out = Extracted(doc.name, "", meta.title, None, None)
    out.notes += doc.notes + meta.notes + walk.notes
    out.doc_no = overrides.doc_no or meta.doc_no
    out.issued_date = overrides.issued or meta.issued
    out.published_date = meta.published or out.issued_date
    if overrides.effective:
        out.effective_date = overrides.effective
    elif meta.effective:
        out.effective_date = meta.effective
        out.notes.append(f"in force from {meta.effective}: the text says '{meta.effective_rule}'")
    else:
        out.effective_date = out.issued_date
    doc_action, _ = action_in_title(out.title, mapping)
    read, rejected = _build_rows(walk, out, mapping, doc_action)
    _require(doc, out, meta.doc_no_candidates)
    _check_counts(walk, out, read, rejected)
    return out


def _has_table(doc: Document) -> bool:
    return any(isinstance(b, Table) for b in doc.blocks)


def _action_words(mapping: Mapping) -> tuple[str, ...]:
    """The words a 处理决定 opens with: the mapping's actions and annex actions."""
    words = {w for ws in (*mapping.actions.values(), *mapping.annex_actions.values()) for w in ws}
    return tuple(sorted(words, key=len, reverse=True))


def _build_rows(
    walk: _Walk, out: Extracted, mapping: Mapping, doc_action: str
) -> tuple[Counter[int], Counter[int]]:
    """Records -> DecisionRows or RejectedRows; (rows read, rows rejected) per annex."""
    read: Counter[int] = Counter()
    rejected: Counter[int] = Counter()
    carried: dict[str, str] = {}
    last_header: Header | None = None
    for rec, annex, header in walk.records:
        if header is not last_header:
            carried = {}
            last_header = header
        _carry_down(rec.values, carried)
        where = f"{annex.label} {rec.where}".strip() if annex.label else rec.where
        action, reason = _action_or_reason(rec, annex, header, mapping, doc_action)
        reason = rec.reject or reason
        issued: date | None = None
        effective: date | None = None
        try:
            issued, effective = _row_dates(rec.values, out)
        except ValueError as e:
            reason = reason or str(e)
        if reason:
            out.rejected.append(RejectedRow(where, reason, tuple(rec.cells)))
            rejected[id(annex)] += 1
            continue
        row = _decision_row(rec.values, annex, out, where, action, (issued, effective))
        if not _is_sub_row(row, out.rows[-1:]) and not _unnumbered_under(row, out.rows):
            read[id(annex)] += 1  # a part of the entry above is not an entry
        out.rows.append(row)
    return read, rejected


def _is_sub_row(row: DecisionRow, above: list[DecisionRow]) -> bool:
    """A numbered sub-row （1）… under the row above, sharing its 序号 or giving none."""
    return bool(sub_row_part(row.name) and above and row.seq in ("", above[0].seq))


def _unnumbered_under(row: DecisionRow, rows: list[DecisionRow]) -> bool:
    """A row of its own without a 序号 (tables.RowAssembler) under a numbered row of its annex:
    a sub-row of the 序号 above, whose merged cell was lost, not another entry."""
    if row.seq:
        return False
    for r in reversed(rows):
        if r.annex != row.annex:
            return False
        if r.seq:
            return True
    return False


def _carry_down(values: dict[str, str], carried: dict[str, str]) -> None:
    """A table's 文号, title, dates and annex cells stand for the rows below them until the
    next such cell: fill the empty ones from `carried` and remember the filled ones."""
    for f in _DOC_FIELDS:
        if values.get(f):
            carried[f] = values[f]
        elif f in carried:
            values[f] = carried[f]


def _action_or_reason(
    rec: Record, annex: _Annex, header: Header, mapping: Mapping, doc_action: str
) -> tuple[str, str]:
    """(the row's action, "") or (…, why the row cannot be read): the action is its 处理决定
    cell, else the annex title's, else the decision title's."""
    v = rec.values
    action = v.get("action", "").strip()
    if not v.get(header.name_field, "").strip():
        return action, f"{header.label(header.name_field)} is empty"
    if rec.extra:
        return action, (
            f"the row has text beyond the header's {header.width} columns "
            f"({' | '.join(rec.extra)[:80]}): cannot tell which column is which"
        )
    if action:
        return action, ""
    action, why = action_in_title(v.get("annex") or annex.title, mapping)
    if action:
        return action, ""
    if why == _NO_ACTION and doc_action:
        return doc_action, ""
    if why == _NO_ACTION:
        return "", f"no 处理决定 column; the annex title {why}, nor does the decision title"
    return "", f"no 处理决定 column, and the annex title {why}"


def _row_dates(values: dict[str, str], out: Extracted) -> tuple[date | None, date | None]:
    """(issued, in force) of a row: its own date cells, else the decision's; a row with its
    own 发布日期 and no 施行日期 is in force when issued; a 施行日期 saying 自发布之日起施行 is
    the row's own 发布日期, else the page's (out.published_date). ValueError for a cell not a
    date, and for that wording when no publication date is known."""
    own = parse_date(values.get("issued_date"))
    issued = own or out.issued_date
    if from_publication(values.get("effective_date")):
        published = own or out.published_date
        if published is None:
            raise ValueError(
                f"生效日期 '{values['effective_date'].strip()}' means in force from the 发布日期, "
                "and neither the row nor the document gives one (give it with --date)"
            )
        return issued, published
    effective = parse_date(values.get("effective_date"))
    if effective is None:
        effective = issued if values.get("issued_date") else out.effective_date
    return issued, effective


def _decision_row(
    values: dict[str, str],
    annex: _Annex,
    out: Extracted,
    where: str,
    action: str,
    dates: tuple[date | None, date | None],
) -> DecisionRow:
    """A readable row as a DecisionRow; the decision's 文号 and title where it has none."""
    doc_no = values.get("doc_no", "")
    if doc_no:
        found = find_doc_nos(simplify(doc_no))
        doc_no = found[0] if found else doc_no.strip()
    issued, effective = dates
    return DecisionRow(
        doc_no=doc_no or out.doc_no,
        title=values.get("title") or out.title,
        issued_date=issued,
        effective_date=effective,
        annex=values.get("annex") or annex.title,
        seq=values.get("seq", "").strip(),
        name=values.get("name", "").strip(),
        department=values.get("department", "").strip(),
        by_law=values.get("by_law", "").strip(),
        action=action,
        delegated_to=values.get("delegated_to", "").strip(),
        measures=values.get("measures", "").strip(),
        stated_count=annex.stated,
        where=where,
        certificate=values.get("certificate", "").strip(),
        remark=values.get("remark", "").strip(),
        sub_name=values.get("sub_name", "").strip(),
        reform_measures=values.get("reform_measures", "").strip(),
    )


def _require(doc: Document, out: Extracted, candidates: list[str]) -> None:
    if not out.rows:
        first = "; ".join(f"{r.where}: {r.reason}" for r in out.rejected[:3])
        raise SourceError(doc.name, f"no annex row could be read ({first})")
    if any(not r.doc_no for r in out.rows):
        hint = f"; it mentions {', '.join(candidates)}" if candidates else ""
        raise SourceError(
            doc.name,
            "names no 文号 (no 发文字号 field, no line such as 国发〔2019〕6号)"
            f"{hint}; give it with --doc-no",
        )
    if any(r.issued_date is None and r.effective_date is None for r in out.rows):
        raise SourceError(
            doc.name,
            "names no date (no 成文日期 field, no date line under the signature); "
            "give it with --date",
        )


def _check_counts(walk: _Walk, out: Extracted, read: Counter[int], rejected: Counter[int]) -> None:
    for annex in walk.annexes:
        summary = AnnexSummary(annex.title, annex.stated, read[id(annex)], rejected[id(annex)])
        out.annexes.append(summary)
        if summary.stated is not None and summary.stated != summary.rows:
            extra = f" ({summary.rejected} rejected)" if summary.rejected else ""
            out.warnings.append(
                f"{out.document}: {summary.title}: states {summary.stated} items, "
                f"{summary.rows} {'row' if summary.rows == 1 else 'rows'} read{extra}"
            )
    # numbered sub-rows （1）… share their heading's 序号: the decision is on them (load reads
    # each as the heading's part), so they are no repeated 序号
    seqs = Counter(
        (r.doc_no, r.annex, r.seq)
        for i, r in enumerate(out.rows)
        if r.seq and not _is_sub_row(r, out.rows[i - 1 : i])
    )
    for (doc_no, annex_title, seq), n in seqs.items():
        if n > 1:
            out.warnings.append(
                f"{out.document}: {doc_no} {annex_title}: 序号 {seq} appears on {n} rows"
            )
