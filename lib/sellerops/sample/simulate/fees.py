"""Stage 5, fees and payments: what Amazon charges and pays, derived from orders, returns and stock.

Nothing here draws random numbers: referral and FBA fees per order, refund administration fees,
monthly storage fees (average daily volume x rate), the aged-inventory surcharge at every month end
(FIFO ages of the units on hand x cubic feet x band rate), and the transaction-report rows that carry
them, with a transfer to the seller's bank at the end of every 14-day settlement period.

Examples
--------
>>> import pandas as pd
>>> week_end(pd.Series(pd.to_datetime(["2026-10-28", "2026-11-01"]))).dt.day_name().tolist()
['Sunday', 'Sunday']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import catalogue as cat
from .model import Calendar

#: Age bands of the aged-inventory surcharge (days, inclusive), in the order of ``AGED_SURCHARGE_PER_CUFT``.
AIS_EDGES = [(181, 210), (211, 240), (241, 270), (271, 300), (301, 330), (331, 365), (366, 10**6)]
AIS_BANDS = list(cat.AGED_SURCHARGE_PER_CUFT)
#: Rates the old planning layout used for its long-term storage fee estimates (per cubic foot).
LTSF_9_MONTH_RATE = cat.AGED_SURCHARGE_PER_CUFT["271-300"]
LTSF_12_MONTH_RATE = cat.AGED_SURCHARGE_PER_CUFT["365+"]
#: Settlement period (days) and the bank account the transfers go to.
SETTLEMENT_DAYS = 14
STORAGE_DESCRIPTION = "FBA storage fee"
AGED_DESCRIPTION = {"new": "Aged inventory surcharge", "old": "FBA Long-Term Storage Fee"}


def order_fees(orders: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """Referral fee (on the price after promotion) and FBA fulfilment fee of every order."""
    od = orders.copy()
    od["referral_fee"] = np.round(cat.REFERRAL_FEE_RATE * (od["item_price"] - od["promo_discount"]), 2)
    od["fba_fee"] = np.round(series["fba_fee"].to_numpy()[od["series"].to_numpy()] * od["quantity"], 2)
    return od


def return_fees(returns: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """The referral fee refunded on a return, less the refund administration fee (20%, at most 5.00)."""
    rt = returns.copy()
    rt["referral_fee"] = orders.set_index("order_id").loc[rt["order_id"], "referral_fee"].to_numpy()
    rt["admin_fee"] = np.round(np.minimum(5.0, cat.REFUND_ADMIN_FEE_RATE * rt["referral_fee"]), 2)
    return rt


def storage_fees(cal: Calendar, series: pd.DataFrame, onhand_end: np.ndarray) -> pd.DataFrame:
    """Monthly storage fee per series: average daily units on hand x cubic feet x the month's rate."""
    S, M = len(series), cal.M
    cuft = series["cubic_feet"].to_numpy()
    avg = np.zeros((S, M))
    for j in range(M):
        avg[:, j] = onhand_end[:, cal.month_idx == j].mean(1)
    peak = np.array([int(m[-2:]) in (10, 11, 12) for m in cal.month_labels])
    rate = np.where(peak, cat.STORAGE_FEE_PER_CUFT["peak"], cat.STORAGE_FEE_PER_CUFT["off_peak"])
    return pd.DataFrame(
        {
            "series": np.repeat(np.arange(S), M),
            "marketplace": np.repeat(series["marketplace"].to_numpy(), M),
            "sku": np.repeat(series["sku"].to_numpy(), M),
            "month": np.tile(cal.month_labels, S),
            "avg_onhand": avg.ravel(),
            "cubic_feet": np.repeat(cuft, M),
            "rate": np.tile(rate, S),
            "storage_fee": np.round((avg * cuft[:, None] * rate[None, :]).ravel(), 2),
        }
    )


