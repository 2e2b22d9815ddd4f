"""``make bench``: the measured costs of reading, aggregating and reporting on large accounts.

Every measurement runs in fresh Python processes (peak memory is its own), at least three times;
the timed span starts after the imports, whose one-off cost per process is its own row; the table gives the median time and the largest peak resident memory, and each ratio
to the floor measured in the same run: pyarrow's CSV reader parsing the same file with every column
as a string. The inputs are generated once into ``benchmarks/data/`` (git-ignored): search term
reports of 1 and 5 million rows as CSV and of 1 million rows as xlsx, the sample seller with the
5-million-row report added to its US search terms, and a folder of many sample accounts (the
generator with different seeds). Results go to ``reports/bench/bench.csv`` and ``bench.md``.

Usage: ``python -m benchmarks [--repeat 3] [--accounts 20] [--skip-notebooks] [--skip-accounts]``
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sellerops import paths

DATA = paths.PROJECT_ROOT / "benchmarks" / "data"
OUT = paths.REPORTS_DIR / "bench"
SMALL, BIG = 1_000_000, 5_000_000
NOTEBOOKS = ["00_data_health", "01_keyword_opportunity", "02_ad_efficiency", "03_inventory_turnover", "04_ops_vs_sales"]

#: Each case is a script run in a fresh process; it prints ``seconds`` (its own measured span). Peak
#: memory is the process's (and its children's) largest resident set.
FLOOR = """
import pyarrow as pa, pyarrow.csv as pacsv, csv
with open(PATH, encoding="utf-8-sig") as fh:
    header = next(csv.reader([fh.readline()]))
