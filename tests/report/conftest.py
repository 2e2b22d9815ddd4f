"""One batch run shared by the batch and browser tests: the sample with two parameter sets, a data
folder with hostile names and missing optional inputs, and a set that must fail.

The failing set passes the parameter checks (a missing data folder no longer gets that far: it is a
``ParameterError`` before anything runs, see test_runner.py) and fails inside the notebook: a
negative seed, which NumPy refuses in the setup cell."""

from __future__ import annotations

import csv
import shutil

import pytest
import yaml

from sellerops import paths
from sellerops.report.runner import run_batch

INJECTED = "<img src=x onerror=alert(1)>"


def _hostile_folder(root):
    """A few sample files, a search-term file named after an HTML injection, an unknown column
    headed by it, and no keyword, inventory, orders or returns files."""
    src = paths.SAMPLE_DIR / "us"
    dst = root / "hostile" / "us"
    for sub in ("ads/search_terms", "business_reports/child_item", "payments"):
        (dst / sub).mkdir(parents=True)
        for f in sorted((src / sub).iterdir())[-5:]:  # enough files for an interactive table
            shutil.copy(f, dst / sub / f.name)
    shutil.copy(paths.SAMPLE_DIR / "product_master.csv", root / "hostile" / "product_master.csv")
    header = [
        "Date",
        "Currency",
        "Campaign Name",
        "Ad Group Name",
        "Targeting",
        "Match Type",
        "Customer Search Term",
        "Impressions",
        "Clicks",
        "Spend",
        "7 Day Total Sales ",
        INJECTED,
    ]
    with open(dst / "ads" / "search_terms" / f"{INJECTED}.csv", "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerow(
            ["Oct 31, 2026", "USD", "SP - hostile", "ag", "kw", "EXACT", INJECTED, "10", "1", "$0.50", "$0.00", "x"]
        )
    return root / "hostile"


@pytest.fixture(scope="session")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    hostile = _hostile_folder(root)
    params = {
        "notebooks": ["00_data_health"],
        "defaults": {"data_dir": "data/sample"},
        "sets": {
            "us": {"marketplace": "US"},
            "uk_full": {"marketplace": "UK", "start": "2024-11-01", "end": "2026-10-31"},
            "hostile": {"data_dir": str(hostile), "marketplace": "US", "start": "2026-09-01"},
            "broken": {"marketplace": "US", "seed": -1},
        },
    }
    params_file = root / "batch_test.yaml"
    params_file.write_text(yaml.safe_dump(params), encoding="utf-8")
    out_dir, results = run_batch(params_file, run="batch-test", jobs=2, reports_dir=root / "reports")
    return {"dir": out_dir, "results": {r.job.set_name: r for r in results}, "hostile": hostile}


#: The analysis notebooks, run in the batch on the sample and on a folder without their optional inputs.
ANALYSES = ["01_keyword_opportunity", "02_ad_efficiency", "03_inventory_turnover", "04_ops_vs_sales"]
#: What the lean folder keeps of the sample's US exports: each analysis' required inputs, nothing optional.
LEAN = ["ads/search_terms", "ads/advertised_product", "business_reports", "payments", "inventory/planning", "orders"]


def _lean_folder(root):
    src = paths.SAMPLE_DIR / "us"
    for sub in LEAN:
        shutil.copytree(src / sub, root / "lean" / "us" / sub)
    shutil.copy(paths.SAMPLE_DIR / "product_master.csv", root / "lean" / "product_master.csv")
    return root / "lean"


@pytest.fixture(scope="session")
def analyses_batch(tmp_path_factory):
    """The four analyses for US and UK on the sample, and for US on the lean folder."""
    root = tmp_path_factory.mktemp("analyses")
    params = {
        "notebooks": ANALYSES,
        "defaults": {"data_dir": "data/sample"},
        "sets": {
            "us": {"marketplace": "US"},
            "uk": {"marketplace": "UK"},
            "lean": {"data_dir": str(_lean_folder(root)), "marketplace": "US"},
        },
    }
    params_file = root / "analyses.yaml"
    params_file.write_text(yaml.safe_dump(params), encoding="utf-8")
    out_dir, results = run_batch(params_file, run="analyses", jobs=2, reports_dir=root / "reports")
    return {"dir": out_dir, "results": {r.job.name: r for r in results}}
