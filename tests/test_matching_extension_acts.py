"""Extending a licence's term in other words: 延续, 延期 and 续期 do one act (`action_kinds`
延续). Where the catalogue names the extension as a record of its own (建筑施工企业安全生产许可证
延期 beside …核发), a list item naming it otherwise (…延续, …（续期）) is that record, not a
业务办理项 of the first grant: until session 23 it took …核发 and a decision cancelling the
first grant reported it cancelled. Small hand-made cases, answers worked out by hand, end to
end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import cancelled_items, matched_by_name, run_on_rows

CATALOGUE = ["基本编码", "事项名称", "事项类型", "主项编码"]
LIST = ["实施编码", "事项名称", "事项类型", "实施主体"]
DECISIONS = ["文号", "发布日期", "事项名称", "处理决定"]
# records of their own (national-shape codes, no 主项)
SAFETY = [
    ["000120011000", "建筑施工企业安全生产许可证核发", "行政许可", ""],
    ["000120012000", "建筑施工企业安全生产许可证延期", "行政许可", ""],
]
# a 主项 and its 子项
PLANNING = [
    ["440A0001000000", "建设工程规划许可", "行政许可", ""],
    ["440A0001000001", "建设工程规划许可（新建）", "行政许可", "440A0001000000"],
    ["440A0001000004", "建设工程规划许可（延续）", "行政许可", "440A0001000000"],
]


def _run(folder: Path, catalogue: list[list[str]], items: list[str], decision: str) -> Any:
    listed = [LIST] + [
        [f"L{n}", name, "行政许可", "某区住房城乡建设局"] for n, name in enumerate(items)
    ]
    rows = [DECISIONS, ["示例〔2026〕3号", "2026-01-01", decision, "取消"]]
    return run_on_rows(folder, [CATALOGUE, *catalogue], listed, rows)


def test_an_extension_in_other_words_takes_the_extension_record(tmp_path: Path) -> None:
    """…延续 and …（续期） take the record …延期 (base: …核发), so cancelling …核发 reports neither;
    the evidence says the two words do one act."""
    items = ["建筑施工企业安全生产许可证延续", "建筑施工企业安全生产许可证（续期）"]
    result = _run(tmp_path, SAFETY, items, "建筑施工企业安全生产许可证核发")
    assert matched_by_name(result) == dict.fromkeys(items, "000120012000")
    assert cancelled_items(result) == set()
    said = result.tables["list_catalogue_matches"].rows[0]["evidence"]
    assert "one act: 延续" in said


def test_an_extension_note_takes_its_sub_item(tmp_path: Path) -> None:
    """建设工程规划许可（延期） implements the 子项 （延续） (base: the 主项, its note dropped),
    and a decision cancelling （延续） reaches it."""
    result = _run(tmp_path, PLANNING, ["建设工程规划许可（延期）"], "建设工程规划许可（延续）")
    assert matched_by_name(result) == {"建设工程规划许可（延期）": "440A0001000004"}
    assert cancelled_items(result) == {"建设工程规划许可（延期）"}


def test_without_an_extension_record_the_item_stays_a_business_item(tmp_path: Path) -> None:
    """Negatives: with the first grant alone, …延续 is still its 业务办理项 and is cancelled with
    it; 变更, another act no record names, stays the first grant's too."""
    items = ["建筑施工企业安全生产许可证延续", "建筑施工企业安全生产许可证变更"]
    result = _run(tmp_path, SAFETY[:1], items, "建筑施工企业安全生产许可证核发")
    assert matched_by_name(result) == dict.fromkeys(items, "000120011000")
    assert cancelled_items(result) == set(items)


# 子项 of one 主项 (its code stated): the retail and wholesale licences, each issued and extended
DRUGS = [
    ["JS-XK-00012-000", "药品经营许可", "行政许可", ""],
    ["JS-XK-00012-001", "药品批发企业经营许可证核发", "行政许可", "JS-XK-00012-000"],
    ["JS-XK-00012-002", "药品零售企业经营许可证核发", "行政许可", "JS-XK-00012-000"],
    ["JS-XK-00012-003", "药品零售企业经营许可证延续", "行政许可", "JS-XK-00012-000"],
    ["JS-XK-00012-004", "药品批发企业经营许可证延续", "行政许可", "JS-XK-00012-000"],
]
DRUG_ITEMS = [
    "药品零售企业经营许可证核发",
    "药品零售企业经营许可证变更",
    "药品零售企业经营许可证延期",
]
DRUG_ITEMS += ["药品批发企业经营许可证核发", "药品批发企业经营许可证变更", "药品经营许可"]


