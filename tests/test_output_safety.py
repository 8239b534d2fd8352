"""What a run writes is safe to forward: no personal data, no formulas, no path from the data.

Work orders with planted names, ID numbers and phones, some of them where they do not belong
(an ID typed as the 实施编码, a phone and a name as the 受理时间, a phone in the 受理部门), run in
every format; every byte of every output (the XLSX unzipped, its XML read raw), the terminal
output and the error line are scanned for them.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from catalog_sync.cli import cli
from catalog_sync.model import Column, Table
from catalog_sync.reports import write_report

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))

import make_corpus  # noqa: E402
from make_corpus import CATALOGUE, DECISIONS, LIST, csv_bytes, id_number  # noqa: E402

NAMES = ["张三丰", "欧阳娜娜", "李四", "王小五", "赵敏", "诸葛亮明"]
IDS = [
    id_number("511602", "19800101", "123"),
    id_number("510104", "19900215", "246"),
    id_number("511602", "19750630", "369"),
    id_number("511621", "20010909", "482"),
    id_number("110101", "19491001", "007"),
    id_number("440305", "19991231", "555"),
]
PHONES = ["13800138000", "13912345678", "13700001111", "15600002222", "18612345678", "17798765432"]
CANCELLED = "11511602AB0002-511602-002"  # 公共场所卫生许可, cancelled from 2026-09-01
HEADER = ["办件编号", "实施编码", "受理时间", "受理部门", "申请人姓名", "证件号码", "联系电话"]
_WIDE = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
WIDE_ID = IDS[2].translate(_WIDE)
WIDE_PHONE = PHONES[5].translate(_WIDE)


def planted_work_orders() -> list[list[str]]:
    """Personal values in their columns, and in columns where they do not belong."""
    return [
        HEADER,
        # in their own columns, on a cancelled item: the name is shown masked (张*丰)
        ["WO-1", CANCELLED, "2026-09-10", "区卫生健康局", NAMES[0], IDS[0], PHONES[0]],
        # an ID number typed as the 实施编码: unlinked, quoted in the evidence
        ["WO-2", IDS[1], "2026-09-11", "区卫生健康局", NAMES[1], IDS[1], PHONES[1]],
        # a phone as the 受理时间: rejected, the reason quotes the cell
        ["WO-3", CANCELLED, PHONES[2], "区卫生健康局", NAMES[2], IDS[2], PHONES[2]],
        # the applicant's name as the 受理时间
        ["WO-4", CANCELLED, NAMES[3], "区卫生健康局", NAMES[3], IDS[3], PHONES[3]],
        # a phone, spaced, as the 受理部门: a row of the linkage table per agency
        ["WO-5", CANCELLED, "2026-09-12", "138 0013 8000", NAMES[4], IDS[4], PHONES[4]],
        # an ID number as the 办件编号 of a work order on a cancelled item
        [IDS[5], CANCELLED, "2026-09-13", "区卫生健康局", NAMES[5], IDS[5], PHONES[5]],
        # a name where the 实施编码 belongs: malformed, quoted in the evidence
        ["WO-7", NAMES[5], "2026-09-14", "区卫生健康局", NAMES[5], IDS[5], PHONES[5]],
        # as typed on a Chinese keyboard: an ID number in full-width digits as the 实施编码, a
        # mobile in full-width digits as the 受理部门
        ["WO-8", WIDE_ID, "2026-09-15", "区卫生健康局", NAMES[2], IDS[2], PHONES[2]],
        ["WO-10", CANCELLED, "2026-09-17", WIDE_PHONE, NAMES[1], IDS[1], PHONES[1]],
    ]


def scan_texts(out: Path) -> dict[str, str]:
    """Every output file as text; an XLSX as each of its members, read raw."""
    texts = {}
    for path in sorted(out.iterdir()):
        data = path.read_bytes()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                for member in z.namelist():
                    texts[f"{path.name}:{member}"] = z.read(member).decode("utf-8")
        else:
            texts[path.name] = data.decode("utf-8-sig")
    return texts


def leaks(text: str) -> list[str]:
    """The planted values found in `text`, as written or with its full-width digits read as
    ASCII ones."""
    secrets = NAMES + IDS + PHONES + ["138 0013 8000", WIDE_ID, WIDE_PHONE]
    folded = text.translate({c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)})
    return [s for s in secrets if s in text or s in folded]


def read(out: Path, name: str) -> str:
    return (out / name).read_text(encoding="utf-8")


def run(args: list[str]) -> Result:
    return CliRunner().invoke(cli, args)


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    files = {}
    for role, rows in (
        ("catalogue", CATALOGUE),
        ("list", LIST),
        ("decisions", DECISIONS),
        ("work-orders", planted_work_orders()),
    ):
        files[role] = folder / f"{role}.csv"
        files[role].write_bytes(csv_bytes(rows))
    return files


def diff_args(files: dict[str, Path], out: Path, *extra: str) -> list[str]:
    args = ["diff", "--as-of", "2026-10-01", "--out", str(out)]
    for role, path in files.items():
        args += [f"--{role}", str(path)]
    return [*args, *extra]


def test_no_personal_value_in_any_output(inputs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(diff_args(inputs, out, "--format", "csv,xlsx,json,md,ttl"))
    assert result.exit_code == 1, result.output
    texts = scan_texts(out)
    assert len(texts) > 30  # 10 tables x (csv, json), summary, md, ttl, and the XLSX parts
    for name, text in texts.items():
        assert leaks(text) == [], name
    assert leaks(result.stdout + result.stderr) == []

    # ... and what was masked is still there to act on
    on_cancelled = json.loads((out / "work_orders_on_cancelled_items.json").read_text("utf-8"))
    assert {r["applicant"] for r in on_cancelled} >= {"张*丰", "诸**明"}
    assert "440305********" + IDS[5][-4:] in {r["order_no"] for r in on_cancelled}
    unlinked = {r["order_no"]: r for r in json.loads(read(out, "unlinked_work_orders.json"))}
    masked_id = IDS[1][:6] + "********" + IDS[1][-4:]
    assert unlinked["WO-2"]["task_code"] == masked_id
    assert unlinked["WO-7"]["task_code"] == "诸**明"  # the applicant's own name, as a code
    assert unlinked["WO-7"]["evidence"].startswith("malformed_code: '诸**明'")
    rejected = json.loads((out / "rejected_rows.json").read_text("utf-8"))
    reasons = {r["row"]: r["reason"] for r in rejected}
    assert reasons[4] == "受理时间 '137****1111' is not a date"
    assert reasons[5] == "受理时间 '王*五' is not a date"
    linkage = json.loads((out / "work_order_linkage.json").read_text("utf-8"))
    assert "138****8000" in {r["agency"] for r in linkage}


def test_a_pinyin_name_typed_as_the_code_is_masked_in_unlinked_codes(
    inputs: dict[str, Path], tmp_path: Path
) -> None:
    """The code is upper-cased (normalised) for unlinked_codes; the applicant's own name in it
    is masked all the same (until session 17 zhangsanfeng showed as ZHANGSANFENG)."""
    rows = [
        HEADER,
        ["WO-1", "zhangsanfeng", "2026-09-10", "区卫生健康局", "zhangsanfeng", "", ""],
        ["WO-2", "xx-Li Si-0001", "2026-09-11", "区卫生健康局", "Li Si", "", ""],
    ]
    inputs["work-orders"].write_bytes(csv_bytes(rows))
    out = tmp_path / "out"
    result = run(diff_args(inputs, out, "--format", "csv,json"))
    assert result.exit_code == 1, result.output
    codes = json.loads(read(out, "unlinked_codes.json"))
    assert sorted(r["code"] for r in codes) == ["XX-L***-0001", "Z***"]
    for name, text in scan_texts(out).items():
        assert "ZHANGSANFENG" not in text.upper() and "LISI" not in text.upper(), name


def test_error_line_is_scrubbed(inputs: dict[str, Path], tmp_path: Path) -> None:
    """A decision date holding an ID number stops the run; the line quotes it masked."""
    rows = [list(r) for r in DECISIONS]
    rows[1][2] = IDS[0]
    inputs["decisions"].write_bytes(csv_bytes(rows))
    out = tmp_path / "out"
    result = run(diff_args(inputs, out))
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"catalog-sync: error: {inputs['decisions']} row 2 column 生效日期: ")
    assert IDS[0][:6] + "********" + IDS[0][-4:] in line
    assert leaks(line) == []
    assert not out.exists()


# --- a row short of a field ------------------------------------------------------------------

# The header of a common 办件 export: the applicant's columns before the 实施编码.
EXPORT_HEADER = ["办件编号", "申请人姓名", "证件号码", "联系电话", "实施编码", "事项名称"]
EXPORT_HEADER += ["受理部门", "受理时间", "办结时间", "备注"]


def export_row(n: int, person: int, note: str = "备注") -> list[str]:
    applicant = [NAMES[person], IDS[person], PHONES[person]]
    return [f"WO-{n}", *applicant, CANCELLED, "公共场所卫生许可", "区卫生健康局"] + [
        f"2026-09-{10 + n}",
        "",
        note,
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])  # read fast, read carefully
def test_a_row_missing_its_order_number_is_rejected_not_shifted(
    inputs: dict[str, Path], tmp_path: Path, encoding: str
) -> None:
    """A row lacking its 办件编号 would put the applicant's name in its place (and the ID
    number under 申请人姓名, the phone under 证件号码…): it is rejected, and the name is in no
    output. Session 18's reviewer found 欧阳明轩 in unlinked_work_orders, report.md and
    report.html."""
    rows = [EXPORT_HEADER, *(export_row(n, n) for n in range(1, 5))]
    rows.append(export_row(5, 5)[1:])  # no 办件编号: 9 fields
    inputs["work-orders"].write_bytes(csv_bytes(rows).decode().encode(encoding))
    out = tmp_path / "out"
    result = run(diff_args(inputs, out, "--format", "csv,xlsx,json,md,html"))
    assert result.exit_code == 1, result.output
    rejected = json.loads(read(out, "rejected_rows.json"))
    assert [(r["row"], r["reason"][:44]) for r in rejected] == [
        (6, "has 9 fields where the header has 10: the co")
    ]
    for name, text in scan_texts(out).items():
        assert NAMES[5] not in text, name
    assert leaks(result.stdout + result.stderr) == []


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_an_order_number_that_is_a_name_alone_is_shown_masked(
    inputs: dict[str, Path], tmp_path: Path, encoding: str
) -> None:
    """A file whose exporter drops the empty fields ending its rows has its short rows padded
    (most of its rows are short), so a row lacking its 办件编号 is read shifted there: its
    办件编号, the applicant's name, is shown masked, as no order number is a name alone."""
    rows = [EXPORT_HEADER, *(export_row(n, n)[:-2] for n in range(1, 5))]  # no 办结时间, 备注
    rows.append(export_row(5, 5)[1:-2])
    inputs["work-orders"].write_bytes(csv_bytes(rows).decode().encode(encoding))
    out = tmp_path / "out"
    result = run(diff_args(inputs, out, "--format", "csv,xlsx,json,md,html"))
    assert result.exit_code == 1, result.output
    for name, text in scan_texts(out).items():
        assert leaks(text) == [], name
    unlinked = json.loads(read(out, "unlinked_work_orders.json"))
    assert "诸**明" in {r["order_no"] for r in unlinked}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_totals_and_notes_rows_are_no_work_orders(
    inputs: dict[str, Path], tmp_path: Path, suffix: str
) -> None:
    """合计 and 注：/制表人 rows under the work orders are rejected as notes: not counted as work
    orders without a code, their text (the 制表人's name and phone) in no output."""
    rows = [EXPORT_HEADER, *(export_row(n, n) for n in range(1, 4))]
    rows += [["合计", "3件"], ["注：本表含个人信息"], ["制表人：刘晓东 电话：13700001234"]]
    path = inputs["work-orders"].with_suffix(suffix)
    if suffix == ".csv":
        path.write_bytes(csv_bytes(rows))
    else:
        wb = openpyxl.Workbook()
        for row in rows:
            wb.active.append(row)
        wb.save(path)
    inputs["work-orders"] = path
    out = tmp_path / "out"
    result = run(diff_args(inputs, out, "--format", "csv,xlsx,json,md,html"))
    assert result.exit_code == 1, result.output
    rejected = json.loads(read(out, "rejected_rows.json"))
    assert [(r["row"], r["reason"][:24]) for r in rejected] == [
        (n, "is a totals or notes row") for n in (5, 6, 7)
    ]
    summary = json.loads(read(out, "summary.json"))
    assert summary["work_orders"] == 3
    for name, text in scan_texts(out).items():
        assert "刘晓东" not in text and "13700001234" not in text, name


