"""A 处理决定 giving the matter another 事项类型 without a 取消 word (session 23): the 证照分离
annexes' 改革方式 审批改为备案, 调整为行政确认. Worked by hand on 石油天然气对外合作项目总体开发方案
审批, listed by a province (L1, still typed 行政许可), a city (L2, typed 其他行政权力, the type
lists give their filings) and a county (L3, typed 备案 as some lists write it): the decision ends
the approval, so L1 is still listed as a licence and is reported, told to retype; L2 and L3 are
already of the type the decision gives and are not. Until session 23 审批改为备案 was another
action: every record went to other_decision_matches (`action 审批改为备案`) and L1 was silently
fine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_on_rows

from catalog_sync import vocab
from catalog_sync.mappings import load_mapping
from catalog_sync.sources.decisions import retyped_to

OIL = "石油天然气对外合作项目总体开发方案审批"
CATALOGUE = [["基本编码", "事项名称", "事项类型"], ["000101000000", OIL, "行政许可"]]
ITEMS = [
    ["实施编码", "事项名称", "事项类型", "实施主体", "行政区划代码"],
    ["L1", OIL, "行政许可", "某省发展和改革委员会", "510000"],
    ["L2", OIL, "其他行政权力", "某市发展和改革委员会", "510100"],
    ["L3", OIL, "备案", "某县发展和改革局", "510121"],
]
ALREADY = "already 其他行政权力, the type the 处理决定 gives it ({})"


def _annex(action: str, column: str = "改革方式") -> list[list[str]]:
    return [
        ["文号", "发布日期", "事项名称", column],
        ["国发〔2021〕7号", "2021-06-03", OIL, action],
    ]


def _by_table(result) -> tuple[dict[str, str], dict[str, str]]:
    """(list items reported cancelled -> evidence, list items elsewhere -> status)."""
    cancelled = {
        r["item_code"]: r["evidence"]
        for r in result.tables["cancelled_still_listed"].rows
        if r["source"] == "list"
    }
    other = {
        r["item_code"]: r["decision_status"]
        for r in result.tables["other_decision_matches"].rows
        if r["source"] == "list"
    }
    return cancelled, other


@pytest.mark.parametrize(
    "action", ["审批改为备案", "改为备案管理", "取消审批改为备案", "调整为备案"]
)
def test_approval_turned_into_a_filing_reports_the_item_still_a_licence(
    tmp_path: Path, action: str
) -> None:
    """L1 (行政许可) is reported, its evidence saying the decision makes it a 其他行政权力 and
    to retype it, in both languages; L2 (其他行政权力) and L3 (备案, read as 其他行政权力) are
    already what the decision asks for."""
    cancelled, other = _by_table(run_on_rows(tmp_path, CATALOGUE, ITEMS, _annex(action)))
    assert set(cancelled) == {"L1"}
    said = "the 处理决定 makes it a 其他行政权力: retype the record"
    assert cancelled["L1"].endswith(said)
    assert "其他行政权力" in (vocab.render(said, "zh") or "")
    assert not vocab.untranslated("evidence", cancelled["L1"])
    assert other == {"L2": ALREADY.format(action), "L3": ALREADY.format(action)}
    assert not vocab.untranslated("decision_status", other["L2"])


@pytest.mark.parametrize("action", ["实行告知承诺", "优化审批服务", "改为后置审批"])
def test_other_reforms_give_no_type_and_stay_another_action(tmp_path: Path, action: str) -> None:
    """Negative: 实行告知承诺, 优化审批服务 and 改为后置审批 keep the licence (the way it is
    granted changes): no item is reported, each is told the action, as before."""
    cancelled, other = _by_table(run_on_rows(tmp_path, CATALOGUE, ITEMS, _annex(action)))
    assert cancelled == {}
    assert other == {c: f"action {action}" for c in ("L1", "L2", "L3")}


def test_a_type_named_without_a_cancel_word_cancels_the_old_type(tmp_path: Path) -> None:
    """调整为行政确认 alone says what 取消行政许可，调整为行政确认 says in full (the rule the
    session 21 case set): the item still 行政许可 is reported, told to retype; until session 23
    it went to other_decision_matches as another action."""
    items = [*ITEMS[:2], ["L4", OIL, "行政确认", "某区发展和改革局", "510122"]]
    cancelled, other = _by_table(run_on_rows(tmp_path, CATALOGUE, items, _annex("调整为行政确认")))
    assert set(cancelled) == {"L1"}
    assert cancelled["L1"].endswith("the 处理决定 makes it a 行政确认: retype the record")
    assert other == {"L4": "already 行政确认, the type the 处理决定 gives it (调整为行政确认)"}


@pytest.mark.parametrize(
    ("words", "retyped"),
    [
        ("审批改为备案", "其他行政权力"),
        ("取消审批，改为备案管理", "其他行政权力"),
        ("改为备案制管理", "其他行政权力"),
        ("附件2 由行政许可调整为行政确认的事项", "行政确认"),  # a title: up to 的
        ("实行告知承诺", ""),
        ("改为后置审批", ""),
        ("改为管理", ""),  # 管理 alone is no type
    ],
)
def test_the_type_a_reform_gives(words: str, retyped: str) -> None:
    assert retyped_to(words, load_mapping()) == retyped


def test_a_list_typing_its_filings_as_such_is_read_as_the_other_powers() -> None:
    """备案 and 行政备案 as a list's 事项类型 are the national 其他行政权力 (10), the type under
    which lists give their filings: compared in matching, no unknown-type warning."""
    mapping = load_mapping()
    for spelling in ("备案", "行政备案", "备案类"):
        assert mapping.task_type(spelling) == "其他行政权力"
