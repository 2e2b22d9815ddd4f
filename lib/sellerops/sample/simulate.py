"""One simulation of the fictional seller, from which every export is written.

The simulation works on numpy arrays shaped (series, day), where a series is one
SKU in one marketplace; the only Python loop runs over the 730 days (each step is
vectorised over all series), because stock on hand depends on yesterday's sales.

Examples
--------
>>> from sellerops.sample.simulate import simulate
>>> sim = simulate(seed=1)
>>> int(sim.daily["units"].sum()) > 0
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import catalogue as cat

_ALNUM = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"))
_DIGITS = np.array(list("0123456789"))


@dataclass
class Simulation:
    """Everything the writers need, as tidy frames, plus the planted truths.

    Attributes
    ----------
    products : DataFrame
        One row per SKU (asin, fnsku, costs, fees).
    listing : DataFrame
        One row per month x marketplace x SKU (price, rating, ...).
    daily : DataFrame
        One row per marketplace x SKU x day (sessions, units, stock, ...).
    orders : DataFrame
        One row per order (one SKU per order).
    returns : DataFrame
        One row per returned order.
    ads : DataFrame
        One row per search term x day (impressions > 0), true and reported values.
    campaign_days : DataFrame
        One row per campaign x day for the full 24 months (for payments and truth).
    lots : DataFrame
        Inventory receipts (for ageing).
    truth : dict
        Planted facts discovered while simulating.
    """

    seed: int
    products: pd.DataFrame
    listing: pd.DataFrame
    daily: pd.DataFrame
    orders: pd.DataFrame
    returns: pd.DataFrame
    ads: pd.DataFrame
    campaign_days: pd.DataFrame
    lots: pd.DataFrame
    storage: pd.DataFrame
    removed: np.ndarray
    truth: dict = field(default_factory=dict)


def _codes(rng: np.random.Generator, n: int, length: int, prefix: str, alphabet=_ALNUM) -> list[str]:
    idx = rng.integers(0, len(alphabet), size=(n, length))
    return [prefix + "".join(row) for row in alphabet[idx]]


def _split(rng: np.random.Generator, n: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Split counts ``n`` (shape ...) over the last axis of weights ``w`` (shape ..., K).

    Multinomial via sequential binomials; where all weights are 0 nothing is allocated.
    """
    w = np.asarray(w, dtype=float)
    suffix = np.cumsum(w[..., ::-1], axis=-1)[..., ::-1]
    rem = np.where(suffix[..., 0] > 0, n, 0).astype(np.int64)
    out = np.zeros(w.shape, dtype=np.int64)
    for k in range(w.shape[-1]):
        with np.errstate(invalid="ignore", divide="ignore"):
            p = np.where(suffix[..., k] > 0, w[..., k] / suffix[..., k], 0.0)
        x = rng.binomial(rem, np.clip(p, 0.0, 1.0))
        out[..., k] = x
        rem = rem - x
    return out


def _round99(x: np.ndarray) -> np.ndarray:
    return np.floor(x) + 0.99


