"""Seller KPIs as vectorised formulas.

Every formula of ``shared/reference/kpis-and-benchmarks.md`` lives here, once. Each function
accepts scalars, NumPy arrays or pandas Series and returns the same kind:

- only scalars in -> a Python ``float`` out;
- any Series in -> a ``float64`` Series out. Several Series are aligned by index first (outer
  join, like pandas arithmetic: a label missing from one input gives NaN); scalars broadcast;
- otherwise (arrays or lists) -> a ``float64`` ndarray.

Undefined values are NaN, never 0 and never inf: a zero denominator (ACoS with no sales, CPC with
no clicks, CTR with no impressions ...) and any NaN/missing input give NaN. Amazon prints 0 or a
blank for ACoS when sales are 0; that is "undefined", not "good".

Rates are fractions (0.25 means 25 %). Costs are positive amounts, in one currency (see
:mod:`sellerops.core.money` for summing amounts safely).

Examples
--------
>>> from sellerops.core import metrics
>>> metrics.acos(12.5, 50.0)
0.25
>>> metrics.acos(12.5, 0.0)
nan
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

__all__ = [
    "acos",
    "break_even_acos",
    "buy_box_percentage",
    "cancellation_rate",
    "contribution_margin",
    "contribution_margin_rate",
    "cpc",
    "ctr",
    "cvr",
    "days_of_supply",
    "defect_rate",
    "excess_inventory_percentage",
    "gross_margin",
    "in_stock_rate",
    "inventory_turnover",
    "net_margin",
    "order_defect_rate",
    "return_rate",
    "roas",
    "sell_through",
    "stranded_percentage",
    "tacos",
    "unit_session_percentage",
    "weeks_of_cover",
]

#: What the functions accept: a number, an array-like or a Series.
Value: TypeAlias = "float | int | np.ndarray | pd.Series"

DAYS_PER_YEAR = 365


# --------------------------------------------------------------------------- helpers
def _to_float_array(value: Any) -> np.ndarray:
    """Return ``value`` as a float64 ndarray, with missing values (None, pd.NA) as NaN."""
    if isinstance(value, (pd.Series, pd.Index)):
        return value.to_numpy(dtype="float64", na_value=np.nan)
    if np.ndim(value) == 0:
        return np.asarray(np.nan if pd.isna(value) else value, dtype="float64")
    array = np.asarray(value)
    if array.dtype == object:  # e.g. a list holding None or pd.NA
        flat = pd.Series(array.ravel(), dtype=object).to_numpy(dtype="float64", na_value=np.nan)
        return flat.reshape(array.shape)
    return array.astype("float64")


def _prepare(*values: Any) -> tuple[list[np.ndarray], Callable[[np.ndarray], Any]]:
    """Align the inputs and return them as float arrays plus a function that wraps a result.

    Series are aligned on the union of their indexes (in the order pandas arithmetic uses);
    the wrapper turns a result back into a Series with that index, an ndarray, or a float.
    """
    series = [v for v in values if isinstance(v, pd.Series)]
    if series:
        index = series[0].index
        for s in series[1:]:
            if not s.index.equals(index):
                index = index.join(s.index, how="outer")
        aligned = [v.reindex(index) if isinstance(v, pd.Series) and not v.index.equals(index) else v for v in values]
        arrays = [_to_float_array(v) for v in aligned]

        def wrap(result: np.ndarray) -> pd.Series:
            return pd.Series(np.broadcast_to(result, (len(index),)).copy(), index=index, dtype="float64")

        return arrays, wrap

    arrays = [_to_float_array(v) for v in values]
    if any(a.ndim > 0 for a in arrays):

        def wrap(result: np.ndarray) -> np.ndarray:
            return np.asarray(result, dtype="float64")

        return arrays, wrap

    def wrap(result: np.ndarray) -> float:
        return float(result)

    return arrays, wrap


def _finite(result: np.ndarray) -> np.ndarray:
    """Replace +/-inf by NaN (an infinite KPI is an undefined one)."""
    result = np.asarray(result, dtype="float64")
    return np.where(np.isfinite(result), result, np.nan)


def _safe_divide(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den`` on float arrays; NaN where ``den`` is 0, where anything is NaN, or inf."""
    with np.errstate(all="ignore"):
        out = np.where(den == 0, np.nan, num / np.where(den == 0, 1.0, den))
    return _finite(out)


