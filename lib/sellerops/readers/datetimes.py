"""Date parsing per source: explicit formats, never pandas' day-first guess.

Each report kind names the formats its dates are written in; a cell that
matches none is flagged so its row is rejected and counted. Excel date cells
arrive as datetimes and pass through. Payments timestamps carry a time-zone
abbreviation (``PDT``/``PST``/``UTC``) that is applied to give UTC.

Examples
--------
>>> import pandas as pd
>>> p = parse_dates(pd.Series(["Nov 16, 2019", "2019-11-17", "16/11/2019"]), ("%b %d, %Y", "%Y-%m-%d"))
>>> p.values.dt.strftime("%Y-%m-%d").tolist()[:2], p.bad.tolist()
(['2019-11-16', '2019-11-17'], [False, False, True])
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Hours east of UTC for the abbreviations Amazon prints in payments reports.
TZ_OFFSETS_HOURS = {
    "UTC": 0.0,
    "GMT": 0.0,
    "Z": 0.0,
    "BST": 1.0,
    "CET": 1.0,
    "CEST": 2.0,
    "IST": 5.5,
    "JST": 9.0,
    "AEST": 10.0,
    "AEDT": 11.0,
    "PST": -8.0,
    "PDT": -7.0,
    "MST": -7.0,
    "MDT": -6.0,
    "CST": -6.0,
    "CDT": -5.0,
    "EST": -5.0,
    "EDT": -4.0,
}

#: Month abbreviations of the localised Seller Central exports (FR, IT, DE, ES), to English.
LOCAL_MONTHS = {
    "janv": "Jan",
    "févr": "Feb",
    "fevr": "Feb",
    "mars": "Mar",
    "avr": "Apr",
    "mai": "May",
    "juin": "Jun",
    "juil": "Jul",
    "août": "Aug",
    "aout": "Aug",
    "sept": "Sep",
    "déc": "Dec",
    "gen": "Jan",
    "mag": "May",
    "giu": "Jun",
    "lug": "Jul",
    "ago": "Aug",
    "set": "Sep",
    "ott": "Oct",
    "dic": "Dec",
    "mär": "Mar",
    "mrz": "Mar",
    "okt": "Oct",
    "dez": "Dec",
    "ene": "Jan",
    "abr": "Apr",
}
_LOCAL_MONTH = re.compile(
    r"(?i)(?<![^\W\d_])(" + "|".join(sorted(LOCAL_MONTHS, key=len, reverse=True)) + r")\.?(?![^\W\d_])"
)

#: Columns this long parse each distinct text once (reports repeat their dates).
FACTORIZE_ROWS = 10_000

#: Formats by date order for sources whose order depends on the marketplace.
DATE_ORDER_FORMATS = {
    "MDY": ("%m/%d/%Y", "%m/%d/%y", "%Y-%m-%d", "%Y/%m/%d"),
    "DMY": ("%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%Y/%m/%d"),
}


@dataclass
class ParsedDates:
    """Dates read from one column: naive datetimes (UTC where a zone was given)."""

    values: pd.Series
    bad: pd.Series
    local_dates: pd.Series | None = None
    #: Timestamps without a time zone, read as UTC.
    zoneless: int = 0


def _split_native(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Separate cells that are already dates (xlsx) from text cells."""
    if values.dtype != object:
        if pd.api.types.is_datetime64_any_dtype(values):
            return values.astype("datetime64[ns]"), pd.Series(pd.NA, index=values.index, dtype="str")
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]"), values.astype("str")
    is_date = values.map(lambda v: isinstance(v, (dt.date, dt.datetime, pd.Timestamp)))
    native = pd.to_datetime(values.where(is_date), errors="coerce").astype("datetime64[ns]")
    text = values.where(~is_date & values.notna()).map(
        lambda v: v if v is None or isinstance(v, str) or v != v else str(v)
    )
    return native, text.astype("str")


def parse_dates(values: pd.Series, formats: tuple[str, ...]) -> ParsedDates:
    """Parse dates trying each explicit format in turn.

    ``"ISO8601"`` in ``formats`` accepts ISO-8601 with an offset, converted to UTC.

    Examples
    --------
    >>> import pandas as pd
    >>> parse_dates(pd.Series(["2017-06-17T08:04:21+02:00"]), ("ISO8601",)).values.iloc[0]
    Timestamp('2017-06-17 06:04:21')
    """
    values = pd.Series(values)
    if len(values) > FACTORIZE_ROWS and values.dtype != object:
        # A large report repeats its dates (a year of daily rows has 365): parse each text once.
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        if len(uniques) * 4 < len(values):
            once = _parse_each(pd.Series(uniques), formats)
            taken = np.where(codes >= 0, codes, 0)
            dates = pd.Series(once.values.to_numpy()[taken], index=values.index).where(codes >= 0)
            bad = pd.Series(once.bad.to_numpy()[taken] & (codes >= 0), index=values.index)
            return ParsedDates(dates.astype("datetime64[ns]"), bad)
    return _parse_each(values, formats)


