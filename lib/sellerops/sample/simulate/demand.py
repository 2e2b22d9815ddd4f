"""Stage 1, demand: monthly price and rating per series, the traffic index, expected organic units and sessions.

Operations lead sales: the traffic index drives sessions on day t and organic units on day t + 14.

Examples
--------
>>> import datetime as dt, numpy as np
>>> from sellerops.sample.simulate.model import Calendar
>>> from sellerops.sample.simulate.products import build_products
>>> rng = np.random.default_rng(1)
>>> _, series = build_products(rng)
>>> d = simulate_demand(rng, Calendar.between(dt.date(2024, 11, 1), dt.date(2025, 1, 31)), series)
>>> d.organic.shape == d.sessions.shape == (len(series), 92)
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import catalogue as cat
from .model import Calendar
from .products import round99


@dataclass
class Demand:
    """Expected demand, (S, D) arrays unless noted."""

    price_m: np.ndarray  # (S, M) listing price per month
    rating_m: np.ndarray  # (S, M) rating per month
    price: np.ndarray  # price per day
    season: np.ndarray  # (D,) seasonal multiplier
    traffic: np.ndarray  # (S, D) traffic index on day t (drives sessions)
    organic: np.ndarray  # expected organic units
    sessions: np.ndarray  # expected sessions (without ad clicks)
    rating_before: float  # rating of the rating-drop SKU before the drop


def simulate_demand(rng: np.random.Generator, cal: Calendar, series: pd.DataFrame) -> Demand:
    """Draw monthly prices and ratings, the traffic index, and the expected organic demand."""
    S, M, D = len(series), cal.M, cal.D
    base_price = series["base_price"].to_numpy()
    prod = pd.DataFrame(cat.PRODUCTS)
    # monthly listing: a sale (-10%) in about 8% of months, a price rise (+8%) in 5%
    u = rng.random((S, M))
    price_mult = np.where(u < 0.08, 0.9, np.where(u > 0.95, 1.08, 1.0))
    price_m = np.round(round99(base_price[:, None] * price_mult), 2)
    price_m = np.where(price_mult == 1.0, base_price[:, None], price_m)
    base_rating = prod["rating"].to_numpy()[series["p"]]
    rating_m = np.clip(base_rating[:, None] + np.round(rng.normal(0, 0.04, (S, M)), 1), 3.5, 4.9)
    rating_m = np.round(np.clip(rating_m, base_rating[:, None] - 0.1, base_rating[:, None] + 0.1), 1)
    rating_eff = np.ones((S, M))
    drop_s = int(series.index[(series["sku"] == cat.RATING_DROP_SKU) & (series["marketplace"] == "US")][0])
    rating_before = float(base_rating[drop_s])
    if cat.RATING_DROP_MONTH in cal.month_labels:
        drop_m = cal.month_labels.index(cat.RATING_DROP_MONTH)
        rating_m[drop_s, :drop_m] = rating_before
        rating_m[drop_s, drop_m:] = cat.RATING_AFTER
        rating_eff[drop_s, drop_m:] = 1.0 + cat.RATING_DROP_CONVERSION_EFFECT

    # traffic: a log-AR(1) index per marketplace; units follow it TRAFFIC_LAG_DAYS later
    season = np.array([cat.SEASON[m] for m in cal.days.month])
    n_mkt = len(cat.MARKETPLACES)
    L, burn = cat.TRAFFIC_LAG_DAYS, 200
    e = rng.normal(0, cat.TRAFFIC_SD * np.sqrt(1 - cat.TRAFFIC_AR_PHI**2), (n_mkt, D + L + burn))
    x = np.zeros_like(e)
    for t in range(1, e.shape[1]):
        x[:, t] = cat.TRAFFIC_AR_PHI * x[:, t - 1] + e[:, t]
    x = x[:, burn:]
    ser_m = series["m"].to_numpy()
    traffic_sessions = np.exp(x[:, L:])[ser_m]  # index on day t
    traffic_units = np.exp(x[:, :D])[ser_m]  # index on day t - L
    share = np.array([cat.MARKETPLACES[m]["demand_share"] for m in series["marketplace"]])
    base_units = prod["base_units"].to_numpy()[series["p"]] * share * cat.VOLUME
    base_cvr = prod["base_cvr"].to_numpy()[series["p"]]
    price_d = price_m[:, cal.month_idx]
    price_eff = (price_d / base_price[:, None]) ** cat.PRICE_ELASTICITY
    organic = base_units[:, None] * season[None, :] * price_eff * rating_eff[:, cal.month_idx] * traffic_units
    sessions = base_units[:, None] / base_cvr[:, None] * season[None, :] * traffic_sessions
    return Demand(price_m, rating_m, price_d, season, traffic_sessions, organic, sessions, rating_before)
