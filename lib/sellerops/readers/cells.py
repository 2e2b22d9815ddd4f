"""Cell conversion: each matched column parsed by its type, every unreadable cell flagged.

The functions fill one :class:`ParsedCells` in the order the evidence needs: numbers and text
first (money cells carry the currency signs), then dates (slash dates need the currency to know
whether the day or the month comes first). :func:`assemble_frame` then gives every canonical
column of the kind its dtype, all-missing where the file lacks it.

Examples
--------
>>> import pandas as pd
>>> from pathlib import Path
>>> from sellerops.readers.matching import match_headers
>>> from sellerops.readers.raw import RawTable
>>> from sellerops.readers.registry import get_kind
>>> kind = get_kind("product_master")
>>> frame = pd.DataFrame({"sku": ["A", "B"], "asin": ["B01", "B02"], "unit_cost": ["$1.50", "x"], "lead_time_days": ["30", "30"]})
>>> raw = RawTable(Path("pm.csv"), list(frame.columns), frame, pd.Series([2, 3]))
>>> cells = ParsedCells()
>>> parse_number_columns(raw, match_headers(raw.headers, kind), ".", cells)
>>> cells.values["unit_cost"].tolist()[0], cells.bad["unparseable number in 'unit_cost'"].tolist()
(1.5, [False, True])
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .datetimes import DATE_ORDER_FORMATS, parse_dates, parse_zoned_timestamps
from .matching import HeaderMatch
from .numeric import parse_numbers
from .raw import RawTable
from .schema import ReportKind

#: The pandas dtype of each column type.
DTYPES = {
    "text": "str",
    "int": "Int64",
    "float": "float64",
    "money": "float64",
    "rate": "float64",
    "date": "datetime64[ns]",
    "datetime": "datetime64[ns]",
    "zoned": "datetime64[ns]",
}
NUMERIC_TYPES = ("int", "float", "money", "rate")
DATE_TYPES = ("date", "datetime", "zoned")
#: Files this long parse their numeric columns side by side (Arrow's kernels release the GIL).
PARALLEL_ROWS = 100_000


@dataclass
class ParsedCells:
    """Parsed values by canonical name, and what could not be read.

    ``bad`` maps a rejection reason (naming the raw header) to a mask of the rows it rejects.
    """

    values: dict[str, pd.Series] = field(default_factory=dict)
    bad: dict[str, pd.Series] = field(default_factory=dict)
    #: Reason -> the raw header whose cells it rejects (so that examples can show the bad value).
    bad_headers: dict[str, str] = field(default_factory=dict)
    currency_signs: Counter = field(default_factory=Counter)
    #: Raw header -> cells that were bounds (``>306``), read as the bound.
    censored: dict[str, int] = field(default_factory=dict)
    #: Cells whose Ads-console escaping (``\\""``) was repaired.
    unescaped: int = 0
    notes: list[str] = field(default_factory=list)


def _parse_number_column(cells: pd.Series, column_type: str, bare: str, decimal: str):
    return parse_numbers(cells, kind="rate" if column_type == "rate" else "number", decimal=decimal, bare=bare)


def parse_number_columns(raw: RawTable, match: HeaderMatch, decimal: str, cells: ParsedCells) -> None:
    """Parse the matched numeric columns and the extra (pattern-kept) columns into ``cells``."""
    numeric = {h: c for h, c in match.columns.items() if c.type in NUMERIC_TYPES}
    jobs = [(h, c.type, c.bare) for h, c in numeric.items()] + [(h, "int", "fraction") for h in match.extras]

    def parse(job):
        header, column_type, bare = job
        return _parse_number_column(raw.frame[header], column_type, bare, decimal)

    if len(raw.frame) >= PARALLEL_ROWS and len(jobs) > 1:
        with ThreadPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1)) as pool:
            parsed = list(pool.map(parse, jobs))
    else:
        parsed = [parse(job) for job in jobs]
    for (header, _, _), result in zip(jobs, parsed):
        name = numeric[header].name if header in numeric else match.extras[header]
        cells.values[name] = result.values
        reason = f"unparseable number in '{header.strip()}'"
        cells.bad[reason] = result.bad
        cells.bad_headers[reason] = header
        if header in numeric:
            cells.currency_signs.update(result.currencies)
        if result.censored:
            cells.censored[header.strip()] = result.censored


def _text(values: pd.Series, *, unescape: bool, unwrap: bool) -> tuple[pd.Series, int]:
    """Stripped text, empty as missing; on Arrow throughout (a million cells in a few milliseconds)."""
    arr = pa.array(values.astype("str"), from_pandas=True)
    t = pc.utf8_trim_whitespace(arr)
    repaired = 0
    if unescape:
        repaired = int(pc.sum(pc.match_substring(t, '\\"')).as_py() or 0)
        if repaired:
            t = pc.replace_substring(t, '\\"', '"')  # the Ads console writes \"" inside quoted names
    if unwrap:  # a quoted field in a file read without quoting: a key never keeps its quote marks
        wrapped = pc.match_substring_regex(t, r'^".*"$')
        if pc.any(wrapped).as_py():
            inner = pc.replace_substring(pc.utf8_slice_codeunits(t, 1, -1), '""', '"')
            t = pc.if_else(wrapped, inner, t)
    t = pc.if_else(pc.equal(t, ""), pa.scalar(None, t.type), t)
    return pd.Series(pd.array(t, dtype="str"), index=values.index), repaired


def parse_text_columns(raw: RawTable, match: HeaderMatch, cells: ParsedCells) -> None:
    """Strip the matched text columns (empty is missing).

    In quoted CSV the Ads console's ``\\""`` escaping is repaired; in a file read without quoting, a
    cell wrapped in quotes loses them (``"A-1"`` is the SKU ``A-1``).
    """
    unescape = raw.quoted and raw.delimiter == "," and not raw.is_xlsx
    unwrap = not raw.quoted and not raw.is_xlsx
    for header, col in match.columns.items():
        if col.type == "text":
            cells.values[col.name], repaired = _text(raw.frame[header], unescape=unescape, unwrap=unwrap)
            cells.unescaped += repaired


def parse_date_columns(
    raw: RawTable, match: HeaderMatch, cells: ParsedCells, date_order: Callable[[pd.Series], str]
) -> None:
    """Parse the matched date columns; ``date_order(cells)`` decides slash dates of order-sensitive columns.

    A payments ``date/time`` also gives ``date``, the seller's local calendar day.
    """
    for header, col in match.columns.items():
        column = raw.frame[header]
        reason = f"unreadable date in '{header.strip()}'"
        if col.type in ("date", "datetime"):
            formats = DATE_ORDER_FORMATS[date_order(column)] if col.order_sensitive else col.formats
            parsed = parse_dates(column, formats)
        elif col.type == "zoned":
            parsed = parse_zoned_timestamps(column, col.formats)
            if parsed.zoneless:
                cells.notes.append(f"{parsed.zoneless} timestamps in '{header.strip()}' have no time zone; read as UTC")
            if col.name == "date_time":
                cells.values["date"] = parsed.local_dates
        else:
            continue
        cells.values[col.name] = parsed.values
        cells.bad[reason] = parsed.bad
        cells.bad_headers[reason] = header


def check_whole_numbers(match: HeaderMatch, cells: ParsedCells) -> None:
    """Flag fractions in whole-number columns (``2.5`` units is not a count)."""
    for header, col in match.columns.items():
        if col.type == "int" and col.name in cells.values:
            v = cells.values[col.name]
            reason = f"not a whole number in '{header.strip()}'"
            cells.bad[reason] = v.notna() & ((v - v.round()).abs() > 1e-9)
            cells.bad_headers[reason] = header


def blank_optional_cells(kind: ReportKind, match: HeaderMatch, cells: ParsedCells) -> dict[str, pd.Series]:
    """Unreadable cells of columns no analysis needs become missing instead of rejecting their row.

    A kind needs its required columns and the dates that give a row its period
    (:attr:`~sellerops.readers.schema.ReportKind.needed`). Reasons of the other columns leave
    ``cells.bad`` and are returned (reason -> mask) to be counted apart: a new flag column holding
    ``Y`` or ``x`` must never cost the analyst the whole file.
    """
    needed = set(kind.needed)
    blanked = {}
    for reason, header in list(cells.bad_headers.items()):
        column = match.columns.get(header)
        if column is not None and column.name in needed:
            continue
        mask = pd.Series(np.asarray(cells.bad.pop(reason), dtype=bool))
        name = column.name if column is not None else match.extras[header]
        if mask.any():
            values = cells.values[name]
            cells.values[name] = values.mask(mask.to_numpy()) if values is not None else values
            if column is not None and column.name == "date_time" and "date" in cells.values:
                cells.values["date"] = cells.values["date"].mask(mask.to_numpy())
            blanked[reason] = mask
    return blanked


def _empty(column_type: str, n: int) -> pd.Series:
    if column_type in DATE_TYPES:
        return pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    if column_type == "text":  # built on Arrow: a million missing strings cost nothing
        return pd.Series(pd.array(pa.nulls(n, pa.large_string()), dtype="str"))
    return pd.Series(pd.array(np.full(n, np.nan), dtype=DTYPES[column_type]))


def _typed(values: pd.Series, column_type: str) -> pd.Series:
    values = values.reset_index(drop=True)
    if column_type == "int":
        return values.round().astype("Int64")
    return values.astype(DTYPES[column_type])


def assemble_frame(kind: ReportKind, values: dict[str, pd.Series], extras: dict[str, str], n: int) -> pd.DataFrame:
    """Every canonical column of ``kind`` with its dtype (all-missing where absent), plus ``currency`` and extras."""
    data = {}
    for col in kind.columns:
        data[col.name] = _empty(col.type, n) if values.get(col.name) is None else _typed(values[col.name], col.type)
    if "currency" not in data:
        data["currency"] = _empty("text", n)
    for name in extras.values():
        data[name] = _typed(values[name], kind.extra_type)
    return pd.DataFrame(data)
