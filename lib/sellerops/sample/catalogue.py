"""The fictional seller: brand, products, campaigns and keyword universe.

Everything here is plain data (no randomness), so the planted effects are
visible in one place. Randomness is added by :mod:`sellerops.sample.simulate`.

Brightnest is a small Home & Kitchen brand (18 SKUs, about 110,000 USD a year on Amazon.com and
25,000 GBP on Amazon.co.uk) that earns a thin but real net margin (about 8% in the US, 11% in the
UK over the last 12 months, before tools and people): fees as Amazon charges them (15% referral,
FBA fulfilment 3.50-12.80 USD per unit, storage 0.78/2.40 USD per cubic foot and month, the
aged-inventory surcharge bands below), about 60 days of stock on hand, and two problems to find:
a slow mover whose aged stock costs a few percent of sales, and a best seller that loses money.

Examples
--------
>>> from sellerops.sample import catalogue
>>> catalogue.BRAND
'Brightnest'
>>> len(catalogue.PRODUCTS) >= 15
True
"""

from __future__ import annotations

import datetime as dt

BRAND = "Brightnest"
COMPETITORS = ("Hearthly", "Kozico")
SEED = 20261031
#: Scales every demand and spend level (sets the size of the business and of the sample folder).
VOLUME = 0.26

START = dt.date(2024, 11, 1)
END = dt.date(2026, 10, 31)
ADS_START = dt.date(2025, 11, 1)
#: First month that uses the new (AIS, 0-30 day buckets) planning-report layout.
PLANNING_NEW_LAYOUT_FROM = dt.date(2025, 11, 1)

MARKETPLACES = {
    "US": {
        "currency": "USD",
        "symbol": "$",
        "tz": "America/Los_Angeles",
        "payments_tz": "America/Los_Angeles",  # the transaction report prints Pacific time (PST/PDT)
        "channel": "Amazon.com",
        "marketplace": "amazon.com",
        "fx_from_usd": 1.0,
        "demand_share": 1.0,
    },
    "UK": {
        "currency": "GBP",
        "symbol": "£",
        "tz": "Europe/London",
        "payments_tz": "UTC",  # the transaction report prints UTC
        "channel": "Amazon.co.uk",
        "marketplace": "amazon.co.uk",
        "fx_from_usd": 0.8,
        "demand_share": 0.3,
    },
}

#: Fee assumptions used for break-even ACoS and payments (recorded in the truth file).
REFERRAL_FEE_RATE = 0.15
OTHER_VARIABLE_COST_RATE = 0.03  # returns allowance, payment of inbound freight etc., share of price
US_SALES_TAX_RATE = 0.07
REFUND_ADMIN_FEE_RATE = 0.20  # of the referral fee, capped at 5.00
STORAGE_FEE_PER_CUFT = {"off_peak": 0.78, "peak": 2.40}  # per cubic foot per month (Oct-Dec peak)
AGED_SURCHARGE_PER_CUFT = {  # per cubic foot per month, by age band (days)
    "181-210": 0.50,
    "211-240": 1.00,
    "241-270": 1.50,
    "271-300": 3.80,
    "301-330": 4.00,
    "331-365": 4.20,
    "365+": 6.90,
}

#: Seasonal demand multiplier by calendar month (the Q4 peak is planted here).
SEASON = {1: 0.85, 2: 0.85, 3: 0.9, 4: 0.95, 5: 1.0, 6: 1.0, 7: 1.1, 8: 1.0, 9: 1.0, 10: 1.15, 11: 1.6, 12: 1.9}
PRICE_ELASTICITY = -1.5
#: Operations lead sales: units follow the traffic (sessions) index this many days later.
TRAFFIC_LAG_DAYS = 14
TRAFFIC_AR_PHI = 0.97
TRAFFIC_SD = 0.22
#: Diminishing returns of ad spend: expected ad sales = a * spend ** AD_SPEND_ELASTICITY.
AD_SPEND_ELASTICITY = 0.6
#: Share of true ad sales that Amazon has reported by the time of download, last three days.
UNDER_ATTRIBUTION = {"2026-10-29": 0.55, "2026-10-30": 0.75, "2026-10-31": 0.90}

