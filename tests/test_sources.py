"""The readers: encodings, header detection, field names, codes, rejected rows, decisions.

Every expected value below is worked out by hand from the input written in the test.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import write_csv

from catalog_sync.dates import parse_date
from catalog_sync.errors import MappingError, SourceError
from catalog_sync.mappings import load_mapping
from catalog_sync.model import CANCEL, DELEGATE, OTHER, Matter, Rejected, SourceRef
from catalog_sync.sources.catalogue import load_catalogue
from catalog_sync.sources.decisions import load_decisions
from catalog_sync.sources.implementation_list import level_of_area, load_list
from catalog_sync.sources.tabular import Decoded, decode_text, read_table

MAPPING = load_mapping()

CATALOGUE_HEADER = ["基本编码", "事项名称", "事项类型", "主管部门", "主项编码"]
CATALOGUE_ROWS = [
    ["000101001000", "企业投资项目核准", "行政许可", "发展改革委", ""],
    ["000101001001", "企业投资项目核准（变更）", "许可", "发展改革委", "000101001000"],
    ["000201002000", "公共场所卫生许可", "01", "卫生健康委", ""],
]


def expected_matters(display: str, first_row: int) -> list[Matter]:
    """The three CATALOGUE_ROWS as Matters; 许可 and 01 both mean 行政许可."""
    return [
        Matter(
            ref=SourceRef(display, first_row),
            basic_code="000101001000",
            basic_code_raw="000101001000",
            name="企业投资项目核准",
            task_type="行政许可",
            department="发展改革委",
        ),
        Matter(
            ref=SourceRef(display, first_row + 1),
            basic_code="000101001001",
            basic_code_raw="000101001001",
            name="企业投资项目核准（变更）",
            task_type="行政许可",
            department="发展改革委",
            parent_code="000101001000",
        ),
        Matter(
            ref=SourceRef(display, first_row + 2),
            basic_code="000201002000",
            basic_code_raw="000201002000",
            name="公共场所卫生许可",
            task_type="行政许可",
            department="卫生健康委",
        ),
    ]


# --- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
    ],
)
def test_catalogue_reads_the_same_in_every_encoding(tmp_path, encoding, detected):
    path = write_csv(tmp_path / "catalogue.csv", [CATALOGUE_HEADER, *CATALOGUE_ROWS], encoding)
    if encoding == "utf-8-sig":
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    loaded = load_catalogue(path, "catalogue.csv", MAPPING)
    assert loaded.encoding == detected
    assert loaded.header_row == 1
    assert loaded.rows_read == 3
    assert loaded.rejected == []
    assert loaded.records == expected_matters("catalogue.csv", 2)


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_bytes_invalid_in_utf8_and_gb18030_reject_their_row(tmp_path, encoding):
    # b"\xff" and b"\x80" start no character in UTF-8, GBK or GB18030. They sit on line 3, after
    # two good lines of Chinese text: that row is rejected (not the first Chinese character,
    # which is merely not UTF-8 in the GBK file), the others are read in the file's encoding.
    head = "基本编码,事项名称\r\n000101001000,企业投资项目核准\r\n".encode(encoding)
    tail = "\r\n000201002000,公共场所卫生许可\r\n".encode(encoding)
    path = tmp_path / "catalogue.csv"
    path.write_bytes(head + b"000101001001,\xff\xfe\xfa\x80" + tail)
    loaded = load_catalogue(path, "catalogue.csv", MAPPING)
    assert loaded.encoding == ("gb18030" if encoding == "gbk" else "utf-8")
    assert [(m.ref.row, m.name) for m in loaded.records] == [
        (2, "企业投资项目核准"),
        (4, "公共场所卫生许可"),
    ]
    assert loaded.rejected == [
        Rejected(
            "catalogue.csv",
            3,
            "holds bytes that are neither UTF-8 nor GB18030/GBK text; re-save the file in one "
            "encoding",
        )
    ]
    assert loaded.rows_read == 3


def test_file_mostly_not_text_names_file_and_row(tmp_path):
    path = tmp_path / "catalogue.csv"
    path.write_bytes("基本编码,事项名称\r\n".encode() + b"\xff\xfe,\x80\x81\xff\r\n" * 3)
    with pytest.raises(SourceError) as err:
        load_catalogue(path, "catalogue.csv", MAPPING)
    assert (err.value.file, err.value.row) == ("catalogue.csv", 2)
    assert "UTF-8 or GB18030" in str(err.value)


MIXED = (
    "is {} text in a {} file (mixed encodings); check the row and re-save the file in one encoding"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # 编码 and 名称 in GBK are not UTF-8, 事项 in UTF-8 is: two lines to one, GB18030 wins
        (
            "编码\n名称\n".encode("gbk") + "事项\n".encode(),
            Decoded("gb18030", "编码\n名称\n事项\n", {3: MIXED.format("UTF-8", "GB18030")}),
        ),
        # one line each: a tie goes to UTF-8, and the BOM is named in the encoding
        (
            b"\xef\xbb\xbf" + "编码\n".encode() + "名称\n".encode("gbk"),
            Decoded("utf-8-sig", "编码\n名称\n", {2: MIXED.format("GB18030", "UTF-8")}),
        ),
        # one line in neither against one in UTF-8 is not "mostly neither": its row is rejected
        (
            "编码\n".encode() + b"\xff\n",
            Decoded(
                "utf-8",
                "编码\n\ufffd\n",
                {
                    2: "holds bytes that are neither UTF-8 nor GB18030/GBK text; re-save the file "
                    "in one encoding"
                },
            ),
        ),
    ],
    ids=["gbk-with-utf8-line", "utf8-bom-with-gbk-line", "one-line-in-neither"],
)
def test_decode_text_names_each_line_in_another_encoding(data, expected):
    assert decode_text(data, "t.csv") == expected


def test_decode_text_offset_of_first_byte_not_text_counts_the_bom():
    # BOM (3 bytes), "a,b\r\n" (5 bytes), then "x," (2 bytes) before the first \xff: offset 10,
    # on line 2; two lines in neither encoding against none in UTF-8 or GB18030
    data = b"\xef\xbb\xbf" + b"a,b\r\n" + b"x,\xff\r\n" * 2
    with pytest.raises(SourceError) as err:
        decode_text(data, "t.csv")
    assert str(err.value) == (
        "t.csv row 2: bytes at offset 10 are not UTF-8 or GB18030/GBK text; re-save the file as "
        "UTF-8 or GB18030"
    )


# --- header detection ----------------------------------------------------------------------


def test_csv_title_and_blank_row_above_header(tmp_path):
    # Row 1 title, row 2 blank, row 3 header, rows 4-5 data, row 6 blank, row 7 data.
    rows = [
        ["广安区政务服务事项基本目录（2026年版）"],
        [],
        CATALOGUE_HEADER,
        CATALOGUE_ROWS[0],
        CATALOGUE_ROWS[1],
        [],
        CATALOGUE_ROWS[2],
    ]
    loaded = load_catalogue(write_csv(tmp_path / "c.csv", rows), "c.csv", MAPPING)
    assert loaded.header_row == 3
    assert [m.ref.row for m in loaded.records] == [4, 5, 7]
    assert [m.basic_code for m in loaded.records] == [
        "000101001000",
        "000101001001",
        "000201002000",
    ]


def test_csv_title_row_only(tmp_path):
    rows = [["基本目录", "", "", "", ""], CATALOGUE_HEADER, *CATALOGUE_ROWS]
    loaded = load_catalogue(write_csv(tmp_path / "c.csv", rows), "c.csv", MAPPING)
    assert loaded.header_row == 2
    assert loaded.records == expected_matters("c.csv", 3)


def _xlsx(path: Path, rows: list[list[str]], merge: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value != "":
                ws.cell(row=r, column=c, value=value)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("rows_above", "header_row"),
    [
        ([["广安区政务服务事项基本目录"], []], 3),  # merged title, then a blank row
        ([["广安区政务服务事项基本目录"]], 2),  # merged title only
    ],
)
def test_xlsx_merged_title_above_header(tmp_path, rows_above, header_row):
    rows = [*rows_above, CATALOGUE_HEADER, *CATALOGUE_ROWS]
    path = _xlsx(tmp_path / "catalogue.xlsx", rows, merge="A1:E1")
    loaded = load_catalogue(path, "catalogue.xlsx", MAPPING)
    assert loaded.encoding == "xlsx"
    assert loaded.header_row == header_row
    assert loaded.records == expected_matters("catalogue.xlsx", header_row + 1)


def test_xlsx_list_blank_rows_keep_spreadsheet_numbers(tmp_path):
    # Title in row 1 (merged A1:C1), header in row 3, data in rows 4 and 6 (row 5 blank).
    rows = [
        ["某县实施清单"],
        [],
        ["实施编码", "事项名称", "行政区划代码"],
        ["511A0138000000-511602000000-000-1-00", "甲事项", "511602000000"],
        [],
        ["G-000007-001-511602000000-000-1-00", "乙事项", "511602000000"],
    ]
    path = _xlsx(tmp_path / "list.xlsx", rows, merge="A1:C1")
    loaded = load_list(path, "list.xlsx", MAPPING)
    assert loaded.header_row == 3
    assert [(i.ref.row, i.name) for i in loaded.records] == [(4, "甲事项"), (6, "乙事项")]
    assert loaded.rows_read == 2


def test_xlsx_header_over_two_rows_is_one_header(tmp_path):
    """事项名称 merged over 主项名称 | 子项名称, 实施编码 and 实施主体 merged down both rows: the
    header is rows 2 and 3, the items are rows 4 and 5, each named by its 子项 under its 主项
    (worked by hand); before, row 3 was read as an item with the code '实施编码'."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (
        ["某县政务服务事项实施清单"],
        ["实施编码", "事项名称", None, "实施主体"],
        [None, "主项名称", "子项名称", None],
        ["T1", "旅馆业特种行业许可证核发", "", "某县公安局"],
        ["T2", "食品生产许可", "食品生产许可（新办）", "某县市场监督管理局"],
    ):
        ws.append(row)
    for merged in ("A1:D1", "A2:A3", "D2:D3", "B2:C2"):
        ws.merge_cells(merged)
    wb.save(tmp_path / "list.xlsx")
    loaded = load_list(tmp_path / "list.xlsx", "list.xlsx", MAPPING)
    assert loaded.header_row == 3
    assert [(i.ref.row, i.task_code, i.name, i.parent_name, i.agency) for i in loaded.records] == [
        (4, "T1", "旅馆业特种行业许可证核发", "", "某县公安局"),
        (5, "T2", "食品生产许可（新办）", "食品生产许可", "某县市场监督管理局"),
    ]
    assert loaded.rejected == []