t0 = time.perf_counter()
table = pacsv.read_csv(PATH, convert_options=pacsv.ConvertOptions(column_types={h: pa.string() for h in header}))
assert table.num_rows == ROWS
seconds = time.perf_counter() - t0
"""
#: What every case below pays once per process before its measured span (pandas, pyarrow, the package).
IMPORT = """
t0 = time.perf_counter()
from sellerops.readers import open_folder, read_report
seconds = time.perf_counter() - t0
"""
READ = """
from sellerops.readers import read_report
t0 = time.perf_counter()
frame, dq = read_report(PATH, "sp_search_term")
assert dq.is_consistent() and dq.rows_used == ROWS, (dq.rows_used, dq.rejected)
seconds = time.perf_counter() - t0
"""
CACHED = """
from sellerops.readers import open_folder
t0 = time.perf_counter()
catalog = open_folder(Path(PATH).parent, cache_dir=CACHE)
frame, dq = catalog.load("sp_search_term")
assert dq.rows_used == ROWS and catalog._cache.hits == 1, (dq.rows_used, catalog._cache.hits)
seconds = time.perf_counter() - t0
"""
NGRAMS = """
from sellerops.analysis import keywords as kw
from sellerops.readers import open_folder
frame, _ = open_folder(Path(PATH).parent, cache_dir=CACHE).load("sp_search_term")
t0 = time.perf_counter()
rows = kw.summarise_search_terms(frame)  # per campaign, ad group, target and term, over the days
terms = kw._unique_terms(rows)
terms["term_class"] = kw.classify_terms(terms["search_term"], ("brightnest",))
grams = kw.measure_ngrams(terms)  # 1-, 2- and 3-grams per unique term, joined back
assert len(grams)
seconds = time.perf_counter() - t0
"""
EVIDENCE = """
import pandas as pd
from sellerops.analysis import keywords as kw
from sellerops.readers import open_folder
frame, _ = open_folder(Path(PATH).parent, cache_dir=CACHE).load("sp_search_term")
t0 = time.perf_counter()
rows = kw.summarise_search_terms(frame)
rows["term_class"] = kw.classify_terms(rows["search_term"], ("brightnest",))
no_products = pd.DataFrame(columns=["campaign", "ad_group", "sku", "weight"])
no_prices = pd.DataFrame(columns=["sku", "currency", "price", "break_even_acos"])
rows = rows.merge(kw.price_ad_groups(rows, no_products, no_prices, target_acos=0.22), on=["campaign", "ad_group"], how="left")
judged = kw.judge_terms(rows)  # the posterior chance of break-even per term, beside the click rule
negatives = kw.find_negatives(judged, 12.0)
harvest = kw.find_harvest(judged, kw.find_exact_keywords(rows))
assert len(judged)
seconds = time.perf_counter() - t0
"""
BATCH = """
from sellerops.report.runner import run_batch
t0 = time.perf_counter()
out, results = run_batch(PATH, run=f"bench-{JOBS}", jobs=JOBS, reports_dir=Path(CACHE), stream=open(os.devnull, "w"))
failed = [r.job.name for r in results if r.status != "ok"]
assert not failed, failed
seconds = time.perf_counter() - t0
"""
RUNNER = """
import os, resource, sys, time
from pathlib import Path
PATH, ROWS, CACHE, JOBS = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
{body}
# VmHWM, not RUSAGE_SELF: a forked child's ru_maxrss starts at its parent's resident size
own = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(seconds, max(own, children) / 1024)
"""


def measure(body: str, path: Path, rows: int = 0, cache: Path | None = None, jobs: int = 1) -> tuple[float, float]:
    """One fresh process: (seconds, peak resident MiB)."""
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER.format(body=body), str(path), str(rows), str(cache or DATA / "cache"), str(jobs)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    if proc.returncode != 0:
        raise SystemExit(f"benchmark failed:\n{proc.stderr[-3000:]}")
    seconds, peak = proc.stdout.split()[-2:]
    return float(seconds), float(peak)


def search_terms_csv(rows: int) -> Path:
    path = DATA / f"search_terms_{rows}" / f"search_terms_{rows}.csv"
    if not path.exists():
        from sellerops.sample import write_large_search_terms

        path.parent.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        write_large_search_terms(path, rows)
        print(f"generated {path.name} ({path.stat().st_size / 2**20:,.0f} MiB) in {time.perf_counter() - t0:.0f} s")
    return path


def search_terms_xlsx(rows: int) -> Path:
    """The same rows as the CSV, as the console's xlsx: dates, numbers and rates as cell values."""
    path = DATA / f"search_terms_{rows}_xlsx" / f"search_terms_{rows}.xlsx"
    if not path.exists():
        import openpyxl
        import pandas as pd

        from sellerops.readers import read_report

        t0 = time.perf_counter()
        frame, _ = read_report(search_terms_csv(rows), "sp_search_term")
        header = [h for h in csv.reader([search_terms_csv(rows).read_text("utf-8-sig").split("\n", 1)[0]])][0]
        columns = ["start_date", "end_date", "portfolio", "currency", "campaign", "ad_group", "targeting", "match_type"]
        columns += ["search_term", "impressions", "clicks", "ctr", "cpc", "spend", "sales", "acos", "roas", "orders"]
        columns += ["units", "cvr", "advertised_units", "other_units", "advertised_sales", "other_sales"]
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet("Sponsored Product Search Term R")
        sheet.append(header)
        values = frame[columns].astype(object).where(frame[columns].notna(), None)
        for start in range(0, len(values), 100_000):
            for row in values.iloc[start : start + 100_000].itertuples(index=False):
                sheet.append([v.to_pydatetime() if isinstance(v, pd.Timestamp) else v for v in row])
        path.parent.mkdir(parents=True, exist_ok=True)
        workbook.save(path)
        print(f"generated {path.name} ({path.stat().st_size / 2**20:,.0f} MiB) in {time.perf_counter() - t0:.0f} s")
    return path


def big_account(rows: int) -> Path:
    """The sample seller with the large search term report added to its US search terms."""
    folder = DATA / f"account_{rows}"
    if not folder.exists():
        shutil.copytree(paths.SAMPLE_DIR, folder)
        shutil.copy(search_terms_csv(rows), folder / "us" / "ads" / "search_terms" / f"search_terms_{rows}.csv")
    return folder


def accounts(n: int) -> Path:
    """``n`` sample accounts (the generator with seeds 1..n), one folder each."""
    folder = DATA / f"accounts_{n}"
    from sellerops.sample import generate

    for seed in range(1, n + 1):
        target = folder / f"account_{seed:02d}"
        if not target.exists():
            t0 = time.perf_counter()
            partial = folder / f".{target.name}.partial"  # renamed when complete: a failed run is not reused
            generate(partial, None, seed=seed, truth=False)
            partial.rename(target)
            print(f"generated {target.name} in {time.perf_counter() - t0:.0f} s", flush=True)
    return folder


