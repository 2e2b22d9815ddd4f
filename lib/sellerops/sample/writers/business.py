"""Business Reports: monthly "Detail Page Sales and Traffic By Child Item" (SKU view) and one daily "By Date".

The planted '#VALUE!' cell (``catalogue.GARBAGE``) replaces one number of one UK monthly file.

Examples
--------
>>> import tempfile, pathlib, datetime as dt
>>> from sellerops.sample.simulate import simulate
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> exp = write_business_reports(simulate(end=dt.date(2024, 11, 30)), out)
>>> sorted(exp)[:2]
['uk/business_reports/by_date/BusinessReport-12-1-24.csv', 'uk/business_reports/child_item/BusinessReport-2024-11.csv']
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from .. import catalogue as cat
from ..simulate import Simulation
from . import headers as H
from . import text as T
from .text import rel, write_csv

GARBAGE = cat.GARBAGE


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
                rows[name] = T.int_text(cols[name])
            for name in ["Mobile App", "Mobile APP - B2B", "Browser", "Browser - B2B", "Total", "Total - B2B"]:
                v = np.asarray(cols[f"Sessions - {name}"], dtype=float)
                rows[f"Session Percentage - {name}"] = T.percent_text(v / max(v.sum(), 1))
            for name in [
                "Page Views - Mobile App",
                "Page Views - Mobile APP - B2B",
                "Page Views - Browser",
                "Page Views - Browser - B2B",
                "Page Views - Total",
                "Page Views - Total - B2B",
            ]:
                rows[name] = T.int_text(cols[name])
            for src, name in [
                ("Mobile App", "Mobile App"),
                ("Mobile APP - B2B", "Mobile App - B2B"),
                ("Browser", "Browser"),
                ("Browser - B2B", "Browser - B2B"),
                ("Total", "Total"),
                ("Total - B2B", "Total - B2B"),
            ]:
                v = np.asarray(cols[f"Page Views - {src}"], dtype=float)
                rows[f"Page Views Percentage - {name}"] = T.percent_text(v / max(v.sum(), 1))
            rows["Featured Offer (Buy Box) Percentage"] = T.percent_text(m["buy_box"], 0)
            rows["Featured Offer (Buy Box) Percentage - B2B"] = T.percent_text(np.where(sb > 0, m["buy_box"], 0), 0)
            rows["Units Ordered"] = T.int_text(m["units"])
            rows["Units Ordered - B2B"] = T.int_text(m["units_b2b"])
            rows["Unit Session Percentage"] = T.percent_text(m["units"] / np.maximum(m["sessions"], 1))
            rows["Unit Session Percentage - B2B"] = T.percent_text(m["units_b2b"] / np.maximum(sb, 1))
            rows["Ordered Product Sales"] = T.money_text(m["sales"], sym)
            rows["Ordered Product Sales - B2B"] = T.money_text(m["sales_b2b"], sym)
            rows["Total Order Items"] = T.int_text(m["orders"])
            rows["Total Order Items - B2B"] = T.int_text(m["orders_b2b"])
            rows = rows[H.CHILD_ITEM]
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
            write_csv(p, H.CHILD_ITEM, rows, bom=True, quote_all=True)
            exp[rel(p, out)] = e
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
                "Ordered Product Sales": T.money_text(day["sales"], sym),
                "Ordered Product Sales - B2B": T.money_text(day["sales_b2b"], sym),
                "Units Ordered": T.int_text(day["units"]),
                "Units Ordered - B2B": T.int_text(day["units_b2b"]),
                "Total Order Items": T.int_text(day["orders"]),
                "Total Order Items - B2B": T.int_text(day["orders_b2b"]),
                "Average Sales per Order Item": T.money_text(ratio(day["sales"], day["orders"]), sym),
                "Average Sales per Order Item - B2B": T.money_text(ratio(day["sales_b2b"], day["orders_b2b"]), sym),
                "Average Units per Order Item": T.fixed_text(ratio(day["units"], day["orders"])),
                "Average Units per Order Item - B2B": T.fixed_text(ratio(day["units_b2b"], day["orders_b2b"])),
                "Average Selling Price": T.money_text(ratio(day["sales"], day["units"]), sym),
                "Average Selling Price - B2B": T.money_text(ratio(day["sales_b2b"], day["units_b2b"]), sym),
                "Sessions - Total": T.int_text(day["sessions"]),
                "Sessions - Total - B2B": T.int_text(day["sessions_b2b"]),
                "Order Item Session Percentage": T.percent_text(ratio(day["orders"], day["sessions"])),
                "Order Item Session Percentage - B2B": T.percent_text(ratio(day["orders_b2b"], day["sessions_b2b"])),
                "Average Offer Count": T.int_text(np.round(day["offer_count"]).astype(int)),
            }
        )
        dl = sim.calendar.end + dt.timedelta(days=1)  # named by the download day, like Seller Central does
        p = base / "by_date" / f"BusinessReport-{dl.month}-{dl.day}-{dl:%y}.csv"
        write_csv(p, H.BY_DATE, rows, bom=True, quote_all=True)
        exp[rel(p, out)] = {
            "rows": int(len(rows)),
            "units_ordered": int(day["units"].sum()),
            "sessions_total": int(day["sessions"].sum()),
            "ordered_product_sales": round(float(day["sales"].sum()), 2),
            "date_format": "MM/DD/YYYY" if mkt == "US" else "DD/MM/YYYY",
        }
    return exp
