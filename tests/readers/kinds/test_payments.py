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
