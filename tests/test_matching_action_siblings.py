"""Reissue and renewal named as sibling matters: where the catalogue lists 补证 or 换证 beside the
first grant (申领, 核发), a list item naming that act, in its words or others (补领, 补办, 换领),
is that sibling, not a 业务办理项 of the first grant. Small hand-made cases, answers worked out by
hand, end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import cancelled_names, matched_by_name, run_on_rows

from catalog_sync import vocab

DECISIONS = ["文号", "发布日期", "事项名称", "处理决定"]
LIST = ["实施编码", "事项名称", "事项类型", "实施主体"]
# 基本编码 of the national catalogue's shape: each a 主项 of its own (no code family)
LICENCE = [["002019000000", "机动车驾驶证申领"], ["002020000000", "机动车驾驶证换证"],
           ["002021000000", "机动车驾驶证补证"]]  # fmt: skip
CARD = [["004001000000", "残疾人证核发"], ["004002000000", "残疾人证换发"],
        ["004003000000", "残疾人证补发"]]  # fmt: skip
D1, D2, D3 = (code for code, _ in LICENCE)
K1, K2, K3 = (code for code, _ in CARD)


def _run(folder: Path, catalogue: list[list[str]], items: list[str], decisions: list[str]) -> Any:
    """The pipeline on one catalogue (no 主项), one list of one agency, decisions cancelling."""
    rows = [["基本编码", "事项名称", "事项类型"], *([*r, "其他行政权力"] for r in catalogue)]
    listed = [LIST] + [[f"L{n}", name, "其他行政权力", "某区某局"] for n, name in enumerate(items)]
    cancels = [["国发〔2025〕4号", "2025-01-01", name, "取消"] for name in decisions]
    return run_on_rows(folder, rows, listed, [DECISIONS, *cancels])


def test_an_action_item_takes_the_sibling_doing_that_act(tmp_path: Path) -> None:
    """补领 and 补办 do the reissue 补证 and 补发 do, 换领 and （换证） the renewal of 换证, 换发:
    each item takes that sibling, none the first grant, so cancelling 申领 and 核发 reports no
    list item. The evidence says which words do one act."""
    items = ["机动车驾驶证补领", "机动车驾驶证换领", "残疾人证补办", "残疾人证（补办）",
             "残疾人证换领", "残疾人证核发（换证）"]  # fmt: skip
    result = _run(tmp_path, LICENCE + CARD, items, ["机动车驾驶证申领", "残疾人证核发"])
    assert matched_by_name(result) == {
        "机动车驾驶证补领": D3,
        "机动车驾驶证换领": D2,
        "残疾人证补办": K3,
        "残疾人证（补办）": K3,
        "残疾人证换领": K2,
        "残疾人证核发（换证）": K2,
    }
    assert cancelled_names(result) == {"机动车驾驶证申领", "残疾人证核发"}
    rows = {r["item_name"]: r for r in result.tables["list_catalogue_matches"].rows}
    said = rows["机动车驾驶证补领"]["evidence"]
    assert "the first does the second's act in other words (补领 / 补证, one act: 补办)" in said
    zh = vocab.render(said, "zh") or ""
    assert "前者与后者是同一业务办理项的不同说法（补领 / 补证，同为补办）" in zh


def test_without_a_sibling_the_action_stays_a_business_item(tmp_path: Path) -> None:
    """Negatives: with the first grant alone in the catalogue, 补领 is still its 业务办理项 and is
    reported cancelled with it; a 换领 item beside the 补证 sibling only stays the first grant's
    (no sibling renews); the first grant itself (申领) takes its own record."""
    result = _run(tmp_path / "a", LICENCE[:1], ["机动车驾驶证补领"], ["机动车驾驶证申领"])
    assert matched_by_name(result) == {"机动车驾驶证补领": D1}
    assert cancelled_names(result) == {"机动车驾驶证申领", "机动车驾驶证补领"}
    two = [LICENCE[0], LICENCE[2]]
    items = ["机动车驾驶证换领", "机动车驾驶证申领", "机动车驾驶证补领"]
    result = _run(tmp_path / "b", two, items, ["机动车驾驶证补证"])
    assert matched_by_name(result) == {
        "机动车驾驶证换领": D1,
        "机动车驾驶证申领": D1,
        "机动车驾驶证补领": D3,
    }
    assert cancelled_names(result) == {"机动车驾驶证补证", "机动车驾驶证补领"}


def test_two_siblings_doing_the_act_leave_it_unmatched(tmp_path: Path) -> None:
    """Negative: a catalogue naming both 补发 and 补办 (kept apart in some lists) leaves a 补领
    item unmatched, neither taken, nor the first grant; the item naming 补办 takes 补办."""
    card = [*CARD, ["004004000000", "残疾人证补办"]]
    result = _run(tmp_path, card, ["残疾人证补领", "残疾人证补办"], ["残疾人证核发"])
    assert matched_by_name(result) == {"残疾人证补办": "004004000000"}
    assert cancelled_names(result) == {"残疾人证核发"}
    unmatched = {r["item_name"]: r for r in result.tables["unmatched_list_items"].rows}
    assert unmatched["残疾人证补领"]["best_candidate_name"] == "残疾人证补发"
