"""Sponsored Products console reports: search term, targeting, campaign, placement, advertised product.

Headers follow ``amazon-report-formats.md`` §1: ``7 Day …``/``14 Day …`` windows,
``(₹)``-style currency suffixes, ``ACoS``/``ACOS`` casing, ``SKU``/``ASIN`` and
``Other``/``Brand Halo`` spellings, trailing spaces, ``Retailer``/``Country`` columns,
and the German console names where they are known. The ID columns (``campaign_id``…) are empty for
console downloads; the Ads API v3 JSON reports (:mod:`sellerops.readers.json_reports`) fill them.

The bulk operations download (bulksheets 2.0, tab ``Sponsored Products Campaigns``;
``amazon-bulksheets-and-keepa.md`` §1) is the kind ``sp_bulk``: several entity types in one sheet
(Campaign, Ad Group, Keyword, Product Targeting, Negative keyword, Bidding Adjustment, Product Ad…),
linked by IDs, which stay exact text because uploadable action files need them. Names are read from
the ``(Informational only)`` columns, which every row carries.
"""

from __future__ import annotations

import dataclasses

from ..schema import Column, ReportKind
from .prepare import identifier_cells

W = "<w> day"  # placeholder for the attribution window, see headers.normalise_header
ADS_DATES = ("%b %d, %Y", "%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y")


def _period(*, campaign_dates: bool = False) -> tuple[Column, ...]:
    cols = [Column("date", ("Date", "Datum"), "date", formats=ADS_DATES)]
    if not campaign_dates:
        cols += [
            Column("start_date", ("Start Date", "Startdatum"), "date", formats=ADS_DATES),
            Column("end_date", ("End Date", "Enddatum"), "date", formats=ADS_DATES),
        ]
    return tuple(cols)


def _id(name: str, header: str) -> Column:
    """An Amazon Ads ID as exact digits in text (an xlsx number cell must not become ``1.23e14`` or ``….0``).

    ``header`` is the bulk sheet's spelling (``Campaign ID``); ``Campaign Id`` and the 2022 downloads'
    ``… (Read only)`` suffix are accepted too.
    """
    short = header.removesuffix(" ID")
    return Column(
        name,
        (header, f"{short} Id", f"{header} (Read only)", f"{short} Id (Read only)"),
        "text",
        prepare=identifier_cells,
    )


CAMPAIGN_ID = _id("campaign_id", "Campaign ID")
AD_GROUP_ID = _id("ad_group_id", "Ad Group ID")
KEYWORD_ID = _id("keyword_id", "Keyword ID")
PORTFOLIO_ID = _id("portfolio_id", "Portfolio ID")
AD_ID = _id("ad_id", "Ad ID")
PRODUCT_TARGETING_ID = _id("product_targeting_id", "Product Targeting ID")


def _ids(*ids: Column) -> tuple[Column, ...]:
    """Names, currency and marketplace columns; ``ids`` are filled by the Ads API JSON (the console has none)."""
    return (
        Column("portfolio", ("Portfolio name", "Portfolioname")),
        Column("currency", ("Currency", "Währung")),
        Column("campaign", ("Campaign Name", "Kampagnenname", "Kampagnen-Name"), required=True),
        Column("retailer", ("Retailer",)),
        Column("country", ("Country",)),
        PORTFOLIO_ID,
        CAMPAIGN_ID,
    ) + ids


def _traffic(*, with_ctr: bool = True) -> tuple[Column, ...]:
    cols = [
        Column("impressions", ("Impressions", "Impressionen"), "int", required=True),
        Column("clicks", ("Clicks", "Klicks"), "int", required=True),
        Column("cpc", ("Cost Per Click (CPC)", "Kosten pro Klick (CPC)"), "money"),
        Column("spend", ("Spend", "Ausgaben"), "money", required=True),
    ]
    if with_ctr:
        cols.append(Column("ctr", ("Click-Thru Rate (CTR)", "Klickrate (CTR)"), "rate"))
    return tuple(cols)


def _results(*, sku_split: bool = True) -> tuple[Column, ...]:
    cols = [
        Column("sales", (f"{W} total sales", f"{W} umsatz gesamt", f"{W} gesamtumsatz"), "money", required=True),
        Column(
            "acos",
            (
                "Total Advertising Cost of Sales (ACOS)",
                "Zugeschriebene Umsatzkosten (ACOS) gesamt",
                "Zugeordnete Umsatzkosten (ACOS) gesamt",
            ),
            "rate",
        ),
        Column(
            "roas",
            ("Total Return on Advertising Spend (ROAS)", "Gesamte Rentabilität der Anzeigenkosten (ROAS)"),
            "float",
        ),
        Column("orders", (f"{W} total orders (#)",), "int"),
        Column("units", (f"{W} total units (#)",), "int"),
        Column("cvr", (f"{W} conversion rate", f"{W} konversionsrate"), "rate"),
    ]
    if sku_split:
        cols += [
            Column("advertised_units", (f"{W} advertised sku units (#)", f"{W} advertised asin units (#)"), "int"),
            Column("other_units", (f"{W} other sku units (#)", f"{W} brand halo asin units (#)"), "int"),
            Column("advertised_sales", (f"{W} advertised sku sales", f"{W} advertised asin sales"), "money"),
            Column("other_sales", (f"{W} other sku sales", f"{W} brand halo asin sales"), "money"),
        ]
    return tuple(cols)


