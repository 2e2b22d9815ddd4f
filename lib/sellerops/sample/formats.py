"""Amazon's export layouts, written from the generator's own knowledge.

The header constants below are typed from ``shared/reference/amazon-report-formats.md``; they are
deliberately independent of ``sellerops.readers`` (the round-trip test would prove nothing if the
generator borrowed the readers' alias tables). This module also holds the text formatters
(``"$5,216.29"``, ``"4.51%"``) and a small deterministic xlsx writer.

Examples
--------
>>> money_text([5216.29], "$")[0]
'$5,216.29'
>>> percent_text([0.0451])[0]
'4.51%'
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

# --- Ads console (xlsx / csv) -----------------------------------------------------------------
SEARCH_TERM_US = [  # Variant A spelling (trailing spaces on sales headers), daily time unit
    "Date",
    "Portfolio name",
    "Currency",
    "Campaign Name",
    "Ad Group Name",
    "Targeting",
    "Match Type",
    "Customer Search Term",
    "Impressions",
    "Clicks",
    "Click-Thru Rate (CTR)",
    "Cost Per Click (CPC)",
    "Spend",
    "7 Day Total Sales ",
    "Total Advertising Cost of Sales (ACOS) ",
    "Total Return on Advertising Spend (ROAS)",
    "7 Day Total Orders (#)",
    "7 Day Total Units (#)",
    "7 Day Conversion Rate",
    "7 Day Advertised SKU Units (#)",
    "7 Day Other SKU Units (#)",
    "7 Day Advertised SKU Sales ",
    "7 Day Other SKU Sales ",
]
SEARCH_TERM_UK = [  # Variant B: no trailing space on sales headers, ACOS keeps one
    "Date",
    "Portfolio name",
    "Currency",
    "Campaign Name",
    "Ad Group Name",
    "Targeting",
    "Match Type",
    "Customer Search Term",
    "Impressions",
    "Clicks",
    "Click-Thru Rate (CTR)",
    "Cost Per Click (CPC)",
    "Spend",
    "7 Day Total Sales",
    "Total Advertising Cost of Sales (ACOS) ",
    "Total Return on Advertising Spend (ROAS)",
    "7 Day Total Orders (#)",
    "7 Day Total Units (#)",
    "7 Day Conversion Rate",
    "7 Day Advertised SKU Units (#)",
    "7 Day Other SKU Units (#)",
    "7 Day Advertised SKU Sales",
    "7 Day Other SKU Sales",
]
TARGETING = [
    "Date",
    "Portfolio name",
    "Currency",
    "Campaign Name",
    "Ad Group Name",
    "Targeting",
    "Match Type",
    "Impressions",
    "Clicks",
    "Click-Thru Rate (CTR)",
    "Cost Per Click (CPC)",
    "Spend",
    "Total Advertising Cost of Sales (ACoS) ",
    "Total Return on Advertising Spend (RoAS)",
    "7 Day Total Sales ",
    "7 Day Total Orders (#)",
    "7 Day Total Units (#)",
    "7 Day Conversion Rate",
    "7 Day Advertised SKU Units (#)",
    "7 Day Other SKU Units (#)",
    "7 Day Advertised SKU Sales ",
    "7 Day Other SKU Sales ",
]
ADVERTISED_PRODUCT = [
    "Date",
    "Portfolio name",
    "Currency",
    "Campaign Name",
    "Ad Group Name",
    "Advertised SKU",
    "Advertised ASIN",
    "Impressions",
    "Clicks",
    "Click-Thru Rate (CTR)",
    "Cost Per Click (CPC)",
    "Spend",
    "7 Day Total Sales ",
    "Total Advertising Cost of Sales (ACoS) ",
    "Total Return on Advertising Spend (RoAS)",
    "7 Day Total Orders (#)",
    "7 Day Total Units (#)",
    "7 Day Conversion Rate",
    "7 Day Advertised SKU Units (#)",
    "7 Day Other SKU Units (#)",
    "7 Day Advertised SKU Sales ",
    "7 Day Other SKU Sales ",
]
PLACEMENT = [  # the real file is a 14-day INR vintage; this is its 7-day form with the US spellings
    "Date",
    "Portfolio name",
    "Currency",
    "Campaign Name",
    "Bidding strategy",
    "Placement",
    "Impressions",
    "Clicks",
    "Cost Per Click (CPC)",
    "Spend",
    "7 Day Total Sales ",
    "Total Advertising Cost of Sales (ACoS) ",
    "Total Return on Advertising Spend (RoAS)",
    "7 Day Total Orders (#)",
    "7 Day Total Units (#)",
]
CAMPAIGN_CSV = [
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
SHEET_SEARCH_TERM = "Sponsored Product Search Term R"
SHEET_TARGETING = "Sponsored Product Keyword Repor"
SHEET_ADVERTISED_PRODUCT = "Sponsored Product Advertised Pr"
SHEET_PLACEMENT = "Sponsored Product Placement Rep"

# --- Business Reports ---------------------------------------------------------------------------
CHILD_ITEM = [
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
BY_DATE = [
    "Date",
    "Ordered Product Sales",
    "Ordered Product Sales - B2B",
    "Units Ordered",
    "Units Ordered - B2B",
    "Total Order Items",
    "Total Order Items - B2B",
    "Average Sales per Order Item",
    "Average Sales per Order Item - B2B",
    "Average Units per Order Item",
    "Average Units per Order Item - B2B",
    "Average Selling Price",
    "Average Selling Price - B2B",
    "Sessions - Total",
    "Sessions - Total - B2B",
    "Order Item Session Percentage",
    "Order Item Session Percentage - B2B",
    "Average Offer Count",
]

# --- SP-API flat files (tab-delimited) -------------------------------------------------------------
MYI = [
    "sku",
    "fnsku",
    "asin",
    "product-name",
    "condition",
    "your-price",
    "mfn-listing-exists",
    "mfn-fulfillable-quantity",
    "afn-listing-exists",
    "afn-warehouse-quantity",
    "afn-fulfillable-quantity",
    "afn-unsellable-quantity",
    "afn-reserved-quantity",
    "afn-total-quantity",
    "per-unit-volume",
    "afn-inbound-working-quantity",
    "afn-inbound-shipped-quantity",
    "afn-inbound-receiving-quantity",
    "afn-researching-quantity",
    "afn-reserved-future-supply",
    "afn-future-supply-buyable",
]
PLANNING_COMMON_HEAD = [
    "snapshot-date",
    "sku",
    "fnsku",
    "asin",
    "product-name",
    "condition",
    "available",
    "pending-removal-quantity",
]
PLANNING_OLD_AGES = [
    "inv-age-0-to-90-days",
    "inv-age-91-to-180-days",
    "inv-age-181-to-270-days",
    "inv-age-271-to-365-days",
    "inv-age-365-plus-days",
]
PLANNING_OLD_LTSF = [
    "currency",
    "qty-to-be-charged-ltsf-9-mo",
    "projected-ltsf-9-mo",
    "qty-to-be-charged-ltsf-12-mo",
    "estimated-ltsf-next-charge",
]
PLANNING_COMMON_TAIL = [
    "units-shipped-t7",
    "units-shipped-t30",
    "units-shipped-t60",
    "units-shipped-t90",
    "alert",
    "your-price",
    "sales-price",
    "recommended-action",
    "sell-through",
    "item-volume",
    "volume-unit-measurement",
    "storage-type",
    "storage-volume",
    "marketplace",
    "days-of-supply",
    "estimated-excess-quantity",
    "weeks-of-cover-t30",
    "weeks-of-cover-t90",
]
PLANNING_NEW_AGES = [
    "inv-age-0-to-30-days",
    "inv-age-31-to-60-days",
    "inv-age-61-to-90-days",
    "inv-age-91-to-180-days",
    "inv-age-181-to-330-days",
    "inv-age-331-to-365-days",
    "inv-age-365-plus-days",
]
AIS_BANDS = ["181-210", "211-240", "241-270", "271-300", "301-330", "331-365", "365-plus"]
PLANNING_NEW_TAIL = (
    ["estimated-storage-cost-next-month", "inbound-quantity", "reserved-quantity", "unfulfillable-quantity"]
    + [f"estimated-ais-{b}-days" for b in AIS_BANDS]
    + [f"quantity-to-be-charged-ais-{b}-days" for b in AIS_BANDS]
)
PLANNING_OLD = (
    PLANNING_COMMON_HEAD
    + PLANNING_OLD_AGES
    + PLANNING_OLD_LTSF
    + PLANNING_COMMON_TAIL
    + ["inbound-quantity", "reserved-quantity", "unfulfillable-quantity"]
)
PLANNING_NEW = PLANNING_COMMON_HEAD + PLANNING_NEW_AGES + ["currency"] + PLANNING_COMMON_TAIL + PLANNING_NEW_TAIL
RETURNS = [
    "return-date",
    "order-id",
    "sku",
    "asin",
    "fnsku",
    "product-name",
    "quantity",
    "fulfillment-center-id",
    "detailed-disposition",
    "reason",
    "status",
    "license-plate-number",
    "customer-comments",
]
ALL_ORDERS = [
    "amazon-order-id",
    "merchant-order-id",
    "purchase-date",
    "last-updated-date",
    "order-status",
    "fulfillment-channel",
    "sales-channel",
    "order-channel",
    "url",
    "ship-service-level",
    "product-name",
    "sku",
    "asin",
    "item-status",
    "quantity",
    "currency",
    "item-price",
    "item-tax",
    "shipping-price",
    "shipping-tax",
    "gift-wrap-price",
    "gift-wrap-tax",
    "item-promotion-discount",
    "ship-promotion-discount",
    "ship-city",
    "ship-state",
    "ship-postal-code",
    "ship-country",
    "promotion-ids",
    "is-business-order",
    "purchase-order-number",
    "price-designation",
]

# --- Payments -------------------------------------------------------------------------------------
PAYMENTS_PREAMBLE = [
    "Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions",
    "All amounts in {currency}, unless specified",
    "Definitions:",
    "Sales tax collected: Includes sales tax collected from buyers for product sales, shipping, and gift wrap.",
    "Selling fees: Includes variable closing fees and referral fees.",
    "Other transaction fees: Includes shipping chargebacks, shipping holdbacks, per-item fees  and sales tax "
    "collection fees.",
    'Other: Includes non-order transaction amounts. For more details, see the "Type" and "Description" columns '
    "for each order ID.",
]
PAYMENTS = [
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
PAYMENTS_AMOUNTS = PAYMENTS[14:]

# --- Keyword tools ----------------------------------------------------------------------------------
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
]
MAGNET = [
    "Keyword Phrase",
    "Magnet IQ Score",
    "Search Volume",
    "Search Volume Trend",
    "Keyword Sales",
    "Sponsored ASINs",
    "Competing Products",
    "CPR",
    "Title Density",
]
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

# --- xlsx number formats (as in the real console files) ---------------------------------------------
FMT_DATE = "mmm dd, yyyy"
FMT_MONEY = {"USD": "[$$]#,##0.00;\\([$$]#,##0.00\\)", "GBP": "[$£]#,##0.00;([$£]#,##0.00)"}
FMT_RATE = "0.0000%"
FMT_INT = "0"
FMT_ROAS = "0.00"

MONTHS = np.array(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])


# --- text formatters (vectorised over pandas string ops) --------------------------------------------
def _grouped(int_part: pd.Series) -> pd.Series:
    """Digits with thousands separators for non-negative integers below 10**9."""
    v = int_part.astype("int64")
    low = (v % 1000).astype(str)
    mid = ((v // 1000) % 1000).astype(str)
    high = (v // 1_000_000).astype(str)
    out = low.copy()
    m1 = v >= 1000
    out[m1] = mid[m1] + "," + low[m1].str.zfill(3)
    m2 = v >= 1_000_000
    out[m2] = high[m2] + "," + mid[m2].str.zfill(3) + "," + low[m2].str.zfill(3)
    return out


def int_text(values) -> pd.Series:
    """Integers with thousands separators: ``3395 -> "3,395"``.

    Examples
    --------
    >>> list(int_text([3395, 7]))
    ['3,395', '7']
    """
    v = pd.Series(np.asarray(values)).astype("int64")
    sign = pd.Series(np.where(v < 0, "-", ""))
    return sign + _grouped(v.abs())


def money_text(values, symbol: str = "", decimals: int = 2) -> pd.Series:
    """Money with a symbol and thousands separators: ``5216.29 -> "$5,216.29"``.

    Examples
    --------
    >>> list(money_text([1234.5, -2.0], "£"))
    ['£1,234.50', '-£2.00']
    """
    v = np.asarray(values, dtype=float)
    cents = np.round(np.abs(v) * 10**decimals).astype(np.int64)
    whole = pd.Series(cents // 10**decimals)
    frac = pd.Series(cents % 10**decimals).astype(str).str.zfill(decimals)
    sign = pd.Series(np.where((v < 0) & (cents > 0), "-", ""))
    return sign + symbol + _grouped(whole) + "." + frac


def plain_money_text(values) -> pd.Series:
    """Two-decimal amounts without symbol but with separators: ``-1234.5 -> "-1,234.50"``."""
    return money_text(values, "")


def percent_text(values, decimals: int = 2) -> pd.Series:
    """Fractions as percent strings: ``0.0451 -> "4.51%"``."""
    v = np.asarray(values, dtype=float) * 100
    return pd.Series(np.char.mod(f"%.{decimals}f", np.round(v, decimals))) + "%"


def fixed_text(values, decimals: int = 2) -> pd.Series:
    """Plain fixed-point numbers: ``1.0 -> "1.00"``."""
    return pd.Series(np.char.mod(f"%.{decimals}f", np.asarray(values, dtype=float)))


def console_date_text(dates) -> pd.Series:
    """Ads console CSV dates: ``"Nov 16, 2019"`` (day zero-padded)."""
    d = pd.DatetimeIndex(dates)
    return (
        pd.Series(MONTHS[d.month - 1])
        + " "
        + pd.Series(d.day).astype(str).str.zfill(2)
        + ", "
        + pd.Series(d.year).astype(str)
    )


def us_payment_time_text(utc) -> pd.Series:
    """US transaction report times: ``"Sep 4, 2026 1:05:07 AM PDT"`` (PST/PDT by date)."""
    t = pd.DatetimeIndex(utc).tz_localize("UTC").tz_convert("America/Los_Angeles")
    off = (t.tz_localize(None) - pd.DatetimeIndex(utc)).total_seconds() / 3600
    zone = np.where(off == -7, "PDT", "PST")
    h12 = t.hour % 12
    h12 = np.where(h12 == 0, 12, h12)
    return (
        pd.Series(MONTHS[t.month - 1])
        + " "
        + pd.Series(t.day).astype(str)
        + ", "
        + pd.Series(t.year).astype(str)
        + " "
        + pd.Series(h12).astype(str)
        + ":"
        + pd.Series(t.minute).astype(str).str.zfill(2)
        + ":"
        + pd.Series(t.second).astype(str).str.zfill(2)
        + " "
        + pd.Series(np.where(t.hour < 12, "AM", "PM"))
        + " "
        + pd.Series(zone)
    )


def utc_payment_time_text(utc) -> pd.Series:
    """Day-first transaction report times in UTC: ``"1 Jul 2026 4:24:44 am UTC"``."""
    t = pd.DatetimeIndex(utc)
    h12 = t.hour % 12
    h12 = np.where(h12 == 0, 12, h12)
    return (
        pd.Series(t.day).astype(str)
        + " "
        + pd.Series(MONTHS[t.month - 1])
        + " "
        + pd.Series(t.year).astype(str)
        + " "
        + pd.Series(h12).astype(str)
        + ":"
        + pd.Series(t.minute).astype(str).str.zfill(2)
        + ":"
        + pd.Series(t.second).astype(str).str.zfill(2)
        + " "
        + pd.Series(np.where(t.hour < 12, "am", "pm"))
        + " UTC"
    )


def iso_utc_text(utc) -> pd.Series:
    """ISO-8601 with offset: ``"2026-09-04T08:05:07+00:00"``."""
    return pd.Series(pd.DatetimeIndex(utc).strftime("%Y-%m-%dT%H:%M:%S+00:00"))


# --- writers ----------------------------------------------------------------------------------------
def write_csv(
    path: Path,
    header: list[str],
    rows: pd.DataFrame,
    *,
    bom: bool = True,
    quote_all: bool = True,
    crlf: bool = False,
    preamble: list[str] | None = None,
    delimiter: str = ",",
) -> None:
    """Write text cells exactly (no pandas formatting); ``rows`` holds strings in header order."""
    buf = io.StringIO()
    term = "\r\n" if crlf else "\n"
    quoting = csv.QUOTE_ALL if quote_all else (csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL)
    w = csv.writer(
        buf,
        delimiter=delimiter,
        quoting=quoting,
        lineterminator=term,
        escapechar=None if quoting != csv.QUOTE_NONE else "\\",
    )
    for line in preamble or []:
        if line == "":
            buf.write(term)
        else:
            w.writerow([line])
    w.writerow(header)
    w.writerows(rows.astype(object).itertuples(index=False, name=None))
    path.parent.mkdir(parents=True, exist_ok=True)
    data = buf.getvalue().encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def write_tsv(path: Path, header: list[str], rows: pd.DataFrame) -> None:
    """SP-API flat file: tab-delimited, no quoting, LF, no BOM."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = rows.astype(str).agg("\t".join, axis=1) if len(rows) else pd.Series([], dtype=str)
    text = "\t".join(header) + "\n" + "".join(s + "\n" for s in body)
    path.write_bytes(text.encode("utf-8"))