# --- products -------------------------------------------------------------------------------
# sku, title, category, price_usd, unit_cost_usd, fba_fee_usd, base units/day (US), base CVR,
# return rate, lead time days, lead time sd, case pack, cubic feet, rating
_P = [
    (
        "BN-KIT-01",
        "Brightnest Bamboo Cooking Utensil Set, 6 Piece",
        "Kitchen",
        19.99,
        7.40,
        5.20,
        3.2,
        0.14,
        0.14,
        45,
        7,
        24,
        0.12,
        4.4,
    ),
    (
        "BN-KIT-02",
        "Brightnest Silicone Spatula Set, Heat Resistant, 4 Pack",
        "Kitchen",
        14.99,
        3.10,
        3.60,
        2.4,
        0.13,
        0.03,
        40,
        6,
        48,
        0.05,
        4.6,
    ),
    (
        "BN-KIT-03",
        "Brightnest Stainless Steel Measuring Cups and Spoons",
        "Kitchen",
        17.99,
        3.90,
        3.90,
        1.6,
        0.12,
        0.03,
        40,
        6,
        36,
        0.06,
        4.7,
    ),
    (
        "BN-KIT-04",
        "Brightnest Glass Food Storage Containers, 10 Set",
        "Kitchen",
        36.99,
        11.20,
        7.20,
        1.5,
        0.11,
        0.04,
        60,
        10,
        8,
        0.55,
        4.5,
    ),
    (
        "BN-KIT-05",
        "Brightnest Acacia Wood Cutting Board, Large",
        "Kitchen",
        29.99,
        8.10,
        5.40,
        1.0,
        0.10,
        0.03,
        50,
        8,
        12,
        0.25,
        4.6,
    ),
    (
        "BN-KIT-06",
        "Brightnest Magnetic Knife Strip, 16 Inch",
        "Kitchen",
        21.99,
        4.80,
        4.20,
        1.2,
        0.13,
        0.02,
        45,
        7,
        24,
        0.08,
        4.6,
    ),
    (
        "BN-KIT-07",
        "Brightnest Over the Sink Dish Drying Rack",
        "Kitchen",
        44.99,
        14.50,
        8.10,
        0.8,
        0.09,
        0.04,
        55,
        9,
        6,
        0.90,
        4.4,
    ),
    (
        "BN-KIT-08",
        "Brightnest Spice Rack Organizer, 3 Tier",
        "Kitchen",
        24.99,
        6.20,
        5.10,
        0.9,
        0.11,
        0.03,
        45,
        7,
        12,
        0.30,
        4.5,
    ),
    (
        "BN-KIT-09",
        "Brightnest Silicone Baking Mats, 3 Pack",
        "Kitchen",
        16.99,
        3.40,
        3.70,
        1.1,
        0.13,
        0.02,
        40,
        6,
        48,
        0.04,
        4.7,
    ),
    (
        "BN-KIT-10",
        "Brightnest Cast Iron Trivet Set of 2",
        "Kitchen",
        22.99,
        5.90,
        5.30,
        0.5,
        0.09,
        0.03,
        50,
        8,
        12,
        0.15,
        4.5,
    ),
    (
        "BN-BAT-01",
        "Brightnest Memory Foam Bath Mat, Non Slip, 17x24",
        "Bath",
        24.99,
        6.30,
        5.60,
        2.6,
        0.13,
        0.04,
        45,
        7,
        20,
        0.35,
        4.5,
    ),
    (
        "BN-BAT-02",
        "Brightnest Bamboo Bath Tray Caddy, Expandable",
        "Bath",
        34.99,
        9.80,
        6.40,
        1.4,
        0.11,
        0.03,
        50,
        8,
        10,
        0.45,
        4.6,
    ),
    (
        "BN-BAT-03",
        "Brightnest Teak Shower Bench, 24 Inch",
        "Bath",
        89.99,
        31.00,
        12.80,
        0.12,
        0.05,
        0.05,
        70,
        12,
        2,
        2.10,
        4.3,
    ),
    (
        "BN-BAT-04",
        "Brightnest Waffle Weave Bath Towels, Set of 4",
        "Bath",
        39.99,
        12.10,
        6.90,
        1.3,
        0.10,
        0.05,
        55,
        9,
        10,
        0.50,
        4.4,
    ),
    (
        "BN-BAT-05",
        "Brightnest Stainless Shower Caddy, Rustproof",
        "Bath",
        27.99,
        7.60,
        5.50,
        1.0,
        0.10,
        0.04,
        45,
        7,
        16,
        0.40,
        4.3,
    ),
    (
        "BN-BAT-06",
        "Brightnest Soap Dispenser Set, Matte Black",
        "Bath",
        19.99,
        4.60,
        4.30,
        1.2,
        0.12,
        0.03,
        40,
        6,
        24,
        0.10,
        4.6,
    ),
    (
        "BN-BAT-07",
        "Brightnest Quick Dry Hair Towel Wrap, 2 Pack",
        "Bath",
        15.99,
        2.90,
        3.50,
        1.3,
        0.14,
        0.03,
        40,
        6,
        48,
        0.05,
        4.5,
    ),
    (
        "BN-BAT-08",
        "Brightnest Toilet Brush and Holder Set",
        "Bath",
        18.99,
        4.20,
        4.60,
        0.7,
        0.10,
        0.03,
        45,
        7,
        24,
        0.20,
        4.4,
    ),
]
PRODUCT_FIELDS = (
    "sku",
    "title",
    "category",
    "price_usd",
    "unit_cost_usd",
    "fba_fee_usd",
    "base_units",
    "base_cvr",
    "return_rate",
    "lead_time_days",
    "lead_time_sd_days",
    "case_pack",
    "cubic_feet",
    "rating",
)
PRODUCTS = [dict(zip(PRODUCT_FIELDS, p)) for p in _P]
SKUS = [p["sku"] for p in PRODUCTS]

