"""Property tests for the number, date and header parsers (hypothesis)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sellerops.readers.datetimes import DATE_ORDER_FORMATS, parse_dates
from sellerops.readers.headers import normalise_header
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


@settings(max_examples=200)
@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31)),
    st.sampled_from(["%b %d, %Y", "%Y-%m-%d", "%d.%m.%Y"]),
)
def test_dates_round_trip_through_their_format(day, fmt):
    parsed = parse_dates(pd.Series([day.strftime(fmt)]), (fmt,))
    assert parsed.values.iloc[0] == pd.Timestamp(day)


@settings(max_examples=200)
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31)))
def test_slash_dates_follow_the_stated_order_never_a_guess(day):
    us = parse_dates(pd.Series([day.strftime("%m/%d/%Y")]), DATE_ORDER_FORMATS["MDY"]).values.iloc[0]
    eu = parse_dates(pd.Series([day.strftime("%d/%m/%Y")]), DATE_ORDER_FORMATS["DMY"]).values.iloc[0]
    assert us == pd.Timestamp(day) and eu == pd.Timestamp(day)


@given(st.sampled_from(["Sessions - Total", "Sessions – Total", " sessions -  total ", "\ufeffSESSIONS - TOTAL"]))
def test_header_normalisation_folds_case_dashes_spaces_bom(header):
    assert normalise_header(header).key == "sessions - total"
    assert normalise_header(header + " - B2B").key != "sessions - total"


@given(st.sampled_from([7, 14, 30]), st.sampled_from(["", " (₹)", " (£)", " (€)"]), st.sampled_from(["", " "]))
def test_windows_and_currency_are_lifted_out_of_headers(window, currency, trailing):
    h = normalise_header(f"{window} Day Total Sales{currency}{trailing}")
    assert h.key == "<w> day total sales" and h.window == window
    assert (h.currency_symbol or "") == currency.strip(" ()")


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


@pytest.mark.parametrize(
    "text, iso",
    [
        ("4 févr. 2026", "2026-02-04"),
        ("4 giu 2026", "2026-06-04"),
        ("5 Okt 2026", "2026-10-05"),
        ("3 ene 2026", "2026-01-03"),
    ],
)
def test_localised_month_names(text, iso):
    parsed = parse_dates(pd.Series([text]), ("%d %b %Y",))
    assert parsed.values.iloc[0] == pd.Timestamp(iso) and not parsed.bad.iloc[0]


def test_days_plural_in_headers():
    assert normalise_header("7 Days Total Sales").key == "<w> day total sales"
