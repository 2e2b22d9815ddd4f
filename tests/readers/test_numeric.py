"""Number parsing (readers/numeric.py): property tests with hypothesis and hand-computed cells."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sellerops.readers.numeric import NULL_TOKENS, detect_decimal_mark, parse_numbers

cents = st.integers(min_value=-(10**10), max_value=10**10)


def _us(value_cents: int, symbol: str) -> str:
    sign = "-" if value_cents < 0 else ""
    return f"{sign}{symbol}{abs(value_cents) / 100:,.2f}"


def _eu(value_cents: int, symbol: str) -> str:
    sign = "-" if value_cents < 0 else ""
    us = f"{abs(value_cents) / 100:,.2f}"
    return f"{sign}{us.replace(',', '_').replace('.', ',').replace('_', '.')} {symbol}".strip()


@given(cents, st.sampled_from(["$", "£", "₹", "Rs.", ""]))
def test_us_style_money_round_trips(value_cents, symbol):
    text = _us(value_cents, symbol)
    parsed = parse_numbers(pd.Series([text]))
    assert not parsed.bad.iloc[0]
    assert parsed.values.iloc[0] == pytest.approx(value_cents / 100, abs=1e-9)


@given(cents, st.sampled_from(["€", ""]))
def test_eu_style_money_round_trips_with_decimal_comma(value_cents, symbol):
    text = _eu(value_cents, symbol)
    parsed = parse_numbers(pd.Series([text]), decimal=",")
    assert parsed.values.iloc[0] == pytest.approx(value_cents / 100, abs=1e-9)


@given(st.lists(cents.filter(lambda c: abs(c) >= 100_000 and c % 100 != 0), min_size=1, max_size=20))
def test_decimal_mark_is_read_from_the_cells(values):
    assert detect_decimal_mark([_eu(v, "€") for v in values]) == ","
    assert detect_decimal_mark([_us(v, "$") for v in values]) == "."


@given(st.integers(min_value=0, max_value=1_000_000))
def test_percent_strings_and_bare_percent_numbers_are_fractions(basis_points):
    pct = f"{basis_points / 100:.2f}"
    with_sign = parse_numbers(pd.Series([pct + "%"]), kind="rate").values.iloc[0]
    bare_percent = parse_numbers(pd.Series([pct]), kind="rate", bare="percent").values.iloc[0]
    bare_fraction = parse_numbers(pd.Series([f"{basis_points / 10000:.4f}"]), kind="rate").values.iloc[0]
    assert with_sign == pytest.approx(basis_points / 10000, abs=1e-12)
    assert bare_percent == pytest.approx(basis_points / 10000, abs=1e-12)
    assert bare_fraction == pytest.approx(basis_points / 10000, abs=1e-12)


@given(st.sampled_from(sorted(NULL_TOKENS | {"  ", "-", "N/R"})), st.sampled_from(["number", "rate"]))
def test_missing_markers_are_missing_never_zero(token, kind):
    parsed = parse_numbers(pd.Series([token, "1"]), kind=kind)
    assert pd.isna(parsed.values.iloc[0]) and not parsed.bad.iloc[0]


@given(st.text(alphabet="abcxyz#!?@", min_size=1, max_size=8).filter(lambda s: s.lower() not in NULL_TOKENS))
def test_garbage_is_flagged_not_zero(text):
    parsed = parse_numbers(pd.Series([text]))
    assert parsed.bad.iloc[0] and pd.isna(parsed.values.iloc[0])


@pytest.mark.parametrize(
    "cell, decimal",
    [("1,2,3", "."), ("1e999", "."), ("$1e400", "."), ("1.2.3", ","), ("12 units", "."), ("1 234,50", ".")],
)
def test_misgrouped_and_overflowing_numbers_are_unreadable_not_guessed(cell, decimal):
    parsed = parse_numbers(pd.Series([cell]), decimal=decimal)
    assert parsed.bad.iloc[0] and pd.isna(parsed.values.iloc[0])


@pytest.mark.parametrize(
    "cell, decimal, value",
    [
        ("1,44,957.78", ".", 144957.78),
        ("USD 1,234", ".", 1234.0),
        ("1.999,55 €", ",", 1999.55),
        ("1 234,50", ",", 1234.5),
    ],
)
def test_grouped_numbers_in_every_convention(cell, decimal, value):
    assert parse_numbers(pd.Series([cell]), decimal=decimal).values.iloc[0] == pytest.approx(value)


def test_a_true_cell_in_a_money_column_is_not_one():
    parsed = parse_numbers(pd.Series([True, 2.5], dtype=object))
    assert parsed.bad.tolist() == [True, False] and parsed.values.iloc[1] == 2.5


def test_euro_sign_after_the_number_means_decimal_comma():
    assert detect_decimal_mark(["1.234 €", "12.345 €", "999 €"]) == ","
