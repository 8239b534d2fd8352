"""The exported tables: their names, English keys and Chinese/English headers.

Table names and keys are contracts other tools rely on: add columns, never rename them.
"""

from __future__ import annotations

from .model import Column, Table


def _cols(*spec: tuple[str, str, str]) -> list[Column]:
    return [Column(k, zh, en) for k, zh, en in spec]


_EVIDENCE = (
    ("match_tier", "匹配层级", "Match tier"),
    ("match_score", "匹配得分", "Match score"),
    ("fields_compared", "比对字段", "Fields compared"),
    ("evidence", "匹配依据", "Evidence"),
    ("source_file", "来源文件", "Source file"),
    ("source_row", "来源行号", "Source row"),
)

_DECISION_HIT = (
    ("source", "来源", "Source"),
    ("item_code", "事项编码", "Item code"),
    ("item_name", "事项名称", "Item name"),
    ("agency", "实施主体", "Agency"),
    ("item_level", "层级", "Level"),
    ("item_state", "事项状态", "Item state"),
    ("decision", "文号", "Decision"),
    ("decision_title", "决定名称", "Decision title"),
    ("decision_annex", "附件", "Annex"),
    ("decision_seq", "序号", "Decision row no."),
    ("decision_item_name", "决定中的事项名称", "Item name in decision"),
    ("decision_department", "审批部门", "Approving department"),
    ("decision_action", "处理决定", "Action"),
    ("effective_date", "生效日期", "Effective date"),
)

_COMPARE_ONLY = (
    ("key", "实施编码", "Key"),
    ("item_name", "事项名称", "Item name"),
    ("agency", "实施主体", "Agency"),
    ("task_type", "事项类型", "Matter type"),
    ("source_file", "来源文件", "Source file"),
    ("source_row", "来源行号", "Source row"),
)

# Run-to-run columns of every findings table (see findings.py): first the id and status, last
# when the finding was first seen and its age.
_RUN_HEAD = (("finding_id", "问题编号", "Finding ID"), ("status", "状态", "Status"))
_RUN_TAIL = (("first_seen", "首次发现", "First seen"), ("age_days", "持续天数", "Age (days)"))
FINDING_TABLES = (
    "cancelled_still_listed",
    "delegated_items",
    "other_decision_matches",
    "unmatched_list_items",
    "unimplemented_catalogue_items",
    "list_catalogue_matches",
    "unlinked_work_orders",
    "unlinked_codes",
    "work_orders_on_cancelled_items",
    "guide_elements",
    "certificates_still_required",
    "compare_only_in_a",
    "compare_only_in_b",
    "compare_differences",
    "compare_materials",
)

# Tables that can hold a row per work order (or per unlinked code: hundreds of thousands on
# generated files): built as queries (streamed.py), never as dicts.
STREAMED_TABLES = ("unlinked_work_orders", "unlinked_codes", "work_orders_on_cancelled_items")

