"""Human labels for the snake_case columns of the workbook's frames, applied only when shown.

Data columns stay snake_case everywhere in the library (``rows_used``); a table a person reads says
"rows used". A column without a label here is shown with its underscores as spaces.

Examples
--------
>>> label("rows_used"), label("optional_missing"), label("spend_per_day"), label("acos")
('rows used', 'optional inputs missing or partial', 'spend per day', 'ACoS')
"""

from __future__ import annotations

import pandas as pd

#: Labels that say more than the column name with spaces.
LABELS = {
    "kind": "report",
    "variant": "header variant",
    "window": "attribution window",
    "start": "from",
    "end": "to",
    "read": "rows read",
    "used": "rows used",
    "rejected": "rows rejected",
    "rows": "rows",
    "optional_missing": "optional inputs missing or partial",
    "unknown_columns": "columns not recognised",
    "why": "why",
}


#: Words written as the trade writes them (``acos`` -> ``ACoS``), in any column name.
WORDS = {
    "acos": "ACoS",
    "tacos": "TACoS",
    "roas": "ROAS",
    "cpc": "CPC",
    "ctr": "CTR",
    "cvr": "CVR",
    "cpr": "CPR",
    "aov": "AOV",
    "gmv": "GMV",
    "sku": "SKU",
    "skus": "SKUs",
    "asin": "ASIN",
    "asins": "ASINs",
    "fba": "FBA",
    "ipi": "IPI",
    "id": "ID",
    "ids": "IDs",
    "mase": "MASE",
    "ppc": "PPC",
    "sqp": "SQP",
    "b2b": "B2B",
    "usd": "USD",
    "gbp": "GBP",
    "eur": "EUR",
    "pct": "%",
}


def label(column: object) -> str:
    """The label a person reads for ``column``.

    Examples
    --------
    >>> label("break_even_cvr"), label("acos_lower"), label("units_per_sku")
    ('break even CVR', 'ACoS lower', 'units per SKU')
    """
    text = str(column)
    if text in LABELS:
        return LABELS[text]
    return " ".join(WORDS.get(word, word) for word in text.replace("_", " ").split(" "))


def relabel(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its columns renamed to their labels (a copy; the data is unchanged).

    Examples
    --------
    >>> list(relabel(pd.DataFrame(columns=["file", "rows_used"])).columns)
    ['file', 'rows used']
    """
    return frame.rename(columns={c: label(c) for c in frame.columns})
