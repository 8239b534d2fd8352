"""Code families are read only from a layout recognised for the code (Definitions, Code
families): the Sichuan layout from a code that begins with Sichuan's 区划 51, the national one
from 12 digits beginning 000, Guizhou's and the letter layout by their own shapes. A code of
another province's numbering (区划 + department + sequence: 330100002001) is in no family."""

from __future__ import annotations

from pathlib import Path

from conftest import cancelled_items, run_cancelling

from catalog_sync.mappings import load_mapping

CATALOGUE_HEADER = ["基本编码", "事项名称", "事项类型", "主管部门"]
LIST_HEADER = ["实施主体", "事项名称", "基本编码", "实施编码", "事项类型"]


def _catalogue(rows: list[tuple[str, str]]) -> list[list[str]]:
    return [CATALOGUE_HEADER, *([code, name, "行政许可", "某部门"] for code, name in rows)]


def _items(rows: list[tuple[str, str]]) -> list[list[str]]:
    """One list item per catalogue matter, carrying its code (a list coded as the catalogue)."""
    return [
        LIST_HEADER,
        *(
            ["某市某局", name, code, f"11330100MB0000000X{code}{n:02d}", "行政许可"]
            for n, (code, name) in enumerate(rows)
        ),
    ]


def test_the_sichuan_layout_reads_only_a_sichuan_code() -> None:
    """By hand: 511A1839800009 and 512B00679000 begin with 51, the Sichuan layout reads their
    first nine characters; 330100002001 (Zhejiang) and 440300001001 (Shenzhen) are read by no
    layout; 000117010001 by the national one, XK00104002 by Guizhou's."""
    mapping = load_mapping()
    assert mapping.main_code("511A1839800009") == "511A18398"
    assert mapping.main_code("512B00679000") == "512B00679"
    assert mapping.main_code("000117010001") == "000117010"
    assert mapping.main_code("XK00104002") == "XK00104"
    assert mapping.main_code("330100002001") == ""
    assert mapping.main_code("440300001001") == ""
    assert mapping.main_code("33010000200101") == ""


SEQUENCE = [
    ("330100001001", "排污许可"),
    ("330100002001", "排污许可证核发"),
    ("330100002002", "排污许可证变更"),
    ("330100003001", "种子生产经营许可证核发"),
    ("330100004001", "种子生产经营许可证注销"),
    ("330100005001", "种子生产经营备案"),
]


def test_a_sequence_code_of_another_province_keeps_no_matter_apart(tmp_path: Path) -> None:
    """A Zhejiang list numbered 区划 330100 + department 00N + sequence: cancelling
    排污许可 reaches 排污许可证核发 and …变更 (its 业务办理项, one stem), and cancelling
    种子生产经营许可证核发 its 注销, as under the national layout. Until session 24 the
    Sichuan layout read 330100001 and 330100002 as two 主项 codes and kept the 业务办理项
    apart: three items missed."""
    result = run_cancelling(
        tmp_path, _catalogue(SEQUENCE), _items(SEQUENCE), ["排污许可", "种子生产经营许可证核发"]
    )
    assert cancelled_items(result) == {
        "排污许可",
        "排污许可证核发",
        "排污许可证变更",
        "种子生产经营许可证核发",
        "种子生产经营许可证注销",
    }


def test_a_sichuan_code_still_keeps_another_matter_apart(tmp_path: Path) -> None:
    """Negative: codes of Sichuan's layout still keep names of one stem apart when their 主项
    codes differ: cancelling 企业社会保险登记 (512B00679) does not reach 企业注销社会保险登记
    (512B03591), nor does 排污许可 (511A01001) reach 排污许可证核发 (511A01002)."""
    rows = [
        ("512B00679000", "企业社会保险登记"),
        ("512B03591000", "企业注销社会保险登记"),
        ("511A0100100000", "排污许可"),
        ("511A0100200000", "排污许可证核发"),
    ]
    cancelled = ["企业社会保险登记", "排污许可"]
    result = run_cancelling(tmp_path, _catalogue(rows), _items(rows), cancelled)
    assert cancelled_items(result) == {"企业社会保险登记", "排污许可"}


def test_a_national_code_still_keeps_another_matter_apart(tmp_path: Path) -> None:
    """Negative: the national layout (000 + 6 + 3) keeps 排污许可 (000122001) apart from
    排污许可证核发 (000122002); under one 主项 code (000122003001 …002) they are one matter."""
    rows = [
        ("000122001000", "排污许可"),
        ("000122002001", "排污许可证核发"),
        ("000133004000", "公共场所卫生许可"),
        ("000133004001", "公共场所卫生许可证核发"),
    ]
    cancelled = ["排污许可", "公共场所卫生许可"]
    result = run_cancelling(tmp_path, _catalogue(rows), _items(rows), cancelled)
    assert cancelled_items(result) == {"排污许可", "公共场所卫生许可", "公共场所卫生许可证核发"}


def test_a_stated_main_item_of_an_unread_code_is_still_one_family(tmp_path: Path) -> None:
    """Negative: where the catalogue states the 主项编码 (Zhejiang 330A06000000, a code no layout
    reads), the 子项 are its family: cancelling …核发 reaches …延续, not a same-stem record stated
    under another 主项 (330A07000000)."""
    header = [*CATALOGUE_HEADER, "主项编码"]
    catalogue = [
        header,
        ["330A06000000", "危险废物经营许可", "行政许可", "生态环境部门", ""],
        ["330A06001000", "危险废物收集经营许可证核发", "行政许可", "生态环境部门", "330A06000000"],
        ["330A06002000", "危险废物收集经营许可证延续", "行政许可", "生态环境部门", "330A06000000"],
        ["330A07000000", "危险废物收集", "行政许可", "生态环境部门", ""],
        ["330A07001000", "危险废物收集经营许可证变更", "行政许可", "生态环境部门", "330A07000000"],
    ]
    rows = [(r[0], r[1]) for r in catalogue[1:]]
    result = run_cancelling(tmp_path, catalogue, _items(rows), ["危险废物收集经营许可证核发"])
    assert cancelled_items(result) == {"危险废物收集经营许可证核发", "危险废物收集经营许可证延续"}
