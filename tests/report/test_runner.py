"""The batch runner: reports per notebook × parameter set, HTML without code, the index page,
failures that do not stop the others, progress as jobs really start, and committed notebooks
without the interactive tables' bundle."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import threading
import time

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_notebook, new_output

from sellerops import paths
from sellerops.report.params import load_plan
from sellerops.show.formats import format_value

from .conftest import INJECTED


def _kpis(headline):
    return {k["key"]: k for k in headline["kpis"]}


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
    error = batch["results"]["broken"].error
    assert error.startswith("ValueError") and "non-negative" in error and "\n" not in error


def test_the_headline_payload_is_read(batch):
    head = batch["results"]["us"].headline
    assert head["title"] == "Data health" and head["status"] in ("good", "watch", "bad", "info")
    assert head["findings"] and all(isinstance(f, str) for f in head["findings"])
    for kpi in head["kpis"]:
        assert {"key", "label", "value", "unit", "status"} <= set(kpi)


def test_parameter_sets_change_the_report(batch):
    us, uk = _kpis(batch["results"]["us"].headline), _kpis(batch["results"]["uk_full"].headline)
    assert us["period"]["value"] == "2025-11-01 to 2026-10-31" and uk["period"]["value"] == "2024-11-01 to 2026-10-31"
    # the UK set sees the planted garbage row; the US set does not
    assert uk["rows_rejected"]["value"] == 1 and us["rows_rejected"]["value"] == 0
    # ads cover only the last 12 months: over 24 months the ads-based analyses are not ready
    assert uk["analyses_ready"]["value"] != "4 of 4" and us["analyses_ready"]["value"] == "4 of 4"
    assert batch["results"]["us"].headline["status"] == "good"
    assert batch["results"]["uk_full"].headline["status"] in ("watch", "bad")


def test_missing_optional_inputs_are_explained_not_fatal(batch):
    page = (batch["dir"] / "00_data_health__hostile.html").read_text(encoding="utf-8")
    assert "fba_inventory_planning or fba_manage_inventory: not found" in page or "not found" in page
    assert "Helium 10 Cerebro" in page or "h10_cerebro" in page  # listed among the optional inputs missing


def test_html_has_no_code_no_stray_reprs_no_cdn_a_contents_list_and_the_bundle_once(batch):
    for html_file in batch["dir"].glob("*.html"):
        if html_file.name == "index.html":
            continue
        page = html_file.read_text(encoding="utf-8")
        body = page[page.index("<body") :]
        assert "hl-ipython3" not in body and "jp-InputArea-editor" not in body and "from sellerops import" not in body
        assert "tables.format_table(" not in body and "notebook.show_headline(" not in body
        assert not re.search(r"&lt;Figure size|Text\(0|&lt;matplotlib|&lt;sellerops\.", page)
        assert not re.search(r'<script[^>]+src="https?://', page)
        assert "mathjax" not in page.lower() and "mermaid.esm" not in page and "require.min.js" not in page
        assert re.search(r'<nav[^>]*class="sellerops-toc"', page)
        assert 'src="data:image/svg+xml;base64' in page  # figures are inline
        assert page.count("async function injectModule(") == 1, html_file.name  # itables' bundle, once
        assert "<title>Data health · " in page


def test_user_derived_text_is_escaped(batch):
    page = (batch["dir"] / "00_data_health__hostile.html").read_text(encoding="utf-8")
    assert INJECTED not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def _cards(index):
    soup = BeautifulSoup(index, "html.parser")
    cards = {}
    for card in soup.select("article.card"):
        name = card.select_one("h2 .set").get_text(strip=True)
        cards[name] = card
    return soup, cards


def test_index_cards_say_what_each_report_found(batch):
    index = (batch["dir"] / "index.html").read_text(encoding="utf-8")
    soup, cards = _cards(index)
    assert set(cards) == {"us", "uk_full", "hostile", "broken"}
    # the same title on ok and failed cards: the notebook's, plus the parameter set
    assert {c.select_one("h2").get_text(" ", strip=True) for c in cards.values()} == {
        f"Data health {name}" for name in cards
    }
    # the light is what the report found, in words and colour
    for name in ("us", "uk_full", "hostile"):
        found = batch["results"][name].headline["status"]
        light = cards[name].select_one("header .light")
        assert f"light-{found}" in light["class"] and f"status-{found}" in cards[name]["class"]
        assert (
            light.get_text(strip=True) == {"good": "good", "watch": "watch", "bad": "bad", "info": "no verdict"}[found]
        )
    assert cards["us"].select_one("header .light").get_text(strip=True) == "good"
    broken = cards["broken"]
    assert "status-failed" in broken["class"] and broken.select_one("header .light").get_text(strip=True) == "failed"
    assert "non-negative" in broken.select_one(".error").get_text()
    assert broken.select_one("a.open")["href"] == "00_data_health__broken.ipynb"
    for name in ("us", "uk_full", "hostile"):
        assert cards[name].select_one("a.open")["href"] == f"00_data_health__{name}.html"
    # parameters as a person writes them, the notebook's dates where the set gives none
    assert cards["us"].select_one(".params").get_text(strip=True) == (
        "marketplace US · 2025-11-01 to 2026-10-31 · data from data/sample"
    )
    assert (
        cards["uk_full"]
        .select_one(".params")
        .get_text(strip=True)
        .startswith("marketplace UK · 2024-11-01 to 2026-10-31")
    )
    assert "seed -1" in broken.select_one(".params").get_text()
    assert "start=" not in index and "marketplace=" not in index
    # KPI values formatted as in the notebook
    shown = {
        row.select_one("th").get_text(strip=True): " ".join(row.select_one("td").get_text().split())
        for row in cards["us"].select("table.kpis tr")
    }
    for kpi in batch["results"]["us"].headline["kpis"]:
        assert shown[kpi["label"]] == format_value(kpi["value"], kpi["unit"])
    assert re.fullmatch(r"\d{1,3}(,\d{3})+", shown["rows read"])  # thousands separators


def test_index_run_record_and_escaping(batch):
    index = (batch["dir"] / "index.html").read_text(encoding="utf-8")
    record = json.loads((batch["dir"] / "run.json").read_text(encoding="utf-8"))
    soup, _ = _cards(index)
    details = soup.select_one("details.record")
    assert details is not None and not details.has_attr("open")  # collapsed
    assert "sha256" in details.select_one("summary").get_text()
    assert INJECTED not in index  # the hostile folder's file names are listed escaped
    assert "&lt;img src=x onerror=alert(1)&gt;" in index
    assert record["packages"]["pandas"] and record["packages"]["python"]
    assert record["packages"]["pandas"] in details.get_text()
    assert record["started"] and record["duration_s"] > 0
    by_file = {i["file"]: i for i in record["inputs"]}
    sample = paths.SAMPLE_DIR / "product_master.csv"
    entry = by_file["data/sample/product_master.csv"]
    assert entry["sha256"] == hashlib.sha256(sample.read_bytes()).hexdigest()
    assert entry["bytes"] == sample.stat().st_size
    assert entry["sha256"] in details.get_text()
    reports = {r["set_name"]: r for r in record["reports"]}
    assert reports["uk_full"]["parameters"]["marketplace"] == "UK"
    assert {r["title"] for r in reports.values()} == {"Data health"}
    assert reports["us"]["defaults"]["start"] == "2025-11-01"


def test_cli_exits_non_zero_when_a_report_fails(tmp_path):
    params = tmp_path / "fails.yaml"
    params.write_text(yaml.safe_dump({"notebooks": ["00_data_health"], "sets": {"bad_seed": {"seed": -1}}}))
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
    assert (tmp_path / "cli-fail-test" / "index.html").exists()


def _fake_plan(tmp_path, n=3):
    params = tmp_path / "fake.yaml"
    sets = {f"s{i}": {"marketplace": "US"} for i in range(n)}
    params.write_text(yaml.safe_dump({"notebooks": ["00_data_health"], "sets": sets}))
    return params


def test_progress_says_started_when_a_job_really_starts(tmp_path, monkeypatch):
    from sellerops.report import runner

    running = threading.Semaphore(0)

    def fake(job, out_dir):
        running.release()
        time.sleep(0.2)
        return runner.JobResult(job, status="ok", seconds=0.2)

    monkeypatch.setattr(runner, "run_job", fake)
    log = tmp_path / "log.txt"
    with open(log, "w") as stream:
        runner.run_batch(_fake_plan(tmp_path), run="progress", jobs=1, reports_dir=tmp_path, stream=stream)
    lines = [ln.split()[0:2] for ln in log.read_text().splitlines()]
    # one worker: each job starts only after the one before it finished
    assert [ln[0] for ln in lines] == ["started", "[1/3]", "started", "[2/3]", "started", "[3/3]"], lines


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
    planned = load_plan(paths.PARAMS_DIR / "sample.yaml")
    assert [r.status for r in results] == ["failed"] * len(planned) and len(planned) >= 2
    index = (out_dir / "index.html").read_text(encoding="utf-8")
    assert "RuntimeError: runner fault" in index
    # a notebook without a finished report still gets its own title
    assert index.count("<h2>Data health <span") == 2


def _setup_outputs(monkeypatch):
    """What the setup cell shows: itables' init script and its offline bundle, as the notebook gets them."""
    import IPython.display
    from itables import init_notebook_mode

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    init_notebook_mode(all_interactive=False, connected=False)
    monkeypatch.undo()
    outputs = [new_output("display_data", data={"text/html": obj.data, "text/plain": repr(obj)}) for obj in shown]
    assert len(outputs) == 2 and "injectModule(" in outputs[1]["data"]["text/html"]
    return [*outputs, new_output("stream", name="stderr", text="a warning the analyst should see\n")]


