"""Inventory turnover: does stock turn fast enough, what to reorder, what to clear.

Works on the canonical frames of one marketplace (``catalog.load_inputs(...).frames``): the FBA
inventory planning snapshots (ages, available, inbound), Manage FBA Inventory, the daily demand per
SKU from All Orders (or, where orders are missing, the Business Report's units spread over the days
of each report), the product master (unit cost, lead time and its spread, case pack) and the payments
transactions (the storage fees and aged-inventory surcharges actually charged). Reads no files.

What it computes, in the order of the notebook:

- **turnover** per SKU and category: cost of the units sold over the average inventory at cost (the
  planning snapshots of the period), annualised (:func:`sellerops.core.metrics.inventory_turnover`);
- **cover**: days of supply and weeks of cover on hand and with inbound and reserved units (t30 and
  t90 sales), and the 90-day sell-through as Amazon defines it for the IPI;
- **aged inventory**: the age of the units on hand in 30-day cohorts, the storage fee and the
  aged-inventory surcharge (AIS) of the coming months projected from the ages and the fee table
  (:data:`FEE_TABLES`, overridable), checked against the surcharges the transactions charged, and
  the units to clear with the money each option (discount, removal, liquidation) saves;
- **IPI factors** a seller can compute: excess inventory, sell-through, stranded units, in-stock rate;
- **demand**: days without stock are censored demand, not zero demand. A zero-sales run is a stock-out
  when a snapshot shows no stock in it, or when so long a run is improbable for the SKU's in-stock
  rate (Poisson, Bonferroni over the runs); its days are filled with the expected demand (the local
  in-stock rate times the season). Each SKU gets a weekly forecast: exponential smoothing
  (statsmodels ``ETSModel``) of the seasonally adjusted series, with a monthly season pooled over the
  marketplace's SKUs where the history supports it (a quasi-Poisson F-test, 13 months at least), or
  TSB (Teunter-Syntetos-Babai, a Croston-type method) for intermittent slow movers; prediction
  intervals; a rolling-origin back-test against the seasonal naive forecast, scored by MASE;
- **reorder plan**: safety stock from demand and lead-time variability at the service level,
  reorder point over lead time plus review period, order date and quantity rounded up to case
  packs, a status per SKU (order now, reorder soon, in stock, overstock; no demand where nothing
  sold and nothing is on hand), beside the plain "days remaining minus lead time" rule.

Examples
--------
>>> round(safety_stock(1.645, daily_sd=2.0, lead_days=49, daily_mean=5.0, lead_sd=7.0), 1)  # 1.645 * sqrt(49 * 4 + 25 * 49)
62.0
>>> round_up_to_case(37, 12), round_up_to_case(0, 12)
(48, 0)
>>> resolve_fee_table("US").storage_rate(11)
2.4
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from scipy import stats as sps

from ..core import metrics, stats
from ..core.money import convert, rates_into
from ..core.results import KPI, Result, plural
from ..core.thresholds import resolve_thresholds

# --------------------------------------------------------------------------- fee tables
#: Labels of the aged-inventory surcharge bands (days in stock).
AIS_BANDS = ("181-210", "211-240", "241-270", "271-300", "301-330", "331-365", "365+")
#: Age cohorts of 30 days (the last is 365 days and over) in which the analysis follows units on hand.
COHORTS = (
    "0-30",
    "31-60",
    "61-90",
    "91-120",
    "121-150",
    "151-180",
    *AIS_BANDS,
)
#: Index of the first surcharged cohort (181-210 days) in :data:`COHORTS`.
FIRST_AIS = 6
#: Cubic feet in a cubic metre (planning reports of some marketplaces state volumes in cubic metres).
CUBIC_FEET_PER_CUBIC_METRE = 35.3147


@dataclass(frozen=True)
class FeeTable:
    """FBA monthly storage fees and aged-inventory surcharge bands of one marketplace.

    Rates are per cubic foot per month, in ``currency``; storage is the standard-size rate (the peak
    rate applies in ``peak_months``), the surcharge is by age band (:data:`AIS_BANDS`), the last band
    with a minimum per unit. ``verified`` is False where the rates are not Amazon's published table
    for the marketplace (the notebook says so); parameters override any rate.

    Examples
    --------
    >>> table = resolve_fee_table("US")
    >>> table.storage_rate(3), table.ais_per_unit(6, 0.01), table.ais_per_unit(6, 2.0)
    (0.78, 0.15, 13.8)
    """

    marketplace: str
    currency: str
    storage_off_peak: float
    storage_peak: float
    ais_rates: tuple[float, ...]
    ais_min_per_unit_365: float
    removal_fee_per_unit: float
    source: str
    verified: bool = True
    peak_months: tuple[int, ...] = (10, 11, 12)

    def storage_rate(self, month: int) -> float:
        """The storage fee per cubic foot for a calendar month (1-12)."""
        return self.storage_peak if int(month) in self.peak_months else self.storage_off_peak

    def ais_per_unit(self, band: int, cubic_feet):
        """The surcharge of one unit in AIS band ``band`` (0 = 181-210 days … 6 = 365+ days) for a month."""
        fee = np.asarray(cubic_feet, dtype="float64") * self.ais_rates[band]
        if band == len(AIS_BANDS) - 1:
            fee = np.maximum(fee, self.ais_min_per_unit_365)
        return float(fee) if np.ndim(fee) == 0 else fee

    def to_frame(self) -> pd.DataFrame:
        """The table as the notebook states it: fee, applies to, rate."""
        rows = [
            ("monthly storage", "January to September, per cubic foot", self.storage_off_peak),
            ("monthly storage", "October to December, per cubic foot", self.storage_peak),
        ]
        rows += [
            ("aged-inventory surcharge", f"{b} days, per cubic foot", r) for b, r in zip(AIS_BANDS, self.ais_rates)
        ]
        rows += [
            ("aged-inventory surcharge", "365+ days, minimum per unit", self.ais_min_per_unit_365),
            ("removal order", "per unit", self.removal_fee_per_unit),
        ]
        frame = pd.DataFrame(rows, columns=["fee", "applies_to", "rate"])
        frame["currency"] = self.currency
        return frame


_US_SOURCE = (
    "Amazon Seller Central (amazon.com) help: Monthly inventory storage fees, standard-size, from 2024; "
    "Aged inventory surcharge, from 15 February 2024 (kept in the 2025 fee changes); removal order fee, "
    "standard-size 1 to 2 lb, 2024"
)
_UNVERIFIED = (
    "not verified against Amazon's published rate card for this marketplace: these are the amazon.com rates "
    "in the local currency; enter your rate card (parameters storage_fee_off_peak, storage_fee_peak, ais_rates) "
    "and compare with the charges below"
)

#: Amazon's fee tables by marketplace (rates in the marketplace's currency, per cubic foot and month).
FEE_TABLES = {
    "US": FeeTable(
        "US", "USD", 0.78, 2.40, (0.50, 1.00, 1.50, 3.80, 4.00, 4.20, 6.90), 0.15, 2.27, _US_SOURCE, verified=True
    ),
    "UK": FeeTable(
        "UK", "GBP", 0.78, 2.40, (0.50, 1.00, 1.50, 3.80, 4.00, 4.20, 6.90), 0.15, 2.27, _UNVERIFIED, verified=False
    ),
}


def parse_ais_rates(text: str) -> dict[int, float]:
    """Surcharge rates written as a parameter: ``"181-210:0.5, 365+:6.9"`` (or with ``=``) -> {band index: rate}.

    Examples
    --------
    >>> parse_ais_rates("181-210:0.5, 365+ = 7")
    {0: 0.5, 6: 7.0}
    >>> parse_ais_rates("")
    {}
    """
    out = {}
    for part in (p.strip() for p in str(text).split(",")):
        if not part:
            continue
        band, sep, value = (x.strip() for x in part.replace(":", "=", 1).partition("="))
        if not sep or band not in AIS_BANDS:
            raise ValueError(f"aged-inventory surcharge rate {part!r}: write BAND=rate with a band of {AIS_BANDS}")
        try:
            rate = float(value)
        except ValueError:
            raise ValueError(f"aged-inventory surcharge rate {part!r}: {value!r} is not a number") from None
        if not math.isfinite(rate) or rate < 0:
            raise ValueError(f"aged-inventory surcharge rate {part!r}: the rate must be 0 or more")
        out[AIS_BANDS.index(band)] = rate
    return out


def resolve_fee_table(
    marketplace: str,
    *,
    storage_off_peak: float = 0.0,
    storage_peak: float = 0.0,
    ais_rates: str = "",
    removal_fee: float = 0.0,
) -> FeeTable:
    """Amazon's fee table of ``marketplace`` with the analyst's overrides (0 or "" keeps the table's rate).

    Raises
    ------
    ValueError
        No table for the marketplace and not every rate given, or an unreadable rate.

    Examples
    --------
    >>> t = resolve_fee_table("US", storage_peak=2.5, ais_rates="365+=7.0")
    >>> t.storage_peak, t.ais_rates[-1], t.ais_rates[0]
    (2.5, 7.0, 0.5)
    """
    code = str(marketplace).upper()
    overrides = parse_ais_rates(ais_rates)
    base = FEE_TABLES.get(code)
    if base is None:
        if not (storage_off_peak and storage_peak and len(overrides) == len(AIS_BANDS)):
            raise ValueError(
                f"no fee table for marketplace {code} (known: {', '.join(FEE_TABLES)}): give storage_fee_off_peak, "
                "storage_fee_peak and ais_rates for every band"
            )
        base = FeeTable(code, "", 0.0, 0.0, (0.0,) * len(AIS_BANDS), 0.0, 0.0, "entered by the analyst", False)
    rates = tuple(overrides.get(i, r) for i, r in enumerate(base.ais_rates))
    changed = bool(storage_off_peak or storage_peak or overrides or removal_fee)
    return replace(
        base,
        storage_off_peak=float(storage_off_peak or base.storage_off_peak),
        storage_peak=float(storage_peak or base.storage_peak),
        ais_rates=rates,
        removal_fee_per_unit=float(removal_fee or base.removal_fee_per_unit),
        source=base.source + ("; rates overridden by parameters" if changed else ""),
    )


# --------------------------------------------------------------------------- formulas
def service_z(service_level: float) -> float:
    """The standard-normal quantile of a cycle service level (0.95 -> 1.645).

    Examples
    --------
    >>> round(service_z(0.95), 3)
    1.645
    """
    level = float(service_level)
    if not 0.5 <= level < 1.0:
        raise ValueError(f"service level must be a fraction in [0.5, 1), e.g. 0.95, got {service_level!r}")
    return float(sps.norm.ppf(level))


def safety_stock(z, *, daily_sd, lead_days, daily_mean, lead_sd):
    """Safety stock for demand and lead-time variability: ``z * sqrt(L * sd_d^2 + d^2 * sd_L^2)``.

    ``lead_days`` is the protection interval (lead time plus review period), ``lead_sd`` the standard
    deviation of the lead time in days, ``daily_mean`` and ``daily_sd`` those of daily demand.

    Examples
    --------
    >>> safety_stock(1.645, daily_sd=1.0, lead_days=16, daily_mean=2.0, lead_sd=0.0)
    6.58
    """
    variance = (
        np.asarray(lead_days, dtype="float64") * np.asarray(daily_sd, dtype="float64") ** 2
        + np.asarray(daily_mean, dtype="float64") ** 2 * np.asarray(lead_sd, dtype="float64") ** 2
    )
    out = np.asarray(z, dtype="float64") * np.sqrt(variance)
    return float(out) if np.ndim(out) == 0 else out


def reorder_point(demand_over_protection, safety):
    """Reorder point: expected demand over lead time and review period, plus safety stock.

    Examples
    --------
    >>> reorder_point(98.0, 6.58)
    104.58
    """
    out = np.asarray(demand_over_protection, dtype="float64") + np.asarray(safety, dtype="float64")
    return float(out) if np.ndim(out) == 0 else out


def round_up_to_case(quantity, case_pack):
    """Units to order rounded up to whole case packs (0 when nothing is needed).

    Examples
    --------
    >>> round_up_to_case([1, 24, 25], 24).tolist()
    [24, 24, 48]
    """
    q = np.maximum(np.asarray(quantity, dtype="float64"), 0.0)
    pack = np.maximum(np.nan_to_num(np.asarray(case_pack, dtype="float64"), nan=1.0), 1.0)
    out = (np.ceil(np.round(q / pack, 6)) * pack).astype("int64")  # float noise never adds a case
    return int(out) if np.ndim(out) == 0 else out


def _per(num, den) -> np.ndarray:
    """``num / den`` element-wise, NaN where ``den`` is 0."""
    n, d = _f(num), _f(den)
    with np.errstate(all="ignore"):
        return np.where(d > 0, n / np.where(d > 0, d, 1.0), np.nan)


def _f(series) -> np.ndarray:
    """A column as float64 (nullable integers with NA as NaN)."""
    return pd.Series(series).to_numpy(dtype="float64", na_value=np.nan)


# --------------------------------------------------------------------------- demand
def measure_daily_demand(
    skus, start, end, *, orders: pd.DataFrame | None = None, business: pd.DataFrame | None = None, products=None
) -> tuple[pd.DataFrame, str]:
    """Units ordered per SKU and day, every SKU on every day of ``start..end`` (0 where none).

    From All Orders: cancelled orders and orders not fulfilled by Amazon are left out. From the
    Business Report by child item (where orders are missing): each report's units are spread evenly
    over the days it covers (a day-level stock-out inside a report cannot be seen then).

    Returns
    -------
    (DataFrame, str)
        A frame indexed by day with one column per SKU, and the source (``all_orders`` /
        ``business_report_child_item``).

    Examples
    --------
    >>> import pandas as pd
    >>> orders = pd.DataFrame({"sku": ["A", "A", "B"], "quantity": [1, 2, 1], "order_status": ["Shipped"] * 2 + ["Cancelled"],
    ...     "purchase_date": pd.to_datetime(["2026-01-01 10:00", "2026-01-02 09:00", "2026-01-02 11:00"])})
    >>> measure_daily_demand(["A", "B"], "2026-01-01", "2026-01-03", orders=orders)[0].to_dict("list")
    {'A': [1.0, 2.0, 0.0], 'B': [0.0, 0.0, 0.0]}
    """
    days = pd.date_range(pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize(), freq="D")
    grid = pd.DataFrame(0.0, index=days, columns=list(skus))
    if orders is not None and len(orders):
        o = orders[orders["sku"].notna()]
        for column in ("order_status", "item_status"):
            if column in o.columns:
                o = o[~o[column].fillna("").str.casefold().isin(["cancelled", "canceled"])]
        if "fulfillment_channel" in o.columns and o["fulfillment_channel"].notna().any():
            o = o[o["fulfillment_channel"].fillna("Amazon").str.casefold().isin(["amazon", "afn"])]
        o = o.assign(day=o["purchase_date"].dt.normalize(), q=_f(o["quantity"]))
        units = o.groupby(["day", "sku"])["q"].sum().unstack(fill_value=0.0)
        units = units.reindex(index=days, columns=grid.columns, fill_value=0.0).fillna(0.0)
        return units.astype("float64"), "all_orders"
    if business is not None and len(business):
        b = business.copy()
        if "sku" not in b.columns or b["sku"].isna().all():
            asin_to_sku = {} if products is None else dict(zip(products["asin"], products["sku"]))
            b["sku"] = b["child_asin"].map(asin_to_sku)
        b = b[b["sku"].isin(grid.columns)]
        for row in b.itertuples(index=False):
            first = pd.Timestamp(row.start_date).normalize()
            last = pd.Timestamp(row.end_date if pd.notna(row.end_date) else row.start_date).normalize()
            span = pd.date_range(first, last, freq="D")
            inside = span[(span >= days[0]) & (span <= days[-1])]
            if len(span) and len(inside) and pd.notna(row.units_ordered):
                grid.loc[inside, row.sku] += float(row.units_ordered) / len(span)
        return grid, "business_report_child_item"
    return grid, "none"


@dataclass(frozen=True)
class Season:
    """A monthly demand season pooled over a marketplace's SKUs (index 1.0 = an average month)."""

    index: pd.Series  # calendar month 1..12 -> multiplier (mean 1)
    supported: bool
    p_value: float
    months: int
    reason: str

    def by_day(self, days: pd.DatetimeIndex) -> np.ndarray:
        """The multiplier of each day."""
        return self.index.reindex(days.month).to_numpy(dtype="float64")


FLAT_SEASON = pd.Series(1.0, index=pd.Index(range(1, 13), name="month"), name="index")


def estimate_season(daily: pd.DataFrame, *, min_months: int = 13, alpha: float = 0.05) -> Season:
    """The monthly season of pooled demand, where the history supports it.

    A Poisson GLM of the pooled units of each complete calendar month, with the number of days as
    exposure and one effect per calendar month, against a model without season: a quasi-Poisson F-test
    (the Pearson scale absorbs the wandering level). With fewer than ``min_months`` complete months,
    or p >= ``alpha``, the season is flat (every month 1.0).
    """
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    pooled = daily.sum(axis=1)
    index = pd.DatetimeIndex(pooled.index)
    by_month = pooled.groupby([index.year, index.month]).agg(["sum", "count"])
    days_in = np.array([pd.Period(year=y, month=m, freq="M").days_in_month for y, m in by_month.index])
    complete = by_month[by_month["count"].to_numpy() >= days_in]
    n = len(complete)
    if n < min_months:
        return Season(FLAT_SEASON, False, float("nan"), n, f"{n} complete months of history, {min_months} needed")
    if complete["sum"].sum() <= 0:
        return Season(FLAT_SEASON, False, float("nan"), n, "no demand in the history")
    months = complete.index.get_level_values(1).to_numpy()
    present = sorted(set(months))
    design = np.column_stack([(months == m).astype(float) for m in present])
    y = complete["sum"].to_numpy(dtype="float64")
    offset = np.log(complete["count"].to_numpy(dtype="float64"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = GLM(y, design, family=families.Poisson(), offset=offset).fit(scale="X2")
        null = GLM(y, np.ones((n, 1)), family=families.Poisson(), offset=offset).fit()
    df_diff = design.shape[1] - 1
    df_resid = n - design.shape[1]
    if df_resid <= 0 or not np.isfinite(full.scale) or full.scale <= 0:
        return Season(FLAT_SEASON, False, float("nan"), n, "too few months to test a season")
    f_stat = (null.deviance - full.deviance) / df_diff / full.scale
    p = float(sps.f.sf(f_stat, df_diff, df_resid))
    if p >= alpha:
        return Season(FLAT_SEASON, False, p, n, f"no season detectable (p = {p:.2f})")
    rate = pd.Series(np.exp(full.params), index=present).reindex(range(1, 13))
    rate = rate.fillna(rate.mean())
    index = (rate / rate.mean()).rename("index")
    index.index.name = "month"
    return Season(index, True, p, n, f"season from {n} months of pooled demand (p = {p:.1g})")


@dataclass(frozen=True)
class Stockouts:
    """Days out of stock per SKU, and demand with those days filled in."""

    tracked: pd.DataFrame  # day x sku: the SKU was listed (True from its first stock or sale)
    out: pd.DataFrame  # day x sku: out of stock (censored demand)
    demand: pd.DataFrame  # day x sku: units sold, and the expected demand on days out of stock
    periods: pd.DataFrame  # one row per stock-out


def _runs(zero: np.ndarray) -> list[tuple[int, int]]:
    """Start and end (inclusive) of each run of True."""
    if not zero.any():
        return []
    padded = np.concatenate([[False], zero, [False]])
    edges = np.flatnonzero(np.diff(padded.astype(int)))
    return [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2])]


#: Days of the SKU's overall in-stock rate that the local rate around a run is shrunk with.
PRIOR_DAYS = 30.0


def _dispersion(units: np.ndarray, season: np.ndarray) -> float:
    """Negative-binomial shape of weekly sales (seasonally adjusted): ``mean^2 / (var - mean)``; inf if Poisson."""
    weeks = len(units) // 7
    if weeks < 4:
        return math.inf
    y = units[-7 * weeks :].reshape(weeks, 7).sum(axis=1) / season[-7 * weeks :].reshape(weeks, 7).mean(axis=1)
    mean, var = float(y.mean()), float(y.var(ddof=1))
    if mean <= 0 or var <= mean:
        return math.inf
    return max(mean**2 / (var - mean), 0.5)


def detect_stockouts(
    units: pd.DataFrame,
    snapshots: pd.DataFrame | None = None,
    *,
    season: Season | None = None,
    end_available: pd.Series | None = None,
    alpha: float = 0.05,
    window_days: int = 60,
    min_days: int = 7,
) -> Stockouts:
    """Find the days each SKU was out of stock, and fill them with the demand it would have had.

    A run of days without a sale is a stock-out when a planning snapshot inside it (or on the day
    before it) shows no units available, or when a run of at least ``min_days`` is improbable while in
    stock: the chance of no sale in it is below ``alpha`` divided by the SKU's number of runs
    (Bonferroni). That chance is the negative-binomial probability of zero for the demand expected in
    the run (the SKU's in-stock rate in the ``window_days`` around it, times the season), with the
    overdispersion of the SKU's weekly sales (a wandering level makes long runs likelier than Poisson
    says). A run is in stock when the last snapshot before it, less every unit sold since, still leaves
    stock (receipts only add to it); a snapshot showing stock inside a run ends the candidate there
    (with no sale the stock stays). The local rate leaves out the run itself and the stock-outs a
    snapshot shows, and the sale days that bound the run, and is shrunk toward the SKU's rate over
    all its days with ``PRIOR_DAYS`` of weight.

    Parameters
    ----------
    units : DataFrame
        Day x SKU units sold (:func:`measure_daily_demand`).
    snapshots : DataFrame, optional
        ``sku, snapshot_date, available`` (planning snapshots, one row per SKU and date).
    season : Season, optional
        Multiplies the expected demand of each day (flat without).
    end_available : Series, optional
        SKU -> units available on the last day (Manage FBA Inventory).
    """
    days = units.index
    U = units.to_numpy(dtype="float64").T  # (S, D)
    S, D = U.shape
    s_day = season.by_day(days) if season is not None else np.ones(D)
    snap: dict[str, list[tuple[int, float]]] = {sku: [] for sku in units.columns}
    if snapshots is not None and len(snapshots):
        pos = days.get_indexer(pd.DatetimeIndex(snapshots["snapshot_date"]).normalize())
        for sku, p, a in zip(snapshots["sku"], pos, _f(snapshots["available"])):
            if sku in snap and p >= 0 and not np.isnan(a):
                snap[sku].append((int(p), float(a)))
    if end_available is not None:
        for sku, a in end_available.items():
            if sku in snap and pd.notna(a):
                snap[sku].append((D - 1, float(a)))
    tracked = np.zeros((S, D), dtype=bool)
    out = np.zeros((S, D), dtype=bool)
    demand = U.copy()
    rows = []
    for i, sku in enumerate(units.columns):
        points = sorted(snap[sku])
        stocked = [p for p, a in points if a > 0]
        sold = np.flatnonzero(U[i] > 0)
        firsts = ([sold[0]] if len(sold) else []) + ([stocked[0]] if stocked else [])
        if not firsts:
            continue
        first = int(min(firsts))
        tracked[i, first:] = True
        zero = (U[i] == 0) & tracked[i]
        cum_sold = np.concatenate([[0.0], np.cumsum(U[i])])
        candidates = []  # (start, end, out evidence)
        for a, b in _runs(zero):
            inside = [(p, v) for p, v in points if a - 1 <= p <= b]
            stock_at = [p for p, v in inside if v > 0 and a <= p < b]
            stop = stock_at[0] if stock_at else b
            evidence = any(v == 0 and p < stop for p, v in inside) or any(v == 0 and p == b for p, v in inside)
            earlier = [(p, v) for p, v in points if p <= a - 1]
            if earlier and not evidence:  # stock then, less every sale since, is a floor (receipts only add)
                p0, v0 = earlier[-1]
                if v0 - (cum_sold[a] - cum_sold[p0 + 1]) > 0:
                    continue
            candidates.append((a, stop, evidence))
        known_out = np.zeros(D, dtype=bool)
        for a, b, evidence in candidates:
            known_out[a : b + 1] |= evidence
        base = tracked[i] & ~known_out
        base_rate = U[i][base].sum() / s_day[base].sum() if s_day[base].sum() > 0 else 0.0
        n_runs = max(len(candidates), 1)
        shape = _dispersion(U[i, first:], s_day[first:])
        flagged = np.zeros(D, dtype=bool)
        details = []
        for a, b, evidence in candidates:
            lo, hi = max(first, a - window_days), min(D, b + 1 + window_days)
            mask = base[lo:hi].copy()
            # leave out the run and the sales that bound it (a run always ends at a sale: counting them biases up)
            mask[max(a - 1 - lo, 0) : b + 2 - lo] = False
            # the local in-stock rate, shrunk toward the SKU's rate over all its days (a few sales say little)
            rate = (U[i, lo:hi][mask].sum() + base_rate * PRIOR_DAYS) / (s_day[lo:hi][mask].sum() + PRIOR_DAYS)
            expected = rate * s_day[a : b + 1]
            mu = float(expected.sum())
            p_none = float(np.exp(-mu)) if math.isinf(shape) else float((shape / (shape + mu)) ** shape)
            if evidence or (b - a + 1 >= min_days and p_none < alpha / n_runs):
                flagged[a : b + 1] = True
                details.append((a, b, evidence, p_none, expected))
        out[i] = flagged
        for a, b, evidence, p_none, expected in details:
            demand[i, a : b + 1] = expected
            rows.append(
                {
                    "sku": sku,
                    "start": days[a],
                    "end": days[b],
                    "days": b - a + 1,
                    "units_lost": float(expected.sum()),
                    "evidence": "a snapshot showed no stock" if evidence else f"no sale for {b - a + 1} days",
                    "p_no_sale_in_stock": p_none,
                }
            )
    columns = ["sku", "start", "end", "days", "units_lost", "evidence", "p_no_sale_in_stock"]
    periods = pd.DataFrame(rows, columns=columns).sort_values(["sku", "start"], ignore_index=True)

    def frame(a):
        return pd.DataFrame(a.T, index=days, columns=units.columns)

    return Stockouts(frame(tracked), frame(out), frame(demand), periods)


# --------------------------------------------------------------------------- forecasts
#: Average demand interval (periods per period with demand) above which demand is intermittent
#: (Syntetos, Boylan & Croston 2005).
ADI_INTERMITTENT = 1.32
#: Smoothing constants of the TSB method for intermittent demand (size and probability).
TSB_ALPHA = 0.1
TSB_BETA = 0.1


def weekly(frame: pd.DataFrame, end) -> pd.DataFrame:
    """Sum a day x SKU frame into 7-day blocks ending on ``end`` (an incomplete first block is dropped).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"A": range(10)}, index=pd.date_range("2026-01-01", periods=10))
    >>> weekly(d, "2026-01-10")["A"].tolist()
    [42]
    """
    end = pd.Timestamp(end).normalize()
    frame = frame[frame.index <= end]
    block = (end - frame.index).days // 7
    complete = block <= ((end - frame.index[0]).days + 1) // 7 - 1
    sums = frame[complete].groupby(block[complete]).sum().sort_index(ascending=False)
    sums.index = pd.DatetimeIndex([end - pd.Timedelta(days=7 * int(k)) for k in sums.index], name="week_end")
    return sums


def tsb_forecast(y: np.ndarray, alpha: float = TSB_ALPHA, beta: float = TSB_BETA) -> float:
    """Demand per period for intermittent demand: TSB (Teunter, Syntetos & Babai 2011).

    The size of a demand is smoothed when a demand occurs, the probability of a demand every period,
    so that a run of empty periods lowers the forecast (Croston's method would not).

    Examples
    --------
    >>> round(tsb_forecast(np.array([0, 2, 0, 0, 2, 0, 0, 2.0])), 3)
    0.775
    >>> tsb_forecast(np.zeros(5))
    0.0
    """
    y = np.asarray(y, dtype="float64")
    demand = y > 0
    if not demand.any():
        return 0.0
    z = float(y[demand].mean())
    p = float(demand.mean())
    for value in y:
        if value > 0:
            z += alpha * (value - z)
        p += beta * ((value > 0) - p)
    return float(p * z)


def _ets_fit(y: np.ndarray, index=None):
    """Simple exponential smoothing with additive errors (statsmodels ETSModel, A,N,N)."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    data = pd.Series(y, index=index) if index is not None else y
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ETSModel(data, error="add", trend=None, seasonal=None).fit(disp=False)


def _classify(y: np.ndarray) -> tuple[str, float]:
    nonzero = int((y > 0).sum())
    if nonzero == 0:
        return "no demand", float("nan")
    adi = len(y) / nonzero
    if adi > ADI_INTERMITTENT or nonzero < 4:
        return "intermittent", adi
    return "smooth", adi


def _point_forecast(y_adj: np.ndarray) -> tuple[str, float]:
    """Method and the level per week of a seasonally adjusted weekly series."""
    kind, _ = _classify(y_adj)
    if kind == "no demand":
        return kind, 0.0
    if kind == "intermittent":
        return kind, tsb_forecast(y_adj)
    fit = _ets_fit(y_adj)
    return kind, float(max(fit.forecast(1)[0], 0.0))


def _week_season(weeks: pd.DatetimeIndex, season: Season) -> np.ndarray:
    """The mean season multiplier of the 7 days ending on each week's last day."""
    days = pd.DatetimeIndex(weeks).to_numpy()[:, None] - np.arange(7) * np.timedelta64(1, "D")
    months = pd.DatetimeIndex(days.ravel()).month.to_numpy()
    return season.index.to_numpy(dtype="float64")[months - 1].reshape(len(weeks), 7).mean(axis=1)


def backtest_forecasts(
    daily_demand: pd.DataFrame,
    daily_out: pd.DataFrame,
    tracked: pd.DataFrame,
    end,
    *,
    origins: int = 8,
    horizon_weeks: int = 8,
    step_weeks: int = 4,
    season_period: int = 52,
) -> pd.DataFrame:
    """Rolling-origin back-test of the weekly forecast against the seasonal naive forecast.

    At each origin the season is estimated from the history before it, the method chosen and fitted
    on it, and both forecasts are compared with the next ``horizon_weeks`` weeks; weeks with a day out of
    stock or not yet listed are not scored. MASE divides each origin's mean absolute error by the
    in-sample mean absolute error of the one-week naive forecast (the same scale for both methods).

    Returns
    -------
    DataFrame
        ``sku, method, origins, weeks_scored, mase_model, mase_seasonal_naive, beats_seasonal_naive``;
        ``method`` is the one used at the last origin. Empty where the history is shorter than a season
        plus a horizon.
    """
    wk = weekly(daily_demand, end)
    out_wk = weekly(daily_out.astype(float), end) > 0
    listed = weekly((~tracked).astype(float), end) == 0
    n = len(wk)
    columns = ["sku", "method", "origins", "weeks_scored", "mase_model", "mase_seasonal_naive", "beats_seasonal_naive"]
    first_origin = max(season_period + 4, 57)
    last = n - horizon_weeks
    points = [last - step_weeks * k for k in range(origins) if last - step_weeks * k >= first_origin]
    if not points:
        return pd.DataFrame(columns=columns)
    seasons = {}
    for o in points:
        cut = wk.index[o - 1]
        seasons[o] = estimate_season(daily_demand[daily_demand.index <= cut])
    week_seasons = {o: _week_season(wk.index, seasons[o]) for o in points}
    rows = []
    for sku in wk.columns:
        y = wk[sku].to_numpy(dtype="float64")
        scoreable = (~out_wk[sku].to_numpy()) & listed[sku].to_numpy()
        model_scores, naive_scores, scored, method = [], [], 0, ""
        for o in sorted(points):
            train_ok = listed[sku].to_numpy()[:o]
            train = y[:o][train_ok]
            if len(train) < season_period + 2:
                continue
            scale = np.mean(np.abs(np.diff(train)))
            if not scale > 0:
                continue
            sw = week_seasons[o]
            kind, level = _point_forecast((y[:o] / sw[:o])[train_ok])
            method = kind
            target = slice(o, o + horizon_weeks)
            mask = scoreable[target]
            if not mask.any():
                continue
            forecast = level * sw[target]
            naive = y[o - season_period : o - season_period + horizon_weeks]
            actual = y[target]
            model_scores.append(np.mean(np.abs(actual - forecast)[mask]) / scale)
            naive_scores.append(np.mean(np.abs(actual - naive)[mask]) / scale)
            scored += int(mask.sum())
        if not model_scores:
            continue
        m, s = float(np.mean(model_scores)), float(np.mean(naive_scores))
        rows.append(
            {
                "sku": sku,
                "method": method,
                "origins": len(model_scores),
                "weeks_scored": scored,
                "mase_model": m,
                "mase_seasonal_naive": s,
                "beats_seasonal_naive": m < s,
            }
        )
    return pd.DataFrame(rows, columns=columns)


def forecast_demand(
    daily_demand: pd.DataFrame,
    tracked: pd.DataFrame,
    end,
    season: Season,
    *,
    horizon_weeks: int = 26,
    confidence: float = 0.95,
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A weekly forecast per SKU with prediction intervals.

    Smooth demand: exponential smoothing (statsmodels ``ETSModel``, additive errors, no trend) of the
    seasonally adjusted weekly series, its prediction intervals times the season of each future week.
    Intermittent demand (ADI above 1.32, or fewer than 4 weeks with a sale): TSB, with Poisson
    intervals. Totals over 4 and 13 weeks: quantiles of 2,000 simulated paths (ETS, seeded) or of the
    Poisson total (TSB).

    Returns
    -------
    (DataFrame, DataFrame)
        Per SKU: ``sku, method, adi, weekly_level, daily_sd, next_4_weeks, next_4_weeks_lower,
        next_4_weeks_upper, next_13_weeks, next_13_weeks_lower, next_13_weeks_upper``; and per SKU and
        future week: ``sku, week_end, forecast, lower, upper``.
    """
    wk = weekly(daily_demand, end)
    listed = weekly((~tracked).astype(float), end) == 0
    end = pd.Timestamp(end).normalize()
    future = pd.DatetimeIndex([end + pd.Timedelta(days=7 * (k + 1)) for k in range(horizon_weeks)])
    sw_hist = _week_season(wk.index, season)
    sw_future = _week_season(future, season)
    tail = (1 - confidence) / 2
    rng = np.random.default_rng(seed)
    rows, weeks = [], []
    for sku in wk.columns:
        ok = listed[sku].to_numpy()
        y_adj = (wk[sku].to_numpy(dtype="float64") / sw_hist)[ok]
        kind, adi = _classify(y_adj)
        totals = {}
        if kind == "smooth":
            fit = _ets_fit(y_adj, index=pd.RangeIndex(len(y_adj)))
            level = float(fit.forecast(1).iloc[0])
            pred = fit.get_prediction(start=len(y_adj), end=len(y_adj) + horizon_weeks - 1).summary_frame(
                alpha=1 - confidence
            )
            mean = np.maximum(pred["mean"].to_numpy() * sw_future, 0.0)
            lower = np.maximum(pred["pi_lower"].to_numpy() * sw_future, 0.0)
            upper = np.maximum(pred["pi_upper"].to_numpy() * sw_future, 0.0)
            sigma = float(np.sqrt(fit.mse))
            paths = np.asarray(fit.simulate(13, anchor="end", repetitions=2000, rng=rng), dtype="float64")
            paths = np.maximum(paths.reshape(13, -1) * sw_future[:13, None], 0.0)
            for h in (4, 13):
                total = paths[:h].sum(axis=0)
                totals[h] = (
                    float(mean[:h].sum()),
                    float(np.quantile(total, tail)),
                    float(np.quantile(total, 1 - tail)),
                )
            method = "exponential smoothing" + (" with season" if season.supported else "")
        else:
            level = tsb_forecast(y_adj) if kind == "intermittent" else 0.0
            mean = level * sw_future
            lower = sps.poisson.ppf(tail, mean) if level > 0 else np.zeros(horizon_weeks)
            upper = sps.poisson.ppf(1 - tail, mean) if level > 0 else np.zeros(horizon_weeks)
            sigma = float(np.sqrt(level))  # Poisson: variance = mean
            for h in (4, 13):
                mu = float(mean[:h].sum())
                lo, hi = (sps.poisson.ppf(tail, mu), sps.poisson.ppf(1 - tail, mu)) if mu > 0 else (0.0, 0.0)
                totals[h] = (mu, float(lo), float(hi))
            method = "intermittent (TSB)" if kind == "intermittent" else "no demand"
        rows.append(
            {
                "sku": sku,
                "method": method,
                "adi": adi,
                "weekly_level": level,
                "daily_sd": sigma / math.sqrt(7.0),
                **{
                    f"next_{h}_weeks{suffix}": totals[h][j]
                    for h in (4, 13)
                    for j, suffix in enumerate(("", "_lower", "_upper"))
                },
            }
        )
        weeks.append(pd.DataFrame({"sku": sku, "week_end": future, "forecast": mean, "lower": lower, "upper": upper}))
    return pd.DataFrame(rows), pd.concat(weeks, ignore_index=True)


def daily_forecast(level_per_week: float, season: Season, end, days: int) -> np.ndarray:
    """The expected units of each of the ``days`` days after ``end`` (the weekly level spread, times the season)."""
    future = pd.date_range(pd.Timestamp(end).normalize() + pd.Timedelta(days=1), periods=days, freq="D")
    return level_per_week / 7.0 * season.by_day(future)


# --------------------------------------------------------------------------- ages and fees
def _share(total, weights) -> list:
    weights = np.asarray(weights, dtype="float64")
    return [total * w / weights.sum() for w in weights]


def age_cohorts(planning: pd.DataFrame) -> pd.DataFrame:
    """Units on hand per SKU and snapshot in 30-day age cohorts (:data:`COHORTS`), both planning layouts.

    The surcharge bands come from the ``quantity-to-be-charged-ais-*`` columns where the report has
    them (exact); otherwise wider age buckets are split over their 30-day cohorts in proportion to
    days (``exact`` False): 91-180 into three, 181-330 into five (new layout); 0-90, 91-180, 181-270 into
    three and 271-365 into 30/30/35 days (old layout).

    Returns
    -------
    DataFrame
        ``sku, snapshot_date, exact`` and one column per cohort.
    """
    p = planning

    def col(name):
        return _f(p[name]) if name in p.columns else np.full(len(p), np.nan)

    cohorts = {c: np.zeros(len(p)) for c in COHORTS}
    new = not np.all(np.isnan(col("inv_age_0_to_30_days")))
    if new:
        cohorts["0-30"], cohorts["31-60"], cohorts["61-90"] = (
            col("inv_age_0_to_30_days"),
            col("inv_age_31_to_60_days"),
            col("inv_age_61_to_90_days"),
        )
        for c, v in zip(COHORTS[3:6], _share(np.nan_to_num(col("inv_age_91_to_180_days")), [30, 30, 30])):
            cohorts[c] = v
    else:
        for c, v in zip(COHORTS[0:3], _share(np.nan_to_num(col("inv_age_0_to_90_days")), [31, 30, 30])):
            cohorts[c] = v
        for c, v in zip(COHORTS[3:6], _share(np.nan_to_num(col("inv_age_91_to_180_days")), [30, 30, 30])):
            cohorts[c] = v
    ais_names = [f"quantity_to_be_charged_ais_{b.replace('+', '_plus').replace('-', '_')}_days" for b in AIS_BANDS]
    ais_names[-1] = "quantity_to_be_charged_ais_365_plus_days"
    ais = np.column_stack([col(n) for n in ais_names])
    has_ais = ~np.isnan(ais).all(axis=1)
    if new:
        split = np.column_stack(
            _share(np.nan_to_num(col("inv_age_181_to_330_days")), [30] * 5)
            + [np.nan_to_num(col("inv_age_331_to_365_days")), np.nan_to_num(col("inv_age_365_plus_days"))]
        )
    else:
        split = np.column_stack(
            _share(np.nan_to_num(col("inv_age_181_to_270_days")), [30, 30, 30])
            + _share(np.nan_to_num(col("inv_age_271_to_365_days")), [30, 30, 35])
            + [np.nan_to_num(col("inv_age_365_plus_days"))]
        )
    bands = np.where(has_ais[:, None], np.nan_to_num(ais), split)
    for j, c in enumerate(AIS_BANDS):
        cohorts[c] = bands[:, j]
    frame = pd.DataFrame({c: np.nan_to_num(v) for c, v in cohorts.items()})
    inexact = (split[:, :-1].sum(axis=1) > 0) & ~has_ais  # a split only matters where units are 181-365 days old
    frame.insert(0, "exact", ~inexact)
    frame.insert(0, "snapshot_date", pd.DatetimeIndex(p["snapshot_date"]).normalize())
    frame.insert(0, "sku", p["sku"].to_numpy())
    return frame.groupby(["sku", "snapshot_date"], as_index=False).agg({"exact": "all", **{c: "sum" for c in COHORTS}})


def surcharge_of(cohorts: pd.DataFrame, cubic_feet: pd.Series, fees: FeeTable) -> np.ndarray:
    """The aged-inventory surcharge of each row of a cohort table (units in the AIS bands x rates)."""
    cuft = cohorts["sku"].map(cubic_feet).to_numpy(dtype="float64")
    total = np.zeros(len(cohorts))
    for j, band in enumerate(AIS_BANDS):
        total += cohorts[band].to_numpy(dtype="float64") * fees.ais_per_unit(j, np.nan_to_num(cuft))
    return total


_AIS_WORDS = ("aged inventory surcharge", "long-term storage", "long term storage")


def charged_fees(transactions: pd.DataFrame | None) -> pd.DataFrame:
    """The storage fees and aged-inventory surcharges the transactions charged, one row per posting.

    Rows of type ``FBA Inventory Fee`` whose description names a storage fee or the surcharge (its
    old name, the long-term storage fee, included); amounts as positive costs.

    Returns
    -------
    DataFrame
        ``date, fee (storage | surcharge), amount, currency``.
    """
    columns = ["date", "fee", "amount", "currency"]
    if transactions is None or not len(transactions):
        return pd.DataFrame(columns=columns)
    t = transactions
    text = t["description"].fillna("").str.casefold()
    kind = t["type"].fillna("").str.casefold()
    inventory_fee = kind.str.contains("inventory fee") | text.str.contains("storage") | text.str.contains("surcharge")
    ais = text.apply(lambda s: any(w in s for w in _AIS_WORDS))
    storage = text.str.contains("storage fee") & ~ais
    rows = t[inventory_fee & (ais | storage)]
    date = rows["date"] if "date" in rows.columns else rows["date_time"].dt.normalize()
    out = pd.DataFrame(
        {
            "date": pd.DatetimeIndex(date).normalize(),
            "fee": np.where(ais[rows.index], "surcharge", "storage"),
            "amount": -_f(rows["total"]),
            "currency": rows["currency"].to_numpy() if "currency" in rows.columns else "",
        }
    )
    return out.sort_values(["date", "fee"], ignore_index=True)


def check_fees(
    cohorts: pd.DataFrame,
    onhand: pd.DataFrame,
    cubic_feet: pd.Series,
    charged: pd.DataFrame,
    fees: FeeTable,
    start,
    end,
) -> pd.DataFrame:
    """The fees projected from the snapshots and the fee table beside those the transactions charged.

    A surcharge or storage fee posted in month m + 1 belongs to the snapshot at the end of month m (the
    latest snapshot within 45 days before the posting). The projected surcharge is that snapshot's
    units per band times the rates; the projected storage fee is the month's average units (the mean of
    the snapshots at its start and end) times the cubic feet and the month's rate.

    Returns
    -------
    DataFrame
        ``charged_month, snapshot_date, surcharge_projected, surcharge_charged, surcharge_difference,
        storage_projected, storage_charged, storage_difference, exact`` for the postings of ``start..end``.
    """
    columns = [
        "charged_month",
        "snapshot_date",
        "surcharge_projected",
        "surcharge_charged",
        "surcharge_difference",
        "storage_projected",
        "storage_charged",
        "storage_difference",
        "exact",
        "ages",
    ]
    if charged is None or not len(charged) or not len(cohorts):
        return pd.DataFrame(columns=columns)
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    c = charged[(charged["date"] >= start) & (charged["date"] <= end)]
    if not len(c):
        return pd.DataFrame(columns=columns)
    c = c.assign(month=c["date"].dt.to_period("M"))
    posted = c.pivot_table(index="month", columns="fee", values="amount", aggfunc="sum").reindex(
        columns=["storage", "surcharge"]
    )
    posting_day = c.groupby("month")["date"].min()
    snaps = cohorts.assign(ais=surcharge_of(cohorts, cubic_feet, fees))
    per_snapshot = snaps.groupby("snapshot_date").agg(ais=("ais", "sum"), exact=("exact", "all"))
    dates = per_snapshot.index
    oh = onhand.copy()
    oh["cuft"] = oh["units"] * oh["sku"].map(cubic_feet).astype("float64")
    cuft_at = oh.groupby("snapshot_date")["cuft"].sum()
    rows = []
    for month, day in posting_day.items():
        before = dates[(dates < day) & (dates >= day - pd.Timedelta(days=45))]
        if not len(before):
            continue
        snap = before.max()
        prior = dates[(dates < snap) & (dates >= snap - pd.Timedelta(days=45))]
        storage = float("nan")
        if len(prior):
            mean_cuft = (cuft_at.get(snap, np.nan) + cuft_at.get(prior.max(), np.nan)) / 2
            storage = mean_cuft * fees.storage_rate(snap.month)
        charged_ais = posted.loc[month, "surcharge"]
        charged_storage = posted.loc[month, "storage"]
        projected = float(per_snapshot.loc[snap, "ais"])
        rows.append(
            {
                "charged_month": str(month),
                "snapshot_date": snap,
                "surcharge_projected": projected,
                "surcharge_charged": 0.0 if pd.isna(charged_ais) else float(charged_ais),
                "storage_projected": storage,
                "storage_charged": charged_storage,
                "exact": bool(per_snapshot.loc[snap, "exact"]),
            }
        )
    frame = pd.DataFrame(rows, columns=[c for c in columns if not c.endswith("difference") and c != "ages"])
    frame["ages"] = np.where(frame["exact"].astype(bool), "exact bands", "wide buckets split")
    frame["surcharge_difference"] = frame["surcharge_projected"] - frame["surcharge_charged"]
    frame["storage_difference"] = frame["storage_projected"] - frame["storage_charged"]
    return frame[columns]


def _age_forward(cohorts: np.ndarray, sold: float, arriving: float = 0.0) -> np.ndarray:
    """One 30-day step: sales leave from the oldest units (FIFO), every unit ages a cohort, arrivals are new."""
    c = cohorts.astype("float64").copy()
    left = float(sold)
    for k in range(len(c) - 1, -1, -1):
        take = min(c[k], left)
        c[k] -= take
        left -= take
    aged = np.zeros_like(c)
    aged[1:] = c[:-1]
    aged[-1] += c[-1]
    aged[0] += arriving
    return aged


def project_fees(
    cohorts_now: pd.DataFrame,
    monthly_demand: pd.DataFrame,
    inbound: pd.Series,
    cubic_feet: pd.Series,
    fees: FeeTable,
    end,
    months: int = 3,
) -> pd.DataFrame:
    """Storage fee and surcharge per SKU for each of the next ``months`` 30-day steps, with no new orders.

    The first surcharge is assessed on today's ages (Amazon's next charge); each later step ages the
    units 30 days after the step's forecast sales have left from the oldest (FIFO); inbound units arrive
    in the first step. Storage is the step's average units times the cubic feet and the month's rate.

    Returns
    -------
    DataFrame
        ``sku, step, month, storage, surcharge`` (``month`` the calendar month the step covers).
    """
    rows = []
    end = pd.Timestamp(end).normalize()
    for row in cohorts_now.itertuples(index=False):
        c = np.array([getattr(row, f"c{k}") for k in range(len(COHORTS))], dtype="float64")
        cuft = float(cubic_feet.get(row.sku, np.nan))
        for step in range(months):
            month = (end + pd.Timedelta(days=30 * step + 15)).to_period("M")
            sold = float(monthly_demand.loc[row.sku, step]) if row.sku in monthly_demand.index else 0.0
            arriving = float(inbound.get(row.sku, 0.0)) if step == 0 else 0.0
            ais = sum(c[FIRST_AIS + j] * fees.ais_per_unit(j, np.nan_to_num(cuft)) for j in range(len(AIS_BANDS)))
            nxt = _age_forward(c, sold, arriving)
            average_units = (c.sum() + nxt.sum()) / 2
            storage_month = (end + pd.Timedelta(days=30 * step + 15)).month
            rows.append(
                {
                    "sku": row.sku,
                    "step": step + 1,
                    "month": str(month),
                    "storage": average_units * cuft * fees.storage_rate(storage_month),
                    "surcharge": ais,
                }
            )
            c = nxt
    return pd.DataFrame(rows, columns=["sku", "step", "month", "storage", "surcharge"])


def fifo_fees(cohorts, monthly_sales, cuft: float, fees: FeeTable, end, months: int) -> tuple[float, float]:
    """Storage fees and surcharges of a SKU's units over ``months`` 30-day steps, sales leaving oldest first.

    Returns the fees in all, and the units that reach the surcharge (181 days) before they sell: those
    already in a surcharge band plus those that cross into it during the steps.

    Examples
    --------
    >>> table = resolve_fee_table("US")
    >>> c = np.zeros(len(COHORTS)); c[-1] = 2.0  # two units over 365 days old, nothing sells
    >>> total, reach = fifo_fees(c, np.zeros(2), 1.0, table, "2026-03-31", 2)
    >>> round(total, 2), reach  # 2 x (0.78 + 6.90) in April and May
    (30.72, 2.0)
    """
    c = np.asarray(cohorts, dtype="float64").copy()
    end = pd.Timestamp(end).normalize()
    total, reach = 0.0, float(c[FIRST_AIS:].sum())
    for step in range(months):
        month = (end + pd.Timedelta(days=30 * step + 15)).month
        total += sum(c[FIRST_AIS + j] * fees.ais_per_unit(j, cuft) for j in range(len(AIS_BANDS)))
        nxt = _age_forward(c, float(monthly_sales[step]))
        total += (c.sum() + nxt.sum()) / 2 * cuft * fees.storage_rate(month)
        reach += float(nxt[FIRST_AIS])
        c = nxt
    return float(total), reach


def without_oldest(cohorts, units: float) -> np.ndarray:
    """The cohorts with the ``units`` oldest units taken out.

    Examples
    --------
    >>> without_oldest(np.array([5.0, 0.0, 3.0]), 4).tolist()
    [4.0, 0.0, 0.0]
    """
    c = np.asarray(cohorts, dtype="float64").copy()
    left = float(units)
    for k in range(len(c) - 1, -1, -1):
        take = min(c[k], left)
        c[k] -= take
        left -= take
    return c


# --------------------------------------------------------------------------- reorder statuses
STATUSES = ("order now", "reorder soon", "overstock", "in stock", "no demand")


def rule_status(days_remaining, lead_days, *, soon_days: float, overstock_days: float) -> np.ndarray:
    """The plain rule: order now when the days of stock remaining do not outlast the lead time.

    ``days_remaining - lead_days <= 0``: order now; within ``soon_days``: reorder soon; more than
    ``overstock_days`` remaining (or no sales with stock): overstock; else in stock. NaN days
    remaining with no stock: no demand.

    Examples
    --------
    >>> rule_status(np.array([30.0, 70.0, 400.0, 120.0]), np.array([45, 45, 45, 45]), soon_days=30,
    ...     overstock_days=180).tolist()
    ['order now', 'reorder soon', 'overstock', 'in stock']
    """
    d = np.asarray(days_remaining, dtype="float64")
    slack = d - np.asarray(lead_days, dtype="float64")
    out = np.where(
        np.isnan(d),
        "no demand",
        np.where(
            slack <= 0,
            "order now",
            np.where(slack <= soon_days, "reorder soon", np.where(d > overstock_days, "overstock", "in stock")),
        ),
    )
    return out.astype(object)


# --------------------------------------------------------------------------- the result
@dataclass(frozen=True)
class InventoryTurnover(Result):
    """Turnover, cover, aged stock and fees, demand and forecasts, and the reorder plan of one marketplace.

    Tables: ``turnover``, ``turnover_by_category``, ``cover``, ``ages``, ``fee_table``, ``fee_projection``,
    ``fee_projection_by_sku``, ``fee_check``, ``clearance``, ``ipi``, ``stockouts``, ``demand``, ``season``,
    ``forecast``, ``forecast_weeks``, ``history_weeks``, ``backtest``, ``backtest_groups``, ``reorder``,
    ``rule_differences``, ``reorder_actions``, ``clearance_actions``.
    """

    marketplace: str = ""
    currency: str = "USD"
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    fees: FeeTable | None = None
    settings: dict = field(default_factory=dict)
    facts: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)

    def top(self, name: str, n: int = 10) -> pd.DataFrame:
        """The first ``n`` rows of a table (tables come sorted by what matters most), for a report."""
        return self.tables[name].head(n)

    @property
    def money_format(self) -> str:
        """The format string of money in this marketplace's currency, for the notebook's tables (``"${:,.2f}"``)."""
        symbol = {"USD": "$", "GBP": "£", "EUR": "€"}.get(self.currency, self.currency + " ")
        return symbol + "{:,.2f}"

    def _money(self, value: float) -> str:
        sign = "-" if value < 0 else ""
        symbol = {"USD": "$", "GBP": "£", "EUR": "€"}.get(self.currency)
        body = f"{abs(value):,.2f}"
        return f"{sign}{symbol}{body}" if symbol else f"{sign}{self.currency} {body}"

    def findings_by_topic(self) -> dict[str, str]:
        t, f, s = self.tables, self.facts, self.settings
        out: dict[str, str] = {}
        money = self._money
        reorder = t["reorder"]
        counts = reorder["status"].value_counts()
        now = reorder[reorder["status"] == "order now"]
        out["reorder"] = (
            f"Reorder plan at a {s['service_level']:.0%} service level: "
            + ", ".join(f"{plural(int(counts.get(k, 0)), 'SKU')} {k}" for k in STATUSES if counts.get(k, 0))
            + (
                "; order now: "
                + "; ".join(
                    f"{r.sku} ({int(r.order_quantity):,} units, {r.available:,.0f} on hand and {r.inbound:,.0f} "
                    f"inbound against a reorder point of {r.reorder_point:,.0f})"
                    for r in now.itertuples()
                )
                if len(now)
                else ""
            )
            + "."
        )
        if "turnover" in f and not math.isnan(f["turnover"]):
            below = t["turnover"][t["turnover"]["turnover"] < s["target_turnover"]]
            out["turnover"] = (
                f"Inventory turned {f['turnover']:.1f} times a year over the period (target {s['target_turnover']:g}"
                + (
                    "; the average stock is the stock at the end: no planning snapshot"
                    if "turnover" in self.notes
                    else ""
                )
                + "); "
                + f"{plural(len(below), 'SKU')} below the target, {money(f['inventory_value'])} tied up in stock at cost"
                f" now, {money(f['value_above_target'])} of it above the {s['target_cover_days']:.0f} days of cover "
                "the target implies."
            )
        else:
            out["turnover"] = "Turnover cannot be measured: " + self.notes.get("turnover", "no stock history.")
        cats = t["turnover_by_category"]
        if len(cats):
            worst = cats.sort_values("turnover").iloc[0]
            out["turnover_category"] = (
                "By category: "
                + ", ".join(f"{r.category} {r.turnover:.1f}" for r in cats.itertuples())
                + f" turns a year; the most money sits in {cats.sort_values('inventory_value').iloc[-1]['category']}"
                f", the slowest is {worst['category']}."
            )
        cover = t["cover"]
        if len(cover):
            short = cover[cover["days_of_supply_total_t30"] < cover["lead_time_days"]]
            out["cover"] = (
                f"Median days of supply on hand {f['median_dos_t30']:.0f} (t30 sales), "
                f"{f['median_dos_total_t30']:.0f} with inbound and reserved units; "
                f"{plural(len(short), 'SKU')} with less cover than their lead time"
                + (f" ({', '.join(short['sku'])})" if len(short) else "")
                + f"; account sell-through over 90 days {f['sell_through']:.2f}."
            )
        if "ages" in self.notes:
            out["ages"] = self.notes["ages"]
        else:
            aged = t["ages"][t["ages"]["units_181_plus"] > 0]
            out["ages"] = (
                f"{f['aged_units']:,.0f} of {f['units_on_hand']:,.0f} units on hand are over 180 days old, "
                f"{f['units_365_plus']:,.0f} over 365 days"
                + (f" ({', '.join(aged['sku'])})" if len(aged) else "")
                + "."
            )
        if self.fees is not None:
            out["fee_table"] = (
                f"Fee table ({self.fees.currency}): "
                + ("" if self.fees.verified else "unverified, ")
                + self.fees.source
                + "."
            )
        fee_note = (
            "" if self.fees is None or self.fees.verified else " The fee table for this marketplace is unverified."
        )
        if len(t["fee_projection"]):
            proj = t["fee_projection"]
            out["fees"] = (
                f"Projected for the next {len(proj)} months with no new orders: {money(float(proj['storage'].sum()))}"
                f" storage and {money(f['surcharge_exposure'])} aged-inventory surcharge"
                + (
                    f", {money(f['top_surcharge'])} of it for {f['top_surcharge_sku']}"
                    if f.get("surcharge_exposure", 0) > 0
                    else ""
                )
                + "."
                + fee_note
            )
        else:
            out["fees"] = "Fees cannot be projected: " + self.notes.get("fees", "no planning snapshot.") + fee_note
        check = t["fee_check"]
        if len(check):
            proj, paid = check["surcharge_projected"].sum(), check["surcharge_charged"].sum()
            gap = (proj - paid) / paid if paid else float("nan")
            storage_ok = check["storage_charged"].notna() & check["storage_projected"].notna()
            sp, sc = check.loc[storage_ok, "storage_projected"].sum(), check.loc[storage_ok, "storage_charged"].sum()
            out["fee_check"] = (
                f"Checked against the transactions: the fee table and the snapshots give {money(proj)} of "
                f"surcharges for the {plural(len(check), 'month')} charged in the period, Amazon charged "
                f"{money(paid)}"
                + (f" ({gap:+.1%})" if not math.isnan(gap) else "")
                + (f"; storage fees {money(sp)} projected from month-end stock, {money(sc)} charged" if sc else "")
                + "."
                + (
                    " Months from the old report layout split wide age buckets and are approximate."
                    if not check["exact"].all()
                    else ""
                )
            )
        else:
            out["fee_check"] = "The fees cannot be checked: " + self.notes.get(
                "fee_check", "no payments transactions in the data folder."
            )
        clear = t["clearance"]
        if len(clear):
            worth = clear[clear["best_option"] != "keep"]
            out["clearance"] = (
                f"{plural(int(clear['units_to_clear'].sum()), 'unit')} to clear in {plural(len(clear), 'SKU')}"
                + (
                    "; worth clearing: "
                    + "; ".join(
                        f"{r.sku} ({int(r.units_to_clear)} units: {r.best_option} saves {money(r.best_saving)} over "
                        f"{s['clearance_horizon_months']} months)"
                        for r in worth.itertuples()
                    )
                    if len(worth)
                    else "; keeping them costs less than any way of clearing them"
                )
                + "."
            )
        else:
            out["clearance"] = "No units to clear: stock on hand is within 90 days of forecast demand."
        ipi = t["ipi"].set_index("factor")["value"]
        out["ipi"] = (
            f"IPI factors over the last 90 days: excess inventory {ipi['excess inventory']:.1%}, sell-through "
            f"{ipi['sell-through']:.2f}, "
            + (f"stranded {ipi['stranded']:.1%}, " if not math.isnan(ipi["stranded"]) else "stranded unknown, ")
            + f"in-stock rate {ipi['in-stock rate']:.1%}. Amazon does not publish the IPI formula; the article's "
            f"rule of thumb is that a score below {resolve_thresholds()['ipi_storage_limit']:.0f} brings storage "
            "limits, and these factors are what raises it."
        )
        so = t["stockouts"]
        if len(so):
            by_sku = so.groupby("sku").agg(days=("days", "sum"), lost=("units_lost", "sum")).sort_values("lost")
            top = by_sku.iloc[-1]
            out["stockouts"] = (
                f"{plural(len(so), 'stock-out')} in {plural(len(by_sku), 'SKU')}, {plural(int(by_sku['days'].sum()), 'day')}"
                f" in all: about {by_sku['lost'].sum():,.0f} units of demand went unserved (censored, not zero)"
                f"; the most in {by_sku.index[-1]} ({int(top['days'])} days, about {top['lost']:,.0f} units)."
            )
        else:
            out["stockouts"] = "No stock-out was found: no SKU went without a sale for longer than chance explains."
        d = t["demand"]
        moved = d[d["out_days"] > 0]
        if len(moved):
            out["demand"] = (
                "Demand corrected for stock-outs: "
                + "; ".join(
                    f"{r.sku} {r.daily_sold:.2f} units a day sold, {r.daily_demand:.2f} a day in demand"
                    for r in moved.sort_values("out_days", ascending=False).head(3).itertuples()
                )
                + "."
            )
        season = self.tables["season"]
        peak = season.sort_values("index").iloc[-1]
        out["season"] = (
            f"Season: {self.notes['season']}; the peak month is {_MONTHS[int(peak['month']) - 1]} "
            f"(x{peak['index']:.2f})."
            if self.facts.get("season_supported")
            else f"Season: {self.notes['season']}; the forecast has no season."
        )
        fc = t["forecast"]
        methods = fc["method"].value_counts()
        out["forecast"] = (
            "Forecast per SKU: "
            + ", ".join(f"{plural(int(n), 'SKU')} by {m}" for m, n in methods.items())
            + f"; {s['confidence']:.0%} prediction intervals. Next 13 weeks: {fc['next_13_weeks'].sum():,.0f} units "
            "in all."
        )
        groups = t["backtest_groups"]
        if len(groups):
            out["backtest"] = (
                "Back-test (rolling origins, MASE, lower is better): "
                + "; ".join(
                    f"{r.group}: forecast {r.mase_model:.2f} vs seasonal naive {r.mase_seasonal_naive:.2f}, better in "
                    f"{int(r.skus_better)} of {plural(int(r.skus), 'SKU')}"
                    for r in groups.itertuples()
                )
                + "."
            )
        else:
            out["backtest"] = "No back-test: the history is shorter than a season plus the forecast horizon."
        diff = t["rule_differences"]
        out["rule"] = (
            f"The plain rule (days remaining at the last 30 days' sales minus lead time) agrees on "
            f"{len(reorder) - len(diff)} of {plural(len(reorder), 'SKU')}"
            + (
                "; it differs on "
                + "; ".join(f"{r.sku} (plan: {r.status}, rule: {r.rule_status})" for r in diff.itertuples())
                if len(diff)
                else ""
            )
            + "."
        )
        for key in ("source", "missing"):
            if key in self.notes:
                out[key] = self.notes[key]
        return out

    def kpis(self) -> list[KPI]:
        f, s = self.facts, self.settings
        unit = f"money:{self.currency}"
        now = int(f.get("order_now", 0))
        return [
            KPI(
                "skus_order_now",
                "SKUs to order now",
                now,
                "count",
                status="good" if now == 0 else "watch",
                note=f"at a {s['service_level']:.0%} service level",
            ),
            KPI(
                "inventory_turnover",
                "inventory turnover",
                f.get("turnover", float("nan")),
                "per year",
                benchmark=s["target_turnover"],
                direction="min",
                note="cost of units sold / average inventory at cost",
            ),
            KPI(
                "money_above_target_cover",
                "money tied up above target cover",
                f.get("value_above_target", float("nan")),
                unit,
                status="info",
                note=f"at cost, above {s['target_cover_days']:.0f} days of forecast demand",
            ),
            KPI(
                "surcharge_exposure",
                f"aged-inventory surcharge, next {s['fee_months']} months",
                f.get("surcharge_exposure", float("nan")),
                unit,
                status="good" if f.get("surcharge_exposure", 0) == 0 else "watch",
                note="projected from the ages, no new orders",
            ),
            KPI(
                "in_stock_rate",
                "in-stock rate",
                f.get("in_stock_rate", float("nan")),
                "fraction",
                status="info",
                note="days in stock of SKUs that sold, in the period",
            ),
        ]


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
           "December")  # fmt: skip


# --------------------------------------------------------------------------- the entry point
def history_start(start, end, months: int) -> pd.Timestamp:
    """The first day of the demand history: ``months`` before ``end``, never after ``start``.

    Examples
    --------
    >>> history_start("2025-11-01", "2026-10-31", 24).date().isoformat()
    '2024-11-01'
    """
    first = pd.Timestamp(end).normalize() - pd.DateOffset(months=int(months)) + pd.Timedelta(days=1)
    return min(first, pd.Timestamp(start).normalize())


def _products(products: pd.DataFrame, skus, currency: str, usd_rates) -> pd.DataFrame:
    p = products.drop_duplicates("sku").set_index("sku")
    out = pd.DataFrame(index=pd.Index(skus, name="sku"))
    for column in ("title", "category"):
        out[column] = p[column].reindex(out.index) if column in p.columns else pd.NA
    out["category"] = out["category"].fillna("uncategorised")
    cost = pd.DataFrame(
        {
            "unit_cost": _f(p["unit_cost"].reindex(out.index)),
            "currency": p["currency"].reindex(out.index).fillna(currency).to_numpy()
            if "currency" in p.columns
            else currency,
        },
        index=out.index,
    )
    if (cost["currency"] != currency).any():
        if usd_rates is None:
            other = ", ".join(sorted(set(cost["currency"]) - {currency}))
            raise ValueError(f"unit costs are in {other} and the marketplace sells in {currency}: give fx_rates")
        cost = convert(cost, "unit_cost", rates_into(currency, usd_rates), currency)
    out["unit_cost"] = cost["unit_cost"]
    for column, default in (("lead_time_days", np.nan), ("lead_time_sd_days", 0.0), ("case_pack", 1.0)):
        values = _f(p[column].reindex(out.index)) if column in p.columns else np.full(len(out), np.nan)
        out[column] = np.where(np.isnan(values), default, values)
    return out


def _snapshots(planning: pd.DataFrame | None) -> pd.DataFrame:
    columns = ["sku", "snapshot_date", "available", "reserved", "inbound", "price", "cubic_feet"]
    if planning is None or not len(planning):
        return pd.DataFrame(columns=columns)
    p = planning

    def col(name):
        return _f(p[name]) if name in p.columns else np.full(len(p), np.nan)

    volume = col("item_volume")
    if "volume_unit_measurement" in p.columns:
        metres = p["volume_unit_measurement"].fillna("").str.casefold().str.contains("met").to_numpy()
        volume = np.where(metres, volume * CUBIC_FEET_PER_CUBIC_METRE, volume)
    price = col("your_price")
    price = np.where(np.isnan(price), col("sales_price"), price)
    frame = pd.DataFrame(
        {
            "sku": p["sku"].to_numpy(),
            "snapshot_date": pd.DatetimeIndex(p["snapshot_date"]).normalize(),
            "available": np.nan_to_num(col("available")),
            "reserved": np.nan_to_num(col("reserved_quantity")),
            "inbound": np.nan_to_num(col("inbound_quantity")),
            "price": price,
            "cubic_feet": volume,
        }
    )
    return frame.groupby(["sku", "snapshot_date"], as_index=False).agg(
        available=("available", "sum"),
        reserved=("reserved", "sum"),
        inbound=("inbound", "sum"),
        price=("price", "mean"),
        cubic_feet=("cubic_feet", "mean"),
    )


def _position(snaps: pd.DataFrame, manage: pd.DataFrame | None, skus, end) -> tuple[pd.DataFrame, str]:
    """Units available, reserved and inbound per SKU at the end of the period, and where they come from."""
    end = pd.Timestamp(end).normalize()
    out = pd.DataFrame(0.0, index=pd.Index(skus, name="sku"), columns=["available", "reserved", "inbound"])
    recent = snaps[snaps["snapshot_date"] <= end]
    last = recent["snapshot_date"].max() if len(recent) else pd.NaT
    if manage is not None and len(manage) and (pd.isna(last) or last < end - pd.Timedelta(days=3)):
        m = manage.groupby("sku").agg(
            available=("afn_fulfillable_quantity", lambda v: np.nansum(_f(v))),
            reserved=(
                ("afn_reserved_quantity", lambda v: np.nansum(_f(v)))
                if "afn_reserved_quantity" in manage.columns
                else ("afn_fulfillable_quantity", lambda v: 0.0)
            ),
        )
        inbound = sum(
            _f(manage[c]) for c in ("afn_inbound_working_quantity", "afn_inbound_shipped_quantity",
                                    "afn_inbound_receiving_quantity") if c in manage.columns
        )  # fmt: skip
        m["inbound"] = pd.Series(np.nan_to_num(inbound), index=manage["sku"]).groupby(level=0).sum()
        out.update(m.reindex(out.index).fillna(0.0))
        return out, "Manage FBA Inventory"
    if pd.isna(last):
        return out, "none"
    now = recent[recent["snapshot_date"] == last].set_index("sku")
    out.update(now[["available", "reserved", "inbound"]].reindex(out.index).fillna(0.0))
    return out, f"planning snapshot of {last:%Y-%m-%d}"


def assess_inventory(
    frames: dict,
    *,
    marketplace: str,
    start,
    end,
    fees: FeeTable | None = None,
    usd_rates: dict | None = None,
    target_turnover: float | None = None,
    service_level: float = 0.95,
    review_days: int = 7,
    order_cover_days: int = 30,
    soon_days: int = 14,
    overstock_days: int = 180,
    excess_days: int = 90,
    fee_months: int = 3,
    clearance_horizon_months: int = 12,
    discount_rate: float = 0.20,
    liquidation_recovery: float = 0.05,
    confidence: float = 0.95,
    backtest_origins: int = 8,
    backtest_horizon_weeks: int = 8,
    seed: int = 0,
) -> InventoryTurnover:
    """Assess one marketplace's inventory: turnover, cover, aged stock and fees, demand, reorder plan.

    Parameters
    ----------
    frames : dict of DataFrame
        ``catalog.load_inputs(...).frames`` for the marketplace, loaded from the first day of the demand
        history (:func:`history_start`) to ``end``: ``product_master`` and ``fba_inventory_planning``
        and/or ``fba_manage_inventory``, ``all_orders`` or ``business_report_child_item``;
        ``payments_transactions`` optional.
    marketplace : str
        ``US``, ``UK`` …: picks the fee table when ``fees`` is not given.
    start, end : date
        The period of the turnover, the in-stock rate and the fee check; ``end`` is "today" of the plan.
    fees : FeeTable, optional
        :func:`resolve_fee_table` with the analyst's overrides.
    usd_rates : dict, optional
        Value of one unit of each currency in US dollars, where unit costs and sales differ in currency.
    target_turnover : float, optional
        Turns per year (default: the article's 6); sets the target cover (365 / turns days).
    service_level : float
        Cycle service level of the safety stock (0.95).
    review_days, order_cover_days, soon_days, overstock_days : int
        Days between stock reviews; of demand one order covers; ahead in which an order date is
        "reorder soon"; of supply above which a SKU is overstocked.
    excess_days : int
        Days of forecast demand beyond which units on hand are excess (Amazon's IPI uses 90).
    fee_months, clearance_horizon_months : int
        Months of fees projected; months over which keeping excess units is costed.
    discount_rate, liquidation_recovery : float
        Price cut that clears excess units; share of the price FBA Liquidations pays.
    """
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    market = str(marketplace).upper()
    fees = fees or resolve_fee_table(market)
    target = float(target_turnover or resolve_thresholds()["inventory_turnover_min"])
    z = service_z(service_level)
    notes: dict[str, str] = {}
    products = frames["product_master"]
    planning = frames.get("fba_inventory_planning")
    manage = frames.get("fba_manage_inventory")
    orders = frames.get("all_orders")
    business = frames.get("business_report_child_item")
    transactions = frames.get("payments_transactions")

    # --- the SKUs of this marketplace, their master data and currency
    listed = []
    for frame in (planning, manage, orders):
        if frame is not None and len(frame):
            listed += frame["sku"].dropna().tolist()
    if business is not None and len(business) and "sku" in business.columns:
        listed += business["sku"].dropna().tolist()
    skus = sorted(set(listed))
    currency = fees.currency
    for frame, column in ((planning, "currency"), (orders, "currency"), (transactions, "currency")):
        if frame is not None and column in frame.columns and frame[column].notna().any():
            currency = str(frame[column].dropna().mode().iloc[0])
            break
    master = _products(products, skus, currency, usd_rates)
    missing_master = [s for s in skus if s not in set(products["sku"])]
    if missing_master:
        notes["missing"] = (
            f"Not in the product master (no unit cost, lead time or case pack): {', '.join(missing_master)}; "
            "their reorder plan assumes the median lead time."
        )
    lead = master["lead_time_days"].fillna(master["lead_time_days"].median()).fillna(45.0)
    master["lead_time_days"] = lead

    # --- demand history, snapshots, stock-outs
    first_day = min(start, end)
    candidates = []
    if orders is not None and len(orders):
        candidates.append(orders["purchase_date"].min())
    if planning is not None and len(planning):
        candidates.append(pd.Timestamp(planning["snapshot_date"].min()) - pd.Timedelta(days=29))
    if business is not None and len(business):
        candidates.append(pd.Timestamp(business["start_date"].min()))
    if candidates:
        first_day = min(first_day, pd.Timestamp(min(candidates)).normalize())
    units, source = measure_daily_demand(skus, first_day, end, orders=orders, business=business, products=products)
    if source == "business_report_child_item":
        notes["source"] = (
            "Demand comes from the Business Report (no All Orders report): each report's units are spread evenly "
            "over its days, so a stock-out shorter than a report shows only where a snapshot caught it."
        )
    snaps = _snapshots(planning)
    snaps = snaps[snaps["sku"].isin(skus) & (snaps["snapshot_date"] <= end)]
    end_available = None
    if manage is not None and len(manage) and (not len(snaps) or snaps["snapshot_date"].max() < end):
        end_available = manage.groupby("sku")["afn_fulfillable_quantity"].apply(lambda v: np.nansum(_f(v)))
    raw_season = estimate_season(units)
    # spread Business Report units have no day-level gaps: only a snapshot can show a stock-out then
    min_days = 7 if source == "all_orders" else 10**9
    so = detect_stockouts(units, snaps, season=raw_season, end_available=end_available, min_days=min_days)
    season = estimate_season(so.demand)
    notes["season"] = season.reason

    # --- forecasts and back-test
    forecast, forecast_weeks = forecast_demand(so.demand, so.tracked, end, season, confidence=confidence, seed=seed)
    forecast = forecast.set_index("sku").reindex(skus)
    backtest = backtest_forecasts(
        so.demand, so.out, so.tracked, end, origins=backtest_origins, horizon_weeks=backtest_horizon_weeks
    )
    group_of = {"smooth": "smooth demand (exponential smoothing)", "intermittent": "intermittent demand (TSB)"}
    backtest["group"] = backtest["method"].map(group_of).fillna("no demand")
    groups = (
        backtest.groupby("group", sort=True)
        .agg(
            skus=("sku", "size"),
            mase_model=("mase_model", "mean"),
            mase_seasonal_naive=("mase_seasonal_naive", "mean"),
            skus_better=("beats_seasonal_naive", "sum"),
        )
        .reset_index()
    )
    hist = weekly(units, end)
    hist_corr = weekly(so.demand, end)
    history_weeks = (
        pd.concat(
            [
                hist.stack().rename("sold"),
                hist_corr.stack().rename("demand"),
            ],
            axis=1,
        )
        .reset_index()
        .rename(columns={"level_1": "sku"})
    )
    history_weeks.columns = ["week_end", "sku", "sold", "demand"]

    # --- stock now, ages, cubic feet, prices
    position, position_source = _position(snaps, manage, skus, end)
    cuft = snaps.groupby("sku")["cubic_feet"].last() if len(snaps) else pd.Series(dtype="float64")
    if manage is not None and len(manage) and "per_unit_volume" in manage.columns:
        per_unit = manage.groupby("sku")["per_unit_volume"].apply(lambda v: np.nanmean(_f(v)))
        cuft = cuft.reindex(skus).fillna(per_unit.reindex(skus)) if len(cuft) else per_unit
    cuft = cuft.reindex(skus).astype("float64")
    price = snaps.sort_values("snapshot_date").groupby("sku")["price"].last() if len(snaps) else pd.Series(dtype=float)
    if manage is not None and "your_price" in (manage.columns if manage is not None else []):
        price = price.reindex(skus).fillna(manage.groupby("sku")["your_price"].mean().reindex(skus))
    if orders is not None and len(orders) and "item_price" in orders.columns:
        o = orders[_f(orders["quantity"]) > 0]
        paid = pd.Series(_f(o["item_price"]) / _f(o["quantity"]), index=o["sku"]).groupby(level=0).mean()
        price = price.reindex(skus).fillna(paid.reindex(skus))
    price = price.reindex(skus).astype("float64")

    cohorts_all = age_cohorts(planning[planning["sku"].isin(skus)]) if planning is not None and len(planning) else None
    if cohorts_all is not None:
        cohorts_all = cohorts_all[cohorts_all["snapshot_date"] <= end]
    last_snapshot = cohorts_all["snapshot_date"].max() if cohorts_all is not None and len(cohorts_all) else pd.NaT
    if pd.notna(last_snapshot):
        now_cohorts = cohorts_all[cohorts_all["snapshot_date"] == last_snapshot].set_index("sku").reindex(skus)
        now_cohorts = now_cohorts[list(COHORTS)].fillna(0.0)
    else:
        now_cohorts = pd.DataFrame(0.0, index=pd.Index(skus, name="sku"), columns=list(COHORTS))
        now_cohorts["0-30"] = position["available"]
        notes["ages"] = "Ages cannot be shown without the FBA inventory planning report; every unit is taken as new."

    # --- daily forecast and the plan's quantities
    horizon = int(max(lead.max() + 3 * master["lead_time_sd_days"].max(), excess_days, 13 * 7)) + review_days + 400
    daily = np.vstack(
        [daily_forecast(float(forecast.loc[s, "weekly_level"] or 0.0), season, end, horizon) for s in skus]
    )  # (S, horizon)
    cum = np.cumsum(daily, axis=1)

    def demand_over(days):
        d = np.clip(np.asarray(days, dtype=int), 0, horizon)
        return np.array([cum[i, k - 1] if k > 0 else 0.0 for i, k in enumerate(d)])

    protection = (lead + review_days).to_numpy(dtype="float64")
    mean_daily = demand_over(np.ceil(protection)) / protection
    ss = safety_stock(
        z,
        daily_sd=forecast["daily_sd"].fillna(0.0).to_numpy()
        * np.where(np.asarray(forecast["weekly_level"].fillna(0.0)) > 0, 1.0, 0.0)
        * _mean_season(season, end, protection),
        lead_days=protection,
        daily_mean=mean_daily,
        lead_sd=master["lead_time_sd_days"].to_numpy(dtype="float64"),
    )
    rop = reorder_point(demand_over(np.ceil(protection)), ss)
    pos_units = (position["available"] + position["inbound"]).to_numpy(dtype="float64")
    # the first day the position (less forecast sales) falls to the reorder point
    days_until = np.full(len(skus), np.nan)
    for i in range(len(skus)):
        if pos_units[i] <= rop[i]:
            days_until[i] = 0
        else:
            below = np.flatnonzero(pos_units[i] - cum[i] <= rop[i])
            days_until[i] = below[0] + 1 if len(below) else np.nan
    target_stock = rop + demand_over(np.ceil(protection + order_cover_days)) - demand_over(np.ceil(protection))
    order_qty = round_up_to_case(np.where(days_until == 0, target_stock - pos_units, 0.0), master["case_pack"])
    next_order = round_up_to_case(target_stock - rop + ss, master["case_pack"])  # an order placed at the ROP
    dos_forecast = np.array(
        [
            (np.searchsorted(cum[i], pos_units[i], side="right") if cum[i, -1] > pos_units[i] else np.inf)
            if cum[i, -1] > 0
            else (np.inf if pos_units[i] > 0 else np.nan)
            for i in range(len(skus))
        ],
        dtype="float64",
    )
    aged_181 = now_cohorts[list(AIS_BANDS)].sum(axis=1).to_numpy()
    next_30 = demand_over(np.full(len(skus), 30))
    sold_ever = units.sum(axis=0).reindex(skus).to_numpy() > 0
    overstocked = (dos_forecast > overstock_days) | (aged_181 > next_30 + 0.5)
    status = np.select(
        [~sold_ever & (pos_units <= 0), overstocked, days_until == 0, days_until <= soon_days],
        ["no demand", "overstock", "order now", "reorder soon"],
        default="in stock",
    ).astype(object)
    order_date = [
        (end + pd.Timedelta(days=int(d))) if not np.isnan(d) and st in ("order now", "reorder soon") else pd.NaT
        for d, st in zip(days_until, status)
    ]
    t30 = units[units.index > end - pd.Timedelta(days=30)].sum().reindex(skus)
    t90 = units[units.index > end - pd.Timedelta(days=90)].sum().reindex(skus)
    days_remaining = metrics.days_of_supply(position["available"], t30 / 30.0, inbound=position["inbound"]).reindex(
        skus
    )
    days_remaining = days_remaining.where(~(days_remaining.isna() & (pos_units > 0)), np.inf)
    plain = rule_status(days_remaining.to_numpy(), lead.to_numpy(), soon_days=soon_days, overstock_days=overstock_days)
    reorder = pd.DataFrame(
        {
            "sku": skus,
            "title": master["title"].to_numpy(),
            "status": status,
            "rule_status": plain,
            "available": position["available"].to_numpy(),
            "inbound": position["inbound"].to_numpy(),
            "forecast_daily": mean_daily,
            "sold_daily_t30": (t30 / 30.0).to_numpy(),
            "lead_time_days": lead.to_numpy(),
            "lead_time_sd_days": master["lead_time_sd_days"].to_numpy(),
            "safety_stock": ss,
            "reorder_point": rop,
            "days_until_order": days_until,
            "order_date": order_date,
            "order_quantity": order_qty,
            "next_order_quantity": np.where(status == "reorder soon", next_order, order_qty),
            "case_pack": master["case_pack"].astype("int64").to_numpy(),
            "days_of_supply": np.where(np.isfinite(dos_forecast), dos_forecast, np.nan),
            "days_remaining_rule": days_remaining.to_numpy(),
        }
    )
    reorder["why_they_differ"] = [_why(r, soon_days, overstock_days) for r in reorder.itertuples()]
    differ = reorder[reorder["status"] != reorder["rule_status"]].reset_index(drop=True)

    # --- turnover and cover
    period_days = (end - start).days + 1
    in_period = units[(units.index >= start) & (units.index <= end)]
    sold = in_period.sum().reindex(skus)
    window = snaps[(snaps["snapshot_date"] >= start - pd.Timedelta(days=1)) & (snaps["snapshot_date"] <= end)]
    on_hand_hist = window.assign(units=window["available"] + window["reserved"])
    avg_units = on_hand_hist.groupby("sku")["units"].mean().reindex(skus)
    if avg_units.isna().all():
        avg_units = (position["available"] + position["reserved"]).reindex(skus)
        notes["turnover"] = "no planning snapshot in the period: the average stock is the stock at the end."
    cost = master["unit_cost"]
    now_units = position["available"] + position["reserved"]
    turnover = pd.DataFrame(
        {
            "sku": skus,
            "title": master["title"].to_numpy(),
            "category": master["category"].to_numpy(),
            "units_sold": sold.to_numpy(),
            "cogs": (sold * cost).to_numpy(),
            "average_units": avg_units.to_numpy(),
            "average_inventory_value": (avg_units * cost).to_numpy(),
            "inventory_value": (now_units * cost).to_numpy(),
        }
    )
    turnover["turnover"] = metrics.inventory_turnover(
        turnover["cogs"], turnover["average_inventory_value"], period_days
    ).to_numpy()
    turnover["meets_target"] = turnover["turnover"] >= target
    target_cover = 365.0 / target
    above_units = np.maximum(now_units.to_numpy() - demand_over(np.full(len(skus), int(round(target_cover)))), 0.0)
    turnover["value_above_target_cover"] = above_units * cost.to_numpy()
    by_cat = turnover.groupby("category", as_index=False)[
        ["units_sold", "cogs", "average_inventory_value", "inventory_value", "value_above_target_cover"]
    ].sum()
    by_cat["turnover"] = metrics.inventory_turnover(
        by_cat["cogs"], by_cat["average_inventory_value"], period_days
    ).to_numpy()
    by_cat["share_of_value"] = by_cat["inventory_value"] / by_cat["inventory_value"].sum()

    ninety = snaps[(snaps["snapshot_date"] >= end - pd.Timedelta(days=90)) & (snaps["snapshot_date"] <= end)]
    avg90 = ninety.groupby("sku")["available"].mean().reindex(skus)
    if avg90.isna().all():
        avg90 = position["available"].reindex(skus)
    avail, inbound, reserved = position["available"], position["inbound"], position["reserved"]
    cover = pd.DataFrame(
        {
            "sku": skus,
            "available": avail.to_numpy(),
            "inbound": inbound.to_numpy(),
            "reserved": reserved.to_numpy(),
            "units_sold_t30": t30.to_numpy(),
            "units_sold_t90": t90.to_numpy(),
            "days_of_supply_t30": metrics.days_of_supply(avail, t30 / 30.0).to_numpy(),
            "days_of_supply_t90": metrics.days_of_supply(avail, t90 / 90.0).to_numpy(),
            "days_of_supply_total_t30": metrics.days_of_supply(
                avail + reserved, t30 / 30.0, inbound=inbound
            ).to_numpy(),
            "weeks_of_cover_t30": metrics.weeks_of_cover(avail, t30 / 30.0).to_numpy(),
            "weeks_of_cover_t90": metrics.weeks_of_cover(avail, t90 / 90.0).to_numpy(),
            "weeks_of_cover_total_t90": metrics.weeks_of_cover(
                avail + reserved, t90 / 90.0, inbound=inbound
            ).to_numpy(),
            "sell_through_90d": metrics.sell_through(t90, avg90).to_numpy(),
            "lead_time_days": lead.to_numpy(),
        }
    )

    # --- ages and fees
    ages = pd.DataFrame(
        {
            "sku": skus,
            "units_0_90": now_cohorts[list(COHORTS[:3])].sum(axis=1).to_numpy(),
            "units_91_180": now_cohorts[list(COHORTS[3:6])].sum(axis=1).to_numpy(),
            "units_181_270": now_cohorts[list(AIS_BANDS[:3])].sum(axis=1).to_numpy(),
            "units_271_365": now_cohorts[list(AIS_BANDS[3:6])].sum(axis=1).to_numpy(),
            "units_365_plus": now_cohorts["365+"].to_numpy(),
        }
    )
    ages["units_181_plus"] = ages[["units_181_270", "units_271_365", "units_365_plus"]].sum(axis=1)
    steps = np.arange(fee_months)
    monthly = pd.DataFrame(
        {k: cum[:, 30 * (k + 1) - 1] - (cum[:, 30 * k - 1] if k else 0.0) for k in steps}, index=skus
    )
    coh = now_cohorts.copy()
    coh.columns = [f"c{k}" for k in range(len(COHORTS))]
    coh = coh.reset_index()
    by_sku_fees = project_fees(coh, monthly, inbound, cuft, fees, end, months=fee_months)
    if pd.isna(last_snapshot):
        by_sku_fees = by_sku_fees.iloc[0:0]
        notes["fees"] = "no FBA inventory planning report (the ages of the units are unknown)."
    fee_projection = by_sku_fees.groupby(["step", "month"], as_index=False)[["storage", "surcharge"]].sum()
    fee_projection["total"] = fee_projection["storage"] + fee_projection["surcharge"]
    exposure = float(fee_projection["surcharge"].sum()) if len(fee_projection) else 0.0
    per_sku_ais = by_sku_fees.groupby("sku")["surcharge"].sum().sort_values()
    charged = charged_fees(transactions)
    onhand_hist = snaps.assign(units=snaps["available"] + snaps["reserved"])[["sku", "snapshot_date", "units"]]
    fee_check = (
        check_fees(cohorts_all, onhand_hist, cuft, charged, fees, start, end)
        if cohorts_all is not None
        else check_fees(pd.DataFrame(), onhand_hist, cuft, charged, fees, start, end)
    )
    if transactions is None:
        notes["fee_check"] = "no payments transactions in the data folder."
    elif not len(fee_check):
        notes["fee_check"] = "no storage fee or surcharge was charged in the period, or no snapshot precedes them."

    # --- clearance: the units that will reach the surcharge (181 days) before they sell
    months_ahead = np.arange(clearance_horizon_months)
    sales_by_month = np.column_stack(
        [cum[:, 30 * (k + 1) - 1] - (cum[:, 30 * k - 1] if k else 0.0) for k in months_ahead]
    )
    rows = []
    for i, sku in enumerate(skus):
        c = now_cohorts.loc[sku, list(COHORTS)].to_numpy(dtype="float64")
        volume = float(np.nan_to_num(cuft.get(sku, np.nan)))
        total, reach = fifo_fees(c, sales_by_month[i], volume, fees, end, clearance_horizon_months)
        n = float(np.round(reach))
        if n <= 0:
            continue
        rest, _ = fifo_fees(without_oldest(c, n), sales_by_month[i], volume, fees, end, clearance_horizon_months)
        keep_cost = total - rest
        p, uc = float(price.get(sku, np.nan)), float(cost.get(sku, np.nan))
        options = {  # what clearing the units now saves against keeping them: fees avoided less the option's cost
            "discount": keep_cost - discount_rate * p * n,
            "removal": keep_cost - fees.removal_fee_per_unit * n,
            "liquidation": keep_cost - (uc - liquidation_recovery * p) * n,
        }
        valid = {k: v for k, v in options.items() if not math.isnan(v)}
        best = max(valid, key=valid.get) if valid else "keep"
        rows.append(
            {
                "sku": sku,
                "units_to_clear": int(n),
                "units_181_plus": aged_181[i],
                "price": p,
                "unit_cost": uc,
                "keep_cost": keep_cost,
                "discount_saves": options["discount"],
                "removal_saves": options["removal"],
                "liquidation_saves": options["liquidation"],
                "best_option": best if valid.get(best, -1) > 0 else "keep",
                "best_saving": max(valid.get(best, 0.0), 0.0),
            }
        )
    clearance_columns = ["sku", "units_to_clear", "units_181_plus", "price", "unit_cost", "keep_cost", "discount_saves",
                         "removal_saves", "liquidation_saves", "best_option", "best_saving"]  # fmt: skip
    clearance = pd.DataFrame(rows, columns=clearance_columns)
    clearance = clearance.sort_values(["best_saving", "sku"], ascending=[False, True], ignore_index=True)

    # --- IPI factors and in-stock rate
    excess = np.maximum(avail.to_numpy() - demand_over(np.full(len(skus), excess_days)), 0.0)
    onhand_now = float(avail.sum())
    excess_share = float(np.nansum(excess) / onhand_now) if onhand_now else float("nan")
    sell_90 = metrics.sell_through(float(t90.sum()), float(avg90.sum()))
    stranded = float("nan")
    if manage is not None and len(manage) and "afn_listing_exists" in manage.columns:
        no_offer = manage["afn_listing_exists"].fillna("").str.casefold().isin(["no", "false", "n"])
        warehouse = (
            _f(manage["afn_warehouse_quantity"])
            if "afn_warehouse_quantity" in manage.columns
            else _f(manage["afn_fulfillable_quantity"])
        )
        stranded = metrics.stranded_percentage(
            float(np.nansum(warehouse[no_offer.to_numpy()])), float(np.nansum(warehouse))
        )
    sold_any = [s for s in skus if units[s].sum() > 0]

    def in_stock(first, last):
        tr = so.tracked.loc[first:last, sold_any]
        out_days = (so.out.loc[first:last, sold_any] & tr).to_numpy().sum()
        tracked_days = tr.to_numpy().sum()
        return metrics.in_stock_rate(tracked_days - out_days, tracked_days) if tracked_days else float("nan")

    ipi_values = [excess_share, sell_90, stranded, in_stock(end - pd.Timedelta(days=89), end)]
    ipi = pd.DataFrame(
        {
            "factor": ["excess inventory", "sell-through", "stranded", "in-stock rate"],
            "value": ipi_values,
            "measured": [
                "unknown" if math.isnan(v) else (f"{v:.2f}" if unit == "ratio" else f"{v:.1%}")
                for v, unit in zip(ipi_values, ["fraction", "ratio", "fraction", "fraction"])
            ],
            "unit": ["fraction", "ratio", "fraction", "fraction"],
            "better": ["lower", "higher", "lower", "higher"],
            "how": [
                f"units on hand above {excess_days} days of forecast demand / units on hand",
                "units shipped in 90 days / average units on hand over them",
                "units with no active offer / units on hand (Manage FBA Inventory)"
                if not math.isnan(stranded)
                else "needs Manage FBA Inventory",
                "days in stock / days listed, SKUs that sold",
            ],
        }
    )

    # --- demand table
    tr_days = so.tracked.sum().reindex(skus)
    out_days = (so.out & so.tracked).sum().reindex(skus)
    sold_hist = units.sum().reindex(skus)
    demand_hist = so.demand.where(so.tracked, 0.0).sum().reindex(skus)
    in_stock_days = (tr_days - out_days).astype("float64")
    sold_in_stock = units.where(so.tracked & ~so.out, 0.0).sum().reindex(skus)
    rate_ci = stats.poisson_interval(sold_in_stock, in_stock_days)
    demand_table = pd.DataFrame(
        {
            "sku": skus,
            "days_listed": tr_days.to_numpy(),
            "out_days": out_days.to_numpy(),
            "units_sold": sold_hist.to_numpy(),
            "units_lost": (demand_hist - sold_hist).clip(lower=0).to_numpy(),
            "daily_sold": _per(sold_hist, tr_days),
            "daily_demand": _per(demand_hist, tr_days),
            "daily_in_stock": rate_ci.estimate.to_numpy(),
            "daily_in_stock_lower": rate_ci.lower.to_numpy(),
            "daily_in_stock_upper": rate_ci.upper.to_numpy(),
        }
    )
    season_table = season.index.reset_index()
    season_table.columns = ["month", "index"]
    season_table["month_name"] = [_MONTHS[m - 1] for m in season_table["month"]]

    forecast_table = forecast.reset_index()
    forecast_table.insert(1, "title", master["title"].to_numpy())

    order = {k: i for i, k in enumerate(STATUSES)}
    reorder = reorder.sort_values(["status", "sku"], key=lambda c: c.map(order) if c.name == "status" else c)
    reorder = reorder.reset_index(drop=True)
    differ = differ.sort_values("sku", ignore_index=True)
    turnover = turnover.sort_values(["inventory_value", "sku"], ascending=[False, True], ignore_index=True)
    lost = so.periods.groupby("sku")["units_lost"].sum().sort_values(ascending=False)
    chart_skus = list(lost.index[:1]) + list(reorder.loc[reorder["status"] == "order now", "sku"])
    chart_skus += list(forecast["next_13_weeks"].sort_values(ascending=False).index[:3])
    chart_skus = list(dict.fromkeys(chart_skus))[:2]

    # --- action tables
    reorder_actions = reorder[reorder["status"].isin(["order now", "reorder soon"])][
        ["sku", "title", "status", "order_date", "next_order_quantity", "case_pack", "available", "inbound",
         "reorder_point", "safety_stock", "lead_time_days"]
    ].rename(columns={"next_order_quantity": "order_quantity"})  # fmt: skip
    reorder_actions = reorder_actions.assign(
        order_date=pd.to_datetime(reorder_actions["order_date"]).dt.strftime("%Y-%m-%d"),
        available=reorder_actions["available"].round().astype("int64"),
        inbound=reorder_actions["inbound"].round().astype("int64"),
        reorder_point=reorder_actions["reorder_point"].round(1),
        safety_stock=reorder_actions["safety_stock"].round(1),
        lead_time_days=reorder_actions["lead_time_days"].round().astype("int64"),
    )
    money_columns = ["best_saving", "keep_cost", "discount_saves", "removal_saves", "liquidation_saves"]
    clearance_actions = clearance[clearance["best_option"] != "keep"][
        ["sku", "units_to_clear", "best_option", *money_columns]
    ].reset_index(drop=True)
    clearance_actions[money_columns] = clearance_actions[money_columns].round(2)
    clearance_actions.insert(3, "currency", currency)

    facts = {
        "chart_skus": chart_skus,
        "turnover": float(
            metrics.inventory_turnover(turnover["cogs"].sum(), turnover["average_inventory_value"].sum(), period_days)
        ),
        "inventory_value": float(turnover["inventory_value"].sum()),
        "value_above_target": float(turnover["value_above_target_cover"].sum()),
        "median_dos_t30": float(np.nanmedian(cover["days_of_supply_t30"].replace(np.inf, np.nan)))
        if cover["days_of_supply_t30"].notna().any()
        else float("nan"),
        "median_dos_total_t30": float(np.nanmedian(cover["days_of_supply_total_t30"].replace(np.inf, np.nan)))
        if cover["days_of_supply_total_t30"].notna().any()
        else float("nan"),
        "sell_through": float(sell_90),
        "aged_units": float(ages["units_181_plus"].sum()),
        "units_365_plus": float(ages["units_365_plus"].sum()),
        "units_on_hand": float(now_cohorts.to_numpy().sum()),
        "surcharge_exposure": exposure,
        "top_surcharge": float(per_sku_ais.iloc[-1]) if len(per_sku_ais) else 0.0,
        "top_surcharge_sku": str(per_sku_ais.index[-1]) if len(per_sku_ais) else "",
        "order_now": int((status == "order now").sum()),
        "in_stock_rate": float(in_stock(start, end)),
        "season_supported": season.supported,
        "position_source": position_source,
        "demand_source": source,
        "history_start": first_day,
    }
    settings = {
        "service_level": service_level,
        "target_turnover": target,
        "target_cover_days": target_cover,
        "review_days": review_days,
        "order_cover_days": order_cover_days,
        "soon_days": soon_days,
        "overstock_days": overstock_days,
        "excess_days": excess_days,
        "fee_months": fee_months,
        "clearance_horizon_months": clearance_horizon_months,
        "discount_rate": discount_rate,
        "liquidation_recovery": liquidation_recovery,
        "confidence": confidence,
    }
    cover = cover.sort_values(["days_of_supply_total_t30", "sku"], ignore_index=True)
    forecast_table = forecast_table.sort_values(["next_13_weeks", "sku"], ascending=[False, True], ignore_index=True)
    tables = {
        "turnover": turnover,
        "turnover_by_category": by_cat,
        "cover": cover,
        "ages": ages,
        "fee_table": fees.to_frame(),
        "fee_projection": fee_projection,
        "fee_projection_by_sku": by_sku_fees,
        "fee_check": fee_check,
        "clearance": clearance,
        "ipi": ipi,
        "stockouts": so.periods,
        "demand": demand_table,
        "season": season_table,
        "forecast": forecast_table,
        "forecast_weeks": forecast_weeks,
        "history_weeks": history_weeks,
        "backtest": backtest,
        "backtest_groups": groups,
        "reorder": reorder,
        "rule_differences": differ,
        "reorder_actions": reorder_actions.reset_index(drop=True),
        "clearance_actions": clearance_actions,
    }
    return InventoryTurnover(
        title=f"Inventory turnover, {market}",
        tables=tables,
        marketplace=market,
        currency=currency,
        start=start,
        end=end,
        fees=fees,
        settings=settings,
        facts=facts,
        notes=notes,
    )


def _mean_season(season: Season, end, days) -> np.ndarray:
    """The mean season multiplier over the next ``days`` days (per SKU)."""
    out = []
    for d in np.atleast_1d(days):
        future = pd.date_range(pd.Timestamp(end) + pd.Timedelta(days=1), periods=max(int(d), 1), freq="D")
        out.append(season.by_day(future).mean())
    return np.asarray(out)


def _why(row, soon_days: float, overstock_days: float) -> str:
    """Why the plan and the plain rule differ for one SKU, in words (empty when they agree)."""
    if row.status == row.rule_status:
        return ""
    parts = []
    if row.sold_daily_t30 == 0 and row.forecast_daily > 0:
        parts.append(f"nothing sold in the last 30 days; the forecast is {row.forecast_daily:.2f} a day")
    elif row.sold_daily_t30 > 0 and abs(row.forecast_daily / row.sold_daily_t30 - 1) >= 0.1:
        parts.append(
            f"the forecast over the lead time is {row.forecast_daily:.2f} a day against {row.sold_daily_t30:.2f} sold "
            "a day in the last 30 days"
        )
    lasts = f"{row.days_of_supply:,.0f} days" if np.isfinite(row.days_of_supply) else "beyond the forecast"
    if row.status == "overstock":
        if not np.isfinite(row.days_of_supply) or row.days_of_supply > overstock_days:
            parts.append(f"at the forecast, stock and inbound last {lasts} (more than {overstock_days:g})")
        else:
            parts.append("units over 180 days old will not sell before the next surcharge")
    elif row.rule_status == "overstock":
        parts.append(f"at the forecast, stock and inbound last {lasts}")
    if row.status in ("order now", "reorder soon") and row.rule_status not in ("order now", "reorder soon"):
        parts.append(
            f"the reorder point adds {row.safety_stock:.0f} units of safety stock and the demand of the review period"
        )
    return "; ".join(parts) or "the forecast and the last 30 days' sales differ"
