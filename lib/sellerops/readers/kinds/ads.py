"""Sponsored Products console reports: search term, targeting, campaign, placement, advertised product.

Headers follow ``amazon-report-formats.md`` §1: ``7 Day …``/``14 Day …`` windows,
``(₹)``-style currency suffixes, ``ACoS``/``ACOS`` casing, ``SKU``/``ASIN`` and
``Other``/``Brand Halo`` spellings, trailing spaces, ``Retailer``/``Country`` columns,
and the German console names where they are known.
"""

from __future__ import annotations

from ..schema import Column, ReportKind

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


def _ids() -> tuple[Column, ...]:
    return (
        Column("portfolio", ("Portfolio name", "Portfolioname")),
        Column("currency", ("Currency", "Währung")),
        Column("campaign", ("Campaign Name", "Kampagnenname", "Kampagnen-Name"), required=True),
        Column("retailer", ("Retailer",)),
        Column("country", ("Country",)),
    )


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
    columns=_period() + _ids() + (AD_GROUP, TARGETING, MATCH_TYPE, SEARCH_TERM) + _traffic() + _results(),
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
    + _ids()
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
    + _ids()
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

KINDS = (SP_SEARCH_TERM, SP_TARGETING, SP_CAMPAIGN, SP_PLACEMENT, SP_ADVERTISED_PRODUCT)
