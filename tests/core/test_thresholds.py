"""Tests of sellerops.core.thresholds: the article's thresholds in one place."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from sellerops.core.thresholds import BENCHMARKS, DIRECTIONS, Benchmark, resolve_thresholds, tabulate_benchmarks

# Values as the article states them (rates as fractions), written out by hand.
ARTICLE_VALUES = {
    "listing_conversion_uplift": 0.37,  # +37 %
    "acos_well_run": 0.22,  # < 22 %
    "acos_industry_average": 0.28,  # 28 %
    "account_health_min": 98,  # >= 98 of 100
    "rating_min": 4.6,  # >= 4.6 stars
    "return_rate_max": 0.03,  # < 3 %
    "inventory_turnover_min": 6,  # >= 6 per year
    "dedicated_ops_share_top_sellers": 0.83,  # 83 %
    "net_margin_median_top_sellers": 0.193,  # 19.3 %
    "net_margin_median_without_systematic_ops": 0.087,  # 8.7 %
    "long_tail_search_volume_min": 10_000,  # > 10,000 per month
    "long_tail_competition_max": 50,  # < 50
    "deals_per_month_min": 2,  # >= 2 per month
    "response_time_max_hours": 24,  # < 24 hours
    "settlement_cycle_days": 14,  # 14 days
    "roas_min": 3.0,  # >= 3 : 1
    "cancellation_rate_alarm": 0.025,  # 2.5 %
    "cancellation_rate_divergent": 0.072,  # 7.2 %
    "referral_fee_min": 0.08,  # 8 %
    "referral_fee_max": 0.15,  # 15 %
    "ad_spend_share_min": 0.10,  # 10 % of sales
    "ad_spend_share_max": 0.20,  # 20 % of sales
    "tool_subscriptions_min_usd": 200,  # $200 per month
    "tool_subscriptions_max_usd": 500,  # $500 per month
    "main_image_video_uplift_min": 0.15,  # +15 %
    "main_image_video_uplift_max": 0.30,  # +30 %
    "ipi_storage_limit": 400,  # below 400
    "rating_sensitivity": -0.17,  # -0.1 star -> -17 % conversion
    "appeal_approval_rate": 0.72,  # 72 %
    "appeal_approval_working_days": 5,  # within 5 working days
    "dtc_gross_margin_average": 0.45,  # >= 45 %
    "facebook_cpm_usd": 25,  # above $25
    "amazon_monthly_active_users": 300_000_000,  # > 300 million
}


def test_every_article_row_is_present_with_its_value():
    assert set(BENCHMARKS) == set(ARTICLE_VALUES)
    for key, value in ARTICLE_VALUES.items():
        assert BENCHMARKS[key].value == pytest.approx(value), key


def test_keys_match_and_fields_are_sane():
    for key, b in BENCHMARKS.items():
        assert b.key == key
        assert key.isidentifier() and key == key.lower()
        assert b.direction in DIRECTIONS
        assert b.meaning and b.meaning.isascii()  # English text
        assert b.source.startswith("article")
        if b.unit == "fraction":
            assert -1 <= b.value <= 1, key


def test_directions_of_pass_fail_lines():
    assert BENCHMARKS["acos_well_run"].direction == "max"
    assert BENCHMARKS["return_rate_max"].direction == "max"
    assert BENCHMARKS["cancellation_rate_alarm"].direction == "max"
    assert BENCHMARKS["rating_min"].direction == "min"
    assert BENCHMARKS["roas_min"].direction == "min"
    assert BENCHMARKS["inventory_turnover_min"].direction == "min"
    assert BENCHMARKS["ipi_storage_limit"].direction == "min"


def test_rating_sensitivity_is_marked_as_a_claim_to_test():
    b = BENCHMARKS["rating_sensitivity"]
    assert b.direction == "info"
    assert "claim to test" in b.meaning


def test_benchmark_is_frozen_and_mapping_read_only():
    b = BENCHMARKS["acos_well_run"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.value = 0.5  # type: ignore[misc]
    with pytest.raises(TypeError):
        BENCHMARKS["acos_well_run"] = b  # type: ignore[index]


def test_benchmark_rejects_unknown_direction():
    with pytest.raises(ValueError, match="direction"):
        Benchmark("x", 1.0, "fraction", "above", "meaning", "article")


def test_thresholds_defaults_are_floats():
    t = resolve_thresholds()
    assert set(t) == set(ARTICLE_VALUES)
    assert all(type(v) is float for v in t.values())
    assert t["acos_well_run"] == 0.22


def test_thresholds_overrides_apply_and_do_not_leak():
    t = resolve_thresholds(acos_well_run=0.25, rating_min=4.5, deals_per_month_min=3)
    assert t["acos_well_run"] == 0.25
    assert t["rating_min"] == 4.5
    assert t["deals_per_month_min"] == 3.0
    assert t["roas_min"] == 3.0  # untouched
    assert resolve_thresholds()["acos_well_run"] == 0.22  # the defaults are unchanged
    assert BENCHMARKS["acos_well_run"].value == 0.22


def test_unknown_override_names_key_and_close_matches():
    with pytest.raises(ValueError) as excinfo:
        resolve_thresholds(acos_wel_run=0.3)
    message = str(excinfo.value)
    assert "'acos_wel_run'" in message
    assert "'acos_well_run'" in message


def test_unknown_override_without_close_match():
    with pytest.raises(ValueError, match="'zzz'.*no close match"):
        resolve_thresholds(zzz=1)


def test_several_unknown_keys_are_all_named():
    with pytest.raises(ValueError) as excinfo:
        resolve_thresholds(roas_mn=2, ratin_min=4)
    message = str(excinfo.value)
    assert "'roas_mn'" in message and "'roas_min'" in message
    assert "'ratin_min'" in message and "'rating_min'" in message


def test_rate_override_as_percentage_is_refused():
    with pytest.raises(ValueError, match="fraction"):
        resolve_thresholds(acos_well_run=25)  # meant 25 %, i.e. 0.25


@pytest.mark.parametrize("bad", ["high", None, float("nan"), float("inf")])
def test_non_numeric_or_non_finite_override_is_refused(bad):
    with pytest.raises(ValueError, match="acos_well_run"):
        resolve_thresholds(acos_well_run=bad)


def test_benchmark_table():
    table = tabulate_benchmarks()
    assert isinstance(table, pd.DataFrame)
    assert list(table.columns) == ["key", "value", "unit", "direction", "meaning", "source"]
    assert len(table) == len(ARTICLE_VALUES)
    assert table["key"].is_unique
    assert table["value"].dtype == "float64"
    assert table.set_index("key").loc["return_rate_max", "value"] == 0.03


def test_benchmark_table_with_override():
    table = tabulate_benchmarks(roas_min=4).set_index("key")
    assert table.loc["roas_min", "value"] == 4.0
    with pytest.raises(ValueError, match="roas_mn"):
        tabulate_benchmarks(roas_mn=4)
