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
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: Cell texts that mean "no value" in Amazon and Helium 10 exports.
NULL_TOKENS = frozenset({"", "-", "--", "—", "n/a", "na", "n/r", "nan", "null", "none", "#n/a"})
#: Currency signs and codes as they are written in cells, and the currency each means. ``$`` alone is
#: ambiguous (US, CA, AU, MX and SG all write it); it reads as USD, and the caller decides where the
#: marketplace says otherwise (see :func:`sellerops.readers.provenance.decide_currency`).
SYMBOL_TO_CURRENCY = {
    "US$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "MX$": "MXN",
    "S$": "SGD",
    "R$": "BRL",
    "Rs.": "INR",
    "Rs": "INR",
    "zł": "PLN",
    "kr": "SEK",
    "₺": "TRY",
    "¥": "JPY",
    "￥": "JPY",
    "£": "GBP",
    "€": "EUR",
    "₹": "INR",
    "د.إ": "AED",
    "ر.س": "SAR",
    "ج.م": "EGP",
    "$": "USD",
}
#: ISO codes of the marketplaces' currencies, as they may stand in a cell (``AED 1,234.00``).
CURRENCY_CODES = (
    "USD", "GBP", "EUR", "INR", "CAD", "JPY", "AUD", "MXN", "AED", "SAR", "EGP", "TRY", "SEK", "PLN", "BRL", "SGD",
)  # fmt: skip
#: The one sign that several marketplaces share.
AMBIGUOUS_SIGN = "$"
_TOKENS = sorted(set(CURRENCY_CODES) | set(SYMBOL_TO_CURRENCY), key=len, reverse=True)
#: Signs as headers write them once folded to lower case (``(r$)``, ``(rs.)``).
_FOLDED = {k.casefold(): v for k, v in SYMBOL_TO_CURRENCY.items()}
_CURRENCY = "|".join(re.escape(t) for t in _TOKENS)
_CURRENCY_RE = re.compile(_CURRENCY)


Representation = Literal["fraction", "percent"]


@dataclass
class ParsedNumbers:
    """The numbers read from one column, with what could not be read."""

    values: pd.Series
    bad: pd.Series
    censored: int = 0
    currencies: Counter = field(default_factory=Counter)


def lookup_currency(symbol: str | None) -> str | None:
    """ISO code of a currency symbol or code as written in a cell or header.

    Examples
    --------
    >>> lookup_currency("£"), lookup_currency("rs."), lookup_currency("usd"), lookup_currency("r$"), lookup_currency("zł")
    ('GBP', 'INR', 'USD', 'BRL', 'PLN')
    """
    if symbol is None:
        return None
    if symbol in SYMBOL_TO_CURRENCY:
        return SYMBOL_TO_CURRENCY[symbol]
    if symbol.casefold() in _FOLDED:
        return _FOLDED[symbol.casefold()]
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
        if re.search(r"\d\s?€\s*$", raw):  # 1.234 € : the sign after the number is the continental style
            comma += 1
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


_NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"
# Digits grouped in thousands (or the Indian lakh grouping 1,44,957), then an optional fraction.
_GROUPED_COMMA = r"^[+-]?(\d{1,3}(,\d{3})+|\d{1,2}(,\d{2})+,\d{3})(\.\d*)?([eE][+-]?\d+)?$"
_GROUPED_POINT = r"^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$"


def _arrow_text(values: pd.Series) -> pa.Array:
    arr = pa.array(values.astype("str"), type=pa.string(), from_pandas=True)
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


#: Removed by plain replacement before anything slower is tried (longer signs before the ones they contain).
_LITERAL_NOISE = (
    *[t for t in _TOKENS if not t.isalpha() or not t.isascii()],
    "%",
    "(",
    ")",
    ">",
    "<",
    "=",
    " ",
    "\u00a0",
    "\u202f",
)


def _currencies(t: pa.Array, sample: int = 50_000) -> Counter:
    """Currency signs seen in the cells (in the first ``sample`` cells: a column has one currency)."""
    counts = pc.value_counts(pc.replace_substring_regex(t.slice(0, sample), r"\d[\d.,\s\x{00a0}\x{202f}]*", ""))
    out: Counter = Counter()
    for value, n in zip(counts.field("values").to_pylist(), counts.field("counts").to_pylist()):
        if value:
            m = _CURRENCY_RE.search(value)
            if m:
                out[m.group(0)] += n
    return out


#: A character that a plain number (``-12.5e3``) never holds; cells are joined by NUL in the sample.
_NOT_PLAIN = re.compile(r"[^0-9.+\-eE\x00]")
#: Missing markers as they are written, in the casings seen in exports (``N/A``, ``n/a``, ``NULL``).
_NULL_CELLS = pa.array(sorted({v for token in NULL_TOKENS for v in (token, token.upper(), token.title())}))


