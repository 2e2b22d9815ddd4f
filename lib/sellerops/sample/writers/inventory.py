"""FBA inventory flat files: monthly planning snapshots (old LTSF layout, then the new AIS layout) and
the current Manage FBA Inventory (MYI) file. Ages and fees come from the ledger.

Examples
--------
>>> OLD_AGE_EDGES[-1][0], NEW_AGE_EDGES[-1][0]
(366, 366)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import catalogue as cat
from ..simulate import Simulation
from ..simulate.fees import AIS_BANDS, band_units
from . import headers as H
from . import text as T
from .text import rel, write_tsv

OLD_AGE_EDGES = [(0, 90), (91, 180), (181, 270), (271, 365), (366, 10**6)]
NEW_AGE_EDGES = [(0, 30), (31, 60), (61, 90), (91, 180), (181, 330), (331, 365), (366, 10**6)]


def _inbound(lots: pd.DataFrame, idx: np.ndarray, t: int) -> np.ndarray:
    """Units of purchase orders placed by day ``t`` that have not arrived yet, per series in ``idx``."""
    due = lots[(lots["kind"] == "receipt") & (lots["arrival"] > t) & (lots["ordered"] <= t)]
    due = due.groupby("series")["qty"].sum()
    return due.reindex(idx, fill_value=0).to_numpy()


def write_inventory(sim: Simulation, out: Path) -> dict:
    """Write monthly planning snapshots and the MYI file of the last day."""
    exp: dict = {}
    ser = sim.series
    cal = sim.calendar
    prod = sim.products.set_index("sku")
    units = sim.per_series("units")
    onhand = sim.per_series("onhand_end")
    price = sim.per_series("price")
    ages_all = sim.ledger.ages
    aged_all = sim.ledger.aged
    for month in cal.month_labels:
        t = cal.month_end(month)
        z = cal.days[t].date()
        ages = ages_all[ages_all["t"] == t]
        aged = aged_all[aged_all["t"] == t].set_index("series")
        new = z >= cat.PLANNING_NEW_LAYOUT_FROM
        for mkt in cat.MARKETPLACES:
            idx = np.flatnonzero(ser["marketplace"].to_numpy() == mkt)
            sku = ser["sku"].to_numpy()[idx]
            a = aged.loc[idx]

            def tsum(n, idx=idx, t=t):
                return units[idx, max(0, t - n + 1) : t + 1].sum(1)

            t30, t90 = tsum(30), tsum(90)
            avail = onhand[idx, t]
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
                "your-price": T.fixed_text(price[idx, t]),
                "sales-price": T.fixed_text(price[idx, t]),
                "recommended-action": np.where(excess > 0, "Create removal order", "No action required"),
                "sell-through": T.fixed_text(sell_through),
                "item-volume": T.fixed_text(cuft, 4),
                "volume-unit-measurement": "cubic feet",
                "storage-type": "Standard",
                "storage-volume": T.fixed_text(cuft * avail, 4),
                "marketplace": mkt,
                "days-of-supply": dos,
                "estimated-excess-quantity": excess,
                "weeks-of-cover-t30": T.fixed_text(np.where(t30 > 0, avail / np.maximum(t30 / 30 * 7, 1e-9), 0)),
                "weeks-of-cover-t90": T.fixed_text(np.where(t90 > 0, avail / np.maximum(t90 / 90 * 7, 1e-9), 0)),
                "inbound-quantity": _inbound(sim.lots, idx, t),
                "reserved-quantity": 0,
                "unfulfillable-quantity": 0,
            }
            sub = ages[ages["series"].isin(idx)].copy()
            sub["series"] = np.searchsorted(idx, sub["series"].to_numpy())
            if new:
                q = band_units(sub, len(idx), NEW_AGE_EDGES)
                for j, name in enumerate(H.PLANNING_NEW_AGES):
                    cols[name] = q[:, j]
                for b, name in zip(AIS_BANDS, H.AIS_BANDS):
                    cols[f"estimated-ais-{name}-days"] = T.fixed_text(a[f"fee_{b}"])
                    cols[f"quantity-to-be-charged-ais-{name}-days"] = a[f"units_{b}"].to_numpy()
                cols["estimated-storage-cost-next-month"] = T.fixed_text(a["storage_next_month_estimate"])
                header = H.PLANNING_NEW
            else:
                q = band_units(sub, len(idx), OLD_AGE_EDGES)
                for j, name in enumerate(H.PLANNING_OLD_AGES):
                    cols[name] = q[:, j]
                cols["qty-to-be-charged-ltsf-9-mo"] = a[[f"units_{b}" for b in AIS_BANDS[3:]]].sum(axis=1).to_numpy()
                cols["projected-ltsf-9-mo"] = T.fixed_text(a["ltsf_9_month_estimate"])
                cols["qty-to-be-charged-ltsf-12-mo"] = q[:, -1]
                cols["estimated-ltsf-next-charge"] = T.fixed_text(a["ltsf_12_month_estimate"])
                header = H.PLANNING_OLD
            df = pd.DataFrame({h: (cols[h] if not np.isscalar(cols[h]) else [cols[h]] * len(idx)) for h in header})
            p = out / mkt.lower() / "inventory" / "planning" / f"FBA_Inventory_Planning_{z.isoformat()}.txt"
            write_tsv(p, header, df)
            exp[rel(p, out)] = {
                "rows": int(len(df)),
                "snapshot_date": z.isoformat(),
                "layout": "new_ais" if new else "old_ltsf",
                "available": int(avail.sum()),
                "age_365_plus": int(q[:, -1].sum()),
            }
    exp.update(_write_myi(sim, out))
    return exp


def _write_myi(sim: Simulation, out: Path) -> dict:
    """Manage FBA Inventory on the last day: fulfillable units and inbound shipments."""
    exp: dict = {}
    ser = sim.series
    prod = sim.products.set_index("sku")
    t = sim.calendar.D - 1
    onhand = sim.per_series("onhand_end")
    price = sim.per_series("price")
    for mkt in cat.MARKETPLACES:
        idx = np.flatnonzero(ser["marketplace"].to_numpy() == mkt)
        sku = ser["sku"].to_numpy()[idx]
        inbound = _inbound(sim.lots, idx, t)
        avail = onhand[idx, t]
        df = pd.DataFrame(
            {
                "sku": sku,
                "fnsku": prod.loc[sku, "fnsku"].to_numpy(),
                "asin": prod.loc[sku, "asin"].to_numpy(),
                "product-name": prod.loc[sku, "title"].to_numpy(),
                "condition": "New",
                "your-price": T.fixed_text(price[idx, t]),
                "mfn-listing-exists": "No",
                "mfn-fulfillable-quantity": "",
                "afn-listing-exists": "Yes",
                "afn-warehouse-quantity": avail,
                "afn-fulfillable-quantity": avail,
                "afn-unsellable-quantity": 0,
                "afn-reserved-quantity": 0,
                "afn-total-quantity": avail + inbound,
                "per-unit-volume": T.fixed_text(prod.loc[sku, "cubic_feet"].to_numpy()),
                "afn-inbound-working-quantity": 0,
                "afn-inbound-shipped-quantity": inbound,
                "afn-inbound-receiving-quantity": 0,
                "afn-researching-quantity": 0,
                "afn-reserved-future-supply": 0,
                "afn-future-supply-buyable": 0,
            }
        )
        p = (
            out
            / mkt.lower()
            / "inventory"
            / f"GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA_{sim.calendar.end.isoformat()}.txt"
        )
        write_tsv(p, H.MYI, df[H.MYI])
        exp[rel(p, out)] = {"rows": int(len(df)), "afn_fulfillable": int(avail.sum()), "inbound": int(inbound.sum())}
    return exp
