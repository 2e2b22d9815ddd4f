"""Keyword research exports: Helium 10 Cerebro and Magnet, Jungle Scout, Brand Analytics SQP (and Keepa).

Helium 10 cells are not always numbers: ``-`` and ``N/R`` are missing, ``>306``
is a censored value read as its bound (and counted), ``1,779`` has a thousands
separator. Cerebro adds one organic-rank column per competitor ASIN, kept as
``rank_<asin>``. The 2025 exports add placement columns (Cerebro ``Organic``,
``Sponsored Product``, ``Amazon Recommended``, ``Amazon Choice`` … ``Trending Now``; Magnet
``Organic``, ``Smart Complete``, ``Amazon Recommended``): 0/1 flags, read as whole numbers
(``Yes``/``TRUE``/``x`` as 1), so that older exports, where some of them are counts, read alike.
SQP has a metadata row above the header and writes its percentages without a ``%`` sign.
"""

from __future__ import annotations

import re

from ..schema import Column, ReportKind
from . import keepa
from .prepare import flag_cells

_ASIN = r"^b0[0-9a-z]{8}$"


def _asin_rank(header: str) -> str:
    return "rank_" + header.strip().lower()


def _flag(name: str, header: str) -> Column:
    """A Helium 10 placement column: a 0/1 flag in 2025 exports, a count in older ones; words read as 1/0."""
    return Column(name, (header,), "int", prepare=flag_cells)


def _h10_common() -> tuple[Column, ...]:
    return (
        Column("keyword", ("Keyword Phrase",), required=True),
        Column("search_volume", ("Search Volume",), "int", required=True),
        Column("search_volume_trend", ("Search Volume Trend", "Search Volume Trend (30 days)"), "rate", bare="percent"),
        Column("keyword_sales", ("Keyword Sales",), "int"),
        Column("competing_products", ("Competing Products",), "int"),
        Column("cpr", ("CPR",), "int"),
        Column("title_density", ("Title Density",), "int"),
        Column("ppc_bid", ("H10 PPC Sugg. Bid",), "money"),
        Column("ppc_bid_min", ("H10 PPC Sugg. Min Bid",), "money"),
        Column("ppc_bid_max", ("H10 PPC Sugg. Max Bid",), "money"),
        Column("sponsored_asins", ("Sponsored ASINs",), "int"),
        _flag("organic", "Organic"),
        _flag("amazon_recommended", "Amazon Recommended"),
        _flag("smart_complete", "Smart Complete"),
    )


#: Cerebro's 2025 placement flags (``Sponsored Product`` … ``Trending Now``), 0/1 per keyword.
_CEREBRO_FLAGS = (
    _flag("sponsored", "Sponsored"),
    _flag("sponsored_product", "Sponsored Product"),
    _flag("amazon_choice", "Amazon Choice"),
    _flag("highly_rated", "Highly Rated"),
    _flag("sponsored_brand_header", "Sponsored Brand Header"),
    _flag("sponsored_brand_video", "Sponsored Brand Video"),
    _flag("top_rated_from_our_brand", "Top Rated From Our Brand"),
    _flag("trending_now", "Trending Now"),
)


CEREBRO = ReportKind(
    name="h10_cerebro",
    title="Helium 10 Cerebro keyword export",
    label="Helium 10 Cerebro",
    columns=_h10_common()
    + (
        Column("cerebro_iq_score", ("Cerebro IQ Score",), "int", required=True),
        Column("aba_click_share", ("ABA Total Click Share",), "rate", bare="percent"),
        Column("aba_conversion_share", ("ABA Total Conv. Share",), "rate", bare="percent"),
    )
    + _CEREBRO_FLAGS
    + (
        Column("sponsored_rank_avg", ("Sponsored Rank (avg)",), "float"),
        Column("sponsored_rank_count", ("Sponsored Rank (count)",), "int"),
        Column("amazon_recommended_rank_avg", ("Amazon Recommended Rank (avg)",), "float"),
        Column("amazon_recommended_rank_count", ("Amazon Recommended Rank (count)",), "int"),
        Column("position_rank", ("Position (Rank)",), "int"),
        Column("relative_rank", ("Relative Rank",), "float"),
        Column("competitor_rank_avg", ("Competitor Rank (avg)",), "float"),
        Column("ranking_competitors_count", ("Ranking Competitors (count)",), "int"),
        Column("competitor_performance_score", ("Competitor Performance Score",), "float"),
        Column("relevancy", ("Relevancy",), "float"),
    ),
    currency_column=None,
    extra_pattern=_ASIN,
    extra_name=_asin_rank,
    extra_type="int",
    variants=(
        ("2025 (placement flags)", lambda f: "sponsored_product" in f or "amazon_choice" in f),
        ("current (ABA columns)", lambda f: "aba_click_share" in f),
        ("older (no ABA columns)", lambda f: True),
    ),
    time_model="static",
)