def _cancelled_records(result: Any) -> set[str]:
    rows = result.tables["cancelled_still_listed"].rows
    return {r["item_code"] for r in rows if r["source"] == "catalogue"}


def test_cancelling_the_issue_takes_its_extension(tmp_path: Path) -> None:
    """Worked by hand: cancelling 药品零售企业经营许可证核发 takes the retail licence with its
    extension (延续 extends the licence the first grant issued, as 变更 changes it): the
    catalogue's 零售…核发 and 零售…延续, the items 核发, 变更 and 延期 (延期 takes …延续).
    Not the wholesale 子项 nor the 主项 药品经营许可 (it holds the wholesale licence too).
    Before session 23's late fix 延续, a kind act since d76bf90, was kept apart from the first
    grant as 补证 is: the 延续 record and 延期 item were missed."""
    result = _run(tmp_path, DRUGS, DRUG_ITEMS, "药品零售企业经营许可证核发")
    assert _cancelled_records(result) == {"JS-XK-00012-002", "JS-XK-00012-003"}
    assert cancelled_items(result) == set(DRUG_ITEMS[:3])


def test_a_reissue_sibling_stays_apart_from_the_issue(tmp_path: Path) -> None:
    """Negative, worked by hand: the same catalogue with …补证 in place of …延续 — a reissue is
    a matter of its own (session 22): cancelling …核发 reaches neither it nor the item …补领."""
    catalogue = [r if r[0] != "JS-XK-00012-003" else [*r[:1], "药品零售企业经营许可证补证", *r[2:]]
                 for r in DRUGS]  # fmt: skip
    items = ["药品零售企业经营许可证核发", "药品零售企业经营许可证补领"]
    result = _run(tmp_path, catalogue, items, "药品零售企业经营许可证核发")
    assert _cancelled_records(result) == {"JS-XK-00012-002"}
    assert cancelled_items(result) == set(items[:1])


# provincial codes whose layout reads 330A06001 and 330A06002 as two 主项, under one stated 主项
WASTE = [
    ["330A06000000", "危险废物经营许可", "行政许可", ""],
    ["330A06001000", "危险废物收集经营许可证核发", "行政许可", "330A06000000"],
    ["330A06002000", "危险废物收集经营许可证延续", "行政许可", "330A06000000"],
    ["330A06003000", "危险废物综合经营许可证核发", "行政许可", "330A06000000"],
    ["330A06004000", "危险废物综合经营许可证延续", "行政许可", "330A06000000"],
]


def test_a_stated_main_item_groups_codes_of_other_families(tmp_path: Path) -> None:
    """Worked by hand: 330A06002000 sits under the 主项编码 330A06000000 the catalogue states,
    the 主项 its 核发 sibling sits under: one family, whatever the code's layout reads
    (330A06002 ≠ 330A06001). Cancelling 危险废物收集经营许可证核发 reaches the 收集 核发 and 延续
    records and the items 核发, 延续, 变更; not the 综合 licence."""
    items = [r[1] for r in WASTE[1:3]] + [
        "危险废物收集经营许可证变更",
        "危险废物综合经营许可证核发",
    ]
    result = _run(tmp_path, WASTE, items, "危险废物收集经营许可证核发")
    assert _cancelled_records(result) == {"330A06001000", "330A06002000"}
    assert cancelled_items(result) == set(items[:3])


def test_without_a_stated_main_item_the_code_families_stay_apart(tmp_path: Path) -> None:
    """Negative, worked by hand: the same records with no 主项编码 and Sichuan codes — the
    codes' layout is the authority: 511A06002000 is another 主项's (511A06002), not reached
    from …核发 (nor its item …延续)."""
    flat = [[r[0].replace("330", "511", 1), *r[1:3], ""] for r in WASTE]
    items = [r[1] for r in WASTE[1:3]]
    result = _run(tmp_path, flat, items, "危险废物收集经营许可证核发")
    assert _cancelled_records(result) == {"511A06001000"}
    assert cancelled_items(result) == set(items[:1])


