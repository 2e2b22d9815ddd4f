"""Operations vs sales (analysis/ops_sales.py): the reverse P&L by hand, settlements = transactions, the sample's truth.

The hand-computed P&L below is worked out in the comments; the sample's P&L is compared with the one the
simulation computed (``data/sample_truth.json`` "pnl", same definition), and the planted effects (the best
seller that loses money, the rating drop, the lead of traffic over sales) are re-derived through the readers
and the analysis.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sellerops import paths
from sellerops.analysis import ops_sales as ops
from sellerops.core.money import parse_rates
from sellerops.readers import open_folder

START, END = "2025-11-01", "2026-10-31"


# --------------------------------------------------------------------------- a P&L by hand
def _transactions() -> pd.DataFrame:
    rows = [
        # date, type, order, sku, description, qty, sales, promo, selling, fba, other tx fees, other, tax, total
        ("2026-01-05", "Order", "111", "A", "Mat", 2, 40.0, -4.0, -6.0, -8.0, 0.0, 0.0, 2.8, 22.0),
        ("2026-01-07", "Order", "222", "B", "Rack", 1, 50.0, 0.0, -7.5, -6.0, 0.0, 0.0, 0.0, 36.5),
        ("2026-01-20", "Refund", "111", "A", "Mat", 1, -20.0, 2.0, 2.4, 0.0, 0.0, 0.0, 0.0, -15.6),
        ("2026-01-25", "Service Fee", None, None, "Cost of Advertising", 0, 0.0, 0.0, 0.0, 0.0, -12.0, 0.0, 0.0, -12.0),
        ("2026-01-28", "Transfer", None, None, "To account ending in: 417", 0, 0, 0, 0, 0, 0, -30.0, 0.0, -30.0),
        ("2026-02-03", "FBA Inventory Fee", None, None, "FBA storage fee", 0, 0, 0, 0, 0, 0, -3.0, 0.0, -3.0),
        ("2026-02-10", "Order", "333", "A", "Mat", 1, 20.0, 0.0, -3.0, -4.0, 0.0, 0.0, 0.0, 13.0),
        ("2026-02-12", "Adjustment", None, "A", "FBA Inventory Reimbursement", 0, 0, 0, 0, 0, 0, 8.0, 0.0, 8.0),
        ("2026-02-15", "FBA Inventory Fee", None, None, "Aged inventory surcharge", 0, 0, 0, 0, 0, 0, -5.0, 0.0, -5.0),
    ]
    cols = [
        "date",
        "type",
        "order_id",
        "sku",
        "description",
        "quantity",
        "product_sales",
        "promotional_rebates",
        "selling_fees",
        "fba_fees",
        "other_transaction_fees",
        "other",
        "product_sales_tax",
        "total",
    ]
    tx = pd.DataFrame(rows, columns=cols)
    tx["date"] = pd.to_datetime(tx["date"])
    tx["marketplace_withheld_tax"] = -tx["product_sales_tax"]  # collected and paid over by Amazon: nets to zero
    tx["quantity"] = tx["quantity"].astype("Int64")
    tx["currency"] = "USD"
    return tx


def _settlements() -> pd.DataFrame:
    """The same events as :func:`_transactions`, as V2 settlement amount rows."""
    rows = [
        ("2026-01-05", "Order", "111", "A", "ItemPrice", "Principal", 40.0, 2),
        ("2026-01-05", "Order", "111", "A", "ItemPrice", "Tax", 2.8, None),
        ("2026-01-05", "Order", "111", "A", "ItemWithheldTax", "MarketplaceFacilitatorTax-Principal", -2.8, None),
        ("2026-01-05", "Order", "111", "A", "Promotion", "Principal", -4.0, None),
        ("2026-01-05", "Order", "111", "A", "ItemFees", "Commission", -6.0, None),
        ("2026-01-05", "Order", "111", "A", "ItemFees", "FBAPerUnitFulfillmentFee", -8.0, None),
        ("2026-01-07", "Order", "222", "B", "ItemPrice", "Principal", 50.0, 1),
        ("2026-01-07", "Order", "222", "B", "ItemFees", "Commission", -7.5, None),
        ("2026-01-07", "Order", "222", "B", "ItemFees", "FBAPerUnitFulfillmentFee", -6.0, None),
        ("2026-01-20", "Refund", "111", "A", "ItemPrice", "Principal", -20.0, 1),
        ("2026-01-20", "Refund", "111", "A", "Promotion", "Principal", 2.0, None),
        ("2026-01-20", "Refund", "111", "A", "ItemFees", "Commission", 3.0, None),
        ("2026-01-20", "Refund", "111", "A", "ItemFees", "RefundCommission", -0.6, None),
        ("2026-01-25", "ServiceFee", None, None, "Cost of Advertising", "TransactionTotalAmount", -12.0, None),
        ("2026-01-28", "other-transaction", None, None, "other-transaction", "Current Reserve Amount", -30.0, None),
        ("2026-02-03", "other-transaction", None, None, "other-transaction", "Storage Fee", -3.0, None),
        ("2026-02-10", "Order", "333", "A", "ItemPrice", "Principal", 20.0, 1),
        ("2026-02-10", "Order", "333", "A", "ItemFees", "Commission", -3.0, None),
        ("2026-02-10", "Order", "333", "A", "ItemFees", "FBAPerUnitFulfillmentFee", -4.0, None),
        ("2026-02-12", "Adjustment", None, "A", "FBA Inventory Reimbursement", "WAREHOUSE_DAMAGE", 8.0, None),
        ("2026-02-15", "other-transaction", None, None, "other-transaction", "Aged inventory surcharge", -5.0, None),
    ]
    st = pd.DataFrame(
        rows,
        columns=[
            "posted_date",
            "transaction_type",
            "order_id",
            "sku",
            "amount_type",
            "amount_description",
            "amount",
            "quantity_purchased",
        ],
    )
    st["posted_date"] = pd.to_datetime(st["posted_date"])
    st["quantity_purchased"] = st["quantity_purchased"].astype("Int64")
    st["settlement_id"] = "1"
    st["currency"] = "USD"
    return st


PRODUCTS = pd.DataFrame({"sku": ["A", "B"], "asin": ["B0A", "B0B"], "unit_cost": [4.0, 10.0], "currency": ["USD"] * 2})
RETURNS = pd.DataFrame(
    {
        "order_id": ["111"],
        "sku": ["A"],
        "quantity": [1],
        "detailed_disposition": ["SELLABLE"],
        "return_date": pd.to_datetime(["2026-01-18"]),
    }
)
AD_SPEND = pd.DataFrame({"month": ["2026-01", "2026-01"], "sku": ["A", "B"], "spend": [9.0, 3.0]})


def _pnl(ledger):
    return ops.build_pnl(
        ledger,
        PRODUCTS,
        usd_rates=parse_rates(""),
        returns=RETURNS,
        ad_spend=AD_SPEND,
        tools_per_month=50.0,
        people_per_month=0.0,
    )


def test_the_reverse_pnl_by_hand():
    pnl = _pnl(ops.classify_transactions(_transactions()))
    t = pnl.totals
    expected = {
        "gmv": 110.0,  # 40 + 50 + 20
        "referral_fees": -14.1,  # -6 - 7.5 + 2.4 (refunded less the admin fee) - 3
        "fba_fees": -18.0,
        "storage_fees": -3.0,
        "aged_inventory_fees": -5.0,
        "advertising": -12.0,
        "refunds": -20.0,
        "promotions": -2.0,  # -4 + 2 refunded with the order
        "other_fees": 8.0,  # the reimbursement
        "cogs": -18.0,  # A: 2 sold - 1 back sellable, + 1 in Feb = 2 x 4; B: 1 x 10
        "tools": -100.0,  # 50 a month, two months
        "people": 0.0,
    }
    assert {k: t[k] for k in expected} == expected
    assert t["net_profit"] == -74.1
    assert round(sum(t[k] for k in ops.STEP_KEYS), 2) == t["net_profit"]  # the steps sum to net profit exactly
    assert pnl.payouts == -30.0 and pnl.taxes == 0.0  # the transfer is a payout, not a cost
    assert t["net_margin"] == pytest.approx(-74.1 / 110)
    assert pnl.restocked_known and pnl.advertising_source == "invoices"


def test_account_charges_are_allocated_by_the_stated_rules():
    p = _pnl(ops.classify_transactions(_transactions())).by_product.set_index("sku")
    # the January invoice in proportion to the ad reports' spend (9 : 3)
    assert (p.loc["A", "advertising"], p.loc["B", "advertising"]) == (-9.0, -3.0)
    # no inventory report: February's storage goes by units sold that month (only A sold)
    assert (p.loc["A", "storage_fees"], p.loc["A", "aged_inventory_fees"], p.loc["B", "storage_fees"]) == (
        -3.0,
        -5.0,
        0.0,
    )
    # tools by the month's GMV: January 40 : 50 of 50.00 in whole cents, February all A
    assert (p.loc["A", "tools"], p.loc["B", "tools"]) == (-72.22, -27.78)
    assert (p.loc["A", "net_profit"], p.loc["B", "net_profit"]) == (-69.82, -4.28)
    for table in (p, _pnl(ops.classify_transactions(_transactions())).by_month):
        assert (table[list(ops.STEP_KEYS)].sum(axis=1).round(2) == table["net_profit"]).all()


def test_settlements_and_transactions_give_the_same_pnl():
    from_tx = _pnl(ops.classify_transactions(_transactions()))
    from_st = _pnl(ops.classify_settlements(_settlements()))
    columns = [*ops.STEP_KEYS, "net_profit", "units_ordered", "units"]
    pd.testing.assert_frame_equal(from_tx.by_product[["sku", *columns]], from_st.by_product[["sku", *columns]])
    pd.testing.assert_frame_equal(from_tx.by_month[["month", *columns]], from_st.by_month[["month", *columns]])
    assert from_st.payouts == -30.0 and from_st.taxes == 0.0


def test_the_ledger_reconciles_with_the_reports_totals():
    tx = _transactions()
    ledger = ops.classify_transactions(tx)
    assert round(ledger["amount"].sum(), 2) == round(tx["total"].sum(), 2)
    by_line = ledger.groupby("line")["amount"].sum()
    assert round(by_line["referral_fees"], 2) == tx["selling_fees"].sum()
    assert round(by_line["refunds"], 2) == tx.loc[tx["type"] == "Refund", "product_sales"].sum()
    units = ledger.groupby("line")["units"].sum()
    assert (units["units_ordered"], units["units_refunded"]) == (4, 1)  # A 2 + B 1 + A 1; one A back


def test_without_returns_every_refunded_unit_counts_as_lost():
    pnl = ops.build_pnl(ops.classify_transactions(_transactions()), PRODUCTS, tools_per_month=0.0)
    assert pnl.totals["cogs"] == -22.0 and not pnl.restocked_known  # A: 3 units x 4 + B: 10


def test_ad_reports_stand_in_when_the_payments_carry_no_advertising():
    tx = _transactions()
    tx = tx[tx["description"] != "Cost of Advertising"]
    pnl = ops.build_pnl(ops.classify_transactions(tx), PRODUCTS, ad_spend=AD_SPEND, tools_per_month=0.0)
    assert pnl.advertising_source == "ad reports" and pnl.totals["advertising"] == -12.0
    none = ops.build_pnl(ops.classify_transactions(tx), PRODUCTS, tools_per_month=0.0)
    assert none.advertising_source == "none" and none.totals["advertising"] == 0.0


def test_unit_costs_in_another_currency_need_rates():
    tx = _transactions().assign(currency="GBP")
    with pytest.raises(ValueError, match="exchange rates"):
        ops.build_pnl(ops.classify_transactions(tx), PRODUCTS, tools_per_month=0.0)
    pnl = ops.build_pnl(
        ops.classify_transactions(tx), PRODUCTS, usd_rates=parse_rates("GBP=1.25"), tools_per_month=100.0
    )
    # 4 USD = 3.20 GBP, 10 USD = 8.00 GBP; tools 100 USD = 80 GBP a month
    assert pnl.totals["cogs"] == -(3 * 3.2 + 8.0) and pnl.totals["tools"] == -160.0 and pnl.currency == "GBP"


def test_allocate_cents_adds_up_exactly():
    rng = np.random.default_rng(3)
    for _ in range(50):
        total = round(float(rng.normal(0, 500)), 2)
        pieces = ops.allocate_cents(total, rng.random(7))
        assert round(pieces.sum(), 2) == total and np.allclose(np.round(pieces * 100), pieces * 100)


def test_settlement_lines():
    cases = {
        ("Order", "ItemPrice", "Principal"): "gmv",
        ("Refund", "ItemPrice", "Shipping"): "refunds",
        ("Order", "ItemPrice", "ShippingTax"): "tax",
        ("Order", "ItemFees", "FBAWeightBasedFee"): "fba_fees",
        ("Order", "ItemFees", "VariableClosingFee"): "referral_fees",
        ("Order", "ItemFees", "ShippingChargeback"): "other_fees",
        ("other-transaction", "other-transaction", "StorageRenewalBilling"): "aged_inventory_fees",
        ("Storage Fee", "other-transaction", "Storage Fee"): "storage_fees",
        ("Transfer", "", ""): "payout",
        ("Order", "ItemWithheldTax", "TCS-IGST"): "tax",
    }
    for (t, a, d), line in cases.items():
        assert ops._settlement_line(t, a, d) == line, (t, a, d)


def test_rank_margin_eaters_by_hand():
    zero = {k: [0.0, 0.0, 0.0] for k in ops.COST_STEPS}
    p = pd.DataFrame({"sku": ["A", "B", "C"], "gmv": [1000.0, 1000.0, 0.0], **zero})
    p["promotions"] = [-300.0, 0.0, 0.0]
    p["cogs"] = [-400.0, -400.0, 0.0]
    p["net_profit"] = p[list(ops.STEP_KEYS)].sum(axis=1)
    r = ops.rank_margin_eaters(p).set_index("sku")
    assert list(r.index) == ["A", "B"]  # C has no GMV
    # A: 30 % of GMV on coupons against 0 % for the rest (B): profit lost = 60 % x 1000 - 300
    assert r.loc["A", ["profit_lost", "margin_eater", "eater_excess"]].tolist() == [
        300.0,
        "coupons and promotions",
        300.0,
    ]
    assert r.loc["B", "profit_lost"] == 0.3 * 1000 - 600.0 and r.loc["B", "margin_eater"] == ""


def test_judge_band():
    assert [ops.judge_band(v, 0.1, 0.2) for v in (0.1, 0.2, 0.095, 0.215, 0.05, 0.3, float("nan"))] == [
        "good",
        "good",
        "watch",
        "watch",
        "bad",
        "bad",
        "info",
    ]


# --------------------------------------------------------------------------- rating and lead, synthetic
def _rating_panel(effect: float, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    months = [p.strftime("%Y-%m") for p in pd.period_range("2025-01", periods=24, freq="M")]
    for k in range(8):
        base = 0.08 + 0.01 * k
        for m, month in enumerate(months):
            rating = 4.5 + rng.choice([-0.1, 0.0, 0.0, 0.0, 0.1])  # wobbles without effect
            drop = k == 0 and m >= 12
            if k == 0:
                rating = 4.1 if drop else 4.6
            sessions = 3000
            cvr = base * (1 + effect if drop else 1.0) * (1.2 if month.endswith("12") else 1.0)
            rows.append(
                {
                    "sku": f"S{k}",
                    "month": month,
                    "sessions": sessions,
                    "units": rng.poisson(sessions * cvr),
                    "rating": rating,
                    "price": 20.0,
                    "spend": 0.0,
                    "organic": True,
                }
            )
    return pd.DataFrame(rows)


def test_rating_effect_recovers_a_planted_drop_and_wobbles_attenuate_it():
    r = ops.estimate_rating_effect(_rating_panel(-0.32))
    est, lower, upper = r.effect_of(0.5)
    assert lower <= -0.32 <= upper and r.moved == 1 and list(r.moves["sku"]) == ["S0"]
    assert -0.45 < est < -0.2
    every = r.table.set_index("products_moved").iloc[-1]
    assert abs(every["effect"]) < abs(r.effect)  # counting the wobbles pulls the estimate toward zero
    assert r.article_inside is (r.lower <= -0.17 <= r.upper)


def test_rating_effect_without_a_real_move_says_why():
    panel = _rating_panel(0.0)
    panel.loc[panel["sku"] == "S0", "rating"] = 4.6
    r = ops.estimate_rating_effect(panel)
    assert math.isnan(r.effect) and "moved by 0.3" in r.reason
    assert math.isnan(ops.estimate_rating_effect(pd.DataFrame()).effect)


def test_lead_needs_daily_traffic():
    assert ops.estimate_lead(None).reason == "no daily sessions"
    short = pd.DataFrame({"date": pd.date_range("2026-01-01", periods=40), "sessions": 100, "units_ordered": 10})
    assert "only 40 days" in ops.estimate_lead(short).reason


def test_lead_finds_a_planted_lag_and_not_the_reverse():
    rng = np.random.default_rng(7)
    n, lag = 365, 10
    index = np.exp(np.cumsum(rng.normal(0, 0.06, n + lag)))
    daily = pd.DataFrame(
        {
            "date": pd.date_range("2025-11-01", periods=n),
            "sessions": rng.poisson(400 * index[lag:]),
            "units_ordered": rng.poisson(40 * index[:n]),
        }
    )
    lead = ops.estimate_lead(daily)
    assert lead.lower <= lag <= lead.upper and abs(lead.lag - lag) <= 2
    assert lead.granger_p < 0.01 and lead.found and len(lead.cross_correlation) == 29


# --------------------------------------------------------------------------- the sample seller
@pytest.fixture(scope="module")
def sample():
    catalog = open_folder(paths.SAMPLE_DIR)
    out = {}
    for market in ("US", "UK"):
        inputs = catalog.load_inputs(
            required=list(ops.REQUIRED), optional=list(ops.OPTIONAL), marketplace=market, start=START, end=END
        )
        result = ops.analyse_ops_sales(
            inputs.frames,
            marketplace=market,
            start=START,
            end=END,
            tools_per_month=0.0,
            missing=inputs.missing,
            labels=inputs.labels,
        )
        out[market] = (inputs, result)
    return out


def test_the_sample_pnl_agrees_with_the_simulation(sample, truth):
    names = {"gmv": "product_sales", "aged_inventory_fees": "aged_inventory_surcharges"}
    steps = [k for k in ops.VARIABLE_STEPS if k != "other_fees"]
    months = {r["month"] for r in truth["pnl"]["by_month"]}
    for market in ("US", "UK"):
        mine = sample[market][1].pnl.by_month.set_index("month")
        expected = pd.DataFrame([r for r in truth["pnl"]["by_month"] if r["marketplace"] == market]).set_index("month")
        period = [m for m in mine.index if m in months]
        assert len(period) == 12
        for step in steps:
            np.testing.assert_allclose(
                mine.loc[period, step],
                expected.loc[period, names.get(step, step)],
                atol=0.011,
                err_msg=f"{market} {step}",
            )
        np.testing.assert_allclose(mine.loc[period, "net_profit"], expected.loc[period, "net_profit"], atol=0.011)
        twelve = truth["pnl"]["last_12_months"][market]
        assert sample[market][1].pnl.totals["net_margin_before_fixed"] == pytest.approx(twelve["net_margin"], abs=5e-4)
    assert sample["US"][1].pnl.totals["net_margin_before_fixed"] == pytest.approx(0.078, abs=0.002)
    assert sample["UK"][1].pnl.totals["net_margin_before_fixed"] == pytest.approx(0.112, abs=0.002)


def test_sample_fees_and_refunds_equal_the_transaction_totals(sample):
    inputs, result = sample["US"]
    tx = inputs.frames["payments_transactions"]
    t = result.pnl.totals
    assert round(t["referral_fees"], 2) == round(tx["selling_fees"].sum(), 2)
    assert round(t["fba_fees"], 2) == round(tx["fba_fees"].sum(), 2)
    assert round(t["refunds"], 2) == round(tx.loc[tx["type"] == "Refund", "product_sales"].sum(), 2)
    assert round(t["promotions"], 2) == round(tx["promotional_rebates"].sum(), 2)
    assert result.pnl.payouts == round(tx.loc[tx["type"] == "Transfer", "total"].sum(), 2)
    steps = sum(t[k] for k in ops.VARIABLE_STEPS if k != "cogs")
    assert round(steps + result.pnl.payouts + result.pnl.taxes, 2) == round(tx["total"].sum(), 2)
    p = result.pnl.by_product
    assert round(p["net_profit"].sum(), 2) == round(t["net_profit"], 2)  # products add up to the account


def test_the_planted_best_seller_without_profit_ranks_first(sample, truth):
    planted = truth["planted"]["operations"]["high_sales_no_profit"]
    result = sample[planted["marketplace"]][1]
    top = result.tables["high_sales_no_profit"].iloc[0]
    assert top["sku"] == planted["sku"] and top["sales_rank"] == planted["revenue_rank"]
    assert top["eater_step"] in {"promotions", "refunds", "referral_fees", "fba_fees"}
    mine = result.pnl.by_product.set_index("sku").loc[planted["sku"]]
    for step in ("gmv", "refunds", "promotions", "referral_fees", "fba_fees", "cogs"):
        key = {"gmv": "product_sales"}.get(step, step)
        assert mine[step] == pytest.approx(planted["components"][key], abs=0.01)
    assert mine["net_profit"] < 0 and planted["sku"] in result.finding("high_sales")


def test_the_planted_rating_drop_lies_inside_the_interval(sample, truth):
    planted = truth["planted"]["operations"]["rating_drop"]
    rating = sample[planted["marketplace"]][1].rating
    drop = planted["rating_before"] - planted["rating_after"]  # half a star, not 0.1
    _, lower, upper = rating.effect_of(drop)
    assert lower <= planted["relative_conversion_change"] <= upper
    assert planted["sku"] in set(rating.moves["sku"])
    per_tenth = (1 + planted["relative_conversion_change"]) ** (0.1 / drop) - 1
    assert rating.lower <= per_tenth <= rating.upper


def test_the_planted_lead_of_traffic_is_found_within_a_week(sample, truth):
    planted = truth["planted"]["operations"]["operations_lead_sales"]
    lead = sample["US"][1].lead
    assert lead.series == "organic" and abs(lead.lag - planted["lag_days"]) <= 7
    assert lead.lower <= lead.lag <= lead.upper


def test_findings_and_kpis_speak_for_management(sample):
    for _, result in sample.values():
        keys = {k.key for k in result.kpis()}
        assert {"net_margin", "margin_eater", "products_losing_money"} <= keys
        assert len(result.scorecard_kpis()) == len(ops.SCORECARD)
        text = " ".join(result.findings())
        assert "$" not in text and result.currency in text  # Markdown would read $...$ as a formula
        assert set(result.tables["scorecard"]["status"]) <= {"good", "watch", "bad", "info"}
        assert result.tables["scorecard"]["sku"].iloc[0] == "account"
    uk = sample["UK"][1]
    assert "cannot be estimated" in uk.finding("rating")  # no UK rating moved


# --------------------------------------------------------------------------- edge cases
def _run(frames, **kw):
    return ops.analyse_ops_sales(frames, marketplace="US", start=START, end=END, **kw)


def test_a_marketplace_without_ads(sample):
    frames = {k: v for k, v in sample["US"][0].frames.items() if not k.startswith("sp_")}
    tx = frames["payments_transactions"]
    frames["payments_transactions"] = tx[tx["description"] != "Cost of Advertising"]
    result = _run(frames, missing=["sp_advertised_product"])
    assert result.pnl.advertising_source == "none" and result.pnl.totals["advertising"] == 0.0
    assert math.isnan(result.account["acos"]) and "acos" not in {k.key for k in result.kpis()}
    assert result.lead.series == "all" and any("SP advertised" in n or "sp_advertised" in n for n in result.notes)


def test_a_product_without_sales(sample):
    frames = dict(sample["US"][0].frames)
    new = pd.DataFrame(
        {
            "sku": ["BN-NEW-01"],
            "asin": ["B0NEWNEWNE"],
            "title": ["New"],
            "unit_cost": [3.0],
            "currency": ["USD"],
            "lead_time_days": [30.0],
        }
    )
    frames["product_master"] = pd.concat([frames["product_master"], new], ignore_index=True)
    result = _run(frames)
    row = result.pnl.by_product.set_index("sku").loc["BN-NEW-01"]
    assert row["gmv"] == 0 and row["cogs"] == 0 and math.isnan(row["net_margin"])
    assert "BN-NEW-01" not in set(result.tables["high_sales_no_profit"]["sku"])


def test_a_month_without_transactions(sample):
    frames = dict(sample["US"][0].frames)
    tx = frames["payments_transactions"]
    frames["payments_transactions"] = tx[tx["date"].dt.strftime("%Y-%m") != "2026-03"]
    result = _run(frames, tools_per_month=300.0)
    march = result.pnl.by_month.set_index("month").loc["2026-03"]
    assert march["gmv"] == 0 and march["tools"] == -300.0 and math.isnan(march["net_margin"])
    assert len(result.pnl.by_month) == 12
    assert round(result.pnl.by_product["net_profit"].sum(), 2) == round(result.pnl.totals["net_profit"], 2)
