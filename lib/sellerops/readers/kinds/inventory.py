"""FBA inventory flat files (SP-API, tab-delimited): the planning report and Manage FBA Inventory.

The planning report (``GET_FBA_INVENTORY_PLANNING_DATA``) changed its age and fee
buckets over time (LTSF ``ltsf-9-mo``/``12-mo`` and ``inv-age-365-plus-days`` →
AIS ``estimated-ais-*`` and ``inv-age-0-to-30-days``…); every bucket is optional. Its predecessor,
the FBA Inventory Age report (``GET_FBA_INVENTORY_AGED_DATA``), is read as a variant of it: its
headers (``avaliable-quantity(sellable)``, ``units-shipped-last-30-days``…) are aliases of the
planning report's columns, and its 6-month LTSF columns, ``lowest_price_new`` and ``cubic-feet``
are kept under their own names.
"""

from __future__ import annotations

import dataclasses
import re

from ..schema import Column, ColumnType, ReportKind, declare_flat_columns, to_snake_case

_FLAT_DATES = ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S", "%m/%d/%Y", "%d/%m/%Y")

PLANNING_HEADERS = """
snapshot-date, sku, fnsku, asin, product-name, condition, available, pending-removal-quantity,
inv-age-0-to-90-days, inv-age-91-to-180-days, inv-age-181-to-270-days, inv-age-271-to-365-days, inv-age-365-plus-days,
currency, qty-to-be-charged-ltsf-9-mo, projected-ltsf-9-mo, qty-to-be-charged-ltsf-12-mo, estimated-ltsf-next-charge,
units-shipped-t7, units-shipped-t30, units-shipped-t60, units-shipped-t90, alert, your-price, sales-price,
lowest-price-new-plus-shipping, lowest-price-used, recommended-action, healthy-inventory-level, recommended-sales-price,
recommended-sale-duration-days, recommended-removal-quantity, estimated-cost-savings-of-recommended-actions, sell-through,
item-volume, volume-unit-measurement, storage-type, storage-volume, marketplace, product-group, sales-rank, days-of-supply,
estimated-excess-quantity, weeks-of-cover-t30, weeks-of-cover-t90, featuredoffer-price, sales-shipped-last-7-days,
sales-shipped-last-30-days, sales-shipped-last-60-days, sales-shipped-last-90-days, inv-age-0-to-30-days, inv-age-31-to-60-days,
inv-age-61-to-90-days, inv-age-181-to-330-days, inv-age-331-to-365-days, estimated-storage-cost-next-month, inbound-quantity,
inbound-working, inbound-shipped, inbound-received, no-sale-last-6-months, reserved-quantity, unfulfillable-quantity,
estimated-ais-181-210-days, estimated-ais-211-240-days, estimated-ais-241-270-days, estimated-ais-271-300-days,
estimated-ais-301-330-days, estimated-ais-331-365-days, estimated-ais-365-plus-days,
quantity-to-be-charged-ais-181-210-days, quantity-to-be-charged-ais-211-240-days, quantity-to-be-charged-ais-241-270-days,
quantity-to-be-charged-ais-271-300-days, quantity-to-be-charged-ais-301-330-days, quantity-to-be-charged-ais-331-365-days,
quantity-to-be-charged-ais-365-plus-days
"""

_MONEY = re.compile(r"price|ltsf(?!.*qty)|estimated-ais|cost|sales-shipped")
_INT = re.compile(
    r"^(available|inv-age|qty|quantity|units|pending|healthy|recommended-removal|estimated-excess|inbound|reserved|unfulfillable|no-sale|recommended-sale-duration|sales-rank)"
)
_FLOAT = re.compile(r"sell-through|weeks-of-cover|days-of-supply|volume(?!-unit)")


def _types(headers: str) -> dict[str, ColumnType]:
    types: dict[str, ColumnType] = {}
    for h in (h.strip() for h in headers.replace("\n", ",").split(",")):
        if not h:
            continue
        if h.startswith("qty-to-be-charged") or h.startswith("quantity-to-be-charged"):
            types[to_snake_case(h)] = "int"
        elif _MONEY.search(h):
            types[to_snake_case(h)] = "money"
        elif _INT.search(h):
            types[to_snake_case(h)] = "int"
        elif _FLOAT.search(h):
            types[to_snake_case(h)] = "float"
    return types


