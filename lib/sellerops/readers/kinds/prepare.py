"""Cell normalisers a kind declares on a column (``Column.prepare``), run before the cells are parsed.

They only rewrite what would otherwise be misread; everything else passes through unchanged, so the
engine still flags (and counts) what cannot be read.

- :func:`identifier_cells`: Amazon IDs (campaign, ad group, keyword, target) and ``yyyyMMdd`` dates
  stay exact text. An xlsx number cell ``123456789012345`` arrives as the float ``123456789012345.0``;
  text parsing would make it ``"123456789012345.0"``, which an upload rejects. A number cell beyond 2**53
  has lost digits already and is left alone (it reads as ``1.2345678901234568e+17``, which the bulk kind
  rejects as a mangled ID).
- :func:`flag_cells`: Helium 10's placement flags as whole numbers: ``1``/``0`` and counts stay,
  ``TRUE``/``Yes``/``Y``/``x``/``✓`` are 1, ``FALSE``/``No``/``N`` are 0, xlsx booleans likewise.
- :func:`fill_down_cells`: a value the file states once for the rows below it (a settlement's currency,
  on its summary row only) given to those rows.

Examples
--------
>>> import pandas as pd
>>> identifier_cells(pd.Series([123456789012345.0, "98765432109876543", 20240401, None, 1.5, 1.2e17])).tolist()
['123456789012345', '98765432109876543', '20240401', None, 1.5, 1.2e+17]
>>> flag_cells(pd.Series(["1", "0", "Yes", "n", True, "3", "-", "maybe"])).tolist()
['1', '0', '1', '0', '1', '3', '-', 'maybe']
>>> fill_down_cells(pd.Series(["USD", "", " ", "EUR", ""])).tolist()
['USD', 'USD', 'USD', 'EUR', 'EUR']
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

#: Cell texts read as a set flag / an unset flag (compared after stripping and case folding).
FLAG_TRUE = frozenset({"true", "yes", "y", "x", "✓", "✔", "☑"})
FLAG_FALSE = frozenset({"false", "no", "n"})
#: Whole numbers up to this size are exact in a float (an xlsx number cell); larger IDs need a text cell.
EXACT_FLOAT = 2**53


def _identifier(value):
    if isinstance(value, (bool, np.bool_)):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer() and abs(value) < EXACT_FLOAT:
        return str(int(value))
    return value  # a larger float has lost digits already: left as it is, so that it reads as 1.2e+17


def identifier_cells(values: pd.Series) -> pd.Series:
    """Whole-number cells (ints, integral floats from xlsx) as their exact digits; other cells unchanged."""
    if values.dtype != object:
        values = values.astype(object)
    return values.map(_identifier).astype(object)


def _flag(value):
    if isinstance(value, (bool, np.bool_)):
        return "1" if value else "0"
    if isinstance(value, str):
        folded = value.strip().casefold()
        if folded in FLAG_TRUE:
            return "1"
        if folded in FLAG_FALSE:
            return "0"
    return value


def flag_cells(values: pd.Series) -> pd.Series:
    """Yes/no words and booleans as ``1``/``0``; numbers (flags or counts) and other cells unchanged."""
    if values.dtype != object:
        values = values.astype(object)
    return values.map(_flag).astype(object)


def fill_down_cells(values: pd.Series) -> pd.Series:
    """Empty cells take the value above them (and, before the first value, the first value)."""
    text = values.astype(object)
    blank = text.isna() | text.map(lambda v: isinstance(v, str) and not v.strip())
    return text.mask(blank).ffill().bfill().astype(object)
