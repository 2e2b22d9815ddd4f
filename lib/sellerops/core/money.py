"""Amounts in several currencies: never summed without an exchange-rate table.

A seller selling in the US, UK and EU marketplaces downloads reports in USD, GBP and EUR. Adding
those numbers gives a figure in no currency at all, so :func:`sum_amounts` refuses to do it
(:class:`MixedCurrencyError`) unless it is given exchange rates.

Exchange rates (``fx_rates``) are **units of** ``to_currency`` **per one unit of the currency**:
with ``to_currency="USD"``, ``{"GBP": 1.27, "EUR": 1.08, "USD": 1.0}`` means 1 GBP = 1.27 USD.
They can be a mapping ``{currency: rate}`` or a DataFrame with columns ``currency`` and ``rate``.
``to_currency`` itself may be omitted from the table (its rate is 1); if present it must be 1.
Currency codes are compared after stripping blanks and upper-casing (``" gbp"`` is ``"GBP"``).

Examples
--------
>>> import pandas as pd
>>> from sellerops.core.money import sum_amounts
>>> sales = pd.DataFrame({"sales": [10.0, 5.0], "currency": ["GBP", "USD"]})
>>> sum_amounts(sales, "sales", fx_rates={"GBP": 1.25}, to_currency="USD")
   sales currency
0   17.5      USD
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence

import pandas as pd

__all__ = ["MixedCurrencyError", "convert", "parse_rates", "rates_into", "sum_amounts"]

#: An exchange-rate table: {currency: rate} or a DataFrame with columns currency, rate.
FxRates = Mapping[str, float] | pd.DataFrame


class MixedCurrencyError(ValueError):
    """Amounts in more than one currency were to be summed without exchange rates.

    Examples
    --------
    >>> issubclass(MixedCurrencyError, ValueError)
    True
    """


def _as_list(columns: str | Sequence[str]) -> list[str]:
    return [columns] if isinstance(columns, str) else list(columns)


def _normalise_code(code: object) -> str:
    return str(code).strip().upper()


def _check_frame(
    frame: pd.DataFrame, columns: list[str], currency_column: str, by: list[Hashable] | None = None
) -> None:
    """Raise a clear ValueError for missing or non-numeric columns and missing currencies."""
    if not columns:
        raise ValueError("no amount columns given")
    missing = [c for c in [*columns, currency_column, *(by or [])] if c not in frame.columns]
    if missing:
        raise ValueError(f"column(s) {missing} not in the frame; columns present: {list(frame.columns)}")
    not_numeric = [c for c in columns if not pd.api.types.is_numeric_dtype(frame[c])]
    if not_numeric:
        raise ValueError(
            f"amount column(s) {not_numeric} are not numeric "
            f"(dtypes: {[str(frame[c].dtype) for c in not_numeric]}); parse them first"
        )
    codes = frame[currency_column]
    no_currency = codes.isna() | (codes.astype("str").str.strip() == "")
    if no_currency.any():
        rows = list(frame.index[no_currency][:5])
        raise ValueError(
            f"{int(no_currency.sum())} row(s) have no currency in column {currency_column!r} "
            f"(e.g. index {rows}); amounts without a currency cannot be summed safely"
        )


def _rate_table(fx_rates: FxRates, to_currency: str) -> dict[str, float]:
    """Return ``fx_rates`` as ``{CODE: rate}``, validated, with ``to_currency`` at 1."""
    if isinstance(fx_rates, pd.DataFrame):
        missing = [c for c in ("currency", "rate") if c not in fx_rates.columns]
        if missing:
            raise ValueError(f"fx_rates DataFrame needs columns 'currency' and 'rate'; missing {missing}")
        pairs = list(zip(fx_rates["currency"], fx_rates["rate"], strict=True))
    elif isinstance(fx_rates, Mapping):
        pairs = list(fx_rates.items())
    else:
        raise TypeError(
            "fx_rates must be a mapping {currency: rate} or a DataFrame with columns "
            f"currency, rate; got {type(fx_rates).__name__}"
        )
    rates: dict[str, float] = {}
    for code, rate in pairs:
        key = _normalise_code(code)
        if key in rates:
            raise ValueError(f"fx_rates lists currency {key!r} more than once")
        try:
            value = float(rate)
        except (TypeError, ValueError):
            raise ValueError(f"fx rate for {key!r} is not a number: {rate!r}") from None
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"fx rate for {key!r} must be a positive number, got {rate!r}")
        rates[key] = value
    target = _normalise_code(to_currency)
    if target in rates and rates[target] != 1.0:
        raise ValueError(
            f"fx_rates gives {target!r} (the target currency) a rate of {rates[target]}; "
            f"rates are units of {target} per unit of each currency, so {target} must be 1"
        )
    rates[target] = 1.0
    return rates


def convert(
    frame: pd.DataFrame,
    columns: str | Sequence[str],
    fx_rates: FxRates,
    to_currency: str,
    currency_column: str = "currency",
) -> pd.DataFrame:
    """Return a copy of ``frame`` with the amount ``columns`` converted to ``to_currency``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows with amounts and a currency code per row.
    columns : str or sequence of str
        Amount columns to convert; other columns are copied unchanged.
    fx_rates : mapping or pandas.DataFrame
        Units of ``to_currency`` per one unit of each currency (see the module docstring).
    to_currency : str
        Currency of the result.
    currency_column : str, default "currency"
        Column holding each row's currency code; set to ``to_currency`` in the result.

    Returns
    -------
    pandas.DataFrame
        Same index and columns; amounts as float64 in ``to_currency`` (NaN stays NaN).

    Raises
    ------
    ValueError
        A currency of the frame is missing from ``fx_rates`` (the message names it), a rate is not
        a positive number, a column is missing or not numeric, or a row has no currency.

    Examples
    --------
    >>> import pandas as pd
    >>> fees = pd.DataFrame({"fee": [2.0, 4.0], "currency": ["EUR", "USD"]})
    >>> convert(fees, "fee", {"EUR": 1.1, "USD": 1.0}, "USD")
       fee currency
    0  2.2      USD
    1  4.0      USD
    """
    columns = _as_list(columns)
    _check_frame(frame, columns, currency_column)
    rates = _rate_table(fx_rates, to_currency)
    codes = frame[currency_column].map(_normalise_code)
    unknown = sorted(set(codes) - set(rates))
    if unknown:
        raise ValueError(
            f"no exchange rate for {unknown} to {_normalise_code(to_currency)}; "
            f"fx_rates has {sorted(rates)}. Add e.g. fx_rates={{{unknown[0]!r}: <"
            f"{_normalise_code(to_currency)} per 1 {unknown[0]}>, ...}}"
        )
    factor = codes.map(rates).astype("float64")
    out = frame.copy()
    for column in columns:
        out[column] = frame[column].astype("float64") * factor
    out[currency_column] = _normalise_code(to_currency)
    return out


def sum_amounts(
    frame: pd.DataFrame,
    columns: str | Sequence[str],
    by: Hashable | Sequence[Hashable] | None = None,
    currency_column: str = "currency",
    fx_rates: FxRates | None = None,
    to_currency: str | None = None,
) -> pd.DataFrame:
    """Sum amount columns, refusing to add different currencies without exchange rates.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows with amounts and a currency code per row.
    columns : str or sequence of str
        Amount columns to sum.
    by : column name or list of column names, optional
        Group keys; None sums the whole frame into one row. Missing keys form their own group.
    currency_column : str, default "currency"
        Column holding each row's currency code.
    fx_rates : mapping or pandas.DataFrame, optional
        Units of ``to_currency`` per one unit of each currency (see the module docstring). When
        given, every amount is converted with :func:`convert` before summing.
    to_currency : str, optional
        Currency of the result; required with ``fx_rates``. Without ``fx_rates`` it only asserts
        that the amounts are already in that currency.

    Returns
    -------
    pandas.DataFrame
        One row per group (one row in all when ``by`` is None), with the ``by`` columns, the
        summed ``columns`` (float64) and ``currency_column`` holding the single currency of the
        group. Sums skip NaN; a sum of only NaN (or of no rows) is NaN.

    Raises
    ------
    MixedCurrencyError
        The frame (``by`` None) or a group holds more than one currency and no ``fx_rates`` were
        given; the message names the currencies found.
    ValueError
        A currency is missing from ``fx_rates``, ``to_currency`` is missing with ``fx_rates`` or
        differs from the data without them, a column is missing or not numeric, or a row has no
        currency.

    Examples
    --------
    >>> import pandas as pd
    >>> sales = pd.DataFrame({"marketplace": ["UK", "UK", "US"],
    ...                       "sales": [10.0, 20.0, 5.0],
    ...                       "currency": ["GBP", "GBP", "USD"]})
    >>> sum_amounts(sales, "sales", by="marketplace")
      marketplace  sales currency
    0          UK   30.0      GBP
    1          US    5.0      USD
    >>> sum_amounts(sales, "sales")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    sellerops.core.money.MixedCurrencyError: amounts in different currencies ...
    """
    columns = _as_list(columns)
    keys: list[Hashable] = (
        [] if by is None else ([by] if isinstance(by, (str, tuple)) or not isinstance(by, Sequence) else list(by))
    )
    _check_frame(frame, columns, currency_column, keys)
    if fx_rates is not None:
        if to_currency is None:
            raise ValueError("fx_rates given without to_currency: say which currency the rates convert to")
        frame = convert(frame, columns, fx_rates, to_currency, currency_column)
    work = frame[[*keys, *columns]].copy()
    for column in columns:
        work[column] = work[column].astype("float64")
    work[currency_column] = frame[currency_column].map(_normalise_code)

    if keys:
        grouped = work.groupby(keys, dropna=False, sort=True)
        currencies = grouped[currency_column].unique()
    else:
        currencies = pd.Series([work[currency_column].unique()], dtype=object)
    mixed = {(key if keys else "all rows"): sorted(codes) for key, codes in currencies.items() if len(codes) > 1}
    if mixed:
        found = sorted({code for codes in mixed.values() for code in codes})
        where = "" if not keys else (" in group(s) " + ", ".join(f"{k!r}: {v}" for k, v in list(mixed.items())[:5]))
        raise MixedCurrencyError(
            f"amounts in different currencies {found}{where} cannot be summed. Pass exchange "
            f"rates, e.g. sum_amounts(..., fx_rates={{{found[0]!r}: 1.0, {found[1]!r}: <units "
            f"of {found[0]} per 1 {found[1]}>}}, to_currency={found[0]!r}), or sum by "
            f"{currency_column!r}"
        )
    target = None if to_currency is None else _normalise_code(to_currency)
    if target is not None and fx_rates is None:
        other = sorted(set(work[currency_column]) - {target})
        if other:
            raise ValueError(f"amounts are in {other}, not {target!r}; pass fx_rates to convert them")

    if keys:
        result = grouped[columns].sum(min_count=1)
        if currency_column not in keys:
            result[currency_column] = currencies.map(lambda codes: codes[0]).astype("str")
        return result.reset_index()

    sums = {column: [work[column].sum(min_count=1)] for column in columns}
    codes = work[currency_column].unique()
    currency = codes[0] if len(codes) else target
    result = pd.DataFrame(sums, dtype="float64")
    result[currency_column] = pd.Series([currency], dtype="str")
    return result


def parse_rates(text: str) -> dict[str, float]:
    """Exchange rates written as a notebook parameter: the value of one unit of each currency in US dollars.

    ``"GBP=1.25, EUR=1.08"`` means 1 GBP = 1.25 USD and 1 EUR = 1.08 USD; USD itself is 1.

    Raises
    ------
    ValueError
        A part is not ``CODE=number``, a code is not three letters, or a rate is not positive.

    Examples
    --------
    >>> parse_rates("GBP=1.25, eur = 1.08")
    {'USD': 1.0, 'GBP': 1.25, 'EUR': 1.08}
    >>> parse_rates("")
    {'USD': 1.0}
    """
    rates = {"USD": 1.0}
    for part in (p.strip() for p in str(text).split(",")):
        if not part:
            continue
        code, sep, value = (x.strip() for x in part.partition("="))
        if not sep or len(code) != 3 or not code.isalpha():
            raise ValueError(f"exchange rate {part!r}: write CODE=rate, e.g. GBP=1.25 (1 GBP in US dollars)")
        try:
            rate = float(value)
        except ValueError:
            raise ValueError(f"exchange rate {part!r}: {value!r} is not a number") from None
        if not math.isfinite(rate) or rate <= 0:
            raise ValueError(f"exchange rate {part!r}: the rate must be a positive number")
        rates[code.upper()] = rate
    return rates


def rates_into(currency: str, usd_rates: Mapping[str, float]) -> dict[str, float]:
    """The table :func:`convert` takes to convert into ``currency``, from rates in US dollars.

    Examples
    --------
    >>> rates_into("GBP", {"USD": 1.0, "GBP": 1.25})
    {'USD': 0.8, 'GBP': 1.0}
    """
    code = _normalise_code(currency)
    usd_rates = {"USD": 1.0, **usd_rates}
    if code not in usd_rates:
        raise ValueError(f"no exchange rate for {code}: add {code}=<value in USD> to the rates")
    return {c: round(r / usd_rates[code], 12) for c, r in usd_rates.items()}
