"""The batch runner behind ``sellerops report`` / ``make report``.

For each notebook × parameter set: papermill executes the notebook (kernel ``python3`` of
this environment) into ``reports/<run>/<notebook>__<set>.ipynb`` and nbconvert renders the
HTML without code. Jobs run in parallel; a failing job keeps its executed notebook for
debugging, gets no HTML, is marked failed on the index page with its error's first line, and
makes the command exit non-zero while the others finish. ``index.html`` shows one card per
report with its headline KPIs and a run record (parameters, input files with size and
sha256, package versions, start time and duration).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import nbformat
import yaml

from . import paths
from .htmlreport import render_html
from .notebook import KPI_MIME, format_kpi, resolve_path
from .params import Job, load_plan
from .readers.read import resolve_files

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


@dataclass
class JobResult:
    """What one notebook run produced."""

    job: Job
    status: str = "pending"  # ok | failed
    seconds: float = 0.0
    notebook: str = ""
    html: str = ""
    error: str = ""
    headline: dict = field(default_factory=dict)
    html_bytes: int = 0


def kernel_environment() -> dict[str, str]:
    """Environment for kernels: this environment's ``python3`` kernel first, fixed hash seed."""
    env = dict(os.environ)
    share = Path(sys.prefix) / "share" / "jupyter"
    env["JUPYTER_PATH"] = os.pathsep.join([str(share)] + ([env["JUPYTER_PATH"]] if env.get("JUPYTER_PATH") else []))
    env["PYTHONHASHSEED"] = "0"
    env.pop("MPLBACKEND", None)  # figures silently disappear under Agg
    return env


def _first_error_line(nb_path: Path, fallback: str) -> str:
    try:
        nb = nbformat.read(str(nb_path), as_version=4)
    except Exception:  # the notebook may not have been written at all
        return fallback
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return f"{out.get('ename')}: {str(out.get('evalue', '')).splitlines()[0] if out.get('evalue') else ''}".strip()
    return fallback


def read_headline(nb_path: Path) -> dict:
    """The headline KPIs a notebook handed over (see ``notebook.headline``), or ``{}``."""
    nb = nbformat.read(str(nb_path), as_version=4)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if KPI_MIME in data:
                return dict(data[KPI_MIME])
    return {}


def run_job(job: Job, out_dir: Path, timeout: int = 1800) -> JobResult:
    """Execute one notebook with papermill in a fresh process, then render its HTML.

    ``timeout`` bounds each cell; the whole run gets ``timeout + 60`` seconds, after which the
    job is marked failed (the notebook written so far is kept).
    """
    result = JobResult(job)
    t0 = time.perf_counter()
    out_nb = out_dir / f"{job.name}.ipynb"
    result.notebook = out_nb.name
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False, encoding="utf-8") as fh:
        yaml.safe_dump(job.parameters, fh)
        params_file = fh.name
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "papermill",
                str(job.source),
                str(out_nb),
                "-f",
                params_file,
                "-k",
                "python3",
                "--cwd",
                str(paths.NOTEBOOKS_DIR),
                "--log-level",
                "ERROR",
                "--no-progress-bar",
                "--execution-timeout",
                str(timeout),
            ],
            capture_output=True,
            text=True,
            env=kernel_environment(),
            timeout=timeout + 60,
        )
    except subprocess.TimeoutExpired:
        result.status, result.error = "failed", f"timed out after {timeout + 60} s"
        result.seconds = time.perf_counter() - t0
        return result
    finally:
        os.unlink(params_file)
    if proc.returncode != 0:
        last = [ln for ln in (proc.stderr or "").strip().splitlines() if ln.strip()]
        result.status = "failed"
        result.error = _first_error_line(out_nb, last[-1] if last else f"papermill exited with {proc.returncode}")
    else:
        try:
            html_path = render_html(out_nb, out_dir / f"{job.name}.html", f"{job.notebook} ({job.set_name})")
            result.html = html_path.name
            result.html_bytes = html_path.stat().st_size
            result.headline = read_headline(out_nb)
            result.status = "ok"
        except Exception as exc:  # rendering failed: keep the notebook, mark the report failed
            result.status = "failed"
            result.error = f"HTML rendering failed: {type(exc).__name__}: {exc}".splitlines()[0]
    result.seconds = time.perf_counter() - t0
    return result


def input_files(jobs: list[Job]) -> list[dict]:
    """Every input file the jobs' ``data_dir`` parameters point at, with size and sha256."""
    seen: dict[Path, dict] = {}
    for job in jobs:
        if "data_dir" not in job.parameters:
            continue
        folder = resolve_path(job.parameters["data_dir"])
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


def package_versions() -> dict[str, str]:
    out = {"python": sys.version.split()[0]}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


class Progress:
    """One line per event on the terminal: what runs, what finished, how long it took."""

    def __init__(self, total: int, stream=None):
        self.total, self.done = total, 0
        self.stream = stream or sys.stdout
        self.lock = threading.Lock()

    def started(self, job: Job) -> None:
        with self.lock:
            print(f"  started   {job.name}", file=self.stream, flush=True)

    def finished(self, r: JobResult) -> None:
        with self.lock:
            self.done += 1
            mark = "ok" if r.status == "ok" else "FAILED"
            tail = f"  {r.error}" if r.error else ""
            print(
                f"[{self.done}/{self.total}] {mark:6s} {r.job.name}  {r.seconds:.1f} s{tail}",
                file=self.stream,
                flush=True,
            )


