"""JSON reports (readers/json_reports.py): SP-API Sales and Traffic and Ads API v3, crafted in ``tmp_path``.

Each file follows the documented field names (``amazon-bulksheets-and-keepa.md`` §3,
``amazon-report-formats.md`` §1c) and must read into the same canonical frame as the console download of
the same numbers: the console twin is written too, and the frames compared.
"""

from __future__ import annotations

import gzip
import hashlib
import json

import numpy as np
import pandas as pd
import pytest

from sellerops.readers import KINDS, ReportFormatError
from sellerops.readers.json_reports import json_tables, load_json, read_json_report
from sellerops.readers.sources import is_json

from .crafted import ST_D, K, read_clean, row, ts, write_csv

# --------------------------------------------------------------------------- helpers


def read_json(path, **kw):
    """Read, and check the invariants of every clean read: file untouched, nothing lost, one schema."""
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    reports = read_json_report(path, **kw)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "reading changed a raw file"
    for frame, dq in reports:
        assert dq.is_consistent() and dq.rows_read == dq.rows_used + dq.rows_rejected
        assert dq.rows_used == len(frame)
        for col in KINDS[dq.kind].columns:
            assert col.name in frame.columns
    return reports


def write_json(path, doc, *, gz=False):
    data = json.dumps(doc).encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def _money(amount, code="USD"):
    return {"amount": amount, "currencyCode": code}


# --------------------------------------------------------------------------- SP-API GET_SALES_AND_TRAFFIC_REPORT


def _sales_and_traffic(date_granularity="DAY", asin_granularity="CHILD", market="ATVPDKIKX0DER", code="USD"):
    day = {
        "date": "2026-09-01",
        "salesByDate": {
            "orderedProductSales": _money(1234.5, code),
            "orderedProductSalesB2B": _money(40.0, code),
            "unitsOrdered": 32,
            "unitsOrderedB2B": 1,
            "totalOrderItems": 31,
            "totalOrderItemsB2B": 1,
            "averageSalesPerOrderItem": _money(39.82, code),
            "averageUnitsPerOrderItem": 1.03,
            "averageSellingPrice": _money(38.58, code),
            "unitsRefunded": 1,
            "refundRate": 4.35,
            "claimsGranted": 0,
            "claimsAmount": _money(0.0, code),
            "shippedProductSales": _money(1100.0, code),
            "unitsShipped": 29,
            "ordersShipped": 28,
        },
        "trafficByDate": {
            "browserPageViews": 500,
            "mobileAppPageViews": 750,
            "pageViews": 1250,
            "pageViewsB2B": 2,
            "browserSessions": 400,
            "mobileAppSessions": 590,
            "sessions": 990,
            "sessionsB2B": 2,
            "buyBoxPercentage": 93.55,
            "buyBoxPercentageB2B": 100.0,
            "orderItemSessionPercentage": 3.13,
            "unitSessionPercentage": 3.23,
            "unitSessionPercentageB2B": 50.0,
            "averageOfferCount": 10,
            "averageParentItems": 6,
            "feedbackReceived": 2,
            "negativeFeedbackReceived": 0,
            "receivedNegativeFeedbackRate": 0.0,
        },
    }
    quiet = {
        "date": "2026-09-02",
        "salesByDate": {"orderedProductSales": _money(0.0, code), "unitsOrdered": 0, "totalOrderItems": 0},
        "trafficByDate": {"pageViews": 0, "sessions": 0, "buyBoxPercentage": 0.0, "unitSessionPercentage": 0.0},
    }
    asin = {
        "parentAsin": "B0PARENT01",
        "childAsin": "B0CHILD001",
        "sku": "YM-6",
        "salesByAsin": {
            "unitsOrdered": 50,
            "unitsOrderedB2B": 2,
            "orderedProductSales": _money(1499.5, code),
            "orderedProductSalesB2B": _money(59.98, code),
            "totalOrderItems": 48,
            "totalOrderItemsB2B": 2,
        },
        "trafficByAsin": {
            "browserSessions": 400,
            "browserSessionsB2B": 7,
            "mobileAppSessions": 600,
            "mobileAppSessionsB2B": 11,
            "sessions": 1000,
            "sessionsB2B": 18,
            "browserSessionPercentage": 2.0,
            "mobileAppSessionPercentage": 3.0,
            "sessionPercentage": 5.0,
            "sessionPercentageB2B": 0.85,
            "browserPageViews": 500,
            "mobileAppPageViews": 700,
            "mobileAppPageViewsB2B": 13,
            "pageViews": 1200,
            "pageViewsB2B": 22,
            "browserPageViewsPercentage": 2.1,
            "mobileAppPageViewsPercentage": 3.1,
            "mobileAppPageViewsPercentageB2B": 0.6,
            "pageViewsPercentage": 5.2,
            "buyBoxPercentage": 97.5,
            "buyBoxPercentageB2B": 100.0,
            "unitSessionPercentage": 5.0,
            "unitSessionPercentageB2B": 11.11,
        },
    }
    if asin_granularity == "PARENT":
        asin = {k: v for k, v in asin.items() if k not in ("childAsin", "sku")}
    return {
        "reportSpecification": {
            "reportType": "GET_SALES_AND_TRAFFIC_REPORT",
            "reportOptions": {"dateGranularity": date_granularity, "asinGranularity": asin_granularity},
            "dataStartTime": "2026-09-01",
            "dataEndTime": "2026-09-30",
            "marketplaceIds": [market],
        },
        "salesAndTrafficByDate": [day, quiet],
        "salesAndTrafficByAsin": [asin],
    }


