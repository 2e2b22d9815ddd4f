"""Write every export of the sample seller from one :class:`~sellerops.sample.simulate.Simulation`.

Each ``write_*`` function writes its files under ``out`` and returns file-level expectations
(row counts and sums computed from the simulation's numbers before they were turned into text),
keyed by the path relative to ``out``; they go into the truth file for the readers' tests.

Examples
--------
>>> import tempfile, pathlib
>>> from sellerops.sample.simulate import simulate
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> exp = write_product_master(simulate(), out)
>>> (out / "product_master.csv").exists()
True
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from . import catalogue as cat
from . import formats as F
from .simulate import Simulation

GARBAGE = {"marketplace": "UK", "month": "2026-03", "row": 7, "column": "Units Ordered", "value": "#VALUE!"}
OVERLAP = ("2026-10-25", "2026-10-31")
PREAMBLE_DATE_RANGE_MONTH = "2026-03"


def _rel(path: Path, out: Path) -> str:
    return path.relative_to(out).as_posix()


def _month_bounds(month: str) -> tuple[dt.date, dt.date]:
    p = pd.Period(month, "M")
    return p.start_time.date(), p.end_time.date()


def _pay_name(month: str) -> str:
    a, z = _month_bounds(month)
    m = F.MONTHS[a.month - 1]
    return f"{a.year}{m}{a.day}-{z.year}{m}{z.day}CustomTransaction.csv"


# --------------------------------------------------------------------------------------------------
def write_product_master(sim: Simulation, out: Path) -> dict:
    """Write ``product_master.csv`` (our own documented format)."""
    p = sim.products
    df = pd.DataFrame(
        {
            "sku": p["sku"],
            "asin": p["asin"],
            "title": p["title"],
            "category": p["category"],
            "unit_cost": F.fixed_text(p["unit_cost_usd"]),
            "currency": "USD",
            "lead_time_days": p["lead_time_days"].astype(str),
            "lead_time_sd_days": p["lead_time_sd_days"].astype(str),
            "case_pack": p["case_pack"].astype(str),
        }
    )
    path = out / "product_master.csv"
    F.write_csv(path, list(df.columns), df, bom=False, quote_all=False)
    return {_rel(path, out): {"rows": len(df)}}


def write_listing_history(sim: Simulation, out: Path) -> dict:
    """Write ``listing_history.csv`` (our own documented format)."""
    lh = sim.listing
    df = pd.DataFrame(
        {
            "month": lh["month"],
            "marketplace": lh["marketplace"],
            "sku": lh["sku"],
            "asin": lh["asin"],
            "price": F.fixed_text(lh["price"]),
            "currency": lh["currency"],
            "rating": F.fixed_text(lh["rating"], 1),
            "review_count": lh["review_count"].astype(str),
            "best_seller_rank": lh["best_seller_rank"].astype(str),
            "order_defect_rate": F.fixed_text(lh["order_defect_rate"], 4),
            "cancellation_rate": F.fixed_text(lh["cancellation_rate"], 4),
            "response_time_hours": F.fixed_text(lh["response_time_hours"], 1),
        }
    )
    path = out / "listing_history.csv"
    F.write_csv(path, list(df.columns), df, bom=False, quote_all=False)
    return {_rel(path, out): {"rows": len(df)}}


# --------------------------------------------------------------------------------------------------
def _ads_common(sim: Simulation, df: pd.DataFrame) -> pd.DataFrame:
    camp = sim.truth["campaigns"].set_index("campaign")
    prod = sim.products.set_index("sku")
    df = df.copy()
    df["portfolio"] = np.where(df["marketplace"] == "US", prod.loc[df["sku"], "category"].to_numpy(), "No Portfolio")
    df["currency"] = np.where(df["marketplace"] == "US", "USD", "GBP")
    df["ad_group"] = (
        "Ad group - "
        + df["campaign"]
        .str.replace("SP UK - ", "", regex=False)
        .str.replace("SP - ", "", regex=False)
        .str.split(" - ")
        .str[0]
    )
    df["kind"] = camp.loc[df["campaign"], "kind"].to_numpy()
    return df


def _metrics_columns(df: pd.DataFrame, money: str, order: list[str]) -> dict[str, tuple[str, object]]:
    clicks = df["clicks"].to_numpy().astype(float)
    imp = df["impressions"].to_numpy().astype(float)
    spend = df["spend"].to_numpy()
    sales = df["sales"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        ctr = np.where(imp > 0, clicks / imp, np.nan)
        cpc = np.where(clicks > 0, np.round(spend / np.where(clicks > 0, clicks, 1), 2), np.nan)
        acos = np.where(sales > 0, spend / np.where(sales > 0, sales, 1), np.nan)
        roas = np.where(spend > 0, np.round(sales / np.where(spend > 0, spend, 1), 2), 0.0)
        cvr = np.where(clicks > 0, df["orders"].to_numpy() / np.where(clicks > 0, clicks, 1), 0.0)
    return {
        "Impressions": ("int", df["impressions"].to_numpy()),
        "Clicks": ("int", df["clicks"].to_numpy()),
        "Click-Thru Rate (CTR)": ("rate", ctr),
        "Cost Per Click (CPC)": (money, cpc),
        "Spend": (money, spend),
        "7 Day Total Sales": (money, sales),
        "Total Advertising Cost of Sales (ACOS)": ("rate", acos),
        "Total Advertising Cost of Sales (ACoS)": ("rate", acos),
        "Total Return on Advertising Spend (ROAS)": ("roas", roas),
        "Total Return on Advertising Spend (RoAS)": ("roas", roas),
        "7 Day Total Orders (#)": ("int", df["orders"].to_numpy()),
        "7 Day Total Units (#)": ("int", df["units"].to_numpy()),
        "7 Day Conversion Rate": ("rate", cvr),
        "7 Day Advertised SKU Units (#)": ("int", df["adv_units"].to_numpy()),
        "7 Day Other SKU Units (#)": ("int", df["other_units"].to_numpy()),
        "7 Day Advertised SKU Sales": (money, df["adv_sales"].to_numpy()),
        "7 Day Other SKU Sales": (money, df["other_sales"].to_numpy()),
    }


def _write_ads_xlsx(path: Path, sheet: str, header: list[str], df: pd.DataFrame) -> dict:
    money = "money:USD" if (df["currency"] == "USD").all() else "money:GBP"
    cols = _metrics_columns(df, money, header)
    cols.update(
        {
            "Date": ("date", df["date"].to_numpy()),
            "Portfolio name": ("text", df["portfolio"]),
            "Currency": ("text", df["currency"]),
            "Campaign Name": ("text", df["campaign"]),
            "Ad Group Name": ("text", df.get("ad_group")),
            "Targeting": ("text", df.get("targeting")),
            "Match Type": ("text", df.get("match_type")),
            "Customer Search Term": ("text", df.get("search_term")),
            "Advertised SKU": ("text", df.get("sku")),
            "Advertised ASIN": ("text", df.get("asin")),
            "Bidding strategy": ("text", df.get("bidding")),
            "Placement": ("text", df.get("placement")),
        }
    )
    F.write_xlsx(path, sheet, header, [cols[h.strip()] for h in header])
    return {
        "rows": int(len(df)),
        "impressions": int(df["impressions"].sum()),
        "clicks": int(df["clicks"].sum()),
        "spend": round(float(df["spend"].sum()), 2),
        "sales_7d": round(float(df["sales"].sum()), 2),
        "orders_7d": int(df["orders"].sum()),
        "units_7d": int(df["units"].sum()),
        "first_date": str(pd.Timestamp(df["date"].min()).date()) if len(df) else None,
        "last_date": str(pd.Timestamp(df["date"].max()).date()) if len(df) else None,
    }


_SUM = [
    "impressions",
    "clicks",
    "spend",
    "adv_units",
    "other_units",
    "adv_sales",
    "other_sales",
    "units",
    "orders",
    "sales",
    "adv_units_true",
    "adv_sales_true",
    "sales_true",
]


def _agg(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    g = df.groupby(keys, sort=False, dropna=False)[_SUM].sum().reset_index()
    for c in ["spend", "adv_sales", "other_sales", "sales", "adv_sales_true", "sales_true"]:
        g[c] = g[c].round(2)
    return g


def write_ads(sim: Simulation, out: Path) -> dict:
    """Write the Sponsored Products console downloads (12 monthly files per report kind)."""
    ads = sim.ads[sim.ads["date"] >= pd.Timestamp(cat.ADS_START)]
    ads = _ads_common(sim, ads)
    ads["month"] = ads["date"].dt.strftime("%Y-%m")
    asin = sim.products.set_index("sku")["asin"]
    camp = sim.truth["campaigns"].set_index("campaign")
    rng = np.random.default_rng(sim.seed + 1)
    exp: dict = {}
    for mkt in cat.MARKETPLACES:
        base = out / mkt.lower() / "ads"
        a = ads[ads["marketplace"] == mkt]
        st_header = F.SEARCH_TERM_US if mkt == "US" else F.SEARCH_TERM_UK
        for month, m in a.groupby("month", sort=True):
            # search terms: only rows with at least one click
            st = m[m["clicks"] > 0]
            p = base / "search_terms" / f"Sponsored Products Search term report - {month}.xlsx"
            exp[_rel(p, out)] = _write_ads_xlsx(p, F.SHEET_SEARCH_TERM, st_header, st)
            if mkt == "US" and month == OVERLAP[0][:7]:
                ov = st[(st["date"] >= pd.Timestamp(OVERLAP[0])) & (st["date"] <= pd.Timestamp(OVERLAP[1]))]
                p2 = base / "search_terms" / (f"Sponsored Products Search term report - {OVERLAP[0]}_{OVERLAP[1]}.xlsx")
                exp[_rel(p2, out)] = _write_ads_xlsx(p2, F.SHEET_SEARCH_TERM, st_header, ov)
                exp[_rel(p2, out)]["duplicates_rows_of"] = _rel(p, out)
            # targeting
            keys = ["date", "portfolio", "currency", "campaign", "ad_group", "targeting", "match_type", "sku"]
            tg = _agg(m, keys)
            tg = tg[tg["impressions"] > 0]
            p = base / "targeting" / f"Sponsored Products Targeting report - {month}.xlsx"
            exp[_rel(p, out)] = _write_ads_xlsx(p, F.SHEET_TARGETING, F.TARGETING, tg)
            # advertised product
            ap = _agg(m, ["date", "portfolio", "currency", "campaign", "ad_group", "sku"])
            ap["asin"] = asin.loc[ap["sku"]].to_numpy()
            p = base / "advertised_product" / f"Sponsored Products Advertised product report - {month}.xlsx"
            exp[_rel(p, out)] = _write_ads_xlsx(p, F.SHEET_ADVERTISED_PRODUCT, F.ADVERTISED_PRODUCT, ap)
            # campaign-day totals, then placement split
            cdf = _agg(m, ["date", "portfolio", "currency", "campaign", "sku"])
            cdf["bidding"] = np.where(
                camp.loc[cdf["campaign"], "kind"].to_numpy() == "exact",
                "Dynamic bids - up and down",
                "Dynamic bids - down only",
            )
            share = np.array(cat.PLACEMENT_SHARE)
            clicks_p = F_split(rng, cdf["clicks"].to_numpy(), np.tile(share, (len(cdf), 1)))
            imp_p = clicks_p + F_split(
                rng, (cdf["impressions"] - cdf["clicks"]).to_numpy(), np.tile([0.25, 0.35, 0.40], (len(cdf), 1))
            )
            conv_w = clicks_p * np.array([1.2, 0.9, 0.7])
            units_p = F_split(rng, cdf["units"].to_numpy(), conv_w)
            # units without converting clicks go to the first placement with clicks, else top of search
            lost = cdf["units"].to_numpy() - units_p.sum(1)
            units_p[:, 0] += lost
            with np.errstate(invalid="ignore", divide="ignore"):
                sp_share = np.where(
                    cdf["clicks"].to_numpy()[:, None] > 0,
                    clicks_p / np.maximum(cdf["clicks"].to_numpy()[:, None], 1),
                    0,
                )
                un_share = np.where(
                    cdf["units"].to_numpy()[:, None] > 0, units_p / np.maximum(cdf["units"].to_numpy()[:, None], 1), 0
                )
            spend_p = np.round(cdf["spend"].to_numpy()[:, None] * sp_share, 2)
            spend_p[:, 2] = np.round(cdf["spend"].to_numpy() - spend_p[:, :2].sum(1), 2)
            sales_p = np.round(cdf["sales"].to_numpy()[:, None] * un_share, 2)
            sales_p[:, 2] = np.round(cdf["sales"].to_numpy() - sales_p[:, :2].sum(1), 2)
            pl = pd.DataFrame(
                {
                    "date": np.repeat(cdf["date"].to_numpy(), 3),
                    "portfolio": np.repeat(cdf["portfolio"].to_numpy(), 3),
                    "currency": np.repeat(cdf["currency"].to_numpy(), 3),
                    "campaign": np.repeat(cdf["campaign"].to_numpy(), 3),
                    "bidding": np.repeat(cdf["bidding"].to_numpy(), 3),
                    "placement": np.tile(cat.PLACEMENTS, len(cdf)),
                    "impressions": imp_p.ravel(),
                    "clicks": clicks_p.ravel(),
                    "spend": spend_p.ravel(),
                    "sales": sales_p.ravel(),
                    "orders": units_p.ravel(),
                    "units": units_p.ravel(),
                    "adv_units": 0,
                    "other_units": 0,
                    "adv_sales": 0.0,
                    "other_sales": 0.0,
                }
            )
            pl = pl[pl["impressions"] > 0]
            p = base / "placement" / f"Sponsored Products Placement report - {month}.xlsx"
            exp[_rel(p, out)] = _write_ads_xlsx(p, F.SHEET_PLACEMENT, F.PLACEMENT, pl)
            # campaign report CSV (2019 console style)
            exp.update(
                _write_campaign_csv(
                    cdf, camp, base / "campaigns" / f"Sponsored Products Campaign report - {month}.csv", out, mkt
                )
            )
    return exp


def F_split(rng, n, w):  # noqa: N802 - small alias
    from .simulate import _split

    return _split(rng, np.asarray(n), w)


def _csv_money(values, symbol: str) -> pd.Series:
    """Console CSV money as Python prints floats: ``$3.0``, ``$2.98``, ``$0.4966667``."""
    v = pd.Series(np.asarray(values, dtype=float))
    return symbol + v.astype(str)


def _write_campaign_csv(cdf: pd.DataFrame, camp: pd.DataFrame, path: Path, out: Path, mkt: str) -> dict:
    cdf = cdf[cdf["impressions"] > 0].reset_index(drop=True)
    sym = cat.MARKETPLACES[mkt]["symbol"]
    clicks = cdf["clicks"].to_numpy()
    spend = cdf["spend"].to_numpy()
    sales = cdf["sales"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        cpc = np.where(clicks > 0, np.round(spend / np.maximum(clicks, 1), 7), np.nan)
        acos = np.where(sales > 0, spend / np.where(sales > 0, sales, 1), 0.0)
    cpc_txt = _csv_money(cpc, sym).where(clicks > 0, "")
    info = camp.loc[cdf["campaign"]]
    rows = pd.DataFrame(
        {
            "Date": F.console_date_text(cdf["date"]),
            "Start Date": info["start_date"].to_numpy(),
            "End Date": "",
            "Portfolio name": cdf["portfolio"],
            "Campaign Type": "Sponsored Products",
            "Campaign Name": cdf["campaign"],
            "Status": "ENABLED",
            "Currency": cdf["currency"],
            "Budget": _csv_money(np.round(info["budget"].to_numpy() * cat.VOLUME, 1), sym),
            "Targeting Type": np.where(info["kind"].to_numpy() == "auto", "Automatic targeting", "Manual targeting"),
            "Bidding strategy": cdf["bidding"],
            "Impressions": cdf["impressions"].astype(str),
            "Clicks": cdf["clicks"].astype(str),
            "Click-Thru Rate (CTR)": F.percent_text(clicks / np.maximum(cdf["impressions"].to_numpy(), 1)),
            "Spend": _csv_money(spend, sym),
            "Cost Per Click (CPC)": cpc_txt,
            "7 Day Total Orders (#)": cdf["orders"].astype(str),
            "Total Advertising Cost of Sales (ACoS) ": F.percent_text(acos),
            "7 Day Total Sales ": _csv_money(sales, sym),
        }
    )
    F.write_csv(path, F.CAMPAIGN_CSV, rows[F.CAMPAIGN_CSV].reset_index(drop=True), bom=True, quote_all=False, crlf=True)
    return {
        _rel(path, out): {
            "rows": int(len(rows)),
            "spend": round(float(spend.sum()), 2),
            "clicks": int(clicks.sum()),
            "sales_7d": round(float(sales.sum()), 2),
            "orders_7d": int(cdf["orders"].sum()),
        }
    }


# --------------------------------------------------------------------------------------------------
def write_business_reports(sim: Simulation, out: Path) -> dict:
    """Write monthly By Child Item reports (header 2c, SKU view) and one daily By Date report."""
    exp: dict = {}
    d = sim.daily
    prod = sim.products.set_index("sku")
    for mkt, dm in d.groupby("marketplace", sort=True):
        sym = cat.MARKETPLACES[mkt]["symbol"]
        base = out / mkt.lower() / "business_reports"
        g = (
            dm.groupby(["month", "sku"], sort=True)
            .agg(
                sessions=("sessions", "sum"),
                sessions_mobile=("sessions_mobile", "sum"),
                sessions_b2b=("sessions_b2b", "sum"),
                page_views=("page_views", "sum"),
                page_views_mobile=("page_views_mobile", "sum"),
                page_views_b2b=("page_views_b2b", "sum"),
                units=("units", "sum"),
                units_b2b=("units_b2b", "sum"),
                sales=("sales", "sum"),
                sales_b2b=("sales_b2b", "sum"),
                orders=("orders", "sum"),
                orders_b2b=("orders_b2b", "sum"),
            )
            .reset_index()
        )
        bb_w = dm.assign(w=dm["buy_box"] * dm["page_views"]).groupby(["month", "sku"], sort=True)["w"].sum()
        g["buy_box"] = bb_w.to_numpy() / np.maximum(g["page_views"].to_numpy(), 1)
        for month, m in g.groupby("month", sort=True):
            m = m.reset_index(drop=True)
            sb = m["sessions_b2b"].to_numpy()
            mob_b2b = np.round(sb * 0.55).astype(int)
            pvb = m["page_views_b2b"].to_numpy()
            pv_mob_b2b = np.minimum(np.round(pvb * 0.55).astype(int), pvb)
            cols = {
                "Sessions - Mobile App": m["sessions_mobile"],
                "Sessions - Mobile APP - B2B": mob_b2b,
                "Sessions - Browser": m["sessions"] - m["sessions_mobile"],
                "Sessions - Browser - B2B": sb - mob_b2b,
                "Sessions - Total": m["sessions"],
                "Sessions - Total - B2B": sb,
                "Page Views - Mobile App": m["page_views_mobile"],
                "Page Views - Mobile APP - B2B": pv_mob_b2b,
                "Page Views - Browser": m["page_views"] - m["page_views_mobile"],
                "Page Views - Browser - B2B": pvb - pv_mob_b2b,
                "Page Views - Total": m["page_views"],
                "Page Views - Total - B2B": pvb,
            }
            asin = prod.loc[m["sku"], "asin"].to_numpy()
            rows = pd.DataFrame(
                {
                    "(Parent) ASIN": asin,
                    "(Child) ASIN": asin,
                    "Title": prod.loc[m["sku"], "title"].to_numpy(),
                    "SKU": m["sku"],
                }
            )
            for name in [
                "Sessions - Mobile App",
                "Sessions - Mobile APP - B2B",
                "Sessions - Browser",
                "Sessions - Browser - B2B",
                "Sessions - Total",
                "Sessions - Total - B2B",
            ]:
                rows[name] = F.int_text(cols[name])
            for name in ["Mobile App", "Mobile APP - B2B", "Browser", "Browser - B2B", "Total", "Total - B2B"]:
                v = np.asarray(cols[f"Sessions - {name}"], dtype=float)
                rows[f"Session Percentage - {name}"] = F.percent_text(v / max(v.sum(), 1))
            for name in [
                "Page Views - Mobile App",
                "Page Views - Mobile APP - B2B",
                "Page Views - Browser",
                "Page Views - Browser - B2B",
                "Page Views - Total",
                "Page Views - Total - B2B",
            ]:
                rows[name] = F.int_text(cols[name])
            for src, name in [
                ("Mobile App", "Mobile App"),
                ("Mobile APP - B2B", "Mobile App - B2B"),
                ("Browser", "Browser"),
                ("Browser - B2B", "Browser - B2B"),
                ("Total", "Total"),
                ("Total - B2B", "Total - B2B"),
            ]:
                v = np.asarray(cols[f"Page Views - {src}"], dtype=float)
                rows[f"Page Views Percentage - {name}"] = F.percent_text(v / max(v.sum(), 1))
            rows["Featured Offer (Buy Box) Percentage"] = F.percent_text(m["buy_box"], 0)
            rows["Featured Offer (Buy Box) Percentage - B2B"] = F.percent_text(np.where(sb > 0, m["buy_box"], 0), 0)
            rows["Units Ordered"] = F.int_text(m["units"])
            rows["Units Ordered - B2B"] = F.int_text(m["units_b2b"])
            rows["Unit Session Percentage"] = F.percent_text(m["units"] / np.maximum(m["sessions"], 1))
            rows["Unit Session Percentage - B2B"] = F.percent_text(m["units_b2b"] / np.maximum(sb, 1))
            rows["Ordered Product Sales"] = F.money_text(m["sales"], sym)
            rows["Ordered Product Sales - B2B"] = F.money_text(m["sales_b2b"], sym)
            rows["Total Order Items"] = F.int_text(m["orders"])
            rows["Total Order Items - B2B"] = F.int_text(m["orders_b2b"])
            rows = rows[F.CHILD_ITEM]
            # The report has no date column: like an analyst following the README, name it by its month.
            p = base / "child_item" / f"BusinessReport-{month}.csv"
            e = {
                "rows": int(len(rows)),
                "month": month,
                "units_ordered": int(m["units"].sum()),
                "sessions_total": int(m["sessions"].sum()),
                "ordered_product_sales": round(float(m["sales"].sum()), 2),
                "total_order_items": int(m["orders"].sum()),
            }
            if mkt == GARBAGE["marketplace"] and month == GARBAGE["month"]:
                r = GARBAGE["row"] - 1
                e["garbage"] = {
                    "row": GARBAGE["row"],
                    "column": GARBAGE["column"],
                    "value": GARBAGE["value"],
                    "sku": str(m.at[r, "sku"]),
                    "true_value": int(m.at[r, "units"]),
                }
                rows.loc[r, GARBAGE["column"]] = GARBAGE["value"]
            F.write_csv(p, F.CHILD_ITEM, rows, bom=True, quote_all=True)
            exp[_rel(p, out)] = e
        # by date, daily
        day = (
            dm.groupby("date", sort=True)[
                [
                    "sales",
                    "sales_b2b",
                    "units",
                    "units_b2b",
                    "orders",
                    "orders_b2b",
                    "sessions",
                    "sessions_b2b",
                    "offer_count",
                ]
            ]
            .sum()
            .reset_index()
        )
        day["offer_count"] = dm.groupby("date", sort=True)["offer_count"].mean().to_numpy()
        dates = pd.DatetimeIndex(day["date"])
        if mkt == "US":
            dtxt = pd.Series(dates.strftime("%m/%d/%Y"))
        else:
            dtxt = pd.Series(dates.strftime("%d/%m/%Y"))

        def ratio(a, b):
            a = np.asarray(a, dtype=float)
            b = np.asarray(b, dtype=float)
            return np.where(b > 0, a / np.maximum(b, 1e-12), 0.0)

        rows = pd.DataFrame(
            {
                "Date": dtxt,
                "Ordered Product Sales": F.money_text(day["sales"], sym),
                "Ordered Product Sales - B2B": F.money_text(day["sales_b2b"], sym),
                "Units Ordered": F.int_text(day["units"]),
                "Units Ordered - B2B": F.int_text(day["units_b2b"]),
                "Total Order Items": F.int_text(day["orders"]),
                "Total Order Items - B2B": F.int_text(day["orders_b2b"]),
                "Average Sales per Order Item": F.money_text(ratio(day["sales"], day["orders"]), sym),
                "Average Sales per Order Item - B2B": F.money_text(ratio(day["sales_b2b"], day["orders_b2b"]), sym),
                "Average Units per Order Item": F.fixed_text(ratio(day["units"], day["orders"])),
                "Average Units per Order Item - B2B": F.fixed_text(ratio(day["units_b2b"], day["orders_b2b"])),
                "Average Selling Price": F.money_text(ratio(day["sales"], day["units"]), sym),
                "Average Selling Price - B2B": F.money_text(ratio(day["sales_b2b"], day["units_b2b"]), sym),
                "Sessions - Total": F.int_text(day["sessions"]),
                "Sessions - Total - B2B": F.int_text(day["sessions_b2b"]),
                "Order Item Session Percentage": F.percent_text(ratio(day["orders"], day["sessions"])),
                "Order Item Session Percentage - B2B": F.percent_text(ratio(day["orders_b2b"], day["sessions_b2b"])),
                "Average Offer Count": F.int_text(np.round(day["offer_count"]).astype(int)),
            }
        )
        p = base / "by_date" / "BusinessReport-11-1-26.csv"
        F.write_csv(p, F.BY_DATE, rows, bom=True, quote_all=True)
        exp[_rel(p, out)] = {
            "rows": int(len(rows)),
            "units_ordered": int(day["units"].sum()),
            "sessions_total": int(day["sessions"].sum()),
            "ordered_product_sales": round(float(day["sales"].sum()), 2),
            "date_format": "MM/DD/YYYY" if mkt == "US" else "DD/MM/YYYY",
        }
    return exp


# --------------------------------------------------------------------------------------------------
def inventory_ages(sim: Simulation, t: int) -> pd.DataFrame:
    """FIFO age of the units on hand at the end of day index ``t``: one row per series and lot."""
    lots = sim.lots[sim.lots["arrival"] <= t].sort_values(["series", "arrival"], kind="stable").copy()
    S = sim.truth["series"].shape[0]
    units = sim.daily["units"].to_numpy().reshape(S, -1)
    out_cum = units[:, : t + 1].sum(1) + sim.removed[:, : t + 1].sum(1)
    lots["cum"] = lots.groupby("series")["qty"].cumsum()
    lots["remaining"] = np.clip(lots["cum"] - out_cum[lots["series"].to_numpy()], 0, lots["qty"])
    lots["age"] = t - lots["arrival"]
    return lots[lots["remaining"] > 0]


def _age_buckets(ages: pd.DataFrame, S: int, edges: list[tuple[int, int]]) -> np.ndarray:
    res = np.zeros((S, len(edges)), dtype=np.int64)
    for j, (lo, hi) in enumerate(edges):
        sel = (ages["age"] >= lo) & (ages["age"] <= hi)
        np.add.at(res[:, j], ages.loc[sel, "series"].to_numpy(), ages.loc[sel, "remaining"].to_numpy())
    return res


AIS_EDGES = [(181, 210), (211, 240), (241, 270), (271, 300), (301, 330), (331, 365), (366, 10**6)]


def aged_surcharge(sim: Simulation, t: int) -> pd.DataFrame:
    """Aged-inventory surcharge per series at day ``t`` (local currency), from the FIFO ages."""
    S = sim.truth["series"].shape[0]
    q = _age_buckets(inventory_ages(sim, t), S, AIS_EDGES)
    cuft = sim.storage.groupby("series", sort=True)["cubic_feet"].first().to_numpy()
    rates = np.array(list(cat.AGED_SURCHARGE_PER_CUFT.values()))
    fee = np.round(q * cuft[:, None] * rates[None, :], 2)
    return (
        pd.DataFrame(
            {"series": np.arange(S), "units_181_plus": q.sum(1), "units_365_plus": q[:, -1], "fee": fee.sum(1)}
        ),
        q,
        fee,
    )


def write_inventory(sim: Simulation, out: Path) -> dict:
    """Write monthly planning snapshots (old LTSF layout, then new AIS layout) and the MYI file."""
    exp: dict = {}
    ser = sim.truth["series"]
    S = len(ser)
    D = len(sim.daily) // S
    pd.date_range(cat.START, cat.END)
    prod = sim.products.set_index("sku")
    units = sim.daily["units"].to_numpy().reshape(S, D)
    onhand = sim.daily["onhand_end"].to_numpy().reshape(S, D)
    price = sim.daily["price"].to_numpy().reshape(S, D)
    lots = sim.lots
    for month in sim.truth["month_labels"]:
        a, z = _month_bounds(month)
        t = (z - cat.START).days
        ages = inventory_ages(sim, t)
        new = z >= cat.PLANNING_NEW_LAYOUT_FROM
        for mkt in cat.MARKETPLACES:
            idx = np.flatnonzero(ser["marketplace"].to_numpy() == mkt)
            sku = ser["sku"].to_numpy()[idx]

            def tsum(n, idx=idx, t=t):
                return units[idx, max(0, t - n + 1) : t + 1].sum(1)

            t30, t90 = tsum(30), tsum(90)
            avail = onhand[idx, t]
            inbound = np.array(
                [lots[(lots["series"] == s) & (lots["arrival"] > t) & (lots["ordered"] <= t)]["qty"].sum() for s in idx]
            )
            dos = np.where(t30 > 0, np.round(avail / np.maximum(t30 / 30, 1e-9)), 999).astype(int)
            with np.errstate(divide="ignore", invalid="ignore"):
                sell_through = np.round(np.where(avail > 0, t90 / np.maximum(avail, 1), 0), 2)
            excess = np.maximum(0, avail - np.round(t90)).astype(int)
            cuft = prod.loc[sku, "cubic_feet"].to_numpy()
            cols: dict[str, object] = {
                "snapshot-date": z.isoformat(),
                "sku": sku,
                "fnsku": prod.loc[sku, "fnsku"].to_numpy(),
                "asin": prod.loc[sku, "asin"].to_numpy(),
                "product-name": prod.loc[sku, "title"].to_numpy(),
                "condition": "New",
                "available": avail,
                "pending-removal-quantity": 0,
                "currency": cat.MARKETPLACES[mkt]["currency"],
                "units-shipped-t7": tsum(7),
                "units-shipped-t30": t30,
                "units-shipped-t60": tsum(60),
                "units-shipped-t90": t90,
                "alert": np.where(avail == 0, "out_of_stock", np.where(dos < 30, "low_stock", "")),
                "your-price": F.fixed_text(price[idx, t]),
                "sales-price": F.fixed_text(price[idx, t]),
                "recommended-action": np.where(excess > 0, "Create removal order", "No action required"),
                "sell-through": F.fixed_text(sell_through),
                "item-volume": F.fixed_text(cuft, 4),
                "volume-unit-measurement": "cubic feet",
                "storage-type": "Standard",
                "storage-volume": F.fixed_text(cuft * avail, 4),
                "marketplace": mkt,
                "days-of-supply": dos,
                "estimated-excess-quantity": excess,
                "weeks-of-cover-t30": F.fixed_text(np.where(t30 > 0, avail / np.maximum(t30 / 30 * 7, 1e-9), 0)),
                "weeks-of-cover-t90": F.fixed_text(np.where(t90 > 0, avail / np.maximum(t90 / 90 * 7, 1e-9), 0)),
                "inbound-quantity": inbound,
                "reserved-quantity": 0,
                "unfulfillable-quantity": 0,
            }
            sub = ages[ages["series"].isin(idx)].copy()
            sub["series"] = np.searchsorted(idx, sub["series"].to_numpy())
            if new:
                edges = [(0, 30), (31, 60), (61, 90), (91, 180), (181, 330), (331, 365), (366, 10**6)]
                q = _age_buckets(sub, len(idx), edges)
                for j, name in enumerate(F.PLANNING_NEW_AGES):
                    cols[name] = q[:, j]
                qa = _age_buckets(sub, len(idx), AIS_EDGES)
                rates = np.array(list(cat.AGED_SURCHARGE_PER_CUFT.values()))
                for j, b in enumerate(F.AIS_BANDS):
                    cols[f"estimated-ais-{b}-days"] = F.fixed_text(qa[:, j] * cuft * rates[j])
                    cols[f"quantity-to-be-charged-ais-{b}-days"] = qa[:, j]
                nm = int(month[-2:]) % 12 + 1
                rate = cat.STORAGE_FEE_PER_CUFT["peak" if nm in (10, 11, 12) else "off_peak"]
                cols["estimated-storage-cost-next-month"] = F.fixed_text(avail * cuft * rate)
                header = F.PLANNING_NEW
            else:
                edges = [(0, 90), (91, 180), (181, 270), (271, 365), (366, 10**6)]
                q = _age_buckets(sub, len(idx), edges)
                for j, name in enumerate(F.PLANNING_OLD_AGES):
                    cols[name] = q[:, j]
                q9 = _age_buckets(sub, len(idx), [(271, 10**6)])[:, 0]
                cols["qty-to-be-charged-ltsf-9-mo"] = q9
                cols["projected-ltsf-9-mo"] = F.fixed_text(q9 * cuft * 3.80)
                cols["qty-to-be-charged-ltsf-12-mo"] = q[:, -1]
                cols["estimated-ltsf-next-charge"] = F.fixed_text(q[:, -1] * cuft * 6.90)
                header = F.PLANNING_OLD
            df = pd.DataFrame({h: (cols[h] if not np.isscalar(cols[h]) else [cols[h]] * len(idx)) for h in header})
            p = out / mkt.lower() / "inventory" / "planning" / f"FBA_Inventory_Planning_{z.isoformat()}.txt"
            F.write_tsv(p, header, df)
            exp[_rel(p, out)] = {
                "rows": int(len(df)),
                "snapshot_date": z.isoformat(),
                "layout": "new_ais" if new else "old_ltsf",
                "available": int(avail.sum()),
                "age_365_plus": int(q[:, -1].sum()),
            }
    # Manage FBA Inventory, current
    t = D - 1
    for mkt in cat.MARKETPLACES:
        idx = np.flatnonzero(ser["marketplace"].to_numpy() == mkt)
        sku = ser["sku"].to_numpy()[idx]
        inbound = np.array([lots[(lots["series"] == s) & (lots["arrival"] > t)]["qty"].sum() for s in idx])
        avail = onhand[idx, t]
        df = pd.DataFrame(
            {
                "sku": sku,
                "fnsku": prod.loc[sku, "fnsku"].to_numpy(),
                "asin": prod.loc[sku, "asin"].to_numpy(),
                "product-name": prod.loc[sku, "title"].to_numpy(),
                "condition": "New",
                "your-price": F.fixed_text(price[idx, t]),
                "mfn-listing-exists": "No",
                "mfn-fulfillable-quantity": "",
                "afn-listing-exists": "Yes",
                "afn-warehouse-quantity": avail,
                "afn-fulfillable-quantity": avail,
                "afn-unsellable-quantity": 0,
                "afn-reserved-quantity": 0,
                "afn-total-quantity": avail + inbound,
                "per-unit-volume": F.fixed_text(prod.loc[sku, "cubic_feet"].to_numpy()),
                "afn-inbound-working-quantity": 0,
                "afn-inbound-shipped-quantity": inbound,
                "afn-inbound-receiving-quantity": 0,
                "afn-researching-quantity": 0,
                "afn-reserved-future-supply": 0,
                "afn-future-supply-buyable": 0,
            }
        )
        p = out / mkt.lower() / "inventory" / f"GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA_{cat.END.isoformat()}.txt"
        F.write_tsv(p, F.MYI, df[F.MYI])
        exp[_rel(p, out)] = {"rows": int(len(df)), "afn_fulfillable": int(avail.sum()), "inbound": int(inbound.sum())}
    return exp


# --------------------------------------------------------------------------------------------------
CITIES = {
    "US": [
        ("SEATTLE", "WA", "98101"),
        ("AUSTIN", "TX", "78701"),
        ("BROOKLYN", "NY", "11201"),
        ("CHICAGO", "IL", "60614"),
        ("DENVER", "CO", "80202"),
        ("MIAMI", "FL", "33101"),
        ("PORTLAND", "OR", "97205"),
        ("ATLANTA", "GA", "30303"),
        ("SAN DIEGO", "CA", "92101"),
        ("COLUMBUS", "OH", "43215"),
    ],
    "UK": [
        ("LONDON", "Greater London", "SW1A 1AA"),
        ("MANCHESTER", "Greater Manchester", "M1 1AE"),
        ("LEEDS", "West Yorkshire", "LS1 4AP"),
        ("BRISTOL", "Bristol", "BS1 5TR"),
        ("GLASGOW", "Glasgow City", "G1 1XQ"),
        ("BIRMINGHAM", "West Midlands", "B1 1BB"),
        ("CARDIFF", "Cardiff", "CF10 1EP"),
        ("EDINBURGH", "Edinburgh", "EH1 1YZ"),
        ("NOTTINGHAM", "Nottinghamshire", "NG1 5FS"),
        ("BRIGHTON", "East Sussex", "BN1 1AA"),
    ],
}


def write_orders_returns(sim: Simulation, out: Path) -> dict:
    """Write the All Orders flat file and the FBA customer returns report per marketplace."""
    exp: dict = {}
    prod = sim.products.set_index("sku")
    for mkt in cat.MARKETPLACES:
        o = sim.orders[sim.orders["marketplace"] == mkt].reset_index(drop=True)
        info = cat.MARKETPLACES[mkt]
        city = np.array(CITIES[mkt], dtype=object)[o["place"].to_numpy()]
        canc = o["cancelled"].to_numpy()
        last = np.where(canc, o["purchase_utc"] + pd.Timedelta(minutes=45), o["ship_utc"])
        money = F.fixed_text
        df = pd.DataFrame(
            {
                "amazon-order-id": o["order_id"],
                "merchant-order-id": "",
                "purchase-date": F.iso_utc_text(o["purchase_utc"]),
                "last-updated-date": F.iso_utc_text(last),
                "order-status": np.where(canc, "Cancelled", "Shipped"),
                "fulfillment-channel": "Amazon",
                "sales-channel": info["channel"],
                "order-channel": "",
                "url": "",
                "ship-service-level": o["level"],
                "product-name": prod.loc[o["sku"], "title"].to_numpy(),
                "sku": o["sku"],
                "asin": prod.loc[o["sku"], "asin"].to_numpy(),
                "item-status": np.where(canc, "Cancelled", "Shipped"),
                "quantity": np.where(canc, 0, o["quantity"]).astype(str),
                "currency": info["currency"],
                "item-price": money(o["item_price"]).where(~canc, ""),
                "item-tax": money(o["item_tax"]).where(~canc, ""),
                "shipping-price": np.where(canc, "", "0.00"),
                "shipping-tax": np.where(canc, "", "0.00"),
                "gift-wrap-price": "",
                "gift-wrap-tax": "",
                "item-promotion-discount": money(-o["promo_discount"]).where((o["promo_discount"] > 0) & ~canc, ""),
                "ship-promotion-discount": "",
                "ship-city": city[:, 0],
                "ship-state": city[:, 1],
                "ship-postal-code": city[:, 2],
                "ship-country": mkt if mkt == "US" else "GB",
                "promotion-ids": o["promotion_id"].where(~canc, ""),
                "is-business-order": np.where(o["b2b"], "true", "false"),
                "purchase-order-number": "",
                "price-designation": np.where(o["b2b"], "BusinessPrice", ""),
            }
        )
        p = out / mkt.lower() / "orders" / f"All_Orders_{cat.START.isoformat()}_{cat.END.isoformat()}.txt"
        F.write_tsv(p, F.ALL_ORDERS, df[F.ALL_ORDERS])
        exp[_rel(p, out)] = {
            "rows": int(len(df)),
            "orders_shipped": int((~canc).sum()),
            "orders_cancelled": int(canc.sum()),
            "units_shipped": int(o.loc[~canc, "quantity"].sum()),
            "units_cancelled": int(o.loc[canc, "quantity"].sum()),
            "item_price_shipped": round(float(o.loc[~canc, "item_price"].sum()), 2),
        }
        r = sim.returns[sim.returns["marketplace"] == mkt].reset_index(drop=True)
        rdf = pd.DataFrame(
            {
                "return-date": F.iso_utc_text(r["return_utc"]),
                "order-id": r["order_id"],
                "sku": r["sku"],
                "asin": prod.loc[r["sku"], "asin"].to_numpy(),
                "fnsku": prod.loc[r["sku"], "fnsku"].to_numpy(),
                "product-name": prod.loc[r["sku"], "title"].to_numpy(),
                "quantity": r["quantity"].astype(str),
                "fulfillment-center-id": r["fc"]
                if mkt == "US"
                else r["fc"].map({"ONT8": "LTN1", "LGB8": "BHX4", "PHX6": "MAN1", "MDW2": "EUK5"}),
                "detailed-disposition": r["disposition"],
                "reason": r["reason"],
                "status": np.where(r["disposition"] == "SELLABLE", "Unit returned to inventory", "Reimbursed"),
                "license-plate-number": r["lpn"],
                "customer-comments": "",
            }
        )
        p = out / mkt.lower() / "returns" / f"FBA_Customer_Returns_{cat.START.isoformat()}_{cat.END.isoformat()}.txt"
        F.write_tsv(p, F.RETURNS, rdf[F.RETURNS])
        exp[_rel(p, out)] = {"rows": int(len(rdf)), "units_returned": int(r["quantity"].sum())}
    return exp


# --------------------------------------------------------------------------------------------------
def payment_events(sim: Simulation) -> pd.DataFrame:
    """All transaction-report rows (numbers, not text), both marketplaces, sorted by time."""
    prod = sim.products.set_index("sku")
    o = sim.orders[~sim.orders["cancelled"]]
    o = o[o["ship_utc"] <= pd.Timestamp(cat.END) + pd.Timedelta(hours=7)]
    us = (o["marketplace"] == "US").to_numpy()
    tax = np.where(us, o["item_tax"], 0.0)
    ev_o = pd.DataFrame(
        {
            "utc": o["ship_utc"].to_numpy(),
            "marketplace": o["marketplace"].to_numpy(),
            "type": "Order",
            "order id": o["order_id"].to_numpy(),
            "sku": o["sku"].to_numpy(),
            "description": prod.loc[o["sku"], "title"].to_numpy(),
            "quantity": o["quantity"].to_numpy(),
            "account type": "Standard Orders",
            "fulfillment": "Amazon",
            "place": o["place"].to_numpy(),
            "product sales": o["item_price"].to_numpy(),
            "product sales tax": tax,
            "promotional rebates": -o["promo_discount"].to_numpy(),
            "marketplace withheld tax": -tax,
            "selling fees": -o["referral_fee"].to_numpy(),
            "fba fees": -o["fba_fee"].to_numpy(),
            "other transaction fees": 0.0,
            "other": 0.0,
        }
    )
    r = sim.returns
    r = r[r["refund_utc"] <= pd.Timestamp(cat.END) + pd.Timedelta(hours=7)]
    oo = sim.orders.set_index("order_id")
    rus = (r["marketplace"] == "US").to_numpy()
    rtax = np.where(rus, oo.loc[r["order_id"], "item_tax"].to_numpy(), 0.0)
    ev_r = pd.DataFrame(
        {
            "utc": r["refund_utc"].to_numpy(),
            "marketplace": r["marketplace"].to_numpy(),
            "type": "Refund",
            "order id": r["order_id"].to_numpy(),
            "sku": r["sku"].to_numpy(),
            "description": prod.loc[r["sku"], "title"].to_numpy(),
            "quantity": r["quantity"].to_numpy(),
            "account type": "Standard Orders",
            "fulfillment": "Amazon",
            "place": oo.loc[r["order_id"], "place"].to_numpy(),
            "product sales": -r["item_price"].to_numpy(),
            "product sales tax": -rtax,
            "promotional rebates": r["promo_discount"].to_numpy(),
            "marketplace withheld tax": rtax,
            "selling fees": np.round(r["referral_fee"].to_numpy() - r["admin_fee"].to_numpy(), 2),
            "fba fees": 0.0,
            "other transaction fees": 0.0,
            "other": 0.0,
        }
    )
    # advertising: billed weekly (Sunday), amount = the week's spend
    cd = sim.campaign_days.copy()
    cd["week_end"] = cd["date"] + pd.to_timedelta((6 - cd["date"].dt.day_of_week) % 7, unit="D")
    cd.loc[cd["week_end"] > pd.Timestamp(cat.END), "week_end"] = pd.Timestamp(cat.END)
    adw = cd.groupby(["marketplace", "week_end"], sort=True)["spend"].sum().round(2).reset_index()
    adw = adw[adw["spend"] > 0]
    ev_a = pd.DataFrame(
        {
            "utc": (adw["week_end"] + pd.Timedelta(hours=14)).to_numpy(),
            "marketplace": adw["marketplace"].to_numpy(),
            "type": "Service Fee",
            "order id": "",
            "sku": "",
            "description": "Cost of Advertising",
            "quantity": 0,
            "account type": "Standard Orders",
            "fulfillment": "",
            "place": -1,
            "product sales": 0.0,
            "product sales tax": 0.0,
            "promotional rebates": 0.0,
            "marketplace withheld tax": 0.0,
            "selling fees": 0.0,
            "fba fees": 0.0,
            "other transaction fees": -adw["spend"].to_numpy(),
            "other": 0.0,
        }
    )
    # storage (month m, posted on the 15th of m+1) and aged-inventory surcharge (snapshot at end of m)
    st = sim.storage.groupby(["marketplace", "month"], sort=True)["storage_fee"].sum().round(2).reset_index()
    rows = []
    ser = sim.truth["series"]
    for month in sim.truth["month_labels"]:
        a, z = _month_bounds(month)
        post = pd.Timestamp(z) + pd.Timedelta(days=15, hours=10)
        if post > pd.Timestamp(cat.END):
            continue
        sur, _, _ = aged_surcharge(sim, (z - cat.START).days)
        sur["marketplace"] = ser["marketplace"].to_numpy()
        for mkt in cat.MARKETPLACES:
            fee = float(st[(st["marketplace"] == mkt) & (st["month"] == month)]["storage_fee"].sum())
            rows.append((post, mkt, "FBA storage fee", -round(fee, 2)))
            s = round(float(sur.loc[sur["marketplace"] == mkt, "fee"].sum()), 2)
            if s > 0:
                desc = "Aged inventory surcharge" if z >= cat.PLANNING_NEW_LAYOUT_FROM else "FBA Long-Term Storage Fee"
                rows.append((post + pd.Timedelta(minutes=3), mkt, desc, -s))
    fe = pd.DataFrame(rows, columns=["utc", "marketplace", "description", "other"])
    ev_f = fe.assign(
        **{
            "type": "FBA Inventory Fee",
            "order id": "",
            "sku": "",
            "quantity": 0,
            "account type": "Standard Orders",
            "fulfillment": "",
            "place": -1,
            "product sales": 0.0,
            "product sales tax": 0.0,
            "promotional rebates": 0.0,
            "marketplace withheld tax": 0.0,
            "selling fees": 0.0,
            "fba fees": 0.0,
            "other transaction fees": 0.0,
        }
    )
    ev = pd.concat([ev_o, ev_r, ev_a, ev_f], ignore_index=True)
    amount_cols = [
        "product sales",
        "product sales tax",
        "promotional rebates",
        "marketplace withheld tax",
        "selling fees",
        "fba fees",
        "other transaction fees",
        "other",
    ]
    for c in amount_cols:
        ev[c] = ev[c].astype(float).round(2)
    ev["total"] = ev[amount_cols].sum(axis=1).round(2)
    # settlement periods of 14 days; a Transfer at the end of each period pays out the balance
    ev["period"] = ((pd.DatetimeIndex(ev["utc"]) - pd.Timestamp(cat.START)).days // 14).astype(int)
    tr = ev.groupby(["marketplace", "period"], sort=True)["total"].sum().round(2).reset_index()
    tr = tr[tr["total"] > 0]
    tr_utc = pd.Timestamp(cat.START) + pd.to_timedelta(tr["period"] * 14 + 14, unit="D") - pd.Timedelta(hours=2)
    keep = tr_utc <= pd.Timestamp(cat.END) + pd.Timedelta(hours=7)
    tr, tr_utc = tr[keep.to_numpy()], tr_utc[keep.to_numpy()]
    ev_t = pd.DataFrame(
        {
            "utc": tr_utc.to_numpy(),
            "marketplace": tr["marketplace"].to_numpy(),
            "type": "Transfer",
            "order id": "",
            "sku": "",
            "description": "To account ending in: 417",
            "quantity": 0,
            "account type": "Standard Orders",
            "fulfillment": "",
            "place": -1,
            "other": -tr["total"].to_numpy(),
            "total": -tr["total"].to_numpy(),
            "period": tr["period"].to_numpy(),
        }
    )
    for c in amount_cols:
        if c != "other":
            ev_t[c] = 0.0
    ev = pd.concat([ev, ev_t], ignore_index=True)
    ev["settlement id"] = (21874500000 + ev["period"] * 731 + np.where(ev["marketplace"] == "US", 0, 5)).astype(str)
    ev = ev.sort_values(["marketplace", "utc", "type", "order id"], kind="stable").reset_index(drop=True)
    return ev


def write_payments(sim: Simulation, out: Path) -> dict:
    """Write monthly Date Range transaction reports (preamble + header) per marketplace."""
    exp: dict = {}
    ev = payment_events(sim)
    for mkt in cat.MARKETPLACES:
        e = ev[ev["marketplace"] == mkt].reset_index(drop=True)
        if mkt == "US":
            local = pd.DatetimeIndex(e["utc"]).tz_localize("UTC").tz_convert(cat.MARKETPLACES[mkt]["tz"])
            e["month"] = local.strftime("%Y-%m")
            e["when"] = F.us_payment_time_text(e["utc"])
        else:
            e["month"] = pd.DatetimeIndex(e["utc"]).strftime("%Y-%m")
            e["when"] = F.utc_payment_time_text(e["utc"])
        city = np.array(CITIES[mkt] + [("", "", "")], dtype=object)[e["place"].to_numpy()]
        for month in sim.truth["month_labels"]:
            m = e[e["month"] == month].reset_index(drop=True)
            cm = city[(e["month"] == month).to_numpy()]
            rows = pd.DataFrame(
                {
                    "date/time": m["when"],
                    "settlement id": m["settlement id"],
                    "type": m["type"],
                    "order id": m["order id"],
                    "sku": m["sku"],
                    "description": m["description"],
                    "quantity": np.where(m["quantity"] > 0, m["quantity"].astype(str), ""),
                    "marketplace": np.where(
                        m["type"].isin(["Order", "Refund"]), cat.MARKETPLACES[mkt]["marketplace"], ""
                    ),
                    "account type": m["account type"],
                    "fulfillment": m["fulfillment"],
                    "order city": cm[:, 0],
                    "order state": cm[:, 1],
                    "order postal": cm[:, 2],
                    "tax collection model": np.where(
                        (m["type"].isin(["Order", "Refund"])) & (mkt == "US"), "MarketplaceFacilitator", ""
                    ),
                }
            )
            for c in F.PAYMENTS_AMOUNTS:
                rows[c] = F.plain_money_text(m[c]) if c in m.columns else "0.00"
            pre = [line.format(currency=cat.MARKETPLACES[mkt]["currency"]) for line in F.PAYMENTS_PREAMBLE]
            if month == PREAMBLE_DATE_RANGE_MONTH and mkt == "US":
                a, z = _month_bounds(month)
                pre = pre + [
                    f"Date range: {F.MONTHS[a.month - 1]} {a.day}, {a.year} 12:00:00 AM PST - "
                    f"{F.MONTHS[z.month - 1]} {z.day}, {z.year} 11:59:59 PM PDT",
                    "",
                ]
            p = out / mkt.lower() / "payments" / _pay_name(month)
            F.write_csv(p, F.PAYMENTS, rows[F.PAYMENTS], bom=False, quote_all=True, preamble=pre)
            by_type = m.groupby("type")["total"].agg(["count", "sum"]).round(2)
            exp[_rel(p, out)] = {
                "rows": int(len(m)),
                "preamble_lines": len(pre),
                "total": round(float(m["total"].sum()), 2),
                "product_sales": round(float(m["product sales"].sum()), 2),
                "by_type": {k: {"rows": int(v["count"]), "total": float(v["sum"])} for k, v in by_type.iterrows()},
            }
    return exp
