"""Keyword research exports: Helium 10 Cerebro (US, UK) and Magnet (US), Brand Analytics SQP (US).

Examples
--------
>>> import numpy as np
>>> list(rank_text(np.array([3, 400, 12]), np.array([False, False, True])))
['3', '>306', 'N/R']
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import catalogue as cat
from ..simulate import Simulation
from ..simulate.keywords import COMPETITOR_ASINS
from . import headers as H
from . import text as T
from .text import rel, write_csv


def rank_text(rank: np.ndarray, unranked: np.ndarray) -> pd.Series:
    """Helium 10 ranks: beyond 306 printed ``>306``, not ranked ``N/R``."""
    t = pd.Series(rank).astype(str)
    t[rank > 306] = ">306"
    t[np.asarray(unranked)] = "N/R"
    return t


def _competing(n: pd.Series) -> pd.Series:
    return T.int_text(n).where(n <= 7000, ">7,000")


def write_keywords(sim: Simulation, out: Path) -> dict:
    """Write Cerebro (US, UK), Magnet (US) and SQP (US) files; return expectations."""
    exp: dict = {}
    asin = sim.products.set_index("sku").at[cat.HIGH_SALES_NO_PROFIT_SKU, "asin"]
    end = sim.calendar.end
    for mkt in cat.MARKETPLACES:
        ku = sim.keywords["cerebro"][mkt]
        sym = cat.MARKETPLACES[mkt]["symbol"]
        m = len(ku)
        low = ku["search_volume"] < 400
        ks = T.int_text(ku["keyword_sales"]).where(~low, "-")
        rows = pd.DataFrame(
            {
                "Keyword Phrase": ku["keyword"],
                "ABA Total Click Share": T.percent_text(ku["click_share"]).where(~low, "-"),
                "ABA Total Conv. Share": T.percent_text(ku["conv_share"]).where(~low, "-"),
                "Keyword Sales": ks,
                "Cerebro IQ Score": T.int_text(ku["iq"]),
                "Search Volume": T.int_text(ku["search_volume"]),
                "Search Volume Trend": ku["trend"].astype(str) + "%",
                "H10 PPC Sugg. Bid": T.money_text(ku["bid"], sym),
                "H10 PPC Sugg. Min Bid": T.money_text(ku["bid"] * 0.6, sym),
                "H10 PPC Sugg. Max Bid": T.money_text(ku["bid"] * 1.5, sym),
                "Sponsored ASINs": ku["sponsored_asins"].astype(str),
                "Competing Products": _competing(ku["competing_products"]),
                "CPR": ku["cpr"].astype(str),
                "Title Density": ku["title_density"].astype(str),
                "Amazon Recommended": ku["amazon_recommended"].astype(str),
                "Sponsored": ku["sponsored"].astype(str),
                "Organic": ku["organic"].astype(str),
                "Sponsored Rank (avg)": ku["sponsored_rank_avg"].astype(str),
                "Sponsored Rank (count)": ku["sponsored_rank_count"].astype(str),
                "Amazon Recommended Rank (avg)": pd.Series(["-"] * m),
                "Amazon Recommended Rank (count)": pd.Series(["0"] * m),
                "Position (Rank)": rank_text(ku["rank"].to_numpy(), ku["rank_unranked"].to_numpy()),
                "Relative Rank": ku["relative_rank"].astype(str),
                "Competitor Rank (avg)": ku["competitor_rank_avg"].astype(str),
                "Ranking Competitors (count)": ku["ranking_competitors"].astype(str),
                "Competitor Performance Score": ku["competitor_performance"].astype(str),
            }
        )
        for a in COMPETITOR_ASINS:
            rows[a] = rank_text(ku[a].to_numpy(), ku[f"{a}_unranked"].to_numpy())
        p = out / mkt.lower() / "keywords" / f"{mkt}_AMAZON_cerebro_{asin}_{end.isoformat()}.csv"
        write_csv(p, H.CEREBRO + COMPETITOR_ASINS, rows, bom=False, quote_all=True)
        exp[rel(p, out)] = {"rows": int(m)}
        if mkt != "US":
            continue
        mg = pd.DataFrame(
            {
                "Keyword Phrase": ku["keyword"],
                "Magnet IQ Score": T.int_text(ku["iq"]),
                "Search Volume": T.int_text(ku["search_volume"]),
                "Search Volume Trend": ku["trend"].astype(str) + "%",
                "Keyword Sales": ks,
                "Sponsored ASINs": ku["sponsored_asins"].astype(str),
                "Competing Products": _competing(ku["competing_products"]),
                "CPR": ku["cpr"].astype(str),
                "Title Density": ku["title_density"].astype(str),
            }
        )
        p = out / "us" / "keywords" / f"US_AMAZON_magnet_kitchen_bath_{end.isoformat()}.csv"
        write_csv(p, H.MAGNET, mg, bom=False, quote_all=True)
        exp[rel(p, out)] = {"rows": int(len(mg))}
        exp.update(_write_sqp(sim.keywords["sqp"], out, end))
    return exp


def _pct(a, b) -> pd.Series:
    a, b = np.asarray(a), np.asarray(b)
    return pd.Series(np.char.mod("%.2f", np.where(b > 0, 100 * a / np.maximum(b, 1), 0.0)))


def _blank_if_zero(s: pd.Series, z) -> pd.Series:
    return s.where(np.asarray(z) > 0, "")


def _write_sqp(q: pd.DataFrame, out: Path, end) -> dict:
    """SQP brand view, one month: metadata line, quoted header, values quoted except missing ones (bare empty)."""
    k = len(q)
    price = q["price_median"].to_numpy()
    brand_price = T.fixed_text(price * 1.05)
    cols: dict[str, pd.Series] = {
        "Search Query": q["query"],
        "Search Query Score": pd.Series(np.arange(1, k + 1)).astype(str),
        "Search Query Volume": q["volume"].astype(str),
    }
    totals = {"Impressions": "impressions", "Clicks": "clicks", "Cart Adds": "cart_adds", "Purchases": "purchases"}
    for label, col in totals.items():
        t, b = q[col].to_numpy(), q[f"{col}_brand"].to_numpy()
        cols[f"{label}: Total Count"] = q[col].astype(str)
        if label != "Impressions":
            rate = {"Clicks": "Click Rate", "Cart Adds": "Cart Add Rate", "Purchases": "Purchase Rate"}[label]
            cols[f"{label}: {rate} %"] = _pct(t, q["volume"])
        cols[f"{label}: Brand Count"] = q[f"{col}_brand"].astype(str)
        cols[f"{label}: Brand Share %"] = _pct(b, t)
        if label != "Impressions":
            cols[f"{label}: Price (Median)"] = T.fixed_text(price)
            cols[f"{label}: Brand Price (Median)"] = _blank_if_zero(brand_price, b)
            cols[f"{label}: Same Day Shipping Speed"] = pd.Series(t // 10).astype(str)
            cols[f"{label}: 1D Shipping Speed"] = pd.Series(t // 3).astype(str)
            cols[f"{label}: 2D Shipping Speed"] = pd.Series(t // 2).astype(str)
    cols["Reporting Date"] = pd.Series([end.isoformat()] * k)
    df = pd.DataFrame(cols)

    def quote(s: pd.Series) -> pd.Series:
        s = s.astype(str)
        return ('"' + s.str.replace('"', '""', regex=False) + '"').where(s != "", "")

    meta = (
        f'Brand=["{cat.BRAND}"],Reporting Range=["Monthly"],Select year=["{end.year}"],'
        f'Select month=["{pd.Timestamp(end).month_name()}"]'
    )
    body = pd.concat([quote(df[c]) for c in H.SQP_BRAND], axis=1).agg(",".join, axis=1)
    text = meta + "\n" + ",".join(f'"{h}"' for h in H.SQP_BRAND) + "\n" + "".join(b + "\n" for b in body)
    p = out / "us" / "keywords" / f"US_Search_Query_Performance_Brand_View_Simple_Month_{end:%Y_%m_%d}.csv"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(text.encode("utf-8"))
    return {rel(p, out): {"rows": int(k), "metadata_rows": 1}}
