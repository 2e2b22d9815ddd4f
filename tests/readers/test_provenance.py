"""Provenance (readers/provenance.py): currency, marketplace, period and variant, each from stated evidence."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from sellerops.readers.matching import match_headers
from sellerops.readers.provenance import (
    decide_currency,
    decide_marketplace,
    describe_variant,
    fill_period_from_name,
    find_rows_period,
    parse_marketplace,
    read_period_from_name,
)
from sellerops.readers.quality import DataQuality
from sellerops.readers.raw import RawTable
from sellerops.readers.registry import get_kind


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [
        ("2026Feb1-2026Feb28CustomTransaction.csv", "2026-02-01", "2026-02-28"),
        ("BusinessReport-2024-02.csv", "2024-02-01", "2024-02-29"),
        ("report 2026-03-05 to 2026-03-01.csv", "2026-03-01", "2026-03-05"),
    ],
)
def test_period_from_name(name, start, end):
    assert read_period_from_name(Path(name)) == (pd.Timestamp(start), pd.Timestamp(end))


def test_no_period_in_a_name():
    assert read_period_from_name(Path("BusinessReport-11-1-26.csv")) == (None, None)


@pytest.mark.parametrize(
    ("cell", "code"), [("Amazon.com", "US"), ("amazon.co.uk", "UK"), ("gb", "UK"), ("DE", "DE"), ("Non-Amazon", None)]
)
def test_parse_marketplace(cell, code):
    assert parse_marketplace(cell) == code


def _frame(**columns):
    return pd.DataFrame(columns or {"sku": ["a"]})


def test_marketplace_evidence_in_order_columns_currency_folder():
    orders = get_kind("all_orders")
    returns = get_kind("fba_returns")
    in_uk = Path("x/uk/orders/f.txt")
    # the file's own column beats its currency and its folder
    assert decide_marketplace(_frame(sales_channel=["Amazon.de"]), ["GBP"], orders, in_uk).code == "DE"
    # the currency beats the folder
    assert decide_marketplace(_frame(), ["USD"], orders, in_uk).code == "US"
    # the folder, when nothing else tells
    assert decide_marketplace(_frame(), [], returns, in_uk) == ("UK", "the folder name")


def test_several_marketplaces_in_one_column_decide_none():
    kind = get_kind("all_orders")
    market = decide_marketplace(_frame(sales_channel=["Amazon.com", "Amazon.co.uk"]), ["USD"], kind, Path("us/f.txt"))
    assert market.code is None and "(UK, US)" in market.evidence


def test_the_euro_names_no_marketplace():
    kind = get_kind("sp_search_term")
    assert decide_marketplace(_frame(), ["EUR"], kind, Path("f.xlsx")).code is None
    assert decide_marketplace(_frame(), ["EUR"], kind, Path("de/f.xlsx")).code == "DE"


def test_a_product_master_has_no_marketplace_from_its_cost_currency():
    kind = get_kind("product_master")
    assert decide_marketplace(_frame(), ["USD"], kind, Path("us/product_master.csv")).code is None


def test_currency_from_preamble_headers_then_cells_and_disagreement_noted():
    kind = get_kind("payments_transactions")
    match = match_headers(["date/time", "type", "total"], kind)
    dq = DataQuality()
    assert decide_currency(kind, {}, {"currency": "GBP"}, match, Counter({"$": 9}), dq) == "GBP"
    assert dq.notes == ["currency signs disagree (GBP, USD); using GBP"]
    assert decide_currency(kind, {}, {}, match, Counter({"£": 2, "$": 1}), DataQuality()) == "GBP"
    assert decide_currency(kind, {}, {}, match, Counter(), DataQuality()) is None


def test_a_currency_column_carries_the_currency_row_by_row():
    kind = get_kind("sp_search_term")
    match = match_headers(["Currency", "Spend (₹)"], kind)
    assert decide_currency(kind, {"currency": pd.Series(["INR"])}, {}, match, Counter(), DataQuality()) is None
    assert decide_currency(kind, {"currency": pd.Series([None])}, {}, match, Counter(), DataQuality()) == "INR"


def test_period_from_the_name_fills_rows_without_dates():
    kind = get_kind("business_report_child_item")
    raw = RawTable(Path("BusinessReport-2026-02.csv"), ["(Child) ASIN"], pd.DataFrame(), pd.Series(dtype="int64"))
    frame = pd.DataFrame({"start_date": pd.Series([pd.NaT] * 2), "end_date": pd.Series([pd.NaT] * 2)})
    dq = DataQuality()
    fill_period_from_name(kind, frame, raw, match_headers(raw.headers, kind), dq)
    assert frame["start_date"].tolist() == [pd.Timestamp("2026-02-01")] * 2
    assert find_rows_period(kind, frame) == (pd.Timestamp("2026-02-01"), pd.Timestamp("2026-02-28"))
    assert dq.notes == ["period 2026-02-01..2026-02-28 taken from the file name"]


def test_variant_names_the_layout_window_sign_and_container():
    kind = get_kind("sp_search_term")
    headers = ["Date", "Campaign Name", "14 Day Total Sales (₹) "]
    raw = RawTable(Path("f.xlsx"), headers, pd.DataFrame(), pd.Series(dtype="int64"), is_xlsx=True)
    text = describe_variant(kind, match_headers(headers, kind), raw)
    assert text == "console, daily, 14-day, currency in headers ₹, trailing spaces in headers, xlsx"


CHILD = ["(Parent) ASIN", "(Child) ASIN", "Title", "SKU", "Sessions", "Units Ordered", "Ordered Product Sales"]


def _child_item(folder: Path, sales: str) -> Path:
    from .crafted import write_csv

    return write_csv(folder / "BusinessReport-2026-09.csv", CHILD, [["B0A", "B0A", "Mat", "M-1", "10", "1", sales]])


@pytest.mark.parametrize(
    ("folder", "currency", "market"),
    [("us", "USD", "US"), ("ca", "CAD", "CA"), ("au", "AUD", "AU"), ("mx", "MXN", "MX"), ("sg", "SGD", "SG")],
)
def test_a_bare_dollar_means_the_currency_of_the_marketplace_folder(tmp_path, folder, currency, market):
    from sellerops.readers import read_report

    frame, dq = read_report(_child_item(tmp_path / folder, "$5,216.29"))
    assert frame["currency"].tolist() == [currency] and dq.marketplace == market
    assert frame["ordered_product_sales"].tolist() == [5216.29]
    assert not any("inferred from '$' alone" in n for n in dq.notes)


def test_a_bare_dollar_with_nothing_else_to_go_by_is_usd_and_says_so(tmp_path):
    from sellerops.readers import read_report

    frame, dq = read_report(_child_item(tmp_path / "exports", "$5.00"))
    assert frame["currency"].tolist() == ["USD"]
    assert any(n.startswith("currency USD inferred from '$' alone") for n in dq.notes)
    frame, dq = read_report(_child_item(tmp_path / "exports", "$5.00"), marketplace="CA")
    assert frame["currency"].tolist() == ["CAD"]


@pytest.mark.parametrize(
    ("sales", "currency", "market"),
    [
        ("AED 1,234.00", "AED", "AE"),
        ("1.234,56 zł", "PLN", "PL"),
        ("R$ 1.234,56", "BRL", "BR"),
        ("1 234,56 kr", "SEK", "SE"),
        ("₺1.234,56", "TRY", "TR"),
    ],
)
def test_the_currency_in_the_cells_tells_the_marketplace(tmp_path, sales, currency, market):
    from sellerops.readers import read_report

    frame, dq = read_report(_child_item(tmp_path / "exports", sales))
    assert frame["currency"].tolist() == [currency] and dq.marketplace == market
    assert frame["ordered_product_sales"].iloc[0] > 1000
