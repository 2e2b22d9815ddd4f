"""From raw cells to the canonical frame of a report kind, counting every rejected row.

:func:`to_canonical` runs the steps in order: match the headers (:mod:`.matching`), parse the
cells by type (:mod:`.cells`), reject the rows holding an unreadable cell, and record where the
rows come from (:mod:`.provenance`). Every canonical column of the kind is present in the result
(all-missing where the file lacks it), so the analyses see one schema whatever the header variant.

Examples
--------
>>> import pandas as pd
>>> from pathlib import Path
>>> from sellerops.readers.raw import RawTable
>>> from sellerops.readers.registry import get_kind
>>> cells = pd.DataFrame({"sku": ["A", "B"], "asin": ["B01", "B02"], "unit_cost": ["1.50", "#VALUE!"],
...                       "lead_time_days": ["30", "45"]})
>>> frame, dq = to_canonical(RawTable(Path("pm.csv"), list(cells.columns), cells, pd.Series([2, 3])),
...                          get_kind("product_master"))
>>> frame["sku"].tolist(), dq.rows_read, dq.rows_used, dq.rejected
(['A'], 2, 1, {"unparseable number in 'unit_cost'": 1})
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from .cells import (
    NUMERIC_TYPES,
    ParsedCells,
    assemble_frame,
    blank_optional_cells,
    check_whole_numbers,
    parse_date_columns,
    parse_number_columns,
    parse_text_columns,
)
from .errors import ReportFormatError
from .matching import HeaderMatch, match_headers, missing_required, nearest_headers
from .numeric import detect_decimal_mark
from .provenance import (
    MARKETPLACE_CURRENCY,
    decide_currency,
    decide_date_order,
    decide_marketplace,
    decide_time_model,
    describe_variant,
    fill_period_from_name,
    find_rows_period,
)
from .quality import MAX_EXAMPLES, DataQuality
from .raw import RawTable
from .schema import ReportKind

#: Cells per numeric column sampled to decide the decimal mark.
DECIMAL_SAMPLE = 200


def _where(raw: RawTable, mask: pd.Series, header: str | None = None) -> list[str]:
    """Up to five locations of the rows ``mask`` selects, with the bad cell's value where one column is to blame."""
    picked = mask.to_numpy()
    rows = raw.row_numbers[picked].head(MAX_EXAMPLES)
    if header is None:
        return [f"{raw.path.name} row {int(r)}" for r in rows]
    values = raw.frame[header][picked].head(MAX_EXAMPLES)
    return [f"{raw.path.name} row {int(r)}: {_shown(v)}" for r, v in zip(rows, values)]


def _shown(value) -> str:
    text = repr(value) if isinstance(value, str) else repr(str(value))
    return text if len(text) <= 40 else text[:37] + "...'"


def _start_quality(raw: RawTable, kind: ReportKind, match: HeaderMatch) -> DataQuality:
    if len(match.windows) > 1:
        raise ReportFormatError(
            raw.path, f"mixes attribution windows in one file: {sorted(match.windows)} days", kind=kind.name
        )
    dq = DataQuality(
        files=[str(raw.path)],
        kind=kind.name,
        title=kind.title,
        rows_read=len(raw.frame) + len(raw.malformed),
        unknown_columns=list(match.unknown),
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        attribution_days=next(iter(match.windows), None),
    )
    for line, reason in raw.malformed:
        dq.reject("malformed row: wrong number of fields", 1, [f"{raw.path.name} row {line} ({reason})"])
    if raw.blank_rows:
        dq.note(f"{raw.blank_rows} blank rows skipped (not data)")
    return dq


def _decimal_mark(raw: RawTable, match: HeaderMatch, dq: DataQuality) -> str:
    sample = [v for h, c in match.columns.items() if c.type in NUMERIC_TYPES for v in raw.frame[h].head(DECIMAL_SAMPLE)]
    decimal = detect_decimal_mark(sample)
    if decimal == ",":
        dq.note("decimal comma detected (e.g. 1.234,56)")
    return decimal


def _reject(
    raw: RawTable, masks: dict[str, object], dq: DataQuality, rejected: pd.Series, headers: dict[str, str] | None = None
) -> pd.Series:
    """Count each row under the first reason that rejects it; returns the updated rejected mask."""
    for reason, mask in masks.items():
        mask = pd.Series(np.asarray(mask, dtype=bool), index=raw.frame.index) & ~rejected
        if mask.any():
            dq.reject(reason, int(mask.sum()), _where(raw, mask, (headers or {}).get(reason)))
            rejected = rejected | mask
    return rejected


#: A file whose rows are rejected for one reason more often than this is in a format the readers do not know.
FORMAT_PROBLEM_SHARE = 0.5


def _expected(column) -> str:
    """What a cell of ``column`` should look like, for the message of a format problem."""
    if column.type in ("int",):
        return "a whole number such as 1,234"
    if column.type in ("float", "money"):
        return "a number such as 1,234.56 (a currency sign is fine: $1,234.56, 1.234,56 €)"
    if column.type == "rate":
        return "a rate such as 4.51% or 0.0451"
    if column.type in ("date", "datetime", "zoned"):
        day = pd.Timestamp("2026-09-04 13:05:07")
        shown = [day.strftime(f) for f in column.formats if f != "ISO8601" and "%" in f][:3]
        if "ISO8601" in column.formats:
            shown.append("2026-09-04T13:05:07+00:00")
        return "a date such as " + " or ".join(shown or ["2026-09-04"])
    return "text"


