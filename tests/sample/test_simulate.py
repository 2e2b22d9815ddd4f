"""The simulation's books balance: stock, FIFO ages, charges, payments and P&L agree with each other."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sellerops.sample import catalogue as cat
from sellerops.sample.simulate.ledger import LAST_12_MONTHS, PNL_LINES, inventory_charges, sku_pnl


def test_stock_on_hand_is_receipts_and_sellable_returns_less_shipments(sim):
    onhand = sim.per_series("onhand_end")
    lots = sim.lots
    D = sim.calendar.D
    for t in (0, D // 2, D - 1):
        arrived = (
            lots[lots["arrival"] <= t].groupby("series")["qty"].sum().reindex(range(len(sim.series)), fill_value=0)
        )
        out = sim.per_series("shipped")[:, : t + 1].sum(1) + sim.removed[:, : t + 1].sum(1)
        np.testing.assert_array_equal(arrived.to_numpy() - out, onhand[:, t])
    ages = sim.ledger.ages
    for t, snap in ages.groupby("t"):
        per_series = snap.groupby("series")["remaining"].sum().reindex(range(len(sim.series)), fill_value=0)
        np.testing.assert_array_equal(per_series.to_numpy(), onhand[:, t])


def test_sellable_returns_go_back_to_stock(sim):
    back = sim.lots[sim.lots["kind"] == "return"]["qty"].sum()
    sellable = sim.returns.loc[sim.returns["disposition"] == "SELLABLE", "quantity"].sum()
    assert back == sellable > 0
    assert sim.per_series("restocked").sum() == back


def test_orders_cancellations_and_returns_add_up(sim):
    o = sim.orders
    assert o.groupby("sku")["quantity"].sum().sum() == sim.daily["units"].sum()
    shipped = o.loc[~o["cancelled"], "quantity"].sum()
    assert shipped == sim.daily["shipped"].sum()
    assert set(sim.returns["order_id"]) <= set(o.loc[o["returned"] & ~o["cancelled"], "order_id"])
    assert (
        sim.returns["return_utc"] > o.set_index("order_id").loc[sim.returns["order_id"], "ship_utc"].to_numpy()
    ).all()


def test_payments_rows_add_up_and_carry_the_inventory_charges(sim):
    ev = sim.ledger.payments
    amounts = [
        c
        for c in ev.columns
        if c
        in {
            "product sales",
            "product sales tax",
            "promotional rebates",
            "marketplace withheld tax",
            "selling fees",
            "fba fees",
            "other transaction fees",
            "other",
        }
    ]
    np.testing.assert_allclose(ev[amounts].sum(axis=1), ev["total"], atol=0.011)
    charges = inventory_charges(sim.ledger.storage, sim.ledger.aged, sim.series)
    posted = sim.ledger.pnl.set_index(["month", "marketplace"])
    by_month = charges.groupby(["month", "marketplace"])[["storage_fee", "aged_surcharge"]].sum()
    both = by_month.join(posted, how="inner")
    assert len(both) == len(posted[posted["storage_fees"] != 0])
    np.testing.assert_allclose(-both["storage_fees"], both["storage_fee"], atol=0.02)
    np.testing.assert_allclose(-both["aged_inventory_surcharges"], both["aged_surcharge"], atol=0.02)


def test_sku_pnl_adds_up_to_the_account_pnl(sim):
    by_sku = (
        sku_pnl(sim.ledger, sim.returns, sim.series, sim.campaign_days).groupby("marketplace").sum(numeric_only=True)
    )
    a, z = LAST_12_MONTHS
    pnl = sim.ledger.pnl
    account = pnl[(pnl["month"] >= a) & (pnl["month"] <= z)].groupby("marketplace").sum(numeric_only=True)
    same = [k for k in PNL_LINES if k != "advertising"]  # ads: invoiced weekly vs spent daily
    np.testing.assert_allclose(by_sku[same].to_numpy(float), account[same].to_numpy(float), atol=0.05)
    assert by_sku["advertising"].to_numpy() == pytest.approx(account["advertising"].to_numpy(), rel=0.03)


def test_the_slow_mover_is_never_reordered_and_keeps_its_old_lot(sim):
    s = sim.series_of(cat.SLOW_MOVER_SKU, "US")
    receipts = sim.lots[(sim.lots["series"] == s) & (sim.lots["kind"] == "receipt")]
    assert len(receipts) == 1 and receipts["qty"].iloc[0] == cat.SLOW_MOVER_INITIAL_UNITS["US"]
    end = sim.ledger.ages[(sim.ledger.ages["t"] == sim.calendar.D - 1) & (sim.ledger.ages["series"] == s)]
    assert (end.loc[end["age"] > 365, "remaining"].sum()) > 0
    assert pd.Timestamp(cat.SLOW_MOVER_RECEIVED) < pd.Timestamp(cat.START)
