"""Where a file's rows come from: currency, marketplace, period and header variant.

Each is decided here, once, from the evidence the file gives, in a stated order:

- **currency**: a currency column row by row; else the preamble (``All amounts in USD``), the
  signs in the headers (``(₹)``), then the signs in the money cells;
- **marketplace**: the file's own columns (``country``, ``marketplace``, ``sales-channel``…), then
  its currency where one currency means one marketplace, then the folder it sits in (``us/``);
- **period**: the rows' date columns, else the file's name (``BusinessReport-2026-02.csv``);
- **variant**: the kind's first variant whose test holds, plus what the headers say (window,
  currency sign, trailing spaces) and the container (csv, tsv, xlsx).

Examples
--------
>>> from pathlib import Path
>>> [str(d.date()) for d in read_period_from_name(Path("2026Oct1-2026Oct31CustomTransaction.csv"))]
['2026-10-01', '2026-10-31']
>>> parse_marketplace("Amazon.co.uk"), parse_marketplace("us"), parse_marketplace("Non-Amazon")
('UK', 'US', None)
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .datetimes import prove_date_order
from .headers import normalise_header
from .matching import HeaderMatch
from .numeric import AMBIGUOUS_SIGN, lookup_currency
from .quality import DataQuality
from .raw import RawTable
from .schema import ReportKind

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
    "amazon.sa": "SA",
    "amazon.eg": "EG",
    "amazon.com.tr": "TR",
    "amazon.com.br": "BR",
    "amazon.sg": "SG",
    "amazon.com.be": "BE",
}
#: Marketplace codes the readers know (a folder named by one of them tells the marketplace).
MARKETPLACE_CODES = frozenset(SITE_MARKETPLACE.values())
#: Currencies used by exactly one marketplace. The euro is not here: DE, FR, IT, ES and NL share it.
CURRENCY_MARKETPLACE = {
    "USD": "US",
    "GBP": "UK",
    "INR": "IN",
    "CAD": "CA",
    "JPY": "JP",
    "AUD": "AU",
    "MXN": "MX",
    "SEK": "SE",
    "PLN": "PL",
    "AED": "AE",
    "SAR": "SA",
    "EGP": "EG",
    "TRY": "TR",
    "BRL": "BR",
    "SGD": "SG",
}
#: The currency of each marketplace (for amounts that carry no sign at all, such as an Ads bulk file's).
MARKETPLACE_CURRENCY = {m: c for c, m in CURRENCY_MARKETPLACE.items()} | dict.fromkeys(
    ("DE", "FR", "IT", "ES", "NL", "BE"), "EUR"
)
#: Marketplaces whose money is written with a bare ``$``, and the currency each means.
DOLLAR_MARKETPLACES = {"US": "USD", "CA": "CAD", "AU": "AUD", "MX": "MXN", "SG": "SGD"}
#: Canonical columns that name a row's marketplace, in the order they are trusted.
MARKETPLACE_COLUMNS = ("country", "marketplace", "marketplace_name", "sales_channel")
#: How many folder levels above a file are searched for a marketplace name.
FOLDER_LEVELS = 3


class Marketplace(NamedTuple):
    """The marketplace of a file and the evidence that decided it (``""`` when nothing did)."""

    code: str | None
    evidence: str


def read_period_from_name(path: str | Path) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The period a file covers, from its name.

    ``2026Oct1-2026Oct31`` (Amazon's payments reports), two ``YYYY-MM-DD`` dates, or a ``YYYY-MM``
    month; ``(None, None)`` when the name gives none.

    Examples
    --------
    >>> [str(d.date()) for d in read_period_from_name(Path("BusinessReport-2026-02.csv"))]
    ['2026-02-01', '2026-02-28']
    >>> read_period_from_name(Path("BusinessReport.csv"))
    (None, None)
    """
    stem = Path(path).stem
    amazon = re.search(r"(\d{4})([A-Z][a-z]{2})(\d{1,2})-(\d{4})([A-Z][a-z]{2})(\d{1,2})", stem)
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


def parse_marketplace(value: object) -> str | None:
    """``US``/``UK``… from a marketplace cell or folder name (``amazon.co.uk``, ``Amazon.com``, ``us``, ``GB``).

    Examples
    --------
    >>> parse_marketplace("www.amazon.de"), parse_marketplace("GB")
    ('DE', 'UK')
    """
    text = str(value).strip().lower().removeprefix("www.")
    if text in SITE_MARKETPLACE:
        return SITE_MARKETPLACE[text]
    if re.fullmatch(r"[a-z]{2}", text):
        return "UK" if text == "gb" else text.upper()
    return None


