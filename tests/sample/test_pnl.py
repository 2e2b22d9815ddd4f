"""The seller's business makes sense: its P&L, computed through the readers from the exported files.

Net profit is product sales - refunds - promotions - referral fees - FBA fees - storage fees - aged-inventory
surcharges - advertising - cost of goods sold, all from the transaction reports except COGS: unit cost
(product master, USD) x (units shipped - refunded units whose return was graded SELLABLE, returns report).
Tools and people are not in it. The numbers are not taken from the truth file; the last test compares them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sellerops import paths
from sellerops.core.money import convert
from sellerops.readers import read_report

MARKETS = {"US": "USD", "UK": "GBP"}
FX = {"GBP": 0.8}  # GBP per USD: the landed unit costs of the product master are in USD
FIRST, LAST = "2025-11", "2026-10"  # the last 12 posting months
SLOW_MOVER, HIGH_SALES = "BN-BAT-03", "BN-KIT-01"
LINES = [
    "product_sales",
    "refunds",
    "promotions",
    "referral_fees",
    "fba_fees",
    "storage_fees",
    "aged_inventory_surcharges",
    "advertising",
    "cogs",
]
AGED = ("Aged inventory surcharge", "FBA Long-Term Storage Fee")


def _unit_costs(currency: str) -> pd.Series:
    master = read_report(paths.SAMPLE_DIR / "product_master.csv").frame
    if currency != "USD":
        master = convert(master, "unit_cost", {"USD": FX[currency]}, currency)
    return master.set_index("sku")["unit_cost"]


def _pnl_rows(market: str) -> pd.DataFrame:
    """One signed P&L line per transaction row, with its posting month and SKU."""
    folder = paths.SAMPLE_DIR / market.lower()
    pay, dq = read_report(folder / "payments")
    assert dq.currencies == [MARKETS[market]] and dq.rows_rejected == 0
    returns = read_report(folder / "returns").frame
    sellable = set(returns.loc[returns["detailed_disposition"] == "SELLABLE", "order_id"])
    typ, desc = pay["type"], pay["description"]
    order, refund, inventory = typ == "Order", typ == "Refund", typ == "FBA Inventory Fee"
    units = pay["quantity"].fillna(0).where(order, 0) - pay["quantity"].fillna(0).where(
        refund & pay["order_id"].isin(sellable), 0
    )
    cost = pay["sku"].map(_unit_costs(MARKETS[market])).fillna(0.0)
    return pd.DataFrame(
        {
            "month": pay["date"].dt.strftime("%Y-%m"),
            "sku": pay["sku"],
            "product_sales": pay["product_sales"].where(order, 0.0),
            "refunds": pay["product_sales"].where(refund, 0.0),
            "promotions": pay["promotional_rebates"].where(order | refund, 0.0),
            "referral_fees": pay["selling_fees"].where(order | refund, 0.0),
            "fba_fees": pay["fba_fees"].where(order | refund, 0.0),
            "storage_fees": pay["other"].where(inventory & (desc == "FBA storage fee"), 0.0),
            "aged_inventory_surcharges": pay["other"].where(inventory & desc.isin(AGED), 0.0),
            "advertising": pay["other_transaction_fees"].where(
                (typ == "Service Fee") & (desc == "Cost of Advertising"), 0.0
            ),
            "cogs": -units * cost,
            "fba_units": pay["quantity"].fillna(0).where(order, 0),
            "order_price": (pay["product_sales"] + pay["promotional_rebates"]).where(order, 0.0),
            "order_referral": -pay["selling_fees"].where(order, 0.0),
        }
    )


@pytest.fixture(scope="module")
def rows() -> dict[str, pd.DataFrame]:
    return {m: _pnl_rows(m) for m in MARKETS}


@pytest.fixture(scope="module")
def last12(rows) -> dict[str, pd.Series]:
    out = {}
    for m, r in rows.items():
        window = r[(r["month"] >= FIRST) & (r["month"] <= LAST)]
        assert window["month"].nunique() == 12
        total = window[LINES].sum()
        total["net_profit"] = total.sum()
        out[m] = total
    return out


def _slow_mover_surcharges(market: str) -> tuple[float, pd.DataFrame]:
    """The slow mover's aged-inventory charges of the window, from the planning snapshots they are billed on."""
    planning = read_report(paths.SAMPLE_DIR / market.lower() / "inventory" / "planning").frame
    ais = [c for c in planning.columns if c.startswith("estimated_ais_")]
    planning["aged_charge"] = (
        planning[ais]
        .fillna(0)
        .sum(axis=1)
        .where(planning[ais].notna().any(axis=1), planning["estimated_ltsf_next_charge"])
    )
    billed = planning["snapshot_date"].dt.to_period("M") + 1  # the snapshot of month m is charged in m + 1
    window = planning[(billed >= pd.Period(FIRST)) & (billed <= pd.Period(LAST))]
    assert window["snapshot_date"].nunique() == 12
    return float(window.loc[window["sku"] == SLOW_MOVER, "aged_charge"].sum()), planning


