"""`compare`: two hand-made publications whose differences are worked out by hand; exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write_csv

from catalog_sync.cli import cli

HEAD = ["实施编码", "事项名称", "事项类型", "实施主体", "办理地点", "承诺办结时限", "事项版本"]
A = [
    HEAD,
    ["A1", "甲许可", "行政许可", "县局", "县政务中心1楼", "5", "1"],
    ["A2", "乙许可", "行政许可", "县局", "县政务中心1楼", "5", "1"],
    ["A3", "丙许可", "行政许可", "县局", "", "5", "1"],
    ["a-4", "丁许可", "行政许可", "县局", "县政务中心1楼", "5", "1"],
    ["", "无编码", "行政许可", "县局", "", "", ""],
]
B = [
    HEAD,
    # A1: the address and the promised limit changed (requirements); A3: renamed and a new
    # version (update); A-4 only differs by the code's case and a full-width space (same);
    # A2 is gone, A5 is new, A5 repeated is rejected
    ["A1", "甲许可", "行政许可", "县局", "县政务中心2楼", "3", "1"],
    ["A3", "丙许可（变更）", "行政许可", "县局", "", "5", "2"],
    ["A-4", "丁许可\u3000", "行政许可", "县局", "县政务中心1楼", "5", "1"],
    ["A5", "戊许可", "行政许可", "县局", "", "", "1"],
    ["A5", "戊许可", "行政许可", "县局", "", "", "1"],
]


def _run(runner, tmp_path: Path, a, b, *extra: str):
    pa, pb = write_csv(tmp_path / "a.csv", a), write_csv(tmp_path / "b.csv", b)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["compare", str(pa), str(pb), "--out", str(out), *extra])
    return result, out


def _json(out: Path, name: str):
    return json.loads((out / f"{name}.json").read_text(encoding="utf-8"))


def test_compare_worked_by_hand(runner, tmp_path: Path) -> None:
    result, out = _run(runner, tmp_path, A, B, "--format", "csv,json,md,xlsx")
    assert result.exit_code == 1, result.output
    assert [r["key"] for r in _json(out, "compare_only_in_a")] == ["A2"]
    assert [r["key"] for r in _json(out, "compare_only_in_b")] == ["A5"]
    diffs = {
        (r["key"], r["field"], r["kind"], r["value_a"], r["value_b"])
        for r in _json(out, "compare_differences")
    }
    assert diffs == {
        ("A1", "address", "requirement", "县政务中心1楼", "县政务中心2楼"),
        ("A1", "promised_limit", "requirement", "5", "3"),
        ("A3", "name", "update", "丙许可", "丙许可（变更）"),
        ("A3", "version", "update", "1", "2"),
    }
    s = _json(out, "summary")
    assert (s["items_a"], s["items_b"], s["items_in_both"]) == (4, 4, 3)
    assert (s["count_mismatch"], s["requirements_differ"], s["updates_out_of_sync"]) == (2, 1, 1)
    assert [i["rows_rejected"] for i in s["inputs"]] == [1, 1]
    rejected = _json(out, "rejected_rows")
    assert {r["row"] for r in rejected} == {6} and len(rejected) == 2
    counts = {r["field"]: r["items"] for r in _json(out, "compare_field_counts")}
    assert counts == {"address": 1, "promised_limit": 1, "name": 1, "version": 1}
    assert "数量不一致" in result.output and (out / "catalog-sync-report.xlsx").is_file()


def test_compare_the_same_publication_exits_0(runner, tmp_path: Path) -> None:
    result, out = _run(runner, tmp_path, A[:4], A[:4])
    assert result.exit_code == 0, result.output
    assert _json(out, "summary")["differences"] == 0


def test_compare_on_another_key(runner, tmp_path: Path) -> None:
    # joined on 事项名称: A3 renamed is then only in A and only in B
    result, out = _run(runner, tmp_path, A[:4], B[:3], "--key", "事项名称", "--format", "json")
    assert result.exit_code == 1
    assert [r["item_name"] for r in _json(out, "compare_only_in_a")] == ["乙许可", "丙许可"]


def test_compare_bad_input_exits_2(runner, tmp_path: Path) -> None:
    result, out = _run(runner, tmp_path, A, B, "--key", "没有这列")
    assert result.exit_code == 2 and "--key 没有这列" in result.output
    assert not out.exists()
    missing = runner.invoke(
        cli, ["compare", str(tmp_path / "nope.csv"), str(tmp_path / "a.csv"), "--out", str(out)]
    )
    assert missing.exit_code == 2 and "file not found" in missing.output


MAT_HEAD = ["实施编码", "材料名称", "材料形式", "纸质材料份数", "空白表格"]
MAT_A = [
    MAT_HEAD,
    ["A1", "申请书", "纸质", "1", "a.doc"],
    ["A1", "营业执照", "纸质", "1", ""],
    ["A1", "授权委托书", "纸质", "1", ""],
    ["A3", "身份证", "电子", "", ""],
    ["A2", "只属于 A 的事项的材料", "纸质", "1", ""],  # A2 is only in A: not compared
    ["X9", "无此事项", "纸质", "1", ""],  # no item of A has X9: left out, counted
    ["", "无编码的材料", "纸质", "1", ""],  # rejected
]
MAT_B = [
    MAT_HEAD,
    # A1: 申请书 now 2 copies, its blank form elsewhere (not compared); 营业执照 as it was
    # (a full-width space in its name); 授权委托书 dropped, 承诺书 added; A3 asks the same
    ["A1", "申请书", "纸质", "2", "b.doc"],
    ["A1", "营业执照\u3000", "纸质", "1", ""],
    ["A1", "承诺书", "纸质", "1", ""],
    ["A-4", "身份证", "纸质", "1", ""],  # A-4's materials appear: only in B
    ["A3", "身份证", "电子", "", ""],
]


def test_compare_materials_worked_by_hand(runner, tmp_path: Path) -> None:
    ma, mb = write_csv(tmp_path / "ma.csv", MAT_A), write_csv(tmp_path / "mb.csv", MAT_B)
    result, out = _run(
        runner, tmp_path, A, B, "--materials", str(ma), str(mb), "--format", "csv,json,xlsx"
    )
    assert result.exit_code == 1, result.output
    rows = _json(out, "compare_materials")
    assert [
        (r["key"], r["material"], r["change"], r["field"], r["value_a"], r["value_b"]) for r in rows
    ] == [
        ("A1", "申请书", "changed", "copies", "1", "2"),
        ("A1", "授权委托书", "only_in_a", "", "", ""),
        ("A1", "承诺书", "only_in_b", "", "", ""),
        ("A-4", "身份证", "only_in_b", "", "", ""),
    ]
    assert rows[0]["material_source_a"].endswith("ma.csv:2")
    assert rows[1]["material_source_b"] == "" and rows[0]["field_name"] == "纸质材料份数"
    s = _json(out, "summary")
    assert (s["material_differences"], s["items_materials_differ"]) == (4, 2)
    assert (s["materials_only_in_a"], s["materials_only_in_b"], s["materials_changed"]) == (1, 2, 1)
    # A1 differed already; A-4 now differs in what it requires: 要求不统一 counts it
    assert (s["requirements_differ"], s["items_differing"]) == (2, 3)
    assert s["materials_of_unlisted_items"] == [1, 0]  # X9's row: no item of A has it
    rejected = _json(out, "rejected_rows")
    assert [r["reason"] for r in rejected if r["file"].endswith("ma.csv")] == ["实施编码 is empty"]
    header = (out / "compare_materials.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("问题编号,状态,实施编码,事项名称,材料名称,差异")
    assert "仅 A 要求" in (out / "compare_materials.csv").read_text(encoding="utf-8-sig")


def test_compare_without_materials_writes_no_material_table(runner, tmp_path: Path) -> None:
    result, out = _run(runner, tmp_path, A, B, "--format", "json")
    assert result.exit_code == 1
    assert not (out / "compare_materials.json").exists()
    assert "material_differences" not in _json(out, "summary")


def test_compare_same_materials_exits_0(runner, tmp_path: Path) -> None:
    ma = write_csv(tmp_path / "ma.csv", MAT_A[:4])
    result, out = _run(runner, tmp_path, A[:4], A[:4], "--materials", str(ma), str(ma))
    assert result.exit_code == 0, result.output
    assert _json(out, "summary")["material_differences"] == 0


def test_key_names_the_column_it_is_the_header_of(tmp_path: Path) -> None:
    """`--key 事项编码` on a file carrying both 事项编码 and 实施编码 joins on 事项编码, the
    column so headed, not on the column the task_code field is read from (实施编码)."""
    from catalog_sync.compare import _key_column
    from catalog_sync.mappings import load_mapping
    from catalog_sync.sources.tabular import read_table

    mapping = load_mapping()
    path = write_csv(tmp_path / "a.csv", [["事项编码", "实施编码", "事项名称"], ["K1", "T1", "甲"]])
    table = read_table(path, "a.csv", "list", mapping)
    assert table.columns["task_code"] == 1  # the standard name wins for the field
    assert _key_column(table, "事项编码", mapping) == 0
    assert _key_column(table, "实施编码", mapping) == 1
    assert _key_column(table, "task_code", mapping) == 1
    assert _key_column(table, None, mapping) == 1


def test_a_catalogue_given_to_compare_is_told_what_compare_takes(runner, tmp_path: Path) -> None:
    """compare has no --catalogue: it names its own arguments (until session 17 it asked
    'did you mean --catalogue?')."""
    catalogue = [["基本编码", "事项名称", "事项类型"], ["000101001000", "甲许可", "行政许可"]]
    result, out = _run(runner, tmp_path, catalogue, B)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"catalog-sync: error: {tmp_path / 'a.csv'} row 1: this looks like a catalogue file "
        "(基本编码, 事项名称): compare takes two implementation lists, as A and B "
        "(a catalogue file goes to diff --catalogue)"
    ]
    assert not out.exists()


def test_compare_names_a_folder_or_a_device_as_what_it_is(runner, tmp_path: Path) -> None:
    """A folder or /dev/null is there, just not a file (until session 17: 'file not found')."""
    b = write_csv(tmp_path / "b.csv", B)
    out = tmp_path / "out"
    said = {}
    for given in (tmp_path, Path("/dev/null"), tmp_path / "none.csv"):
        result = runner.invoke(cli, ["compare", str(given), str(b), "--out", str(out)])
        assert result.exit_code == 2
        (said[given.name],) = result.stderr.splitlines()
    assert said == {
        tmp_path.name: f"catalog-sync: error: {tmp_path}: is a folder, expected a file",
        "null": "catalog-sync: error: /dev/null: is not a regular file (a pipe, socket or "
        "device); save it to a file first",
        "none.csv": f"catalog-sync: error: {tmp_path / 'none.csv'}: file not found",
    }
    assert not out.exists()
