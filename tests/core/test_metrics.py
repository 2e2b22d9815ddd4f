"""Tests of sellerops.core.metrics against hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sellerops.core import metrics

# --------------------------------------------------------------------------- hand-computed values
# (function, args, expected, arithmetic)
CASES = [
    (metrics.ctr, (25, 1000), 0.025),  # 25 clicks / 1000 impressions
    (metrics.cpc, (12.50, 25), 0.50),  # 12.50 spend / 25 clicks
    (metrics.cvr, (3, 40), 0.075),  # 3 orders / 40 clicks
    (metrics.acos, (12.50, 50.00), 0.25),  # 12.50 spend / 50.00 sales
    (metrics.roas, (50.00, 12.50), 4.0),  # 50.00 sales / 12.50 spend
    (metrics.tacos, (100.0, 1250.0), 0.08),  # 100 spend / 1250 total sales
    (metrics.unit_session_percentage, (12, 300), 0.04),  # 12 units / 300 sessions
    (metrics.buy_box_percentage, (135, 150), 0.90),  # 135 featured views / 150 views
    (metrics.return_rate, (3, 120), 0.025),  # 3 returned / 120 shipped
    (metrics.sell_through, (300, 200), 1.5),  # 300 shipped / 200 average on hand
    (metrics.stranded_percentage, (15, 600), 0.025),  # 15 stranded / 600 on hand
    (metrics.gross_margin, (50_000.0, 42_500.0), 0.15),  # (50000 - 42500) / 50000 = 7500/50000
    (metrics.net_margin, (193.0, 1000.0), 0.193),  # 193 / 1000
    (metrics.defect_rate, (2, 400), 0.005),  # 2 / 400
    (metrics.order_defect_rate, (1, 250), 0.004),  # 1 / 250
    (metrics.cancellation_rate, (18, 250), 0.072),  # 18 / 250
    (metrics.in_stock_rate, (27, 30), 0.9),  # 27 days in stock / 30 days tracked
]


@pytest.mark.parametrize(("func", "args", "expected"), CASES, ids=[c[0].__name__ for c in CASES])
def test_ratio_against_hand_computed_value(func, args, expected):
    result = func(*args)
    assert type(result) is float
    assert result == pytest.approx(expected, rel=1e-12)


ZERO_DENOMINATOR = [
    (metrics.ctr, (0, 0)),  # CTR with no impressions
    (metrics.ctr, (3, 0)),
    (metrics.cpc, (4.0, 0)),  # CPC with no clicks
    (metrics.cvr, (0, 0)),
    (metrics.acos, (7.0, 0.0)),  # ACoS with spend but no sales: undefined, not 0 or inf
    (metrics.acos, (0.0, 0.0)),
    (metrics.roas, (10.0, 0.0)),
    (metrics.tacos, (5.0, 0.0)),
    (metrics.unit_session_percentage, (1, 0)),
    (metrics.buy_box_percentage, (0, 0)),
    (metrics.return_rate, (1, 0)),
    (metrics.sell_through, (10, 0)),
    (metrics.stranded_percentage, (0, 0)),
    (metrics.gross_margin, (0.0, 5.0)),
    (metrics.net_margin, (-3.0, 0.0)),
    (metrics.defect_rate, (0, 0)),
    (metrics.cancellation_rate, (1, 0)),
    (metrics.in_stock_rate, (0, 0)),
]


@pytest.mark.parametrize(("func", "args"), ZERO_DENOMINATOR, ids=[c[0].__name__ for c in ZERO_DENOMINATOR])
def test_zero_denominator_is_nan(func, args):
    result = func(*args)
    assert type(result) is float
    assert math.isnan(result)


@pytest.mark.parametrize("missing", [float("nan"), None, pd.NA, np.nan])
def test_nan_or_missing_input_is_nan(missing):
    assert math.isnan(metrics.acos(missing, 50.0))
    assert math.isnan(metrics.acos(10.0, missing))
    assert math.isnan(metrics.ctr(missing, 100))
    assert math.isnan(metrics.break_even_acos(20.0, 5.0, 0.15, missing))
    assert math.isnan(metrics.contribution_margin(1000.0, 400.0, 150.0, 120.0, missing, 30.0, 20.0))


def test_infinite_input_gives_nan_not_inf():
    assert math.isnan(metrics.acos(float("inf"), 50.0))
    assert metrics.acos(10.0, float("inf")) == 0.0  # 10 / inf is a finite 0


# --------------------------------------------------------------------------- break-even ACoS
def test_break_even_acos_hand_computed():
    # price 20.00, cost 5.00, referral 15 % of 20.00 = 3.00, FBA 4.00, other 1.00
    # (20 - 5 - 3 - 4 - 1) / 20 = 7 / 20 = 0.35
    assert metrics.break_even_acos(20.0, 5.0, 0.15, 4.0, 1.0) == pytest.approx(0.35)
    # other cost defaults to 0: (20 - 5 - 3 - 4) / 20 = 8 / 20 = 0.40
    assert metrics.break_even_acos(20.0, 5.0, 0.15, 4.0) == pytest.approx(0.40)


def test_break_even_acos_negative_when_unit_loses_money():
    # price 10, cost 6, referral 8 % of 10 = 0.80, FBA 4.20: (10 - 6 - 0.8 - 4.2) / 10 = -0.10
    assert metrics.break_even_acos(10.0, 6.0, 0.08, 4.20) == pytest.approx(-0.10)


def test_break_even_acos_zero_price_is_nan():
    assert math.isnan(metrics.break_even_acos(0.0, 5.0, 0.15, 4.0))


def test_break_even_acos_series_per_sku():
    skus = pd.Index(["A", "B"], name="sku")
    result = metrics.break_even_acos(
        price=pd.Series([20.0, 40.0], index=skus),
        unit_cost=pd.Series([5.0, 10.0], index=skus),
        referral_fee_rate=0.15,
        fba_fee=pd.Series([4.0, 6.0], index=skus),
    )
    # A: (20 - 5 - 3 - 4) / 20 = 0.40 ; B: (40 - 10 - 6 - 6) / 40 = 18 / 40 = 0.45
    pd.testing.assert_series_equal(result, pd.Series([0.40, 0.45], index=skus))


# --------------------------------------------------------------------------- inventory
def test_inventory_turnover_annualised():
    # 3000 COGS / 6000 average inventory = 0.5 turns in 73 days; 73 days = 0.2 year -> 2.5 / year
    assert metrics.inventory_turnover(3000.0, 6000.0, 73) == pytest.approx(2.5)
    # a full year: 36000 / 6000 = 6 turns
    assert metrics.inventory_turnover(36000.0, 6000.0, 365) == pytest.approx(6.0)


@pytest.mark.parametrize("args", [(3000.0, 0.0, 30), (3000.0, 6000.0, 0), (np.nan, 6000.0, 30)])
def test_inventory_turnover_undefined(args):
    assert math.isnan(metrics.inventory_turnover(*args))


def test_days_of_supply_and_weeks_of_cover():
    # (120 available + 60 inbound) / 4 per day = 45 days
    assert metrics.days_of_supply(120, 4.0, inbound=60) == pytest.approx(45.0)
    # 120 / 4 = 30 days without inbound
    assert metrics.days_of_supply(120, 4.0) == pytest.approx(30.0)
    # 140 / 2 = 70 days = 10 weeks
    assert metrics.weeks_of_cover(140, 2.0) == pytest.approx(10.0)
    # (140 + 70) / 2 = 105 days = 15 weeks
    assert metrics.weeks_of_cover(140, 2.0, inbound=70) == pytest.approx(15.0)
    # nothing sells: undefined, not inf
    assert math.isnan(metrics.days_of_supply(120, 0.0))
    assert math.isnan(metrics.weeks_of_cover(120, 0.0))


def test_excess_inventory_percentage():
    # 500 on hand, 2 / day * 90 days = 180 needed, excess 320 -> 320 / 500 = 0.64
    assert metrics.excess_inventory_percentage(500, 2.0) == pytest.approx(0.64)
    # 30-day horizon: 2 * 30 = 60 needed, 440 excess -> 440 / 500 = 0.88
    assert metrics.excess_inventory_percentage(500, 2.0, days=30) == pytest.approx(0.88)
    # 100 on hand, 2 * 90 = 180 needed: no excess -> 0 / 100 = 0
    assert metrics.excess_inventory_percentage(100, 2.0) == 0.0
    assert math.isnan(metrics.excess_inventory_percentage(0, 2.0))
    assert math.isnan(metrics.excess_inventory_percentage(100, np.nan))


def test_in_stock_rate_from_flags():
    # 3 of 4 days in stock
    assert metrics.in_stock_rate([True, True, False, True]) == pytest.approx(0.75)
    # a missing observation is skipped: 1 of 2 observed days
    flags = pd.Series([True, None, False], dtype="boolean")
    assert metrics.in_stock_rate(flags) == pytest.approx(0.5)
    assert math.isnan(metrics.in_stock_rate([]))


def test_in_stock_rate_per_sku_with_groupby():
    frame = pd.DataFrame({"sku": ["A", "A", "B", "B", "B"], "in_stock": [True, False, True, True, True]})
    result = frame.groupby("sku")["in_stock"].agg(metrics.in_stock_rate)
    # A: 1 of 2 = 0.5 ; B: 3 of 3 = 1.0
    expected = pd.Series([0.5, 1.0], index=pd.Index(["A", "B"], name="sku"), name="in_stock")
    pd.testing.assert_series_equal(result, expected)


# --------------------------------------------------------------------------- profit
def test_contribution_margin_amount_and_rate():
    # 1000 revenue - 400 COGS - 150 Amazon fees - 120 FBA - 100 ads - 30 refunds - 20 storage = 180
    args = (1000.0, 400.0, 150.0, 120.0, 100.0, 30.0, 20.0)
    assert metrics.contribution_margin(*args) == pytest.approx(180.0)
    # 180 / 1000 = 0.18
    assert metrics.contribution_margin_rate(*args) == pytest.approx(0.18)


def test_contribution_margin_rate_zero_revenue_is_nan():
    assert math.isnan(metrics.contribution_margin_rate(0.0, 0.0, 0.0, 0.0, 5.0, 0.0, 1.0))
    # the amount itself is defined: 0 - 5 - 1 = -6
    assert metrics.contribution_margin(0.0, 0.0, 0.0, 0.0, 5.0, 0.0, 1.0) == pytest.approx(-6.0)


def test_gross_margin_of_the_article_example():
    # 50k/month store with 15 % gross margin: COGS 42,500 -> (50000 - 42500) / 50000 = 0.15
    assert metrics.gross_margin(50_000.0, 42_500.0) == pytest.approx(0.15)


# --------------------------------------------------------------------------- kinds in and out
def test_series_aligned_by_index_not_position():
    spend = pd.Series([10.0, 20.0, 30.0], index=["x", "y", "z"])
    sales = pd.Series([0.0, 40.0, 60.0, 5.0], index=["z", "y", "x", "w"])
    result = metrics.acos(spend, sales)
    # w: no spend -> NaN ; x: 10 / 60 = 1/6 ; y: 20 / 40 = 0.5 ; z: 30 / 0 -> NaN
    expected = pd.Series([np.nan, 1 / 6, 0.5, np.nan], index=["w", "x", "y", "z"])
    pd.testing.assert_series_equal(result, expected)


def test_series_keeps_index_with_scalar():
    clicks = pd.Series([5, 0, 8], index=pd.Index(["kw1", "kw2", "kw3"], name="keyword"))
    result = metrics.cpc(4.0, clicks)
    # 4.0 / 5 = 0.8 ; 4.0 / 0 -> NaN ; 4.0 / 8 = 0.5
    expected = pd.Series([0.8, np.nan, 0.5], index=clicks.index)
    pd.testing.assert_series_equal(result, expected)


def test_nullable_and_int_series():
    orders = pd.Series([3, pd.NA, 2], dtype="Int64")
    clicks = pd.Series([40, 10, 0], dtype="int64")
    result = metrics.cvr(orders, clicks)
    # 3 / 40 = 0.075 ; NA -> NaN ; 2 / 0 -> NaN
    pd.testing.assert_series_equal(result, pd.Series([0.075, np.nan, np.nan]))


def test_numpy_arrays_in_array_out():
    result = metrics.acos(np.array([12.5, 7.0, 1.0]), np.array([50.0, 0.0, np.nan]))
    assert isinstance(result, np.ndarray)
    # 12.5 / 50 = 0.25 ; 7 / 0 -> NaN ; 1 / NaN -> NaN
    np.testing.assert_array_equal(result, np.array([0.25, np.nan, np.nan]))


def test_list_with_none_is_array():
    result = metrics.ctr([1, None, 3], [10, 10, 0])
    # 1 / 10 = 0.1 ; None -> NaN ; 3 / 0 -> NaN
    np.testing.assert_array_equal(result, np.array([0.1, np.nan, np.nan]))


def test_numpy_scalars_give_python_float():
    result = metrics.roas(np.float64(50.0), np.int64(25))
    assert type(result) is float
    assert result == 2.0  # 50 / 25


def test_ratio_helper_is_the_shared_division():
    assert metrics._ratio(1, 4) == 0.25
    assert math.isnan(metrics._ratio(1, 0))
    assert math.isnan(metrics._ratio(-1, 0))


# --------------------------------------------------------------------------- properties
finite = st.floats(min_value=0.01, max_value=1e9, allow_nan=False, allow_infinity=False)


@given(spend=finite, sales=finite)
def test_roas_is_inverse_of_acos(spend, sales):
    assert metrics.roas(sales, spend) == pytest.approx(1 / metrics.acos(spend, sales), rel=1e-9)


@given(st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 10**9)), min_size=1, max_size=30))
def test_ctr_between_zero_and_one_when_clicks_not_above_impressions(pairs):
    clicks = np.array([min(a, b) for a, b in pairs])
    impressions = np.array([max(a, b) for a, b in pairs])
    result = metrics.ctr(pd.Series(clicks), pd.Series(impressions))
    defined = result[impressions > 0]
    assert ((defined >= 0) & (defined <= 1)).all()
    assert result[impressions == 0].isna().all()


@given(num=st.floats(allow_nan=True, allow_infinity=True), den=st.floats(allow_nan=True, allow_infinity=True))
def test_ratio_never_infinite(num, den):
    result = metrics._ratio(num, den)
    assert not math.isinf(result)
    if den == 0 or math.isnan(num) or math.isnan(den):
        assert math.isnan(result)
