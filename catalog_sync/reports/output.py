"""Stage report files next to the output so a failed run never leaves half a report."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import UsageError


@contextmanager
def staged_output(out_dir: Path) -> Iterator[Path]:
    """Yield a staging dir; on success move each file into out_dir with os.replace."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"output directory {out_dir} exists and is a file; choose another --out")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    # Same parent as out_dir, so os.replace stays on one filesystem and is atomic.
    stage = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        yield stage
        out_dir.mkdir(parents=True, exist_ok=True)
        for src in sorted(stage.iterdir()):
            os.replace(src, out_dir / src.name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
