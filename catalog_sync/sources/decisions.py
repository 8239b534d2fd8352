"""Decision annexes (国发 …): rows naming the matters a decision cancels or delegates.

Annex tables often write the 文号, title, dates and annex only on their first row (merged
cells); those are carried down. The action comes from the 处理决定 column, else from the annex
title (附件1 取消…), else from the file name. A row with a 证明名称 names a certificate (证明材料)
the decision cancels, not a matter: its `name` is the certificate's. A 生效日期 saying
自发布之日起施行 (公布, 印发; 即日起施行) is the row's 发布日期; a row naming none is rejected.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

from ..dates import from_publication, parse_date
from ..errors import SourceError
from ..mappings import Mapping
from ..model import CANCEL, DELEGATE, OTHER, DecisionItem, SourceRef
from ..normalise import clean_text
from .loaded import Loaded
from .tabular import RawTable, iter_records, read_tables

_CARRIED = ("doc_no", "title", "issued_date", "effective_date", "annex")


_UNSPACED = re.compile(r"[\s【】\[\]()（）〔〕]+")


def classify_action(text: str, mapping: Mapping, table: dict[str, list[str]] | None = None) -> str:
    """CANCEL, DELEGATE or OTHER for a 处理决定 text; "" when it names no action. Spaces inside
    the word (取　消, 取  消: tables space a two-character cell out) and brackets around it
    (【取消】) are not read."""
    t = _UNSPACED.sub("", unicodedata.normalize("NFKC", text or ""))
    if not t:
        return ""
    words = mapping.actions if table is None else table
    if table is None:
        for kind in (CANCEL, DELEGATE):
            if any(t.startswith(w) for w in words.get(kind, [])):
                return kind
        return OTHER
    for kind in (CANCEL, DELEGATE):
        if any(w in t for w in words.get(kind, [])):
            return kind
    return ""


def _delegated_levels(
    rec: dict[str, str], action: str, action_raw: str, mapping: Mapping
) -> frozenset[str]:
    """The levels a 下放 row hands the matter to: named in its 下放后审批部门 cell, else in the
    处理决定 itself (下放至设区的市); none when neither names one."""
    if action != DELEGATE:
        return frozenset()
    return mapping.levels_in(clean_text(rec.get("delegated_to"))) or mapping.levels_in(
        action_raw.removeprefix("下放")
    )


def _entrusted(
    action: str, action_raw: str, delegated_to: str, mapping: Mapping
) -> tuple[str, str]:
    """(action, its words) of a row, a 下放 row whose 下放后实施机关 says 委托… (委托设区市…实施)
    read as another action with those words: under 委托 the power stays with the body that
    entrusts, so no item has to move."""
    t = _UNSPACED.sub("", unicodedata.normalize("NFKC", delegated_to))
    if action == DELEGATE and any(t.startswith(w) for w in mapping.actions.get("entrust", [])):
        return OTHER, delegated_to
    return action, action_raw


def _delegated_to(rec: dict[str, str], action: str, action_raw: str, mapping: Mapping) -> str:
    """Where a row hands the matter: its 下放后审批部门 cell, else the words of a 处理决定 naming a
    level (下放至设区的市 -> 设区的市)."""
    cell = clean_text(rec.get("delegated_to"))
    if cell or action != DELEGATE:
        return cell
    words = re.sub(r"^下放(?:至|到|给)?", "", action_raw)
    return words if mapping.levels_in(words) else ""


def load_decisions(path: Path, display: str, mapping: Mapping) -> Loaded[DecisionItem]:
    """The decision rows of one file, of each sheet holding a table (附件1 取消, 附件2 下放):
    what a merged cell left blank carried down from the row above, each row refused with its
    reason when it cannot be placed (no name, no action, no 文号, no date)."""
    tables = read_tables(path, display, "decisions", mapping)
    return Loaded.joined(display, [_decisions(t, path.stem, mapping) for t in tables])


def _decisions(table: RawTable, stem: str, mapping: Mapping) -> Loaded[DecisionItem]:
    """A table's decision rows. A row naming no action takes its annex title's, else its
    sheet's name's (附件2 下放), else the file name's (`stem`)."""
    display = table.file
    out: Loaded[DecisionItem] = Loaded.of(table)
    carried: dict[str, str] = {}
    file_action = classify_action(table.sheet, mapping, mapping.annex_actions)
    if file_action:
        stem = table.sheet
    else:
        file_action = classify_action(stem, mapping, mapping.annex_actions)
    for rownum, rec in iter_records(table):
        carried = _carry_down(rec, carried)
        certificate = clean_text(rec.get("certificate"))
        name = certificate or clean_text(rec.get("name"))
        if not name:
            out.reject(rownum, f"{table.header_of('name')} is empty", table.header_of("name"))
            continue
        dates = {}
        for f in ("issued_date", "effective_date"):
            if f == "effective_date" and from_publication(rec.get(f)):
                dates[f] = dates["issued_date"]  # 自发布之日起施行: the row's 发布日期
                continue
            try:
                dates[f] = parse_date(rec.get(f))
            except ValueError as e:
                raise SourceError(display, str(e), row=rownum, column=table.header_of(f)) from None
        if dates["effective_date"] is None and from_publication(rec.get("effective_date")):
            out.reject(rownum, *_no_publication_date(table, rec["effective_date"]))
            continue
        action, action_raw = _entrusted(
            *_action(rec, mapping, stem, file_action), clean_text(rec.get("delegated_to")), mapping
        )
        doc_no = clean_text(rec.get("doc_no"))
        refused = _refusal(table, action, doc_no, dates)
        if refused:
            out.reject(rownum, *refused)
            continue
        out.records.append(
            DecisionItem(
                ref=SourceRef(display, rownum),
                doc_no=doc_no,
                title=clean_text(rec.get("title")),
                issued_date=dates["issued_date"],
                effective_date=dates["effective_date"],
                annex=clean_text(rec.get("annex")),
                seq=clean_text(rec.get("seq")),
                name=name,
                department=clean_text(rec.get("department")),
                by_law=clean_text(rec.get("by_law")),
                action_raw=action_raw,
                action=action,
                delegated_to=_delegated_to(rec, action, action_raw, mapping),
                certificate=bool(certificate),
                delegated_levels=_delegated_levels(rec, action, action_raw, mapping),
            )
        )
    return out