def test_sales_and_traffic_by_date_reads_as_the_business_report_by_date(tmp_path):
    path = write_json(tmp_path / "GET_SALES_AND_TRAFFIC_REPORT-2026-09.json", _sales_and_traffic())
    by_date, by_asin = read_json(path)
    f, dq = by_date
    assert dq.kind == K("business_report_by_date") and by_asin.quality.kind == K("business_report_child_item")
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (2, 2, 0)
    assert dq.unknown_columns == [] and "SP-API" in dq.variant and "JSON" in dq.variant
    assert list(f["date"]) == [ts("2026-09-01"), ts("2026-09-02")]
    r = f.iloc[0]
    assert r["ordered_product_sales"] == pytest.approx(1234.5) and r["ordered_product_sales_b2b"] == pytest.approx(40)
    assert (r["units_ordered"], r["units_ordered_b2b"], r["total_order_items"], r["total_order_items_b2b"]) == (
        32,
        1,
        31,
        1,
    )
    assert r["average_sales_per_order_item"] == pytest.approx(39.82) and r["average_selling_price"] == 38.58
    assert r["average_units_per_order_item"] == pytest.approx(1.03)
    assert (r["page_views"], r["page_views_browser"], r["page_views_mobile_app"], r["page_views_b2b"]) == (
        1250,
        500,
        750,
        2,
    )
    assert (r["sessions"], r["sessions_browser"], r["sessions_mobile_app"], r["sessions_b2b"]) == (990, 400, 590, 2)
    # percent numbers (93.55 means 93.55 %) become fractions, as the console's "93.55%" does
    assert r["buy_box_percentage"] == pytest.approx(0.9355) and r["buy_box_percentage_b2b"] == pytest.approx(1.0)
    assert r["unit_session_percentage"] == pytest.approx(0.0323)
    assert r["unit_session_percentage_b2b"] == pytest.approx(0.5)
    assert r["order_item_session_percentage"] == pytest.approx(0.0313)
    assert r["refund_rate"] == pytest.approx(0.0435) and r["units_refunded"] == 1
    assert r["shipped_product_sales"] == pytest.approx(1100) and (r["units_shipped"], r["orders_shipped"]) == (29, 28)
    assert r["average_offer_count"] == 10 and r["average_parent_items"] == 6 and r["feedback_received"] == 2
    assert f.loc[1, "ordered_product_sales"] == 0 and f.loc[1, "sessions"] == 0
    assert set(f["currency"]) == {"USD"} and dq.currencies == ["USD"]
    assert set(f["marketplace"]) == {"US"} and dq.marketplace == "US"
    assert dq.time_model == "daily" and (dq.start, dq.end) == (ts("2026-09-01"), ts("2026-09-02"))