AD_GROUP = Column("ad_group", ("Ad Group Name", "Anzeigengruppenname"), required=True)
TARGETING = Column("targeting", ("Targeting", "Ausrichtung", "Keyword"), required=True)
MATCH_TYPE = Column("match_type", ("Match Type", "Übereinstimmungstyp"), required=True)
SEARCH_TERM = Column(
    "search_term",
    (
        "Customer Search Term",
        "Suchbegriff des Kunden",
        "Terme de recherche client",
        "Término de búsqueda del cliente",
        "Termine di ricerca del cliente",
        "カスタマーの検索キーワード",
        "検索語句",
    ),
    required=True,
)
ADVERTISED_ASIN = Column("advertised_asin", ("Advertised ASIN",), required=True)

SP_SEARCH_TERM = ReportKind(
    name="sp_search_term",
    title="Sponsored Products search term report",
    label="SP search terms",
    columns=_period()
    + _ids(AD_GROUP_ID, KEYWORD_ID)
    + (AD_GROUP, TARGETING, MATCH_TYPE, SEARCH_TERM)
    + _traffic()
    + _results(),
    key=(
        "start_date",
        "end_date",
        "currency",
        "retailer",
        "country",
        "campaign",
        "ad_group",
        "targeting",
        "match_type",
        "search_term",
    ),
    period=("date", "start_date"),
    variants=(
        ("with Retailer/Country", lambda f: "retailer" in f or "country" in f),
        ("console", lambda f: True),
    ),
)

SP_TARGETING = ReportKind(
    name="sp_targeting",
    title="Sponsored Products targeting report",
    label="SP targeting",
    columns=_period()
    + _ids(AD_GROUP_ID, KEYWORD_ID)
    + (AD_GROUP, TARGETING, MATCH_TYPE)
    + _traffic()
    + _results()
    + (Column("top_of_search_impression_share", ("Top-of-search Impression Share", "Top-of-search IS"), "rate"),),
    key=(
        "start_date",
        "end_date",
        "currency",
        "retailer",
        "country",
        "campaign",
        "ad_group",
        "targeting",
        "match_type",
    ),
    excludes=("search_term", "advertised_asin", "placement"),
    period=("date", "start_date"),
    variants=(
        ("with Retailer/Country", lambda f: "retailer" in f or "country" in f),
        ("console", lambda f: True),
    ),
)

SP_CAMPAIGN = ReportKind(
    name="sp_campaign",
    title="Sponsored Products campaign report",
    label="SP campaigns",
    columns=_period(campaign_dates=True)
    + (
        Column("campaign_start_date", ("Start Date",), "date", formats=ADS_DATES),
        Column("campaign_end_date", ("End Date",), "date", formats=ADS_DATES),
        Column("campaign_type", ("Campaign Type",)),
        Column("status", ("Status",)),
        Column("budget", ("Budget",), "money", required=True),
        Column("targeting_type", ("Targeting Type",)),
        Column("bidding_strategy", ("Bidding strategy",)),
        Column("last_year_impressions", ("Last Year Impressions",), "int"),
        Column("last_year_clicks", ("Last Year Clicks",), "int"),
        Column("last_year_spend", ("Last Year Spend",), "money"),
        Column("last_year_cpc", ("Last Year Cost Per Click (CPC)",), "money"),
    )
    + _ids()
    + _traffic()
    + _results(sku_split=False),
    key=("date", "currency", "retailer", "country", "campaign"),
    excludes=("ad_group", "placement", "targeting", "search_term", "advertised_asin"),
    period=("date",),
    variants=(
        ("with last-year columns", lambda f: "last_year_clicks" in f),
        ("console", lambda f: True),
    ),
)

SP_PLACEMENT = ReportKind(
    name="sp_placement",
    title="Sponsored Products placement report",
    label="SP placements",
    columns=_period()
    + _ids()
    + (
        Column("bidding_strategy", ("Bidding strategy",)),
        Column("placement", ("Placement",), required=True),
    )
    + _traffic()
    + _results(sku_split=False),
    key=("start_date", "end_date", "currency", "retailer", "country", "campaign", "placement"),
    excludes=("search_term", "ad_group"),
    period=("date", "start_date"),
    variants=(("console", lambda f: True),),
)

