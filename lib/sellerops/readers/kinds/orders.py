"""Order-level flat files: All Orders and FBA customer returns (tab-delimited, SP-API).

Both are tab-delimited without quoting (titles may hold ``"``), dates are
ISO-8601 with an offset (stored as UTC). The Japanese files have the same
English headers in CP932, handled by the encoding detection.
"""

from __future__ import annotations

from ..schema import ReportKind, declare_flat_columns

ALL_ORDERS_HEADERS = """
amazon-order-id, merchant-order-id, purchase-date, last-updated-date, order-status, fulfillment-channel, sales-channel,
order-channel, url, ship-service-level, product-name, sku, asin, item-status, quantity, currency, item-price, item-tax,
shipping-price, shipping-tax, gift-wrap-price, gift-wrap-tax, item-promotion-discount, ship-promotion-discount, ship-city,
ship-state, ship-postal-code, ship-country, promotion-ids, is-business-order, purchase-order-number, price-designation,
signature-confirmation-recommended
"""
_ISO = ("ISO8601",)

ALL_ORDERS = ReportKind(
    name="all_orders",
    title="All Orders report (GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL)",
    label="All Orders",
    columns=declare_flat_columns(
        ALL_ORDERS_HEADERS,
        {
            "purchase_date": "datetime",
            "last_updated_date": "datetime",
            "quantity": "int",
            **{
                m: "money"
                for m in (
                    "item_price",
                    "item_tax",
                    "shipping_price",
                    "shipping_tax",
                    "gift_wrap_price",
                    "gift_wrap_tax",
                    "item_promotion_discount",
                    "ship_promotion_discount",
                )
            },
        },
        required=("amazon_order_id", "purchase_date", "order_status", "sku", "quantity"),
        formats={"purchase_date": _ISO, "last_updated_date": _ISO},
    ),
    key=("amazon_order_id", "sku", "asin", "item_status"),
    period=("purchase_date",),
    variants=(("32 columns", lambda f: True),),
)

RETURNS_HEADERS = """
return-date, order-id, sku, asin, fnsku, product-name, quantity, fulfillment-center-id, detailed-disposition, reason,
status, license-plate-number, customer-comments
"""

FBA_RETURNS = ReportKind(
    name="fba_returns",
    title="FBA customer returns (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA)",
    label="FBA customer returns",
    columns=declare_flat_columns(
        RETURNS_HEADERS,
        {"return_date": "datetime", "quantity": "int"},
        required=("return_date", "order_id", "sku", "quantity", "reason"),
        formats={"return_date": _ISO + ("%Y-%m-%d", "%m/%d/%Y")},
    ),
    key=("return_date", "order_id", "sku", "license_plate_number"),
    currency_column=None,
    period=("return_date",),
    variants=(("13 columns", lambda f: True),),
)

KINDS = (ALL_ORDERS, FBA_RETURNS)
