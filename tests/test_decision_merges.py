"""An annex merging or renaming matters (a provincial decision, session 23) heads the matter it
acts on 原事项名称 and the new one 调整后事项名称. Worked by hand: two old matters merged into
one new one, and a renamed one. The rows are read (until session 23 the file was refused, exit 2:
no 事项名称 column), on the old names, the ones lists still carry: their items are told the
action (合并, 名称变更), never reported cancelled; the new matter's item is reached by nothing.
"""

from __future__ import annotations

from pathlib import Path

from conftest import run_on_rows

CATALOGUE = [
    ["基本编码", "事项名称", "事项类型"],
    ["C1", "林木种子生产许可", "行政许可"],
    ["C2", "林木种子经营许可", "行政许可"],
    ["C3", "林草种子生产经营许可", "行政许可"],
    ["C4", "动物诊疗许可", "行政许可"],
]
ITEMS = [
    ["实施编码", "事项名称", "事项类型", "实施主体"],
    ["S1", "林木种子生产许可", "行政许可", "杭州市林业水利局"],
    ["S2", "林木种子经营许可", "行政许可", "杭州市林业水利局"],
    ["S3", "林草种子生产经营许可", "行政许可", "宁波市自然资源和规划局"],
    ["V1", "动物诊疗许可", "行政许可", "萧山区农业农村局"],
]
ANNEX = [
    ["文号", "发布日期", "序号", "原事项名称", "调整后事项名称", "调整方式"],
    ["浙政发〔2026〕9号", "2026-05-01", "1", "林木种子生产许可", "林草种子生产经营许可", "合并"],
    ["浙政发〔2026〕9号", "2026-05-01", "2", "林木种子经营许可", "林草种子生产经营许可", "合并"],
    ["浙政发〔2026〕9号", "2026-05-01", "3", "动物诊疗许可", "动物诊疗机构设立许可", "名称变更"],
]


def test_a_merge_annex_is_read_on_the_old_names(tmp_path: Path) -> None:
    result = run_on_rows(tmp_path, CATALOGUE, ITEMS, ANNEX)
    assert not result.tables["cancelled_still_listed"].rows
    other = {
        r["item_code"]: r["decision_status"]
        for r in result.tables["other_decision_matches"].rows
        if r["source"] == "list"
    }
    assert other == {"S1": "action 合并", "S2": "action 合并", "V1": "action 名称变更"}
    # the new name is not read, and a warning says so (negative: S3 is reached by nothing)
    assert [w for w in result.warnings if "调整后事项名称" in w]
