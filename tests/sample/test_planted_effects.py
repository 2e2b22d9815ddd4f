"""The planted effects are really in the files: read back through the readers, recomputed from the
exports the way an analyst would, and compared with the truth file."""

from __future__ import annotations

import pandas as pd
import pytest

from sellerops import paths
from sellerops.core import metrics
from sellerops.readers import read_report

US = paths.SAMPLE_DIR / "us"


@pytest.fixture(scope="module")
def planted(truth):
    return truth["planted"]


@pytest.fixture(scope="module")
def us_search_terms():
    return read_report(US / "ads" / "search_terms").frame


def test_long_tail_keywords_meet_the_rule_and_are_not_targeted(planted, us_search_terms):
    rule = planted["keywords"]["long_tail_rule"]
    cerebro, _ = read_report(next((US / "keywords").glob("*cerebro*")))
    # the truth's rule: in no ads file at all, neither targeted nor seen as a customer search term
    targeted = set(read_report(US / "ads" / "targeting").frame["targeting"].str.lower())
    targeted |= set(us_search_terms["targeting"].str.lower()) | set(us_search_terms["search_term"].str.lower())
    hits = cerebro[
        (cerebro["search_volume"] > rule["search_volume_gt"])
        & (cerebro["title_density"] < rule["competition_lt"])
        & ~cerebro["keyword"].str.lower().isin(targeted)
    ]
    expected = {k["keyword"] for k in planted["keywords"]["long_tail_opportunities"]["US"]}
    assert len(expected) >= 5
    assert set(hits["keyword"]) == expected


def test_costly_terms_have_many_clicks_and_no_orders(planted, us_search_terms):
    by_term = us_search_terms.groupby("search_term")[["clicks", "spend", "orders"]].sum()
    for t in (t for t in planted["keywords"]["costly_no_order_terms"]["terms"] if t["marketplace"] == "US"):
        row = by_term.loc[t["search_term"]]
        assert (
            row["orders"] == 0 and row["clicks"] == t["clicks"] and row["spend"] == pytest.approx(t["spend"], abs=0.02)
        )


def test_a_campaign_loses_money_on_every_ad_sale(planted):
    p = planted["ads"]["over_break_even_campaign"]
    campaigns = read_report(US / "ads" / "campaigns").frame
    mine = campaigns[campaigns["campaign"] == p["campaign"]]
    acos = metrics.acos(mine["spend"].sum(), mine["sales"].sum())
    break_even = metrics.break_even_acos(
        p["price"], p["unit_cost"], p["referral_fee_rate"], p["fba_fee"], p["other_variable_cost"]
    )
    assert acos == pytest.approx(p["acos"], abs=0.001) and break_even == pytest.approx(p["break_even_acos"], abs=0.001)
    assert acos > break_even
    others = campaigns.groupby("campaign")[["spend", "sales"]].sum()
    assert (others["spend"] / others["sales"]).idxmax() == p["campaign"]


def test_the_last_three_days_are_under_attributed(planted, us_search_terms):
    daily = us_search_terms.groupby("date")[["clicks", "sales"]].sum()
    per_click = daily["sales"] / daily["clicks"]
    october = per_click["2026-10-01":"2026-10-28"].mean()
    last = per_click[["2026-10-29", "2026-10-30", "2026-10-31"]]
    assert (last < october).all()  # sales per click drop exactly where attribution is still incomplete


def test_slow_mover_and_stock_out_inside_lead_time(planted):
    slow = next(s for s in planted["inventory"]["slow_mover"] if s["marketplace"] == "US")
    planning = read_report(US / "inventory" / "planning").frame
    last = planning[planning["snapshot_date"] == planning["snapshot_date"].max()].set_index("sku")
    assert last.loc[slow["sku"], "inv_age_365_plus_days"] == slow["aged_units_365_plus"]
    out = planted["inventory"]["stockout_within_lead_time"]
    myi = read_report(next((US / "inventory").glob("*MYI*"))).frame.set_index("sku")
    master = read_report(paths.SAMPLE_DIR / "product_master.csv").frame.set_index("sku")
    on_hand = myi.loc[out["sku"], "afn_fulfillable_quantity"]
    assert on_hand == out["on_hand"]
    cover = metrics.days_of_supply(on_hand, out["daily_units_sold_last_30d"])
    assert cover < master.loc[out["sku"], "lead_time_days"] == out["lead_time_days"]


def test_stock_out_periods_have_no_orders(planted):
    orders = read_report(US / "orders").frame
    # purchase dates are UTC, the periods Pacific calendar days: the first UTC hours belong to the day before
    local = orders["purchase_date"] - pd.Timedelta(hours=7)
    for period in (p for p in planted["inventory"]["stockouts"]["periods"] if p["marketplace"] == "US"):
        during = orders[
            (orders["sku"] == period["sku"])
            & local.between(period["start"], pd.Timestamp(period["end"]) + pd.Timedelta(hours=23))
        ]
        assert during.empty, period


def test_q4_season_is_visible_in_both_years(planted):
    by_date = read_report(US / "business_reports" / "by_date").frame.set_index("date")["units_ordered"]
    monthly = by_date.resample("MS").sum()
    for year in (2024, 2025):
        q4 = monthly[f"{year}-11-01" : f"{year}-12-01"].mean()
        summer = monthly[f"{year + 1}-06-01" : f"{year + 1}-09-01"].mean()
        assert q4 > 1.3 * summer


def test_rating_drop_is_in_the_listing_history(planted):
    drop = planted["operations"]["rating_drop"]
    history = read_report(paths.SAMPLE_DIR / "listing_history.csv").frame
    sku = history[(history["sku"] == drop["sku"]) & (history["marketplace"] == drop["marketplace"])].set_index("month")
    month = pd.Timestamp(drop["month"] + "-01")
    assert sku.loc[month - pd.DateOffset(months=1), "rating"] == pytest.approx(drop["rating_before"], abs=0.05)
    assert sku.loc[month, "rating"] == pytest.approx(drop["rating_after"], abs=0.05)


def test_high_sales_no_profit_sku_sells_most_but_earns_least(planted):
    p = planted["operations"]["high_sales_no_profit"]
    child = read_report(US / "business_reports" / "child_item").frame
    revenue = child.groupby("sku")["ordered_product_sales"].sum().sort_values(ascending=False)
    assert revenue.index[0] == p["sku"]
    pay = read_report(US / "payments").frame
    mine = pay[pay["sku"] == p["sku"]]
    # coupons show up as promotional rebates on most of its orders
    orders = mine[mine["type"] == "Order"]
    assert (orders["promotional_rebates"] < 0).mean() == pytest.approx(p["coupon_share_of_orders"], abs=0.05)
    assert p["net_margin"] < 0