def test_the_committed_notebook_does_not_carry_the_table_bundle(monkeypatch):
    import pandas as pd
    from itables import to_html_datatable

    from sellerops.report.runner import strip_table_bundle

    table = to_html_datatable(pd.DataFrame({"a": range(20)}), connected=False, table_id="t1")
    nb = new_notebook()
    nb.cells = [
        new_code_cell(
            "setup()", metadata={"tags": ["remove-input", "nbval-ignore-output"]}, outputs=_setup_outputs(monkeypatch)
        ),
        new_code_cell("table", outputs=[new_output("execute_result", data={"text/html": table})]),
        new_code_cell("untagged()", outputs=_setup_outputs(monkeypatch)),
    ]
    before = len(nbformat.writes(nb))
    stripped = strip_table_bundle(nb)
    assert [o.get("name") for o in stripped.cells[0].outputs] == ["stderr"]  # the warning stays
    assert stripped.cells[1].outputs[0]["data"]["text/html"] == table  # tables are not touched
    assert len(stripped.cells[2].outputs) == 3  # only the nbval-ignore-output cell is stripped
    assert before > 900_000 and len(nbformat.writes(nb)) < before - 900_000


def test_a_batch_notebook_keeps_the_bundle_and_its_committed_form_is_small(batch):
    from sellerops.report.runner import clean_metadata, strip_table_bundle

    executed = nbformat.read(str(batch["dir"] / "00_data_health__us.ipynb"), as_version=4)
    setup = [c for c in executed.cells if "nbval-ignore-output" in c.metadata.get("tags", [])]
    if not setup:
        pytest.skip("the notebook's setup cell is not tagged nbval-ignore-output yet")
    assert len(nbformat.writes(executed).encode()) > 900_000  # the batch run keeps the bundle
    committed = strip_table_bundle(clean_metadata(executed))
    assert len(nbformat.writes(committed).encode()) < 300_000


