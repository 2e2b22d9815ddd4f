"""Tests of sellerops.core.money: amounts in two currencies are never summed."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sellerops.core.money import MixedCurrencyError, convert, sum_amounts


@pytest.fixture
def sales() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "marketplace": ["UK", "UK", "US", "US"],
            "sales": [10.0, 20.0, 5.0, 7.5],
            "fees": [1.0, np.nan, 0.5, 0.25],
            "currency": ["GBP", "GBP", "USD", "USD"],
        }
    )


# --------------------------------------------------------------------------- single currency
def test_total_single_currency():
    frame = pd.DataFrame({"sales": [10.0, 20.0, 2.5], "currency": ["USD"] * 3})
    result = sum_amounts(frame, "sales")
    # 10 + 20 + 2.5 = 32.5 USD
    expected = pd.DataFrame({"sales": [32.5], "currency": pd.Series(["USD"], dtype="str")})
    pd.testing.assert_frame_equal(result, expected)


def test_by_group_each_group_single_currency(sales):
    result = sum_amounts(sales, ["sales", "fees"], by="marketplace")
    # UK: 10 + 20 = 30 GBP, fees 1 + NaN = 1 ; US: 5 + 7.5 = 12.5 USD, fees 0.5 + 0.25 = 0.75
    expected = pd.DataFrame(
        {
            "marketplace": ["UK", "US"],
            "sales": [30.0, 12.5],
            "fees": [1.0, 0.75],
            "currency": pd.Series(["GBP", "USD"], dtype="str"),
        }
    )
    pd.testing.assert_frame_equal(result, expected)


def test_by_list_of_columns(sales):
    frame = sales.assign(month=["2024-01", "2024-02", "2024-01", "2024-01"])
    result = sum_amounts(frame, "sales", by=["marketplace", "month"])
    # UK/01: 10 ; UK/02: 20 ; US/01: 5 + 7.5 = 12.5
    assert result["sales"].tolist() == [10.0, 20.0, 12.5]
    assert result["currency"].tolist() == ["GBP", "GBP", "USD"]
    assert result["month"].tolist() == ["2024-01", "2024-02", "2024-01"]


def test_group_missing_key_is_kept_not_dropped():
    frame = pd.DataFrame({"sku": ["A", None, "A"], "sales": [1.0, 2.0, 3.0], "currency": ["EUR"] * 3})
    result = sum_amounts(frame, "sales", by="sku")
    # A: 1 + 3 = 4 ; missing sku: 2 -- nothing is lost
    assert result["sales"].tolist() == [4.0, 2.0]


def test_by_currency_column_itself():
    frame = pd.DataFrame({"sales": [1.0, 2.0, 4.0], "currency": ["GBP", "USD", "GBP"]})
    result = sum_amounts(frame, "sales", by="currency")
    # GBP: 1 + 4 = 5 ; USD: 2
    assert result.set_index("currency")["sales"].to_dict() == {"GBP": 5.0, "USD": 2.0}


# --------------------------------------------------------------------------- refusal
def test_mixed_currency_total_is_refused(sales):
    with pytest.raises(MixedCurrencyError) as excinfo:
        sum_amounts(sales, "sales")
    message = str(excinfo.value)
    assert "GBP" in message and "USD" in message
    assert "fx_rates" in message


def test_mixed_currency_within_a_group_is_refused(sales):
    frame = sales.assign(marketplace=["EU", "EU", "EU", "US"])
    with pytest.raises(MixedCurrencyError, match="EU"):
        sum_amounts(frame, "sales", by="marketplace")


def test_mixed_currency_error_is_a_value_error():
    assert issubclass(MixedCurrencyError, ValueError)


def test_currency_codes_compared_case_and_blank_insensitive():
    frame = pd.DataFrame({"sales": [1.0, 2.0], "currency": ["gbp", " GBP "]})
    result = sum_amounts(frame, "sales")
    # 1 + 2 = 3 GBP, one currency despite the spelling
    assert result["sales"].tolist() == [3.0]
    assert result["currency"].tolist() == ["GBP"]


@pytest.mark.parametrize("blank", [None, "", "  "])
def test_row_without_currency_is_refused(blank):
    frame = pd.DataFrame({"sales": [1.0, 2.0], "currency": ["USD", blank]})
    with pytest.raises(ValueError, match="no currency"):
        sum_amounts(frame, "sales")


def test_to_currency_without_rates_must_match_data():
    frame = pd.DataFrame({"sales": [1.0], "currency": ["GBP"]})
    assert sum_amounts(frame, "sales", to_currency="GBP")["sales"].tolist() == [1.0]
    with pytest.raises(ValueError, match="fx_rates"):
        sum_amounts(frame, "sales", to_currency="USD")


def test_fx_rates_without_to_currency_is_refused(sales):
    with pytest.raises(ValueError, match="to_currency"):
        sum_amounts(sales, "sales", fx_rates={"GBP": 1.25})


def test_missing_or_non_numeric_columns_are_named(sales):
    with pytest.raises(ValueError, match="'revenue'"):
        sum_amounts(sales, "revenue")
    with pytest.raises(ValueError, match="'region'"):
        sum_amounts(sales, "sales", by="region")
    with pytest.raises(ValueError, match="not numeric"):
        sum_amounts(sales.assign(sales=["1", "2", "3", "4"]), "sales", by="marketplace")


# --------------------------------------------------------------------------- conversion
def test_sum_with_fx_mapping(sales):
    result = sum_amounts(sales, ["sales", "fees"], fx_rates={"GBP": 1.25, "USD": 1.0}, to_currency="USD")
    # sales: (10 + 20) * 1.25 + 5 + 7.5 = 37.5 + 12.5 = 50.0 USD
    # fees: 1 * 1.25 + NaN + 0.5 + 0.25 = 2.0 USD
    expected = pd.DataFrame({"sales": [50.0], "fees": [2.0], "currency": pd.Series(["USD"], dtype="str")})
    pd.testing.assert_frame_equal(result, expected)


def test_sum_with_fx_dataframe_and_groups(sales):
    rates = pd.DataFrame({"currency": ["GBP", "USD"], "rate": [1.25, 1.0]})
    frame = sales.assign(marketplace=["EU", "EU", "EU", "US"])
    result = sum_amounts(frame, "sales", by="marketplace", fx_rates=rates, to_currency="USD")
    # EU: 10 * 1.25 + 20 * 1.25 + 5 = 12.5 + 25 + 5 = 42.5 ; US: 7.5
    assert result["sales"].tolist() == [42.5, 7.5]
    assert result["currency"].tolist() == ["USD", "USD"]


def test_to_currency_may_be_absent_from_table(sales):
    # USD not listed: its rate is 1. (10 + 20) * 1.25 + 5 + 7.5 = 50
    result = sum_amounts(sales, "sales", fx_rates={"GBP": 1.25}, to_currency="USD")
    assert result["sales"].tolist() == [50.0]


def test_currency_missing_from_fx_table_is_named(sales):
    frame = sales.assign(currency=["GBP", "EUR", "USD", "USD"])
    with pytest.raises(ValueError, match="EUR") as excinfo:
        sum_amounts(frame, "sales", fx_rates={"GBP": 1.25}, to_currency="USD")
    assert not isinstance(excinfo.value, MixedCurrencyError)


def test_target_rate_other_than_one_is_refused(sales):
    with pytest.raises(ValueError, match="must be 1"):
        convert(sales, "sales", {"GBP": 1.25, "USD": 1.1}, "USD")


@pytest.mark.parametrize("rate", [0, -1.2, float("nan"), "x"])
def test_bad_rate_is_refused(sales, rate):
    with pytest.raises(ValueError, match="GBP"):
        convert(sales, "sales", {"GBP": rate}, "USD")


def test_bad_fx_table_shape_is_refused(sales):
    with pytest.raises(ValueError, match="rate"):
        convert(sales, "sales", pd.DataFrame({"currency": ["GBP"], "fx": [1.25]}), "USD")
    with pytest.raises(ValueError, match="more than once"):
        convert(sales, "sales", pd.DataFrame({"currency": ["GBP", "gbp"], "rate": [1.2, 1.3]}), "USD")
    with pytest.raises(TypeError):
        convert(sales, "sales", [("GBP", 1.25)], "USD")  # type: ignore[arg-type]


def test_convert_keeps_rows_index_and_other_columns(sales):
    frame = sales.set_index(pd.Index([10, 11, 12, 13]))
    result = convert(frame, ["sales", "fees"], {"GBP": 1.25}, "usd")
    # 10 * 1.25 = 12.5 ; 20 * 1.25 = 25 ; USD unchanged. fees: 1 * 1.25 = 1.25 ; NaN stays NaN
    expected = frame.assign(
        sales=[12.5, 25.0, 5.0, 7.5],
        fees=[1.25, np.nan, 0.5, 0.25],
        currency="USD",
    )
    pd.testing.assert_frame_equal(result, expected, check_dtype=False)
    assert result["currency"].tolist() == ["USD"] * 4
    # the input is untouched
    assert frame["sales"].tolist() == [10.0, 20.0, 5.0, 7.5]
    assert frame["currency"].tolist() == ["GBP", "GBP", "USD", "USD"]


# --------------------------------------------------------------------------- NaN handling
def test_all_nan_sum_is_nan_not_zero():
    frame = pd.DataFrame({"sales": [np.nan, np.nan, 3.0], "sku": ["A", "A", "B"], "currency": ["USD"] * 3})
    result = sum_amounts(frame, "sales", by="sku")
    # A: NaN + NaN -> NaN (min_count=1) ; B: 3
    assert math.isnan(result["sales"].iloc[0])
    assert result["sales"].iloc[1] == 3.0
    assert math.isnan(sum_amounts(frame.iloc[:2], "sales")["sales"].iloc[0])


def test_empty_frame_total_is_nan():
    frame = pd.DataFrame({"sales": pd.Series([], dtype="float64"), "currency": pd.Series([], dtype="str")})
    result = sum_amounts(frame, "sales", to_currency="EUR")
    assert math.isnan(result["sales"].iloc[0])
    assert result["currency"].tolist() == ["EUR"]


# --------------------------------------------------------------------------- property
amounts = st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=20)


@given(gbp=amounts, usd=amounts, rate=st.floats(min_value=0.01, max_value=100))
def test_converted_total_equals_sum_of_parts(gbp, usd, rate):
    frame = pd.DataFrame({"amount": gbp + usd, "currency": ["GBP"] * len(gbp) + ["USD"] * len(usd)})
    total = sum_amounts(frame, "amount", fx_rates={"GBP": rate, "USD": 1.0}, to_currency="USD")["amount"].iloc[0]
    assert total == pytest.approx(sum(gbp) * rate + sum(usd), rel=1e-9, abs=1e-6)
