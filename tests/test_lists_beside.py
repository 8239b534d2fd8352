"""The later list files read on the second core (pipeline._load, beside.py) load as they load
read here one after the other: the same items, rejected rows, duplicates across files, notes and
errors; a child that fails leaves the run as it would be without it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import write_csv
from demorun import run_demo

from catalog_sync import pipeline
from catalog_sync.errors import SourceError
from catalog_sync.mappings import load_mapping
from catalog_sync.pipeline import RunConfig, Source, expand

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork: POSIX only")
MAPPING = load_mapping()
HEADER = ["实施编码", "事项名称", "实施主体", "行政区划代码"]
CODE_A = "511A0138000000-511602000000-000-1-00"
CODE_B = "G-000007-001-511602000000-000-1-00"
CODE_C = "511Z07001006-511602000000-000-1-00"


def _list(folder: Path, name: str, rows: list[list[str]], filler: int = 40) -> Path:
    """A list file: the rows given, then `filler` rows of codes no other file holds."""
    more = [
        [f"{name[0].upper()}{n:06d}-511602000000-000-1-00", f"事项{n}", "局", "511602"]
        for n in range(filler)
    ]
    return write_csv(folder / name, [HEADER, *rows, *more])


def _config(tmp_path: Path) -> RunConfig:
    write_csv(tmp_path / "catalogue.csv", [["基本编码", "事项名称"], ["000101001000", "核准"]])
    return RunConfig(
        catalogue=Source(tmp_path / "catalogue.csv", "catalogue.csv"),
        lists=[Source(tmp_path / "lists", "lists")],
        decisions=[],
    )


class _Lab:
    """_load with the later lists read beside (from 0 bytes on, `share` of them) or all of
    them here, recording the lists load_list loaded in this process."""

    def __init__(self, config: RunConfig, share: float, monkeypatch: pytest.MonkeyPatch) -> None:
        self.config, self.mp = config, monkeypatch
        self.here: list[str] = []
        monkeypatch.setattr(pipeline, "LISTS_BESIDE_SHARE", share)
        real = pipeline.load_list

        def recording(path: Path, display: str, mapping: Any, seen: Any = None) -> Any:
            self.here.append(display)
            return real(path, display, mapping, seen)

        monkeypatch.setattr(pipeline, "load_list", recording)
        self.forked: list[int] = []
        fork = os.fork

        def recorded_fork() -> int:
            pid = fork()
            self.forked.append(pid)
            return pid

        monkeypatch.setattr(os, "fork", recorded_fork)

    def tail(self) -> list[str]:
        self.mp.setattr(pipeline, "LISTS_BESIDE_FROM", 0)
        return [s.display for s in pipeline._split_lists(expand(self.config.lists, "list"))[1]]

    def no_child_left(self) -> None:
        """Every child forked so far has ended and been reaped."""
        assert self.forked
        for pid in self.forked:
            with pytest.raises(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)

    def load(self, beside: bool) -> Any:
        self.here.clear()
        self.mp.setattr(pipeline, "LISTS_BESIDE_FROM", 0 if beside else 1 << 62)
        return pipeline._load(self.config, MAPPING)


def _facts(inputs: Any) -> list[Any]:
    """Everything a run takes from its loaded lists, the items' slots compared one by one."""
    lists = [
        (
            lo.file,
            lo.encoding,
            lo.header_row,
            lo.rows_read,
            lo.rejected,
            lo.warnings,
            [tuple(getattr(i, f) for f in type(i).__slots__) for i in lo.records],
        )
        for lo in inputs.lists
    ]
    return [lists, inputs.notes]


def test_duplicates_across_files_read_beside_are_rejected_as_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lists = tmp_path / "lists"
    _list(lists, "a.csv", [[CODE_A, "甲", "局", "511602"]])
    _list(lists, "b.csv", [[CODE_B, "乙", "局", "511602"]])  # read beside, keeps B
    _list(
        lists,
        "c.csv",  # read beside; A was kept in a.csv (read here), B in b.csv (read beside)
        [
            ["", "无码", "局", "511602"],
            [CODE_A, "甲二", "局", "511602"],
            [CODE_B, "乙二", "局", ""],
            [CODE_C, "丙", "局", "511602"],
        ],
    )
    (lists / "LICENSE.txt").write_text("not a table", encoding="utf-8")
    lab = _Lab(_config(tmp_path), 0.7, monkeypatch)
    assert lab.tail() == ["lists/b.csv", "lists/c.csv"]
    here = lab.load(beside=False)
    beside = lab.load(beside=True)
    assert beside.cpu and not here.cpu
    # b.csv is the child's; c.csv looked up a code of a.csv: loaded again here
    assert lab.here == ["lists/a.csv", "lists/c.csv"]
    assert _facts(beside) == _facts(here)
    assert [(r.row, r.reason) for r in beside.lists[2].rejected] == [
        (2, "实施编码 is empty"),
        (3, f"duplicate 实施编码 {CODE_A}; lists/a.csv row 2 kept"),
        (4, f"duplicate 实施编码 {CODE_B}; lists/b.csv row 2 kept"),
    ]
    assert beside.notes == ["lists/LICENSE.txt: skipped, a licence or read-me file"]
    lab.no_child_left()