# --- planted product-level effects ------------------------------------------------------------
HIGH_SALES_NO_PROFIT_SKU = "BN-KIT-01"
COUPON_SHARE_OF_ORDERS = 0.75  # share of its orders that redeem the coupon
COUPON_RATE = 0.25  # coupon = 25% of the item price
SLOW_MOVER_SKU = "BN-BAT-03"  # one over-sized lot, never reordered: over 365 days old by the last year
SLOW_MOVER_INITIAL_UNITS = {"US": 45, "UK": 14}  # its surcharge is a few percent of the account's sales
SLOW_MOVER_RECEIVED = dt.date(2024, 6, 20)
STOCKOUT_RISK_SKU = "BN-KIT-04"  # no reorder placed in the last weeks: runs out inside lead time
STOCKOUT_RISK_NO_REORDER_FROM = dt.date(2026, 9, 1)
STOCKOUT_SKU = "BN-BAT-02"  # two supplier delays cause stock-outs in the US
STOCKOUT_DELAYS = [  # inbound hold: shipments due between the two dates arrive on the second
    (dt.date(2025, 8, 20), dt.date(2025, 12, 12)),
    (dt.date(2026, 4, 15), dt.date(2026, 8, 20)),
]
RATING_DROP_SKU = "BN-KIT-06"
RATING_DROP_MONTH = "2026-03"
RATING_AFTER = 4.1
RATING_DROP_CONVERSION_EFFECT = -0.32  # relative change in conversion (units per session)

# --- orders, returns, restocking -------------------------------------------------------------------
#: Share of a day's unit pairs that are bought as one order of quantity 2.
DOUBLE_ORDER_SHARE = 0.06
#: Monthly order cancellation rate per marketplace: normal(mean, sd) clipped to [min, max].
CANCELLATION_RATE = {"mean": 0.006, "sd": 0.002, "min": 0.001, "max": 0.015}
#: A returned order comes back this many days after the purchase day (uniform, inclusive).
RETURN_LAG_DAYS = (5, 36)
#: How FBA grades returned units; SELLABLE units go back to stock on the day they come back.
RETURN_DISPOSITIONS = {"SELLABLE": 0.6, "CUSTOMER_DAMAGED": 0.2, "DEFECTIVE": 0.2}
#: Restocking, reviewed every ``review_days``: reorder when on hand + inbound falls below the planned
#: demand over lead time + ``service_z`` lead-time sd + ``safety_days`` (plus ``service_z`` Poisson sd),
#: then order up to ``order_days`` more. Full case packs once an order reaches a case, single units below.
REORDER = {"review_days": 7, "service_z": 2.0, "safety_days": 28, "order_days": 30}
#: Stock on hand at the start: planned demand of this many days beyond the lead time (+ 3 lead-time sd).
INITIAL_COVER_DAYS = 30