TABLE_COLUMNS: dict[str, list[Column]] = {
    "cancelled_still_listed": _cols(*_DECISION_HIT, *_EVIDENCE),
    "delegated_items": _cols(
        *_DECISION_HIT, ("delegated_to", "下放至", "Delegated to"), *_EVIDENCE
    ),
    "other_decision_matches": _cols(
        ("decision_status", "决定状态", "Decision status"), *_DECISION_HIT, *_EVIDENCE
    ),
    "unmatched_list_items": _cols(
        ("item_code", "实施编码", "Implementation code"),
        ("item_name", "事项名称", "Item name"),
        ("agency", "实施主体", "Agency"),
        ("task_type", "事项类型", "Matter type"),
        ("basic_code", "基本编码", "Basic code"),
        ("basic_code_origin", "基本编码来源", "Basic code from"),
        ("reason", "原因", "Reason"),
        ("best_candidate_code", "最接近的目录编码", "Best candidate code"),
        ("best_candidate_name", "最接近的目录事项", "Best candidate name"),
        ("best_candidate_score", "相似度", "Best candidate score"),
        ("evidence", "说明", "Evidence"),
        ("source_file", "来源文件", "Source file"),
        ("source_row", "来源行号", "Source row"),
    ),
    "unimplemented_catalogue_items": _cols(
        ("basic_code", "基本编码", "Basic code"),
        ("name", "事项名称", "Name"),
        ("task_type", "事项类型", "Matter type"),
        ("department", "主管部门", "Department"),
        ("use_level", "行使层级", "Levels"),
        ("parent_code", "主项编码", "Main item code"),
        ("evidence", "说明", "Evidence"),
        ("source_file", "来源文件", "Source file"),
        ("source_row", "来源行号", "Source row"),
    ),
    "list_catalogue_matches": _cols(
        ("item_code", "实施编码", "Implementation code"),
        ("item_name", "事项名称", "Item name"),
        ("agency", "实施主体", "Agency"),
        ("basic_code", "匹配的基本编码", "Matched basic code"),
        ("catalogue_name", "目录事项名称", "Catalogue name"),
        *_EVIDENCE,
    ),
    "work_order_linkage": _cols(
        ("agency", "受理部门", "Agency"),
        ("work_orders", "办件数", "Work orders"),
        ("linked", "已关联", "Linked"),
        ("linkage_rate", "关联率", "Linkage rate"),
        ("missing_code", "缺少编码", "Missing code"),
        ("malformed_code", "编码格式错误", "Malformed code"),
        ("basic_code_only", "仅有基本编码", "Basic code only"),
        ("unknown_code", "编码不存在", "Unknown code"),
    ),
    "unlinked_work_orders": _cols(
        ("order_no", "办件编号", "Work order no."),
        ("task_code", "事项编码（原值）", "Code as given"),
        ("reason", "未关联原因", "Reason"),
        ("agency", "受理部门", "Agency"),
        ("accept_time", "受理时间", "Accepted"),
        ("evidence", "说明", "Evidence"),
        ("source_file", "来源文件", "Source file"),
        ("source_row", "来源行号", "Source row"),
    ),
    "unlinked_codes": _cols(
        ("agency", "受理部门", "Agency"),
        ("code", "实施编码（规范化）", "Code (normalised)"),
        ("reason", "未关联原因", "Reason"),
        ("work_orders", "办件数", "Work orders"),
        ("first_accepted", "最早受理日期", "First accepted"),
        ("last_accepted", "最晚受理日期", "Last accepted"),
        ("example_order_nos", "办件编号示例", "Example work orders"),
        ("closest_item_code", "最接近的清单事项编码", "Closest list item code"),
        ("closest_item_name", "最接近的清单事项", "Closest list item"),
        ("evidence", "说明", "Evidence"),
    ),
    "work_orders_on_cancelled_items": _cols(
        ("order_no", "办件编号", "Work order no."),
        ("task_code", "实施编码", "Implementation code"),
        ("item_name", "事项名称", "Item name"),
        ("agency", "受理部门", "Agency"),
        ("applicant", "申请人（脱敏）", "Applicant (masked)"),
        ("accept_time", "受理时间", "Accepted"),
        ("decision", "文号", "Decision"),
        ("decision_seq", "序号", "Decision row no."),
        ("effective_date", "生效日期", "Effective date"),
        ("days_after", "生效后天数", "Days after effective"),
        ("match_tier", "匹配层级", "Match tier"),
        ("evidence", "匹配依据", "Evidence"),
        ("source_file", "来源文件", "Source file"),
        ("source_row", "来源行号", "Source row"),
    ),
    "review": _cols(
        ("pair_id", "对编号", "Pair ID"),
        ("review_status", "复核状态", "Review status"),
        ("kind", "类别", "Kind"),
        ("left_code", "事项编码（左）", "Left code"),
        ("left_name", "事项名称（左）", "Left name"),
        ("left_detail", "类型/部门（左）", "Left type / department"),
        ("left_source", "来源（左）", "Left source"),
        ("right_code", "事项编码（右）", "Right code"),
        ("right_name", "事项名称（右）", "Right name"),
        ("right_detail", "类型/部门（右）", "Right type / department"),
        ("right_source", "来源（右）", "Right source"),
        ("match_tier", "匹配层级", "Match tier"),
        ("match_score", "匹配得分", "Match score"),
        ("match_weights", "证据权重", "Evidence weights (bits)"),
        ("evidence", "匹配依据", "Evidence"),
        ("verdict", "判定", "Verdict"),
        ("note", "备注", "Note"),
        ("reviewer", "审核人", "Reviewer"),
        ("left_key", "左键", "Left key"),
        ("right_key", "右键", "Right key"),
        ("left_fingerprint", "左指纹", "Left fingerprint"),
        ("right_fingerprint", "右指纹", "Right fingerprint"),
    ),
    "guide_elements": _cols(
        ("item_code", "实施编码", "Implementation code"),
        ("item_name", "事项名称", "Item name"),
        ("agency", "实施主体", "Agency"),
        ("task_type", "事项类型", "Matter type"),
        ("element", "要素键", "Element key"),
        ("element_name", "办事指南要素", "Guide element"),
        ("rule", "规则", "Rule"),
        ("problem", "问题", "Problem"),
        ("text", "原文", "Text as published"),
        ("material", "材料名称", "Material"),
        ("material_source", "材料来源行", "Material row"),
        ("source_file", "来源文件", "Source file"),
        ("source_row", "来源行号", "Source row"),
    ),
    "guide_element_rates": _cols(
        ("agency", "实施主体", "Agency"),
        ("element", "要素键", "Element key"),
        ("element_name", "办事指南要素", "Guide element"),
        ("items", "核查事项数", "Items checked"),
        ("failing", "缺失或不清晰", "Missing or unclear"),
        ("rate", "问题率", "Rate"),
    ),
    "certificates_still_required": _cols(
        ("item_code", "实施编码", "Implementation code"),
        ("item_name", "事项名称", "Item name"),
        ("agency", "实施主体", "Agency"),
        ("material", "材料名称", "Material"),
        ("certificate", "已取消的证明", "Cancelled certificate"),
        ("decision", "文号", "Decision"),
        ("decision_title", "决定名称", "Decision title"),
        ("decision_seq", "序号", "Decision row no."),
        ("decision_action", "处理决定", "Action"),
        ("effective_date", "生效日期", "Effective date"),
        ("match_rule", "匹配规则", "Match rule"),
        ("evidence", "匹配依据", "Evidence"),
        ("decision_source", "决定来源行", "Decision row"),
        ("material_source", "材料来源行", "Material row"),
        ("source_file", "来源文件", "Source file"),
        ("source_row", "来源行号", "Source row"),
    ),
    "compare_only_in_a": _cols(*_COMPARE_ONLY),
    "compare_only_in_b": _cols(*_COMPARE_ONLY),
    "compare_differences": _cols(
        ("key", "实施编码", "Key"),
        ("item_name", "事项名称", "Item name"),
        ("field", "要素键", "Field key"),
        ("field_name", "要素", "Field"),
        ("kind", "差异类别", "Kind"),
        ("value_a", "A 中的值", "Value in A"),
        ("value_b", "B 中的值", "Value in B"),
        ("source_row_a", "A 行号", "Row in A"),
        ("source_row_b", "B 行号", "Row in B"),
    ),
    "compare_materials": _cols(
        ("key", "实施编码", "Key"),
        ("item_name", "事项名称", "Item name"),
        ("material", "材料名称", "Material"),
        ("change", "差异", "Change"),
        ("field", "材料要素键", "Field key"),
        ("field_name", "材料要素", "Field"),
        ("value_a", "A 中的值", "Value in A"),
        ("value_b", "B 中的值", "Value in B"),
        ("material_source_a", "A 材料来源行", "Material row in A"),
        ("material_source_b", "B 材料来源行", "Material row in B"),
    ),
    "compare_field_counts": _cols(
        ("field", "要素键", "Field key"),
        ("field_name", "要素", "Field"),
        ("items", "不一致事项数", "Items differing"),
    ),
    "rejected_rows": _cols(
        ("file", "文件", "File"),
        ("row", "行号", "Row"),
        ("column", "列", "Column"),
        ("reason", "原因", "Reason"),
    ),
}