def _ratio(num: Value, den: Value) -> Value:
    """Safe, vectorised ``num / den``: NaN (never 0 or inf) when undefined.

    Parameters
    ----------
    num, den : float, array-like or pandas.Series
        Numerator and denominator. Series are aligned by index.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        The same kind as the inputs (see the module docstring).

    Examples
    --------
    >>> _ratio(1, 4)
    0.25
    >>> _ratio(1, 0)
    nan
    """
    (n, d), wrap = _prepare(num, den)
    return wrap(_safe_divide(n, d))


# --------------------------------------------------------------------------- advertising
def ctr(clicks: Value, impressions: Value) -> Value:
    """Click-through rate: clicks / impressions.

    Parameters
    ----------
    clicks, impressions : float, array-like or pandas.Series
        Counts for the same rows (campaign, keyword, search term ...).

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        CTR as a fraction; NaN where there were no impressions.

    Examples
    --------
    >>> ctr(5, 1000)
    0.005
    >>> ctr(0, 0)
    nan
    """
    return _ratio(clicks, impressions)


def cpc(spend: Value, clicks: Value) -> Value:
    """Cost per click: ad spend / clicks.

    Parameters
    ----------
    spend : float, array-like or pandas.Series
        Ad spend (amount).
    clicks : float, array-like or pandas.Series
        Clicks.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Amount per click; NaN where there were no clicks.

    Examples
    --------
    >>> cpc(12.5, 25)
    0.5
    >>> cpc(3.0, 0)
    nan
    """
    return _ratio(spend, clicks)


def cvr(orders: Value, clicks: Value) -> Value:
    """Ad conversion rate: orders / clicks (Amazon's "7 Day Conversion Rate").

    For the listing conversion rate from the Business Report use
    :func:`unit_session_percentage`.

    Parameters
    ----------
    orders : float, array-like or pandas.Series
        Ad-attributed orders.
    clicks : float, array-like or pandas.Series
        Clicks.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Fraction of clicks that converted; NaN where there were no clicks.

    Examples
    --------
    >>> cvr(3, 40)
    0.075
    """
    return _ratio(orders, clicks)


def acos(spend: Value, sales: Value) -> Value:
    """Advertising cost of sales: ad spend / ad-attributed sales.

    Parameters
    ----------
    spend : float, array-like or pandas.Series
        Ad spend.
    sales : float, array-like or pandas.Series
        Ad-attributed sales (same attribution window and currency as ``spend``).

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        ACoS as a fraction. NaN where sales are 0: Amazon prints 0 or blank there, but spend
        without sales is undefined ACoS, not a good one.

    Examples
    --------
    >>> acos(12.5, 50.0)
    0.25
    >>> acos(7.0, 0.0)
    nan
    """
    return _ratio(spend, sales)


def roas(sales: Value, spend: Value) -> Value:
    """Return on ad spend: ad-attributed sales / ad spend (= 1 / ACoS).

    Parameters
    ----------
    sales : float, array-like or pandas.Series
        Ad-attributed sales.
    spend : float, array-like or pandas.Series
        Ad spend.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Sales per unit of spend; NaN where spend is 0.

    Examples
    --------
    >>> roas(50.0, 12.5)
    4.0
    """
    return _ratio(sales, spend)


