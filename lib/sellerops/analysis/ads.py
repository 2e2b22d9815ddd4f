"""Ad efficiency (notebook 02): is the ad money well spent, and what should change.

Frames in, one :class:`AdEfficiency` result out. The verbs, in the order of the notebook:

- :func:`compute_ratios` — ACoS, ROAS, CPC, CTR and CVR of every row from its counts and amounts
  (:mod:`sellerops.core.metrics`; undefined is NaN, never 0);
- :func:`estimate_restatement` / :func:`mark_restated` — the last days Amazon is still restating
  (late attribution): corrected from the account's own history where two downloads show the same days
  at different ages, otherwise left out; never read as a drop;
- :func:`summarise_period` and :func:`weekly_trend` — the KPIs of the period against the previous
  period of equal length, and week by week with intervals (:func:`sellerops.core.stats.ratio_interval`);
- :func:`break_even_by_campaign` — break-even ACoS per product from its measured fees
  (:mod:`sellerops.analysis.margins`) and per campaign from the products it advertises;
- :func:`assess_campaigns`, :func:`assess_targets` — ACoS against break-even with intervals, the money
  lost per month, and the campaign map's quadrant (scale, watch, fix, cut);
- :func:`compare_match_types`, :func:`compare_placements` — with intervals, and placement bid
  adjustments where the evidence supports them;
- :func:`fit_spend_response` — a statsmodels fit per campaign of daily sales on spend (log link, so
  ``sales = A * spend ** b``, with weekday and budget-regime effects): the elasticity ``b`` with its
  95 % interval and the marginal ACoS of the next unit of spend (``ACoS / b``);
- :func:`reallocate_spend` — where spend should move between campaigns to raise profit at the same budget;
- :func:`suggest_bids` — a bid per target from the target ACoS and its revenue per click, the conversion
  rate shrunk toward its ad group (:func:`sellerops.core.stats.shrink_by_group`), capped per step;
- :func:`resolve_bulk_ids` — the IDs of a bulk download (bulksheets 2.0) for the bid and placement
  changes; names that do not resolve are listed, never guessed.

:func:`assess_ads` runs them all. Money stays in the marketplace's currency (one per run); product
costs in another currency are converted with the analyst's exchange rates.

Examples
--------
>>> import pandas as pd
>>> rows = pd.DataFrame({"impressions": [1000, 0], "clicks": [20, 0], "spend": [10.0, 0.0],
...                      "sales": [40.0, 0.0], "orders": [2, 0]})
>>> compute_ratios(rows).round(3).to_dict("records")[0]
{'acos': 0.25, 'roas': 4.0, 'cpc': 0.5, 'ctr': 0.02, 'cvr': 0.1}
>>> bool(compute_ratios(rows).loc[1].isna().all())  # nothing shown, clicked or sold: undefined, not 0
True
>>> previous_period("2026-01-01", "2026-01-31")
(Timestamp('2025-12-01 00:00:00'), Timestamp('2025-12-31 00:00:00'))
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..core import metrics, stats
from ..core.results import KPI, Result, plural
from ..core.thresholds import resolve_thresholds
from . import margins

__all__ = [
    "AdEfficiency",
    "Restatement",
    "assess_ads",
    "assess_campaigns",
    "assess_targets",
    "break_even_by_campaign",
    "bulk_adjustments",
    "campaign_days",
    "compare_match_types",
    "compare_placements",
    "compute_ratios",
    "estimate_restatement",
    "fit_spend_response",
    "mark_restated",
    "placement_label",
    "previous_period",
    "reallocate_spend",
    "resolve_bulk_ids",
    "suggest_bids",
    "summarise_period",
    "target_rows",
    "weekly_trend",
]

#: Average days in a month: money "per month" is money per day times this.
DAYS_PER_MONTH = 365.25 / 12
#: Amazon restates the last ~72 hours of ad data (late attribution, cancellations, invalid clicks).
RESTATED_DAYS = 3
#: Coverage of every interval the analysis quotes.
CONFIDENCE = 0.95
#: Amazon's smallest Sponsored Products bid in the US and UK (local currency).
MIN_BID = 0.02
#: A bid change smaller than this share of the current bid is not proposed (noise, not signal).
MIN_BID_CHANGE = 0.05
#: A campaign's diminishing-returns fit needs at least this many days with attributed sales.
MIN_SALE_DAYS = 20
#: Targets need this many orders before their own order value is used (else their ad group's).
MIN_ORDERS_FOR_AOV = 3
#: Weeks compared at the end of the period for the trend sentence (last N against the N before).
TREND_WEEKS = 4
#: Days before the restated ones that their sales per click are compared with.
BASELINE_DAYS = 28
#: Targeting expressions of automatic campaigns (the targeting report's ``Targeting`` column).
AUTO_EXPRESSIONS = frozenset({"close-match", "loose-match", "substitutes", "complements", "*"})
#: The kinds that give campaign-day rows, best first.
DAILY_KINDS = ("sp_campaign", "sp_advertised_product", "sp_targeting", "sp_search_term")
#: Placement labels of the placement report, and how a bulk sheet spells each one.
PLACEMENT_LABELS = ("top of search", "rest of search", "product pages")
BULK_PLACEMENTS = {
    "top of search": "placement top",
    "rest of search": "placement rest of search",
    "product pages": "placement product page",
}
_SUM = ("impressions", "clicks", "spend", "sales", "orders")
_TARGET = ["campaign", "ad_group", "targeting", "match_type"]
_SIGNS = {"USD": "$", "GBP": "£", "EUR": "€", "INR": "₹", "JPY": "¥", "CAD": "CA$", "AUD": "A$"}


# --------------------------------------------------------------------------- small helpers
def _money(value: float, currency: str) -> str:
    """``$1,234.50``, ``-£3.00``: money in a sentence (the show layer formats tables)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    sign = "-" if value < 0 else ""
    symbol = _SIGNS.get(currency)
    body = f"{abs(value):,.2f}"
    return f"{sign}{symbol}{body}" if symbol else f"{sign}{currency} {body}"


def _pct(value: float, digits: int = 1) -> str:
    return "n/a" if value is None or not np.isfinite(value) else f"{value:.{digits}%}"


def _relative(value: float) -> str:
    """``27% below`` / ``4% above`` / ``level with``: a ratio against 1, in words."""
    if value is None or not np.isfinite(value):
        return "n/a"
    change = value - 1.0
    if abs(change) < 0.005:
        return "level with"
    return f"{abs(change):.0%} {'below' if change < 0 else 'above'}"


