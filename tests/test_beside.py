"""beside.Beside: a computation on the second core gives what it gives in this process, fails
as it fails here, and leaves no child behind; the guide checks run there give the same report."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from demorun import run_demo

from catalog_sync import pipeline
from catalog_sync.beside import Beside

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork: POSIX only")


def _rows(n: int) -> list[dict[str, object]]:
    shared = {"element": "flow", "text": "受理→审查→决定"}  # one object in many rows
    return [{"item": f"{i:05d}", **shared, "row": i} for i in range(n)]


def test_the_forked_result_is_the_one_computed_here() -> None:
    forked = Beside(_rows, 2_000, fork=True)
    assert forked.result() == _rows(2_000)
    assert forked.cpu.keys() == {"second_core_cpu_seconds", "meanwhile_cpu_seconds"}
    here = Beside(_rows, 3, fork=False)
    assert here.result() == _rows(3)
    assert here.cpu == {}  # nothing ran beside


def test_no_process_to_be_had_runs_it_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    opened = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    here = Beside(_rows, 3, fork=True)
    assert here.result() == _rows(3)
    assert here.cpu == {}  # nothing ran beside
    if opened is not None:  # the pipe made for it is closed
        assert len(os.listdir("/proc/self/fd")) == opened


def _fails(message: str) -> None:
    raise ValueError(message)


def test_a_failing_child_fails_here_with_its_own_error() -> None:
    forked = Beside(_fails, "第3行：不是数字", fork=True)
    with pytest.raises(ValueError, match="第3行：不是数字"):
        forked.result()


def test_close_ends_a_child_whose_result_is_never_taken() -> None:
    forked = Beside(_rows, 500_000, fork=True)  # blocks writing to the pipe: nobody reads
    pid = forked._pid
    assert pid is not None
    forked.close()
    with pytest.raises(ChildProcessError):  # reaped: no zombie left
        os.waitpid(pid, os.WNOHANG)
    forked.close()  # twice is harmless


def _diff(out: Path) -> None:
    result = run_demo(out, "--format", "csv,json,md")
    assert result.exit_code == 1, result.output


def test_guide_checks_on_the_second_core_write_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "GUIDES_BESIDE_FROM", 10**9)
    _diff(tmp_path / "here")
    monkeypatch.setattr(pipeline, "GUIDES_BESIDE_FROM", 0)
    _diff(tmp_path / "beside")
    names = sorted(p.name for p in (tmp_path / "here").iterdir())
    assert "guide_elements.csv" in names and "guide_element_rates.json" in names
    assert names == sorted(p.name for p in (tmp_path / "beside").iterdir())
    for name in names:
        if name != "run.json":  # its timings differ
            here = (tmp_path / "here" / name).read_bytes()
            assert (tmp_path / "beside" / name).read_bytes() == here, name
    stages = json.loads((tmp_path / "beside" / "run.json").read_text(encoding="utf-8"))["stages"]
    guide = next(s for s in stages if s["stage"] == "guide checks")
    assert guide["second_core_cpu_seconds"] >= 0
    stages = json.loads((tmp_path / "here" / "run.json").read_text(encoding="utf-8"))["stages"]
    assert "second_core_cpu_seconds" not in next(s for s in stages if s["stage"] == "guide checks")
