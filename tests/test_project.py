"""resolve_run: an option on the command line, else the project folder's, else the default."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from catalog_sync.errors import UsageError
from catalog_sync.project import resolve_run

NONE: dict[str, Any] = {
    "catalogue": None, "lists": (), "decisions": (), "work_orders": (), "as_of": None,
    "mappings": (), "out": None, "formats": None, "lang": None,
}  # fmt: skip


def project(tmp_path: Path, toml: str) -> Path:
    for name in ("cat.csv", "list.csv", "dec.csv", "other.csv"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    (tmp_path / "catalog-sync.toml").write_text(
        'catalogue = "cat.csv"\nlists = ["list.csv"]\ndecisions = ["dec.csv"]\n' + toml,
        encoding="utf-8",
    )
    return tmp_path


def test_the_project_folder_fills_what_the_command_line_leaves(tmp_path: Path) -> None:
    folder = project(
        tmp_path,
        'out = "runs/now"\nbaseline = "runs/then"\nlang = "en"\nfail_on = "new"\n'
        'work_order_rows = "none"\nas_of = "2026-01-02"\nformat = "csv"\n',
    )
    got = resolve_run(folder, **NONE)
    assert got.config.catalogue.path == folder / "cat.csv"
    assert [s.path for s in got.config.lists] == [folder / "list.csv"]
    assert got.out == folder / "runs/now"
    assert got.config.baseline == folder / "runs/then"
    assert got.config.judgements == folder / "judgements.csv"  # the folder's, by default
    assert (got.lang, got.fail_on, got.config.work_order_rows) == ("en", "new", "none")
    assert got.config.as_of == date(2026, 1, 2)
    assert got.formats == ["csv"]


def test_the_command_line_wins(tmp_path: Path) -> None:
    folder = project(tmp_path, 'out = "runs/now"\nlang = "en"\nbaseline = "runs/then"\n')
    given = {**NONE, "lists": (folder / "other.csv",), "out": tmp_path / "elsewhere",
             "lang": "zh", "fail_on": "none", "work_order_rows": "all",
             "baseline": tmp_path / "b", "judgements": tmp_path / "j.csv"}  # fmt: skip
    (tmp_path / "j.csv").write_text("", encoding="utf-8")
    got = resolve_run(folder, **given)
    assert [s.path for s in got.config.lists] == [folder / "other.csv"]
    assert got.out == tmp_path / "elsewhere"
    assert (got.lang, got.fail_on, got.config.work_order_rows) == ("zh", "none", "all")
    assert (got.config.baseline, got.config.judgements) == (tmp_path / "b", tmp_path / "j.csv")


def test_without_a_project_folder_the_defaults(tmp_path: Path) -> None:
    folder = project(tmp_path, "")
    given = {**NONE, "catalogue": folder / "cat.csv", "lists": (folder / "list.csv",),
             "decisions": (folder / "dec.csv",), "out": tmp_path / "out"}  # fmt: skip
    got = resolve_run(None, **given)
    assert (got.lang, got.fail_on, got.config.work_order_rows) == ("zh", "any", "all")
    assert got.config.baseline is None and got.config.judgements is None


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('lang = "fr"', "lang 'fr': choose zh or en"),
        ('fail_on = "sometimes"', "fail_on 'sometimes': choose new, any or none"),
        ('work_order_rows = "some"', "work_order_rows 'some': choose all or none"),
        ('lists = ["gone.csv"]', "gone.csv: file not found"),
    ],
)
def test_a_wrong_setting_is_named(tmp_path: Path, toml: str, message: str) -> None:
    folder = project(tmp_path, 'out = "o"\n')
    text = (folder / "catalog-sync.toml").read_text(encoding="utf-8")
    if toml.startswith("lists"):
        text = text.replace('lists = ["list.csv"]\n', "")
    (folder / "catalog-sync.toml").write_text(text + toml + "\n", encoding="utf-8")
    with pytest.raises(UsageError) as e:
        resolve_run(folder, **NONE)
    assert str(e.value).endswith(message)


def test_the_memory_limit_from_the_option_the_project_the_environment_or_1gb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CATALOG_SYNC_MEMORY_LIMIT", raising=False)
    folder = project(tmp_path, 'out = "o"\n')
    assert resolve_run(folder, **NONE).config.memory_limit == "1GB"
    monkeypatch.setenv("CATALOG_SYNC_MEMORY_LIMIT", " 2gb ")
    assert resolve_run(folder, **NONE).config.memory_limit == "2GB"
    with (folder / "catalog-sync.toml").open("a", encoding="utf-8") as f:
        f.write('memory_limit = "３GiB"\n')  # full-width digits, as typed on a Chinese keyboard
    assert resolve_run(folder, **NONE).config.memory_limit == "3GiB"
    given = {**NONE, "memory_limit": "1.5 GB"}
    assert resolve_run(folder, **given).config.memory_limit == "1.5GB"


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        ("option", "4G", "--memory-limit: '4G' is not a size: expected a number and a unit, "
                         "as 4GB or 512MB"),
        ("option", "100MB", "--memory-limit: '100MB' is too little: at least 256MB"),
        ("project", "-1GB", "memory_limit in catalog-sync.toml: '-1GB' is not a size: expected "
                            "a number and a unit, as 4GB or 512MB"),
        ("environment", "lots", "CATALOG_SYNC_MEMORY_LIMIT: 'lots' is not a size: expected a "
                                "number and a unit, as 4GB or 512MB"),
        ("project", 4, 'memory_limit = 4: expected text, in quotes ("...")'),
        ("project", True, 'memory_limit = true: expected text, in quotes ("...")'),
    ],
)  # fmt: skip
def test_a_memory_limit_that_is_no_size_is_named_where_it_was_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, value: object, message: str
) -> None:
    monkeypatch.delenv("CATALOG_SYNC_MEMORY_LIMIT", raising=False)
    toml = f'"{value}"' if isinstance(value, str) else str(value).lower()
    in_project = f"memory_limit = {toml}\n" if where == "project" else ""
    folder = project(tmp_path, 'out = "o"\n' + in_project)
    if where == "environment":
        monkeypatch.setenv("CATALOG_SYNC_MEMORY_LIMIT", value)
    given = {**NONE, "memory_limit": value} if where == "option" else NONE
    with pytest.raises(UsageError) as e:
        resolve_run(folder, **given)
    assert str(e.value).removeprefix(f"{folder / 'catalog-sync.toml'}: ") == message


def test_review_export_names_no_work_orders_nor_their_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It links no work orders: a budget that is no size, or a work-order file gone, is not
    its business."""
    monkeypatch.setenv("CATALOG_SYNC_MEMORY_LIMIT", "lots")
    folder = project(tmp_path, 'out = "o"\nwork_orders = ["gone.csv"]\n')
    got = resolve_run(folder, **NONE, links_work_orders=False)
    assert (got.config.work_orders, got.config.memory_limit) == ([], None)
    with pytest.raises(UsageError):
        resolve_run(folder, **NONE)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("out = 5", 'out = 5: expected text, in quotes ("...")'),
        ("materials = true",
         'materials = true: expected text or a list of texts, in quotes ("...")'),
        ("judgements = 3", 'judgements = 3: expected text, in quotes ("...")'),
        ("mappings = [1, 2]",
         'mappings = [1, 2]: expected text or a list of texts, in quotes ("...")'),
    ],
)  # fmt: skip
def test_a_project_key_of_the_wrong_type_is_named(tmp_path: Path, toml: str, message: str) -> None:
    """Not read as a path named 5 or True (or failing deep in the run on a number)."""
    folder = project(tmp_path, toml + "\n")
    with pytest.raises(UsageError) as e:
        resolve_run(folder, **NONE)
    assert str(e.value) == f"{folder / 'catalog-sync.toml'}: {message}"


