"""Order flat files: the All Orders report and the FBA customer returns report, per marketplace.

Examples
--------
>>> import tempfile, pathlib, datetime as dt
>>> from sellerops.sample.simulate import simulate
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> exp = write_orders_returns(simulate(end=dt.date(2024, 11, 30)), out)
>>> exp["us/orders/All_Orders_2024-11-01_2024-11-30.txt"]["rows"] > 0
True
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import catalogue as cat
from ..simulate import Simulation
from . import headers as H
from . import text as T
from .text import rel, write_tsv


def write_orders_returns(sim: Simulation, out: Path) -> dict:
    """Write the All Orders flat file and the FBA customer returns report per marketplace."""
    exp: dict = {}
    prod = sim.products.set_index("sku")
    span = f"{sim.calendar.start.isoformat()}_{sim.calendar.end.isoformat()}"
    for mkt, info in cat.MARKETPLACES.items():
        o = sim.orders[sim.orders["marketplace"] == mkt].reset_index(drop=True)
        city = np.array(cat.CITIES[mkt], dtype=object)[o["place"].to_numpy()]
        canc = o["cancelled"].to_numpy()
        last = np.where(canc, o["purchase_utc"] + pd.Timedelta(minutes=45), o["ship_utc"])
        money = T.fixed_text
        df = pd.DataFrame(
            {
                "amazon-order-id": o["order_id"],
                "merchant-order-id": "",
                "purchase-date": T.iso_utc_text(o["purchase_utc"]),
                "last-updated-date": T.iso_utc_text(last),
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
        p = out / mkt.lower() / "orders" / f"All_Orders_{span}.txt"
        write_tsv(p, H.ALL_ORDERS, df[H.ALL_ORDERS])
        exp[rel(p, out)] = {
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
                "return-date": T.iso_utc_text(r["return_utc"]),
                "order-id": r["order_id"],
                "sku": r["sku"],
                "asin": prod.loc[r["sku"], "asin"].to_numpy(),
                "fnsku": prod.loc[r["sku"], "fnsku"].to_numpy(),
                "product-name": prod.loc[r["sku"], "title"].to_numpy(),
                "quantity": r["quantity"].astype(str),
                "fulfillment-center-id": r["fc"],
                "detailed-disposition": r["disposition"],
                "reason": r["reason"],
                "status": np.where(r["disposition"] == "SELLABLE", "Unit returned to inventory", "Reimbursed"),
                "license-plate-number": r["lpn"],
                "customer-comments": "",
            }
        )
        p = out / mkt.lower() / "returns" / f"FBA_Customer_Returns_{span}.txt"
        write_tsv(p, H.RETURNS, rdf[H.RETURNS])
        exp[rel(p, out)] = {"rows": int(len(rdf)), "units_returned": int(r["quantity"].sum())}
    return exp
