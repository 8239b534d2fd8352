"""Faults injected into real runs: signals, kills, a second run, full and foreign disks, inputs
written to while read, damaged baselines and review sheets. Each test starts catalog-sync as a
process (tests/fault_driver.py puts the fault in) and is bounded in time.

The question every test asks: is `--out` one whole run (the old or the new, never a mix), and is
nothing personal left in the temp directory or beside `--out`?
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import openpyxl
import pytest

from catalog_sync.project import resolve_run

pytestmark = pytest.mark.timeout(120)

TESTS = Path(__file__).resolve().parent
GOOD = TESTS / "corpus" / "good"
DRIVER = TESTS / "fault_driver.py"
LINKED = "catalog_sync.pipeline:apply_baseline"  # work orders linked, the work folder full
WRITING = "catalog_sync.reports:write_markdown"  # half the report files written
SWAP = "catalog_sync.reports.output:_make_current"  # the report whole, not yet current
ID_NUMBER = re.compile(rb"\d{17}[\dX]")
WAIT = 60  # seconds any one process may take


@pytest.fixture
def lab(tmp_path: Path) -> Lab:
    return Lab(tmp_path)


class Lab:
    """Inputs copied in, a private temp directory, and `--out` under reports/."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.inputs = root / "in"
        shutil.copytree(GOOD, self.inputs)
        self.tmp = root / "tmp"
        self.tmp.mkdir()
        self.reports = root / "reports"
        self.out = self.reports / "out"
        self.go = root / "go"
        self.ids = set(ID_NUMBER.findall((self.inputs / "work-orders.csv").read_bytes()))
        assert len(self.ids) >= 3

    def args(self, *extra: str, out: Path | None = None) -> list[str]:
        i = self.inputs
        return [
            "diff",
            "--catalogue", str(i / "catalogue.csv"),
            "--list", str(i / "list.csv"),
            "--decisions", str(i / "decisions.csv"),
            "--work-orders", str(i / "work-orders.csv"),
            "--as-of", "2026-10-01",
            "--out", str(out or self.out),
            "-q",
            *extra,
        ]  # fmt: skip

    def env(self, point: str = "", action: str = "") -> dict[str, str]:
        env = dict(os.environ, TMPDIR=str(self.tmp), FAULT_GO=str(self.go))
        env.update(FAULT_POINT=point or "os:getcwd", FAULT_ACTION=action or "none")
        return env

    def run(
        self, args: list[str], point: str = "", action: str = ""
    ) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(DRIVER), *args],
            env=self.env(point, action),
            capture_output=True,
            text=True,
            timeout=WAIT,
        )

    def start_paused(
        self, args: list[str], point: str, sigint_ignored: bool = False
    ) -> subprocess.Popen:
        """A run stopped at `point`: returns once it is there. `sigint_ignored`: started as a
        script's background job is, SIGINT ignored (the shell's `trap "" INT`, then exec)."""
        command = [sys.executable, str(DRIVER), *args]
        if sigint_ignored:
            command = ["sh", "-c", 'trap "" INT; exec "$@"', "sh", *command]
        proc = subprocess.Popen(
            command,
            env=self.env(point, "pause"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(proc.stderr.readline()))
        reader.start()
        reader.join(WAIT)
        if not line or "FAULT-POINT" not in line[0]:
            proc.kill()
            raise AssertionError(f"the run never reached {point}: {line} {proc.communicate()}")
        return proc

    def snapshot(self) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(self.out.iterdir())}

    def leaks(self) -> list[str]:
        """Files in the temp directory or beside --out holding an ID number of the inputs, and
        work folders of ours left in the temp directory."""
        found = [str(p) for p in self.tmp.iterdir() if p.name.startswith("catalog-sync-")]
        for folder in (self.tmp, self.reports):
            for path in folder.rglob("*"):
                if path.is_file() and not path.is_symlink():
                    data = path.read_bytes()
                    found += [f"{path}: {i.decode()}" for i in self.ids if i in data]
        return found

    def beside_out(self) -> set[str]:
        """What is in --out's parent and the generation folder, as names."""
        names = {p.name for p in self.reports.iterdir()}
        runs = self.reports / ".out.runs"
        return names | ({f".out.runs/{p.name}" for p in runs.iterdir()} if runs.is_dir() else set())


def _current(lab: Lab) -> set[str]:
    """What a finished run leaves beside --out: the link, its generation and the lock file."""
    return {"out", ".out.lock", ".out.runs", f".out.runs/{Path(os.readlink(lab.out)).name}"}


