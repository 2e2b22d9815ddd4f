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


# --------------------------------------------------------------------------- bulk operations download (bulksheets 2.0)

INFO = " (Informational only)"
BULK = (
    ["Product", "Entity", "Operation", "Campaign ID", "Ad Group ID", "Portfolio ID", "Ad ID", "Keyword ID"]
    + ["Product Targeting ID", "Campaign Name", "Ad Group Name", f"Campaign Name{INFO}", f"Ad Group Name{INFO}"]
    + [f"Portfolio Name{INFO}", "Start Date", "End Date", "Targeting Type", "State", f"Campaign State{INFO}"]
    + [f"Ad Group State{INFO}", "Daily Budget", "SKU", f"ASIN{INFO}", f"Eligibility Status{INFO}"]
    + [f"Reason for Ineligibility{INFO}", "Ad Group Default Bid", f"Ad Group Default Bid{INFO}", "Bid", "Keyword Text"]
    + ["Native Language Keyword", "Native Language Locale", "Match Type", "Bidding Strategy", "Placement"]
    + ["Percentage", "Product Targeting Expression", f"Resolved Product Targeting Expression{INFO}", "Impressions"]
    + ["Clicks", "Click-through Rate", "Spend", "Sales", "Orders", "Units", "Conversion Rate", "ACOS", "CPC", "ROAS"]
)
CAMPAIGN_ID = 123456789012345  # 15 digits: exact in a float, but "….0" or "1.23e14" if read as one
AD_GROUP_ID = 234567890123456
LONG_ID = "987654321098765432"  # 18 digits: beyond a float's precision, so only a text cell can hold it


def _bulk(entity, **cells):
    values = {"Product": "Sponsored Products", "Entity": entity, "Campaign ID": CAMPAIGN_ID}
    values[f"Campaign Name{INFO}"] = "Yoga Mats - Exact"
    values[f"Campaign State{INFO}"] = "enabled"
    values.update({k.replace("_", " "): v for k, v in cells.items()})
    return [values.get(h) for h in BULK]


BULK_ROWS = [
    _bulk(
        "Campaign",
        **{"Campaign Name": "Yoga Mats - Exact", "Start Date": 20240401, "Targeting Type": "Manual"},
        State="enabled",
        **{"Daily Budget": 25.0, "Bidding Strategy": "Dynamic bids - down only", "Portfolio ID": 345678901234567},
        Impressions=12000,
        Clicks=240,
        **{"Click-through Rate": 0.02, "Spend": 180.5, "Sales": 722.0, "Orders": 24, "Units": 26},
        **{"Conversion Rate": 0.1, "ACOS": 0.25, "CPC": 0.752, "ROAS": 4.0},
    ),
    _bulk(
        "Ad Group",
        **{"Ad Group ID": AD_GROUP_ID, "Ad Group Name": "Mats", f"Ad Group Name{INFO}": "Mats"},
        **{"Ad Group Default Bid": 0.85, f"Ad Group State{INFO}": "enabled"},
        State="enabled",
    ),
    _bulk(
        "Product Ad",
        **{"Ad Group ID": AD_GROUP_ID, f"Ad Group Name{INFO}": "Mats", "Ad ID": "456789012345678"},
        SKU="YM-6",
        **{f"ASIN{INFO}": "B0CHILD001", f"Eligibility Status{INFO}": "Eligible"},
        State="enabled",
    ),
    _bulk(
        "Keyword",
        **{"Ad Group ID": AD_GROUP_ID, f"Ad Group Name{INFO}": "Mats", "Keyword ID": LONG_ID},
        **{"Keyword Text": "yoga mat", "Match Type": "exact", "Bid": 1.1},
        State="enabled",
        Impressions=8000,
        Clicks=160,
        Spend=130.0,
        Sales=520.0,
        Orders=17,
    ),
    _bulk(
        "Negative keyword",
        **{"Ad Group ID": AD_GROUP_ID, f"Ad Group Name{INFO}": "Mats", "Keyword ID": 567890123456789},
        **{"Keyword Text": "cheap", "Match Type": "negativeExact"},
        State="enabled",
    ),
    _bulk(
        "Product Targeting",
        **{"Ad Group ID": AD_GROUP_ID, f"Ad Group Name{INFO}": "Mats", "Product Targeting ID": 678901234567890},
        **{"Product Targeting Expression": 'asin="B08Z88BST6"', "Bid": 0.9},
        **{f"Resolved Product Targeting Expression{INFO}": 'asin="B08Z88BST6"'},
        State="paused",
    ),
    _bulk(
        "Bidding Adjustment",
        **{"Bidding Strategy": "Dynamic bids - down only", "Placement": "Placement Top", "Percentage": 50},
    ),
    _bulk(
        "Campaign negative keyword",
        **{"Keyword ID": "789012345678901", "Keyword Text": "free", "Match Type": "negativePhrase"},
        State="enabled",
    ),
]