# --- deterministic xlsx -----------------------------------------------------------------------------
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)
_EPOCH = np.datetime64("1899-12-30")


def _col_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _xml_escape(s: pd.Series) -> pd.Series:
    return (
        s.str.replace("&", "&amp;", regex=False)
        .str.replace("<", "&lt;", regex=False)
        .str.replace(">", "&gt;", regex=False)
        .str.replace('"', "&quot;", regex=False)
    )


def write_xlsx(path: Path, sheet: str, header: list[str], columns: list[tuple[str, object]]) -> None:
    """Write a one-sheet workbook with typed cells, byte-identical for identical input.

    Parameters
    ----------
    path : Path
        Output file.
    sheet : str
        Sheet name (at most 31 characters, as Excel cuts it).
    header : list of str
        Header row, written as text.
    columns : list of (kind, values)
        One entry per header; kind is ``"text"``, ``"date"``, ``"int"``, ``"money:USD"``, ``"money:GBP"``,
        ``"rate"`` or ``"roas"``. NaN values leave the cell empty (as Amazon does for ACOS when
        sales are 0 and CPC when clicks are 0).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.xlsx"
    >>> write_xlsx(p, "S", ["Clicks"], [("int", [1, 2])])
    >>> p.stat().st_size > 0
    True
    """
    assert len(sheet) <= 31
    style = {"text": 0, "date": 1, "money:USD": 2, "money:GBP": 3, "int": 4, "rate": 5, "roas": 6}
    n = len(columns[0][1]) if columns else 0
    rownum = pd.Series(np.arange(2, n + 2)).astype(str)
    parts = []
    for j, (kind, values) in enumerate(columns):
        ref = _col_letter(j)
        if kind == "text":
            v = pd.Series(values, dtype="str").reset_index(drop=True)
            empty = v.isna() | (v == "")
            cell = (
                '<c r="'
                + ref
                + rownum
                + '" t="inlineStr"><is><t xml:space="preserve">'
                + _xml_escape(v.fillna(""))
                + "</t></is></c>"
            )
        else:
            if kind == "date":
                num = (np.asarray(values, dtype="datetime64[D]") - _EPOCH).astype(np.int64).astype(float)
            else:
                num = np.asarray(values, dtype=float)
            empty = pd.Series(np.isnan(num))
            txt = pd.Series(np.char.mod("%.15g", np.where(np.isnan(num), 0.0, num)))
            cell = '<c r="' + ref + rownum + '" s="' + str(style[kind]) + '"><v>' + txt + "</v></c>"
        parts.append(cell.where(~empty.to_numpy(), ""))
    head = "".join(
        f'<c r="{_col_letter(j)}1" t="inlineStr"><is><t xml:space="preserve">'
        + h.replace("&", "&amp;")
        + "</t></is></c>"
        for j, h in enumerate(header)
    )
    if parts:
        body = parts[0]
        for p in parts[1:]:
            body = body + p
        rows_xml = ('<row r="' + rownum + '">' + body + "</row>").str.cat()
    else:
        rows_xml = ""
    sheet_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:{_col_letter(max(len(header) - 1, 0))}{n + 1}"/>'
        f'<sheetData><row r="1">{head}</row>{rows_xml}</sheetData></worksheet>'
    )
    numfmts = [FMT_DATE, FMT_MONEY["USD"], FMT_MONEY["GBP"], FMT_RATE]
    nf_xml = "".join(
        f'<numFmt numFmtId="{164 + i}" formatCode="{f.replace(chr(34), "&quot;")}"/>' for i, f in enumerate(numfmts)
    )
    xfs = [0, 164, 165, 166, 1, 167, 2]
    xf_xml = "".join(
        f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0"'
        + (' applyNumberFormat="1"' if i else "")
        + "/>"
        for i in xfs
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<numFmts count="{len(numfmts)}">{nf_xml}</numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(xfs)}">{xf_xml}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )
    sheet_name = sheet.replace("&", "&amp;")
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" '
            'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/>'
            "</Relationships>"
        ),
        "docProps/core.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:creator>Amazon Advertising</dc:creator>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-01T00:00:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-01T00:00:00Z</dcterms:modified>'
            "</cp:coreProperties>"
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": styles,
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as z:
        for name in files:  # fixed order, fixed timestamps
            info = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            z.writestr(info, files[name].encode("utf-8"), compresslevel=6)