def test_sales_and_traffic_by_date_matches_the_console_download(tmp_path):
    """The same day written as the 2025 console CSV gives the same canonical values."""
    (f, _), _ = read_json(write_json(tmp_path / "sat.json", _sales_and_traffic()))
    header = ["Date", "Ordered Product Sales", "Ordered Product Sales - B2B", "Units Ordered", "Units Ordered - B2B"]
    header += ["Total Order Items", "Total Order Items - B2B", "Page Views - Total", "Page Views - Total - B2B"]
    header += ["Sessions - Total", "Sessions - Total - B2B", "Featured Offer (Buy Box) Percentage"]
    header += ["Featured Offer (Buy Box) Percentage - B2B", "Unit Session Percentage", "Unit Session Percentage - B2B"]
    header += ["Average Offer Count", "Average Parent Items"]
    rows = [["9/1/26", "$1,234.50", "$40.00", "32", "1", "31", "1", "1,250", "2", "990", "2", "93.55%", "100.00%"]]
    rows[0] += ["3.23%", "50.00%", "10", "6"]
    console, cdq = read_clean(write_csv(tmp_path / "BusinessReport-9-1-26.csv", header, rows, bom=True))
    assert cdq.kind == K("business_report_by_date")
    for col in (c for c in KINDS["business_report_by_date"].columns if c.name != "marketplace"):
        want = console.loc[0, col.name]
        got = f.loc[0, col.name]
        if pd.isna(want):
            continue
        assert got == pytest.approx(want) if isinstance(want, float) else got == want, col.name


def test_sales_and_traffic_by_asin_reads_as_the_business_report_by_child_item(tmp_path):
    _, (f, dq) = read_json(write_json(tmp_path / "sat.json", _sales_and_traffic()))
    assert dq.kind == K("business_report_child_item")
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (1, 1, 0) and dq.unknown_columns == []
    r = f.iloc[0]
    assert (r["parent_asin"], r["child_asin"], r["sku"]) == ("B0PARENT01", "B0CHILD001", "YM-6")
    assert (r["sessions"], r["sessions_b2b"], r["sessions_browser"], r["sessions_mobile_app_b2b"]) == (
        1000,
        18,
        400,
        11,
    )
    assert (r["page_views"], r["page_views_b2b"], r["page_views_mobile_app_b2b"]) == (1200, 22, 13)
    assert r["session_percentage"] == pytest.approx(0.05) and r["session_percentage_b2b"] == pytest.approx(0.0085)
    assert r["page_views_percentage_mobile_app_b2b"] == pytest.approx(0.006)
    assert r["buy_box_percentage"] == pytest.approx(0.975) and r["unit_session_percentage_b2b"] == pytest.approx(0.1111)
    assert r["ordered_product_sales"] == pytest.approx(1499.5) and r["ordered_product_sales_b2b"] == 59.98
    assert (r["units_ordered"], r["total_order_items_b2b"]) == (50, 2)
    # the ASIN block has no date: it covers the requested range
    assert (r["start_date"], r["end_date"]) == (ts("2026-09-01"), ts("2026-09-30"))
    assert dq.period_source == "rows" and (dq.start, dq.end) == (ts("2026-09-01"), ts("2026-09-30"))


def test_sales_and_traffic_parent_granularity_month_rows_and_euro_marketplace(tmp_path):
    doc = _sales_and_traffic("MONTH", "PARENT", market="A1PA6795UKMFR9", code="EUR")
    doc["salesAndTrafficByDate"][0]["date"] = "2026-08-01"
    doc["salesAndTrafficByDate"] = doc["salesAndTrafficByDate"][:1]
    (f, dq), (a, adq) = read_json(write_json(tmp_path / "sat-de.json", doc))
    assert dq.time_model == "monthly" and dq.end == ts("2026-08-31")
    assert dq.marketplace == "DE" and dq.currencies == ["EUR"]  # the euro alone would not tell DE from FR
    assert a.loc[0, "parent_asin"] == "B0PARENT01" and pd.isna(a.loc[0, "child_asin"])
    assert any("PARENT" in n for n in adq.notes) and "PARENT" in adq.variant


