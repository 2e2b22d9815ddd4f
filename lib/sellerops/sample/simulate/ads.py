"""Stage 2, ads: Sponsored Products campaigns, clicks and spend per search term and day; ad sales.

Planned spend follows budget regimes (every 42 days) and daily noise; expected ad sales of a
campaign-day are ``a * spend ** b`` (diminishing returns, ``b = AD_SPEND_ELASTICITY``). After the
stock loop, campaigns whose SKU is out of stock are paused, the ad units are split over campaigns
and search terms, the last three days are under-attributed, and each campaign-day is split over
the three placements.

Examples
--------
>>> import datetime as dt, numpy as np
>>> from sellerops.sample.simulate.model import Calendar
>>> from sellerops.sample.simulate.products import build_products
>>> from sellerops.sample.simulate.demand import simulate_demand
>>> rng = np.random.default_rng(1)
>>> cal = Calendar.between(dt.date(2024, 11, 1), dt.date(2024, 11, 30))
>>> _, series = build_products(rng)
>>> plan = plan_ads(rng, cal, series, simulate_demand(rng, cal, series))
>>> plan.clicks.shape[:2] == (len(plan.campaigns), 30), bool((plan.spend >= 0).all())
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import catalogue as cat
from .demand import Demand
from .model import Calendar, split

_SUM = ["impressions", "clicks", "spend", "units", "orders", "sales"]


@dataclass
class AdPlan:
    """Campaigns and their (C, D, T) term-day clicks, spend and impressions before stock-outs."""

    campaigns: pd.DataFrame
    terms: pd.DataFrame
    click_weight: np.ndarray  # (C, T)
    cvr_mult: np.ndarray  # (C, T)
    clicks: np.ndarray
    spend: np.ndarray
    impressions: np.ndarray
    price: np.ndarray  # (C, D) price of the advertised SKU
    expected_units: np.ndarray  # (C, D) a * spend ** b / price
    expected_units_series: np.ndarray  # (S, D) summed over each series' campaigns


def plan_ads(rng: np.random.Generator, cal: Calendar, series: pd.DataFrame, demand: Demand) -> AdPlan:
    """Draw clicks, spend and impressions for every campaign, search term and day."""
    D = cal.D
    camp = pd.DataFrame(cat.CAMPAIGNS, columns=cat.CAMPAIGN_FIELDS)
    C = len(camp)
    camp["series"] = [
        int(series.index[(series["marketplace"] == m) & (series["sku"] == s)][0])
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
    cpc = camp["cpc"].to_numpy()[:, None]
    planned = (
        camp["daily_spend"].to_numpy()[:, None]
        * cat.VOLUME
        * demand.season[None, :] ** 0.8
        * regime
        * np.exp(rng.normal(0, 0.25, (C, D)))
    )
    k_cd = rng.poisson(planned / cpc)
    clicks = split(rng, k_cd, np.broadcast_to(wclick[:, None, :], (C, D, T)))
    term_cpc = cpc * np.exp(rng.normal(0, 0.15, (C, T)))
    cpc_td = term_cpc[:, None, :] * np.exp(rng.normal(0, 0.08, (C, D, T)))
    spend = np.round(clicks * cpc_td, 2)
    term_ctr = camp["ctr"].to_numpy()[:, None] * np.exp(rng.normal(0, 0.2, (C, T)))
    exp_clicks = (planned / cpc)[:, :, None] * (wclick / np.maximum(wclick.sum(1, keepdims=True), 1e-9))[:, None, :]
    impressions = clicks + rng.poisson(exp_clicks * (1 / term_ctr[:, None, :] - 1)) * (wclick[:, None, :] > 0)
    price = demand.price[camp["series"].to_numpy()]
    lam = camp["a"].to_numpy()[:, None] * spend.sum(-1) ** b / price
    lam_s = np.zeros((len(series), D))
    np.add.at(lam_s, camp["series"].to_numpy(), lam)
    return AdPlan(camp, terms, wclick, cvrm, clicks, spend, impressions, price, lam, lam_s)


@dataclass
class AdResult:
    """Ads after the stock loop: paused while out of stock, units attributed to terms."""

    clicks: np.ndarray  # (C, D, T)
    spend: np.ndarray
    impressions: np.ndarray
    adv_units: np.ndarray  # advertised-SKU units per term-day
    other_units: np.ndarray  # other-SKU (halo) units per term-day
    expected_units: np.ndarray  # (C, D)
    attributed_series: np.ndarray  # (S, D) attributed units per series


def attribute_ads(
    rng: np.random.Generator, plan: AdPlan, in_stock: np.ndarray, ad_units_series: np.ndarray
) -> AdResult:
    """Pause campaigns on out-of-stock days; split each series' ad units over campaigns and terms."""
    camp_series = plan.campaigns["series"].to_numpy()
    active = in_stock[camp_series]
    clicks = plan.clicks * active[:, :, None]
    spend = plan.spend * active[:, :, None]
    impressions = plan.impressions * active[:, :, None]
    lam = plan.expected_units * active
    ad_units_c = np.zeros(lam.shape, dtype=np.int64)
    for s in np.unique(camp_series):
        cs = np.flatnonzero(camp_series == s)
        ad_units_c[cs] = split(rng, ad_units_series[s], lam[cs].T).T
    adv_units = split(rng, ad_units_c, clicks * plan.cvr_mult[:, None, :])
    other_units = rng.poisson(0.08 * adv_units)
    attributed = np.zeros(in_stock.shape, dtype=np.int64)
    np.add.at(attributed, camp_series, adv_units.sum(-1))
    return AdResult(clicks, spend, impressions, adv_units, other_units, lam, attributed)


