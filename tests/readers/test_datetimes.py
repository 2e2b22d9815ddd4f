"""Date parsing (readers/datetimes.py): explicit formats, stated order, localised month names."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sellerops.readers.datetimes import DATE_ORDER_FORMATS, parse_dates

cents = st.integers(min_value=-(10**10), max_value=10**10)


def _us(value_cents: int, symbol: str) -> str:
    sign = "-" if value_cents < 0 else ""
    return f"{sign}{symbol}{abs(value_cents) / 100:,.2f}"


def _eu(value_cents: int, symbol: str) -> str:
    sign = "-" if value_cents < 0 else ""
    us = f"{abs(value_cents) / 100:,.2f}"
    return f"{sign}{us.replace(',', '_').replace('.', ',').replace('_', '.')} {symbol}".strip()


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


def test_a_long_column_parses_each_distinct_text_once_with_the_same_result():
    from sellerops.readers.datetimes import FACTORIZE_ROWS, _parse_each

    cells = ["Sep 19, 2026", "2026-03-10", "", "-", "31/31/2026", None, "févr. 04, 2026"] * (FACTORIZE_ROWS // 3)
    column = pd.Series(cells, dtype="str")
    formats = ("%b %d, %Y", "%Y-%m-%d")
    fast, slow = parse_dates(column, formats), _parse_each(column, formats)
    pd.testing.assert_series_equal(fast.values, slow.values)
    pd.testing.assert_series_equal(fast.bad, slow.bad)
    assert fast.bad.sum() == len(cells) // 7 and fast.values.notna().sum() == 3 * len(cells) // 7
