"""A decision saying the act after each action it lists (设立登记、变更登记和注销登记, as 国务院
decisions write it) names the matter a catalogue writes 设立、变更、注销登记 (session 23, hunt
h23b), answers worked out by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_decision_reach import _item
from test_decision_sub_items import _run, _table

from catalog_sync.mappings import load_mapping
from catalog_sync.wording import act_said_once, lists_actions

BRANCHES = "社会团体分支机构、代表机构设立、变更、注销登记"
BRANCH_CATALOGUE = [
    ["000107003000", BRANCHES, "行政许可", "民政部门", "", ""],
    ["000107003001", "社会团体分支机构、代表机构设立登记", "行政许可", "", "000107003000", ""],
    ["000107003002", "社会团体分支机构、代表机构变更登记", "行政许可", "", "000107003000", ""],
    ["000107003003", "社会团体分支机构、代表机构注销登记", "行政许可", "", "000107003000", ""],
    ["000107001000", "社会团体成立登记", "行政许可", "民政部门", "", ""],
    ["000107002000", "社会团体变更登记", "行政许可", "民政部门", "", ""],
]
BRANCH_ITEMS = [
    _item("L1", "社会团体分支机构设立登记", "区民政局", "000107003001"),
    _item("L2", "社会团体代表机构变更登记", "区民政局", "000107003002"),
    _item("L3", "社会团体分支机构注销登记", "区民政局", "000107003003"),
    _item("L4", "社会团体成立登记", "区民政局", "000107001000"),
    _item("L5", "社会团体变更登记", "区民政局", "000107002000"),
]


def test_an_act_said_after_each_listed_action_names_the_matter_once(tmp_path: Path) -> None:
    """国发〔2017〕46号 writes 社会团体分支机构、代表机构设立登记、变更登记和注销登记, the
    catalogue 社会团体分支机构、代表机构设立、变更、注销登记: one matter, three 业务办理项. The
    主项, its three 子项 and L1–L3 are cancelled; 社会团体成立登记 and 社会团体变更登记 (L4, L5),
    matters of the 社会团体 itself, are not. Until session 23 only the 设立登记 子项 and L1 were
    reached."""
    header = ["文号", "生效日期", "序号", "项目名称", "审批部门", "设定依据"]
    decisions = [
        [
            "国发〔2017〕46号",
            "2017-09-22",
            "1",
            "社会团体分支机构、代表机构设立登记、变更登记和注销登记",
            "县级以上地方人民政府民政部门",
            "《社会团体登记管理条例》",
        ]
    ]
    result = _run(
        tmp_path, BRANCH_CATALOGUE, BRANCH_ITEMS, header, decisions, "国务院决定取消的事项.csv"
    )
    cancelled = _table(result, "cancelled_still_listed")
    assert cancelled == [*(f"00010700300{i}" for i in range(4)), "L1", "L2", "L3"]


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("设立登记、变更登记和注销登记", "设立、变更和注销登记"),
        ("民办学校设立审批、变更审批、终止审批", "民办学校设立、变更、终止审批"),
        ("设立登记、变更备案", "设立登记、变更备案"),  # two acts: stays
        ("注销登记", "注销登记"),
        ("变更登记及注销", "变更登记及注销"),  # the act said once already
    ],
)
def test_an_act_is_said_once_only_where_every_action_repeats_it(name: str, read: str) -> None:
    w = load_mapping().wording
    assert act_said_once(name, w) == read
    if read != name:
        assert lists_actions(name, w)
