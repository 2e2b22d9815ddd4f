"""Header variants of ``amazon-report-formats.md`` for All Orders and FBA returns (kinds/orders.py), crafted cell by cell in ``tmp_path``.

Each test writes a small file with the exact Amazon headers of one variant and checks the detected
kind, a few canonical values against literals computed by hand from the cells written, the dtypes,
and the data-quality invariant.
"""

from __future__ import annotations

import pytest

from ..crafted import RETURNS, K, assert_nothing_bad, read_clean, row, ts, write_tsv

# --------------------------------------------------------------------------- returns and orders


def test_fba_returns_iso_offsets_to_utc(tmp_path):
    rows = [
        [
            "2026-09-03T10:15:00-07:00",
            "111-1234567-1234567",
            "YM-6",
            "B0CHILD001",
            "X00ABCDEF1",
            'Yoga Mat 72" long',
            "1",
            "PHX7",
            "SELLABLE",
            "UNWANTED_ITEM",
            "Unit returned to inventory",
            "LPNRR123456789",
            "",
        ],
        [
            "2026-09-04T23:30:00+00:00",
            "111-7654321-7654321",
            "YM-6",
            "B0CHILD001",
            "X00ABCDEF1",
            "Yoga Mat",
            "2",
            "PHX7",
            "CUSTOMER_DAMAGED",
            "DEFECTIVE",
            "Unit returned to inventory",
            "LPNRR987654321",
            "torn, smells",
        ],
    ]
    path = write_tsv(tmp_path / "returns.txt", RETURNS, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("fba_returns")
    assert_nothing_bad(dq)
    assert f.loc[0, "return_date"] == ts("2026-09-03 17:15:00")
    assert f.loc[1, "return_date"] == ts("2026-09-04 23:30:00")
    assert list(f["quantity"]) == [1, 2]
    assert f.loc[0, "product_name"] == 'Yoga Mat 72" long'
    assert f.loc[1, "customer_comments"] == "torn, smells"


ORDERS = (
    "amazon-order-id merchant-order-id purchase-date last-updated-date order-status fulfillment-channel "
    "sales-channel order-channel url ship-service-level product-name sku asin item-status quantity currency "
    "item-price item-tax shipping-price shipping-tax gift-wrap-price gift-wrap-tax item-promotion-discount "
    "ship-promotion-discount ship-city ship-state ship-postal-code ship-country promotion-ids is-business-order "
    "purchase-order-number price-designation"
).split()


def _order(oid, purchase, qty, price, status="Shipped"):
    v = {
        "amazon-order-id": oid,
        "purchase-date": purchase,
        "last-updated-date": purchase,
        "order-status": status,
        "fulfillment-channel": "Amazon",
        "sales-channel": "Amazon.com",
        "product-name": "Yoga Mat",
        "sku": "YM-6",
        "asin": "B0CHILD001",
        "item-status": status,
        "quantity": qty,
        "currency": "USD",
        "item-price": price,
        "item-tax": "0.00",
        "ship-city": "SEATTLE",
        "ship-state": "WA",
        "ship-postal-code": "98101",
        "ship-country": "US",
        "is-business-order": "false",
    }
    return row(ORDERS, v)


def test_all_orders_iso_offsets_and_ragged_trailing_field(tmp_path):
    assert len(ORDERS) == 32
    rows = [
        _order("111-0000001-0000001", "2017-06-17T08:04:21+00:00", "1", "29.99"),
        _order("111-0000002-0000002", "2017-06-17T23:30:00-07:00", "2", "59.98") + [""],  # one empty extra field
        _order("111-0000003-0000003", "2017-06-18T09:00:00+02:00", "1", "29.99", "Pending"),
    ]
    path = write_tsv(tmp_path / "all-orders.txt", ORDERS, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("all_orders")
    assert_nothing_bad(dq)
    assert len(f) == 3
    assert list(f["amazon_order_id"]) == ["111-0000001-0000001", "111-0000002-0000002", "111-0000003-0000003"]
    assert list(f["purchase_date"]) == [ts("2017-06-17 08:04:21"), ts("2017-06-18 06:30:00"), ts("2017-06-18 07:00:00")]
    assert f["item_price"].sum() == pytest.approx(29.99 + 59.98 + 29.99)
    assert list(f["quantity"]) == [1, 2, 1]
    assert dq.currencies == ["USD"]