def decide_currency(
    kind: ReportKind,
    values: dict[str, pd.Series],
    preamble: dict,
    match: HeaderMatch,
    cell_signs: Counter,
    dq: DataQuality,
    *,
    path: Path | None = None,
    marketplace: str | None = None,
) -> str | None:
    """The one currency of a file's amounts, or None when a currency column carries it row by row.

    Evidence in order: the preamble, the signs in the headers, the signs in the money cells (most
    frequent first). Disagreeing evidence is noted in ``dq`` and the first one is used. A bare ``$``
    is ambiguous (US, CA, AU, MX, SG): the ``marketplace`` given, a marketplace column of the file or
    its folder decides; where nothing does it is USD, and ``dq`` notes that it was inferred from ``$``.

    Examples
    --------
    >>> from sellerops.readers.registry import get_kind
    >>> from sellerops.readers.matching import match_headers
    >>> kind = get_kind("business_report_child_item")
    >>> match = match_headers([], kind)
    >>> decide_currency(kind, {}, {}, match, Counter({"$": 3}), DataQuality(), path=Path("exports/ca/br.csv"))
    'CAD'
    >>> dq = DataQuality()
    >>> decide_currency(kind, {}, {}, match, Counter({"$": 3}), dq), dq.notes[0][:40]
    ('USD', "currency USD inferred from '$' alone (US")
    """
    column = kind.currency_column
    if column and column in values and values[column].notna().any():
        return None
    evidence = [(preamble.get("currency"), False)]
    evidence += [(lookup_currency(s), s == AMBIGUOUS_SIGN) for s in sorted(match.currency_symbols)]
    evidence += [(lookup_currency(s), s == AMBIGUOUS_SIGN) for s, _ in cell_signs.most_common()]
    found = [(c, vague) for c, vague in evidence if c]
    if not found:
        return None
    currency, vague = found[0]
    if vague:
        market = marketplace or (_from_columns(pd.DataFrame(values)) or Marketplace(None, "")).code
        market = market or (_from_folder(path) if path is not None else None)
        if market in DOLLAR_MARKETPLACES:
            currency = DOLLAR_MARKETPLACES[market]
        else:
            dq.note(
                "currency USD inferred from '$' alone (US, CA, AU, MX and SG all write $): put the file in a folder "
                "named by its marketplace (ca/, au/, mx/, sg/) if it is not a US report"
            )
    dollar = currency in DOLLAR_MARKETPLACES.values()
    seen = {currency if (v and dollar) else c for c, v in found}  # a bare $ agrees with any dollar
    if len(seen) > 1:
        dq.note(f"currency signs disagree ({', '.join(sorted(seen))}); using {currency}")
    return currency


def decide_date_order(currency: str | None, cells: pd.Series, dq: DataQuality) -> str:
    """Month or day first for slash dates: what the dates prove, else the marketplace's custom.

    A day above 12 settles it (``13/02/2026`` is day first whatever the currency sign); otherwise
    US dollar files are month first and other currencies day first, and the choice is noted.

    Examples
    --------
    >>> dq = DataQuality()
    >>> decide_date_order("GBP", pd.Series(["01/02/2026"]), dq), decide_date_order("GBP", pd.Series(["02/13/2026"]), dq)
    ('DMY', 'MDY')
    >>> dq.notes
    ['dates are MDY (a day above 12 proves it), not the DMY usual for GBP']
    """
    proven = prove_date_order(cells)
    custom = "MDY" if currency == "USD" else ("DMY" if currency else None)
    if proven:
        if custom and proven != custom:
            dq.note(f"dates are {proven} (a day above 12 proves it), not the {custom} usual for {currency}")
        return proven
    if custom:
        return custom
    dq.note("date order unknown (no currency sign, every day ≤ 12): assumed MM/DD; pass date_order='DMY' if wrong")
    return "MDY"


def _from_columns(frame: pd.DataFrame) -> Marketplace | None:
    for col in MARKETPLACE_COLUMNS:
        if col in frame.columns and frame[col].notna().any():
            codes = {parse_marketplace(v) for v in frame[col].dropna().unique()} - {None}
            if len(codes) == 1:
                return Marketplace(codes.pop(), f"its '{col}' column")
            if len(codes) > 1:
                return Marketplace(None, f"its '{col}' column names several marketplaces ({', '.join(sorted(codes))})")
    return None


def _from_folder(path: Path) -> str | None:
    for parent in Path(path).parents[:FOLDER_LEVELS]:
        code = parse_marketplace(parent.name)
        if code in MARKETPLACE_CODES:
            return code
    return None


