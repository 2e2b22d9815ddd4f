"""From raw cells to the canonical frame of a report kind, counting every rejected row.

Columns are matched through the kind's alias tables after normalising the
headers; each is parsed by its type; a row with a cell that cannot be read is
rejected with a reason and example locations. Every canonical column of the
kind is present in the result (all-missing where the file lacks it), so the
analyses see one schema whatever the header variant.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from .datetimes import DATE_ORDER_FORMATS, date_order_from_values, parse_dates, parse_zoned_timestamps
from .errors import ReportFormatError
from .headers import normalise_header
from .numeric import currency_of, detect_decimal_mark, parse_numbers
from .quality import DataQuality
from .raw import RawTable
from .schema import Column, ReportKind

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
CURRENCY_MARKETPLACE = {
    "USD": "US",
    "GBP": "UK",
    "INR": "IN",
    "CAD": "CA",
    "JPY": "JP",
    "AUD": "AU",
    "MXN": "MX",
    "EUR": "EU",
}
_NUMERIC = ("int", "float", "money", "rate")


def match_columns(
    headers: list[str], kind: ReportKind
) -> tuple[dict[str, Column], dict[str, str], list[str], set[int], set[str]]:
    """Map raw headers to the kind's columns.

    Returns the mapping raw header -> column, the extra columns kept by
    pattern (raw -> canonical name), the unknown headers, the attribution
    windows and the currency symbols found in the headers.
    """
    index = kind.alias_index()
    mapping: dict[str, Column] = {}
    extras: dict[str, str] = {}
    unknown: list[str] = []
    windows: set[int] = set()
    symbols: set[str] = set()
    taken: set[str] = set()
    for raw in headers:
        norm = normalise_header(raw)
        col = index.get(norm.key)
        if col is not None and col.name not in taken:
            mapping[raw] = col
            taken.add(col.name)
            if norm.window:
                windows.add(norm.window)
            if norm.currency_symbol:
                symbols.add(norm.currency_symbol)
        elif kind.extra_pattern and re.match(kind.extra_pattern, norm.key) and kind.extra_name:
            extras[raw] = kind.extra_name(raw)
        elif raw.strip():
            unknown.append(raw)
    return mapping, extras, unknown, windows, symbols


def missing_required(mapping: dict[str, Column], kind: ReportKind) -> list[str]:
    found = {c.name for c in mapping.values()}
    return [c.name for c in kind.columns if c.required and c.name not in found]


def nearest_headers(headers: list[str], kind: ReportKind, missing: list[str]) -> list[str]:
    """Headers present that look most like the aliases of the missing columns."""
    folded = {normalise_header(h).key: h for h in headers}
    out: list[str] = []
    for name in missing:
        for key in kind.column(name).keys:
            for hit in difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6):
                if folded[hit] not in out:
                    out.append(folded[hit])
    return out or headers[:6]


def _where(raw: RawTable, mask: pd.Series) -> list[str]:
    rows = raw.row_numbers[mask.to_numpy()].head(5)
    return [f"{raw.path.name} row {int(r)}" for r in rows]


def file_period(path) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The period a file covers, from its name: ``2026Oct1-2026Oct31`` (Amazon's payments reports),
    two ``YYYY-MM-DD`` dates, or a ``YYYY-MM`` month.

    Examples
    --------
    >>> from pathlib import Path
    >>> [str(d.date()) for d in file_period(Path("2026Oct1-2026Oct31CustomTransaction.csv"))]
    ['2026-10-01', '2026-10-31']
    >>> [str(d.date()) for d in file_period(Path("BusinessReport-2026-02.csv"))]
    ['2026-02-01', '2026-02-28']
    """
    stem = path.stem
    amazon = re.search(r"(\d{4})([A-Z][a-z]{2})(\d{1,2})-(\d{4})([A-Z][a-z]{2})(\d{1,2})", stem)  # 2026Oct1-2026Oct31
    if amazon:
        y1, m1, d1, y2, m2, d2 = amazon.groups()
        try:
            return pd.Timestamp(f"{d1} {m1} {y1}"), pd.Timestamp(f"{d2} {m2} {y2}")
        except ValueError:
            pass
    days = re.findall(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", stem)
    if days:
        stamps = sorted(pd.Timestamp(int(y), int(m), int(d)) for y, m, d in days)
        return stamps[0], stamps[-1]
    month = re.search(r"(?<!\d)(\d{4})-(\d{2})(?!\d)", stem)
    if month:
        start = pd.Timestamp(int(month.group(1)), int(month.group(2)), 1)
        return start, start + pd.offsets.MonthEnd(0)
    return None, None


def _text(values: pd.Series, unescape: bool) -> tuple[pd.Series, int]:
    s = values.astype("str").str.strip()
    repaired = 0
    if unescape:
        escaped = s.str.contains('\\"', regex=False, na=False)
        repaired = int(escaped.sum())
        if repaired:
            s = s.str.replace('\\"', '"', regex=False)  # the Ads console writes \"" inside quoted names
    return s.where(s != ""), repaired


def to_canonical(
    raw: RawTable, kind: ReportKind, *, date_order: str | None = None, decimal: str | None = None
) -> tuple[pd.DataFrame, DataQuality]:
    """Convert one file's raw cells to the kind's canonical frame.

    Raises
    ------
    ReportFormatError
        When a required column is missing (naming it and the nearest headers present).
    """
    mapping, extras, unknown, windows, symbols = match_columns(raw.headers, kind)
    missing = missing_required(mapping, kind)
    if missing:
        raise ReportFormatError(
            raw.path,
            "required columns are missing",
            kind=kind.name,
            missing=missing,
            nearest=nearest_headers(raw.headers, kind, missing),
        )
    found = frozenset(c.name for c in mapping.values())
    dq = DataQuality(
        files=[str(raw.path)],
        kind=kind.name,
        title=kind.title,
        rows_read=len(raw.frame) + len(raw.malformed),
        unknown_columns=unknown,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
    )
    for line, reason in raw.malformed:
        dq.reject("malformed row: wrong number of fields", 1, [f"{raw.path.name} row {line} ({reason})"])
    if raw.blank_rows:
        dq.note(f"{raw.blank_rows} blank rows skipped (not data)")
    if len(windows) > 1:
        raise ReportFormatError(
            raw.path, f"mixes attribution windows in one file: {sorted(windows)} days", kind=kind.name
        )
    dq.attribution_days = next(iter(windows), None)

    n = len(raw.frame)
    meta = kind.preamble(raw.preamble) if kind.preamble and raw.preamble else {}
    for text in meta.get("notes", []):
        dq.note(text)
    numeric_cells = [raw.frame[h] for h, c in mapping.items() if c.type in _NUMERIC]
    if decimal is None:
        sample = [v for s in numeric_cells for v in s.head(200).tolist()]
        decimal = detect_decimal_mark(sample)
    if decimal == ",":
        dq.note("decimal comma detected (e.g. 1.234,56)")

    out: dict[str, pd.Series] = {}
    bad: dict[str, pd.Series] = {}
    currencies: Counter = Counter()
    censored: dict[str, int] = {}
    unescape = raw.delimiter == "," and not raw.is_xlsx and kind.quoted
    unescaped = 0
    # Money cells and header symbols decide the currency before dates need it. The columns are
    # parsed side by side: Arrow's kernels release the GIL, so large files use every core.
    numeric = {h: c for h, c in mapping.items() if c.type in _NUMERIC}

    def parse(item):
        return parse_numbers(
            raw.frame[item[0]], kind="rate" if item[1].type == "rate" else "number", decimal=decimal, bare=item[1].bare
        )

    if n >= 100_000 and len(numeric) > 1:
        with ThreadPoolExecutor(max_workers=min(len(numeric), os.cpu_count() or 1)) as pool:
            parsed_columns = dict(zip(numeric, pool.map(parse, numeric.items())))
    else:
        parsed_columns = {h: parse((h, c)) for h, c in numeric.items()}
    for raw_name, col in mapping.items():
        cells = raw.frame[raw_name]
        if col.type in _NUMERIC:
            parsed = parsed_columns[raw_name]
            out[col.name] = parsed.values
            bad[f"unparseable number in '{raw_name.strip()}'"] = parsed.bad
            currencies.update(parsed.currencies)
            if parsed.censored:
                censored[raw_name.strip()] = parsed.censored
        elif col.type == "text":
            out[col.name], count = _text(cells, unescape)
            unescaped += count
    currency = _decide_currency(kind, out, meta, symbols, currencies, dq)
    for raw_name, col in mapping.items():
        cells = raw.frame[raw_name]
        if col.type in ("date", "datetime"):
            formats = col.formats
            if col.order_sensitive:
                order = date_order or _date_order(currency, cells, dq)
                formats = DATE_ORDER_FORMATS[order]
            parsed = parse_dates(cells, formats)
            out[col.name] = parsed.values
            bad[f"unreadable date in '{raw_name.strip()}'"] = parsed.bad
        elif col.type == "zoned":
            parsed = parse_zoned_timestamps(cells, col.formats)
            out[col.name] = parsed.values
            bad[f"unreadable date in '{raw_name.strip()}'"] = parsed.bad
            if parsed.zoneless:
                dq.note(f"{parsed.zoneless} timestamps in '{raw_name.strip()}' have no time zone; read as UTC")
            if col.name == "date_time":
                out["date"] = parsed.local_dates
    for raw_name, name in extras.items():
        parsed = parse_numbers(raw.frame[raw_name], decimal=decimal)
        out[name] = parsed.values
        bad[f"unparseable number in '{raw_name.strip()}'"] = parsed.bad
        if parsed.censored:
            censored[raw_name.strip()] = parsed.censored
    for raw_name, col in mapping.items():
        if col.type == "int" and col.name in out:
            v = out[col.name]
            frac = v.notna() & ((v - v.round()).abs() > 1e-9)
            bad[f"not a whole number in '{raw_name.strip()}'"] = frac

    rejected = pd.Series(False, index=raw.frame.index)
    for reason, mask in bad.items():
        mask = pd.Series(np.asarray(mask, dtype=bool), index=raw.frame.index) & ~rejected
        if mask.any():
            dq.reject(reason, int(mask.sum()), _where(raw, mask))
            rejected |= mask
    for name, count in censored.items():
        dq.note(f"{count} cells in '{name}' were bounds such as '>306'; read as the bound")
    if unescaped:
        dq.note(f'{unescaped} cells had the Ads console\'s \\"" escaping; repaired to "')

    frame = _assemble(kind, out, extras, n)
    for reason, predicate in kind.structural:
        mask = pd.Series(np.asarray(predicate(frame), dtype=bool), index=raw.frame.index) & ~rejected
        if mask.any():
            dq.reject(reason, int(mask.sum()), _where(raw, mask))
            rejected |= mask
    keep = ~rejected.to_numpy()
    frame = frame.loc[keep].reset_index(drop=True)
    _fill_period(kind, frame, raw, found, dq)
    frame["currency"] = frame["currency"].fillna(currency) if currency else frame["currency"]
    if dq.attribution_days is not None:
        frame["attribution_days"] = pd.Series(dq.attribution_days, index=frame.index, dtype="Int64")
    frame["source_file"] = pd.Series(raw.path.name, index=frame.index, dtype="str")

    dq.rows_used = len(frame)
    dq.variant = _variant(kind, found, windows, symbols, raw)
    dq.currencies = sorted(frame["currency"].dropna().unique().tolist()) if "currency" in frame else []
    dq.marketplace = _marketplace(frame, dq.currencies, kind)
    period = [c for c in kind.period if c in frame.columns and frame[c].notna().any()]
    if period:
        starts = frame[period[0]]
        ends = frame["end_date"] if "end_date" in frame.columns and frame["end_date"].notna().any() else starts
        dq.date_min, dq.date_max = starts.min(), ends.max()
    return frame, dq


def _decide_currency(kind, out, meta, symbols, currencies, dq) -> str | None:
    if kind.currency_column and kind.currency_column in out and out[kind.currency_column].notna().any():
        return None  # the column carries it row by row
    candidates = [meta.get("currency")] + [currency_of(s) for s in symbols]
    candidates += [currency_of(s) for s, _ in currencies.most_common()]
    found = [c for c in candidates if c]
    if len(set(found)) > 1:
        dq.note(f"currency signs disagree ({', '.join(sorted(set(found)))}); using {found[0]}")
    if not found:
        return None
    return found[0]


def _date_order(currency, cells, dq) -> str:
    """Month or day first for slash dates: what the dates prove, else the marketplace's custom.

    A day above 12 settles it (``13/02/2026`` is day first whatever the currency sign); otherwise
    US dollar files are month first and other currencies day first, and the choice is noted.
    """
    proven = date_order_from_values(cells)
    custom = "MDY" if currency == "USD" else ("DMY" if currency else None)
    if proven:
        if custom and proven != custom:
            dq.note(f"dates are {proven} (a day above 12 proves it), not the {custom} usual for {currency}")
        return proven
    if custom:
        return custom
    dq.note("date order unknown (no currency sign, every day ≤ 12): assumed MM/DD; pass date_order='DMY' if wrong")
    return "MDY"


def _assemble(kind: ReportKind, out: dict[str, pd.Series], extras: dict[str, str], n: int) -> pd.DataFrame:
    data = {}
    for col in kind.columns:
        values = out.get(col.name)
        if values is None:
            values = (
                pd.Series([pd.NA if col.type in ("text", "int") else np.nan] * n, dtype=DTYPES[col.type])
                if col.type not in ("date", "datetime", "zoned")
                else pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
            )
        else:
            values = values.reset_index(drop=True)
            if col.type == "int":
                values = values.round().astype("Int64")
            else:
                values = values.astype(DTYPES[col.type])
        data[col.name] = values
    if "currency" not in data:
        data["currency"] = pd.Series([pd.NA] * n, dtype="str")
    for name in extras.values():
        data[name] = out[name].reset_index(drop=True).round().astype("Int64")
    return pd.DataFrame(data)


def _fill_period(kind, frame, raw, found, dq) -> None:
    cols = frame.columns
    if "date" in cols and "start_date" in cols and "end_date" in cols:
        daily = frame["date"].notna()
        frame.loc[daily, "start_date"] = frame.loc[daily, "date"]
        frame.loc[daily, "end_date"] = frame.loc[daily, "date"]
    if "start_date" in kind.period and "start_date" not in found and "date" not in found:
        start, end = file_period(raw.path)
        if start is None:
            dq.note(
                "the report has no date column and the file name gives no period: name it with YYYY-MM or two YYYY-MM-DD dates"
            )
        else:
            frame["start_date"] = start
            frame["end_date"] = end
            frame["start_date"] = frame["start_date"].astype("datetime64[ns]")
            frame["end_date"] = frame["end_date"].astype("datetime64[ns]")
            dq.note(f"period {start:%Y-%m-%d}..{end:%Y-%m-%d} taken from the file name")


def _variant(kind, found, windows, symbols, raw) -> str:
    evidence = found | {normalise_header(h).key for h in raw.headers}
    label = next((name for name, test in kind.variants if test(evidence)), "")
    parts = [label] if label else []
    if "start_date" in found and "date" not in found and kind.name.startswith("sp_"):
        parts.append("summary")
    elif "date" in found and kind.name.startswith("sp_"):
        parts.append("daily")
    if windows:
        parts.append(f"{next(iter(windows))}-day")
    if symbols:
        parts.append("currency in headers " + "".join(sorted(symbols)))
    if any(h != h.strip() for h in raw.headers):
        parts.append("trailing spaces in headers")
    parts.append("xlsx" if raw.is_xlsx else ("tsv" if raw.delimiter == "\t" else "csv"))
    return ", ".join(parts)


#: Amazon's site names as they appear in payments, orders and settlement files.
SITE_MARKETPLACE = {
    "amazon.com": "US",
    "amazon.co.uk": "UK",
    "amazon.de": "DE",
    "amazon.fr": "FR",
    "amazon.it": "IT",
    "amazon.es": "ES",
    "amazon.in": "IN",
    "amazon.ca": "CA",
    "amazon.co.jp": "JP",
    "amazon.com.au": "AU",
    "amazon.com.mx": "MX",
    "amazon.nl": "NL",
    "amazon.se": "SE",
    "amazon.pl": "PL",
    "amazon.ae": "AE",
}


def marketplace_code(value: object) -> str | None:
    """``US``/``UK``… from a marketplace cell (``amazon.co.uk``, ``Amazon.com``, ``US``).

    Examples
    --------
    >>> marketplace_code("Amazon.co.uk"), marketplace_code("us"), marketplace_code("Non-Amazon")
    ('UK', 'US', None)
    """
    text = str(value).strip().lower().removeprefix("www.")
    if text in SITE_MARKETPLACE:
        return SITE_MARKETPLACE[text]
    if re.fullmatch(r"[a-z]{2}", text):
        return "UK" if text == "gb" else text.upper()
    return None


def _marketplace(frame, currencies, kind) -> str | None:
    for col in ("country", "marketplace", "marketplace_name", "sales_channel"):
        if col in frame.columns and frame[col].notna().any():
            codes = {marketplace_code(v) for v in frame[col].dropna().unique()} - {None}
            if len(codes) == 1:
                return codes.pop()
            if len(codes) > 1:
                return None
    if len(currencies) == 1 and kind.marketplace_from_currency:
        return CURRENCY_MARKETPLACE.get(currencies[0])
    return None
