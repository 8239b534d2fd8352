"""Work-order linkage at scale: catalog-sync against a bare DuckDB scan of the same file.

    python benchmarks/linkage.py --rows 1000000,10000000,50000000 --runs 3

For each size it generates a realistic work-order CSV (workorders_gen.py: the demo generator's
mix, drawn by DuckDB), links it to the demo's catalogue, lists and decisions (the real 广安区
list and the items it implements) and measures, in the same run and each in its own process:

- linkage: `catalog-sync diff` on those inputs, all of it (reading the catalogue and lists,
  which takes about a second, the work orders, the tables, the summary, writing the tables in
  --format, csv by default), its CPU time and the process's peak memory (ru_maxrss);
- bare scan: `SELECT count(*) FROM read_csv(file)` in DuckDB, the engine reading the same file
  and doing nothing else;
- their ratio. Medians of --runs runs; a tabulate table at the end (and --json FILE).

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
from catalog_sync.cli import write_result
from catalog_sync.pipeline import RunConfig, Source, run
from datetime import date
demo, wo, out, formats = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), sys.argv[4].split(",")
config = RunConfig(
    catalogue=Source(demo / "catalogue.csv", "catalogue.csv"),
    lists=[Source(demo / "list-county-511602.xlsx", "list-county-511602.xlsx"),
           Source(demo / "list-city-5116.csv", "list-city-5116.csv")],
    decisions=[Source(demo / "decisions", "decisions")],
    work_orders=[Source(Path(wo), Path(wo).name)],
    as_of=date(2026, 11, 1),
)
started = time.perf_counter()
with run(config) as result:
    stage = next(s["seconds"] for s in result.run_record["stages"] if s["stage"] == "work orders")
    written = time.perf_counter()
    write_result(result, out, formats, "zh")
    write = time.perf_counter() - written
    summary = result.summary
print(json.dumps({"work_orders_s": stage, "write_s": write,
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
options = ", ignore_errors=true" if sys.argv[2:] == ["odd"] else ""  # DuckDB's own way past them
n = con.execute(f"SELECT count(*) FROM read_csv(?{options})", [sys.argv[1]]).fetchone()[0]
print(json.dumps({"scan_s": time.perf_counter() - started, "rows": n}))
"""


def child(code: str, *args: str) -> tuple[dict[str, float], float, float]:
    """Run Python code in a fresh process: (what it printed as JSON, its peak RSS in MB, its CPU
    seconds, user and system)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert proc.stdout is not None and proc.stderr is not None
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"child failed ({proc.returncode}):\n{err.decode(errors='replace')}")
    last = [ln for ln in out.decode().splitlines() if ln.startswith("{")][-1]
    return json.loads(last), usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def measure(
    rows: int, runs: int, formats: str, folder: Path, keep: bool, odd: bool = False
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
    scan_args = [str(wo), "odd" if odd else "plain"]
    child(SCAN_CHILD, *scan_args)  # warm the page cache: both sides then read from memory
    scans, links, writes, peaks, stages, cpus, scan_cpus = [], [], [], [], [], [], []
    unlinked = 0
    for i in range(runs):
        scan, _, scan_cpu = child(SCAN_CHILD, *scan_args)
        out = folder / "out"
        shutil.rmtree(out, ignore_errors=True)
        link, peak, cpu = child(LINKAGE_CHILD, str(DEMO), str(wo), str(out), formats)
        shutil.rmtree(out, ignore_errors=True)
        scans.append(scan["scan_s"])
        links.append(link["diff_s"])
        writes.append(link["write_s"])
        stages.append(link["work_orders_s"])
        peaks.append(peak)
        cpus.append(cpu)
        scan_cpus.append(scan_cpu)
        unlinked = int(link["unlinked"])
        print(f"{rows:,} rows, run {i + 1}: scan {scan['scan_s']:.2f} s, linkage "
              f"{links[-1]:.2f} s (write {link['write_s']:.2f} s), {peak:.0f} MB",
              file=sys.stderr)  # fmt: skip
    if not keep:
        wo.unlink()
    scan_s, link_s = statistics.median(scans), statistics.median(links)
    return {
        "rows": rows,
        "file_gb": round(wo.stat().st_size / 1e9, 2) if wo.exists() else None,
        "unlinked": unlinked,
        "bare_scan_s": round(scan_s, 2),
        "linkage_s": round(link_s, 2),
        "write_s": round(statistics.median(writes), 2),
        "work_order_stage_s": round(statistics.median(stages), 2),
        "ratio": round(link_s / scan_s, 2),
        "linkage_cpu_s": round(statistics.median(cpus), 2),
        "bare_scan_cpu_s": round(statistics.median(scan_cpus), 2),
        "peak_mb": round(max(peaks)),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default="1000000", help="comma-separated sizes")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (medians)")
    parser.add_argument("--format", default="csv", help="formats the linkage writes")
    parser.add_argument("--dir", type=Path, default=None, help="where generated files go")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument(
        "--odd-rows",
        action="store_true",
        help="end each file with a short row, a row of empty cells and the header again",
    )
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="catalog-sync-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for rows in (int(r.replace("_", "")) for r in args.rows.split(",")):
            results.append(measure(rows, args.runs, args.format, folder, args.keep, args.odd_rows))
    finally:
        if args.dir is None and not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    table = [
        [
            f"{r['rows']:,}",
            f"{r['unlinked']:,}",
            r["bare_scan_s"],
            r["linkage_s"],
            r["work_order_stage_s"],
            r["write_s"],
            r["ratio"],
            f"{r['linkage_cpu_s']} / {r['bare_scan_cpu_s']}",
            r["peak_mb"],
            f"{int(r['rows']) / float(r['linkage_s']) / 1e6:.2f}",  # type: ignore[arg-type]
        ]
        for r in results
    ]
    headers = ["work orders", "unlinked", "bare scan s", "linkage s", "work-order stage s",
               "write s", "ratio", "CPU s linkage / scan", "peak MB", "M rows/s"]  # fmt: skip
    print(f"catalog-sync diff (whole run) vs DuckDB count(*) on the same CSV; --format "
          f"{args.format}{'; files end with odd rows' if args.odd_rows else ''}; medians of "
          f"{args.runs} run(s); {os.cpu_count()} cores; load average "
          f"{os.getloadavg()[0]:.1f} at the end")  # fmt: skip
    print(tabulate(table, headers=headers, tablefmt="github"))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