def test_bulk_download_entities_ids_and_names(tmp_path):
    path = write_xlsx(tmp_path / "bulk-a1b2c3-20260901.xlsx", BULK, BULK_ROWS, sheet="Sponsored Products Campaigns")
    f, dq = read_clean(path)
    assert dq.kind == K("sp_bulk")
    assert_nothing_bad(dq)
    assert dq.unknown_columns == []
    assert "informational" in dq.variant
    assert list(f["entity"]) == [
        "Campaign",
        "Ad Group",
        "Product Ad",
        "Keyword",
        "Negative keyword",
        "Product Targeting",
        "Bidding Adjustment",
        "Campaign negative keyword",
    ]
    # IDs are exact text, whether the cell was a number or text; never 1.23e14, never "….0"
    assert set(f["campaign_id"]) == {"123456789012345"}
    assert f.loc[1, "ad_group_id"] == "234567890123456" and f.loc[0, "portfolio_id"] == "345678901234567"
    assert f.loc[2, "ad_id"] == "456789012345678" and f.loc[3, "keyword_id"] == LONG_ID
    assert f.loc[4, "keyword_id"] == "567890123456789" and f.loc[5, "product_targeting_id"] == "678901234567890"
    assert pd.isna(f.loc[6, "ad_group_id"])  # bidding adjustments belong to the campaign
    for col in ("campaign_id", "ad_group_id", "keyword_id", "product_targeting_id", "ad_id"):
        assert f[col].dropna().str.fullmatch(r"\d+").all(), col
    # names from the informational columns on every row; the editable name only on the entity's own row
    assert set(f["campaign"]) == {"Yoga Mats - Exact"}
    assert f.loc[0, "campaign_name"] == "Yoga Mats - Exact" and f["campaign_name"].notna().sum() == 1
    assert list(f["ad_group"].iloc[1:6]) == ["Mats"] * 5
    assert f.loc[0, "start_date"] == ts("2024-04-01")  # yyyyMMdd held in a number cell
    assert f.loc[0, "daily_budget"] == pytest.approx(25.0) and f.loc[1, "ad_group_default_bid"] == pytest.approx(0.85)
    assert f.loc[3, "bid"] == pytest.approx(1.1) and f.loc[3, "match_type"] == "exact"
    assert f.loc[6, "placement"] == "Placement Top" and f.loc[6, "percentage"] == 50
    assert f.loc[5, "product_targeting_expression"] == 'asin="B08Z88BST6"' and f.loc[5, "state"] == "paused"
    assert f.loc[2, "sku"] == "YM-6" and f.loc[2, "asin"] == "B0CHILD001"
    assert f.loc[0, "clicks"] == 240 and f.loc[0, "spend"] == pytest.approx(180.5)
    assert f.loc[0, "acos"] == pytest.approx(0.25) and f.loc[0, "ctr"] == pytest.approx(0.02)
    assert f.loc[3, "sales"] == pytest.approx(520.0) and f.loc[3, "orders"] == 17
    assert f["campaign_id"].dtype == "str" and str(f["clicks"].dtype) == "Int64"


