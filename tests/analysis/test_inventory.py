"""Inventory turnover (analysis/inventory.py): formulas by hand, planted effects of the sample recovered."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from sellerops import paths
from sellerops.analysis import inventory as inv
from sellerops.core.money import parse_rates
from sellerops.readers import open_folder

END = pd.Timestamp("2026-10-31")
START = pd.Timestamp("2025-11-01")


# --------------------------------------------------------------------------- formulas by hand
def test_safety_stock_and_reorder_point_by_hand():
    z = inv.service_z(0.95)
    assert z == pytest.approx(sps.norm.ppf(0.95))
    # lead 45 + review 7 days, demand 2 a day with sd 1.5, lead-time sd 7 days
    ss = inv.safety_stock(z, daily_sd=1.5, lead_days=52, daily_mean=2.0, lead_sd=7.0)
    assert ss == pytest.approx(1.6448536 * math.sqrt(52 * 1.5**2 + 2.0**2 * 7.0**2))
    assert inv.reorder_point(104.0, ss) == pytest.approx(104.0 + ss)
    # no variability, no safety stock
    assert inv.safety_stock(z, daily_sd=0.0, lead_days=52, daily_mean=2.0, lead_sd=0.0) == 0.0
    with pytest.raises(ValueError, match="fraction"):
        inv.service_z(95)


def test_quantities_round_up_to_whole_case_packs():
    assert inv.round_up_to_case([0, -3, 1, 24, 25, 48.0000001], 24).tolist() == [0, 0, 24, 24, 48, 48]
    assert inv.round_up_to_case(7, np.nan) == 7  # no case pack: single units


def test_tsb_forecast_by_hand():
    y = np.array([0, 3, 0, 0, 1.0])
    z, p = 2.0, 0.4  # mean demand size, share of periods with demand
    for v in y:
        if v > 0:
            z += 0.1 * (v - z)
        p += 0.1 * ((v > 0) - p)
    assert inv.tsb_forecast(y) == pytest.approx(p * z)
    # a long run without a sale lowers the forecast (Croston would keep it)
    assert inv.tsb_forecast(np.r_[y, np.zeros(30)]) < 0.1 * inv.tsb_forecast(y)


def test_weekly_blocks_end_on_the_last_day():
    days = pd.date_range("2026-01-01", "2026-01-20")
    d = pd.DataFrame({"A": np.arange(len(days), dtype=float)}, index=days)
    w = inv.weekly(d, "2026-01-20")
    assert w.index.strftime("%m-%d").tolist() == ["01-13", "01-20"]  # the 6 first days make no whole week
    assert w["A"].tolist() == [sum(range(6, 13)), sum(range(13, 20))]


def test_fee_table_is_amazons_and_overridable():
    us = inv.resolve_fee_table("us")
    assert (us.storage_off_peak, us.storage_peak, us.currency) == (0.78, 2.40, "USD")
    assert us.ais_rates == (0.50, 1.00, 1.50, 3.80, 4.00, 4.20, 6.90) and us.verified
    assert us.storage_rate(10) == 2.40 and us.storage_rate(9) == 0.78
    assert us.ais_per_unit(6, 0.01) == 0.15 and us.ais_per_unit(5, 0.01) == pytest.approx(0.042)  # minimum at 365+
    t = inv.resolve_fee_table("US", storage_off_peak=0.9, ais_rates="271-300: 4.1, 365+=7")
    assert (t.storage_off_peak, t.storage_peak, t.ais_rates[3], t.ais_rates[6]) == (0.9, 2.40, 4.1, 7.0)
    assert "overridden" in t.source
    assert not inv.resolve_fee_table("UK").verified
    with pytest.raises(ValueError, match="no fee table"):
        inv.resolve_fee_table("JP")
    with pytest.raises(ValueError, match="BAND=rate"):
        inv.resolve_fee_table("US", ais_rates="400+=1")


def test_rule_status_by_hand():
    out = inv.rule_status(np.array([44.0, 50.0, 60.0, 200.0, np.nan, np.inf]), np.full(6, 45.0), soon_days=14,
                          overstock_days=180)  # fmt: skip
    assert out.tolist() == ["order now", "reorder soon", "in stock", "overstock", "no demand", "overstock"]


# --------------------------------------------------------------------------- ages and fees by hand
def _planning_new(**ages):
    row = {
        "snapshot_date": pd.Timestamp("2026-09-30"),
        "sku": "A",
        "available": 0,
        "inv_age_0_to_30_days": 0,
        "inv_age_31_to_60_days": 0,
        "inv_age_61_to_90_days": 0,
        "inv_age_91_to_180_days": 0,
        "inv_age_181_to_330_days": 0,
        "inv_age_331_to_365_days": 0,
        "inv_age_365_plus_days": 0,
    }
    row.update(ages)
    return pd.DataFrame([row])


def test_surcharge_bands_from_the_quantity_columns_are_exact():
    p = _planning_new(inv_age_181_to_330_days=10, inv_age_365_plus_days=2)
    p["quantity_to_be_charged_ais_211_240_days"] = 4
    p["quantity_to_be_charged_ais_301_330_days"] = 6
    p["quantity_to_be_charged_ais_365_plus_days"] = 2
    for band in ("181_210", "241_270", "271_300", "331_365"):
        p[f"quantity_to_be_charged_ais_{band}_days"] = 0
    c = inv.age_cohorts(p).iloc[0]
    assert c["exact"] and (c["211-240"], c["301-330"], c["365+"], c["181-210"]) == (4, 6, 2, 0)
    fees = inv.resolve_fee_table("US")
    ais = inv.surcharge_of(inv.age_cohorts(p), pd.Series({"A": 0.5}), fees)
    assert ais[0] == pytest.approx(4 * 0.5 * 1.00 + 6 * 0.5 * 4.00 + 2 * 0.5 * 6.90)


def test_wide_buckets_are_split_by_days_and_marked_approximate():
    old = pd.DataFrame(
        [{"snapshot_date": pd.Timestamp("2025-06-30"), "sku": "A", "available": 0, "inv_age_0_to_90_days": 9,
          "inv_age_91_to_180_days": 0, "inv_age_181_to_270_days": 30, "inv_age_271_to_365_days": 95,
          "inv_age_365_plus_days": 1}]
    )  # fmt: skip
    c = inv.age_cohorts(old).iloc[0]
    assert not c["exact"]
    assert (c["181-210"], c["241-270"], c["271-300"], c["331-365"], c["365+"]) == pytest.approx((10, 10, 30, 35, 1))
    assert c[list(inv.COHORTS[:3])].sum() == pytest.approx(9)


def test_fifo_fees_and_projection_by_hand():
    fees = inv.resolve_fee_table("US")
    c = np.zeros(len(inv.COHORTS))
    c[inv.COHORTS.index("151-180")] = 3.0  # three units 151-180 days old
    c[0] = 5.0  # five new ones
    # one unit sells a month, oldest first: month 1 the surcharge is 0 (none is 181 yet), then the two left age in
    total, reach = inv.fifo_fees(c, np.ones(3), 1.0, fees, "2026-01-31", 3)
    storage = ((8 + 7) / 2 + (7 + 6) / 2 + (6 + 5) / 2) * 0.78  # February, March, April
    ais = 0.0 + 2 * 0.50 + 1 * 1.00  # 2 units in 181-210 in March, 1 unit in 211-240 in April
    assert total == pytest.approx(storage + ais)
    assert reach == 2.0
    assert inv.without_oldest(c, 4).tolist()[0] == 4.0 and inv.without_oldest(c, 4).sum() == 4.0


def test_charged_fees_are_told_apart_by_their_description():
    tx = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-02-15", "2026-02-15", "2025-02-15", "2026-02-16"]),
            "type": ["FBA Inventory Fee"] * 3 + ["Service Fee"],
            "description": ["FBA storage fee", "Aged inventory surcharge", "FBA Long-Term Storage Fee",
                            "Cost of Advertising"],
            "total": [-10.0, -4.5, -3.0, -50.0],
            "currency": ["USD"] * 4,
        }
    )  # fmt: skip
    out = inv.charged_fees(tx)
    assert out[["fee", "amount"]].values.tolist() == [["surcharge", 3.0], ["storage", 10.0], ["surcharge", 4.5]]


# --------------------------------------------------------------------------- stock-outs and season
def _days(n=400, start="2025-01-01"):
    return pd.date_range(start, periods=n, freq="D")


def test_a_snapshot_without_stock_marks_the_zero_run_around_it():
    days = _days()
    rng = np.random.default_rng(3)
    u = rng.poisson(3.0, len(days)).astype(float)
    u[100:120] = 0.0
    units = pd.DataFrame({"A": u}, index=days)
    snaps = pd.DataFrame({"sku": ["A", "A"], "snapshot_date": [days[90], days[110]], "available": [40, 0]})
    so = inv.detect_stockouts(units, snaps)
    out = so.out["A"].to_numpy()
    assert out[100:120].all() and out.sum() == 20
    period = so.periods.iloc[0]
    assert (period["start"], period["end"], period["days"]) == (days[100], days[119], 20)
    # the days are filled with the demand expected for them, about 3 a day
    assert so.demand["A"].iloc[100:120].sum() == pytest.approx(60, rel=0.25)


def test_a_long_unexplained_gap_is_a_stock_out_a_slow_mover_never_is():
    days = _days()
    rng = np.random.default_rng(4)
    fast = rng.poisson(3.0, len(days)).astype(float)
    fast[200:225] = 0.0
    slow = np.zeros(len(days))
    slow[[10, 150, 380]] = 1.0  # three sales in 400 days, in stock all along (no snapshot says otherwise)
    units = pd.DataFrame({"fast": fast, "slow": slow}, index=days)
    so = inv.detect_stockouts(units)
    assert so.out["fast"].iloc[200:225].all() and so.out["fast"].sum() == 25
    assert not so.out["slow"].any()
    # with stock at a snapshot before the gap and no sale since, the gap is in stock whatever its length
    snaps = pd.DataFrame({"sku": ["fast"], "snapshot_date": [days[199]], "available": [5]})
    assert not inv.detect_stockouts(units, snaps).out["fast"].any()


def test_season_recovered_from_pooled_demand_and_flat_on_a_short_history():
    days = pd.date_range("2024-11-01", "2026-10-31")
    truth = {m: (1.8 if m in (11, 12) else 1.0) for m in range(1, 13)}
    rng = np.random.default_rng(5)
    lam = np.array([truth[d.month] for d in days]) * 6.0
    units = pd.DataFrame({"A": rng.poisson(lam), "B": rng.poisson(lam / 2)}, index=days).astype(float)
    season = inv.estimate_season(units)
    assert season.supported and season.p_value < 0.001
    assert season.index[12] / season.index[6] == pytest.approx(1.8, rel=0.1)
    assert season.index.mean() == pytest.approx(1.0)
    short = inv.estimate_season(units.iloc[:300])
    assert not short.supported and (short.index == 1.0).all()


# --------------------------------------------------------------------------- the whole analysis on crafted frames
def _crafted():
    """Four SKUs: S steady seller, N no sale (stock), O one sale, Z no sale and no stock."""
    days = pd.date_range("2024-11-01", END)
    rng = np.random.default_rng(7)
    rows = []
    for d, q in zip(days, rng.poisson(2.0, len(days))):
        rows += [{"sku": "S", "purchase_date": d + pd.Timedelta(hours=10), "quantity": 1}] * int(q)
    rows.append({"sku": "O", "purchase_date": pd.Timestamp("2026-03-03 10:00"), "quantity": 1})
    orders = pd.DataFrame(rows).assign(order_status="Shipped", amazon_order_id=lambda f: [f"o{i}" for i in f.index])
    month_ends = pd.date_range("2024-11-30", END, freq="ME")
    snaps = []
    for m in month_ends:
        for sku, available in (("S", 120), ("N", 10), ("O", 5), ("Z", 0)):
            snaps.append({"snapshot_date": m, "sku": sku, "asin": "B0" + sku, "available": available,
                          "inbound_quantity": 0, "reserved_quantity": 0, "inv_age_0_to_30_days": available,
                          "inv_age_31_to_60_days": 0, "inv_age_61_to_90_days": 0, "inv_age_91_to_180_days": 0,
                          "inv_age_181_to_330_days": 0, "inv_age_331_to_365_days": 0, "inv_age_365_plus_days": 0,
                          "item_volume": 0.5, "your_price": 20.0, "currency": "USD"})  # fmt: skip
    products = pd.DataFrame(
        {"sku": ["S", "N", "O", "Z"], "asin": ["B0S", "B0N", "B0O", "B0Z"], "unit_cost": [10.0, 5.0, 5.0, 5.0],
         "currency": "USD", "lead_time_days": [30.0] * 4, "lead_time_sd_days": [5.0] * 4, "case_pack": [10] * 4,
         "category": ["K", "K", "B", "B"]}
    )  # fmt: skip
    return {"product_master": products, "fba_inventory_planning": pd.DataFrame(snaps), "all_orders": orders}


@pytest.fixture(scope="module")
def crafted():
    return inv.assess_inventory(_crafted(), marketplace="US", start=START, end=END)


def test_turnover_cover_and_sell_through_by_hand(crafted):
    frames = _crafted()
    o = frames["all_orders"]
    sold = o[(o["sku"] == "S") & (o["purchase_date"] >= START)]["quantity"].sum()
    t = crafted.tables["turnover"].set_index("sku")
    # 120 units at cost 10 at every snapshot: turnover = sold * 10 / 1,200 * 365 / 365
    assert t.loc["S", "turnover"] == pytest.approx(sold * 10 / 1200)
    assert t.loc["S", "cogs"] == sold * 10 and t.loc["S", "average_inventory_value"] == 1200
    assert math.isnan(t.loc["Z", "turnover"]) and t.loc["N", "turnover"] == 0
    c = crafted.tables["cover"].set_index("sku")
    day = o["purchase_date"].dt.normalize()
    t30 = o[(o["sku"] == "S") & (day > END - pd.Timedelta(days=30))]["quantity"].sum()  # the 30 days to the end
    t90 = o[(o["sku"] == "S") & (day > END - pd.Timedelta(days=90))]["quantity"].sum()
    assert c.loc["S", "days_of_supply_t30"] == pytest.approx(120 / (t30 / 30))
    assert c.loc["S", "weeks_of_cover_t90"] == pytest.approx(120 / (t90 / 90) / 7)
    assert c.loc["S", "sell_through_90d"] == pytest.approx(t90 / 120)
    assert math.isnan(c.loc["N", "days_of_supply_t30"])  # nothing sells: no finite days


def test_edge_skus_do_not_crash_and_get_a_sensible_status(crafted):
    r = crafted.tables["reorder"].set_index("sku")
    assert r.loc["N", "status"] == "overstock"  # stock and never a sale
    assert r.loc["O", "status"] == "overstock"  # one sale in two years, five units
    assert r.loc["Z", "status"] == "no demand"  # neither sales nor stock
    assert r.loc["S", "status"] in ("in stock", "reorder soon", "order now")
    f = crafted.tables["forecast"].set_index("sku")
    assert f.loc["N", "method"] == "no demand" and f.loc["N", "next_13_weeks"] == 0
    assert f.loc["O", "method"] == "intermittent (TSB)" and f.loc["O", "next_13_weeks"] < 0.5
    assert f.loc["S", "method"].startswith("exponential smoothing")
    lower, upper = f.loc["S", "next_13_weeks_lower"], f.loc["S", "next_13_weeks_upper"]
    assert lower < f.loc["S", "next_13_weeks"] < upper
    assert crafted.tables["stockouts"].empty  # S never out of stock, O and N hold stock at every snapshot
    assert crafted.findings() and len(crafted.kpis()) == 5


def test_the_reorder_point_is_the_protection_demand_plus_safety_stock(crafted):
    r = crafted.tables["reorder"].set_index("sku")
    f = crafted.tables["forecast"].set_index("sku")
    row = r.loc["S"]
    z = inv.service_z(0.95)
    season = np.ones(1)  # crafted demand has no season: the index is flat or near it
    expected_ss = z * math.sqrt(37 * (f.loc["S", "daily_sd"] * season[0]) ** 2 + row["forecast_daily"] ** 2 * 5.0**2)
    assert row["safety_stock"] == pytest.approx(expected_ss, rel=0.15)
    assert row["reorder_point"] == pytest.approx(row["forecast_daily"] * 37 + row["safety_stock"], rel=0.02)
    if row["status"] == "order now":
        assert row["order_quantity"] % 10 == 0


def test_without_orders_the_business_report_gives_the_demand():
    frames = _crafted()
    orders = frames.pop("all_orders")
    by_month = orders.assign(start_date=orders["purchase_date"].dt.to_period("M").dt.start_time)
    units = by_month.groupby(["sku", "start_date"])["quantity"].sum().reset_index()
    frames["business_report_child_item"] = units.assign(
        end_date=units["start_date"] + pd.offsets.MonthEnd(0), units_ordered=units["quantity"], child_asin="B0S"
    )
    r = inv.assess_inventory(frames, marketplace="US", start=START, end=END)
    assert r.facts["demand_source"] == "business_report_child_item" and "Business Report" in r.finding("source")
    t = r.tables["turnover"].set_index("sku")
    assert t.loc["S", "units_sold"] == pytest.approx(orders[(orders["sku"] == "S") & (orders["purchase_date"] >= START)]
                                                     ["quantity"].sum())  # fmt: skip


def test_unit_costs_in_another_currency_are_converted():
    frames = _crafted()
    frames["fba_inventory_planning"]["currency"] = "GBP"
    with pytest.raises(ValueError, match="fx_rates"):
        inv.assess_inventory(frames, marketplace="UK", start=START, end=END)
    r = inv.assess_inventory(frames, marketplace="UK", start=START, end=END, usd_rates=parse_rates("GBP=1.25"))
    assert r.currency == "GBP" and r.tables["turnover"].set_index("sku").loc["S", "average_inventory_value"] == 960


# --------------------------------------------------------------------------- the sample seller's planted effects
def _sample(market):
    catalog = open_folder(paths.SAMPLE_DIR)
    inputs = catalog.load_inputs(
        required=["fba_inventory_planning|fba_manage_inventory", "all_orders|business_report_child_item",
                  "product_master"],
        optional=["fba_manage_inventory", "payments_transactions"],
        marketplace=market, start=inv.history_start(START, END, 24), end=END,
    )  # fmt: skip
    return inputs.frames, inv.assess_inventory(
        inputs.frames, marketplace=market, start=START, end=END, usd_rates=parse_rates("GBP=1.25")
    )


@pytest.fixture(scope="module")
def us():
    return _sample("US")


@pytest.fixture(scope="module")
def uk():
    return _sample("UK")


def test_the_over_stocked_slow_mover_is_overstock_and_cleared(us, uk, truth):
    for (_, result), planted in zip((us, uk), truth["planted"]["inventory"]["slow_mover"]):
        sku = planted["sku"]
        reorder = result.tables["reorder"].set_index("sku")
        assert reorder.loc[sku, "status"] == "overstock", planted["marketplace"]
        ages = result.tables["ages"].set_index("sku")
        assert ages.loc[sku, "units_365_plus"] == planted["aged_units_365_plus"]
        clear = result.tables["clearance"].set_index("sku")
        assert clear.loc[sku, "units_to_clear"] == pytest.approx(planted["on_hand"], abs=1)
        assert clear.loc[sku, "best_option"] != "keep"


def test_the_sku_that_runs_out_inside_its_lead_time_is_order_now(us, truth):
    planted = truth["planted"]["inventory"]["stockout_within_lead_time"]
    _, result = us
    row = result.tables["reorder"].set_index("sku").loc[planted["sku"]]
    assert row["status"] == "order now" and row["rule_status"] == "order now"
    assert row["available"] == planted["on_hand"] and row["inbound"] == planted["inbound"]
    assert row["lead_time_days"] == planted["lead_time_days"]
    assert row["order_quantity"] > 0 and row["order_quantity"] % row["case_pack"] == 0
    assert result.facts["order_now"] >= 1


def test_stock_out_correction_moves_demand_toward_the_planted_truth(us, truth):
    planted = truth["planted"]["inventory"]["stockouts"]
    frames, result = us
    sku = planted["planted_sku"]
    so = result.tables["stockouts"]
    found = so[so["sku"] == sku]
    planted_days = set()
    for p in planted["periods"]:
        planted_days |= set(pd.date_range(p["start"], p["end"]))
    found_days = set()
    for p in found.itertuples():
        found_days |= set(pd.date_range(p.start, p.end))
    assert len(planted_days & found_days) >= 0.9 * len(planted_days)
    assert len(found_days - planted_days) <= 0.1 * len(planted_days)
    # over the history: units sold + the planted lost demand is the true demand
    d = result.tables["demand"].set_index("sku").loc[sku]
    true_demand = d["units_sold"] + sum(p["expected_demand_lost_units"] for p in planted["periods"])
    corrected = d["units_sold"] + d["units_lost"]
    assert abs(corrected - true_demand) < abs(d["units_sold"] - true_demand)
    assert corrected == pytest.approx(true_demand, rel=0.05)
    assert d["daily_demand"] > d["daily_sold"]


def test_projected_surcharges_match_what_the_transactions_charged(us, uk):
    for frames, result in (us, uk):
        tx = frames["payments_transactions"]
        rows = tx[
            (tx["type"] == "FBA Inventory Fee") & tx["description"].str.contains("surcharge|Long-Term", case=False)
        ]
        rows = rows[(rows["date"] >= START) & (rows["date"] <= END)]
        charged = -rows["total"].sum()
        check = result.tables["fee_check"]
        assert check["surcharge_charged"].sum() == pytest.approx(charged)
        assert check["surcharge_projected"].sum() == pytest.approx(charged, rel=0.05)
        for p, c in zip(check["surcharge_projected"], check["surcharge_charged"]):
            assert p == pytest.approx(c, rel=0.05, abs=1.0)
        storage = check.dropna(subset=["storage_projected"])
        assert storage["storage_projected"].sum() == pytest.approx(storage["storage_charged"].sum(), rel=0.05)


def test_the_forecast_beats_seasonal_naive_on_the_seasonal_skus(us, uk, truth):
    assert truth["planted"]["inventory"]["q4_season"]["peak_month"] == 12
    for _, result in (us, uk):
        season = result.tables["season"].set_index("month")["index"]
        assert result.facts["season_supported"] and season.idxmax() in (11, 12)
        bt = result.tables["backtest"]
        smooth = bt[bt["method"] == "smooth"]
        assert len(smooth) >= 3
        assert smooth["mase_model"].mean() < smooth["mase_seasonal_naive"].mean()
        assert smooth["beats_seasonal_naive"].mean() >= 0.8
        groups = result.tables["backtest_groups"].set_index("group")
        assert (groups["mase_model"] < groups["mase_seasonal_naive"]).all()


def test_the_headline_and_findings_on_the_sample(us):
    _, result = us
    kpis = {k.key: k for k in result.kpis()}
    assert kpis["skus_order_now"].value == 1 and kpis["skus_order_now"].status == "watch"
    assert kpis["inventory_turnover"].benchmark == 6.0
    assert kpis["surcharge_exposure"].value > 0 and kpis["surcharge_exposure"].unit == "money:USD"
    assert "BN-KIT-04" in result.finding("reorder") and "BN-BAT-03" in result.finding("clearance")
    assert set(result.facts["chart_skus"]) <= set(result.tables["reorder"]["sku"])
    actions = result.tables["reorder_actions"]
    assert "BN-KIT-04" in set(actions["sku"]) and actions["order_date"].str.match(r"\d{4}-\d\d-\d\d").all()
