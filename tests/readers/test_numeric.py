"""Number parsing (readers/numeric.py): property tests with hypothesis and hand-computed cells."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sellerops.readers.numeric import NULL_TOKENS, detect_decimal_mark, lookup_currency, parse_numbers

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


# Every marketplace's money: the sign or code before or after the number, joined by nothing, a space, a
# no-break space (U+00A0) or a narrow no-break space (U+202F); grouping and decimal marks of the country.
MONEY = [
    ("USD", "$", "1,234.56"),
    ("CAD", "CA$", "1,234.56"),
    ("AUD", "A$", "1,234.56"),
    ("MXN", "MX$", "1,234.56"),
    ("SGD", "S$", "1,234.56"),
    ("BRL", "R$", "1.234,56"),
    ("GBP", "£", "1,234.56"),
    ("EUR", "€", "1.234,56"),
    ("INR", "₹", "1,234.56"),
    ("INR", "Rs.", "1,234.56"),
    ("JPY", "¥", "1,234"),
    ("TRY", "₺", "1.234,56"),
    ("PLN", "zł", "1 234,56"),
    ("SEK", "kr", "1 234,56"),
    ("AED", "د.إ", "1,234.56"),
    ("SAR", "ر.س", "1,234.56"),
    ("EGP", "ج.م", "1,234.56"),
]
CODES = ["USD", "GBP", "EUR", "INR", "CAD", "JPY", "AUD", "MXN", "AED", "SAR", "EGP", "TRY", "SEK", "PLN", "BRL", "SGD"]
JOINS = ["", " ", "\u00a0", "\u202f"]


def _value(number: str) -> float:
    return 1234.0 if number == "1,234" else 1234.56


@pytest.mark.parametrize(("currency", "sign", "number"), MONEY, ids=[f"{c}-{s}" for c, s, _ in MONEY])
@pytest.mark.parametrize("join", JOINS, ids=["none", "space", "nbsp", "nnbsp"])
@pytest.mark.parametrize("after", [False, True], ids=["before", "after"])
def test_every_currency_sign_before_or_after(currency, sign, number, join, after):
    cell = f"{number}{join}{sign}" if after else f"{sign}{join}{number}"
    decimal = detect_decimal_mark([cell, cell])
    parsed = parse_numbers(pd.Series([cell, cell]), decimal=decimal)
    assert parsed.values.tolist() == [_value(number)] * 2, cell
    assert not parsed.bad.any()
    [(seen, _)] = parsed.currencies.items()
    assert lookup_currency(seen) == currency


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("after", [False, True], ids=["before", "after"])
def test_every_currency_code_before_or_after(code, after):
    cell = "1,234.56\u00a0" + code if after else code + " 1,234.56"
    parsed = parse_numbers(pd.Series([cell]), decimal=".")
    assert parsed.values.tolist() == [1234.56] and not parsed.bad.any()
    assert lookup_currency(next(iter(parsed.currencies))) == code
