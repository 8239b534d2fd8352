"""Headers carrying a required/optional note (实施编码（必填）, 主项名称(选填), 【必填】) name the
same column as without it; a note that is part of the name (基本编码（地方）) is kept."""

from __future__ import annotations

from pathlib import Path

import duckdb
import openpyxl
import pytest
from conftest import write_csv

from catalog_sync.mappings import header_key, load_mapping
from catalog_sync.sources.decisions import load_decisions
from catalog_sync.sources.implementation_list import load_list
from catalog_sync.sources.work_orders import open_work_orders

MAPPING = load_mapping()
CODE = "511Z07001006-511602000000-000-11511301008778183N-1-00"


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("实施编码（必填）", "实施编码"),
        ("实施编码(必填)", "实施编码"),
        ("实施编码【必填】", "实施编码"),
        ("实施编码[必填]", "实施编码"),
        ("实施编码〔必填〕", "实施编码"),
        ("实施编码（必填项）", "实施编码"),
        ("主项名称（选填）", "主项名称"),
        ("主项名称(可选)", "主项名称"),
        ("主项名称（非必填）", "主项名称"),
        ("主项名称（可填）", "主项名称"),
        ("（必填）实施编码", "实施编码"),
        ("*实施编码（必填）", "实施编码"),
        ("实施编码\n（必填）", "实施编码"),
        ("实施编码（ 必填 ）", "实施编码"),
        ("Task_Code (必填)", "task_code"),
        # notes that change what the column is stay
        ("基本编码（地方）", "基本编码(地方)"),
        ("审批（部门）", "审批(部门)"),
        ("事项名称（必填说明）", "事项名称(必填说明)"),
        ("必填", "必填"),
    ],
)
def test_header_key_drops_only_the_required_and_optional_notes(header: str, key: str) -> None:
    assert header_key(header) == key


def test_the_reviewers_list_with_marked_headers(tmp_path: Path) -> None:
    """cases/L8_bixian: 实施主体（必填）, 事项名称（必填）, 实施编码（必填） over a row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["实施主体（必填）", "主项名称", "事项名称（必填）", "实施编码（必填）", "事项类型",
               "行政区划代码", "事项状态"])  # fmt: skip
    ws.append(["区经信局", None, "企业投资项目备案（技术改造）（市级/县级）", CODE, "10",
               "511602000000", "在用"])  # fmt: skip
    wb.save(tmp_path / "list.xlsx")
    loaded = load_list(tmp_path / "list.xlsx", "list.xlsx", MAPPING)
    assert loaded.rejected == []
    (item,) = loaded.records
    assert (item.task_code, item.name, item.agency) == (
        CODE,
        "企业投资项目备案（技术改造）（市级/县级）",
        "区经信局",
    )


def test_marked_headers_in_decisions_and_work_orders(tmp_path: Path) -> None:
    rows = [
        ["文号【必填】", "生效日期(必填)", "事项名称（必填）", "处理决定（选填）"],
        ["国发〔2026〕1号", "2026-09-01", "甲审批", "取消"],
    ]
    (d,) = load_decisions(write_csv(tmp_path / "d.csv", rows), "d.csv", MAPPING).records
    assert (d.doc_no, d.name, d.action, str(d.effective_date)) == (
        "国发〔2026〕1号",
        "甲审批",
        "cancel",
        "2026-09-01",
    )
    path = write_csv(
        tmp_path / "wo.csv",
        [
            ["办件编号（必填）", "实施编码（必填）", "受理时间（可选）"],
            ["WO-1", CODE, "2026-09-01"],
        ],
    )
    source = open_work_orders(duckdb.connect(), [(path, "wo.csv")], MAPPING, tmp_path / "w")
    assert source.headers["wo.csv"] == {
        "order_no": "办件编号（必填）",
        "task_code": "实施编码（必填）",
        "accept_time": "受理时间（可选）",
    }