def _parse_each(values: pd.Series, formats: tuple[str, ...]) -> ParsedDates:
    native, text = _split_native(values)
    t = text.str.strip()
    missing = t.isna() | (t == "") | (t == "-")
    out = native.copy()
    todo = ~missing & native.isna()
    if any("%b" in f for f in formats):
        formats = tuple(formats) + ("_local_months",)
    for fmt in formats:
        if not todo.any():
            break
        if fmt == "_local_months":  # févr., giu, Okt: only for what English month names did not read
            english = t[todo].str.replace(_LOCAL_MONTH, lambda m: LOCAL_MONTHS[m.group(1).lower()], regex=True)
            got = pd.Series(pd.NaT, index=english.index, dtype="datetime64[ns]")
            for f in (f for f in formats if "%b" in f):
                left = got.isna()
                got[left] = pd.to_datetime(english[left], format=f, errors="coerce")
            out.loc[got.index] = out.loc[got.index].where(got.isna(), got)
            todo = todo & out.isna()
            continue
        if fmt == "ISO8601":
            got = pd.to_datetime(t[todo], format="ISO8601", errors="coerce", utc=True)
            got = got.dt.tz_convert("UTC").dt.tz_localize(None)
        else:
            got = pd.to_datetime(t[todo], format=fmt, errors="coerce")
        got = got.astype("datetime64[ns]")
        out.loc[got.index] = out.loc[got.index].where(got.isna(), got)
        todo = todo & out.isna()
    return ParsedDates(out, todo.astype(bool))


def parse_zoned_timestamps(values: pd.Series, formats: tuple[str, ...]) -> ParsedDates:
    """Parse ``Sep 4, 2026 1:05:07 AM PDT``-style timestamps into UTC and local dates.

    The trailing abbreviation is looked up in :data:`TZ_OFFSETS_HOURS`; the local
    date (the seller's calendar day, as Amazon groups it) is kept beside the UTC time.

    Examples
    --------
    >>> import pandas as pd
    >>> p = parse_zoned_timestamps(pd.Series(["Sep 4, 2026 1:05:07 AM PDT"]), ("%b %d, %Y %I:%M:%S %p",))
    >>> str(p.values.iloc[0]), str(p.local_dates.iloc[0].date())
    ('2026-09-04 08:05:07', '2026-09-04')
    >>> str(parse_zoned_timestamps(pd.Series(["4 févr. 2026 10:00:00 UTC"]), ("%d %b %Y %H:%M:%S",)).values.iloc[0])
    '2026-02-04 10:00:00'
    """
    values = pd.Series(values)
    text = values.astype("str").str.strip()
    parts = text.str.extract(r"^(.*?)\s+([A-Za-z]{1,5})$")
    zone = parts[1].str.upper()
    known = zone.isin(list(TZ_OFFSETS_HOURS))
    body = text.where(~known, parts[0])
    local = parse_dates(body, formats)
    hours = zone.map(TZ_OFFSETS_HOURS).astype("float64").fillna(0.0)
    utc = local.values - pd.to_timedelta(hours * 3600.0, unit="s")
    bad = local.bad | (text.notna() & ~known & local.values.notna() & text.str.contains(r"[A-Za-z]{3,5}$", regex=True))
    zoneless = int((local.values.notna() & ~known & ~bad).sum())
    return ParsedDates(utc.where(~bad), bad.astype(bool), local.values.dt.normalize().where(~bad), zoneless)


def prove_date_order(values: pd.Series) -> str | None:
    """``"DMY"``/``"MDY"`` when the slash dates themselves settle it, else None.

    A first field above 12 can only be a day, a second field above 12 only a day.

    Examples
    --------
    >>> import pandas as pd
    >>> prove_date_order(pd.Series(["13/01/2026"])), prove_date_order(pd.Series(["01/02/2026"]))
    ('DMY', None)
    """
    parts = pd.Series(values).astype("str").str.extract(r"^\s*(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}")
    first = pd.to_numeric(parts[0], errors="coerce")
    second = pd.to_numeric(parts[1], errors="coerce")
    day_first = bool((first > 12).any())
    month_first = bool((second > 12).any())
    if day_first and not month_first:
        return "DMY"
    if month_first and not day_first:
        return "MDY"
    return None


__all__ = [
    "DATE_ORDER_FORMATS",
    "ParsedDates",
    "TZ_OFFSETS_HOURS",
    "prove_date_order",
    "parse_dates",
    "parse_zoned_timestamps",
]
