"""Keepa product exports (kinds/keepa.py) crafted cell by cell in ``tmp_path``, and the listing history built from them.

The header of the real Product Finder export (``amazon-bulksheets-and-keepa.md`` §2.1: UTF-8 with a BOM, every
field quoted, ``"1,299.99"`` prices without a currency sign, one-decimal ratings), then exports with averages,
the truck-emoji Buy Box spelling and ``Reviews: Rating Count``.
"""

from __future__ import annotations

import pandas as pd
import pytest

from sellerops.readers import KINDS
from sellerops.readers.kinds.keepa import listing_history_from_keepa

from ..crafted import K, assert_nothing_bad, read_clean, row, ts, write_csv

FINDER = [
    "Image",
    "Title",
    "Sales Rank: Current",
    "Reviews: Rating",
    "Buy Box: Current",
    "Buy Box: Stock",
    "Amazon: Current",
    "Amazon: Stock",
    "New: Current",
    "List Price: Current",
    "Categories: Tree",
    "Website Display Group: Name",
    "ASIN",
    "Product Codes: EAN",
    "Brand",
    "Author",
]


def _finder_rows():
    a = {
        "Image": "https://m.media-amazon.com/images/I/a.jpg;https://m.media-amazon.com/images/I/b.jpg",
        "Title": 'Yoga Mat 72" x 24", non-slip',
        "Sales Rank: Current": "4821",
        "Reviews: Rating": "4.4",
        "Buy Box: Current": "1,299.99",
        "Buy Box: Stock": "12",
        "Amazon: Current": "",
        "Amazon: Stock": "",
        "New: Current": "1,249.00",
        "List Price: Current": "1,499.00",
        "Categories: Tree": "Sport & Freizeit › Fitness › Yoga › Matten",
        "Website Display Group: Name": "Sports",
        "ASIN": "B0CHILD001",
        "Product Codes: EAN": "4006381333931, 4006381333948",
        "Brand": "Zen",
        "Author": "",
    }
    b = {**a, "Title": "Cork Yoga Block", "ASIN": "B0CHILD002", "Reviews: Rating": "5", "Buy Box: Current": "19.99"}
    b.update({"Sales Rank: Current": "", "Buy Box: Stock": "", "Amazon: Current": "18.49", "Amazon: Stock": "3"})
    return [row(FINDER, a), row(FINDER, b)]


def test_keepa_product_finder_export_as_the_real_file_writes_it(tmp_path):
    path = write_csv(
        tmp_path / "KeepaExport-2026-04-25-ProductFinder.csv", FINDER, _finder_rows(), quote_all=True, bom=True
    )
    f, dq = read_clean(path)
    assert dq.kind == K("keepa_product")
    assert_nothing_bad(dq)
    assert dq.unknown_columns == []
    assert list(f["asin"]) == ["B0CHILD001", "B0CHILD002"]
    assert f.loc[0, "buy_box_price"] == pytest.approx(1299.99) and f.loc[0, "new_price"] == pytest.approx(1249.0)
    assert f.loc[0, "list_price"] == pytest.approx(1499.0) and pd.isna(f.loc[0, "amazon_price"])
    assert f.loc[1, "amazon_price"] == pytest.approx(18.49) and f.loc[1, "amazon_stock"] == 3
    assert f.loc[0, "sales_rank"] == 4821 and pd.isna(f.loc[1, "sales_rank"])  # blank is missing, never 0
    assert f.loc[0, "rating"] == pytest.approx(4.4) and f.loc[1, "rating"] == pytest.approx(5.0)
    assert f.loc[0, "buy_box_stock"] == 12 and f.loc[0, "title"] == 'Yoga Mat 72" x 24", non-slip'
    assert f.loc[0, "ean"] == "4006381333931, 4006381333948" and f.loc[0, "categories_tree"].endswith("Matten")
    # a snapshot dated by its file name
    assert set(f["start_date"]) == {ts("2026-04-25")} and set(f["end_date"]) == {ts("2026-04-25")}
    assert dq.time_model == "snapshot" and dq.start == ts("2026-04-25")
    assert dq.currencies == []  # Keepa writes no currency sign: the marketplace (folder) tells
    assert str(f["sales_rank"].dtype) == "Int64" and f["buy_box_price"].dtype == "float64"