def test_sales_and_traffic_bad_values_are_counted_and_unknown_fields_listed(tmp_path):
    doc = _sales_and_traffic()
    doc["salesAndTrafficByDate"][1]["salesByDate"]["unitsOrdered"] = "n/a?"
    doc["salesAndTrafficByDate"][1]["date"] = "2026-09-02"
    doc["salesAndTrafficByDate"][0]["trafficByDate"]["browerPageViews"] = 3  # the schema example's own typo
    (f, dq), _ = read_json(write_json(tmp_path / "sat.json", doc))
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (2, 1, 1)
    [(reason, n)] = dq.rejected.items()
    assert "Units Ordered" in reason and dq.examples[reason][0].startswith("sat.json row 2")
    assert dq.unknown_columns == ["trafficByDate.browerPageViews"]


def test_sales_and_traffic_gzip_bytes_and_only_one_kind(tmp_path):
    path = write_json(tmp_path / "sat.json.gz", _sales_and_traffic(), gz=True)
    [(f, dq)] = read_json(path, kind="business_report_child_item")
    assert dq.kind == "business_report_child_item" and len(f) == 1
    with pytest.raises(ReportFormatError, match="holds no sp_search_term"):
        read_json_report(path, kind="sp_search_term")


# --------------------------------------------------------------------------- Ads API v3


def _search_term_rows():
    base = {
        "campaignId": 123456789012345,
        "campaignName": "Yoga Mats - Exact",
        "adGroupId": 987654321098765432,
        "adGroupName": "Mats",
        "campaignBudgetCurrencyCode": "USD",
        "portfolioId": 345678901234567,
    }
    return [
        {
            **base,
            "startDate": "2026-09-01",
            "endDate": "2026-09-30",
            "keywordId": 567890123456789,
            "keyword": "yoga mat",
            "targeting": "yoga mat",
            "matchType": "EXACT",
            "keywordType": "EXACT",
            "searchTerm": "thick yoga mat",
            "impressions": 1000,
            "clicks": 20,
            "cost": 15.5,
            "costPerClick": 0.775,
            "clickThroughRate": 0.02,
            "sales1d": 40.0,
            "sales7d": 60.0,
            "sales14d": 70.0,
            "purchases7d": 3,
            "purchases14d": 4,
            "unitsSoldClicks7d": 4,
            "attributedSalesSameSku7d": 50.0,
            "salesOtherSku7d": 10.0,
            "unitsSoldSameSku7d": 3,
            "unitsSoldOtherSku7d": 1,
            "acosClicks7d": 0.2583,
            "roasClicks7d": 3.87,
        },
        {
            **base,
            "startDate": "2026-09-01",
            "endDate": "2026-09-30",
            "keywordId": 678901234567890,
            "targeting": "close-match",
            "matchType": "TARGETING_EXPRESSION_PREDEFINED",
            "searchTerm": "*",
            "impressions": 300,
            "clicks": 4,
            "cost": 2.0,
            "costPerClick": 0.5,
            "clickThroughRate": 0.0133,
            "sales7d": 0.0,
            "purchases7d": 0,
            "unitsSoldClicks7d": 0,
        },
    ]


