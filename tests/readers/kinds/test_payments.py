"""Header variants of ``amazon-report-formats.md`` for payments transactions and settlements (kinds/payments.py), crafted cell by cell in ``tmp_path``.

Each test writes a small file with the exact Amazon headers of one variant and checks the detected
kind, a few canonical values against literals computed by hand from the cells written, the dtypes,
and the data-quality invariant.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ..crafted import K, assert_nothing_bad, read_clean, row, ts, write_csv, write_tsv

# --------------------------------------------------------------------------- payments

US_PREAMBLE = [
    '"Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions"',
    '"All amounts in USD, unless specified"',
    '"Definitions:"',
    '"Sales tax collected: Includes sales tax collected from buyers for product sales, shipping, and gift wrap."',
    '"Selling fees: Includes variable closing fees and referral fees."',
    '"Other transaction fees: Includes shipping chargebacks, shipping holdbacks, per-item fees  and sales tax collection fees."',
    '"Other: Includes non-order transaction amounts. For more details, see the ""Type"" and ""Description"" columns for each order ID."',
]
US_TX = [
    "date/time",
    "settlement id",
    "type",
    "order id",
    "sku",
    "description",
    "quantity",
    "marketplace",
    "account type",
    "fulfillment",
    "order city",
    "order state",
    "order postal",
    "tax collection model",
    "product sales",
    "product sales tax",
    "shipping credits",
    "shipping credits tax",
    "gift wrap credits",
    "giftwrap credits tax",
    "Regulatory Fee",
    "Tax On Regulatory Fee",
    "promotional rebates",
    "promotional rebates tax",
    "marketplace withheld tax",
    "selling fees",
    "fba fees",
    "other transaction fees",
    "other",
    "total",
]


def _us_tx_rows():
    base = dict.fromkeys(US_TX, "0")
    a = {
        **base,
        "date/time": "Sep 4, 2026 1:05:07 AM PDT",
        "settlement id": "12345678901",
        "type": "Order",
        "order id": "111-1234567-1234567",
        "sku": "YM-6",
        "description": "Yoga Mat",
        "quantity": "1",
        "marketplace": "amazon.com",
        "account type": "Standard Orders",
        "fulfillment": "Amazon",
        "order city": "Seattle",
        "order state": "WA",
        "order postal": "98101",
        "tax collection model": "MarketplaceFacilitator",
        "product sales": "76.00",
        "product sales tax": "7.75",
        "marketplace withheld tax": "-7.75",
        "selling fees": "-11.55",
        "fba fees": "-6.10",
        "total": "58.35",
    }
    b = {
        **base,
        "date/time": "Jan 15, 2026 11:30:00 PM PST",
        "settlement id": "12345678901",
        "type": "Order",
        "order id": "111-7654321-7654321",
        "sku": "YM-6",
        "description": "Yoga Mat",
        "quantity": "20",
        "marketplace": "amazon.com",
        "account type": "Standard Orders",
        "fulfillment": "Amazon",
        "product sales": "1,520.00",
        "selling fees": "-228.00",
        "fba fees": "-122.00",
        "total": "1,170.00",
    }
    c = {
        **base,
        "date/time": "Sep 5, 2026 9:00:00 AM PDT",
        "settlement id": "12345678901",
        "type": "Service Fee",
        "description": "Subscription",
        "quantity": "",
        "other transaction fees": "0",
        "other": "-39.99",
        "total": "-39.99",
    }
    return [row(US_TX, a), row(US_TX, b), row(US_TX, c)]


def _check_us_payments(f, dq):
    assert dq.kind == K("payments_transactions")
    assert_nothing_bad(dq)
    assert f.loc[0, "date_time"] == ts("2026-09-04 08:05:07")  # PDT = UTC-7
    assert f.loc[0, "date"] == ts("2026-09-04")
    assert f.loc[1, "date_time"] == ts("2026-01-16 07:30:00")  # PST = UTC-8: next day in UTC
    assert f.loc[1, "date"] == ts("2026-01-15")  # the seller's local day
    assert f.loc[0, "product_sales"] == pytest.approx(76.0) and f.loc[0, "selling_fees"] == pytest.approx(-11.55)
    assert f.loc[1, "product_sales"] == pytest.approx(1520.0)
    assert f["total"].sum() == pytest.approx(58.35 + 1170.0 - 39.99)
    assert f.loc[1, "quantity"] == 20 and pd.isna(f.loc[2, "quantity"])
    assert list(f["type"]) == ["Order", "Order", "Service Fee"]
    assert dq.currencies == ["USD"] and set(f["currency"]) == {"USD"}
    assert str(f["date_time"].dtype).startswith("datetime64")


def test_payments_us_seven_line_preamble(tmp_path):
    path = write_csv(
        tmp_path / "2026Jan1-2026Sep30CustomTransaction.csv", US_TX, _us_tx_rows(), quote_all=True, preamble=US_PREAMBLE
    )
    f, dq = read_clean(path)
    _check_us_payments(f, dq)


def test_payments_us_with_date_range_line_and_blank_line(tmp_path):
    preamble = US_PREAMBLE + ['"Date range: Jan 1, 2026 12:00:00 AM PST - Sep 30, 2026 11:59:59 PM PDT"', ""]
    path = write_csv(
        tmp_path / "2026Jan1-2026Sep30CustomTransaction.csv", US_TX, _us_tx_rows(), quote_all=True, preamble=preamble
    )
    f, dq = read_clean(path)
    _check_us_payments(f, dq)


def test_payments_india_lakh_grouping_and_lowercase_am(tmp_path):
    header = [
        "date/time",
        "settlement id",
        "type",
        "order id",
        "Sku",
        "description",
        "quantity",
        "marketplace",
        "account type",
        "fulfillment",
        "order city",
        "order state",
        "order postal",
        "product sales",
        "shipping credits",
        "gift wrap credits",
        "promotional rebates",
        "Total sales tax liable(GST before adjusting TCS)",
        "TCS-CGST",
        "TCS-SGST",
        "TCS-IGST",
        "TDS (Section 194-O)",
        "selling fees",
        "fba fees",
        "other transaction fees",
        "other",
        "total",
        "Transaction Status",
        "Transaction Release Date",
    ]
    preamble = [
        '"Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions"',
        '"All amounts in INR, unless specified"',
        '"Definitions:"',
        '"Date/Time: Posted date/time of the transaction"',
        '"Note: Reports with start date of 1 Jan 2025 or later are indexed by posted date, include both released '
        'and deferred transactions and have two new columns."',
    ]
    base = dict.fromkeys(header, "0")
    a = {
        **base,
        "date/time": "1 Jul 2026 4:24:44 am UTC",
        "settlement id": "998877",
        "type": "Order",
        "order id": "408-1234567-1234567",
        "Sku": "YM-IN-1",
        "description": "Yoga mat",
        "quantity": "100",
        "marketplace": "amazon.in",
        "account type": "Standard Orders",
        "fulfillment": "Amazon",
        "order city": "Mumbai",
        "order state": "Maharashtra",
        "order postal": "400001",
        "product sales": "1,44,957.78",
        "TCS-IGST": "-1,228.45",
        "selling fees": "-21,743.67",
        "total": "1,21,985.66",
        "Transaction Status": "Released",
        "Transaction Release Date": "8 Jul 2026 4:24:44 am UTC",
    }
    b = {
        **base,
        "date/time": "2 Jul 2026 11:05:00 pm UTC",
        "settlement id": "998877",
        "type": "Refund",
        "order id": "408-7654321-7654321",
        "Sku": "YM-IN-1",
        "description": "Yoga mat",
        "quantity": "1",
        "product sales": "-1,449.58",
        "total": "-1,449.58",
        "Transaction Status": "Deferred",
        "Transaction Release Date": "",
    }
    path = write_csv(
        tmp_path / "2026Jul1-2026Jul31CustomTransaction.csv",
        header,
        [row(header, a), row(header, b)],
        quote_all=True,
        preamble=preamble,
    )
    f, dq = read_clean(path)
    assert dq.kind == K("payments_transactions")
    assert_nothing_bad(dq)
    assert f.loc[0, "date_time"] == ts("2026-07-01 04:24:44") and f.loc[0, "date"] == ts("2026-07-01")
    assert f.loc[1, "date_time"] == ts("2026-07-02 23:05:00")
    assert f.loc[0, "sku"] == "YM-IN-1"  # "Sku" is "sku"
    assert f.loc[0, "product_sales"] == pytest.approx(144957.78)
    assert f.loc[0, "tcs_igst"] == pytest.approx(-1228.45)
    assert f.loc[0, "total"] == pytest.approx(121985.66)
    assert f["total"].sum() == pytest.approx(121985.66 - 1449.58)
    assert list(f["transaction_status"]) == ["Released", "Deferred"]
    assert dq.currencies == ["INR"]
    assert "India" in dq.variant


SETTLEMENT = (
    "settlement-id settlement-start-date settlement-end-date deposit-date total-amount currency transaction-type "
    "order-id merchant-order-id adjustment-id shipment-id marketplace-name amount-type amount-description amount "
    "fulfillment-id posted-date posted-date-time order-item-code merchant-order-item-id "
    "merchant-adjustment-item-id sku quantity-purchased promotion-id"
).split()


def test_settlement_v2_summary_row_excluded_and_counted(tmp_path):
    assert len(SETTLEMENT) == 24
    summary = [
        "12345678901",
        "2026-09-01 07:00:00 UTC",
        "2026-09-15 07:00:00 UTC",
        "2026-09-17 07:00:00 UTC",
        "1684.07",
        "USD",
    ] + [""] * 18

    def item(atype, desc, amount, qty=""):
        return [
            "12345678901",
            "",
            "",
            "",
            "",
            "",
            "Order",
            "111-1234567-1234567",
            "",
            "",
            "DkXyZ",
            "Amazon.com",
            atype,
            desc,
            amount,
            "AFN",
            "2026-09-03",
            "2026-09-03 14:22:10 UTC",
            "55512345678901",
            "",
            "",
            "YM-6",
            qty,
            "",
        ]

    rows = [
        summary,
        item("ItemPrice", "Principal", "76.00", "1"),
        item("ItemFees", "Commission", "-11.40"),
        item("ItemFees", "FBAPerUnitFulfillmentFee", "-8.50"),
    ]
    path = write_tsv(tmp_path / "settlement.txt", SETTLEMENT, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("settlement_v2")
    assert dq.rows_read == 4 and dq.rows_used == 3 and dq.rows_rejected == 1
    [(reason, n)] = dq.rejected.items()
    assert n == 1 and "summary" in reason
    assert f["amount"].sum() == pytest.approx(76.00 - 11.40 - 8.50)
    assert f["total_amount"].isna().all()
    assert list(f["amount_description"]) == ["Principal", "Commission", "FBAPerUnitFulfillmentFee"]
    assert f.loc[0, "posted_date"] == ts("2026-09-03")
    assert f.loc[0, "posted_date_time"] == ts("2026-09-03 14:22:10")
    assert f.loc[0, "quantity_purchased"] == 1
    assert dq.examples[reason] and "row 2" in dq.examples[reason][0]


# --------------------------------------------------------------------------- the older, wide settlement flat file

FLAT = (
    "settlement-id settlement-start-date settlement-end-date deposit-date total-amount currency transaction-type "
    "order-id merchant-order-id adjustment-id shipment-id marketplace-name shipment-fee-type shipment-fee-amount "
    "order-fee-type order-fee-amount fulfillment-id posted-date order-item-code merchant-order-item-id "
    "merchant-adjustment-item-id sku quantity-purchased price-type price-amount item-related-fee-type "
    "item-related-fee-amount misc-fee-amount other-fee-amount other-fee-reason-description promotion-id "
    "promotion-type promotion-amount direct-payment-type direct-payment-amount other-amount"
).split()
ORDER = "111-1234567-1234567"
REFUND = "111-7654321-7654321"


def _flat_summary(total: str) -> dict:
    return {
        "settlement-id": "12345678901",
        "settlement-start-date": "2026-09-01 07:00:00 UTC",
        "settlement-end-date": "2026-09-15 07:00:00 UTC",
        "deposit-date": "2026-09-17 07:00:00 UTC",
        "total-amount": total,
        "currency": "USD",
    }


def _flat_item(ttype: str, order: str = "", **cells) -> dict:
    base = {
        "settlement-id": "12345678901",
        "transaction-type": ttype,
        "order-id": order,
        "shipment-id": "DkXyZ" if order else "",
        "marketplace-name": "Amazon.com",
        "fulfillment-id": "AFN" if order else "",
        "posted-date": "2026-09-03",
        "order-item-code": "55512345678901" if order else "",
        "sku": "YM-6" if order else "",
    }
    return {**base, **{k.replace("_", "-"): v for k, v in cells.items()}}


#: The same settlement as wide rows; the expected V2 amount rows (amount-type, amount-description, amount).
FLAT_ROWS = [
    _flat_summary("68.77"),
    _flat_item(
        "Order",
        ORDER,
        quantity_purchased="2",
        price_type="Principal",
        price_amount="76.00",
        item_related_fee_type="Commission",
        item_related_fee_amount="-11.40",
    ),
    _flat_item(
        "Order",
        ORDER,
        price_type="Tax",
        price_amount="6.08",
        item_related_fee_type="FBAPerUnitFulfillmentFee",
        item_related_fee_amount="-8.50",
    ),
    _flat_item("Order", ORDER, promotion_id="PLM-9", promotion_type="Principal", promotion_amount="-5.00"),
    _flat_item(
        "Order",
        ORDER,
        shipment_fee_type="ShippingChargeback",
        shipment_fee_amount="-2.00",
        order_fee_type="GiftwrapChargeback",
        order_fee_amount="-1.00",
    ),
    _flat_item(
        "Refund",
        REFUND,
        price_type="Principal",
        price_amount="-20.00",
        item_related_fee_type="Commission",
        item_related_fee_amount="2.40",
        other_fee_amount="-0.48",
        other_fee_reason_description="RefundCommission",
    ),
    _flat_item("Storage Fee", other_amount="-12.34", misc_fee_amount="-0.99"),
    _flat_item("Order", ORDER, direct_payment_type="StorageRenewalBilling", direct_payment_amount="46.00"),
]
V2_AMOUNTS = [
    ("Order", "ItemPrice", "Principal", 76.00),
    ("Order", "ItemFees", "Commission", -11.40),
    ("Order", "ItemPrice", "Tax", 6.08),
    ("Order", "ItemFees", "FBAPerUnitFulfillmentFee", -8.50),
    ("Order", "Promotion", "Principal", -5.00),
    ("Order", "ShipmentFees", "ShippingChargeback", -2.00),
    ("Order", "OrderFees", "GiftwrapChargeback", -1.00),
    ("Refund", "ItemPrice", "Principal", -20.00),
    ("Refund", "ItemFees", "Commission", 2.40),
    ("Refund", "OtherFees", "RefundCommission", -0.48),
    ("Storage Fee", "MiscFees", "misc-fee-amount", -0.99),
    ("Storage Fee", "other-transaction", "Storage Fee", -12.34),
    ("Order", "DirectPayment", "StorageRenewalBilling", 46.00),
]
TOTAL = round(sum(a for *_, a in V2_AMOUNTS), 2)


def _flat_file(tmp_path, rows=FLAT_ROWS, name="settlement-flat.txt"):
    return write_tsv(tmp_path / name, FLAT, [row(FLAT, r) for r in rows])


def _read_wide(path):
    """The old flat file's own canonical frame, before the readers melt it into V2's."""
    from sellerops.readers.convert import to_canonical
    from sellerops.readers.raw import load_raw
    from sellerops.readers.read import ALL_KEYS
    from sellerops.readers.registry import get_kind

    wide, dq = to_canonical(load_raw(path, ALL_KEYS), get_kind("settlement_flat"))
    assert dq.is_consistent() and dq.rows_used == len(wide)
    return wide, dq


def _melt(path):
    from sellerops.readers.kinds.payments import melt_settlement_flat

    wide, dq = _read_wide(path)
    long, ldq = melt_settlement_flat(wide, dq)
    assert ldq.is_consistent() and ldq.rows_used == len(long)
    assert ldq.rows_read == ldq.rows_used + ldq.rows_rejected
    # reading the file gives the melted frame itself: the P&L does not care which layout was downloaded
    read, rdq = read_clean(path)
    pd.testing.assert_frame_equal(read, long)
    assert (rdq.kind, rdq.rows_read, rdq.rows_used) == (ldq.kind, ldq.rows_read, ldq.rows_used)
    return wide, dq, long, ldq


def test_settlement_flat_is_detected_and_its_summary_row_counted(tmp_path):
    assert len(FLAT) == 36 and TOTAL == 68.77  # the summary row's total-amount
    wide, dq = _read_wide(_flat_file(tmp_path))
    assert dq.kind == K("settlement_flat")
    assert dq.unknown_columns == []
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (8, 7, 1)
    [(reason, n)] = dq.rejected.items()
    assert "summary" in reason and "row 2" in dq.examples[reason][0]
    assert wide.loc[0, "price_amount"] == pytest.approx(76.0) and wide.loc[0, "quantity_purchased"] == 2
    assert wide.loc[4, "other_fee_reason_description"] == "RefundCommission"
    assert wide.loc[0, "posted_date"] == ts("2026-09-03")
    assert dq.currencies == ["USD"] and dq.marketplace == "US"


def test_settlement_flat_melts_into_v2_amount_rows(tmp_path):
    wide, dq, long, ldq = _melt(_flat_file(tmp_path))
    got = list(zip(long["transaction_type"], long["amount_type"], long["amount_description"], long["amount"]))
    assert [(t, a, d) for t, a, d, _ in got] == [(t, a, d) for t, a, d, _ in V2_AMOUNTS]
    assert [x for *_, x in got] == pytest.approx([x for *_, x in V2_AMOUNTS])
    assert ldq.kind == K("settlement_v2") and "melted" in ldq.variant
    # 7 wide rows carry 13 amounts; the summary row stays rejected once: 13 + 1 read
    assert (ldq.rows_read, ldq.rows_used, ldq.rows_rejected) == (14, 13, 1)
    assert any("7 wide rows read as 13 V2 amount rows" in n for n in ldq.notes)
    assert ldq.variant == "old flat file (wide), melted into V2 amount rows, tsv"
    # quantity stays on the ItemPrice/Principal row of its wide row: units are counted once
    assert long["quantity_purchased"].sum() == 2
    assert long.loc[0, "quantity_purchased"] == 2 and pd.isna(long.loc[1, "quantity_purchased"])
    assert set(long.loc[long["amount_type"] == "Promotion", "promotion_id"]) == {"PLM-9"}
    assert long["posted_date_time"].isna().all() and (long["posted_date"] == ts("2026-09-03")).all()
    assert set(long["order_id"].dropna()) == {ORDER, REFUND} and set(long["currency"]) == {"USD"}
    # raw files untouched and the wide frame itself unchanged by the melt
    assert len(wide) == 7 and "price_amount" in wide.columns


def test_settlement_flat_gives_the_same_canonical_frame_and_total_as_v2(tmp_path):
    """The P&L must not care which of the two files the seller downloaded."""
    _, _, long, _ = _melt(_flat_file(tmp_path))
    summary = ["12345678901", "2026-09-01 07:00:00 UTC", "2026-09-15 07:00:00 UTC", "2026-09-17 07:00:00 UTC"]
    v2_rows = [summary + [f"{TOTAL:.2f}", "USD"] + [""] * 18]
    for ttype, atype, desc, amount in V2_AMOUNTS:
        order = ORDER if ttype == "Order" and atype != "DirectPayment" else (REFUND if ttype == "Refund" else "")
        if atype == "DirectPayment":
            order = ORDER
        v2_rows.append(
            ["12345678901", "", "", "", "", "", ttype, order, "", "", "DkXyZ" if order else "", "Amazon.com"]
            + [atype, desc, f"{amount:.2f}", "AFN" if order else "", "2026-09-03", ""]
            + ["55512345678901" if order else "", "", "", "YM-6" if order else ""]
            + ["2" if (atype, desc, ttype) == ("ItemPrice", "Principal", "Order") else "", ""]
        )
    v2, vdq = read_clean(write_tsv(tmp_path / "settlement-v2.txt", SETTLEMENT, v2_rows))
    assert vdq.kind == K("settlement_v2")
    assert set(v2["currency"]) == {"USD"} and vdq.currencies == ["USD"]  # from the summary row, on every row
    assert v2["amount"].sum() == pytest.approx(TOTAL) and long["amount"].sum() == pytest.approx(TOTAL)
    assert list(long.columns) == list(v2.columns)
    assert all(long[c].dtype == v2[c].dtype for c in v2.columns), [
        (c, long[c].dtype, v2[c].dtype) for c in v2.columns if long[c].dtype != v2[c].dtype
    ]
    by_type = [long.groupby("amount_type")["amount"].sum(), v2.groupby("amount_type")["amount"].sum()]
    pd.testing.assert_series_equal(by_type[0], by_type[1])
    keys = ["transaction_type", "order_id", "amount_type", "amount_description", "amount", "quantity_purchased"]
    pd.testing.assert_frame_equal(
        long[keys].sort_values(keys[:5]).reset_index(drop=True), v2[keys].sort_values(keys[:5]).reset_index(drop=True)
    )


def test_settlement_flat_bad_cell_and_row_without_amounts(tmp_path):
    rows = FLAT_ROWS[:3] + [
        _flat_item("Order", ORDER, price_type="Principal", price_amount="abc", item_related_fee_amount="-1.00"),
        _flat_item("Order", ORDER),  # no amount at all: kept as one row without amount, never dropped
    ]
    wide, dq, long, ldq = _melt(_flat_file(tmp_path, rows))
    assert dq.rejected == {
        "settlement summary row (totals, not a line item)": 1,
        "unparseable number in 'price-amount'": 1,
    }
    assert dq.rows_read == 5 and dq.rows_used == 3
    # 2 wide rows of 2 amounts + 1 without: 5 amount rows; 2 wide rows rejected (each once)
    assert (ldq.rows_read, ldq.rows_used, ldq.rows_rejected) == (7, 5, 2)
    assert long["amount"].isna().sum() == 1 and long["amount"].sum() == pytest.approx(76.0 - 11.4 + 6.08 - 8.5)
    assert pd.isna(long.loc[4, "amount_type"]) and long.loc[4, "order_id"] == ORDER


def test_settlement_flat_eu_dates(tmp_path):
    rows = [
        {**_flat_summary("64.60"), "settlement-start-date": "01.03.2026 00:00:00 UTC", "currency": "EUR"},
        {
            **_flat_item("Order", ORDER, price_type="Principal", price_amount="76.00"),
            "posted-date": "05.03.2026",
            "item-related-fee-type": "Commission",
            "item-related-fee-amount": "-11.40",
            "marketplace-name": "Amazon.de",
        },
    ]
    wide, dq, long, ldq = _melt(_flat_file(tmp_path, rows, "settlement-de.txt"))
    assert wide.loc[0, "posted_date"] == ts("2026-03-05")
    assert list(long["amount"]) == pytest.approx([76.0, -11.4])
    assert ldq.marketplace == "DE" and ldq.currencies == ["EUR"]
