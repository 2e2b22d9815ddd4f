"""What is in a data folder: every file's kind, variant, dates, currency and row counts.

Used by ``sellerops validate`` (and ``make report`` until the notebooks exist)
and by the data-health notebook.

Examples
--------
>>> from sellerops import paths
>>> scan = scan_folder(paths.SAMPLE_DIR)  # doctest: +SKIP
>>> scan.files[["kind", "read", "used", "rejected"]].head(2)  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .readers import DataQuality, ReportFormatError, read_report
from .readers.read import Report, combine_reports, resolve_files

FILE_COLUMNS = ["file", "kind", "variant", "dates", "currency", "window", "read", "used", "rejected"]


@dataclass
class FolderScan:
    """The result of :func:`scan_folder`."""

    #: One row per file (see :data:`FILE_COLUMNS`).
    files: pd.DataFrame
    #: One row per folder and kind, read together: overlaps de-duplicated across downloads.
    groups: pd.DataFrame
    #: Rejected rows by file and reason, with example locations.
    rejections: pd.DataFrame
    #: Files that could not be read at all, with the reason.
    errors: pd.DataFrame
    #: The quality records, by file.
    qualities: dict[str, DataQuality]
    #: The canonical frames, by file.
    frames: dict[str, pd.DataFrame]


def scan_folder(folder: str | Path) -> FolderScan:
    """Read every data file below ``folder`` on its own, then each folder's files of one kind together."""
    folder = Path(folder)
    rows, rejections, errors, qualities, frames = [], [], [], {}, {}
    by_group: dict[tuple[str, str], list[Report]] = {}
    for path in resolve_files(folder):
        rel = path.relative_to(folder).as_posix()
        try:
            report = read_report(path)
        except ReportFormatError as exc:
            errors.append({"file": rel, "error": str(exc).replace(str(path), rel)})
            continue
        dq = report.quality
        frames[rel] = report.frame
        qualities[rel] = dq
        row = dq.summary()
        row["file"] = rel
        rows.append(row)
        for reason, count in dq.rejected.items():
            rejections.append({"file": rel, "reason": reason, "rows": count, "examples": "; ".join(dq.examples[reason])})
        by_group.setdefault((path.parent.relative_to(folder).as_posix(), dq.kind), []).append(report)
    groups = []
    for (parent, kind), reports in sorted(by_group.items()):
        if len(reports) < 2:
            continue
        try:
            _, dq = combine_reports(reports)
        except ReportFormatError as exc:
            errors.append({"file": f"{parent}/ ({kind}, read together)", "error": str(exc)})
            continue
        groups.append({"folder": parent, "kind": kind, "files": len(reports), "dates": dq.summary()["dates"],
                       "read": dq.rows_read, "used": dq.rows_used, "rejected": dq.rows_rejected,
                       "overlaps": " | ".join(dq.overlaps)})
    return FolderScan(
        files=pd.DataFrame(rows, columns=FILE_COLUMNS),
        groups=pd.DataFrame(groups, columns=["folder", "kind", "files", "dates", "read", "used", "rejected", "overlaps"]),
        rejections=pd.DataFrame(rejections, columns=["file", "reason", "rows", "examples"]),
        errors=pd.DataFrame(errors, columns=["file", "error"]),
        qualities=qualities,
        frames=frames,
    )
