"""Sponsored Products console downloads: search term, targeting, advertised product and placement
workbooks (xlsx) and the campaign report (CSV, 2019 console style), one file per month and kind.

Examples
--------
>>> list(csv_money([3.0, 2.98, 0.4966667], "$"))
['$3.0', '$2.98', '$0.4966667']
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import catalogue as cat
from ..simulate import Simulation
from ..simulate.ads import reported_campaign_days
from . import headers as H
from . import text as T
from .text import rel, write_csv
from .xlsx import write_xlsx


def _ads_common(sim: Simulation, df: pd.DataFrame) -> pd.DataFrame:
    prod = sim.products.set_index("sku")
    camp = sim.campaigns.set_index("campaign")
    df = df.copy()
    sku = camp.loc[df["campaign"], "sku"].to_numpy()
    us = camp.loc[df["campaign"], "marketplace"].to_numpy() == "US"
    df["portfolio"] = np.where(us, prod.loc[sku, "category"].to_numpy(), "No Portfolio")
    df["currency"] = np.where(us, "USD", "GBP")
    df["ad_group"] = df["campaign"].map(cat.AD_GROUPS)  # the bulk download lists the same ad groups
    df["kind"] = camp.loc[df["campaign"], "kind"].to_numpy()
    df["bidding"] = np.where(df["kind"] == "exact", "Dynamic bids - up and down", "Dynamic bids - down only")
    return df


def _metrics_columns(df: pd.DataFrame, money: str) -> dict[str, tuple[str, object]]:
    clicks = df["clicks"].to_numpy().astype(float)
    imp = df["impressions"].to_numpy().astype(float)
    spend = df["spend"].to_numpy()
    sales = df["sales"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        ctr = np.where(imp > 0, clicks / imp, np.nan)
        cpc = np.where(clicks > 0, np.round(spend / np.where(clicks > 0, clicks, 1), 2), np.nan)
        acos = np.where(sales > 0, spend / np.where(sales > 0, sales, 1), np.nan)
        roas = np.where(spend > 0, np.round(sales / np.where(spend > 0, spend, 1), 2), 0.0)
        cvr = np.where(clicks > 0, df["orders"].to_numpy() / np.where(clicks > 0, clicks, 1), 0.0)
    return {
        "Impressions": ("int", df["impressions"].to_numpy()),
        "Clicks": ("int", df["clicks"].to_numpy()),
        "Click-Thru Rate (CTR)": ("rate", ctr),
        "Cost Per Click (CPC)": (money, cpc),
        "Spend": (money, spend),
        "7 Day Total Sales": (money, sales),
        "Total Advertising Cost of Sales (ACOS)": ("rate", acos),
        "Total Advertising Cost of Sales (ACoS)": ("rate", acos),
        "Total Return on Advertising Spend (ROAS)": ("roas", roas),
        "Total Return on Advertising Spend (RoAS)": ("roas", roas),
        "7 Day Total Orders (#)": ("int", df["orders"].to_numpy()),
        "7 Day Total Units (#)": ("int", df["units"].to_numpy()),
        "7 Day Conversion Rate": ("rate", cvr),
        "7 Day Advertised SKU Units (#)": ("int", df.get("adv_units")),
        "7 Day Other SKU Units (#)": ("int", df.get("other_units")),
        "7 Day Advertised SKU Sales": (money, df.get("adv_sales")),
        "7 Day Other SKU Sales": (money, df.get("other_sales")),
    }


def _write_ads_xlsx(path: Path, sheet: str, header: list[str], df: pd.DataFrame) -> dict:
    money = "money:USD" if (df["currency"] == "USD").all() else "money:GBP"
    cols = _metrics_columns(df, money)
    cols.update(
        {
            "Date": ("date", df["date"].to_numpy()),
            "Portfolio name": ("text", df["portfolio"]),
            "Currency": ("text", df["currency"]),
            "Campaign Name": ("text", df["campaign"]),
            "Ad Group Name": ("text", df.get("ad_group")),
            "Targeting": ("text", df.get("targeting")),
            "Match Type": ("text", df.get("match_type")),
            "Customer Search Term": ("text", df.get("search_term")),
            "Advertised SKU": ("text", df.get("sku")),
            "Advertised ASIN": ("text", df.get("asin")),
            "Bidding strategy": ("text", df.get("bidding")),
            "Placement": ("text", df.get("placement")),
        }
    )
    write_xlsx(path, sheet, header, [cols[h.strip()] for h in header])
    return {
        "rows": int(len(df)),
        "impressions": int(df["impressions"].sum()),
        "clicks": int(df["clicks"].sum()),
        "spend": round(float(df["spend"].sum()), 2),
        "sales_7d": round(float(df["sales"].sum()), 2),
        "orders_7d": int(df["orders"].sum()),
        "units_7d": int(df["units"].sum()),
        "first_date": str(pd.Timestamp(df["date"].min()).date()) if len(df) else None,
        "last_date": str(pd.Timestamp(df["date"].max()).date()) if len(df) else None,
    }


_SUM = [
    "impressions",
    "clicks",
    "spend",
    "adv_units",
    "other_units",
    "adv_sales",
    "other_sales",
    "units",
    "orders",
    "sales",
]


def _agg(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    g = df.groupby(keys, sort=False, dropna=False)[_SUM].sum().reset_index()
    for c in ["spend", "adv_sales", "other_sales", "sales"]:
        g[c] = g[c].round(2)
    return g


def write_ads(sim: Simulation, out: Path) -> dict:
    """Write the Sponsored Products console downloads (one file per month and report kind)."""
    ads = sim.ads[sim.ads["date"] >= pd.Timestamp(cat.ADS_START)]
    ads = _ads_common(sim, ads)
    ads["month"] = ads["date"].dt.strftime("%Y-%m")
    placements = _ads_common(sim, sim.placements)
    placements["month"] = placements["date"].dt.strftime("%Y-%m")
    asin = sim.products.set_index("sku")["asin"]
    camp = sim.campaigns.set_index("campaign")
    exp: dict = {}
    for mkt in cat.MARKETPLACES:
        base = out / mkt.lower() / "ads"
        a = ads[ads["marketplace"] == mkt]
        st_header = H.SEARCH_TERM_US if mkt == "US" else H.SEARCH_TERM_UK
        for month, m in a.groupby("month", sort=True):
            # search terms: only rows with at least one click
            st = m[m["clicks"] > 0]
            p = base / "search_terms" / f"Sponsored Products Search term report - {month}.xlsx"
            exp[rel(p, out)] = _write_ads_xlsx(p, H.SHEET_SEARCH_TERM, st_header, st)
            if mkt == "US" and month == cat.OVERLAP[0][:7]:
                a0, z0 = cat.OVERLAP
                ov = st[(st["date"] >= pd.Timestamp(a0)) & (st["date"] <= pd.Timestamp(z0))]
                p2 = base / "search_terms" / f"Sponsored Products Search term report - {a0}_{z0}.xlsx"
                exp[rel(p2, out)] = _write_ads_xlsx(p2, H.SHEET_SEARCH_TERM, st_header, ov)
                exp[rel(p2, out)]["duplicates_rows_of"] = rel(p, out)
            keys = ["date", "portfolio", "currency", "campaign", "ad_group", "targeting", "match_type", "sku"]
            tg = _agg(m, keys)
            tg = tg[tg["impressions"] > 0]
            p = base / "targeting" / f"Sponsored Products Targeting report - {month}.xlsx"
            exp[rel(p, out)] = _write_ads_xlsx(p, H.SHEET_TARGETING, H.TARGETING, tg)
            ap = _agg(m, ["date", "portfolio", "currency", "campaign", "ad_group", "sku"])
            ap["asin"] = asin.loc[ap["sku"]].to_numpy()
            p = base / "advertised_product" / f"Sponsored Products Advertised product report - {month}.xlsx"
            exp[rel(p, out)] = _write_ads_xlsx(p, H.SHEET_ADVERTISED_PRODUCT, H.ADVERTISED_PRODUCT, ap)
            pl = placements[(placements["marketplace"] == mkt) & (placements["month"] == month)]
            p = base / "placement" / f"Sponsored Products Placement report - {month}.xlsx"
            exp[rel(p, out)] = _write_ads_xlsx(p, H.SHEET_PLACEMENT, H.PLACEMENT, pl)
            cdf = _ads_common(sim, reported_campaign_days(m))
            p = base / "campaigns" / f"Sponsored Products Campaign report - {month}.csv"
            exp.update(_write_campaign_csv(cdf, camp, p, out, mkt))
    return exp


def csv_money(values, symbol: str) -> pd.Series:
    """Console CSV money as Python prints floats: ``$3.0``, ``$2.98``, ``$0.4966667``."""
    v = pd.Series(np.asarray(values, dtype=float))
    return symbol + v.astype(str)


def _write_campaign_csv(cdf: pd.DataFrame, camp: pd.DataFrame, path: Path, out: Path, mkt: str) -> dict:
    cdf = cdf[cdf["impressions"] > 0].reset_index(drop=True)
    sym = cat.MARKETPLACES[mkt]["symbol"]
    clicks = cdf["clicks"].to_numpy()
    spend = cdf["spend"].to_numpy()
    sales = cdf["sales"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        cpc = np.where(clicks > 0, np.round(spend / np.maximum(clicks, 1), 7), np.nan)
        acos = np.where(sales > 0, spend / np.where(sales > 0, sales, 1), 0.0)
    cpc_txt = csv_money(cpc, sym).where(clicks > 0, "")
    info = camp.loc[cdf["campaign"]]
    rows = pd.DataFrame(
        {
            "Date": T.console_date_text(cdf["date"]),
            "Start Date": info["start_date"].to_numpy(),
            "End Date": "",
            "Portfolio name": cdf["portfolio"],
            "Campaign Type": "Sponsored Products",
            "Campaign Name": cdf["campaign"],
            "Status": "ENABLED",
            "Currency": cdf["currency"],
            "Budget": csv_money(np.round(info["budget"].to_numpy() * cat.VOLUME, 1), sym),
            "Targeting Type": np.where(info["kind"].to_numpy() == "auto", "Automatic targeting", "Manual targeting"),
            "Bidding strategy": cdf["bidding"],
            "Impressions": cdf["impressions"].astype(str),
            "Clicks": cdf["clicks"].astype(str),
            "Click-Thru Rate (CTR)": T.percent_text(clicks / np.maximum(cdf["impressions"].to_numpy(), 1)),
            "Spend": csv_money(spend, sym),
            "Cost Per Click (CPC)": cpc_txt,
            "7 Day Total Orders (#)": cdf["orders"].astype(str),
            "Total Advertising Cost of Sales (ACoS) ": T.percent_text(acos),
            "7 Day Total Sales ": csv_money(sales, sym),
        }
    )
    write_csv(path, H.CAMPAIGN_CSV, rows[H.CAMPAIGN_CSV].reset_index(drop=True), bom=True, quote_all=False, crlf=True)
    return {
        rel(path, out): {
            "rows": int(len(rows)),
            "spend": round(float(spend.sum()), 2),
            "clicks": int(clicks.sum()),
            "sales_7d": round(float(sales.sum()), 2),
            "orders_7d": int(cdf["orders"].sum()),
        }
    }
