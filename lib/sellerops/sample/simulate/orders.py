"""Stage 4, orders and returns: the daily traffic frame, one row per order, one row per returned order.

The stock loop decided how many orders of one and two units each series had each day, which
were cancelled and which come back (and when, and how they were graded); here they get their
times, ids, promotions, tax, shipping and return details.

Examples
--------
>>> import datetime as dt, numpy as np
>>> from sellerops.sample.simulate.model import Calendar
>>> rates = cancellation_rates(np.random.default_rng(1), Calendar.between(dt.date(2024, 11, 1), dt.date(2025, 1, 31)))
>>> rates.shape, bool((rates > 0).all())
((2, 3), True)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import catalogue as cat
from .ads import AdPlan, AdResult
from .demand import Demand
from .model import Calendar, codes
from .stock import Stock

COUPON_ID = "Coupon BN-UTENSIL-25"
SALE_ID = "Sale BN-10OFF"
RETURN_REASONS = (
    "UNWANTED_ITEM",
    "NOT_AS_DESCRIBED",
    "DEFECTIVE",
    "DAMAGED_BY_FC",
    "ORDERED_WRONG_ITEM",
    "QUALITY_UNACCEPTABLE",
)


def cancellation_rates(rng: np.random.Generator, cal: Calendar) -> np.ndarray:
    """The account's monthly order cancellation rate per marketplace, shape (marketplaces, M)."""
    c = cat.CANCELLATION_RATE
    return np.clip(rng.normal(c["mean"], c["sd"], (len(cat.MARKETPLACES), cal.M)), c["min"], c["max"])


def daily_frame(
    rng: np.random.Generator,
    cal: Calendar,
    series: pd.DataFrame,
    demand: Demand,
    stock: Stock,
    plan: AdPlan,
    ads: AdResult,
) -> pd.DataFrame:
    """One row per series and day: sessions (organic + ad clicks), page views, units, orders, B2B, buy box."""
    S, D = len(series), cal.D
    sess = rng.poisson(demand.sessions)
    camp_clicks = np.zeros((S, D))
    np.add.at(camp_clicks, plan.campaigns["series"].to_numpy(), ads.clicks.sum(-1))
    sess = (sess + camp_clicks).astype(np.int64)
    sess = np.maximum(sess, stock.sold)  # every unit sold needs a session that day
    bb = np.where(stock.in_stock, rng.uniform(0.95, 1.0, (S, D)), rng.uniform(0.0, 0.05, (S, D)))
    daily = pd.DataFrame(
        {
            "marketplace": np.repeat(series["marketplace"].to_numpy(), D),
            "sku": np.repeat(series["sku"].to_numpy(), D),
            "series": np.repeat(np.arange(S), D),
            "date": np.tile(cal.days.values, S),
            "month": np.tile(np.array(cal.month_labels)[cal.month_idx], S),
            "price": demand.price.ravel(),
            "sessions": sess.ravel(),
            "units": stock.sold.ravel(),
            "demand": stock.demand.ravel(),
            "expected_demand": stock.expected.ravel(),
            "expected_demand_unconstrained": (demand.organic + plan.expected_units_series).ravel(),
            "in_stock": stock.in_stock.ravel(),
            "onhand_end": stock.onhand_end.ravel(),
            "shipped": stock.shipped.ravel(),
            "restocked": stock.restocked.ravel(),
            "buy_box": bb.ravel(),
            "ad_units": ads.attributed_series.ravel(),
            "season": np.tile(demand.season, S),
            "traffic_index": demand.traffic.ravel(),
            "orders": (stock.singles + stock.doubles).ravel(),
            "double_orders": stock.doubles.ravel(),
        }
    )
    n = len(daily)
    daily["sessions_mobile"] = rng.binomial(daily["sessions"].to_numpy(), 0.63)
    daily["sessions_b2b"] = rng.binomial(daily["sessions"].to_numpy(), 0.03)
    daily["page_views"] = daily["sessions"] + rng.poisson(0.35 * daily["sessions"].to_numpy())
    daily["page_views_mobile"] = np.minimum(rng.binomial(daily["page_views"].to_numpy(), 0.63), daily["page_views"])
    daily["page_views_b2b"] = daily["sessions_b2b"] + rng.poisson(0.3 * daily["sessions_b2b"].to_numpy())
    units = daily["units"].to_numpy()
    daily["units_b2b"] = rng.binomial(units, 0.03)
    daily["sales"] = np.round(units * daily["price"].to_numpy(), 2)
    daily["sales_b2b"] = np.round(daily["units_b2b"].to_numpy() * daily["price"].to_numpy(), 2)
    daily["orders_b2b"] = np.minimum(daily["units_b2b"], daily["orders"])
    daily["offer_count"] = 1 + rng.binomial(1, 0.1, n)
    return daily


def _to_utc(local: pd.Series, marketplace: pd.Series) -> np.ndarray:
    utc = np.empty(len(local), dtype="datetime64[ns]")
    for m, info in cat.MARKETPLACES.items():
        sel = (marketplace == m).to_numpy()
        utc[sel] = (
            pd.DatetimeIndex(local[sel])
            .tz_localize(info["tz"], ambiguous=False, nonexistent="shift_forward")
            .tz_convert("UTC")
            .tz_localize(None)
            .values
        )
    return utc


