"""Readers for the exports Amazon sellers really download.

``read_report(path_or_folder_or_glob, kind=None)`` returns ``(frame, quality)``:
the canonical frame of the report kind (snake_case columns, real dtypes, rates
as fractions, a ``currency`` column) and a :class:`DataQuality` record.
``open_folder(folder)`` reads every report of a folder once (cached on disk) and tables what each
holds; ``catalog.load(kind, marketplace=, start=, end=)`` returns one kind's combined frame.
Kinds and their canonical columns: :data:`KINDS` (see also ``docs/report-kinds.md``).

Examples
--------
>>> sorted(KINDS)[:3]
['all_orders', 'brand_analytics_sqp', 'business_report_by_date']
"""

from __future__ import annotations

from .catalog import Catalog, Inputs, MissingReportError, open_folder
from .errors import ReportFormatError
from .quality import DataQuality
from .read import Report, detect_kind, read_report, resolve_files
from .registry import KINDS, get_kind

__all__ = [
    "KINDS",
    "Catalog",
    "Inputs",
    "MissingReportError",
    "open_folder",
    "DataQuality",
    "Report",
    "ReportFormatError",
    "detect_kind",
    "get_kind",
    "read_report",
    "resolve_files",
]
