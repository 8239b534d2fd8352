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


_WORDS = {
    "zh": {
        "findings": "问题（按类别，待处理行数）：",
        "total": "合计",
        "unlinked": "未关联办件（另计）：{n} 件{why}",
        "exit_found": "退出码 1：仍有 {n} 行待处理"
        "（问题 {f} 行，未关联办件 {u} 件；--fail-on any）。",
        "exit_new": "退出码 1：与基线相比新出现 {n} 行（--fail-on new）。",
        "exit_no_new": "退出码 0：与基线相比没有新出现的问题（--fail-on new）。",
        "exit_clean": "退出码 0：没有待处理的问题。",
        "exit_none": "退出码 0：--fail-on none，不因问题而失败。",
        "open": "请打开报告：{path}",
        "written": "已写入 {n} 个文件：{out}",
    },
    "en": {
        "findings": "Findings by kind (rows to act on):",
        "total": "total",
        "unlinked": "Unlinked work orders (counted apart): {n}{why}",
        "exit_found": "Exit code 1: {n} rows to act on ({f} findings, {u} unlinked work orders; "
        "--fail-on any).",
        "exit_new": "Exit code 1: {n} rows new since the baseline (--fail-on new).",
        "exit_no_new": "Exit code 0: nothing new since the baseline (--fail-on new).",
        "exit_clean": "Exit code 0: nothing to act on.",
        "exit_none": "Exit code 0: --fail-on none never fails on findings.",
        "open": "Open the report: {path}",
        "written": "{n} files written to {out}",
    },
}
UNLINKED = "unlinked_work_orders"


def run_summary(
    open_rows: dict[str, int],
    by_reason: dict[str, int],
    new_rows: int,
    fail_on: str,
    report: str,
    written: tuple[int, str],
    lang: str,
) -> tuple[str, int]:
    """What a run found and why it exits as it does: findings by kind, then the unlinked work
    orders apart, one line on the exit code and the report to open. Returns (text, exit code).

    `open_rows` holds the open rows of each discrepancy table, in table order; `written` the
    number of files written and the folder."""
    from .. import vocab
    from ..tables import TABLE_TITLES

    w = _WORDS["zh" if lang == "zh" else "en"]
    pick = 0 if lang == "zh" else 1
    findings = {k: n for k, n in open_rows.items() if k != UNLINKED}
    rows = [[TABLE_TITLES[k][pick], n] for k, n in findings.items()]
    rows.append([w["total"], sum(findings.values())])
    lines = [w["findings"], tabulate(rows, tablefmt="plain", colalign=("left", "right"))]
    unlinked = open_rows.get(UNLINKED, 0)
    reasons = [f"{vocab.value('reason', r, lang)} {n}" for r, n in by_reason.items() if n]
    why = ("（" + "，".join(reasons) + "）") if lang == "zh" else f" ({', '.join(reasons)})"
    lines.append(w["unlinked"].format(n=unlinked, why=why if reasons else ""))
    f, total = sum(findings.values()), sum(findings.values()) + unlinked
    if fail_on == "none":
        code, said = 0, w["exit_none"]
    elif fail_on == "new":
        code = 1 if new_rows else 0
        said = w["exit_new"].format(n=new_rows) if new_rows else w["exit_no_new"]
    else:
        code = 1 if total else 0
        said = w["exit_found"].format(n=total, f=f, u=unlinked) if total else w["exit_clean"]
    lines += [
        said,
        w["open"].format(path=report),
        w["written"].format(n=written[0], out=written[1]),
    ]
    return "\n".join(lines), code


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