@pytest.mark.parametrize(
    ("point", "sig", "code"),
    [
        (LINKED, signal.SIGTERM, 143),
        (LINKED, signal.SIGINT, 130),
        (WRITING, signal.SIGTERM, 143),
        (WRITING, signal.SIGINT, 130),
        (SWAP, signal.SIGTERM, 143),
    ],
)
def test_a_stopped_run_leaves_the_old_report_and_nothing_personal(
    lab: Lab, point: str, sig: int, code: int
) -> None:
    first = lab.run(lab.args("--lang", "en"))
    assert first.returncode == 1, first.stderr
    before = lab.snapshot()
    proc = lab.start_paused(lab.args(), point)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=WAIT)
    assert proc.returncode == code, err
    assert len(err.strip().splitlines()) == 1 and "--out left as it was" in err, err
    assert lab.snapshot() == before
    assert lab.beside_out() == _current(lab)
    assert lab.leaks() == []


def test_ctrl_c_reaches_a_run_whose_tests_were_started_with_sigint_ignored(lab: Lab) -> None:
    """pytest run as a background job of a script inherits SIGINT ignored and hands it on: the
    driver still gives the run Ctrl-C as a terminal does, so the SIGINT cases above test the
    run's clean-up, not how the tests were started (before: no exit within 60 s)."""
    proc = lab.start_paused(lab.args(), LINKED, sigint_ignored=True)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=WAIT)
    assert proc.returncode == 130, err
    assert "interrupted (Ctrl-C); --out left as it was" in err, err
    assert lab.leaks() == []


def _work_folders(lab: Lab) -> list[Path]:
    return [p for p in lab.tmp.iterdir() if p.name.startswith("catalog-sync-")]


def test_a_killed_run_leaves_nothing_personal(lab: Lab) -> None:
    """SIGKILL runs no code of the run's: its guard removes the work folder all the same."""
    proc = lab.start_paused(lab.args(), LINKED)
    (work,) = _work_folders(lab)
    (work / "spilled").write_bytes(next(iter(lab.ids)))  # as DuckDB's spill of a big file
    proc.kill()
    proc.communicate(timeout=WAIT)
    deadline = time.monotonic() + WAIT
    while work.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert lab.leaks() == []


def test_a_guard_killed_too_is_made_up_for_by_the_next_run(lab: Lab) -> None:
    """Power loss, or a kill of the run and its guard: the next run removes what they left."""
    proc = lab.start_paused(lab.args(), WRITING)
    (work,) = _work_folders(lab)
    guards = subprocess.run(
        ["pgrep", "-f", f"shutil.rmtree.*{work}"], capture_output=True, text=True, check=True
    )
    (guard,) = guards.stdout.split()
    os.kill(int(guard), signal.SIGKILL)
    proc.kill()
    proc.communicate(timeout=WAIT)
    assert work.exists()  # left
    assert any(p.name.startswith(".out.runs") for p in lab.reports.iterdir())
    an_hour_ago = time.time() - 3600
    os.utime(work, (an_hour_ago, an_hour_ago))  # its lock is free: removed, whatever its age
    older = lab.tmp / "catalog-sync-oldversion"  # an earlier version's, without a lock file
    (older / "orders.csv").parent.mkdir()
    (older / "orders.csv").write_bytes(next(iter(lab.ids)))
    two_days_ago = time.time() - 2 * 86400
    os.utime(older, (two_days_ago, two_days_ago))

    again = lab.run(lab.args())
    assert again.returncode == 1, again.stderr
    assert lab.beside_out() == _current(lab)
    assert lab.leaks() == []


def test_a_second_run_on_the_same_out_stops_at_once(lab: Lab) -> None:
    proc = lab.start_paused(lab.args(), LINKED)
    try:
        second = lab.run(lab.args())
        assert second.returncode == 2
        assert "another catalog-sync run is writing this folder" in second.stderr
        assert str(lab.out) in second.stderr
    finally:
        lab.go.touch()
        _, err = proc.communicate(timeout=WAIT)
    assert proc.returncode == 1, err
    assert lab.beside_out() == _current(lab)


def test_no_file_of_an_earlier_format_lingers(lab: Lab) -> None:
    assert lab.run(lab.args("--format", "csv,xlsx,json,md,ttl")).returncode == 1
    assert {"report.md", "graph.ttl", "catalog-sync-report.xlsx"} <= {
        p.name for p in lab.out.iterdir()
    }
    assert lab.run(lab.args("--format", "csv")).returncode == 1
    names = {p.name for p in lab.out.iterdir()}
    assert names == {p for p in names if p.endswith(".csv")} | {"run.json"}


