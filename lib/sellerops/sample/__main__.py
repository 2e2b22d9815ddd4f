"""Command line: ``python -m sellerops.sample --out data/sample --truth data/sample_truth.json``.

``--scale N`` instead writes one SP search term CSV of N rows (console format) for benchmarks,
to ``--large-out`` (default ``benchmarks/data/search_terms_<N>.csv``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sellerops import paths
from sellerops.sample import catalogue, generate, write_large_search_terms


def main(argv: list[str] | None = None) -> int:
    """Run the generator; returns the exit code (``python -m sellerops.sample --help`` lists the options)."""
    ap = argparse.ArgumentParser(prog="python -m sellerops.sample", description=__doc__)
    ap.add_argument("--out", type=Path, default=paths.SAMPLE_DIR)
    ap.add_argument("--truth", type=Path, default=paths.SAMPLE_TRUTH)
    ap.add_argument("--seed", type=int, default=catalogue.SEED)
    ap.add_argument("--scale", type=int, default=None, help="write a large search term CSV of N rows instead")
    ap.add_argument("--large-out", type=Path, default=None)
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    if a.scale:
        target = a.large_out or paths.PROJECT_ROOT / "benchmarks" / "data" / f"search_terms_{a.scale}.csv"
        write_large_search_terms(target, a.scale, a.seed)
        print(f"wrote {a.scale:,} rows to {target} in {time.perf_counter() - t0:.1f} s")
    else:
        generate(a.out, a.truth, a.seed)
        print(f"wrote {a.out} and {a.truth} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