def _verb(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _day(value) -> str:
    return f"{pd.Timestamp(value):%Y-%m-%d}"


def _span(first, last) -> str:
    return _day(first) if pd.Timestamp(first) == pd.Timestamp(last) else f"{_day(first)}..{_day(last)}"


def _num(frame: pd.DataFrame, column: str) -> pd.Series:
    """A numeric column as float64 (missing as NaN); an absent column as NaN."""
    if column not in frame.columns:
        return pd.Series(np.nan, index=frame.index, dtype="float64")
    return pd.to_numeric(frame[column], errors="coerce").astype("float64")


def _text(series: pd.Series) -> pd.Series:
    return series.astype("str").str.strip()


def _fold(series: pd.Series) -> pd.Series:
    return _text(series).str.casefold()


def previous_period(start, end) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The period of equal length that ends the day before ``start``.

    Examples
    --------
    >>> [f"{d:%Y-%m-%d}" for d in previous_period("2025-11-01", "2026-10-31")]
    ['2024-11-01', '2025-10-31']
    """
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    length = (end - start).days + 1
    return start - pd.Timedelta(days=length), start - pd.Timedelta(days=1)


def compute_ratios(frame: pd.DataFrame) -> pd.DataFrame:
    """ACoS, ROAS, CPC, CTR and CVR of every row, from its spend, sales, clicks, impressions and orders.

    Parameters
    ----------
    frame : DataFrame
        Any ads frame with ``spend``, ``sales``, ``clicks``, ``impressions``, ``orders`` (missing columns
        give NaN ratios).

    Returns
    -------
    DataFrame
        ``acos, roas, cpc, ctr, cvr`` on the frame's index, from :mod:`sellerops.core.metrics`; NaN where
        a ratio is undefined (no sales, no spend, no clicks, no impressions), never 0 or inf.
    """
    spend, sales, clicks = _num(frame, "spend"), _num(frame, "sales"), _num(frame, "clicks")
    return pd.DataFrame(
        {
            "acos": metrics.acos(spend, sales),
            "roas": metrics.roas(sales, spend),
            "cpc": metrics.cpc(spend, clicks),
            "ctr": metrics.ctr(clicks, _num(frame, "impressions")),
            "cvr": metrics.cvr(_num(frame, "orders"), clicks),
        },
        index=frame.index,
    )


def campaign_days(frame: pd.DataFrame) -> pd.DataFrame:
    """Campaign × day totals of any daily ads frame (impressions, clicks, spend, sales, orders, budget).

    Rows without a date are left out (a summary download cannot be split by day).

    Examples
    --------
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2026-01-01"] * 2), "campaign": ["A", "A"],
    ...     "clicks": [1, 2], "spend": [0.5, 1.0], "sales": [0.0, 10.0], "impressions": [10, 20], "orders": [0, 1]})
    >>> campaign_days(rows)[["campaign", "clicks", "spend", "sales"]].to_dict("records")
    [{'campaign': 'A', 'clicks': 3.0, 'spend': 1.5, 'sales': 10.0}]
    """
    dated = frame[frame["date"].notna()] if "date" in frame.columns else frame.iloc[0:0]
    out = pd.DataFrame(
        {"date": dated["date"].dt.normalize() if len(dated) else pd.Series(dtype="datetime64[ns]")},
        index=dated.index,
    )
    out["campaign"] = _text(dated["campaign"]) if len(dated) else pd.Series(dtype="str")
    for column in _SUM:
        out[column] = _num(dated, column).fillna(0.0)
    grouped = out.groupby(["date", "campaign"], sort=True)[list(_SUM)].sum()
    if "budget" in dated.columns and len(dated):
        grouped["budget"] = _num(dated, "budget").groupby([out["date"], out["campaign"]]).first()
    return grouped.reset_index()


def _currency(frames: Sequence[pd.DataFrame]) -> str:
    codes = sorted(
        {
            str(c).strip().upper()
            for f in frames
            if f is not None and "currency" in f.columns
            for c in f["currency"].dropna().unique()
            if str(c).strip()
        }
    )
    if len(codes) > 1:
        raise ValueError(
            f"the ad reports are in {', '.join(codes)}: analyse one marketplace at a time (set marketplace)"
        )
    return codes[0] if codes else "USD"


# --------------------------------------------------------------------------- restated days
@dataclass(frozen=True)
class Restatement:
    """How the last, still-restated days were handled.

    Attributes
    ----------
    method : {"corrected", "excluded", "none"}
        ``corrected``: attributed sales and orders of those days divided by the completeness the account's
        overlapping downloads show at their age; ``excluded``: left out of every total, rate and fit;
        ``none``: the period ends long enough before the last day of data.
    days : tuple of Timestamp
        The restated days inside the period.
    as_of : Timestamp or None
        The last day of ad data in the folder (the newest download reaches it).
    restated_days : int
        How many of the last days count as still being restated (a parameter).
    completeness : DataFrame
        ``age`` (days before the download's last day), ``rows``, ``earlier_sales``, ``later_sales``,
        ``estimate`` (share of the final sales already reported at that age), ``lower``, ``upper``.
    overlapping_files : tuple of str
        The downloads that share days with another download.
    reason : str
        Why the method was chosen, in words.
    """

    method: str
    days: tuple = ()
    as_of: pd.Timestamp | None = None
    restated_days: int = RESTATED_DAYS
    completeness: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    overlapping_files: tuple = ()
    reason: str = ""


_COMPLETENESS_COLUMNS = ["age", "rows", "earlier_sales", "later_sales", "estimate", "lower", "upper"]


def _download_days(download: pd.DataFrame) -> tuple[str, pd.Timestamp, pd.DataFrame]:
    name = str(download["source_file"].dropna().iloc[0]) if "source_file" in download.columns else "download"
    days = campaign_days(download)
    last = days["date"].max() if len(days) else pd.NaT
    if "end_date" in download.columns and download["end_date"].notna().any():
        last = max(last, download["end_date"].max()) if pd.notna(last) else download["end_date"].max()
    return name, pd.Timestamp(last).normalize() if pd.notna(last) else pd.NaT, days


def estimate_restatement(
    downloads: Sequence[pd.DataFrame] | None,
    *,
    restated_days: int = RESTATED_DAYS,
    start=None,
    end=None,
    as_of=None,
) -> Restatement:
    """Which days are still being restated, and whether the account's own downloads can correct them.

    Two downloads that hold the same days at different ages (the earlier one ending a few days after
    them, the later one long after) show how much of the final attributed sales Amazon had reported at
    each age: ``completeness(age) = sales in the earlier download / sales in the later one``, summed over
    campaign-days, with a :func:`sellerops.core.stats.ratio_interval`. Where every age below
    ``restated_days`` has such evidence, the last days are *corrected*; otherwise they are *excluded*.

    Parameters
    ----------
    downloads : list of DataFrame
        One frame per download of one daily ads report (``date``, ``campaign``, ``sales``, ``source_file``),
        as read, not de-duplicated: the overlapping ones are what is compared.
    restated_days : int
        How many of the last days count as still being restated (default 3, Amazon's ~72 hours).
    start, end : date, optional
        The period analysed; restated days outside it do not matter.
    as_of : date, optional
        The last day of ad data, when the downloads do not reach it (the newest report's last day).
    """
    if restated_days < 0:
        raise ValueError(f"restated_days must be 0 or more, got {restated_days}")
    parsed = [_download_days(d) for d in (downloads or []) if d is not None and len(d)]
    parsed = [p for p in parsed if pd.notna(p[1])]
    last_days = [p[1] for p in parsed] + ([pd.Timestamp(as_of).normalize()] if as_of is not None else [])
    last = max(last_days) if last_days else None
    empty = pd.DataFrame(columns=_COMPLETENESS_COLUMNS)
    if last is None or restated_days == 0:
        return Restatement("none", (), last, restated_days, empty, (), "no ad data to restate")
    first_restated = last - pd.Timedelta(days=restated_days - 1)
    lo = pd.Timestamp(start).normalize() if start is not None else first_restated
    hi = pd.Timestamp(end).normalize() if end is not None else last
    days = tuple(pd.date_range(max(first_restated, lo), min(last, hi), freq="D"))
    # pairs of downloads sharing days: what the earlier one reported at each age vs the later one
    rows, overlapping, same_age = [], set(), set()
    for i, (name_a, last_a, days_a) in enumerate(parsed):
        for name_b, last_b, days_b in parsed[i + 1 :]:
            shared = set(days_a["date"]) & set(days_b["date"])
            if not shared:
                continue
            overlapping |= {name_a, name_b}
            if last_a == last_b:
                same_age |= {name_a, name_b}
                continue
            (early, e_last), (late, l_last) = sorted([(days_a, last_a), (days_b, last_b)], key=lambda t: t[1])
            merged = early.merge(late, on=["date", "campaign"], suffixes=("_earlier", "_later"))
            merged["age"] = (e_last - merged["date"]).dt.days
            merged["later_age"] = (l_last - merged["date"]).dt.days
            rows.append(merged[(merged["age"] < restated_days) & (merged["later_age"] >= restated_days)])
    compared = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
    completeness = empty
    if len(compared):
        completeness = stats.ratio_intervals(compared, "age", "sales_earlier", "sales_later", confidence=CONFIDENCE)
        completeness = completeness.rename(
            columns={"n_rows": "rows", "numerator_sum": "earlier_sales", "denominator_sum": "later_sales"}
        )[_COMPLETENESS_COLUMNS]
    known = set(completeness.loc[completeness["later_sales"] > 0, "age"]) if len(completeness) else set()
    files = tuple(sorted(overlapping))
    if not days:
        reason = f"the period ends before the last {plural(restated_days, 'day')} of ad data, which end on {_day(last)}"
        return Restatement("none", (), last, restated_days, completeness, files, reason)
    if all(a in known for a in range(restated_days)):
        reason = (
            f"{plural(len(compared), 'campaign-day')} seen in two downloads at different ages show how much of "
            "the final sales Amazon had reported"
        )
        return Restatement("corrected", days, last, restated_days, completeness, files, reason)
    if same_age and not known:
        reason = (
            f"{plural(len(same_age), 'download')} overlap ({', '.join(sorted(same_age))}) but end on the same day, "
            "so they show the same days at the same age and say nothing about how Amazon restates them"
        )
    elif files:
        reason = "the overlapping downloads do not show every restated age in a later, settled download"
    else:
        reason = "no two downloads cover the same days, so the account's restatement cannot be measured"
    return Restatement("excluded", days, last, restated_days, completeness, files, reason)


def mark_restated(days: pd.DataFrame, restatement: Restatement) -> pd.DataFrame:
    """Campaign-day rows with ``restated`` and ``included`` flags, sales and orders corrected where measured.

    ``sales_reported`` keeps what Amazon printed; where the method is ``corrected`` the restated days'
    ``sales`` and ``orders`` are divided by the completeness at their age; where it is ``excluded`` they
    get ``included = False``.
    """
    out = days.copy()
    restated = out["date"].isin(list(restatement.days))
    out["restated"] = restated
    out["sales_reported"] = out["sales"]
    out["included"] = True
    if restatement.method == "corrected" and restated.any():
        age = (restatement.as_of - out["date"]).dt.days
        share = age.map(restatement.completeness.set_index("age")["estimate"])
        factor = np.where(restated & share.gt(0), 1.0 / share, 1.0)
        out["sales"] = out["sales"] * factor
        out["orders"] = out["orders"] * factor
    elif restatement.method == "excluded":
        out["included"] = ~restated
    return out


def _restated_check(days: pd.DataFrame, restatement: Restatement) -> dict:
    """Sales per click of the restated days (as reported) against the days before: how much is missing."""
    if not restatement.days:
        return {}
    first = min(restatement.days)
    last = days[days["restated"]]
    before = days[(days["date"] < first) & (days["date"] >= first - pd.Timedelta(days=BASELINE_DAYS))]
    if last["clicks"].sum() <= 0 or before["clicks"].sum() <= 0:
        return {}
    baseline = before["sales_reported"].sum() / before["clicks"].sum()
    ci = stats.ratio_interval(last["sales_reported"], last["clicks"], confidence=CONFIDENCE)
    return {
        "sales_per_click": ci.estimate,
        "baseline": baseline,
        "relative": ci.estimate / baseline,
        "lower": ci.lower / baseline,
        "upper": ci.upper / baseline,
    }


# --------------------------------------------------------------------------- period KPIs and weeks
def _total_sales(business: pd.DataFrame | None, first, last) -> float:
    """Ordered product sales between two days from a Business Report (daily rows, or monthly rows prorated)."""
    if business is None or business.empty or "ordered_product_sales" not in business.columns:
        return float("nan")
    sales = _num(business, "ordered_product_sales").fillna(0.0)
    if "date" in business.columns and business["date"].notna().any():
        day = business["date"].dt.normalize()
        inside = (day >= first) & (day <= last)
        return float(sales[inside].sum()) if inside.any() else float("nan")
    if not {"start_date", "end_date"} <= set(business.columns):
        return float("nan")
    s, e = business["start_date"].dt.normalize(), business["end_date"].dt.normalize()
    overlap = (np.minimum(e, last) - np.maximum(s, first)).dt.days + 1
    length = (e - s).dt.days + 1
    share = (overlap.clip(lower=0) / length).fillna(0.0)
    return float((sales * share).sum()) if (share > 0).any() else float("nan")


def _period_values(days: pd.DataFrame, total_sales: float) -> dict:
    t = {c: float(days[c].sum()) for c in _SUM}
    daily = days.groupby("date")[list(_SUM)].sum()
    values = {
        "spend": t["spend"],
        "sales": t["sales"],
        "acos": metrics.acos(t["spend"], t["sales"]),
        "roas": metrics.roas(t["sales"], t["spend"]),
        "tacos": metrics.tacos(t["spend"], total_sales) if np.isfinite(total_sales) else float("nan"),
        "ad_sales_share": metrics._ratio(t["sales"], total_sales) if np.isfinite(total_sales) else float("nan"),
        "cpc": metrics.cpc(t["spend"], t["clicks"]),
        "ctr": metrics.ctr(t["clicks"], t["impressions"]),
        "cvr": metrics.cvr(t["orders"], t["clicks"]),
        "orders": t["orders"],
        "days": int(daily.index.nunique()),
    }
    intervals = {}
    if len(daily) >= 2:
        for key, num, den in (
            ("acos", "spend", "sales"),
            ("roas", "sales", "spend"),
            ("cpc", "spend", "clicks"),
            ("ctr", "clicks", "impressions"),
            ("cvr", "orders", "clicks"),
        ):
            if daily[den].sum() > 0:
                ci = stats.ratio_interval(daily[num], daily[den], confidence=CONFIDENCE)
                intervals[key] = (ci.lower, ci.upper)
    values["intervals"] = intervals
    return values


#: The rows of the period overview: key, label, unit ("money" gets the currency), benchmark key, direction.
OVERVIEW_ROWS = (
    ("spend", "ad spend", "money", None, ""),
    ("sales", "ad sales (7-day attributed)", "money", None, ""),
    ("acos", "ACoS", "fraction", "acos_well_run", "max"),
    ("roas", "ROAS", "ratio", "roas_min", "min"),
    ("tacos", "TACoS (ad spend / total sales)", "fraction", "ad_spend_share_max", "max"),
    ("ad_sales_share", "ad share of total sales", "fraction", None, ""),
    ("cpc", "CPC", "money", None, ""),
    ("ctr", "CTR", "fraction", None, ""),
    ("cvr", "CVR (orders / clicks)", "fraction", None, ""),
    ("orders", "ad orders", "count", None, ""),
)


_TOTALS = frozenset({"spend", "sales", "orders"})


def _change(key: str, value: float, old: float, days: int, old_days: int) -> float:
    """Relative change; totals compared per day with data (the two periods may hold different days)."""
    if not (np.isfinite(old) and np.isfinite(value)) or old == 0:
        return float("nan")
    if key in _TOTALS:
        if not days or not old_days:
            return float("nan")
        return (value / days) / (old / old_days) - 1
    return value / old - 1


def summarise_period(
    current: pd.DataFrame,
    previous: pd.DataFrame,
    *,
    total_sales: float = float("nan"),
    previous_total_sales: float = float("nan"),
    thresholds: Mapping[str, float] | None = None,
    currency: str = "USD",
) -> pd.DataFrame:
    """The period's KPIs against the previous period of equal length, each judged against its benchmark.

    Parameters
    ----------
    current, previous : DataFrame
        Campaign-day rows (:func:`campaign_days`) of the two periods, restated days already handled.
    total_sales, previous_total_sales : float
        Ordered product sales of each period (Business Report), for TACoS and the ad share; NaN without one.
    thresholds : mapping
        :func:`sellerops.core.thresholds.resolve_thresholds` values (ACoS 22 %, watch to 28 %, ROAS 3,
        ad spend 10–20 % of sales).

    Returns
    -------
    DataFrame
        ``key, label, unit, current, previous, change, lower, upper, benchmark, direction, status, note``, and
        ``days``/``previous_days`` (days with ad data in each period); ``change`` is relative (NaN without a
        previous value; totals per day with data); ``lower``/``upper`` the 95 % interval of the current value
        over days.
    """
    t = dict(thresholds or resolve_thresholds())
    now = _period_values(current, total_sales)
    before = _period_values(previous, previous_total_sales) if len(previous) else {}
    rows = []
    for key, label, unit, bench_key, direction in OVERVIEW_ROWS:
        value = now[key]
        old = before.get(key, float("nan"))
        benchmark = t.get(bench_key) if bench_key else None
        watch = t.get("acos_industry_average") if key == "acos" else None
        status = ""
        note = ""
        if key == "tacos" and np.isfinite(value) and value < t.get("ad_spend_share_min", 0.0):
            status, note = "watch", f"below the advised {_pct(t['ad_spend_share_min'], 0)} of sales: room to invest"
        kpi = KPI(key, label, value, unit, benchmark=benchmark, direction=direction, watch=watch, status=status)
        lower, upper = now["intervals"].get(key, (float("nan"), float("nan")))
        rows.append(
            {
                "key": key,
                "label": label,
                "unit": f"money:{currency}" if unit == "money" else unit,
                "current": value,
                "previous": old,
                "change": _change(key, value, old, now["days"], before.get("days", 0)),
                "lower": lower,
                "upper": upper,
                "benchmark": benchmark,
                "direction": direction,
                "status": kpi.status,
                "note": note,
                "days": now["days"],
                "previous_days": before.get("days", 0),
            }
        )
    return pd.DataFrame(rows)


def weekly_trend(days: pd.DataFrame) -> pd.DataFrame:
    """Week by week (Sunday to Saturday, Amazon's weeks): spend and sales per day, ACoS, with 95 % intervals.

    Only included days count (:func:`mark_restated`); intervals are over the week's days
    (:func:`sellerops.core.stats.ratio_interval`, delta method).

    Returns
    -------
    DataFrame
        ``week_start, week_end, days, restated_days, spend, sales, spend_per_day, sales_per_day,
        sales_per_day_lower, sales_per_day_upper, acos, acos_lower, acos_upper, cvr``.
    """
    columns = [
        "week_start",
        "week_end",
        "days",
        "restated_days",
        "spend",
        "sales",
        "spend_per_day",
        "sales_per_day",
        "sales_per_day_lower",
        "sales_per_day_upper",
        "acos",
        "acos_lower",
        "acos_upper",
        "cvr",
    ]
    if days.empty:
        return pd.DataFrame(columns=columns)
    daily = days.groupby("date").agg(
        spend=("spend", "sum"),
        sales=("sales", "sum"),
        orders=("orders", "sum"),
        clicks=("clicks", "sum"),
        included=("included", "all"),
        restated=("restated", "any"),
    )
    daily = daily.reset_index()
    daily["week_end"] = daily["date"] + pd.to_timedelta((5 - daily["date"].dt.day_of_week) % 7, unit="D")  # Saturday
    rows = []
    for week_end, part in daily.groupby("week_end", sort=True):
        used = part[part["included"]]
        row = {
            "week_start": week_end - pd.Timedelta(days=6),
            "week_end": week_end,
            "days": len(used),
            "restated_days": int(part["restated"].sum()),
            "spend": float(used["spend"].sum()),
            "sales": float(used["sales"].sum()),
        }
        n = len(used)
        row["spend_per_day"] = row["spend"] / n if n else float("nan")
        row["sales_per_day"] = row["sales"] / n if n else float("nan")
        mean = stats.ratio_interval(used["sales"], np.ones(n)) if n >= 2 else None
        row["sales_per_day_lower"] = mean.lower if mean else float("nan")
        row["sales_per_day_upper"] = mean.upper if mean else float("nan")
        row["acos"] = metrics.acos(row["spend"], row["sales"])
        ci = stats.ratio_interval(used["spend"], used["sales"]) if n >= 2 and used["sales"].sum() > 0 else None
        row["acos_lower"] = ci.lower if ci else float("nan")
        row["acos_upper"] = ci.upper if ci else float("nan")
        row["cvr"] = metrics.cvr(float(used["orders"].sum()), float(used["clicks"].sum()))
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def _trend(weekly: pd.DataFrame, days: pd.DataFrame) -> dict:
    """The last TREND_WEEKS full weeks of included days against the TREND_WEEKS before, with intervals."""
    used = days[days["included"]].groupby("date")[["spend", "sales"]].sum().reset_index()
    full = weekly[(weekly["days"] == 7)]
    if len(full) < 2 * TREND_WEEKS:
        return {}
    recent = full.tail(TREND_WEEKS)
    earlier = full.iloc[-2 * TREND_WEEKS : -TREND_WEEKS]

    def window(w):
        part = used[(used["date"] >= w["week_start"].min()) & (used["date"] <= w["week_end"].max())]
        acos = stats.ratio_interval(part["spend"], part["sales"])
        per_day = stats.ratio_interval(part["sales"], np.ones(len(part)))
        return {"first": w["week_start"].min(), "last": w["week_end"].max(), "acos": acos, "sales": per_day}

    return {"recent": window(recent), "earlier": window(earlier)}


# --------------------------------------------------------------------------- break-even
def break_even_by_campaign(
    advertised: pd.DataFrame | None,
    products: pd.DataFrame | None,
    transactions: pd.DataFrame | None,
    *,
    currency: str,
    usd_rates: Mapping[str, float] | None = None,
    other_cost_rate: float = 0.0,
    prices: pd.DataFrame | None = None,
    start=None,
    end=None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Break-even ACoS per product (measured fees) and per campaign (the products it advertises).

    Parameters
    ----------
    advertised : DataFrame
        The advertised product report (campaign -> advertised SKU or ASIN, with its attributed sales).
    products : DataFrame
        The product master (``sku``, ``asin``, ``unit_cost``, ``currency``).
    transactions : DataFrame
        The payments transactions of the period (fees are measured from its ``Order`` rows).
    currency : str
        The marketplace's currency: only its transactions count.
    usd_rates : mapping, optional
        One unit of each currency in US dollars (:func:`sellerops.core.money.parse_rates`), for costs in
        another currency than the sales.
    other_cost_rate : float
        Other variable cost per unit as a share of price (returns allowance, inbound freight…).
    prices : DataFrame, optional
        ``sku, currency, price`` (the listing history): the price of SKUs that sold nothing.
    start, end : date, optional
        The period whose transactions measure the fees.

    Returns
    -------
    (DataFrame, DataFrame)
        Per product: :func:`sellerops.analysis.margins.break_even_by_product`'s columns and ``advertised``
        (whether a campaign advertises it); per campaign:
        ``campaign, skus, break_even_acos`` (weighted by the campaign's attributed sales of each SKU,
        by spend where it sold nothing).
    """
    per_campaign = pd.DataFrame(
        {
            "campaign": pd.Series(dtype="str"),
            "skus": pd.Series(dtype="str"),
            "break_even_acos": pd.Series(dtype="float64"),
        }
    )
    if products is None or transactions is None or products.empty or transactions.empty:
        return pd.DataFrame(), per_campaign
    tx = transactions
    if "currency" in tx.columns:
        tx = tx[_text(tx["currency"]).str.upper() == currency]
    if "date" in tx.columns and (start is not None or end is not None):
        day = tx["date"].dt.normalize()
        lo = pd.Timestamp(start) if start is not None else day.min()
        hi = pd.Timestamp(end) if end is not None else day.max()
        tx = tx[(day >= lo) & (day <= hi)]
    fees = margins.measure_unit_fees(tx)
    if prices is not None and len(prices) and "currency" in prices.columns:
        prices = prices[_text(prices["currency"]).str.upper() == currency]
    products = products.copy()
    if "currency" not in products.columns:
        products["currency"] = currency
    per_product = margins.break_even_by_product(
        products, fees, usd_rates=usd_rates, other_cost_rate=other_cost_rate, prices=prices
    )
    per_product = per_product[per_product["currency"] == currency].reset_index(drop=True)
    per_product["advertised"] = False
    if advertised is None or advertised.empty:
        return per_product, per_campaign
    ad = pd.DataFrame({"campaign": _text(advertised["campaign"])})
    sku = advertised["advertised_sku"] if "advertised_sku" in advertised.columns else pd.Series(pd.NA, index=ad.index)
    if "asin" in products.columns and "advertised_asin" in advertised.columns:
        by_asin = products.dropna(subset=["asin"]).drop_duplicates("asin").set_index("asin")["sku"]
        sku = sku.where(sku.notna() & (sku.astype("str").str.strip() != ""), advertised["advertised_asin"].map(by_asin))
    ad["sku"] = sku.astype("str").where(sku.notna())
    ad["sales"] = _num(advertised, "advertised_sales").fillna(_num(advertised, "sales")).fillna(0.0)
    ad["spend"] = _num(advertised, "spend").fillna(0.0)
    w = ad.dropna(subset=["sku"]).groupby(["campaign", "sku"], sort=True)[["sales", "spend"]].sum().reset_index()
    w = w.merge(per_product[["sku", "break_even_acos"]], on="sku", how="left")
    per_product["advertised"] = per_product["sku"].isin(set(w["sku"]))
    rows = []
    for campaign, part in w.groupby("campaign", sort=True):
        weight = part["sales"] if part["sales"].sum() > 0 else part["spend"]
        known = part["break_even_acos"].notna() & (weight > 0)
        be = float(np.average(part.loc[known, "break_even_acos"], weights=weight[known])) if known.any() else np.nan
        rows.append({"campaign": campaign, "skus": ", ".join(part["sku"]), "break_even_acos": be})
    return per_product, pd.DataFrame(rows, columns=per_campaign.columns)


# --------------------------------------------------------------------------- campaigns and targets
def _quadrant(efficient: pd.Series, large: pd.Series) -> pd.Series:
    return pd.Series(
        np.select(
            [efficient & large, efficient & ~large, ~efficient & large],
            ["scale", "watch", "fix"],
            default="cut",
        ),
        index=efficient.index,
        dtype="str",
    )


def assess_campaigns(
    days: pd.DataFrame,
    break_even: pd.DataFrame,
    *,
    target_acos: float,
) -> pd.DataFrame:
    """Per campaign: totals, ratios, ACoS with its 95 % interval, the verdict against break-even, money lost.

    Parameters
    ----------
    days : DataFrame
        Included campaign-day rows of the period.
    break_even : DataFrame
        ``campaign, break_even_acos`` (:func:`break_even_by_campaign`).
    target_acos : float
        The ACoS line of the campaign map (quadrants: efficient at or below it).

    Returns
    -------
    DataFrame
        One row per campaign, most spend first: ``campaign, days, spend, sales, orders, clicks, impressions,
        acos, acos_lower, acos_upper, roas, cpc, ctr, cvr, spend_share, break_even_acos, verdict,
        profit_per_month, loss_per_month, quadrant``. ``verdict`` is ``above break-even`` when the whole
        interval of ACoS lies above it (ROAS interval below ``1 / break-even``), ``below break-even``,
        ``unsure``, or ``no break-even``; ``profit_per_month`` is the margin before ads on the ad sales
        minus the spend, per month; ``loss_per_month`` its loss (0 where it makes money).
    """
    n_days = days["date"].nunique()
    g = days.groupby("campaign", sort=True)
    out = g[list(_SUM)].sum()
    out["days"] = g["date"].nunique()
    out = out.join(compute_ratios(out))
    rows = days[["campaign", "spend", "sales"]].reset_index(drop=True)
    roas = stats.ratio_intervals(rows, "campaign", "sales", "spend", confidence=CONFIDENCE).set_index("campaign")
    with np.errstate(divide="ignore"):
        out["acos_lower"] = np.where(roas["upper"] > 0, 1.0 / roas["upper"], np.nan)
        out["acos_upper"] = np.where(roas["lower"] > 0, 1.0 / roas["lower"], np.nan)
    out = out.reset_index()
    out["spend_share"] = out["spend"] / out["spend"].sum() if out["spend"].sum() > 0 else np.nan
    out = out.merge(break_even[["campaign", "break_even_acos"]], on="campaign", how="left")
    out["break_even_acos"] = _num(out, "break_even_acos")
    be = out["break_even_acos"]
    verdict = stats.decide(
        roas.loc[out["campaign"], "lower"].reset_index(drop=True),
        roas.loc[out["campaign"], "upper"].reset_index(drop=True),
        (1.0 / be.where(be > 0)).reset_index(drop=True),
    )
    out["verdict"] = verdict.map({"below": "above break-even", "above": "below break-even", "unsure": "unsure"})
    out.loc[be.isna() | (be <= 0), "verdict"] = "no break-even"
    months = n_days / DAYS_PER_MONTH if n_days else np.nan
    out["profit_per_month"] = (be * out["sales"] - out["spend"]) / months
    out["loss_per_month"] = (-out["profit_per_month"]).clip(lower=0.0)
    efficient = out["acos"].le(target_acos)
    large = out["spend"].ge(out["spend"].median())
    out["quadrant"] = _quadrant(efficient, large)
    order = [
        "campaign",
        "days",
        "spend",
        "sales",
        "orders",
        "clicks",
        "impressions",
        "acos",
        "acos_lower",
        "acos_upper",
        "roas",
        "cpc",
        "ctr",
        "cvr",
        "spend_share",
        "break_even_acos",
        "verdict",
        "profit_per_month",
        "loss_per_month",
        "quadrant",
    ]
    return out[order].sort_values(["spend", "campaign"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _match_label(targeting: pd.Series, match_type: pd.Series) -> pd.Series:
    mt = _fold(match_type)
    tg = _fold(targeting)
    label = mt.where(mt.isin(["exact", "phrase", "broad"]))
    auto = tg.isin(AUTO_EXPRESSIONS)
    label = label.where(label.notna(), np.where(auto, "auto", "product targeting"))
    return label.astype("str")


def target_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Target × day rows (campaign, ad group, targeting, match type) of a targeting or search-term report."""
    dated = frame[frame["date"].notna()] if "date" in frame.columns else frame
    out = pd.DataFrame({"date": dated["date"].dt.normalize()}, index=dated.index)
    for key in _TARGET:
        out[key] = _text(dated[key]) if key in dated.columns else ""
    for column in _SUM:
        out[column] = _num(dated, column).fillna(0.0)
    return out.groupby(["date", *_TARGET], sort=True)[list(_SUM)].sum().reset_index()


def assess_targets(
    rows: pd.DataFrame,
    break_even: pd.DataFrame,
    *,
    min_clicks: int,
) -> pd.DataFrame:
    """Per target (keyword, product target or auto group): totals, conversion, ACoS against break-even.

    The interval of a target's ACoS comes from the Wilson interval of its conversion rate (orders per
    click) at its order value: ``ACoS = CPC / (CVR × order value)``. A target is ``above break-even``
    when even the upper end of its conversion leaves ACoS above the line, and it has at least
    ``min_clicks`` clicks.

    Returns
    -------
    DataFrame
        ``campaign, ad_group, targeting, match_type, match, days, impressions, clicks, spend, sales, orders,
        acos, acos_lower, acos_upper, cpc, cvr, order_value, break_even_acos, verdict, profit_per_month,
        loss_per_month``.
    """
    n_days = rows["date"].nunique()
    g = rows.groupby(_TARGET, sort=True)
    out = g[list(_SUM)].sum()
    out["days"] = g["date"].nunique()
    out = out.reset_index()
    out["match"] = _match_label(out["targeting"], out["match_type"])
    ratios = compute_ratios(out)
    out["acos"], out["cpc"], out["cvr"] = ratios["acos"], ratios["cpc"], ratios["cvr"]
    group = out.groupby(["campaign", "ad_group"])[["sales", "orders"]].transform("sum")
    group_aov = metrics._ratio(group["sales"], group["orders"])
    own_aov = metrics._ratio(out["sales"], out["orders"])
    out["order_value"] = own_aov.where(out["orders"] >= MIN_ORDERS_FOR_AOV, group_aov)
    orders = np.minimum(out["orders"], out["clicks"])  # orders can exceed clicks (repeat orders in 7 days)
    cvr = stats.wilson_interval(orders, out["clicks"], confidence=CONFIDENCE)
    rpc_lo, rpc_hi = cvr.lower * out["order_value"], cvr.upper * out["order_value"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["acos_lower"] = np.where(rpc_hi > 0, out["cpc"] / rpc_hi, np.nan)
        out["acos_upper"] = np.where(rpc_lo > 0, out["cpc"] / rpc_lo, np.nan)
    out = out.merge(break_even[["campaign", "break_even_acos"]], on="campaign", how="left")
    out["break_even_acos"] = _num(out, "break_even_acos")
    be = out["break_even_acos"]
    enough = out["clicks"] >= min_clicks
    above = enough & be.gt(0) & out["acos_lower"].gt(be)
    below = enough & be.gt(0) & out["acos_upper"].lt(be)
    out["verdict"] = np.select(
        [be.isna() | be.le(0), above, below, ~enough],
        ["no break-even", "above break-even", "below break-even", "too few clicks"],
        default="unsure",
    )
    months = n_days / DAYS_PER_MONTH if n_days else np.nan
    out["profit_per_month"] = (be * out["sales"] - out["spend"]) / months
    out["loss_per_month"] = (-out["profit_per_month"]).clip(lower=0.0)
    order = [
        *_TARGET,
        "match",
        "days",
        "impressions",
        "clicks",
        "spend",
        "sales",
        "orders",
        "acos",
        "acos_lower",
        "acos_upper",
        "cpc",
        "cvr",
        "order_value",
        "break_even_acos",
        "verdict",
        "profit_per_month",
        "loss_per_month",
    ]
    return out[order]


def compare_match_types(rows: pd.DataFrame) -> pd.DataFrame:
    """Exact, phrase, broad, auto and product targeting side by side, with 95 % intervals.

    ACoS and revenue per click get intervals over the match type's target-days
    (:func:`sellerops.core.stats.ratio_intervals`); CVR a Wilson interval of orders per click.

    Returns
    -------
    DataFrame
        ``match, targets, clicks, spend, sales, orders, spend_share, acos, acos_lower, acos_upper, cpc, cvr,
        cvr_lower, cvr_upper, revenue_per_click``, most spend first.
    """
    r = rows.assign(match=_match_label(rows["targeting"], rows["match_type"]))
    per_day = r.groupby(["match", "date"], sort=True)[list(_SUM)].sum().reset_index()
    g = r.groupby("match", sort=True)
    out = g[list(_SUM)].sum()
    out["targets"] = g.apply(lambda p: len(p[_TARGET].drop_duplicates()), include_groups=False)
    out = out.reset_index()
    out["spend_share"] = out["spend"] / out["spend"].sum() if out["spend"].sum() > 0 else np.nan
    ratios = compute_ratios(out)
    out["acos"], out["cpc"], out["cvr"] = ratios["acos"], ratios["cpc"], ratios["cvr"]
    acos = stats.ratio_intervals(per_day, "match", "spend", "sales", confidence=CONFIDENCE).set_index("match")
    out["acos_lower"] = out["match"].map(acos["lower"])
    out["acos_upper"] = out["match"].map(acos["upper"])
    cvr = stats.wilson_interval(np.minimum(out["orders"], out["clicks"]), out["clicks"], confidence=CONFIDENCE)
    out["cvr_lower"], out["cvr_upper"] = cvr.lower, cvr.upper
    out["revenue_per_click"] = metrics._ratio(out["sales"], out["clicks"])
    columns = [
        "match",
        "targets",
        "clicks",
        "spend",
        "sales",
        "orders",
        "spend_share",
        "acos",
        "acos_lower",
        "acos_upper",
        "cpc",
        "cvr",
        "cvr_lower",
        "cvr_upper",
        "revenue_per_click",
    ]
    return out[columns].sort_values(["spend", "match"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- placements
def placement_label(placement: pd.Series) -> pd.Series:
    """``First page Top of Search on Amazon`` -> ``top of search``; rest of search; product pages; else ``other``.

    Examples
    --------
    >>> placement_label(pd.Series(["First page Top of Search on Amazon", "Product pages on Amazon", "x"])).tolist()
    ['top of search', 'product pages', 'other']
    """
    p = _fold(placement).str.replace(r"[\s_-]+", " ", regex=True)
    return pd.Series(
        np.select(
            [p.str.contains("top"), p.str.contains("rest"), p.str.contains("product")],
            list(PLACEMENT_LABELS),
            default="other",
        ),
        index=placement.index,
        dtype="str",
    )


def compare_placements(
    rows: pd.DataFrame,
    *,
    bid_step_cap: float,
    current: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Top of search, rest of search and product pages per campaign (and overall), with 95 % intervals.

    Revenue per click of each placement gets an interval over the campaign's days
    (:func:`sellerops.core.stats.ratio_intervals`). Rest of search is the reference; a placement whose
    whole interval of revenue per click lies above rest of search's earns a bid adjustment of
    ``(1 + rest of search's adjustment) × revenue per click / rest of search's − 1`` (a whole percentage,
    0–900), moved at most ``bid_step_cap`` of the effective bid in one step; one whose interval lies below
    gets its adjustment lowered toward that value (never below 0).

    Parameters
    ----------
    rows : DataFrame
        Placement report rows (``date, campaign, placement``, traffic and sales).
    bid_step_cap : float
        The most the effective bid of a placement moves in one step (share).
    current : DataFrame, optional
        ``campaign, placement, percentage`` (the bulk download's bidding adjustments); 0 where absent.

    Returns
    -------
    DataFrame
        ``campaign, placement, days, clicks, spend, sales, orders, acos, cpc, cvr, revenue_per_click, rpc_lower,
        rpc_upper, rest_of_search_rpc, evidence, current_percentage, suggested_percentage``; the campaign
        ``all campaigns`` first.
    """
    r = pd.DataFrame({"date": rows["date"].dt.normalize(), "campaign": _text(rows["campaign"])})
    r["placement"] = placement_label(rows["placement"])
    for column in _SUM:
        r[column] = _num(rows, column).fillna(0.0)
    r = r[r["placement"] != "other"]
    per_day = r.groupby(["campaign", "placement", "date"], sort=True)[list(_SUM)].sum().reset_index()
    overall = per_day.groupby(["placement", "date"], sort=True)[list(_SUM)].sum().reset_index()
    overall["campaign"] = "all campaigns"
    per_day = pd.concat([overall[per_day.columns], per_day], ignore_index=True)
    g = per_day.groupby(["campaign", "placement"], sort=False)
    out = g[list(_SUM)].sum()
    out["days"] = g["date"].nunique()
    out = out.reset_index()
    ratios = compute_ratios(out)
    out["acos"], out["cpc"], out["cvr"] = ratios["acos"], ratios["cpc"], ratios["cvr"]
    out["revenue_per_click"] = metrics._ratio(out["sales"], out["clicks"])
    rpc = stats.ratio_intervals(per_day, ["campaign", "placement"], "sales", "clicks", confidence=CONFIDENCE)
    out = out.merge(rpc[["campaign", "placement", "lower", "upper"]], on=["campaign", "placement"], how="left")
    out = out.rename(columns={"lower": "rpc_lower", "upper": "rpc_upper"})
    rest = out[out["placement"] == "rest of search"].set_index("campaign")["revenue_per_click"]
    out["rest_of_search_rpc"] = out["campaign"].map(rest)
    decided = stats.decide(out["rpc_lower"], out["rpc_upper"], out["rest_of_search_rpc"])
    out["evidence"] = np.where(out["placement"] == "rest of search", "base bid", decided).astype("str")
    out["current_percentage"] = 0.0
    if current is not None and len(current):
        cur = current.assign(placement=placement_label(current["placement"]))
        cur = cur.groupby(["campaign", "placement"])["percentage"].first()
        key = pd.MultiIndex.from_frame(out[["campaign", "placement"]])
        out["current_percentage"] = pd.Series(cur.reindex(key).to_numpy(), index=out.index).fillna(0.0)
    # the value of a click relative to rest of search, which carries its own adjustment where one is set
    rest_now = out["campaign"].map(
        out[out["placement"] == "rest of search"].set_index("campaign")["current_percentage"]
    )
    ideal = ((1.0 + rest_now.fillna(0.0) / 100.0) * out["revenue_per_click"] / out["rest_of_search_rpc"] - 1.0) * 100.0
    now = 1.0 + out["current_percentage"] / 100.0
    step_hi = (now * (1.0 + bid_step_cap) - 1.0) * 100.0
    step_lo = (now * (1.0 - bid_step_cap) - 1.0) * 100.0
    move_up = (out["evidence"] == "above") & (ideal > out["current_percentage"])
    move_down = (out["evidence"] == "below") & (out["current_percentage"] > 0)
    suggested = np.where(move_up, np.minimum(ideal, step_hi), np.where(move_down, np.maximum(ideal, step_lo), np.nan))
    out["suggested_percentage"] = pd.Series(suggested, index=out.index).clip(0, 900).round()
    out.loc[(out["placement"] == "rest of search") | (out["campaign"] == "all campaigns"), "suggested_percentage"] = (
        np.nan
    )
    out["order"] = out["placement"].map({p: i for i, p in enumerate(PLACEMENT_LABELS)})
    out["first"] = out["campaign"] != "all campaigns"
    out = out.sort_values(["first", "campaign", "order"], kind="stable").drop(columns=["order", "first"])
    columns = [
        "campaign",
        "placement",
        "days",
        "clicks",
        "spend",
        "sales",
        "orders",
        "acos",
        "cpc",
        "cvr",
        "revenue_per_click",
        "rpc_lower",
        "rpc_upper",
        "rest_of_search_rpc",
        "evidence",
        "current_percentage",
        "suggested_percentage",
    ]
    return out[columns].reset_index(drop=True)


# --------------------------------------------------------------------------- diminishing returns
def _regimes(part: pd.DataFrame, origin: pd.Timestamp, regime_days: int) -> pd.Series:
    """Budget regime of each campaign-day: its campaign, its block of ``regime_days`` and its budget."""
    block = ((part["date"] - origin).dt.days // max(int(regime_days), 1)).astype("int64")
    budget = part["budget"].round(2).astype("str") if "budget" in part.columns else pd.Series("", index=part.index)
    return part["campaign"].astype("str") + "|" + block.astype("str") + "|" + budget


def _fit_rows(part: pd.DataFrame, origin: pd.Timestamp, regime_days: int) -> pd.DataFrame:
    """The rows a fit can use: a regime without any sale says nothing about the elasticity (its effect is -inf)."""
    regime = _regimes(part, origin, regime_days)
    sold = part["sales"].groupby(regime).transform("sum") > 0
    return part[sold.to_numpy()].assign(regime=regime[sold.to_numpy()])


def _design(part: pd.DataFrame, groups: str = "regime") -> pd.DataFrame:
    """A constant, log(spend), weekday and group (regime or campaign) indicators, the first level of each left out."""
    x = pd.DataFrame({"const": 1.0, "log_spend": np.log(part["spend"].to_numpy())}, index=part.index)
    weekday = pd.get_dummies(part["date"].dt.day_of_week.astype("str"), prefix="weekday", drop_first=True, dtype=float)
    regimes = pd.get_dummies(part[groups], prefix=groups, drop_first=True, dtype=float)
    design = pd.concat([x, weekday, regimes], axis=1)
    return design.loc[:, design.std(ddof=0).gt(0) | design.columns.isin(["const"])]


def _glm(y: pd.Series, x: pd.DataFrame):
    """Quasi-Poisson GLM (log link, Pearson scale): ``E[sales] = exp(x β)``, sales in money, not counts."""
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return GLM(y.to_numpy(dtype=float), x, family=families.Poisson()).fit(scale="X2")


def fit_spend_response(
    days: pd.DataFrame,
    *,
    min_days: int = 90,
    regime_days: int = 42,
    confidence: float = CONFIDENCE,
) -> tuple[pd.DataFrame, dict]:
    """Diminishing returns per campaign: ``sales = A × spend ** b`` fitted to its days (statsmodels).

    A generalised linear model with a log link (quasi-Poisson: the variance grows with the mean, its scale
    estimated from the data) of daily attributed sales on ``log(spend)``, weekday indicators (weekly
    seasonality) and budget-regime indicators (each run of one budget, cut into blocks of ``regime_days``,
    absorbing slow shifts in demand that move spend and sales together). Zero-sales days stay in, which a
    log-log least-squares fit could not keep. ``b`` is the elasticity: 1 % more spend brings ``b`` % more
    sales; the marginal ACoS of the next unit of spend is ``ACoS / b``.

    Parameters
    ----------
    days : DataFrame
        Included campaign-day rows (``date, campaign, spend, sales``, optionally ``budget``).
    min_days : int
        Campaigns with fewer days with spend are not fitted ("not enough days").
    regime_days : int
        Length of the blocks budget runs are cut into.

    Returns
    -------
    (DataFrame, dict)
        Per campaign: ``campaign, days, sale_days, spend_per_day, sales_per_day, acos, elasticity,
        elasticity_lower, elasticity_upper, std_error, marginal_acos, marginal_acos_lower, marginal_acos_upper,
        scale_a, fitted`` (``fitted`` False with the reason in ``note``). The dict is the fit common to all
        fitted campaigns (one elasticity, a scale per campaign, weekday effects): ``elasticity, lower, upper, campaigns, days``.
    """
    columns = [
        "campaign",
        "days",
        "sale_days",
        "active_share",
        "spend_per_day",
        "sales_per_day",
        "acos",
        "elasticity",
        "elasticity_lower",
        "elasticity_upper",
        "std_error",
        "marginal_acos",
        "marginal_acos_lower",
        "marginal_acos_upper",
        "scale_a",
        "fitted",
        "note",
    ]
    alpha = 1.0 - confidence
    n_period = days["date"].nunique()
    origin = days["date"].min()
    active = days[days["spend"] > 0].copy()
    rows, fitted_parts = [], []
    for campaign, part in active.groupby("campaign", sort=True):
        part = part.sort_values("date")
        row = {
            "campaign": campaign,
            "days": len(part),
            "sale_days": int((part["sales"] > 0).sum()),
            "active_share": len(part) / n_period if n_period else np.nan,
            "spend_per_day": float(part["spend"].mean()),
            "sales_per_day": float(part["sales"].mean()),
            "acos": metrics.acos(float(part["spend"].sum()), float(part["sales"].sum())),
            "fitted": False,
            "note": "",
        }
        if len(part) < min_days:
            row["note"] = f"{plural(len(part), 'day')} with spend, fewer than {min_days}"
        elif row["sale_days"] < MIN_SALE_DAYS:
            row["note"] = f"{plural(row['sale_days'], 'day')} with sales, fewer than {MIN_SALE_DAYS}"
        else:
            part = _fit_rows(part, origin, regime_days)
            fit = _glm(part["sales"], _design(part))
            b = float(fit.params["log_spend"])
            lo, hi = (float(v) for v in fit.conf_int(alpha=alpha).loc["log_spend"])
            if not np.isfinite(b) or not np.isfinite(fit.bse["log_spend"]):
                row["note"] = "the fit did not converge"
            else:
                fitted_sales = np.asarray(fit.fittedvalues, dtype=float)
                row |= {
                    "elasticity": b,
                    "elasticity_lower": lo,
                    "elasticity_upper": hi,
                    "std_error": float(fit.bse["log_spend"]),
                    "marginal_acos": row["acos"] / b if b > 0 else np.nan,
                    "marginal_acos_lower": row["acos"] / hi if hi > 0 else np.nan,
                    "marginal_acos_upper": row["acos"] / lo if lo > 0 else np.nan,
                    "scale_a": float(fitted_sales.sum() / np.sum(part["spend"].to_numpy() ** b)),
                    "fitted": True,
                }
                fitted_parts.append(part)
        rows.append(row)
    table = pd.DataFrame(rows, columns=columns)
    pooled: dict = {}
    if fitted_parts:
        both = pd.concat(fitted_parts, ignore_index=True)
        fit = _glm(both["sales"], _design(both, "campaign"))
        b = float(fit.params["log_spend"])
        lo, hi = (float(v) for v in fit.conf_int(alpha=alpha).loc["log_spend"])
        fitted_sales = pd.Series(np.asarray(fit.fittedvalues, dtype=float), index=both.index)
        scale = {
            c: float(fitted_sales[both["campaign"] == c].sum() / np.sum(p["spend"].to_numpy() ** b))
            for c, p in both.groupby("campaign", sort=True)
        }
        pooled = {
            "elasticity": b,
            "lower": lo,
            "upper": hi,
            "campaigns": len(fitted_parts),
            "days": len(both),
            "scale_a": scale,
        }
    return table, pooled


def reallocate_spend(
    fits: pd.DataFrame,
    pooled: Mapping,
    break_even: pd.DataFrame,
    *,
    max_spend_change: float = 0.5,
) -> pd.DataFrame:
    """Move daily spend between fitted campaigns to raise profit at the same budget.

    With ``sales_c = A_c × spend_c ** b`` (the elasticity common to the fitted campaigns, each campaign its
    own scale ``A_c``) and margin before ads ``m_c`` (the break-even ACoS of its products), profit per day is
    ``Σ m_c A_c x_c ** b − x_c``. At the optimum every campaign's marginal profit ``m_c b A_c x_c ** (b−1) − 1``
    is equal; each campaign's spend moves at most ``max_spend_change`` of its current level (the curves are
    known only near the spend they were fitted on), and the total budget stays the same.

    Returns
    -------
    DataFrame
        ``campaign, spend_per_day, proposed_spend_per_day, change, sales_per_day, proposed_sales_per_day,
        marginal_profit, profit_per_month, proposed_profit_per_month, gain_per_month`` (model values; days a
        campaign was paused do not count).
    """
    columns = [
        "campaign",
        "spend_per_day",
        "proposed_spend_per_day",
        "change",
        "sales_per_day",
        "proposed_sales_per_day",
        "break_even_acos",
        "marginal_profit",
        "profit_per_month",
        "proposed_profit_per_month",
        "gain_per_month",
    ]
    if not pooled or fits.empty:
        return pd.DataFrame(columns=columns)
    b = float(pooled["elasticity"])
    f = fits[fits["fitted"]].merge(break_even[["campaign", "break_even_acos"]], on="campaign", how="inner")
    f = f[f["break_even_acos"].gt(0) & f["campaign"].isin(list(pooled["scale_a"]))].copy()
    if len(f) < 2 or not 0 < b < 1:
        return pd.DataFrame(columns=columns)
    a = f["campaign"].map(pooled["scale_a"]).to_numpy(dtype=float)
    m = f["break_even_acos"].to_numpy(dtype=float)
    x = f["spend_per_day"].to_numpy(dtype=float)
    w = f["active_share"].to_numpy(dtype=float)
    lo, hi = x * (1 - max_spend_change), x * (1 + max_spend_change)
    budget = float(np.sum(w * x))

    def spend_at(mu: float) -> np.ndarray:
        return np.clip((m * a * b / (1.0 + mu)) ** (1.0 / (1.0 - b)), lo, hi)

    low_mu, high_mu = -0.999999, 1.0
    while np.sum(w * spend_at(high_mu)) > budget and high_mu < 1e12:
        high_mu *= 2.0
    for _ in range(200):  # bisection: the total spend falls as the marginal-profit line rises
        mid = (low_mu + high_mu) / 2.0
        if np.sum(w * spend_at(mid)) > budget:
            low_mu = mid
        else:
            high_mu = mid
    new = spend_at((low_mu + high_mu) / 2.0)
    new *= budget / np.sum(w * new)  # exactly the same budget
    sales, new_sales = a * x**b, a * new**b
    profit = (m * sales - x) * w * DAYS_PER_MONTH
    new_profit = (m * new_sales - new) * w * DAYS_PER_MONTH
    out = pd.DataFrame(
        {
            "campaign": f["campaign"].to_numpy(),
            "spend_per_day": x,
            "proposed_spend_per_day": new,
            "change": new / x - 1.0,
            "sales_per_day": sales,
            "proposed_sales_per_day": new_sales,
            "break_even_acos": m,
            "marginal_profit": m * b * a * x ** (b - 1.0) - 1.0,
            "profit_per_month": profit,
            "proposed_profit_per_month": new_profit,
            "gain_per_month": new_profit - profit,
        }
    )
    return out.sort_values(["change", "campaign"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- bulk IDs and bids
def _bulk_entities(bulk: pd.DataFrame) -> dict[str, pd.DataFrame]:
    b = bulk.copy()
    b["entity_key"] = _fold(b["entity"])
    if "product" in b.columns:
        b = b[_fold(b["product"]).isin(["sponsored products", "nan"])]
    for column in ("campaign", "campaign_name", "ad_group", "ad_group_name"):
        if column not in b.columns:
            b[column] = pd.NA
    b["campaign_label"] = b["campaign"].where(b["campaign"].notna(), b["campaign_name"])
    b["ad_group_label"] = b["ad_group"].where(b["ad_group"].notna(), b["ad_group_name"])
    return {key: part for key, part in b.groupby("entity_key", sort=True)}


def bulk_adjustments(bulk: pd.DataFrame | None) -> pd.DataFrame | None:
    """``campaign, placement, percentage``: the placement bid adjustments a bulk download holds (None without one).

    Examples
    --------
    >>> bulk = pd.DataFrame({"entity": ["Bidding Adjustment"], "campaign_id": ["1"], "campaign": ["Mats"],
    ...                      "placement": ["Placement Top"], "percentage": [50.0]})
    >>> bulk_adjustments(bulk).to_dict("records")
    [{'campaign': 'Mats', 'placement': 'top of search', 'percentage': 50.0}]
    """
    if bulk is None or bulk.empty or "placement" not in bulk.columns:
        return None
    rows = _bulk_entities(bulk).get("bidding adjustment")
    if rows is None or rows.empty:
        return None
    return pd.DataFrame(
        {
            "campaign": _text(rows["campaign_label"]).to_numpy(),
            "placement": placement_label(rows["placement"].fillna("")).to_numpy(),
            "percentage": _num(rows, "percentage").fillna(0.0).to_numpy(),
        }
    )


def resolve_bulk_ids(
    targets: pd.DataFrame,
    placements: pd.DataFrame | None,
    bulk: pd.DataFrame | None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The IDs of a bulk download (bulksheets 2.0) for targets and campaign placements, by name.

    Campaign name -> ``Campaign ID``; (campaign ID, ad group name) -> ``Ad Group ID``; (ad group ID, keyword
    text, match type) -> ``Keyword ID``; (ad group ID, targeting expression) -> ``Product Targeting ID``;
    (campaign ID, placement) -> the current bidding adjustment. Exact names first; a case-insensitive match
    is used but flagged (``matched_by``); a name that does not resolve gets no ID (never a guess).

    Returns
    -------
    (DataFrame, DataFrame, DataFrame)
        Targets with ``campaign_id, ad_group_id, keyword_id, product_targeting_id, current_bid, state,
        matched_by``; campaign placements with ``campaign_id, bidding_strategy, current_percentage,
        operation``; and the unresolved names (``what, campaign, ad_group, name, reason``).
    """
    id_columns = [
        "campaign_id",
        "ad_group_id",
        "keyword_id",
        "product_targeting_id",
        "current_bid",
        "state",
        "matched_by",
    ]
    t = targets.copy()
    for c in id_columns:
        t[c] = pd.Series(pd.NA, index=t.index, dtype=object)
    pl = placements.copy() if placements is not None else pd.DataFrame(columns=["campaign", "placement"])
    for c in ("campaign_id", "bidding_strategy", "current_percentage", "operation"):
        pl[c] = pd.Series(pd.NA, index=pl.index, dtype=object)
    unresolved = []
    if bulk is None or bulk.empty:
        return t, pl, pd.DataFrame(unresolved, columns=["what", "campaign", "ad_group", "name", "reason"])
    ent = _bulk_entities(bulk)
    empty = pd.DataFrame(columns=list(bulk.columns) + ["campaign_label", "ad_group_label", "entity_key"])
    camps = ent.get("campaign", empty)
    groups = ent.get("ad group", empty)
    keywords = ent.get("keyword", empty)
    ptargets = ent.get("product targeting", empty)
    adjust = ent.get("bidding adjustment", empty)

    def match(name: str, table: pd.DataFrame, column: str, where: pd.Series | None = None):
        rows = table if where is None else table[where]
        if rows.empty:
            return None, ""
        names = _text(rows[column].fillna(""))
        hit = rows[names == name]
        if len(hit):
            return hit.iloc[0], "exact"
        hit = rows[names.str.casefold() == name.casefold()]
        return (hit.iloc[0], "case-insensitive") if len(hit) else (None, "")

    campaign_ids: dict[str, tuple[str, str]] = {}
    for name in sorted(set(_text(t["campaign"])) | set(_text(pl["campaign"]) if len(pl) else [])):
        row, how = match(name, camps, "campaign_label")
        if row is None:
            unresolved.append(
                {
                    "what": "campaign",
                    "campaign": name,
                    "ad_group": "",
                    "name": name,
                    "reason": "no campaign of this name in the bulk download",
                }
            )
            continue
        campaign_ids[name] = (str(row["campaign_id"]), how)
    for i, rec in t.iterrows():
        cname = str(rec["campaign"]).strip()
        if cname not in campaign_ids:
            continue
        cid, how_c = campaign_ids[cname]
        grp, how_g = match(
            str(rec["ad_group"]).strip(), groups, "ad_group_label", groups["campaign_id"].astype("str") == cid
        )
        if grp is None:
            unresolved.append(
                {
                    "what": "ad group",
                    "campaign": cname,
                    "ad_group": rec["ad_group"],
                    "name": rec["ad_group"],
                    "reason": "no ad group of this name in the campaign",
                }
            )
            continue
        gid = str(grp["ad_group_id"])

        def in_group(table: pd.DataFrame, gid: str = gid) -> pd.Series:
            return table["ad_group_id"].astype("str") == gid

        mt = str(rec["match_type"]).strip().casefold()
        text = str(rec["targeting"]).strip()
        if mt in ("exact", "phrase", "broad"):
            kw = (
                keywords[in_group(keywords) & (_fold(keywords["match_type"].fillna("")) == mt)]
                if len(keywords)
                else keywords
            )
            hit, how_t = match(text, kw, "keyword_text")
            id_col, id_name = "keyword_id", "keyword"
        else:
            pt = ptargets[in_group(ptargets)] if len(ptargets) else ptargets
            hit, how_t = match(text, pt, "product_targeting_expression")
            if hit is None and "resolved_product_targeting_expression" in pt.columns:
                hit, how_t = match(text, pt, "resolved_product_targeting_expression")
            id_col, id_name = "product_targeting_id", "target"
        if hit is None:
            unresolved.append(
                {
                    "what": id_name,
                    "campaign": cname,
                    "ad_group": rec["ad_group"],
                    "name": text,
                    "reason": f"no {id_name} of this text in the ad group",
                }
            )
            continue
        bid = pd.to_numeric(pd.Series([hit.get("bid")]), errors="coerce").iloc[0]
        if pd.isna(bid):
            bid = pd.to_numeric(pd.Series([grp.get("ad_group_default_bid")]), errors="coerce").iloc[0]
        t.at[i, "campaign_id"] = cid
        t.at[i, "ad_group_id"] = gid
        t.at[i, id_col] = str(hit[id_col])
        t.at[i, "current_bid"] = float(bid) if pd.notna(bid) else pd.NA
        t.at[i, "state"] = str(hit.get("state") or "enabled").strip().lower()
        hows = {how_c, how_g, how_t}
        t.at[i, "matched_by"] = "case-insensitive" if "case-insensitive" in hows else "exact"
    if len(pl):
        adjust_label = placement_label(adjust["placement"].fillna("")) if len(adjust) else pd.Series(dtype="str")
        for i, rec in pl.iterrows():
            cname = str(rec["campaign"]).strip()
            if cname not in campaign_ids:
                continue
            cid = campaign_ids[cname][0]
            camp = camps[camps["campaign_id"].astype("str") == cid].iloc[0]
            pl.at[i, "campaign_id"] = cid
            here = (
                adjust[(adjust["campaign_id"].astype("str") == cid) & (adjust_label == rec["placement"])]
                if len(adjust)
                else adjust
            )
            strategy = (
                here["bidding_strategy"].dropna().iloc[0]
                if len(here) and here["bidding_strategy"].notna().any()
                else camp.get("bidding_strategy")
            )
            pl.at[i, "bidding_strategy"] = strategy if pd.notna(strategy) else pd.NA
            pl.at[i, "current_percentage"] = (
                float(here["percentage"].iloc[0]) if len(here) and pd.notna(here["percentage"].iloc[0]) else 0.0
            )
            pl.at[i, "operation"] = "Update" if len(here) else "Create"
    return t, pl, pd.DataFrame(unresolved, columns=["what", "campaign", "ad_group", "name", "reason"])


def suggest_bids(
    targets: pd.DataFrame,
    break_even: pd.DataFrame,
    *,
    target_acos: float,
    bid_step_cap: float,
    min_clicks: int,
) -> pd.DataFrame:
    """A bid per target: the target ACoS times its revenue per click, shrunk toward its ad group, capped per step.

    ``revenue per click = CVR × order value``, where CVR is the target's orders per click shrunk toward its
    ad group (:func:`sellerops.core.stats.shrink_by_group`: thin evidence moves toward the group, plenty
    keeps its own rate) and the order value is the target's own (3 orders or more) or its ad group's. The
    ACoS aimed at is ``target_acos``, never above the campaign's break-even. The bid moves at most
    ``bid_step_cap`` from the current bid (the bulk download's; without one, the average CPC stands in) and
    only targets with ``min_clicks`` clicks or more change; changes under 5 % are not proposed.

    Parameters
    ----------
    targets : DataFrame
        :func:`assess_targets` output, with ``current_bid`` (and IDs) where a bulk download resolved them.

    Returns
    -------
    DataFrame
        The targets with ``cvr_shrunk, cvr_lower, cvr_upper, prior, revenue_per_click, aim_acos, ideal_bid,
        reference_bid, bid_basis, suggested_bid, bid_change, action, reason``.
    """
    t = targets.copy()
    if "current_bid" not in t.columns:
        t["current_bid"] = np.nan
    t["orders_used"] = np.minimum(t["orders"], t["clicks"])
    shrunk = stats.shrink_by_group(t, ["campaign", "ad_group"], "orders_used", "clicks", confidence=CONFIDENCE)
    t["cvr_shrunk"], t["cvr_lower"], t["cvr_upper"] = shrunk["estimate"], shrunk["lower"], shrunk["upper"]
    t["prior"] = shrunk["prior_fit"]
    t["revenue_per_click"] = t["cvr_shrunk"] * t["order_value"]
    be = _num(t, "break_even_acos")
    t["aim_acos"] = np.where(be.gt(0), np.minimum(target_acos, be), target_acos)
    t["ideal_bid"] = t["aim_acos"] * t["revenue_per_click"]
    current = pd.to_numeric(t["current_bid"], errors="coerce").astype("float64")
    t["reference_bid"] = current.where(current.gt(0), t["cpc"])
    t["bid_basis"] = np.where(current.gt(0), "current bid", "average CPC")
    ref = t["reference_bid"]
    capped = np.clip(t["ideal_bid"], ref * (1 - bid_step_cap), ref * (1 + bid_step_cap))
    t["suggested_bid"] = np.maximum(capped, MIN_BID).round(2)
    t["bid_change"] = t["suggested_bid"] / ref - 1.0
    too_few = t["clicks"] < min_clicks
    unpriced = ~np.isfinite(t["ideal_bid"]) | ~np.isfinite(ref)
    small = t["bid_change"].abs() < MIN_BID_CHANGE
    keep = too_few | unpriced | small
    reason = np.select(
        [
            too_few,
            unpriced,
            small,
            (t["ideal_bid"] > ref * (1 + bid_step_cap)) | (t["ideal_bid"] < ref * (1 - bid_step_cap)),
        ],
        [
            f"fewer than {min_clicks} clicks: too little evidence",
            "no revenue per click to price from",
            f"within {MIN_BID_CHANGE:.0%} of the current bid",
            f"capped at {bid_step_cap:.0%} per step",
        ],
        default="to the ideal bid",
    )
    t["action"] = np.where(keep, "keep", np.where(t["bid_change"] > 0, "raise", "lower"))
    t["reason"] = reason
    t.loc[t["action"] == "keep", "suggested_bid"] = np.nan
    t.loc[t["action"] == "keep", "bid_change"] = np.nan
    return t.drop(columns=["orders_used"])


# --------------------------------------------------------------------------- the result
@dataclass(frozen=True)
class AdEfficiency(Result):
    """Is the ad money well spent, and what should change; see :func:`assess_ads`.

    Tables: ``overview``, ``daily``, ``weekly``, ``restatement``, ``products``, ``campaigns``,
    ``over_break_even``, ``targets``, ``targets_over``, ``match_types``, ``placements``,
    ``placement_changes``, ``elasticity``, ``reallocation``, ``bids``, ``bid_changes``, ``bulk_bids``,
    ``bulk_placements``, ``unresolved``.
    """

    marketplace: str | None = None
    currency: str = "USD"
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    effective_end: pd.Timestamp | None = None
    previous_start: pd.Timestamp | None = None
    previous_end: pd.Timestamp | None = None
    target_acos: float = 0.22
    bid_step_cap: float = 0.2
    min_clicks: int = 20
    min_days: int = 90
    thresholds: Mapping[str, float] = field(default_factory=dict)
    restatement: Restatement | None = None
    pooled: Mapping = field(default_factory=dict)
    restated_check: Mapping = field(default_factory=dict)
    trend: Mapping = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    missing_kinds: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    has_ids: bool = False

    # ----------------------------------------------------------------- helpers
    def _m(self, value: float) -> str:
        return _money(value, self.currency)

    def _value(self, key: str, column: str = "current") -> float:
        t = self.tables["overview"]
        row = t[t["key"] == key]
        return float(row[column].iloc[0]) if len(row) else float("nan")

    @property
    def monthly_loss(self) -> float:
        """Money lost per month by the campaigns whose ACoS is above their break-even."""
        c = self.tables["campaigns"]
        if c.empty or c["break_even_acos"].isna().all():
            return float("nan")
        return float(c.loc[c["acos"].gt(c["break_even_acos"]) | c["sales"].eq(0), "loss_per_month"].sum())

    @property
    def reallocation_gain(self) -> float:
        r = self.tables["reallocation"]
        return float(r["gain_per_month"].sum()) if len(r) else float("nan")

    def _missing_text(self, *kinds: str) -> str:
        return ", ".join(self.labels.get(k, k) for k in kinds if k in self.missing_kinds)

    # ----------------------------------------------------------------- findings
    def findings_by_topic(self) -> dict[str, str]:
        out: dict[str, str] = {}
        out["overview"] = self._overview_sentence()
        out["loss"] = self._loss_sentence()
        out["reallocation"] = self._reallocation_sentence()
        out["bids"] = self._bids_sentence()
        out["restated"] = self._restated_sentence()
        out["trend"] = self._trend_sentence()
        out["break_even"] = self._break_even_sentence()
        out["map"] = self._map_sentence()
        out["match_types"] = self._match_sentence()
        out["placements"] = self._placement_sentence()
        out["elasticity"] = self._elasticity_sentence()
        out["actions"] = self._actions_sentence()
        if self.missing:
            out["missing"] = (
                f"Not in the data folder: {', '.join(self.missing)}; the sections that need them say what they cannot show."
            )
        return out

    def _overview_sentence(self) -> str:
        acos, roas, tacos = self._value("acos"), self._value("roas"), self._value("tacos")
        spend, sales = self._value("spend"), self._value("sales")
        bench = self.thresholds.get("acos_well_run", 0.22)
        avg = self.thresholds.get("acos_industry_average", 0.28)
        where = "within" if acos <= bench else ("above the well-run line but within" if acos <= avg else "above")
        lo, hi = self._value("acos", "lower"), self._value("acos", "upper")
        text = (
            f"From {_day(self.start)} to {_day(self.effective_end)}, {self._m(spend)} of ad spend brought "
            f"{self._m(sales)} of attributed sales: ACoS {_pct(acos)} (95% interval {_pct(lo)} to {_pct(hi)}), "
            f"{where} the article's {_pct(bench, 0)} for a well-run account"
            + (f" (industry average {_pct(avg, 0)})" if acos > bench else "")
            + f"; ROAS {roas:.2f} against 3:1"
        )
        if np.isfinite(tacos):
            text += f"; TACoS {_pct(tacos)} of total sales (advised 10–20%)"
        else:
            text += "; TACoS cannot be shown without a Business Report"
        prev = self._value("acos", "previous")
        if np.isfinite(prev):
            length = (self.previous_end - self.previous_start).days + 1
            held = int(self._value("acos", "previous_days"))
            cover = "" if held >= 0.95 * length else f", with ad data on only {held} of its {length} days,"
            text += f". The previous period ({_span(self.previous_start, self.previous_end)}){cover} ran at ACoS {_pct(prev)}."
        else:
            text += f". The folder has no ad reports for the previous period ({_span(self.previous_start, self.previous_end)}) to compare with."
        return text

    def _loss_sentence(self) -> str:
        c = self.tables["campaigns"]
        if c.empty or c["break_even_acos"].isna().all():
            need = self._missing_text("product_master", "payments_transactions", "sp_advertised_product")
            return (
                "Break-even ACoS cannot be computed without the product master, the payments transactions and "
                "the advertised product report"
                + (f" (missing: {need})" if need else "")
                + ", so no campaign is judged against it."
            )
        over = c[c["acos"].gt(c["break_even_acos"]) | c["sales"].eq(0)]
        targets = self.tables["targets_over"]
        if over.empty:
            text = "Every campaign's ACoS is below the break-even ACoS of the products it advertises."
        else:
            sure = over[over["verdict"] == "above break-even"]
            names = "; ".join(
                f"{r.campaign} (ACoS {_pct(r.acos)} against break-even {_pct(r.break_even_acos)}, "
                f"{self._m(r.loss_per_month)} a month)"
                for r in over.sort_values("loss_per_month", ascending=False).head(3).itertuples()
            )
            if len(over) == 1:
                doubt = ", beyond doubt (the whole 95% interval of its ACoS lies above the line)" if len(sure) else ""
                text = f"1 campaign spends above break-even and loses {self._m(self.monthly_loss)} a month{doubt}: {names}."
            else:
                text = (
                    f"{plural(len(over), 'campaign')} spend above break-even and lose {self._m(self.monthly_loss)} a "
                    f"month, {len(sure)} of them beyond doubt (the whole 95% interval of ACoS above the line): {names}."
                )
        if len(targets):
            text += (
                f" {plural(len(targets), 'target')} with {self.min_clicks}+ clicks {_verb(len(targets), 'loses', 'lose')} "
                "money beyond doubt, "
                f"{self._m(float(targets['loss_per_month'].sum()))} a month; the worst: {targets['targeting'].iloc[0]} "
                f"in {targets['campaign'].iloc[0]} ({self._m(float(targets['loss_per_month'].iloc[0]))} a month)."
            )
        return text

    def _reallocation_sentence(self) -> str:
        r = self.tables["reallocation"]
        if r.empty:
            return (
                "No reallocation: it needs at least two campaigns with a diminishing-returns fit and a break-even ACoS."
            )
        up = r[r["change"] > 0.005].sort_values("change", ascending=False)
        down = r[r["change"] < -0.005].sort_values("change")
        p = self.pooled
        moved = float((r["proposed_spend_per_day"] - r["spend_per_day"]).clip(lower=0).sum())
        return (
            f"Moving {self._m(moved)} of daily spend from {', '.join(down['campaign'].head(3)) or 'no campaign'} to "
            f"{', '.join(up['campaign'].head(3)) or 'no campaign'} raises profit by {self._m(self.reallocation_gain)} "
            f"a month at the same budget (model values, each campaign moved at most its cap; common elasticity "
            f"{p['elasticity']:.2f}, 95% interval {p['lower']:.2f} to {p['upper']:.2f})."
        )

    def _bids_sentence(self) -> str:
        b = self.tables["bid_changes"]
        bids = self.tables["bids"]
        if bids.empty:
            return "No bids can be suggested without a targeting (or search term) report."
        raise_n, lower_n = int((b["action"] == "raise").sum()), int((b["action"] == "lower").sum())
        thin = int((bids["clicks"] < self.min_clicks).sum())
        basis = (
            "the current bid of the bulk download"
            if self.has_ids
            else "the average CPC, as no bulk download gives the current bids"
        )
        pc = self.tables["placement_changes"]
        text = (
            f"{plural(len(b), 'bid change')} proposed, {raise_n} up and {lower_n} down, aiming at ACoS "
            f"{_pct(self.target_acos, 0)} or the product's break-even where that is lower; each moves at most "
            f"{self.bid_step_cap:.0%} from {basis}."
        )
        if thin:
            text += f" {plural(thin, 'target')} with fewer than {self.min_clicks} clicks keep their bid."
        return text + f" {plural(len(pc), 'placement adjustment')} proposed."

    def _restated_sentence(self) -> str:
        r = self.restatement
        if r is None or r.method == "none":
            return "No day of the period is still being restated" + (f": {r.reason}." if r and r.reason else ".")
        days = _span(min(r.days), max(r.days))
        check = self.restated_check
        seen = ""
        if check:
            seen = (
                f" As Amazon reports them now, their sales per click are {_relative(check['relative'])} the "
                f"{BASELINE_DAYS} days before (95% interval: {_relative(check['lower'])} to {_relative(check['upper'])}): "
                "sales still to be attributed, not a drop in performance."
            )
        if r.method == "corrected":
            c = r.completeness
            shares = ", ".join(f"{_pct(v, 0)} at {int(a)} days" for a, v in zip(c["age"], c["estimate"]))
            return (
                f"The last {plural(len(r.days), 'day')} ({days}) are still being restated; they were corrected from "
                f"the account's own downloads ({r.reason}): the share of final sales already reported was {shares}."
                + seen
            )
        return (
            f"The last {plural(len(r.days), 'day')} ({days}) are still being restated and were left out of every "
            f"total, rate and fit (shaded in the weekly chart), because {r.reason}." + seen
        )

    def _trend_sentence(self) -> str:
        t = self.trend
        if not t:
            return f"Fewer than {2 * TREND_WEEKS} complete weeks: no trend to read."
        rec, ear = t["recent"], t["earlier"]
        verdict = stats.decide(rec["acos"].lower, rec["acos"].upper, ear["acos"].estimate)
        word = {"above": "worse than", "below": "better than", "unsure": "no different from"}[verdict]
        sales = stats.decide(rec["sales"].lower, rec["sales"].upper, ear["sales"].estimate)
        move = {"above": "rose", "below": "fell", "unsure": "held steady"}[sales]
        return (
            f"Over the last {TREND_WEEKS} complete weeks ({_span(rec['first'], rec['last'])}) ACoS was {_pct(rec['acos'].estimate)} "
            f"(95% interval {_pct(rec['acos'].lower)} to {_pct(rec['acos'].upper)}), {word} the {TREND_WEEKS} weeks before "
            f"({_pct(ear['acos'].estimate)}); ad sales per day {move} ({self._m(rec['sales'].estimate)} against "
            f"{self._m(ear['sales'].estimate)})."
        )

    def _break_even_sentence(self) -> str:
        p = self.tables["products"]
        if p.empty:
            need = self._missing_text("product_master", "payments_transactions")
            return "Break-even ACoS needs the product master and the payments transactions" + (
                f" (missing: {need})." if need else "."
            )
        c = self.tables["campaigns"].dropna(subset=["break_even_acos"])
        measured = int(p["fees_measured"].sum())
        text = (
            f"Break-even ACoS runs from {_pct(p['break_even_acos'].min())} to {_pct(p['break_even_acos'].max())} across "
            f"{plural(len(p), 'product')}, from each product's price, unit cost and the fees Amazon charged "
            f"({measured} measured from the transactions, referral fee {_pct(p['referral_rate'].median())} of price in the median)"
        )
        if len(c):
            text += f"; the advertised products' break-even ACoS runs from {_pct(c['break_even_acos'].min())} to {_pct(c['break_even_acos'].max())}"
        return text + "."

    def _map_sentence(self) -> str:
        c = self.tables["campaigns"]
        if c.empty:
            return "No campaign had spend in the period."
        parts = []
        for q, meaning in (
            ("scale", "efficient and large"),
            ("watch", "efficient but small"),
            ("fix", "large and above the target ACoS"),
            ("cut", "small and above the target ACoS"),
        ):
            names = c.loc[c["quadrant"] == q, "campaign"]
            if len(names):
                parts.append(f"{q} ({meaning}): {', '.join(names)}")
        return f"Against the target ACoS of {_pct(self.target_acos, 0)} and the median spend: " + "; ".join(parts) + "."

    def _match_sentence(self) -> str:
        m = self.tables["match_types"]
        if m.empty:
            return "Match types cannot be compared without a targeting (or search term) report."
        sold = m[m["sales"] > 0]
        if sold.empty:
            return "No match type sold anything in the period."
        best = sold.sort_values("acos").iloc[0]
        worst = sold.sort_values("acos").iloc[-1]
        return (
            f"{best['match'].capitalize()} targets ran at the lowest ACoS, {_pct(best['acos'])} (95% interval "
            f"{_pct(best['acos_lower'])} to {_pct(best['acos_upper'])}); {worst['match']} at the highest, "
            f"{_pct(worst['acos'])} ({_pct(worst['acos_lower'])} to {_pct(worst['acos_upper'])})."
        )

    def _placement_sentence(self) -> str:
        p = self.tables["placements"]
        if p.empty:
            return (
                "No placement report in the data folder: placements cannot be compared and no placement bid "
                "adjustment is suggested."
            )
        overall = p[p["campaign"] == "all campaigns"].set_index("placement")
        parts = [
            f"{name} {self._m(overall.at[name, 'revenue_per_click'])} ({self._m(overall.at[name, 'rpc_lower'])} to "
            f"{self._m(overall.at[name, 'rpc_upper'])})"
            for name in PLACEMENT_LABELS
            if name in overall.index
        ]
        pc = self.tables["placement_changes"]
        text = "Revenue per click by placement, all campaigns: " + "; ".join(parts) + "."
        if len(pc):
            up = pc[pc["suggested_percentage"] > pc["current_percentage"]]
            down = pc[pc["suggested_percentage"] < pc["current_percentage"]]
            first = pc.loc[(pc["suggested_percentage"] - pc["current_percentage"]).abs().idxmax()]
            text += (
                f" {plural(len(pc), 'campaign placement')} {_verb(len(pc), 'gets', 'get')} a new bid adjustment, where "
                f"the whole 95% interval of its revenue per click lies above or below rest of search's ({len(up)} up, "
                f"{len(down)} down, one step each); the largest: {first['campaign']}, {first['placement']} from "
                f"{first['current_percentage']:+.0f}% to {first['suggested_percentage']:+.0f}%."
            )
        else:
            text += " No placement's evidence is strong enough for an adjustment."
        return text

    def _elasticity_sentence(self) -> str:
        e = self.tables["elasticity"]
        fitted = e[e["fitted"]] if len(e) else e
        if fitted.empty:
            return f"No campaign has the {self.min_days} days with spend a diminishing-returns fit needs."
        be = fitted["campaign"].map(self.tables["campaigns"].set_index("campaign")["break_even_acos"])
        verdict = stats.decide(
            fitted["marginal_acos_lower"].fillna(np.inf), fitted["marginal_acos_upper"].fillna(np.inf), be
        )
        over = fitted[verdict == "above"]
        text = (
            f"{plural(len(fitted), 'campaign')} have enough days for a fit: 1% more spend brings "
            f"{fitted['elasticity'].min():.2f}% to {fitted['elasticity'].max():.2f}% more sales (diminishing returns "
            "below 1), so the next unit of spend costs more than the average one: marginal ACoS = ACoS / elasticity"
        )
        if len(over):
            text += (
                f"; for {plural(len(over), 'campaign')} the next unit of spend loses money beyond doubt (the whole "
                f"interval of marginal ACoS above break-even): {', '.join(over['campaign'])}"
            )
        rest = e[~e["fitted"]]
        if len(rest):
            text += f"; not fitted: {', '.join(rest['campaign'])} ({rest['note'].iloc[0]})"
        return text + "."

    def _actions_sentence(self) -> str:
        b, pc = self.tables["bid_changes"], self.tables["placement_changes"]
        if self.has_ids:
            un = self.tables["unresolved"]
            return (
                f"The bulk sheet holds {plural(len(self.tables['bulk_bids']), 'bid update')} and "
                f"{plural(len(self.tables['bulk_placements']), 'placement adjustment')} with the IDs of the bulk "
                f"download, ready for Bulk operations"
                + (f"; {plural(len(un), 'name')} did not resolve and are listed for review" if len(un) else "")
                + "."
            )
        return (
            f"No bulk download (bulksheets 2.0) in the data folder, so the {plural(len(b), 'bid change')} and "
            f"{plural(len(pc), 'placement adjustment')} are written as review files, not as an upload: Amazon "
            "links bulk rows by campaign, ad group, keyword and target IDs, which only a bulk download holds. "
            "Download one under Campaign manager > Bulk operations, add it to the data folder and run again."
        )

    # ----------------------------------------------------------------- KPIs
    def kpis(self) -> list[KPI]:
        t = self.thresholds
        money = f"money:{self.currency}"
        loss = self.monthly_loss
        over = self.tables["campaigns"]
        n_over = int((over["acos"].gt(over["break_even_acos"]) | over["sales"].eq(0)).sum()) if len(over) else 0
        tacos = self._value("tacos")
        tacos_status = "watch" if np.isfinite(tacos) and tacos < t.get("ad_spend_share_min", 0.0) else ""
        return [
            KPI(
                "acos",
                "ACoS",
                self._value("acos"),
                "fraction",
                benchmark=t.get("acos_well_run"),
                direction="max",
                watch=t.get("acos_industry_average"),
                note="industry average 28%",
            ),
            KPI("roas", "ROAS", self._value("roas"), "ratio", benchmark=t.get("roas_min"), direction="min"),
            KPI(
                "tacos",
                "TACoS",
                tacos,
                "fraction",
                benchmark=t.get("ad_spend_share_max"),
                direction="max",
                status=tacos_status if np.isfinite(tacos) else "info",
                note="advised 10–20% of sales",
            ),
            KPI(
                "loss_above_break_even",
                "lost above break-even per month",
                loss,
                money,
                benchmark=0.0,
                direction="max",
                watch=0.0,
                status="info" if not np.isfinite(loss) else "",
                note=plural(n_over, "campaign"),
            ),
            KPI(
                "reallocation_gain",
                "profit gained by the reallocation per month",
                self.reallocation_gain,
                money,
                status="info",
                note="same budget, model values",
            ),
            KPI("bid_changes", "bid changes proposed", len(self.tables["bid_changes"]), "count", status="info"),
        ]


def _empty(columns) -> pd.DataFrame:
    return pd.DataFrame(columns=list(columns))


def assess_ads(
    frames: Mapping[str, pd.DataFrame],
    *,
    start,
    end,
    marketplace: str | None = None,
    downloads: Sequence[pd.DataFrame] | None = None,
    labels: Mapping[str, str] | None = None,
    target_acos: float = 0.22,
    restated_days: int = RESTATED_DAYS,
    bid_step_cap: float = 0.2,
    min_clicks: int = 20,
    min_days: int = 90,
    regime_days: int = 42,
    max_spend_change: float = 0.5,
    other_cost_rate: float = 0.0,
    usd_rates: Mapping[str, float] | None = None,
    thresholds: Mapping[str, float] | None = None,
) -> AdEfficiency:
    """Ad efficiency for one marketplace and period: every section of notebook 02 in one result.

    Parameters
    ----------
    frames : mapping of kind -> DataFrame
        ``catalog.load_inputs(...).frames``, loaded from the start of the previous period (see
        :func:`previous_period`) to ``end``: at least one of ``sp_campaign``, ``sp_advertised_product``,
        ``sp_targeting``, ``sp_search_term``; optionally ``sp_placement``, ``business_report_by_date`` or
        ``business_report_child_item``, ``payments_transactions``, ``product_master``, ``listing_history``,
        ``sp_bulk``. A kind that is absent is named in the findings of the sections that need it.
    start, end : date
        The period.
    marketplace : str, optional
        For the findings and the listing prices.
    downloads : list of DataFrame, optional
        Every download of one daily ads report, file by file (``catalog.report(file).frame``), to measure
        how Amazon restates the last days (:func:`estimate_restatement`).
    labels : mapping, optional
        Kind -> short name (``inputs.labels``), to name missing inputs.
    target_acos, restated_days, bid_step_cap, min_clicks, min_days, regime_days, max_spend_change, other_cost_rate
        See the verbs; ``target_acos`` defaults to the article's 22 %.
    usd_rates : mapping, optional
        :func:`sellerops.core.money.parse_rates` of the ``fx_rates`` parameter.
    thresholds : mapping, optional
        Benchmark overrides (:func:`sellerops.core.thresholds.resolve_thresholds` keys).
    """
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    labels = dict(labels or {})
    t = resolve_thresholds(**dict(thresholds or {}))
    for name, value, lo, hi in (
        ("target_acos", target_acos, 0.0, 1.0),
        ("bid_step_cap", bid_step_cap, 0.0, 1.0),
        ("max_spend_change", max_spend_change, 0.0, 1.0),
        ("other_cost_rate", other_cost_rate, 0.0, 1.0),
    ):
        if not lo <= float(value) <= hi:
            raise ValueError(f"{name} must be a fraction between {lo:g} and {hi:g}, got {value!r}")
    source = next((k for k in DAILY_KINDS if frames.get(k) is not None), None)
    if source is None:
        raise ValueError(f"ad efficiency needs one of {', '.join(labels.get(k, k) for k in DAILY_KINDS)}")
    ads_frames = [frames.get(k) for k in (*DAILY_KINDS, "sp_placement")]
    currency = _currency(ads_frames)
    groups = (
        ("sp_targeting", "sp_search_term"),
        ("sp_advertised_product",),
        ("sp_placement",),
        ("business_report_by_date", "business_report_child_item"),
        ("payments_transactions",),
        ("product_master",),
        ("sp_bulk",),
    )
    missing_kinds = tuple(k for g in groups if all(frames.get(k) is None for k in g) for k in g)
    missing = tuple(" or ".join(labels.get(k, k) for k in g) for g in groups if all(frames.get(k) is None for k in g))

    # ---- days, restated days, the two periods
    all_days = campaign_days(frames[source])
    as_of = all_days["date"].max() if len(all_days) else None
    restatement = estimate_restatement(downloads, restated_days=restated_days, start=start, end=end, as_of=as_of)
    marked = mark_restated(all_days, restatement)
    current_all = marked[(marked["date"] >= start) & (marked["date"] <= end)]
    current = current_all[current_all["included"]]
    effective_end = current["date"].max() if len(current) else end
    if restatement.method == "excluded" and restatement.days:
        effective_end = min(restatement.days) - pd.Timedelta(days=1)
    prev_start, prev_end = previous_period(start, effective_end)
    previous = marked[(marked["date"] >= prev_start) & (marked["date"] <= prev_end)]
    business = frames.get("business_report_by_date")
    if business is None:
        business = frames.get("business_report_child_item")
    overview = summarise_period(
        current,
        previous,
        total_sales=_total_sales(business, start, effective_end),
        previous_total_sales=_total_sales(business, prev_start, prev_end),
        thresholds=t,
        currency=currency,
    )
    weekly = weekly_trend(current_all)
    trend = _trend(weekly, current_all)
    check = _restated_check(current_all, restatement)

    # ---- break-even
    prices = frames.get("listing_history")
    if prices is not None and marketplace and "marketplace" in prices.columns:
        prices = prices[_text(prices["marketplace"]).str.upper() == str(marketplace).upper()]
    products, campaign_be = break_even_by_campaign(
        frames.get("sp_advertised_product"),
        frames.get("product_master"),
        frames.get("payments_transactions"),
        currency=currency,
        usd_rates=usd_rates,
        other_cost_rate=other_cost_rate,
        prices=prices,
        start=start,
        end=effective_end,
    )
    campaigns = assess_campaigns(current, campaign_be, target_acos=target_acos)

    # ---- targets, match types, bids
    target_source = frames.get("sp_targeting")
    if target_source is None:
        target_source = frames.get("sp_search_term")
    bulk = frames.get("sp_bulk")
    has_ids = bulk is not None and len(bulk) > 0
    if target_source is not None:
        trows = target_rows(target_source)
        trows = trows.merge(marked[["date", "campaign", "included", "restated"]], on=["date", "campaign"], how="left")
        trows = trows[(trows["date"] >= start) & (trows["date"] <= end) & trows["included"].fillna(True).astype(bool)]
        if restatement.method == "corrected" and restatement.days:
            age = (restatement.as_of - trows["date"]).dt.days
            share = age.map(restatement.completeness.set_index("age")["estimate"])
            factor = np.where(trows["date"].isin(list(restatement.days)) & share.gt(0), 1.0 / share, 1.0)
            trows = trows.assign(sales=trows["sales"] * factor, orders=trows["orders"] * factor)
        trows = trows.drop(columns=["included", "restated"])
        targets = assess_targets(trows, campaign_be, min_clicks=min_clicks)
        match_types = compare_match_types(trows)
    else:
        targets, match_types = _empty(_TARGET), _empty(["match", "sales", "acos"])

    # ---- placements (the bulk download's adjustments are the current ones)
    placement_rows = frames.get("sp_placement")
    if placement_rows is not None:
        pr = placement_rows[(placement_rows["date"] >= start) & (placement_rows["date"] <= effective_end)]
        placements = compare_placements(pr, bid_step_cap=bid_step_cap, current=bulk_adjustments(bulk))
    else:
        placements = _empty(["campaign", "placement", "suggested_percentage", "current_percentage"])

    # ---- IDs from a bulk download, then the bids (the current bid is the step's reference)
    camp_places = placements[(placements["campaign"] != "all campaigns") & placements["suggested_percentage"].notna()]
    camp_places = camp_places[camp_places["suggested_percentage"].ne(camp_places["current_percentage"])]
    targets_ids, places_ids, unresolved = resolve_bulk_ids(targets, camp_places[["campaign", "placement"]], bulk)
    if len(targets):
        bids = suggest_bids(
            targets_ids, campaign_be, target_acos=target_acos, bid_step_cap=bid_step_cap, min_clicks=min_clicks
        )
        bids = bids.sort_values(["spend", *_TARGET], ascending=[False, True, True, True, True], kind="stable")
        bids = bids.reset_index(drop=True)
        bid_changes = bids[bids["action"] != "keep"].reset_index(drop=True)
        targets_over = (
            bids[bids["verdict"] == "above break-even"]
            .sort_values(["loss_per_month", *_TARGET], ascending=[False, True, True, True, True], kind="stable")
            .reset_index(drop=True)
        )
    else:
        bids = bid_changes = targets_over = _empty([*_TARGET, "action", "clicks", "loss_per_month", "targeting"])
    placement_changes = camp_places.merge(
        places_ids.drop(columns=["current_percentage"]), on=["campaign", "placement"], how="left"
    ).reset_index(drop=True)

    # ---- tables for the bulk sheet (IDs only where they resolved)
    if has_ids and len(bid_changes):
        ok = bid_changes["campaign_id"].notna() & bid_changes["ad_group_id"].notna()
        bulk_bids = (
            bid_changes.loc[
                ok,
                [
                    "campaign",
                    "ad_group",
                    "targeting",
                    "match_type",
                    "campaign_id",
                    "ad_group_id",
                    "keyword_id",
                    "product_targeting_id",
                    "state",
                    "current_bid",
                    "suggested_bid",
                ],
            ]
            .rename(columns={"suggested_bid": "bid"})
            .reset_index(drop=True)
        )
    else:
        bulk_bids = _empty(["campaign_id", "ad_group_id", "keyword_id", "product_targeting_id", "bid", "state"])
    if has_ids and len(placement_changes):
        ok = placement_changes["campaign_id"].notna() & placement_changes["bidding_strategy"].notna()
        bulk_placements = placement_changes.loc[
            ok, ["campaign", "campaign_id", "placement", "bidding_strategy", "operation", "suggested_percentage"]
        ]
        bulk_placements = (
            bulk_placements.assign(
                placement=bulk_placements["placement"].map(BULK_PLACEMENTS),
                percentage=bulk_placements["suggested_percentage"].astype(int),
            )
            .drop(columns=["suggested_percentage"])
            .reset_index(drop=True)
        )
    else:
        bulk_placements = _empty(["campaign_id", "placement", "percentage", "bidding_strategy", "operation"])

    # ---- diminishing returns and reallocation
    elasticity, pooled = fit_spend_response(current, min_days=min_days, regime_days=regime_days)
    reallocation = reallocate_spend(elasticity, pooled, campaign_be, max_spend_change=max_spend_change)

    over_break_even = campaigns[campaigns["acos"].gt(campaigns["break_even_acos"]) | campaigns["sales"].eq(0)]
    over_break_even = over_break_even.sort_values(
        ["loss_per_month", "campaign"], ascending=[False, True], kind="stable"
    )
    tables = {
        "overview": overview,
        "daily": marked,
        "weekly": weekly,
        "restatement": restatement.completeness,
        "products": products,
        "campaigns": campaigns,
        "over_break_even": over_break_even.reset_index(drop=True),
        "targets": targets,
        "targets_over": targets_over,
        "match_types": match_types,
        "placements": placements,
        "placement_changes": placement_changes,
        "elasticity": elasticity,
        "reallocation": reallocation,
        "bids": bids,
        "bid_changes": bid_changes,
        "bulk_bids": bulk_bids,
        "bulk_placements": bulk_placements,
        "unresolved": unresolved,
    }
    return AdEfficiency(
        title="Ad efficiency",
        tables=tables,
        marketplace=marketplace,
        currency=currency,
        start=start,
        end=end,
        effective_end=effective_end,
        previous_start=prev_start,
        previous_end=prev_end,
        target_acos=float(target_acos),
        bid_step_cap=float(bid_step_cap),
        min_clicks=int(min_clicks),
        min_days=int(min_days),
        thresholds=t,
        restatement=restatement,
        pooled=pooled,
        restated_check=check,
        trend=trend,
        missing=missing,
        missing_kinds=missing_kinds,
        labels=labels,
        has_ids=bool(has_ids),
    )