def tacos(spend: Value, total_sales: Value) -> Value:
    """Total advertising cost of sales: ad spend / total sales (ads + organic).

    Parameters
    ----------
    spend : float, array-like or pandas.Series
        Ad spend.
    total_sales : float, array-like or pandas.Series
        All sales of the period, e.g. the Business Report's "Ordered Product Sales".

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        TACoS as a fraction; NaN where total sales are 0.

    Examples
    --------
    >>> tacos(100.0, 1250.0)
    0.08
    """
    return _ratio(spend, total_sales)


def break_even_acos(
    price: Value,
    unit_cost: Value,
    referral_fee_rate: Value,
    fba_fee: Value,
    other_variable_cost: Value = 0,
) -> Value:
    """Break-even ACoS: the margin per unit before advertising, as a fraction of price.

    ``(price - unit_cost - referral_fee_rate * price - fba_fee - other_variable_cost) / price``.
    An ACoS above it loses money on every ad-attributed sale.

    Parameters
    ----------
    price : float, array-like or pandas.Series
        Selling price per unit (what the referral fee is charged on).
    unit_cost : float, array-like or pandas.Series
        Landed cost of goods per unit (amount).
    referral_fee_rate : float, array-like or pandas.Series
        Amazon's referral fee as a **fraction of price** (0.15 for 15 %), not an amount.
    fba_fee : float, array-like or pandas.Series
        FBA fulfilment fee per unit (amount).
    other_variable_cost : float, array-like or pandas.Series, default 0
        Any other cost per unit (amount): inbound shipping, packaging, storage per unit ...

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Break-even ACoS as a fraction. Negative when the unit loses money even without ads;
        NaN where the price is 0 or any input is NaN.

    Examples
    --------
    >>> break_even_acos(price=20.0, unit_cost=5.0, referral_fee_rate=0.15, fba_fee=4.0)
    0.4
    """
    (p, c, r, f, o), wrap = _prepare(price, unit_cost, referral_fee_rate, fba_fee, other_variable_cost)
    margin = p - c - r * p - f - o
    return wrap(_safe_divide(margin, p))


# --------------------------------------------------------------------------- listing
def unit_session_percentage(units_ordered: Value, sessions: Value) -> Value:
    """Listing conversion (Unit Session Percentage): units ordered / sessions.

    Parameters
    ----------
    units_ordered, sessions : float, array-like or pandas.Series
        From the Business Report (detail page sales and traffic).

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Fraction; NaN where there were no sessions. It can exceed 1 (several units per order).

    Examples
    --------
    >>> unit_session_percentage(12, 300)
    0.04
    """
    return _ratio(units_ordered, sessions)


def buy_box_percentage(featured_offer_page_views: Value, page_views: Value) -> Value:
    """Buy Box (Featured Offer) percentage: page views with the featured offer / page views.

    The Business Report prints this per ASIN already; the function is for combining rows
    (e.g. several days or ASINs), which must be weighted by page views, not averaged.

    Parameters
    ----------
    featured_offer_page_views : float, array-like or pandas.Series
        Page views where this seller held the featured offer (``percentage * page views``
        when only the percentage is exported).
    page_views : float, array-like or pandas.Series
        All page views.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Fraction; NaN where there were no page views.

    Examples
    --------
    >>> buy_box_percentage(95 + 40, 100 + 50)  # 95 % of 100 views and 80 % of 50 views
    0.9
    """
    return _ratio(featured_offer_page_views, page_views)


def return_rate(units_returned: Value, units_shipped: Value) -> Value:
    """Return rate: units returned / units shipped.

    Parameters
    ----------
    units_returned, units_shipped : float, array-like or pandas.Series
        Unit counts for the same period and SKUs.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Fraction; NaN where nothing shipped.

    Examples
    --------
    >>> return_rate(3, 120)
    0.025
    """
    return _ratio(units_returned, units_shipped)


