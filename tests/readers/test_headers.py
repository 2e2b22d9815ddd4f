"""Header normalisation (readers/headers.py): case, dashes, spaces, BOM, windows and currency signs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sellerops.readers.headers import normalise_header

cents = st.integers(min_value=-(10**10), max_value=10**10)


def _us(value_cents: int, symbol: str) -> str:
    sign = "-" if value_cents < 0 else ""
    return f"{sign}{symbol}{abs(value_cents) / 100:,.2f}"


def _eu(value_cents: int, symbol: str) -> str:
    sign = "-" if value_cents < 0 else ""
    us = f"{abs(value_cents) / 100:,.2f}"
    return f"{sign}{us.replace(',', '_').replace('.', ',').replace('_', '.')} {symbol}".strip()


@given(st.sampled_from(["Sessions - Total", "Sessions – Total", " sessions -  total ", "\ufeffSESSIONS - TOTAL"]))
def test_header_normalisation_folds_case_dashes_spaces_bom(header):
    assert normalise_header(header).key == "sessions - total"
    assert normalise_header(header + " - B2B").key != "sessions - total"


@given(st.sampled_from([7, 14, 30]), st.sampled_from(["", " (₹)", " (£)", " (€)"]), st.sampled_from(["", " "]))
def test_windows_and_currency_are_lifted_out_of_headers(window, currency, trailing):
    h = normalise_header(f"{window} Day Total Sales{currency}{trailing}")
    assert h.key == "<w> day total sales" and h.window == window
    assert (h.currency_symbol or "") == currency.strip(" ()")


def test_days_plural_in_headers():
    assert normalise_header("7 Days Total Sales").key == "<w> day total sales"
