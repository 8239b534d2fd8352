"""Work-order linkage at scale: catalog-sync against a bare DuckDB scan of the same file.

    python benchmarks/linkage.py --rows 1000000,10000000,50000000 --runs 3 [--before DIR]

For each size it generates a realistic work-order CSV (workorders_gen.py: the demo generator's
mix, drawn by DuckDB), links it to the demo's catalogue, lists and decisions (the real 广安区
list and the items it implements) and measures, in the same run and each in its own process:

- linkage: `catalog-sync diff` on those inputs, all of it (reading the catalogue and lists,
  which takes about a second, the work orders, the tables, the summary, writing the tables in
  --format, csv by default), its CPU time and the process's peak memory (ru_maxrss), with
  `--work-order-rows all` (every table) and `none` (no per-row unlinked_work_orders);
- with --before DIR, the same `diff` (every table) by the code checked out in DIR (a git
  worktree of an earlier commit), in the same runs: before and after side by side;
- with --memory-limit SIZE, both modes again with DuckDB's budget at SIZE instead of the
  default 1GB (`diff --memory-limit`), in the same runs: what a larger budget buys;
- bare scan: `SELECT count(*) FROM read_csv(file)` in DuckDB, the engine reading the same file
  and doing nothing else; 5-column scan: the same reading the five columns the rule needs;
- ratios to the bare scan. Medians of --runs runs; a tabulate table at the end (and --json).

--odd-rows ends each file with a short row, a row of empty cells and the header again, as real
exports often do (the bare scan then passes DuckDB's ignore_errors): they must not send the file
the careful, slower way.

Generated files go to --dir (default: a temporary folder) and are deleted afterwards unless
--keep is given: 50 million rows are ~10 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tabulate import tabulate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEMO = ROOT / "fixtures" / "demo"
sys.path.insert(0, str(HERE))

from workorders_gen import HEADER, write_work_orders  # noqa: E402

LINKAGE_CHILD = """
import json, sys, time
from pathlib import Path
import catalog_sync
from catalog_sync.cli import write_result
from catalog_sync.pipeline import RunConfig, Source, run
from datetime import date
demo, wo, out, formats = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), sys.argv[4].split(",")
rows = {"work_order_rows": sys.argv[5]} if sys.argv[5:] else {}  # a version before it has none
config = RunConfig(
    catalogue=Source(demo / "catalogue.csv", "catalogue.csv"),
    lists=[Source(demo / "list-county-511602.xlsx", "list-county-511602.xlsx"),
           Source(demo / "list-city-5116.csv", "list-city-5116.csv")],
    decisions=[Source(demo / "decisions", "decisions")],
    work_orders=[Source(Path(wo), Path(wo).name)],
    as_of=date(2026, 11, 1),
    **rows,
)
started = time.perf_counter()
with run(config) as result:
    stage = next(s["seconds"] for s in result.run_record["stages"] if s["stage"] == "work orders")
    written = time.perf_counter()
    write_result(result, out, formats, "zh")
    write = time.perf_counter() - written
    summary = result.summary
print(json.dumps({"work_orders_s": stage, "write_s": write, "code": catalog_sync.__file__,
                  "diff_s": time.perf_counter() - started,
                  "work_orders": summary["work_orders"],
                  "unlinked": summary["work_orders"] - summary["work_orders_linked"]}))
"""

SCAN_CHILD = """
import json, sys, time
import duckdb
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
started = time.perf_counter()
options = ", ignore_errors=true" if sys.argv[2] == "odd" else ""  # DuckDB's own way past them
if sys.argv[3] == "columns":  # the five columns the rule reads, each parsed
    cells = ", ".join(f'count("{c}")' for c in ("办件编号", "实施编码", "受理时间", "受理部门",
                                               "申请人姓名"))
    sql = f"SELECT count(*), {cells} FROM read_csv(?, all_varchar=true{options})"
else:
    sql = f"SELECT count(*) FROM read_csv(?{options})"
