"""The bundled demo run through the CLI, as the README's quick start runs it (tests share it)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from catalog_sync.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def run_demo(out: Path, *options: str) -> Any:
    """`catalog-sync diff fixtures/demo --out OUT OPTIONS` from the repository root, so paths
    in the tables read as the quick start's do; the click result."""
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return CliRunner().invoke(cli, ["diff", "fixtures/demo", "--out", str(out), *options])
    finally:
        os.chdir(here)
