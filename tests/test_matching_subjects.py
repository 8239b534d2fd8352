"""Subject words (个人, 单位, 企业): a name naming one party is not the name of another party's
matter nor of the whole, where anything names a sibling with a subject. Small hand-made social
insurance and housing-fund catalogues, answers worked out by hand, end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import run_on_rows

DECISIONS = ["文号", "发布日期", "事项名称", "处理决定"]
LIST = ["实施编码", "事项名称", "事项类型", "实施主体"]


def _run(
    folder: Path, catalogue: list[list[str]], items: list[str], decision: str
) -> tuple[dict[str, str], set[str]]:
    """(item code -> 基本编码 it implements, names of the records the decision cancels)."""
    header = ["基本编码", "事项名称", "事项类型", "主项编码"]
    rows = [header] + [[*row, ""][:4] for row in catalogue]
    listed = [LIST] + [[f"L{n:02d}", name, "行政确认", "区人社局"] for n, name in enumerate(items)]
    result = run_on_rows(
        folder, rows, listed, [DECISIONS, ["国发〔2020〕1号", "2020-01-01", decision, "取消"]]
    )
    matched = {
        r["item_code"]: r["basic_code"] for r in result.tables["list_catalogue_matches"].rows
    }
    return matched, {r["item_name"] for r in result.tables["cancelled_still_listed"].rows}


def test_a_decision_on_one_subject_reaches_neither_the_whole_nor_the_other(
    tmp_path: Path,
) -> None:
    """国发 cancels 失业保险单位参保登记; the catalogue's 主项 失业保险参保登记 has the 单位 and
    the 个人 registration as 子项. The decision reaches the 单位 子项 only: not the 主项 (单位
    is no word set aside where a sibling names 个人), so not the 个人 子项 below it, nor the
    list items implementing the 主项 or the 个人 子项."""
    unit, person = "失业保险单位参保登记", "失业保险个人参保登记"
    catalogue = [
        ["C", "失业保险参保登记", "行政确认"],
        ["C1", unit, "行政确认", "C"],
        ["C2", person, "行政确认", "C"],
    ]
    items = ["失业保险参保登记", person, "失业保险参保登记（个人）"]
    matched, cancelled = _run(tmp_path / "a", catalogue, items, unit)
    assert matched == {"L00": "C", "L01": "C2", "L02": "C2"}
    assert cancelled == {unit}
    flat = [row[:3] for row in catalogue]  # no 主项编码: the sibling 个人 keeps them apart
    assert _run(tmp_path / "b", flat, items, unit)[1] == {unit}


def test_a_list_main_whose_sub_items_name_subjects_is_not_reached(tmp_path: Path) -> None:
    """A list grouping 单位参保登记 and 个人参保登记 under the 主项 失业保险参保登记: the decision
    cancelling 失业保险单位参保登记 does not reach the 主项, so not its other 子项; the 单位 子项,
    read under its 主项 as 失业保险单位参保登记, it reaches (session 21)."""
    header = ["实施编码", "主项名称", "子项名称", "事项类型", "实施主体"]
    subs = ["单位参保登记", "个人参保登记", "参保信息变更登记"]
    listed = [header] + [[f"L{n}", "失业保险参保登记", s, "行政确认", "区人社局"] for n, s in
                         enumerate(subs)]  # fmt: skip
    result = run_on_rows(
        tmp_path,
        [["基本编码", "事项名称", "事项类型"], ["Z", "某无关事项审批", "行政许可"]],
        listed,
        [DECISIONS, ["国发〔2020〕1号", "2020-01-01", "失业保险单位参保登记", "取消"]],
    )
    assert [r["item_code"] for r in result.tables["cancelled_still_listed"].rows] == ["L0"]


def test_contrasting_subjects_are_never_one_matter(tmp_path: Path) -> None:
    """个人住房公积金缴存登记 is the 个人 matter (the subject moved), never the 单位 one a
    decision cancels; with no catalogue match the decision alone does not reach it either."""
    catalogue = [
        ["C5", "住房公积金个人缴存登记", "行政确认"],
        ["C6", "住房公积金单位缴存登记", "行政确认"],
    ]
    items = ["个人住房公积金缴存登记", "个人社会保险参保登记"]
    matched, cancelled = _run(tmp_path / "a", catalogue, items, "住房公积金单位缴存登记")
    assert matched == {"L00": "C5"}
    assert cancelled == {"住房公积金单位缴存登记"}
    none = [["Z", "某无关事项审批", "行政许可"]]
    for n, decision in enumerate(("住房公积金单位缴存登记", "社会保险单位参保登记")):
        assert _run(tmp_path / f"b{n}", none, items, decision)[1] == set()


def test_a_bare_name_beside_both_subjects_is_neither(tmp_path: Path) -> None:
    """社会保险参保登记 beside 社会保险个人参保登记 and 社会保险单位参保登记 is neither: it stays
    unmatched and a decision cancelling the 单位 one does not reach it. 个人社会保险参保登记 is
    the 个人 row, not a whole 社会保险参保登记 the catalogue also lists."""
    catalogue = [
        ["S1", "社会保险个人参保登记", "行政确认"],
        ["S2", "社会保险单位参保登记", "行政确认"],
    ]
    matched, cancelled = _run(
        tmp_path / "a", catalogue, ["社会保险参保登记"], "社会保险单位参保登记"
    )
    assert matched == {}
    assert cancelled == {"社会保险单位参保登记"}
    whole = [*catalogue, ["S3", "社会保险参保登记", "行政确认"]]
    items = ["社会保险参保登记", "个人社会保险参保登记"]
    matched, cancelled = _run(tmp_path / "b", whole, items, "社会保险单位参保登记")
    assert matched == {"L00": "S3", "L01": "S1"}
    assert cancelled == {"社会保险单位参保登记"}


def test_one_subject_on_one_side_only_is_set_aside_where_no_sibling_is_named(
    tmp_path: Path,
) -> None:
    """Negative of the above: the same subject moved (单位住房公积金缴存登记) is that matter and
    is cancelled with it; a bare name where the catalogue names the 单位 matter alone is it (no
    sibling says 单位 narrows it), and so is reached; 企业 likewise (棉花加工企业资格认定)."""
    unit = "住房公积金单位缴存登记"
    catalogue = [["C5", "住房公积金个人缴存登记", "行政确认"], ["C6", unit, "行政确认"]]
    matched, cancelled = _run(tmp_path / "a", catalogue, ["单位住房公积金缴存登记"], unit)
    assert matched == {"L00": "C6"}
    assert cancelled == {unit, "单位住房公积金缴存登记"}
    alone = [["C1", "失业保险单位参保登记", "行政确认"]]
    matched, cancelled = _run(tmp_path / "b", alone, ["失业保险参保登记"], "失业保险单位参保登记")
    assert matched == {"L00": "C1"}
    assert cancelled == {"失业保险单位参保登记", "失业保险参保登记"}
    cotton = [["K1", "棉花加工资格认定", "行政确认"]]
    matched, _ = _run(tmp_path / "c", cotton, ["棉花加工企业资格认定"], "无关事项")
    assert matched == {"L00": "K1"}


def test_a_whole_named_beside_its_acts_only_takes_none(tmp_path: Path) -> None:
    """社会团体登记 where the catalogue lists only 成立, 变更 and 注销登记 covers them all: no one
    of them is taken (as for variants by note, 食品经营许可（新办）…), so a decision on one
    does not reach it. Negatives: where the catalogue lists the whole too, or one act alone,
    the item is matched."""
    acts = [["S1", "社会团体成立登记", "行政确认"], ["S2", "社会团体变更登记", "行政确认"],
            ["S3", "社会团体注销登记", "行政确认"]]  # fmt: skip
    matched, cancelled = _run(tmp_path / "a", acts, ["社会团体登记"], "社会团体成立登记")
    assert matched == {}
    assert cancelled == {"社会团体成立登记"}
    whole = [*acts, ["S0", "社会团体登记", "行政确认"]]
    assert _run(tmp_path / "b", whole, ["社会团体登记"], "无关事项")[0] == {"L00": "S0"}
    assert _run(tmp_path / "c", acts[:1], ["社会团体登记"], "无关事项")[0] == {"L00": "S1"}


def _weighed(
    folder: Path, catalogue: list[list[str]], items: list[list[str]], decision: str
) -> Any:
    """The pipeline where catalogue and list name the department (the weighed tier's +3)."""
    header = ["基本编码", "事项名称", "事项类型", "主管部门"]
    listed = [LIST] + [[f"L{n}", *row] for n, row in enumerate(items)]
    return run_on_rows(
        folder,
        [header, *catalogue],
        listed,
        [DECISIONS, ["国发〔2025〕3号", "2025-01-01", decision, "取消"]],
    )


FUND = [
    ["F1", "住房公积金单位缴存登记", "行政确认", "住房公积金管理部门"],
    ["F2", "住房公积金个人缴存登记", "行政确认", "住房公积金管理部门"],
]
FUND_AGENCY = "苏州市住房公积金管理中心吴中分中心"


def _matched(result: Any) -> dict[str, str]:
    """item code -> 基本编码 it implements."""
    return {r["item_code"]: r["basic_code"] for r in result.tables["list_catalogue_matches"].rows}


def test_a_long_bare_name_beside_both_subjects_is_neither_by_weight(tmp_path: Path) -> None:
    """住房公积金缴存登记 (9 characters) beside 住房公积金单位缴存登记 and 住房公积金个人缴存登记
    scores 90 against each; type and department agree, so the weighed tier once took the 单位
    one (7.0 ≥ 6) and a decision cancelling it reported the bare item cancelled. A sibling names
    the other subject: the bare name is neither, unmatched, the evidence naming both."""
    items = [["住房公积金缴存登记", "行政确认", FUND_AGENCY],
             ["住房公积金缴存登记", "", FUND_AGENCY]]  # fmt: skip
    result = _weighed(tmp_path, FUND, items, "住房公积金单位缴存登记")
    assert result.tables["list_catalogue_matches"].rows == []
    cancelled = {r["item_name"] for r in result.tables["cancelled_still_listed"].rows}
    assert cancelled == {"住房公积金单位缴存登记"}
    for row in result.tables["unmatched_list_items"].rows:
        assert "住房公积金单位缴存登记" in row["evidence"]
        assert "subject: sibling '住房公积金个人缴存登记' names a party" in row["evidence"]


def test_one_subject_variant_alone_is_still_taken_by_weight(tmp_path: Path) -> None:
    """Negatives: where the catalogue names the 单位 matter alone (no sibling), the bare name is
    it, as before, and is reported cancelled with it; the item naming 个人 takes the 个人
    matter, never the 单位 one."""
    result = _weighed(tmp_path / "a", FUND[:1], [["住房公积金缴存登记", "行政确认", FUND_AGENCY]],
                      "住房公积金单位缴存登记")  # fmt: skip
    matched = _matched(result)
    assert matched == {"L0": "F1"}
    cancelled = {r["item_name"] for r in result.tables["cancelled_still_listed"].rows}
    assert cancelled == {"住房公积金单位缴存登记", "住房公积金缴存登记"}
    items = [["个人住房公积金缴存登记", "行政确认", FUND_AGENCY],
             ["住房公积金个人缴存登记", "行政确认", FUND_AGENCY]]  # fmt: skip
    result = _weighed(tmp_path / "b", FUND, items, "住房公积金单位缴存登记")
    matched = _matched(result)
    assert matched == {"L0": "F2", "L1": "F2"}
    cancelled = {r["item_name"] for r in result.tables["cancelled_still_listed"].rows}
    assert cancelled == {"住房公积金单位缴存登记"}
