"""Tables for report notebooks, with everything user-derived escaped.

Search terms, campaign names and product titles come from sellers and customers: a search term
``<img src=x onerror=alert(1)>`` must show as text in the HTML a manager opens. Short tables
are rendered as static HTML (escaped by pandas' Styler with a fixed id, so outputs are
deterministic); long ones become sortable, searchable tables (itables, offline, which escapes
cell text itself).

Examples
--------
>>> import pandas as pd
>>> html = format_table(pd.DataFrame({"term": ["<b>x</b>"]}), interactive=False)._repr_html_()
>>> "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html
True
"""

from __future__ import annotations

import hashlib
import html

import pandas as pd
from pandas.io.formats.style import Styler

from .labels import label, relabel

#: Tables longer than this become interactive (sortable, searchable, paged).
INTERACTIVE_ROWS = 12


#: Colours of the status lights (GitHub's palette: readable on white, distinct for colour-blind readers by word).
STATUS_COLOURS = {"good": "#1a7f37", "watch": "#9a6700", "bad": "#cf222e"}


#: A number as the workbook formats it: a bound sign, a sign, a currency, digits, a unit.
_FORMATTED_NUMBER = r"^[≤≥<>]?\s?[-+−]?(?:[$£€¥₹]|[A-Z]{3}\s)?\d[\d,]*(?:\.\d+)?\s?(?:%|★|days|hours|x)?$"


def _formatted_numbers(column: pd.Series) -> bool:
    if pd.api.types.is_numeric_dtype(column) or not (column.dtype == object or pd.api.types.is_string_dtype(column)):
        return False
    cells = column.dropna().astype("str").str.strip()
    cells = cells[cells != ""]
    return bool(len(cells)) and bool(cells.str.match(_FORMATTED_NUMBER).all())


