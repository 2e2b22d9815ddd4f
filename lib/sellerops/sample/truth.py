"""The truth file: planted effects and file-level expectations, read only by tests.

Examples
--------
>>> from sellerops.sample.truth import REQUIRED_KEYS
>>> "planted" in REQUIRED_KEYS
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import catalogue as cat
from .simulate import Simulation
from .simulate.keywords import ad_keywords
from .simulate.ledger import LAST_12_MONTHS, PNL_DEFINITION, PNL_LINES, inventory_charges, sku_pnl

REQUIRED_KEYS = ("meta", "planted", "pnl", "files", "data_quality")
_ASIN_LIKE = r"^b0[0-9a-z]{8}$"


def _r(x: float, n: int = 4) -> float:
    return round(float(x), n) + 0.0  # + 0.0: no "-0.0" in the file


def _keywords(sim: Simulation) -> dict:
    ads = sim.ads[sim.ads["date"] >= pd.Timestamp(cat.ADS_START)]
    typed = ~ads["search_term"].str.match(_ASIN_LIKE)
    a = ads[typed]
    res: dict = {
        "competition_column": cat.KEYWORD_COMPETITION_COLUMN,
        "competition_column_note": "Helium 10 'Title Density' (number of page-1 results with the phrase "
        "in the title) is used as the competition measure; identical in the "
        "Cerebro and Magnet files.",
        "long_tail_rule": {
            "search_volume_gt": cat.LONG_TAIL_MIN_VOLUME,
            "competition_lt": cat.LONG_TAIL_MAX_COMPETITION,
            "not_in_any_ads_file": True,
        },
    }
    used = ad_keywords(None)
    lt = {}
    for mkt in cat.MARKETPLACES:
        ku = sim.keywords["cerebro"][mkt]
        sel = ku[
            (ku["search_volume"] > cat.LONG_TAIL_MIN_VOLUME)
            & (ku["title_density"] < cat.LONG_TAIL_MAX_COMPETITION)
            & ~ku["keyword"].isin(used)
        ]
        lt[mkt] = [
            {"keyword": k, "search_volume": int(v), "title_density": int(d)}
            for k, v, d in sel[["keyword", "search_volume", "title_density"]].itertuples(index=False)
        ]
    assert {d["keyword"] for d in lt["US"]} == {k for k, _, _ in cat.LONG_TAIL_OPPORTUNITIES}
    res["long_tail_opportunities"] = lt
    by = (
        a.groupby(["marketplace", "search_term"], sort=True)
        .agg(
            clicks=("clicks", "sum"),
            spend=("spend", "sum"),
            orders=("orders", "sum"),
            sales=("sales", "sum"),
            campaigns=("campaign", lambda s: sorted(set(s))),
        )
        .reset_index()
    )
    rule_cost = {
        "clicks_gte": 15,
        "orders_7d_eq": 0,
        "period": [str(cat.ADS_START), str(cat.END)],
        "excludes": "product-targeting rows (search term = lowercased ASIN)",
    }
    cost = by[(by["clicks"] >= 15) & (by["orders"] == 0)]
    res["costly_no_order_terms"] = {
        "rule": rule_cost,
        "terms": [
            {"marketplace": m, "search_term": t, "clicks": int(c), "spend": _r(s, 2), "campaigns": cs}
            for m, t, c, s, cs in cost[["marketplace", "search_term", "clicks", "spend", "campaigns"]].itertuples(
                index=False
            )
        ],
        "planted": sorted(
            {
                st
                for rows in cat.SEARCH_TERMS.values()
                for _, _, st, _, _, role in rows
                if role == "waste" and not pd.Series([st]).str.match(_ASIN_LIKE).iloc[0]
            }
        ),
    }
    exact = {(c[1], st.lower()) for c in cat.CAMPAIGNS for tg, mt, st, *_ in cat.SEARCH_TERMS[c[0]] if mt == "EXACT"}
    disc = a[a["kind"].isin(["auto", "broad", "phrase"])]
    h = (
        disc.groupby(["marketplace", "search_term"], sort=True)
        .agg(
            clicks=("clicks", "sum"),
            spend=("spend", "sum"),
            orders=("orders", "sum"),
            sales=("sales", "sum"),
            campaigns=("campaign", lambda s: sorted(set(s))),
        )
        .reset_index()
    )
    h["cvr"] = h["orders"] / h["clicks"].clip(lower=1)
    h = h[(h["orders"] >= 8) & (h["cvr"] >= 0.08)]
    h = h[[(m, t) not in exact for m, t in zip(h["marketplace"], h["search_term"])]]
    res["harvest_candidates"] = {
        "rule": {
            "campaign_kinds": ["auto", "broad", "phrase"],
            "orders_7d_gte": 8,
            "conversion_rate_gte": 0.08,
            "not_targeted_as_exact_in_marketplace": True,
        },
        "terms": [
            {
                "marketplace": m,
                "search_term": t,
                "clicks": int(c),
                "orders_7d": int(o),
                "sales_7d": _r(s, 2),
                "conversion_rate": _r(cv),
                "campaigns": cs,
            }
            for m, t, c, o, s, cv, cs in h[
                ["marketplace", "search_term", "clicks", "orders", "sales", "cvr", "campaigns"]
            ].itertuples(index=False)
        ],
        "planted": sorted(
            {st for rows in cat.SEARCH_TERMS.values() for _, _, st, _, _, role in rows if role == "harvest"}
        ),
    }
    terms = sorted(set(a.loc[a["clicks"] > 0, "search_term"]))
    res["branded_terms"] = {"brand": cat.BRAND, "terms": [t for t in terms if cat.BRAND.lower() in t]}
    res["competitor_terms"] = {
        "competitors": list(cat.COMPETITORS),
        "terms": [t for t in terms if any(c.lower() in t for c in cat.COMPETITORS)],
    }
    return res


def _break_even(sim: Simulation, sku: str, mkt: str) -> dict:
    ser = sim.series
    s = sim.series_of(sku, mkt)
    lst = sim.listing[
        (sim.listing["sku"] == sku)
        & (sim.listing["marketplace"] == mkt)
        & (sim.listing["month"] >= str(cat.ADS_START)[:7])
    ]
    price = float(lst["price"].mean())
    cost = float(ser.at[s, "unit_cost_local"])
    fba = float(ser.at[s, "fba_fee"])
    ref = cat.REFERRAL_FEE_RATE * price
    other = cat.OTHER_VARIABLE_COST_RATE * price
    return {
        "price": _r(price, 2),
        "unit_cost": _r(cost, 2),
        "referral_fee_rate": cat.REFERRAL_FEE_RATE,
        "referral_fee": _r(ref, 2),
        "fba_fee": _r(fba, 2),
        "other_variable_cost_rate": cat.OTHER_VARIABLE_COST_RATE,
        "other_variable_cost": _r(other, 2),
        "break_even_acos": _r((price - cost - ref - fba - other) / price),
        "formula": "(price - unit_cost - referral_fee - fba_fee - other_variable_cost) / price",
        "price_note": "mean monthly listing price over the ads period (listing_history.csv)",
    }


def _ads(sim: Simulation) -> dict:
    ads = sim.ads[sim.ads["date"] >= pd.Timestamp(cat.ADS_START)]
    camp = sim.campaigns
    g = ads.groupby("campaign").agg(spend=("spend", "sum"), sales=("sales", "sum"), sales_true=("sales_true", "sum"))
    rows = {}
    for c in camp.itertuples():
        be = _break_even(sim, c.sku, c.marketplace)
        rows[c.campaign] = {
            "marketplace": c.marketplace,
            "sku": c.sku,
            "kind": c.kind,
            "spend": _r(g.at[c.campaign, "spend"], 2),
            "sales_7d": _r(g.at[c.campaign, "sales"], 2),
            "acos": _r(g.at[c.campaign, "spend"] / g.at[c.campaign, "sales"]),
            "break_even_acos": be["break_even_acos"],
            "a": _r(c.a, 6),
        }
    over = [k for k, v in rows.items() if v["acos"] > v["break_even_acos"]]
    assert over == [cat.OVER_BREAK_EVEN_CAMPAIGN], over
    ob = cat.OVER_BREAK_EVEN_CAMPAIGN
    info = rows[ob]
    ua = []
    for day, f in cat.UNDER_ATTRIBUTION.items():
        d = ads[ads["date"] == pd.Timestamp(day)]
        for mkt in cat.MARKETPLACES:
            dm = d[d["marketplace"] == mkt]
            ua.append(
                {
                    "date": day,
                    "marketplace": mkt,
                    "fraction_reported": f,
                    "true_sales_7d": _r(dm["sales_true"].sum(), 2),
                    "reported_sales_7d": _r(dm["sales"].sum(), 2),
                    "true_units_7d": int(dm["units_true"].sum()),
                    "reported_units_7d": int(dm["units"].sum()),
                }
            )
    return {
        "over_break_even_campaign": {
            "campaign": ob,
            "sku": info["sku"],
            "marketplace": info["marketplace"],
            "acos": info["acos"],
            "acos_note": "spend / 7 Day Total Sales over the 12 months of ad reports (as reported)",
            **_break_even(sim, info["sku"], info["marketplace"]),
        },
        "campaigns": rows,
        "spend_elasticity": {
            "b": cat.AD_SPEND_ELASTICITY,
            "model": "expected advertised-SKU sales of a campaign-day = a_c * spend_cd ** b "
            "(a_c per campaign in planted.ads.campaigns[*].a; local currency); realised "
            "units are Poisson around it, then split over search terms by clicks x "
            "term conversion",
            "spend_variation": "budget regimes change every 42 days (lognormal sd 0.35) plus "
            "daily lognormal noise sd 0.25, campaigns pause when their SKU "
            "is out of stock",
        },
        "under_attribution": {
            "fractions": cat.UNDER_ATTRIBUTION,
            "per_day": ua,
            "note": "7-day sales/orders/units of these days are binomially thinned by the "
            "fraction in every ads file; spend and clicks are complete",
        },
    }


def _inventory(sim: Simulation) -> dict:
    ser = sim.series
    S = len(ser)
    D = sim.calendar.D
    units = sim.per_series("units")
    onhand = sim.per_series("onhand_end")
    lam = sim.per_series("expected_demand_unconstrained")
    aged = sim.ledger.aged
    aged_end = aged[aged["t"] == D - 1].set_index("series")
    slow = []
    for mkt in cat.MARKETPLACES:
        s = sim.series_of(cat.SLOW_MOVER_SKU, mkt)
        slow.append(
            {
                "sku": cat.SLOW_MOVER_SKU,
                "marketplace": mkt,
                "on_hand": int(onhand[s, -1]),
                "aged_units_365_plus": int(aged_end.at[s, "units_365+"]),
                "received": str(cat.SLOW_MOVER_RECEIVED),
                "initial_units": cat.SLOW_MOVER_INITIAL_UNITS[mkt],
                "units_sold_last_90_days": int(units[s, -90:].sum()),
                # None: no unit sold in the last 90 days, the stock lasts for ever at that rate
                "days_of_supply_t90": _r(onhand[s, -1] / (units[s, -90:].sum() / 90), 1)
                if units[s, -90:].sum()
                else None,
            }
        )
    s = sim.series_of(cat.STOCKOUT_RISK_SKU, "US")
    lead = int(sim.products.set_index("sku").at[cat.STOCKOUT_RISK_SKU, "lead_time_days"])
    dem = float(lam[s, -30:].mean())
    risk = {
        "sku": cat.STOCKOUT_RISK_SKU,
        "marketplace": "US",
        "on_hand": int(onhand[s, -1]),
        "inbound": 0,
        "daily_demand_expected_last_30d": _r(dem, 3),
        "daily_units_sold_last_30d": _r(units[s, -30:].mean(), 3),
        "lead_time_days": lead,
        "days_of_cover": _r(onhand[s, -1] / dem, 1),
        "note": f"purchase orders cancelled and no reorder from {cat.STOCKOUT_RISK_NO_REORDER_FROM}; stock "
        "trued up to about 25 days of cover at 2026-10-31",
    }
    assert risk["days_of_cover"] < lead and risk["on_hand"] > 0
    days = sim.calendar.days
    periods = []
    instock = sim.per_series("in_stock")
    for s in range(S):
        oos = ~instock[s]
        if not oos.any():
            continue
        edges = np.flatnonzero(np.diff(np.concatenate([[0], oos.astype(int), [0]])))
        for a, z in zip(edges[::2], edges[1::2]):
            price = sim.per_series("price")[s, a:z]
            periods.append(
                {
                    "sku": ser.at[s, "sku"],
                    "marketplace": ser.at[s, "marketplace"],
                    "start": str(days[a].date()),
                    "end": str(days[z - 1].date()),
                    "days": int(z - a),
                    "expected_demand_lost_units": _r(lam[s, a:z].sum(), 2),
                    "expected_sales_lost": _r((lam[s, a:z] * price).sum(), 2),
                }
            )
    assert sum(p["sku"] == cat.STOCKOUT_SKU and p["marketplace"] == "US" for p in periods) >= 2, periods
    return {
        "slow_mover": slow,
        "stockout_within_lead_time": risk,
        "q4_season": {
            "monthly_multiplier": {str(k): v for k, v in cat.SEASON.items()},
            "q4_months": [10, 11, 12],
            "q4_mean_multiplier": _r(np.mean([cat.SEASON[m] for m in (10, 11, 12)]), 4),
            "peak_month": 12,
            "peak_multiplier": cat.SEASON[12],
            "note": "multiplies expected organic demand and sessions; ad spend scales with season**0.8",
        },
        "stockouts": {
            "planted_sku": cat.STOCKOUT_SKU,
            "planted_marketplace": "US",
            "periods": periods,
            "cause": "planted SKU: inbound shipments held (supplier/port delay); "
            "any other short gaps come from random demand on slow items",
            "holds": [[str(a), str(z)] for a, z in cat.STOCKOUT_DELAYS],
            "note": "expected_demand_lost_units = expected unconstrained demand (organic + ads) on "
            "out-of-stock days; campaigns for the SKU pause while it is out of stock",
        },
        "customer_returns": {
            "lag_days_after_purchase": list(cat.RETURN_LAG_DAYS),
            "dispositions": cat.RETURN_DISPOSITIONS,
            "note": "SELLABLE units go back to fulfillable stock on the return day (a new lot for FIFO ages); "
            "the others leave stock for good",
        },
        "storage_fee_per_cuft": cat.STORAGE_FEE_PER_CUFT,
        "aged_surcharge_per_cuft": cat.AGED_SURCHARGE_PER_CUFT,
    }


def _operations(sim: Simulation) -> dict:
    sku = cat.HIGH_SALES_NO_PROFIT_SKU
    d = sim.daily[sim.daily["marketplace"] == "US"]
    rev_rank = d.groupby("sku")["sales"].sum().rank(ascending=False, method="first").astype(int)
    by_sku = sku_pnl(sim.ledger, sim.returns, sim.series, sim.campaign_days).set_index(["marketplace", "sku"])
    row = by_sku.loc[("US", sku)]
    comp = {k: _r(row[k], 2) for k in PNL_LINES}
    pay = sim.ledger.payments
    mine = pay[(pay["marketplace"] == "US") & (pay["sku"] == sku) & (pay["month"] >= LAST_12_MONTHS[0])]
    return {
        "high_sales_no_profit": {
            "sku": sku,
            "marketplace": "US",
            "revenue_rank": int(rev_rank[sku]),
            "revenue_basis": "Ordered Product Sales, 24 months, US business reports",
            "net_profit": _r(row["net_profit"], 2),
            "net_margin": _r(row["net_profit"] / row["product_sales"]),
            "components": comp,
            "units_shipped": int(mine.loc[mine["type"] == "Order", "quantity"].sum()),
            "units_refunded": int(mine.loc[mine["type"] == "Refund", "quantity"].sum()),
            "coupon_share_of_orders": cat.COUPON_SHARE_OF_ORDERS,
            "coupon_rate": cat.COUPON_RATE,
            "return_rate": float(sim.products.set_index("sku").at[sku, "return_rate"]),
            "period": list(LAST_12_MONTHS),
            "formula": "the account P&L lines (pnl.definition) restricted to the SKU's transaction rows, plus the "
            "spend of its campaigns on the days of the period (ads reports) and its part of the storage "
            "and aged-inventory charges posted in the period; margin = net / product sales",
        },
        "rating_drop": {
            **sim.planted["rating_drop"],
            "note": "sessions unaffected; expected units per session multiplied by "
            f"{1 + cat.RATING_DROP_CONVERSION_EFFECT} from the first day of the month on",
        },
        "operations_lead_sales": {
            "driver": "Sessions - Total (traffic index shared by all SKUs of a marketplace)",
            "lag_days": cat.TRAFFIC_LAG_DAYS,
            "lag_weeks": cat.TRAFFIC_LAG_DAYS / 7,
            "effect": "expected organic units on day t are proportional to the traffic index on day t-14 "
            "(elasticity 1.0); sessions on day t follow the index on day t",
            "index_process": {"log_ar1_phi": cat.TRAFFIC_AR_PHI, "stationary_sd_log": cat.TRAFFIC_SD},
            "elasticity": 1.0,
        },
        "price_elasticity": cat.PRICE_ELASTICITY,
    }


def _shares(row: pd.Series) -> dict:
    sales = float(row["product_sales"])
    return {k: _r(row[k] / sales) for k in [*PNL_LINES, "net_profit"] if k != "product_sales"}


def _pnl(sim: Simulation) -> dict:
    """The account P&L by month and marketplace, the last 12 months, and the storage split by SKU."""
    led = sim.ledger
    a, z = LAST_12_MONTHS
    by_month = [
        {"month": r["month"], "marketplace": r["marketplace"], "currency": r["currency"]}
        | {k: _r(r[k], 2) for k in [*PNL_LINES, "net_profit"]}
        for _, r in led.pnl.iterrows()
    ]
    window = led.pnl[(led.pnl["month"] >= a) & (led.pnl["month"] <= z)]
    totals = window.groupby("marketplace").sum(numeric_only=True)
    charges = inventory_charges(led.storage, led.aged, sim.series)
    charges = charges[(charges["month"] >= a) & (charges["month"] <= z)]
    last12, inventory = {}, {}
    for mkt, info in cat.MARKETPLACES.items():
        row = totals.loc[mkt]
        sales = float(row["product_sales"])
        last12[mkt] = (
            {"currency": info["currency"], "months": int((window["marketplace"] == mkt).sum())}
            | {k: _r(row[k], 2) for k in [*PNL_LINES, "net_profit"]}
            | {"net_margin": _r(row["net_profit"] / sales), "share_of_sales": _shares(row)}
        )
        c = charges[charges["marketplace"] == mkt]
        slow = c["sku"] == cat.SLOW_MOVER_SKU
        end = led.aged[
            (led.aged["t"] == sim.calendar.D - 1) & (led.aged["series"] == sim.series_of(cat.SLOW_MOVER_SKU, mkt))
        ]
        inventory[mkt] = {
            "storage_share": _r(c["storage_fee"].sum() / sales),
            "aged_surcharge_share": _r(c["aged_surcharge"].sum() / sales),
            "outside_slow_mover_share": _r(c.loc[~slow, ["storage_fee", "aged_surcharge"]].to_numpy().sum() / sales),
            "slow_mover": {
                "sku": cat.SLOW_MOVER_SKU,
                "storage_fees": _r(c.loc[slow, "storage_fee"].sum(), 2),
                "aged_inventory_surcharges": _r(c.loc[slow, "aged_surcharge"].sum(), 2),
                "aged_surcharge_share_of_sales": _r(c.loc[slow, "aged_surcharge"].sum() / sales),
                "units_365_plus_at_end": int(end["units_365+"].sum()),
                "monthly_surcharge_at_end": _r(end["fee"].sum(), 2),
                "monthly_surcharge_at_end_share_of_monthly_sales": _r(end["fee"].sum() / (sales / 12)),
            },
        }
    pay = led.payments
    o = pay[(pay["type"] == "Order") & (pay["month"] >= a) & (pay["month"] <= z)]
    fees = {}
    for mkt in cat.MARKETPLACES:
        om = o[o["marketplace"] == mkt]
        per_unit = (-om.groupby("sku")["fba fees"].sum() / om.groupby("sku")["quantity"].sum()).round(2)
        fees[mkt] = {
            "referral_fee_rate": _r(
                -om["selling fees"].sum() / (om["product sales"] + om["promotional rebates"]).sum()
            ),
            "fba_fee_per_unit": {"min": _r(per_unit.min(), 2), "max": _r(per_unit.max(), 2)},
            "fba_fee_per_unit_usd": {
                "min": _r(per_unit.min() / cat.MARKETPLACES[mkt]["fx_from_usd"], 2),
                "max": _r(per_unit.max() / cat.MARKETPLACES[mkt]["fx_from_usd"], 2),
            },
        }
    by_sku = sku_pnl(led, sim.returns, sim.series, sim.campaign_days)
    for mkt in cat.MARKETPLACES:  # the business makes sense: checked here, re-derived from the files in tests/sample
        assert 0.05 <= last12[mkt]["net_margin"] <= 0.20, (mkt, last12[mkt])
        assert inventory[mkt]["outside_slow_mover_share"] < 0.05, (mkt, inventory[mkt])
    assert inventory["US"]["slow_mover"]["units_365_plus_at_end"] > 0
    kit = by_sku[(by_sku["marketplace"] == "US") & (by_sku["sku"] == cat.HIGH_SALES_NO_PROFIT_SKU)]
    assert float(kit["net_profit"].iloc[0]) < 0, kit
    return {
        "definition": PNL_DEFINITION,
        "fx_from_usd": {m: v["fx_from_usd"] for m, v in cat.MARKETPLACES.items()},
        "last_12_months_period": [a, z],
        "bounds": {"net_margin": [0.05, 0.20], "storage_and_surcharges_outside_slow_mover_lt": 0.05},
        "last_12_months": last12,
        "storage_and_surcharges": inventory,
        "fees": fees,
        "by_month": by_month,
        "by_sku_last_12_months": [
            {"marketplace": r["marketplace"], "sku": r["sku"], "currency": r["currency"]}
            | {k: _r(r[k], 2) for k in [*PNL_LINES, "net_profit"]}
            for _, r in by_sku.iterrows()
        ],
    }


def build_truth(sim: Simulation, files: dict) -> dict:
    """Assemble the truth dictionary (JSON-serialisable) from the simulation, its ledger and the writers'
    file expectations. It checks that every planted effect came out as planted, so it needs the full
    two years (tests/sample run it once per session)."""
    p = sim.products
    overlap_files = [k for k in files if cat.OVERLAP[0] in k and "search_terms" in k]
    dup_rows = files[overlap_files[0]]["rows"] if overlap_files else 0
    garbage = [dict(file=k, **v["garbage"]) for k, v in files.items() if "garbage" in v]
    return {
        "meta": {
            "brand": cat.BRAND,
            "competitors": list(cat.COMPETITORS),
            "seed": sim.seed,
            "marketplaces": {m: v["currency"] for m, v in cat.MARKETPLACES.items()},
            "currencies": sorted({v["currency"] for v in cat.MARKETPLACES.values()}),
            "skus": [
                {"sku": s, "asin": a, "fnsku": f, "category": c, "title": t}
                for s, a, f, c, t in p[["sku", "asin", "fnsku", "category", "title"]].itertuples(index=False)
            ],
            "date_ranges": {
                k: [str(cat.START), str(cat.END)]
                for k in ("orders", "business_reports", "inventory", "payments", "returns", "listing_history")
            }
            | {"ads": [str(cat.ADS_START), str(cat.END)]},
            "attribution_window_days": 7,
            "formats": {
                "us_payments_date": "Sep 4, 2026 1:05:07 AM PDT (America/Los_Angeles, PST/PDT by date)",
                "uk_payments_date": "4 Sep 2026 1:05:07 am UTC",
                "payments_amount_columns": "advertising in 'other transaction fees'; storage, aged surcharge and "
                "transfers in 'other'; total = sum of the amount columns",
                "campaign_csv": "UTF-8 BOM, CRLF, money like $3.0 / $0.4966667, ACoS 0.00% when sales are 0 "
                "(as in the 2019 real file), CPC empty when clicks are 0",
                "xlsx": "dates are Excel date cells (mmm dd, yyyy), money numeric with currency format, rates "
                "as fractions (0.0000%), ACOS empty when sales are 0, CPC empty when clicks are 0",
                "business_report_by_date": {"US": "MM/DD/YYYY", "UK": "DD/MM/YYYY"},
                "uk_search_terms_header": "Variant B (sales headers without trailing space, ACOS with one)",
                "planning_layout": {
                    "old_ltsf": [str(cat.START), "2025-10-31"],
                    "new_ais": [str(cat.PLANNING_NEW_LAYOUT_FROM), str(cat.END)],
                },
            },
            "volume_scale": cat.VOLUME,
        },
        "planted": {
            "keywords": _keywords(sim),
            "ads": _ads(sim),
            "inventory": _inventory(sim),
            "operations": _operations(sim),
        },
        "pnl": _pnl(sim),
        "data_quality": {
            "overlapping_download": {
                "files": sorted(overlap_files + [files[f]["duplicates_rows_of"] for f in overlap_files]),
                "extra_file": overlap_files[0] if overlap_files else None,
                "dates": list(cat.OVERLAP),
                "duplicated_rows": int(dup_rows),
            },
            "garbage_cells": garbage,
            "note": "nothing else is malformed",
        },
        "files": files,
    }
