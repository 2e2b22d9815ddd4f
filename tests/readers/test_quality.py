"""The DataQuality invariant: every row read is used or rejected with a reason, whatever the cells hold."""

from __future__ import annotations

import csv

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sellerops.readers import read_report

HEADER = [
    "Date",
    "Currency",
    "Campaign Name",
    "Ad Group Name",
    "Targeting",
    "Match Type",
    "Customer Search Term",
    "Impressions",
    "Clicks",
    "Spend",
    "7 Day Total Sales ",
]

missing = st.sampled_from(["", "-"])
count = st.one_of(st.integers(0, 100_000).map(lambda n: f"{n:,}"), missing)
money = st.one_of(st.integers(0, 10**6).map(lambda c: f"${c / 100:,.2f}"), missing)
bad_cell = st.sampled_from(["#VALUE!", "abc", "1.2.3", "12 units", "$$", "NaN%x"])
row = st.tuples(st.booleans(), st.tuples(count, count, money, money), st.integers(0, 3), bad_cell)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(row, min_size=1, max_size=30))
def test_rows_read_equal_rows_used_plus_rejected(tmp_path, rows):
    path = tmp_path / "Sponsored Products Search term report.csv"
    expected_bad = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i, (is_bad, numbers, where, garbage) in enumerate(rows):
            cells = list(numbers)
            if is_bad:
                cells[where] = garbage
                expected_bad += 1
            w.writerow(["Oct 01, 2026", "USD", "camp", "group", "kw", "EXACT", f"term {i}"] + cells)
    frame, dq = read_report(path)
    assert dq.rows_read == len(rows)
    assert dq.rows_read == dq.rows_used + dq.rows_rejected
    assert dq.rows_rejected == expected_bad and len(frame) == len(rows) - expected_bad
    assert sum(len(v) for v in dq.examples.values()) >= min(expected_bad, 1)


def test_a_large_file_takes_the_parallel_path_and_matches_an_independent_read(tmp_path):
    """120,000 rows: above the size where numeric columns are parsed in parallel threads."""
    import pandas as pd

    from sellerops.sample import write_large_search_terms

    path = tmp_path / "big.csv"
    write_large_search_terms(path, 120_000, seed=7)
    frame, dq = read_report(path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")

    def money(col):
        return pd.to_numeric(raw[col].str.replace(r"[$,]", "", regex=True).replace("", None)).sum()

    assert dq.rows_used == dq.rows_read == 120_000 and dq.rows_rejected == 0
    assert frame["spend"].sum() == pytest.approx(money("Spend"), rel=1e-12)
    assert frame["sales"].sum() == pytest.approx(money("7 Day Total Sales "), rel=1e-12)
    assert int(frame["clicks"].sum()) == pd.to_numeric(raw["Clicks"].str.replace(",", "")).sum()
    ctr = pd.to_numeric(raw["Click-Thru Rate (CTR)"].str.rstrip("%"), errors="coerce") / 100
    assert frame["ctr"].sum() == pytest.approx(ctr.sum(), rel=1e-12)