def test_keepa_viewer_export_with_averages_truck_emoji_and_rating_count(tmp_path):
    header = ["ASIN", "Title", "Sales Rank: Current", "Sales Rank: 30 days avg.", "Sales Rank: 90 days avg."]
    header += ["Buy Box 🚚: Current", "Buy Box 🚚: 30 days avg.", "Buy Box 🚚: 90 days avg.", "Reviews: Rating"]
    header += ["Reviews: Rating Count", "New Offer Count: Current", "Bought in past month", "Referral Fee %"]
    header += ["FBA Pick&Pack Fee", "Buy Box: % Amazon 90 days", "Sales Rank: Drops last 30 days"]
    rows = [["B0COMPET01", "Rival Mat", "1,205", "1,480", "1,730", "$27.99", "$26.50", "$25.75", "4.6", "3,412", "7"]]
    rows[0] += ["1,000", "15 %", "$5.40", "12 %", "31"]
    f, dq = read_clean(write_csv(tmp_path / "KeepaExport-2026-05-01-ProductViewer.csv", header, rows))
    assert dq.kind == K("keepa_product")
    assert_nothing_bad(dq)
    assert dq.unknown_columns == [] and "averages" in dq.variant
    r = f.iloc[0]
    assert (r["sales_rank"], r["sales_rank_30d_avg"], r["sales_rank_90d_avg"]) == (1205, 1480, 1730)
    assert r["buy_box_price"] == pytest.approx(27.99) and r["buy_box_price_30d_avg"] == pytest.approx(26.5)
    assert r["buy_box_price_90d_avg"] == pytest.approx(25.75) and r["review_count"] == 3412
    assert r["new_offer_count"] == pytest.approx(7.0) and r["bought_past_month"] == 1000
    assert r["referral_fee"] == pytest.approx(0.15) and r["buy_box_amazon_share_90d"] == pytest.approx(0.12)
    assert r["fba_pick_pack_fee"] == pytest.approx(5.4) and r["sales_rank_drops_30d"] == 31


def test_a_product_master_is_not_taken_for_a_keepa_export(tmp_path):
    """``sku``/``asin``/``title`` without a cost: still named as a product master missing its columns."""
    from sellerops.readers import ReportFormatError

    path = write_csv(tmp_path / "product_master.csv", ["sku", "asin", "title"], [["YM-6", "B0CHILD001", "Mat"]])
    with pytest.raises(ReportFormatError) as err:
        read_clean(path)
    assert err.value.kind == "product_master"


def _monthly_exports(tmp_path):
    header = ["ASIN", "Title", "Sales Rank: Current", "Reviews: Rating", "Reviews: Review Count"]
    header += ["Buy Box: Current", "Buy Box: 30 days avg.", "Amazon: Current"]
    exports = {
        "KeepaExport-2026-03-31-ProductViewer.csv": [
            ["B0CHILD001", "Yoga Mat", "5,400", "4.4", "120", "21.99", "19.50", ""],
            ["B0CHILD002", "Yoga Block", "12,010", "4.7", "88", "", "", "9.99"],
        ],
        "KeepaExport-2026-04-15-ProductViewer.csv": [
            ["B0CHILD001", "Yoga Mat", "5,100", "4.4", "125", "22.99", "", ""]
        ],
        "KeepaExport-2026-04-30-ProductViewer.csv": [
            ["B0CHILD001", "Yoga Mat", "4,800", "4.5", "131", "21.99", "", ""],
            ["B0CHILD002", "Yoga Block", "11,500", "4.7", "90", "10.49", "", "9.49"],
        ],
    }
    for name, rows in exports.items():
        write_csv(tmp_path / "us" / "keepa" / name, header, rows, quote_all=True, bom=True)
    return tmp_path / "us" / "keepa"