def fifo_ages(lots: pd.DataFrame, shipped_cum: np.ndarray, t: int) -> pd.DataFrame:
    """Units on hand at the end of day ``t`` by lot, oldest sold first.

    ``shipped_cum`` is the (S,) count of units that left stock up to and including day ``t``.
    """
    lots = lots[lots["arrival"] <= t].sort_values(["series", "arrival"], kind="stable").copy()
    lots["cum"] = lots.groupby("series")["qty"].cumsum()
    lots["remaining"] = np.clip(lots["cum"] - shipped_cum[lots["series"].to_numpy()], 0, lots["qty"])
    lots["age"] = t - lots["arrival"]
    lots["t"] = t
    return lots.loc[lots["remaining"] > 0, ["t", "series", "arrival", "age", "remaining"]]


def snapshot_days(cal: Calendar) -> list[int]:
    """The day index of every month end (the planning report's snapshots)."""
    return [cal.month_end(m) for m in cal.month_labels]


def inventory_ages(cal: Calendar, lots: pd.DataFrame, out: np.ndarray) -> pd.DataFrame:
    """FIFO ages at every month end; ``out`` is units leaving stock per (series, day)."""
    cum = np.cumsum(out, axis=1)
    return pd.concat([fifo_ages(lots, cum[:, t], t) for t in snapshot_days(cal)], ignore_index=True)


def band_units(ages: pd.DataFrame, S: int, edges: list[tuple[int, int]]) -> np.ndarray:
    """Units per series and age band (edges in days, inclusive)."""
    res = np.zeros((S, len(edges)), dtype=np.int64)
    for j, (lo, hi) in enumerate(edges):
        sel = (ages["age"] >= lo) & (ages["age"] <= hi)
        np.add.at(res[:, j], ages.loc[sel, "series"].to_numpy(), ages.loc[sel, "remaining"].to_numpy())
    return res


def aged_inventory(cal: Calendar, series: pd.DataFrame, ages: pd.DataFrame, onhand_end: np.ndarray) -> pd.DataFrame:
    """Per month end and series: units and surcharge per band, and the planning report's fee estimates."""
    S = len(series)
    cuft = series["cubic_feet"].to_numpy()
    rates = np.array(list(cat.AGED_SURCHARGE_PER_CUFT.values()))
    parts = []
    for month, t in zip(cal.month_labels, snapshot_days(cal)):
        q = band_units(ages[ages["t"] == t], S, AIS_EDGES)
        fee = np.round(q * cuft[:, None] * rates[None, :], 2)
        nxt = int(month[-2:]) % 12 + 1
        rate_next = cat.STORAGE_FEE_PER_CUFT["peak" if nxt in (10, 11, 12) else "off_peak"]
        df = pd.DataFrame({"t": t, "month": month, "series": np.arange(S)})
        for j, b in enumerate(AIS_BANDS):
            df[f"units_{b}"] = q[:, j]
        for j, b in enumerate(AIS_BANDS):
            df[f"fee_{b}"] = fee[:, j]
        df["fee"] = np.round(fee.sum(1), 2)
        df["ltsf_9_month_estimate"] = np.round(q[:, 3:].sum(1) * cuft * LTSF_9_MONTH_RATE, 2)
        df["ltsf_12_month_estimate"] = np.round(q[:, -1] * cuft * LTSF_12_MONTH_RATE, 2)
        df["storage_next_month_estimate"] = np.round(onhand_end[:, t] * cuft * rate_next, 2)
        parts.append(df)
    return pd.concat(parts, ignore_index=True)


def week_end(dates: pd.Series) -> pd.Series:
    """The Sunday ending each date's week (advertising is invoiced weekly)."""
    return dates + pd.to_timedelta((6 - dates.dt.day_of_week) % 7, unit="D")


_AMOUNTS = [
    "product sales",
    "product sales tax",
    "promotional rebates",
    "marketplace withheld tax",
    "selling fees",
    "fba fees",
    "other transaction fees",
    "other",
]