def test_a_header_over_two_rows_may_name_a_column_no_mapping_knows(tmp_path):
    """备注 over 说明 beside 事项名称 over 主项名称 | 子项名称: the lower row still continues the
    header (worked by hand: one item, row 3, named by its 子项); before, one unknown name made
    the lower row data and every item was named by its 主项."""
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["实施编码", "事项名称", "", "实施主体", "备注"],
            ["", "主项名称", "子项名称", "", "说明"],
            ["T1", "食品生产许可", "食品生产许可（新办）", "某局", "x"],
        ],
    )
    loaded = load_list(path, "list.csv", MAPPING)
    assert loaded.header_row == 2
    assert [(i.ref.row, i.name, i.parent_name) for i in loaded.records] == [
        (3, "食品生产许可（新办）", "食品生产许可")
    ]


def test_a_row_below_the_header_holding_data_stays_data(tmp_path):
    """Only a row of column names continues the header: a first item whose name happens to be
    a column name (子项名称) beside a code is an item."""
    path = write_csv(
        tmp_path / "list.csv",
        [["实施编码", "事项名称", "实施主体"], ["T1", "子项名称", "某县公安局"]],
    )
    loaded = load_list(path, "list.csv", MAPPING)
    assert loaded.header_row == 1
    assert [(i.task_code, i.name) for i in loaded.records] == [("T1", "子项名称")]


# --- field names and mappings ----------------------------------------------------------------


def test_national_exchange_field_names(tmp_path):
    cat = write_csv(
        tmp_path / "cat.csv",
        [["catalog_code", "task_name", "task_type"], ["000101001000", "企业投资项目核准", "01"]],
    )
    lst = write_csv(
        tmp_path / "list.csv",
        [
            ["task_code", "catalog_code", "task_name", "task_type"],
            ["11510100AB0001-510100-001", "000101001000", "企业投资项目核准", "行政许可"],
        ],
    )
    (matter,) = load_catalogue(cat, "cat.csv", MAPPING).records
    assert (matter.basic_code, matter.name, matter.task_type) == (
        "000101001000",
        "企业投资项目核准",
        "行政许可",
    )
    (item,) = load_list(lst, "list.csv", MAPPING).records
    assert (item.task_code, item.basic_code, item.basic_code_origin) == (
        "11510100AB0001-510100-001",
        "000101001000",
        "given",
    )
    assert (item.name, item.task_type) == ("企业投资项目核准", "行政许可")


def test_sichuan_field_names(tmp_path):
    # The first two rows of the real Guang'an export, header as the platform writes it.
    path = write_csv(
        tmp_path / "sc.csv",
        [
            ["department", "main_item", "name", "itemCode", "taskType", "areaCode", "deptCode"],
            [
                "区经信局",
                "未分类",
                "企业投资项目备案（技术改造）（市级/县级）",
                "511Z07001006-511602000000-000-11511301008778183N-1-00",
                "10",
                "511602000000",
                "11511301008778183N",
            ],
            [
                "区教科体局",
                "学生资助",
                "中职和本专科建档立卡特别资助项目",
                "G-000007-001-511602000000-000-115113010833722043-1-00",
                "5",
                "511602000000",
                "083372204",
            ],
        ],
    )
    a, b = load_list(path, "sc.csv", MAPPING).records
    assert a.task_code == "511Z07001006-511602000000-000-11511301008778183N-1-00"
    assert a.name == "企业投资项目备案（技术改造）（市级/县级）"
    assert a.task_type == "其他行政权力"  # Sichuan code 10
    assert a.agency == "区经信局"
    assert a.parent_name == ""  # 未分类 means none
    assert a.area_code == "511602000000"
    assert a.agency_code == "11511301008778183N"
    assert a.level == "县级"
    # 511Z07001006 is 12 characters: 511 + Z + 07001006, the optional 2 absent.
    assert (a.basic_code, a.basic_code_origin) == ("511Z07001006", "layout:sichuan-itemcode")
    assert b.task_type == "行政给付"  # Sichuan code 5
    assert b.parent_name == "学生资助"
    assert b.agency_code == "083372204"
    assert (b.basic_code, b.basic_code_origin) == ("G-000007-001", "layout:sichuan-letter")


