"""Catalogue matters sharing a name in different departments: a list item implements the one
whose 主管部门 agrees with its 实施主体 (department_words: level and office words set aside);
when none agrees, or several as much, the first, as before. Answers worked by hand."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import run_on_rows

from catalog_sync import vocab
from catalog_sync.mappings import load_mapping
from catalog_sync.matching import (
    NameIndex,
    by_department,
    department_words,
    entry,
    match_items_to_catalogue,
)

MAPPING = load_mapping()
HR = "人力资源社会保障部门"
MED = "医疗保障部门"
FIRST = "2 catalogue matters share this name, the first (职工参保登记) taken"


def _matters(*departments: str) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            node=f"matter:{i}",
            basic_code=f"B{i}",
            name="职工参保登记",
            task_type="公共服务",
            department=d,
            by_law="",
            in_use=True,
        )
        for i, d in enumerate(departments)
    ]


def _index(matters: list[SimpleNamespace]) -> NameIndex:
    return NameIndex(
        [
            entry(m.node, m.name, MAPPING, task_type=m.task_type, department=m.department)
            for m in matters
        ],
        MAPPING,
    )


def _item(row: int, agency: str, name: str = "职工参保登记") -> SimpleNamespace:
    return SimpleNamespace(
        node=f"item:list.csv:{row}",
        basic_code="",
        basic_code_origin="",
        name=name,
        parent_name="",
        task_type="公共服务",
        agency=agency,
        by_law="",
        area_code="511621",
        ref=SimpleNamespace(file="list.csv", row=row),
    )


def test_department_words_as_worked_by_hand() -> None:
    # 县 and 局 set aside; 和 splits; the bigrams of what is left
    assert department_words("岳池县医疗保障局") == {"岳池", "医疗", "疗保", "保障"}
    assert department_words(MED) == {"医疗", "疗保", "保障"}
    assert department_words("岳池县人力资源和社会保障局") == {
        "岳池", "人力", "力资", "资源", "社会", "会保", "保障",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("agency", "taken", "why"),
    [
        # 3 words shared with 医疗保障部门, 1 (保障) with 人力资源社会保障部门
        (
            "岳池县医疗保障局",
            "matter:1",
            f"of the 2 matters named so, the one of {MED}: agency 岳池县医疗保障局",
        ),
        # 6 shared with 人力资源社会保障部门 (all but 岳池), 1 with 医疗保障部门
        (
            "岳池县人力资源和社会保障局",
            "matter:0",
            f"of the 2 matters named so, the one of {HR}: agency 岳池县人力资源和社会保障局",
        ),
        # an abbreviation shares nothing: the first, as before
        ("区人社局", "matter:0", FIRST),
        ("区行政审批局", "matter:0", FIRST),
        ("", "matter:0", FIRST),
    ],
)
def test_the_matter_of_the_agencys_department_is_taken(agency: str, taken: str, why: str) -> None:
    group = _index(_matters(HR, MED)).by_key["职工参保登记"]
    chosen, said = by_department(group, agency)
    assert (chosen.id, said) == (taken, why)


def test_several_agreeing_as_much_keep_the_first() -> None:
    # two matters of one department: both share 卫生 and 健康 with the agency
    group = _index(_matters("教育部门", "卫生健康部门", "卫生健康部门")).by_key["职工参保登记"]
    chosen, said = by_department(group, "区卫生健康局")
    assert chosen.id == "matter:0"
    assert said == "3 catalogue matters share this name, the first (职工参保登记) taken"


@pytest.mark.parametrize("order", [("医", "人", "简"), ("人", "医", "简"), ("简", "人", "医")])
def test_the_choice_is_made_per_agency_whatever_the_order(order: tuple[str, ...]) -> None:
    """The name tier remembers a match per name and type; the choice among the matters of the
    name is the agency's, never remembered across agencies."""
    agencies = {"医": "岳池县医疗保障局", "人": "岳池县人力资源和社会保障局", "简": "区人社局"}
    matters = _matters(HR, MED)
    items = [_item(row, agencies[a]) for row, a in enumerate(order, start=2)]
    matched, nearest = match_items_to_catalogue(
        items,  # type: ignore[arg-type]
        matters,  # type: ignore[arg-type]
        _index(matters),
        code_tier=[-1] * len(items),
    )
    assert nearest == {}
    taken = {agencies[a]: matched[i.node][0].node for a, i in zip(order, items, strict=True)}
    assert taken == {
        "岳池县医疗保障局": "matter:1",
        "岳池县人力资源和社会保障局": "matter:0",
        "区人社局": "matter:0",
    }


def test_through_the_pipeline_the_other_matter_is_left_unimplemented(tmp_path: Path) -> None:
    """The demo catalogue's pair: 岳池县医疗保障局's item implements the 医疗保障部门 matter;
    the 人力资源社会保障部门 one is the one left unimplemented."""
    catalogue = [
        ["基本编码", "事项名称", "事项类型", "主管部门"],
        ["512B0067900000", "职工参保登记", "20", HR],
        ["512036001002", "职工参保登记", "20", MED],
    ]
    items = [
        ["实施编码", "事项名称", "事项类型", "实施主体"],
        ["11511623MB1234567X4420000000001", "职工参保登记", "20", "岳池县医疗保障局"],
    ]
    decisions = [
        ["文号", "生效日期", "序号", "事项名称", "审批部门", "处理决定"],
        ["示例〔2026〕9号", "2026-01-01", "1", "某某不存在事项核准", "", "取消"],
    ]
    result = run_on_rows(tmp_path, catalogue, items, decisions)
    [match] = result.tables["list_catalogue_matches"].rows
    assert match["basic_code"] == "512036001002"
    assert match["evidence"] == (
        "normalised names equal: '职工参保登记', both 公共服务; "
        f"of the 2 matters named so, the one of {MED}: agency 岳池县医疗保障局"
    )
    assert vocab.render(match["evidence"], "zh") == (
        "规范化后名称相同：'职工参保登记'，均为公共服务；"
        f"2 个同名目录事项中取{MED}的事项：实施主体岳池县医疗保障局"
    )
    unimplemented = result.tables["unimplemented_catalogue_items"].rows
    assert [r["basic_code"] for r in unimplemented] == ["512B0067900000"]