def _fee_rows(frame: pd.DataFrame, type_: str, **fixed) -> pd.DataFrame:
    base = {
        "type": type_,
        "order id": "",
        "sku": "",
        "quantity": 0,
        "account type": "Standard Orders",
        "fulfillment": "",
        "place": -1,
    }
    base.update(fixed)
    out = frame.assign(**base)
    for c in _AMOUNTS:
        if c not in out.columns:
            out[c] = 0.0
    return out


def payment_events(
    cal: Calendar,
    products: pd.DataFrame,
    orders: pd.DataFrame,
    returns: pd.DataFrame,
    campaign_days: pd.DataFrame,
    storage: pd.DataFrame,
    aged: pd.DataFrame,
) -> pd.DataFrame:
    """All transaction-report rows (numbers, not text), both marketplaces, sorted by time.

    Orders post when they ship, refunds when they are refunded, advertising weekly (Sunday), storage
    for month m and the aged-inventory surcharge of the snapshot at the end of m on the 15th of m + 1.
    """
    cutoff = pd.Timestamp(cal.end) + pd.Timedelta(hours=7)
    title = products.set_index("sku")["title"]
    o = orders[~orders["cancelled"] & (orders["ship_utc"] <= cutoff)]
    us = (o["marketplace"] == "US").to_numpy()
    tax = np.where(us, o["item_tax"], 0.0)
    ev_o = pd.DataFrame(
        {
            "utc": o["ship_utc"].to_numpy(),
            "marketplace": o["marketplace"].to_numpy(),
            "type": "Order",
            "order id": o["order_id"].to_numpy(),
            "sku": o["sku"].to_numpy(),
            "description": title.loc[o["sku"]].to_numpy(),
            "quantity": o["quantity"].to_numpy(),
            "account type": "Standard Orders",
            "fulfillment": "Amazon",
            "place": o["place"].to_numpy(),
            "product sales": o["item_price"].to_numpy(),
            "product sales tax": tax,
            "promotional rebates": -o["promo_discount"].to_numpy(),
            "marketplace withheld tax": -tax,
            "selling fees": -o["referral_fee"].to_numpy(),
            "fba fees": -o["fba_fee"].to_numpy(),
            "other transaction fees": 0.0,
            "other": 0.0,
        }
    )
    r = returns[returns["refund_utc"] <= cutoff]
    oo = orders.set_index("order_id")
    rus = (r["marketplace"] == "US").to_numpy()
    rtax = np.where(rus, oo.loc[r["order_id"], "item_tax"].to_numpy(), 0.0)
    ev_r = pd.DataFrame(
        {
            "utc": r["refund_utc"].to_numpy(),
            "marketplace": r["marketplace"].to_numpy(),
            "type": "Refund",
            "order id": r["order_id"].to_numpy(),
            "sku": r["sku"].to_numpy(),
            "description": title.loc[r["sku"]].to_numpy(),
            "quantity": r["quantity"].to_numpy(),
            "account type": "Standard Orders",
            "fulfillment": "Amazon",
            "place": oo.loc[r["order_id"], "place"].to_numpy(),
            "product sales": -r["item_price"].to_numpy(),
            "product sales tax": -rtax,
            "promotional rebates": r["promo_discount"].to_numpy(),
            "marketplace withheld tax": rtax,
            "selling fees": np.round(r["referral_fee"].to_numpy() - r["admin_fee"].to_numpy(), 2),
            "fba fees": 0.0,
            "other transaction fees": 0.0,
            "other": 0.0,
        }
    )
    # advertising: billed weekly (Sunday), amount = the week's spend
    cd = campaign_days.copy()
    cd["week_end"] = week_end(cd["date"]).clip(upper=pd.Timestamp(cal.end))
    adw = cd.groupby(["marketplace", "week_end"], sort=True)["spend"].sum().round(2).reset_index()
    adw = adw[adw["spend"] > 0]
    ev_a = _fee_rows(
        pd.DataFrame(
            {
                "utc": (adw["week_end"] + pd.Timedelta(hours=14)).to_numpy(),
                "marketplace": adw["marketplace"].to_numpy(),
                "other transaction fees": -adw["spend"].to_numpy(),
            }
        ),
        "Service Fee",
        description="Cost of Advertising",
    )
    # storage (month m) and aged-inventory surcharge (snapshot at the end of m), posted on the 15th of m + 1
    st = storage.groupby(["marketplace", "month"], sort=True)["storage_fee"].sum().round(2)
    mkt_of = np.array(list(cat.MARKETPLACES))[np.repeat(np.arange(len(cat.MARKETPLACES)), len(products))]
    rows = []
    for month in cal.month_labels:
        z = pd.Period(month, "M").end_time.date()
        post = pd.Timestamp(z) + pd.Timedelta(days=15, hours=10)
        if post > pd.Timestamp(cal.end):
            continue
        a = aged[aged["month"] == month]
        layout = "new" if z >= cat.PLANNING_NEW_LAYOUT_FROM else "old"
        for mkt in cat.MARKETPLACES:
            rows.append((post, mkt, STORAGE_DESCRIPTION, -round(float(st.get((mkt, month), 0.0)), 2)))
            s = round(float(a.loc[mkt_of[a["series"].to_numpy()] == mkt, "fee"].sum()), 2)
            if s > 0:
                rows.append((post + pd.Timedelta(minutes=3), mkt, AGED_DESCRIPTION[layout], -s))
    ev_f = _fee_rows(pd.DataFrame(rows, columns=["utc", "marketplace", "description", "other"]), "FBA Inventory Fee")
    ev = pd.concat([ev_o, ev_r, ev_a, ev_f], ignore_index=True)
    for c in _AMOUNTS:
        ev[c] = ev[c].astype(float).round(2)
    ev["total"] = ev[_AMOUNTS].sum(axis=1).round(2)
    ev["period"] = ((pd.DatetimeIndex(ev["utc"]) - pd.Timestamp(cal.start)).days // SETTLEMENT_DAYS).astype(int)
    ev = pd.concat([ev, _transfers(cal, ev)], ignore_index=True)
    ev["settlement id"] = (21874500000 + ev["period"] * 731 + np.where(ev["marketplace"] == "US", 0, 5)).astype(str)
    ev = ev.sort_values(["marketplace", "utc", "type", "order id"], kind="stable").reset_index(drop=True)
    ev["month"] = posting_month(ev["utc"], ev["marketplace"])
    return ev


def _transfers(cal: Calendar, ev: pd.DataFrame) -> pd.DataFrame:
    """A Transfer at the end of each 14-day settlement period pays out the period's positive balance."""
    start = pd.Timestamp(cal.start)
    tr = ev.groupby(["marketplace", "period"], sort=True)["total"].sum().round(2).reset_index()
    tr = tr[tr["total"] > 0]
    tr_utc = start + pd.to_timedelta(tr["period"] * SETTLEMENT_DAYS + SETTLEMENT_DAYS, unit="D") - pd.Timedelta(hours=2)
    keep = (tr_utc <= pd.Timestamp(cal.end) + pd.Timedelta(hours=7)).to_numpy()
    tr, tr_utc = tr[keep], tr_utc[keep]
    return _fee_rows(
        pd.DataFrame(
            {
                "utc": tr_utc.to_numpy(),
                "marketplace": tr["marketplace"].to_numpy(),
                "other": -tr["total"].to_numpy(),
                "total": -tr["total"].to_numpy(),
                "period": tr["period"].to_numpy(),
            }
        ),
        "Transfer",
        description="To account ending in: 417",
    )


def posting_month(utc: pd.Series, marketplace: pd.Series) -> np.ndarray:
    """``YYYY-MM`` of each UTC time in the marketplace's transaction-report time zone."""
    out = np.empty(len(utc), dtype=object)
    for mkt, info in cat.MARKETPLACES.items():
        sel = (marketplace == mkt).to_numpy()
        local = pd.DatetimeIndex(utc[sel]).tz_localize("UTC").tz_convert(info["payments_tz"])
        out[sel] = local.strftime("%Y-%m")
    return out.astype(str)