# Tables whose rows are findings a department must act on; the others explain or account.
DISCREPANCY_TABLES = (
    "cancelled_still_listed",
    "delegated_items",
    "unmatched_list_items",
    "unimplemented_catalogue_items",
    "unlinked_work_orders",
    "work_orders_on_cancelled_items",
    "guide_elements",
    "certificates_still_required",
    "compare_only_in_a",
    "compare_only_in_b",
    "compare_differences",
    "compare_materials",
)

TABLE_TITLES: dict[str, tuple[str, str]] = {
    "cancelled_still_listed": ("已取消仍在清单", "Cancelled but still listed"),
    "delegated_items": ("已下放事项", "Delegated items"),
    "other_decision_matches": ("其他决定匹配", "Other decision matches"),
    "unmatched_list_items": ("清单未对应目录", "List items without a catalogue matter"),
    "unimplemented_catalogue_items": ("目录未实施", "Catalogue matters not implemented"),
    "list_catalogue_matches": ("清单目录对应", "List-to-catalogue matches"),
    "work_order_linkage": ("办件关联率", "Work-order linkage"),
    "unlinked_work_orders": ("未关联办件", "Unlinked work orders"),
    "unlinked_codes": ("未关联编码", "Unlinked codes"),
    "work_orders_on_cancelled_items": ("取消后仍办件", "Work orders on cancelled items"),
    "guide_elements": ("办事指南要素缺失或不清晰", "Service-guide elements missing or unclear"),
    "guide_element_rates": ("办事指南问题率", "Service-guide defect rates"),
    "certificates_still_required": (
        "已取消证明仍要求提供",
        "Cancelled certificates still required",
    ),
    "compare_only_in_a": ("仅在 A 中的事项", "Items only in A"),
    "compare_only_in_b": ("仅在 B 中的事项", "Items only in B"),
    "compare_differences": ("要素不一致", "Elements that differ"),
    "compare_materials": ("申请材料不一致", "Materials that differ"),
    "compare_field_counts": ("各要素不一致数", "Differences by field"),
    "rejected_rows": ("拒收行", "Rejected rows"),
    "review": ("待审核匹配", "Matches to review"),
}


for _name in FINDING_TABLES:
    TABLE_COLUMNS[_name] = [*_cols(*_RUN_HEAD), *TABLE_COLUMNS[_name], *_cols(*_RUN_TAIL)]


def new_table(name: str) -> Table:
    return Table(
        name=name,
        columns=TABLE_COLUMNS[name],
        counts_as_discrepancy=name in DISCREPANCY_TABLES,
    )
