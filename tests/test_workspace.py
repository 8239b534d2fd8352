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
