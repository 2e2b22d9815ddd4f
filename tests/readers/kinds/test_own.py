"""Header variants of ``amazon-report-formats.md`` for the workbook's own inputs (kinds/own.py), crafted cell by cell in ``tmp_path``.

Each test writes a small file with the exact Amazon headers of one variant and checks the detected
kind, a few canonical values against literals computed by hand from the cells written, the dtypes,
and the data-quality invariant.
"""

from __future__ import annotations

import numpy as np
import pytest

from ..crafted import K, assert_nothing_bad, read_clean, ts, write_csv

# --------------------------------------------------------------------------- the workbook's own formats


def test_product_master(tmp_path):
    header = [
        "sku",
        "asin",
        "title",
        "category",
        "unit_cost",
        "currency",
        "lead_time_days",
        "lead_time_sd_days",
        "case_pack",
    ]
    rows = [
        ["YM-6", "B0CHILD001", "Yoga Mat 6mm", "Sports", "$7.25", "USD", "45", "6.5", "20"],
        ["YM-8", "B0CHILD002", "Yoga Mat 8mm", "Sports", "9.10", "USD", "50", "", "12"],
    ]
    path = write_csv(tmp_path / "product_master.csv", header, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("product_master")
    assert_nothing_bad(dq)
    assert list(f["unit_cost"]) == [7.25, 9.1]
    assert list(f["lead_time_days"]) == [45.0, 50.0] and np.isnan(f.loc[1, "lead_time_sd_days"])
    assert list(f["case_pack"]) == [20, 12]
    assert dq.currencies == ["USD"]


def test_listing_history(tmp_path):
    header = [
        "month",
        "marketplace",
        "sku",
        "asin",
        "price",
        "currency",
        "rating",
        "review_count",
        "best_seller_rank",
        "order_defect_rate",
        "cancellation_rate",
        "response_time_hours",
    ]
    rows = [
        ["2026-08", "US", "YM-6", "B0CHILD001", "29.99", "USD", "4.4", "1,234", "5,321", "0.012", "1.2%", "11.5"],
        ["2026-09", "US", "YM-6", "B0CHILD001", "27.99", "USD", "4.5", "1,301", "4,870", "0.004", "0.5%", "9"],
    ]
    path = write_csv(tmp_path / "listing_history.csv", header, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("listing_history")
    assert_nothing_bad(dq)
    assert list(f["month"]) == [ts("2026-08-01"), ts("2026-09-01")]
    assert list(f["review_count"]) == [1234, 1301] and list(f["best_seller_rank"]) == [5321, 4870]
    assert f.loc[0, "order_defect_rate"] == pytest.approx(0.012)  # fraction stays a fraction
    assert f.loc[0, "cancellation_rate"] == pytest.approx(0.012)  # "1.2%" -> 0.012
    assert f.loc[1, "cancellation_rate"] == pytest.approx(0.005)
    assert f.loc[1, "price"] == pytest.approx(27.99)
