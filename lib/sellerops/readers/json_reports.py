"""Amazon's JSON reports, read into the same canonical frames as the console downloads.

Two families (formats: ``amazon-bulksheets-and-keepa.md`` §3 and ``amazon-report-formats.md`` §1c):

- **SP-API** ``GET_SALES_AND_TRAFFIC_REPORT``: one object with ``salesAndTrafficByDate[]`` (→ the kind
  ``business_report_by_date``) and ``salesAndTrafficByAsin[]`` (→ ``business_report_child_item``); one file
  gives up to two tables.
- **Ads API v3** reports (``format: GZIP_JSON``): a JSON array of rows with camelCase fields. ``spSearchTerm``
  → ``sp_search_term``, ``spTargeting`` → ``sp_targeting``, ``spCampaigns`` → ``sp_campaign`` (grouped by
  ``campaignPlacement``: ``sp_placement``), ``spAdvertisedProduct`` → ``sp_advertised_product``. The JSON does
  not name its report type: it is told by the fields (``searchTerm``, ``advertisedAsin``…), or passed.

The JSON → table step (:func:`json_tables`) writes each record as a row of raw cells under the console's own
headers (``Sessions - Total``, ``7 Day Total Sales``…), so the kinds' alias tables, types and the engine's
conversion (:func:`~sellerops.readers.convert.to_canonical`: parsing, rejected rows, DataQuality) apply
unchanged; :func:`read_json_report` does that conversion. Fields without a console twin keep their JSON
name (dotted for nested fields) and are listed as unknown columns.

How values are represented
--------------------------
- **Money**: SP-API amounts are ``{amount, currencyCode}`` objects: the amount is the cell, the code goes to
  the ``Currency`` column. Ads API amounts are plain numbers; the currency is the row's
  ``campaignBudgetCurrencyCode`` when requested, else the ``currency=`` parameter (a note says so).
- **Rates**: cells are handed over as fractions, as the kinds store them. SP-API percentages are percent
  numbers (``10.54`` is 10.54 %) and are divided by 100. Ads API ``clickThroughRate`` and ``acosClicks7d``
  are ratios ("clicks divided by impressions"); the file is checked against its own counts and read as
  percent numbers (noted) where it proves to hold them. ``topOfSearchImpressionShare`` is a percentage: read
  as percent numbers when any value exceeds 1, else as fractions (noted as ambiguous).
- **IDs** (``campaignId``…) are integers in JSON: written as their exact digits.
- **Attribution**: an Ads API row holds every window (``sales1d`` … ``sales30d``); one file must have one
  (the console's), so the 7-day fields are read where present (else 14, 30, 1, or ``window=``) and the
  other windows' fields are left out, with a note.
- **Rows**: a rejected row is located by its position in its JSON array (``report.json row 3``).

Examples
--------
>>> import json
>>> sat = {"reportSpecification": {"reportType": "GET_SALES_AND_TRAFFIC_REPORT", "marketplaceIds": ["ATVPDKIKX0DER"],
...        "reportOptions": {"dateGranularity": "DAY"}, "dataStartTime": "2026-09-01", "dataEndTime": "2026-09-01"},
...        "salesAndTrafficByDate": [{"date": "2026-09-01",
...            "salesByDate": {"orderedProductSales": {"amount": 120.5, "currencyCode": "USD"}, "unitsOrdered": 4},
...            "trafficByDate": {"sessions": 50, "unitSessionPercentage": 8.0}}],
...        "salesAndTrafficByAsin": []}
>>> [(t.kind, list(t.cells.columns)) for t in json_tables(json.dumps(sat).encode())]
[('business_report_by_date', ['Date', 'Ordered Product Sales', 'Currency', 'Units Ordered', 'Sessions - Total', 'Unit Session Percentage', 'Marketplace'])]
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import ReportFormatError
from .sources import MAX_MEMBER_BYTES

#: SP-API marketplace IDs (``reportSpecification.marketplaceIds``) and the marketplace each is.
MARKETPLACE_IDS = {
    "ATVPDKIKX0DER": "US",
    "A2EUQ1WTGCTBG2": "CA",
    "A1AM78C64UM0Y8": "MX",
    "A2Q3Y263D00KWC": "BR",
    "A1F83G8C2ARO7P": "UK",
    "A1PA6795UKMFR9": "DE",
    "A13V1IB3VIYZZH": "FR",
    "APJ6JRA9NG5V4": "IT",
    "A1RKKUPIHCS9HS": "ES",
    "A1805IZSGTT6HS": "NL",
    "A2NODRKZP88ZB9": "SE",
    "A1C3SOZRARQ6R3": "PL",
    "AMEN7PMS3EDWL": "BE",
    "A33AVAJ2PDY3EV": "TR",
    "A2VIGQ35RCS4UG": "AE",
    "A17E79C6D8DWNP": "SA",
    "ARBP9OOSHTCHU": "EG",
    "A21TJRUUN4KGV": "IN",
    "A1VC38T7YXB528": "JP",
    "A39IBJ37TRP1C6": "AU",
    "A19VAU5U5O7RUS": "SG",
}

#: Ads API v3 report types and the kind each reads as (``spCampaigns`` with placements: ``sp_placement``).
ADS_REPORT_TYPES = {
    "spSearchTerm": "sp_search_term",
    "spTargeting": "sp_targeting",
    "spCampaigns": "sp_campaign",
    "spAdvertisedProduct": "sp_advertised_product",
}
#: Attribution windows in the order they are preferred when the caller names none (7: the SP console's).
WINDOWS = (7, 14, 30, 1)


@dataclass(frozen=True)
class JsonTable:
    """One table of a JSON report: raw cells under console headers, ready for the kind's conversion."""

    kind: str
    cells: pd.DataFrame
    #: 1-based position of each record in its JSON array (the "row" of rejection examples).
    row_numbers: pd.Series
    #: Where the rows come from, e.g. ``SP-API Sales and Traffic JSON, salesAndTrafficByDate (DAY)``.
    variant: str
    notes: tuple[str, ...] = ()
    #: ``monthly`` where the request said so (``dateGranularity MONTH``); else the kind's.
    time_model: str | None = None
    #: The attribution window read (Ads API), else None.
    window: int | None = field(default=None)