def describe_format_problem(raw: RawTable, kind: ReportKind, match: HeaderMatch, dq: DataQuality, headers) -> str:
    """A sentence when most rows were rejected for one reason, else ``""``.

    It names the column, three example cells and what was expected: the readers have met a format they do
    not know (a new Amazon layout, a marketplace's number style), which an analyst must not miss.
    """
    if not dq.rejected or dq.rows_read < 2:
        return ""
    reason, count = max(dq.rejected.items(), key=lambda item: item[1])
    if count < 2 or count <= FORMAT_PROBLEM_SHARE * dq.rows_read:
        return ""
    text = f"{count:,} of {dq.rows_read:,} rows rejected for one reason, {reason}"
    examples = [e.split(": ", 1)[1] for e in dq.examples.get(reason, []) if ": " in e][:3]
    if examples:
        text += f": cells like {', '.join(examples)}"
    column = match.columns.get(headers.get(reason, ""))
    if column is not None:
        text += f"; expected {_expected(column)}"
    return text + ". The readers do not know this format: please report it with the file's first lines."


def to_canonical(
    raw: RawTable, kind: ReportKind, *, date_order: str | None = None, marketplace: str | None = None
) -> tuple[pd.DataFrame, DataQuality]:
    """Convert one file's raw cells to the kind's canonical frame and its quality record.

    Parameters
    ----------
    raw : RawTable
        The file's cells below its header.
    kind : ReportKind
        What the file is.
    date_order : {"MDY", "DMY"}, optional
        Overrides the decision for slash dates (see :func:`.provenance.decide_date_order`).
    marketplace : str, optional
        The marketplace the file is known to belong to (a parameter); decides what a bare ``$`` means.

    Raises
    ------
    ReportFormatError
        When a required column is missing (naming it and the nearest headers present), or one
        file mixes attribution windows.
    """
    match = match_headers(raw.headers, kind)
    missing = missing_required(match, kind)
    if missing:
        raise ReportFormatError(
            raw.path,
            "required columns are missing",
            kind=kind.name,
            missing=missing,
            nearest=nearest_headers(raw.headers, kind, missing),
        )
    dq = _start_quality(raw, kind, match)
    prepared = {h: c.prepare(raw.frame[h]) for h, c in match.columns.items() if c.prepare is not None}
    if prepared:  # a column's own cell normaliser (Column.prepare): IDs, flags
        raw = dataclasses.replace(raw, frame=raw.frame.assign(**prepared))
    preamble = kind.preamble(raw.preamble) if kind.preamble and raw.preamble else {}
    for text in preamble.get("notes", []):
        dq.note(text)

    cells = ParsedCells()
    parse_number_columns(raw, match, _decimal_mark(raw, match, dq), cells)
    parse_text_columns(raw, match, cells)
    currency = decide_currency(
        kind, cells.values, preamble, match, cells.currency_signs, dq, path=raw.path, marketplace=marketplace
    )
    parse_date_columns(raw, match, cells, lambda column: date_order or decide_date_order(currency, column, dq))
    check_whole_numbers(match, cells)
    for reason, mask in blank_optional_cells(kind, match, cells).items():
        dq.blank(reason, int(mask.sum()), _where(raw, mask, cells.bad_headers[reason]))
    rejected = _reject(raw, cells.bad, dq, pd.Series(False, index=raw.frame.index), cells.bad_headers)
    dq.format_problem = describe_format_problem(raw, kind, match, dq, cells.bad_headers)
    for header, count in cells.censored.items():
        dq.note(f"{count} cells in '{header}' were bounds such as '>306'; read as the bound")
    if cells.unescaped:
        dq.note(f'{cells.unescaped} cells had the Ads console\'s \\"" escaping; repaired to "')
    for text in cells.notes:
        dq.note(text)

    frame = assemble_frame(kind, cells.values, match.extras, len(raw.frame))
    rejected = _reject(raw, {reason: test(frame) for reason, test in kind.structural}, dq, rejected)
    frame = frame.loc[~rejected.to_numpy()].reset_index(drop=True)
    fill_period_from_name(kind, frame, raw, match, dq)
    if currency:
        frame["currency"] = frame["currency"].fillna(currency)
    if dq.attribution_days is not None:
        frame["attribution_days"] = pd.Series(dq.attribution_days, index=frame.index, dtype="Int64")
    frame["source_file"] = pd.Series(raw.path.name, index=frame.index, dtype="str")

    dq.rows_used = len(frame)
    dq.variant = describe_variant(kind, match, raw)
    dq.currencies = sorted(frame["currency"].dropna().unique().tolist())
    market = decide_marketplace(frame, dq.currencies, kind, raw.path)
    dq.marketplace = market.code
    has_money = any(c.type == "money" for c in match.columns.values())
    if has_money and not dq.currencies and market.code in MARKETPLACE_CURRENCY and kind.marketplace_from_currency:
        # amounts without any sign (an Ads bulk file): the marketplace's own currency
        frame["currency"] = pd.Series(MARKETPLACE_CURRENCY[market.code], index=frame.index, dtype="str")
        dq.currencies = [MARKETPLACE_CURRENCY[market.code]]
        dq.note(
            f"currency {dq.currencies[0]} taken from the marketplace ({market.evidence}): the amounts carry no sign"
        )
    if market.code and market.evidence == "the folder name":
        dq.note(f"marketplace {market.code} taken from the folder name")
    elif market.code is None and market.evidence:
        dq.note(f"marketplace unknown: {market.evidence}")
    dq.time_model = decide_time_model(kind, frame, preamble)
    dq.start, dq.end = find_rows_period(kind, frame)
    if dq.time_model == "monthly" and dq.end is not None:
        dq.end = dq.end + pd.offsets.MonthEnd(0)  # a month row covers its whole month
    return frame, dq
