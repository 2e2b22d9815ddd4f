"""The conversion of one file (readers/convert.py): what rejects a row, what only blanks a cell, and
when a file is in a format the readers do not know."""

from __future__ import annotations

import pandas as pd
import pytest

from sellerops.readers import read_report

from .crafted import RETURNS, ST_D, read_clean, write_csv, write_tsv


def _st(term, **cells):
    values = {
        "Start Date": "Sep 01, 2026",
        "End Date": "Sep 30, 2026",
        "Currency": "USD",
        "Campaign Name": "Camp A",
        "Ad Group Name": "AG 1",
        "Targeting": "yoga mat",
        "Match Type": "EXACT",
        "Customer Search Term": term,
        "Impressions": "100",
        "Clicks": "4",
        "Click-Thru Rate (CTR)": "4.00%",
        "Spend": "$2.00",
        "7 Day Total Sales ": "$10.00",
    }
    values.update(cells)
    return [values.get(h, "") for h in ST_D]


def test_a_junk_cell_in_a_column_no_analysis_needs_blanks_the_cell_and_keeps_the_row(tmp_path):
    rows = [_st("a"), _st("b", **{"Click-Thru Rate (CTR)": "Y"}), _st("c", **{"Click-Thru Rate (CTR)": "x"})]
    frame, dq = read_clean(write_csv(tmp_path / "st.csv", ST_D, rows))
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (3, 3, 0)
    assert frame["search_term"].tolist() == ["a", "b", "c"]
    assert frame["ctr"].iloc[0] == pytest.approx(0.04) and frame["ctr"].iloc[1:].isna().all()
    assert dq.blanked == {"unparseable number in 'Click-Thru Rate (CTR)'": 2}
    assert dq.blanked_examples["unparseable number in 'Click-Thru Rate (CTR)'"] == [
        "st.csv row 3: 'Y'",
        "st.csv row 4: 'x'",
    ]
    assert not dq.format_problem


def test_a_junk_cell_in_a_needed_column_rejects_the_row(tmp_path):
    rows = [_st("a"), _st("b", Spend="#VALUE!"), _st("c", **{"Start Date": "31/31/2026"})]
    frame, dq = read_clean(write_csv(tmp_path / "st.csv", ST_D, rows))
    assert frame["search_term"].tolist() == ["a"]
    assert dq.rejected == {"unparseable number in 'Spend'": 1, "unreadable date in 'Start Date'": 1}
    assert not dq.blanked


def test_a_file_mostly_rejected_for_one_reason_is_a_format_problem(tmp_path):
    rows = [
        [
            f"2026-09-0{d}T10:00:00+00:00",
            f"111-{d}",
            "SKU-1",
            "B01",
            "X01",
            "Mat",
            q,
            "LEX2",
            "SELLABLE",
            "DEFECTIVE",
            "",
            "",
            "",
        ]
        for d, q in zip(range(1, 6), ["one", "two", "1", "three", "four"])
    ]
    frame, dq = read_clean(write_tsv(tmp_path / "returns.txt", RETURNS, rows))
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (5, 1, 4)  # still counted, never dropped silently
    problem = dq.format_problem
    assert problem.startswith("4 of 5 rows rejected for one reason, unparseable number in 'quantity'")
    assert "cells like 'one', 'two', 'three'" in problem and "expected a whole number such as 1,234" in problem


def test_a_few_bad_rows_are_not_a_format_problem(tmp_path):
    rows = [_st(t) for t in "abcd"] + [_st("e", Spend="oops")]
    _, dq = read_clean(write_csv(tmp_path / "st.csv", ST_D, rows))
    assert dq.rows_rejected == 1 and dq.format_problem == ""


def test_a_format_problem_names_the_dates_expected(tmp_path):
    rows = [_st(t, **{"Start Date": "2026.09.01"}) for t in "abc"]
    _, dq = read_report(write_csv(tmp_path / "st.csv", ST_D, rows))
    assert "expected a date such as Sep 04, 2026 or 2026-09-04" in dq.format_problem


def test_blanked_cells_add_up_across_files(tmp_path):
    write_csv(tmp_path / "a.csv", ST_D, [_st("a", **{"Click-Thru Rate (CTR)": "Y"})])
    later = {"Start Date": "Oct 01, 2026", "End Date": "Oct 31, 2026", "Click-Thru Rate (CTR)": "Y"}
    write_csv(tmp_path / "b.csv", ST_D, [_st("b", **later)])
    frame, dq = read_report(tmp_path)
    assert dq.blanked == {"unparseable number in 'Click-Thru Rate (CTR)'": 2} and len(frame) == 2
    assert pd.isna(frame["ctr"]).all()
