"""What is in a data folder: every file's kind, variant, period, currency and row counts.

Every file below the folder is read on its own, then each folder's files of one kind are read
together (overlapping downloads de-duplicated). Every table of the scan carries the file's
marketplace, so that a notebook can show one marketplace without knowing how files are named.
Used by ``sellerops validate`` and the data-health notebook.

Examples
--------
>>> from sellerops import paths
>>> scan = scan_folder(paths.SAMPLE_DIR / "us" / "keywords")
>>> print(scan.files[["kind", "read", "used", "rejected"]].sort_values("kind").to_string(index=False))
               kind  read  used  rejected
brand_analytics_sqp    30    30         0
        h10_cerebro   391   391         0
         h10_magnet   391   391         0
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import ReportFormatError
from .provenance import read_period_from_name
from .quality import DataQuality
from .read import Report, combine_reports, read_report, resolve_files

#: Columns of :attr:`FolderScan.files`.
FILE_COLUMNS = [
    "file",
    "kind",
    "time_model",
    "variant",
    "marketplace",
    "currency",
    "window",
    "start",
    "end",
    "named_start",
    "named_end",
    "read",
    "used",
    "rejected",
]
GROUP_COLUMNS = ["folder", "kind", "marketplace", "files", "dates", "read", "used", "rejected", "overlaps"]
REJECTION_COLUMNS = ["file", "kind", "marketplace", "reason", "rows", "examples"]
UNKNOWN_COLUMNS = ["file", "kind", "marketplace", "unknown_columns"]
ERROR_COLUMNS = ["file", "error"]


@dataclass
class FolderScan:
    """The result of :func:`scan_folder`; every table has a ``marketplace`` column (missing where unknown)."""

    #: One row per file (see :data:`FILE_COLUMNS`); ``named_start``/``named_end`` is the period the
    #: file's name gives, where it holds the file's own dates.
    files: pd.DataFrame
    #: One row per folder, kind and marketplace read together: overlaps de-duplicated across downloads.
    groups: pd.DataFrame
    #: Rejected rows by file and reason, with example locations.
    rejections: pd.DataFrame
    #: Headers no alias matched, by file (Amazon renamed or added something).
    unknown_columns: pd.DataFrame
    #: Files that could not be read at all, with the reason.
    errors: pd.DataFrame
    #: The quality records, by file (relative to the folder).
    qualities: dict[str, DataQuality]
    #: The canonical frames, by file.
    frames: dict[str, pd.DataFrame]


def scan_folder(folder: str | Path) -> FolderScan:
    """Read every data file below ``folder`` on its own, then each folder's files of one kind together.

    Raises
    ------
    ReportFormatError
        The folder does not exist or holds no data file.
    """
    folder = Path(folder)
    rows, rejections, unknown, errors, qualities, frames = [], [], [], [], {}, {}
    by_group: dict[tuple[str, str, str], list[Report]] = {}
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
        market = dq.marketplace
        named_start, named_end = read_period_from_name(path)
        rows.append(
            {
                "file": rel,
                "kind": dq.kind,
                "time_model": dq.time_model,
                "variant": dq.variant,
                "marketplace": market,
                "currency": "/".join(dq.currencies),
                "window": f"{dq.attribution_days}d" if dq.attribution_days else "",
                "start": dq.start,
                "end": dq.end,
                "named_start": named_start if dq.start is not None else None,
                "named_end": named_end if dq.end is not None else None,
                "read": dq.rows_read,
                "used": dq.rows_used,
                "rejected": dq.rows_rejected,
            }
        )
        for reason, count in dq.rejected.items():
            rejections.append(
                {
                    "file": rel,
                    "kind": dq.kind,
                    "marketplace": market,
                    "reason": reason,
                    "rows": count,
                    "examples": "; ".join(dq.examples[reason]),
                }
            )
        if dq.unknown_columns:
            unknown.append(
                {"file": rel, "kind": dq.kind, "marketplace": market, "unknown_columns": ", ".join(dq.unknown_columns)}
            )
        by_group.setdefault((path.parent.relative_to(folder).as_posix(), dq.kind, market or ""), []).append(report)
    groups = []
    for (parent, kind, market), reports in sorted(by_group.items()):
        if len(reports) < 2:
            continue
        try:
            _, dq = combine_reports(reports)
        except ReportFormatError as exc:
            errors.append({"file": f"{parent}/ ({kind}, read together)", "error": str(exc)})
            continue
        groups.append(
            {
                "folder": parent,
                "kind": kind,
                "marketplace": market or None,
                "files": len(reports),
                "dates": dq.summary()["dates"],
                "read": dq.rows_read,
                "used": dq.rows_used,
                "rejected": dq.rows_rejected,
                "overlaps": " | ".join(dq.overlaps),
            }
        )
    files = pd.DataFrame(rows, columns=FILE_COLUMNS)
    dates = ["start", "end", "named_start", "named_end"]
    files[dates] = files[dates].apply(lambda c: pd.to_datetime(c).astype("datetime64[ns]"))
    # A period named in the file counts only where it holds the file's own dates.
    named = files["named_start"].le(files["start"]) & files["named_end"].ge(files["end"])
    files.loc[~named, ["named_start", "named_end"]] = pd.NaT
    return FolderScan(
        files=files,
        groups=pd.DataFrame(groups, columns=GROUP_COLUMNS),
        rejections=pd.DataFrame(rejections, columns=REJECTION_COLUMNS),
        unknown_columns=pd.DataFrame(unknown, columns=UNKNOWN_COLUMNS),
        errors=pd.DataFrame(errors, columns=ERROR_COLUMNS),
        qualities=qualities,
        frames=frames,
    )
