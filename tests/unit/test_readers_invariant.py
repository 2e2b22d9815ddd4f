"""The DataQuality invariant: every row read is used or rejected with a reason, whatever the cells hold."""

from __future__ import annotations

import csv

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sellerops.readers import read_report

HEADER = ["Date", "Currency", "Campaign Name", "Ad Group Name", "Targeting", "Match Type", "Customer Search Term",
          "Impressions", "Clicks", "Spend", "7 Day Total Sales "]

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