def _custom_list(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "list.csv",
        [["事项代码", "事项名称"], ["11510100AB0001-510100-001", "甲事项"]],
    )


def test_custom_header_needs_a_mapping(tmp_path):
    with pytest.raises(SourceError) as err:
        load_list(_custom_list(tmp_path), "list.csv", MAPPING)
    assert err.value.row == 1
    assert "实施编码 (task_code)" in str(err.value)


def test_user_mapping_maps_custom_header(tmp_path):
    mapping_file = tmp_path / "mine.yaml"
    mapping_file.write_text("columns:\n  list:\n    task_code: [事项代码]\n", encoding="utf-8")
    mapping = load_mapping([mapping_file])
    assert mapping.files[-1] == str(mapping_file)
    loaded = load_list(_custom_list(tmp_path), "list.csv", mapping)
    assert [(i.task_code, i.name) for i in loaded.records] == [
        ("11510100AB0001-510100-001", "甲事项")
    ]
    # The standard aliases still work under the user's mapping.
    std = write_csv(tmp_path / "std.csv", [["实施编码", "事项名称"], ["X-00000001", "乙"]])
    assert [i.task_code for i in load_list(std, "std.csv", mapping).records] == ["X-00000001"]


@pytest.mark.parametrize(
    ("yaml_text", "needle"),
    [
        ("columns:\n  list:\n    colour: [颜色]\n", "columns.list.colour"),
        ("columns:\n  invoices:\n    name: [名称]\n", "unknown source kind 'invoices'"),
        ("code_layouts:\n  - {name: x, pattern: '^(?P<base>[0-9]{4})'}\n",
         "code layout 'x' has no (?P<basic>...) group"),
        ("code_families:\n  - {name: y, pattern: '^(?P<basic>[0-9]{4})'}\n",
         "code family 'y' has no (?P<main>...) group"),
        ("code_layouts:\n  - {name: z, pattern: '^(?P<basic>[0-9]{4}'}\n", "ill-formed"),
    ],
)  # fmt: skip
def test_mapping_naming_unknown_things_is_refused(tmp_path, yaml_text, needle):
    mapping_file = tmp_path / "bad.yaml"
    mapping_file.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(MappingError) as err:
        load_mapping([mapping_file])
    assert needle in str(err.value)
    assert str(mapping_file) in str(err.value)


# --- codes ----------------------------------------------------------------------------------


def test_codes_are_normalised(tmp_path):
    lst = write_csv(
        tmp_path / "list.csv",
        [
            ["实施编码", "基本编码", "事项名称"],
            # ideographic space, full-width digits, a full-width lower-case a, a full-width
            # hyphen and an ASCII space inside the code
            [
                "\u3000５１１ａ0138000000－511602000000 -000-1-00 ",
                "５１１Ａ\u3000０１３８００００００",
                "甲",
            ],
            ["ｇ－０００００７－００１－511602000000－000－1－00", "", "乙"],
        ],
    )
    a, b = load_list(lst, "list.csv", MAPPING).records
    assert a.task_code == "511A0138000000-511602000000-000-1-00"
    assert (a.basic_code, a.basic_code_origin) == ("511A0138000000", "given")
    assert b.task_code == "G-000007-001-511602000000-000-1-00"
    assert (b.basic_code, b.basic_code_origin) == ("G-000007-001", "layout:sichuan-letter")

    cat = write_csv(
        tmp_path / "cat.csv",
        [
            ["基本编码", "事项名称"],
            [" ０００１０１００１０００ ", "甲"],
            ["ｇ－０００００７－００１\u3000", "乙"],
            ["g-000007 -002", "丙"],
        ],
    )
    codes = [m.basic_code for m in load_catalogue(cat, "cat.csv", MAPPING).records]
    assert codes == ["000101001000", "G-000007-001", "G-000007-002"]


def test_basic_code_derived_from_sichuan_layouts(tmp_path):
    lst = write_csv(
        tmp_path / "list.csv",
        [
            ["实施编码", "基本编码", "事项名称"],
            ["511A0138000000-511602000000-000-115113010833722043-1-00", "", "甲"],
            ["G-000007-001-511602000000-000-115113010833722043-1-00", "", "乙"],
            ["512C0053300008-511602000000-000-115113010833722043-1-00", "000101001000", "丙"],
            ["A-005818-5818-511602000000-000-115113010087783353-1-00", "", "丁"],
            ["1B-0123-45678-511602000000-000-1-00", "", "戊"],
        ],
    )
    got = [(i.basic_code, i.basic_code_origin) for i in load_list(lst, "list.csv", MAPPING).records]
    assert got == [
        ("511A0138000000", "layout:sichuan-itemcode"),
        ("G-000007-001", "layout:sichuan-letter"),
        ("000101001000", "given"),  # a given 基本编码 wins over the layout (512C0053300008)
        ("", ""),  # A-005818-5818: 4 digits where the letter layout wants 3 then '-'
        ("1B-0123-45678", "layout:sichuan-digit-letter"),
    ]


# --- rejected rows --------------------------------------------------------------------------

CODE_A = "511A0138000000-511602000000-000-1-00"
CODE_B = "G-000007-001-511602000000-000-1-00"
CODE_C = "511Z07001006-511602000000-000-1-00"
CODE_D = "512C0053300008-511602000000-000-1-00"


def test_list_rows_rejected_with_file_row_and_reason(tmp_path):
    first = write_csv(
        tmp_path / "list1.csv",
        [
            ["实施编码", "事项名称"],
            [CODE_A, "甲"],  # row 2: kept
            ["", "乙"],  # row 3: no code
            [CODE_B, ""],  # row 4: no name
            [CODE_C, "丙"],  # row 5: kept
        ],
    )
    second = write_csv(
        tmp_path / "list2.csv",
        [
            ["实施编码", "事项名称"],
            [CODE_A, "甲（重复）"],  # row 2: listed in list1.csv row 2
            [CODE_D, "丁"],  # row 3: kept
            ["５１２Ｃ0053300008-511602000000-000-1-00", "丁"],  # row 4: same code as row 3
        ],
    )
    seen: dict[str, str] = {}
    one = load_list(first, "list1.csv", MAPPING, seen)
    two = load_list(second, "list2.csv", MAPPING, seen)

    assert [(i.ref.row, i.task_code) for i in one.records] == [(2, CODE_A), (5, CODE_C)]
    assert one.rejected == [
        Rejected("list1.csv", 3, "实施编码 is empty", "实施编码"),
        Rejected("list1.csv", 4, "事项名称 is empty", "事项名称"),
    ]
    assert [(i.ref.row, i.task_code) for i in two.records] == [(3, CODE_D)]
    assert two.rejected == [
        Rejected("list2.csv", 2, f"duplicate 实施编码 {CODE_A}; list1.csv row 2 kept", "实施编码"),
        Rejected("list2.csv", 4, f"duplicate 实施编码 {CODE_D}; list2.csv row 3 kept", "实施编码"),
    ]
    for loaded, data_rows in ((one, 4), (two, 3)):
        assert loaded.rows_read == data_rows
        assert len(loaded.records) + len(loaded.rejected) == data_rows


