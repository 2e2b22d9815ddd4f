"""Stage 3, stock and inbound: the daily loop of orders against stock on hand, returns, receipts and reorders.

The only Python loop of the simulation runs over the days (each step is vectorised over all
series), because today's sales depend on yesterday's stock. Each day: inbound lots and sellable
returns arrive; demand is served from stock; the units sold become orders of one or two units,
a few of which are cancelled (their units stay in stock) and some of which will come back
(a return is graded on arrival; sellable units go back to stock); every ``review_days`` the
stock position is checked and a purchase order placed. Planted here: the slow mover's old lot
(never reordered), the supplier holds of the stock-out SKU, and the cancelled purchase orders of
the SKU that runs out inside its lead time.

Examples
--------
>>> import datetime as dt, numpy as np
>>> from sellerops.sample.simulate.model import Calendar
>>> from sellerops.sample.simulate.products import build_products
>>> rng = np.random.default_rng(1)
>>> cal = Calendar.between(dt.date(2024, 11, 1), dt.date(2024, 12, 31))
>>> _, series = build_products(rng)
>>> lam = np.full((len(series), cal.D), 0.5)
>>> st = simulate_stock(rng, cal, series, lam, np.zeros_like(lam), np.full((2, cal.M), 0.01))
>>> bool((st.sold <= st.demand).all()), bool((st.onhand_end >= 0).all())
(True, True)
>>> bool((st.singles + 2 * st.doubles == st.sold).all())
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import catalogue as cat
from .model import Calendar


@dataclass
class Stock:
    """Outcome of the stock loop, (S, D) arrays unless noted."""

    demand: np.ndarray  # units wanted
    sold: np.ndarray  # units ordered (demand capped by stock), cancelled ones included
    in_stock: np.ndarray  # stock on hand at the start of the day
    onhand_end: np.ndarray
    ad_units: np.ndarray  # units of the sales that came through ads
    expected: np.ndarray  # expected demand served (organic + ads while in stock)
    removed: np.ndarray  # units removed from stock
    singles: np.ndarray  # orders of one unit
    doubles: np.ndarray  # orders of two units
    cancelled: np.ndarray  # (2, S, D) cancelled orders of one / two units
    returned: np.ndarray  # (2, S, D) shipped orders of one / two units that come back
    shipped: np.ndarray  # units that left stock for a customer
    restocked: np.ndarray  # sellable returned units back in stock
    returns: pd.DataFrame  # one row per returned order: series, day, quantity, lag_days, disposition
    lots: pd.DataFrame  # receipts: series, arrival, qty, ordered (day indices), kind


def _order_quantity(need: float, pack: int) -> int:
    """Units to order: whole case packs once the need reaches one case, single units below."""
    if need >= pack:
        return int(np.ceil(need / pack) * pack)
    return max(1, int(np.ceil(need)))


def simulate_stock(
    rng: np.random.Generator,
    cal: Calendar,
    series: pd.DataFrame,
    organic: np.ndarray,
    ad_expected: np.ndarray,
    cancellation_rate: np.ndarray,
) -> Stock:
    """Run the days: receive lots and returns, sell, split into orders, cancel, return, reorder.

    ``organic`` and ``ad_expected`` are the expected organic and ad units per (series, day); ads only
    sell while the SKU is in stock (campaigns pause). ``cancellation_rate`` is (marketplaces, M).
    """
    S, D = organic.shape
    policy = cat.REORDER
    lead = series["lead_time_days"].to_numpy()
    lead_sd = series["lead_time_sd_days"].to_numpy()
    pack = series["case_pack"].to_numpy()
    return_rate = series["return_rate"].to_numpy()
    ser_m = series["m"].to_numpy()
    plan = organic + ad_expected
    # cumulative planned demand, extended beyond the end at the last month's rate (for reorder points)
    cum_plan = np.concatenate([np.zeros((S, 1)), np.cumsum(plan, 1)], 1)
    pad = np.concatenate(
        [
            cum_plan,
            np.repeat(cum_plan[:, -1:], 400, 1) + np.arange(1, 401)[None, :] * plan[:, -30:].mean(1, keepdims=True),
        ],
        1,
    )
    rows = np.arange(S)
    slow = (series["sku"] == cat.SLOW_MOVER_SKU).to_numpy()
    risk = ((series["sku"] == cat.STOCKOUT_RISK_SKU) & (series["marketplace"] == "US")).to_numpy()
    so = ((series["sku"] == cat.STOCKOUT_SKU) & (series["marketplace"] == "US")).to_numpy()
    risk_s = int(np.flatnonzero(risk)[0])
    so_s = int(np.flatnonzero(so)[0])
    onhand = np.zeros(S, dtype=np.int64)
    lots = []  # (series, arrival day index, qty, order day index, kind)
    init_days = (lead + 3 * lead_sd + cat.INITIAL_COVER_DAYS).astype(int)
    for s in range(S):
        if slow[s]:
            q = cat.SLOW_MOVER_INITIAL_UNITS[series.at[s, "marketplace"]]
            arr = cal.day(cat.SLOW_MOVER_RECEIVED)
        else:
            q = _order_quantity(pad[s, init_days[s]], int(pack[s]))
            arr = -int(rng.integers(20, 80))
        lots.append((s, arr, int(q), arr - int(lead[s]), "receipt"))
        onhand[s] += int(q)
    horizon = D + 500
    arrivals = np.zeros((S, horizon), dtype=np.int64)
    back = np.zeros((S, horizon), dtype=np.int64)  # sellable returns arriving
    pipeline = np.zeros(S, dtype=np.int64)
    no_reorder_from = cal.day(cat.STOCKOUT_RISK_NO_REORDER_FROM)
    delays = [(cal.day(a), cal.day(z)) for a, z in cat.STOCKOUT_DELAYS]
    z_service, safety = policy["service_z"], policy["safety_days"]
    cover = (lead + z_service * lead_sd + safety).astype(int)
    shape = (S, D)
    sold, demand, onhand_end, ad_units = (np.zeros(shape, dtype=np.int64) for _ in range(4))
    singles, doubles, shipped, restocked, removed = (np.zeros(shape, dtype=np.int64) for _ in range(5))
    cancelled = np.zeros((2, S, D), dtype=np.int64)
    returned = np.zeros((2, S, D), dtype=np.int64)
    instock = np.zeros(shape, dtype=bool)
    served = np.zeros(shape)
    events = []  # returned orders: (series, day, qty, lag, disposition index)
    dispositions = list(cat.RETURN_DISPOSITIONS)
    p_disp = np.array(list(cat.RETURN_DISPOSITIONS.values()))
    lag_lo, lag_hi = cat.RETURN_LAG_DAYS
    cancelled_lots = set()
    for t in range(D):
        for a, z in delays:  # supplier/port hold: everything due in [a, z) arrives on z
            if a <= t < z and arrivals[so_s, t] > 0:
                arrivals[so_s, z] += arrivals[so_s, t]
                for i, lot in enumerate(lots):
                    if lot[0] == so_s and lot[1] == t and lot[4] == "receipt":
                        lots[i] = (so_s, z, lot[2], lot[3], lot[4])
                arrivals[so_s, t] = 0
        if t == no_reorder_from:  # purchase orders cancelled; stock trued up to ~25 days at the end
            for i, lot in enumerate(lots):
                if lot[0] == risk_s and lot[1] >= t and lot[4] == "receipt":
                    cancelled_lots.add(i)
            arrivals[risk_s, t:] = 0
            pipeline[risk_s] = 0
            want = int(round(pad[risk_s, D] - pad[risk_s, t] + 25 * plan[risk_s, -30:].mean()))
            if onhand[risk_s] > want:
                removed[risk_s, t] = onhand[risk_s] - want
                onhand[risk_s] = want
            elif onhand[risk_s] < want:
                arrivals[risk_s, t] += want - onhand[risk_s]
                lots.append((risk_s, t, int(want - onhand[risk_s]), t - int(lead[risk_s]), "receipt"))
        onhand += arrivals[:, t] + back[:, t]
        restocked[:, t] = back[:, t]
        pipeline -= arrivals[:, t]
        ins = onhand > 0
        instock[:, t] = ins
        lam_ad = ad_expected[:, t] * ins
        lam = organic[:, t] + lam_ad
        served[:, t] = lam
        dem = rng.poisson(lam)
        s_t = np.minimum(dem, onhand)
        demand[:, t] = dem
        sold[:, t] = s_t
        with np.errstate(invalid="ignore", divide="ignore"):
            p_ad = np.where(lam > 0, lam_ad / lam, 0.0)
        ad_units[:, t] = rng.binomial(s_t, p_ad)
        # orders: pairs bought together, cancellations (units stay), returns to come
        n2 = rng.binomial(s_t // 2, cat.DOUBLE_ORDER_SHARE)
        n1 = s_t - 2 * n2
        rate = cancellation_rate[ser_m, cal.month_idx[t]]
        c1, c2 = rng.binomial(n1, rate), rng.binomial(n2, rate)
        r1, r2 = rng.binomial(n1 - c1, return_rate), rng.binomial(n2 - c2, return_rate)
        singles[:, t], doubles[:, t] = n1, n2
        cancelled[:, :, t] = c1, c2
        returned[:, :, t] = r1, r2
        out_t = s_t - c1 - 2 * c2
        shipped[:, t] = out_t
        onhand -= out_t
        n_ret = int(r1.sum() + r2.sum())
        if n_ret:
            es = np.concatenate([np.repeat(rows, r1), np.repeat(rows, r2)])
            eq = np.concatenate([np.ones(int(r1.sum()), dtype=np.int64), np.full(int(r2.sum()), 2)])
            lag = rng.integers(lag_lo, lag_hi + 1, n_ret)
            disp = rng.choice(len(dispositions), n_ret, p=p_disp)
            for s, q, g, k in zip(es.tolist(), eq.tolist(), lag.tolist(), disp.tolist()):
                events.append((s, t, q, g, k))
                if k == 0 and t + g < D:  # SELLABLE: back in stock the day it comes back
                    back[s, t + g] += q
                    lots.append((s, t + g, q, -1, "return"))
        onhand_end[:, t] = onhand
        if t % policy["review_days"] == 0:
            position = onhand + pipeline
            expected = pad[rows, t + cover] - pad[:, t]
            rop = expected + z_service * np.sqrt(expected)
            target = pad[rows, t + cover + policy["order_days"]] - pad[:, t]
            need = (position < rop) & ~slow & ~(risk & (t >= no_reorder_from))
            for s in np.flatnonzero(need):
                q = _order_quantity(target[s] - position[s], int(pack[s]))
                lt = int(
                    np.clip(
                        round(lead[s] + rng.normal(0, lead_sd[s])), lead[s] - 2 * lead_sd[s], lead[s] + 2 * lead_sd[s]
                    )
                )
                arrivals[s, t + lt] += q
                pipeline[s] += q
                lots.append((s, t + lt, q, t, "receipt"))
    lots = [lot for i, lot in enumerate(lots) if i not in cancelled_lots]
    lots_df = pd.DataFrame(lots, columns=["series", "arrival", "qty", "ordered", "kind"])
    returns = pd.DataFrame(events, columns=["series", "day", "quantity", "lag_days", "disposition"])
    returns["disposition"] = np.array(dispositions, dtype=object)[returns["disposition"].to_numpy()].astype(str)
    return Stock(
        demand,
        sold,
        instock,
        onhand_end,
        ad_units,
        served,
        removed,
        singles,
        doubles,
        cancelled,
        returned,
        shipped,
        restocked,
        returns,
        lots_df,
    )
