"""Parameter files are checked before any notebook runs: keys and types against the notebook's
parameters cell, the data folder, the dates and the marketplace; every failure names the set and
the key."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml

from sellerops import paths
from sellerops.report.params import ParameterError, check_plan, load_plan

NOTEBOOK = "00_data_health"


def _plan(tmp_path, sets, **top):
    """Write a parameter file (YAML text or a mapping) and load it."""
    params = tmp_path / "plan.yaml"
    if isinstance(sets, str):
        params.write_text(sets, encoding="utf-8")
    else:
        params.write_text(yaml.safe_dump({"notebooks": [NOTEBOOK], **top, "sets": sets}), encoding="utf-8")
    return load_plan(params)


def test_unknown_or_mistyped_parameters_are_errors(tmp_path):
    with pytest.raises(ParameterError, match=r"set 'x': .*no parameter 'marketplce'.*did you mean 'marketplace'"):
        _plan(tmp_path, {"x": {"marketplce": "US"}})
    with pytest.raises(ParameterError, match="set 'x': seed must be int"):
        _plan(tmp_path, {"x": {"seed": "seven"}})
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"notebooks": ["99_nothing"], "sets": {"x": {}}}))
    with pytest.raises(ParameterError, match="not found"):
        load_plan(bad)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"notebooks": [NOTEBOOK], "sets": {"us": "US"}}, "must be a mapping"),
        ({"notebooks": [NOTEBOOK], "defaults": ["x"], "sets": {"us": {}}}, "'defaults' must be a mapping"),
        ({"notebooks": None, "sets": {"us": {}}}, "'notebooks' must be a list"),
        ({"notebooks": [NOTEBOOK, NOTEBOOK], "sets": {"us": {}}}, "listed twice"),
        ({"notebooks": [NOTEBOOK], "sets": {"a/b": {}}}, "letters, digits"),
        ({"notebooks": [NOTEBOOK], "sets": {1: {}}}, "letters, digits"),
    ],
)
def test_malformed_parameter_files_are_clear_errors(tmp_path, data, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data))
    with pytest.raises(ParameterError, match=message):
        load_plan(bad)


def test_a_missing_data_folder_is_an_error_before_anything_runs(tmp_path):
    with pytest.raises(ParameterError, match=r"set 'gone': data_dir '.*missing' *: no such folder"):
        _plan(tmp_path, {"gone": {"data_dir": str(tmp_path / "missing")}})


def test_a_data_folder_without_reports_is_an_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(ParameterError, match=r"set 'empty': data_dir '.*empty' holds no report files"):
        _plan(tmp_path, {"empty": {"data_dir": str(empty)}})


@pytest.mark.parametrize(
    "period, message",
    [
        ({"start": "today"}, r"set 'x': start must be a date written YYYY-MM-DD, got 'today'"),
        ({"end": "2026-02-30"}, r"set 'x': end is not a calendar date: '2026-02-30'"),
        ({"start": "2026/01/01"}, r"set 'x': start must be a date written YYYY-MM-DD"),
        ({"start": "2026-03-01", "end": "2026-02-01"}, r"set 'x': end 2026-02-01 is before start 2026-03-01"),
    ],
)
def test_bad_dates_are_errors(tmp_path, period, message):
    with pytest.raises(ParameterError, match=message):
        _plan(tmp_path, {"x": {"marketplace": "US", **period}})


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


def test_a_date_is_checked_against_the_notebooks_default_too(tmp_path):
    # the notebook's own end (2026-10-31) is before this start
    with pytest.raises(ParameterError, match=r"set 'late': end 2026-10-31 is before start 2027-01-01"):
        _plan(tmp_path, {"late": {"start": "2027-01-01"}})


def test_unquoted_yaml_dates_are_accepted_as_the_notebook_expects_them(tmp_path):
    text = f"notebooks: [{NOTEBOOK}]\nsets:\n  us:\n    marketplace: US\n    start: 2025-12-01\n    end: 2026-01-31\n"
    (job,) = _plan(tmp_path, text)
    assert job.parameters["start"] == "2025-12-01" and job.parameters["end"] == "2026-01-31"
    assert all(isinstance(v, str) for k, v in job.parameters.items() if k != "seed")
    with pytest.raises(ParameterError, match=r"set 'us': start must be a date written YYYY-MM-DD, got the time"):
        _plan(tmp_path, text.replace("start: 2025-12-01", "start: 2025-12-01 10:30:00"))


def test_an_unknown_marketplace_lists_those_present(tmp_path):
    with pytest.raises(ParameterError, match=r"set 'de': marketplace 'DE': data/sample holds no files of .*: UK, US$"):
        _plan(tmp_path, {"de": {"data_dir": "data/sample", "marketplace": "DE"}})


def test_a_marketplace_is_case_insensitive(tmp_path):
    (job,) = _plan(tmp_path, {"uk": {"marketplace": "uk"}})
    assert job.parameters["marketplace"] == "UK"


def test_the_notebooks_default_marketplace_is_checked_against_the_folder(tmp_path):
    uk_only = tmp_path / "uk_only" / "uk" / "returns"
    uk_only.mkdir(parents=True)
    for f in (paths.SAMPLE_DIR / "uk" / "returns").iterdir():
        shutil.copy(f, uk_only / f.name)
    with pytest.raises(ParameterError, match=r"set 'x': marketplace 'US': .* it holds: UK$"):
        _plan(tmp_path, {"x": {"data_dir": str(tmp_path / "uk_only")}})  # the notebook's default is US


def test_the_notebooks_defaults_are_recorded_beside_the_sets_values():
    (job,) = check_plan({"notebooks": [NOTEBOOK], "sets": {"us": {"marketplace": "US"}}}, "x.yaml")
    assert job.parameters == {"marketplace": "US"}
    assert job.defaults["data_dir"] == "data/sample" and "marketplace" not in job.defaults


def test_the_command_prints_one_line_and_exits_2_without_running_anything(tmp_path):
    params = tmp_path / "gone.yaml"
    params.write_text(yaml.safe_dump({"notebooks": [NOTEBOOK], "sets": {"gone": {"data_dir": str(tmp_path / "no")}}}))
    proc = subprocess.run(
        [sys.executable, "-m", "sellerops.cli", "report", str(params), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "set 'gone': data_dir" in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr and "started" not in proc.stdout
    assert not (tmp_path / "out").exists()  # nothing ran, no run folder
    bad = tmp_path / "typo.yaml"
    bad.write_text(yaml.safe_dump({"notebooks": [NOTEBOOK], "sets": {"x": {"strat": "2026-01-01"}}}))
    proc = subprocess.run(
        [sys.executable, "-m", "sellerops.cli", "report", str(bad), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "no parameter 'strat'" in proc.stderr