@pytest.mark.parametrize("market", MARKETS)
def test_net_margin_of_the_last_12_months_is_between_5_and_20_percent(last12, market):
    t = last12[market]
    margin = t["net_profit"] / t["product_sales"]
    assert 0.05 <= margin <= 0.20, (market, round(margin, 4), (t / t["product_sales"]).round(4).to_dict())
    assert all(t[line] <= 0 for line in LINES if line != "product_sales")  # every other line is a cost


@pytest.mark.parametrize("market", MARKETS)
def test_fees_are_in_their_real_ranges(rows, market):
    r = rows[market]
    window = r[(r["month"] >= FIRST) & (r["month"] <= LAST)]
    # Home & Kitchen referral fee: 15% of the price the buyer pays (after the promotion)
    assert window["order_referral"].sum() / window["order_price"].sum() == pytest.approx(0.15, abs=0.002)
    per_sku = window[window["fba_units"] > 0].groupby("sku")[["fba_fees", "fba_units"]].sum()
    per_unit_usd = -per_sku["fba_fees"] / per_sku["fba_units"] / (FX[MARKETS[market]] if market != "US" else 1.0)
    assert per_unit_usd.between(3.0, 13.0).all(), per_unit_usd.round(2).to_dict()


@pytest.mark.parametrize("market", MARKETS)
def test_storage_and_surcharges_stay_small_outside_the_slow_mover(last12, market):
    t = last12[market]
    slow, _ = _slow_mover_surcharges(market)
    assert -t["aged_inventory_surcharges"] == pytest.approx(slow, rel=0.05)  # nearly all of it is the slow mover
    # storage (the slow mover's included) plus every other SKU's surcharge
    outside = (-t["storage_fees"] - t["aged_inventory_surcharges"] - slow) / t["product_sales"]
    assert 0 < -t["storage_fees"] / t["product_sales"] and outside < 0.05, outside


@pytest.mark.parametrize("market", MARKETS)
def test_the_slow_mover_stands_out(last12, market):
    t = last12[market]
    slow, planning = _slow_mover_surcharges(market)
    share = slow / t["product_sales"]
    assert 0.01 <= share <= 0.08, share  # a visible few percent of the account's sales
    end = planning[planning["snapshot_date"] == planning["snapshot_date"].max()].set_index("sku")
    ais = [c for c in end.columns if c.startswith("estimated_ais_")]
    monthly = end[ais].sum(axis=1)
    assert end.loc[SLOW_MOVER, "inv_age_365_plus_days"] > 0
    assert monthly.idxmax() == SLOW_MOVER and monthly.drop(SLOW_MOVER).sum() < 0.1 * monthly[SLOW_MOVER]
    assert 0.01 <= monthly[SLOW_MOVER] / (t["product_sales"] / 12) <= 0.08


def test_the_high_sales_sku_loses_money_before_storage(rows):
    r = rows["US"]
    mine = r[(r["sku"] == HIGH_SALES) & (r["month"] >= FIRST) & (r["month"] <= LAST)]
    ads = read_report(paths.SAMPLE_DIR / "us" / "ads" / "advertised_product").frame
    spend = ads.loc[ads["advertised_sku"] == HIGH_SALES, "spend"].sum()
    before_storage = mine[LINES].sum().sum() - spend
    sales = mine["product_sales"].sum()
    assert before_storage < 0, before_storage
    assert -mine["promotions"].sum() > 0.1 * sales and -mine["refunds"].sum() > 0.08 * sales  # coupons and returns


def test_the_truth_files_pnl_is_the_one_the_files_show(rows, last12, truth):
    pnl = truth["pnl"]
    assert pnl["fx_from_usd"] == {"US": 1.0, "UK": FX["GBP"]} and pnl["last_12_months_period"] == [FIRST, LAST]
    expected = pd.DataFrame(pnl["by_month"]).set_index(["marketplace", "month"])
    for market, r in rows.items():
        mine = r.groupby("month")[LINES].sum()
        theirs = expected.loc[market]
        assert list(mine.index) == list(theirs.index)
        np.testing.assert_allclose(mine.to_numpy(float), theirs[LINES].to_numpy(float), atol=0.02)
        np.testing.assert_allclose(mine.sum(axis=1).to_numpy(float), theirs["net_profit"].to_numpy(float), atol=0.05)
        t = pnl["last_12_months"][market]
        assert t["net_margin"] == pytest.approx(
            last12[market]["net_profit"] / last12[market]["product_sales"], abs=1e-4
        )
    kit = pnl["by_sku_last_12_months"]
    kit = next(k for k in kit if k["marketplace"] == "US" and k["sku"] == HIGH_SALES)
    mine = rows["US"]
    mine = mine[(mine["sku"] == HIGH_SALES) & (mine["month"] >= FIRST) & (mine["month"] <= LAST)]
    for line in ("product_sales", "refunds", "promotions", "referral_fees", "fba_fees", "cogs"):
        assert mine[line].sum() == pytest.approx(kit[line], abs=0.02), line
