"""Human labels for the snake_case columns of the workbook's frames, applied only when shown.

Data columns stay snake_case everywhere in the library (``rows_used``); a table a person reads says
"rows used". A column without a label here is shown with its underscores as spaces.

Examples
--------
>>> label("rows_used"), label("optional_missing"), label("spend_per_day")
('rows used', 'optional inputs missing or partial', 'spend per day')
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


def label(column: object) -> str:
    """The label a person reads for ``column``."""
    text = str(column)
    return LABELS.get(text, text.replace("_", " "))


def relabel(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its columns renamed to their labels (a copy; the data is unchanged).

    Examples
    --------
    >>> list(relabel(pd.DataFrame(columns=["file", "rows_used"])).columns)
    ['file', 'rows used']
    """
    return frame.rename(columns={c: label(c) for c in frame.columns})
