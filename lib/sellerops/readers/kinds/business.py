"""Seller Central Business Reports: Detail Page Sales and Traffic by child item and by date.

Covers the old header (≈2019), the B2B-split header (≈2020–22) and the current
mobile/browser header (``Mobile APP - B2B`` casing, ``Featured Offer (Buy Box)``),
CA/DE en dashes (folded by the header normaliser) and the German names that are known.
Dates are ``MM/DD/YYYY`` in the US and day-first elsewhere: see :mod:`..datetimes`.
"""

from __future__ import annotations

import dataclasses

from ..schema import Column, ReportKind


def _channels(name: str, base: tuple[str, ...], typ: str, de_mobile: tuple[str, ...] = ()) -> tuple[Column, ...]:
    """The Mobile App and Browser columns of a metric, each with its B2B twin (``Mobile APP - B2B``: case folded)."""
    return (
        Column(f"{name}_mobile_app", tuple(f"{b} - Mobile App" for b in base) + de_mobile, typ),
        Column(f"{name}_mobile_app_b2b", tuple(f"{b} - Mobile App - B2B" for b in base), typ),
        Column(f"{name}_browser", tuple(f"{b} - Browser" for b in base), typ),
        Column(f"{name}_browser_b2b", tuple(f"{b} - Browser - B2B" for b in base), typ),
    )


def _split(
    name: str,
    base: tuple[str, ...],
    typ: str,
    *,
    channels: bool = True,
    b2b: bool = True,
    de_total: tuple[str, ...] = (),
    de_mobile: tuple[str, ...] = (),
) -> tuple[Column, ...]:
    """A metric with its Total/B2B and Mobile App/Browser columns.

    ``base`` holds the old single-column names (``Sessions``), which mean Total.
    """
    total = base + tuple(f"{b} - Total" for b in base) + de_total
    cols = [Column(name, total, typ)]
    if b2b:
        cols.append(
            Column(f"{name}_b2b", tuple(f"{b} - B2B" for b in base) + tuple(f"{b} - Total - B2B" for b in base), typ)
        )
    if channels:
        cols += _channels(name, base, typ, de_mobile)
    return tuple(cols)


def _with_b2b(name: str, aliases: tuple[str, ...], typ: str, b2b_aliases: tuple[str, ...] = ()) -> tuple[Column, ...]:
    return (
        Column(name, aliases, typ),
        Column(f"{name}_b2b", tuple(f"{a} - B2B" for a in aliases) + b2b_aliases, typ),
    )


_SALES = _with_b2b(
    "ordered_product_sales",
    ("Ordered Product Sales", "Durch bestellte Produkte erzielter Umsatz"),
    "money",
    ("Bestellsumme - B2B",),
)
_UNITS = _with_b2b("units_ordered", ("Units Ordered", "Bestellte Einheiten"), "int")
_ITEMS = _with_b2b("total_order_items", ("Total Order Items", "Zahl der Bestellposten"), "int")


def _required(cols: tuple[Column, ...], names: set[str]) -> tuple[Column, ...]:
    return tuple(dataclasses.replace(c, required=True) if c.name in names else c for c in cols)


#: Filled by the SP-API Sales and Traffic JSON (see :mod:`sellerops.readers.json_reports`); the
#: console CSVs have neither and take the currency from their money signs.
_ORIGIN = (
    Column("currency", ("Currency",)),
    Column("marketplace", ("Marketplace",)),
)
_JSON_DATES = ("%Y-%m-%d", "ISO8601")