def _order_skeleton(stock: Stock) -> pd.DataFrame:
    """One row per order (cell = series x day): quantity, and whether it was cancelled or comes back.

    Within a cell and quantity the first orders are the cancelled ones, then the returned ones (rank
    ``k`` matches the stock loop's return events); purchase times are drawn afterwards, so the
    position says nothing about the time.
    """
    S, D = stock.sold.shape
    parts = []
    for j, (n, qty) in enumerate(((stock.singles, 1), (stock.doubles, 2))):
        rep = n.ravel()
        cell = np.repeat(np.arange(S * D), rep)
        pos = np.arange(len(cell)) - np.repeat(np.cumsum(rep) - rep, rep)
        canc = stock.cancelled[j].ravel()[cell]
        ret = stock.returned[j].ravel()[cell]
        parts.append(
            pd.DataFrame(
                {
                    "series": cell // D,
                    "day": cell % D,
                    "quantity": qty,
                    "cancelled": pos < canc,
                    "returned": (pos >= canc) & (pos < canc + ret),
                    "k": pos - canc,
                }
            )
        )
    return pd.concat(parts, ignore_index=True).sort_values(["series", "day", "quantity"], kind="stable")


def simulate_orders(
    rng: np.random.Generator, cal: Calendar, series: pd.DataFrame, demand: Demand, stock: Stock
) -> pd.DataFrame:
    """One row per order: time, id, quantity, price, promotion, tax, cancellation, shipping, return link."""
    od = _order_skeleton(stock).reset_index(drop=True)
    N = len(od)
    od["marketplace"] = series["marketplace"].to_numpy()[od["series"]]
    od["sku"] = series["sku"].to_numpy()[od["series"]]
    od["date"] = cal.days.values[od["day"]]
    od["month"] = np.array(cal.month_labels)[cal.month_idx[od["day"]]]
    od["price"] = demand.price[od["series"], od["day"]]
    secs = rng.integers(0, 86400, N)
    od["purchase_utc"] = _to_utc(od["date"] + pd.to_timedelta(secs, unit="s"), od["marketplace"])
    od = od.sort_values(["purchase_utc", "series"], kind="stable").reset_index(drop=True)
    qty = od["quantity"].to_numpy()
    ids = rng.choice(10**14, size=N, replace=False)
    is_us = (od["marketplace"] == "US").to_numpy()
    prefix = np.where(is_us, rng.choice([111, 112, 113, 114], N), rng.choice([202, 203, 204, 205, 206], N))
    idtxt = pd.Series(ids).astype(str).str.zfill(14)
    od["order_id"] = (pd.Series(prefix).astype(str) + "-" + idtxt.str[:7] + "-" + idtxt.str[7:]).to_numpy()
    od["item_price"] = np.round(od["price"] * qty, 2)
    coupon = (od["sku"] == cat.HIGH_SALES_NO_PROFIT_SKU).to_numpy() & (rng.random(N) < cat.COUPON_SHARE_OF_ORDERS)
    other_promo = (~coupon) & (rng.random(N) < 0.03)
    od["promo_discount"] = np.round(
        np.where(coupon, cat.COUPON_RATE * od["item_price"], np.where(other_promo, 0.10 * od["item_price"], 0.0)), 2
    )
    od["promotion_id"] = np.where(coupon, COUPON_ID, np.where(other_promo, SALE_ID, ""))
    od["item_tax"] = np.where(
        is_us, np.round(od["item_price"] * cat.US_SALES_TAX_RATE, 2), np.round(od["item_price"] / 6, 2)
    )
    od["b2b"] = rng.random(N) < 0.03
    od["ship_utc"] = od["purchase_utc"] + pd.to_timedelta(rng.integers(3600 * 4, 3600 * 40, N), unit="s")
    od["level"] = np.where(rng.random(N) < 0.8, "Standard", "Expedited")
    od["place"] = rng.integers(0, 10, N)
    return od


def simulate_returns(rng: np.random.Generator, cal: Calendar, stock: Stock, od: pd.DataFrame) -> pd.DataFrame:
    """One row per order that came back by the last day: return and refund time, grade, reason, centre, plate."""
    ev = stock.returns.copy()
    ev["k"] = ev.groupby(["series", "day", "quantity"]).cumcount()
    ev = ev[ev["day"] + ev["lag_days"] < cal.D]
    ret = od[od["returned"]]
    rt = ret.merge(ev, on=["series", "day", "quantity", "k"], how="inner", validate="one_to_one")
    rt = rt.sort_values(["purchase_utc", "series"], kind="stable").reset_index(drop=True)
    n = len(rt)
    back_day = pd.DatetimeIndex(cal.days.values[rt["day"] + rt["lag_days"]])
    local = back_day + pd.to_timedelta(rng.integers(0, 86400, n), unit="s")
    rt["return_utc"] = _to_utc(pd.Series(local), rt["marketplace"])
    rt["refund_utc"] = rt["return_utc"] + pd.to_timedelta(rng.integers(3600, 86400 * 2, n), unit="s")
    rt["reason"] = np.array(RETURN_REASONS)[rng.integers(0, len(RETURN_REASONS), n)]
    fc = rng.integers(0, len(cat.RETURN_CENTRES["US"]), n)
    rt["fc"] = np.where(
        rt["marketplace"] == "US", np.array(cat.RETURN_CENTRES["US"])[fc], np.array(cat.RETURN_CENTRES["UK"])[fc]
    )
    rt["lpn"] = codes(rng, n, 10, "LPN") if n else []
    cols = ["order_id", "marketplace", "sku", "series", "quantity", "item_price", "promo_discount", "month"]
    cols += ["return_utc", "refund_utc", "disposition", "reason", "fc", "lpn"]
    return rt[cols].sort_values("return_utc", kind="stable").reset_index(drop=True)
