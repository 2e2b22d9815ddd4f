"""The workbook's own inputs, which Amazon does not export: product master and listing history.

Formats are documented in the README. Rates are fractions (``0.012``) or
percent strings (``1.2%``); months are ``YYYY-MM``.
"""

from __future__ import annotations

from ..schema import Column, ReportKind

PRODUCT_MASTER = ReportKind(
    name="product_master",
    title="Product master (sku, cost, lead time)",
    label="Product master",
    columns=(
        Column("sku", ("sku",), required=True),
        Column("asin", ("asin",), required=True),
        Column("title", ("title",)),
        Column("category", ("category",)),
        Column("unit_cost", ("unit_cost", "unit cost", "cogs"), "money", required=True),
        Column("currency", ("currency",)),
        Column("lead_time_days", ("lead_time_days",), "float", required=True),
        Column("lead_time_sd_days", ("lead_time_sd_days",), "float"),
        Column("case_pack", ("case_pack",), "int"),
    ),
    key=("sku",),
    excludes=("month", "quantity", "fnsku"),
    marketplace_from_currency=False,
    variants=(("workbook v1", lambda f: True),),
    time_model="static",
)

LISTING_HISTORY = ReportKind(
    name="listing_history",
    title="Monthly listing and account history",
    label="Listing history",
    columns=(
        Column("month", ("month",), "date", required=True, formats=("%Y-%m", "%Y-%m-%d")),
        Column("marketplace", ("marketplace",), required=True),
        Column("sku", ("sku",), required=True),
        Column("asin", ("asin",)),
        Column("price", ("price",), "money"),
        Column("currency", ("currency",)),
        Column("rating", ("rating",), "float"),
        Column("review_count", ("review_count",), "int"),
        Column("best_seller_rank", ("best_seller_rank", "bsr"), "int"),
        Column("order_defect_rate", ("order_defect_rate",), "rate"),
        Column("cancellation_rate", ("cancellation_rate",), "rate"),
        Column("response_time_hours", ("response_time_hours",), "float"),
    ),
    key=("month", "marketplace", "sku"),
    period=("month",),
    variants=(("workbook v1", lambda f: True),),
    time_model="monthly",
)

KINDS = (PRODUCT_MASTER, LISTING_HISTORY)
