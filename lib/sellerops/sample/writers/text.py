"""Amazon's text conventions and the CSV/TSV file writers (no randomness, no pandas formatting).

Examples
--------
>>> money_text([5216.29], "$")[0]
'$5,216.29'
>>> percent_text([0.0451])[0]
'4.51%'
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

MONTHS = np.array(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])


def int_text(values) -> pd.Series:
    """Integers with thousands separators: ``3395 -> "3,395"``.

    Examples
    --------
    >>> list(int_text([3395, 7, -1200]))
    ['3,395', '7', '-1,200']
    """
    v = np.asarray(values).astype(np.int64)
    return pd.Series([f"{x:,}" for x in v.tolist()], dtype=object)


def money_text(values, symbol: str = "", decimals: int = 2) -> pd.Series:
    """Money with a symbol and thousands separators: ``5216.29 -> "$5,216.29"`` (cents rounded half to even).

    Examples
    --------
    >>> list(money_text([1234.5, -2.0, -0.001], "£"))
    ['£1,234.50', '-£2.00', '£0.00']
    """
    v = np.asarray(values, dtype=float)
    scale = 10**decimals
    cents = np.round(np.abs(v) * scale).astype(np.int64)
    neg = (v < 0) & (cents > 0)
    return pd.Series(
        [
            f"{'-' if n else ''}{symbol}{c // scale:,}.{c % scale:0{decimals}d}"
            for c, n in zip(cents.tolist(), neg.tolist())
        ],
        dtype=object,
    )


def plain_money_text(values) -> pd.Series:
    """Two-decimal amounts without symbol but with separators: ``-1234.5 -> "-1,234.50"``."""
    return money_text(values, "")


def percent_text(values, decimals: int = 2) -> pd.Series:
    """Fractions as percent strings: ``0.0451 -> "4.51%"``."""
    v = np.asarray(values, dtype=float) * 100
    return pd.Series(np.char.mod(f"%.{decimals}f", np.round(v, decimals))) + "%"


def fixed_text(values, decimals: int = 2) -> pd.Series:
    """Plain fixed-point numbers: ``1.0 -> "1.00"``."""
    return pd.Series(np.char.mod(f"%.{decimals}f", np.asarray(values, dtype=float)))


def console_date_text(dates) -> pd.Series:
    """Ads console CSV dates: ``"Nov 16, 2019"`` (day zero-padded)."""
    d = pd.DatetimeIndex(dates)
    return (
        pd.Series(MONTHS[d.month - 1])
        + " "
        + pd.Series(d.day).astype(str).str.zfill(2)
        + ", "
        + pd.Series(d.year).astype(str)
    )


def _clock(t: pd.DatetimeIndex, am: str, pm: str) -> pd.Series:
    h12 = t.hour % 12
    h12 = np.where(h12 == 0, 12, h12)
    return (
        pd.Series(h12).astype(str)
        + ":"
        + pd.Series(t.minute).astype(str).str.zfill(2)
        + ":"
        + pd.Series(t.second).astype(str).str.zfill(2)
        + " "
        + pd.Series(np.where(t.hour < 12, am, pm))
    )


def us_payment_time_text(utc) -> pd.Series:
    """US transaction report times: ``"Sep 4, 2026 1:05:07 AM PDT"`` (PST/PDT by date)."""
    t = pd.DatetimeIndex(utc).tz_localize("UTC").tz_convert("America/Los_Angeles")
    off = (t.tz_localize(None) - pd.DatetimeIndex(utc)).total_seconds() / 3600
    zone = np.where(off == -7, "PDT", "PST")
    return (
        pd.Series(MONTHS[t.month - 1])
        + " "
        + pd.Series(t.day).astype(str)
        + ", "
        + pd.Series(t.year).astype(str)
        + " "
        + _clock(t, "AM", "PM")
        + " "
        + pd.Series(zone)
    )


def utc_payment_time_text(utc) -> pd.Series:
    """Day-first transaction report times in UTC: ``"1 Jul 2026 4:24:44 am UTC"``."""
    t = pd.DatetimeIndex(utc)
    return (
        pd.Series(t.day).astype(str)
        + " "
        + pd.Series(MONTHS[t.month - 1])
        + " "
        + pd.Series(t.year).astype(str)
        + " "
        + _clock(t, "am", "pm")
        + " UTC"
    )


def iso_utc_text(utc) -> pd.Series:
    """ISO-8601 with offset: ``"2026-09-04T08:05:07+00:00"``."""
    return pd.Series(pd.DatetimeIndex(utc).strftime("%Y-%m-%dT%H:%M:%S+00:00"))


def rel(path: Path, out: Path) -> str:
    """Path of a written file relative to the sample folder (the truth file's key)."""
    return path.relative_to(out).as_posix()


def write_csv(
    path: Path,
    header: list[str],
    rows: pd.DataFrame,
    *,
    bom: bool = True,
    quote_all: bool = True,
    crlf: bool = False,
    preamble: list[str] | None = None,
    delimiter: str = ",",
) -> None:
    """Write text cells exactly (no pandas formatting); ``rows`` holds strings in header order."""
    buf = io.StringIO()
    term = "\r\n" if crlf else "\n"
    quoting = csv.QUOTE_ALL if quote_all else (csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL)
    w = csv.writer(
        buf,
        delimiter=delimiter,
        quoting=quoting,
        lineterminator=term,
        escapechar=None if quoting != csv.QUOTE_NONE else "\\",
    )
    for line in preamble or []:
        if line == "":
            buf.write(term)
        else:
            w.writerow([line])
    w.writerow(header)
    w.writerows(rows.astype(object).itertuples(index=False, name=None))
    path.parent.mkdir(parents=True, exist_ok=True)
    data = buf.getvalue().encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def write_tsv(path: Path, header: list[str], rows: pd.DataFrame) -> None:
    """SP-API flat file: tab-delimited, no quoting, LF, no BOM."""
    path.parent.mkdir(parents=True, exist_ok=True)
    cols = [rows[c].astype(str).tolist() for c in rows.columns]
    body = "".join("\t".join(cells) + "\n" for cells in zip(*cols)) if len(rows) else ""
    path.write_bytes(("\t".join(header) + "\n" + body).encode("utf-8"))
