"""Header variants of ``amazon-report-formats.md`` for keyword research exports (kinds/keywords.py), crafted cell by cell in ``tmp_path``.

Each test writes a small file with the exact Amazon headers of one variant and checks the detected
kind, a few canonical values against literals computed by hand from the cells written, the dtypes,
and the data-quality invariant.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ..crafted import K, assert_nothing_bad, read_clean, ts, write_csv, write_xlsx

# --------------------------------------------------------------------------- keyword research

CEREBRO = [
    "Keyword Phrase",
    "ABA Total Click Share",
    "ABA Total Conv. Share",
    "Keyword Sales",
    "Cerebro IQ Score",
    "Search Volume",
    "Search Volume Trend",
    "H10 PPC Sugg. Bid",
    "H10 PPC Sugg. Min Bid",
    "H10 PPC Sugg. Max Bid",
    "Sponsored ASINs",
    "Competing Products",
    "CPR",
    "Title Density",
    "Amazon Recommended",
    "Sponsored",
    "Organic",
    "Sponsored Rank (avg)",
    "Sponsored Rank (count)",
    "Amazon Recommended Rank (avg)",
    "Amazon Recommended Rank (count)",
    "Position (Rank)",
    "Relative Rank",
    "Competitor Rank (avg)",
    "Ranking Competitors (count)",
    "Competitor Performance Score",
    "B0XXXXXXXX",
    "B0YYYYYYY1",
]


def test_helium10_cerebro_tokens_and_asin_columns(tmp_path):
    rows = [
        [
            "yoga mat",
            "12.5",
            "10.1",
            "1,779",
            "1,012",
            "98,765",
            "-12",
            "$1.25",
            "$0.80",
            "$1.90",
            "30",
            ">7,000",
            "8",
            "12",
            "3",
            "5",
            "40",
            "4.5",
            "6",
            "2.0",
            "3",
            "7",
            "0.9",
            "12.3",
            "9",
            "7.5",
            "4",
            ">306",
        ],
        [
            "thick yoga mat",
            "-",
            "-",
            "-",
            "512",
            "12,345",
            "5",
            "$0.95",
            "$0.50",
            "$1.40",
            "12",
            "3,210",
            "5",
            "4",
            "1",
            "2",
            "18",
            "-",
            "0",
            "-",
            "0",
            "N/R",
            "-",
            "20.0",
            "3",
            "5.0",
            "N/R",
            "15",
        ],
    ]
    path = write_csv(tmp_path / "US_AMAZON_cerebro_B0CHILD001_2026-09-01.csv", CEREBRO, rows, quote_all=True)
    f, dq = read_clean(path)
    assert dq.kind == K("h10_cerebro")
    assert_nothing_bad(dq)
    assert "rank_b0xxxxxxxx" in f.columns and "rank_b0yyyyyyy1" in f.columns
    assert f.loc[0, "rank_b0xxxxxxxx"] == 4 and pd.isna(f.loc[1, "rank_b0xxxxxxxx"])  # N/R -> missing
    assert f.loc[0, "rank_b0yyyyyyy1"] == 306  # ">306" read as its bound
    assert f.loc[0, "keyword_sales"] == 1779 and pd.isna(f.loc[1, "keyword_sales"])  # "-" -> missing, never 0
    assert f.loc[0, "search_volume"] == 98765
    assert f.loc[0, "competing_products"] == 7000
    assert f.loc[0, "cerebro_iq_score"] == 1012
    assert f.loc[0, "search_volume_trend"] == pytest.approx(-0.12)
    assert f.loc[0, "aba_click_share"] == pytest.approx(0.125)
    assert f.loc[0, "ppc_bid"] == pytest.approx(1.25)
    assert pd.isna(f.loc[1, "position_rank"])
    assert str(f["rank_b0xxxxxxxx"].dtype) == "Int64" and str(f["search_volume"].dtype) == "Int64"
    assert any(">306" in n or "bound" in n for n in dq.notes)


def test_helium10_magnet(tmp_path):
    header = [
        "Keyword Phrase",
        "Magnet IQ Score",
        "Search Volume",
        "Search Volume Trend",
        "Keyword Sales",
        "CPR",
        "Title Density",
        "Competing Products",
        "Search Intent",
        "Search Volume History",
    ]
    rows = [
        ["yoga mat", "2,345", "98,765", "-15%", "1,779", "8", "12", ">7,000", "Product", "[]"],
        ["yoga mat for kids", "120", "1,020", "4%", "-", "4", "0", "850", "", ""],
    ]
    path = write_csv(tmp_path / "magnet.csv", header, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("h10_magnet")
    assert_nothing_bad(dq)
    assert f.loc[0, "magnet_iq_score"] == 2345 and f.loc[0, "search_volume"] == 98765
    assert f.loc[0, "search_volume_trend"] == pytest.approx(-0.15)
    assert f.loc[1, "search_volume_trend"] == pytest.approx(0.04)
    assert pd.isna(f.loc[1, "keyword_sales"]) and f.loc[0, "competing_products"] == 7000


@pytest.mark.parametrize("style", ["web", "api"])
def test_jungle_scout_both_header_styles(tmp_path, style):
    if style == "web":
        header = [
            "Keyword",
            "Monthly Search Volume Exact",
            "Monthly Search Volume Broad",
            "Monthly Trend",
            "Quarterly Trend",
            "Dominant Category",
            "PPC Bid Exact",
            "Ease of Ranking Score",
        ]
    else:
        header = [
            "name",
            "monthly_search_volume_exact",
            "monthly_search_volume_broad",
            "monthly_trend",
            "quarterly_trend",
            "dominant_category",
            "ppc_bid_exact",
            "ease_of_ranking_score",
        ]
    rows = [
        ["yoga mat", "45,210", "120,400", "-3.5", "12", "Sports & Outdoors", "1.85", "4"],
        ["cork yoga mat", "2,100", "5,300", "8", "-20", "Sports & Outdoors", "0.95", "7"],
    ]
    path = write_csv(tmp_path / f"js_{style}.csv", header, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("jungle_scout_keywords")
    assert_nothing_bad(dq)
    assert list(f["keyword"]) == ["yoga mat", "cork yoga mat"]
    assert list(f["search_volume_exact"]) == [45210, 2100]
    assert f.loc[0, "search_volume_broad"] == 120400
    assert f.loc[0, "monthly_trend"] == pytest.approx(-0.035)
    assert f.loc[1, "quarterly_trend"] == pytest.approx(-0.2)
    assert f.loc[0, "ppc_bid_exact"] == pytest.approx(1.85)
    assert f.loc[1, "ease_of_ranking_score"] == pytest.approx(7.0)


SQP_BRAND = [
    "Search Query",
    "Search Query Score",
    "Search Query Volume",
    "Impressions: Total Count",
    "Impressions: Brand Count",
    "Impressions: Brand Share %",
    "Clicks: Total Count",
    "Clicks: Click Rate %",
    "Clicks: Brand Count",
    "Clicks: Brand Share %",
    "Clicks: Price (Median)",
    "Clicks: Brand Price (Median)",
    "Clicks: Same Day Shipping Speed",
    "Clicks: 1D Shipping Speed",
    "Clicks: 2D Shipping Speed",
    "Cart Adds: Total Count",
    "Cart Adds: Cart Add Rate %",
    "Cart Adds: Brand Count",
    "Cart Adds: Brand Share %",
    "Cart Adds: Price (Median)",
    "Cart Adds: Brand Price (Median)",
    "Cart Adds: Same Day Shipping Speed",
    "Cart Adds: 1D Shipping Speed",
    "Cart Adds: 2D Shipping Speed",
    "Purchases: Total Count",
    "Purchases: Purchase Rate %",
    "Purchases: Brand Count",
    "Purchases: Brand Share %",
    "Purchases: Price (Median)",
    "Purchases: Brand Price (Median)",
    "Purchases: Same Day Shipping Speed",
    "Purchases: 1D Shipping Speed",
    "Purchases: 2D Shipping Speed",
    "Reporting Date",
]
SQP_VALUES = [
    "yoga mat",
    "1",
    "123,456",
    "2,000,000",
    "40,000",
    "2.0",
    "250,000",
    "34.21",
    "5,000",
    "2.0",
    "$29.99",
    "$32.50",
    "",
    "1,000",
    "2,000",
    "30,000",
    "12.0",
    "600",
    "2.0",
    "$28.00",
    "$31.00",
    "",
    "100",
    "200",
    "8,000",
    "3.2",
    "150",
    "1.88",
    "$27.50",
    "$30.00",
    "",
    "10",
    "20",
    "2026-08-29",
]


def _write_sqp(path, header, values, metadata):
    text = (
        metadata
        + "\n"
        + ",".join(f'"{h}"' for h in header)
        + "\n"
        + ",".join("" if v == "" else f'"{v}"' for v in values)
        + "\n"
    )
    path.write_bytes(text.encode("utf-8"))
    return path


def _check_sqp(f, dq):
    assert dq.kind == K("brand_analytics_sqp")
    assert_nothing_bad(dq)
    r = f.iloc[0]
    assert r["search_query"] == "yoga mat" and r["search_query_volume"] == 123456
    assert r["clicks_rate"] == pytest.approx(0.3421)  # "34.21" is a percent without its sign
    assert r["impressions_own_share"] == pytest.approx(0.02)
    assert r["purchases_own_share"] == pytest.approx(0.0188)
    assert r["impressions_total"] == 2000000 and r["impressions_own"] == 40000
    assert r["clicks_price_median"] == pytest.approx(29.99)
    assert pd.isna(r["clicks_same_day_shipping"])  # bare empty field: missing
    assert r["reporting_date"] == ts("2026-08-29")


def test_sqp_brand_view_with_metadata_row(tmp_path):
    meta = 'Brand=["Old School Labs"],Reporting Range=["Monthly"],Select year=["2026"],Select month=["August"]'
    path = _write_sqp(
        tmp_path / "US_Search_Query_Performance_Brand_View_Simple_Month_2026_08_29.csv", SQP_BRAND, SQP_VALUES, meta
    )
    f, dq = read_clean(path)
    _check_sqp(f, dq)
    assert "Brand view" in dq.variant
    assert any("Old School Labs" in n for n in dq.notes)


def test_sqp_asin_view_with_asin_column(tmp_path):
    header = ["ASIN"] + [h.replace("Brand", "ASIN") for h in SQP_BRAND]
    meta = 'ASIN=["B0CHILD001"],Reporting Range=["Weekly"],Select year=["2026"],Select week=["Week 35"]'
    path = _write_sqp(
        tmp_path / "US_Search_Query_Performance_ASIN_View_Simple_Week_2026_08_29.csv",
        header,
        ["B0CHILD001"] + SQP_VALUES,
        meta,
    )
    f, dq = read_clean(path)
    _check_sqp(f, dq)
    assert f.loc[0, "asin"] == "B0CHILD001"
    assert "ASIN view" in dq.variant


def test_sqp_asin_view_without_asin_column_is_labelled_asin_view(tmp_path):
    header = [h.replace("Brand", "ASIN") for h in SQP_BRAND]
    meta = 'ASIN=["B0CHILD001"],Reporting Range=["Weekly"],Select year=["2026"],Select week=["Week 35"]'
    path = _write_sqp(
        tmp_path / "US_Search_Query_Performance_ASIN_View_Simple_Week_2026_08_29.csv", header, SQP_VALUES, meta
    )
    f, dq = read_clean(path)
    _check_sqp(f, dq)
    assert "ASIN view" in dq.variant


# --------------------------------------------------------------------------- Helium 10, 2025 placement columns

CEREBRO_2025 = (
    "Keyword Phrase,ABA Total Click Share,ABA Total Conv. Share,Keyword Sales,Cerebro IQ Score,Search Volume,"
    "Search Volume Trend,H10 PPC Sugg. Bid,H10 PPC Sugg. Min Bid,H10 PPC Sugg. Max Bid,Sponsored ASINs,"
    "Competing Products,CPR,Title Density,Organic,Sponsored Product,Amazon Recommended,Amazon Choice,Highly Rated,"
    "Sponsored Brand Header,Sponsored Brand Video,Top Rated From Our Brand,Trending Now,Sponsored Rank (avg),"
    "Sponsored Rank (count),Amazon Recommended Rank (avg),Amazon Recommended Rank (count),Position (Rank),"
    "Relative Rank,Competitor Rank (avg),Ranking Competitors (count),Competitor Performance Score,B01N5PGK1W,"
    "B07TXRX8SF"
).split(",")
FLAGS_2025 = [
    "organic",
    "sponsored_product",
    "amazon_recommended",
    "amazon_choice",
    "highly_rated",
    "sponsored_brand_header",
    "sponsored_brand_video",
    "top_rated_from_our_brand",
    "trending_now",
]


def test_cerebro_2025_placement_flags(tmp_path):
    base = ["knee straps", "61.1", "63.9", "33", "48", "483", "-27", "1.52", "1.12", "1.66", "176", "10000", "9", "3"]
    tail = ["33", "1", "342", "1", "6", "2", "93.3", "8", "4", "4", "195"]
    rows = [
        base + ["1", "1", "1", "0", "0", "0", "0", "0", "0"] + tail,
        # flags as other tools write them (words, a tick) and a count: read, never rejected
        ["knee brace"] + base[1:] + ["Yes", "TRUE", "n", "x", "✓", "No", "false", "0", "3"] + tail[:-2] + ["-", "5"],
    ]
    path = write_csv(tmp_path / "US_AMAZON_cerebro_B01J26DNWE_2025-11-10.csv", CEREBRO_2025, rows, quote_all=True)
    f, dq = read_clean(path)
    assert dq.kind == K("h10_cerebro")
    assert_nothing_bad(dq)
    assert dq.unknown_columns == [] and not dq.blanked
    assert "2025" in dq.variant
    assert [f.loc[0, c] for c in FLAGS_2025] == [1, 1, 1, 0, 0, 0, 0, 0, 0]
    assert [f.loc[1, c] for c in FLAGS_2025] == [1, 1, 0, 1, 1, 0, 0, 0, 3]
    assert all(str(f[c].dtype) == "Int64" for c in FLAGS_2025)
    assert f.loc[0, "rank_b01n5pgk1w"] == 4 and f.loc[0, "rank_b07txrx8sf"] == 195
    assert pd.isna(f.loc[1, "rank_b01n5pgk1w"]) and f.loc[1, "rank_b07txrx8sf"] == 5


def test_cerebro_older_counts_keep_reading_as_counts(tmp_path):
    """Before 2025 ``Organic``/``Sponsored``/``Amazon Recommended`` held counts: the flag columns keep them."""
    header = ["Keyword Phrase", "Cerebro IQ Score", "Search Volume", "Amazon Recommended", "Sponsored", "Organic"]
    f, dq = read_clean(write_csv(tmp_path / "cerebro.csv", header, [["yoga mat", "1,012", "98,765", "3", "5", "40"]]))
    assert dq.kind == K("h10_cerebro")
    assert_nothing_bad(dq)
    assert (f.loc[0, "amazon_recommended"], f.loc[0, "sponsored"], f.loc[0, "organic"]) == (3, 5, 40)
    assert pd.isna(f.loc[0, "sponsored_product"])  # a column the file lacks stays missing, never 0


def test_magnet_2025_organic_smart_complete_amazon_recommended(tmp_path):
    header = ["Keyword Phrase", "Search Volume", "Search Volume Trend", "H10 PPC Sugg. Bid", "Sponsored ASINs"]
    header += ["Competing Products", "CPR", "Organic", "Title Density", "Smart Complete", "Amazon Recommended"]
    header += ["Magnet IQ Score"]
    rows = [
        ["knee straps", "483", "-27", "1.52", "176", "10,000", "9", "1", "3", "1", "0", "48"],
        ["knee strap for running", "120", "4", "-", "12", "850", "4", "0", "0", "TRUE", "Yes", "7"],
    ]
    f, dq = read_clean(write_csv(tmp_path / "US_AMAZON_magnet_2025-11-10.csv", header, rows))
    assert dq.kind == K("h10_magnet")
    assert_nothing_bad(dq)
    assert dq.unknown_columns == []
    assert list(f["organic"]) == [1, 0] and list(f["smart_complete"]) == [1, 1]
    assert list(f["amazon_recommended"]) == [0, 1]
    assert f.loc[0, "competing_products"] == 10000 and pd.isna(f.loc[1, "ppc_bid"])


@pytest.mark.real_exports
def test_real_cerebro_2025(real_exports):
    f, dq = read_clean(real_exports / "h10_cerebro_US_2025__rev9dev-netizen.csv")
    assert dq.kind == K("h10_cerebro")
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (7, 7, 0)
    assert dq.unknown_columns == [] and not dq.blanked
    assert int(f["search_volume"].sum()) == 4150
    assert int(f["keyword_sales"].sum()) == 245
    assert int(f["sponsored_product"].sum()) == 4
    assert set(f["organic"]) == {1}  # every keyword of this ASIN ranks organically
    for flag in FLAGS_2025:
        assert set(f[flag].dropna()) <= {0, 1}, flag
    assert len([c for c in f.columns if c.startswith("rank_b0")]) == 9
    assert f.loc[0, "keyword"] == "knee straps for weightlifting" and f.loc[0, "aba_click_share"] == pytest.approx(
        0.373
    )


def test_magnet_xlsx_with_boolean_flag_cells(tmp_path):
    header = ["Keyword Phrase", "Magnet IQ Score", "Search Volume", "Organic", "Smart Complete", "Amazon Recommended"]
    rows = [["knee straps", 48, 483, True, False, 1], ["knee strap", 7, 120, False, True, None]]
    f, dq = read_clean(write_xlsx(tmp_path / "magnet.xlsx", header, rows))
    assert dq.kind == K("h10_magnet")
    assert_nothing_bad(dq)
    assert not dq.blanked
    assert list(f["organic"]) == [1, 0] and list(f["smart_complete"]) == [0, 1]
    assert f.loc[0, "amazon_recommended"] == 1 and pd.isna(f.loc[1, "amazon_recommended"])