# --- catalogue ------------------------------------------------------------------------------


def test_catalogue_duplicates_parents_and_levels(tmp_path):
    path = write_csv(
        tmp_path / "catalogue.csv",
        [
            ["基本编码", "事项名称", "事项类型", "主项编码", "主项名称", "行使层级"],
            ["000101001000", "企业投资项目核准", "行政许可", "", "", "省级、市级、县级"],
            ["000101001001", "企业投资项目核准（变更）", "行政许可", "000101001000", "", "市级"],
            [
                "000101001002",
                "企业投资项目核准（延续）",
                "行政许可",
                "",
                "企业投资项目核准",
                "县级",
            ],
            ["000101001000", "企业投资项目备案", "行政许可", "", "", ""],
            ["000101001001", "企业投资项目核准（变更）", "行政许可", "", "", ""],
            ["000201002001", "公共场所卫生许可（新设）", "行政许可", "000201002000", "", ""],
        ],
    )
    loaded = load_catalogue(path, "catalogue.csv", MAPPING)
    by_code = {m.basic_code: m for m in loaded.records}
    assert [m.ref.row for m in loaded.records] == [2, 3, 4, 7]

    assert by_code["000101001000"].use_levels == frozenset({"省级", "市级", "县级"})
    assert by_code["000101001000"].parent_code == ""
    assert by_code["000101001001"].parent_code == "000101001000"  # 主项编码 read
    assert by_code["000101001001"].use_levels == frozenset({"市级"})
    # Only a 主项名称: resolved to the code of the matter of that name.
    assert by_code["000101001002"].parent_code == "000101001000"
    assert by_code["000101001002"].parent_name == "企业投资项目核准"

    assert loaded.rejected == [
        Rejected(
            "catalogue.csv",
            5,
            "duplicate 基本编码 000101001000 with a different name ('企业投资项目核准'); "
            "row 2 kept",
            "基本编码",
        ),
        Rejected("catalogue.csv", 6, "duplicate 基本编码 000101001001; row 3 kept", "基本编码"),
    ]
    assert "different name" not in loaded.rejected[1].reason
    assert loaded.warnings == [
        "catalogue.csv:7: 主项编码 000201002000 of 000201002001 is not in the catalogue"
    ]
    assert len(loaded.records) + len(loaded.rejected) == loaded.rows_read == 6


# --- decisions ------------------------------------------------------------------------------

DOC = "国发〔2026〕1号"
TITLE = "国务院关于取消和下放一批行政许可事项的决定"


def test_decision_header_cells_carried_down_and_action_column(tmp_path):
    path = write_csv(
        tmp_path / "decisions.csv",
        [
            ["文号", "决定名称", "发布日期", "生效日期", "附件", "序号", "事项名称", "处理决定"],
            [
                DOC,
                TITLE,
                "2026-08-15",
                "2026-09-01",
                "附件1 取消的行政许可事项",
                "1",
                "甲审批",
                "取消",
            ],
            ["", "", "", "", "", "2", "乙审批", "下放"],
            ["", "", "", "", "", "3", "丙审批", "实行告知承诺"],
        ],
    )
    loaded = load_decisions(path, "decisions.csv", MAPPING)
    assert loaded.rejected == []
    assert [(d.ref.row, d.seq, d.name) for d in loaded.records] == [
        (2, "1", "甲审批"),
        (3, "2", "乙审批"),
        (4, "3", "丙审批"),
    ]
    for d in loaded.records:
        assert d.doc_no == DOC
        assert d.title == TITLE
        assert d.issued_date == date(2026, 8, 15)
        assert d.effective_date == date(2026, 9, 1)
        assert d.annex == "附件1 取消的行政许可事项"
    # The 处理决定 column wins over the carried annex title (which says 取消).
    assert [(d.action, d.action_raw) for d in loaded.records] == [
        (CANCEL, "取消"),
        (DELEGATE, "下放"),
        (OTHER, "实行告知承诺"),  # 改为备案 until session 23, now a retyping (a 取消)
    ]


def test_decision_cells_are_not_carried_into_another_decision(tmp_path):
    """Two decisions in one sheet: the second names its 文号 but no 生效日期; it must not take
    the first one's (a wrong date makes a cancellation look pending, or in force too early)."""
    path = write_csv(
        tmp_path / "decisions.csv",
        [
            ["文号", "决定名称", "发布日期", "生效日期", "附件", "序号", "事项名称", "处理决定"],
            [
                "国发〔2026〕9号",
                "决定甲",
                "2026-08-15",
                "2027-01-01",
                "附件1",
                "1",
                "甲审批",
                "取消",
            ],  # noqa: E501
            ["", "", "", "", "", "2", "乙审批", "取消"],
            ["国发〔2026〕10号", "决定乙", "2026-03-01", "", "", "1", "丙审批", "取消"],
        ],
    )
    loaded = load_decisions(path, "decisions.csv", MAPPING)
    first, carried, other = loaded.records
    assert carried.effective_date == first.effective_date == date(2027, 1, 1)
    assert (other.doc_no, other.title, other.annex) == ("国发〔2026〕10号", "决定乙", "")
    assert (other.issued_date, other.effective_date) == (date(2026, 3, 1), None)


def test_decision_rows_that_cannot_be_placed_are_refused_with_their_reason(tmp_path):
    """Worked by hand, in row order: a good row; no name; no action anywhere (the file's name
    names none); the first row of a file without 文号; a 文号 without a date."""
    path = write_csv(
        tmp_path / "list-of-things.csv",
        [
            ["文号", "发布日期", "事项名称", "处理决定"],
            ["", "2026-01-01", "甲审批", "取消"],  # row 2: no 文号 above it either
            ["国发〔2026〕1号", "2026-01-01", "乙审批", "取消"],
            ["国发〔2026〕1号", "2026-01-01", "", "取消"],
            ["国发〔2026〕1号", "2026-01-01", "丙审批", ""],
            ["国发〔2026〕2号", "", "丁审批", "取消"],
        ],
    )
    loaded = load_decisions(path, "d.csv", MAPPING)
    assert [d.name for d in loaded.records] == ["乙审批"]
    assert [(r.row, r.column, r.reason) for r in loaded.rejected] == [
        (2, "文号", "文号 is empty and no row above names one"),
        (4, "事项名称", "事项名称 is empty"),
        (5, "处理决定", "no 处理决定 on the row and neither the annex title nor the file name "
                        "names one (取消 / 下放)"),
        (6, "生效日期",  # no such column: named as the mapping names it first
         "neither 发布日期 nor 生效日期 is given, so it is unknown when it takes effect"),
    ]  # fmt: skip


