"""Header normalisation: the one way every reader compares column names.

Amazon renames, re-cases and localises headers and changes trailing spaces
between vintages, so headers are compared after normalising: BOM stripped,
case folded, dashes and underscores folded, whitespace collapsed. The
attribution window (``7 Day …``/``14 Day …``) and a currency symbol in
brackets (``(₹)``) are lifted out as data, so that one alias covers them all.
Matching after normalising is exact — never by substring or position.

Examples
--------
>>> normalise_header("\\ufeff7 Day Total Sales (₹) ")
NormalisedHeader(key='<w> day total sales', window=7, currency_symbol='₹')
>>> normalise_header("Sessions – Total").key
'sessions - total'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")
_WINDOW_PREFIX = re.compile(r"^(\d+)(?:\s*days|\s*day|\s*tage,|-tage-|\s*日間の?)\s*")
_WINDOW_SUFFIX = re.compile(r"\s+in\s+(\d+)\s+tagen$")
_CURRENCY_SUFFIX = re.compile(
    r"\s*\((₹|£|€|\$|¥|₺|r\$|zł|kr|rs\.?|usd|gbp|eur|inr|cad|jpy|aud|mxn|aed|sar|egp|try|sek|pln|brl|sgd)\)$"
)
_SPACES = re.compile(r"\s+")

WINDOW = "<w>"


class NormalisedHeader(NamedTuple):
    """A header reduced to its matching key, with the data lifted out of it."""

    key: str
    window: int | None
    currency_symbol: str | None


def fold(text: object) -> str:
    """Fold a header for comparison: no BOM, NFKC, case folded, one kind of dash and space.

    Examples
    --------
    >>> fold("  Total Advertising Cost of Sales (ACoS) ")
    'total advertising cost of sales (acos)'
    """
    s = unicodedata.normalize("NFKC", str(text)).replace("\ufeff", "")
    s = s.translate(_DASHES).replace("_", " ").casefold()
    return _SPACES.sub(" ", s).strip()


@lru_cache(maxsize=65536)
def normalise_header(text: str) -> NormalisedHeader:
    """Return the matching key of a header plus its attribution window and currency.

    Examples
    --------
    >>> normalise_header("14 Day Brand Halo ASIN Sales (₹)").key
    '<w> day brand halo asin sales'
    >>> normalise_header("7 Days Total Sales").key
    '<w> day total sales'
    """
    s = fold(text)
    currency = None
    m = _CURRENCY_SUFFIX.search(s)
    if m:
        currency = m.group(1)
        s = s[: m.start()]
    window = None
    m = _WINDOW_PREFIX.match(s)
    if m:
        window = int(m.group(1))
        s = f"{WINDOW} day " + s[m.end() :]
    else:
        m = _WINDOW_SUFFIX.search(s)
        if m:
            window = int(m.group(1))
            s = f"{WINDOW} day " + s[: m.start()]
    return NormalisedHeader(s.strip(), window, currency)
