"""Action files a seller can act on: CSV and XLSX tables, and Amazon Ads bulk sheets (2.0).

Every action table of an analysis (negatives, harvest, bids, reorders, clearance) is written here
into the run's output folder (the batch runner sets one per job; interactive runs use a folder under
``reports/lab/``), and listed by :func:`list_action_files` for the notebook's "Files written" table.

Safety and reproducibility:

- **Formula injection**: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
  return or a line feed (also after leading spaces) is prefixed with a single quote ``'``, so a
  spreadsheet shows it as text instead of running it. Numbers are not text and stay numbers
  (``-1.5`` stays the number -1.5). Column labels are treated the same way.
- **Paths**: file names are checked (no path separators, no ``..``, no control characters, no
  hidden files) and the file must land directly in the output folder, which is created if missing.
- **Deterministic bytes**: CSV is UTF-8 with a byte-order mark (so Excel detects UTF-8) and CRLF
  line ends; XLSX has fixed document properties (creator ``sellerops``, created and modified
  2000-01-01) and fixed zip member dates, so the same table always gives the same file.
- **Manifest**: each writer records ``file, kind, rows`` in ``action_files.json`` in the folder.

Bulk sheets follow ``shared/reference/amazon-bulksheets-and-keepa.md`` section 1 (Amazon Ads
bulksheets 2.0, Sponsored Products): one sheet ``Sponsored Products Campaigns`` with the 26-column
blank-template header, English values, rows linked by real numeric IDs from a bulk download.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     path = write_action_csv(pd.DataFrame({"term": ["=1+1", "mat"], "clicks": [-1, 4]}), folder, "negatives")
...     print(pd.read_csv(path, encoding="utf-8-sig")["term"].tolist())
...     print(list_action_files(folder))
["'=1+1", 'mat']
            file       kind  rows
0  negatives.csv  negatives     2
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import os
import re
import zipfile
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from numbers import Integral, Real
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from .labels import label as human_label

__all__ = [
    "BULK_COLUMNS",
    "BULK_SHEET",
    "MANIFEST_NAME",
    "SP_BID_LIMITS",
    "build_bulksheet",
    "list_action_files",
    "neutralise_formulas",
    "neutralise_text",
    "write_action_csv",
    "write_action_xlsx",
    "write_bulksheet",
]

#: The manifest of the files written into an output folder.
MANIFEST_NAME = "action_files.json"

#: Fixed timestamp of XLSX document properties and zip members (byte-identical files across runs).
FIXED_TIME = dt.datetime(2000, 1, 1, 0, 0, 0)

#: First characters that make a spreadsheet treat text as a formula (or split it into one).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")

# --------------------------------------------------------------------------- Amazon bulk sheet 2.0
#: Sheet Amazon reads for Sponsored Products (DOC: bulksheets-search-term-report.md; many parsers).
BULK_SHEET = "Sponsored Products Campaigns"

#: The blank-template header, in order (DOC: create-sp-campaign.md, update-sp-campaigns.md).
BULK_COLUMNS = (
    "Product",
    "Entity",
    "Operation",
    "Campaign Id",
    "Ad Group Id",
    "Portfolio Id",
    "Ad Id",
    "Keyword Id",
    "Product Targeting Id",
    "Campaign Name",
    "Ad Group Name",
    "Start Date",
    "End Date",
    "Targeting Type",
    "State",
    "Daily Budget",
    "sku",
    "asin",
    "Ad Group Default Bid",
    "Bid",
    "Keyword Text",
    "Match Type",
    "Bidding Strategy",
    "Placement",
    "Percentage",
    "Product Targeting Expression",
)
_ID_COLUMNS = ("Campaign Id", "Ad Group Id", "Portfolio Id", "Ad Id", "Keyword Id", "Product Targeting Id")

PRODUCT = "Sponsored Products"
#: Entity values as in Amazon's list of SP entities (DOC: get-started-with-sp-bulksheets.md; not case-sensitive).
ENTITY_KEYWORD = "Keyword"
ENTITY_NEGATIVE_KEYWORD = "Negative keyword"
ENTITY_CAMPAIGN_NEGATIVE_KEYWORD = "Campaign negative keyword"
ENTITY_PRODUCT_TARGETING = "Product targeting"
ENTITY_BIDDING_ADJUSTMENT = "Bidding adjustment"

KEYWORD_MATCH_TYPES = ("exact", "phrase", "broad")
NEGATIVE_MATCH_TYPES = ("negativeExact", "negativePhrase")
PLACEMENTS = ("placement top", "placement product page", "placement rest of search")
BIDDING_STRATEGIES = ("Dynamic bids - down only", "Dynamic bids - up and down", "Fixed bid")
STATES = ("enabled", "paused")
#: Placement bid adjustment: a whole percentage in this range (DOC).
PERCENTAGE_RANGE = (0, 900)
#: Keyword limits (Amazon Ads API, reference/concepts/limits.md, "Keyword character constraints").
KEYWORD_MAX_CHARACTERS = 80
KEYWORD_MAX_WORDS = {"exact": 10, "phrase": 10, "broad": 10, "negativeExact": 10, "negativePhrase": 4}

#: Sponsored Products min / max keyword and target bid per marketplace, in local currency (Amazon Ads
#: API docs, reference/concepts/limits.md, "Bid constraints by marketplace", September 2025 snapshot).
SP_BID_LIMITS = {
    "US": (0.02, 1000.0),
    "CA": (0.02, 1000.0),
    "MX": (0.1, 20000.0),
    "BR": (0.07, 3700.0),
    "UK": (0.02, 1000.0),
    "DE": (0.02, 1000.0),
    "FR": (0.02, 1000.0),
    "IT": (0.02, 1000.0),
    "ES": (0.02, 1000.0),
    "NL": (0.02, 1000.0),
    "BE": (0.02, 1000.0),
    "IE": (0.02, 1000.0),
    "SE": (0.18, 9300.0),
    "PL": (0.04, 2000.0),
    "TR": (0.05, 2500.0),
    "AE": (0.24, 184.0),
    "SA": (0.10, 3670.0),
    "EG": (0.15, 5.50),  # as documented; looks like a typo for a larger maximum, but it is Amazon's figure
    "IN": (1.0, 5000.0),
    "JP": (2.0, 100000.0),
    "AU": (0.02, 1410.0),
    "SG": (0.02, 1100.0),
    "ZA": (1.0, 7000.0),
}
_MARKETPLACE_ALIASES = {"GB": "UK"}

_MATCH_TYPES = {re.sub(r"[\s_-]", "", m.casefold()): m for m in (*KEYWORD_MATCH_TYPES, *NEGATIVE_MATCH_TYPES)}
_PLACEMENTS = {
    **{re.sub(r"[\s_-]", "", p): p for p in PLACEMENTS},
    "top": "placement top",
    "topofsearch": "placement top",
    "productpage": "placement product page",
    "productpages": "placement product page",
    "restofsearch": "placement rest of search",
}
_STRATEGIES = {
    **{re.sub(r"[\s_-]", "", s.casefold()): s for s in BIDDING_STRATEGIES},
    "legacyforsales": "Dynamic bids - down only",  # Ads API v3 names
    "autoforsales": "Dynamic bids - up and down",
    "manual": "Fixed bid",
}


# --------------------------------------------------------------------------- formula safety
def neutralise_text(value: Any) -> Any:
    """A text value made safe for a spreadsheet; anything that is not text is returned unchanged.

    Text starting with ``=``, ``+``, ``-``, ``@``, tab, carriage return or line feed (after any
    leading spaces) gets a single quote in front. Numbers, dates and missing values are not text.

    Parameters
    ----------
    value : object
        A cell value.

    Returns
    -------
    object
        ``"'" + value`` for dangerous text, else ``value``.

    Examples
    --------
    >>> neutralise_text("=cmd|' /C calc'!A0"), neutralise_text("-1+2"), neutralise_text("yoga mat")
    ("'=cmd|' /C calc'!A0", "'-1+2", 'yoga mat')
    >>> neutralise_text(-1.5)
    -1.5
    """
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _is_text_column(series: pd.Series) -> bool:
    return not (
        pd.api.types.is_numeric_dtype(series)
        or pd.api.types.is_datetime64_any_dtype(series)
        or pd.api.types.is_timedelta64_dtype(series)
        or isinstance(series.dtype, pd.PeriodDtype)
    )


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell passed through :func:`neutralise_text`.

    Numeric, boolean and date columns are left as they are (a negative number stays a number);
    text and mixed columns are checked cell by cell. Column labels are not changed here (the writers
    neutralise the header they write).

    Parameters
    ----------
    frame : pandas.DataFrame
        Any action table.

    Returns
    -------
    pandas.DataFrame
        Same shape, index and columns.

    Examples
    --------
    >>> safe = neutralise_formulas(pd.DataFrame({"term": ["@SUM(1)", "+1", "ok"], "bid": [-1.5, 0.4, 1.0]}))
    >>> safe["term"].tolist(), safe["bid"].tolist()
    (["'@SUM(1)", "'+1", 'ok'], [-1.5, 0.4, 1.0])
    """
    out = frame.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if _is_text_column(column):
            values = column.astype(object).map(neutralise_text, na_action="ignore")
            out.isetitem(position, values.astype(column.dtype) if pd.api.types.is_string_dtype(column) else values)
    return out