def test_a_move_failing_half_way_never_mixes_two_runs(lab: Lab) -> None:
    """Before: each file moved into --out by itself; the fifth move failing left a mix."""
    assert lab.run(lab.args("--lang", "en", "--format", "csv")).returncode == 1
    result = lab.run(lab.args("--format", "csv"), "os:replace", "fail-nth:5")
    headers = {p.read_text("utf-8-sig").split(",")[0] for p in lab.out.glob("*.csv")}
    english, chinese = {h for h in headers if h.isascii()}, {h for h in headers if not h.isascii()}
    assert not (english and chinese), (headers, result.stderr)


def test_a_failed_write_leaves_out_as_it_was(lab: Lab) -> None:
    assert lab.run(lab.args()).returncode == 1
    before = lab.snapshot()
    failed = lab.run(lab.args("--lang", "en"), WRITING, "raise")
    assert failed.returncode == 2
    assert lab.snapshot() == before
    assert lab.beside_out() == _current(lab)


def test_out_through_a_symlink_to_another_filesystem(lab: Lab) -> None:
    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(lab.root).st_dev:
        pytest.skip("no second filesystem at /dev/shm")
    share = Path(shm / f"catalog-sync-test-{os.getpid()}")
    share.mkdir()
    try:
        lab.reports.mkdir()
        lab.out.symlink_to(share / "report")
        (share / "report").mkdir()
        result = lab.run(lab.args())
        assert result.returncode == 1, result.stderr
        assert (lab.out / "summary.json").is_file()  # through the user's link, on the share
        assert (share / "report" / "summary.json").is_file()
        assert lab.out.is_symlink() and os.readlink(lab.out) == str(share / "report")
    finally:
        shutil.rmtree(share)


@pytest.fixture
def tmpfs(tmp_path: Path):
    """A 1 MiB filesystem, mounted if this process may (root); else the test is skipped."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_is_found_before_the_run(lab: Lab, tmpfs: Path) -> None:
    out = tmpfs / "out"
    result = lab.run(lab.args(out=out), LINKED, "raise")  # the run must not get that far
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert str(tmpfs) in line and "not enough free space" in line
    assert not out.exists()


def test_a_disk_filling_up_during_the_write_names_the_path(lab: Lab, tmpfs: Path) -> None:
    filler = tmpfs / "filler"
    filler.write_bytes(b"\0" * (1024 * 1024 - 40 * 1024))  # about 40 KiB left: a report is more
    out = tmpfs / "out"
    result = lab.run(lab.args(out=out), "catalog_sync.reports.output:_check_space", "skip")
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert "internal error" not in line
    assert str(tmpfs) in line and "no space left on device" in line.lower(), line
    assert not out.exists() and sorted(p.name for p in tmpfs.iterdir()) == [
        ".out.lock",
        ".out.runs",
        "filler",
    ]
    assert list((tmpfs / ".out.runs").iterdir()) == []


def test_a_read_only_parent_fails_before_the_run(lab: Lab) -> None:
    """A writable --out in a parent the run may not write: refused at the start."""
    lab.out.mkdir(parents=True)
    os.chmod(lab.reports, 0o555)
    # root writes anywhere: without CAP_DAC_OVERRIDE it is held to the folder's mode as anyone
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]
    if os.getuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("root without setpriv: the parent cannot be made read-only to this run")
    proc = subprocess.run(
        [*(drop if os.getuid() == 0 else []), sys.executable, str(DRIVER), *lab.args()],
        env=lab.env(LINKED, "raise"),
        capture_output=True,
        text=True,
        timeout=WAIT,
    )
    os.chmod(lab.reports, 0o755)
    assert proc.returncode == 2, proc.stderr
    (line,) = proc.stderr.splitlines()
    assert str(lab.reports) in line and "cannot write there" in line, line


def test_an_input_written_to_during_the_run_is_refused(lab: Lab) -> None:
    orders = lab.inputs / "work-orders.csv"
    result = lab.run(lab.args(), LINKED, f"append:{orders}")
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert str(orders) in line and "changed while being read" in line
    assert not os.path.lexists(lab.out)


def test_run_json_records_the_bytes_read(lab: Lab) -> None:
    import hashlib

    assert lab.run(lab.args()).returncode == 1
    record = json.loads((lab.out / "run.json").read_text("utf-8"))
    orders = lab.inputs / "work-orders.csv"
    (entry,) = [e for e in record["inputs"] if e["file"] == str(orders)]
    assert entry["size_bytes"] == orders.stat().st_size
    assert entry["sha256"] == hashlib.sha256(orders.read_bytes()).hexdigest()


def _strip_finding_ids(folder: Path) -> None:
    """Make `folder` look like a baseline of a version before finding ids and tool_version."""
    for table in folder.glob("*.json"):
        data = json.loads(table.read_text("utf-8"))
        if isinstance(data, list):
            for row in data:
                row.pop("finding_id", None)
        else:
            data.pop("tool_version", None)
        table.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def test_a_baseline_without_finding_ids_is_read_by_its_keys(lab: Lab) -> None:
    old = lab.reports / "old"
    assert lab.run(lab.args("--format", "json", out=old)).returncode == 1
    _strip_finding_ids(old)
    result = lab.run(lab.args("--baseline", str(old), "--fail-on", "new"))
    assert result.returncode == 0, result.stderr  # nothing is new: the same inputs
    summary = json.loads((lab.out / "summary.json").read_text("utf-8"))
    assert summary["new_findings"] == 0
    counts = summary["findings_by_status"].values()
    assert sum(c["new"] + c["resolved"] for c in counts) == 0, counts
    assert sum(c["persisting"] for c in counts) > 0
    assert summary["baseline"]["tool_version"] is None
    assert any("this is" in w for w in summary["warnings"])
    for table in ("unlinked_work_orders", "work_orders_on_cancelled_items"):
        rows = json.loads((lab.out / f"{table}.json").read_text("utf-8"))
        assert rows and {r["status"] for r in rows} == {"persisting"}, table


def test_a_baseline_from_a_plain_folder_and_from_a_link(lab: Lab) -> None:
    """`--baseline` takes an earlier version's plain folder, and a generation link."""
    plain = lab.reports / "plain"
    assert lab.run(lab.args(out=plain)).returncode == 1
    linked = Path(os.path.realpath(plain))
    shutil.copytree(linked, lab.reports / "copied")  # a plain folder, as versions before wrote
    for baseline in (lab.reports / "copied", plain):
        result = lab.run(lab.args("--baseline", str(baseline), "--fail-on", "new"))
        assert result.returncode == 0, result.stderr