def plan(path: Path, notebooks: list[str], sets: dict) -> Path:
    import yaml

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({"notebooks": notebooks, "sets": sets}), encoding="utf-8")
    return path


RESULTS: list[dict] = []
#: ``--only``: measure just the cases whose name holds one of these words (the floors always run).
ONLY: list[str] = []


def wanted(name: str) -> bool:
    """Whether ``--only`` lets the case called ``name`` run."""
    return not ONLY or name.startswith("floor") or any(word in name for word in ONLY)


def run(name: str, body: str, path: Path, repeat: int, rows: int = 0, cache: Path | None = None, jobs: int = 1) -> dict:
    """Measure one case ``repeat`` times and keep it in :data:`RESULTS` (written even if a later case fails)."""
    if not wanted(name):
        return {}
    try:
        runs = [measure(body, path, rows, cache, jobs) for _ in range(repeat)]
    except SystemExit as error:  # one failing case is reported, and the others still run
        print(f"{name:46s} FAILED: {str(error)[-500:]}", flush=True)
        RESULTS.append(
            {"case": f"{name} (FAILED)", "rows": rows or "", "median_s": "", "runs_s": "", "peak_rss_mib": ""}
        )
        write_tables(RESULTS, os.cpu_count(), quiet=True)
        return {}
    result = {
        "case": name,
        "rows": rows or "",
        "median_s": round(statistics.median(r[0] for r in runs), 2),
        "runs_s": " ".join(f"{r[0]:.2f}" for r in runs),
        "peak_rss_mib": round(max(r[1] for r in runs)),
    }
    print(
        f"{name:46s} {result['median_s']:8.2f} s   runs {result['runs_s']:24s} peak {result['peak_rss_mib']:7,} MiB",
        flush=True,
    )
    RESULTS.append(result)
    write_tables(RESULTS, os.cpu_count(), quiet=True)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--accounts", type=int, default=20)
    ap.add_argument("--skip-notebooks", action="store_true")
    ap.add_argument("--skip-accounts", action="store_true")
    ap.add_argument("--only", nargs="*", default=[], help="only the cases whose name holds one of these words")
    args = ap.parse_args(argv)
    ONLY[:] = args.only
    cores = os.cpu_count()
    print(f"benchmarks on {cores} cores, {args.repeat} fresh processes per case", flush=True)
    small, big = search_terms_csv(SMALL), search_terms_csv(BIG)
    xlsx = search_terms_xlsx(SMALL)
    cache = DATA / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    run("import sellerops.readers (once per process)", IMPORT, small, args.repeat)
    run("floor: pyarrow, all strings", FLOOR, small, args.repeat, SMALL)
    run("floor: pyarrow, all strings", FLOOR, big, args.repeat, BIG)
    run("read_report, typed", READ, small, args.repeat, SMALL)
    run("read_report, typed", READ, big, args.repeat, BIG)
    run("read_report, typed, xlsx", READ, xlsx, args.repeat, SMALL)
    if any(wanted(n) for n in ("catalog second load (cache hit)", "1-3-grams", "harvest/negate evidence")):
        measure(CACHED.replace("and catalog._cache.hits == 1", ""), big, BIG, cache)  # fills the cache
    run("catalog second load (cache hit)", CACHED, big, args.repeat, BIG, cache)
    run("1-3-grams", NGRAMS, big, args.repeat, BIG, cache)
    run("harvest/negate evidence", EVIDENCE, big, args.repeat, BIG, cache)
    if not args.skip_notebooks and any(wanted(f"notebook {n}, 5M-row account") for n in NOTEBOOKS):
        account = big_account(BIG)
        for notebook in NOTEBOOKS:
            sets = {"us": {"data_dir": str(account), "marketplace": "US"}}
            params = plan(DATA / "plans" / f"{notebook}.yaml", [notebook], sets)
            run(f"notebook {notebook}, 5M-row account", BATCH, params, args.repeat, BIG, DATA / "runs")
    if not args.skip_accounts and any(wanted(f"{args.accounts} accounts, data health, {j} worker(s)") for j in (1, 2)):
        folder = accounts(args.accounts)
        sets = {p.name: {"data_dir": str(p), "marketplace": "US"} for p in sorted(folder.iterdir())}
        params = plan(DATA / "plans" / "accounts.yaml", ["00_data_health"], sets)
        for jobs in (1, 2):
            name = f"{args.accounts} accounts, data health, {jobs} worker(s)"
            run(name, BATCH, params, args.repeat, 0, DATA / "runs", jobs)
    write_tables(RESULTS, cores)
    return 0