# --- ads ------------------------------------------------------------------------------------
# campaign name, marketplace, sku, kind (auto/broad/phrase/exact/product), typical daily spend
# (local currency), CPC, CTR, target ACoS at the typical spend (sets a in a * spend**b), budget,
# start date
CAMPAIGNS = [
    ("SP - Utensil Set - Auto", "US", "BN-KIT-01", "auto", 14.0, 0.62, 0.0045, 0.11, 25.0, "Mar 04, 2024"),
    ("SP - Utensil Set - Broad", "US", "BN-KIT-01", "broad", 12.0, 0.78, 0.0050, 0.12, 20.0, "Mar 04, 2024"),
    ("SP - Bath Mat - Auto", "US", "BN-BAT-01", "auto", 12.0, 0.70, 0.0040, 0.2, 20.0, "Feb 12, 2024"),
    ("SP - Bath Mat - Exact", "US", "BN-BAT-01", "exact", 10.0, 0.95, 0.0080, 0.2, 15.0, "Feb 12, 2024"),
    ("SP - Bath Mat - Competitor ASINs", "US", "BN-BAT-01", "product", 6.0, 0.65, 0.0035, 0.22, 10.0, "May 20, 2024"),
    ("SP - Spatula Set - Broad", "US", "BN-KIT-02", "broad", 9.0, 0.66, 0.0048, 0.26, 15.0, "Jan 08, 2024"),
    ("SP - Brand Defense - Exact", "US", "BN-KIT-02", "exact", 4.0, 0.40, 0.0200, 0.09, 8.0, "Jan 08, 2024"),
    ("SP - Shower Caddy - Broad", "US", "BN-BAT-05", "broad", 11.0, 1.10, 0.0042, 0.62, 18.0, "Apr 02, 2024"),
    ("SP - Knife Strip - Auto", "US", "BN-KIT-06", "auto", 7.0, 0.58, 0.0040, 0.25, 12.0, "Jun 15, 2024"),
    ("SP - Bath Caddy - Exact", "US", "BN-BAT-02", "exact", 8.0, 0.85, 0.0065, 0.22, 12.0, "Mar 18, 2024"),
    (
        "SP - Measuring Cups - Product Targeting",
        "US",
        "BN-KIT-03",
        "product",
        5.0,
        0.55,
        0.0035,
        0.25,
        8.0,
        "Jul 01, 2024",
    ),
    ("SP - Hair Towel - Phrase", "US", "BN-BAT-07", "phrase", 6.0, 0.52, 0.0050, 0.27, 10.0, "Aug 05, 2024"),
    ("SP UK - Utensil Set - Auto", "UK", "BN-KIT-01", "auto", 6.0, 0.45, 0.0045, 0.12, 10.0, "Apr 10, 2024"),
    ("SP UK - Bath Mat - Exact", "UK", "BN-BAT-01", "exact", 5.0, 0.60, 0.0075, 0.23, 8.0, "Apr 10, 2024"),
    ("SP UK - Spatula Set - Broad", "UK", "BN-KIT-02", "broad", 4.0, 0.48, 0.0048, 0.2, 6.0, "Apr 10, 2024"),
]
CAMPAIGN_FIELDS = (
    "campaign",
    "marketplace",
    "sku",
    "kind",
    "daily_spend",
    "cpc",
    "ctr",
    "target_acos",
    "budget",
    "start_date",
)
#: Each campaign has one ad group, named after the product in the campaign name ("Ad group - Bath Mat").
AD_GROUPS = {
    c[0]: "Ad group - " + c[0].removeprefix("SP UK - ").removeprefix("SP - ").split(" - ")[0] for c in CAMPAIGNS
}
OVER_BREAK_EVEN_CAMPAIGN = "SP - Shower Caddy - Broad"
PLACEMENTS = ("First page Top of Search on Amazon", "Rest of search on Amazon", "Product pages on Amazon")
PLACEMENT_SHARE = (0.45, 0.35, 0.20)