def test_each_job_writes_its_action_files_into_its_own_folder(tmp_path, monkeypatch):
    from sellerops.report import runner
    from sellerops.report.params import Job

    seen = {}

    def fake_run(cmd, **kwargs):
        seen["parameters"] = yaml.safe_load(open(cmd[cmd.index("-f") + 1], encoding="utf-8"))
        return subprocess.CompletedProcess(cmd, 1, "", "stopped by the test")

    monkeypatch.setattr(runner.subprocess, "run", fake_run)
    job = Job("01_keyword_opportunity", "us", {"marketplace": "US"}, {"output_dir": "reports/lab/x", "seed": 0})
    runner.run_job(job, tmp_path)
    assert seen["parameters"] == {"marketplace": "US", "output_dir": str(tmp_path / "01_keyword_opportunity__us")}
    mine = Job("01_keyword_opportunity", "us", {"output_dir": "/somewhere"}, {"output_dir": "reports/lab/x"})
    runner.run_job(mine, tmp_path)
    assert seen["parameters"] == {"output_dir": "/somewhere"}  # a set that names one keeps it


def test_interactive_output_folders_move_with_the_lab_variable(monkeypatch, tmp_path):
    from sellerops import notebook, paths

    monkeypatch.setenv(notebook.LAB_ENV, str(tmp_path))
    assert notebook.resolve_path("reports/lab/01_keyword_opportunity") == tmp_path / "01_keyword_opportunity"
    assert notebook.resolve_path("reports/sample/x") == paths.REPORTS_DIR / "sample" / "x"
    monkeypatch.delenv(notebook.LAB_ENV)
    assert notebook.resolve_path("reports/lab/x") == paths.REPORTS_DIR / "lab" / "x"


def test_the_analyses_run_in_the_batch_and_say_what_a_lean_folder_cannot_show(analyses_batch):
    from .conftest import ANALYSES

    results = analyses_batch["results"]
    assert sorted(results) == sorted(f"{n}__{s}" for n in ANALYSES for s in ("us", "uk", "lean"))
    assert all(r.status == "ok" for r in results.values()), {k: r.error for k, r in results.items() if r.error}
    for name in ANALYSES:
        lean = results[f"{name}__lean"]
        assert lean.headline["kpis"] and lean.headline["status"] in ("good", "watch", "bad", "info")
        page = BeautifulSoup((analyses_batch["dir"] / lean.html).read_text(encoding="utf-8"), "html.parser")
        text = " ".join(page.get_text(" ").split())
        # the data health in brief names the optional inputs missing, and the sections say what they cannot show
        assert "Not in the data folder:" in text and "cannot" in text, name
    index = (analyses_batch["dir"] / "index.html").read_text(encoding="utf-8")
    assert index.count('class="card') >= 12
