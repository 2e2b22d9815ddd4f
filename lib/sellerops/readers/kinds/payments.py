"""Payments: the Date Range transaction report and the V2 settlement flat file.

The transaction report starts with a preamble of quoted lines of varying length
("All amounts in USD, unless specified" names the currency); the header is
found by content. Its timestamps carry PST/PDT/UTC, converted to UTC, and the
seller's local calendar day is kept as ``date``. The settlement file's first
data row is a settlement summary, which is excluded from line items; its currency, given on that
row only, is the currency of every row below it.

The older settlement flat file, which Seller Central still offers beside V2, is wide: one row per
item, with a column pair per kind of amount (``price-type``/``price-amount``,
``item-related-fee-type``/``item-related-fee-amount``…). It is detected as ``settlement_flat`` and
:func:`melt_settlement_flat` turns its canonical frame into V2's (one row per amount), so that a P&L
does not care which of the two the seller downloaded.
"""

from __future__ import annotations

import copy
import dataclasses
import re

import numpy as np
import pandas as pd

from ..quality import DataQuality
from ..schema import Column, ReportKind, declare_flat_columns
from .prepare import fill_down_cells

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


def _settlement_columns(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """The currency stands on the settlement's summary row only and applies to every row below it."""
    return tuple(dataclasses.replace(c, prepare=fill_down_cells) if c.name == "currency" else c for c in columns)


SETTLEMENT_V2 = ReportKind(
    name="settlement_v2",
    title="Flat file settlement report V2",
    label="Settlement V2",
    columns=_settlement_columns(
        declare_flat_columns(
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
                for d in (
                    "settlement_start_date",
                    "settlement_end_date",
                    "deposit_date",
                    "posted_date_time",
                    "posted_date",
                )
            },
        )
    ),
    key=(
        "settlement_id",
        "transaction_type",
        "order_id",
        "adjustment_id",
        "shipment_id",
        "amount_type",
        "amount_description",
        "posted_date",  # the old flat file has no posted-date-time (see melt_settlement_flat)
        "posted_date_time",
        "order_item_code",
        "sku",
        "amount",
    ),
    period=("posted_date",),
    structural=(
        (
            "settlement summary row (totals, not a line item)",
            lambda f: f["transaction_type"].isna() & f["amount"].isna() & f["total_amount"].notna(),
        ),
    ),
    variants=(
        # Set by melt_settlement_flat on the frames of the older wide file (never detected from headers).
        ("old flat file (wide), melted into V2 amount rows", lambda f: False),
        ("V2 (long: amount-type/amount-description)", lambda f: True),
    ),
)

FLAT_SETTLEMENT_HEADERS = """
settlement-id, settlement-start-date, settlement-end-date, deposit-date, total-amount, currency, transaction-type,
order-id, merchant-order-id, adjustment-id, shipment-id, marketplace-name, shipment-fee-type, shipment-fee-amount,
order-fee-type, order-fee-amount, fulfillment-id, posted-date, order-item-code, merchant-order-item-id,
merchant-adjustment-item-id, sku, quantity-purchased, price-type, price-amount, item-related-fee-type,
item-related-fee-amount, misc-fee-amount, other-fee-amount, other-fee-reason-description, promotion-id,
promotion-type, promotion-amount, direct-payment-type, direct-payment-amount, other-amount
"""

#: How the wide file's amount columns become V2's amount rows: ``(type column, amount column, amount-type)``.
#: A type column gives the amount-description (``Principal``, ``Commission``…); the three columns without one
#: are described by ``other-fee-reason-description``, by the transaction type, or by their own header.
#: The names of ``ItemPrice``, ``ItemFees`` and ``Promotion`` are V2's; the others are inferred (no source
#: pairs the two layouts), which the variant and a note say.
FLAT_AMOUNTS = (
    ("price_type", "price_amount", "ItemPrice"),
    ("item_related_fee_type", "item_related_fee_amount", "ItemFees"),
    ("promotion_type", "promotion_amount", "Promotion"),
    ("shipment_fee_type", "shipment_fee_amount", "ShipmentFees"),
    ("order_fee_type", "order_fee_amount", "OrderFees"),
    ("direct_payment_type", "direct_payment_amount", "DirectPayment"),
    ("other_fee_reason_description", "other_fee_amount", "OtherFees"),
    (None, "misc_fee_amount", "MiscFees"),
    ("transaction_type", "other_amount", "other-transaction"),
)
_FLAT_AMOUNT_COLUMNS = tuple(amount for _, amount, _ in FLAT_AMOUNTS)
#: The wide columns the melt replaces by amount-type/amount-description/amount.
_FLAT_WIDE_ONLY = frozenset(c for pair in FLAT_AMOUNTS for c in pair[:2] if c and c != "transaction_type")

