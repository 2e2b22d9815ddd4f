"""Unit economics shared by the analyses: the fees Amazon really charged, and break-even ACoS per product.

The referral fee rate and the FBA fee per unit are **measured** from the payments transactions (the
``Order`` rows: selling fees over product sales, FBA fees over units), not assumed; a SKU without
sales in the period takes the median rate of the others, and says so. The unit cost comes from the
product master, converted into the marketplace's currency with exchange rates given by the analyst.
Break-even ACoS is the margin per unit before advertising as a share of price
(:func:`sellerops.core.metrics.break_even_acos`): an ad sale above it loses money. It is taken at the
price before promotions, as ad sales are reported: what coupons cost is a price decision, and it shows
in the reverse P&L (notebook 04), where ``promotion_share`` says how much of a product's sales it takes.

Examples
--------
>>> import pandas as pd
>>> orders = pd.DataFrame({"type": ["Order", "Order", "Refund"], "sku": ["A", "A", "A"], "quantity": [1, 2, 1],
...     "product_sales": [20.0, 40.0, -20.0], "selling_fees": [-3.0, -6.0, 2.4], "fba_fees": [-4.0, -8.0, 0.0],
...     "currency": ["USD"] * 3})
>>> fees = measure_unit_fees(orders)
>>> fees[["sku", "units", "price", "referral_rate", "fba_fee"]].to_dict("records")
[{'sku': 'A', 'units': 3, 'price': 20.0, 'referral_rate': 0.15, 'fba_fee': 4.0}]
>>> products = pd.DataFrame({"sku": ["A"], "unit_cost": [5.0], "currency": ["USD"]})
>>> float(break_even_by_product(products, fees).loc[0, "break_even_acos"])
0.4
"""

from __future__ import annotations

import pandas as pd

from ..core import metrics
from ..core.money import convert, rates_into

#: Transaction types whose rows are sales of units.
ORDER_TYPES = frozenset({"Order"})


def measure_unit_fees(transactions: pd.DataFrame) -> pd.DataFrame:
    """Per SKU and currency: units sold, average price, and the fees Amazon charged per unit.

    Parameters
    ----------
    transactions : DataFrame
        The canonical payments transactions (``type``, ``sku``, ``quantity``, ``product_sales``,
        ``selling_fees``, ``fba_fees``, ``currency``); fees are negative amounts, as Amazon writes them.

    Returns
    -------
    DataFrame
        ``sku, currency, units, product_sales, price, promotion_share, referral_rate, fba_fee``: ``price``
        is product sales per unit (before promotions), ``promotion_share`` the promotions and coupons as a
        share of product sales, ``referral_rate`` selling fees over sales after promotions (what Amazon
        charges them on), ``fba_fee`` FBA fees per unit.
    """
    orders = transactions[transactions["type"].isin(ORDER_TYPES) & transactions["sku"].notna()]
    if "promotional_rebates" not in orders.columns:
        orders = orders.assign(promotional_rebates=0.0)
    g = orders.groupby(["sku", "currency"], sort=True).agg(
        units=("quantity", "sum"),
        product_sales=("product_sales", "sum"),
        promotions=("promotional_rebates", lambda v: -v.fillna(0).sum()),
        selling_fees=("selling_fees", "sum"),
        fba_fees=("fba_fees", "sum"),
    )
    g = g[g["units"] > 0].reset_index()
    g["units"] = g["units"].astype("int64")
    g["price"] = (g["product_sales"] / g["units"]).round(2)
    # Amazon charges the referral fee on the price after promotions: the rate is measured on that
    g["referral_rate"] = (-g["selling_fees"] / (g["product_sales"] - g["promotions"])).round(4)
    g["fba_fee"] = (-g["fba_fees"] / g["units"]).round(2)
    g["promotion_share"] = (g["promotions"] / g["product_sales"]).round(4)
    return g[["sku", "currency", "units", "product_sales", "price", "promotion_share", "referral_rate", "fba_fee"]]


def break_even_by_product(
    products: pd.DataFrame,
    fees: pd.DataFrame,
    *,
    usd_rates: dict[str, float] | None = None,
    other_cost_rate: float = 0.0,
    prices: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Break-even ACoS per product and currency, from measured fees and the product master's unit cost.

    Parameters
    ----------
    products : DataFrame
        The product master (``sku``, ``unit_cost``, ``currency`` of the cost).
    fees : DataFrame
        From :func:`measure_unit_fees`.
    usd_rates : dict, optional
        The value of one unit of each currency in US dollars (:func:`sellerops.core.money.parse_rates`),
        needed where the cost and the sales are in different currencies.
    other_cost_rate : float
        Any other variable cost per unit as a share of price (returns allowance, inbound freight…).
    prices : DataFrame, optional
        ``sku, currency, price`` (a listing history): the price of SKUs that sold nothing in the period.

    Returns
    -------
    DataFrame
        ``sku, currency, price, unit_cost, referral_rate, referral_fee, fba_fee, margin_before_ads,
        break_even_acos, fees_measured`` (``fees_measured`` False where the SKU sold nothing in the
        period: its list price and the median fee rates of the others stand in). SKUs with neither a
        sale nor a list price are left out.

    Raises
    ------
    ValueError
        A cost currency differs from the sales currency and no exchange rate is given for it.
    """
    rows = []
    for currency, part in fees.groupby("currency", sort=True):
        costs = products[["sku", "unit_cost", "currency"]].dropna(subset=["unit_cost"])
        costs = costs.assign(currency=costs["currency"].fillna(currency))
        if (costs["currency"] != currency).any():
            if usd_rates is None:
                other = ", ".join(sorted(set(costs["currency"]) - {currency}))
                raise ValueError(f"unit costs are in {other} and sales in {currency}: give exchange rates (fx_rates)")
            costs = convert(costs, "unit_cost", rates_into(currency, usd_rates), currency)
        merged = costs.merge(part, on=["sku", "currency"], how="left")
        merged["fees_measured"] = merged["units"].notna()
        for column in ("referral_rate", "fba_fee"):
            merged[column] = merged[column].fillna(part[column].median())
        if prices is not None:  # list prices stand in for SKUs without sales in the period
            listed = prices[prices["currency"] == currency].groupby("sku")["price"].mean()
            merged["price"] = merged["price"].fillna(merged["sku"].map(listed))
        rows.append(merged)
    if not rows:
        return pd.DataFrame(columns=_COLUMNS)
    out = pd.concat(rows, ignore_index=True)
    out = out[out["price"].notna()].reset_index(drop=True)
    out["unit_cost"] = out["unit_cost"].round(2)
    out["referral_fee"] = (out["referral_rate"] * out["price"]).round(2)
    other = other_cost_rate * out["price"]
    out["margin_before_ads"] = (out["price"] - out["unit_cost"] - out["referral_fee"] - out["fba_fee"] - other).round(2)
    out["break_even_acos"] = metrics.break_even_acos(
        out["price"], out["unit_cost"], out["referral_rate"], out["fba_fee"], other
    ).round(4)
    return out[_COLUMNS]


_COLUMNS = [
    "sku",
    "currency",
    "price",
    "unit_cost",
    "referral_rate",
    "referral_fee",
    "fba_fee",
    "margin_before_ads",
    "break_even_acos",
    "fees_measured",
]