def test_decision_action_from_annex_title(tmp_path):
    annex = "附件2 下放管理层级的行政许可事项"
    path = write_csv(
        tmp_path / "decisions.csv",
        [
            ["文号", "发布日期", "附件", "事项名称"],
            [DOC, "2026年9月1日", annex, "丁审批"],
            ["", "", "", "戊审批"],
        ],
    )
    loaded = load_decisions(path, "decisions.csv", MAPPING)
    assert loaded.rejected == []
    assert [(d.name, d.action, d.action_raw, d.annex) for d in loaded.records] == [
        ("丁审批", DELEGATE, annex, annex),
        ("戊审批", DELEGATE, annex, annex),
    ]
    assert [d.in_force_from for d in loaded.records] == [date(2026, 9, 1)] * 2


def test_decision_action_from_file_name(tmp_path):
    path = write_csv(
        tmp_path / "附件1-取消的事项.csv",
        [["文号", "发布日期", "事项名称"], [DOC, "2026-09-01", "己审批"]],
    )
    (d,) = load_decisions(path, "附件1-取消的事项.csv", MAPPING).records
    assert (d.action, d.action_raw) == (CANCEL, "附件1-取消的事项")


def test_decision_row_without_action_is_rejected(tmp_path):
    path = write_csv(
        tmp_path / "decisions.csv",
        [
            ["文号", "发布日期", "附件", "事项名称"],
            [DOC, "2026-09-01", "附件3 有关事项", "庚审批"],  # row 2: nothing names an action
            ["", "", "附件4 取消的事项", "辛审批"],  # row 3: the annex title says 取消
        ],
    )
    loaded = load_decisions(path, "decisions.csv", MAPPING)
    assert [(d.ref.row, d.name, d.action) for d in loaded.records] == [(3, "辛审批", CANCEL)]
    assert len(loaded.rejected) == 1
    rejected = loaded.rejected[0]
    assert (rejected.file, rejected.row) == ("decisions.csv", 2)
    assert rejected.reason.startswith("no 处理决定 on the row")


def test_decision_date_forms(tmp_path):
    forms = ["2026-09-01", "2026/9/1", "2026年9月1日", "20260901", "46266"]
    rows = [["文号", "生效日期", "事项名称", "处理决定"]]
    rows += [[DOC, form, f"事项{n}", "取消"] for n, form in enumerate(forms)]
    loaded = load_decisions(write_csv(tmp_path / "d.csv", rows), "d.csv", MAPPING)
    assert loaded.rejected == []
    assert [d.effective_date for d in loaded.records] == [date(2026, 9, 1)] * 5
    assert [d.issued_date for d in loaded.records] == [None] * 5


def test_decision_dates_from_xlsx_cells(tmp_path):
    # A real date cell and a bare serial number: 46266 days after 1899-12-30 is 2026-09-01.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["文号", "发布日期", "生效日期", "事项名称", "处理决定"])
    ws.append([DOC, datetime(2026, 8, 15), 46266, "甲审批", "取消"])
    wb.save(tmp_path / "d.xlsx")
    (d,) = load_decisions(tmp_path / "d.xlsx", "d.xlsx", MAPPING).records
    assert (d.issued_date, d.effective_date) == (date(2026, 8, 15), date(2026, 9, 1))


@pytest.mark.parametrize("value", [46266, 46266.0, "46266", "2026.9.1", "2026-09-01 08:30"])
def test_parse_date_other_forms(value):
    assert parse_date(value) == date(2026, 9, 1)


def test_decision_bad_date_names_file_row_and_column(tmp_path):
    path = write_csv(
        tmp_path / "decisions.csv",
        [
            ["文号", "生效日期", "事项名称", "处理决定"],
            [DOC, "2026-09-01", "甲审批", "取消"],
            ["", "2026年13月", "乙审批", "取消"],
        ],
    )
    with pytest.raises(SourceError) as err:
        load_decisions(path, "decisions.csv", MAPPING)
    assert (err.value.file, err.value.row, err.value.column) == ("decisions.csv", 3, "生效日期")
    assert str(err.value).startswith("decisions.csv row 3 column 生效日期: ")
    assert "2026年13月" in str(err.value)


# --- levels ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("area", "level"),
    [
        ("510000000000", "省级"),
        ("511600000000", "市级"),
        ("511602000000", "县级"),
        ("511602001000", "乡级"),
        ("511602", "县级"),
        ("", ""),
    ],
)
def test_level_of_area(area, level):
    assert level_of_area(area) == level


# --- the real county list -------------------------------------------------------------------


def test_real_guanan_county_list(fixtures_dir):
    path = fixtures_dir / "source" / "sczwfw-511602-guanan-items.csv"
    loaded = load_list(path, path.name, MAPPING)
    assert loaded.header_row == 1
    assert len(loaded.records) == 1135
    assert loaded.rejected == []
    assert Counter(i.task_type for i in loaded.records) == {
        "行政许可": 536,
        "公共服务": 348,
        "其他行政权力": 182,
        "行政确认": 50,
        "行政给付": 9,
        "行政裁决": 8,
        "行政奖励": 2,
    }


def test_read_table_keeps_plain_rows_and_rejects_each_problem(tmp_path):
    """read_table's rows and rejects, row by row, for every problem a row can have: rows only
    of whitespace of any kind are dropped, a cell over Excel's limit, the header again (stray
    spaces included), a shifted and a short row are rejected, two long cells within the limit
    and blank cells after the header's width are kept."""
    from catalog_sync.sources.tabular import read_table

    path = write_csv(
        tmp_path / "list.csv",
        [
            ["实施编码", "事项名称", "备注"],
            [CODE_A, "甲", ""],  # row 2: kept
            ["\u3000", " \t", "\x0b\x1f"],  # row 3: blank, dropped
            [" 实施编码", "事项名称 ", "备注"],  # row 4: the header again
            [CODE_B, "y" * 20_000, "z" * 20_000],  # row 5: kept
            [CODE_C, "丙", "", "", "\u3000"],  # row 6: kept
            [CODE_D, "丁", "x", "extra"],  # row 7: shifted
            [CODE_D],  # row 8: short
            [CODE_D, "丁", "y" * 32_768],  # row 9: a cell too long
        ],
    )
    table = read_table(path, "list.csv", "list", MAPPING)
    assert [n for n, _ in table.rows] == [2, 5, 6]
    assert [(n, reason.split(" ")[0:3], column) for n, reason, column in table.rejected] == [
        (4, ["repeats", "the", "header"], ""),
        (7, ["has", "4", "fields"], ""),
        (8, ["has", "1", "fields"], "事项名称"),
        (9, ["a", "cell", "is"], "备注"),
    ]