def test_a_truncated_baseline_table_is_one_clear_line(lab: Lab) -> None:
    old = lab.reports / "old"
    assert lab.run(lab.args("--format", "json", out=old)).returncode == 1
    table = old / "unlinked_work_orders.json"
    table.write_bytes(table.read_bytes()[:-40])
    result = lab.run(lab.args("--baseline", str(old)))
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert "internal error" not in line
    assert "unlinked_work_orders.json: not a readable baseline table" in line


def test_the_project_file_takes_every_option_the_readme_gives_it(lab: Lab) -> None:
    old = lab.reports / "old"
    assert lab.run(lab.args(out=old)).returncode == 1
    project = lab.root / "project"
    project.mkdir()
    (project / "catalog-sync.toml").write_text(
        f'catalogue = "{lab.inputs / "catalogue.csv"}"\n'
        f'lists = ["{lab.inputs / "list.csv"}"]\n'
        f'decisions = ["{lab.inputs / "decisions.csv"}"]\n'
        f'work_orders = ["{lab.inputs / "work-orders.csv"}"]\n'
        f'as_of = "2026-10-01"\nout = "{lab.out}"\nlang = "zh"\nformat = "csv,json"\n'
        f'baseline = "{old}"\nfail_on = "new"\njudgements = "judgements.csv"\n',
        encoding="utf-8",
    )
    result = lab.run(["diff", str(project), "-q"])
    assert result.returncode == 0, result.stderr  # fail_on = "new": nothing new since old
    summary = json.loads((lab.out / "summary.json").read_text("utf-8"))
    assert summary["baseline"]["path"] == str(old)


def test_a_work_order_path_that_exists_is_a_file_not_a_glob(lab: Lab) -> None:
    literal = lab.inputs / "[2026].csv"
    (lab.inputs / "work-orders.csv").rename(literal)
    args = lab.args()
    args[args.index("--work-orders") + 1] = str(literal)
    result = lab.run(args)
    assert result.returncode == 1, result.stderr
    record = json.loads((lab.out / "run.json").read_text("utf-8"))
    assert str(literal) in {e["file"] for e in record["inputs"]}