SETTLEMENT_FLAT = ReportKind(
    name="settlement_flat",
    title="Flat file settlement report, old wide layout (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE)",
    label="Settlement (old flat file)",
    columns=_settlement_columns(
        declare_flat_columns(
            FLAT_SETTLEMENT_HEADERS,
            {
                "total_amount": "money",
                "quantity_purchased": "int",
                **dict.fromkeys(_FLAT_AMOUNT_COLUMNS, "money"),
                **dict.fromkeys(("settlement_start_date", "settlement_end_date", "deposit_date"), "datetime"),
                "posted_date": "date",
            },
            required=(
                "settlement_id",
                "transaction_type",
                "price_type",
                "price_amount",
                "item_related_fee_type",
                "item_related_fee_amount",
            ),
            formats={
                d: _SETTLEMENT_DATES
                for d in ("settlement_start_date", "settlement_end_date", "deposit_date", "posted_date")
            },
        )
    ),
    key=(
        "settlement_id",
        "transaction_type",
        "order_id",
        "adjustment_id",
        "shipment_id",
        "posted_date",
        "order_item_code",
        "sku",
    )
    + tuple(c for pair in FLAT_AMOUNTS for c in pair[:2] if c and c != "transaction_type"),
    excludes=("amount_type",),
    period=("posted_date",),
    structural=(
        (
            "settlement summary row (totals, not a line item)",
            lambda f: (
                f["transaction_type"].isna()
                & f[list(_FLAT_AMOUNT_COLUMNS)].isna().all(axis=1)
                & f["total_amount"].notna()
            ),
        ),
    ),
    variants=(("old flat file (wide: price-type, item-related-fee-type… one row per item)", lambda f: True),),
)

#: The variant a melted wide file carries once read as ``settlement_v2``.
MELTED_VARIANT = SETTLEMENT_V2.variants[0][0]