def test_a_list_row_short_of_a_field_is_rejected_unless_most_rows_are(tmp_path):
    """A CSV row with fewer fields than its header lacks a field somewhere: its cells cannot be
    lined up under the headers, and it is rejected. A file most of whose rows are short drops
    the empty fields ending its rows (some exporters do): there short rows are padded."""
    header = ["实施编码", "事项名称", "实施主体", "行政区划代码", "备注"]
    rows = [[CODE_A, "甲", "区局", "511602000000", "注"], [CODE_B, "乙", "区局", "5116", ""]]
    path = write_csv(tmp_path / "list.csv", [header, *rows, [CODE_C, "丙", "511602000000", ""]])
    loaded = load_list(path, "list.csv", MAPPING, {})
    assert [i.ref.row for i in loaded.records] == [2, 3]
    assert [(r.row, r.reason[:43], r.column) for r in loaded.rejected] == [
        (4, "has 4 fields where the header has 5: the co", "")
    ]
    rows = [[CODE_A, "甲", "区局"], [CODE_B, "乙"], [CODE_C, "丙", "区局", "511602000000", "注"]]
    path = write_csv(tmp_path / "dropped.csv", [header, *rows])
    loaded = load_list(path, "dropped.csv", MAPPING, {})
    assert [(i.ref.row, i.agency) for i in loaded.records] == [(2, "区局"), (3, ""), (4, "区局")]
    assert loaded.rejected == []


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_totals_and_notes_rows_are_rejected_as_notes(tmp_path, suffix):
    """A 合计 row, notes under the table and who made it are rejected as notes in every source
    kind: at most two cells filled, the first starting with 合计, 注：, 制表人…; an item whose
    name starts as a note may (注销登记) is read."""
    from catalog_sync.sources.notes import NOTE_REASON

    rows = [
        ["实施编码", "事项名称", "实施主体"],
        [CODE_A, "甲", "区局"],
        ["", "注销登记", ""],  # row 3: no code, not a note
        ["合 计", "2项", ""],
        ["", "注：1.本表由区政务服务局汇总", ""],
        ["制表人：刘晓东 电话：13700001234", "", ""],
        ["第1页 共1页", "", ""],
        [CODE_B, "注销登记", "区局"],
    ]
    path = tmp_path / f"list{suffix}"
    if suffix == ".csv":
        write_csv(path, rows)
    else:
        wb = openpyxl.Workbook()
        for row in rows:
            wb.active.append(row)
        wb.save(path)
    loaded = load_list(path, path.name, MAPPING, {})
    assert [(i.ref.row, i.name) for i in loaded.records] == [(2, "甲"), (8, "注销登记")]
    assert sorted((r.row, r.reason, r.column) for r in loaded.rejected) == [
        (3, "实施编码 is empty", "实施编码"),
        *((n, NOTE_REASON, "") for n in (4, 5, 6, 7)),
    ]


def test_numbers_past_15_digits_are_named_as_having_lost_digits(tmp_path):
    """A 20-digit 办件编号 stored as a number keeps 15 significant digits (a double, and Excel,
    hold no more): it is read as Excel shows it, zeros past the 15th digit, and its column is
    named in a warning, as rows that differ only there can no longer be told apart. A 16-digit
    number a program wrote exactly is read as it is; one ending in zeros past the 15th in a
    column of such numbers is one of them, not a loss; in a column of none, it is one."""
    import duckdb

    from catalog_sync.sources.work_orders import open_work_orders

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["办件编号", "实施编码", "受理时间", "证件号码", "序号"])
    for n in range(1, 4):
        ws.append([11511602202603051000 + n, CODE_A, "2026-03-05", 511602198807104816, 10**15 + n])
    ws.append([5116022600000040, CODE_A, "2026-03-05", 511602198807104816, 10**15 * 2])
    path = tmp_path / "wo.xlsx"
    wb.save(path)
    source = open_work_orders(duckdb.connect(), [(path, "wo.xlsx")], MAPPING, tmp_path / "w")
    orders = source.con.execute("SELECT order_no FROM work_orders ORDER BY src_row").fetchall()
    assert [o for (o,) in orders] == [*["11511602202603100000"] * 3, "5116022600000040"]
    lost = (
        "of more than 15 digits: Excel keeps 15 significant digits, so the digits after them "
        "were lost (read as zeros) and rows whose numbers agree in those can no longer be "
        "told apart; store codes as text"
    )
    assert source.warnings == [
        f"wo.xlsx: column A (办件编号) holds 4 numbers {lost}",  # 5116022600000040 too
        f"wo.xlsx: column D (证件号码) holds 4 numbers {lost}",
    ]
    table = read_table(path, "wo.xlsx", "work_orders", MAPPING)
    assert [cells[4] for _, cells in table.rows] == ["1000000000000001", "1000000000000002"] + [
        "1000000000000003",
        "2000000000000000",
    ]


def test_list_cells_read_per_row_among_rejects_and_repeats(tmp_path):
    """Each kept row gets its own cells though cells repeat down the list and rejected rows
    come between: row numbers, 主项/子项, levels from 行使层级 or the area, states, types,
    empty cells read as empty, guide cells per row."""
    path = write_csv(
        tmp_path / "list.csv",
        [
            ["实施编码", "事项名称", "子项名称", "主项名称", "行政区划代码", "行使层级", "事项状态"]
            + ["事项类型", "受理条件"],
            [CODE_A, "甲", "", "未分类", "511602000000", "", "在用", "1", "条件一"],  # row 2
            ["", "乙", "", "", "511602000000", "", "在用", "1", "条件一"],  # row 3: no code
            [CODE_B, "乙", "乙子项", "", "511600000000", "省、市级", "暂停", "1", ""],  # row 4
            [CODE_C, "丙", "", "主项丙", "511602000000", "市级", "在用", "2", "条件一"],  # row 5
            ["５１１Ａ0138000000-511602000000-000-1-00", "甲", *[""] * 7],  # row 6: row 2's code
            [CODE_D, "丁", *[""] * 7],  # row 7: empty cells
        ],
    )
    loaded = load_list(path, "list.csv", MAPPING, {})
    got = [
        (i.ref.row, i.name, i.parent_name, i.area_code, i.level, i.state, i.in_use)
        + (i.task_type, i.guide_cells[1] if i.guide_cells else None)
        for i in loaded.records
    ]
    county, city = level_of_area("511602000000"), level_of_area("511600000000")
    type1, type2 = MAPPING.task_type("1"), MAPPING.task_type("2")
    assert got == [
        (2, "甲", "", "511602000000", county, "在用", True, type1, ("条件一",)),
        (4, "乙子项", "乙", "511600000000", city, "暂停", MAPPING.in_use("暂停"), type1, ("",)),
        (5, "丙", "主项丙", "511602000000", "市级", "在用", True, type2, ("条件一",)),
        (7, "丁", "", "", "", "", True, "", ("",)),
    ]
    assert [(r.row, r.reason) for r in loaded.rejected] == [
        (3, "实施编码 is empty"),
        (6, f"duplicate 实施编码 {CODE_A}; list.csv row 2 kept"),
    ]