BUSINESS_CHILD_ITEM = ReportKind(
    name="business_report_child_item",
    title="Business Report: Detail Page Sales and Traffic by Child Item",
    label="Business Report by child item",
    columns=_required(
        (
            Column("parent_asin", ("(Parent) ASIN", "(Übergeordnete) ASIN")),
            Column("child_asin", ("(Child) ASIN", "(Untergeordnete) ASIN")),
            Column("title", ("Title", "Titel")),
            Column("sku", ("SKU",)),
            # The console report has no date column: the period comes from the file name. The SP-API JSON
            # gives the range its ASIN block covers (reportSpecification dataStartTime/dataEndTime).
            Column("start_date", ("Start Date",), "date", formats=_JSON_DATES),
            Column("end_date", ("End Date",), "date", formats=_JSON_DATES),
        )
        + _ORIGIN
        + _split(
            "sessions", ("Sessions",), "int", de_total=("Sitzungen - Summe",), de_mobile=("Sitzungen - mobile App",)
        )
        + _split("session_percentage", ("Session Percentage",), "rate")
        + _split("page_views", ("Page Views",), "int", de_total=("Seitenaufrufe - Summe",))
        + _split("page_views_percentage", ("Page Views Percentage",), "rate")
        + _with_b2b("buy_box_percentage", ("Buy Box Percentage", "Featured Offer (Buy Box) Percentage"), "rate")
        + _UNITS
        + _with_b2b("unit_session_percentage", ("Unit Session Percentage",), "rate")
        + _SALES
        + _ITEMS,
        {"child_asin", "sessions", "units_ordered", "ordered_product_sales"},
    ),
    key=("start_date", "end_date", "currency", "parent_asin", "child_asin", "sku"),
    period=("start_date",),
    variants=(
        ("current (mobile/browser split)", lambda f: "sessions_browser" in f),
        ("B2B split", lambda f: "units_ordered_b2b" in f),
        ("old (2019)", lambda f: True),
    ),
)

BUSINESS_BY_DATE = ReportKind(
    name="business_report_by_date",
    title="Business Report: Sales and Traffic by Date",
    label="Business Report by date",
    columns=_required(
        (Column("date", ("Date", "Datum"), "date", order_sensitive=True),)
        + _SALES
        + _UNITS
        + _ITEMS
        + _with_b2b("average_sales_per_order_item", ("Average Sales per Order Item",), "money")
        + _with_b2b("average_units_per_order_item", ("Average Units per Order Item",), "float")
        + _with_b2b("average_selling_price", ("Average Selling Price", "Durchschnittlicher Verkaufspreis"), "money")
        + _with_b2b("sessions", ("Sessions - Total", "Sessions", "Sitzungen - Summe"), "int")
        + _channels("sessions", ("Sessions",), "int", de_mobile=("Sitzungen - mobile App",))
        + _with_b2b("page_views", ("Page Views - Total", "Page Views", "Seitenaufrufe - Summe"), "int")
        + _channels("page_views", ("Page Views",), "int")
        + _with_b2b("buy_box_percentage", ("Featured Offer (Buy Box) Percentage", "Buy Box Percentage"), "rate")
        + _with_b2b("unit_session_percentage", ("Unit Session Percentage",), "rate")
        + _with_b2b(
            "order_item_session_percentage",
            ("Order Item Session Percentage", "Prozentsatz Bestellposten pro Sitzung"),
            "rate",
        )
        + _with_b2b("average_offer_count", ("Average Offer Count",), "float")
        + _with_b2b("average_parent_items", ("Average Parent Items",), "float")
        + (
            Column("shipped_product_sales", ("Shipped Product Sales",), "money"),
            Column("units_shipped", ("Units Shipped",), "int"),
            Column("orders_shipped", ("Orders Shipped",), "int"),
            Column("units_refunded", ("Units Refunded",), "int"),
            Column("refund_rate", ("Refund Rate",), "rate"),
            Column("feedback_received", ("Feedback Received",), "int"),
            Column("negative_feedback_received", ("Negative Feedback Received",), "int"),
            Column("negative_feedback_rate", ("Received Negative Feedback Rate",), "rate"),
            Column("a_to_z_claims_granted", ("A-to-z Claims Granted",), "int"),
            Column("claims_amount", ("Claims Amount",), "money"),
        )
        + _ORIGIN,
        {"date", "ordered_product_sales", "units_ordered"},
    ),
    key=("date", "currency"),
    excludes=("child_asin",),
    period=("date",),
    variants=(
        ("current (traffic: page views and Featured Offer)", lambda f: "page_views" in f),
        ("B2B split", lambda f: "units_ordered_b2b" in f),
        ("old short header (2019)", lambda f: True),
    ),
)

KINDS = (BUSINESS_CHILD_ITEM, BUSINESS_BY_DATE)