def decide_marketplace(frame: pd.DataFrame, currencies: list[str], kind: ReportKind, path: Path) -> Marketplace:
    """The marketplace of one file: its own columns, then its currency, then its folder.

    A kind whose amounts are not the marketplace's (a product master's purchase costs) gets no
    marketplace from its currency or folder. Several marketplaces in one file's column leave it
    undecided (the rows say it themselves).

    Examples
    --------
    >>> from sellerops.readers.registry import get_kind
    >>> returns = get_kind("fba_returns")
    >>> decide_marketplace(pd.DataFrame({"sku": ["a"]}), [], returns, Path("exports/uk/returns/r.txt"))
    Marketplace(code='UK', evidence='the folder name')
    >>> decide_marketplace(pd.DataFrame({"sku": ["a"]}), ["EUR"], returns, Path("r.txt")).evidence
    'EUR is the currency of several marketplaces; a folder named by the marketplace (de/, fr/) tells which'
    """
    own = _from_columns(frame)
    if own is not None:
        return own
    if not kind.marketplace_from_currency:
        return Marketplace(None, "")
    if len(currencies) == 1 and currencies[0] in CURRENCY_MARKETPLACE:
        return Marketplace(CURRENCY_MARKETPLACE[currencies[0]], f"its currency {currencies[0]}")
    folder = _from_folder(path)
    if folder:
        return Marketplace(folder, "the folder name")
    if len(currencies) == 1:
        return Marketplace(
            None,
            f"{currencies[0]} is the currency of several marketplaces; a folder named by the marketplace (de/, fr/) tells which",
        )
    return Marketplace(None, "")


def fill_period_from_name(
    kind: ReportKind, frame: pd.DataFrame, raw: RawTable, match: HeaderMatch, dq: DataQuality
) -> None:
    """Give every row its period: a daily row's own date, else the period in the file's name.

    Reports without any date column (Business Report by child item) are named by their period;
    a name without one is noted in ``dq`` with how to name the file.
    """
    cols = frame.columns
    if "date" in cols and "start_date" in cols and "end_date" in cols:
        daily = frame["date"].notna()
        frame.loc[daily, "start_date"] = frame.loc[daily, "date"]
        frame.loc[daily, "end_date"] = frame.loc[daily, "date"]
    dq.period_source = "rows" if kind.period else ""
    if "start_date" not in kind.period or "start_date" in match.found or "date" in match.found:
        return
    start, end = read_period_from_name(raw.path)
    if start is None:
        dq.period_source = "none"
        dq.note(
            "the report has no date column and the file name gives no period: name it with YYYY-MM or two YYYY-MM-DD dates"
        )
        return
    dq.period_source = "file name"
    frame["start_date"] = pd.Series(start, index=frame.index, dtype="datetime64[ns]")
    frame["end_date"] = pd.Series(end, index=frame.index, dtype="datetime64[ns]")
    dq.note(f"period {start:%Y-%m-%d}..{end:%Y-%m-%d} taken from the file name")


def find_rows_period(kind: ReportKind, frame: pd.DataFrame) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First and last day the rows cover, from the kind's period columns (``(None, None)`` if undated)."""
    period = [c for c in kind.period if c in frame.columns and frame[c].notna().any()]
    if not period:
        return None, None
    starts = frame[period[0]]
    ends = frame["end_date"] if "end_date" in frame.columns and frame["end_date"].notna().any() else starts
    return starts.min(), ends.max()


def decide_time_model(kind: ReportKind, frame: pd.DataFrame, preamble: dict) -> str:
    """How one file's rows relate to time: the kind's model, or ``monthly`` where the file says or proves it.

    A preamble may say so (SQP's ``Reporting Range=["Monthly"]``); a daily kind whose row dates are
    all midnight on the first of a month, at least two different ones, has month rows (the by-date
    Business Report downloaded by month). One date on the 1st proves nothing.

    Examples
    --------
    >>> from sellerops.readers.registry import get_kind
    >>> kind = get_kind("business_report_by_date")
    >>> decide_time_model(kind, pd.DataFrame({"date": pd.to_datetime(["2026-01-01", "2026-03-01"])}), {})
    'monthly'
    >>> decide_time_model(kind, pd.DataFrame({"date": pd.to_datetime(["2026-01-01", "2026-01-02"])}), {})
    'daily'
    """
    if kind.time_model != "daily":
        return kind.time_model
    if preamble.get("time_model"):
        return preamble["time_model"]
    column = next((c for c in kind.period if c in frame.columns and frame[c].notna().any()), None)
    if column is None:
        return kind.time_model
    days = pd.Series(frame[column].dropna().unique())
    if len(days) >= 2 and (days.dt.day == 1).all() and (days.dt.normalize() == days).all():
        return "monthly"
    return kind.time_model


def describe_variant(kind: ReportKind, match: HeaderMatch, raw: RawTable) -> str:
    """The header variant as a person names it: ``current (B2B split), 7-day, csv``."""
    found = match.found
    evidence = found | {normalise_header(h).key for h in raw.headers}
    label = next((name for name, test in kind.variants if test(evidence)), "")
    parts = [label] if label else []
    if kind.name.startswith("sp_") and "start_date" in found and "date" not in found:
        parts.append("summary")
    elif kind.name.startswith("sp_") and "date" in found:
        parts.append("daily")
    if match.windows:
        parts.append(f"{next(iter(match.windows))}-day")
    if match.currency_symbols:
        parts.append("currency in headers " + "".join(sorted(match.currency_symbols)))
    if any(h != h.strip() for h in raw.headers):
        parts.append("trailing spaces in headers")
    parts.append("xlsx" if raw.is_xlsx else ("tsv" if raw.delimiter == "\t" else "csv"))
    return ", ".join(parts)
