"""Every reader against sellers' real exports: totals against an independent read, Amazon's own
derived columns (CTR, CPC, ACOS, ROAS, conversion) against the metric functions."""

from __future__ import annotations

import csv
import hashlib

import numpy as np
import openpyxl
import pandas as pd
import pytest

from sellerops.core import metrics
from sellerops.readers import read_report

pytestmark = pytest.mark.real_exports


def _xlsx_columns(path) -> dict[str, list]:
    """Independent read: openpyxl cell values by exact header string."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    header = rows[0]
    return {h: [r[i] for r in rows[1:]] for i, h in enumerate(header)}


def _csv_columns(path) -> dict[str, list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return {h: [r[i] for r in rows[1:]] for i, h in enumerate(rows[0])}


def _money(text: str) -> float:
    return float(text.replace("$", "").replace(",", "")) if text else 0.0


SEARCH_TERM_FILES = {
    # file: (rows, spend, sales, clicks, sales header, window, currency) — MANIFEST.md figures
    "sp_search_term_US_2022__Mannyvv.xlsx": (638, 1179.16, 1692.46, 1919, "7 Day Total Sales ", 7, "USD"),
    "sp_search_term_IN_2020__umairnsr87.xlsx": (923, 47108.12, 70853.92, 1955, "14 Day Total Sales (₹)", 14, "INR"),
}


@pytest.mark.parametrize("name", sorted(SEARCH_TERM_FILES))
def test_search_term_totals_match_an_independent_read_and_the_manifest(real_exports, name):
    rows, spend, sales, clicks, sales_header, window, currency = SEARCH_TERM_FILES[name]
    frame, dq = read_report(real_exports / name)
    raw = _xlsx_columns(real_exports / name)
    assert dq.kind == "sp_search_term"
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (rows, rows, 0)
    assert frame["spend"].sum() == pytest.approx(sum(raw["Spend"]), abs=1e-6)
    assert frame["sales"].sum() == pytest.approx(sum(v or 0 for v in raw[sales_header]), abs=1e-6)
    assert int(frame["clicks"].sum()) == sum(raw["Clicks"])
    assert frame["spend"].sum() == pytest.approx(spend, abs=0.005)
    assert frame["sales"].sum() == pytest.approx(sales, abs=0.005)
    assert int(frame["clicks"].sum()) == clicks
    assert dq.attribution_days == window and set(frame["attribution_days"]) == {window}
    assert dq.currencies == [currency]


@pytest.mark.parametrize("name", sorted(SEARCH_TERM_FILES))
def test_metric_functions_reproduce_amazons_derived_columns(real_exports, name):
    f, _ = read_report(real_exports / name)
    # Amazon stores CTR, ACOS and conversion as fractions, ROAS and CPC as plain numbers.
    np.testing.assert_allclose(metrics.ctr(f["clicks"], f["impressions"]), f["ctr"], atol=5e-5)
    np.testing.assert_allclose(metrics.cpc(f["spend"], f["clicks"]), f["cpc"], atol=0.006)
    has_sales = f["sales"] > 0
    np.testing.assert_allclose(metrics.acos(f["spend"], f["sales"])[has_sales], f["acos"][has_sales], atol=5e-5)
    np.testing.assert_allclose(metrics.roas(f["sales"], f["spend"])[has_sales], f["roas"][has_sales], atol=0.006)
    np.testing.assert_allclose(metrics.cvr(f["orders"], f["clicks"]), f["cvr"], atol=5e-5)
    # Where sales are 0, Amazon leaves ACOS empty: undefined, and the metric agrees.
    assert f.loc[~has_sales, "acos"].isna().all()
    assert metrics.acos(f["spend"], f["sales"])[~has_sales].isna().all()


def test_campaign_csv_totals_escaping_and_derived_columns(real_exports):
    path = real_exports / "sp_campaign_US_2019__xvr.csv"
    f, dq = read_report(path)
    raw = _csv_columns(path)
    assert dq.kind == "sp_campaign" and dq.rows_rejected == 0 and len(f) == len(raw["Spend"])
    assert f["spend"].sum() == pytest.approx(sum(map(_money, raw["Spend"])), abs=1e-6)
    assert f["sales"].sum() == pytest.approx(sum(map(_money, raw["7 Day Total Sales "])), abs=1e-6)
    assert int(f["clicks"].sum()) == sum(int(v) for v in raw["Clicks"])
    # Percent strings are fractions. Amazon rounds twice (to 3, then 2 decimals of a percent:
    # 0.0548% prints as 0.06%), so agreement is within one printed unit, 0.01 points. CPC is unrounded.
    np.testing.assert_allclose(metrics.ctr(f["clicks"], f["impressions"]), f["ctr"], atol=1e-4)
    np.testing.assert_allclose(metrics.cpc(f["spend"], f["clicks"]).dropna(), f["cpc"][f["clicks"] > 0], atol=1e-6)
    sold = f["sales"] > 0
    np.testing.assert_allclose(metrics.acos(f["spend"], f["sales"])[sold], f["acos"][sold], atol=1e-4)
    # Amazon prints 0.00% where sales are 0; the metric says undefined.
    assert (f.loc[~sold & (f["spend"] > 0), "acos"] == 0).all()
    assert metrics.acos(f["spend"], f["sales"])[~sold].isna().all()
    # The \"" quoting bug leaves no stray backslash; the Chinese campaign name survives.
    assert not f["campaign"].str.contains("\\", regex=False).any()
    assert f["campaign"].str.startswith('63" x 27.5"').any()
    assert (f["campaign"] == "SQ 自动").any()
    assert f["date"].min() == pd.Timestamp("2019-11-16")
    assert f["campaign_end_date"].isna().any()  # blank end dates stay missing


def test_business_report_child_item(real_exports):
    path = real_exports / "business_report_child_item_US_2019__xvr.csv"
    f, dq = read_report(path)
    raw = _csv_columns(path)
    assert dq.kind == "business_report_child_item" and dq.rows_rejected == 0
    assert int(f["sessions"].sum()) == sum(int(v.replace(",", "")) for v in raw["Sessions"])
    assert f["ordered_product_sales"].sum() == pytest.approx(sum(map(_money, raw["Ordered Product Sales"])), abs=1e-6)
    assert f.loc[0, "sessions"] == 3395 and f.loc[0, "buy_box_percentage"] == pytest.approx(0.99)
    assert f.loc[0, "title"].startswith('Desiderare Thick Fluffy Washroom Mat - 31" x 19"')
    # Amazon's Unit Session Percentage (two decimals of a percent) from units / sessions.
    np.testing.assert_allclose(
        metrics.unit_session_percentage(f["units_ordered"], f["sessions"]),
        f["unit_session_percentage"],
        atol=5e-5 + 1e-9,
    )
    assert dq.currencies == ["USD"]


def test_business_report_by_date_monthly(real_exports):
    path = real_exports / "business_report_by_date_monthly_US_2019__xvr.csv"
    f, dq = read_report(path)
    raw = _csv_columns(path)
    assert dq.kind == "business_report_by_date" and len(f) == len(raw["Date"]) and dq.rows_rejected == 0
    # MM/DD/YYYY in the US: "12/01/2017" is the first of December, never the twelfth of January.
    assert f["date"].iloc[0] == pd.Timestamp("2017-12-01")
    assert f["date"].is_monotonic_increasing
    assert f["ordered_product_sales"].sum() == pytest.approx(sum(map(_money, raw["Ordered Product Sales"])), abs=1e-6)
    assert int(f["units_ordered"].sum()) == sum(int(v.replace(",", "")) for v in raw["Units Ordered"])


def test_reading_never_modifies_the_files(real_exports):
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in real_exports.iterdir() if p.is_file()}
    read_report(real_exports / "sp_campaign_US_2019__xvr.csv")
    read_report(real_exports / "sp_search_term_US_2022__Mannyvv.xlsx")
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in real_exports.iterdir() if p.is_file()}
    assert before == after


def test_fba_returns_downloaded_as_quoted_csv(real_exports):
    """The web UI's quoted CSV of a kind Amazon's API ships as an unquoted tab file: every row, no quote marks."""
    path = real_exports / "fba_returns_US_2019_csv__xvr.csv"
    frame, dq = read_report(path)
    raw = _csv_columns(path)
    assert dq.kind == "fba_returns" and dq.delimiter == ","
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (18, 18, 0)
    assert int(frame["quantity"].sum()) == 18  # MANIFEST.md
    assert frame["order_id"].tolist() == raw["order-id"]
    assert not frame[["order_id", "sku", "asin"]].apply(lambda c: c.str.contains('"')).any().any()
    # names holding "" come back whole, the doubled quote read as one
    assert frame["product_name"].tolist() == raw["product-name"]
    assert '(17.7" x 29.5"+17.7" x 59")' in frame.loc[0, "product_name"]