# --- the bulk operations download (bulksheets 2.0, Sponsored Products) ------------------------------
#: Placement bid adjustments in percent, in the order of ``PLACEMENTS`` (top of search, rest of search,
#: product pages), by campaign kind.
PLACEMENT_BID_ADJUSTMENT = {
    "exact": (50, 0, 0),
    "broad": (20, 10, 0),
    "phrase": (20, 10, 0),
    "auto": (10, 0, 0),
    "product": (0, 0, 30),
}
PLACEMENT_BID_ADJUSTMENT_CAMPAIGN = {"SP - Brand Defense - Exact": (100, 0, 0)}
#: Negative keywords already in the account: (campaign, level, keyword text, match type); level is
#: "campaign" or "ad group". None of them blocks a search term of the catalogue (so the costly
#: no-order terms are still there to find and negate).
NEGATIVE_KEYWORDS = [
    ("SP - Utensil Set - Auto", "campaign", "brightnest", "negativeExact"),
    ("SP - Bath Mat - Auto", "campaign", "brightnest", "negativeExact"),
    ("SP - Bath Mat - Auto", "campaign", "brightnest bath mat", "negativeExact"),
    ("SP - Utensil Set - Broad", "ad group", "plastic", "negativePhrase"),
    ("SP - Spatula Set - Broad", "ad group", "metal spatula", "negativeExact"),
    ("SP - Shower Caddy - Broad", "ad group", "shower curtain", "negativePhrase"),
    ("SP - Hair Towel - Phrase", "ad group", "hair towel wrap for men", "negativeExact"),
    ("SP UK - Spatula Set - Broad", "ad group", "wooden", "negativePhrase"),
]
#: Auto campaigns carry all four targeting groups (a group without any search term stays enabled).
AUTO_TARGETING_GROUPS = ("close-match", "loose-match", "substitutes", "complements")
#: A keyword or target bid is this range x the larger of the campaign's CPC and the target's realised CPC.
BID_OVER_CPC = (1.10, 1.35)
#: The ad group default bid over the campaign's CPC.
DEFAULT_BID_OVER_CPC = 1.20

# --- search terms per campaign ----------------------------------------------------------------
# Each entry: (targeting, match type, search term, click weight, CVR multiplier, role).
# role: "" ordinary, "waste" (many clicks, never converts), "harvest" (converts well, found by
# auto/broad, not targeted as exact), "brand", "competitor".
_AUTO_EXPR = AUTO_TARGETING_GROUPS


def _terms(core: str, mods: list[str]) -> list[str]:
    return [f"{m} {core}".strip() if not m.startswith("+") else f"{core} {m[1:]}" for m in mods]


SEARCH_TERMS: dict[str, list[tuple[str, str, str, float, float, str]]] = {}


def _add(campaign, rows):
    SEARCH_TERMS.setdefault(campaign, []).extend(rows)


