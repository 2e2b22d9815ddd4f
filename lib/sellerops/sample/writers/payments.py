"""Payments: the monthly Date Range transaction reports (preamble + header), per marketplace.

The rows come from the ledger (:mod:`sellerops.sample.simulate.fees`); here they only become text.

Examples
--------
>>> report_name("2026-02")
'2026Feb1-2026Feb28CustomTransaction.csv'
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import catalogue as cat
from ..simulate import Simulation
from . import headers as H
from . import text as T
from .text import rel, write_csv


def report_name(month: str) -> str:
    """Seller Central's default file name of a one-month Date Range report."""
    p = pd.Period(month, "M")
    a, z = p.start_time.date(), p.end_time.date()
    m = T.MONTHS[a.month - 1]
    return f"{a.year}{m}{a.day}-{z.year}{m}{z.day}CustomTransaction.csv"


def _date_range_line(month: str) -> str:
    p = pd.Period(month, "M")
    a, z = p.start_time.date(), p.end_time.date()
    return (
        f"Date range: {T.MONTHS[a.month - 1]} {a.day}, {a.year} 12:00:00 AM PST - "
        f"{T.MONTHS[z.month - 1]} {z.day}, {z.year} 11:59:59 PM PDT"
    )


def write_payments(sim: Simulation, out: Path) -> dict:
    """Write one transaction report per month and marketplace (US times Pacific, UK times UTC)."""
    exp: dict = {}
    ev = sim.ledger.payments
    for mkt, info in cat.MARKETPLACES.items():
        e = ev[ev["marketplace"] == mkt].reset_index(drop=True)
        when = T.us_payment_time_text(e["utc"]) if mkt == "US" else T.utc_payment_time_text(e["utc"])
        city = np.array(cat.CITIES[mkt] + [("", "", "")], dtype=object)[e["place"].to_numpy()]
        for month in sim.calendar.month_labels:
            sel = (e["month"] == month).to_numpy()
            m = e[sel].reset_index(drop=True)
            cm = city[sel]
            sale = m["type"].isin(["Order", "Refund"])
            rows = pd.DataFrame(
                {
                    "date/time": when[sel].reset_index(drop=True),
                    "settlement id": m["settlement id"],
                    "type": m["type"],
                    "order id": m["order id"],
                    "sku": m["sku"],
                    "description": m["description"],
                    "quantity": np.where(m["quantity"] > 0, m["quantity"].astype(str), ""),
                    "marketplace": np.where(sale, info["marketplace"], ""),
                    "account type": m["account type"],
                    "fulfillment": m["fulfillment"],
                    "order city": cm[:, 0],
                    "order state": cm[:, 1],
                    "order postal": cm[:, 2],
                    "tax collection model": np.where(sale & (mkt == "US"), "MarketplaceFacilitator", ""),
                }
            )
            for c in H.PAYMENTS_AMOUNTS:
                rows[c] = T.plain_money_text(m[c]) if c in m.columns else "0.00"
            pre = [line.format(currency=info["currency"]) for line in H.PAYMENTS_PREAMBLE]
            if month == cat.PREAMBLE_DATE_RANGE_MONTH and mkt == "US":
                pre = pre + [_date_range_line(month), ""]
            p = out / mkt.lower() / "payments" / report_name(month)
            write_csv(p, H.PAYMENTS, rows[H.PAYMENTS], bom=False, quote_all=True, preamble=pre)
            by_type = m.groupby("type")["total"].agg(["count", "sum"]).round(2)
            exp[rel(p, out)] = {
                "rows": int(len(m)),
                "preamble_lines": len(pre),
                "total": round(float(m["total"].sum()), 2),
                "product_sales": round(float(m["product sales"].sum()), 2),
                "by_type": {k: {"rows": int(v["count"]), "total": float(v["sum"])} for k, v in by_type.iterrows()},
            }
    return exp
