"""The batch runner behind ``sellerops report`` / ``make report``.

For each notebook × parameter set: papermill executes the notebook (kernel ``python3`` of
this environment) into ``reports/<run>/<notebook>__<set>.ipynb`` and nbconvert renders the
HTML without code. Jobs run in parallel, on this machine or on a Dask cluster (:mod:`.executors`),
with a live display in a terminal and one line per event elsewhere (:mod:`.progress`); a failing job keeps its executed notebook for
debugging, gets no HTML, is marked failed on the index page with its error's first line, and
makes the command exit non-zero while the others finish. ``index.html`` shows one card per
report with what it found (the headline a notebook hands over under :data:`~sellerops.notebook.KPI_MIME`:
title, status, KPIs, findings) and a run record (parameters, input files with size and sha256,
package versions, start time and duration, the executor).

``sellerops notebooks`` re-executes the committed notebooks in place (:func:`execute_in_place`);
what it commits stays small (:func:`strip_table_bundle`).
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import nbformat
import yaml

from .. import paths
from ..notebook import KPI_MIME
from .executors import Executor, open_executor
from .index import render_index
from .params import Job, load_plan
from .progress import LineProgress, make_progress
from .record import collect_package_versions, hash_inputs
from .render import read_notebook_title, render_html

#: The tag of cells whose outputs nbval does not compare; the setup cell carries it.
IGNORE_OUTPUT_TAG = "nbval-ignore-output"


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


def make_kernel_environment() -> dict[str, str]:
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
    """The headline a notebook handed over (see ``notebook.show_headline``), or ``{}``.

    ``{"title": str, "status": "good"|"watch"|"bad"|"info", "kpis": [{"key", "label", "value", "unit",
    "benchmark", "direction", "status", "note"}, …], "findings": [str, …]}``; a KPI that is not a
    mapping is dropped, a missing part is empty.
    """
    nb = nbformat.read(str(nb_path), as_version=4)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if KPI_MIME in data:
                payload = data[KPI_MIME]
                if not isinstance(payload, dict):
                    return {}
                return {
                    "title": str(payload.get("title") or ""),
                    "status": str(payload.get("status") or "info"),
                    "kpis": [dict(k) for k in payload.get("kpis") or [] if isinstance(k, dict)],
                    "findings": [str(f) for f in payload.get("findings") or []],
                }
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
    parameters = dict(job.parameters)
    if "output_dir" in job.defaults and "output_dir" not in parameters:
        # each job writes its action files into its own folder of the run, beside its report, emptied
        # first so that no file of an earlier run is listed (or uploaded) as this run's
        parameters["output_dir"] = str(out_dir / job.name)
        shutil.rmtree(out_dir / job.name, ignore_errors=True)
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False, encoding="utf-8") as fh:
        yaml.safe_dump(parameters, fh)
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
            env=make_kernel_environment(),
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
            result.headline = read_headline(out_nb)
            title = result.headline.get("title") or read_notebook_title(job.source)
            html_path = render_html(out_nb, out_dir / f"{job.name}.html", f"{title} · {job.set_name}")
            result.html = html_path.name
            result.html_bytes = html_path.stat().st_size
            result.status = "ok"
        except Exception as exc:  # rendering failed: keep the notebook, mark the report failed
            result.status = "failed"
            result.error = f"HTML rendering failed: {type(exc).__name__}: {exc}".splitlines()[0]
    result.seconds = time.perf_counter() - t0
    return result


#: The line-per-event progress (kept under its old name).
Progress = LineProgress


def run_batch(
    params_file: str | Path,
    *,
    run: str | None = None,
    jobs: int | None = None,
    reports_dir: Path | None = None,
    stream=None,
    executor: str | Executor = "local",
    live: bool | None = None,
) -> tuple[Path, list[JobResult]]:
    """Run every notebook × parameter set of ``params_file``; returns the run folder and results (in the plan's order).

    ``executor`` is ``"local"`` (``jobs`` threads, default one per core, each starting papermill in its own
    process), ``"dask://HOST:PORT"`` (a Dask cluster; ``jobs`` caps the jobs on it at once) or an
    :class:`~sellerops.report.executors.Executor`. Progress goes to ``stream`` (default stdout): a live
    display when it is a terminal, else one line per event; ``live`` forces either.

    Raises :class:`~sellerops.report.params.ParameterError` for a parameter file that cannot run, and
    :class:`~sellerops.report.executors.ExecutorError` for an executor that cannot (no scheduler, workers
    that cannot see the inputs or the run folder), both before any notebook runs. A job that fails, raises,
    or loses its worker is a failed report; the others go on.
    """
    plan = load_plan(params_file)
    run = run or Path(params_file).stem
    out_dir = ((reports_dir or paths.REPORTS_DIR) / run).absolute()  # workers elsewhere get the same path
    progress = make_progress(len(plan), stream, live=live)
    with open_executor(executor, jobs=jobs, on_start=progress.started) as ex:
        out_dir.mkdir(parents=True, exist_ok=True)
        ex.check(out_dir, plan)  # the last run's reports stay when the workers cannot make new ones
        for old in list(out_dir.glob("*.ipynb")) + list(out_dir.glob("*.html")):
            old.unlink()
        started = datetime.now(UTC)
        t0 = time.perf_counter()
        workers = ex.workers
        with progress:
            results = _run_all(ex, plan, out_dir, progress)
    titles = name_reports(results)
    record = {
        "run": run,
        "parameter_file": Path(params_file).name,
        "started": started.isoformat(timespec="seconds"),
        "duration_s": round(time.perf_counter() - t0, 1),
        "jobs": workers,
        "executor": ex.name,
        "reports": [
            {
                **asdict(r.job),
                "title": titles[r.job.notebook],
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
        "inputs": hash_inputs(plan),
        "packages": collect_package_versions(),
    }
    (out_dir / "run.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    (out_dir / "index.html").write_text(render_index(record), encoding="utf-8")
    return out_dir, results


def _run_all(ex: Executor, plan: list[Job], out_dir: Path, progress: LineProgress) -> list[JobResult]:
    """Submit every job (at most ``ex.limit`` at once), take results as they complete, in the plan's order.

    Whatever a job's future raises (the job itself, a dead worker, a lost scheduler) becomes that job's
    failed result with the error's first line; the loop goes on with the others.
    """
    fn = run_job  # looked up now, so that a test's stand-in is what runs
    queue = list(enumerate(plan))
    pending: dict[cf.Future, int] = {}
    results: dict[int, JobResult] = {}
    while queue or pending:
        while queue and (ex.limit is None or len(pending) < ex.limit):
            i, job = queue.pop(0)
            pending[ex.submit(fn, job, out_dir)] = i
        done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
        for future in done:
            i = pending.pop(future)
            job = plan[i]
            try:
                r = future.result()
                r.job = job  # the job as planned (an executor may have sent it with absolute paths)
            except Exception as exc:  # a runner fault in one job must not lose the others' reports
                r = JobResult(job, status="failed", error=ex.describe_error(exc))
            results[i] = r
            progress.finished(r)
    return [results[i] for i in range(len(plan))]


def name_reports(results: list[JobResult]) -> dict[str, str]:
    """One title per notebook, the same on its ok and failed cards.

    The title its headline gives (``Data health``) where any of its reports finished, else the
    notebook's first heading up to a colon, else its file name.
    """
    titles: dict[str, str] = {}
    for r in results:
        if r.headline.get("title") and r.job.notebook not in titles:
            titles[r.job.notebook] = r.headline["title"]
    for r in results:
        if r.job.notebook not in titles:
            titles[r.job.notebook] = read_notebook_title(r.job.source)
    return titles


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


def is_table_bundle(output: dict) -> bool:
    """Whether an output is itables' ``init_notebook_mode`` output: the offline bundle (~1 MB of
    DataTables code and style) or the small script that goes with it."""
    page = output.get("data", {}).get("text/html", "")
    page = "".join(page) if isinstance(page, list) else str(page)
    if "_itables_" not in page or "<table" in page:  # an interactive table itself is kept
        return False
    return "injectModule(" in page or "set_or_remove_dark_class" in page


def strip_table_bundle(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove itables' offline bundle from the committed notebook; everything else stays.

    The rule: in a cell tagged ``nbval-ignore-output`` (the setup cell), the outputs that are itables'
    ``init_notebook_mode`` output are dropped; other outputs of that cell (a warning, a table) are
    kept, and no other cell is touched. nbval does not compare that cell's outputs, so the
    committed notebook still passes; each committed notebook stays well under 300 KB instead of
    carrying ~1 MB of DataTables code. Batch runs execute the notebook afresh (papermill into
    ``reports/``), so every HTML report holds the bundle exactly once and works offline. In
    JupyterLab, running the setup cell brings the bundle back (a committed, untrusted notebook
    runs no scripts anyway).
    """
    for cell in nb.cells:
        if cell.cell_type == "code" and IGNORE_OUTPUT_TAG in cell.metadata.get("tags", []):
            cell.outputs = [o for o in cell.get("outputs", []) if not is_table_bundle(o)]
    return nb


def execute_in_place(notebook: Path, timeout: int = 1800) -> None:
    """Re-execute a committed notebook on its default parameters (``make notebooks``).

    Timestamps are dropped (:func:`clean_metadata`) and the interactive tables' code is not committed
    (:func:`strip_table_bundle`).
    """
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
        env=make_kernel_environment(),
    )
    if proc.returncode != 0:
        raise SystemExit(f"{notebook.name} failed; its outputs show the error")
    nb = strip_table_bundle(clean_metadata(nbformat.read(str(notebook), as_version=4)))
    nbformat.write(nb, str(notebook))
