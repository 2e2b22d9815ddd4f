"""Ad efficiency (analysis/ads.py): formulas by hand, restated days, fits, bids, bulk IDs, and the sample's planted truth."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from sellerops import paths
from sellerops.analysis import ads
from sellerops.core.money import parse_rates
from sellerops.readers import open_folder, read_report
from sellerops.show import actions
from sellerops.show.charts import ads as show_ads

DAY = pd.Timedelta(days=1)


# --------------------------------------------------------------------------- ratios and periods
def test_ratios_by_hand_and_nan_where_undefined():
    rows = pd.DataFrame(
        {
            "impressions": pd.array([2000, 0, 500], dtype="Int64"),
            "clicks": pd.array([40, 0, 5], dtype="Int64"),
            "spend": [30.0, 0.0, 4.0],
            "sales": [120.0, 0.0, 0.0],
            "orders": pd.array([4, 0, pd.NA], dtype="Int64"),
        }
    )
    out = ads.compute_ratios(rows)
    assert out.loc[0].tolist() == pytest.approx([0.25, 4.0, 0.75, 0.02, 0.1])
    assert out.loc[1].isna().all()  # nothing shown, clicked, spent or sold: every ratio undefined
    assert np.isnan(out.loc[2, "acos"]) and out.loc[2, "roas"] == 0.0  # spend without sales: ACoS undefined, ROAS 0
    assert np.isnan(out.loc[2, "cvr"])  # orders missing: undefined, not 0


@pytest.mark.parametrize("name", ["sp_search_term_US_2022__Mannyvv.xlsx", "sp_search_term_IN_2020__umairnsr87.xlsx"])
def test_ratios_equal_amazons_columns_on_real_search_term_exports(real_exports, name):
    f, _ = read_report(real_exports / name)
    r = ads.compute_ratios(f)
    sold = f["sales"] > 0
    np.testing.assert_allclose(r["ctr"], f["ctr"], atol=5e-5)
    np.testing.assert_allclose(r["cpc"], f["cpc"], atol=0.006)
    np.testing.assert_allclose(r["acos"][sold], f["acos"][sold], atol=5e-5)
    np.testing.assert_allclose(r["roas"][sold], f["roas"][sold], atol=0.006)
    np.testing.assert_allclose(r["cvr"], f["cvr"], atol=5e-5)
    assert r.loc[~sold, "acos"].isna().all() and f.loc[~sold, "acos"].isna().all()


def test_ratios_equal_amazons_columns_on_the_real_campaign_csv(real_exports):
    f, _ = read_report(real_exports / "sp_campaign_US_2019__xvr.csv")
    r = ads.compute_ratios(f)
    sold = f["sales"] > 0
    np.testing.assert_allclose(r["ctr"], f["ctr"], atol=1e-4)
    np.testing.assert_allclose(r["cpc"].dropna(), f["cpc"][f["clicks"] > 0], atol=1e-6)
    np.testing.assert_allclose(r["acos"][sold], f["acos"][sold], atol=1e-4)
    assert r.loc[~sold, "acos"].isna().all()  # Amazon prints 0.00% there; undefined is the right answer


def test_previous_period_has_the_same_length_and_ends_the_day_before():
    first, last = ads.previous_period("2026-03-01", "2026-03-31")
    assert (first, last) == (pd.Timestamp("2026-01-29"), pd.Timestamp("2026-02-28"))
    assert (last - first).days + 1 == 31


# --------------------------------------------------------------------------- restated days
def _download(first, last, factors=None, seed=1):
    """Campaign-day rows of one download; ``factors`` thins the sales of its last days (age 0 first)."""
    rng = np.random.default_rng(seed)
    days = pd.date_range(first, last, freq="D")
    rows = [
        {
            "date": d,
            "campaign": c,
            "clicks": 20,
            "impressions": 1000,
            "spend": 10.0,
            "orders": 2,
            "sales": float(rng.integers(40, 80)),
            "source_file": f"download {first}_{last}",
        }
        for d in days
        for c in ("A", "B", "C")
    ]
    f = pd.DataFrame(rows)
    for age, share in enumerate(factors or []):
        f.loc[f["date"] == pd.Timestamp(last) - age * DAY, "sales"] *= share
    return f


def test_restatement_measured_from_two_downloads_at_different_ages_corrects_the_last_days():
    later = _download("2026-01-01", "2026-01-31")
    earlier = _download("2026-01-01", "2026-01-20", factors=[0.9, 0.7, 0.5])  # same draws, the last 3 days thinned
    r = ads.estimate_restatement([earlier, later], restated_days=3, start="2026-01-01", end="2026-01-31")
    assert r.method == "corrected"
    assert r.completeness["age"].tolist() == [0, 1, 2]
    assert r.completeness["estimate"].tolist() == pytest.approx([0.9, 0.7, 0.5])
    assert [f"{d:%m-%d}" for d in r.days] == ["01-29", "01-30", "01-31"]
    marked = ads.mark_restated(ads.campaign_days(later), r)
    last = marked[marked["date"] == pd.Timestamp("2026-01-31")]
    assert last["sales"].sum() == pytest.approx(last["sales_reported"].sum() / 0.9)  # age 0: 90 % reported
    two_days = marked[marked["date"] == pd.Timestamp("2026-01-29")]
    assert two_days["sales"].sum() == pytest.approx(two_days["sales_reported"].sum() / 0.5)
    assert marked["included"].all()


def test_overlaps_that_end_on_the_same_day_say_nothing_and_the_last_days_are_left_out():
    one = _download("2026-01-01", "2026-01-31")
    again = _download("2026-01-25", "2026-01-31")
    r = ads.estimate_restatement([one, again], restated_days=3, start="2026-01-01", end="2026-01-31")
    assert r.method == "excluded" and "same day" in r.reason and len(r.overlapping_files) == 2
    marked = ads.mark_restated(ads.campaign_days(one), r)
    assert not marked.loc[marked["date"] >= pd.Timestamp("2026-01-29"), "included"].any()
    assert marked.loc[marked["date"] < pd.Timestamp("2026-01-29"), "included"].all()
    alone = ads.estimate_restatement([one], restated_days=3)
    assert alone.method == "excluded" and "no two downloads" in alone.reason


def test_a_period_ending_well_before_the_data_has_no_restated_day():
    r = ads.estimate_restatement([_download("2026-01-01", "2026-01-31")], start="2026-01-01", end="2026-01-20")
    assert r.method == "none" and r.days == ()


# --------------------------------------------------------------------------- period and weeks by hand
def _days(rows):
    f = pd.DataFrame(rows, columns=["date", "campaign", "impressions", "clicks", "spend", "sales", "orders"])
    f["date"] = pd.to_datetime(f["date"])
    return f.assign(restated=False, included=True, sales_reported=f["sales"])


def test_period_kpis_by_hand_with_tacos_from_a_monthly_business_report():
    now = _days(
        [("2026-01-01", "A", 1000, 20, 10.0, 50.0, 2), ("2026-01-02", "A", 1000, 30, 20.0, 50.0, 3)]
        + [("2026-01-02", "B", 500, 10, 5.0, 0.0, 0)]
    )
    business = pd.DataFrame(
        {
            "start_date": pd.to_datetime(["2026-01-01"]),
            "end_date": pd.to_datetime(["2026-01-31"]),
            "ordered_product_sales": [3100.0],
        }
    )
    total = ads._total_sales(business, pd.Timestamp("2026-01-01"), pd.Timestamp("2026-01-02"))
    assert total == pytest.approx(200.0)  # two days of a 31-day month
    t = ads.summarise_period(now, now.iloc[0:0], total_sales=total).set_index("key")
    assert t.loc["spend", "current"] == 35.0 and t.loc["sales", "current"] == 100.0
    assert t.loc["acos", "current"] == pytest.approx(0.35) and t.loc["roas", "current"] == pytest.approx(100 / 35)
    assert t.loc["tacos", "current"] == pytest.approx(35 / 200) and t.loc["ad_sales_share", "current"] == 0.5
    assert t.loc["cpc", "current"] == pytest.approx(35 / 60) and t.loc["cvr", "current"] == pytest.approx(5 / 60)
    assert t.loc["acos", "status"] == "bad"  # 35 % is beyond the 28 % industry average
    assert t["previous"].isna().all() and t["change"].isna().all()  # no previous period: NaN, not 0


def test_change_against_the_previous_period_compares_totals_per_day_with_data():
    now = _days([(d, "A", 1000, 20, 10.0, 50.0, 2) for d in pd.date_range("2026-02-01", periods=28)])
    before = _days([(d, "A", 1000, 20, 10.0, 40.0, 2) for d in pd.date_range("2026-01-04", periods=14)])  # half held
    t = ads.summarise_period(now, before).set_index("key")
    assert t.loc["spend", "previous"] == 140.0 and t.loc["spend", "change"] == pytest.approx(0.0)  # 10 a day both
    assert t.loc["acos", "change"] == pytest.approx(0.2 / 0.25 - 1)
    assert (t.loc["acos", "days"], t.loc["acos", "previous_days"]) == (28, 14)


def test_weeks_run_sunday_to_saturday_and_count_only_included_days():
    rows = [(d, "A", 100, 10, 5.0, 20.0, 1) for d in pd.date_range("2026-01-04", "2026-01-17")]  # two whole weeks
    days = _days(rows)
    days.loc[days["date"] == pd.Timestamp("2026-01-17"), ["included", "restated"]] = [False, True]
    days.loc[days["date"] == pd.Timestamp("2026-01-17"), "sales"] = 0.0  # under-attributed: must not show
    w = ads.weekly_trend(days)
    assert w["week_start"].dt.day_name().tolist() == ["Sunday", "Sunday"]
    assert w["days"].tolist() == [7, 6] and w["restated_days"].tolist() == [0, 1]
    assert w["sales_per_day"].tolist() == [20.0, 20.0] and w["acos"].tolist() == [0.25, 0.25]


# --------------------------------------------------------------------------- break-even, campaigns, targets
def _economics():
    products = pd.DataFrame(
        {"sku": ["M", "C"], "asin": ["B0MAT", "B0CAD"], "unit_cost": [5.0, 8.0], "currency": ["USD", "USD"]}
    )
    tx = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-01-05"] * 2),
            "type": ["Order", "Order"],
            "sku": ["M", "C"],
            "quantity": [10, 10],
            "product_sales": [250.0, 300.0],  # price 25 and 30
            "selling_fees": [-37.5, -45.0],  # 15 %
            "fba_fees": [-50.0, -60.0],  # 5 and 6 a unit
            "currency": ["USD", "USD"],
        }
    )
    return products, tx


def test_break_even_per_product_and_per_campaign_by_hand():
    products, tx = _economics()
    advertised = pd.DataFrame(
        {
            "campaign": ["Mats", "Mix", "Mix"],
            "advertised_sku": ["M", "M", None],
            "advertised_asin": ["B0MAT", "B0MAT", "B0CAD"],
            "advertised_sales": [100.0, 300.0, 100.0],
            "sales": [100.0, 300.0, 100.0],
            "spend": [10.0, 30.0, 10.0],
        }
    )
    per_product, per_campaign = ads.break_even_by_campaign(
        advertised, products, tx, currency="USD", other_cost_rate=0.02
    )
    be = per_product.set_index("sku")["break_even_acos"]
    # mats: (25 - 5 - 3.75 - 5 - 0.50) / 25 = 0.43; caddy: (30 - 8 - 4.50 - 6 - 0.60) / 30 = 0.363333
    assert be["M"] == pytest.approx(0.43) and be["C"] == pytest.approx(0.3633, abs=1e-4)
    camp = per_campaign.set_index("campaign")["break_even_acos"]
    assert camp["Mats"] == pytest.approx(0.43)
    assert camp["Mix"] == pytest.approx((300 * 0.43 + 100 * 0.3633) / 400, abs=1e-4)  # the ASIN maps to its SKU
    assert per_product.set_index("sku")["advertised"].all()


def test_campaign_loss_per_month_and_verdict_by_hand():
    days = _days(
        [(d, "Loser", 1000, 20, 10.0, 12.0 + (i % 3), 1) for i, d in enumerate(pd.date_range("2026-01-01", periods=61))]
        + [
            (d, "Winner", 1000, 20, 5.0, 40.0 + (i % 5), 2)
            for i, d in enumerate(pd.date_range("2026-01-01", periods=61))
        ]
    )
    be = pd.DataFrame({"campaign": ["Loser", "Winner"], "break_even_acos": [0.4, 0.4]})
    c = ads.assess_campaigns(days, be, target_acos=0.22).set_index("campaign")
    loser = days[days["campaign"] == "Loser"]
    months = 61 / ads.DAYS_PER_MONTH
    expected = (loser["spend"].sum() - 0.4 * loser["sales"].sum()) / months
    assert c.loc["Loser", "loss_per_month"] == pytest.approx(expected)
    assert c.loc["Loser", "verdict"] == "above break-even" and c.loc["Winner", "verdict"] == "below break-even"
    assert c.loc["Winner", "loss_per_month"] == 0.0 and c.loc["Winner", "quadrant"] in ("scale", "watch")
    assert c.loc["Loser", "acos_lower"] < c.loc["Loser", "acos"] < c.loc["Loser", "acos_upper"]


def test_targets_without_sales_lose_money_only_with_enough_clicks():
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-01-01"] * 3),
            "campaign": ["A"] * 3,
            "ad_group": ["g"] * 3,
            "targeting": ["mats", "cheap mats", "rare"],
            "match_type": ["EXACT", "EXACT", "EXACT"],
            "impressions": [5000.0, 4000.0, 100.0],
            "clicks": [200.0, 120.0, 3.0],
            "spend": [100.0, 60.0, 1.5],
            "sales": [500.0, 0.0, 0.0],
            "orders": [20.0, 0.0, 0.0],
        }
    )
    be = pd.DataFrame({"campaign": ["A"], "break_even_acos": [0.4]})
    t = ads.assess_targets(rows, be, min_clicks=20).set_index("targeting")
    assert t.loc["cheap mats", "verdict"] == "above break-even" and np.isnan(t.loc["cheap mats", "acos"])
    assert t.loc["rare", "verdict"] == "too few clicks"
    assert t.loc["mats", "verdict"] == "below break-even" and t.loc["cheap mats", "order_value"] == 25.0
    # the ACoS interval comes from the Wilson interval of conversion at the order value
    assert t.loc["mats", "acos_lower"] < 0.2 < t.loc["mats", "acos_upper"]


def test_match_types_compared_with_intervals():
    days = pd.date_range("2026-01-01", periods=30)
    rows = pd.DataFrame(
        [
            {
                "date": d,
                "campaign": c,
                "ad_group": "g",
                "targeting": tg,
                "match_type": mt,
                "impressions": 500.0,
                "clicks": 10.0,
                "spend": 5.0,
                "sales": s + (i % 4),
                "orders": 1.0,
            }
            for i, d in enumerate(days)
            for c, tg, mt, s in (
                ("A", "mats", "EXACT", 30.0),
                ("B", "close-match", "-", 20.0),
                ("B", 'asin="B0X"', "-", 10.0),
            )
        ]
    )
    m = ads.compare_match_types(rows).set_index("match")
    assert sorted(m.index) == ["auto", "exact", "product targeting"]
    assert m.loc["exact", "acos"] == pytest.approx(150 / (30 * 30 + sum(i % 4 for i in range(30))))
    assert (m["acos_lower"] < m["acos"]).all() and (m["acos"] < m["acos_upper"]).all()
    assert m.loc["exact", "cvr"] == pytest.approx(0.1)


# --------------------------------------------------------------------------- placements
def _placement_rows(top_sales=60.0, pages_sales=20.0, days=60):
    rng = np.random.default_rng(3)
    rows = []
    for d in pd.date_range("2026-01-01", periods=days):
        for placement, sales in (
            ("First page Top of Search on Amazon", top_sales),
            ("Rest of search on Amazon", 30.0),
            ("Product pages on Amazon", pages_sales),
        ):
            rows.append(
                {
                    "date": d,
                    "campaign": "A",
                    "placement": placement,
                    "impressions": 1000,
                    "clicks": 10,
                    "spend": 6.0,
                    "sales": sales * rng.uniform(0.8, 1.2),
                    "orders": 1,
                }
            )
    return pd.DataFrame(rows)


def test_placement_adjustment_where_the_evidence_supports_it_capped_per_step():
    p = ads.compare_placements(_placement_rows(), bid_step_cap=0.2)
    a = p[p["campaign"] == "A"].set_index("placement")
    assert a.loc["top of search", "evidence"] == "above" and a.loc["product pages", "evidence"] == "below"
    ratio = a.loc["top of search", "revenue_per_click"] / a.loc["rest of search", "revenue_per_click"]
    assert ratio > 1.2  # worth about +100 %, but one step moves the effective bid at most 20 %
    assert a.loc["top of search", "suggested_percentage"] == 20
    assert np.isnan(a.loc["product pages", "suggested_percentage"])  # already at 0: nothing to lower
    assert np.isnan(a.loc["rest of search", "suggested_percentage"])
    current = pd.DataFrame(
        {"campaign": ["A", "A"], "placement": ["Placement Top", "Placement Product Page"], "percentage": [50.0, 30.0]}
    )
    b = ads.compare_placements(_placement_rows(), bid_step_cap=0.2, current=current)
    b = b[b["campaign"] == "A"].set_index("placement")
    assert b.loc["top of search", "suggested_percentage"] == 80  # 1.5 x 1.2 = 1.8
    assert b.loc["product pages", "suggested_percentage"] == 4  # 1.3 x 0.8 = 1.04: lowered one step
    assert ads.placement_label(pd.Series(["Placement Rest Of Search"])).tolist() == ["rest of search"]


# --------------------------------------------------------------------------- diminishing returns
def _response(b=0.6, campaigns=(("A", 40.0), ("B", 15.0)), days=300, seed=7):
    """Daily sales of ``price x Poisson(a x spend ** b / price)``: the planted model, with budget regimes."""
    rng = np.random.default_rng(seed)
    rows = []
    dates = pd.date_range("2025-01-01", periods=days)
    for name, a in campaigns:
        regime = np.exp(rng.normal(0, 0.35, days // 42 + 1))[np.arange(days) // 42]
        spend = np.round(8.0 * regime * np.exp(rng.normal(0, 0.25, days)), 2)
        units = rng.poisson(a * spend**b / 20.0)
        rows += [
            {"date": d, "campaign": name, "spend": s, "sales": 20.0 * u, "clicks": 10, "impressions": 500, "orders": u}
            for d, s, u in zip(dates, spend, units)
        ]
    return _days(rows)


def test_elasticity_recovers_a_planted_value_and_marginal_acos_is_acos_over_b():
    fits, pooled = ads.fit_spend_response(_response(), min_days=90)
    assert fits["fitted"].all()
    assert ((fits["elasticity_lower"] < 0.6) & (0.6 < fits["elasticity_upper"])).all()
    assert pooled["lower"] < 0.6 < pooled["upper"] and pooled["campaigns"] == 2
    row = fits.iloc[0]
    assert row["marginal_acos"] == pytest.approx(row["acos"] / row["elasticity"])
    assert row["marginal_acos_lower"] == pytest.approx(row["acos"] / row["elasticity_upper"])


def test_too_few_days_are_not_fitted():
    fits, pooled = ads.fit_spend_response(_response(days=60), min_days=90)
    assert not fits["fitted"].any() and fits["note"].str.contains("fewer than 90").all() and pooled == {}


def test_reallocation_keeps_the_budget_and_reaches_the_unconstrained_optimum():
    b = 0.5
    fits = pd.DataFrame(
        {"campaign": ["A", "B"], "fitted": [True, True], "spend_per_day": [10.0, 10.0], "active_share": [1.0, 1.0]}
    )
    pooled = {"elasticity": b, "scale_a": {"A": 20.0, "B": 10.0}}
    be = pd.DataFrame({"campaign": ["A", "B"], "break_even_acos": [0.4, 0.4]})
    r = ads.reallocate_spend(fits, pooled, be, max_spend_change=1.0).set_index("campaign")
    assert r["proposed_spend_per_day"].sum() == pytest.approx(20.0)  # the same budget
    # at the optimum spend is proportional to (m a) ** (1 / (1 - b)): 20**2 : 10**2 = 4 : 1
    assert r.loc["A", "proposed_spend_per_day"] == pytest.approx(16.0, rel=1e-6)
    profit = lambda a, x: (0.4 * a * x**b - x) * ads.DAYS_PER_MONTH  # noqa: E731
    gain = profit(20, 16) + profit(10, 4) - profit(20, 10) - profit(10, 10)
    assert r["gain_per_month"].sum() == pytest.approx(gain) and gain > 0
    capped = ads.reallocate_spend(fits, pooled, be, max_spend_change=0.3).set_index("campaign")
    assert capped.loc["A", "proposed_spend_per_day"] == pytest.approx(13.0)  # at most +30 %


# --------------------------------------------------------------------------- bids and bulk IDs
def _targets():
    return pd.DataFrame(
        {
            "campaign": ["A", "A", "A"],
            "ad_group": ["g", "g", "g"],
            "targeting": ["mats", "yoga", "rare"],
            "match_type": ["EXACT"] * 3,
            "clicks": [400.0, 300.0, 4.0],
            "orders": [40.0, 6.0, 1.0],
            "sales": [1000.0, 150.0, 25.0],
            "spend": [200.0, 150.0, 2.0],
            "cpc": [0.5, 0.5, 0.5],
            "order_value": [25.0, 25.0, 25.0],
            "break_even_acos": [0.4, 0.4, 0.4],
        }
    )


def test_bids_from_target_acos_times_revenue_per_click_shrunk_and_capped():
    t = ads.suggest_bids(_targets(), pd.DataFrame(), target_acos=0.22, bid_step_cap=0.2, min_clicks=20)
    t = t.set_index("targeting")
    prior = t["prior"].iloc[0]
    assert prior in ("moments", "pooled", "jeffreys")
    mats = t.loc["mats"]
    assert mats["revenue_per_click"] == pytest.approx(mats["cvr_shrunk"] * 25.0)
    assert mats["ideal_bid"] == pytest.approx(0.22 * mats["revenue_per_click"])
    assert mats["bid_basis"] == "average CPC" and 0.09 < mats["cvr_shrunk"] < 0.1  # 40 in 400, pulled a little down
    assert (
        mats["suggested_bid"] == pytest.approx(round(mats["ideal_bid"], 2)) and mats["action"] == "raise"
    )  # in a step
    # yoga converts at 2 %: its ideal bid is far below, so it drops one step of 20 %
    assert t.loc["yoga", "suggested_bid"] == pytest.approx(0.40) and t.loc["yoga", "action"] == "lower"
    assert "capped" in t.loc["yoga", "reason"]
    assert t.loc["rare", "action"] == "keep" and np.isnan(t.loc["rare", "suggested_bid"])  # 4 clicks: thin evidence
    # the shrunk rate of the thin target sits between its own 25 % and its group's rate
    assert t.loc["rare", "cvr_shrunk"] < 0.25


def test_bids_start_from_the_current_bid_of_a_bulk_download():
    targets = _targets().assign(current_bid=[1.0, 1.0, 1.0])
    t = ads.suggest_bids(targets, pd.DataFrame(), target_acos=0.22, bid_step_cap=0.2, min_clicks=20)
    assert (t["bid_basis"] == "current bid").all() and t.loc[0, "suggested_bid"] == pytest.approx(0.8)


def _bulk():
    info = {"campaign": "A", "product": "Sponsored Products"}
    return pd.DataFrame(
        [
            {
                **info,
                "entity": "Campaign",
                "campaign_id": "111",
                "bidding_strategy": "Dynamic bids - down only",
                "state": "enabled",
            },
            {
                **info,
                "entity": "Ad Group",
                "campaign_id": "111",
                "ad_group_id": "222",
                "ad_group": "g",
                "ad_group_default_bid": 0.75,
                "state": "enabled",
            },
            {
                **info,
                "entity": "Keyword",
                "campaign_id": "111",
                "ad_group_id": "222",
                "keyword_id": "333",
                "ad_group": "g",
                "keyword_text": "mats",
                "match_type": "exact",
                "bid": 1.1,
                "state": "enabled",
            },
            {
                **info,
                "entity": "Keyword",
                "campaign_id": "111",
                "ad_group_id": "222",
                "keyword_id": "334",
                "ad_group": "g",
                "keyword_text": "Yoga",
                "match_type": "exact",
                "state": "paused",
            },
            {
                **info,
                "entity": "Bidding Adjustment",
                "campaign_id": "111",
                "placement": "Placement Top",
                "percentage": 50.0,
                "bidding_strategy": "Dynamic bids - down only",
            },
        ]
    )


def test_bulk_ids_resolve_by_name_exact_first_then_flagged_never_guessed():
    places = pd.DataFrame(
        {"campaign": ["A", "A", "Z"], "placement": ["top of search", "product pages", "top of search"]}
    )
    t, p, unresolved = ads.resolve_bulk_ids(_targets(), places, _bulk())
    t = t.set_index("targeting")
    assert t.loc["mats", ["campaign_id", "ad_group_id", "keyword_id"]].tolist() == ["111", "222", "333"]
    assert t.loc["mats", "current_bid"] == 1.1 and t.loc["mats", "matched_by"] == "exact"
    assert t.loc["yoga", "keyword_id"] == "334" and t.loc["yoga", "matched_by"] == "case-insensitive"
    assert t.loc["yoga", "current_bid"] == 0.75 and t.loc["yoga", "state"] == "paused"  # default bid; state kept
    assert pd.isna(t.loc["rare", "keyword_id"])
    assert set(unresolved["name"]) == {"rare", "Z"}
    p = p.set_index(["campaign", "placement"])
    assert (
        p.loc[("A", "top of search"), "operation"] == "Update"
        and p.loc[("A", "top of search"), "current_percentage"] == 50
    )
    assert p.loc[("A", "product pages"), "operation"] == "Create"
    assert p.loc[("A", "product pages"), "bidding_strategy"] == "Dynamic bids - down only"  # copied from the campaign
    assert pd.isna(p.loc[("Z", "top of search"), "campaign_id"])
    assert ads.bulk_adjustments(_bulk()).to_dict("records") == [
        {"campaign": "A", "placement": "top of search", "percentage": 50.0}
    ]


# --------------------------------------------------------------------------- a small account end to end
def _account(name='=HYPERLINK("x") Mats', bulk=True):
    """Two campaigns over 200 days, every input; the first campaign's name would be a spreadsheet formula."""
    rng = np.random.default_rng(11)
    days = pd.date_range("2025-06-01", periods=200)
    camp, targ, adv, place = [], [], [], []
    for cname, sku, kw, mt, a in ((name, "M", "mats", "EXACT", 30.0), ("Caddy - Broad", "C", "caddy", "BROAD", 8.0)):
        for d in days:
            spend = round(float(6.0 * np.exp(rng.normal(0, 0.3))), 2)
            clicks = max(int(spend / 0.6), 1)
            units = int(rng.poisson(a * spend**0.6 / 25.0))
            sales = 25.0 * units
            common = {
                "date": d,
                "campaign": cname,
                "impressions": clicks * 100,
                "clicks": clicks,
                "spend": spend,
                "sales": sales,
                "orders": units,
                "currency": "USD",
            }
            camp.append({**common, "budget": 10.0})
            targ.append({**common, "ad_group": "g", "targeting": kw, "match_type": mt})
            adv.append(
                {
                    **common,
                    "ad_group": "g",
                    "advertised_sku": sku,
                    "advertised_asin": "B0" + sku,
                    "advertised_sales": sales,
                }
            )
            top = clicks // 2
            place.append(
                {
                    **common,
                    "placement": "First page Top of Search on Amazon",
                    "clicks": top,
                    "spend": spend / 2,
                    "sales": sales * 0.7,
                    "orders": units,
                }
            )
            place.append(
                {
                    **common,
                    "placement": "Rest of search on Amazon",
                    "clicks": clicks - top,
                    "spend": spend / 2,
                    "sales": sales * 0.3,
                    "orders": 0,
                }
            )
    products, tx = _economics()
    tx = tx.assign(date=pd.Timestamp("2025-09-01"))
    frames = {
        "sp_campaign": pd.DataFrame(camp),
        "sp_targeting": pd.DataFrame(targ),
        "sp_advertised_product": pd.DataFrame(adv),
        "sp_placement": pd.DataFrame(place),
        "product_master": products,
        "payments_transactions": tx,
    }
    if bulk:
        rows = []
        for i, (cname, kw, mt) in enumerate(((name, "mats", "exact"), ("Caddy - Broad", "caddy", "broad"))):
            cid, gid, kid = f"10{i}", f"20{i}", f"30{i}"
            info = {"product": "Sponsored Products", "campaign": cname, "campaign_id": cid}
            rows += [
                {**info, "entity": "Campaign", "bidding_strategy": "Fixed bid", "state": "enabled"},
                {**info, "entity": "Ad Group", "ad_group_id": gid, "ad_group": "g", "state": "enabled"},
                {
                    **info,
                    "entity": "Keyword",
                    "ad_group_id": gid,
                    "ad_group": "g",
                    "keyword_id": kid,
                    "keyword_text": kw,
                    "match_type": mt,
                    "bid": 1.0,
                    "state": "enabled",
                },
            ]
        frames["sp_bulk"] = pd.DataFrame(rows)
    return frames