def _carry_down(rec: dict[str, str], carried: dict[str, str]) -> dict[str, str]:
    """Fill the row's blank _CARRIED cells from the rows above (a merged cell of the annex);
    what is carried now. Another 文号 starts afresh: its title, dates and annex are its own."""
    if rec.get("doc_no") and rec["doc_no"] != carried.get("doc_no"):
        carried = {}
    for f in _CARRIED:
        if rec.get(f):
            carried[f] = rec[f]
        elif f in carried:
            rec[f] = carried[f]
    return carried


def _action(rec: dict[str, str], mapping: Mapping, stem: str, file_action: str) -> tuple[str, str]:
    """(action, its words): the row's 处理决定, else its annex title's, else the file name's."""
    action_raw = clean_text(rec.get("action"))
    action = classify_action(action_raw, mapping)
    if not action:
        action = classify_action(rec.get("annex", ""), mapping, mapping.annex_actions)
        action_raw = action_raw or clean_text(rec.get("annex")) or stem
    return action or file_action, action_raw


def _no_publication_date(table: RawTable, wording: str) -> tuple[str, str]:
    """(reason, column) for a row in force from its 发布日期 that names none."""
    column = table.header_of("effective_date")
    return (
        f"{column} '{clean_text(wording)}' means in force from the "
        f"{table.header_of('issued_date')}, and neither the row nor a row above "
        "gives one",
        column,
    )


def _refusal(
    table: RawTable, action: str, doc_no: str, dates: dict[str, date | None]
) -> tuple[str, str] | None:
    """(reason, column) when a named row cannot be a decision item, the first check failing."""
    if not action:
        return (
            "no 处理决定 on the row and neither the annex title nor the file name names one "
            "(取消 / 下放)",
            table.header_of("action"),
        )
    if not doc_no:
        return (
            f"{table.header_of('doc_no')} is empty and no row above names one",
            table.header_of("doc_no"),
        )
    if dates["issued_date"] is None and dates["effective_date"] is None:
        return (
            "neither 发布日期 nor 生效日期 is given, so it is unknown when it takes effect",
            table.header_of("effective_date"),
        )
    return None