@pytest.mark.parametrize("uri", ["hdfs:///data/orders.csv", "file:///srv/orders.csv"])
def test_uris_are_kept_exactly_as_given(lab: Lab, uri: str) -> None:
    settings = resolve_run(
        None,
        catalogue=lab.inputs / "catalogue.csv",
        lists=(lab.inputs / "list.csv",),
        decisions=(lab.inputs / "decisions.csv",),
        work_orders=(uri,),
        as_of="2026-10-01",
        mappings=(),
        out=lab.out,
        formats=None,
        lang=None,
    )
    assert [s.display for s in settings.config.work_orders] == [uri]
    project = lab.root / "project"
    project.mkdir()
    (project / "catalog-sync.toml").write_text(
        f'catalogue = "{lab.inputs / "catalogue.csv"}"\nlists = ["{lab.inputs / "list.csv"}"]\n'
        f'decisions = ["{lab.inputs / "decisions.csv"}"]\nwork_orders = ["{uri}"]\n'
        f'out = "{lab.out}"\n',
        encoding="utf-8",
    )
    from_file = resolve_run(
        project,
        catalogue=None,
        lists=(),
        decisions=(),
        work_orders=(),
        as_of=None,
        mappings=(),
        out=None,
        formats=None,
        lang=None,
    )
    assert [s.display for s in from_file.config.work_orders] == [uri]


def _review_workbook(lab: Lab) -> tuple[Path, Path]:
    """A project with one uncertain pair, and its exported review workbook."""
    from test_review import _project

    project = _project(lab.root)
    sheet = lab.root / "review.xlsx"
    done = lab.run(["review", "export", str(project), "--out", str(sheet)])
    assert done.returncode == 0, done.stderr
    return project, sheet


def _edit(sheet: Path, edits: dict[tuple[int, str], str], copy_row: bool = False) -> None:
    wb = openpyxl.load_workbook(sheet)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    if copy_row:
        ws.append([c.value for c in ws[2]])
    for (row, column), value in edits.items():
        ws.cell(row, header.index(column) + 1, value)
    wb.save(sheet)


@pytest.mark.parametrize(
    ("edits", "expect"),
    [
        ({(2, "判定"): "确认", (2, "对编号"): ""}, "the 对编号 cell is empty"),
        ({(2, "判定"): "确认", (2, "左键"): "list:000"}, "do not belong together"),
        ({(2, "判定"): "确认", (2, "右键"): ""}, "the 右键 cell is empty"),
    ],
)
def test_review_import_refuses_altered_identity_cells(
    lab: Lab, edits: dict[tuple[int, str], str], expect: str
) -> None:
    project, sheet = _review_workbook(lab)
    _edit(sheet, edits)
    result = lab.run(["review", "import", str(sheet), str(project)])
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert "row 2" in line and expect in line, line
    assert not (project / "judgements.csv").exists()


def test_review_import_refuses_two_verdicts_on_one_pair(lab: Lab) -> None:
    project, sheet = _review_workbook(lab)
    _edit(sheet, {(2, "判定"): "确认", (3, "判定"): "否认"}, copy_row=True)
    result = lab.run(["review", "import", str(sheet), str(project)])
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert "rows 2 and 3 give two verdicts" in line, line
    assert not (project / "judgements.csv").exists()


def test_a_nul_in_a_cell_rejects_its_row_on_every_python(tmp_path: Path) -> None:
    """Python 3.10's csv refused a whole text with a NUL in it ("line contains NUL")."""
    from catalog_sync.sources.tabular import read_grid

    padding = "".join(f"{n},{'x' * 100}\n" for n in range(50))  # a NUL in the first 4 KB:
    path = tmp_path / "t.csv"  # the file is not text
    path.write_text(f"a,b\n{padding}1,x\0y\n2,z\n", encoding="utf-8")
    grid = read_grid(path, str(path))
    assert len(grid.rows) == 53


def test_a_folder_holding_other_files_is_not_replaced(lab: Lab) -> None:
    lab.out.mkdir(parents=True)
    (lab.out / "notes.docx").write_bytes(b"mine")
    (lab.out / "summary.json").write_text("{}", "utf-8")  # an earlier report's: fine alone
    result = lab.run(lab.args(), LINKED, "raise")  # refused before the run gets there
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert "'notes.docx', which is not a catalog-sync report file" in line
    assert (lab.out / "notes.docx").read_bytes() == b"mine"


def test_a_mount_point_as_out_is_refused_with_what_to_do(lab: Lab, tmpfs: Path) -> None:
    result = lab.run(lab.args(out=tmpfs), LINKED, "raise")
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert f"{tmpfs} is a mount point" in line and f"--out {tmpfs / 'report'}" in line
