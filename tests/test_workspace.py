"""The work folder's guard (workspace.py): what removes the folder when the run cannot."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from catalog_sync import workspace


@pytest.fixture
def tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again
    return tmp_path


def _gone(path: Path, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return not path.exists()


def test_a_workspace_closed_leaves_no_folder_and_no_guard(tmp: Path) -> None:
    ws = workspace.Workspace()
    assert ws.path.parent == tmp and ws.path.is_dir()
    ws.close()
    assert not ws.path.exists()
    assert list(tmp.iterdir()) == []


def test_the_guard_removes_the_folder_of_a_process_killed_outright(tmp: Path) -> None:
    code = (
        "import sys, time; from catalog_sync.workspace import Workspace; w = Workspace(); "
        "(w.path / 'orders.csv').write_text('110101199001011234'); print(w.path, flush=True); "
        "time.sleep(60)"
    )
    with subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=dict(os.environ)
    ) as proc:
        assert proc.stdout is not None
        folder = Path(proc.stdout.readline().strip())
        assert (folder / "orders.csv").is_file()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert _gone(folder)


def test_without_a_python_to_start_the_run_goes_on(
    tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No guard then: the folder is still made, and removed when the workspace closes."""
    monkeypatch.setattr(sys, "executable", str(tmp / "no-such-python"))
    ws = workspace.Workspace()
    assert ws.path.is_dir()
    ws.close()
    assert not ws.path.exists()


@pytest.mark.parametrize(
    ("text", "duckdb_text"),
    [("4GB", "4GB"), (" 1.5 gb ", "1.5GB"), ("５１２ＭＢ", "512MB"), ("512mib", "512MiB"),
     ("256MB", "256MB")],
)  # fmt: skip
def test_a_memory_limit_reaches_duckdb_as_it_reads_the_size(
    tmp: Path, text: str, duckdb_text: str
) -> None:
    """The workspace's connection holds the budget DuckDB itself makes of the size (it shows
    4GB as 3.7 GiB): the parsed text is what DuckDB reads, not a look-alike."""
    import duckdb

    assert workspace.parse_memory_limit(text) == duckdb_text
    expected = duckdb.connect(config={"memory_limit": duckdb_text})
    shown = "SELECT current_setting('memory_limit')"
    ws = workspace.Workspace(text)
    try:
        assert ws.con.execute(shown).fetchone() == expected.execute(shown).fetchone()
    finally:
        ws.close()
        expected.close()


@pytest.mark.parametrize(
    "text", ["4", "4 G", "1e9B", "-1GB", "0GB", "255MB", "GB", "٤GB", "99999999999999999999GB"]
)
def test_what_is_no_memory_limit_is_refused_before_any_folder_is_made(tmp: Path, text: str) -> None:
    with pytest.raises(ValueError, match="not a size|too little|more than any machine"):
        workspace.Workspace(text)
    assert not list(tmp.glob("catalog-sync-*"))
