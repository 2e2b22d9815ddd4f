"""Stage 0: the catalogue as frames: products with their codes, and one series per marketplace x SKU.

Examples
--------
>>> import numpy as np
>>> products, series = build_products(np.random.default_rng(1))
>>> len(series) == 2 * len(products), products["asin"].str.startswith("B0").all()
(True, np.True_)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import catalogue as cat
from .model import codes


def round99(x: np.ndarray) -> np.ndarray:
    """Prices ending in .99 (``floor(x) + 0.99``)."""
    return np.floor(x) + 0.99


def build_products(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Products (one row per SKU) and series (marketplace-major: all US SKUs, then all UK SKUs).

    A series carries the local list price, the local FBA fee and the landed unit cost in local currency.
    """
    prod = pd.DataFrame(cat.PRODUCTS)
    P = len(prod)
    prod["asin"] = codes(rng, P, 8, "B0")
    prod["fnsku"] = codes(rng, P, 7, "X00")
    mkts = list(cat.MARKETPLACES)
    ser = pd.DataFrame([(m, i) for m in mkts for i in range(P)], columns=["marketplace", "p"])
    ser["sku"] = prod["sku"].to_numpy()[ser["p"]]
    fx = np.array([cat.MARKETPLACES[m]["fx_from_usd"] for m in ser["marketplace"]])
    usd_price = prod["price_usd"].to_numpy()[ser["p"]]
    ser["base_price"] = np.where(fx == 1.0, usd_price, round99(usd_price * 1.06 * fx) - 1.0)
    ser["fba_fee"] = np.round(prod["fba_fee_usd"].to_numpy()[ser["p"]] * np.where(fx == 1, 1, 0.95 * fx), 2)
    ser["unit_cost"] = prod["unit_cost_usd"].to_numpy()[ser["p"]]  # USD landed cost
    ser["unit_cost_local"] = ser["unit_cost"] * fx  # in the marketplace's currency (fx_from_usd)
    ser["m"] = ser["marketplace"].map({m: i for i, m in enumerate(mkts)}).to_numpy()
    for col in ("cubic_feet", "lead_time_days", "lead_time_sd_days", "case_pack", "return_rate"):
        ser[col] = prod[col].to_numpy()[ser["p"]]
    return prod, ser