def test_without_a_stated_main_item_a_code_no_layout_reads_keeps_nothing_apart(
    tmp_path: Path,
) -> None:
    """Worked by hand: the Zhejiang records with no 主项编码 — no layout reads 330A06…
    (session 24: the Sichuan layout reads only codes of 区划 51), so the codes keep nothing
    apart and the names decide: …延续 is the extension of the licence …核发 issues, reached
    with its item (until session 24 the Sichuan layout read 330A06002 as another 主项, which the
    stated 主项编码 above shows it is not)."""
    flat = [[*r[:3], ""] for r in WASTE]
    items = [r[1] for r in WASTE[1:3]]
    result = _run(tmp_path, flat, items, "危险废物收集经营许可证核发")
    assert _cancelled_records(result) == {"330A06001000", "330A06002000"}
    assert cancelled_items(result) == set(items)


# the licence, its extension and its other acts, records of their own (national-shape codes)
TERMS = [
    ["000120021000", "药品经营许可证核发", "行政许可", ""],
    ["000120022000", "药品经营许可证延续", "行政许可", ""],
    ["000120023000", "药品经营许可证变更", "行政许可", ""],
    ["000120024000", "药品经营许可证注销", "行政许可", ""],
    ["000120025000", "药品经营许可证补发", "行政许可", ""],
]
TERM_ITEMS = ["药品经营许可证延续", "药品经营许可证（到期延续）", "药品经营许可证续期"]
TERM_ITEMS += ["药品经营许可证变更", "药品经营许可证注销", "药品经营许可证补发"]


def test_a_decision_naming_the_extension_otherwise_reaches_the_extension(tmp_path: Path) -> None:
    """Worked by hand: a decision cancelling 药品经营许可证延期 (or …续期) names the extension
    the catalogue writes …延续: it reaches that record and the items 延续, （到期延续） and 续期
    implementing it (base: 延期 reached nothing, 续期 only the item of its own name); the
    evidence says the two words do one act. Not 变更, 注销 nor 补发 (negatives)."""
    for decision in ("药品经营许可证延期", "药品经营许可证续期"):
        result = _run(tmp_path / decision, TERMS, TERM_ITEMS, decision)
        assert _cancelled_records(result) == {"000120022000"}, decision
        assert cancelled_items(result) == set(TERM_ITEMS[:3]), decision
        said = {r["item_code"]: r["evidence"] for r in result.tables["cancelled_still_listed"].rows}
        assert "one act: 延续" in said["000120022000"]


def test_a_decision_naming_another_act_does_not_reach_the_extension(tmp_path: Path) -> None:
    """Negative, worked by hand: cancelling 药品经营许可证变更 or …补发 reaches that record and
    its item alone, never the extension nor its items."""
    for decision, code in (
        ("药品经营许可证变更", "000120023000"),
        ("药品经营许可证补发", "000120025000"),
    ):
        result = _run(tmp_path / decision, TERMS, TERM_ITEMS, decision)
        assert _cancelled_records(result) == {code}, decision
        assert cancelled_items(result) == {decision}, decision


def test_a_renewal_on_expiry_is_an_extension(tmp_path: Path) -> None:
    """Worked by hand (session 24's ruling): 延续换证 and 到期换证 (…（到期换发）) renew the
    licence on its expiry: they are its 延续, not a 换证. Beside the records …延续 and …换证,
    the three items implement …延续 (base: 延续换证 read as 延续 and 换证, unmatched; 到期换证
    unmatched, '到期' a qualifier; （到期换发） took …换证) and a decision cancelling …延续
    reaches them; one cancelling …换证 reaches the item 换证 alone (negative)."""
    catalogue = [*TERMS[:2], ["000120026000", "药品经营许可证换证", "行政许可", ""]]
    items = ["药品经营许可证延续换证", "药品经营许可证到期换证", "药品经营许可证（到期换发）"]
    items += ["药品经营许可证换证"]
    result = _run(tmp_path / "a", catalogue, items, "药品经营许可证延续")
    assert matched_by_name(result) == {
        **dict.fromkeys(items[:3], "000120022000"),
        items[3]: "000120026000",
    }
    assert cancelled_items(result) == set(items[:3])
    result = _run(tmp_path / "b", catalogue, items, "药品经营许可证换证")
    assert cancelled_items(result) == {items[3]}