_add(
    "SP - Utensil Set - Auto",
    [
        ("close-match", "-", "bamboo cooking utensils set", 6.0, 2.2, "harvest"),
        ("close-match", "-", "wooden spoons for cooking", 5.0, 1.0, ""),
        ("close-match", "-", "kitchen utensil set", 4.0, 0.9, ""),
        ("close-match", "-", "wooden utensils", 3.0, 1.0, ""),
        ("loose-match", "-", "kitchen gadgets", 4.0, 0.3, ""),
        ("loose-match", "-", "wooden spoon rest", 5.5, 0.0, "waste"),
        ("loose-match", "-", "cooking utensils", 3.0, 0.8, ""),
        ("substitutes", "-", "b07hearth1", 2.0, 0.6, ""),
        ("substitutes", "-", "hearthly wooden spoons", 2.5, 0.7, "competitor"),
        ("complements", "-", "spoon holder for stove", 2.0, 0.2, ""),
        ("complements", "-", "b08kozic12", 1.5, 0.4, ""),
    ]
    + [
        ("close-match", "-", t, 0.4, 0.8, "")
        for t in _terms(
            "utensils",
            [
                "bamboo",
                "teak",
                "wooden kitchen",
                "nonstick",
                "+for nonstick pans",
                "+set with holder",
                "acacia",
                "cooking spoon and",
                "+for cooking set",
                "natural wood",
            ],
        )
    ],
)
_add(
    "SP - Utensil Set - Broad",
    [
        ("bamboo utensils", "BROAD", "bamboo utensils", 5.0, 1.1, ""),
        ("bamboo utensils", "BROAD", "bamboo utensil set for cooking with holder", 3.0, 2.3, "harvest"),
        ("bamboo utensils", "BROAD", "bamboo spatula", 3.0, 0.7, ""),
        ("wooden spoons", "BROAD", "wooden spoons", 5.0, 0.9, ""),
        ("wooden spoons", "BROAD", "large wooden spoons for cooking", 4.0, 0.0, "waste"),
        ("wooden spoons", "BROAD", "kozico wooden spoon set", 2.0, 0.8, "competitor"),
        ("wooden spoons", "BROAD", "wooden spoons for cooking nonstick", 2.5, 2.0, "harvest"),
    ]
    + [
        ("wooden spoons", "BROAD", t, 0.35, 0.8, "")
        for t in _terms(
            "spoons",
            [
                "wooden cooking",
                "slotted wooden",
                "olive wood",
                "+set of 5",
                "+for stirring",
                "beech wood",
                "handmade wooden",
                "+wooden long handle",
            ],
        )
    ],
)
_add(
    "SP - Bath Mat - Auto",
    [
        ("close-match", "-", "non slip bath mat for tub", 5.0, 2.1, "harvest"),
        ("close-match", "-", "memory foam bath mat", 6.0, 1.1, ""),
        ("close-match", "-", "bathroom rugs", 5.0, 0.8, ""),
        ("loose-match", "-", "bath mat runner 24x60", 5.0, 0.0, "waste"),
        ("loose-match", "-", "bathroom decor", 3.0, 0.2, ""),
        ("substitutes", "-", "hearthly bath mat", 2.5, 0.8, "competitor"),
        ("substitutes", "-", "b09hearth7", 2.0, 0.6, ""),
        ("complements", "-", "shower curtain set", 2.0, 0.1, ""),
    ]
    + [
        ("close-match", "-", t, 0.4, 0.8, "")
        for t in _terms(
            "bath mat",
            ["grey", "absorbent", "washable", "soft", "+non slip", "chenille", "plush", "small", "+17x24", "bathroom"],
        )
    ],
)
_add(
    "SP - Bath Mat - Exact",
    [
        ("memory foam bath mat", "EXACT", "memory foam bath mat", 8.0, 1.2, ""),
        ("bath mat", "EXACT", "bath mat", 10.0, 0.9, ""),
        ("bath mats for bathroom", "EXACT", "bath mats for bathroom", 7.0, 1.0, ""),
        ("non slip bath mat", "EXACT", "non slip bath mat", 6.0, 1.1, ""),
    ],
)
_add(
    "SP - Bath Mat - Competitor ASINs",
    [
        ('asin="B09HEARTH7"', "-", "b09hearth7", 4.0, 0.7, ""),
        ('asin="B08KOZIC31"', "-", "b08kozic31", 3.0, 0.6, ""),
        ('asin="B07MATTRX5"', "-", "b07mattrx5", 2.0, 0.0, "waste"),
    ],
)
_add(
    "SP - Spatula Set - Broad",
    [
        ("silicone spatula", "BROAD", "silicone spatula", 6.0, 1.0, ""),
        ("silicone spatula", "BROAD", "silicone spatula set heat resistant", 4.0, 2.2, "harvest"),
        ("silicone spatula", "BROAD", "rubber spatula", 4.0, 0.8, ""),
        ("silicone spatula", "BROAD", "spatula for baking", 3.0, 0.0, "waste"),
        ("silicone spatula", "BROAD", "hearthly spatula", 2.0, 0.7, "competitor"),
    ]
    + [
        ("silicone spatula", "BROAD", t, 0.35, 0.8, "")
        for t in _terms(
            "spatula",
            ["silicone", "small silicone", "+set", "jar", "heat resistant", "mini", "flexible", "+for nonstick"],
        )
    ],
)
_add(
    "SP - Brand Defense - Exact",
    [
        ("brightnest", "EXACT", "brightnest", 6.0, 1.6, "brand"),
        ("brightnest spatula", "EXACT", "brightnest spatula", 3.0, 1.8, "brand"),
        ("brightnest kitchen", "EXACT", "brightnest kitchen", 2.0, 1.5, "brand"),
        ("brightnest bath mat", "EXACT", "brightnest bath mat", 2.0, 1.6, "brand"),
    ],
)
_add(
    "SP - Shower Caddy - Broad",
    [
        ("shower caddy", "BROAD", "shower caddy", 6.0, 0.8, ""),
        ("shower caddy", "BROAD", "shower caddy hanging", 4.0, 0.7, ""),
        ("shower caddy", "BROAD", "cheap shower caddy", 5.0, 0.0, "waste"),
        ("shower caddy", "BROAD", "shower organizer", 4.0, 0.6, ""),
        ("shower caddy", "BROAD", "kozico shower caddy", 2.0, 0.5, "competitor"),
    ]
    + [
        ("shower caddy", "BROAD", t, 0.4, 0.6, "")
        for t in _terms(
            "shower caddy",
            ["corner", "stainless", "adhesive", "+no drilling", "+basket", "rustproof", "tension pole", "suction"],
        )
    ],
)
_add(
    "SP - Knife Strip - Auto",
    [
        ("close-match", "-", "magnetic knife holder for wall", 5.0, 2.0, "harvest"),
        ("close-match", "-", "magnetic knife strip", 5.0, 1.0, ""),
        ("loose-match", "-", "knife block", 4.0, 0.3, ""),
        ("loose-match", "-", "knife set with block", 4.5, 0.0, "waste"),
        ("substitutes", "-", "b07hearth2", 2.0, 0.6, ""),
        ("complements", "-", "knife sharpener", 2.0, 0.1, ""),
    ],
)
_add(
    "SP - Bath Caddy - Exact",
    [
        ("bathtub caddy tray", "EXACT", "bathtub caddy tray", 6.0, 1.1, ""),
        ("bath tray for tub", "EXACT", "bath tray for tub", 5.0, 1.0, ""),
        ("bamboo bath tray", "EXACT", "bamboo bath tray", 4.0, 1.2, ""),
    ],
)
_add(
    "SP - Measuring Cups - Product Targeting",
    [
        ('asin="B07HEARTH3"', "-", "b07hearth3", 4.0, 0.8, ""),
        ('asin="B09KOZIC08"', "-", "b09kozic08", 3.0, 0.7, ""),
        ('asin="B08MEASR11"', "-", "b08measr11", 2.5, 0.6, ""),
    ],
)
_add(
    "SP - Hair Towel - Phrase",
    [
        ("hair towel wrap", "PHRASE", "hair towel wrap", 6.0, 1.0, ""),
        ("hair towel wrap", "PHRASE", "microfiber hair towel wrap for women", 4.0, 1.3, ""),
        ("hair towel wrap", "PHRASE", "hair towel wrap for curly hair", 3.0, 1.1, ""),
        ("hair towel wrap", "PHRASE", "kids hair towel wrap", 3.0, 0.0, "waste"),
    ],
)
_add(
    "SP UK - Utensil Set - Auto",
    [
        ("close-match", "-", "wooden cooking utensils", 5.0, 1.0, ""),
        ("close-match", "-", "bamboo utensil set", 5.0, 1.9, "harvest"),
        ("loose-match", "-", "kitchen accessories", 4.0, 0.0, "waste"),
        ("substitutes", "-", "b07hearth1", 2.0, 0.6, ""),
        ("complements", "-", "utensil holder", 2.0, 0.3, ""),
    ],
)
_add(
    "SP UK - Bath Mat - Exact",
    [
        ("bath mat", "EXACT", "bath mat", 8.0, 1.0, ""),
        ("memory foam bath mat", "EXACT", "memory foam bath mat", 6.0, 1.2, ""),
        ("bath mat non slip", "EXACT", "bath mat non slip", 5.0, 1.0, ""),
    ],
)
_add(
    "SP UK - Spatula Set - Broad",
    [
        ("silicone spatula", "BROAD", "silicone spatula", 6.0, 1.0, ""),
        ("silicone spatula", "BROAD", "silicone spatula set", 4.0, 1.9, "harvest"),
        ("silicone spatula", "BROAD", "cake scraper", 4.0, 0.0, "waste"),
    ],
)

