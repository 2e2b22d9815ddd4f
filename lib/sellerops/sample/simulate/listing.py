"""Stage 6, listing history: one row per month x marketplace x SKU (price, rating, reviews, BSR, account health).

Examples
--------
>>> import numpy as np
>>> bsr = best_seller_rank(np.array([[0.0, 30.0, 300.0]]))
>>> bool(bsr[0, 0] > bsr[0, 1] > bsr[0, 2])
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import catalogue as cat
from .demand import Demand
from .model import Calendar


def best_seller_rank(units_per_month: np.ndarray) -> np.ndarray:
    """A rank that falls as monthly units rise (power law)."""
    return np.round(250000 / (units_per_month / 30 + 0.3) ** 1.1).astype(int)


def listing_history(
    rng: np.random.Generator,
    cal: Calendar,
    products: pd.DataFrame,
    series: pd.DataFrame,
    demand: Demand,
    sold: np.ndarray,
    cancellation_rate: np.ndarray,
) -> pd.DataFrame:
    """Monthly listing rows; ``cancellation_rate`` is the (marketplaces, M) rate the orders were drawn with."""
    S, M = len(series), cal.M
    ser_m = series["m"].to_numpy()
    units_m = np.zeros((S, M))
    for j in range(M):
        units_m[:, j] = sold[:, cal.month_idx == j].sum(1)
    reviews0 = rng.integers(150, 2500, S) * np.where(ser_m == 0, 1, 0.25)
    review_count = (reviews0[:, None] + np.cumsum(units_m * 0.02, 1)).astype(int)
    n_mkt = len(cat.MARKETPLACES)
    odr = np.round(np.clip(rng.normal(0.004, 0.0015, (n_mkt, M)), 0.0005, 0.009), 4)
    resp = np.round(np.clip(rng.normal(11, 4, (n_mkt, M)), 2, 30), 1)
    listing = pd.DataFrame(
        {
            "month": np.tile(cal.month_labels, S),
            "marketplace": np.repeat(series["marketplace"].to_numpy(), M),
            "sku": np.repeat(series["sku"].to_numpy(), M),
            "asin": np.repeat(products["asin"].to_numpy()[series["p"]], M),
            "price": demand.price_m.ravel(),
            "currency": np.repeat([cat.MARKETPLACES[m]["currency"] for m in series["marketplace"]], M),
            "rating": demand.rating_m.ravel(),
            "review_count": review_count.ravel(),
            "best_seller_rank": best_seller_rank(units_m).ravel(),
            "order_defect_rate": odr[ser_m].ravel(),
            "cancellation_rate": np.round(cancellation_rate, 4)[ser_m].ravel(),
            "response_time_hours": resp[ser_m].ravel(),
        }
    )
    return listing.sort_values(["month", "marketplace", "sku"], kind="stable").reset_index(drop=True)
