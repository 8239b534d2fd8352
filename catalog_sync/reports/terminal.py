"""The one-glance summary printed at the end of a run."""

from __future__ import annotations

from typing import Any

from tabulate import tabulate

# (summary key, English header, Chinese header)
SUMMARY_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("catalogue_items", "catalogue", "目录"),
    ("list_items", "list", "清单"),
    ("decision_items", "decisions", "决定"),
    ("work_orders", "work orders", "办件"),
    ("cancelled_still_listed", "cancelled+listed", "取消仍在"),
    ("delegated_items", "delegated", "下放"),
    ("unmatched_list_items", "unmatched", "未对应"),
    ("unimplemented_catalogue_items", "unimplemented", "未实施"),
    ("list_conformance_rate", "conformance", "符合率"),
    ("work_order_linkage_rate", "linkage", "关联率"),
)

MISSING = "—"


def format_rate(value: Any) -> str:
    """A rate given as a fraction (0.5599) shown as a percent ("55.99%"); None as a dash."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return MISSING if value is None else str(value)
    return f"{value:.2%}"


def summary_line_table(summary: dict[str, Any], lang: str = "en") -> str:
    """Render the key counts as a header row and one data row, short enough for a terminal."""
    headers = [zh if lang == "zh" else en for _, en, zh in SUMMARY_COLUMNS]
    row: list[Any] = []
    for key, _, _ in SUMMARY_COLUMNS:
        value = summary.get(key)
        if key.endswith("_rate"):
            row.append(format_rate(value))
        else:
            row.append(MISSING if value is None else value)
    return tabulate([row], headers=headers, tablefmt="simple")


# (summary key, English header, Chinese header) of `compare`
COMPARE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("items_a", "items in A", "A 事项"),
    ("items_b", "items in B", "B 事项"),
    ("only_in_a", "only in A", "仅在 A"),
    ("only_in_b", "only in B", "仅在 B"),
    ("count_mismatch", "count mismatch", "数量不一致"),
    ("requirements_differ", "requirements differ", "要求不统一"),
    ("updates_out_of_sync", "updates out of sync", "更新不同步"),
)


def compare_line_table(summary: dict[str, Any], lang: str = "en") -> str:
    """The counts of a `compare` run as a header row and one data row."""
    headers = [zh if lang == "zh" else en for _, en, zh in COMPARE_COLUMNS]
    row = [summary.get(key, MISSING) for key, _, _ in COMPARE_COLUMNS]
    return tabulate([row], headers=headers, tablefmt="simple")
