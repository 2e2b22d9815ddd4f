"""Every header variant of ``amazon-report-formats.md``, crafted cell by cell in ``tmp_path``.

Each test writes a small file with the exact Amazon headers of one variant and
checks the detected kind, a few canonical values against literals computed by
hand from the cells written (``"$1,234.50"`` -> 1234.5, ``"4.51%"`` -> 0.0451),
the dtypes, and the data-quality invariant.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from sellerops.readers import KINDS, ReportFormatError, read_report


def K(name: str) -> str:
    """A kind name, checked against the registry (a renamed kind fails loudly)."""
    assert name in KINDS, f"{name} not in KINDS"
    return name


# --------------------------------------------------------------------------- helpers


def write_csv(
    path: Path, header, rows, *, delimiter=",", quote_all=False, encoding="utf-8", bom=False, newline="\n", preamble=()
) -> Path:
    buf = io.StringIO()
    for line in preamble:
        buf.write(line + newline)
    w = csv.writer(
        buf, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    )
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    data = buf.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def write_tsv(path: Path, header, rows, *, encoding="utf-8") -> Path:
    """SP-API flat file: tab-delimited, no quoting at all."""
    lines = ["\t".join(header)] + ["\t".join(r) for r in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def write_xlsx(path: Path, header, rows, *, sheet="Sheet1", formats=None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(header)
    for r in rows:
        ws.append(r)
    for col_name, fmt in (formats or {}).items():
        j = header.index(col_name) + 1
        for i in range(2, len(rows) + 2):
            ws.cell(row=i, column=j).number_format = fmt
    wb.save(path)
    return path


def cells(header, **by_header):
    """A row in header order from ``{header: value}`` (missing cells empty)."""
    return [by_header.get(h, "") for h in header]


def row(header, values: dict):
    return [values.get(h, "") for h in header]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_clean(source, **kw):
    """Read, and check the invariants that hold for every clean crafted file."""
    files = [source] if Path(source).is_file() else sorted(p for p in Path(source).rglob("*") if p.is_file())
    before = {p: sha(p) for p in files}
    frame, dq = read_report(source, **kw)
    assert {p: sha(p) for p in files} == before, "reading changed a raw file"
    assert dq.is_consistent()
    assert dq.rows_read == dq.rows_used + dq.rows_rejected
    assert dq.rows_used == len(frame)
    return frame, dq


def assert_nothing_bad(dq):
    assert dq.rows_rejected == 0, dq.rejected
    assert dq.rows_read == dq.rows_used


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


# --------------------------------------------------------------------------- SP search term

ST_D = (
    "Start Date,End Date,Portfolio name,Currency,Campaign Name,Ad Group Name,Retailer,Country,Targeting,Match Type,"
    "Customer Search Term,Impressions,Clicks,Click-Thru Rate (CTR),Cost Per Click (CPC),Spend,7 Day Total Sales ,"
    "Total Advertising Cost of Sales (ACOS) ,Total Return on Advertising Spend (ROAS),7 Day Total Orders (#),"
    "7 Day Total Units (#),7 Day Conversion Rate,7 Day Advertised SKU Units (#),7 Day Other SKU Units (#),"
    "7 Day Advertised SKU Sales ,7 Day Other SKU Sales "
).split(",")

ST_B = (
    "Date|Portfolio name|Currency|Campaign Name|Ad Group Name|Targeting|Match Type|Customer Search Term|Impressions|"
    "Clicks|Click-Thru Rate (CTR)|Cost Per Click (CPC)|Spend|7 Day Total Sales|Total Advertising Cost of Sales (ACOS) |"
    "Total Return on Advertising Spend (ROAS)|7 Day Total Orders (#)|7 Day Total Units (#)|7 Day Conversion Rate|"
    "7 Day Advertised SKU Units (#)|7 Day Other SKU Units (#)|7 Day Advertised SKU Sales|7 Day Other SKU Sales"
).split("|")

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


# --------------------------------------------------------------------------- Business Report by child item

BR_OLD = [
    "(Parent) ASIN",
    "(Child) ASIN",
    "Title",
    "SKU",
    "Sessions",
    "Session Percentage",
    "Page Views",
    "Page Views Percentage",
    "Buy Box Percentage",
    "Units Ordered",
    "Unit Session Percentage",
    "Ordered Product Sales",
    "Total Order Items",
]

BR_B2B = [
    "(Parent) ASIN",
    "(Child) ASIN",
    "Title",
    "Sessions",
    "Session Percentage",
    "Page Views",
    "Page Views Percentage",
    "Buy Box Percentage",
    "Units Ordered",
    "Units Ordered - B2B",
    "Unit Session Percentage",
    "Unit Session Percentage - B2B",
    "Ordered Product Sales",
    "Ordered Product Sales - B2B",
    "Total Order Items",
    "Total Order Items - B2B",
]

BR_CUR = [
    "(Parent) ASIN",
    "(Child) ASIN",
    "Title",
    "SKU",
    "Sessions - Mobile App",
    "Sessions - Mobile APP - B2B",
    "Sessions - Browser",
    "Sessions - Browser - B2B",
    "Sessions - Total",
    "Sessions - Total - B2B",
    "Session Percentage - Mobile App",
    "Session Percentage - Mobile APP - B2B",
    "Session Percentage - Browser",
    "Session Percentage - Browser - B2B",
    "Session Percentage - Total",
    "Session Percentage - Total - B2B",
    "Page Views - Mobile App",
    "Page Views - Mobile APP - B2B",
    "Page Views - Browser",
    "Page Views - Browser - B2B",
    "Page Views - Total",
    "Page Views - Total - B2B",
    "Page Views Percentage - Mobile App",
    "Page Views Percentage - Mobile App - B2B",
    "Page Views Percentage - Browser",
    "Page Views Percentage - Browser - B2B",
    "Page Views Percentage - Total",
    "Page Views Percentage - Total - B2B",
    "Featured Offer (Buy Box) Percentage",
    "Featured Offer (Buy Box) Percentage - B2B",
    "Units Ordered",
    "Units Ordered - B2B",
    "Unit Session Percentage",
    "Unit Session Percentage - B2B",
    "Ordered Product Sales",
    "Ordered Product Sales - B2B",
    "Total Order Items",
    "Total Order Items - B2B",
]

BR_CUR_VALUES = {
    "(Parent) ASIN": "B0PARENT01",
    "(Child) ASIN": "B0CHILD001",
    "Title": "Yoga Mat 6mm",
    "SKU": "YM-6",
    "Sessions - Mobile App": "600",
    "Sessions - Mobile APP - B2B": "11",
    "Sessions - Browser": "400",
    "Sessions - Browser - B2B": "7",
    "Sessions - Total": "1,000",
    "Sessions - Total - B2B": "18",
    "Session Percentage - Mobile App": "3.00%",
    "Session Percentage - Mobile APP - B2B": "0.50%",
    "Session Percentage - Browser": "2.00%",
    "Session Percentage - Browser - B2B": "0.35%",
    "Session Percentage - Total": "5.00%",
    "Session Percentage - Total - B2B": "0.85%",
    "Page Views - Mobile App": "700",
    "Page Views - Mobile APP - B2B": "13",
    "Page Views - Browser": "500",
    "Page Views - Browser - B2B": "9",
    "Page Views - Total": "1,200",
    "Page Views - Total - B2B": "22",
    "Page Views Percentage - Mobile App": "3.10%",
    "Page Views Percentage - Mobile App - B2B": "0.60%",
    "Page Views Percentage - Browser": "2.10%",
    "Page Views Percentage - Browser - B2B": "0.40%",
    "Page Views Percentage - Total": "5.20%",
    "Page Views Percentage - Total - B2B": "1.00%",
    "Featured Offer (Buy Box) Percentage": "97.5%",
    "Featured Offer (Buy Box) Percentage - B2B": "100%",
    "Units Ordered": "50",
    "Units Ordered - B2B": "2",
    "Unit Session Percentage": "5.00%",
    "Unit Session Percentage - B2B": "11.11%",
    "Ordered Product Sales": "$1,499.50",
    "Ordered Product Sales - B2B": "$59.98",
    "Total Order Items": "48",
    "Total Order Items - B2B": "2",
}


def test_business_child_item_old_header(tmp_path):
    rows = [
        [
            "B0PARENT01",
            "B0CHILD001",
            'Bath Mat - 31" x 19"',
            "BM-1",
            "3,395",
            "4.51%",
            "5,000",
            "5.00%",
            "99%",
            "120",
            "3.53%",
            "$5,216.29",
            "118",
        ],
        [
            "B0PARENT01",
            "B0CHILD002",
            "Bath Mat small",
            "BM-2",
            "12",
            "0.02%",
            "15",
            "0.02%",
            "100%",
            "0",
            "0.00%",
            "$0.00",
            "0",
        ],
    ]
    path = write_csv(tmp_path / "BusinessReport-2026-09.csv", BR_OLD, rows, quote_all=True, bom=True)
    f, dq = read_clean(path)
    assert dq.kind == K("business_report_child_item")
    assert_nothing_bad(dq)
    r = f.iloc[0]
    assert r["sessions"] == 3395 and r["page_views"] == 5000
    assert r["session_percentage"] == pytest.approx(0.0451)
    assert r["buy_box_percentage"] == pytest.approx(0.99)
    assert f.loc[1, "buy_box_percentage"] == pytest.approx(1.0)
    assert r["units_ordered"] == 120 and r["total_order_items"] == 118
    assert r["ordered_product_sales"] == pytest.approx(5216.29)
    assert r["title"] == 'Bath Mat - 31" x 19"'
    assert r["start_date"] == ts("2026-09-01") and r["end_date"] == ts("2026-09-30")
    assert dq.currencies == ["USD"]
    assert "old" in dq.variant


def test_business_child_item_b2b_intermediate(tmp_path):
    values = {
        "(Parent) ASIN": "B0PARENT01",
        "(Child) ASIN": "B0CHILD001",
        "Title": "Mat",
        "Sessions": "1,250",
        "Session Percentage": "2.40%",
        "Page Views": "1,900",
        "Page Views Percentage": "2.90%",
        "Buy Box Percentage": "98.2%",
        "Units Ordered": "40",
        "Units Ordered - B2B": "3",
        "Unit Session Percentage": "3.20%",
        "Unit Session Percentage - B2B": "25.00%",
        "Ordered Product Sales": "$989.91",
        "Ordered Product Sales - B2B": "$74.97",
        "Total Order Items": "39",
        "Total Order Items - B2B": "3",
    }
    path = write_csv(tmp_path / "BusinessReport-2026-09.csv", BR_B2B, [row(BR_B2B, values)])
    f, dq = read_clean(path)
    assert dq.kind == K("business_report_child_item")
    assert_nothing_bad(dq)
    r = f.iloc[0]
    assert r["sessions"] == 1250 and r["units_ordered"] == 40 and r["units_ordered_b2b"] == 3
    assert r["buy_box_percentage"] == pytest.approx(0.982)
    assert r["ordered_product_sales"] == pytest.approx(989.91)
    assert r["ordered_product_sales_b2b"] == pytest.approx(74.97)
    assert r["unit_session_percentage_b2b"] == pytest.approx(0.25)
    assert "B2B" in dq.variant


def test_business_child_item_current_header(tmp_path):
    path = write_csv(tmp_path / "BusinessReport-2026-09.csv", BR_CUR, [row(BR_CUR, BR_CUR_VALUES)], bom=True)
    f, dq = read_clean(path)
    assert dq.kind == K("business_report_child_item")
    assert_nothing_bad(dq)
    assert dq.unknown_columns == []
    r = f.iloc[0]
    assert r["sessions"] == 1000 and r["sessions_b2b"] == 18
    assert r["sessions_mobile_app"] == 600 and r["sessions_mobile_app_b2b"] == 11  # "Mobile APP - B2B"
    assert r["sessions_browser"] == 400 and r["sessions_browser_b2b"] == 7
    assert r["page_views"] == 1200 and r["page_views_b2b"] == 22 and r["page_views_mobile_app_b2b"] == 13
    assert r["page_views_percentage_mobile_app_b2b"] == pytest.approx(0.006)
    assert r["session_percentage"] == pytest.approx(0.05) and r["session_percentage_b2b"] == pytest.approx(0.0085)
    assert r["buy_box_percentage"] == pytest.approx(0.975) and r["buy_box_percentage_b2b"] == pytest.approx(1.0)
    assert r["ordered_product_sales"] == pytest.approx(1499.5) and r["ordered_product_sales_b2b"] == pytest.approx(
        59.98
    )
    assert r["units_ordered"] == 50 and r["total_order_items_b2b"] == 2
    assert r["sku"] == "YM-6"
    assert "current" in dq.variant


def test_business_child_item_canada_en_dash_total_vs_b2b(tmp_path):
    header = [h.replace(" - ", " – ") if h.startswith("Sessions") else h for h in BR_CUR]
    header = [h.replace("Units Ordered", "Units ordered") for h in header]
    # B2B total before Total: a substring or positional match would swap them.
    i, j = header.index("Sessions – Total"), header.index("Sessions – Total – B2B")
    header[i], header[j] = header[j], header[i]
    values = {h.replace(" - ", " – ") if h.startswith("Sessions") else h: v for h, v in BR_CUR_VALUES.items()}
    values = {h.replace("Units Ordered", "Units ordered"): v for h, v in values.items()}
    path = write_csv(tmp_path / "BusinessReport-CA-2026-09.csv", header, [row(header, values)], bom=True)
    f, dq = read_clean(path)
    assert dq.kind == K("business_report_child_item")
    assert_nothing_bad(dq)
    assert dq.unknown_columns == []
    r = f.iloc[0]
    assert r["sessions"] == 1000
    assert r["sessions_b2b"] == 18
    assert r["sessions_mobile_app_b2b"] == 11
    assert r["units_ordered"] == 50 and r["units_ordered_b2b"] == 2
    assert r["start_date"] == ts("2026-09-01") and r["end_date"] == ts("2026-09-30")
    assert str(f["start_date"].dtype).startswith("datetime64")
    assert dq.date_min == ts("2026-09-01") and dq.date_max == ts("2026-09-30")


# --------------------------------------------------------------------------- Business Report by date

BD_CUR = (
    "Date,Ordered Product Sales,Ordered Product Sales - B2B,Units Ordered,Units Ordered - B2B,Total Order Items,"
    "Total Order Items - B2B,Average Sales per Order Item,Average Sales per Order Item - B2B,Average Units per Order Item,"
    "Average Units per Order Item - B2B,Average Selling Price,Average Selling Price - B2B,Sessions - Total,"
    "Sessions - Total - B2B,Order Item Session Percentage,Order Item Session Percentage - B2B,Average Offer Count"
).split(",")


def _by_date_rows(dates, sign="$"):
    return [
        [
            dates[0],
            f"{sign}1,234.50",
            f"{sign}0.00",
            "10",
            "0",
            "9",
            "0",
            f"{sign}137.17",
            f"{sign}0.00",
            "1.11",
            "0.00",
            f"{sign}123.45",
            f"{sign}0.00",
            "1,514",
            "30",
            "0.59%",
            "0.00%",
            "238",
        ],
        [
            dates[1],
            f"{sign}100.00",
            f"{sign}20.00",
            "4",
            "1",
            "4",
            "1",
            f"{sign}25.00",
            f"{sign}20.00",
            "1.00",
            "1.00",
            f"{sign}25.00",
            f"{sign}20.00",
            "200",
            "5",
            "2.00%",
            "20.00%",
            "12",
        ],
    ]


def test_business_by_date_us_month_first(tmp_path):
    path = write_csv(
        tmp_path / "BusinessReport-by-date.csv", BD_CUR, _by_date_rows(["09/01/2026", "09/02/2026"]), bom=True
    )
    f, dq = read_clean(path)
    assert dq.kind == K("business_report_by_date")
    assert_nothing_bad(dq)
    assert list(f["date"]) == [ts("2026-09-01"), ts("2026-09-02")]
    assert f.loc[0, "ordered_product_sales"] == pytest.approx(1234.5)
    assert f.loc[0, "sessions"] == 1514 and f.loc[0, "sessions_b2b"] == 30
    assert f.loc[0, "order_item_session_percentage"] == pytest.approx(0.0059)
    assert f.loc[1, "order_item_session_percentage_b2b"] == pytest.approx(0.2)
    assert f.loc[0, "average_units_per_order_item"] == pytest.approx(1.11)
    assert f.loc[0, "average_offer_count"] == pytest.approx(238.0)
    assert dq.currencies == ["USD"]


def test_business_by_date_india_day_first(tmp_path):
    line = (
        '01/04/26,"₹75,565.26",₹0.00,39,0,38,0,"₹1,988.56",₹0.00,1.03,0.00,"₹1,937.57",₹0.00,"1,514",30,2.51%,0.00%,238'
    )
    line2 = '02/04/26,"₹1,000.00",₹0.00,2,0,2,0,₹500.00,₹0.00,1.00,0.00,₹500.00,₹0.00,100,0,2.00%,0.00%,230'
    path = tmp_path / "BusinessReport-IN.csv"
    path.write_bytes(("\ufeff" + ",".join(BD_CUR) + "\n" + line + "\n" + line2 + "\n").encode("utf-8"))
    f, dq = read_clean(path)
    assert dq.kind == K("business_report_by_date")
    assert_nothing_bad(dq)
    assert list(f["date"]) == [ts("2026-04-01"), ts("2026-04-02")]
    assert f.loc[0, "ordered_product_sales"] == pytest.approx(75565.26)
    assert f.loc[0, "average_sales_per_order_item"] == pytest.approx(1988.56)
    assert f.loc[0, "average_selling_price"] == pytest.approx(1937.57)
    assert f.loc[0, "units_ordered"] == 39 and f.loc[0, "sessions"] == 1514 and f.loc[0, "sessions_b2b"] == 30
    assert f.loc[0, "order_item_session_percentage"] == pytest.approx(0.0251)
    assert dq.currencies == ["INR"] and dq.marketplace == "IN"


def test_business_by_date_dmy_override_on_a_dollar_file(tmp_path):
    path = write_csv(tmp_path / "BusinessReport-by-date.csv", BD_CUR, _by_date_rows(["01/04/2026", "02/04/2026"]))
    f, dq = read_clean(path, date_order="DMY")
    assert list(f["date"]) == [ts("2026-04-01"), ts("2026-04-02")]
    assert_nothing_bad(dq)
    f2, _ = read_clean(path)  # the default for dollars is month first
    assert list(f2["date"]) == [ts("2026-01-04"), ts("2026-02-04")]


# --------------------------------------------------------------------------- FBA inventory

PLAN_OLD = (
    "snapshot-date sku fnsku asin product-name condition available pending-removal-quantity inv-age-0-to-90-days "
    "inv-age-91-to-180-days inv-age-181-to-270-days inv-age-271-to-365-days inv-age-365-plus-days currency "
    "qty-to-be-charged-ltsf-9-mo projected-ltsf-9-mo qty-to-be-charged-ltsf-12-mo estimated-ltsf-next-charge "
    "units-shipped-t7 units-shipped-t30 units-shipped-t60 units-shipped-t90 alert your-price sales-price"
).split()


def test_fba_planning_old_buckets_tab_delimited(tmp_path):
    rows = [
        [
            "2026-09-01",
            "YM-6",
            "X00ABCDEF1",
            "B0CHILD001",
            'Yoga Mat 72" x 24"',
            "New",
            "340",
            "0",
            "200",
            "80",
            "40",
            "15",
            "5",
            "USD",
            "5",
            "12.50",
            "5",
            "12.50",
            "14",
            "60",
            "118",
            "170",
            "",
            "29.99",
            "27.99",
        ]
    ]
    path = write_tsv(tmp_path / "inventory-planning.txt", PLAN_OLD, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("fba_inventory_planning")
    assert_nothing_bad(dq)
    r = f.iloc[0]
    assert r["snapshot_date"] == ts("2026-09-01")
    assert r["available"] == 340 and r["inv_age_365_plus_days"] == 5 and r["qty_to_be_charged_ltsf_12_mo"] == 5
    assert r["projected_ltsf_9_mo"] == pytest.approx(12.5)
    assert r["your_price"] == pytest.approx(29.99)
    assert r["units_shipped_t30"] == 60
    assert r["product_name"] == 'Yoga Mat 72" x 24"'  # no quoting in flat files
    assert str(f["available"].dtype) == "Int64"
    assert "old" in dq.variant and dq.delimiter == "\t"
    assert dq.currencies == ["USD"]


def test_fba_planning_new_ais_buckets(tmp_path):
    header = (
        "snapshot-date sku fnsku asin product-name condition available pending-removal-quantity "
        "inv-age-0-to-30-days inv-age-31-to-60-days inv-age-61-to-90-days inv-age-91-to-180-days "
        "inv-age-181-to-330-days inv-age-331-to-365-days inv-age-365-plus-days currency "
        "estimated-ais-181-210-days estimated-ais-365-plus-days quantity-to-be-charged-ais-181-210-days "
        "quantity-to-be-charged-ais-365-plus-days your-price weeks-of-cover-t30 days-of-supply"
    ).split()
    rows = [
        [
            "2026-09-01",
            "YM-6",
            "X00ABCDEF1",
            "B0CHILD001",
            "Yoga Mat",
            "New",
            "340",
            "0",
            "120",
            "50",
            "30",
            "80",
            "45",
            "10",
            "5",
            "USD",
            "3.45",
            "17.80",
            "6",
            "5",
            "29.99",
            "6.5",
            "45",
        ]
    ]
    path = write_tsv(tmp_path / "inventory-planning.txt", header, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("fba_inventory_planning")
    assert_nothing_bad(dq)
    r = f.iloc[0]
    assert r["inv_age_0_to_30_days"] == 120 and r["inv_age_181_to_330_days"] == 45
    assert r["estimated_ais_181_210_days"] == pytest.approx(3.45)
    assert r["estimated_ais_365_plus_days"] == pytest.approx(17.8)
    assert r["quantity_to_be_charged_ais_181_210_days"] == 6
    assert r["weeks_of_cover_t30"] == pytest.approx(6.5)
    assert pd.isna(r["qty_to_be_charged_ltsf_9_mo"])  # old bucket absent -> missing, column still there
    assert "new" in dq.variant


MYI = (
    "sku fnsku asin product-name condition your-price mfn-listing-exists mfn-fulfillable-quantity afn-listing-exists "
    "afn-warehouse-quantity afn-fulfillable-quantity afn-unsellable-quantity afn-reserved-quantity afn-total-quantity "
    "per-unit-volume afn-inbound-working-quantity afn-inbound-shipped-quantity afn-inbound-receiving-quantity "
    "afn-researching-quantity afn-reserved-future-supply afn-future-supply-buyable"
).split()
MYI_ROW = [
    "YM-6",
    "X00ABCDEF1",
    "B0CHILD001",
    "Yoga Mat",
    "New",
    "29.99",
    "No",
    "",
    "Yes",
    "352",
    "340",
    "2",
    "10",
    "402",
    "0.12",
    "0",
    "50",
    "0",
    "0",
    "0",
    "0",
]


@pytest.mark.parametrize("with_store", [False, True])
def test_manage_fba_inventory(tmp_path, with_store):
    assert len(MYI) == 21
    header = MYI + (["store"] if with_store else [])
    rows = [MYI_ROW + (["US"] if with_store else [])]
    path = write_tsv(tmp_path / "myi.txt", header, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("fba_manage_inventory")
    assert_nothing_bad(dq)
    r = f.iloc[0]
    assert r["afn_fulfillable_quantity"] == 340 and r["afn_total_quantity"] == 402
    assert r["afn_inbound_shipped_quantity"] == 50
    assert r["your_price"] == pytest.approx(29.99) and r["per_unit_volume"] == pytest.approx(0.12)
    assert pd.isna(r["mfn_fulfillable_quantity"])
    assert str(f["afn_total_quantity"].dtype) == "Int64"
    if with_store:
        assert r["store"] == "US" and "store" in dq.variant
    else:
        assert pd.isna(r["store"]) and "classic" in dq.variant


# --------------------------------------------------------------------------- payments

US_PREAMBLE = [
    '"Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions"',
    '"All amounts in USD, unless specified"',
    '"Definitions:"',
    '"Sales tax collected: Includes sales tax collected from buyers for product sales, shipping, and gift wrap."',
    '"Selling fees: Includes variable closing fees and referral fees."',
    '"Other transaction fees: Includes shipping chargebacks, shipping holdbacks, per-item fees  and sales tax collection fees."',
    '"Other: Includes non-order transaction amounts. For more details, see the ""Type"" and ""Description"" columns for each order ID."',
]
US_TX = [
    "date/time",
    "settlement id",
    "type",
    "order id",
    "sku",
    "description",
    "quantity",
    "marketplace",
    "account type",
    "fulfillment",
    "order city",
    "order state",
    "order postal",
    "tax collection model",
    "product sales",
    "product sales tax",
    "shipping credits",
    "shipping credits tax",
    "gift wrap credits",
    "giftwrap credits tax",
    "Regulatory Fee",
    "Tax On Regulatory Fee",
    "promotional rebates",
    "promotional rebates tax",
    "marketplace withheld tax",
    "selling fees",
    "fba fees",
    "other transaction fees",
    "other",
    "total",
]


def _us_tx_rows():
    base = dict.fromkeys(US_TX, "0")
    a = {
        **base,
        "date/time": "Sep 4, 2026 1:05:07 AM PDT",
        "settlement id": "12345678901",
        "type": "Order",
        "order id": "111-1234567-1234567",
        "sku": "YM-6",
        "description": "Yoga Mat",
        "quantity": "1",
        "marketplace": "amazon.com",
        "account type": "Standard Orders",
        "fulfillment": "Amazon",
        "order city": "Seattle",
        "order state": "WA",
        "order postal": "98101",
        "tax collection model": "MarketplaceFacilitator",
        "product sales": "76.00",
        "product sales tax": "7.75",
        "marketplace withheld tax": "-7.75",
        "selling fees": "-11.55",
        "fba fees": "-6.10",
        "total": "58.35",
    }
    b = {
        **base,
        "date/time": "Jan 15, 2026 11:30:00 PM PST",
        "settlement id": "12345678901",
        "type": "Order",
        "order id": "111-7654321-7654321",
        "sku": "YM-6",
        "description": "Yoga Mat",
        "quantity": "20",
        "marketplace": "amazon.com",
        "account type": "Standard Orders",
        "fulfillment": "Amazon",
        "product sales": "1,520.00",
        "selling fees": "-228.00",
        "fba fees": "-122.00",
        "total": "1,170.00",
    }
    c = {
        **base,
        "date/time": "Sep 5, 2026 9:00:00 AM PDT",
        "settlement id": "12345678901",
        "type": "Service Fee",
        "description": "Subscription",
        "quantity": "",
        "other transaction fees": "0",
        "other": "-39.99",
        "total": "-39.99",
    }
    return [row(US_TX, a), row(US_TX, b), row(US_TX, c)]


def _check_us_payments(f, dq):
    assert dq.kind == K("payments_transactions")
    assert_nothing_bad(dq)
    assert f.loc[0, "date_time"] == ts("2026-09-04 08:05:07")  # PDT = UTC-7
    assert f.loc[0, "date"] == ts("2026-09-04")
    assert f.loc[1, "date_time"] == ts("2026-01-16 07:30:00")  # PST = UTC-8: next day in UTC
    assert f.loc[1, "date"] == ts("2026-01-15")  # the seller's local day
    assert f.loc[0, "product_sales"] == pytest.approx(76.0) and f.loc[0, "selling_fees"] == pytest.approx(-11.55)
    assert f.loc[1, "product_sales"] == pytest.approx(1520.0)
    assert f["total"].sum() == pytest.approx(58.35 + 1170.0 - 39.99)
    assert f.loc[1, "quantity"] == 20 and pd.isna(f.loc[2, "quantity"])
    assert list(f["type"]) == ["Order", "Order", "Service Fee"]
    assert dq.currencies == ["USD"] and set(f["currency"]) == {"USD"}
    assert str(f["date_time"].dtype).startswith("datetime64")


def test_payments_us_seven_line_preamble(tmp_path):
    path = write_csv(
        tmp_path / "2026Jan1-2026Sep30CustomTransaction.csv", US_TX, _us_tx_rows(), quote_all=True, preamble=US_PREAMBLE
    )
    f, dq = read_clean(path)
    _check_us_payments(f, dq)


def test_payments_us_with_date_range_line_and_blank_line(tmp_path):
    preamble = US_PREAMBLE + ['"Date range: Jan 1, 2026 12:00:00 AM PST - Sep 30, 2026 11:59:59 PM PDT"', ""]
    path = write_csv(
        tmp_path / "2026Jan1-2026Sep30CustomTransaction.csv", US_TX, _us_tx_rows(), quote_all=True, preamble=preamble
    )
    f, dq = read_clean(path)
    _check_us_payments(f, dq)


def test_payments_india_lakh_grouping_and_lowercase_am(tmp_path):
    header = [
        "date/time",
        "settlement id",
        "type",
        "order id",
        "Sku",
        "description",
        "quantity",
        "marketplace",
        "account type",
        "fulfillment",
        "order city",
        "order state",
        "order postal",
        "product sales",
        "shipping credits",
        "gift wrap credits",
        "promotional rebates",
        "Total sales tax liable(GST before adjusting TCS)",
        "TCS-CGST",
        "TCS-SGST",
        "TCS-IGST",
        "TDS (Section 194-O)",
        "selling fees",
        "fba fees",
        "other transaction fees",
        "other",
        "total",
        "Transaction Status",
        "Transaction Release Date",
    ]
    preamble = [
        '"Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions"',
        '"All amounts in INR, unless specified"',
        '"Definitions:"',
        '"Date/Time: Posted date/time of the transaction"',
        '"Note: Reports with start date of 1 Jan 2025 or later are indexed by posted date, include both released '
        'and deferred transactions and have two new columns."',
    ]
    base = dict.fromkeys(header, "0")
    a = {
        **base,
        "date/time": "1 Jul 2026 4:24:44 am UTC",
        "settlement id": "998877",
        "type": "Order",
        "order id": "408-1234567-1234567",
        "Sku": "YM-IN-1",
        "description": "Yoga mat",
        "quantity": "100",
        "marketplace": "amazon.in",
        "account type": "Standard Orders",
        "fulfillment": "Amazon",
        "order city": "Mumbai",
        "order state": "Maharashtra",
        "order postal": "400001",
        "product sales": "1,44,957.78",
        "TCS-IGST": "-1,228.45",
        "selling fees": "-21,743.67",
        "total": "1,21,985.66",
        "Transaction Status": "Released",
        "Transaction Release Date": "8 Jul 2026 4:24:44 am UTC",
    }
    b = {
        **base,
        "date/time": "2 Jul 2026 11:05:00 pm UTC",
        "settlement id": "998877",
        "type": "Refund",
        "order id": "408-7654321-7654321",
        "Sku": "YM-IN-1",
        "description": "Yoga mat",
        "quantity": "1",
        "product sales": "-1,449.58",
        "total": "-1,449.58",
        "Transaction Status": "Deferred",
        "Transaction Release Date": "",
    }
    path = write_csv(
        tmp_path / "2026Jul1-2026Jul31CustomTransaction.csv",
        header,
        [row(header, a), row(header, b)],
        quote_all=True,
        preamble=preamble,
    )
    f, dq = read_clean(path)
    assert dq.kind == K("payments_transactions")
    assert_nothing_bad(dq)
    assert f.loc[0, "date_time"] == ts("2026-07-01 04:24:44") and f.loc[0, "date"] == ts("2026-07-01")
    assert f.loc[1, "date_time"] == ts("2026-07-02 23:05:00")
    assert f.loc[0, "sku"] == "YM-IN-1"  # "Sku" is "sku"
    assert f.loc[0, "product_sales"] == pytest.approx(144957.78)
    assert f.loc[0, "tcs_igst"] == pytest.approx(-1228.45)
    assert f.loc[0, "total"] == pytest.approx(121985.66)
    assert f["total"].sum() == pytest.approx(121985.66 - 1449.58)
    assert list(f["transaction_status"]) == ["Released", "Deferred"]
    assert dq.currencies == ["INR"]
    assert "India" in dq.variant


SETTLEMENT = (
    "settlement-id settlement-start-date settlement-end-date deposit-date total-amount currency transaction-type "
    "order-id merchant-order-id adjustment-id shipment-id marketplace-name amount-type amount-description amount "
    "fulfillment-id posted-date posted-date-time order-item-code merchant-order-item-id "
    "merchant-adjustment-item-id sku quantity-purchased promotion-id"
).split()


def test_settlement_v2_summary_row_excluded_and_counted(tmp_path):
    assert len(SETTLEMENT) == 24
    summary = [
        "12345678901",
        "2026-09-01 07:00:00 UTC",
        "2026-09-15 07:00:00 UTC",
        "2026-09-17 07:00:00 UTC",
        "1684.07",
        "USD",
    ] + [""] * 18

    def item(atype, desc, amount, qty=""):
        return [
            "12345678901",
            "",
            "",
            "",
            "",
            "",
            "Order",
            "111-1234567-1234567",
            "",
            "",
            "DkXyZ",
            "Amazon.com",
            atype,
            desc,
            amount,
            "AFN",
            "2026-09-03",
            "2026-09-03 14:22:10 UTC",
            "55512345678901",
            "",
            "",
            "YM-6",
            qty,
            "",
        ]

    rows = [
        summary,
        item("ItemPrice", "Principal", "76.00", "1"),
        item("ItemFees", "Commission", "-11.40"),
        item("ItemFees", "FBAPerUnitFulfillmentFee", "-8.50"),
    ]
    path = write_tsv(tmp_path / "settlement.txt", SETTLEMENT, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("settlement_v2")
    assert dq.rows_read == 4 and dq.rows_used == 3 and dq.rows_rejected == 1
    [(reason, n)] = dq.rejected.items()
    assert n == 1 and "summary" in reason
    assert f["amount"].sum() == pytest.approx(76.00 - 11.40 - 8.50)
    assert f["total_amount"].isna().all()
    assert list(f["amount_description"]) == ["Principal", "Commission", "FBAPerUnitFulfillmentFee"]
    assert f.loc[0, "posted_date"] == ts("2026-09-03")
    assert f.loc[0, "posted_date_time"] == ts("2026-09-03 14:22:10")
    assert f.loc[0, "quantity_purchased"] == 1
    assert dq.examples[reason] and "row 2" in dq.examples[reason][0]


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


# --------------------------------------------------------------------------- returns and orders

RETURNS = (
    "return-date order-id sku asin fnsku product-name quantity fulfillment-center-id detailed-disposition reason "
    "status license-plate-number customer-comments"
).split()


def test_fba_returns_iso_offsets_to_utc(tmp_path):
    rows = [
        [
            "2026-09-03T10:15:00-07:00",
            "111-1234567-1234567",
            "YM-6",
            "B0CHILD001",
            "X00ABCDEF1",
            'Yoga Mat 72" long',
            "1",
            "PHX7",
            "SELLABLE",
            "UNWANTED_ITEM",
            "Unit returned to inventory",
            "LPNRR123456789",
            "",
        ],
        [
            "2026-09-04T23:30:00+00:00",
            "111-7654321-7654321",
            "YM-6",
            "B0CHILD001",
            "X00ABCDEF1",
            "Yoga Mat",
            "2",
            "PHX7",
            "CUSTOMER_DAMAGED",
            "DEFECTIVE",
            "Unit returned to inventory",
            "LPNRR987654321",
            "torn, smells",
        ],
    ]
    path = write_tsv(tmp_path / "returns.txt", RETURNS, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("fba_returns")
    assert_nothing_bad(dq)
    assert f.loc[0, "return_date"] == ts("2026-09-03 17:15:00")
    assert f.loc[1, "return_date"] == ts("2026-09-04 23:30:00")
    assert list(f["quantity"]) == [1, 2]
    assert f.loc[0, "product_name"] == 'Yoga Mat 72" long'
    assert f.loc[1, "customer_comments"] == "torn, smells"


ORDERS = (
    "amazon-order-id merchant-order-id purchase-date last-updated-date order-status fulfillment-channel "
    "sales-channel order-channel url ship-service-level product-name sku asin item-status quantity currency "
    "item-price item-tax shipping-price shipping-tax gift-wrap-price gift-wrap-tax item-promotion-discount "
    "ship-promotion-discount ship-city ship-state ship-postal-code ship-country promotion-ids is-business-order "
    "purchase-order-number price-designation"
).split()


def _order(oid, purchase, qty, price, status="Shipped"):
    v = {
        "amazon-order-id": oid,
        "purchase-date": purchase,
        "last-updated-date": purchase,
        "order-status": status,
        "fulfillment-channel": "Amazon",
        "sales-channel": "Amazon.com",
        "product-name": "Yoga Mat",
        "sku": "YM-6",
        "asin": "B0CHILD001",
        "item-status": status,
        "quantity": qty,
        "currency": "USD",
        "item-price": price,
        "item-tax": "0.00",
        "ship-city": "SEATTLE",
        "ship-state": "WA",
        "ship-postal-code": "98101",
        "ship-country": "US",
        "is-business-order": "false",
    }
    return row(ORDERS, v)


def test_all_orders_iso_offsets_and_ragged_trailing_field(tmp_path):
    assert len(ORDERS) == 32
    rows = [
        _order("111-0000001-0000001", "2017-06-17T08:04:21+00:00", "1", "29.99"),
        _order("111-0000002-0000002", "2017-06-17T23:30:00-07:00", "2", "59.98") + [""],  # one empty extra field
        _order("111-0000003-0000003", "2017-06-18T09:00:00+02:00", "1", "29.99", "Pending"),
    ]
    path = write_tsv(tmp_path / "all-orders.txt", ORDERS, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("all_orders")
    assert_nothing_bad(dq)
    assert len(f) == 3
    assert list(f["amazon_order_id"]) == ["111-0000001-0000001", "111-0000002-0000002", "111-0000003-0000003"]
    assert list(f["purchase_date"]) == [ts("2017-06-17 08:04:21"), ts("2017-06-18 06:30:00"), ts("2017-06-18 07:00:00")]
    assert f["item_price"].sum() == pytest.approx(29.99 + 59.98 + 29.99)
    assert list(f["quantity"]) == [1, 2, 1]
    assert dq.currencies == ["USD"]


# --------------------------------------------------------------------------- the workbook's own formats


def test_product_master(tmp_path):
    header = [
        "sku",
        "asin",
        "title",
        "category",
        "unit_cost",
        "currency",
        "lead_time_days",
        "lead_time_sd_days",
        "case_pack",
    ]
    rows = [
        ["YM-6", "B0CHILD001", "Yoga Mat 6mm", "Sports", "$7.25", "USD", "45", "6.5", "20"],
        ["YM-8", "B0CHILD002", "Yoga Mat 8mm", "Sports", "9.10", "USD", "50", "", "12"],
    ]
    path = write_csv(tmp_path / "product_master.csv", header, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("product_master")
    assert_nothing_bad(dq)
    assert list(f["unit_cost"]) == [7.25, 9.1]
    assert list(f["lead_time_days"]) == [45.0, 50.0] and np.isnan(f.loc[1, "lead_time_sd_days"])
    assert list(f["case_pack"]) == [20, 12]
    assert dq.currencies == ["USD"]


def test_listing_history(tmp_path):
    header = [
        "month",
        "marketplace",
        "sku",
        "asin",
        "price",
        "currency",
        "rating",
        "review_count",
        "best_seller_rank",
        "order_defect_rate",
        "cancellation_rate",
        "response_time_hours",
    ]
    rows = [
        ["2026-08", "US", "YM-6", "B0CHILD001", "29.99", "USD", "4.4", "1,234", "5,321", "0.012", "1.2%", "11.5"],
        ["2026-09", "US", "YM-6", "B0CHILD001", "27.99", "USD", "4.5", "1,301", "4,870", "0.004", "0.5%", "9"],
    ]
    path = write_csv(tmp_path / "listing_history.csv", header, rows)
    f, dq = read_clean(path)
    assert dq.kind == K("listing_history")
    assert_nothing_bad(dq)
    assert list(f["month"]) == [ts("2026-08-01"), ts("2026-09-01")]
    assert list(f["review_count"]) == [1234, 1301] and list(f["best_seller_rank"]) == [5321, 4870]
    assert f.loc[0, "order_defect_rate"] == pytest.approx(0.012)  # fraction stays a fraction
    assert f.loc[0, "cancellation_rate"] == pytest.approx(0.012)  # "1.2%" -> 0.012
    assert f.loc[1, "cancellation_rate"] == pytest.approx(0.005)
    assert f.loc[1, "price"] == pytest.approx(27.99)


# --------------------------------------------------------------------------- encodings

PM = ["sku", "asin", "title", "unit_cost", "lead_time_days"]
PM_ROWS = [["YM-6", "B0CHILD001", "Tapis de yoga écologique – bleu", "7.25", "45"]]


def test_cp1252_file(tmp_path):
    path = write_csv(tmp_path / "product_master.csv", PM, PM_ROWS, encoding="cp1252")
    assert "é".encode("cp1252") in path.read_bytes() and b"\x96" in path.read_bytes()  # really CP1252
    f, dq = read_clean(path)
    assert dq.kind == K("product_master")
    assert f.loc[0, "title"] == "Tapis de yoga écologique – bleu"
    assert dq.encoding == "cp1252"
    assert_nothing_bad(dq)


def test_cp932_japanese_returns(tmp_path):
    rows = [
        [
            "2026-09-03T10:15:00+09:00",
            "503-1234567-1234567",
            "YM-JP",
            "B0CHILD009",
            "X00JPJPJP1",
            "ヨガマット 厚手 10mm ブルー",
            "1",
            "NRT5",
            "SELLABLE",
            "UNWANTED_ITEM",
            "返品済み",
            "LPNJP0001",
            "サイズが違う",
        ]
    ]
    path = write_tsv(tmp_path / "returns_jp.txt", RETURNS, rows, encoding="cp932")
    f, dq = read_clean(path)
    assert dq.kind == K("fba_returns")
    assert_nothing_bad(dq)
    assert f.loc[0, "product_name"] == "ヨガマット 厚手 10mm ブルー"
    assert f.loc[0, "customer_comments"] == "サイズが違う"
    assert f.loc[0, "return_date"] == ts("2026-09-03 01:15:00")
    assert dq.encoding == "cp932"


@pytest.mark.parametrize("bom", [False, True])
def test_utf8_with_and_without_bom(tmp_path, bom):
    path = write_csv(tmp_path / "product_master.csv", PM, PM_ROWS, bom=bom)
    f, dq = read_clean(path)
    assert dq.kind == K("product_master")
    assert_nothing_bad(dq)
    assert f.loc[0, "sku"] == "YM-6"  # first column matched although the BOM precedes it
    assert f.loc[0, "title"] == "Tapis de yoga écologique – bleu"
    assert dq.encoding == ("utf-8-sig" if bom else "utf-8")


# --------------------------------------------------------------------------- overlapping downloads


def _st_daily(day: int, spend: str, sales: str):
    return [
        f"Sep {day:02d}, 2026",
        "",
        "USD",
        "Camp A",
        "AG 1",
        "yoga mat",
        "EXACT",
        "yoga mat",
        "100",
        "4",
        "4.00%",
        "$0.50",
        spend,
        sales,
        "",
        "",
        "1",
        "1",
        "25.00%",
        "1",
        "0",
        sales,
        "$0.00",
    ]


def test_folder_of_overlapping_daily_downloads_is_deduplicated(tmp_path):
    folder = tmp_path / "ads"
    folder.mkdir()
    # Download 1: Sep 1..5; download 2: Sep 3..7 (3 overlapping days). The later download
    # reaches further, so its copy of Sep 3..5 (with late attributed sales) is kept.
    d1 = [_st_daily(d, "$2.00", "$10.00") for d in (1, 2, 3, 4, 5)]
    d2 = [_st_daily(d, "$2.00", "$12.00") for d in (3, 4, 5)] + [_st_daily(d, "$3.00", "$20.00") for d in (6, 7)]
    write_csv(folder / "search-terms-2026-09-a.csv", ST_B, d1)
    write_csv(folder / "search-terms-2026-09-b.csv", ST_B, d2)
    f, dq = read_clean(folder)
    assert dq.kind == K("sp_search_term")
    assert dq.rows_read == 10 and dq.rows_used == 7 and dq.rows_rejected == 3
    [(reason, n)] = dq.rejected.items()
    assert n == 3 and "duplicate" in reason
    assert len(dq.overlaps) == 1
    assert "search-terms-2026-09-a.csv" in dq.overlaps[0] and "search-terms-2026-09-b.csv" in dq.overlaps[0]
    assert "2026-09-03" in dq.overlaps[0] and "2026-09-05" in dq.overlaps[0]
    assert sorted(f["date"]) == [ts(f"2026-09-0{d}") for d in range(1, 8)]
    assert f["date"].is_unique
    assert f["spend"].sum() == pytest.approx(5 * 2.0 + 2 * 3.0)  # 16.0
    assert f["sales"].sum() == pytest.approx(2 * 10.0 + 3 * 12.0 + 2 * 20.0)  # 96.0
    assert int(f["clicks"].sum()) == 28
    assert dq.date_min == ts("2026-09-01") and dq.date_max == ts("2026-09-07")
    assert sorted(Path(p).name for p in dq.files) == ["search-terms-2026-09-a.csv", "search-terms-2026-09-b.csv"]


def test_overlapping_summary_downloads_with_different_ranges_are_refused(tmp_path):
    folder = tmp_path / "ads"
    folder.mkdir()

    def summary(start, end, spend):
        return [
            [
                start,
                end,
                "",
                "USD",
                "Camp A",
                "AG 1",
                "Amazon",
                "US",
                "yoga mat",
                "EXACT",
                "yoga mat",
                "100",
                "4",
                "4.00%",
                "$0.50",
                spend,
                "$10.00",
                "20.00%",
                "5.00",
                "1",
                "1",
                "25.00%",
                "1",
                "0",
                "$10.00",
                "$0.00",
            ]
        ]

    write_csv(folder / "st-sep.csv", ST_D, summary("Sep 01, 2026", "Sep 30, 2026", "$2.00"))
    write_csv(folder / "st-mid.csv", ST_D, summary("Sep 15, 2026", "Oct 14, 2026", "$3.00"))
    with pytest.raises(ReportFormatError) as err:
        read_report(folder)
    msg = str(err.value)
    assert "st-sep.csv" in msg and "st-mid.csv" in msg
    assert "overlap" in msg
