"""The batch runner: reports per notebook × parameter set, HTML without code, the index page,
failures that do not stop the others, and parameter files checked before anything runs."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys

import pytest
import yaml

from sellerops import paths
from sellerops.report.params import ParameterError, load_plan

from .conftest import INJECTED


def test_every_set_ran_and_only_the_broken_one_failed(batch):
    status = {name: r.status for name, r in batch["results"].items()}
    assert status == {"us": "ok", "uk_full": "ok", "hostile": "ok", "broken": "failed"}
    out = batch["dir"]
    for name in ("us", "uk_full", "hostile"):
        assert (out / f"00_data_health__{name}.html").stat().st_size > 10_000
        assert (out / f"00_data_health__{name}.ipynb").exists()
    # the failing notebook is kept for debugging, without HTML
    assert (out / "00_data_health__broken.ipynb").exists()
    assert not (out / "00_data_health__broken.html").exists()
    assert (
        "ReportFormatError" in batch["results"]["broken"].error
        and "no such file or folder" in batch["results"]["broken"].error
    )


def test_parameter_sets_change_the_report(batch):
    us = batch["results"]["us"].headline
    uk = batch["results"]["uk_full"].headline
    kpis_us, kpis_uk = dict(us["kpis"]), dict(uk["kpis"])
    assert kpis_us["period"] == "2025-11-01..2026-10-31" and kpis_uk["period"] == "2024-11-01..2026-10-31"
    # the UK set sees the planted garbage row; the US set does not
    assert kpis_uk["rows rejected"] == 1 and kpis_us["rows rejected"] == 0
    # ads cover only the last 12 months: over 24 months the ads-based analyses are not ready
    assert kpis_uk["analyses ready"] != "4 of 4" and kpis_us["analyses ready"] == "4 of 4"


def test_missing_optional_inputs_are_explained_not_fatal(batch):
    page = (batch["dir"] / "00_data_health__hostile.html").read_text(encoding="utf-8")
    assert "fba_inventory_planning or fba_manage_inventory: not found" in page
    assert "h10_cerebro" in page  # listed among the optional inputs missing


def test_html_has_no_code_no_stray_reprs_no_cdn_and_a_contents_list(batch):
    for html_file in batch["dir"].glob("*.html"):
        if html_file.name == "index.html":
            continue
        page = html_file.read_text(encoding="utf-8")
        body = page[page.index("<body") :]
        assert "hl-ipython3" not in body and "jp-InputArea-editor" not in body and "from sellerops import" not in body
        assert "tables.format_table(" not in body
        assert not re.search(r"&lt;Figure size|Text\(0|&lt;matplotlib|&lt;sellerops\.", page)
        assert not re.search(r'<script[^>]+src="https?://', page)
        assert '<nav class="sellerops-toc">' in page
        assert 'src="data:image/svg+xml;base64' in page  # figures are inline


def test_user_derived_text_is_escaped(batch):
    page = (batch["dir"] / "00_data_health__hostile.html").read_text(encoding="utf-8")
    assert INJECTED not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_index_page_cards_and_run_record(batch):
    index = (batch["dir"] / "index.html").read_text(encoding="utf-8")
    record = json.loads((batch["dir"] / "run.json").read_text(encoding="utf-8"))
    for name in ("us", "uk_full", "hostile"):
        assert f'href="00_data_health__{name}.html"' in index
    assert 'href="00_data_health__broken.ipynb"' in index and "status-failed" in index
    assert "no such file or folder" in index
    assert INJECTED not in index  # the hostile folder's file names are listed escaped
    assert record["packages"]["pandas"] and record["packages"]["python"]
    assert record["started"] and record["duration_s"] > 0
    by_file = {i["file"]: i for i in record["inputs"]}
    sample = paths.SAMPLE_DIR / "product_master.csv"
    entry = by_file["data/sample/product_master.csv"]
    assert entry["sha256"] == hashlib.sha256(sample.read_bytes()).hexdigest()
    assert entry["bytes"] == sample.stat().st_size
    assert {
        r["set_name"]: r["parameters"]["marketplace"] for r in record["reports"] if "marketplace" in r["parameters"]
    }["uk_full"] == "UK"


def test_unknown_or_mistyped_parameters_are_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"notebooks": ["00_data_health"], "sets": {"x": {"marketplce": "US"}}}))
    with pytest.raises(ParameterError, match=r"no parameter 'marketplce'.*did you mean 'marketplace'"):
        load_plan(bad)
    bad.write_text(yaml.safe_dump({"notebooks": ["00_data_health"], "sets": {"x": {"seed": "seven"}}}))
    with pytest.raises(ParameterError, match="seed must be int"):
        load_plan(bad)
    bad.write_text(yaml.safe_dump({"notebooks": ["99_nothing"], "sets": {"x": {}}}))
    with pytest.raises(ParameterError, match="not found"):
        load_plan(bad)


def test_cli_exits_non_zero_when_a_report_fails(tmp_path):
    params = tmp_path / "fails.yaml"
    params.write_text(
        yaml.safe_dump({"notebooks": ["00_data_health"], "sets": {"gone": {"data_dir": str(tmp_path / "missing")}}})
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sellerops.cli",
            "report",
            str(params),
            "--run",
            "cli-fail-test",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "FAILED" in proc.stdout and "0 of 1 reports rendered" in proc.stdout
    bad = tmp_path / "typo.yaml"
    bad.write_text(yaml.safe_dump({"notebooks": ["00_data_health"], "sets": {"x": {"strat": "2026-01-01"}}}))
    proc = subprocess.run(
        [sys.executable, "-m", "sellerops.cli", "report", str(bad), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "no parameter 'strat'" in proc.stderr


@pytest.mark.parametrize(
    "data, message",
    [
        ({"notebooks": ["00_data_health"], "sets": {"us": "US"}}, "must be a mapping"),
        ({"notebooks": ["00_data_health"], "defaults": ["x"], "sets": {"us": {}}}, "'defaults' must be a mapping"),
        ({"notebooks": None, "sets": {"us": {}}}, "'notebooks' must be a list"),
        ({"notebooks": ["00_data_health", "00_data_health"], "sets": {"us": {}}}, "listed twice"),
        ({"notebooks": ["00_data_health"], "sets": {"a/b": {}}}, "letters, digits"),
        ({"notebooks": ["00_data_health"], "sets": {1: {}}}, "letters, digits"),
    ],
)
def test_malformed_parameter_files_are_clear_errors(tmp_path, data, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data))
    with pytest.raises(ParameterError, match=message):
        load_plan(bad)


@pytest.mark.parametrize(
    "start, end",
    [
        ("today", "2026-01-31"),
        ("", ""),
        ("2026", "2026-02-01"),
        ("2026-02-30", "2026-03-01"),
        ("2026-03-01", "2026-02-01"),
    ],
)
def test_period_parameters_are_strict_dates(start, end):
    from sellerops.notebook import check_period

    with pytest.raises(ValueError, match="start|end"):
        check_period(start, end)


def test_a_job_that_times_out_or_crashes_does_not_stop_the_run(tmp_path, monkeypatch):
    from sellerops.report import runner

    def too_slow(*args, **kwargs):
        raise subprocess.TimeoutExpired(args[0], kwargs.get("timeout"))

    monkeypatch.setattr(runner.subprocess, "run", too_slow)
    result = runner.run_job(load_plan(paths.PARAMS_DIR / "sample.yaml")[0], tmp_path, timeout=1)
    assert result.status == "failed" and "timed out after 61 s" in result.error

    def crash(job, out_dir):
        raise RuntimeError("runner fault")

    monkeypatch.setattr(runner, "run_job", crash)
    out_dir, results = runner.run_batch(
        paths.PARAMS_DIR / "sample.yaml",
        run="crash-test",
        jobs=1,
        reports_dir=tmp_path,
        stream=open(tmp_path / "log.txt", "w"),
    )
    assert [r.status for r in results] == ["failed", "failed"]
    assert "RuntimeError: runner fault" in (out_dir / "index.html").read_text(encoding="utf-8")