def test_items_share_one_string_per_derived_basic_code(tmp_path):
    """A province derives the same basic code for thousands of items: one string each, not a
    copy per item (memory), and an upper-case code is kept as the cell's own string."""
    code = "511A0138000000-5116020000{:02d}-000-115113010833722043-1-00"
    lst = write_csv(
        tmp_path / "list.csv",
        [["实施编码", "基本编码", "事项名称"]] + [[code.format(n), "", f"甲{n}"] for n in range(3)],
    )
    a, b, c = load_list(lst, "list.csv", MAPPING).records
    assert a.basic_code == "511A0138000000" and a.basic_code is b.basic_code is c.basic_code
    assert a.basic_code_origin == "layout:sichuan-itemcode"
    assert a.basic_code_origin is b.basic_code_origin is c.basic_code_origin
    assert a.task_code is a.task_code_raw


def test_list_items_with_slots_pickle_and_replace_whole(tmp_path):
    """ListItem and SourceRef have slots (memory at province scale): an item still crosses a
    pipe pickled (the second core) and dataclasses.replace() keeps its node, equal and hashed
    as before."""
    import dataclasses
    import pickle

    lst = write_csv(
        tmp_path / "list.csv",
        [["实施编码", "基本编码", "事项名称"], ["511A0138000000-511602000000-000-1-00", "", "甲"]],
    )
    (item,) = load_list(lst, "list.csv", MAPPING).records
    back = pickle.loads(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == item and hash(back) == hash(item) and back.node == item.node
    assert back.ref == item.ref and str(back.ref) == "list.csv:2"
    renamed = dataclasses.replace(item, name="乙")
    assert renamed.name == "乙" and renamed.node == item.node and renamed != item
    assert not hasattr(item, "__dict__")


def test_list_items_made_a_field_at_a_time_are_listitems_made_whole():
    """model.list_items makes the same items ListItem() does: every field, the node, the
    reference, equality, hash, pickling and immutability; a column missing or of another
    length is refused, not an item half made."""
    import dataclasses
    import pickle

    from catalog_sync.model import ListItem, list_items

    guide = (("办理时限",), ("5个工作日",))
    columns = {
        "task_code_raw": ["511a-1", "511A-2"],
        "task_code": ["511A-1", "511A-2"],
        "basic_code": ["511A", ""],
        "basic_code_origin": ["layout:x", ""],
        "name": ["甲", "乙"],
        "task_type": ["行政许可", ""],
        "parent_name": ["", "甲"],
        "agency": ["局", ""],
        "agency_code": ["A1", ""],
        "area_code": ["511602", ""],
        "level": ["县级", ""],
        "by_law": ["法", ""],
        "state": ["在用", "暂停"],
        "in_use": [True, False],
        "handle_item_code": ["H1", ""],
        "guide_cells": [guide, None],
    }
    made = list_items("list.csv", [2, 7], **columns)
    whole = [
        ListItem(ref=SourceRef("list.csv", row), **{k: v[i] for k, v in columns.items()})
        for i, row in enumerate([2, 7])
    ]
    assert made == whole and list(map(hash, made)) == list(map(hash, whole))
    for a, b in zip(made, whole, strict=True):
        assert [getattr(a, f.name) for f in dataclasses.fields(a)] == [
            getattr(b, f.name) for f in dataclasses.fields(b)
        ]
    assert made[1].node == "item:list.csv:7" and str(made[1].ref) == "list.csv:7"
    assert pickle.loads(pickle.dumps(made[0])) == whole[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made[0].name = "丙"  # type: ignore[misc]
    with pytest.raises(TypeError, match="guide_cells"):
        list_items("list.csv", [2, 7], **{k: v for k, v in columns.items() if k != "guide_cells"})
    with pytest.raises(ValueError):
        list_items("list.csv", [2], **columns)
    assert list_items("list.csv", [], **{k: [] for k in columns}) == []


@pytest.mark.parametrize(
    "odd",
    [
        None,  # every row plain: the whole-column path
        ["\u3000", " \t", "\x0b\x1f"],  # blank
        ["", "", ""],  # empty
        [" 实施编码", "事项名称 ", "备注"],  # the header again
        [CODE_D, "丁", "x", "extra"],  # shifted
        [CODE_D],  # short
        [CODE_D, "丁", "y" * 32_768],  # a cell too long
        [CODE_C, "丙", "", "", "\u3000"],  # blank cells beyond the header: kept, one by one
    ],
)
def test_read_table_whole_column_tests_agree_with_the_row_by_row_ones(tmp_path, monkeypatch, odd):
    """read_table tests all rows at once when every one is plain; any row that is not sends
    the table row by row: the rows and rejects are the same either way."""
    from catalog_sync.sources import tabular

    rows = [["实施编码", "事项名称", "备注"], [CODE_A, "甲", ""], [CODE_B, "乙", "注"]]
    path = write_csv(tmp_path / "list.csv", rows + ([odd] if odd else []) + [[CODE_C, "丙", ""]])
    answers = []
    whole = tabular._all_rows_plain
    monkeypatch.setattr(
        tabular, "_all_rows_plain", lambda *a: answers.append(whole(*a)) or answers[-1]
    )
    fast = tabular.read_table(path, "list.csv", "list", MAPPING)
    assert (answers[0] is not None) is (odd is None)
    monkeypatch.setattr(tabular, "_all_rows_plain", lambda *args: None)
    slow = tabular.read_table(path, "list.csv", "list", MAPPING)
    assert (fast.rows, fast.rejected) == (slow.rows, slow.rejected)
    assert len(fast.rows) == 3 + (odd is not None and odd[0] == CODE_C)


def test_of_two_columns_one_field_could_be_read_from_the_earlier_name_wins() -> None:
    """A header naming two columns a field reads (事项编码 and 实施编码 both read as a work
    order's code): the one whose name comes first in the mapping (the standard element name
    before its alternatives) is read, wherever it stands; a --mapping's names come first."""
    from catalog_sync.sources.tabular import resolve_columns

    row = ["办件编号", "事项编码", "实施编码", "受理日期", "受理时间"]
    got = resolve_columns(row, MAPPING.aliases("work_orders"))
    assert (got["task_code"], got["accept_time"], got["order_no"]) == (2, 4, 0)
    # one name only: read from it, as before
    alone = resolve_columns(["事项编码", "受理日期"], MAPPING.aliases("work_orders"))
    assert (alone["task_code"], alone["accept_time"]) == (0, 1)
    # the user's own name for the field (a --mapping's, laid first) wins over the standard one
    aliases = {"task_code": ["事项编码", "实施编码"], "name": ["事项名称"]}
    assert resolve_columns(row, aliases)["task_code"] == 1
    # a cell serves one field: the second field takes the next best column
    shared = resolve_columns(
        ["实施编码", "事项编码"], {"a": ["实施编码"], "b": ["实施编码", "事项编码"]}
    )
    assert shared == {"a": 0, "b": 1}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("取消", "cancel"),
        ("取　消", "cancel"),  # a two-character cell spaced out with U+3000
        ("取  消", "cancel"),
        ("下  放", "delegate"),
        ("【取消】", "cancel"),
        ("予以取消", "cancel"),
        ("取消，改为备案", "cancel"),
        ("改为备案", "other"),
        ("不再保留", "cancel"),  # provinces' annexes of powers no longer kept (session 21)
        ("不予保留", "cancel"),
        ("予以废止", "cancel"),
        ("保留", "other"),
        ("", ""),
    ],
)
def test_an_action_cell_is_read_whatever_its_spacing(text: str, kind: str) -> None:
    """Until session 17 取　消 and 【取消】 were read as another action: the row went to
    other_decision_matches and the cancelled item was never reported; until session 21
    不再保留 and 予以废止 too (a hunter's provincial annex)."""
    from catalog_sync.mappings import load_mapping
    from catalog_sync.sources.decisions import classify_action

    assert classify_action(text, load_mapping()) == kind