def test_listing_history_from_monthly_keepa_exports(tmp_path):
    frame, dq = read_clean(_monthly_exports(tmp_path))
    assert dq.kind == K("keepa_product") and dq.rows_used == 5 and dq.marketplace == "US"
    master = pd.DataFrame({"sku": ["YM-6", "YM-6-B2B", "YB-1"], "asin": ["B0CHILD001", "B0CHILD001", "B0CHILD002"]})
    h = listing_history_from_keepa(frame, master, marketplace=dq.marketplace, currency="USD")
    assert list(h.columns) == [c.name for c in KINDS["listing_history"].columns] + ["source_file"]
    assert list(zip(h["month"].dt.strftime("%Y-%m"), h["sku"])) == [
        ("2026-03", "YB-1"),
        ("2026-03", "YM-6"),
        ("2026-03", "YM-6-B2B"),
        ("2026-04", "YB-1"),
        ("2026-04", "YM-6"),
        ("2026-04", "YM-6-B2B"),
    ]
    mat = h[h["sku"] == "YM-6"].set_index("month")
    # March: the 30-day Buy Box mean; April: the month's latest export (the 30th, not the 15th), its current price
    assert mat.loc[ts("2026-03-01"), "price"] == pytest.approx(19.5)
    assert mat.loc[ts("2026-04-01"), "price"] == pytest.approx(21.99)
    assert list(mat["review_count"]) == [120, 131] and list(mat["best_seller_rank"]) == [5400, 4800]
    assert list(mat["rating"]) == pytest.approx([4.4, 4.5])
    block = h[h["sku"] == "YB-1"].set_index("month")
    assert block.loc[ts("2026-03-01"), "price"] == pytest.approx(9.99)  # no Buy Box: Amazon's price
    assert block.loc[ts("2026-04-01"), "price"] == pytest.approx(10.49)
    assert set(h["marketplace"]) == {"US"} and set(h["currency"]) == {"USD"} and set(h["asin"]) == set(master["asin"])
    assert h[["order_defect_rate", "cancellation_rate", "response_time_hours"]].isna().all().all()
    assert mat.loc[ts("2026-04-01"), "source_file"] == "KeepaExport-2026-04-30-ProductViewer.csv"
    # the dtypes of the listing_history kind's canonical frame
    assert str(h["review_count"].dtype) == "Int64" and str(h["best_seller_rank"].dtype) == "Int64"
    assert h["month"].dtype == "datetime64[ns]" and h["price"].dtype == "float64" and h["sku"].dtype == "str"


def test_listing_history_from_keepa_without_a_product_master_and_empty(tmp_path):
    frame, _ = read_clean(_monthly_exports(tmp_path))
    h = listing_history_from_keepa(frame, marketplace="US")
    assert list(h["sku"]) == ["B0CHILD001", "B0CHILD002", "B0CHILD001", "B0CHILD002"]  # the ASIN stands for the SKU
    # Keepa writes prices without a sign: the us/ folder's marketplace gives their currency
    assert set(h["currency"]) == {"USD"}
    empty = listing_history_from_keepa(frame.iloc[0:0])
    assert len(empty) == 0 and list(empty.columns) == [c.name for c in KINDS["listing_history"].columns]


def test_the_catalog_builds_the_listing_history_from_keepa_where_the_folder_has_none(tmp_path):
    from sellerops.readers import open_folder

    _monthly_exports(tmp_path)
    write_csv(
        tmp_path / "product_master.csv",
        ["sku", "asin", "unit_cost", "lead_time_days"],
        [["YM-6", "B0CHILD001", "7.00", "30"], ["YB-1", "B0CHILD002", "3.00", "30"]],
    )
    catalog = open_folder(tmp_path, cache=False)
    assert catalog.has("listing_history", "US")
    frame, dq = catalog.load("listing_history", marketplace="US", start="2026-04-01", end="2026-04-30")
    assert dq.kind == "listing_history" and dq.time_model == "monthly" and dq.is_consistent()
    assert sorted(frame["sku"]) == ["YB-1", "YM-6"] and set(frame["month"]) == {ts("2026-04-01")}
    assert frame.set_index("sku").loc["YM-6", "price"] == pytest.approx(21.99)
    assert any("built from 3 Keepa exports" in n for n in dq.notes)
