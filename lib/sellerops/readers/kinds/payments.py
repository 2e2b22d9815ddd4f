"""Payments: the Date Range transaction report and the V2 settlement flat file.

The transaction report starts with a preamble of quoted lines of varying length
("All amounts in USD, unless specified" names the currency); the header is
found by content. Its timestamps carry PST/PDT/UTC, converted to UTC, and the
seller's local calendar day is kept as ``date``. The settlement file's first
data row is a settlement summary, which is excluded from line items.
"""

from __future__ import annotations

import re

from ..schema import Column, ReportKind, declare_flat_columns

_TRANSACTION_FORMATS = (
    "%b %d, %Y %I:%M:%S %p",  # US: Sep 4, 2026 1:05:07 AM PDT
    "%d %b %Y %I:%M:%S %p",  # IN: 1 Jul 2026 4:24:44 am UTC
    "%d %b %Y %H:%M:%S",
    "%d.%m.%Y %H:%M:%S",  # DE
    "%Y-%m-%d %H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
)


def _transaction_preamble(lines: list[str]) -> dict:
    meta: dict = {"notes": []}
    for line in lines:
        m = re.search(r"All amounts in ([A-Z]{3})", line)
        if m:
            meta["currency"] = m.group(1)
        m = re.search(r"Date range:\s*(.+)", line)
        if m:
            meta["notes"].append(f"preamble date range: {m.group(1).strip()}")
    return meta


def _money(name: str, *aliases: str) -> Column:
    return Column(name, aliases or (name.replace("_", " "),), "money")


PAYMENTS_TRANSACTIONS = ReportKind(
    name="payments_transactions",
    title="Payments date range transaction report",
    label="Payments transactions",
    columns=(
        Column(
            "date_time",
            ("date/time", "datum/uhrzeit", "date/heure", "data/ora:", "data/ora", "fecha y hora"),
            "zoned",
            required=True,
            formats=_TRANSACTION_FORMATS,
        ),
        Column("date", (), "date"),  # local calendar day, derived from date_time
        Column("settlement_id", ("settlement id", "abrechnungsnummer")),
        Column("type", ("type", "typ"), required=True),
        Column("order_id", ("order id", "bestellnummer")),
        Column("sku", ("sku",)),
        Column("description", ("description", "beschreibung")),
        Column("quantity", ("quantity", "menge"), "int"),
        Column("marketplace", ("marketplace",)),
        Column("account_type", ("account type",)),
        Column("fulfillment", ("fulfillment", "versand")),
        Column("order_city", ("order city",)),
        Column("order_state", ("order state",)),
        Column("order_postal", ("order postal",)),
        Column("tax_collection_model", ("tax collection model",)),
        _money("product_sales", "product sales", "ventes de produits", "umsätze"),
        _money("product_sales_tax"),
        _money("shipping_credits"),
        _money("shipping_credits_tax"),
        _money("gift_wrap_credits", "gift wrap credits", "giftwrap credits"),
        _money("giftwrap_credits_tax", "giftwrap credits tax", "gift wrap credits tax"),
        _money("regulatory_fee"),
        _money("tax_on_regulatory_fee"),
        _money("promotional_rebates"),
        _money("promotional_rebates_tax"),
        _money("marketplace_withheld_tax"),
        _money("selling_fees", "selling fees", "verkaufsgebühren"),
        _money("fba_fees", "fba fees", "gebühren zu versand durch amazon"),
        _money("other_transaction_fees"),
        _money("other", "other", "andere"),
        Column("total", ("total", "gesamt"), "money", required=True),
        _money("total_sales_tax_liable", "Total sales tax liable(GST before adjusting TCS)"),
        _money("tcs_cgst", "TCS-CGST"),
        _money("tcs_sgst", "TCS-SGST"),
        _money("tcs_igst", "TCS-IGST"),
        _money("tds", "TDS (Section 194-O)"),
        Column("transaction_status", ("Transaction Status",)),
        Column("transaction_release_date", ("Transaction Release Date",), "zoned", formats=_TRANSACTION_FORMATS),
    ),
    key=("date_time", "settlement_id", "type", "order_id", "sku", "description", "quantity", "total"),
    currency_column=None,
    preamble=_transaction_preamble,
    period=("date",),
    variants=(
        ("India (GST/TCS, transaction status)", lambda f: "tcs_igst" in f or "transaction_status" in f),
        ("US with regulatory fee", lambda f: "regulatory_fee" in f),
        ("US", lambda f: "tax_collection_model" in f),
        ("older US (no tax collection model)", lambda f: True),
    ),
)

SETTLEMENT_HEADERS = """
settlement-id, settlement-start-date, settlement-end-date, deposit-date, total-amount, currency, transaction-type,
order-id, merchant-order-id, adjustment-id, shipment-id, marketplace-name, amount-type, amount-description, amount,
fulfillment-id, posted-date, posted-date-time, order-item-code, merchant-order-item-id, merchant-adjustment-item-id,
sku, quantity-purchased, promotion-id
"""
_SETTLEMENT_DATES = ("%Y-%m-%d %H:%M:%S UTC", "%d.%m.%Y %H:%M:%S UTC", "%Y-%m-%d", "%d.%m.%Y", "ISO8601")

SETTLEMENT_V2 = ReportKind(
    name="settlement_v2",
    title="Flat file settlement report V2",
    label="Settlement V2",
    columns=declare_flat_columns(
        SETTLEMENT_HEADERS,
        {
            "total_amount": "money",
            "amount": "money",
            "quantity_purchased": "int",
            **{
                d: "datetime"
                for d in ("settlement_start_date", "settlement_end_date", "deposit_date", "posted_date_time")
            },
            "posted_date": "date",
        },
        required=("settlement_id", "transaction_type", "amount_type", "amount"),
        formats={
            d: _SETTLEMENT_DATES
            for d in ("settlement_start_date", "settlement_end_date", "deposit_date", "posted_date_time", "posted_date")
        },
    ),
    key=(
        "settlement_id",
        "transaction_type",
        "order_id",
        "adjustment_id",
        "shipment_id",
        "amount_type",
        "amount_description",
        "posted_date_time",
        "order_item_code",
        "sku",
        "amount",
    ),
    quoted=False,
    period=("posted_date",),
    structural=(
        (
            "settlement summary row (totals, not a line item)",
            lambda f: f["transaction_type"].isna() & f["amount"].isna() & f["total_amount"].notna(),
        ),
    ),
    variants=(("V2 (long: amount-type/amount-description)", lambda f: True),),
)

KINDS = (PAYMENTS_TRANSACTIONS, SETTLEMENT_V2)
