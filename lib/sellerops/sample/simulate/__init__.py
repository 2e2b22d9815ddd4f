"""One simulation of the fictional seller, from which every export is written.

:func:`simulate` runs the stages in order, all drawing from one seeded numpy Generator (the
placement split and the keyword research have their own seeded streams):

0. :mod:`~.products`: codes and the marketplace x SKU series;
1. :mod:`~.demand`: monthly prices and ratings, the traffic index, expected organic units and sessions;
2. :mod:`~.ads`: campaigns, clicks and spend per search term and day (planned);
3. :mod:`~.stock`: the daily loop of orders against stock: receipts, cancellations, returns (sellable
   units back in stock), reorders, removals;
4. :mod:`~.ads` again (attribution to terms, pauses, under-attribution, placements) and
   :mod:`~.orders`: traffic per day, one row per order and per returned order;
5. :mod:`~.fees` and :mod:`~.ledger`: fees, storage, aged inventory, payments and the P&L;
6. :mod:`~.listing`: the monthly listing history;
7. :mod:`~.keywords`: keyword research (Helium 10, Search Query Performance);
8. :mod:`~.bulk`: the ads account's entities and their IDs (derived from names, no random draws).

Examples
--------
>>> import datetime as dt
>>> sim = simulate(seed=1, end=dt.date(2024, 12, 31))
>>> sim.calendar.D, sorted(sim.daily["marketplace"].unique())
(61, ['UK', 'US'])
>>> int(sim.daily["units"].sum()) > 0, set(sim.ledger.payments["type"]) >= {"Order", "Service Fee"}
(True, True)
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from .. import catalogue as cat
from .ads import ad_frames, attribute_ads, plan_ads, split_placements
from .bulk import account_structure
from .demand import simulate_demand
from .fees import order_fees, return_fees
from .keywords import keyword_research
from .ledger import build_ledger
from .listing import listing_history
from .model import Calendar, Ledger, Simulation
from .orders import cancellation_rates, daily_frame, simulate_orders, simulate_returns
from .products import build_products
from .stock import simulate_stock

__all__ = ["Calendar", "Ledger", "Simulation", "simulate"]


def simulate(seed: int = cat.SEED, end: dt.date | None = None) -> Simulation:
    """Run the seller simulation from ``catalogue.START`` to ``end`` (default ``catalogue.END``).

    Parameters
    ----------
    seed : int
        Seed of the numpy Generator; the same seed gives identical output.
    end : date, optional
        Last simulated day; a shorter run is for examples and quick checks (the planted effects
        need the full two years).

    Returns
    -------
    Simulation
        Frames for all exports, the ledger and planted facts.
    """
    cal = Calendar.between(cat.START, end or cat.END)
    rng = np.random.default_rng(seed)
    products, series = build_products(rng)
    demand = simulate_demand(rng, cal, series)
    plan = plan_ads(rng, cal, series, demand)
    cancellation_rate = cancellation_rates(rng, cal)
    stock = simulate_stock(rng, cal, series, demand.organic, plan.expected_units_series, cancellation_rate)
    ads = attribute_ads(rng, plan, stock.in_stock, stock.ad_units)
    daily = daily_frame(rng, cal, series, demand, stock, plan, ads)
    orders = order_fees(simulate_orders(rng, cal, series, demand, stock), series)
    returns = return_fees(simulate_returns(rng, cal, stock, orders), orders)
    ad_rows, campaign_days = ad_frames(rng, cal, plan, ads)
    listing = listing_history(rng, cal, products, series, demand, stock.sold, cancellation_rate)
    placements = split_placements(np.random.default_rng(seed + 1), ad_rows)
    sim = Simulation(
        seed=seed,
        calendar=cal,
        products=products,
        series=series,
        listing=listing,
        daily=daily,
        orders=orders,
        returns=returns,
        campaigns=plan.campaigns,
        terms=plan.terms,
        ads=ad_rows,
        campaign_days=campaign_days,
        placements=placements,
        lots=stock.lots,
        removed=stock.removed,
        keywords=keyword_research(seed),
        planted={
            "rating_drop": {
                "sku": cat.RATING_DROP_SKU,
                "marketplace": "US",
                "month": cat.RATING_DROP_MONTH,
                "rating_before": demand.rating_before,
                "rating_after": cat.RATING_AFTER,
                "relative_conversion_change": cat.RATING_DROP_CONVERSION_EFFECT,
            }
        },
    )
    sim.account = account_structure(seed, plan.campaigns, products, ad_rows)
    sim.ledger = build_ledger(
        cal,
        products,
        series,
        orders,
        returns,
        campaign_days,
        stock.lots,
        stock.shipped + stock.removed,
        stock.onhand_end,
    )
    return sim