def _ratio(results: list[dict], case: str, rows: int, floor_rows: int | None = None) -> float | None:
    def seconds(name, n):
        return next((x["median_s"] for x in results if x["case"] == name and x["rows"] == n), None)

    value, floor = seconds(case, rows), seconds("floor: pyarrow, all strings", floor_rows or rows)
    return round(value / floor, 2) if value and floor else None


def write_tables(results: list[dict], cores: int, quiet: bool = False) -> None:
    floor_peak = {x["rows"]: x["peak_rss_mib"] for x in results if x["case"].startswith("floor")}
    for x in results:
        ratio = _ratio(results, x["case"], x["rows"]) if isinstance(x["rows"], int) else None
        x["time_vs_floor"] = "" if x["case"].startswith("floor") or ratio is None else ratio
        x["rss_vs_floor"] = (
            round(x["peak_rss_mib"] / floor_peak[x["rows"]], 2)
            if x["rows"] in floor_peak
            and x["peak_rss_mib"] != ""
            and not x["case"].startswith("floor")
            and "notebook" not in x["case"]
            else ""
        )
    OUT.mkdir(parents=True, exist_ok=True)
    columns = ["case", "rows", "median_s", "runs_s", "peak_rss_mib", "time_vs_floor", "rss_vs_floor"]
    with open(OUT / "bench.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, columns)
        writer.writeheader()
        writer.writerows(results)
    lines = [
        f"Measured on {cores} cores; median of the runs, each a fresh process; ratios to the floor of the same rows.",
        "",
    ]
    lines += ["| " + " | ".join(c.replace("_", " ") for c in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(x[c]) for c in columns) + " |" for x in results]
    lines += ["", *targets(results)]
    (OUT / "bench.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if quiet:
        return
    print("\n".join(lines))
    print(f"written to {OUT.relative_to(paths.PROJECT_ROOT)}/bench.csv and bench.md")


def targets(results: list[dict]) -> list[str]:
    """The issue's targets beside what this run measured (a row is left out when its cases did not run)."""

    def get(case, rows, field="median_s"):
        return next((x[field] for x in results if x["case"] == case and x["rows"] == rows), None)

    read, floor = "read_report, typed", "floor: pyarrow, all strings"
    rows = [
        ("typed load of 5M rows, time", "≤ 1.5× floor", _div(get(read, BIG), get(floor, BIG))),
        (
            "typed load of 5M rows, peak memory",
            "≤ 1.5× floor",
            _div(*(get(c, BIG, "peak_rss_mib") for c in (read, floor))),
        ),
        (
            "cost per row at 5M vs at 1M",
            "≤ 1.2×",
            _div(_div(get(read, BIG), BIG), _div(get(read, SMALL), SMALL)),
        ),
        (
            "cached re-load of 5M rows",
            "< 0.2× floor",
            _div(get("catalog second load (cache hit)", BIG), get(floor, BIG)),
        ),
        (
            "1-3-grams of 5M rows",
            "< 1× floor",
            _div(get("1-3-grams", BIG), get(floor, BIG)),
        ),
        ("1M-row xlsx vs the same rows as CSV", "< 4×", _div(get("read_report, typed, xlsx", SMALL), get(read, SMALL))),
    ]
    out = ["| target | goal | measured |", "|---|---|---|"]
    out += [f"| {name} | {goal} | {value:.2f}× |" for name, goal, value in rows if value is not None]
    notebooks = [x["peak_rss_mib"] for x in results if x["case"].startswith("notebook ") and x["peak_rss_mib"] != ""]
    if notebooks:
        out.append(f"| every notebook on the 5M-row account, peak memory | < 8 GB | {max(notebooks) / 1024:.1f} GB |")
    one, two = ([x["median_s"] for x in results if x["case"].endswith(f"{j} worker(s)")] for j in (1, 2))
    if one and two:
        out.append(f"| many-account batch, 2 workers vs 1 | ≤ 0.6× | {two[0] / one[0]:.2f}× |")
    return out if len(out) > 2 else []


def _div(a, b):
    return a / b if a and b else None


if __name__ == "__main__":
    raise SystemExit(main())