def melt_settlement_flat(frame: pd.DataFrame, quality: DataQuality | None = None):
    """The canonical frame of ``settlement_flat`` as the canonical frame of ``settlement_v2``: one row per amount.

    Each amount cell of a wide row becomes one row with V2's ``amount_type``/``amount_description``/``amount``
    (mapping in :data:`FLAT_AMOUNTS`), carrying the wide row's other columns; the rows keep the file's order,
    amounts in the order of :data:`FLAT_AMOUNTS`. ``quantity_purchased`` stays on one amount row of each wide
    row (its ``ItemPrice``/``Principal`` row when it has one), so that summing it counts units once. A wide row
    without any amount is kept as one row with no amount (nothing is dropped). ``posted_date_time`` does not
    exist in the wide layout and stays missing.

    Counting: with ``quality`` (the wide read's record) a copy is returned restated in amount rows, as V2 counts
    them: ``rows_used`` is the number of amount rows and ``rows_read`` grows by as many rows as the melt adds, so
    ``rows_read == rows_used + rows_rejected`` still holds; a wide row rejected before the melt (an unreadable
    cell, the settlement summary row) counts once, whatever it held.

    Returns
    -------
    DataFrame, or (DataFrame, DataQuality) when ``quality`` is given.

    Examples
    --------
    >>> wide = pd.DataFrame({"settlement_id": ["1"], "transaction_type": ["Order"], "price_type": ["Principal"],
    ...                      "price_amount": [76.0], "item_related_fee_type": ["Commission"],
    ...                      "item_related_fee_amount": [-11.4], "quantity_purchased": pd.array([1], "Int64")})
    >>> long = melt_settlement_flat(wide)
    >>> long[["amount_type", "amount_description", "amount", "quantity_purchased"]].values.tolist()
    [['ItemPrice', 'Principal', 76.0, 1], ['ItemFees', 'Commission', -11.4, <NA>]]
    """
    wide = frame.reset_index(drop=True)
    n = len(wide)
    parts = []
    for order, (type_column, amount_column, amount_type) in enumerate(FLAT_AMOUNTS):
        if amount_column not in wide.columns:
            continue
        amount = pd.to_numeric(wide[amount_column], errors="coerce")
        has = amount.notna().to_numpy()
        if not has.any():
            continue
        if type_column is not None and type_column in wide.columns:
            described = wide[type_column].astype("str")
        else:
            described = pd.Series(pd.NA, index=wide.index, dtype="str")
        if type_column in (None, "other_fee_reason_description", "transaction_type"):
            described = described.fillna(amount_column.replace("_", "-"))
        parts.append(
            pd.DataFrame(
                {
                    "_wide": np.flatnonzero(has),
                    "_order": order,
                    "amount_type": amount_type,
                    "amount_description": described[has].to_numpy(),
                    "amount": amount[has].to_numpy(dtype="float64"),
                }
            )
        )
    amounts = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["_wide", "_order"])
    bare = np.setdiff1d(np.arange(n), amounts["_wide"].to_numpy(dtype="int64"))
    amounts = pd.concat(
        [amounts, pd.DataFrame({"_wide": bare, "_order": len(FLAT_AMOUNTS)})], ignore_index=True
    ).sort_values(["_wide", "_order"], kind="stable")
    rows = amounts["_wide"].to_numpy(dtype="int64")
    long = wide.drop(columns=[c for c in wide.columns if c in _FLAT_WIDE_ONLY]).iloc[rows].reset_index(drop=True)
    long["amount_type"] = pd.Series(amounts["amount_type"].to_numpy(), dtype="str")
    long["amount_description"] = pd.Series(amounts["amount_description"].to_numpy(), dtype="str")
    long["amount"] = pd.Series(amounts["amount"].to_numpy(), dtype="float64")
    long["posted_date_time"] = pd.Series(pd.NaT, index=long.index, dtype="datetime64[ns]")
    if "quantity_purchased" in long.columns:
        principal = (long["amount_type"] == "ItemPrice") & (long["amount_description"] == "Principal")
        rank = pd.DataFrame({"row": rows, "first": ~principal.fillna(False).to_numpy(), "i": np.arange(len(long))})
        keep = rank.sort_values(["row", "first", "i"], kind="stable").groupby("row").head(1)["i"].to_numpy()
        on = np.zeros(len(long), dtype=bool)
        on[keep] = True
        long["quantity_purchased"] = long["quantity_purchased"].where(on)
    v2 = [c.name for c in SETTLEMENT_V2.columns]
    for name in v2:
        if name not in long.columns:
            long[name] = pd.Series(pd.NA, index=long.index, dtype="str")
    long = long[v2 + [c for c in long.columns if c not in v2]]
    if quality is None:
        return long
    dq = copy.deepcopy(quality)
    used = dq.rows_used
    dq.kind, dq.title = SETTLEMENT_V2.name, SETTLEMENT_V2.title
    wide_label = SETTLEMENT_FLAT.variants[0][0]
    dq.variant = MELTED_VARIANT + quality.variant.removeprefix(wide_label)
    dq.rows_used = len(long)
    dq.rows_read += len(long) - used
    dq.note(
        f"old settlement flat file: {used} wide rows read as {len(long)} V2 amount rows "
        "(rows read and used count amount rows; a rejected wide row counts once); the amount-types "
        "ShipmentFees, OrderFees, DirectPayment, OtherFees, MiscFees and other-transaction are inferred names"
    )
    return long, dq


def _money_columns(kind: ReportKind) -> tuple[str, ...]:
    return tuple(c.name for c in kind.columns if c.type == "money")


# Every amount of a P&L matters: an unreadable amount rejects its row rather than being left empty.
PAYMENTS_TRANSACTIONS = dataclasses.replace(PAYMENTS_TRANSACTIONS, needed_columns=_money_columns(PAYMENTS_TRANSACTIONS))
SETTLEMENT_V2 = dataclasses.replace(SETTLEMENT_V2, needed_columns=_money_columns(SETTLEMENT_V2))
SETTLEMENT_FLAT = dataclasses.replace(
    SETTLEMENT_FLAT,
    needed_columns=_money_columns(SETTLEMENT_FLAT),
    reads_as=SETTLEMENT_V2.name,
    reshape=melt_settlement_flat,
)

KINDS = (PAYMENTS_TRANSACTIONS, SETTLEMENT_V2, SETTLEMENT_FLAT)
