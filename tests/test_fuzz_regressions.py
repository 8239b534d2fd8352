"""What the fuzzer (tests/fuzz/fuzz_readers.py) found, fixed and kept: each input still reads
or is refused with a SourceError, in time. A new finding is a new file in tests/fuzz/regressions/.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parent / "fuzz"
sys.path.insert(0, str(FUZZ))

import target  # noqa: E402

FOUND = sorted(target.REGRESSIONS.glob("*.bin"))


@pytest.mark.timeout(60)
@pytest.mark.parametrize("path", FOUND, ids=[p.stem for p in FOUND])
def test_fuzz_finding_stays_fixed(path: Path, tmp_path: Path) -> None:
    target.check(path.read_bytes(), tmp_path)


@pytest.mark.timeout(120)
def test_fuzz_script_runs(tmp_path: Path) -> None:
    """The plain fallback for two seconds, as a developer would run the script."""
    done = subprocess.run(
        [sys.executable, str(FUZZ / "fuzz_readers.py"), "-max_total_time=2"],
        capture_output=True,
        text=True,
        timeout=110,
        cwd=tmp_path,
        env={**os.environ, "FUZZ_PLAIN": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no finding" in done.stdout
