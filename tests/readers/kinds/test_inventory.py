"""Header variants of ``amazon-report-formats.md`` for FBA inventory flat files (kinds/inventory.py), crafted cell by cell in ``tmp_path``.

Each test writes a small file with the exact Amazon headers of one variant and checks the detected
kind, a few canonical values against literals computed by hand from the cells written, the dtypes,
and the data-quality invariant.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ..crafted import K, assert_nothing_bad, read_clean, ts, write_tsv

# --------------------------------------------------------------------------- FBA inventory

PLAN_OLD = (
    "snapshot-date sku fnsku asin product-name condition available pending-removal-quantity inv-age-0-to-90-days "
    "inv-age-91-to-180-days inv-age-181-to-270-days inv-age-271-to-365-days inv-age-365-plus-days currency "
    "qty-to-be-charged-ltsf-9-mo projected-ltsf-9-mo qty-to-be-charged-ltsf-12-mo estimated-ltsf-next-charge "
    "units-shipped-t7 units-shipped-t30 units-shipped-t60 units-shipped-t90 alert your-price sales-price"
).split()


def test_fba_planning_old_buckets_tab_delimited(tmp_path):
    rows = [
        [
            "2026-09-01",
            "YM-6",
            "X00ABCDEF1",
            "B0CHILD001",
            'Yoga Mat 72" x 24"',
            "New",
            "340",
            "0",
            "200",
            "80",
            "40",
            "15",
            "5",
            "USD",
            "5",
            "12.50",
            "5",
            "12.50",
            "14",
            "60",
            "118",
            "170",
            "",
            "29.99",
            "27.99",
        ]
    ]
    path = write_tsv(tmp_path / "inventory-planning.txt", PLAN_OLD, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("fba_inventory_planning")
    assert_nothing_bad(dq)
    r = f.iloc[0]
    assert r["snapshot_date"] == ts("2026-09-01")
    assert r["available"] == 340 and r["inv_age_365_plus_days"] == 5 and r["qty_to_be_charged_ltsf_12_mo"] == 5
    assert r["projected_ltsf_9_mo"] == pytest.approx(12.5)
    assert r["your_price"] == pytest.approx(29.99)
    assert r["units_shipped_t30"] == 60
    assert r["product_name"] == 'Yoga Mat 72" x 24"'  # no quoting in flat files
    assert str(f["available"].dtype) == "Int64"
    assert "old" in dq.variant and dq.delimiter == "\t"
    assert dq.currencies == ["USD"]


def test_fba_planning_new_ais_buckets(tmp_path):
    header = (
        "snapshot-date sku fnsku asin product-name condition available pending-removal-quantity "
        "inv-age-0-to-30-days inv-age-31-to-60-days inv-age-61-to-90-days inv-age-91-to-180-days "
        "inv-age-181-to-330-days inv-age-331-to-365-days inv-age-365-plus-days currency "
        "estimated-ais-181-210-days estimated-ais-365-plus-days quantity-to-be-charged-ais-181-210-days "
        "quantity-to-be-charged-ais-365-plus-days your-price weeks-of-cover-t30 days-of-supply"
    ).split()
    rows = [
        [
            "2026-09-01",
            "YM-6",
            "X00ABCDEF1",
            "B0CHILD001",
            "Yoga Mat",
            "New",
            "340",
            "0",
            "120",
            "50",
            "30",
            "80",
            "45",
            "10",
            "5",
            "USD",
            "3.45",
            "17.80",
            "6",
            "5",
            "29.99",
            "6.5",
            "45",
        ]
    ]
    path = write_tsv(tmp_path / "inventory-planning.txt", header, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("fba_inventory_planning")
    assert_nothing_bad(dq)
    r = f.iloc[0]
    assert r["inv_age_0_to_30_days"] == 120 and r["inv_age_181_to_330_days"] == 45
    assert r["estimated_ais_181_210_days"] == pytest.approx(3.45)
    assert r["estimated_ais_365_plus_days"] == pytest.approx(17.8)
    assert r["quantity_to_be_charged_ais_181_210_days"] == 6
    assert r["weeks_of_cover_t30"] == pytest.approx(6.5)
    assert pd.isna(r["qty_to_be_charged_ltsf_9_mo"])  # old bucket absent -> missing, column still there
    assert "new" in dq.variant


MYI = (
    "sku fnsku asin product-name condition your-price mfn-listing-exists mfn-fulfillable-quantity afn-listing-exists "
    "afn-warehouse-quantity afn-fulfillable-quantity afn-unsellable-quantity afn-reserved-quantity afn-total-quantity "
    "per-unit-volume afn-inbound-working-quantity afn-inbound-shipped-quantity afn-inbound-receiving-quantity "
    "afn-researching-quantity afn-reserved-future-supply afn-future-supply-buyable"
).split()
MYI_ROW = [
    "YM-6",
    "X00ABCDEF1",
    "B0CHILD001",
    "Yoga Mat",
    "New",
    "29.99",
    "No",
    "",
    "Yes",
    "352",
    "340",
    "2",
    "10",
    "402",
    "0.12",
    "0",
    "50",
    "0",
    "0",
    "0",
    "0",
]


@pytest.mark.parametrize("with_store", [False, True])
def test_manage_fba_inventory(tmp_path, with_store):
    assert len(MYI) == 21
    header = MYI + (["store"] if with_store else [])
    rows = [MYI_ROW + (["US"] if with_store else [])]
    path = write_tsv(tmp_path / "myi.txt", header, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("fba_manage_inventory")
    assert_nothing_bad(dq)
    r = f.iloc[0]
    assert r["afn_fulfillable_quantity"] == 340 and r["afn_total_quantity"] == 402
    assert r["afn_inbound_shipped_quantity"] == 50
    assert r["your_price"] == pytest.approx(29.99) and r["per_unit_volume"] == pytest.approx(0.12)
    assert pd.isna(r["mfn_fulfillable_quantity"])
    assert str(f["afn_total_quantity"].dtype) == "Int64"
    if with_store:
        assert r["store"] == "US" and "store" in dq.variant
    else:
        assert pd.isna(r["store"]) and "classic" in dq.variant


# --------------------------------------------------------------------------- the old FBA Inventory Age report

AGED = [
    "snapshot-date",
    "sku",
    "fnsku",
    "asin",
    "product-name",
    "condition",
    "avaliable-quantity(sellable)",  # Amazon's spelling
    "qty-with-removals-in-progress",
    "inv-age-0-to-90-days",
    "inv-age-91-to-180-days",
    "inv-age-181-to-270-days",
    "inv-age-271-to-365-days",
    "inv-age-365-plus-days",
    "currency",
    "qty-to-be-charged-ltsf-6-mo",
    "projected-ltsf-6-mo",
    "qty-to-be-charged-ltsf-12-mo",
    "projected-ltsf-12-mo",
    "units-shipped-last-7-days",
    "units-shipped-last-30-days",
    "units-shipped-last-60-days",
    "units-shipped-last-90-days",
    "alert",
    "your-price",
    "sales_price",
    "lowest_price_new",
    "lowest_price_used",
    "Recommended action",
    "Healthy Inventory Level",
    "Recommended sales price",
    "Recommended sale duration (days)",
    "Recommended Removal Quantity",
    "Estimated cost savings of removal",
    "sell-through",
    "cubic-feet",
    "storage-type",
]
AGED_ROW = {
    "snapshot-date": "2019-12-01",
    "sku": "BM-1",
    "fnsku": "X00BATHMT1",
    "asin": "B0CHILD001",
    "product-name": 'Bath Mat - 31" x 19"',
    "condition": "New",
    "avaliable-quantity(sellable)": "412",
    "qty-with-removals-in-progress": "3",
    "inv-age-0-to-90-days": "250",
    "inv-age-91-to-180-days": "100",
    "inv-age-181-to-270-days": "40",
    "inv-age-271-to-365-days": "15",
    "inv-age-365-plus-days": "7",
    "currency": "USD",
    "qty-to-be-charged-ltsf-6-mo": "22",
    "projected-ltsf-6-mo": "18.70",
    "qty-to-be-charged-ltsf-12-mo": "7",
    "projected-ltsf-12-mo": "10.50",
    "units-shipped-last-7-days": "21",
    "units-shipped-last-30-days": "96",
    "units-shipped-last-60-days": "180",
    "units-shipped-last-90-days": "262",
    "alert": "",
    "your-price": "24.99",
    "sales_price": "22.99",
    "lowest_price_new": "21.50",
    "lowest_price_used": "",
    "Recommended action": "Create removal order",
    "Healthy Inventory Level": "300",
    "Recommended sales price": "19.99",
    "Recommended sale duration (days)": "30",
    "Recommended Removal Quantity": "7",
    "Estimated cost savings of removal": "10.50",
    "sell-through": "0.64",
    "cubic-feet": "0.1234",
    "storage-type": "Standard",
}


def test_fba_inventory_age_report_is_a_planning_variant(tmp_path):
    path = write_tsv(tmp_path / "inventory-age-2019-12-01.txt", AGED, [[AGED_ROW[h] for h in AGED]])
    f, dq = read_clean(path)
    assert dq.kind == K("fba_inventory_planning")
    assert_nothing_bad(dq)
    assert dq.unknown_columns == []
    assert "Inventory Age" in dq.variant
    r = f.iloc[0]
    assert r["snapshot_date"] == ts("2019-12-01")
    assert r["available"] == 412 and r["pending_removal_quantity"] == 3
    assert (r["units_shipped_t7"], r["units_shipped_t30"], r["units_shipped_t60"], r["units_shipped_t90"]) == (
        21,
        96,
        180,
        262,
    )
    assert r["inv_age_0_to_90_days"] + r["inv_age_91_to_180_days"] + r["inv_age_181_to_270_days"] == 390
    assert r["inv_age_271_to_365_days"] == 15 and r["inv_age_365_plus_days"] == 7
    assert r["qty_to_be_charged_ltsf_12_mo"] == 7 and r["projected_ltsf_12_mo"] == pytest.approx(10.5)
    assert r["qty_to_be_charged_ltsf_6_mo"] == 22 and r["projected_ltsf_6_mo"] == pytest.approx(18.7)
    assert r["your_price"] == pytest.approx(24.99) and r["sales_price"] == pytest.approx(22.99)
    assert r["lowest_price_new"] == pytest.approx(21.5) and pd.isna(r["lowest_price_used"])
    assert r["recommended_action"] == "Create removal order" and r["healthy_inventory_level"] == 300
    assert r["recommended_sales_price"] == pytest.approx(19.99) and r["recommended_sale_duration_days"] == 30
    assert r["recommended_removal_quantity"] == 7
    assert r["estimated_cost_savings_of_recommended_actions"] == pytest.approx(10.5)
    assert r["sell_through"] == pytest.approx(0.64) and r["cubic_feet"] == pytest.approx(0.1234)
    assert r["storage_type"] == "Standard" and r["product_name"] == 'Bath Mat - 31" x 19"'
    # columns of the newer report that the old one lacks are there, missing
    assert pd.isna(r["inv_age_0_to_30_days"]) and pd.isna(r["estimated_ais_181_210_days"])
    assert str(f["available"].dtype) == "Int64" and str(f["units_shipped_t30"].dtype) == "Int64"
    assert dq.time_model == "snapshot" and dq.currencies == ["USD"]


def test_fba_inventory_age_report_and_planning_report_combine(tmp_path):
    """Both downloads of one SKU read into one frame (one schema), the later snapshot kept apart."""
    (tmp_path / "age").mkdir()
    write_tsv(tmp_path / "age" / "inventory-age.txt", AGED, [[AGED_ROW[h] for h in AGED]])
    row = [AGED_ROW.get(h, "") for h in PLAN_OLD]
    row[PLAN_OLD.index("snapshot-date")] = "2020-01-01"
    row[PLAN_OLD.index("available")] = "390"
    row[PLAN_OLD.index("units-shipped-t30")] = "88"
    write_tsv(tmp_path / "age" / "inventory-planning.txt", PLAN_OLD, [row])
    f, dq = read_clean(tmp_path / "age")
    assert dq.kind == K("fba_inventory_planning") and dq.rows_used == 2
    by_date = f.set_index("snapshot_date")
    assert by_date.loc[ts("2019-12-01"), "available"] == 412 and by_date.loc[ts("2020-01-01"), "available"] == 390
    assert list(f.sort_values("snapshot_date")["units_shipped_t30"]) == [96, 88]