def test_ads_search_term_report_reads_as_the_console_report(tmp_path):
    path = write_json(tmp_path / "spSearchTerm-2026-09.json.gz", _search_term_rows(), gz=True)
    [(f, dq)] = read_json(path)
    assert dq.kind == K("sp_search_term")
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (2, 2, 0)
    assert dq.attribution_days == 7 and set(f["attribution_days"]) == {7}
    assert "Ads API v3 JSON (spSearchTerm)" in dq.variant and "summary" in dq.variant and "7-day" in dq.variant
    assert dq.unknown_columns == ["keyword (Ads API)", "keywordType"]  # no console twin; 1- and 14-day fields left out
    assert any("14-day" in n and "left out" in n for n in dq.notes)
    r = f.iloc[0]
    assert (r["campaign"], r["ad_group"], r["targeting"], r["match_type"], r["search_term"]) == (
        "Yoga Mats - Exact",
        "Mats",
        "yoga mat",
        "EXACT",
        "thick yoga mat",
    )
    assert (r["campaign_id"], r["ad_group_id"], r["keyword_id"], r["portfolio_id"]) == (
        "123456789012345",
        "987654321098765432",  # 18 digits, exact
        "567890123456789",
        "345678901234567",
    )
    assert (r["impressions"], r["clicks"], r["orders"], r["units"]) == (1000, 20, 3, 4)
    assert r["spend"] == pytest.approx(15.5) and r["sales"] == pytest.approx(60.0)  # 7-day, not 14-day
    assert r["cpc"] == pytest.approx(0.775) and r["ctr"] == pytest.approx(0.02)
    assert r["acos"] == pytest.approx(0.2583) and r["roas"] == pytest.approx(3.87)
    assert (r["advertised_sales"], r["other_sales"], r["advertised_units"], r["other_units"]) == (50.0, 10.0, 3, 1)
    assert (r["start_date"], r["end_date"]) == (ts("2026-09-01"), ts("2026-09-30")) and pd.isna(r["date"])
    assert f.loc[1, "match_type"] == "-" and f.loc[1, "search_term"] == "*"  # as the console writes them
    assert pd.isna(f.loc[1, "acos"])  # no sales: undefined, never 0
    assert dq.currencies == ["USD"] and dq.marketplace == "US"


def test_ads_search_term_json_equals_the_console_csv(tmp_path):
    [(f, _)] = read_json(write_json(tmp_path / "st.json", _search_term_rows()))
    values = {
        "Start Date": "Sep 01, 2026",
        "End Date": "Sep 30, 2026",
        "Currency": "USD",
        "Campaign Name": "Yoga Mats - Exact",
        "Ad Group Name": "Mats",
        "Targeting": "yoga mat",
        "Match Type": "EXACT",
        "Customer Search Term": "thick yoga mat",
        "Impressions": "1000",
        "Clicks": "20",
        "Click-Thru Rate (CTR)": "2.00%",
        "Cost Per Click (CPC)": "$0.775",
        "Spend": "$15.50",
        "7 Day Total Sales ": "$60.00",
        "Total Advertising Cost of Sales (ACOS) ": "25.83%",
        "Total Return on Advertising Spend (ROAS)": "3.87",
        "7 Day Total Orders (#)": "3",
        "7 Day Total Units (#)": "4",
        "7 Day Advertised SKU Units (#)": "3",
        "7 Day Other SKU Units (#)": "1",
        "7 Day Advertised SKU Sales ": "$50.00",
        "7 Day Other SKU Sales ": "$10.00",
    }
    console, _ = read_clean(write_csv(tmp_path / "st.csv", ST_D, [row(ST_D, values)]))
    same = [c.name for c in KINDS["sp_search_term"].columns if not c.name.endswith("_id") and c.name != "cvr"]
    for name in same:
        want, got = console.loc[0, name], f.loc[0, name]
        assert (pd.isna(want) and pd.isna(got)) or got == (pytest.approx(want) if isinstance(want, float) else want), (
            name
        )
    assert pd.isna(f.loc[0, "cvr"])  # the API has no conversion rate: left missing, never invented