def run_batch(
    params_file: str | Path,
    *,
    run: str | None = None,
    jobs: int | None = None,
    reports_dir: Path | None = None,
    stream=None,
) -> tuple[Path, list[JobResult]]:
    """Run every notebook × parameter set of ``params_file``; returns the run folder and results."""
    plan = load_plan(params_file)
    run = run or Path(params_file).stem
    out_dir = (reports_dir or paths.REPORTS_DIR) / run
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in list(out_dir.glob("*.ipynb")) + list(out_dir.glob("*.html")):
        old.unlink()
    workers = max(1, jobs or os.cpu_count() or 1)
    progress = Progress(len(plan), stream)
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    results: list[JobResult] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {}
        for job in plan:
            progress.started(job)
            futures[pool.submit(run_job, job, out_dir)] = job
        for fut in as_completed(futures):
            try:
                r = fut.result()
            except Exception as exc:  # a runner fault in one job must not lose the others' reports
                r = JobResult(futures[fut], status="failed", error=f"{type(exc).__name__}: {exc}".splitlines()[0])
            progress.finished(r)
            results.append(r)
    order = {j.name: i for i, j in enumerate(plan)}
    results.sort(key=lambda r: order[r.job.name])
    record = {
        "run": run,
        "parameter_file": Path(params_file).name,
        "started": started.isoformat(timespec="seconds"),
        "duration_s": round(time.perf_counter() - t0, 1),
        "jobs": workers,
        "reports": [
            {
                **asdict(r.job),
                "executed_notebook": r.notebook,
                "status": r.status,
                "seconds": round(r.seconds, 1),
                "html": r.html,
                "html_bytes": r.html_bytes,
                "error": r.error,
                "headline": r.headline,
            }
            for r in results
        ],
        "inputs": input_files(plan),
        "packages": package_versions(),
    }
    (out_dir / "run.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    (out_dir / "index.html").write_text(index_page(record), encoding="utf-8")
    return out_dir, results


def index_page(record: dict) -> str:
    """The run's index: a card per report (headline KPIs, link), then the run record. All escaped."""
    e = html.escape
    cards = []
    for r in record["reports"]:
        head = r.get("headline") or {}
        kpis = "".join(f"<tr><th>{e(str(k))}</th><td>{e(format_kpi(v))}</td></tr>" for k, v in head.get("kpis") or [])
        params = ", ".join(f"{e(str(k))}={e(str(v))}" for k, v in r["parameters"].items())
        if r["status"] == "ok":
            link = f'<a class="open" href="{e(r["html"], quote=True)}">Open report</a> ({r["html_bytes"] / 1e6:.1f} MB)'
            status = '<span class="ok">ok</span>'
        else:
            link = (
                f'<a class="open" href="{e(r["executed_notebook"], quote=True)}">Executed notebook (for debugging)</a>'
            )
            status = f'<span class="failed">failed</span><p class="error">{e(r["error"])}</p>'
        cards.append(f"""<section class="card status-{e(r["status"])}"><h2>{e(head.get("title") or r["notebook"])}
 <small>{e(r["set_name"])}</small></h2>{status}<table class="kpis">{kpis}</table>
 <p class="params">{params}</p><p>{link} · {r["seconds"]:.1f} s</p></section>""")
    inputs = "".join(
        f"<tr><td>{e(i['file'])}</td><td>{i['bytes']:,}</td><td><code>{e(i['sha256'])}</code></td></tr>"
        for i in record["inputs"]
    )
    packages = "".join(f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in record["packages"].items())
    failed = sum(r["status"] != "ok" for r in record["reports"])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Seller Ops reports: {e(record["run"])}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
 body {{ font-family: "DejaVu Sans", Arial, sans-serif; margin: 0 auto; max-width: 1280px; padding: 16px; color: #1f2328; }}
 .cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 16px; }}
 .card {{ border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 16px; }}
 .card.status-failed {{ border-color: #b23a48; background: #fff5f5; }}
 .card h2 {{ font-size: 18px; margin: 4px 0; }} .card h2 small {{ color: #57606a; font-weight: normal; }}
 .ok {{ color: #1a7f37; font-weight: bold; }} .failed {{ color: #b23a48; font-weight: bold; }}
 .error {{ font-family: monospace; white-space: pre-wrap; }}
 table {{ border-collapse: collapse; font-size: 13px; }} th, td {{ text-align: left; padding: 2px 8px; border-bottom: 1px solid #eee; }}
 .params {{ color: #57606a; font-size: 12px; }} details {{ margin-top: 24px; }} code {{ font-size: 11px; }}
</style></head><body>
<h1>Seller Ops reports <small>{e(record["run"])}</small></h1>
<p>{len(record["reports"])} reports, {failed} failed · started {e(record["started"])} · {record["duration_s"]:.1f} s with {record["jobs"]} parallel jobs · parameters from {e(record["parameter_file"])}</p>
<div class="cards">{"".join(cards)}</div>
<details><summary><strong>Run record</strong>: {len(record["inputs"])} input files with size and sha256, package versions</summary>
<h3>Input files</h3><table><tr><th>file</th><th>bytes</th><th>sha256</th></tr>{inputs}</table>
<h3>Package versions</h3><table>{packages}</table></details>
</body></html>
"""


def clean_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop papermill's and the kernel's timestamps so the committed notebook is stable."""
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("execution", None)
    return nb


def execute_in_place(notebook: Path, timeout: int = 1800) -> None:
    """Re-execute a committed notebook on its default parameters (``make notebooks``)."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            str(notebook),
            str(notebook),
            "-k",
            "python3",
            "--cwd",
            str(paths.NOTEBOOKS_DIR),
            "--log-level",
            "ERROR",
            "--no-progress-bar",
            "--execution-timeout",
            str(timeout),
        ],
        env=kernel_environment(),
    )
    if proc.returncode != 0:
        raise SystemExit(f"{notebook.name} failed; its outputs show the error")
    nb = clean_metadata(nbformat.read(str(notebook), as_version=4))
    nbformat.write(nb, str(notebook))
