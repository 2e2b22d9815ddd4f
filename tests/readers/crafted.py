"""Crafted report files for the reader tests: writers for CSV, TSV and xlsx, and the checks every clean file passes."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import openpyxl
import pandas as pd

from sellerops.readers import KINDS, read_report


def K(name: str) -> str:
    """A kind name, checked against the registry (a renamed kind fails loudly)."""
    assert name in KINDS, f"{name} not in KINDS"
    return name


def write_csv(
    path: Path, header, rows, *, delimiter=",", quote_all=False, encoding="utf-8", bom=False, newline="\n", preamble=()
) -> Path:
    buf = io.StringIO()
    for line in preamble:
        buf.write(line + newline)
    w = csv.writer(
        buf, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    data = buf.getvalue().encode(encoding)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def write_tsv(path: Path, header, rows, *, encoding="utf-8") -> Path:
    """SP-API flat file: tab-delimited, no quoting at all."""
    lines = ["\t".join(header)] + ["\t".join(r) for r in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def write_xlsx(path: Path, header, rows, *, sheet="Sheet1", formats=None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(header)
    for r in rows:
        ws.append(r)
    for col_name, fmt in (formats or {}).items():
        j = header.index(col_name) + 1
        for i in range(2, len(rows) + 2):
            ws.cell(row=i, column=j).number_format = fmt
    wb.save(path)
    return path


def cells(header, **by_header):
    """A row in header order from ``{header: value}`` (missing cells empty)."""
    return [by_header.get(h, "") for h in header]


def row(header, values: dict):
    return [values.get(h, "") for h in header]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_clean(source, **kw):
    """Read, and check the invariants that hold for every clean crafted file."""
    files = [source] if Path(source).is_file() else sorted(p for p in Path(source).rglob("*") if p.is_file())
    before = {p: sha(p) for p in files}
    frame, dq = read_report(source, **kw)
    assert {p: sha(p) for p in files} == before, "reading changed a raw file"
    assert dq.is_consistent()
    assert dq.rows_read == dq.rows_used + dq.rows_rejected
    assert dq.rows_used == len(frame)
    return frame, dq


def assert_nothing_bad(dq):
    assert dq.rows_rejected == 0, dq.rejected
    assert dq.rows_read == dq.rows_used


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


# Amazon headers used by tests of several modules
ST_D = (
    "Start Date,End Date,Portfolio name,Currency,Campaign Name,Ad Group Name,Retailer,Country,Targeting,Match Type,"
    "Customer Search Term,Impressions,Clicks,Click-Thru Rate (CTR),Cost Per Click (CPC),Spend,7 Day Total Sales ,"
    "Total Advertising Cost of Sales (ACOS) ,Total Return on Advertising Spend (ROAS),7 Day Total Orders (#),"
    "7 Day Total Units (#),7 Day Conversion Rate,7 Day Advertised SKU Units (#),7 Day Other SKU Units (#),"
    "7 Day Advertised SKU Sales ,7 Day Other SKU Sales "
).split(",")

ST_B = (
    "Date|Portfolio name|Currency|Campaign Name|Ad Group Name|Targeting|Match Type|Customer Search Term|Impressions|"
    "Clicks|Click-Thru Rate (CTR)|Cost Per Click (CPC)|Spend|7 Day Total Sales|Total Advertising Cost of Sales (ACOS) |"
    "Total Return on Advertising Spend (ROAS)|7 Day Total Orders (#)|7 Day Total Units (#)|7 Day Conversion Rate|"
    "7 Day Advertised SKU Units (#)|7 Day Other SKU Units (#)|7 Day Advertised SKU Sales|7 Day Other SKU Sales"
).split("|")

RETURNS = (
    "return-date order-id sku asin fnsku product-name quantity fulfillment-center-id detailed-disposition reason "
    "status license-plate-number customer-comments"
).split()
