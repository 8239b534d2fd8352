"""The command's exit (cli.main, cli.exit_now): out of the process without freeing the heap,
and still everything the usual exit does that a user can see: the status, standard output and
error complete down a pipe, the exit handlers run (the work folder removed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`code` run by a fresh interpreter, its output through pipes, block-buffered (as it is
    unless PYTHONUNBUFFERED says otherwise)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )


def test_exit_now_flushes_the_pipes_and_runs_the_exit_handlers() -> None:
    done = _python(
        "import atexit, sys\n"
        "from catalog_sync.cli import exit_now\n"
        "atexit.register(print, 'handler ran')\n"
        "print('unfinished line', end='')\n"
        "sys.stderr.write('to stderr')\n"
        "exit_now(3)\n"
    )
    assert done.returncode == 3
    assert done.stdout == "unfinished linehandler ran\n"
    assert done.stderr == "to stderr"


def test_exit_now_says_what_sys_exit_says() -> None:
    assert _python("from catalog_sync.cli import exit_now; exit_now(None)").returncode == 0
    text = _python("from catalog_sync.cli import exit_now; exit_now('stopped: why')")
    assert (text.returncode, text.stderr) == (1, "stopped: why\n")


def test_exit_now_waits_for_a_thread_still_running() -> None:
    done = _python(
        "import threading, time\n"
        "from catalog_sync.cli import exit_now\n"
        "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done'))).start()\n"
        "exit_now(4)\n"
    )
    assert (done.returncode, done.stdout) == (4, "thread done\n")


def test_the_command_exits_with_its_status_its_output_whole_and_no_work_folder(
    tmp_path: Path,
) -> None:
    work = tmp_path / "tmp"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["TMPDIR"] = str(work)
    run = [sys.executable, "-m", "catalog_sync", "diff", "fixtures/demo", "--format", "csv"]
    done = subprocess.run(
        [*run, "--out", str(tmp_path / "out")],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr  # the demo has discrepancies
    assert "关联率" in done.stdout  # the summary table, down a pipe, to its last line:
    assert done.stdout.endswith(f"已写入 15 个文件：{tmp_path / 'out'}\n")
    assert (tmp_path / "out" / "summary.json").is_file() is False  # csv only
    assert (tmp_path / "out" / "cancelled_still_listed.csv").is_file()
    assert list(work.iterdir()) == []  # the work folder removed by the exit handlers
    bad = subprocess.run(
        [*run, "--out", str(tmp_path / "bad"), "--catalogue", str(tmp_path / "missing.csv")],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300,
    )  # fmt: skip
    assert bad.returncode == 2
    assert "missing.csv" in bad.stderr
    assert list(work.iterdir()) == []


@pytest.mark.parametrize(
    ("command", "collector_on", "status"),
    [(["diff", "fixtures/demo", "--format", "csv"], False, 1), (["decisions", "--help"], True, 0)],
)
def test_diff_keeps_the_collector_off_until_the_process_leaves(
    tmp_path: Path, command: list[str], collector_on: bool, status: int
) -> None:
    """Under main(), diff's pause (gcpause) does not switch the collector back on: its first
    pass after a province's run costs most of a second (docs/performance.md, session 15).
    Other commands keep it: `decisions import` of many DOCX files makes cyclic garbage."""
    done = _python(
        "import gc, json, sys\n"
        "from catalog_sync import cli\n"
        "cli.exit_now = lambda code: (print(gc.isenabled(), code), sys.exit(0))\n"
        "sys.argv = ['catalog-sync', *json.loads(sys.argv[1])]\n"
        "cli.main()\n",
        json.dumps([*command, *(["--out", str(tmp_path / "out")] if command[0] == "diff" else [])]),
        timeout=300,
    )
    assert done.stdout.splitlines()[-1] == f"{collector_on} {status}", done.stderr
