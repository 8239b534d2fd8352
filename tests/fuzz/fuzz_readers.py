"""Fuzz the readers: whatever bytes arrive as a CSV, TSV, JSON or XLSX, a reader returns a table
or raises SourceError. Anything else (another exception, a read over 20 s, more than 2 GB of
memory) is a finding.

    pip install -e '.[fuzz]'                                  # atheris (coverage-guided)
    python tests/fuzz/fuzz_readers.py -max_total_time=60      # for N seconds
    python tests/fuzz/fuzz_readers.py -runs=1 crash-file      # replay one input

With atheris the arguments are libFuzzer's; the seeds are the corpus (tests/corpus/files,
tests/corpus/good) and the regressions (tests/fuzz/regressions), and findings land in
tests/fuzz/crashes/. Without atheris the same target is fed random mutations of the same seeds
(a plain mutation fuzzer) for -max_total_time seconds, stopping at the first finding; set
FUZZ_PLAIN=1 to use it even with atheris installed.

What an input is, and what a finding is, is in target.py. A finding, once fixed, is kept in
tests/fuzz/regressions/ and replayed by tests/test_fuzz_regressions.py.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE))

try:
    if os.environ.get("FUZZ_PLAIN"):  # force the fallback, e.g. to compare the two
        raise ImportError
    import atheris
except ImportError:  # the plain fallback below
    atheris = None

if atheris is not None:
    with atheris.instrument_imports(include=["catalog_sync"]):
        import target

        import catalog_sync.sources.xlsx_guard  # noqa: F401 - imported lazily by tabular
else:
    import target


TOKENS = [b'"', b",", b"\t", b"\r\n", b"\r", b"\n", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe",
          b"[", b"{", b"]", b"}", b'"\\ud800"', b"<!DOCTYPE x>", b"<c r=\"XFD1048576\">",
          b"<row>", b"</row>", b"<c>", b"&amp;", b"PK\x03\x04", "实施编码".encode(),
          "事项名称".encode("gb18030"), b"=cmd|' /C calc'!A0", b"9" * 400]  # fmt: skip


def mutate(data: bytes, pool: list[bytes], rng: random.Random) -> bytes:
    """A few random edits: flips, inserts, deletions, duplicated or spliced pieces, tokens."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(6)
        at = rng.randrange(len(buf) + 1)
        if op == 0 and buf:
            buf[min(at, len(buf) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1:
            buf[at:at] = rng.choice(TOKENS)
        elif op == 2 and buf:
            del buf[at : at + rng.randint(1, 64)]
        elif op == 3 and buf:
            piece = buf[at : at + rng.randint(1, 256)]
            buf[at:at] = piece * rng.randint(1, 50)
        elif op == 4:
            other = rng.choice(pool)
            start = rng.randrange(len(other) + 1)
            buf[at:] = other[start : start + rng.randint(1, 4096)]
        elif buf:
            buf[at : at + 1] = bytes([rng.randrange(256)])
    if rng.random() < 0.1 and len(buf) > 2:
        buf[0] = rng.randrange(len(target.MODES))
    return bytes(buf[: 1 << 21])


def plain_fuzz(argv: list[str]) -> int:
    """The fallback without atheris: random mutations of the seeds until time is up."""
    limit = next((float(a.split("=", 1)[1]) for a in argv if a.startswith("-max_total_time=")), 60)
    replay = [Path(a) for a in argv[1:] if not a.startswith("-")]
    if replay:
        for path in replay:
            target.check(path.read_bytes())
        print(f"{len(replay)} input(s) replayed: no finding")
        return 0
    rng = random.Random(int(time.time()))
    pool = target.seeds()
    runs, end = 0, time.monotonic() + limit
    while time.monotonic() < end:
        data = mutate(rng.choice(pool), pool, rng)
        runs += 1
        try:
            target.check(data)
        except target.Finding as finding:
            crashes = HERE / "crashes"
            crashes.mkdir(exist_ok=True)
            out = crashes / f"crash-{runs}.bin"
            out.write_bytes(data)
            print(f"FINDING after {runs} runs: {finding}\n  input saved to {out}")
            return 1
        if rng.random() < 0.02:
            pool.append(data)
    print(f"plain mutation fuzzing: {runs} runs in {limit:.0f} s, no finding")
    return 0


def main() -> int:
    argv = list(sys.argv)
    if atheris is None:
        why = "FUZZ_PLAIN is set" if os.environ.get("FUZZ_PLAIN") else "atheris is not installed"
        print(f"{why} (pip install -e '.[fuzz]' for atheris): plain mutation fuzzing")
        return plain_fuzz(argv)
    if not any(a.startswith("-timeout=") for a in argv):
        argv.append(f"-timeout={target.SLOW_SECONDS}")
    if not any(a.startswith("-rss_limit_mb=") for a in argv):
        argv.append("-rss_limit_mb=2048")
    if not any(a.startswith("-artifact_prefix=") for a in argv):
        (HERE / "crashes").mkdir(exist_ok=True)
        argv.append(f"-artifact_prefix={HERE / 'crashes'}/")
    if not any(not a.startswith("-") for a in argv[1:]):  # no corpus folder: seed one
        seed_dir = Path(tempfile.mkdtemp(prefix="fuzz-seeds-"))
        for n, data in enumerate(target.seeds()):
            (seed_dir / f"seed-{n:04d}").write_bytes(data)
        argv.append(str(seed_dir))
    atheris.Setup(argv, target.check)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(target.workdir(), ignore_errors=True)
