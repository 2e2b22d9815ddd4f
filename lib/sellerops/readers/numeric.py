"""Number parsing for Amazon's text cells, vectorised.

Amazon writes the same quantity as ``$5,216.29``, ``"3,395"``, ``Rs.201.68``,
``1.999,55 €``, ``4.51%``, ``0,97%``, ``34.21`` (a percent without its sign)
or a real number in an xlsx cell. Blanks and ``-`` mean missing, never 0.
Whatever cannot be read is flagged so that the row is rejected and counted.

Examples
--------
>>> import pandas as pd
>>> p = parse_numbers(pd.Series(["$5,216.29", "-", "4.51%", "abc"]), kind="rate")
>>> p.values.round(4).tolist()[:3]
[5216.29, nan, 0.0451]
>>> p.bad.tolist()
[False, False, False, True]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: Cell texts that mean "no value" in Amazon and Helium 10 exports.
NULL_TOKENS = frozenset({"", "-", "--", "—", "n/a", "na", "n/r", "nan", "null", "none", "#n/a"})
_CURRENCY = r"Rs\.?|US\$|CA\$|A\$|[$£€₹¥]|\b(?:USD|GBP|EUR|INR|CAD|JPY|AUD|MXN)\b"
_CURRENCY_RE = re.compile(_CURRENCY)
SYMBOL_TO_CURRENCY = {
    "$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "₹": "INR", "Rs.": "INR", "Rs": "INR",
    "rs.": "INR", "rs": "INR", "¥": "JPY", "CA$": "CAD", "A$": "AUD",
}

Representation = Literal["fraction", "percent"]


@dataclass
class ParsedNumbers:
    """The numbers read from one column, with what could not be read."""

    values: pd.Series
    bad: pd.Series
    censored: int = 0
    currencies: Counter = field(default_factory=Counter)


def currency_of(symbol: str | None) -> str | None:
    """ISO code of a currency symbol or code as written in a cell or header.

    Examples
    --------
    >>> currency_of("£"), currency_of("Rs."), currency_of("usd")
    ('GBP', 'INR', 'USD')
    """
    if symbol is None:
        return None
    if symbol in SYMBOL_TO_CURRENCY:
        return SYMBOL_TO_CURRENCY[symbol]
    code = symbol.upper()
    return code if re.fullmatch(r"[A-Z]{3}", code) else None


def detect_decimal_mark(samples: Iterable[object]) -> str:
    """Decide whether a file writes decimals with ``.`` or ``,`` from the evidence in its cells.

    A cell such as ``1.999,55`` or ``0,97%`` votes for the comma, ``1,234.50`` or
    ``4.51`` for the point; ``1,234`` is ambiguous and does not vote. No votes: ``.``.

    Examples
    --------
    >>> detect_decimal_mark(["1.999,55 €", "0,97%", "1.234"])
    ','
    >>> detect_decimal_mark(["$1,234", "3,395", "4.51%"])
    '.'
    """
    comma = point = 0
    for raw in samples:
        if not isinstance(raw, str):
            continue
        s = re.sub(r"[^\d.,]", "", raw)
        if not s or not any(ch.isdigit() for ch in s):
            continue
        if "," in s and "." in s:
            if s.rfind(",") > s.rfind("."):
                comma += 1
            else:
                point += 1
        elif "," in s:
            if re.fullmatch(r"\d+,\d{1,2}|\d+,\d{4,}", s):
                comma += 1  # 0,97 or 12,5: a decimal comma; 1,234 is ambiguous and does not vote
        elif "." in s:
            if re.fullmatch(r"\d{1,3}(\.\d{3}){2,}", s):
                comma += 1  # 1.234.567: points group thousands
            elif re.fullmatch(r"\d+\.\d{1,2}|\d+\.\d{4,}", s):
                point += 1
    return "," if comma > point else "."


def _to_float(text: pd.Series) -> pd.Series:
    arr = pa.array(text.astype("str"), type=pa.string(), from_pandas=True)
    try:
        out = pc.cast(arr, pa.float64())
        return pd.Series(out.to_numpy(zero_copy_only=False), index=text.index, dtype="float64")
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pd.to_numeric(text, errors="coerce").astype("float64")


def parse_numbers(
    values: pd.Series,
    *,
    kind: Literal["number", "rate"] = "number",
    decimal: str = ".",
    bare: Representation = "fraction",
) -> ParsedNumbers:
    """Parse a column of cells into floats; rates come out as fractions.

    Parameters
    ----------
    values : Series
        Text cells (CSV) or cell values (xlsx: numbers stay numbers).
    kind : {"number", "rate"}
        A rate accepts a ``%`` sign and is returned as a fraction.
    decimal : {".", ","}
        The file's decimal mark (see :func:`detect_decimal_mark`).
    bare : {"fraction", "percent"}
        How a rate written without ``%`` is meant: ``0.0238`` (fraction, as in
        Ads xlsx cells) or ``2.38`` (percent number, as in Brand Analytics).

    Returns
    -------
    ParsedNumbers
        ``values`` (float64, NaN where missing), ``bad`` (True where a cell held
        something that is neither a number nor a missing marker), the number of
        censored cells (``>306`` is read as its bound 306) and the currencies seen.

    Examples
    --------
    >>> import pandas as pd
    >>> parse_numbers(pd.Series(["1.999,55 €", "(12,00)"]), decimal=",").values.tolist()
    [1999.55, -12.0]
    >>> parse_numbers(pd.Series(["34.21"]), kind="rate", bare="percent").values.round(4).tolist()
    [0.3421]
    """
    s = pd.Series(values).reset_index(drop=True)
    index = s.index
    out = pd.Series(np.nan, index=index, dtype="float64")
    if s.dtype == object:
        is_text = s.map(lambda v: isinstance(v, str))
        native = pd.to_numeric(s.where(~is_text & s.notna()), errors="coerce")
        native = native.astype("float64")
        if kind == "rate" and bare == "percent":
            native = native / 100.0
        out = out.where(native.isna(), native)
        text = s.where(is_text).astype("str")
    else:
        text = s.astype("str")

    t = text.str.strip()
    null = t.isna() | t.str.lower().isin(NULL_TOKENS)
    negative = t.str.match(r"^\(.*\)$", na=False)  # accounting style: (12.00)
    t = t.str.replace(r"^\((.*)\)$", r"\1", regex=True)
    censored = t.str.match(r"^[<>]=?", na=False)
    t = t.str.replace(r"^[<>]=?\s*", "", regex=True)
    has_pct = t.str.contains("%", regex=False, na=False)
    t = t.str.replace("%", "", regex=False)
    currencies: Counter = Counter()
    found = t.str.extract(f"({_CURRENCY})", expand=False).dropna()
    if len(found):
        currencies.update(found.value_counts().to_dict())
    t = t.str.replace(_CURRENCY, "", regex=True)
    t = t.str.replace(r"[\s\u00a0\u202f']", "", regex=True)
    if decimal == ",":
        t = t.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        t = t.str.replace(",", "", regex=False)
    num = _to_float(t.where(~null))
    num = num.where(np.isfinite(num))
    num = num.where(~(negative & (num > 0)), -num)
    if kind == "rate":
        scale = has_pct | (bare == "percent")
        num = num.where(~scale, num / 100.0)
    from_text = text.notna()
    out = out.where(~from_text, num)
    bad = from_text & ~null & num.isna()
    if not isinstance(values, pd.Series):
        return ParsedNumbers(out, bad, int(censored.sum()), currencies)
    out.index = values.index
    bad.index = values.index
    return ParsedNumbers(out, bad.astype(bool), int((censored & from_text).sum()), currencies)