class Table:
    """A displayable table; ``_repr_html_`` is what the notebook shows.

    Numeric columns are right-aligned with thousands separators, text is left-aligned; ``status_column``
    names a column of status lights (``● good``) coloured by their word.
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        caption: str | None,
        interactive: bool,
        formats: dict | None,
        *,
        status_column: str | None = None,
        right: tuple[str, ...] = (),
    ):
        self.frame = frame
        self.caption = caption
        self.interactive = interactive
        self.formats = formats or {}
        self.status_column = status_column
        #: Columns of formatted numbers (text that reads as a number): right-aligned like numbers.
        self.right = tuple(right)

    def __repr__(self) -> str:  # the text/plain form: stable, no memory address
        return (f"{self.caption}\n" if self.caption else "") + repr(self.frame)

    def _table_id(self) -> str:
        digest = hashlib.sha1(
            pd.util.hash_pandas_object(self.frame, index=True).values.tobytes()
            + "|".join(map(str, self.frame.columns)).encode()
            + (self.caption or "").encode()
        )
        return "t" + digest.hexdigest()[:12]

    def _numeric(self) -> list[str]:
        """Columns of numbers: numeric dtypes, the ``right`` ones, and text columns whose every cell is a
        formatted number (``9.1%``, ``$1,234.50``, ``≤ 24.0 hours``), as an analysis may hand them over."""
        return [
            c
            for c in self.frame.columns
            if pd.api.types.is_numeric_dtype(self.frame[c]) or c in self.right or _formatted_numbers(self.frame[c])
        ]

    def _repr_html_(self) -> str:
        return self._interactive_html() if self.interactive else self._static_html()

    def _interactive_html(self) -> str:
        from itables import to_html_datatable

        shown = self.frame.copy()
        for col in shown.columns:  # missing text shows as blank, not "NaN"
            if shown[col].dtype == object or pd.api.types.is_string_dtype(shown[col]):
                shown[col] = shown[col].fillna("")
        numeric = set(self._numeric())
        for col in shown.columns:  # thousands separators; DataTables still sorts them as numbers (num-fmt)
            if col in self.formats:
                shown[col] = shown[col].map(lambda v, f=self.formats[col]: "" if pd.isna(v) else f.format(v))
            elif pd.api.types.is_integer_dtype(shown[col]):
                shown[col] = shown[col].map(lambda v: "" if pd.isna(v) else f"{int(v):,}")
            elif pd.api.types.is_float_dtype(shown[col]):
                shown[col] = shown[col].map(lambda v: "" if pd.isna(v) else f"{v:,.2f}")
        text_cols = [i for i, c in enumerate(shown.columns) if c not in numeric]
        number_cols = [i for i, c in enumerate(shown.columns) if c in numeric]
        return to_html_datatable(
            shown,
            caption=html.escape(self.caption) if self.caption else None,
            table_id=self._table_id(),
            connected=False,
            showIndex=False,
            display_logo_when_loading=False,
            allow_html=False,
            layout={"topStart": "pageLength", "topEnd": "search", "bottomStart": "info", "bottomEnd": "paging"},
            classes="display compact",
            pageLength=10,
            lengthMenu=[10, 25, 50, 100],
            columnDefs=[
                {"className": "dt-left", "targets": text_cols},
                {"className": "dt-right", "targets": number_cols},
            ],
            text_in_header_can_be_selected=False,
        )  # a click on the header sorts

    def _static_html(self) -> str:
        frame = self.frame
        # Alignment is set per column, not per cell: a rule per cell made a 10-row table 14 KB.
        styler = Styler(frame, cell_ids=False, uuid=self._table_id()).hide(axis="index")
        styler = styler.format(self.formats, na_rep="", escape="html", precision=2, thousands=",")
        styler = styler.format_index(escape="html", axis=1)
        numeric = set(self._numeric())
        rules = []
        for i, column in enumerate(frame.columns):
            align = "right; white-space: nowrap" if column in numeric else "left"
            rules.append({"selector": f"td.col{i}", "props": f"text-align: {align}"})
            if column in numeric:
                rules.append({"selector": f"th.col_heading.col{i}", "props": "text-align: right"})
        styler = styler.set_table_styles(rules, overwrite=False)
        if self.status_column:
            styler = styler.map(
                lambda v: next(
                    (f"color: {c}; font-weight: bold" for k, c in STATUS_COLOURS.items() if str(v).endswith(k)), ""
                ),
                subset=[self.status_column],
            )
        if self.caption:
            styler = styler.set_caption(html.escape(self.caption))
        return styler.to_html()


def format_table(
    frame: pd.DataFrame,
    *,
    caption: str | None = None,
    interactive: bool | None = None,
    formats: dict[str, str] | None = None,
    columns: list[str] | None = None,
    empty: str | None = None,
):
    """A table for a report: escaped, deterministic, human column labels; interactive when longer than a screen.

    Parameters
    ----------
    frame : DataFrame
        snake_case columns (shown through :func:`sellerops.show.labels.label`).
    formats : dict, optional
        Column -> format string, e.g. ``{"acos": "{:.1%}", "spend": "${:,.2f}"}``.
    columns : list of str, optional
        The columns to show, in order (default: all).
    empty : str, optional
        What to say instead of an empty table (``"No row was rejected."``).

    Examples
    --------
    >>> import pandas as pd
    >>> list(format_table(pd.DataFrame({"rows_used": [1]})).frame.columns)
    ['rows used']
    >>> format_table(pd.DataFrame({"a": []}), empty="Nothing.").data
    'Nothing.'
    """
    if frame.empty and empty is not None:
        from IPython.display import Markdown

        return Markdown(html.escape(empty, quote=False))
    if columns is not None:
        frame = frame[columns]
    if interactive is None:
        interactive = len(frame) > INTERACTIVE_ROWS
    shown_formats = {label(k): v for k, v in (formats or {}).items()}
    return Table(relabel(frame.reset_index(drop=True)), caption, interactive, shown_formats)
