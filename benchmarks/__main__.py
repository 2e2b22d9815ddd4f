"""``make bench``: measured costs of reading and aggregating large exports.

Each measurement runs in a fresh Python process (so imports and peak memory are its own) and is
repeated; the median is reported with the peak resident memory. Sizes follow the issues: a
5-million-row Sponsored Products search term CSV in the console's format (generated once into
``benchmarks/data/``, git-ignored) and the whole sample folder.

Usage: ``python -m benchmarks [--rows 5000000] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sellerops import paths

DATA = paths.PROJECT_ROOT / "benchmarks" / "data"

CASES = {
    "read_search_terms_csv": """
from sellerops.readers import read_report
frame, dq = read_report(PATH, "sp_search_term")
assert dq.is_consistent() and dq.rows_used == ROWS, (dq.rows_used, dq.rejected)
""",
    "read_then_group_by_search_term": """
from sellerops.readers import read_report
frame, dq = read_report(PATH, "sp_search_term")
out = frame.groupby("search_term", observed=True)[["clicks", "spend", "sales", "orders"]].sum()
""",
    "open_sample_folder": """
from sellerops.readers import open_folder
from sellerops import paths
catalog = open_folder(paths.SAMPLE_DIR, cache=False)
assert catalog.errors.empty
""",
}

RUNNER = """
import resource, time, sys
t0 = time.perf_counter()
PATH, ROWS = sys.argv[1], int(sys.argv[2])
{body}
elapsed = time.perf_counter() - t0
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def _run(body: str, path: Path, rows: int) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", RUNNER.format(body=body), str(path), str(rows)],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds, peak_mb = out.stdout.split()[-2:]
    return float(seconds), float(peak_mb)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=5_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    big = DATA / f"search_terms_{args.rows}.csv"
    if not big.exists():
        from sellerops.sample import write_large_search_terms

        t0 = time.perf_counter()
        write_large_search_terms(big, args.rows)
        print(f"generated {big.name} ({big.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - t0:.1f} s")
    results = []
    for name, body in CASES.items():
        runs = [_run(body, big, args.rows) for _ in range(args.repeat)]
        seconds = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        results.append(
            {
                "case": name,
                "rows": args.rows if "search" in name else None,
                "median_s": round(seconds, 2),
                "runs_s": [round(r[0], 2) for r in runs],
                "peak_rss_mib": round(peak),
            }
        )
        print(
            f"{name:34s} median {seconds:7.2f} s   runs {[round(r[0], 2) for r in runs]}   peak RSS {peak:,.0f} MiB",
            flush=True,
        )
    paths.REPORTS_DIR.mkdir(exist_ok=True)
    (paths.REPORTS_DIR / "bench.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"written to {paths.REPORTS_DIR.name}/bench.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
