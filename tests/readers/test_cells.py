"""Cell conversion (readers/cells.py): each column by its type, unreadable cells flagged, never guessed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sellerops.readers.cells import (
    ParsedCells,
    assemble_frame,
    check_whole_numbers,
    parse_date_columns,
    parse_number_columns,
    parse_text_columns,
)
from sellerops.readers.matching import match_headers
from sellerops.readers.raw import RawTable
from sellerops.readers.registry import get_kind


def _raw(columns: dict[str, list], *, delimiter=",", quoted=True) -> RawTable:
    frame = pd.DataFrame(columns, dtype="str")
    rows = pd.Series(range(2, len(frame) + 2))
    return RawTable(Path("f.csv"), list(frame.columns), frame, rows, delimiter=delimiter, quoted=quoted)


def test_numbers_rates_and_currency_signs():
    kind = get_kind("sp_search_term")
    raw = _raw({"Spend": ["$1,234.50", "-", "abc"], "Click-Thru Rate (CTR)": ["4.51%", "0.5%", ""]})
    cells = ParsedCells()
    parse_number_columns(raw, match_headers(raw.headers, kind), ".", cells)
    assert cells.values["spend"].tolist()[0] == 1234.5 and np.isnan(cells.values["spend"].tolist()[1])
    assert cells.values["ctr"].round(6).tolist()[:2] == [0.0451, 0.005]
    assert cells.bad["unparseable number in 'Spend'"].tolist() == [False, False, True]
    assert cells.currency_signs == {"$": 1}


def test_decimal_comma():
    kind = get_kind("sp_search_term")
    raw = _raw({"Spend": ["1.234,56 €", "0,97"]})
    cells = ParsedCells()
    parse_number_columns(raw, match_headers(raw.headers, kind), ",", cells)
    assert cells.values["spend"].tolist() == [1234.56, 0.97]


def test_text_is_stripped_empty_is_missing_and_console_escaping_repaired():
    kind = get_kind("sp_search_term")
    raw = _raw({"Customer Search Term": ["  mat ", "", 'say \\"hi\\"']})
    cells = ParsedCells()
    parse_text_columns(raw, match_headers(raw.headers, kind), cells)
    values = cells.values["search_term"]
    assert values.iloc[0] == "mat" and pd.isna(values.iloc[1]) and values.iloc[2] == 'say "hi"'
    assert cells.unescaped == 1


def test_a_file_read_without_quoting_loses_wrapping_quotes_on_keys():
    kind = get_kind("fba_returns")
    raw = _raw(
        {"order-id": ['"113-1"', "114-2"], "product-name": ['Mat 24" wide', '"Rug ""XL"""']},
        delimiter="\t",
        quoted=False,
    )
    cells = ParsedCells()
    parse_text_columns(raw, match_headers(raw.headers, kind), cells)
    assert cells.values["order_id"].tolist() == ["113-1", "114-2"]
    assert cells.values["product_name"].tolist() == ['Mat 24" wide', 'Rug "XL"']
    assert cells.unescaped == 0


def test_order_sensitive_dates_ask_for_the_order_once_per_column():
    kind = get_kind("business_report_by_date")
    raw = _raw({"Date": ["01/02/2026", "31/13/2026"]})
    asked = []
    cells = ParsedCells()
    parse_date_columns(raw, match_headers(raw.headers, kind), cells, lambda col: asked.append(len(col)) or "DMY")
    assert asked == [2]
    assert cells.values["date"].iloc[0] == pd.Timestamp("2026-02-01")
    assert cells.bad["unreadable date in 'Date'"].tolist() == [False, True]


def test_zoned_timestamps_give_utc_and_the_local_day():
    kind = get_kind("payments_transactions")
    raw = _raw({"date/time": ["Sep 4, 2026 11:30:00 PM PDT"], "type": ["Order"], "total": ["1.00"]})
    cells = ParsedCells()
    parse_date_columns(raw, match_headers(raw.headers, kind), cells, lambda col: "MDY")
    assert cells.values["date_time"].iloc[0] == pd.Timestamp("2026-09-05 06:30:00")
    assert cells.values["date"].iloc[0] == pd.Timestamp("2026-09-04")


def test_a_fraction_in_a_count_is_flagged():
    kind = get_kind("sp_search_term")
    raw = _raw({"Clicks": ["3", "2.5"]})
    match = match_headers(raw.headers, kind)
    cells = ParsedCells()
    parse_number_columns(raw, match, ".", cells)
    check_whole_numbers(match, cells)
    assert cells.bad["not a whole number in 'Clicks'"].tolist() == [False, True]


def test_assembled_frame_has_every_canonical_column_with_its_dtype():
    kind = get_kind("product_master")
    frame = assemble_frame(kind, {"sku": pd.Series(["A"]), "lead_time_days": pd.Series([30.0])}, {}, 1)
    assert list(frame.columns) == [c.name for c in kind.columns]
    assert str(frame["case_pack"].dtype) == "Int64" and frame["case_pack"].isna().all()
    assert frame["unit_cost"].dtype == "float64" and frame["lead_time_days"].iloc[0] == 30.0
    assert pd.api.types.is_string_dtype(frame["title"])
