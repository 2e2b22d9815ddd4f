"""Number formats (show/formats.py): one formatter for notebook, report and index."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sellerops.show.formats import format_money, format_value, jsonable


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (65402, "count", "65,402"),
        (2.5, "count", "2.5"),
        (0.0451, "fraction", "4.5%"),
        (1234.5, "money:USD", "$1,234.50"),
        (-12, "money:GBP", "-£12.00"),
        (99.5, "money:SEK", "SEK 99.50"),
        (3.256, "ratio", "3.26"),
        (12.34, "days", "12.3 days"),
        (4.55, "stars", "4.5 ★"),
        ("4 of 4", "text", "4 of 4"),
        (None, "count", ""),
        (float("nan"), "fraction", ""),
        (np.int64(7), "count", "7"),
    ],
)
def test_format_value(value, unit, text):
    assert format_value(value, unit) == text


def test_jsonable_and_money_default():
    assert jsonable(pd.Timestamp("2026-10-31 13:00")) == "2026-10-31"
    assert jsonable(np.float64(0.1234567891)) == 0.123457
    assert format_money(5, "") == " 5.00".strip() or format_money(5, "USD") == "$5.00"
    assert format_value(5, "money") == "$5.00"