n = con.execute(sql, [sys.argv[1]]).fetchone()[0]
print(json.dumps({"scan_s": time.perf_counter() - started, "rows": n}))
"""


def child(
    code: str, *args: str, root: Path = ROOT, memory: str | None = None
) -> tuple[dict[str, float], float, float]:
    """Run Python code in a fresh process with `root`'s catalog_sync (and DuckDB's budget at
    `memory`, else the default): (what it printed as JSON, its peak RSS in MB, its CPU
    seconds, user and system)."""
    env = {**os.environ, "PYTHONPATH": str(root) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("CATALOG_SYNC_MEMORY_LIMIT", None)
    if memory:
        env["CATALOG_SYNC_MEMORY_LIMIT"] = memory
    # run in `root`: `python -c` puts its working folder first on sys.path, so a child started
    # in another checkout would import that one's catalog_sync (until session 10 a --before run
    # started in this checkout measured this checkout twice)
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=root,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"child failed ({proc.returncode}):\n{err.decode(errors='replace')}")
    last = json.loads([ln for ln in out.decode().splitlines() if ln.startswith("{")][-1])
    code_file = last.pop("code", None)
    if code_file is not None and not Path(code_file).resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"the child meant to run {root} ran {code_file}")
    return last, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def measure(
    rows: int,
    runs: int,
    formats: str,
    folder: Path,
    keep: bool,
    odd: bool = False,
    before: Path | None = None,
    memory: str | None = None,
) -> dict[str, object]:
    wo = folder / f"work-orders-{rows}{'-odd' if odd else ''}.csv"
    if not wo.exists():
        started = time.perf_counter()
        partial = wo.with_suffix(".part")
        write_work_orders(partial, rows)
        if odd:  # what real exports carry: a cut row, a row of empty cells, the header again
            with partial.open("a", encoding="utf-8") as f:
                f.write(f"51160226{rows:08d}\n" + "," * (len(HEADER) - 1) + "\n")
                f.write(",".join(HEADER) + "\n")
        partial.rename(wo)
        print(f"generated {rows:,} rows ({wo.stat().st_size / 1e9:.2f} GB) in "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip
    odd_arg = "odd" if odd else "plain"
    child(SCAN_CHILD, str(wo), odd_arg, "count")  # warm the page cache: all read from memory
    runs_of: dict[str, list[tuple[dict[str, float], float, float]]] = {}
    kinds = ["all", "none"] + (["before"] if before else [])
    kinds += [f"all, {memory}", f"none, {memory}"] if memory else []
    for i in range(runs):
        for kind in ("count", "columns"):
            runs_of.setdefault(kind, []).append(child(SCAN_CHILD, str(wo), odd_arg, kind))
        for kind in kinds:
            out = folder / "out"
            shutil.rmtree(out, ignore_errors=True)
            args = [str(DEMO), str(wo), str(out), formats]
            if kind == "before":
                found = child(LINKAGE_CHILD, *args, root=before)  # type: ignore[arg-type]
            else:
                mode, _, budget = kind.partition(", ")
                found = child(LINKAGE_CHILD, *args, mode, memory=budget or None)
            shutil.rmtree(out, ignore_errors=True)
            runs_of.setdefault(kind, []).append(found)
            print(f"{rows:,} rows, run {i + 1}, {kind}: {found[0]['diff_s']:.2f} s, "
                  f"{found[1]:.0f} MB", file=sys.stderr)  # fmt: skip
    if not keep:
        wo.unlink()
    if runs == 0:  # only generate (with --keep: the files for later runs)
        return {"rows": rows, "runs": 0}

    def median(kind: str, key: str | int) -> float:
        values = [r[0][key] if isinstance(key, str) else r[key] for r in runs_of[kind]]
        return round(statistics.median(values), 2)

    scan = median("count", "scan_s")
    result: dict[str, object] = {
        "rows": rows,
        "unlinked": int(runs_of["all"][-1][0]["unlinked"]),
        "bare_scan_s": scan,
        "columns_scan_s": median("columns", "scan_s"),
        "bare_scan_cpu_s": median("count", 2),
        "runs": runs,
    }
    for kind in kinds:
        result[kind] = {
            "diff_s": median(kind, "diff_s"),
            "work_order_stage_s": median(kind, "work_orders_s"),
            "write_s": median(kind, "write_s"),
            "ratio": round(median(kind, "diff_s") / scan, 2),
            "cpu_s": median(kind, 2),
            "peak_mb": round(max(r[1] for r in runs_of[kind])),
        }
    return result


def _size(text: str) -> str:
    """--memory-limit checked before any run, as diff checks it."""
    from catalog_sync.workspace import parse_memory_limit

    try:
        return parse_memory_limit(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default="1000000", help="comma-separated sizes")
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per size (medians; 0: only generate)"
    )
    parser.add_argument("--format", default="csv", help="formats the linkage writes")
    parser.add_argument("--dir", type=Path, default=None, help="where generated files go")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument(
        "--before", type=Path, default=None, help="a checkout of an earlier commit to compare"
    )
    parser.add_argument(
        "--odd-rows",
        action="store_true",
        help="end each file with a short row, a row of empty cells and the header again",
    )
    parser.add_argument(
        "--memory-limit",
        default=None,
        type=_size,
        metavar="SIZE",
        help="also run both modes with DuckDB's budget at SIZE (diff --memory-limit), e.g. 4GB",
    )
    args = parser.parse_args()
    folder = (args.dir or Path(tempfile.mkdtemp(prefix="catalog-sync-bench-"))).resolve()
    before = args.before.resolve() if args.before else None  # children run in their checkout
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for rows in (int(r.replace("_", "")) for r in args.rows.split(",")):
            results.append(
                measure(rows, args.runs, args.format, folder, args.keep, args.odd_rows, before,
                        args.memory_limit)
            )  # fmt: skip
    finally:
        if args.dir is None and not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    table = []
    for r in results:
        for kind in ("before", "all", "none", *(k for k in r if ", " in k)):
            if kind not in r or not r["runs"]:
                continue
            m = r[kind]
            table.append([f"{r['rows']:,}", f"{r['unlinked']:,}", r["bare_scan_s"],
                          r["columns_scan_s"], kind, m["diff_s"], m["work_order_stage_s"],
                          m["write_s"], m["ratio"], f"{m['cpu_s']} / {r['bare_scan_cpu_s']}",
                          m["peak_mb"]])  # fmt: skip
    headers = ["work orders", "unlinked", "bare scan s", "5-column scan s", "diff",
               "diff s", "work-order stage s", "write s", "ratio to bare scan",
               "CPU s diff / scan", "peak MB"]  # fmt: skip
    budget = f", with {args.memory_limit}: --memory-limit" if args.memory_limit else ""
    print(f"catalog-sync diff (whole run) vs DuckDB count(*) on the same CSV; diff `before` is "
          f"{args.before}, `all` and `none` are --work-order-rows{budget} (else 1GB); --format "
          f"{args.format}{'; files end with odd rows' if args.odd_rows else ''}; medians of "
          f"{args.runs} run(s); {os.cpu_count()} cores; load average "
          f"{os.getloadavg()[0]:.1f} at the end")  # fmt: skip
    print(tabulate(table, headers=headers, tablefmt="github"))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
