"""List names decorated the way county lists write them (session 23, hunt h23b), answers worked
out by hand: a list item labelled with its 事项类型 in brackets (【行政许可】…) is the matter
the label stands beside; one citing the State Council decision that set it up (…（《国务院对
确需保留的行政审批项目设定行政许可的决定》第200项）) is the matter, the citation a remark. Until
session 23 both were unmatched, and the decisions cancelling their matters missed them.
"""

from __future__ import annotations

from pathlib import Path

from test_decision_reach import _item
from test_decision_sub_items import _run, _table

from catalog_sync.mappings import load_mapping
from catalog_sync.normalise import name_key
from catalog_sync.wording import is_remark

QIGONG = "举办健身气功活动及设立站点审批"
ABROAD = "自费出国留学中介服务机构资格认定"
STATE_COUNCIL_412 = "《国务院对确需保留的行政审批项目设定行政许可的决定》"
LABEL_CATALOGUE = [
    ["000123004000", QIGONG, "行政许可", "体育部门", "", ""],
    ["000123005000", "举办高危险性体育项目经营活动许可", "行政许可", "体育部门", "", ""],
    ["000104007000", ABROAD, "行政许可", "教育部门", "", ""],
]


def test_a_type_label_or_a_decision_cited_beside_the_name_is_no_part_of_it(
    tmp_path: Path,
) -> None:
    """【行政许可】举办健身气功活动及设立站点审批 (no 基本编码) is the catalogue's matter and the
    decision on it reaches it; 自费出国留学中介服务机构资格认定（《国务院对确需保留的行政审批
    项目设定行政许可的决定》第200项） cites the decision that set the licence up: a remark, the
    matter is the catalogue's. Until session 23 both were unmatched and their cancellation missed
    ('(行政许可)' read as a qualifier in front; the citation's 第200项 as another number)."""
    items = [
        _item("L1", f"【行政许可】{QIGONG}", "区文化体育局"),
        _item("L2", f"{ABROAD}（{STATE_COUNCIL_412}第200项）", "省教育厅"),
        _item("L3", "举办高危险性体育项目经营活动许可", "区文化体育局", "000123005000"),
    ]
    header = ["文号", "生效日期", "序号", "项目名称", "审批部门", "设定依据"]
    decisions = [
        ["国发〔2017〕46号", "2017-09-22", "1", QIGONG, "体育行政部门", STATE_COUNCIL_412],
        ["国发〔2017〕46号", "2017-09-22", "2", ABROAD, "省级教育行政部门", STATE_COUNCIL_412],
    ]
    result = _run(
        tmp_path, LABEL_CATALOGUE, items, header, decisions, "国务院决定取消的行政许可事项目录.csv"
    )
    cancelled = _table(result, "cancelled_still_listed")
    assert cancelled == ["000104007000", "000123004000", "L1", "L2"]


def test_only_a_whole_type_name_in_brackets_is_a_label() -> None:
    """Negative: a note holding more than a type's name (（行政许可中介服务）) or a short word
    (（许可）) stays in the key; a note on a decision the matter is about (（不予许可的决定）,
    （撤销决定）) cites nothing, one naming its issuer does."""
    m = load_mapping()
    lq = m.level_qualifiers
    assert name_key(f"【行政许可】{QIGONG}", lq) == name_key(QIGONG, lq)
    assert name_key(f"{QIGONG}（公共服务事项）", lq) == name_key(QIGONG, lq)
    assert name_key(f"行政许可：{QIGONG}", lq) == name_key(QIGONG, lq)
    assert name_key(f"行政许可-{QIGONG}", lq) == name_key(QIGONG, lq)
    assert name_key("行政许可事项清单编制", lq) == "行政许可事项清单编制"
    assert name_key("某某行政许可：变更", lq) == "某某行政许可变更"
    assert name_key("某某审批（行政许可中介服务）", lq) == "某某审批(行政许可中介服务)"
    assert name_key("某某审批（许可）", lq) == "某某审批(许可)"
    w = m.wording
    assert is_remark("国务院对确需保留的行政审批项目设定行政许可的决定第200项", w)
    assert is_remark("四川省人民政府关于取消和调整行政审批项目的决定", w)
    assert not is_remark("不予许可的决定", w)
    assert not is_remark("撤销决定", w)
    assert not is_remark("作出不予行政许可的书面决定", w)
