"""The ``sellerops`` command: ``report`` (batch HTML), ``validate`` a data folder, ``notebooks``, ``sample``, ``kinds``.

Run ``sellerops --help`` for the options; ``make report`` and ``make validate`` call it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from . import paths


def _print_table(title: str, frame: pd.DataFrame) -> None:
    print(f"\n{title}")
    if frame.empty:
        print("  (none)")
        return
    with pd.option_context(
        "display.width", 250, "display.max_columns", None, "display.max_colwidth", 70, "display.max_rows", None
    ):
        print(frame.to_string(index=False))


def validate(folder: Path) -> int:
    """Print what every file in ``folder`` holds; exit 1 if a file cannot be read or is in a format the readers
    do not know (most rows rejected), 2 if there is nothing to read."""
    from .analysis.coverage import count_rows
    from .readers import ReportFormatError, open_folder

    try:
        tables = open_folder(folder).describe()
    except ReportFormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    problems = tables.files[tables.files["format_problem"] != ""]
    if len(problems):  # said first and loudly: the readers met a format they do not know
        print(f"FORMAT PROBLEMS in {len(problems)} files: their rows are mostly rejected", file=sys.stderr)
        for name, problem in zip(problems["file"], problems["format_problem"]):
            print(f"  {name}: {problem}", file=sys.stderr)
    files = tables.files.assign(
        dates=tables.files["start"].dt.strftime("%Y-%m-%d").fillna("")
        + " .. "
        + tables.files["end"].dt.strftime("%Y-%m-%d").fillna("")
    )
    files["dates"] = files["dates"].where(files["start"].notna(), "")
    columns = ["file", "kind", "marketplace", "variant", "dates", "currency", "window", "read", "used", "rejected"]
    _print_table(f"Files in {folder} (rows read / used / rejected)", files[columns])
    overlaps = tables.overlaps.assign(overlaps=tables.overlaps["overlaps"].str.slice(0, 160))
    _print_table("Downloads of one kind read together (rows two downloads both hold are used once)", overlaps)
    _print_table("Rejected rows", tables.rejections)
    _print_table("Unreadable cells in columns no analysis needs, left empty (rows kept)", tables.blanked)
    _print_table("Columns not recognised", tables.unknown_columns)
    _print_table("Files that could not be read", tables.errors)
    _print_table("Files skipped", tables.skipped)
    n = count_rows(tables)
    print(
        f"\n{n['files']} files read, {n['unreadable']} unreadable, {n['skipped']} skipped; rows read {n['rows_read']:,}, "
        f"used {n['rows_used']:,}, rejected {n['rows_rejected']:,}, duplicates {n['duplicates']:,}"
    )
    return 1 if n["unreadable"] or n["format_problems"] else 0


def report(params: Path, jobs: int | None, run: str | None, out: Path | None = None, executor: str = "local") -> int:
    """Run the batch; exit status 1 when any report failed, 2 when the parameter file or the executor is
    wrong (nothing ran)."""
    from .report.executors import ExecutorError
    from .report.params import ParameterError
    from .report.runner import run_batch

    try:
        out_dir, results = run_batch(params, run=run, jobs=jobs, reports_dir=out, executor=executor)
    except (ParameterError, ExecutorError) as exc:  # checked before any notebook runs: one line, no traceback
        message = "; ".join(line.strip() for line in str(exc).splitlines() if line.strip())
        print(f"error: {message}", file=sys.stderr)
        return 2
    failed = [r for r in results if r.status != "ok"]
    print(
        f"\n{len(results) - len(failed)} of {len(results)} reports rendered; index: "
        f"{(out_dir / 'index.html').relative_to(paths.PROJECT_ROOT) if out_dir.is_relative_to(paths.PROJECT_ROOT) else out_dir / 'index.html'}"
    )
    return 1 if failed else 0


def _executor(text: str) -> str:
    """argparse type of ``--executor``: ``local`` or ``dask://HOST:PORT``, checked before anything runs."""
    from .report.executors import ExecutorError, parse_executor

    try:
        parse_executor(text)
    except ExecutorError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


REPORT_EPILOG = """\
executors:
  local               notebooks run on this machine, --jobs at once (default: one per core)
  dask://HOST:PORT    notebooks run on the Dask cluster whose scheduler listens at HOST:PORT
                      (port 8786 if left out); --jobs caps the jobs on the cluster at once
                      (default: every worker thread). Workers need this project's environment,
                      and the data folders and --out must be paths every worker reads and
                      writes (a shared file system); object-store URLs are not supported.

In a terminal a live display shows jobs done / running / failed with elapsed and expected
time; piped or in CI, one line per job started and finished.
exit status: 0 all reports rendered, 1 a report failed, 2 nothing ran (parameters, executor)"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sellerops", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="read every file in a data folder and print what it holds")
    v.add_argument("folder", nargs="?", type=Path, default=paths.SAMPLE_DIR)
    r = sub.add_parser(
        "report",
        help="run the report notebooks for every parameter set and render HTML",
        description="Run every notebook of a parameter file once per parameter set and render HTML without\n"
        "code, with an index page (reports/<run>/index.html).",
        epilog=REPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    r.add_argument("params", nargs="?", type=Path, default=paths.PARAMS_DIR / "sample.yaml")
    r.add_argument(
        "--executor",
        type=_executor,
        default="local",
        metavar="local|dask://HOST:PORT",
        help="where the notebooks run: this machine (default) or a Dask cluster",
    )
    r.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="notebooks run at once (local default: the number of cores; dask default: every worker thread)",
    )
    r.add_argument("--out", type=Path, default=None, help="folder that holds the run folders (default: reports/)")
    r.add_argument(
        "--run", default=None, help="name of the run folder under reports/ (default: the parameter file's name)"
    )
    sub.add_parser("notebooks", help="re-execute the committed notebooks in place on the sample data")
    sub.add_parser("kinds", help="print the canonical schema of every report kind (Markdown)")
    s = sub.add_parser("sample", help="regenerate the sample seller's exports in data/sample")
    s.add_argument("--out", type=Path, default=paths.SAMPLE_DIR)
    s.add_argument("--truth", type=Path, default=paths.SAMPLE_TRUTH)
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.folder)
    if args.command == "report":
        return report(args.params, args.jobs, args.run, args.out, args.executor)
    if args.command == "notebooks":
        from .report.runner import execute_in_place

        for nb in sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")):
            print(f"executing {nb.relative_to(paths.PROJECT_ROOT)}", flush=True)
            execute_in_place(nb)
        return 0
    if args.command == "kinds":
        from .readers.describe import describe_kinds

        print(describe_kinds())
        return 0
    from .sample.__main__ import main as sample_main

    return sample_main(["--out", str(args.out), "--truth", str(args.truth)])


if __name__ == "__main__":
    sys.exit(main())