SP_ADVERTISED_PRODUCT = ReportKind(
    name="sp_advertised_product",
    title="Sponsored Products advertised product report",
    label="SP advertised products",
    columns=_period()
    + _ids(AD_GROUP_ID, AD_ID)
    + (
        AD_GROUP,
        Column("advertised_sku", ("Advertised SKU",)),
        ADVERTISED_ASIN,
    )
    + _traffic()
    + _results(),
    key=(
        "start_date",
        "end_date",
        "currency",
        "retailer",
        "country",
        "campaign",
        "ad_group",
        "advertised_sku",
        "advertised_asin",
    ),
    excludes=("search_term", "targeting"),
    period=("date", "start_date"),
    variants=(
        ("ASIN only (no Advertised SKU)", lambda f: "advertised_sku" not in f),
        ("console", lambda f: True),
    ),
)

_INFO = " (Informational only)"
BULK_DATES = ("%Y%m%d", "%Y-%m-%d", "%m/%d/%Y")


def _bulk_rate(name: str, header: str) -> Column:
    return Column(name, (header,), "rate")


SP_BULK = ReportKind(
    name="sp_bulk",
    title="Amazon Ads bulk operations download, Sponsored Products (bulksheets 2.0)",
    label="SP bulk sheet",
    columns=(
        Column("product", ("Product",), required=True),
        Column("entity", ("Entity",), required=True),
        Column("operation", ("Operation",)),
        dataclasses.replace(CAMPAIGN_ID, required=True),
        AD_GROUP_ID,
        PORTFOLIO_ID,
        AD_ID,
        KEYWORD_ID,
        PRODUCT_TARGETING_ID,
        # The editable names are filled on the entity's own row only; every row carries the informational ones.
        Column("campaign_name", ("Campaign Name",)),
        Column("ad_group_name", ("Ad Group Name",)),
        Column("campaign", (f"Campaign Name{_INFO}",)),
        Column("ad_group", (f"Ad Group Name{_INFO}",)),
        Column("portfolio", (f"Portfolio Name{_INFO}",)),
        Column("start_date", ("Start Date",), "date", formats=BULK_DATES, prepare=identifier_cells),
        Column("end_date", ("End Date",), "date", formats=BULK_DATES, prepare=identifier_cells),
        Column("targeting_type", ("Targeting Type",)),
        Column("state", ("State",)),
        Column("campaign_state", (f"Campaign State{_INFO}",)),
        Column("ad_group_state", (f"Ad Group State{_INFO}",)),
        Column("daily_budget", ("Daily Budget",), "money"),
        Column("sku", ("SKU",)),
        Column("asin", (f"ASIN{_INFO}", "ASIN")),
        Column("eligibility_status", (f"Eligibility Status{_INFO}",)),
        Column("reason_for_ineligibility", (f"Reason for Ineligibility{_INFO}",)),
        Column("ad_group_default_bid", ("Ad Group Default Bid",), "money"),
        Column("ad_group_default_bid_info", (f"Ad Group Default Bid{_INFO}",), "money"),
        Column("bid", ("Bid",), "money"),
        Column("keyword_text", ("Keyword Text",)),
        Column("native_language_keyword", ("Native Language Keyword",)),
        Column("native_language_locale", ("Native Language Locale",)),
        Column("match_type", ("Match Type",)),
        Column("bidding_strategy", ("Bidding Strategy",)),
        Column("placement", ("Placement",)),
        Column("percentage", ("Percentage",), "float"),
        Column("product_targeting_expression", ("Product Targeting Expression",)),
        Column("resolved_product_targeting_expression", (f"Resolved Product Targeting Expression{_INFO}",)),
        _id("audience_id", "Audience ID"),
        Column("shopper_cohort_percentage", ("Shopper Cohort Percentage",), "float"),
        Column("shopper_cohort_type", ("Shopper Cohort Type",)),
        Column("segment_name", (f"Segment Name{_INFO}", "Segment Name")),
        Column("impressions", ("Impressions",), "int"),
        Column("clicks", ("Clicks",), "int"),
        _bulk_rate("ctr", "Click-through Rate"),
        Column("spend", ("Spend",), "money"),
        Column("sales", ("Sales",), "money"),
        Column("orders", ("Orders",), "int"),
        Column("units", ("Units",), "int"),
        _bulk_rate("cvr", "Conversion Rate"),
        _bulk_rate("acos", "ACOS"),
        Column("cpc", ("CPC",), "money"),
        Column("roas", ("ROAS",), "float"),
    ),
    key=("entity", "campaign_id", "ad_group_id", "ad_id", "keyword_id", "product_targeting_id", "placement"),
    excludes=("search_term",),
    currency_column=None,
    structural=(
        (
            "ID mangled by a spreadsheet (shown as 1.23457E+14): download the bulk file again",
            lambda f: (
                f[["campaign_id", "ad_group_id", "ad_id", "keyword_id", "product_targeting_id"]]
                .apply(lambda c: c.str.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", na=False))
                .any(axis=1)
            ),
        ),
    ),
    variants=(
        ("download with informational columns", lambda f: "campaign" in f),
        ("template (no informational columns)", lambda f: True),
    ),
    time_model="static",
)

KINDS = (SP_SEARCH_TERM, SP_TARGETING, SP_CAMPAIGN, SP_PLACEMENT, SP_ADVERTISED_PRODUCT, SP_BULK)