def test_bulk_csv_ids_stay_text_and_mangled_ids_are_rejected(tmp_path):
    """A bulk file saved as CSV by a spreadsheet may show IDs as 1.23457E+14: those rows cannot be acted on."""
    rows = [
        [str(v) if v is not None else "" for v in BULK_ROWS[0]],
        [str(v) if v is not None else "" for v in BULK_ROWS[3]],
        [
            ("1.23457E+14" if h == "Campaign ID" else (str(v) if v is not None else ""))
            for h, v in zip(BULK, BULK_ROWS[4])
        ],
    ]
    f, dq = read_clean(write_csv(tmp_path / "bulk.csv", BULK, rows))
    assert dq.kind == K("sp_bulk")
    assert (dq.rows_read, dq.rows_used) == (3, 2)
    [(reason, n)] = dq.rejected.items()
    assert n == 1 and "mangled" in reason and "row 4" in dq.examples[reason][0]
    assert list(f["campaign_id"]) == ["123456789012345"] * 2 and f.loc[1, "keyword_id"] == LONG_ID
    assert f.loc[0, "start_date"] == ts("2024-04-01")


def test_bulk_template_without_informational_columns(tmp_path):
    header = ["Product", "Entity", "Operation", "Campaign Id", "Ad Group Id", "Portfolio Id", "Ad Id"]
    header += ["Keyword Id (Read only)", "Product Targeting Id (Read only)", "Campaign Name", "Ad Group Name"]
    header += ["Start Date", "End Date", "Targeting Type", "State", "Daily Budget", "sku", "asin"]
    header += ["Ad Group Default Bid", "Bid", "Keyword Text", "Match Type", "Bidding Strategy", "Placement"]
    header += ["Percentage", "Product Targeting Expression"]
    rows = [
        ["Sponsored Products", "Keyword", "Update", "123456789012345", "234567890123456", "", "", "567890123456789"]
        + ["", "", "", "", "", "", "enabled", "", "", "", "", "1.25", "yoga mat", "exact", "", "", "", ""]
    ]
    f, dq = read_clean(write_csv(tmp_path / "bulk-template.csv", header, rows))
    assert dq.kind == K("sp_bulk")
    assert_nothing_bad(dq)
    assert dq.unknown_columns == [] and "template" in dq.variant
    assert f.loc[0, "keyword_id"] == "567890123456789" and f.loc[0, "operation"] == "Update"
    assert f.loc[0, "bid"] == pytest.approx(1.25)


def test_bulk_download_whose_first_sheet_is_portfolios(tmp_path):
    import openpyxl

    path = tmp_path / "bulk.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Portfolios"
    wb.active.append(["Product", "Entity", "Operation", "Portfolio ID", "Portfolio Name", "State"])
    wb.active.append(["Portfolios", "Portfolio", "", "345678901234567", "Mats", "enabled"])
    sp = wb.create_sheet("Sponsored Products Campaigns")
    sp.append(BULK)
    for r in BULK_ROWS:
        sp.append(r)
    wb.save(path)
    f, dq = read_clean(path)
    assert dq.kind == K("sp_bulk") and len(f) == len(BULK_ROWS)


def test_console_reports_are_not_taken_for_bulk_files_and_keep_empty_id_columns(tmp_path):
    rows = [["Sep 01, 2026", "Sep 30, 2026", "", "USD", "Camp A", "AG 1", "Amazon", "US", "yoga mat", "EXACT"]]
    rows[0] += ["yoga mat", "100", "5", "5.00%", "$0.50", "$2.50", "$20.00", "12.50%", "8.00", "1", "1", "20.00%"]
    rows[0] += ["1", "0", "$20.00", "$0.00"]
    f, dq = read_clean(write_csv(tmp_path / "st.csv", ST_D, rows))
    assert dq.kind == K("sp_search_term")
    assert f[["campaign_id", "ad_group_id", "keyword_id", "portfolio_id"]].isna().all().all()


def test_bulk_xlsx_id_beyond_float_precision_is_rejected_not_rounded(tmp_path):
    """An 18-digit ID in a number cell has lost its last digits: the row is refused, never acted on."""
    rows = [BULK_ROWS[0], [int(LONG_ID) if h == "Keyword ID" else v for h, v in zip(BULK, BULK_ROWS[3])]]
    f, dq = read_clean(write_xlsx(tmp_path / "bulk.xlsx", BULK, rows, sheet="Sponsored Products Campaigns"))
    assert dq.kind == K("sp_bulk") and (dq.rows_used, dq.rows_rejected) == (1, 1)
    [(reason, _)] = dq.rejected.items()
    assert "mangled" in reason and "row 3" in dq.examples[reason][0]
    assert list(f["entity"]) == ["Campaign"]
