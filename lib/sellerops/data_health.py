"""What is in a data folder: every file's kind, variant, dates, currency and row counts.

Used by ``sellerops validate`` (and ``make report`` until the notebooks exist)
and by the data-health notebook.

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

from .readers import DataQuality, ReportFormatError, read_report
from .readers.convert import file_period
from .readers.read import Report, combine_reports, resolve_files

FILE_COLUMNS = [
    "file",
    "kind",
    "variant",
    "marketplace",
    "currency",
    "window",
    "date_min",
    "date_max",
    "cover_from",
    "cover_to",
    "read",
    "used",
    "rejected",
]


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
        named_from, named_to = file_period(path)
        row.update(
            file=rel,
            marketplace=dq.marketplace,
            date_min=dq.date_min,
            date_max=dq.date_max,
            cover_from=named_from if dq.date_min is not None else None,
            cover_to=named_to if dq.date_max is not None else None,
        )
        rows.append(row)
        for reason, count in dq.rejected.items():
            rejections.append(
                {"file": rel, "reason": reason, "rows": count, "examples": "; ".join(dq.examples[reason])}
            )
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
        groups.append(
            {
                "folder": parent,
                "kind": kind,
                "files": len(reports),
                "dates": dq.summary()["dates"],
                "read": dq.rows_read,
                "used": dq.rows_used,
                "rejected": dq.rows_rejected,
                "overlaps": " | ".join(dq.overlaps),
            }
        )
    files = pd.DataFrame(rows, columns=FILE_COLUMNS)
    dates = ["date_min", "date_max", "cover_from", "cover_to"]
    files[dates] = files[dates].apply(pd.to_datetime)
    # A period named in the file counts only where it holds the file's own dates.
    named = files["cover_from"].le(files["date_min"]) & files["cover_to"].ge(files["date_max"])
    files.loc[~named, ["cover_from", "cover_to"]] = pd.NaT
    return FolderScan(
        files=files,
        groups=pd.DataFrame(
            groups, columns=["folder", "kind", "files", "dates", "read", "used", "rejected", "overlaps"]
        ),
        rejections=pd.DataFrame(rejections, columns=["file", "reason", "rows", "examples"]),
        errors=pd.DataFrame(errors, columns=["file", "error"]),
        qualities=qualities,
        frames=frames,
    )


def _in_market(frame: pd.DataFrame, scan: FolderScan, marketplace: str | None) -> pd.Series:
    if not marketplace:
        return pd.Series(True, index=frame.index)
    market = frame["file"].map(lambda f: scan.qualities[f].marketplace if f in scan.qualities else None)
    return market.isna() | (market == marketplace)


def files_table(scan: FolderScan, marketplace: str | None = None) -> pd.DataFrame:
    """Every file read, for display: kind, header variant, marketplace, dates and row counts."""
    f = scan.files[_in_market(scan.files, scan, marketplace)]
    return pd.DataFrame(
        {
            "file": f["file"],
            "kind": f["kind"],
            "header variant": f["variant"],
            "marketplace": f["marketplace"],
            "currency": f["currency"],
            "window": f["window"],
            "first": f["date_min"].dt.strftime("%Y-%m-%d"),
            "last": f["date_max"].dt.strftime("%Y-%m-%d"),
            "rows read": f["read"],
            "used": f["used"],
            "rejected": f["rejected"],
        }
    ).reset_index(drop=True)


def rejections_table(scan: FolderScan, marketplace: str | None = None) -> pd.DataFrame:
    """Rejected rows by file and reason, with example locations."""
    r = scan.rejections
    return r[_in_market(r, scan, marketplace)].reset_index(drop=True)


def unknown_columns_table(scan: FolderScan, marketplace: str | None = None) -> pd.DataFrame:
    """Headers no alias matched, by file: Amazon renamed or added something."""
    rows = [
        {"file": f, "kind": dq.kind, "unknown columns": ", ".join(dq.unknown_columns)}
        for f, dq in scan.qualities.items()
        if dq.unknown_columns
    ]
    frame = pd.DataFrame(rows, columns=["file", "kind", "unknown columns"])
    return frame[_in_market(frame, scan, marketplace)].reset_index(drop=True)


def overlaps_table(scan: FolderScan, marketplace: str | None = None) -> pd.DataFrame:
    """Folders whose downloads overlapped, with what was kept."""
    g = scan.groups[scan.groups["overlaps"] != ""]
    if marketplace:
        g = g[
            g["folder"].str.lower().str.split("/").str[0].isin([marketplace.lower()]) | ~g["folder"].str.contains("/")
        ]
    return g.reset_index(drop=True)