# --------------------------------------------------------------------------- paths and manifest
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:]")


def _target_path(output_dir: str | os.PathLike, name: str, suffix: str) -> Path:
    """``output_dir / name(+suffix)``, refusing names that could leave the folder; creates the folder."""
    if not isinstance(name, str):
        raise ValueError(f"file name must be text, got {type(name).__name__}")
    if not name or name.strip() != name or name in (".", "..") or name.startswith("."):
        raise ValueError(f"unsafe file name {name!r}: empty, hidden, '.'/'..' or with surrounding spaces")
    if _UNSAFE_NAME.search(name) or (os.altsep and os.altsep in name) or os.sep in name:
        raise ValueError(f"unsafe file name {name!r}: path separators, ':' and control characters are not allowed")
    file_name = name if name.lower().endswith(suffix) else name + suffix  # never the manifest's .json
    root = Path(output_dir)
    root.mkdir(parents=True, exist_ok=True)
    root = root.resolve()
    target = root / file_name
    if target.resolve().parent != root:
        raise ValueError(f"file name {name!r} resolves outside the output folder {root}")
    return target


def _write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder (no half-written files)."""
    temporary = path.with_name(path.name + ".partial")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _read_manifest(root: Path) -> list[dict]:
    manifest = root / MANIFEST_NAME
    if not manifest.is_file():
        return []
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))
        return [{"file": str(e["file"]), "kind": str(e["kind"]), "rows": int(e["rows"])} for e in entries]
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"the manifest {manifest} is not a list of {{file, kind, rows}} records: {error}") from None


def _record(path: Path, kind: str, rows: int) -> None:
    """Add (or replace) the manifest entry of ``path``; entries sorted by file name."""
    entries = [e for e in _read_manifest(path.parent) if e["file"] != path.name]
    entries.append({"file": path.name, "kind": kind, "rows": int(rows)})
    entries.sort(key=lambda e: e["file"])
    text = json.dumps(entries, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    _write_bytes(path.parent / MANIFEST_NAME, text.encode("utf-8"))


def list_action_files(output_dir: str | os.PathLike) -> pd.DataFrame:
    """The action files written into ``output_dir``, for the notebook's "Files written" table.

    Parameters
    ----------
    output_dir : str or path-like
        The run's output folder. A folder that does not exist has no files (it is not created).

    Returns
    -------
    pandas.DataFrame
        Columns ``file`` (name inside the folder), ``kind`` and ``rows``, sorted by file name; files
        recorded but since deleted are left out.

    Raises
    ------
    ValueError
        When the manifest exists but cannot be read.

    Examples
    --------
    >>> list_action_files("/nonexistent/folder").columns.tolist()
    ['file', 'kind', 'rows']
    """
    root = Path(output_dir)
    entries = [e for e in _read_manifest(root) if (root / e["file"]).is_file()] if root.is_dir() else []
    frame = pd.DataFrame(entries, columns=["file", "kind", "rows"])
    return frame.astype({"rows": "int64"})


# --------------------------------------------------------------------------- writers
def _header(frame: pd.DataFrame, labels: bool | Mapping[str, str]) -> list[str]:
    names = [str(c) for c in frame.columns]
    if isinstance(labels, Mapping):
        names = [str(labels.get(n, human_label(n))) for n in names]
    elif labels:
        names = [human_label(n) for n in names]
    return [neutralise_text(n) for n in names]


def write_action_csv(
    frame: pd.DataFrame,
    output_dir: str | os.PathLike,
    name: str,
    kind: str | None = None,
    labels: bool | Mapping[str, str] = False,
) -> Path:
    """Write an action table as CSV: UTF-8 with BOM, CRLF, formula-safe, no index.

    Parameters
    ----------
    frame : pandas.DataFrame
        The action table.
    output_dir : str or path-like
        The run's output folder (created if missing).
    name : str
        File name, with or without ``.csv``; a plain name, never a path.
    kind : str, optional
        What the file holds, for the manifest (default: ``name`` without the extension).
    labels : bool or mapping, default False
        Write human column labels (:func:`sellerops.show.labels.label`) instead of the snake_case
        names; a mapping gives labels of its own (other columns fall back to ``label``).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ValueError
        For an unsafe file name.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_action_csv(pd.DataFrame({"search_term": ["mat"]}), folder, "harvest", labels=True)
    ...     print(path.name, path.read_bytes())
    harvest.csv b'\\xef\\xbb\\xbfsearch term\\r\\nmat\\r\\n'
    """
    path = _target_path(output_dir, name, ".csv")
    safe = neutralise_formulas(frame)
    safe.columns = _header(frame, labels)
    text = safe.to_csv(index=False, lineterminator="\r\n")
    _write_bytes(path, text.encode("utf-8-sig"))
    _record(path, kind or path.stem, len(frame))
    return path


def _check_sheet_name(sheet_name: str) -> str:
    if not isinstance(sheet_name, str) or not 0 < len(sheet_name) <= 31 or re.search(r"[\[\]:*?/\\]", sheet_name):
        raise ValueError(f"sheet name must be 1-31 characters without []:*?/\\, got {sheet_name!r}")
    return sheet_name


_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xlsx_value(value: Any) -> Any:
    """A cell value openpyxl can store: text made safe, NaN/NA as empty, numpy scalars as Python ones."""
    if value is None or (not isinstance(value, str) and np.ndim(value) == 0 and pd.isna(value)):
        return None
    if isinstance(value, str):
        # drop characters XML cannot hold *before* the formula check, so they cannot hide a trigger
        return neutralise_text(_ILLEGAL_XML.sub("", value))
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, (pd.Timestamp, np.datetime64, dt.datetime)):
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:
            stamp = stamp.tz_convert("UTC").tz_localize(None)
        return stamp.to_pydatetime()
    if isinstance(value, pd.Timedelta):
        return value.to_pytimedelta()
    if isinstance(value, (dt.date, dt.time, dt.timedelta, Decimal)):
        return value
    return neutralise_text(_ILLEGAL_XML.sub("", str(value)))


def _fixed_zip(data: bytes) -> bytes:
    """The zip archive ``data`` again, with every member dated FIXED_TIME (byte-identical output)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