def test_a_toml_date_time_as_of_is_its_day(tmp_path: Path) -> None:
    folder = project(tmp_path, 'out = "o"\nas_of = 2026-11-01T10:00:00\n')
    assert resolve_run(folder, **NONE).config.as_of == date(2026, 11, 1)


def test_a_bad_as_of_in_the_project_file_names_the_file_and_key(tmp_path: Path) -> None:
    """Not '--as-of', which the user never gave (until session 17); the option still names
    itself."""
    folder = project(tmp_path, 'out = "o"\nas_of = "2026-13-01"\n')
    with pytest.raises(UsageError) as e:
        resolve_run(folder, **NONE)
    assert str(e.value) == (
        f"{folder / 'catalog-sync.toml'}: as_of '2026-13-01' is not a date in the form YYYY-MM-DD"
    )
    with pytest.raises(UsageError, match="^--as-of '2026-02-30' is not a date"):
        resolve_run(folder, **{**NONE, "as_of": "2026-02-30"})


def test_a_judgements_file_named_must_be_there(tmp_path: Path) -> None:
    """Typed on the command line, it is meant to be read: a mistyped name would apply no
    verdict without a word. The project folder's default, or the file its catalog-sync.toml
    names, may be absent: `review import` makes it."""
    folder = project(tmp_path, 'out = "o"\n')
    assert resolve_run(folder, **NONE).config.judgements == folder / "judgements.csv"
    with pytest.raises(UsageError) as e:
        resolve_run(folder, **{**NONE, "judgements": folder / "judgement.csv"})
    assert str(e.value) == f"{folder / 'judgement.csv'}: judgements file not found"
    (folder / "catalog-sync.toml").write_text(
        'catalogue = "cat.csv"\nlists = ["list.csv"]\ndecisions = ["dec.csv"]\nout = "o"\n'
        'judgements = "j.csv"\n',
        encoding="utf-8",
    )
    assert resolve_run(folder, **NONE).config.judgements == folder / "j.csv"