# --------------------------------------------------------------------------- decoding


def _gunzip(data: bytes, name: str) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_MEMBER_BYTES + 1)
    except zlib.error as exc:
        raise ReportFormatError(Path(name), f"is not a readable gzip file: {exc}") from None
    if len(out) > MAX_MEMBER_BYTES:
        raise ReportFormatError(Path(name), f"unpacks to more than {MAX_MEMBER_BYTES / 1e9:.1f} GB")
    return out


def load_json(data, name: str = "report.json"):
    """The decoded JSON of ``data`` (bytes, text, or already decoded); gzip bytes are unpacked (GZIP_JSON).

    Raises
    ------
    ReportFormatError
        Not JSON, or truncated.
    """
    if isinstance(data, (dict, list)):
        return data
    if isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data)
        if data[:2] == b"\x1f\x8b":
            data = _gunzip(data, name)
        try:
            data = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ReportFormatError(Path(name), f"is not UTF-8 JSON: {exc}") from None
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise ReportFormatError(
            Path(name), f"is not readable JSON (truncated download?): {exc.msg} at line {exc.lineno}"
        ) from None


# --------------------------------------------------------------------------- SP-API Sales and Traffic


def _b2b(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Each field with its ``…B2B`` twin (header ``… - B2B``)."""
    return tuple(p for field_, header in pairs for p in ((field_, header), (field_ + "B2B", header + " - B2B")))


#: ``salesAndTrafficByDate[]``: field path -> Business Report (by date) header.
SAT_BY_DATE = (
    (("date", "Date"),)
    + _b2b(
        (
            ("salesByDate.orderedProductSales", "Ordered Product Sales"),
            ("salesByDate.unitsOrdered", "Units Ordered"),
            ("salesByDate.totalOrderItems", "Total Order Items"),
            ("salesByDate.averageSalesPerOrderItem", "Average Sales per Order Item"),
            ("salesByDate.averageUnitsPerOrderItem", "Average Units per Order Item"),
            ("salesByDate.averageSellingPrice", "Average Selling Price"),
        )
    )
    + (
        ("salesByDate.unitsRefunded", "Units Refunded"),
        ("salesByDate.refundRate", "Refund Rate"),
        ("salesByDate.claimsGranted", "A-to-z Claims Granted"),
        ("salesByDate.claimsAmount", "Claims Amount"),
        ("salesByDate.shippedProductSales", "Shipped Product Sales"),
        ("salesByDate.unitsShipped", "Units Shipped"),
        ("salesByDate.ordersShipped", "Orders Shipped"),
    )
    + _b2b(
        (
            ("trafficByDate.browserPageViews", "Page Views - Browser"),
            ("trafficByDate.mobileAppPageViews", "Page Views - Mobile App"),
            ("trafficByDate.pageViews", "Page Views - Total"),
            ("trafficByDate.browserSessions", "Sessions - Browser"),
            ("trafficByDate.mobileAppSessions", "Sessions - Mobile App"),
            ("trafficByDate.sessions", "Sessions - Total"),
            ("trafficByDate.buyBoxPercentage", "Featured Offer (Buy Box) Percentage"),
            ("trafficByDate.orderItemSessionPercentage", "Order Item Session Percentage"),
            ("trafficByDate.unitSessionPercentage", "Unit Session Percentage"),
            ("trafficByDate.averageOfferCount", "Average Offer Count"),
            ("trafficByDate.averageParentItems", "Average Parent Items"),
        )
    )
    + (
        ("trafficByDate.feedbackReceived", "Feedback Received"),
        ("trafficByDate.negativeFeedbackReceived", "Negative Feedback Received"),
        ("trafficByDate.receivedNegativeFeedbackRate", "Received Negative Feedback Rate"),
    )
)

#: ``salesAndTrafficByAsin[]``: field path -> Business Report (by child item) header.
SAT_BY_ASIN = (
    ("parentAsin", "(Parent) ASIN"),
    ("childAsin", "(Child) ASIN"),
    ("sku", "SKU"),
) + _b2b(
    (
        ("salesByAsin.unitsOrdered", "Units Ordered"),
        ("salesByAsin.orderedProductSales", "Ordered Product Sales"),
        ("salesByAsin.totalOrderItems", "Total Order Items"),
        ("trafficByAsin.browserSessions", "Sessions - Browser"),
        ("trafficByAsin.mobileAppSessions", "Sessions - Mobile App"),
        ("trafficByAsin.sessions", "Sessions - Total"),
        ("trafficByAsin.browserSessionPercentage", "Session Percentage - Browser"),
        ("trafficByAsin.mobileAppSessionPercentage", "Session Percentage - Mobile App"),
        ("trafficByAsin.sessionPercentage", "Session Percentage - Total"),
        ("trafficByAsin.browserPageViews", "Page Views - Browser"),
        ("trafficByAsin.mobileAppPageViews", "Page Views - Mobile App"),
        ("trafficByAsin.pageViews", "Page Views - Total"),
        ("trafficByAsin.browserPageViewsPercentage", "Page Views Percentage - Browser"),
        ("trafficByAsin.mobileAppPageViewsPercentage", "Page Views Percentage - Mobile App"),
        ("trafficByAsin.pageViewsPercentage", "Page Views Percentage - Total"),
        ("trafficByAsin.buyBoxPercentage", "Featured Offer (Buy Box) Percentage"),
        ("trafficByAsin.unitSessionPercentage", "Unit Session Percentage"),
    )
)

_PERCENT_FIELD = re.compile(r"(Percentage|Rate)(B2B)?$")


def _flatten(record: dict, prefix: str = "") -> dict:
    """``{"salesByDate": {"unitsOrdered": 3}}`` -> ``{"salesByDate.unitsOrdered": 3}``; money objects stay whole."""
    out = {}
    for key, value in record.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and not ({"amount", "currencyCode"} >= set(value) and "amount" in value):
            out.update(_flatten(value, path + "."))
        else:
            out[path] = value
    return out


def _percent_to_fraction(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value  # missing, or something the engine will flag
    return value / 100.0


def _sat_table(records: list, mapping, kind: str, variant: str, extra: dict, notes: list[str]) -> JsonTable:
    headers = dict(mapping)
    rows, currencies = [], set()
    objects = [r for r in records if isinstance(r, dict)]
    if len(objects) < len(records):
        notes.append(f"{len(records) - len(objects)} array elements that are not objects were left out")
    for record in objects:
        flat = _flatten(record)
        row: dict = {}
        for path, value in flat.items():
            header = headers.get(path, path)
            code = None
            if isinstance(value, dict):  # {amount, currencyCode}
                code, value = value.get("currencyCode"), value.get("amount")
            elif _PERCENT_FIELD.search(path) and path in headers:
                value = _percent_to_fraction(value)
            elif isinstance(value, list):
                value = json.dumps(value)
            row[header] = value
            if code:
                currencies.add(code)
                row.setdefault("Currency", code)  # the row's first amount names its currency
        row.update(extra)
        rows.append(row)
    if len(currencies) > 1:
        notes.append(f"amounts in several currencies ({', '.join(sorted(currencies))}): never summed together")
    cells = pd.DataFrame(rows, dtype=object)
    for header in dict(mapping).values():  # the columns a kind requires are there even when no row has them
        if header in ("(Child) ASIN",) and header not in cells.columns:
            cells[header] = pd.Series([None] * len(cells), dtype=object)
    return JsonTable(kind, cells, pd.Series(np.arange(1, len(cells) + 1), dtype="int64"), variant, tuple(notes))


def _date_only(value) -> str | None:
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return value


def sales_and_traffic_tables(report: dict) -> list[JsonTable]:
    """The by-date and by-ASIN tables of a ``GET_SALES_AND_TRAFFIC_REPORT`` document (empty ones left out)."""
    spec = report.get("reportSpecification") or {}
    options = spec.get("reportOptions") or {}
    ids = spec.get("marketplaceIds") or []
    markets = sorted({MARKETPLACE_IDS.get(i, i) for i in ids})
    notes: list[str] = []
    extra: dict = {}
    if len(markets) == 1:
        extra["Marketplace"] = markets[0]
    elif markets:
        notes.append(f"the report covers several marketplaces ({', '.join(markets)}): rows are not split by them")
    tables = []
    by_date = report.get("salesAndTrafficByDate") or []
    if by_date:
        granularity = str(options.get("dateGranularity", "DAY")).upper()
        date_notes = list(notes)
        if granularity == "WEEK":
            date_notes.append("dateGranularity WEEK: each row is the week that starts on its date")
        table = _sat_table(
            by_date,
            SAT_BY_DATE,
            "business_report_by_date",
            f"SP-API Sales and Traffic JSON, by date ({granularity})",
            extra,
            date_notes,
        )
        if granularity == "MONTH":
            table = JsonTable(**{**table.__dict__, "time_model": "monthly"})
        tables.append(table)
    by_asin = report.get("salesAndTrafficByAsin") or []
    if by_asin:
        granularity = str(options.get("asinGranularity", "PARENT")).upper()
        asin_notes = list(notes)
        if granularity == "PARENT":
            asin_notes.append("asinGranularity PARENT: one row per parent ASIN (child_asin empty)")
        period = {"Start Date": _date_only(spec.get("dataStartTime")), "End Date": _date_only(spec.get("dataEndTime"))}
        if period["Start Date"] is None:
            asin_notes.append("the report specification gives no dataStartTime: the ASIN rows have no period")
        tables.append(
            _sat_table(
                by_asin,
                SAT_BY_ASIN,
                "business_report_child_item",
                f"SP-API Sales and Traffic JSON, by ASIN ({granularity})",
                {**extra, **{k: v for k, v in period.items() if v is not None}},
                asin_notes,
            )
        )
    return tables


# --------------------------------------------------------------------------- Ads API v3

#: Ads API v3 fields -> console headers (all report types).
ADS_FIELDS = {
    "date": "Date",
    "startDate": "Start Date",
    "endDate": "End Date",
    "campaignName": "Campaign Name",
    "campaignId": "Campaign ID",
    "portfolioId": "Portfolio ID",
    "adGroupName": "Ad Group Name",
    "adGroupId": "Ad Group ID",
    "keywordId": "Keyword ID",
    "adId": "Ad ID",
    "campaignBudgetCurrencyCode": "Currency",
    "campaignBudgetAmount": "Budget",
    "campaignStatus": "Status",
    "campaignBiddingStrategy": "Bidding strategy",
    "searchTerm": "Customer Search Term",
    "targeting": "Targeting",
    "matchType": "Match Type",
    "advertisedAsin": "Advertised ASIN",
    "advertisedSku": "Advertised SKU",
    "placementClassification": "Placement",
    "impressions": "Impressions",
    "clicks": "Clicks",
    "cost": "Spend",
    "costPerClick": "Cost Per Click (CPC)",
    "clickThroughRate": "Click-Thru Rate (CTR)",
    "topOfSearchImpressionShare": "Top-of-search Impression Share",
}
#: Windowed field families (``sales7d``…) -> console header of window ``{w}``.
ADS_WINDOWED = {
    "sales": "{w} Day Total Sales",
    "purchases": "{w} Day Total Orders (#)",
    "unitsSoldClicks": "{w} Day Total Units (#)",
    "attributedSalesSameSku": "{w} Day Advertised SKU Sales",
    "unitsSoldSameSku": "{w} Day Advertised SKU Units (#)",
    "salesOtherSku": "{w} Day Other SKU Sales",
    "unitsSoldOtherSku": "{w} Day Other SKU Units (#)",
    "acosClicks": "Total Advertising Cost of Sales (ACOS)",
    "roasClicks": "Total Return on Advertising Spend (ROAS)",
}
_WINDOWED = re.compile(r"^(?P<family>[a-zA-Z]+?)(?P<window>\d+)d$")
_ID_FIELDS = ("campaignId", "portfolioId", "adGroupId", "keywordId", "adId")
_ADS_IDS = {"Campaign ID", "Portfolio ID", "Ad Group ID", "Keyword ID", "Ad ID"}
#: ``matchType`` values of targeting expressions: the console writes ``-`` for them.
_EXPRESSION_MATCH_TYPES = frozenset({"TARGETING_EXPRESSION", "TARGETING_EXPRESSION_PREDEFINED"})


def _ads_kind(fields: set[str], report_type: str | None) -> str:
    if report_type is not None:
        if report_type not in ADS_REPORT_TYPES:
            raise ValueError(f"unknown Ads report type {report_type!r}; known: {', '.join(ADS_REPORT_TYPES)}")
        kind = ADS_REPORT_TYPES[report_type]
        return "sp_placement" if kind == "sp_campaign" and "placementClassification" in fields else kind
    if "searchTerm" in fields:
        return "sp_search_term"
    if "advertisedAsin" in fields or "advertisedSku" in fields:
        return "sp_advertised_product"
    if "placementClassification" in fields:
        return "sp_placement"
    if {"targeting", "keyword", "keywordId"} & fields:
        return "sp_targeting"
    return "sp_campaign"


def _choose_window(fields: set[str], window: int | None) -> tuple[int | None, set[int]]:
    found = set()
    for f in fields:
        m = _WINDOWED.match(f)
        if m and m.group("family") in ADS_WINDOWED:
            found.add(int(m.group("window")))
    if window is not None:
        return window, found
    return next((w for w in WINDOWS if w in found), None), found


def _scale_by_counts(cells: pd.DataFrame, header: str, num: str, den: str, notes: list[str], label: str) -> None:
    """Read a ratio column as percent numbers where the file's own counts prove it (ratio ≈ 100 × num/den)."""
    if header not in cells.columns or num not in cells.columns or den not in cells.columns:
        return
    given = pd.to_numeric(cells[header], errors="coerce")
    ref = pd.to_numeric(cells[num], errors="coerce") / pd.to_numeric(cells[den], errors="coerce").replace(0, np.nan)
    ok = given.notna() & ref.notna() & (ref > 0) & (given > 0)
    if not ok.any():
        return
    factor = float((given[ok] / ref[ok]).median())
    if 50 <= factor <= 200:
        cells[header] = cells[header].map(_percent_to_fraction)
        notes.append(f"{label} holds percent numbers (it is 100 × the file's own ratio): read as fractions")


def _windowed_headers(window: int | None) -> set[str]:
    return {h.format(w=window) for h in ADS_WINDOWED.values()} if window else set()


def _unclaimed(headers, mapped: set[str], kind: str) -> dict[str, str]:
    """Fields passed through under their own name that a console alias would claim (``keyword`` is an alias
    of ``Targeting``) get an ``(Ads API)`` suffix: they stay visible as unknown columns, never misread."""
    from .headers import normalise_header
    from .registry import get_kind

    aliases = get_kind(kind).alias_index()
    return {h: f"{h} (Ads API)" for h in headers if h not in mapped and normalise_header(h).key in aliases}


def ads_table(
    rows: list, *, report_type: str | None = None, window: int | None = None, currency: str | None = None
) -> JsonTable:
    """The table of an Ads API v3 report: its rows under the console's headers for one attribution window."""
    records = [r for r in rows if isinstance(r, dict)]
    fields = {k for r in records for k in r}
    kind = _ads_kind(fields, report_type)
    chosen, windows = _choose_window(fields, window)
    notes: list[str] = []
    if chosen is not None:
        others = sorted(windows - {chosen})
        notes.append(
            f"Ads API report: the {chosen}-day attribution fields are read"
            + (f"; the {', '.join(map(str, others))}-day fields are left out" if others else "")
        )
    if kind == "sp_campaign" and "date" not in fields and ("startDate" in fields or "endDate" in fields):
        raise ReportFormatError(
            Path("report.json"),
            "is an Ads API spCampaigns report with timeUnit SUMMARY: the campaign kind is daily (its Start/End "
            "Date are the campaign's own dates); request the report with timeUnit DAILY",
            kind=kind,
        )
    mapping = dict(ADS_FIELDS)
    if kind == "sp_campaign":  # the console campaign report's Start/End Date are the campaign's own dates
        mapping.pop("startDate")
        mapping.pop("endDate")
    if "targeting" not in fields:
        mapping["keyword"] = "Targeting"
    if "cost" not in fields:
        mapping["spend"] = "Spend"
    out = []
    for record in records:
        row = {}
        for key, value in record.items():
            m = _WINDOWED.match(key)
            if m and m.group("family") in ADS_WINDOWED:
                if int(m.group("window")) != chosen:
                    continue
                header = ADS_WINDOWED[m.group("family")].format(w=chosen)
            else:
                header = mapping.get(key, key)
            if key in _ID_FIELDS and isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            elif key == "matchType" and value in _EXPRESSION_MATCH_TYPES:
                value = "-"
            elif isinstance(value, (dict, list)):
                value = json.dumps(value)
            row[header] = value
        out.append(row)
    cells = pd.DataFrame(out, dtype=object)
    cells = cells.rename(columns=_unclaimed(cells.columns, set(mapping.values()) | _windowed_headers(chosen), kind))
    if len(records) < len(rows):
        notes.append(f"{len(rows) - len(records)} array elements that are not objects were left out")
    if currency and ("Currency" not in cells.columns or cells["Currency"].isna().all()):
        cells["Currency"] = currency
        notes.append(f"currency {currency} given by the caller (the report has no campaignBudgetCurrencyCode)")
    elif "Currency" not in cells.columns:
        notes.append("the report has no campaignBudgetCurrencyCode and no currency was given: currency unknown")
    w = f"{chosen} Day" if chosen else None
    _scale_by_counts(cells, "Click-Thru Rate (CTR)", "Clicks", "Impressions", notes, "clickThroughRate")
    if w:
        _scale_by_counts(
            cells, "Total Advertising Cost of Sales (ACOS)", "Spend", f"{w} Total Sales", notes, "acosClicks"
        )
    if "Top-of-search Impression Share" in cells.columns:
        share = pd.to_numeric(cells["Top-of-search Impression Share"], errors="coerce")
        if (share > 1).any():
            cells["Top-of-search Impression Share"] = cells["Top-of-search Impression Share"].map(_percent_to_fraction)
            notes.append("topOfSearchImpressionShare holds percent numbers (values above 1): read as fractions")
        elif share.notna().any():
            notes.append(
                "topOfSearchImpressionShare read as fractions (no value above 1; percent numbers below 1 % "
                "would look the same)"
            )
    if kind in ("sp_search_term", "sp_targeting") and "Match Type" not in cells.columns:
        cells["Match Type"] = None  # the console always has it; the request may not have asked for it
    name = next((t for t, k in ADS_REPORT_TYPES.items() if k == kind), "spCampaigns")
    variant = f"Ads API v3 JSON ({name}{', placements' if kind == 'sp_placement' else ''})"
    rows_n = pd.Series(np.arange(1, len(cells) + 1), dtype="int64")
    return JsonTable(kind, cells, rows_n, variant, tuple(notes), None, chosen)


# --------------------------------------------------------------------------- entry points


def json_tables(
    data,
    *,
    name: str = "report.json",
    report_type: str | None = None,
    window: int | None = None,
    currency: str | None = None,
) -> list[JsonTable]:
    """The tables of a JSON report: ``(kind, raw cells under console headers, row numbers, variant, notes)``.

    Parameters
    ----------
    data : bytes, str, dict or list
        The file's bytes (gzip is unpacked), its text, or the decoded JSON.
    name : str
        The file's name, for messages.
    report_type : str, optional
        The Ads API ``reportTypeId`` (``spSearchTerm``…) where the caller knows it; else told by the fields.
    window : int, optional
        The Ads API attribution window to read (7, 14, 30 or 1); else 7 where present.
    currency : str, optional
        The currency of Ads API amounts when the report lacks ``campaignBudgetCurrencyCode``.

    Raises
    ------
    ReportFormatError
        Not JSON, or JSON that is neither a Sales and Traffic report nor an Ads API report.
    """
    doc = load_json(data, name)
    path = Path(name)
    if isinstance(doc, dict) and ("salesAndTrafficByDate" in doc or "salesAndTrafficByAsin" in doc):
        tables = sales_and_traffic_tables(doc)
        if not tables:
            raise ReportFormatError(path, "is a Sales and Traffic report without any rows (by date or by ASIN)")
        return tables
    if isinstance(doc, dict) and isinstance(doc.get("rows"), list) and doc["rows"]:
        doc = doc["rows"]  # some clients save the API's rows under "rows"
    if isinstance(doc, list) and doc and any(isinstance(r, dict) for r in doc):
        try:
            return [ads_table(doc, report_type=report_type, window=window, currency=currency)]
        except ReportFormatError as exc:
            raise ReportFormatError(path, exc.problem, kind=exc.kind) from None
    if isinstance(doc, list) and not doc:
        raise ReportFormatError(path, "is an empty JSON array: no rows (an Ads API report of a period without clicks?)")
    raise ReportFormatError(
        path,
        "is JSON but not a report this workbook reads (neither an SP-API Sales and Traffic report nor an "
        "Ads API v3 report)",
        nearest=sorted(doc)[:8] if isinstance(doc, dict) else [],
    )


def _json_variant(described: str, origin: str, kind) -> str:
    """The engine's variant text with the console header label and container replaced by the JSON origin."""
    rest = described
    for label, _ in kind.variants:
        if rest.startswith(label):
            rest = rest[len(label) :]
            break
    parts = [p for p in rest.split(", ") if p and p not in ("csv", "tsv", "xlsx")]
    return ", ".join([origin] + parts)


def read_json_report(
    path: str | Path,
    data: bytes | None = None,
    *,
    kind: str | None = None,
    date_order: str | None = None,
    marketplace: str | None = None,
    report_type: str | None = None,
    window: int | None = None,
    currency: str | None = None,
) -> list:
    """Read a JSON report into one :class:`~sellerops.readers.read.Report` per table (``(frame, quality)``).

    The cells of :func:`json_tables` go through :func:`~sellerops.readers.convert.to_canonical`, exactly as
    a console file's: the same canonical frame, the same rejection counting (``rows_read == rows_used +
    rows_rejected`` per table). The quality record's variant says the rows came from JSON and its notes
    carry the choices made here (window, representation of rates, currency).

    ``kind`` keeps only that kind's table (a Sales and Traffic file holds two).
    """
    from .convert import to_canonical  # the engine imports this module to route .json files
    from .raw import RawTable
    from .read import Report
    from .registry import get_kind

    path = Path(path)
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ReportFormatError(path, f"cannot be opened: {exc.strerror or exc}") from None
    tables = json_tables(data, name=path.name, report_type=report_type, window=window, currency=currency)
    if kind is not None:
        held = [t.kind for t in tables]
        tables = [t for t in tables if t.kind == kind]
        if not tables:
            raise ReportFormatError(path, f"holds no {kind} table (it holds {', '.join(held)})", kind=kind)
    reports = []
    for table in tables:
        raw = RawTable(path, list(table.cells.columns), table.cells, table.row_numbers, encoding="utf-8", delimiter="")
        report_kind = get_kind(table.kind)
        # JSON dates are ISO (2026-09-01), which either date order reads: no order to decide or note.
        frame, dq = to_canonical(raw, report_kind, date_order=date_order or "MDY", marketplace=marketplace)
        dq.variant = _json_variant(dq.variant, table.variant, report_kind)
        for text in table.notes:
            dq.note(text)
        if table.time_model and dq.time_model != table.time_model:
            dq.time_model = table.time_model
            if table.time_model == "monthly" and dq.end is not None:
                dq.end = dq.end + pd.offsets.MonthEnd(0)
        reports.append(Report(frame, dq))
    return reports