def test_a_small_account_end_to_end_writes_an_uploadable_bulk_sheet(tmp_path):
    result = ads.assess_ads(
        _account(),
        start="2025-06-01",
        end="2025-12-17",
        marketplace="US",
        min_clicks=20,
        min_days=90,
        other_cost_rate=0.0,
    )
    assert result.has_ids and len(result.tables["bid_changes"]) >= 1
    files = show_ads.write_actions(result, tmp_path)
    assert "sponsored_products_bulk.xlsx" in set(files["file"])
    book = load_workbook(tmp_path / "sponsored_products_bulk.xlsx")
    sheet = book["Sponsored Products Campaigns"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert tuple(rows[0]) == actions.BULK_COLUMNS  # the 2.0 header
    body = rows[1:]
    expected = len(result.tables["bulk_bids"]) + len(result.tables["bulk_placements"])
    assert len(body) == expected and expected == len(result.tables["bid_changes"]) + len(
        result.tables["placement_changes"]
    )  # only the proposed rows, each with its IDs
    col = {h: i for i, h in enumerate(rows[0])}
    for row in body:
        assert row[col["Operation"]] in ("Update", "Create") and row[col["Campaign Id"]].isdigit()
    keywords = [r for r in body if r[col["Entity"]] == "Keyword"]
    assert all(r[col["Keyword Id"]] in ("300", "301") and r[col["State"]] == "enabled" for r in keywords)
    every_text = [v for r in rows for v in r if isinstance(v, str)]
    assert not any(v.lstrip().startswith(("=", "+", "-", "@")) for v in every_text)  # formula-safe
    review = pd.read_csv(tmp_path / "bid_changes.csv", encoding="utf-8-sig", dtype=str)
    assert review["Campaign"].str.startswith("'=").any()  # the formula-like campaign name is neutralised


def test_without_a_bulk_download_review_files_only_and_the_reason_is_said(tmp_path):
    (tmp_path / "sponsored_products_bulk.xlsx").write_bytes(b"stale")  # left by an earlier run
    result = ads.assess_ads(_account(bulk=False), start="2025-06-01", end="2025-12-17", marketplace="US")
    assert not result.has_ids
    files = show_ads.write_actions(result, tmp_path)
    assert "sponsored_products_bulk.xlsx" not in set(files["file"])
    assert not (tmp_path / "sponsored_products_bulk.xlsx").exists()
    assert {"bid_changes.csv", "placement_changes.csv", "spend_reallocation.csv"} <= set(files["file"])
    assert "not as an upload" in result.finding("actions") and "IDs" in result.finding("actions")


def test_only_a_campaign_report_says_what_it_cannot_show():
    frames = {"sp_campaign": _account()["sp_campaign"]}
    result = ads.assess_ads(
        frames, start="2025-06-01", end="2025-12-17", marketplace="US", labels={"sp_placement": "SP placements"}
    )
    assert "SP placements" in result.finding("missing")
    assert "No placement report" in result.finding("placements")
    assert "cannot be computed without the product master" in result.finding("loss")
    assert "without a targeting" in result.finding("bids")
    assert "Business Report" in result.finding("overview")
    assert result.kpis()[0].key == "acos" and np.isnan(result.monthly_loss)


# --------------------------------------------------------------------------- the sample seller's planted truth
def _assess(catalog, marketplace, **overrides):
    market = catalog.check_marketplace(marketplace)
    first, last = pd.Timestamp("2025-11-01"), pd.Timestamp("2026-10-31")
    previous_start, _ = ads.previous_period(first, last)
    inputs = catalog.load_inputs(
        required=["sp_campaign|sp_advertised_product|sp_targeting|sp_search_term"],
        optional=[
            "sp_targeting|sp_search_term",
            "sp_advertised_product",
            "sp_placement",
            "business_report_by_date|business_report_child_item",
            "payments_transactions",
            "product_master",
            "listing_history",
            "sp_bulk",
        ],
        marketplace=market,
        start=previous_start,
        end=last,
    )
    files = catalog.describe(market).files
    downloads = [catalog.report(name).frame for name in files.loc[files["kind"] == "sp_search_term", "file"]]
    frames = {**inputs.frames, **overrides}
    return ads.assess_ads(
        frames,
        start=first,
        end=last,
        marketplace=market,
        downloads=downloads,
        labels=inputs.labels,
        other_cost_rate=0.03,
        usd_rates=parse_rates("GBP=1.25"),
    )


@pytest.fixture(scope="module")
def sample():
    return open_folder(paths.SAMPLE_DIR)


@pytest.fixture(scope="module")
def us(sample):
    return _assess(sample, "US")


@pytest.fixture(scope="module")
def uk(sample):
    return _assess(sample, "UK")


def test_the_planted_over_break_even_campaign_is_flagged_with_its_monthly_loss(us, truth):
    planted = truth["planted"]["ads"]["over_break_even_campaign"]
    spent = truth["planted"]["ads"]["campaigns"][planted["campaign"]]
    true_loss = (spent["spend"] - planted["break_even_acos"] * spent["sales_7d"]) / 12
    c = us.tables["campaigns"].set_index("campaign")
    assert c.loc[planted["campaign"], "verdict"] == "above break-even"
    assert c.loc[planted["campaign"], "loss_per_month"] == pytest.approx(true_loss, rel=0.10)
    assert list(us.tables["over_break_even"]["campaign"]) == [planted["campaign"]]  # the only one
    assert us.monthly_loss == pytest.approx(true_loss, rel=0.10)
    assert planted["campaign"] in us.finding("loss")


@pytest.mark.parametrize("market", ["us", "uk"])
def test_the_planted_elasticity_lies_inside_every_fitted_interval(market, request, truth):
    result = request.getfixturevalue(market)
    b = truth["planted"]["ads"]["spend_elasticity"]["b"]
    fitted = result.tables["elasticity"][result.tables["elasticity"]["fitted"]]
    planted = [c for c, v in truth["planted"]["ads"]["campaigns"].items() if v["marketplace"] == market.upper()]
    assert sorted(fitted["campaign"]) == sorted(planted)  # every campaign has a year of days: all are fitted
    assert ((fitted["elasticity_lower"] <= b) & (b <= fitted["elasticity_upper"])).all(), fitted
    assert result.pooled["lower"] <= b <= result.pooled["upper"]


def test_the_under_attributed_last_days_are_recognised_and_not_read_as_a_drop(us, truth):
    planted = sorted(truth["planted"]["ads"]["under_attribution"]["fractions"])
    r = us.restatement
    assert [f"{d:%Y-%m-%d}" for d in r.days] == planted
    assert r.method == "excluded" and "same day" in r.reason  # the overlapping download ends on the same day
    assert us.effective_end == pd.Timestamp(planted[0]) - DAY
    last = us.tables["weekly"].iloc[-1]
    assert last["restated_days"] == 3 and last["days"] == 4
    check = us.restated_check
    assert check["relative"] < 0.9  # as reported they look short of sales ...
    assert "not a drop" in us.finding("restated") and "fell" not in us.finding("trend")  # ... and are not read so
    daily = us.tables["daily"]
    assert not daily.loc[daily["date"].isin(r.days), "included"].any()


def test_bid_and_placement_changes_on_the_sample_are_proposed_within_one_step(us):
    b = us.tables["bid_changes"]
    assert len(b) > 0 and (b["bid_change"].abs() <= us.bid_step_cap + 0.01).all()
    shower = b.set_index("campaign").loc["SP - Shower Caddy - Broad"]
    assert shower["action"] == "lower"  # the campaign above break-even bids down
    pc = us.tables["placement_changes"]
    assert (pc["evidence"].isin(["above", "below"])).all()


def test_a_crafted_bulk_frame_gives_every_target_its_ids(sample, tmp_path):
    targeting = sample.load("sp_targeting", marketplace="US").frame
    names = targeting[["campaign", "ad_group", "targeting", "match_type"]].drop_duplicates().reset_index(drop=True)
    rows = []
    for ci, (campaign, part) in enumerate(names.groupby("campaign", sort=True)):
        info = {"product": "Sponsored Products", "campaign": campaign, "campaign_id": str(9_000_000_000_000 + ci)}
        rows.append({**info, "entity": "Campaign", "bidding_strategy": "Dynamic bids - down only", "state": "enabled"})
        gid = str(8_000_000_000_000 + ci)
        rows.append({**info, "entity": "Ad Group", "ad_group_id": gid, "ad_group": part["ad_group"].iloc[0]})
        for ti, rec in enumerate(part.itertuples()):
            tid = str(7_000_000_000_000 + 100 * ci + ti)
            if rec.match_type in ("EXACT", "PHRASE", "BROAD"):
                rows.append(
                    {
                        **info,
                        "entity": "Keyword",
                        "ad_group_id": gid,
                        "ad_group": rec.ad_group,
                        "keyword_id": tid,
                        "keyword_text": rec.targeting,
                        "match_type": rec.match_type.lower(),
                        "bid": 1.0,
                        "state": "enabled",
                    }
                )
            else:
                rows.append(
                    {
                        **info,
                        "entity": "Product Targeting",
                        "ad_group_id": gid,
                        "ad_group": rec.ad_group,
                        "product_targeting_id": tid,
                        "product_targeting_expression": rec.targeting,
                        "bid": 1.0,
                        "state": "enabled",
                    }
                )
    result = _assess(sample, "US", sp_bulk=pd.DataFrame(rows))
    assert result.has_ids and result.tables["unresolved"].empty
    bids = result.tables["bids"]
    assert bids[["keyword_id", "product_targeting_id"]].notna().sum(axis=1).eq(1).all()
    assert (bids["bid_basis"] == "current bid").all()
    show_ads.write_actions(result, tmp_path)
    sheet = load_workbook(tmp_path / "sponsored_products_bulk.xlsx")["Sponsored Products Campaigns"]
    body = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(body) == len(result.tables["bid_changes"]) + len(result.tables["placement_changes"])
    assert {r[1] for r in body} <= {"Keyword", "Product targeting", "Bidding adjustment"}


def test_without_costs_the_bids_aim_at_the_target_acos():
    frames = _account(bulk=False)
    del frames["product_master"], frames["payments_transactions"]
    result = ads.assess_ads(frames, start="2025-06-01", end="2025-12-17", marketplace="US")
    bids = result.tables["bids"]
    assert (bids["aim_acos"] == 0.22).all() and bids["break_even_acos"].isna().all()
    assert len(result.tables["bid_changes"]) >= 1 and result.tables["reallocation"].empty


def test_a_sample_folder_without_the_optional_inputs(tmp_path_factory):
    target = tmp_path_factory.mktemp("bare") / "sample"
    shutil.copytree(
        paths.SAMPLE_DIR, target, ignore=shutil.ignore_patterns("placement", "business_reports", "bulk", "payments")
    )
    result = _assess(open_folder(target), "US")
    assert {"SP placements", "SP bulk sheet"} <= set(result.missing)
    assert "No placement report" in result.finding("placements")
    assert "cannot be shown without a Business Report" in result.finding("overview")
    assert "cannot be computed" in result.finding("loss") and np.isnan(result.monthly_loss)
    assert "not as an upload" in result.finding("actions")
    assert len(result.tables["bid_changes"]) > 0 and result.tables["placement_changes"].empty
    assert [k.key for k in result.kpis()][:3] == ["acos", "roas", "tacos"] and result.kpis()[2].status == "info"
