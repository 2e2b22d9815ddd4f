"""The workbook's own inputs (documented in the README): ``product_master.csv`` and ``listing_history.csv``.

Examples
--------
>>> import tempfile, pathlib, datetime as dt
>>> from sellerops.sample.simulate import simulate
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> write_product_master(simulate(end=dt.date(2024, 11, 30)), out)
{'product_master.csv': {'rows': 18}}
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..simulate import Simulation
from . import text as T
from .text import rel, write_csv


def write_product_master(sim: Simulation, out: Path) -> dict:
    """Write ``product_master.csv``: SKU, ASIN, title, category, unit cost (USD), lead times, case pack."""
    p = sim.products
    df = pd.DataFrame(
        {
            "sku": p["sku"],
            "asin": p["asin"],
            "title": p["title"],
            "category": p["category"],
            "unit_cost": T.fixed_text(p["unit_cost_usd"]),
            "currency": "USD",
            "lead_time_days": p["lead_time_days"].astype(str),
            "lead_time_sd_days": p["lead_time_sd_days"].astype(str),
            "case_pack": p["case_pack"].astype(str),
        }
    )
    path = out / "product_master.csv"
    write_csv(path, list(df.columns), df, bom=False, quote_all=False)
    return {rel(path, out): {"rows": len(df)}}


def write_listing_history(sim: Simulation, out: Path) -> dict:
    """Write ``listing_history.csv``: one row per month, marketplace and SKU."""
    lh = sim.listing
    df = pd.DataFrame(
        {
            "month": lh["month"],
            "marketplace": lh["marketplace"],
            "sku": lh["sku"],
            "asin": lh["asin"],
            "price": T.fixed_text(lh["price"]),
            "currency": lh["currency"],
            "rating": T.fixed_text(lh["rating"], 1),
            "review_count": lh["review_count"].astype(str),
            "best_seller_rank": lh["best_seller_rank"].astype(str),
            "order_defect_rate": T.fixed_text(lh["order_defect_rate"], 4),
            "cancellation_rate": T.fixed_text(lh["cancellation_rate"], 4),
            "response_time_hours": T.fixed_text(lh["response_time_hours"], 1),
        }
    )
    path = out / "listing_history.csv"
    write_csv(path, list(df.columns), df, bom=False, quote_all=False)
    return {rel(path, out): {"rows": len(df)}}