# --------------------------------------------------------------------------- inventory
def inventory_turnover(cogs_of_units_sold: Value, average_inventory_value_at_cost: Value, period_days: Value) -> Value:
    """Inventory turnover per year: COGS of units sold / average inventory at cost, annualised.

    ``(cogs_of_units_sold / average_inventory_value_at_cost) * 365 / period_days``.

    Parameters
    ----------
    cogs_of_units_sold : float, array-like or pandas.Series
        Cost of the units sold during the period (amount).
    average_inventory_value_at_cost : float, array-like or pandas.Series
        Average inventory over the period, valued at cost (same currency).
    period_days : float, array-like or pandas.Series
        Length of the period in days.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Turns per 365 days; NaN where inventory or the period is 0.

    Examples
    --------
    >>> inventory_turnover(3000.0, 6000.0, period_days=73)  # 0.5 turns in 73 days
    2.5
    """
    (cogs, inv, days), wrap = _prepare(cogs_of_units_sold, average_inventory_value_at_cost, period_days)
    per_period = _safe_divide(cogs, inv)
    years = _safe_divide(days, np.asarray(float(DAYS_PER_YEAR)))
    return wrap(_safe_divide(per_period, years))


def days_of_supply(units_available: Value, average_daily_units_sold: Value, inbound: Value = 0) -> Value:
    """Days of supply: (units available + inbound) / average daily units sold.

    Parameters
    ----------
    units_available : float, array-like or pandas.Series
        Sellable units on hand.
    average_daily_units_sold : float, array-like or pandas.Series
        Average units sold per day (e.g. over the last 30 or 90 days).
    inbound : float, array-like or pandas.Series, default 0
        Units inbound, where the report counts them.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Days; NaN where nothing sells (no finite number of days: flag these separately).

    Examples
    --------
    >>> days_of_supply(120, 4.0, inbound=60)
    45.0
    """
    (units, daily, inb), wrap = _prepare(units_available, average_daily_units_sold, inbound)
    return wrap(_safe_divide(units + inb, daily))


def weeks_of_cover(units_available: Value, average_daily_units_sold: Value, inbound: Value = 0) -> Value:
    """Weeks of cover: :func:`days_of_supply` / 7.

    Parameters
    ----------
    units_available, average_daily_units_sold, inbound
        As for :func:`days_of_supply` (use t30 or t90 daily sales for the two variants of
        Amazon's planning report).

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Weeks; NaN where nothing sells.

    Examples
    --------
    >>> weeks_of_cover(140, 2.0)
    10.0
    """
    (units, daily, inb), wrap = _prepare(units_available, average_daily_units_sold, inbound)
    return wrap(_safe_divide(_safe_divide(units + inb, daily), np.asarray(7.0)))


def sell_through(units_shipped_90d: Value, average_units_on_hand_90d: Value) -> Value:
    """Sell-through (as in IPI): units shipped in 90 days / average units on hand over them.

    Parameters
    ----------
    units_shipped_90d : float, array-like or pandas.Series
        Units shipped to customers in the last 90 days.
    average_units_on_hand_90d : float, array-like or pandas.Series
        Average units on hand over the same 90 days.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Ratio (not annualised); NaN where nothing was on hand.

    Examples
    --------
    >>> sell_through(300, 200)
    1.5
    """
    return _ratio(units_shipped_90d, average_units_on_hand_90d)


def excess_inventory_percentage(units_on_hand: Value, forecast_daily_units: Value, days: Value = 90) -> Value:
    """Excess inventory share: units above ``days`` of forecast supply / units on hand.

    ``max(units_on_hand - forecast_daily_units * days, 0) / units_on_hand``.

    Parameters
    ----------
    units_on_hand : float, array-like or pandas.Series
        Units on hand.
    forecast_daily_units : float, array-like or pandas.Series
        Forecast units sold per day.
    days : float, array-like or pandas.Series, default 90
        Supply horizon that is not excess.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Fraction in [0, 1] for non-negative inputs; NaN where nothing is on hand.

    Examples
    --------
    >>> excess_inventory_percentage(500, 2.0, days=90)  # (500 - 180) / 500
    0.64
    """
    (on_hand, daily, horizon), wrap = _prepare(units_on_hand, forecast_daily_units, days)
    # np.maximum propagates NaN, so a NaN forecast stays NaN.
    excess = np.maximum(on_hand - daily * horizon, 0.0)
    return wrap(_safe_divide(excess, on_hand))