def test_ads_targeting_campaign_placement_and_advertised_product_reports(tmp_path):
    daily = {"date": "2026-09-03", "campaignId": 123456789012345, "campaignName": "C", "impressions": 100}
    daily.update({"clicks": 5, "cost": 2.5, "sales7d": 20.0, "purchases7d": 1, "campaignBudgetCurrencyCode": "GBP"})
    targeting = {**daily, "adGroupName": "AG", "adGroupId": 2, "keywordId": 3, "targeting": "yoga mat"}
    targeting.update({"matchType": "BROAD", "topOfSearchImpressionShare": 12.5, "keywordBid": 0.9})
    campaign = {**daily, "campaignBudgetAmount": 25.0, "campaignStatus": "ENABLED", "campaignBiddingStrategy": "legacy"}
    placement = {**campaign, "placementClassification": "Top of Search on-Amazon"}
    product = {**daily, "adGroupName": "AG", "adGroupId": 2, "adId": 4, "advertisedAsin": "B0CHILD001"}
    product.update({"advertisedSku": "YM-6", "attributedSalesSameSku7d": 15.0, "salesOtherSku7d": 5.0})
    cases = [
        ("targeting", [targeting], None, "sp_targeting"),
        ("campaign", [campaign], "spCampaigns", "sp_campaign"),
        ("placement", [placement], "spCampaigns", "sp_placement"),
        ("product", [product], None, "sp_advertised_product"),
    ]
    for name, rows, report_type, kind in cases:
        [(f, dq)] = read_json(write_json(tmp_path / f"{name}.json", rows), report_type=report_type)
        assert dq.kind == K(kind), name
        assert dq.rows_used == 1 and dq.rows_rejected == 0, name
        assert f.loc[0, "date"] == ts("2026-09-03") and f.loc[0, "spend"] == pytest.approx(2.5), name
        assert f.loc[0, "campaign_id"] == "123456789012345" and dq.currencies == ["GBP"] and dq.marketplace == "UK"
    [(t, tdq)] = read_json(tmp_path / "targeting.json")
    assert t.loc[0, "top_of_search_impression_share"] == pytest.approx(0.125) and t.loc[0, "keyword_id"] == "3"
    assert any("topOfSearchImpressionShare" in n for n in tdq.notes) and tdq.unknown_columns == ["keywordBid"]
    [(c, _)] = read_json(tmp_path / "campaign.json")
    assert c.loc[0, "budget"] == pytest.approx(25.0) and c.loc[0, "status"] == "ENABLED"
    [(p, _)] = read_json(tmp_path / "placement.json")
    assert p.loc[0, "placement"] == "Top of Search on-Amazon"
    [(a, _)] = read_json(tmp_path / "product.json")
    assert (a.loc[0, "advertised_asin"], a.loc[0, "advertised_sku"], a.loc[0, "ad_id"]) == ("B0CHILD001", "YM-6", "4")
    assert a.loc[0, "advertised_sales"] == pytest.approx(15.0) and a.loc[0, "other_sales"] == pytest.approx(5.0)


def test_ads_windows_currency_parameter_and_percent_ctr(tmp_path):
    rows = [
        {"date": "2026-09-01", "campaignName": "C", "adGroupName": "AG", "targeting": "mat", "matchType": "EXACT"}
        | {"searchTerm": "mat", "impressions": 1000, "clicks": 20, "cost": 10.0, "clickThroughRate": 2.0}
        | {"sales14d": 80.0, "purchases14d": 2, "acosClicks14d": 12.5},
        {"date": "2026-09-02", "campaignName": "C", "adGroupName": "AG", "targeting": "mat", "matchType": "EXACT"}
        | {"searchTerm": "mat", "impressions": 500, "clicks": 5, "cost": 4.0, "clickThroughRate": 1.0}
        | {"sales14d": 0.0, "purchases14d": 0},
    ]
    [(f, dq)] = read_json(write_json(tmp_path / "st14.json", rows), currency="INR")
    assert dq.attribution_days == 14 and f.loc[0, "sales"] == pytest.approx(80.0)  # no 7-day fields: 14 days
    assert f.loc[0, "ctr"] == pytest.approx(0.02) and f.loc[1, "ctr"] == pytest.approx(0.01)  # proven percent numbers
    assert f.loc[0, "acos"] == pytest.approx(0.125)
    assert dq.currencies == ["INR"] and dq.marketplace == "IN"
    assert any("percent numbers" in n for n in dq.notes) and any("INR given" in n for n in dq.notes)
    [(g, gdq)] = read_json(write_json(tmp_path / "st-none.json", rows))
    assert gdq.currencies == [] and any("currency unknown" in n for n in gdq.notes)
    [(w1, w1dq)] = read_json(tmp_path / "st14.json", window=14)
    assert w1dq.attribution_days == 14