MAGNET = ReportKind(
    name="h10_magnet",
    title="Helium 10 Magnet keyword export",
    label="Helium 10 Magnet",
    columns=_h10_common()
    + (
        Column("magnet_iq_score", ("Magnet IQ Score",), "int", required=True),
        Column("search_intent", ("Search Intent",)),
        Column("search_volume_history", ("Search Volume History",)),
    ),
    excludes=("cerebro_iq_score",),
    currency_column=None,
    variants=(("Magnet CSV", lambda f: True),),
    time_model="static",
)

JUNGLE_SCOUT = ReportKind(
    name="jungle_scout_keywords",
    title="Jungle Scout Keyword Scout export",
    label="Jungle Scout keywords",
    columns=(
        Column("keyword", ("Keyword", "name", "Keyword Phrase"), required=True),
        Column(
            "search_volume_exact",
            ("Monthly Search Volume Exact", "Exact Volume", "Exact Search Volume", "monthly_search_volume_exact"),
            "int",
            required=True,
        ),
        Column(
            "search_volume_broad",
            ("Monthly Search Volume Broad", "Broad Volume", "Broad Search Volume", "monthly_search_volume_broad"),
            "int",
        ),
        Column("monthly_trend", ("Monthly Trend", "Trend", "monthly_trend"), "rate", bare="percent"),
        Column("quarterly_trend", ("Quarterly Trend", "quarterly_trend"), "rate", bare="percent"),
        Column("dominant_category", ("Dominant Category",)),
        Column("recommended_promotions", ("Recommended Promotions",), "int"),
        Column("sp_brand_ad_bid", ("SP Brand Ad Bid",), "money"),
        Column("ppc_bid_broad", ("PPC Bid Broad",), "money"),
        Column("ppc_bid_exact", ("PPC Bid Exact",), "money"),
        Column("ease_of_ranking_score", ("Ease of Ranking Score", "Ease To Rank"), "float"),
        Column("relevancy_score", ("Relevancy Score",), "float"),
        Column("organic_product_count", ("Organic Product Count",), "int"),
        Column("sponsored_product_count", ("Sponsored Product Count",), "int"),
    ),
    currency_column=None,
    variants=(("Keyword Scout", lambda f: True),),
    time_model="static",
)


def _sqp_metadata(lines: list[str]) -> dict:
    meta: dict = {"notes": []}
    for line in lines:
        for name, value in re.findall(r'([A-Za-z ]+)=\["([^"]*)"\]', line):
            meta["notes"].append(f"{name.strip()}: {value}")
            if name.strip().lower() == "reporting range" and value.lower() == "monthly":
                meta["time_model"] = "monthly"
    return meta


def _funnel(
    stage: str, prefix: str, *, share: bool = True, rate: str | None = None, shipping: bool = True
) -> tuple[Column, ...]:
    own = ("Brand", "ASIN")
    cols = [Column(f"{prefix}_total", (f"{stage}: Total Count",), "int")]
    cols.append(Column(f"{prefix}_own", tuple(f"{stage}: {o} Count" for o in own), "int"))
    if share:
        cols.append(Column(f"{prefix}_own_share", tuple(f"{stage}: {o} Share %" for o in own), "rate", bare="percent"))
    if rate:
        cols.append(Column(f"{prefix}_rate", (f"{stage}: {rate} %",), "rate", bare="percent"))
    if shipping:
        cols += [
            Column(f"{prefix}_price_median", (f"{stage}: Price (Median)",), "money"),
            Column(f"{prefix}_own_price_median", tuple(f"{stage}: {o} Price (Median)" for o in own), "money"),
            Column(f"{prefix}_same_day_shipping", (f"{stage}: Same Day Shipping Speed",), "int"),
            Column(f"{prefix}_one_day_shipping", (f"{stage}: 1D Shipping Speed",), "int"),
            Column(f"{prefix}_two_day_shipping", (f"{stage}: 2D Shipping Speed",), "int"),
        ]
    return tuple(cols)


SQP = ReportKind(
    name="brand_analytics_sqp",
    title="Brand Analytics Search Query Performance",
    label="Search Query Performance",
    columns=(
        Column("search_query", ("Search Query",), required=True),
        Column("search_query_score", ("Search Query Score",), "int"),
        Column("search_query_volume", ("Search Query Volume",), "int", required=True),
        Column("asin", ("ASIN",)),
        Column("reporting_date", ("Reporting Date",), "date", formats=("%Y-%m-%d", "%m/%d/%Y")),
    )
    + _funnel("Impressions", "impressions", shipping=False)
    + _funnel("Clicks", "clicks", rate="Click Rate")
    + _funnel("Cart Adds", "cart_adds", rate="Cart Add Rate")
    + _funnel("Purchases", "purchases", rate="Purchase Rate"),
    key=("reporting_date", "asin", "search_query"),
    currency_column=None,
    preamble=_sqp_metadata,
    period=("reporting_date",),
    variants=(
        ("ASIN view", lambda f: "asin" in f or "impressions: asin count" in f),
        ("Brand view", lambda f: True),
    ),
)

#: Keepa's product exports (market research beside the keyword tools) are declared in :mod:`.keepa`.
KINDS = (CEREBRO, MAGNET, JUNGLE_SCOUT, SQP) + keepa.KINDS