# --- keyword research universe (Helium 10) --------------------------------------------------
#: Long-tail opportunities: volume > 10,000 and Title Density < 50, never targeted nor searched.
LONG_TAIL_OPPORTUNITIES = [
    ("bamboo utensil set with holder and spoon rest", 14800, 18),
    ("silicone spatula set dishwasher safe", 12650, 24),
    ("bath mat set for bathroom non slip washable", 18900, 31),
    ("magnetic knife bar stainless steel", 11200, 12),
    ("collapsible dish drying rack over sink", 16400, 27),
    ("teak shower stool for elderly", 10850, 9),
]
KEYWORD_COMPETITION_COLUMN = "Title Density"
LONG_TAIL_MIN_VOLUME = 10000
LONG_TAIL_MAX_COMPETITION = 50
#: Other research keywords (phrase, approximate monthly volume).
RESEARCH_SEEDS = [
    "cooking utensils",
    "kitchen utensil set",
    "wooden spoons",
    "spatula",
    "measuring cups",
    "glass food storage containers",
    "cutting board",
    "knife holder",
    "dish rack",
    "spice rack",
    "baking mat",
    "trivet",
    "bath mat",
    "bath tray",
    "shower bench",
    "bath towels",
    "shower caddy",
    "soap dispenser",
    "hair towel",
    "toilet brush",
]
RESEARCH_MODIFIERS = [
    "",
    "best",
    "large",
    "small",
    "set",
    "for kitchen",
    "for bathroom",
    "black",
    "white",
    "bamboo",
    "stainless steel",
    "non slip",
    "heavy duty",
    "cute",
    "gift",
]