def test_lists_read_beside_without_duplicates_are_the_childs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lists = tmp_path / "lists"
    _list(lists, "a.csv", [[CODE_A, "甲", "局", "511602"]])
    _list(lists, "b.csv", [[CODE_B, "乙", "局", "511602"], [CODE_B, "乙", "局", "511602"]])
    _list(lists, "c.csv", [[CODE_C, "丙", "局", "511602"], [CODE_C, "丙", "局", "511602"]])
    (lists / "d.txt").write_text("no header here\n", encoding="utf-8")  # skipped, with a note
    lab = _Lab(_config(tmp_path), 0.45, monkeypatch)
    assert lab.tail() == ["lists/c.csv", "lists/d.txt"]
    here = lab.load(beside=False)
    beside = lab.load(beside=True)
    assert lab.here == ["lists/a.csv", "lists/b.csv"]
    assert _facts(beside) == _facts(here)
    assert [(r.file, r.row) for r in beside.lists[2].rejected] == [("lists/c.csv", 3)]
    assert beside.notes == ["lists/d.txt: skipped, no table found in this text file"]
    lab.no_child_left()


def test_an_error_in_a_list_read_beside_is_raised_as_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lists = tmp_path / "lists"
    _list(lists, "a.csv", [[CODE_A, "甲", "局", "511602"]])
    _list(lists, "b.csv", [])
    write_csv(lists / "c.csv", [["序号", "备注"], *[["1", "x"]] * 40])  # no list header
    lab = _Lab(_config(tmp_path), 0.6, monkeypatch)
    assert lab.tail() == ["lists/b.csv", "lists/c.csv"]
    errors = []
    for beside in (False, True):
        with pytest.raises(SourceError) as e:
            lab.load(beside)
        errors.append((e.value.file, e.value.row, str(e.value)))
    lab.no_child_left()
    assert errors[0] == errors[1] and errors[0][0] == "lists/c.csv"
    # the catalogue's error comes first, as it always did, and the child is ended
    (tmp_path / "catalogue.csv").write_text("", encoding="utf-8")
    with pytest.raises(SourceError, match="catalogue.csv: is empty"):
        lab.load(beside=True)
    lab.no_child_left()


def test_the_catalogues_error_comes_before_an_empty_list_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "lists").mkdir()
    lab = _Lab(_config(tmp_path), 0.6, monkeypatch)
    (tmp_path / "catalogue.csv").write_text("", encoding="utf-8")
    for beside in (False, True):
        with pytest.raises(SourceError, match="catalogue.csv: is empty"):
            lab.load(beside)
    _config(tmp_path)  # a catalogue again: the folder's own error
    with pytest.raises(SourceError, match="lists: folder holds no implementation-list files"):
        lab.load(beside=True)


def test_an_error_in_a_list_read_here_ends_the_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lists = tmp_path / "lists"
    write_csv(lists / "a.csv", [["序号", "备注"], *[["1", "x"]] * 40])  # no list header
    _list(lists, "b.csv", [])
    _list(lists, "c.csv", [])
    lab = _Lab(_config(tmp_path), 0.97, monkeypatch)
    assert lab.tail() == ["lists/b.csv", "lists/c.csv"]
    with pytest.raises(SourceError, match="lists/a.csv"):
        lab.load(beside=True)
    lab.no_child_left()


def _fails_in_the_child(parent: int, read: Any) -> Any:
    def read_lists(sources: list[Source], mapping: Any) -> Any:
        if os.getpid() != parent:
            raise MemoryError("the child ran out of memory")
        return read(sources, mapping)

    return read_lists


def test_a_failing_child_leaves_the_lists_as_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lists = tmp_path / "lists"
    _list(lists, "a.csv", [[CODE_A, "甲", "局", "511602"]])
    _list(lists, "b.csv", [[CODE_C, "丙", "局", "511602"]])
    _list(lists, "c.csv", [[CODE_A, "甲二", "局", "511602"]])
    lab = _Lab(_config(tmp_path), 0.7, monkeypatch)
    assert lab.tail() == ["lists/b.csv", "lists/c.csv"]
    here = lab.load(beside=False)
    monkeypatch.setattr(
        pipeline, "_read_lists", _fails_in_the_child(os.getpid(), pipeline._read_lists)
    )
    beside = lab.load(beside=True)
    assert beside.cpu  # a child was forked, and failed
    assert _facts(beside) == _facts(here)
    lab.no_child_left()


def test_split_reads_the_later_files_beside_for_a_big_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sizes = {"a.csv": 300, "b.csv": 100, "c.csv": 250, "d.csv": 350}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
    sources = [Source(tmp_path / n, n) for n in sizes]
    monkeypatch.setattr(pipeline, "LISTS_BESIDE_FROM", 1000)
    monkeypatch.setattr(pipeline, "LISTS_BESIDE_SHARE", 0.6)
    head, tail = pipeline._split_lists(sources)  # 600 of 1,000 bytes: c.csv and d.csv
    assert [s.display for s in head] == ["a.csv", "b.csv"]
    assert [s.display for s in tail] == ["c.csv", "d.csv"]
    monkeypatch.setattr(pipeline, "LISTS_BESIDE_FROM", 1001)  # a small run: all read here
    assert pipeline._split_lists(sources) == (sources, [])
    assert pipeline._split_lists(sources[:1]) == (sources[:1], [])


def _diff(out: Path) -> None:
    result = run_demo(out, "--format", "csv,json,md,ttl")
    assert result.exit_code == 1, result.output


def test_the_demo_with_its_last_list_read_beside_writes_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "LISTS_BESIDE_FROM", 1 << 62)
    _diff(tmp_path / "here")
    monkeypatch.setattr(pipeline, "LISTS_BESIDE_FROM", 0)
    _diff(tmp_path / "beside")
    names = sorted(p.name for p in (tmp_path / "here").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "beside").iterdir())
    for name in names:
        if name != "run.json":  # its timings differ
            here = (tmp_path / "here" / name).read_bytes()
            assert (tmp_path / "beside" / name).read_bytes() == here, name
    stages = json.loads((tmp_path / "beside" / "run.json").read_text(encoding="utf-8"))["stages"]
    assert next(s for s in stages if s["stage"] == "load")["second_core_cpu_seconds"] >= 0
