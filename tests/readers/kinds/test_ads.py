"""Header variants of ``amazon-report-formats.md`` for Sponsored Products console reports (kinds/ads.py), crafted cell by cell in ``tmp_path``.

Each test writes a small file with the exact Amazon headers of one variant and checks the detected
kind, a few canonical values against literals computed by hand from the cells written, the dtypes,
and the data-quality invariant.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from ..crafted import ST_B, ST_D, K, assert_nothing_bad, read_clean, ts, write_csv, write_xlsx

# --------------------------------------------------------------------------- SP search term

ST_C = (
    "Date|Portfolio name|Currency|Campaign Name|Ad Group Name|Targeting|Match Type|Customer Search Term|Impressions|"
    "Clicks|Click-Thru Rate (CTR)|Cost Per Click (CPC)|Spend|14 Day Total Sales (₹)|Total Advertising Cost of Sales (ACoS)|"
    "Total Return on Advertising Spend (RoAS)|14 Day Total Orders (#)|14 Day Total Units (#)|14 Day Conversion Rate|"
    "14 Day Advertised ASIN Units (#)|14 Day Brand Halo ASIN Units (#)|14 Day Advertised ASIN Sales (₹)|"
    "14 Day Brand Halo ASIN Sales (₹)"
).split("|")


def test_search_term_variant_d_csv_dollars_and_percent_strings(tmp_path):
    assert ST_D[16] == "7 Day Total Sales " and ST_D[-1] == "7 Day Other SKU Sales "
    rows = [
        [
            "Sep 01, 2026",
            "Sep 30, 2026",
            "",
            "USD",
            "Camp A",
            "AG 1",
            "Amazon",
            "US",
            "yoga mat",
            "EXACT",
            "yoga mat thick",
            "1,200",
            "30",
            "2.50%",
            "$0.50",
            "$15.00",
            "$1,234.50",
            "1.22%",
            "82.30",
            "10",
            "12",
            "33.33%",
            "11",
            "1",
            "$1,100.00",
            "$134.50",
        ],
        [
            "Sep 01, 2026",
            "Sep 30, 2026",
            "",
            "USD",
            "Camp A",
            "AG 1",
            "Amazon",
            "US",
            'asin="B08Z88BST6"',
            "-",
            "b08z88bst6",
            "500",
            "0",
            "0.00%",
            "",
            "$0.00",
            "$0.00",
            "",
            "0.00",
            "0",
            "0",
            "0.00%",
            "0",
            "0",
            "$0.00",
            "$0.00",
        ],
    ]
    path = write_csv(tmp_path / "Sponsored Products Search term report.csv", ST_D, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("sp_search_term")
    assert_nothing_bad(dq)
    assert len(f) == 2
    r = f.iloc[0]
    assert r["impressions"] == 1200 and r["clicks"] == 30
    assert r["ctr"] == pytest.approx(0.025)
    assert r["cpc"] == pytest.approx(0.5)
    assert r["spend"] == pytest.approx(15.0)
    assert r["sales"] == pytest.approx(1234.5)
    assert r["acos"] == pytest.approx(0.0122)
    assert r["roas"] == pytest.approx(82.3)
    assert r["orders"] == 10 and r["units"] == 12
    assert r["cvr"] == pytest.approx(0.3333)
    assert r["advertised_sales"] == pytest.approx(1100.0) and r["other_sales"] == pytest.approx(134.5)
    assert r["start_date"] == ts("2026-09-01") and r["end_date"] == ts("2026-09-30")
    assert pd.isna(r["date"])
    assert r["retailer"] == "Amazon" and r["country"] == "US" and r["currency"] == "USD"
    assert r["search_term"] == "yoga mat thick"
    # Product-targeting row: CPC and ACOS blank -> missing, never 0.
    assert pd.isna(f.loc[1, "cpc"]) and pd.isna(f.loc[1, "acos"])
    assert f.loc[1, "search_term"] == "b08z88bst6" and f.loc[1, "match_type"] == "-"
    assert dq.attribution_days == 7
    assert dq.currencies == ["USD"]
    assert str(f["impressions"].dtype) == "Int64"
    assert f["spend"].dtype == np.float64 and f["ctr"].dtype == np.float64
    assert str(f["start_date"].dtype).startswith("datetime64")


def test_search_term_variant_b_uk_daily_xlsx_native_cells(tmp_path):
    rows = [
        [
            dt.datetime(2026, 9, 1),
            None,
            "GBP",
            "UK Camp",
            "AG",
            "yoga mat",
            "BROAD",
            "yoga mat",
            2100,
            50,
            0.0238,
            0.42,
            21.0,
            84.0,
            0.25,
            4.0,
            3,
            3,
            0.06,
            2,
            1,
            60.0,
            24.0,
        ],
        [
            dt.datetime(2026, 9, 2),
            None,
            "GBP",
            "UK Camp",
            "AG",
            "yoga mat",
            "BROAD",
            "pilates mat",
            800,
            5,
            0.00625,
            0.3,
            1.5,
            0,
            None,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
        ],
    ]
    path = write_xlsx(
        tmp_path / "Sponsored Products Search term report.xlsx",
        ST_B,
        rows,
        sheet="Sponsored Product Search Term R",
        formats={
            "Date": "mmm dd, yyyy",
            "Spend": "[$£]#,##0.00;([$£]#,##0.00)",
            "7 Day Total Sales": "[$£]#,##0.00;([$£]#,##0.00)",
            "Click-Thru Rate (CTR)": "0.0000%",
            "Total Advertising Cost of Sales (ACOS) ": "0.0000%",
        },
    )
    f, dq = read_clean(path)
    assert dq.kind == K("sp_search_term")
    assert_nothing_bad(dq)
    assert list(f["date"]) == [ts("2026-09-01"), ts("2026-09-02")]
    # Daily rows: the period of a row is its own day.
    assert list(f["start_date"]) == list(f["date"]) and list(f["end_date"]) == list(f["date"])
    assert f.loc[0, "ctr"] == pytest.approx(0.0238)  # a fraction stays a fraction
    assert f.loc[0, "acos"] == pytest.approx(0.25)
    assert f.loc[0, "spend"] == pytest.approx(21.0) and f.loc[0, "sales"] == pytest.approx(84.0)
    assert f.loc[0, "cvr"] == pytest.approx(0.06)
    assert np.isnan(f.loc[1, "acos"])  # empty where sales are 0: NaN, not 0
    assert f.loc[1, "sales"] == 0.0
    assert dq.currencies == ["GBP"] and dq.marketplace == "UK"
    assert dq.attribution_days == 7
    assert str(f["clicks"].dtype) == "Int64"


def test_search_term_variant_c_india_14_day_rupee_headers(tmp_path):
    rows = [
        [
            dt.datetime(2020, 2, 1),
            None,
            "INR",
            "IN Camp",
            "AG",
            "yoga mat",
            "EXACT",
            "yoga mat",
            1500,
            20,
            0.0133,
            9.5,
            190.0,
            760.0,
            0.25,
            4.0,
            2,
            3,
            0.1,
            2,
            1,
            500.0,
            260.0,
        ]
    ]
    path = write_xlsx(
        tmp_path / "Sponsored Products Search term report.xlsx",
        ST_C,
        rows,
        formats={"Spend": "\\₹\\ #,##0.00", "14 Day Total Sales (₹)": "\\₹\\ #,##0.00"},
    )
    f, dq = read_clean(path)
    assert dq.kind == K("sp_search_term")
    assert_nothing_bad(dq)
    assert dq.attribution_days == 14
    assert list(f["attribution_days"]) == [14]
    assert dq.currencies == ["INR"] and f.loc[0, "currency"] == "INR"
    assert f.loc[0, "sales"] == pytest.approx(760.0)
    assert f.loc[0, "advertised_sales"] == pytest.approx(500.0)  # "Advertised ASIN" == "Advertised SKU"
    assert f.loc[0, "other_sales"] == pytest.approx(260.0)  # "Brand Halo ASIN" == "Other SKU"
    assert f.loc[0, "other_units"] == 1
    assert f.loc[0, "acos"] == pytest.approx(0.25) and f.loc[0, "roas"] == pytest.approx(4.0)
    assert f.loc[0, "date"] == ts("2020-02-01")


def test_search_term_german_semicolon_decimal_comma(tmp_path):
    header = (
        "Datum;Portfolioname;Währung;Kampagnenname;Anzeigengruppenname;Ausrichtung;Übereinstimmungstyp;"
        "Suchbegriff des Kunden;Impressionen;Klicks;Klickrate (CTR);Kosten pro Klick (CPC);Ausgaben;"
        "Gesamtumsatz in 7 Tagen;Zugeordnete Umsatzkosten (ACOS) gesamt"
    ).split(";")
    rows = [
        [
            "01.09.2026",
            "",
            "EUR",
            "Kampagne 1",
            "Gruppe 1",
            "yogamatte",
            "BROAD",
            "yogamatte rutschfest",
            "1.234",
            "12",
            "0,97%",
            "0,50",
            "6,00",
            "120,00",
            "5,00%",
        ],
        [
            "02.09.2026",
            "",
            "EUR",
            "Kampagne 1",
            "Gruppe 1",
            "yogamatte",
            "BROAD",
            "yogamatte dick",
            "987",
            "3",
            "0,30%",
            "0,45",
            "1,35",
            "0,00",
            "",
        ],
    ]
    path = write_csv(tmp_path / "Suchbegriffe.csv", header, rows, delimiter=";")
    f, dq = read_clean(path)
    assert dq.kind == K("sp_search_term")
    assert_nothing_bad(dq)
    assert f.loc[0, "impressions"] == 1234  # 1.234 is a thousands point
    assert f.loc[0, "ctr"] == pytest.approx(0.0097)
    assert f.loc[0, "cpc"] == pytest.approx(0.5)
    assert f.loc[0, "spend"] == pytest.approx(6.0)
    assert f.loc[0, "sales"] == pytest.approx(120.0)
    assert f.loc[0, "acos"] == pytest.approx(0.05)
    assert f.loc[0, "date"] == ts("2026-09-01") and f.loc[1, "date"] == ts("2026-09-02")
    assert f.loc[1, "impressions"] == 987
    assert np.isnan(f.loc[1, "acos"])
    assert f.loc[0, "search_term"] == "yogamatte rutschfest"
    assert dq.attribution_days == 7
    assert dq.currencies == ["EUR"]
    assert dq.delimiter == ";"


# --------------------------------------------------------------------------- other SP reports

TGT_US = (
    "Date|Portfolio name|Currency|Campaign Name|Ad Group Name|Targeting|Match Type|Impressions|Clicks|"
    "Click-Thru Rate (CTR)|Cost Per Click (CPC)|Spend|Total Advertising Cost of Sales (ACoS) |"
    "Total Return on Advertising Spend (RoAS)|7 Day Total Sales |7 Day Total Orders (#)|7 Day Total Units (#)|"
    "7 Day Conversion Rate|7 Day Advertised SKU Units (#)|7 Day Other SKU Units (#)|7 Day Advertised SKU Sales |"
    "7 Day Other SKU Sales "
).split("|")


def test_targeting_xlsx_is_not_a_search_term_report(tmp_path):
    rows = [
        [
            dt.datetime(2019, 11, 16),
            None,
            "USD",
            "Camp T",
            "AG",
            "yoga mat",
            "EXACT",
            400,
            8,
            0.02,
            0.75,
            6.0,
            0.2,
            5.0,
            30.0,
            1,
            1,
            0.125,
            1,
            0,
            30.0,
            0.0,
        ],
        [
            dt.datetime(2019, 11, 16),
            None,
            "USD",
            "Camp T",
            "AG",
            'asin="B08Z88BST6"',
            "-",
            90,
            0,
            0.0,
            None,
            0.0,
            None,
            0.0,
            0.0,
            0,
            0,
            0.0,
            0,
            0,
            0.0,
            0.0,
        ],
    ]
    path = write_xlsx(
        tmp_path / "Sponsored Products Targeting report.xlsx",
        TGT_US,
        rows,
        sheet="Sponsored Product Keyword Repor",
        formats={"Date": 'mmm dd", "yyyy'},
    )
    f, dq = read_clean(path)
    assert dq.kind == K("sp_targeting")
    assert "search_term" not in f.columns
    assert_nothing_bad(dq)
    assert f.loc[0, "targeting"] == "yoga mat" and f.loc[1, "targeting"] == 'asin="B08Z88BST6"'
    assert f.loc[0, "acos"] == pytest.approx(0.2) and f.loc[0, "sales"] == pytest.approx(30.0)
    assert np.isnan(f.loc[1, "cpc"])  # CPC empty when clicks are 0
    assert f.loc[0, "date"] == ts("2019-11-16")
    assert dq.attribution_days == 7


CAMP_US = [
    "Date",
    "Start Date",
    "End Date",
    "Portfolio name",
    "Campaign Type",
    "Campaign Name",
    "Status",
    "Currency",
    "Budget",
    "Targeting Type",
    "Bidding strategy",
    "Impressions",
    "Clicks",
    "Click-Thru Rate (CTR)",
    "Spend",
    "Cost Per Click (CPC)",
    "7 Day Total Orders (#)",
    "Total Advertising Cost of Sales (ACoS) ",
    "7 Day Total Sales ",
]


def test_campaign_csv_bom_crlf_and_backslash_quote_escaping(tmp_path):
    header_line = (
        "Date,Start Date,End Date,Portfolio name,Campaign Type,Campaign Name,Status,Currency,Budget,"
        "Targeting Type,Bidding strategy,Impressions,Clicks,Click-Thru Rate (CTR),Spend,Cost Per Click (CPC),"
        '7 Day Total Orders (#),"Total Advertising Cost of Sales (ACoS) ","7 Day Total Sales "'
    )
    lines = [
        header_line,
        '"Nov 16, 2019","Oct 01, 2019",,Not grouped,Sponsored Products,"63\\"" x 27.5\\"" -key words 3 manual",'
        "ENABLED,USD,$3.0,MANUAL,Dynamic bids - down only,302,6,1.99%,$2.98,$0.4966667,1,9.93%,$30.00",
        '"Nov 17, 2019","Oct 01, 2019",,Not grouped,Sponsored Products,Auto 1,ENABLED,USD,$3.0,AUTOMATIC,'
        'Dynamic bids - down only,"1,020",0,0.00%,$0.0,$0.0,0,0.00%,$0.0',
    ]
    path = tmp_path / "Sponsored Products Campaign report.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    f, dq = read_clean(path)
    assert dq.kind == K("sp_campaign")
    assert_nothing_bad(dq)
    assert f.loc[0, "campaign"] == '63" x 27.5" -key words 3 manual'
    assert f.loc[0, "date"] == ts("2019-11-16") and f.loc[1, "date"] == ts("2019-11-17")
    assert f.loc[0, "campaign_start_date"] == ts("2019-10-01")
    assert pd.isna(f.loc[0, "campaign_end_date"])
    assert f.loc[0, "budget"] == pytest.approx(3.0)
    assert f.loc[0, "spend"] == pytest.approx(2.98)
    assert f.loc[0, "cpc"] == pytest.approx(0.4966667, abs=1e-9)
    assert f.loc[0, "ctr"] == pytest.approx(0.0199)
    assert f.loc[0, "acos"] == pytest.approx(0.0993)
    assert f.loc[0, "sales"] == pytest.approx(30.0)
    assert f.loc[1, "impressions"] == 1020
    assert f.loc[0, "targeting_type"] == "MANUAL"
    assert dq.currencies == ["USD"] and dq.attribution_days == 7
    assert dq.encoding == "utf-8-sig"
    # The BOM is not part of the first header: "Date" was matched.
    assert f["date"].notna().all()


def test_campaign_india_rupee_prefix_and_last_year_columns(tmp_path):
    header = [
        "Date",
        "Start Date",
        "End Date",
        "Portfolio name",
        "Campaign Type",
        "Campaign Name",
        "Status",
        "Currency",
        "Budget",
        "Targeting Type",
        "Bidding strategy",
        "Impressions",
        "Last Year Impressions",
        "Clicks",
        "Last Year Clicks",
        "Click-Thru Rate (CTR)",
        "Spend",
        "Last Year Spend",
        "Cost Per Click (CPC)",
        "Last Year Cost Per Click (CPC)",
        "14 Day Total Orders (#)",
        "Total Advertising Cost of Sales (ACoS)",
        "14 Day Total Sales (₹)",
    ]
    rows = [
        [
            "Feb 1, 2020",
            "Jan 10, 2020",
            "",
            "",
            "Sponsored Products",
            "IN Camp",
            "ENABLED",
            "INR",
            "Rs.1000.0",
            "MANUAL",
            "Fixed bids",
            "782",
            "0",
            "13",
            "0",
            "1.66%",
            "Rs.201.68",
            "Rs.0.0",
            "Rs.15.5138462",
            "Rs.0.0",
            "2",
            "33.61%",
            "Rs.600.00",
        ]
    ]
    path = write_csv(tmp_path / "Sponsored Products Campaign report.csv", header, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("sp_campaign")
    assert_nothing_bad(dq)
    assert "last-year" in dq.variant
    assert f.loc[0, "budget"] == pytest.approx(1000.0)
    assert f.loc[0, "spend"] == pytest.approx(201.68)
    assert f.loc[0, "cpc"] == pytest.approx(15.5138462, abs=1e-9)
    assert f.loc[0, "ctr"] == pytest.approx(0.0166)
    assert f.loc[0, "acos"] == pytest.approx(0.3361)
    assert f.loc[0, "sales"] == pytest.approx(600.0)
    assert f.loc[0, "last_year_clicks"] == 0 and f.loc[0, "last_year_spend"] == 0.0
    assert f.loc[0, "date"] == ts("2020-02-01")
    assert dq.attribution_days == 14
    assert dq.currencies == ["INR"]


def test_placement_report(tmp_path):
    header = (
        "Date|Portfolio name|Currency|Campaign Name|Bidding strategy|Placement|Impressions|Clicks|"
        "Cost Per Click (CPC)|Spend|14 Day Total Sales (₹)|Total Advertising Cost of Sales (ACoS)|"
        "Total Return on Advertising Spend (RoAS)|14 Day Total Orders (#)|14 Day Total Units (#)"
    ).split("|")
    rows = [
        [
            dt.datetime(2020, 2, 3),
            None,
            "INR",
            "IN Camp",
            "Dynamic bids - up and down",
            "First page Top of Search on Amazon",
            300,
            10,
            8.0,
            80.0,
            400.0,
            0.2,
            5.0,
            1,
            1,
        ],
        [
            dt.datetime(2020, 2, 3),
            None,
            "INR",
            "IN Camp",
            "Dynamic bids - up and down",
            "Rest of search on Amazon",
            900,
            4,
            5.5,
            22.0,
            0.0,
            None,
            0.0,
            0,
            0,
        ],
        [
            dt.datetime(2020, 2, 3),
            None,
            "INR",
            "IN Camp",
            "Dynamic bids - up and down",
            "Product pages on Amazon",
            1200,
            2,
            4.0,
            8.0,
            0.0,
            None,
            0.0,
            0,
            0,
        ],
    ]
    path = write_xlsx(tmp_path / "Sponsored Products Placement report.xlsx", header, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("sp_placement")
    assert_nothing_bad(dq)
    assert list(f["placement"]) == [
        "First page Top of Search on Amazon",
        "Rest of search on Amazon",
        "Product pages on Amazon",
    ]
    assert f["spend"].sum() == pytest.approx(110.0)
    assert f.loc[0, "sales"] == pytest.approx(400.0) and np.isnan(f.loc[1, "acos"])
    assert dq.attribution_days == 14 and dq.currencies == ["INR"]


ADV_US = (
    "Date|Portfolio name|Currency|Campaign Name|Ad Group Name|Advertised SKU|Advertised ASIN|Impressions|Clicks|"
    "Click-Thru Rate (CTR)|Cost Per Click (CPC)|Spend|7 Day Total Sales |Total Advertising Cost of Sales (ACoS) |"
    "Total Return on Advertising Spend (RoAS)|7 Day Total Orders (#)|7 Day Total Units (#)|7 Day Conversion Rate|"
    "7 Day Advertised SKU Units (#)|7 Day Other SKU Units (#)|7 Day Advertised SKU Sales |7 Day Other SKU Sales "
).split("|")


def test_advertised_product_with_sku(tmp_path):
    rows = [
        [
            dt.datetime(2019, 11, 20),
            None,
            "USD",
            "Camp",
            "AG",
            "YM-BLUE-6MM",
            "B07XYZ1234",
            1000,
            25,
            0.025,
            0.6,
            15.0,
            60.0,
            0.25,
            4.0,
            2,
            2,
            0.08,
            2,
            0,
            60.0,
            0.0,
        ]
    ]
    path = write_xlsx(tmp_path / "Sponsored Products Advertised product report.xlsx", ADV_US, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("sp_advertised_product")
    assert_nothing_bad(dq)
    assert f.loc[0, "advertised_sku"] == "YM-BLUE-6MM" and f.loc[0, "advertised_asin"] == "B07XYZ1234"
    assert f.loc[0, "spend"] == pytest.approx(15.0) and f.loc[0, "sales"] == pytest.approx(60.0)
    assert "ASIN only" not in dq.variant


def test_advertised_product_india_without_sku(tmp_path):
    header = [h for h in ADV_US if h != "Advertised SKU"]
    header = [
        h.replace("7 Day", "14 Day").rstrip() + (" (₹)" if "Sales" in h else "") if "7 Day" in h else h for h in header
    ]
    assert "14 Day Total Sales (₹)" in header and "14 Day Advertised SKU Units (#)" in header
    rows = [
        [
            dt.datetime(2020, 2, 5),
            None,
            "INR",
            "Camp",
            "AG",
            "B07XYZ1234",
            500,
            10,
            0.02,
            7.0,
            70.0,
            350.0,
            0.2,
            5.0,
            1,
            1,
            0.1,
            1,
            0,
            350.0,
            0.0,
        ]
    ]
    path = write_xlsx(tmp_path / "Sponsored Products Advertised product report.xlsx", header, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("sp_advertised_product")
    assert_nothing_bad(dq)
    assert pd.isna(f.loc[0, "advertised_sku"]) and f.loc[0, "advertised_asin"] == "B07XYZ1234"
    assert f.loc[0, "sales"] == pytest.approx(350.0)
    assert dq.attribution_days == 14 and dq.currencies == ["INR"]
    assert "ASIN only" in dq.variant
