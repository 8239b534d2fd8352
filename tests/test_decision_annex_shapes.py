"""Decision rows as real annexes write them (session 20, hunt 20a), answers worked out by hand:

1. a row followed by its numbered sub-rows （1）… is a heading: the decision is on the parts;
2. a 处理决定 or 备注 restricting the action (a stage, named parts, 保留…) reaches only what it
   names, or is left for review, never read as the whole matter cancelled.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner
from conftest import write_csv
from test_decision_reach import CATALOGUE_HEADER, LIST_HEADER, _item, _run

from catalog_sync.cli import cli
from catalog_sync.pipeline import RunConfig, Source, run
from catalog_sync.sources.decisions import fold_sub_rows, part_of

CONSTRUCTION = "《建筑业企业资质管理规定》"
CATALOGUE = [
    ["000101001000", "建筑业企业资质认定", "行政许可", "住房城乡建设部门", "", ""],
    ["000101001001", "建筑业企业资质认定（施工总承包一级）", "行政许可", "", "000101001000", ""],
    ["000101001002", "建筑业企业资质认定（施工总承包二级）", "行政许可", "", "000101001000", ""],
    ["000101001003", "建筑业企业资质认定（施工总承包三级）", "行政许可", "", "000101001000", ""],
    ["000101001004", "建筑业企业资质认定（专业承包三级）", "行政许可", "", "000101001000", ""],
]
BUILD_ITEMS = [
    _item("L1", "建筑业企业资质认定（施工总承包一级）", "省住房和城乡建设厅"),
    _item("L2", "建筑业企业资质认定（施工总承包二级）", "省住房和城乡建设厅"),
    _item("L3", "建筑业企业资质认定（施工总承包三级）", "杭州市建设委员会"),
]


def _row(seq: str, name: str, action: str = "取消", doc: str = "浙政发〔2020〕5号") -> list[str]:
    return [doc, "2020-03-02", seq, name, "省建设厅", CONSTRUCTION, action]


def _cancelled(result) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(r["item_code"] for r in result.tables["cancelled_still_listed"].rows)


def test_a_row_with_numbered_sub_rows_is_a_heading_the_parts_are_cancelled(
    tmp_path: Path,
) -> None:
    """序号 2 建筑业企业资质认定 over （1）施工总承包三级资质 and （2）专业承包三级资质
    (序号 merged, 处理决定 on the heading only): the decision cancels the two 三级 parts. Read
    as 建筑业企业资质认定（施工总承包三级） and （专业承包三级） (资质 is the heading's word), reach
    the catalogue's two 三级 子项 and the city's 三级 item; the 一级/二级 items and the 主项 stay,
    the heading alone cancelling nothing."""
    decisions = [
        _row("2", "建筑业企业资质认定"),
        _row("2", "（1）施工总承包三级资质", action=""),
        _row("2", "（2）专业承包三级资质", action=""),
    ]
    result = _run(tmp_path, CATALOGUE, {"list.csv": BUILD_ITEMS}, decisions)
    assert _cancelled(result) == ["000101001003", "000101001004", "L3"]
    assert any("heading of the numbered sub-rows" in w for w in result.warnings)


def test_a_numbered_row_of_another_entry_is_no_part_of_the_row_above(tmp_path: Path) -> None:
    """Negative: （1）… under another 序号 (or another 文号) is its own row, not a part of the
    row above; the row above keeps its whole decision."""
    decisions = [
        _row("2", "建筑业企业资质认定"),
        _row("3", "（1）施工总承包三级资质"),
    ]
    result = _run(tmp_path, CATALOGUE, {"list.csv": BUILD_ITEMS}, decisions)
    cancelled = _cancelled(result)
    assert {"L1", "L2", "L3", "000101001000"} <= set(cancelled)


def test_sub_row_parts_drop_what_the_heading_already_says() -> None:
    assert part_of("特种设备安装改造维修许可", "电梯安装改造维修许可") == (
        "特种设备安装改造维修许可（电梯）"
    )
    assert (
        part_of("建筑业企业资质认定", "施工总承包三级资质")
        == "建筑业企业资质认定（施工总承包三级）"
    )
    assert part_of("食品生产许可", "变更") == "食品生产许可（变更）"
    recs = [
        {
            "seq": "1",
            "name": "特种设备安装改造维修许可",
            "action": "下放",
            "delegated_to": "设区市",
        },
        {"seq": "", "name": "（一）电梯安装改造维修许可", "action": "", "delegated_to": ""},
        {"seq": "2", "name": "港口经营许可", "action": "下放"},
        {"seq": "3", "name": "① 另一事项", "action": "取消"},
    ]
    assert fold_sub_rows(recs) == {0}
    assert recs[1]["name"] == "特种设备安装改造维修许可（电梯）"
    assert recs[1]["action"] == "下放" and recs[1]["delegated_to"] == "设区市"
    assert recs[3]["name"] == "① 另一事项"


SUB_ROWS_PAGE = """<html><head><meta charset="utf-8"><title>
浙江省人民政府关于取消一批行政许可事项的决定</title></head><body><p>浙江省人民政府关于取消一批行政许可事项的决定</p><p>浙政发〔2020〕5号</p>
<p>浙江省人民政府</p><p>2020年3月2日</p><p>附件1</p><p>省政府决定取消的行政许可事项目录</p>
<p>（共2项）</p><table border="1">
<tr><td>序号</td><td>项目名称</td><td>审批部门</td><td>设定依据</td></tr>
<tr><td>1</td><td>港口经营许可</td><td>省交通运输厅</td><td>《港口法》</td></tr>
<tr><td rowspan="3">2</td><td>建筑业企业资质认定</td><td rowspan="3">省建设厅</td>
<td rowspan="3">《建筑业企业资质管理规定》</td></tr>
<tr><td>（1）施工总承包三级资质</td></tr><tr><td>（2）专业承包三级资质</td></tr>
</table></body></html>"""


def test_an_imported_annex_with_sub_rows_counts_entries_and_cancels_the_parts(
    tmp_path: Path,
) -> None:
    """The page states 共2项: 序号 1 and 序号 2 (a heading over two parts, 序号 merged). Import
    reads 2 entries (no count warning, no repeated-序号 warning, exit 0) and diff cancels the
    two 三级 parts only."""
    page = tmp_path / "zj.html"
    page.write_text(SUB_ROWS_PAGE, encoding="utf-8")
    got = CliRunner().invoke(cli, ["decisions", "import", str(page), "--out", str(tmp_path / "d")])
    assert got.exit_code == 0, got.output
    assert "states" not in got.output and "appears on" not in got.output
    write_csv(tmp_path / "catalogue.csv", [CATALOGUE_HEADER, *CATALOGUE])
    write_csv(tmp_path / "list.csv", [LIST_HEADER, *BUILD_ITEMS])
    decisions = [Source(p, p.name) for p in sorted((tmp_path / "d").glob("*.csv"))]
    result = run(
        RunConfig(
            catalogue=Source(tmp_path / "catalogue.csv", "catalogue.csv"),
            lists=[Source(tmp_path / "list.csv", "list.csv")],
            decisions=decisions,
            as_of=date(2026, 11, 1),
        )
    )
    assert _cancelled(result) == ["000101001003", "000101001004", "L3"]