def simulate(seed: int = cat.SEED) -> Simulation:
    """Run the seller simulation.

    Parameters
    ----------
    seed : int
        Seed of the numpy Generator; the same seed gives identical output.

    Returns
    -------
    Simulation
        Frames for all exports plus planted truths.

    Examples
    --------
    >>> sim = simulate()
    >>> sorted(sim.daily["marketplace"].unique())
    ['UK', 'US']
    """
    rng = np.random.default_rng(seed)
    days = pd.date_range(cat.START, cat.END, freq="D")
    D = len(days)
    months = days.to_period("M")
    month_labels = sorted(set(str(m) for m in months))
    month_idx = np.searchsorted(np.array(month_labels), np.array([str(m) for m in months]))
    M = len(month_labels)
    mkts = list(cat.MARKETPLACES)
    P = len(cat.PRODUCTS)

    # ---------------- products --------------------------------------------------------------
    prod = pd.DataFrame(cat.PRODUCTS)
    prod["asin"] = _codes(rng, P, 8, "B0")
    prod["fnsku"] = _codes(rng, P, 7, "X00")
    # series = marketplace-major
    ser = pd.DataFrame([(m, i) for m in mkts for i in range(P)], columns=["marketplace", "p"])
    S = len(ser)
    ser["sku"] = prod["sku"].to_numpy()[ser["p"]]
    fx = np.array([cat.MARKETPLACES[m]["fx_from_usd"] for m in ser["marketplace"]])
    share = np.array([cat.MARKETPLACES[m]["demand_share"] for m in ser["marketplace"]])
    base_price = np.where(
        fx == 1.0,
        prod["price_usd"].to_numpy()[ser["p"]],
        _round99(prod["price_usd"].to_numpy()[ser["p"]] * 1.06 * fx) - 1.0,
    )
    ser["base_price"] = base_price
    ser["fba_fee"] = np.round(prod["fba_fee_usd"].to_numpy()[ser["p"]] * np.where(fx == 1, 1, 0.95 * fx), 2)
    ser["unit_cost"] = prod["unit_cost_usd"].to_numpy()[ser["p"]]  # USD landed cost
    mi = {m: i for i, m in enumerate(mkts)}
    ser_m = ser["marketplace"].map(mi).to_numpy()

    # ---------------- monthly listing: price, rating ------------------------------------------
    u = rng.random((S, M))
    price_mult = np.where(u < 0.08, 0.9, np.where(u > 0.95, 1.08, 1.0))
    price_m = np.round(_round99(base_price[:, None] * price_mult) - (price_mult != 1.0) * 0.0, 2)
    price_m = np.where(price_mult == 1.0, base_price[:, None], price_m)
    base_rating = prod["rating"].to_numpy()[ser["p"]]
    rating_m = np.clip(base_rating[:, None] + np.round(rng.normal(0, 0.04, (S, M)), 1), 3.5, 4.9)
    rating_m = np.round(np.clip(rating_m, base_rating[:, None] - 0.1, base_rating[:, None] + 0.1), 1)
    drop_m = month_labels.index(cat.RATING_DROP_MONTH)
    drop_s = ser.index[(ser["sku"] == cat.RATING_DROP_SKU) & (ser["marketplace"] == "US")][0]
    rating_before = float(base_rating[drop_s])
    rating_m[drop_s, :drop_m] = rating_before
    rating_m[drop_s, drop_m:] = cat.RATING_AFTER
    rating_eff = np.ones((S, M))
    rating_eff[drop_s, drop_m:] = 1.0 + cat.RATING_DROP_CONVERSION_EFFECT

    # ---------------- daily expected demand ---------------------------------------------------
    season = np.array([cat.SEASON[m] for m in days.month])
    L = cat.TRAFFIC_LAG_DAYS
    burn = 200
    e = rng.normal(0, cat.TRAFFIC_SD * np.sqrt(1 - cat.TRAFFIC_AR_PHI**2), (len(mkts), D + L + burn))
    x = np.zeros_like(e)
    for t in range(1, e.shape[1]):
        x[:, t] = cat.TRAFFIC_AR_PHI * x[:, t - 1] + e[:, t]
    x = x[:, burn:]
    traffic_sessions = np.exp(x[:, L:])  # index on day t
    traffic_units = np.exp(x[:, :D])  # index on day t - L
    base_units = prod["base_units"].to_numpy()[ser["p"]] * share * cat.VOLUME
    base_cvr = prod["base_cvr"].to_numpy()[ser["p"]]
    price_d = price_m[:, month_idx]
    price_eff = (price_d / base_price[:, None]) ** cat.PRICE_ELASTICITY
    lam_org = base_units[:, None] * season[None, :] * price_eff * rating_eff[:, month_idx] * traffic_units[ser_m]
    sess_exp = base_units[:, None] / base_cvr[:, None] * season[None, :] * traffic_sessions[ser_m]

    # ---------------- ads: campaign x day x term ---------------------------------------------
    camp = pd.DataFrame(cat.CAMPAIGNS, columns=cat.CAMPAIGN_FIELDS)
    C = len(camp)
    camp["series"] = [
        int(ser.index[(ser["marketplace"] == m) & (ser["sku"] == s)][0])
        for m, s in zip(camp["marketplace"], camp["sku"])
    ]
    b = cat.AD_SPEND_ELASTICITY
    camp["a"] = (camp["daily_spend"] * cat.VOLUME) ** (1 - b) / camp["target_acos"]
    T = max(len(v) for v in cat.SEARCH_TERMS.values())
    wclick = np.zeros((C, T))
    cvrm = np.zeros((C, T))
    term_rows = []
    for c, name in enumerate(camp["campaign"]):
        for k, (tg, mt, st, w, cv, role) in enumerate(cat.SEARCH_TERMS[name]):
            wclick[c, k] = w
            cvrm[c, k] = cv
            term_rows.append((c, k, tg, mt, st, role))
    terms = pd.DataFrame(term_rows, columns=["c", "k", "targeting", "match_type", "search_term", "role"])
    # budget regimes: spend level changes every ~6 weeks, so the spend-response curve is visible
    regime = np.exp(rng.normal(0, 0.35, (C, D // 42 + 1)))[:, np.arange(D) // 42]
    planned = (
        camp["daily_spend"].to_numpy()[:, None]
        * cat.VOLUME
        * season[None, :] ** 0.8
        * regime
        * np.exp(rng.normal(0, 0.25, (C, D)))
    )
    k_cd = rng.poisson(planned / camp["cpc"].to_numpy()[:, None])
    clicks = _split(rng, k_cd, np.broadcast_to(wclick[:, None, :], (C, D, T)))
    term_cpc = camp["cpc"].to_numpy()[:, None] * np.exp(rng.normal(0, 0.15, (C, T)))
    cpc_td = term_cpc[:, None, :] * np.exp(rng.normal(0, 0.08, (C, D, T)))
    spend = np.round(clicks * cpc_td, 2)
    term_ctr = camp["ctr"].to_numpy()[:, None] * np.exp(rng.normal(0, 0.2, (C, T)))
    exp_clicks = (planned / camp["cpc"].to_numpy()[:, None])[:, :, None] * (
        wclick / np.maximum(wclick.sum(1, keepdims=True), 1e-9)
    )[:, None, :]
    impressions = clicks + rng.poisson(exp_clicks * (1 / term_ctr[:, None, :] - 1)) * (wclick[:, None, :] > 0)
    S_cd = spend.sum(-1)
    camp_price = price_d[camp["series"].to_numpy()]
    lam_ad_c = camp["a"].to_numpy()[:, None] * S_cd**b / camp_price

    # ---------------- inventory loop --------------------------------------------------------
    lead = prod["lead_time_days"].to_numpy()[ser["p"]]
    lead_sd = prod["lead_time_sd_days"].to_numpy()[ser["p"]]
    pack = prod["case_pack"].to_numpy()[ser["p"]]
    lam_ad_s = np.zeros((S, D))
    np.add.at(lam_ad_s, camp["series"].to_numpy(), lam_ad_c)
    lam_tot_plan = lam_org + lam_ad_s
    cum_plan = np.concatenate([np.zeros((S, 1)), np.cumsum(lam_tot_plan, 1)], 1)
    pad = np.concatenate(
        [
            cum_plan,
            np.repeat(cum_plan[:, -1:], 200, 1)
            + np.arange(1, 201)[None, :] * lam_tot_plan[:, -30:].mean(1, keepdims=True),
        ],
        1,
    )
    slow = (ser["sku"] == cat.SLOW_MOVER_SKU).to_numpy()
    risk = ((ser["sku"] == cat.STOCKOUT_RISK_SKU) & (ser["marketplace"] == "US")).to_numpy()
    so = ((ser["sku"] == cat.STOCKOUT_SKU) & (ser["marketplace"] == "US")).to_numpy()
    onhand = np.zeros(S, dtype=np.int64)
    lots = []  # (series, arrival day index, qty, order day index)
    init = np.ceil(pad[np.arange(S), (lead + 3 * lead_sd + 45)] / pack) * pack
    for s in range(S):
        if slow[s]:
            q = cat.SLOW_MOVER_INITIAL_UNITS[ser.at[s, "marketplace"]]
            arr = (cat.SLOW_MOVER_RECEIVED - cat.START).days
        else:
            q = int(init[s])
            arr = -int(rng.integers(20, 80))
        lots.append((s, arr, int(q), arr - int(lead[s])))
        onhand[s] += int(q)
    arrivals = np.zeros((S, D + 400), dtype=np.int64)
    pipeline = np.zeros(S, dtype=np.int64)
    no_reorder_from = (cat.STOCKOUT_RISK_NO_REORDER_FROM - cat.START).days
    delays = [((a - cat.START).days, (z - cat.START).days) for a, z in cat.STOCKOUT_DELAYS]
    sold = np.zeros((S, D), dtype=np.int64)
    demand = np.zeros((S, D), dtype=np.int64)
    instock = np.zeros((S, D), dtype=bool)
    onhand_end = np.zeros((S, D), dtype=np.int64)
    ad_units_s = np.zeros((S, D), dtype=np.int64)
    lam_served = np.zeros((S, D))
    camp_series = camp["series"].to_numpy()
    removed = np.zeros((S, D), dtype=np.int64)
    risk_s = int(np.flatnonzero(risk)[0])
    so_s = int(np.flatnonzero(so)[0])
    cancelled_lots = set()
    for t in range(D):
        for a, z in delays:  # supplier/port hold: everything due in [a, z) arrives on z
            if a <= t < z and arrivals[so_s, t] > 0:
                arrivals[so_s, z] += arrivals[so_s, t]
                for i, lot in enumerate(lots):
                    if lot[0] == so_s and lot[1] == t:
                        lots[i] = (so_s, z, lot[2], lot[3])
                arrivals[so_s, t] = 0
        if t == no_reorder_from:  # purchase orders cancelled; stock trued up to ~25 days at the end
            for i, lot in enumerate(lots):
                if lot[0] == risk_s and lot[1] >= t:
                    cancelled_lots.add(i)
            arrivals[risk_s, t:] = 0
            pipeline[risk_s] = 0
            want = int(round(pad[risk_s, D] - pad[risk_s, t] + 25 * lam_tot_plan[risk_s, -30:].mean()))
            if onhand[risk_s] > want:
                removed[risk_s, t] = onhand[risk_s] - want
                onhand[risk_s] = want
            elif onhand[risk_s] < want:
                arrivals[risk_s, t] += want - onhand[risk_s]
                lots.append((risk_s, t, int(want - onhand[risk_s]), t - int(lead[risk_s])))
        onhand += arrivals[:, t]
        pipeline -= arrivals[:, t]
        ins = onhand > 0
        instock[:, t] = ins
        lam_ad = lam_ad_s[:, t] * ins
        lam = lam_org[:, t] + lam_ad
        lam_served[:, t] = lam
        dem = rng.poisson(lam)
        s_t = np.minimum(dem, onhand)
        demand[:, t] = dem
        sold[:, t] = s_t
        with np.errstate(invalid="ignore", divide="ignore"):
            p_ad = np.where(lam > 0, lam_ad / lam, 0.0)
        ad_units_s[:, t] = rng.binomial(s_t, p_ad)
        onhand -= s_t
        onhand_end[:, t] = onhand
        if t % 7 == 0:
            position = onhand + pipeline
            cover = (lead + 2.5 * lead_sd + 28).astype(int)
            rop = pad[np.arange(S), t + cover] - pad[:, t]
            rop = rop + 3 * np.sqrt(rop) + 4
            target = pad[np.arange(S), t + cover + 30] - pad[:, t]
            need = (position < rop) & ~slow & ~(risk & (t >= no_reorder_from))
            for s in np.flatnonzero(need):
                q = int(np.ceil((target[s] - position[s]) / pack[s]) * pack[s])
                lt = int(
                    np.clip(
                        round(lead[s] + rng.normal(0, lead_sd[s])), lead[s] - 2 * lead_sd[s], lead[s] + 2 * lead_sd[s]
                    )
                )
                arrivals[s, t + lt] += q
                pipeline[s] += q
                lots.append((s, t + lt, q, t))
    lots = [lot for i, lot in enumerate(lots) if i not in cancelled_lots]
    lots_df = pd.DataFrame(lots, columns=["series", "arrival", "qty", "ordered"])

    # ---------------- ad attribution -----------------------------------------------------------
    active = instock[camp_series]  # campaigns pause when their SKU is out of stock
    clicks = clicks * active[:, :, None]
    spend = spend * active[:, :, None]
    impressions = impressions * active[:, :, None]
    lam_ad_c = lam_ad_c * active
    # split each series' ad units over its campaigns, then over the campaign's terms
    ad_units_c = np.zeros((C, D), dtype=np.int64)
    for s in np.unique(camp_series):
        cs = np.flatnonzero(camp_series == s)
        ad_units_c[cs] = _split(rng, ad_units_s[s], lam_ad_c[cs].T).T
    w_conv = clicks * cvrm[:, None, :]
    adv_units = _split(rng, ad_units_c, w_conv)
    other_units = rng.poisson(0.08 * adv_units)
    adv_price = camp_price[:, :, None]
    other_price = np.where(camp["marketplace"].to_numpy() == "US", 16.99, 13.99)[:, None, None]
    # organic = sold - attributed (units whose campaign had no converting clicks stay organic)
    attributed_s = np.zeros((S, D), dtype=np.int64)
    np.add.at(attributed_s, camp_series, adv_units.sum(-1))

    # ---------------- daily frame ------------------------------------------------------------
    sess = rng.poisson(sess_exp)
    camp_clicks_s = np.zeros((S, D))
    np.add.at(camp_clicks_s, camp_series, clicks.sum(-1))
    sess = (sess + camp_clicks_s).astype(np.int64)
    # every unit sold needs a session that day (a buyer visits the page)
    sess = np.maximum(sess, sold)
    bb = np.where(instock, rng.uniform(0.95, 1.0, (S, D)), rng.uniform(0.0, 0.05, (S, D)))
    daily = pd.DataFrame(
        {
            "marketplace": np.repeat(ser["marketplace"].to_numpy(), D),
            "sku": np.repeat(ser["sku"].to_numpy(), D),
            "series": np.repeat(np.arange(S), D),
            "date": np.tile(days.values, S),
            "month": np.tile(np.array(month_labels)[month_idx], S),
            "price": price_d.ravel(),
            "sessions": sess.ravel(),
            "units": sold.ravel(),
            "demand": demand.ravel(),
            "expected_demand": lam_served.ravel(),
            "expected_demand_unconstrained": (lam_org + lam_ad_s).ravel(),
            "in_stock": instock.ravel(),
            "onhand_end": onhand_end.ravel(),
            "buy_box": bb.ravel(),
            "ad_units": attributed_s.ravel(),
            "season": np.tile(season, S),
            "traffic_index": traffic_sessions[ser_m].ravel(),
        }
    )
    n = len(daily)
    daily["sessions_mobile"] = rng.binomial(daily["sessions"].to_numpy(), 0.63)
    daily["sessions_b2b"] = rng.binomial(daily["sessions"].to_numpy(), 0.03)
    daily["page_views"] = daily["sessions"] + rng.poisson(0.35 * daily["sessions"].to_numpy())
    daily["page_views_mobile"] = np.minimum(rng.binomial(daily["page_views"].to_numpy(), 0.63), daily["page_views"])
    daily["page_views_b2b"] = daily["sessions_b2b"] + rng.poisson(0.3 * daily["sessions_b2b"].to_numpy())
    units = daily["units"].to_numpy()
    doubles = rng.binomial(units // 2, 0.06)
    daily["orders"] = units - doubles
    daily["double_orders"] = doubles
    daily["units_b2b"] = rng.binomial(units, 0.03)
    daily["sales"] = np.round(units * daily["price"].to_numpy(), 2)
    daily["sales_b2b"] = np.round(daily["units_b2b"].to_numpy() * daily["price"].to_numpy(), 2)
    daily["orders_b2b"] = np.minimum(daily["units_b2b"], daily["orders"])
    daily["offer_count"] = 1 + rng.binomial(1, 0.1, n)

    # ---------------- orders -----------------------------------------------------------------
    rep = daily["orders"].to_numpy()
    oi = np.repeat(np.arange(n), rep)
    first = np.repeat(np.cumsum(rep) - rep, rep)
    pos = np.arange(len(oi)) - first
    qty = np.where(pos < np.repeat(doubles, rep), 2, 1)
    od = daily.iloc[oi][["marketplace", "sku", "series", "date", "month", "price"]].reset_index(drop=True)
    od["quantity"] = qty
    N = len(od)
    secs = rng.integers(0, 86400, N)
    local = od["date"] + pd.to_timedelta(secs, unit="s")
    utc = np.empty(N, dtype="datetime64[ns]")
    for m in mkts:
        sel = (od["marketplace"] == m).to_numpy()
        tz = cat.MARKETPLACES[m]["tz"]
        utc[sel] = (
            pd.DatetimeIndex(local[sel])
            .tz_localize(tz, ambiguous=False, nonexistent="shift_forward")
            .tz_convert("UTC")
            .tz_localize(None)
            .values
        )
    od["purchase_utc"] = utc
    od = od.sort_values(["purchase_utc", "series"], kind="stable").reset_index(drop=True)
    qty = od["quantity"].to_numpy()
    ids = rng.choice(10**14, size=N, replace=False)
    prefix = np.where(
        od["marketplace"] == "US", rng.choice([111, 112, 113, 114], N), rng.choice([202, 203, 204, 205, 206], N)
    )
    idtxt = pd.Series(ids).astype(str).str.zfill(14)
    od["order_id"] = (pd.Series(prefix).astype(str) + "-" + idtxt.str[:7] + "-" + idtxt.str[7:]).to_numpy()
    od["item_price"] = np.round(od["price"] * qty, 2)
    coupon_sel = (od["sku"] == cat.HIGH_SALES_NO_PROFIT_SKU).to_numpy() & (rng.random(N) < cat.COUPON_SHARE_OF_ORDERS)
    other_promo = (~coupon_sel) & (rng.random(N) < 0.03)
    od["promo_discount"] = np.round(
        np.where(coupon_sel, cat.COUPON_RATE * od["item_price"], np.where(other_promo, 0.10 * od["item_price"], 0.0)), 2
    )
    od["promotion_id"] = np.where(coupon_sel, "Coupon BN-UTENSIL-25", np.where(other_promo, "Sale BN-10OFF", ""))
    is_us = (od["marketplace"] == "US").to_numpy()
    od["item_tax"] = np.where(
        is_us, np.round(od["item_price"] * cat.US_SALES_TAX_RATE, 2), np.round(od["item_price"] / 6, 2)
    )
    # cancellations follow the account's monthly cancellation rate
    canc_rate = np.clip(rng.normal(0.006, 0.002, (len(mkts), M)), 0.001, 0.015)
    mo = np.searchsorted(np.array(month_labels), od["month"].to_numpy())
    mk = np.where(is_us, 0, 1)
    od["cancelled"] = rng.random(N) < canc_rate[mk, mo]
    od["b2b"] = rng.random(N) < 0.03
    od["ship_utc"] = od["purchase_utc"] + pd.to_timedelta(rng.integers(3600 * 4, 3600 * 40, N), unit="s")
    od["referral_fee"] = np.round(cat.REFERRAL_FEE_RATE * (od["item_price"] - od["promo_discount"]), 2)
    fba = ser["fba_fee"].to_numpy()[od["series"].to_numpy()]
    od["fba_fee"] = np.round(fba * qty, 2)
    od["level"] = np.where(rng.random(N) < 0.8, "Standard", "Expedited")
    od["place"] = rng.integers(0, 10, N)

    # ---------------- returns ----------------------------------------------------------------
    rr = prod["return_rate"].to_numpy()[ser["p"].to_numpy()[od["series"].to_numpy()]]
    ret = (~od["cancelled"].to_numpy()) & (rng.random(N) < rr)
    ret_time = od["ship_utc"] + pd.to_timedelta(rng.integers(4 * 86400, 35 * 86400, N), unit="s")
    ret &= (ret_time <= pd.Timestamp(cat.END) + pd.Timedelta(hours=23)).to_numpy()
    rt = od.loc[
        ret,
        [
            "order_id",
            "marketplace",
            "sku",
            "series",
            "quantity",
            "item_price",
            "promo_discount",
            "referral_fee",
            "month",
        ],
    ].copy()
    rt["return_utc"] = ret_time[ret].to_numpy()
    rt["refund_utc"] = rt["return_utc"] + pd.to_timedelta(rng.integers(3600, 86400 * 2, len(rt)), unit="s")
    rt["admin_fee"] = np.round(np.minimum(5.0, cat.REFUND_ADMIN_FEE_RATE * rt["referral_fee"]), 2)
    rt["disposition"] = rng.choice(["SELLABLE", "CUSTOMER_DAMAGED", "DEFECTIVE"], len(rt), p=[0.6, 0.2, 0.2])
    rt["reason"] = rng.choice(
        [
            "UNWANTED_ITEM",
            "NOT_AS_DESCRIBED",
            "DEFECTIVE",
            "DAMAGED_BY_FC",
            "ORDERED_WRONG_ITEM",
            "QUALITY_UNACCEPTABLE",
        ],
        len(rt),
    )
    rt["fc"] = rng.choice(["ONT8", "LGB8", "PHX6", "MDW2"], len(rt))
    rt["lpn"] = _codes(rng, len(rt), 10, "LPN", _ALNUM) if len(rt) else []
    rt = rt.sort_values("return_utc", kind="stable").reset_index(drop=True)

    # ---------------- ads frame (term x day, impressions > 0) --------------------------------
    cc, dd, kk = np.nonzero(impressions > 0)
    units_true = adv_units[cc, dd, kk]
    oth_true = other_units[cc, dd, kk]
    day_str = np.array([str(d.date()) for d in days])[dd]
    frac = np.ones(len(cc))
    for ds, f in cat.UNDER_ATTRIBUTION.items():
        frac[day_str == ds] = f
    thin = frac < 1
    units_rep = units_true.copy()
    oth_rep = oth_true.copy()
    units_rep[thin] = rng.binomial(units_true[thin], frac[thin])
    oth_rep[thin] = rng.binomial(oth_true[thin], frac[thin])
    tix = terms.set_index(["c", "k"]).loc[list(zip(cc, kk))].reset_index(drop=True)
    ads = pd.DataFrame(
        {
            "c": cc,
            "date": days.values[dd],
            "marketplace": camp["marketplace"].to_numpy()[cc],
            "campaign": camp["campaign"].to_numpy()[cc],
            "sku": camp["sku"].to_numpy()[cc],
            "kind": camp["kind"].to_numpy()[cc],
            "targeting": tix["targeting"].to_numpy(),
            "match_type": tix["match_type"].to_numpy(),
            "search_term": tix["search_term"].to_numpy(),
            "role": tix["role"].to_numpy(),
            "impressions": impressions[cc, dd, kk],
            "clicks": clicks[cc, dd, kk],
            "spend": spend[cc, dd, kk],
            "price": adv_price[cc, dd, 0],
            "adv_units_true": units_true,
            "other_units_true": oth_true,
            "adv_units": units_rep,
            "other_units": oth_rep,
        }
    )
    ads["adv_sales_true"] = np.round(ads["adv_units_true"] * ads["price"], 2)
    ads["other_sales_true"] = np.round(ads["other_units_true"] * other_price[cc, 0, 0], 2)
    ads["adv_sales"] = np.round(ads["adv_units"] * ads["price"], 2)
    ads["other_sales"] = np.round(ads["other_units"] * other_price[cc, 0, 0], 2)
    ads["units"] = ads["adv_units"] + ads["other_units"]
    ads["orders"] = ads["units"]
    ads["sales"] = np.round(ads["adv_sales"] + ads["other_sales"], 2)
    ads["sales_true"] = np.round(ads["adv_sales_true"] + ads["other_sales_true"], 2)
    ads["units_true"] = ads["adv_units_true"] + ads["other_units_true"]
    ads = ads.sort_values(["date", "c", "targeting", "search_term"], kind="stable").reset_index(drop=True)

    cd = pd.DataFrame(
        {
            "c": np.repeat(np.arange(C), D),
            "date": np.tile(days.values, C),
            "campaign": np.repeat(camp["campaign"].to_numpy(), D),
            "marketplace": np.repeat(camp["marketplace"].to_numpy(), D),
            "sku": np.repeat(camp["sku"].to_numpy(), D),
            "spend": spend.sum(-1).ravel(),
            "clicks": clicks.sum(-1).ravel(),
            "impressions": impressions.sum(-1).ravel(),
            "adv_units_true": adv_units.sum(-1).ravel(),
            "adv_sales_true": np.round((adv_units.sum(-1) * camp_price).ravel(), 2),
            "expected_ad_sales": (lam_ad_c * camp_price).ravel(),
        }
    )

    # ---------------- storage (monthly, per series) --------------------------------------------
    cuft = prod["cubic_feet"].to_numpy()[ser["p"]]
    avg_onhand = np.zeros((S, M))
    for j in range(M):
        avg_onhand[:, j] = onhand_end[:, month_idx == j].mean(1)
    peak = np.array([int(m[-2:]) in (10, 11, 12) for m in month_labels])
    rate = np.where(peak, cat.STORAGE_FEE_PER_CUFT["peak"], cat.STORAGE_FEE_PER_CUFT["off_peak"])
    storage = pd.DataFrame(
        {
            "series": np.repeat(np.arange(S), M),
            "marketplace": np.repeat(ser["marketplace"].to_numpy(), M),
            "sku": np.repeat(ser["sku"].to_numpy(), M),
            "month": np.tile(month_labels, S),
            "avg_onhand": avg_onhand.ravel(),
            "storage_fee": np.round((avg_onhand * cuft[:, None] * rate[None, :]).ravel(), 2),
            "cubic_feet": np.repeat(cuft, M),
        }
    )

    # ---------------- listing history ---------------------------------------------------------
    units_m = np.zeros((S, M))
    for j in range(M):
        units_m[:, j] = sold[:, month_idx == j].sum(1)
    reviews0 = rng.integers(150, 2500, S) * np.where(ser_m == 0, 1, 0.25)
    review_count = (reviews0[:, None] + np.cumsum(units_m * 0.02, 1)).astype(int)
    bsr = np.round(250000 / (units_m / 30 + 0.3) ** 1.1).astype(int)
    odr = np.round(np.clip(rng.normal(0.004, 0.0015, (len(mkts), M)), 0.0005, 0.009), 4)
    resp = np.round(np.clip(rng.normal(11, 4, (len(mkts), M)), 2, 30), 1)
    listing = pd.DataFrame(
        {
            "month": np.tile(month_labels, S),
            "marketplace": np.repeat(ser["marketplace"].to_numpy(), M),
            "sku": np.repeat(ser["sku"].to_numpy(), M),
            "asin": np.repeat(prod["asin"].to_numpy()[ser["p"]], M),
            "price": price_m.ravel(),
            "currency": np.repeat([cat.MARKETPLACES[m]["currency"] for m in ser["marketplace"]], M),
            "rating": rating_m.ravel(),
            "review_count": review_count.ravel(),
            "best_seller_rank": bsr.ravel(),
            "order_defect_rate": odr[ser_m].ravel(),
            "cancellation_rate": np.round(canc_rate, 4)[ser_m].ravel(),
            "response_time_hours": resp[ser_m].ravel(),
        }
    )
    listing = listing.sort_values(["month", "marketplace", "sku"], kind="stable").reset_index(drop=True)

    products = prod.copy()
    products["break_even_margin"] = 0.0
    sim = Simulation(
        seed=seed,
        products=products,
        listing=listing,
        daily=daily,
        orders=od,
        returns=rt,
        ads=ads,
        campaign_days=cd,
        lots=lots_df,
        storage=storage,
        removed=removed,
    )
    sim.truth = {
        "series": ser,
        "campaigns": camp,
        "terms": terms,
        "month_labels": month_labels,
        "rating_drop": {
            "sku": cat.RATING_DROP_SKU,
            "marketplace": "US",
            "month": cat.RATING_DROP_MONTH,
            "rating_before": rating_before,
            "rating_after": cat.RATING_AFTER,
            "relative_conversion_change": cat.RATING_DROP_CONVERSION_EFFECT,
        },
    }
    return sim
