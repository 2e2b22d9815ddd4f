"""The Amazon Ads bulk operations download (bulksheets 2.0), one workbook per marketplace.

A "custom spreadsheet" as the console's Bulk operations page builds it: the tab ``Portfolios`` and the
tab ``Sponsored Products Campaigns`` (``amazon-bulksheets-and-keepa.md`` §1), one row per entity of
:attr:`Simulation.account <sellerops.sample.simulate.model.Simulation.account>`. As in a download,
Operation is blank, every row carries the campaign's ID and ``(Informational only)`` names, the
editable name only the entity's own row; IDs and ``yyyyMMdd`` start dates are text cells (an 18-digit
number cell would lose digits); money is a plain number in the marketplace's currency.

The metrics (Impressions … ROAS) cover the last calendar month of the run (October 2026 for the
sample: the same days, search terms and reported, under-attributed values as the October console
reports). They sit on the Campaign, Ad Group, Product Ad, Keyword and Product Targeting rows; a
target without impressions in the month shows zeros. Negative keyword and Bidding Adjustment rows
carry none.

Examples
--------
>>> bulk_period(pd.Timestamp("2026-10-31"))
(Timestamp('2026-10-01 00:00:00'), Timestamp('2026-10-31 00:00:00'))
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from .. import catalogue as cat
from ..simulate import Simulation
from ..simulate.bulk import account_code
from . import headers as H
from .text import rel
from .xlsx import write_xlsx_sheets

_METRICS = ["impressions", "clicks", "spend", "sales", "orders", "units"]
_WITH_METRICS = ("Campaign", "Ad Group", "Product Ad", "Keyword", "Product Targeting")


def bulk_period(end: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of the download's metrics: the calendar month that ends the run."""
    end = pd.Timestamp(end)
    return end.replace(day=1), end


def bulk_path(out: Path, sim: Simulation, marketplace: str) -> Path:
    """``<mkt>/ads/bulk/bulk-<advertiser code>-<yyyyMMdd>-<yyyyMMdd>.xlsx``."""
    a, z = bulk_period(sim.calendar.days[-1])
    code = account_code(sim.seed, marketplace)
    return out / marketplace.lower() / "ads" / "bulk" / f"bulk-{code}-{a:%Y%m%d}-{z:%Y%m%d}.xlsx"


def _metrics(account: pd.DataFrame, ads: pd.DataFrame) -> pd.DataFrame:
    """The metric totals of every row of ``account`` (NaN on rows that carry none)."""
    camp = ads.groupby("campaign")[_METRICS].sum()
    target = ads.groupby(["campaign", "targeting", "match_type"])[_METRICS].sum()
    m = pd.DataFrame(np.nan, index=account.index, columns=_METRICS)
    whole = account["entity"].isin(["Campaign", "Ad Group", "Product Ad"]).to_numpy()
    m.loc[whole] = camp.reindex(account.loc[whole, "campaign"], fill_value=0).to_numpy()
    tg = account["entity"].isin(["Keyword", "Product Targeting"]).to_numpy()
    keys = pd.MultiIndex.from_frame(account.loc[tg, ["campaign", "targeting", "console_match_type"]])
    m.loc[tg] = target.reindex(keys, fill_value=0).to_numpy()
    for c in ("spend", "sales"):
        m[c] = m[c].round(2)
    return m


def _rates(m: pd.DataFrame) -> dict[str, np.ndarray]:
    imp, clicks = m["impressions"].to_numpy(), m["clicks"].to_numpy()
    spend, sales, orders = m["spend"].to_numpy(), m["sales"].to_numpy(), m["orders"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            "Click-through Rate": np.where(imp > 0, clicks / imp, np.nan),
            "Conversion Rate": np.where(clicks > 0, orders / clicks, np.nan),
            "ACOS": np.where(sales > 0, spend / sales, np.nan),
            "CPC": np.where(clicks > 0, np.round(spend / clicks, 2), np.nan),
            "ROAS": np.where(spend > 0, np.round(sales / spend, 2), np.nan),
        }