def stranded_percentage(units_stranded: Value, units_on_hand: Value) -> Value:
    """Stranded share: units with no active offer / units on hand.

    Parameters
    ----------
    units_stranded, units_on_hand : float, array-like or pandas.Series
        Unit counts (stranded inventory report, inventory health report).

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Fraction; NaN where nothing is on hand.

    Examples
    --------
    >>> stranded_percentage(15, 600)
    0.025
    """
    return _ratio(units_stranded, units_on_hand)


def in_stock_rate(days_in_stock: Value, days_tracked: Value | None = None) -> Value:
    """In-stock rate: share of time replenishable SKUs were in stock.

    Two ways to call it:

    - **counts** (``days_tracked`` given): ``days_in_stock / days_tracked``, element-wise,
      like every other ratio here (NaN where nothing was tracked);
    - **flags** (``days_tracked`` omitted): ``days_in_stock`` holds one in-stock flag per
      observation (True/1 = in stock, e.g. one row per SKU-day); the result is the share of
      flags that are true, as a single float, skipping missing observations (NaN if none).
      Per SKU: ``flags.groupby(sku).agg(in_stock_rate)``.

    Filter to replenishable SKUs before calling: discontinued items are out of stock on purpose.

    Parameters
    ----------
    days_in_stock : float, array-like or pandas.Series
        Days (or observations) in stock, or in-stock flags when ``days_tracked`` is None.
    days_tracked : float, array-like or pandas.Series, optional
        Days (or observations) tracked.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Fraction in [0, 1].

    Examples
    --------
    >>> in_stock_rate(27, 30)
    0.9
    >>> in_stock_rate([True, True, False, True])
    0.75
    """
    if days_tracked is not None:
        return _ratio(days_in_stock, days_tracked)
    flags = _to_float_array(days_in_stock).ravel()
    observed = flags[~np.isnan(flags)]
    if observed.size == 0:
        return float("nan")
    return float(np.mean(observed != 0))


# --------------------------------------------------------------------------- profit
def gross_margin(revenue: Value, cogs: Value) -> Value:
    """Gross margin rate: (revenue - COGS) / revenue.

    Parameters
    ----------
    revenue : float, array-like or pandas.Series
        Sales revenue.
    cogs : float, array-like or pandas.Series
        Cost of the goods sold (positive amount).

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Fraction; NaN where revenue is 0.

    Examples
    --------
    >>> gross_margin(50000.0, 42500.0)
    0.15
    """
    (rev, cost), wrap = _prepare(revenue, cogs)
    return wrap(_safe_divide(rev - cost, rev))


def contribution_margin(
    revenue: Value,
    cogs: Value,
    amazon_fees: Value,
    fba_fees: Value,
    ad_spend: Value,
    refunds: Value,
    storage_fees: Value,
) -> Value:
    """Contribution margin (amount): revenue - COGS - Amazon fees - FBA fees - ads - refunds - storage.

    All costs are **positive amounts** in the currency of ``revenue`` (Amazon's settlement
    exports print fees as negative numbers: negate them first). Every cost is required, so that
    none is forgotten silently; pass 0 where one does not apply. Works per unit or per SKU.

    Parameters
    ----------
    revenue : float, array-like or pandas.Series
        Sales revenue.
    cogs : float, array-like or pandas.Series
        Cost of goods sold.
    amazon_fees : float, array-like or pandas.Series
        Referral and other selling fees.
    fba_fees : float, array-like or pandas.Series
        FBA fulfilment fees.
    ad_spend : float, array-like or pandas.Series
        Advertising spend.
    refunds : float, array-like or pandas.Series
        Refunded amounts.
    storage_fees : float, array-like or pandas.Series
        Storage (monthly, long-term, overage) fees.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Amount; NaN where any input is NaN.

    Examples
    --------
    >>> contribution_margin(1000.0, 400.0, 150.0, 120.0, 100.0, 30.0, 20.0)
    180.0
    """
    parts, wrap = _prepare(revenue, cogs, amazon_fees, fba_fees, ad_spend, refunds, storage_fees)
    rev, *costs = parts
    return wrap(_finite(rev - sum(costs)))