# --- planted data-quality effects -------------------------------------------------------------
#: One UK Business Report cell holds an Excel error instead of a number (data row 7, 1-based).
GARBAGE = {"marketplace": "UK", "month": "2026-03", "row": 7, "column": "Units Ordered", "value": "#VALUE!"}
#: An extra US search-term download for these days, overlapping the October monthly file.
OVERLAP = ("2026-10-25", "2026-10-31")
#: The US transaction report of this month carries the optional "Date range:" preamble line.
PREAMBLE_DATE_RANGE_MONTH = "2026-03"

# --- where orders ship to and returns come back ---------------------------------------------------
#: Ten ship-to places per marketplace (city, state or county, postal code); orders draw an index.
CITIES = {
    "US": [
        ("SEATTLE", "WA", "98101"),
        ("AUSTIN", "TX", "78701"),
        ("BROOKLYN", "NY", "11201"),
        ("CHICAGO", "IL", "60614"),
        ("DENVER", "CO", "80202"),
        ("MIAMI", "FL", "33101"),
        ("PORTLAND", "OR", "97205"),
        ("ATLANTA", "GA", "30303"),
        ("SAN DIEGO", "CA", "92101"),
        ("COLUMBUS", "OH", "43215"),
    ],
    "UK": [
        ("LONDON", "Greater London", "SW1A 1AA"),
        ("MANCHESTER", "Greater Manchester", "M1 1AE"),
        ("LEEDS", "West Yorkshire", "LS1 4AP"),
        ("BRISTOL", "Bristol", "BS1 5TR"),
        ("GLASGOW", "Glasgow City", "G1 1XQ"),
        ("BIRMINGHAM", "West Midlands", "B1 1BB"),
        ("CARDIFF", "Cardiff", "CF10 1EP"),
        ("EDINBURGH", "Edinburgh", "EH1 1YZ"),
        ("NOTTINGHAM", "Nottinghamshire", "NG1 5FS"),
        ("BRIGHTON", "East Sussex", "BN1 1AA"),
    ],
}
#: Fulfilment centres that receive customer returns (US codes; the UK centre paired with each).
RETURN_CENTRES = {"US": ("ONT8", "LGB8", "PHX6", "MDW2"), "UK": ("LTN1", "BHX4", "MAN1", "EUK5")}