def ad_frames(
    rng: np.random.Generator, cal: Calendar, plan: AdPlan, res: AdResult
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The term-day frame (impressions > 0; reported values thinned on the last days) and campaign-days."""
    camp = plan.campaigns
    days = cal.days
    cc, dd, kk = np.nonzero(res.impressions > 0)
    units_true = res.adv_units[cc, dd, kk]
    oth_true = res.other_units[cc, dd, kk]
    day_str = np.array([str(d.date()) for d in days])[dd]
    frac = np.ones(len(cc))
    for ds, f in cat.UNDER_ATTRIBUTION.items():
        frac[day_str == ds] = f
    thin = frac < 1
    units_rep = units_true.copy()
    oth_rep = oth_true.copy()
    units_rep[thin] = rng.binomial(units_true[thin], frac[thin])
    oth_rep[thin] = rng.binomial(oth_true[thin], frac[thin])
    tix = plan.terms.set_index(["c", "k"]).loc[list(zip(cc, kk))].reset_index(drop=True)
    other_price = np.where(camp["marketplace"].to_numpy() == "US", 16.99, 13.99)[cc]
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
            "impressions": res.impressions[cc, dd, kk],
            "clicks": res.clicks[cc, dd, kk],
            "spend": res.spend[cc, dd, kk],
            "price": plan.price[cc, dd],
            "adv_units_true": units_true,
            "other_units_true": oth_true,
            "adv_units": units_rep,
            "other_units": oth_rep,
        }
    )
    ads["adv_sales_true"] = np.round(ads["adv_units_true"] * ads["price"], 2)
    ads["other_sales_true"] = np.round(ads["other_units_true"] * other_price, 2)
    ads["adv_sales"] = np.round(ads["adv_units"] * ads["price"], 2)
    ads["other_sales"] = np.round(ads["other_units"] * other_price, 2)
    ads["units"] = ads["adv_units"] + ads["other_units"]
    ads["orders"] = ads["units"]
    ads["sales"] = np.round(ads["adv_sales"] + ads["other_sales"], 2)
    ads["sales_true"] = np.round(ads["adv_sales_true"] + ads["other_sales_true"], 2)
    ads["units_true"] = ads["adv_units_true"] + ads["other_units_true"]
    ads = ads.sort_values(["date", "c", "targeting", "search_term"], kind="stable").reset_index(drop=True)

    C, D = len(camp), cal.D
    adv_c = res.adv_units.sum(-1)
    campaign_days = pd.DataFrame(
        {
            "c": np.repeat(np.arange(C), D),
            "date": np.tile(days.values, C),
            "campaign": np.repeat(camp["campaign"].to_numpy(), D),
            "marketplace": np.repeat(camp["marketplace"].to_numpy(), D),
            "sku": np.repeat(camp["sku"].to_numpy(), D),
            "spend": res.spend.sum(-1).ravel(),
            "clicks": res.clicks.sum(-1).ravel(),
            "impressions": res.impressions.sum(-1).ravel(),
            "adv_units_true": adv_c.ravel(),
            "adv_sales_true": np.round((adv_c * plan.price).ravel(), 2),
            "expected_ad_sales": (res.expected_units * plan.price).ravel(),
        }
    )
    return ads, campaign_days


def reported_campaign_days(ads: pd.DataFrame) -> pd.DataFrame:
    """Reported totals per campaign and day (ads period, impressions > 0), in the order of first appearance."""
    g = ads.groupby(["date", "campaign"], sort=False)[_SUM].sum().reset_index()
    g["spend"] = g["spend"].round(2)
    g["sales"] = g["sales"].round(2)
    return g


def split_placements(rng: np.random.Generator, ads: pd.DataFrame) -> pd.DataFrame:
    """Split each reported campaign-day of the ads period over the three placements.

    Clicks follow ``PLACEMENT_SHARE``; impressions without clicks lean to product pages; units follow
    clicks weighted by placement conversion; spend and sales follow clicks and units.
    """
    ads = ads[ads["date"] >= pd.Timestamp(cat.ADS_START)]
    month = ads["date"].dt.strftime("%Y-%m")
    parts = []
    for mkt in cat.MARKETPLACES:
        sel = (ads["marketplace"] == mkt).to_numpy()
        for _, m in ads[sel].groupby(month[sel], sort=True):
            cdf = reported_campaign_days(m)
            n = len(cdf)
            share = np.array(cat.PLACEMENT_SHARE)
            clicks = cdf["clicks"].to_numpy()
            units = cdf["units"].to_numpy()
            clicks_p = split(rng, clicks, np.tile(share, (n, 1)))
            imp_p = clicks_p + split(
                rng, (cdf["impressions"] - cdf["clicks"]).to_numpy(), np.tile([0.25, 0.35, 0.40], (n, 1))
            )
            units_p = split(rng, units, clicks_p * np.array([1.2, 0.9, 0.7]))
            # units without converting clicks go to top of search
            units_p[:, 0] += units - units_p.sum(1)
            with np.errstate(invalid="ignore", divide="ignore"):
                sp_share = np.where(clicks[:, None] > 0, clicks_p / np.maximum(clicks[:, None], 1), 0)
                un_share = np.where(units[:, None] > 0, units_p / np.maximum(units[:, None], 1), 0)
            spend_p = np.round(cdf["spend"].to_numpy()[:, None] * sp_share, 2)
            spend_p[:, 2] = np.round(cdf["spend"].to_numpy() - spend_p[:, :2].sum(1), 2)
            sales_p = np.round(cdf["sales"].to_numpy()[:, None] * un_share, 2)
            sales_p[:, 2] = np.round(cdf["sales"].to_numpy() - sales_p[:, :2].sum(1), 2)
            parts.append(
                pd.DataFrame(
                    {
                        "date": np.repeat(cdf["date"].to_numpy(), 3),
                        "marketplace": mkt,
                        "campaign": np.repeat(cdf["campaign"].to_numpy(), 3),
                        "placement": np.tile(cat.PLACEMENTS, n),
                        "impressions": imp_p.ravel(),
                        "clicks": clicks_p.ravel(),
                        "spend": spend_p.ravel(),
                        "sales": sales_p.ravel(),
                        "orders": units_p.ravel(),
                        "units": units_p.ravel(),
                    }
                )
            )
    if not parts:  # a run that ends before the ads period
        empty = {"date": pd.Series(dtype="datetime64[ns]"), "marketplace": pd.Series(dtype=str)}
        empty |= {"campaign": pd.Series(dtype=str), "placement": pd.Series(dtype=str)}
        empty |= {c: pd.Series(dtype=float) for c in ("impressions", "clicks", "spend", "sales", "orders", "units")}
        return pd.DataFrame(empty)
    pl = pd.concat(parts, ignore_index=True)
    return pl[pl["impressions"] > 0].reset_index(drop=True)