def contribution_margin_rate(
    revenue: Value,
    cogs: Value,
    amazon_fees: Value,
    fba_fees: Value,
    ad_spend: Value,
    refunds: Value,
    storage_fees: Value,
) -> Value:
    """Contribution margin as a fraction of revenue: :func:`contribution_margin` / revenue.

    Parameters
    ----------
    revenue, cogs, amazon_fees, fba_fees, ad_spend, refunds, storage_fees
        As for :func:`contribution_margin`.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Fraction; NaN where revenue is 0 or any input is NaN.

    Examples
    --------
    >>> contribution_margin_rate(1000.0, 400.0, 150.0, 120.0, 100.0, 30.0, 20.0)
    0.18
    """
    parts, wrap = _prepare(revenue, cogs, amazon_fees, fba_fees, ad_spend, refunds, storage_fees)
    rev, *costs = parts
    return wrap(_safe_divide(rev - sum(costs), rev))


def net_margin(net_profit: Value, revenue: Value) -> Value:
    """Net margin: net profit (after fixed costs such as tools and people) / revenue.

    Parameters
    ----------
    net_profit : float, array-like or pandas.Series
        Profit after every variable and fixed cost.
    revenue : float, array-like or pandas.Series
        Sales revenue.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Fraction; NaN where revenue is 0.

    Examples
    --------
    >>> net_margin(193.0, 1000.0)
    0.193
    """
    return _ratio(net_profit, revenue)


# --------------------------------------------------------------------------- account health
def defect_rate(defects: Value, orders: Value) -> Value:
    """Generic defect rate: defective orders / orders.

    Parameters
    ----------
    defects : float, array-like or pandas.Series
        Orders with the defect (negative feedback, A-to-z claim, chargeback, cancellation ...).
    orders : float, array-like or pandas.Series
        All orders of the period.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Fraction; NaN where there were no orders.

    Examples
    --------
    >>> defect_rate(2, 400)
    0.005
    """
    return _ratio(defects, orders)


def order_defect_rate(defective_orders: Value, orders: Value) -> Value:
    """Order defect rate (ODR): orders with a defect / orders.

    Parameters
    ----------
    defective_orders : float, array-like or pandas.Series
        Orders with negative feedback, an A-to-z claim or a chargeback.
    orders : float, array-like or pandas.Series
        All orders of the period.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Fraction; NaN where there were no orders.

    Examples
    --------
    >>> order_defect_rate(1, 250)
    0.004
    """
    return defect_rate(defective_orders, orders)


def cancellation_rate(cancelled_orders: Value, orders: Value) -> Value:
    """Pre-fulfilment cancellation rate: seller-cancelled orders / orders.

    Parameters
    ----------
    cancelled_orders : float, array-like or pandas.Series
        Orders cancelled by the seller before shipping.
    orders : float, array-like or pandas.Series
        All orders of the period.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Fraction; NaN where there were no orders. Amazon's alarm line is 0.025
        (``sellerops.core.thresholds.BENCHMARKS["cancellation_rate_alarm"]``).

    Examples
    --------
    >>> cancellation_rate(18, 250)
    0.072
    """
    return defect_rate(cancelled_orders, orders)
