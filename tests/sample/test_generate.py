"""Tests of the deterministic sample-data generator (sellerops.sample)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sellerops import paths
from sellerops.sample import generate
from sellerops.sample.truth import REQUIRED_KEYS

LIMIT_BYTES = 20 * 1024 * 1024
FORBIDDEN = ("sellerops.readers", "sellerops.core")


def _tree_hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def second_run(tmp_path_factory) -> tuple[Path, list[str]]:
    """A second generation, in a new process (other hash seed), that also reports the modules it imported."""
    out = tmp_path_factory.mktemp("second")
    code = (
        "import sys, json, pathlib; from sellerops.sample import generate; "
        f"d = pathlib.Path({str(out)!r}); generate(d / 'sample', d / 'truth.json'); "
        f"print(json.dumps(sorted(m for m in sys.modules if m.startswith({FORBIDDEN!r}))))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "7"}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    return out, json.loads(r.stdout.strip().splitlines()[-1])


def test_generation_is_byte_identical(generated, second_run):
    sample1, truth1, _ = generated
    out, _ = second_run
    h1, h2 = _tree_hashes(sample1), _tree_hashes(out / "sample")
    assert h1 and h1 == h2
    assert truth1.read_bytes() == (out / "truth.json").read_bytes()


def test_sample_is_small(generated):
    sample, _, _ = generated
    total = sum(p.stat().st_size for p in sample.rglob("*") if p.is_file())
    assert 0 < total < LIMIT_BYTES, total


def test_committed_sample_matches_fresh_generation(generated):
    sample, truth, _ = generated
    assert paths.SAMPLE_DIR.is_dir(), "data/sample missing: run sellerops sample"
    assert _tree_hashes(paths.SAMPLE_DIR) == _tree_hashes(sample), "data/sample drifted: run sellerops sample"
    assert paths.SAMPLE_TRUTH.read_bytes() == truth.read_bytes()


def test_truth_file_has_the_planted_effects(generated):
    _, truth_path, _ = generated
    t = json.loads(truth_path.read_text(encoding="utf-8"))
    for key in REQUIRED_KEYS:
        assert key in t
    p = t["planted"]
    assert {"keywords", "ads", "inventory", "operations"} <= set(p)
    assert len(p["keywords"]["long_tail_opportunities"]["US"]) >= 5
    for k in ("costly_no_order_terms", "harvest_candidates", "branded_terms", "competitor_terms"):
        assert p["keywords"][k]
    ob = p["ads"]["over_break_even_campaign"]
    assert ob["acos"] > ob["break_even_acos"]
    assert p["ads"]["spend_elasticity"]["b"] == 0.6
    assert set(p["ads"]["under_attribution"]["fractions"]) == {"2026-10-29", "2026-10-30", "2026-10-31"}
    inv = p["inventory"]
    assert inv["slow_mover"][0]["aged_units_365_plus"] > 0
    risk = inv["stockout_within_lead_time"]
    assert risk["on_hand"] / risk["daily_demand_expected_last_30d"] < risk["lead_time_days"]
    assert inv["stockouts"]["periods"] and inv["q4_season"]["peak_multiplier"] > 1
    ops = p["operations"]
    assert ops["high_sales_no_profit"]["revenue_rank"] <= 3 and ops["high_sales_no_profit"]["net_margin"] < 0.05
    assert ops["rating_drop"]["rating_after"] < ops["rating_drop"]["rating_before"]
    assert ops["operations_lead_sales"]["lag_days"] > 0
    pnl = t["pnl"]
    assert set(pnl["last_12_months"]) == {"US", "UK"} and len(pnl["by_month"]) == 48
    assert all(0.05 <= v["net_margin"] <= 0.20 for v in pnl["last_12_months"].values())
    assert "tools and people" in pnl["definition"]["excluded"]
    dq = t["data_quality"]
    assert dq["overlapping_download"]["duplicated_rows"] > 0 and len(dq["overlapping_download"]["files"]) == 2
    assert len(dq["garbage_cells"]) == 1
    meta = t["meta"]
    assert meta["marketplaces"] == {"US": "USD", "UK": "GBP"} and 15 <= len(meta["skus"]) <= 25
    st = [k for k in t["files"] if k.startswith("us/ads/search_terms/")]
    assert len(st) == 13 and all({"rows", "spend", "clicks", "sales_7d"} <= set(t["files"][k]) for k in st)


def test_planted_files_exist(generated):
    sample, _, truth = generated
    for rel in truth["data_quality"]["overlapping_download"]["files"]:
        assert (sample / rel).is_file()
    g = truth["data_quality"]["garbage_cells"][0]
    text = (sample / g["file"]).read_text(encoding="utf-8-sig").splitlines()
    assert g["value"] in text[g["row"]]


def test_generator_does_not_import_readers_or_core(second_run):
    _, imported = second_run
    assert imported == []
    src = Path(generate.__code__.co_filename).parent
    pattern = re.compile(
        r"^\s*(from|import)\s+(sellerops\.readers|sellerops\.core|\.\.+readers|\.\.+core)\b|import_module|__import__",
        re.M,
    )
    files = sorted(src.rglob("*.py"))
    assert len(files) > 20  # the subpackages are scanned too
    for f in files:
        assert not pattern.search(f.read_text(encoding="utf-8")), f
