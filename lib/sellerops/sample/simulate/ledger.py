"""The ledger: payments, storage, aged inventory and the account P&L, derived from a simulation.

The P&L uses only what the transaction reports and the product master carry (see
:data:`PNL_DEFINITION`); tools and people are not in it (notebook 04 takes them as parameters).

Examples
--------
>>> list(PNL_LINES)[:3]
['product_sales', 'refunds', 'promotions']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import catalogue as cat
from . import fees
from .model import Calendar, Ledger

#: P&L lines (signed: costs are negative, so net profit is their sum) and where each comes from.
PNL_LINES = {
    "product_sales": "'product sales' of Order rows",
    "refunds": "'product sales' of Refund rows",
    "promotions": "'promotional rebates' of Order and Refund rows (coupons and sales, net of those refunded)",
    "referral_fees": "'selling fees' of Order and Refund rows (referral fees less the refunded part, which keeps "
    "the refund administration fee)",
    "fba_fees": "'fba fees' of Order rows (FBA fulfilment fees; not refunded)",
    "storage_fees": "'other' of FBA Inventory Fee rows described 'FBA storage fee'",
    "aged_inventory_surcharges": "'other' of FBA Inventory Fee rows described 'Aged inventory surcharge' or "
    "'FBA Long-Term Storage Fee'",
    "advertising": "'other transaction fees' of Service Fee rows described 'Cost of Advertising'",
    "cogs": "- unit_cost (product_master.csv, USD, converted at fx_from_usd) x (units of Order rows - units of "
    "Refund rows whose return the FBA returns report grades SELLABLE: those go back to stock)",
}
PNL_DEFINITION = {
    "net_profit": "product sales - refunds - promotions/coupons - referral fees - FBA fees - storage fees - "
    "aged-inventory surcharges - advertising - cost of goods sold: the sum of the signed lines below",
    "net_margin": "net_profit / product_sales",
    "month": "posting month of the transaction-report row, in the report's time zone (US Pacific, UK UTC)",
    "lines": PNL_LINES,
    "excluded": "sales tax (collected and withheld by Amazon), transfers to the bank, tools and people "
    "(notebook 04 takes them as parameters); UK VAT is not modelled (the UK rows carry no VAT)",
}


#: The window the truth file and the tests judge the business on: the last 12 posting months.
LAST_12_MONTHS = (f"{cat.ADS_START:%Y-%m}", f"{cat.END:%Y-%m}")


def _lines(ev: pd.DataFrame, returns: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """One signed P&L line per transaction-report row (the row's month, marketplace and SKU kept)."""
    typ, desc = ev["type"], ev["description"]
    order, refund = typ == "Order", typ == "Refund"
    aged = (typ == "FBA Inventory Fee") & desc.isin(list(fees.AGED_DESCRIPTION.values()))
    lines = pd.DataFrame(
        {
            "month": ev["month"],
            "marketplace": ev["marketplace"],
            "sku": ev["sku"],
            "product_sales": ev["product sales"].where(order, 0.0),
            "refunds": ev["product sales"].where(refund, 0.0),
            "promotions": ev["promotional rebates"].where(order | refund, 0.0),
            "referral_fees": ev["selling fees"].where(order | refund, 0.0),
            "fba_fees": ev["fba fees"].where(order | refund, 0.0),
            "storage_fees": ev["other"].where((typ == "FBA Inventory Fee") & (desc == fees.STORAGE_DESCRIPTION), 0.0),
            "aged_inventory_surcharges": ev["other"].where(aged, 0.0),
            "advertising": ev["other transaction fees"].where(typ == "Service Fee", 0.0),
        }
    )
    cost = series.set_index(["marketplace", "sku"])["unit_cost_local"]
    sellable = set(returns.loc[returns["disposition"] == "SELLABLE", "order_id"])
    units = np.where(order, ev["quantity"], 0) - np.where(refund & ev["order id"].isin(sellable), ev["quantity"], 0)
    has_sku = (order | refund).to_numpy()
    unit_cost = np.zeros(len(ev))
    unit_cost[has_sku] = cost.loc[list(zip(ev.loc[has_sku, "marketplace"], ev.loc[has_sku, "sku"]))].to_numpy()
    lines["cogs"] = -units * unit_cost
    return lines


def _finish(out: pd.DataFrame) -> pd.DataFrame:
    out = out.copy()
    out[list(PNL_LINES)] = out[list(PNL_LINES)].round(2)
    out["currency"] = out["marketplace"].map({m: v["currency"] for m, v in cat.MARKETPLACES.items()})
    out["net_profit"] = out[list(PNL_LINES)].sum(axis=1).round(2)
    return out


def pnl(payments: pd.DataFrame, returns: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """The account P&L per posting month and marketplace, in local currency."""
    lines = _lines(payments, returns, series).drop(columns="sku")
    return _finish(lines.groupby(["month", "marketplace"], sort=True).sum().reset_index())


def sku_pnl(
    ledger: Ledger,
    returns: pd.DataFrame,
    series: pd.DataFrame,
    campaign_days: pd.DataFrame,
    months: tuple[str, str] = LAST_12_MONTHS,
) -> pd.DataFrame:
    """The P&L of each marketplace x SKU over posting ``months`` (first, last; inclusive).

    Sales, refunds, promotions, fees and COGS come from the SKU's transaction rows; advertising is the
    spend of the SKU's campaigns on the days of the window (the account is invoiced weekly); storage
    and surcharge are the SKU's part of the account-level charges posted in the window.
    """
    a, z = months
    ev = ledger.payments
    lines = _lines(ev, returns, series)
    lines = lines[(lines["month"] >= a) & (lines["month"] <= z) & (lines["sku"] != "")]
    out = lines.drop(columns="month").groupby(["marketplace", "sku"], sort=True).sum()
    ch = inventory_charges(ledger.storage, ledger.aged, series)
    ch = ch[(ch["month"] >= a) & (ch["month"] <= z)].groupby(["marketplace", "sku"]).sum(numeric_only=True)
    day = campaign_days["date"].dt.strftime("%Y-%m")
    ads = campaign_days[(day >= a) & (day <= z)].groupby(["marketplace", "sku"])["spend"].sum()
    idx = pd.MultiIndex.from_frame(series[["marketplace", "sku"]])
    out = out.reindex(idx, fill_value=0.0)
    out["storage_fees"] = -ch["storage_fee"].reindex(idx, fill_value=0.0)
    out["aged_inventory_surcharges"] = -ch["aged_surcharge"].reindex(idx, fill_value=0.0)
    out["advertising"] = -ads.reindex(idx, fill_value=0.0)
    return _finish(out.reset_index())


def inventory_charges(storage: pd.DataFrame, aged: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """Storage fee and aged-inventory surcharge per SKU, by the month they are charged (the month after).

    The transaction report carries these as one account-level row each; this is their split by SKU.
    """
    st = storage[["series", "month", "storage_fee"]]
    ag = aged[["series", "month", "fee"]].rename(columns={"fee": "aged_surcharge"})
    out = st.merge(ag, on=["series", "month"], how="outer").fillna(0.0)
    out["month"] = (pd.PeriodIndex(out["month"], freq="M") + 1).astype(str)
    out["marketplace"] = series["marketplace"].to_numpy()[out["series"].to_numpy()]
    out["sku"] = series["sku"].to_numpy()[out["series"].to_numpy()]
    return out[["month", "marketplace", "sku", "storage_fee", "aged_surcharge"]]


def build_ledger(
    cal: Calendar,
    products: pd.DataFrame,
    series: pd.DataFrame,
    orders: pd.DataFrame,
    returns: pd.DataFrame,
    campaign_days: pd.DataFrame,
    lots: pd.DataFrame,
    out_of_stock: np.ndarray,
    onhand_end: np.ndarray,
) -> Ledger:
    """Derive payments, storage, aged inventory and P&L; ``out_of_stock`` is units leaving stock per (series, day)."""
    storage = fees.storage_fees(cal, series, onhand_end)
    ages = fees.inventory_ages(cal, lots, out_of_stock)
    aged = fees.aged_inventory(cal, series, ages, onhand_end)
    payments = fees.payment_events(cal, products, orders, returns, campaign_days, storage, aged)
    return Ledger(payments, storage, aged, ages, pnl(payments, returns, series))