#: The planning report's predecessor, the FBA Inventory Age report (``GET_FBA_INVENTORY_AGED_DATA``), with
#: Amazon's own spellings (``avaliable``, ``sales_price``, human-readable recommendation headers). Header from
#: public parsers (a header comment and three field lists agree); it is tab-delimited like the planning report.
AGED_HEADERS = """
snapshot-date, sku, fnsku, asin, product-name, condition, avaliable-quantity(sellable), qty-with-removals-in-progress,
inv-age-0-to-90-days, inv-age-91-to-180-days, inv-age-181-to-270-days, inv-age-271-to-365-days, inv-age-365-plus-days,
currency, qty-to-be-charged-ltsf-6-mo, projected-ltsf-6-mo, qty-to-be-charged-ltsf-12-mo, projected-ltsf-12-mo,
units-shipped-last-7-days, units-shipped-last-30-days, units-shipped-last-60-days, units-shipped-last-90-days, alert,
your-price, sales_price, lowest_price_new, lowest_price_used, Recommended action, Healthy Inventory Level,
Recommended sales price, Recommended sale duration (days), Recommended Removal Quantity,
Estimated cost savings of removal, sell-through, cubic-feet, storage-type
"""
#: Old header -> the planning report's canonical column it fills (same meaning, other name).
_AGED_ALIASES = {
    "available": ("avaliable-quantity(sellable)", "available-quantity(sellable)"),
    "pending_removal_quantity": ("qty-with-removals-in-progress",),
    "units_shipped_t7": ("units-shipped-last-7-days",),
    "units_shipped_t30": ("units-shipped-last-30-days",),
    "units_shipped_t60": ("units-shipped-last-60-days",),
    "units_shipped_t90": ("units-shipped-last-90-days",),
    "sales_price": ("sales_price",),
    "lowest_price_used": ("lowest_price_used",),
    "recommended_action": ("Recommended action",),
    "healthy_inventory_level": ("Healthy Inventory Level",),
    "recommended_sales_price": ("Recommended sales price",),
    "recommended_sale_duration_days": ("Recommended sale duration (days)",),
    "recommended_removal_quantity": ("Recommended Removal Quantity",),
    "estimated_cost_savings_of_recommended_actions": ("Estimated cost savings of removal",),
}
#: Old columns without a planning-report twin, kept under their own names.
_AGED_ONLY = declare_flat_columns(
    "qty-to-be-charged-ltsf-6-mo, projected-ltsf-6-mo, projected-ltsf-12-mo, lowest_price_new, cubic-feet",
    {
        "qty_to_be_charged_ltsf_6_mo": "int",
        "projected_ltsf_6_mo": "money",
        "projected_ltsf_12_mo": "money",
        "lowest_price_new": "money",
        "cubic_feet": "float",
    },
)


def _with_aliases(columns: tuple[Column, ...], extra: dict[str, tuple[str, ...]]) -> tuple[Column, ...]:
    return tuple(dataclasses.replace(c, aliases=c.aliases + extra.get(c.name, ())) for c in columns)


FBA_INVENTORY_PLANNING = ReportKind(
    name="fba_inventory_planning",
    title="FBA inventory planning report (GET_FBA_INVENTORY_PLANNING_DATA)",
    label="FBA inventory planning",
    columns=_with_aliases(
        declare_flat_columns(
            PLANNING_HEADERS,
            {**_types(PLANNING_HEADERS), "snapshot_date": "date"},
            required=("snapshot_date", "sku", "asin", "available"),
            formats={"snapshot_date": _FLAT_DATES},
        ),
        _AGED_ALIASES,
    )
    + _AGED_ONLY,
    key=("snapshot_date", "marketplace", "sku", "fnsku", "condition"),
    period=("snapshot_date",),
    variants=(
        (
            "old Inventory Age report (GET_FBA_INVENTORY_AGED_DATA)",
            lambda f: "avaliable-quantity(sellable)" in f or "units-shipped-last-30-days" in f,
        ),
        (
            "new buckets (AIS, 0-30/31-60/61-90 days)",
            lambda f: "estimated_ais_181_210_days" in f or "inv_age_0_to_30_days" in f,
        ),
        ("old buckets (LTSF 9/12 months)", lambda f: True),
    ),
    time_model="snapshot",
)

MYI_HEADERS = """
sku, fnsku, asin, product-name, condition, your-price, mfn-listing-exists, mfn-fulfillable-quantity, afn-listing-exists,
afn-warehouse-quantity, afn-fulfillable-quantity, afn-unsellable-quantity, afn-reserved-quantity, afn-total-quantity,
per-unit-volume, afn-inbound-working-quantity, afn-inbound-shipped-quantity, afn-inbound-receiving-quantity,
afn-researching-quantity, afn-reserved-future-supply, afn-future-supply-buyable, store,
afn-fulfillable-quantity-local, afn-fulfillable-quantity-remote, afn-fc-transfer-quantity, afn-onhand-buyable-quantity
"""

MANAGE_FBA_INVENTORY = ReportKind(
    name="fba_manage_inventory",
    title="Manage FBA Inventory (GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA)",
    label="Manage FBA Inventory",
    columns=declare_flat_columns(
        MYI_HEADERS,
        {
            **{
                to_snake_case(h): "int"
                for h in re.findall(
                    r"[a-z-]*quantity[a-z-]*|afn-reserved-future-supply|afn-future-supply-buyable", MYI_HEADERS
                )
            },
            "your_price": "money",
            "per_unit_volume": "float",
        },
        required=("sku", "asin", "afn_fulfillable_quantity", "afn_total_quantity"),
    ),
    key=("sku", "fnsku", "condition", "store"),
    excludes=("snapshot_date",),
    currency_column=None,
    variants=(
        ("with store / local-remote columns", lambda f: "store" in f or "afn_fulfillable_quantity_local" in f),
        ("classic 21 columns", lambda f: True),
    ),
    time_model="static",
)

KINDS = (FBA_INVENTORY_PLANNING, MANAGE_FBA_INVENTORY)
