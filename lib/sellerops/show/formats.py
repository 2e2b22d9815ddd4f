"""Numbers as a person reads them: thousands separators, money with its currency, rates as percents.

One formatter for the notebook, the HTML report and the index page, so a KPI reads the same
everywhere. Units are those of :class:`sellerops.core.results.KPI`.

Examples
--------
>>> format_value(65402, "count"), format_value(0.2234, "fraction"), format_value(1234.5, "money:USD")
('65,402', '22.3%', '$1,234.50')
>>> format_value(1234.5, "money:GBP"), format_value(89.9, "money:SEK"), format_value(None, "count")
('£1,234.50', 'SEK 89.90', '')
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

#: Signs written before the amount; other currencies are written as their ISO code.
CURRENCY_SIGNS = {"USD": "$", "GBP": "£", "EUR": "€", "INR": "₹", "JPY": "¥", "CAD": "CA$", "AUD": "A$"}


def jsonable(value):
    """A value that JSON can hold: numpy scalars unwrapped, NaN as None, dates as ``YYYY-MM-DD``.

    Examples
    --------
    >>> jsonable(np.int64(3)), jsonable(float("nan")), jsonable(pd.Timestamp("2026-10-31"))
    (3, None, '2026-10-31')
    """
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if math.isnan(value) else round(float(value), 6)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return value if isinstance(value, (int, str, bool)) or value is None else str(value)


def format_money(value: float, currency: str, decimals: int = 2) -> str:
    """``$1,234.50``, ``-£3.00``, ``SEK 89.90``.

    Examples
    --------
    >>> format_money(-3, "GBP")
    '-£3.00'
    """
    sign = "-" if value < 0 else ""
    body = f"{abs(value):,.{decimals}f}"
    symbol = CURRENCY_SIGNS.get(currency)
    return f"{sign}{symbol}{body}" if symbol else f"{sign}{currency} {body}"


def format_value(value, unit: str = "count") -> str:
    """A value as shown: by its unit; text and dates as they are; missing as an empty string."""
    value = jsonable(value)
    if value is None:
        return ""
    if isinstance(value, str) or isinstance(value, bool):
        return str(value)
    kind, _, currency = unit.partition(":")
    if kind == "fraction":
        return f"{value:.1%}"
    if kind == "money":
        return format_money(value, currency or "USD")
    if kind == "count":
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    if kind == "ratio":
        return f"{value:,.2f}"
    if kind in ("days", "hours"):
        return f"{value:,.1f} {kind}"
    if kind == "stars":
        return f"{value:.1f} ★"
    return f"{value:,.2f}"