# --- formulas -------------------------------------------------------------------------------

FORMULA = re.compile(r"^[\t\r\n]*[=+\-@]")
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def test_formulas_in_the_data_never_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    files = {r: make_corpus.GOOD / n for r, (n, _) in make_corpus.GOOD_FILES.items()}
    files["list"] = CORPUS / "files" / "list-formula-names.csv"
    args = ["diff", "--as-of", "2026-10-01", "--out", str(out), "--format", "csv,xlsx"]
    for role, path in files.items():
        args += [f"--{role.replace('_', '-')}", str(path)]
    assert run(args).exit_code == 1

    shown: set[str] = set()
    for path in out.glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert not FORMULA.match(cell) or NUMBER.match(cell), (path.name, cell)
                    shown.add(cell)
    for formula in make_corpus.FORMULAS:  # (names are trimmed when read: the tab goes)
        assert "'" + formula.strip() in shown  # an apostrophe in front, the rest as written

    with zipfile.ZipFile(out / "catalog-sync-report.xlsx") as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)  # no formula at all
    wb = openpyxl.load_workbook(out / "catalog-sync-report.xlsx")
    strings = {c.value: c.data_type for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    for formula in make_corpus.FORMULAS:
        assert strings.get(formula.strip()) == "s", formula  # a string cell, as written


# --- paths ----------------------------------------------------------------------------------


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_names_in_the_data_never_become_paths(tmp_path: Path) -> None:
    files = {r: make_corpus.GOOD / n for r, (n, _) in make_corpus.GOOD_FILES.items()}
    files["list"] = CORPUS / "files" / "list-path-names.csv"
    work = tmp_path / "work"
    out = work / "reports" / "out"
    work.mkdir()
    before = tree(tmp_path)
    args = ["diff", "--as-of", "2026-10-01", "--out", str(out)]
    args += ["--format", "csv,xlsx,json,md,ttl"]
    for role, path in files.items():
        args += [f"--{role.replace('_', '-')}", str(path)]
    result = run(args)
    assert result.exit_code == 1, result.output
    new = tree(tmp_path) - before
    generation = "work/reports/" + os.readlink(out)  # out is a link to .out.runs/<generation>
    assert new == {
        "work/reports",
        "work/reports/out",
        "work/reports/.out.lock",
        "work/reports/.out.runs",
        generation,
    } | {f"{generation}/{name}" for name in (p.name for p in out.iterdir())}
    assert all(
        re.fullmatch(r"[a-z_]+\.(csv|json)|[a-z.-]+\.(xlsx|md|ttl)", p.name) for p in out.iterdir()
    )
    names = json.loads((out / "unmatched_list_items.json").read_text("utf-8"))
    assert {"../../etc/x", "/etc/passwd"} <= {r["item_name"] for r in names}  # data, as data


def test_out_replaces_a_planted_symlink_instead_of_following_it(
    inputs: dict[str, Path], tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.json").symlink_to(outside)
    assert run(diff_args(inputs, out, "--format", "json")).exit_code == 1
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not (out / "summary.json").is_symlink()
    assert json.loads((out / "summary.json").read_text("utf-8"))["list_items"] == 4


@pytest.mark.parametrize("name", ["../escape", "a/b", "..", "", "rejected_rows/../../x", "X"])
def test_write_report_refuses_table_names_that_are_not_plain(name: str, tmp_path: Path) -> None:
    table = Table(name, [Column("file", "文件", "File")], [{"file": "x"}])
    with pytest.raises(ValueError, match="not a plain name"):
        write_report(tmp_path / "out", [table], {}, ["csv"], "zh", {})
    assert not (tmp_path / "out").exists() and not (tmp_path / "escape").exists()
