"""Every broken or hostile input of tests/corpus/ through the CLI, in the role the manifest gives.

The input takes its role's place among good small inputs (tests/corpus/good/). Whatever it
holds, the run either succeeds with its bad rows in rejected_rows (file, row, reason) or stops
with exit 2 and one stderr line naming the file. Never a traceback, never a hang (each run is
bounded by a timeout), never a half-written --out, and the counts of every input reconcile:
rows read = rows used + rows rejected.

A new case is a new function in tests/corpus/make_corpus.py; run it to rewrite the files and
the manifest.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from catalog_sync.cli import cli
from catalog_sync.mappings import load_mapping
from catalog_sync.sources.decisions import load_decisions

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))

import make_corpus  # noqa: E402

with (CORPUS / "manifest.csv").open(encoding="utf-8", newline="") as _fh:
    MANIFEST = list(csv.DictReader(_fh))
OPTIONS = {
    "catalogue": "--catalogue",
    "list": "--list",
    "decisions": "--decisions",
    "work_orders": "--work-orders",
}
TABLES = (
    "cancelled_still_listed",
    "delegated_items",
    "other_decision_matches",
    "unmatched_list_items",
    "unimplemented_catalogue_items",
    "list_catalogue_matches",
    "work_order_linkage",
    "unlinked_work_orders",
    "unlinked_codes",
    "work_orders_on_cancelled_items",
    "rejected_rows",
)
REPORT = sorted(
    [f"{t}.{ext}" for t in TABLES for ext in ("csv", "json")]
    + ["catalog-sync-report.xlsx", "summary.json", "report.md", "graph.ttl", "run.json"]
)


# Known: what DuckDB 1.x (the newest for Python 3.10 is 1.5.6) reads otherwise than 2.x.
OLD_DUCKDB_MISSES = {
    "work-orders-too-many-fields.csv": "DuckDB 1.x's strict mode lets a row with an extra "
    "field through the fast read: not rejected (README, Development)",
}


def run_corpus_input(path: Path, role: str, out: Path) -> Result:
    """One run: `path` as the `role` input, the good inputs for the others, every format."""
    files = {r: make_corpus.GOOD / name for r, (name, _) in make_corpus.GOOD_FILES.items()}
    files[role] = path
    args = ["diff", "--as-of", "2026-10-01", "--out", str(out), "--format", "csv,xlsx,json,md,ttl"]
    for r, option in OPTIONS.items():
        args += [option, str(files[r])]
    return CliRunner().invoke(cli, args)


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("big-corpus")


@pytest.mark.timeout(180)
@pytest.mark.parametrize("case", MANIFEST, ids=[c["file"] for c in MANIFEST])
def test_corpus_input(
    case: dict[str, str], tmp_path: Path, big_folder: Path, request: pytest.FixtureRequest
) -> None:
    if case["file"] in OLD_DUCKDB_MISSES and int(duckdb.__version__.split(".")[0]) < 2:
        request.applymarker(pytest.mark.xfail(strict=True, reason=OLD_DUCKDB_MISSES[case["file"]]))
    if case["big"] == "1":
        path = big_folder / case["file"]
        if not path.exists():
            make_corpus.write_big(case["file"], big_folder)
    else:
        path = CORPUS / "files" / case["file"]
    out = tmp_path / "out"
    result = run_corpus_input(path, case["role"], out)

    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert list(tmp_path.glob(".out.tmp-*")) == [], "a staging folder was left behind"
    if case["outcome"] == "error":
        assert result.exit_code == 2, result.output
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("catalog-sync: error: "), lines[0]
        assert str(path) in lines[0], lines[0]
        assert case["expect"] in lines[0], lines[0]
        assert not out.exists(), "a failed run wrote something"
        return

    assert result.exit_code in (0, 1), result.output
    assert result.stderr == ""
    assert sorted(p.name for p in out.iterdir()) == REPORT
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    for entry in summary["inputs"]:
        assert entry["rows_read"] == entry["rows_used"] + entry["rows_rejected"], entry
    (entry,) = [e for e in summary["inputs"] if e["file"] == str(path)]
    rejected = json.loads((out / "rejected_rows.json").read_text(encoding="utf-8"))
    mine = [r for r in rejected if r["file"] == str(path)]
    assert len(mine) == int(case["rejected"]) == entry["rows_rejected"], mine
    assert summary["rejected_rows"]["count"] == len(rejected)
    for r in mine:
        assert isinstance(r["row"], int) and r["row"] > entry["header_row"], r
        assert r["reason"], r
    if case["expect"] and mine:
        assert any(case["expect"] in r["reason"] for r in mine), mine


def test_external_links_are_reported_not_followed(tmp_path: Path) -> None:
    path = CORPUS / "files" / "list-external-links.xlsx"
    out = tmp_path / "out"
    result = run_corpus_input(path, "list", out)
    assert result.exit_code == 1, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    (warning,) = [w for w in summary["warnings"] if "links to another file" in w]
    assert warning.startswith(str(path))
    assert summary["list_items"] == 4  # the names cached in the workbook were read
    assert summary["unmatched_list_items"] == 1  # 农村宅基地审批 only, as with the good list


BOUNDED = [c for c in MANIFEST if c["big"] == "1"] + [
    c for c in MANIFEST if c["file"] in ("decisions-far-cell.xlsx", "catalogue-zip-bomb-lying.xlsx")
]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux's")
@pytest.mark.timeout(180)
@pytest.mark.parametrize("case", BOUNDED, ids=[c["file"] for c in BOUNDED])
def test_big_inputs_stay_within_memory(
    case: dict[str, str], tmp_path: Path, big_folder: Path
) -> None:
    """The big and bomb-like inputs in a process allowed 2 GiB of address space: the far cell
    alone would want 512 GiB from calamine, the zip bomb 3.5 GiB inflated."""
    if case["big"] == "1":
        path = big_folder / case["file"]
        if not path.exists():
            make_corpus.write_big(case["file"], big_folder)
    else:
        path = CORPUS / "files" / case["file"]
    files = {r: make_corpus.GOOD / name for r, (name, _) in make_corpus.GOOD_FILES.items()}
    files[case["role"]] = path
    args = [sys.executable, "-m", "catalog_sync", "diff", "--as-of", "2026-10-01"]
    args += ["--out", str(tmp_path / "out"), "--format", "csv,json"]
    for r, option in OPTIONS.items():
        args += [option, str(files[r])]

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    done = subprocess.run(
        args, capture_output=True, text=True, timeout=170, preexec_fn=limit, env=dict(os.environ)
    )
    assert done.returncode == (2 if case["outcome"] == "error" else 1), done.stderr
    assert "Traceback" not in done.stderr
    if case["outcome"] == "error":
        assert done.stderr.startswith("catalog-sync: error: ") and case["expect"] in done.stderr


def test_dates_every_form_read_alike(tmp_path: Path) -> None:
    mapping = load_mapping()
    for name in ("decisions-dates-every-form.csv", "decisions-dates-every-form.xlsx"):
        loaded = load_decisions(CORPUS / "files" / name, name, mapping)
        assert loaded.rejected == []
        assert {d.effective_date for d in loaded.records} == {date(2026, 9, 1)}, name
        assert {d.issued_date for d in loaded.records} == {date(2026, 8, 15)}, name
    path = CORPUS / "files" / "work-orders-dates-every-form.csv"
    out = tmp_path / "out"
    assert run_corpus_input(path, "work_orders", out).exit_code == 1
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["work_orders"], summary["rejected_rows"]["count"]) == (4, 0)
    # WO-0002 (公共场所卫生许可, cancelled from 2026-09-01) was accepted 2026年9月1日: day 0.
    on_cancelled = json.loads(
        (out / "work_orders_on_cancelled_items.json").read_text(encoding="utf-8")
    )
    assert [(r["order_no"], r["days_after"]) for r in on_cancelled] == [("WO-0002", 0)]


def test_corpus_covers_the_issue() -> None:
    assert len(MANIFEST) >= 40
    assert {c["role"] for c in MANIFEST} == set(OPTIONS)
    outcomes = [(c["outcome"], int(c["rejected"])) for c in MANIFEST]
    assert any(o == "ok" and n > 0 for o, n in outcomes)
    assert any(o == "error" for o, _ in outcomes)
    for word in (
        "truncated", "named", "empty", "header-only", "gbk", "bom", "nul", "ten-mb-cell",
        "too-many-fields", "too-few-fields", "duplicate-header", "header-on-row",
        "million-formatted-rows", "zip-bomb", "external-links", "deep.json", "xxe",
        "billion-laughs", "duplicate-codes", "dates-every-form",
    ):  # fmt: skip
        assert any(word in c["file"] for c in MANIFEST), word


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist() if i.file_size < 1 << 20}


def test_make_corpus_reproduces_the_files() -> None:
    """The script is the source: the committed files and manifest are what it makes."""
    assert (CORPUS / "manifest.csv").read_text(encoding="utf-8") == make_corpus.manifest_text()
    made = make_corpus.small_files()
    kept = {p.name: p.read_bytes() for p in (CORPUS / "files").iterdir()}
    assert sorted(made) == sorted(kept)
    for name, data in made.items():
        if data.startswith(b"PK\x03\x04") and kept[name].startswith(b"PK\x03\x04"):
            # zlib versions may deflate differently: compare what the archives hold
            try:
                same = _members(data) == _members(kept[name])
            except Exception:  # the damaged archives of the corpus: compare their bytes
                same = None
            if same is not None:
                assert same, name
                continue
        assert data == kept[name], name
    good = {p.name: p.read_bytes() for p in make_corpus.GOOD.iterdir()}
    assert good == make_corpus.good_files()
