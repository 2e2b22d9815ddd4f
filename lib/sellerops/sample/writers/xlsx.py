"""Ads console workbooks with openpyxl, byte-identical for identical input.

Cells are typed as in Amazon's downloads (``shared/reference/amazon-report-formats.md``): dates are
Excel date cells (``mmm dd, yyyy``), money is numeric with a currency format, rates are fractions
(``0.0000%``), ROAS a plain number (``0.00``); ACOS is left empty when sales are 0 and CPC when
clicks are 0. Nothing here needs a hand-written workbook: openpyxl writes all of it. Two things
would change from run to run and are fixed instead: the document properties (creator, created,
modified: openpyxl's ``save`` stamps *now* into ``modified``, so the workbook goes through its
``ExcelWriter`` directly) and the zip members' timestamps (rewritten to 1980-01-01, as in the real
downloads).

Examples
--------
>>> import tempfile, pathlib, datetime as dt
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.xlsx"
>>> write_xlsx(p, "S", ["Date", "Clicks"], [("date", [dt.date(2026, 10, 1)]), ("int", [2])])
>>> import openpyxl
>>> ws = openpyxl.load_workbook(p).active
>>> ws["A2"].value, ws["A2"].number_format, ws["B2"].value
(datetime.datetime(2026, 10, 1, 0, 0), 'mmm dd, yyyy', 2)
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.writer.excel import ExcelWriter

from .headers import FMT_DATE, FMT_INT, FMT_MONEY, FMT_RATE, FMT_ROAS

#: Fixed document properties and zip timestamps (the downloads are dated the morning after the period).
CREATOR = "Amazon Advertising"
CREATED = dt.datetime(2026, 11, 1, 0, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
NUMBER_FORMATS = {
    "date": FMT_DATE,
    "int": FMT_INT,
    "money:USD": FMT_MONEY["USD"],
    "money:GBP": FMT_MONEY["GBP"],
    "rate": FMT_RATE,
    "roas": FMT_ROAS,
}


def _values(kind: str, values, n: int) -> list:
    """Python cell values of one column (None leaves the cell empty)."""
    if values is None:
        return [None] * n
    if kind == "text":
        v = pd.Series(values, dtype="str").reset_index(drop=True)
        return [None if (x is None or x != x or x == "") else x for x in v.astype(object).tolist()]
    if kind == "date":
        days = np.asarray(values, dtype="datetime64[D]")
        return [d.item() for d in days]  # datetime.date
    num = np.asarray(values, dtype=float)
    if kind == "int":
        return [None if np.isnan(x) else int(x) for x in num]
    return [None if x != x else x for x in num.tolist()]


def write_xlsx(path: Path, sheet: str, header: list[str], columns: list[tuple[str, object]]) -> None:
    """Write a one-sheet workbook with typed cells, byte-identical for identical input.

    Parameters
    ----------
    path : Path
        Output file.
    sheet : str
        Sheet name (at most 31 characters, as Excel cuts it).
    header : list of str
        Header row, written as text.
    columns : list of (kind, values)
        One entry per header; kind is ``"text"``, ``"number"`` (a plain number, no format), ``"date"``,
        ``"int"``, ``"money:USD"``, ``"money:GBP"``, ``"rate"`` or ``"roas"``. NaN values leave the cell empty.
    """
    write_xlsx_sheets(path, [(sheet, header, columns)])


def write_xlsx_sheets(path: Path, sheets: list[tuple[str, list[str], list[tuple[str, object]]]]) -> None:
    """Write a workbook of several sheets (``(name, header, columns)`` each, as in :func:`write_xlsx`), in order."""
    for sheet, _, _ in sheets:
        if len(sheet) > 31:
            raise ValueError(f"sheet name longer than 31 characters: {sheet!r}")
    wb = Workbook(write_only=True)
    wb.properties.creator = CREATOR
    wb.properties.created = CREATED
    wb.properties.modified = CREATED
    for sheet, header, columns in sheets:
        _write_sheet(wb.create_sheet(sheet), header, columns)
    raw = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_fixed_zip(raw.getvalue()))


def _write_sheet(ws, header: list[str], columns: list[tuple[str, object]]) -> None:
    n = len(columns[0][1]) if columns and columns[0][1] is not None else 0
    ws.append(header)
    cols = [_values(kind, values, n) for kind, values in columns]
    templates = []
    for kind, _ in columns:
        if kind in ("text", "number"):
            templates.append(None)
        else:
            cell = WriteOnlyCell(ws)
            cell.number_format = NUMBER_FORMATS[kind]
            templates.append(cell)
    for row in zip(*cols):
        out = []
        for tpl, v in zip(templates, row):
            if tpl is None or v is None:
                out.append(v)
            else:  # a styled cell is written as soon as the row is appended, so one template per column serves
                tpl.value = v
                out.append(tpl)
        ws.append(out)


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every member dated ``ZIP_DATE`` (openpyxl stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename), compresslevel=6)
    return out.getvalue()
