"""Kinds of act no one applies for (行政处罚, 行政检查 …), on small hand-made cases whose answers
are worked out by hand (session 21):

1. a list 主项 takes the 事项类型 its items share, so a decision row reaching 主项 groups by
   name keeps to its catalogue matters' types, as it does for items (session 20);
2. the first-grant reading (a name naming no action is its first grant, 设立X审批 is X审批)
   holds only for kinds applied for: …处罚 is not …设立处罚.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import write_csv
from test_decision_reach import CATALOGUE_HEADER, DECISION_HEADER, _cancel, _reached

from catalog_sync.pipeline import Result, RunConfig, Source, run

MAIN_LIST_HEADER = ["实施编码", "主项名称", "事项名称", "实施主体", "事项类型", "行政区划代码"]
EQUIPMENT = ["000001000000", "特种设备使用登记", "行政许可", "市场监督管理部门", "", ""]


def _run_mains(folder: Path, catalogue: list, lists: dict[str, list], decisions: list) -> Result:
    def source(name: str, header: list[str], rows: list) -> Source:
        return Source(write_csv(folder / name, [header, *rows]), name)

    return run(
        RunConfig(
            catalogue=source("catalogue.csv", CATALOGUE_HEADER, catalogue),
            lists=[source(name, MAIN_LIST_HEADER, rows) for name, rows in lists.items()],
            decisions=[source("decisions.csv", DECISION_HEADER, decisions)],
            as_of=date(2026, 11, 1),
        )
    )


def _sub(code: str, main: str, name: str, task_type: str, agency: str) -> list[str]:
    return [code, main, name, agency, task_type, "421000000000"]


# 1 -------------------------------------------------------------------------------------------

PERMIT_GROUP = "特种设备使用登记证核发"  # names of one matter with 特种设备使用登记


def test_a_decision_reaches_the_permit_group_not_a_penalty_group(tmp_path: Path) -> None:
    """Cancelling 特种设备使用登记 (行政许可) reaches, through the 主项 a list groups them under,
    the 子项 of a group whose items are 行政许可 (锅炉使用登记, 电梯使用登记: named by no name
    of the matter themselves), not those of a group of the same name whose items are all
    行政处罚, by its name in other wording (…证核发) or an equal one. A group of mixed types is
    reached where one of its items is of the row's type, and then only those items (D1, not its
    penalty D2); one of 行政处罚 and 行政检查 items (E) is not reached at all (the third hunter
    of session 21: both were reported cancelled, propagated)."""
    lists = {
        "a.csv": [
            _sub("A1", PERMIT_GROUP, "锅炉使用登记", "行政许可", "甲县市场监督管理局"),
            _sub("A2", PERMIT_GROUP, "电梯使用登记", "行政许可", "甲县市场监督管理局"),
        ],
        "b.csv": [
            _sub("B1", PERMIT_GROUP, "使用未经登记的锅炉的处罚", "行政处罚", "乙县市场监督管理局"),
            _sub("B2", PERMIT_GROUP, "使用未经登记的电梯的处罚", "行政处罚", "乙县市场监督管理局"),
        ],
        "c.csv": [
            _sub(
                "C1",
                "特种设备使用登记",
                "使用未经登记的锅炉的处罚",
                "行政处罚",
                "丙县市场监督管理局",
            ),
        ],
        "d.csv": [
            _sub("D1", PERMIT_GROUP, "锅炉使用登记", "行政许可", "丁县市场监督管理局"),
            _sub("D2", PERMIT_GROUP, "使用未经登记的电梯的处罚", "行政处罚", "丁县市场监督管理局"),
        ],
        "e.csv": [
            _sub("E1", "特种设备使用登记", "使用未经登记的锅炉的处罚", "行政处罚", "戊县市场局"),
            _sub("E2", "特种设备使用登记", "锅炉使用情况检查", "行政检查", "戊县市场局"),
        ],
    }
    reached = _reached(_run_mains(tmp_path, [EQUIPMENT], lists, [_cancel("特种设备使用登记")]))
    assert {"A1", "A2", "D1"} <= set(reached)
    assert not {"B1", "B2", "C1", "D2", "E1", "E2"} & set(reached)
    assert reached["A1"]["match_tier"] == "propagated"


def test_an_equal_name_crosses_between_kinds_applied_for(tmp_path: Path) -> None:
    """户口迁移 typed 行政确认 in one province and 行政许可 in another: a group of 行政确认 items
    under the decision's equal name is reached (the types of one matter differ between
    provinces), as a list item of an equal name is."""
    catalogue = [["000002000000", "户口迁移审批", "行政许可", "公安机关", "", ""]]
    lists = {
        "a.csv": [
            _sub("E1", "户口迁移审批", "夫妻投靠", "行政确认", "甲县公安局"),
            _sub("E2", "户口迁移审批", "父母投靠子女", "行政确认", "甲县公安局"),
        ]
    }
    reached = _reached(_run_mains(tmp_path, catalogue, lists, [_cancel("户口迁移审批")]))
    assert {"E1", "E2"} <= set(reached)


# 2 -------------------------------------------------------------------------------------------

GRAIN_PENALTY = ["000003000000", "粮食收购设立处罚", "行政处罚", "粮食和物资储备部门", "", ""]
GRAIN_PERMIT = ["000004000000", "粮食收购设立审批", "行政许可", "粮食和物资储备部门", "", ""]


def _item(code: str, name: str, task_type: str) -> list[str]:
    return [code, "", name, "某县粮食局", task_type, "421000000000", ""]


def test_a_penalty_naming_no_action_is_not_one_naming_establishment(tmp_path: Path) -> None:
    """粮食收购处罚 (行政处罚) is not read as the first grant of 粮食收购设立处罚: the 设立 of a
    penalty names what is punished, and no one applies for a penalty. 粮食收购审批 is still
    粮食收购设立审批 (a kind applied for: its first grant), the evidence saying so."""
    from test_decision_reach import _run

    items = [_item("P1", "粮食收购处罚", "行政处罚"), _item("P2", "粮食收购审批", "行政许可")]
    result = _run(tmp_path, [GRAIN_PENALTY, GRAIN_PERMIT], {"list.csv": items}, [])
    matched = {r["item_code"]: r for r in result.tables["list_catalogue_matches"].rows}
    assert "P1" not in matched
    assert matched["P2"]["basic_code"] == "000004000000"
    assert "设立" in matched["P2"]["evidence"]


def test_a_decision_opening_with_establishment_reaches_no_penalty(tmp_path: Path) -> None:
    """设立粮食收购处罚 is no 设立X审批: it does not reach the list's 粮食收购处罚, where
    设立粮食收购审批 reaches 粮食收购审批 (the first grant: the matter itself)."""
    from test_decision_reach import _run

    other = ["000009000000", "某某无关事项许可", "行政许可", "某某部门", "", ""]
    items = [_item("Q1", "粮食收购处罚", "行政处罚"), _item("Q2", "粮食收购审批", "行政许可")]
    decisions = [_cancel("设立粮食收购处罚"), _cancel("设立粮食收购审批", seq=2)]
    reached = _reached(_run(tmp_path, [other], {"list.csv": items}, decisions))
    assert "Q1" not in reached
    assert "Q2" in reached


def test_a_record_of_a_kind_not_applied_for_names_no_first_grant() -> None:
    """By its 事项类型 too: 企业设立登记 typed 行政检查 (the check of the registrations) names
    no first grant; typed 行政许可, untyped or 公共服务 it does."""
    from catalog_sync.mappings import load_mapping
    from catalog_sync.matching import entry

    mapping = load_mapping()
    for task_type, initial in (
        ("行政检查", frozenset()),
        ("行政处罚", frozenset()),
        ("行政许可", {"设立"}),
        ("公共服务", {"设立"}),
        ("", {"设立"}),
    ):
        read = entry("n", "企业设立登记", mapping, task_type=task_type).parts
        assert read is not None and read.initial == initial, task_type
