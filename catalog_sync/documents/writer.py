"""Decision rows -> one CSV per decision document, in the columns `diff --decisions` reads.

UTF-8 with BOM so Excel opens it. The columns `diff` reads come first; 加强事中事后监管措施, the
count the annex states and the provenance (source, where in it, SHA-256 of its bytes, when it was
fetched) follow, and the decision reader ignores them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .model import DecisionRow

DECISION_COLUMNS = (
    "文号", "决定名称", "发布日期", "生效日期", "附件", "序号", "事项名称", "审批部门", "设定依据",
    "处理决定", "下放后审批部门",
)  # fmt: skip
EXTRA_COLUMNS = ("加强事中事后监管措施", "附件所列项数")
PROVENANCE_COLUMNS = ("来源", "来源位置", "来源SHA256", "获取时间")
COLUMNS = DECISION_COLUMNS + EXTRA_COLUMNS + PROVENANCE_COLUMNS
CERTIFICATE_COLUMN = "证明名称"  # only in the files of decisions that name certificates
REMARK_COLUMN = "备注"  # only in the files of decisions whose annexes have remarks
SUB_ITEM_COLUMN = "子项名称"  # only in the files of decisions naming 子项 beside 事项
REFORM_COLUMN = "具体改革举措"  # only in the files of reforms stating their measures (证照分离)
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


@dataclass(frozen=True)
class Provenance:
    """Where a document's bytes came from, which bytes, and when."""

    source: str  # the URL (after redirects) or the file as named
    sha256: str
    fetched_at: str


def file_name(doc_no: str) -> str:
    """The CSV's name: the 文号 itself (国发〔2019〕6号.csv) less what file systems refuse."""
    return _UNSAFE.sub("_", doc_no).strip(" .") + ".csv"


def _day(d: date | None) -> str:
    return d.isoformat() if d else ""


def decision_csv(rows: list[DecisionRow], provenance: Provenance) -> bytes:
    """The CSV file's bytes for the rows of one decision. A decision naming certificates (a
    证明事项清理 list) has a 证明名称 column after 事项名称, which `diff` reads as a certificate the
    decision acts on; one whose annex has remarks, a 备注 column after 下放后审批部门 (a remark
    restricting the action makes the row part only); one naming 子项 beside their 事项 (事项名称 |
    子项名称), a 子项名称 column after 事项名称, which `diff` reads as the 子项 the row is on; one
    stating the measures of a reform (证照分离: 具体改革举措), a 具体改革举措 column after
    处理决定, where `diff` reads a 下放 clause as a delegation; other decisions' files are as
    they were."""
    certificates = any(r.certificate for r in rows)
    remarks = any(r.remark for r in rows)
    sub_items = any(r.sub_name for r in rows)
    reforms = any(r.reform_measures for r in rows)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    at = COLUMNS.index("事项名称") + 1
    header = COLUMNS[:at] + (CERTIFICATE_COLUMN,) + COLUMNS[at:] if certificates else COLUMNS
    if sub_items:
        header = header[:at] + (SUB_ITEM_COLUMN,) + header[at:]
    if reforms:
        after = header.index("处理决定") + 1
        header = header[:after] + (REFORM_COLUMN,) + header[after:]
    if remarks:
        after = header.index("下放后审批部门") + 1
        header = header[:after] + (REMARK_COLUMN,) + header[after:]
    writer.writerow(header)
    for r in rows:
        writer.writerow(
            [
                r.doc_no,
                r.title,
                _day(r.issued_date),
                _day(r.effective_date),
                r.annex,
                r.seq,
                r.name,
                *([r.sub_name] if sub_items else []),
                *([r.certificate] if certificates else []),
                r.department,
                r.by_law,
                r.action,
                *([r.reform_measures] if reforms else []),
                r.delegated_to,
                *([r.remark] if remarks else []),
                r.measures,
                "" if r.stated_count is None else r.stated_count,
                provenance.source,
                r.where,
                provenance.sha256,
                provenance.fetched_at,
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def write_decision(folder: Path, rows: list[DecisionRow], provenance: Provenance) -> Path:
    """Write one decision's CSV into folder (a staging folder: moved into place in whole)."""
    path = folder / file_name(rows[0].doc_no)
    path.write_bytes(decision_csv(rows, provenance))
    return path
