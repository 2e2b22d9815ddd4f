"""The run record: every input file with its size and sha256, and the package versions.

Examples
--------
>>> collect_package_versions()["pandas"] != "not installed"
True
"""

from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path

from .. import paths
from ..notebook import resolve_path
from ..readers import resolve_files
from .params import Job

PACKAGES = (
    "sellerops",
    "pandas",
    "numpy",
    "pyarrow",
    "matplotlib",
    "statsmodels",
    "papermill",
    "nbconvert",
    "itables",
    "python-calamine",
    "openpyxl",
    "duckdb",
)


def hash_inputs(jobs: list[Job]) -> list[dict]:
    """Every input file the jobs' ``data_dir`` parameters point at (the notebook's default where the
    parameter file sets none), with size and sha256."""
    seen: dict[Path, dict] = {}
    for job in jobs:
        if "data_dir" not in job.values:
            continue
        folder = resolve_path(job.values["data_dir"])
        try:
            files = resolve_files(folder)
        except ValueError:
            continue
        for f in files:
            if f not in seen:
                digest = hashlib.sha256(f.read_bytes()).hexdigest()
                try:
                    shown = f.relative_to(paths.PROJECT_ROOT).as_posix()
                except ValueError:
                    shown = f.as_posix()
                seen[f] = {"file": shown, "bytes": f.stat().st_size, "sha256": digest}
    return sorted(seen.values(), key=lambda r: r["file"])


def collect_package_versions() -> dict[str, str]:
    out = {"python": sys.version.split()[0]}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out