def _xlsx_bytes(
    sheet_name: str,
    header: list[str],
    rows: list[list[Any]],
    text_columns: tuple[int, ...] = (),
    number_formats: Mapping[int, str] | None = None,
) -> bytes:
    """An XLSX workbook with one sheet, fixed document properties and fixed zip dates."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _check_sheet_name(sheet_name)
    sheet.append([neutralise_text(h) for h in header])
    for row in rows:
        sheet.append([_xlsx_value(v) for v in row])
    formats = {**{i: "@" for i in text_columns}, **(number_formats or {})}
    for index, number_format in formats.items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
            cell.number_format = number_format
    sheet.freeze_panes = "A2"
    properties = workbook.properties
    properties.creator = "sellerops"
    properties.lastModifiedBy = "sellerops"
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()  # not Workbook.save: that stamps "modified" with the clock
    return _fixed_zip(buffer.getvalue())


def write_action_xlsx(
    frame: pd.DataFrame,
    output_dir: str | os.PathLike,
    name: str,
    kind: str | None = None,
    labels: bool | Mapping[str, str] = False,
    sheet_name: str = "actions",
) -> Path:
    """Write an action table as a one-sheet XLSX workbook: formula-safe, byte-for-byte reproducible.

    Text cells are neutralised (:func:`neutralise_text`) after characters XML cannot hold are
    removed; numbers stay numbers, NaN and missing values become empty cells, time-zone-aware
    timestamps are written as UTC without a zone (Excel has none).

    Parameters
    ----------
    frame : pandas.DataFrame
        The action table.
    output_dir : str or path-like
        The run's output folder (created if missing).
    name : str
        File name, with or without ``.xlsx``; a plain name, never a path.
    kind : str, optional
        What the file holds, for the manifest (default: ``name`` without the extension).
    labels : bool or mapping, default False
        Human column labels, as for :func:`write_action_csv`.
    sheet_name : str, default "actions"
        Name of the sheet (at most 31 characters, none of ``[]:*?/\\``).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ValueError
        For an unsafe file name or an invalid sheet name.

    Examples
    --------
    >>> import tempfile
    >>> from openpyxl import load_workbook
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_action_xlsx(pd.DataFrame({"sku": ["=HYPERLINK(1)"], "units": [-3]}), folder, "reorders")
    ...     print([[c.value for c in row] for row in load_workbook(path)["actions"].iter_rows()])
    [['sku', 'units'], ["'=HYPERLINK(1)", -3]]
    """
    path = _target_path(output_dir, name, ".xlsx")
    rows = frame.astype(object).to_numpy().tolist()
    _write_bytes(path, _xlsx_bytes(sheet_name, _header(frame, labels), rows))
    _record(path, kind or path.stem, len(frame))
    return path


# --------------------------------------------------------------------------- bulk sheet: validation
def _where(table: str, label: Any, column: str) -> str:
    return f"{table} row {label!r}, column {column!r}"


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    return bool(np.ndim(value) == 0 and pd.isna(value))


def _amazon_id(value: Any, where: str) -> str:
    """A real (numeric) Amazon ID as text; temporary text IDs would create new entities by accident."""
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{where}: an ID must be a number from a bulk download, got {value!r}")
    if isinstance(value, Integral) and int(value) > 0:
        return str(int(value))
    if isinstance(value, Real) and not isinstance(value, Integral):
        number = float(value)
        if math.isfinite(number) and number.is_integer() and 0 < number < 2**53:
            return str(int(number))
        raise ValueError(
            f"{where}: an ID must be a whole number below 2**53 (read IDs as text to keep them exact), got {value!r}"
        )
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and int(value.strip()) > 0:
        return value.strip()
    raise ValueError(
        f"{where}: an ID must be the numeric ID of an existing entity from a bulk download, got {value!r} "
        "(text IDs are temporary IDs that create new campaigns or ad groups)"
    )


def _required(row: Mapping[str, Any], column: str, table: str, label: Any) -> Any:
    value = row.get(column)
    if _blank(value):
        raise ValueError(f"{_where(table, label, column)}: a value is required")
    return value


def _choice(value: Any, choices: Mapping[str, str], where: str, allowed: tuple[str, ...]) -> str:
    folded = re.sub(r"[\s_-]", "", value.casefold()) if isinstance(value, str) else None
    if folded not in choices or choices[folded] not in allowed:
        raise ValueError(f"{where}: {value!r} is not one of {list(allowed)}")
    return choices[folded]


def _bid(value: Any, where: str, limits: tuple[float, float], marketplace: str) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real) or not math.isfinite(float(value)):
        raise ValueError(f"{where}: a bid must be a finite number, got {value!r}")
    rounded = float(Decimal(repr(float(value))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    low, high = limits
    if not low <= rounded <= high:
        raise ValueError(
            f"{where}: bid {value!r} is outside Amazon's Sponsored Products limits for {marketplace} "
            f"({low:g} to {high:g} in local currency)"
        )
    return rounded


def _percentage(value: Any, where: str) -> int:
    low, high = PERCENTAGE_RANGE
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real) or not math.isfinite(float(value)):
        raise ValueError(f"{where}: a percentage must be a whole number from {low} to {high}, got {value!r}")
    if not float(value).is_integer():
        raise ValueError(f"{where}: a percentage must be a whole number (no decimals, no %), got {value!r}")
    if not low <= int(value) <= high:
        raise ValueError(f"{where}: percentage {value!r} is outside Amazon's range {low} to {high}")
    return int(value)


def _keyword_text(value: Any, match_type: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: keyword text is required, got {value!r}")
    if value != value.strip():
        raise ValueError(f"{where}: keyword text must not start or end with spaces, got {value!r}")
    if value.startswith(FORMULA_TRIGGERS):
        raise ValueError(
            f"{where}: keyword text must not start with {value[0]!r} (Amazon does not accept it, and the file "
            f"would have to alter the text to keep it formula-safe), got {value!r}"
        )
    if len(value) > KEYWORD_MAX_CHARACTERS:
        raise ValueError(f"{where}: keyword text has {len(value)} characters, Amazon allows {KEYWORD_MAX_CHARACTERS}")
    words = len(value.split())
    if words > KEYWORD_MAX_WORDS[match_type]:
        raise ValueError(
            f"{where}: a {match_type} keyword may have at most {KEYWORD_MAX_WORDS[match_type]} words, got {words}"
        )
    return value


def _bid_limits(marketplace: str) -> tuple[str, tuple[float, float]]:
    code = _MARKETPLACE_ALIASES.get(str(marketplace).upper(), str(marketplace).upper())
    if code not in SP_BID_LIMITS:
        raise ValueError(f"unknown marketplace {marketplace!r}; bid limits are known for {sorted(SP_BID_LIMITS)}")
    return code, SP_BID_LIMITS[code]


def _records(frame: pd.DataFrame | None, table: str, required: tuple[str, ...]) -> list[tuple[Any, dict]]:
    """(index label, row as dict) pairs of an action table, after checking its required columns."""
    if frame is None:
        return []
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{table} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ValueError(f"{table} has no column(s) {missing}; columns present: {list(frame.columns)}")
    return list(zip(frame.index, frame.astype(object).to_dict(orient="records")))


def _row(**cells: Any) -> dict[str, Any]:
    """One bulk-sheet row: ``Product`` filled, the given cells (``Campaign_Id`` = "Campaign Id"), the rest blank."""
    row = dict.fromkeys(BULK_COLUMNS)
    row["Product"] = PRODUCT
    for name, value in cells.items():
        column = name.replace("_", " ")
        if column not in row:
            raise KeyError(f"not a bulk-sheet column: {column!r}")
        row[column] = value
    return row


def _check_unique(rows: list[tuple[tuple, Any]], table: str, what: str) -> None:
    seen: dict[tuple, Any] = {}
    for key, label in rows:
        if key in seen:
            raise ValueError(f"{table} rows {seen[key]!r} and {label!r} are the same {what}; Amazon rejects duplicates")
        seen[key] = label


def _negative_rows(frame: pd.DataFrame | None) -> list[dict]:
    table = "negatives"
    out, keys = [], []
    for label, rec in _records(frame, table, ("campaign_id", "keyword_text", "match_type")):
        campaign = _amazon_id(_required(rec, "campaign_id", table, label), _where(table, label, "campaign_id"))
        ad_group = rec.get("ad_group_id")
        ad_group = None if _blank(ad_group) else _amazon_id(ad_group, _where(table, label, "ad_group_id"))
        match = _choice(rec.get("match_type"), _MATCH_TYPES, _where(table, label, "match_type"), NEGATIVE_MATCH_TYPES)
        text = _keyword_text(rec.get("keyword_text"), match, _where(table, label, "keyword_text"))
        entity = ENTITY_NEGATIVE_KEYWORD if ad_group else ENTITY_CAMPAIGN_NEGATIVE_KEYWORD
        keys.append(((campaign, ad_group, text.casefold(), match), label))
        out.append(
            _row(
                Entity=entity,
                Operation="Create",
                Campaign_Id=campaign,
                Ad_Group_Id=ad_group,
                State="enabled",
                Keyword_Text=text,
                Match_Type=match,
            )
        )
    _check_unique(keys, table, "negative keyword")
    return out


def _keyword_rows(frame: pd.DataFrame | None, marketplace: str, limits: tuple[float, float]) -> list[dict]:
    table = "keywords"
    out, keys = [], []
    for label, rec in _records(frame, table, ("campaign_id", "ad_group_id", "keyword_text", "match_type")):
        campaign = _amazon_id(_required(rec, "campaign_id", table, label), _where(table, label, "campaign_id"))
        ad_group = _amazon_id(_required(rec, "ad_group_id", table, label), _where(table, label, "ad_group_id"))
        match = _choice(rec.get("match_type"), _MATCH_TYPES, _where(table, label, "match_type"), KEYWORD_MATCH_TYPES)
        text = _keyword_text(rec.get("keyword_text"), match, _where(table, label, "keyword_text"))
        bid = rec.get("bid")
        bid = None if _blank(bid) else _bid(bid, _where(table, label, "bid"), limits, marketplace)
        keys.append(((ad_group, text.casefold(), match), label))
        out.append(
            _row(
                Entity=ENTITY_KEYWORD,
                Operation="Create",
                Campaign_Id=campaign,
                Ad_Group_Id=ad_group,
                State="enabled",
                Bid=bid,
                Keyword_Text=text,
                Match_Type=match,
            )
        )
    _check_unique(keys, table, "keyword (ad group, text, match type)")
    return out


def _bid_rows(frame: pd.DataFrame | None, marketplace: str, limits: tuple[float, float]) -> list[dict]:
    table = "bids"
    if frame is not None and isinstance(frame, pd.DataFrame):
        if "keyword_id" not in frame.columns and "product_targeting_id" not in frame.columns:
            raise ValueError(f"{table} needs a 'keyword_id' or a 'product_targeting_id' column")
    out, keys = [], []
    for label, rec in _records(frame, table, ("campaign_id", "ad_group_id", "bid", "state")):
        campaign = _amazon_id(_required(rec, "campaign_id", table, label), _where(table, label, "campaign_id"))
        ad_group = _amazon_id(_required(rec, "ad_group_id", table, label), _where(table, label, "ad_group_id"))
        keyword, target = rec.get("keyword_id"), rec.get("product_targeting_id")
        if _blank(keyword) == _blank(target):
            raise ValueError(
                f"{table} row {label!r}: give exactly one of 'keyword_id' and 'product_targeting_id' (the ID of the "
                "existing keyword or target, from a bulk download)"
            )
        state = _choice(
            _required(rec, "state", table, label), {s: s for s in STATES}, _where(table, label, "state"), STATES
        )
        bid = _bid(_required(rec, "bid", table, label), _where(table, label, "bid"), limits, marketplace)
        if _blank(target):
            keyword = _amazon_id(keyword, _where(table, label, "keyword_id"))
            entity, target = ENTITY_KEYWORD, None
        else:
            target = _amazon_id(target, _where(table, label, "product_targeting_id"))
            entity, keyword = ENTITY_PRODUCT_TARGETING, None
        keys.append(((entity, keyword or target), label))
        out.append(
            _row(
                Entity=entity,
                Operation="Update",
                Campaign_Id=campaign,
                Ad_Group_Id=ad_group,
                Keyword_Id=keyword,
                Product_Targeting_Id=target,
                State=state,
                Bid=bid,
            )
        )
    _check_unique(keys, table, "keyword or target")
    return out


def _placement_rows(frame: pd.DataFrame | None) -> list[dict]:
    table = "placements"
    out, keys = [], []
    for label, rec in _records(frame, table, ("campaign_id", "placement", "percentage", "bidding_strategy")):
        campaign = _amazon_id(_required(rec, "campaign_id", table, label), _where(table, label, "campaign_id"))
        placement = _choice(rec.get("placement"), _PLACEMENTS, _where(table, label, "placement"), PLACEMENTS)
        percentage = _percentage(_required(rec, "percentage", table, label), _where(table, label, "percentage"))
        strategy = _choice(
            _required(rec, "bidding_strategy", table, label),
            _STRATEGIES,
            _where(table, label, "bidding_strategy"),
            BIDDING_STRATEGIES,
        )
        operation = rec.get("operation")
        operation = "Update" if _blank(operation) else operation
        operation = _choice(
            operation, {"update": "Update", "create": "Create"}, _where(table, label, "operation"), ("Update", "Create")
        )
        keys.append(((campaign, placement), label))
        out.append(
            _row(
                Entity=ENTITY_BIDDING_ADJUSTMENT,
                Operation=operation,
                Campaign_Id=campaign,
                Bidding_Strategy=strategy,
                Placement=placement,
                Percentage=percentage,
            )
        )
    _check_unique(keys, table, "campaign placement")
    return out


def build_bulksheet(
    negatives: pd.DataFrame | None = None,
    keywords: pd.DataFrame | None = None,
    bids: pd.DataFrame | None = None,
    placements: pd.DataFrame | None = None,
    marketplace: str = "US",
) -> pd.DataFrame:
    """Validate tidy action tables and turn them into Sponsored Products bulk-sheet (2.0) rows.

    Every row carries ``Product = Sponsored Products`` and the real numeric IDs of existing
    entities, taken from a bulk download (text IDs would be temporary IDs that create new
    campaigns). Columns not named below are ignored, so an analysis can pass its action table with
    its evidence columns.

    Parameters
    ----------
    negatives : pandas.DataFrame, optional
        ``campaign_id``, ``ad_group_id`` (optional column; blank = campaign-level negative),
        ``keyword_text``, ``match_type`` (``negativeExact`` or ``negativePhrase``). Rows become
        ``Negative keyword`` / ``Create`` with ``State = enabled``, or ``Campaign negative keyword``
        without an ad group (these can later be archived, not paused).
    keywords : pandas.DataFrame, optional
        New keywords in existing ad groups: ``campaign_id``, ``ad_group_id``, ``keyword_text``,
        ``match_type`` (``exact``, ``phrase``, ``broad``), ``bid`` (optional; blank inherits the ad
        group's default bid). Rows become ``Keyword`` / ``Create``, ``State = enabled``.
    bids : pandas.DataFrame, optional
        Bid changes: ``campaign_id``, ``ad_group_id``, one of ``keyword_id`` / ``product_targeting_id``
        per row, ``bid`` and ``state`` (the entity's current state from the download, ``enabled`` or
        ``paused``: Amazon wants a State on update rows, and writing ``enabled`` blindly would
        un-pause a paused keyword). Rows become ``Keyword`` or ``Product targeting`` / ``Update``.
    placements : pandas.DataFrame, optional
        Placement bid adjustments: ``campaign_id``, ``placement`` (``placement top``,
        ``placement product page``, ``placement rest of search``; ``placementTop`` style accepted),
        ``percentage`` (whole number 0-900), ``bidding_strategy`` (the campaign's current strategy,
        copied in as downloads show it) and optionally ``operation`` (``Update``, the default, or
        ``Create`` when the campaign has no row for that placement). Rows become
        ``Bidding adjustment`` with ``State`` blank.
    marketplace : str, default "US"
        Marketplace code whose bid limits apply (:data:`SP_BID_LIMITS`; ``GB`` is read as ``UK``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`BULK_COLUMNS` in order, one row per action (negatives, keywords, bids,
        placements, each in input order); blank cells are None. IDs are text, bids are numbers
        rounded to cents (Amazon rounds to 2 decimals), percentages integers.

    Raises
    ------
    ValueError
        Naming the table, row (index label) and column: a missing or non-numeric ID, a match type,
        placement, strategy or state outside the allowed set, a bid outside the marketplace's limits,
        a percentage that is not a whole number in 0-900, keyword text Amazon would refuse (blank,
        padded, too long, too many words, starting with ``= + - @``), or a duplicate action.

    Examples
    --------
    >>> negatives = pd.DataFrame({"campaign_id": [111], "ad_group_id": [222], "keyword_text": ["free"],
    ...                           "match_type": ["negativeExact"]})
    >>> sheet = build_bulksheet(negatives=negatives)
    >>> sheet.loc[0, ["Entity", "Operation", "Campaign Id", "Ad Group Id", "State", "Keyword Text", "Match Type"]].tolist()
    ['Negative keyword', 'Create', '111', '222', 'enabled', 'free', 'negativeExact']
    """
    code, limits = _bid_limits(marketplace)
    rows = [
        *_negative_rows(negatives),
        *_keyword_rows(keywords, code, limits),
        *_bid_rows(bids, code, limits),
        *_placement_rows(placements),
    ]
    return pd.DataFrame(rows, columns=list(BULK_COLUMNS), dtype=object)


def write_bulksheet(
    output_dir: str | os.PathLike,
    name: str = "sponsored_products_bulk",
    negatives: pd.DataFrame | None = None,
    keywords: pd.DataFrame | None = None,
    bids: pd.DataFrame | None = None,
    placements: pd.DataFrame | None = None,
    marketplace: str = "US",
    kind: str = "Sponsored Products bulk sheet",
) -> Path:
    """Write an Amazon Ads bulk sheet (2.0, Sponsored Products) ready to upload under "Bulk operations".

    The workbook has one sheet, ``Sponsored Products Campaigns``, whose first row is the 26-column
    blank-template header (:data:`BULK_COLUMNS`); the rows come from :func:`build_bulksheet`. IDs are
    text cells (Excel would turn long numbers into ``1.23E+14`` on re-saving), bids are numbers
    with two decimals, percentages whole numbers. The file is formula-safe and byte-for-byte
    reproducible like :func:`write_action_xlsx`.

    Parameters
    ----------
    output_dir : str or path-like
        The run's output folder (created if missing).
    name : str, default "sponsored_products_bulk"
        File name, with or without ``.xlsx``; a plain name, never a path.
    negatives, keywords, bids, placements, marketplace
        As for :func:`build_bulksheet`.
    kind : str, default "Sponsored Products bulk sheet"
        What the file holds, for the manifest.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ValueError
        For invalid actions (see :func:`build_bulksheet`) or an unsafe file name; nothing is written then.

    Examples
    --------
    >>> import tempfile
    >>> from openpyxl import load_workbook
    >>> bids = pd.DataFrame({"campaign_id": ["111"], "ad_group_id": ["222"], "keyword_id": ["333"],
    ...                      "bid": [0.456], "state": ["enabled"]})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     sheet = load_workbook(write_bulksheet(folder, bids=bids))["Sponsored Products Campaigns"]
    ...     print([sheet.cell(2, c).value for c in (2, 3, 4, 5, 8, 15, 20)])
    ['Keyword', 'Update', '111', '222', '333', 'enabled', 0.46]
    """
    sheet = build_bulksheet(negatives, keywords, bids, placements, marketplace)
    path = _target_path(output_dir, name, ".xlsx")
    text_columns = tuple(BULK_COLUMNS.index(c) for c in _ID_COLUMNS)
    number_formats = {BULK_COLUMNS.index("Bid"): "0.00", BULK_COLUMNS.index("Percentage"): "0"}
    data = _xlsx_bytes(BULK_SHEET, list(BULK_COLUMNS), sheet.to_numpy().tolist(), text_columns, number_formats)
    _write_bytes(path, data)
    _record(path, kind, len(sheet))
    return path