def test_ads_summary_campaign_report_is_refused_and_bad_rows_counted(tmp_path):
    summary = [{"startDate": "2026-09-01", "endDate": "2026-09-30", "campaignName": "C", "campaignBudgetAmount": 5}]
    summary[0] |= {"impressions": 1, "clicks": 0, "cost": 0.0, "sales7d": 0.0}
    with pytest.raises(ReportFormatError, match="timeUnit DAILY"):
        read_json_report(write_json(tmp_path / "camp.json", summary))
    rows = _search_term_rows()
    rows[1]["clicks"] = "four"
    [(f, dq)] = read_json(write_json(tmp_path / "st.json", rows))
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (2, 1, 1)
    [(reason, _)] = dq.rejected.items()
    assert "Clicks" in reason and dq.examples[reason][0].startswith("st.json row 2")


# --------------------------------------------------------------------------- not a report


@pytest.mark.parametrize(
    "text, problem",
    [
        ('{"reportType": "GET_SALES_AND_TRAFFIC_REPORT", "rows": []}', "not a report"),
        ("[]", "empty JSON array"),
        ('[{"clicks": 1', "not readable JSON"),
        ('{"salesAndTrafficByDate": [], "salesAndTrafficByAsin": []}', "without any rows"),
        ("[1, 2, 3]", "not a report"),
    ],
)
def test_json_that_is_not_a_report(tmp_path, text, problem):
    path = tmp_path / "notes.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReportFormatError, match=problem):
        read_json_report(path)


def test_is_json_and_load_json():
    assert is_json(b'\xef\xbb\xbf{"a": 1}') and is_json(b"\n [") and not is_json(b"Date,Sessions")
    assert load_json(gzip.compress(b'[{"clicks": 2}]')) == [{"clicks": 2}]
    assert load_json([{"clicks": 2}]) == [{"clicks": 2}]
    [table] = json_tables([{"searchTerm": "mat", "campaignName": "C", "clicks": 2}])
    assert table.kind == "sp_search_term" and list(table.row_numbers) == [1]
    assert np.all(table.cells.columns == ["Customer Search Term", "Campaign Name", "Clicks", "Match Type"])


# --------------------------------------------------------------------------- through the engine and the catalog


def test_a_folder_of_api_downloads_reads_like_one_of_console_files(tmp_path):
    from sellerops.readers import open_folder, read_report

    folder = tmp_path / "us"
    folder.mkdir()
    write_json(folder / "sales-and-traffic-2026-09.json", _sales_and_traffic())
    (folder / "spSearchTerm-report").write_bytes(b"")  # a stray file without extension: skipped
    write_json(folder / "3f2a9c-report.gz", _search_term_rows(), gz=True)  # Ads API: a bare .gz of JSON
    catalog = open_folder(tmp_path, cache=False)
    assert sorted(catalog.files["kind"]) == ["business_report_by_date", "business_report_child_item", "sp_search_term"]
    assert "us/3f2a9c-report.gz/3f2a9c-report.json" in set(catalog.files["file"])
    by_date = catalog.load("business_report_by_date", marketplace="US")
    assert by_date.quality.rows_used == by_date.frame.shape[0] > 0
    st = catalog.load("sp_search_term", marketplace="US")
    assert st.quality.rows_used == 2
    # reading the two-table file as one report needs a kind
    with pytest.raises(ReportFormatError, match="holds more than one report kind"):
        read_report(folder / "sales-and-traffic-2026-09.json")
    frame, dq = read_report(folder / "sales-and-traffic-2026-09.json", kind="business_report_child_item")
    assert dq.kind == "business_report_child_item" and len(frame) > 0