def test_provincial_headers_for_the_basic_code_and_the_agency(tmp_path: Path) -> None:
    """Zhejiang-style exports head the 基本编码 目录编码 (or 基本目录编码) and the agency
    实施机构: until session 17 both columns were dropped unread, and the code tier with them."""
    path = tmp_path / "list.csv"
    write_csv(
        path,
        [
            ["实施编码", "基本目录编码", "事项名称", "实施机构"],
            ["11330000002482365X3000101001000", "000101001000", "食品生产许可", "省市场监管局"],
        ],
    )
    (item,) = load_list(path, "list.csv", load_mapping()).records
    assert (item.basic_code, item.agency) == ("000101001000", "省市场监管局")


def test_a_list_headed_main_and_sub_item_names_a_row_without_sub_item_by_its_main(
    tmp_path: Path,
) -> None:
    """主项名称 | 子项名称 and no 事项名称: a row with an empty 子项 is a matter without 子项,
    named by its 主项. Until session 17 it was rejected (子项名称 is empty) and, cancelled,
    never reported."""
    path = tmp_path / "list.csv"
    write_csv(
        path,
        [
            ["实施编码", "主项名称", "子项名称", "实施机构"],
            ["T1", "铬化合物生产建设项目审批", "", "省经信厅"],
            ["T2", "食品经营许可", "变更", "县市场监管局"],
        ],
    )
    loaded = load_list(path, "list.csv", load_mapping())
    assert not loaded.rejected
    assert [(i.name, i.parent_name) for i in loaded.records] == [
        ("铬化合物生产建设项目审批", ""),
        ("变更", "食品经营许可"),
    ]


def test_a_placeholder_main_item_never_names_a_row(tmp_path: Path) -> None:
    """主项名称 无 or / with no 子项: no name at all (rejected), not an item called 无."""
    path = tmp_path / "list.csv"
    write_csv(path, [["实施编码", "主项名称", "子项名称"], ["T1", "无", ""], ["T2", "/", ""]])
    loaded = load_list(path, "list.csv", load_mapping())
    assert [r.reason for r in loaded.rejected] == ["子项名称 is empty"] * 2


def _write_rows(path: Path, rows: list[list[str]]) -> Path:
    """Rows as a CSV file or a one-sheet workbook, by the path's suffix."""
    if path.suffix == ".csv":
        return write_csv(path, rows)
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_paged_export_s_repeated_title_and_header_are_rejected_as_such(tmp_path, suffix):
    """A list exported page by page writes its title (第1页, 第2页 …) and its header again on
    every page. Worked by hand: rows 4 and 8 are the title again (page 2's with another page
    mark, page 3's as the top title is written), rows 5 and 9 the header again, each rejected
    with its reason; the three items are read (rows 3, 6, 10); nothing else is lost."""
    from catalog_sync.sources.pages import HEADER_AGAIN, TITLE_AGAIN

    title = "广州市天河区政务服务事项实施清单"
    header = ["实施编码", "事项名称", "实施主体"]
    rows = [
        [f"{title}（第1页）", "", ""],
        header,
        [CODE_A, "甲", "区局"],
        [f"{title}（第 2 页）", "", ""],
        header,
        [CODE_B, "乙", "区局"],
        ["", "", ""],
        [f"{title}（第1页）", "", ""],
        [" 实施编码", "事项名称", ""],
        [CODE_C, "丙", "区局"],
    ]
    path = _write_rows(tmp_path / f"list{suffix}", rows)
    loaded = load_list(path, path.name, MAPPING, {})
    assert [(i.ref.row, i.name) for i in loaded.records] == [(3, "甲"), (6, "乙"), (10, "丙")]
    assert sorted((r.row, r.reason) for r in loaded.rejected) == [
        (4, TITLE_AGAIN),
        (5, HEADER_AGAIN),
        (8, TITLE_AGAIN),
        (9, HEADER_AGAIN),
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_one_cell_row_is_no_title_unless_the_file_writes_it_so(tmp_path, suffix):
    """Negative: a section heading (一、行政许可) that is no title above the header and stands
    above no header, and a page mark followed by an item, are not titles again: the heading is
    rejected as an item lacking its code, the page footer as a note, as before."""
    from catalog_sync.sources.notes import NOTE_REASON

    rows = [
        ["广州市天河区政务服务事项实施清单", "", ""],
        ["实施编码", "事项名称", "实施主体"],
        ["一、行政许可", "", ""],
        [CODE_A, "甲", "区局"],
        ["第1页", "", ""],
        ["天河区实施清单第2页", "", ""],
        [CODE_B, "乙", "区局"],
    ]
    path = _write_rows(tmp_path / f"list{suffix}", rows)
    loaded = load_list(path, path.name, MAPPING, {})
    assert [(i.ref.row, i.name) for i in loaded.records] == [(4, "甲"), (7, "乙")]
    assert sorted((r.row, r.reason) for r in loaded.rejected) == [
        (3, "事项名称 is empty"),
        (5, NOTE_REASON),
        (6, "事项名称 is empty"),
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_title_written_again_without_its_page_mark_is_the_title_again(tmp_path, suffix):
    """The top title carries 第1页; a later page's title is written without one, after a blank
    row. Worked by hand: row 5 is the title again, row 6 the header again; rows 3 and 7 read."""
    from catalog_sync.sources.pages import HEADER_AGAIN, TITLE_AGAIN

    title = "广州市天河区政务服务事项实施清单"
    header = ["实施编码", "事项名称", "实施主体"]
    rows = [
        [f"{title}（第1页）", "", ""],
        header,
        [CODE_A, "甲", "区局"],
        ["", "", ""],
        [title, "", ""],
        header,
        [CODE_B, "乙", "区局"],
    ]
    path = _write_rows(tmp_path / f"list{suffix}", rows)
    loaded = load_list(path, path.name, MAPPING, {})
    assert [(i.ref.row, i.name) for i in loaded.records] == [(3, "甲"), (7, "乙")]
    assert sorted((r.row, r.reason) for r in loaded.rejected) == [
        (5, TITLE_AGAIN),
        (6, HEADER_AGAIN),
    ]