def _sheet(acc: pd.DataFrame, m: pd.DataFrame) -> list[tuple[str, object]]:
    """The columns of the Sponsored Products tab, in ``headers.BULK_SP`` order."""
    entity = acc["entity"]
    own_campaign = entity == "Campaign"
    own_group = entity == "Ad Group"
    in_group = acc["ad_group_id"].notna()
    group_bid = acc.groupby("ad_group_id")["default_bid"].first()
    default_info = acc["ad_group_id"].map(group_bid).where(in_group)
    placement = acc["placement"].map(H.BULK_PLACEMENT)
    start = acc["start_date"].map(lambda d: d.strftime("%Y%m%d") if isinstance(d, dt.date) else None)
    cols = {
        "Product": ("text", pd.Series("Sponsored Products", index=acc.index)),
        "Entity": ("text", entity),
        "Operation": ("text", None),
        "Campaign ID": ("text", acc["campaign_id"]),
        "Ad Group ID": ("text", acc["ad_group_id"]),
        "Portfolio ID": ("text", acc["portfolio_id"]),
        "Ad ID": ("text", acc["ad_id"]),
        "Keyword ID": ("text", acc["keyword_id"]),
        "Product Targeting ID": ("text", acc["product_targeting_id"]),
        "Campaign Name": ("text", acc["campaign"].where(own_campaign)),
        "Ad Group Name": ("text", acc["ad_group"].where(own_group)),
        "Campaign Name" + H.INFO: ("text", acc["campaign"]),
        "Ad Group Name" + H.INFO: ("text", acc["ad_group"]),
        "Portfolio Name" + H.INFO: ("text", acc["portfolio"]),
        "Start Date": ("text", start),
        "End Date": ("text", None),
        "Targeting Type": ("text", acc["targeting_type"]),
        "State": ("text", acc["state"]),
        "Campaign State" + H.INFO: ("text", pd.Series("enabled", index=acc.index)),
        "Ad Group State" + H.INFO: ("text", pd.Series("enabled", index=acc.index).where(in_group)),
        "Daily Budget": ("number", acc["daily_budget"]),
        "SKU": ("text", acc["sku"]),
        "ASIN" + H.INFO: ("text", acc["asin"]),
        "Eligibility Status" + H.INFO: ("text", pd.Series("Eligible", index=acc.index).where(entity == "Product Ad")),
        "Reason for Ineligibility" + H.INFO: ("text", None),
        "Ad Group Default Bid": ("number", acc["default_bid"]),
        "Ad Group Default Bid" + H.INFO: ("number", default_info),
        "Bid": ("number", acc["bid"]),
        "Keyword Text": ("text", acc["keyword_text"]),
        "Native Language Keyword": ("text", None),
        "Native Language Locale": ("text", None),
        "Match Type": ("text", acc["match_type"]),
        "Bidding Strategy": ("text", acc["bidding_strategy"]),
        "Placement": ("text", placement),
        "Percentage": ("int", acc["percentage"].astype(float)),
        "Product Targeting Expression": ("text", acc["expression"]),
        "Resolved Product Targeting Expression" + H.INFO: ("text", acc["expression"]),
        "Impressions": ("int", m["impressions"]),
        "Clicks": ("int", m["clicks"]),
        "Spend": ("number", m["spend"]),
        "Sales": ("number", m["sales"]),
        "Orders": ("int", m["orders"]),
        "Units": ("int", m["units"]),
    }
    cols.update({h: ("rate" if h not in ("CPC", "ROAS") else "number", v) for h, v in _rates(m).items()})
    return [cols[h] for h in H.BULK_SP]


def _portfolios(acc: pd.DataFrame) -> list[tuple[str, object]]:
    p = acc[acc["portfolio_id"].notna()].drop_duplicates("portfolio_id")
    cols = {
        "Product": ("text", pd.Series("Portfolios", index=p.index)),
        "Entity": ("text", pd.Series("Portfolio", index=p.index)),
        "Operation": ("text", None),
        "Portfolio ID": ("text", p["portfolio_id"]),
        "Portfolio Name": ("text", p["portfolio"]),
        "State": ("text", pd.Series("enabled", index=p.index)),
    }
    return [cols[h] for h in H.BULK_PORTFOLIOS]


def _expectations(acc: pd.DataFrame, m: pd.DataFrame, period: tuple[pd.Timestamp, pd.Timestamp]) -> dict:
    by: dict = {}
    for entity, rows in acc.groupby("entity", sort=True):
        e = {"rows": int(len(rows))}
        if entity in _WITH_METRICS:
            part = m.loc[rows.index]
            e |= {c: int(part[c].sum()) for c in ("impressions", "clicks", "orders", "units")}
            e |= {c: round(float(part[c].sum()), 2) for c in ("spend", "sales")}
        by[entity] = e
    return {
        "rows": int(len(acc)),
        "metrics_period": [str(period[0].date()), str(period[1].date())],
        "by_entity": by,
    }


def write_bulk(sim: Simulation, out: Path) -> dict:
    """Write one bulk download per marketplace; return each file's rows and per-entity metric totals."""
    period = bulk_period(sim.calendar.days[-1])
    ads = sim.ads[(sim.ads["date"] >= period[0]) & (sim.ads["date"] <= period[1])]
    exp: dict = {}
    for mkt in cat.MARKETPLACES:
        acc = sim.account[sim.account["marketplace"] == mkt].reset_index(drop=True)
        m = _metrics(acc, ads[ads["marketplace"] == mkt])
        path = bulk_path(out, sim, mkt)
        write_xlsx_sheets(
            path,
            [
                (H.SHEET_BULK_PORTFOLIOS, H.BULK_PORTFOLIOS, _portfolios(acc)),
                (H.SHEET_BULK_SP, H.BULK_SP, _sheet(acc, m)),
            ],
        )
        exp[rel(path, out)] = _expectations(acc, m, period)
    return exp