def _cast(t: pa.Array, null: np.ndarray) -> np.ndarray | None:
    """The cells as float64 when every one that is not missing is a plain number, else None."""
    try:
        return pc.cast(pc.if_else(pa.array(null), pa.scalar(None, pa.string()), t), pa.float64()).to_numpy(
            zero_copy_only=False
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def _cast_without_signs(t: pa.Array, null: np.ndarray, blob: str, kind: str) -> tuple[np.ndarray | None, np.ndarray]:
    """Cast after removing the currency signs, spaces and (for rates) ``%`` seen in the sample, and the
    thousands commas; the mask says which cells group their digits wrongly ("1,2,3" is not 123)."""
    for token in _LITERAL_NOISE:
        if token in blob and (token != "%" or kind == "rate"):
            t = pc.replace_substring(t, token, "")
    misgrouped = np.zeros(len(t), dtype=bool)
    if "," in blob or pc.any(pc.match_substring(t, ",")).as_py():
        misgrouped = _mask(pc.and_(pc.match_substring(t, ","), pc.invert(pc.match_substring_regex(t, _GROUPED_COMMA))))
        if misgrouped.any():  # a code left in the cell ("USD 1,234") or real misgrouping: the slow path decides
            return None, misgrouped
        t = pc.replace_substring(t, ",", "")
    return _cast(t, null), misgrouped


def _parse_slowly(t: pa.Array, null: np.ndarray, blob: str, decimal: str):
    """Every cell checked by regular expression: accounting negatives ``(12.00)``, bounds ``>306``, codes, odd spaces."""
    negative = _mask(pc.and_(pc.starts_with(t, "("), pc.ends_with(t, ")")))  # accounting style: (12.00)
    censored = _mask(pc.or_(pc.starts_with(t, ">"), pc.starts_with(t, "<")))
    for token in _LITERAL_NOISE:
        if token in blob:
            t = pc.replace_substring(t, token, "")
    digits_only = _mask(pc.match_substring_regex(t, r"^[+-]?[\d.,]+([eE][+-]?\d+)?$"))
    if (~digits_only & ~null).any():  # signs missing from the sample, currency codes, odd spaces
        t = pc.replace_substring_regex(t, _CURRENCY, "")
        t = pc.replace_substring_regex(t, r"[()<>=%\s\x{00a0}\x{202f}\x{200f}\x{200e}']", "")
    # Thousands separators must group digits properly: "1,2,3" is not 123.
    grouping = _GROUPED_COMMA if decimal == "." else _GROUPED_POINT
    separator = "," if decimal == "." else "."
    misgrouped = _mask(pc.and_(pc.match_substring(t, separator), pc.invert(pc.match_substring_regex(t, grouping))))
    if decimal == ",":
        t = pc.replace_substring(pc.replace_substring(t, ".", ""), ",", ".")
    else:
        t = pc.replace_substring(t, ",", "")
    valid = _mask(pc.match_substring_regex(t, _NUMBER)) & ~misgrouped & ~null
    t = pc.if_else(pa.array(valid), t, pa.scalar(None, pa.string()))
    num = pc.cast(t, pa.float64()).to_numpy(zero_copy_only=False)
    return num, valid, negative, censored


def _mask(arr: pa.Array) -> np.ndarray:
    return pc.fill_null(arr, False).to_numpy(zero_copy_only=False).astype(bool)


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
        is_bool = s.map(lambda v: isinstance(v, (bool, np.bool_)))  # TRUE in a money cell is not 1.0
        native = pd.to_numeric(s.where(~is_text & ~is_bool & s.notna()), errors="coerce").astype("float64")
        native = native.where(np.isfinite(native))
        if kind == "rate" and bare == "percent":
            native = native / 100.0
        out = out.where(native.isna(), native)
        if not is_text.any():  # xlsx cells that are all numbers or empty: nothing to clean
            bad = s.notna() & native.isna()
            if isinstance(values, pd.Series):
                out.index = bad.index = values.index
            return ParsedNumbers(out, bad.astype(bool), 0, Counter())
        text = s.where(is_text)
    else:
        text = s
    # Everything below runs in Arrow's C++ kernels. Clean columns take one cast; columns with currency
    # signs lose the signs seen in a sample by plain replacement and are cast again; only what is still
    # unread meets the slower regular expressions (5 million money cells take well under a second).
    t = pc.utf8_trim_whitespace(_arrow_text(text))
    from_text = _mask(pc.is_valid(t))
    null = _mask(pc.is_in(t, value_set=_NULL_CELLS)) | ~from_text
    currencies: Counter = Counter()
    has_pct = negative = censored = misgrouped = np.zeros(len(s), dtype=bool)
    sample = [v for v in t.slice(0, 20_000).to_pylist() if v]
    blob = "\x00".join(sample)  # one string: a sign is looked up once, not once per cell
    # a failing cast costs more than the parse: try it only where the sample holds nothing but numbers
    plain = decimal == "." and not _NOT_PLAIN.search(blob)
    num = _cast(t, null) if plain else None
    if num is not None:
        valid = ~null
    else:
        # missing markers in any casing ("N/a"); the cast above only knew the usual ones
        null = _mask(pc.is_in(pc.utf8_lower(t), value_set=pa.array(sorted(NULL_TOKENS)))) | ~from_text
        if _CURRENCY_RE.search(blob):
            currencies = _currencies(t)
        if kind == "rate":
            has_pct = _mask(pc.match_substring(t, "%"))
        if decimal == "." and not any(c in blob for c in "()<>="):
            num, misgrouped = _cast_without_signs(t, null, blob, kind)
        if num is not None:
            valid = ~null & ~misgrouped
        else:
            num, valid, negative, censored = _parse_slowly(t, null, blob, decimal)
    valid &= ~null
    num = np.where(valid, num, np.nan)
    valid &= ~np.isinf(num)  # 1e999 overflows: unreadable, not missing
    num = np.where(np.isfinite(num), num, np.nan)
    num = np.where(negative & (num > 0), -num, num)
    if kind == "rate":
        num = np.where(has_pct | (bare == "percent"), num / 100.0, num)
    out = out.where(~from_text, pd.Series(num, index=index))
    bad = pd.Series(from_text & ~null & ~valid, index=index)
    censored = pd.Series(censored & from_text, index=index)
    if isinstance(values, pd.Series):
        out.index = values.index
        bad.index = values.index
    return ParsedNumbers(out, bad.astype(bool), int(censored.sum()), currencies)
