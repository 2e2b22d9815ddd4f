"""Operations vs sales: the reverse P&L, what eats the margin, and whether operations lead sales.

The source article's own question (``shared/seed/``): operations (listing, traffic, conversion, stock,
ads, reviews) is the cause and sales (GMV, orders, margin) the effect, and high sales can hide a loss.
This module answers it from the exports a seller downloads, in five verbs and one entry point:

- :func:`classify_transactions` / :func:`classify_settlements`: every amount of the payments
  transaction report (or of the V2 settlement file) put on one line of the P&L, or set aside as tax
  collected for the state or a transfer to the seller's bank (a payout, not a cost);
- :func:`build_pnl`: the reverse P&L per month and per product, worked back from net profit: GMV,
  referral fees, FBA fees, storage and aged-inventory fees, advertising, refunds and returns,
  promotions and coupons, other Amazon fees, cost of goods, tools and people. The steps sum to net
  profit exactly (cents); charges Amazon posts for the whole account are allocated to products by
  the rules in :data:`ALLOCATION_RULES`;
- :func:`rank_margin_eaters`: "high sales, no profit": products ranked by the profit they lose
  against the rest of the account, each with the step that eats its margin;
- :func:`estimate_lead`: does traffic lead sales? Cross-correlation of detrended daily series, a
  Granger-type test (statsmodels) and the lag with its 95 % likelihood set;
- :func:`estimate_rating_effect`: the effect of a 0.1-star change on listing conversion, within
  product, controlling for price, season and ad spend (statsmodels), against the article's −17 %;
- :func:`analyse_ops_sales`: all of it, plus the two KPI families side by side and the scorecard
  against the article's benchmarks, as one :class:`OpsSales` result.

Signs: P&L amounts are signed as Amazon writes them (sales positive, fees and costs negative), so
the steps add up to net profit. Every amount is in the marketplace's currency; unit costs and the
monthly fixed costs are converted with the analyst's exchange rates (:mod:`sellerops.core.money`).

Examples
--------
>>> import pandas as pd
>>> tx = pd.DataFrame({"date": pd.to_datetime(["2026-01-05", "2026-01-09", "2026-01-20"]),
...     "type": ["Order", "Service Fee", "Transfer"], "order_id": ["1", None, None], "sku": ["A", None, None],
...     "description": ["Mat", "Cost of Advertising", "To account ending in: 417"], "quantity": [2, 0, 0],
...     "product_sales": [40.0, 0.0, 0.0], "selling_fees": [-6.0, 0.0, 0.0], "fba_fees": [-8.0, 0.0, 0.0],
...     "other_transaction_fees": [0.0, -5.0, 0.0], "other": [0.0, 0.0, -21.0], "total": [26.0, -5.0, -21.0],
...     "currency": ["USD"] * 3})
>>> products = pd.DataFrame({"sku": ["A"], "asin": ["B0A"], "unit_cost": [4.0], "currency": ["USD"]})
>>> pnl = build_pnl(classify_transactions(tx), products, tools_per_month=0.0)
>>> pnl.totals[["gmv", "referral_fees", "fba_fees", "advertising", "cogs", "net_profit"]].tolist()
[40.0, -6.0, -8.0, -5.0, -8.0, 13.0]
>>> pnl.payouts  # the transfer to the bank is a payout, not a cost
-21.0
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from ..core import metrics
from ..core.money import convert, parse_rates, rates_into
from ..core.results import KPI, Result, judge, plural
from ..core.thresholds import resolve_thresholds

# --------------------------------------------------------------------------- inputs and lines
#: What the notebook loads (``catalog.load_inputs(required=..., optional=...)``); ``a|b``: the first present.
REQUIRED = (
    "business_report_child_item|business_report_by_date",
    "payments_transactions|settlement_v2",
    "product_master",
)
OPTIONAL = (
    "business_report_by_date",
    "listing_history",
    "fba_returns",
    "all_orders",
    "sp_advertised_product",
    "sp_campaign",
    "fba_inventory_planning|fba_manage_inventory",
)

#: The steps of the reverse P&L, in the order of the waterfall (key, label); net profit is their sum.
STEPS = (
    ("gmv", "GMV (product sales)"),
    ("referral_fees", "referral fees"),
    ("fba_fees", "FBA fees"),
    ("storage_fees", "storage fees"),
    ("aged_inventory_fees", "aged-inventory fees"),
    ("advertising", "advertising"),
    ("refunds", "refunds and returns"),
    ("promotions", "promotions and coupons"),
    ("other_fees", "other Amazon fees and credits"),
    ("cogs", "cost of goods"),
    ("tools", "tools"),
    ("people", "people"),
)
STEP_KEYS = tuple(k for k, _ in STEPS)
STEP_LABELS = dict(STEPS) | {"net_profit": "net profit"}
#: Short names of the steps (chart axes).
STEP_SHORT = {
    "gmv": "GMV",
    "referral_fees": "referral",
    "fba_fees": "FBA",
    "storage_fees": "storage",
    "aged_inventory_fees": "aged stock",
    "advertising": "ads",
    "refunds": "refunds",
    "promotions": "promotions",
    "other_fees": "other fees",
    "cogs": "goods",
    "tools": "tools",
    "people": "people",
    "net_profit": "net profit",
}
#: The cost steps with their labels (every step after GMV), for charts.
COSTS = STEPS[1:]
#: Lines Amazon posts per order (carry a SKU); the others are charges to the whole account.
VARIABLE_STEPS = STEP_KEYS[:10]
#: The costs (every step after GMV).
COST_STEPS = STEP_KEYS[1:]
#: Amounts that are not part of the P&L: tax collected for the state, transfers to the bank and reserves.
SET_ASIDE = ("tax", "payout")
#: Unit lines of a ledger (amount 0): units sold on Order rows and units refunded on Refund rows.
UNIT_LINES = ("units_ordered", "units_refunded")

#: The margin eater a cost step stands for, in the words of "high sales, no profit".
EATERS = {
    "referral_fees": "fees (referral)",
    "fba_fees": "fees (FBA fulfilment)",
    "storage_fees": "storage",
    "aged_inventory_fees": "storage (aged inventory)",
    "advertising": "ads",
    "refunds": "returns and refunds",
    "promotions": "coupons and promotions",
    "other_fees": "other Amazon fees",
    "cogs": "price too low for the cost of goods",
    "tools": "fixed costs",
    "people": "fixed costs",
}

#: How each account-level charge is shared out to products (said in the notebook).
ALLOCATION_RULES = {
    "storage_fees": "storage fees of a month go to products in proportion to the storage cost the inventory "
    "planning report estimated for each, in the last snapshot before the charge (else the storage volume, "
    "else the units sold that month)",
    "aged_inventory_fees": "aged-inventory surcharges go to the products with aged stock, in proportion to the "
    "surcharge the last snapshot before the charge estimated for each (else as storage fees)",
    "advertising": "the month's advertising invoices go to products in proportion to the ad reports' spend on "
    "each that month (else over the period; without ad reports, in proportion to GMV)",
    "other_fees": "other account charges (subscription, adjustments) go to products in proportion to the month's GMV",
    "tools": "tools and people go to products in proportion to the month's GMV (else the period's)",
}

_TAX_COLUMNS = (
    "product_sales_tax",
    "shipping_credits_tax",
    "giftwrap_credits_tax",
    "promotional_rebates_tax",
    "marketplace_withheld_tax",
    "tax_on_regulatory_fee",
    "total_sales_tax_liable",
    "tcs_cgst",
    "tcs_sgst",
    "tcs_igst",
    "tds",
)
_LEDGER_COLUMNS = ["month", "date", "sku", "order_id", "line", "amount", "units", "currency"]


@lru_cache(maxsize=8192)
def _key(text: object) -> str:
    """Lower-case letters and digits only: ``"FBA Long-Term Storage Fee"`` -> ``"fbalongtermstoragefee"``."""
    if text is None or (isinstance(text, float) and math.isnan(text)) or text is pd.NA:
        return ""
    return re.sub(r"[^0-9a-z]", "", str(text).lower())


def _inventory_fee_line(description: object) -> str:
    """Storage, aged-inventory or another FBA inventory fee, by the description Amazon gives it."""
    key = _key(description)
    if any(w in key for w in ("aged", "longterm", "renewal", "ltsf")):
        return "aged_inventory_fees"
    if "storage" in key:
        return "storage_fees"
    return "other_fees"


def _is_advertising(*texts: object) -> bool:
    return any("costofadvertising" in _key(t) or _key(t) in ("advertising", "sponsoredproducts") for t in texts)


def _empty_ledger() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month": pd.Series(dtype="str"),
            "date": pd.Series(dtype="datetime64[ns]"),
            "sku": pd.Series(dtype="str"),
            "order_id": pd.Series(dtype="str"),
            "line": pd.Series(dtype="str"),
            "amount": pd.Series(dtype="float64"),
            "units": pd.Series(dtype="int64"),
            "currency": pd.Series(dtype="str"),
        }
    )


def _finish_ledger(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    if not parts:
        return _empty_ledger()
    out = pd.concat(parts, ignore_index=True)
    out = out[(out["amount"] != 0) | (out["units"] != 0)]
    out["month"] = out["date"].dt.strftime("%Y-%m")
    out["sku"] = out["sku"].astype("str").where(out["sku"].notna())
    out["order_id"] = out["order_id"].astype("str").where(out["order_id"].notna())
    out["units"] = out["units"].astype("int64")
    out["amount"] = out["amount"].astype("float64")
    return out[_LEDGER_COLUMNS].sort_values(["date", "line", "sku"], kind="stable").reset_index(drop=True)


def classify_transactions(transactions: pd.DataFrame) -> pd.DataFrame:
    """Every amount of the payments transaction report on one P&L line (or set aside).

    Parameters
    ----------
    transactions : DataFrame
        The canonical ``payments_transactions`` frame (``date``, ``type``, ``sku``, ``order_id``,
        ``description``, ``quantity``, the amount columns, ``total``, ``currency``).

    Returns
    -------
    DataFrame
        The ledger: ``month, date, sku, order_id, line, amount, units, currency``, one row per non-zero
        amount. Lines: the P&L steps of :data:`STEPS` (``gmv`` is product sales, shipping and gift-wrap
        credits of Order rows; those of Refund rows are ``refunds``; promotional rebates, selling fees
        and FBA fees of any row are ``promotions``, ``referral_fees`` and ``fba_fees``; "Cost of
        Advertising" service fees are ``advertising``; FBA Inventory Fee rows are storage, aged
        inventory or other fees by their description), ``tax`` (collected and withheld tax) and
        ``payout`` (Transfer rows). A row's ``total`` minus its columns, if not zero, is ``other_fees``,
        so that the ledger always sums to the report's totals. ``units_ordered`` / ``units_refunded``
        rows carry the quantity of Order / Refund rows (amount 0).

    Examples
    --------
    >>> tx = pd.DataFrame({"date": pd.to_datetime(["2026-02-01", "2026-02-03"]), "type": ["Order", "FBA Inventory Fee"],
    ...     "sku": ["A", None], "order_id": ["1", None], "description": ["Mat", "FBA storage fee"], "quantity": [1, 0],
    ...     "product_sales": [20.0, 0.0], "other": [0.0, -3.0], "total": [20.0, -3.0], "currency": ["USD", "USD"]})
    >>> classify_transactions(tx)[["line", "amount", "units"]].values.tolist()
    [['gmv', 20.0, 0], ['units_ordered', 0.0, 1], ['storage_fees', -3.0, 0]]
    """
    if transactions is None or transactions.empty:
        return _empty_ledger()
    tx = transactions.reset_index(drop=True)
    kind = tx["type"].map(_key)
    date = tx["date"] if "date" in tx.columns else tx["date_time"]
    date = pd.to_datetime(date).dt.normalize()
    description = tx["description"] if "description" in tx.columns else pd.Series(pd.NA, index=tx.index)
    base = {
        "date": date,
        "sku": tx["sku"] if "sku" in tx.columns else pd.Series(pd.NA, index=tx.index),
        "order_id": tx["order_id"] if "order_id" in tx.columns else pd.Series(pd.NA, index=tx.index),
        "currency": tx["currency"] if "currency" in tx.columns else pd.Series(pd.NA, index=tx.index),
    }

    def column(name: str) -> pd.Series:
        return tx[name].astype("float64").fillna(0.0) if name in tx.columns else pd.Series(0.0, index=tx.index)

    is_order, is_refund, is_transfer = kind == "order", kind == "refund", kind == "transfer"
    is_inventory = kind == "fbainventoryfee"
    advertising = pd.Series([_is_advertising(d) for d in description], index=tx.index, dtype=bool)
    inventory_line = pd.Series([_inventory_fee_line(d) for d in description], index=tx.index, dtype="str")
    parts = []

    def add(line, amount: pd.Series, mask=None) -> None:
        mask = pd.Series(True, index=tx.index) if mask is None else mask
        lines = line if isinstance(line, pd.Series) else pd.Series(line, index=tx.index, dtype="str")
        keep = mask & (amount != 0)
        if keep.any():
            parts.append(
                pd.DataFrame(
                    {**{k: v[keep] for k, v in base.items()}, "line": lines[keep], "amount": amount[keep], "units": 0}
                )
            )

    sales = column("product_sales") + column("shipping_credits") + column("gift_wrap_credits")
    counted = pd.Series(0.0, index=tx.index)
    for line, mask in (("payout", is_transfer), ("gmv", is_order & ~is_transfer), ("refunds", is_refund)):
        add(line, sales, mask)
    add("other_fees", sales, ~(is_order | is_refund | is_transfer))
    counted += sales
    for name, line in (
        ("promotional_rebates", "promotions"),
        ("selling_fees", "referral_fees"),
        ("fba_fees", "fba_fees"),
    ):
        add(line, column(name), ~is_transfer)
        add("payout", column(name), is_transfer)
        counted += column(name)
    other_fees = column("other_transaction_fees") + column("regulatory_fee")
    add(pd.Series(np.where(advertising, "advertising", "other_fees"), index=tx.index), other_fees, ~is_transfer)
    add("payout", other_fees, is_transfer)
    counted += other_fees
    other = column("other")
    other_line = np.where(
        is_transfer,
        "payout",
        np.where(advertising, "advertising", np.where(is_inventory, inventory_line, "other_fees")),
    )
    add(pd.Series(other_line, index=tx.index, dtype="str"), other)
    counted += other
    tax = sum((column(c) for c in _TAX_COLUMNS), pd.Series(0.0, index=tx.index))
    add("tax", tax, ~is_transfer)
    add("payout", tax, is_transfer)
    counted += tax
    if "total" in tx.columns:  # whatever the columns do not explain still reaches the P&L
        residual = (column("total") - counted).round(2)
        add(pd.Series(np.where(is_transfer, "payout", "other_fees"), index=tx.index, dtype="str"), residual)
    out = _finish_ledger(parts)
    quantity = (
        tx["quantity"].astype("float64").fillna(0.0) if "quantity" in tx.columns else pd.Series(0.0, index=tx.index)
    )
    units = []
    for line, mask in (("units_ordered", is_order), ("units_refunded", is_refund)):
        keep = mask & (quantity != 0)
        units.append(
            pd.DataFrame(
                {
                    **{k: v[keep] for k, v in base.items()},
                    "line": line,
                    "amount": 0.0,
                    "units": quantity[keep].abs().astype("int64"),
                }
            )
        )
    return _finish_ledger([out, *units])


def _settlement_line(transaction_type: str, amount_type: str, description: str) -> str:
    t, a, d = _key(transaction_type), _key(amount_type), _key(description)
    both = a + " " + d
    if t in ("transfer", "payabletoamazon", "successfulcharge", "faileddisbursement") or "reserveamount" in d:
        return "payout"
    if "tax" in both or "tcs" in both or d.startswith("tds") or a == "itemwithheldtax":
        return "tax"
    if _is_advertising(amount_type, description, transaction_type):
        return "advertising"
    if a == "itemprice":
        return "gmv" if t == "order" else ("refunds" if t == "refund" else "other_fees")
    if a == "promotion":
        return "promotions"
    if a == "itemfees":
        if "commission" in d or "closingfee" in d or d == "referralfee":
            return "referral_fees"
        if d.startswith("fba"):
            return "fba_fees"
        return "other_fees"
    key = t + " " + d
    if "storage" in key or "aged" in key or "longterm" in key:
        return _inventory_fee_line(key)
    return "other_fees"


def classify_settlements(settlements: pd.DataFrame) -> pd.DataFrame:
    """Every amount of the V2 settlement file on one P&L line (or set aside); see :func:`classify_transactions`.

    The row's date is its ``posted_date`` (else the posting time, else the settlement's end). Lines:
    ``ItemPrice`` amounts of Order rows are ``gmv`` and of Refund rows ``refunds`` (tax descriptions
    aside); ``Promotion`` is ``promotions``; ``ItemFees`` Commission, RefundCommission and closing fees
    are ``referral_fees``, FBA fees ``fba_fees``; "Cost of Advertising" is ``advertising``; storage fees,
    aged-inventory surcharges and long-term storage (StorageRenewalBilling) are the storage lines; any
    tax is ``tax``; transfers and reserves are ``payout``; the rest is ``other_fees``. Units come from
    ``quantity_purchased`` of the ItemPrice/Principal rows.

    Examples
    --------
    >>> st = pd.DataFrame({"posted_date": pd.to_datetime(["2026-02-01"] * 3), "transaction_type": ["Order"] * 3,
    ...     "amount_type": ["ItemPrice", "ItemFees", "ItemFees"], "amount_description": ["Principal", "Commission",
    ...     "FBAPerUnitFulfillmentFee"], "amount": [20.0, -3.0, -4.0], "sku": ["A"] * 3, "order_id": ["1"] * 3,
    ...     "quantity_purchased": [1, None, None], "currency": ["USD"] * 3})
    >>> classify_settlements(st)[["line", "amount"]].values.tolist()
    [['fba_fees', -4.0], ['gmv', 20.0], ['referral_fees', -3.0], ['units_ordered', 0.0]]
    """
    if settlements is None or settlements.empty:
        return _empty_ledger()
    st = settlements.reset_index(drop=True)
    date = pd.Series(pd.NaT, index=st.index, dtype="datetime64[ns]")
    for name in ("posted_date", "posted_date_time", "settlement_end_date"):
        if name in st.columns:
            date = date.fillna(pd.to_datetime(st[name]))
    date = date.dt.normalize()

    def text(name: str) -> pd.Series:
        return st[name] if name in st.columns else pd.Series(pd.NA, index=st.index, dtype="str")

    lines = [
        _settlement_line(t, a, d)
        for t, a, d in zip(text("transaction_type"), text("amount_type"), text("amount_description"))
    ]
    amount = st["amount"].astype("float64").fillna(0.0)
    frame = pd.DataFrame(
        {
            "date": date,
            "sku": text("sku"),
            "order_id": text("order_id"),
            "currency": text("currency"),
            "line": pd.Series(lines, index=st.index, dtype="str"),
            "amount": amount,
            "units": 0,
        }
    )
    kind = text("transaction_type").map(_key)
    principal = (text("amount_type").map(_key) == "itemprice") & (text("amount_description").map(_key) == "principal")
    quantity = (
        st["quantity_purchased"].astype("float64").fillna(0.0)
        if "quantity_purchased" in st.columns
        else pd.Series(0.0, index=st.index)
    )
    units = []
    for line, mask in (("units_ordered", kind == "order"), ("units_refunded", kind == "refund")):
        keep = mask & principal & (quantity != 0)
        part = frame[keep].assign(line=line, amount=0.0, units=quantity[keep].abs().astype("int64"))
        units.append(part)
    return _finish_ledger([frame[frame["amount"] != 0], *units])


# --------------------------------------------------------------------------- allocation
def allocate_cents(total: float, weights: Sequence[float]) -> np.ndarray:
    """Share ``total`` out in proportion to ``weights``, in whole cents that add up to it exactly.

    Largest-remainder rounding: each share is rounded down to the cent and the cents left over go to
    the largest remainders (ties to the first). Zero or missing weights get nothing; all-zero weights
    give equal shares.

    Examples
    --------
    >>> allocate_cents(10.0, [1, 1, 1]).tolist()
    [3.34, 3.33, 3.33]
    >>> allocate_cents(-5.0, [3, 1, 0]).tolist()
    [-3.75, -1.25, 0.0]
    """
    w = np.nan_to_num(np.asarray(weights, dtype="float64"), nan=0.0)
    w = np.where(w > 0, w, 0.0)
    n = len(w)
    if n == 0:
        return np.zeros(0)
    if w.sum() <= 0:
        w = np.ones(n)
    cents = int(round(abs(total) * 100))
    exact = cents * w / w.sum()
    floor = np.floor(exact).astype("int64")
    rest = cents - int(floor.sum())
    order = np.argsort(-(exact - floor), kind="stable")
    floor[order[:rest]] += 1
    return np.sign(total) * floor / 100.0 + 0.0  # no -0.0


def _weights_by_month(frame: pd.DataFrame | None, value: str) -> dict[str, pd.Series]:
    """``{month: weights by sku}`` from a frame with ``month, sku`` and a value column."""
    if frame is None or frame.empty:
        return {}
    g = frame.groupby(["month", "sku"], sort=True)[value].sum()
    return {m: part.droplevel(0) for m, part in g.groupby(level=0)}


def _snapshot_weights(inventory: pd.DataFrame | None, dates: pd.Series, columns: Sequence[str]) -> dict:
    """For each posting date: weights by sku from the last snapshot before it (else the first one)."""
    if inventory is None or inventory.empty or "snapshot_date" not in inventory.columns:
        return {}
    inv = inventory.copy()
    present = [c for c in columns if c in inv.columns]
    if not present:
        return {}
    inv["_w"] = inv[present].astype("float64").fillna(0.0).sum(axis=1)
    snaps = inv.groupby(["snapshot_date", "sku"], sort=True)["_w"].sum()
    days = sorted(snaps.index.get_level_values(0).unique())
    out = {}
    for date in sorted(set(dates)):
        before = [d for d in days if d < date]
        day = before[-1] if before else days[0]
        out[date] = snaps.loc[day]
    return out


def _restocked_units(ledger: pd.DataFrame, returns: pd.DataFrame | None) -> pd.DataFrame:
    """Units of Refund rows that the returns report graded SELLABLE (back in stock), by month and sku."""
    cols = ["month", "sku", "restocked"]
    if returns is None or returns.empty:
        return pd.DataFrame(columns=cols)
    refunds = ledger[ledger["line"] == "units_refunded"]
    if refunds.empty:
        return pd.DataFrame(columns=cols)
    sellable = (
        returns[returns["detailed_disposition"].map(_key) == "sellable"]
        if "detailed_disposition" in returns
        else returns.iloc[:0]
    )
    back = sellable.groupby(["order_id", "sku"])["quantity"].sum().astype("float64")
    r = refunds.groupby(["month", "order_id", "sku"], sort=True)["units"].sum().reset_index()
    keys = pd.MultiIndex.from_arrays([r["order_id"], r["sku"]])
    r["restocked"] = np.minimum(r["units"].to_numpy(dtype="float64"), back.reindex(keys).fillna(0.0).to_numpy())
    return r.groupby(["month", "sku"], sort=True)["restocked"].sum().reset_index()


# --------------------------------------------------------------------------- the P&L
@dataclass(frozen=True)
class PnL:
    """The reverse P&L of one marketplace.

    Attributes
    ----------
    by_product_month : DataFrame
        ``month, sku`` and one signed column per step of :data:`STEPS`, ``net_profit``, ``units``
        (units sold less units refunded) and ``units_ordered``; sku ``(account)`` holds what could not be
        given to any product (charges of a period with no sales at all).
    by_month, by_product : DataFrame
        The same summed over products / over months, with ``net_margin`` (net profit / GMV),
        ``net_margin_before_fixed`` (before tools and people) and ``gross_margin``.
    totals : Series
        The period's steps, ``net_profit`` and the margins.
    payouts, taxes : float
        Transfers to the bank (and reserves) and tax collected for the state: not in the P&L.
    currency : str
    advertising_source : str
        ``"invoices"`` (Cost of Advertising rows), ``"ad reports"`` (their spend), or ``"none"``.
    rules : dict
        The allocation rule used for each account-level charge (said in the notebook).
    missing_costs : tuple
        SKUs sold without a unit cost in the product master (their cost of goods is missing).
    restocked_known : bool
        Whether a returns report told which refunded units went back to stock.
    """

    by_product_month: pd.DataFrame
    by_month: pd.DataFrame
    by_product: pd.DataFrame
    totals: pd.Series
    payouts: float
    taxes: float
    currency: str
    advertising_source: str
    rules: dict = field(default_factory=dict)
    missing_costs: tuple = ()
    restocked_known: bool = False


def _with_margins(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["net_profit"] = out[list(STEP_KEYS)].sum(axis=1).round(2)
    before = out["net_profit"] - out["tools"] - out["people"]
    out["net_margin"] = metrics.net_margin(out["net_profit"], out["gmv"])
    out["net_margin_before_fixed"] = metrics.net_margin(before, out["gmv"])
    out["gross_margin"] = metrics.gross_margin(out["gmv"] + out["refunds"], -out["cogs"])
    return out


def _unit_costs(products: pd.DataFrame, currency: str, usd_rates: Mapping[str, float] | None) -> pd.Series:
    costs = products[["sku", "unit_cost"]].copy()
    costs["currency"] = products["currency"] if "currency" in products.columns else currency
    costs = costs.dropna(subset=["unit_cost"])
    costs["currency"] = costs["currency"].fillna(currency).astype("str")
    if (costs["currency"] != currency).any():
        if usd_rates is None:
            other = ", ".join(sorted(set(costs["currency"]) - {currency}))
            raise ValueError(f"unit costs are in {other} and sales in {currency}: give exchange rates (fx_rates)")
        costs = convert(costs, "unit_cost", rates_into(currency, usd_rates), currency)
    return costs.groupby("sku")["unit_cost"].first()


def build_pnl(
    ledger: pd.DataFrame,
    products: pd.DataFrame,
    *,
    currency: str | None = None,
    usd_rates: Mapping[str, float] | None = None,
    months: Sequence[str] | None = None,
    returns: pd.DataFrame | None = None,
    inventory: pd.DataFrame | None = None,
    ad_spend: pd.DataFrame | None = None,
    tools_per_month: float = 300.0,
    people_per_month: float = 0.0,
) -> PnL:
    """The reverse P&L per month and product, worked back from net profit; the steps sum to it exactly.

    Parameters
    ----------
    ledger : DataFrame
        From :func:`classify_transactions` or :func:`classify_settlements`.
    products : DataFrame
        The product master (``sku``, ``unit_cost``, ``currency`` of the cost).
    currency : str, optional
        The marketplace's currency (default: the ledger's).
    usd_rates : dict, optional
        Value of one unit of each currency in US dollars (:func:`sellerops.core.money.parse_rates`): converts
        unit costs and the fixed costs (given in US dollars) into the marketplace's currency.
    months : list of str, optional
        ``YYYY-MM`` months of the period (default: those of the ledger). A month without transactions still
        carries the fixed costs.
    returns : DataFrame, optional
        FBA customer returns (``order_id, sku, quantity, detailed_disposition``): refunded units graded
        SELLABLE went back to stock and cost no goods. Without it every refunded unit counts as lost.
    inventory : DataFrame, optional
        FBA inventory planning snapshots, for the allocation of storage and aged-inventory fees.
    ad_spend : DataFrame, optional
        ``month, sku, spend`` from the ad reports: allocates the advertising invoices, or is the advertising
        cost itself when the ledger has no "Cost of Advertising" rows.
    tools_per_month, people_per_month : float
        Monthly fixed costs in US dollars carried by this marketplace (the article: tools 200-500 a month).

    Returns
    -------
    PnL

    Examples
    --------
    >>> ledger = pd.DataFrame({"month": ["2026-01"] * 3, "date": pd.to_datetime(["2026-01-02"] * 3),
    ...     "sku": ["A", "B", None], "order_id": ["1", "2", None], "line": ["gmv", "gmv", "storage_fees"],
    ...     "amount": [30.0, 10.0, -4.0], "units": [0, 0, 0], "currency": ["USD"] * 3})
    >>> products = pd.DataFrame({"sku": ["A", "B"], "unit_cost": [0.0, 0.0], "currency": ["USD", "USD"]})
    >>> pnl = build_pnl(ledger, products, tools_per_month=10.0)
    >>> pnl.by_product.set_index("sku")[["storage_fees", "tools", "net_profit"]].to_dict("index")["A"]
    {'storage_fees': -3.0, 'tools': -7.5, 'net_profit': 19.5}
    """
    if currency is None:
        codes = sorted(set(ledger["currency"].dropna().astype("str")))
        if len(codes) > 1:
            raise ValueError(f"the ledger holds amounts in {codes}: build one P&L per marketplace and currency")
        currency = codes[0] if codes else "USD"
    rates = dict(usd_rates) if usd_rates is not None else parse_rates("")
    months = sorted(set(months) if months is not None else set(ledger["month"]))
    months = sorted(set(months) | set(ledger["month"]))
    unit_cost = _unit_costs(products, currency, usd_rates)
    pnl_rows = ledger[ledger["line"].isin(VARIABLE_STEPS)]
    posted = pnl_rows.groupby(["month", "sku", "line"], sort=True, dropna=False)["amount"].sum()

    ordered = ledger[ledger["line"] == "units_ordered"].groupby(["month", "sku"])["units"].sum()
    refunded = ledger[ledger["line"] == "units_refunded"].groupby(["month", "sku"])["units"].sum()
    restocked = _restocked_units(ledger, returns)
    restocked = restocked.set_index(["month", "sku"])["restocked"] if len(restocked) else pd.Series(dtype="float64")
    gmv = pnl_rows[(pnl_rows["line"] == "gmv") & pnl_rows["sku"].notna()].groupby(["month", "sku"])["amount"].sum()

    skus = sorted(
        set(products["sku"].dropna().astype("str"))
        | set(pnl_rows["sku"].dropna())
        | set(ordered.index.get_level_values(1))
    )
    index = pd.MultiIndex.from_product([months, skus], names=["month", "sku"])
    month_at = {m: i for i, m in enumerate(months)}
    sku_at = {k: j for j, k in enumerate(skus)}
    line_at = {k: i for i, k in enumerate(STEP_KEYS)}
    acc = np.zeros((len(months), len(skus), len(STEP_KEYS)))  # month x sku x step
    unallocated = np.zeros((len(months), len(STEP_KEYS)))
    # lines posted per product
    for (month, sku, line), amount in posted.items():
        if isinstance(sku, str) and month in month_at and sku in sku_at:
            acc[month_at[month], sku_at[sku], line_at[line]] += amount
    # advertising from the ad reports when no invoice is in the ledger
    has_invoices = bool((pnl_rows["line"] == "advertising").any())
    spend = ad_spend if ad_spend is not None and len(ad_spend) else None
    source = "invoices" if has_invoices else ("ad reports" if spend is not None else "none")
    account_rows = pnl_rows[pnl_rows["sku"].isna()]
    charges = account_rows.groupby(["month", "date", "line"], sort=True)["amount"].sum().reset_index()
    if source == "ad reports":
        s = spend[spend["month"].isin(months)].groupby(["month", "sku"], sort=True)["spend"].sum()
        for (month, sku), value in s.items():
            if sku in sku_at:
                acc[month_at[month], sku_at[sku], line_at["advertising"]] -= round(float(value), 2)
            else:  # spend on a product the master does not know: shared out like an invoice
                extra = {
                    "month": [month],
                    "date": [pd.Timestamp(month)],
                    "line": ["advertising"],
                    "amount": [-round(float(value), 2)],
                }
                charges = pd.concat([charges, pd.DataFrame(extra)], ignore_index=True)

    # cost of goods: units sold less units that came back sellable, at the converted unit cost
    units = ordered.reindex(index, fill_value=0).astype("float64")
    back = restocked.reindex(index, fill_value=0.0).astype("float64") if len(restocked) else units * 0.0
    net_units = units - back
    cost = pd.Series(index.get_level_values("sku").map(unit_cost).to_numpy(dtype="float64"), index=index)
    missing = sorted({s for (m, s), u in net_units.items() if u > 0 and np.isnan(cost.get((m, s), np.nan))})
    cogs = -(net_units * cost.fillna(0.0)).round(2)
    acc[:, :, line_at["cogs"]] += cogs.to_numpy().reshape(len(months), len(skus))

    # allocation of account-level charges
    gmv_m = _weights_by_month(gmv.reset_index().rename(columns={"amount": "w"}), "w")
    gmv_all = gmv.groupby(level=1).sum() if len(gmv) else pd.Series(dtype="float64")
    units_m = _weights_by_month(ordered.reset_index().rename(columns={"units": "w"}), "w")
    spend_m = _weights_by_month(spend, "spend") if spend is not None else {}
    spend_all = spend.groupby("sku")["spend"].sum() if spend is not None else pd.Series(dtype="float64")
    storage_w = _snapshot_weights(
        inventory, charges["date"], ["estimated_storage_cost_next_month"]
    ) or _snapshot_weights(inventory, charges["date"], ["storage_volume"])
    aged_cols = [c for c in (inventory.columns if inventory is not None else []) if c.startswith("estimated_ais_")]
    aged_cols += ["projected_ltsf_6_mo", "projected_ltsf_9_mo", "projected_ltsf_12_mo", "estimated_ltsf_next_charge"]
    aged_w = _snapshot_weights(inventory, charges["date"], aged_cols)
    rules = {}

    def first_useful(*candidates: pd.Series | None) -> pd.Series | None:
        for c in candidates:
            if c is not None and len(c) and float(c.clip(lower=0).sum()) > 0:
                return c
        return None

    def share(month: str, line: str, amount: float, weights: pd.Series | None) -> None:
        if weights is None:
            unallocated[month_at[month], line_at[line]] += amount
            return
        w = weights.reindex(skus).fillna(0.0).to_numpy(dtype="float64")
        acc[month_at[month], :, line_at[line]] += allocate_cents(amount, w)

    for row in charges.itertuples(index=False):
        month, line, amount = row.month, row.line, float(row.amount)
        if month not in month_at:
            continue
        if line == "storage_fees":
            weights = first_useful(storage_w.get(row.date), units_m.get(month), gmv_all)
        elif line == "aged_inventory_fees":
            weights = first_useful(aged_w.get(row.date), storage_w.get(row.date), units_m.get(month), gmv_all)
        elif line == "advertising":
            weights = first_useful(spend_m.get(month), spend_all, gmv_m.get(month), gmv_all)
        else:
            weights = first_useful(gmv_m.get(month), gmv_all)
        share(month, line, amount, weights)
    for line, rule in ALLOCATION_RULES.items():
        if line == "tools" or (charges["line"] == line).any():
            rules[line] = rule

    # fixed costs of every month of the period, in the marketplace's currency
    for line, per_month in (("tools", tools_per_month), ("people", people_per_month)):
        if not per_month:
            continue
        amount = -round(float(per_month) * rates_into(currency, rates)["USD"], 2)
        if amount:
            for month in months:
                share(month, line, amount, first_useful(gmv_m.get(month), gmv_all))

    table = pd.DataFrame(acc.reshape(-1, len(STEP_KEYS)), index=index, columns=list(STEP_KEYS)).round(2)
    account = pd.DataFrame(unallocated, columns=list(STEP_KEYS)).round(2)
    account.index = pd.MultiIndex.from_arrays([months, ["(account)"] * len(months)], names=["month", "sku"])
    if (account.abs().sum(axis=1) > 0).any():
        table = pd.concat([table, account[account.abs().sum(axis=1) > 0]]).sort_index()
    table["units_ordered"] = units.reindex(table.index, fill_value=0).astype("int64")
    table["units"] = (units - back).reindex(table.index, fill_value=0.0).astype("float64")
    table["units_refunded"] = refunded.reindex(table.index, fill_value=0).astype("int64")
    by_product_month = _with_margins(table.reset_index())
    sums = list(STEP_KEYS) + ["units_ordered", "units", "units_refunded"]
    by_month = _with_margins(by_product_month.groupby("month", sort=True)[sums].sum().round(2).reset_index())
    by_product = _with_margins(by_product_month.groupby("sku", sort=True)[sums].sum().round(2).reset_index())
    total = by_month[sums].sum().round(2)
    totals = _with_margins(total.to_frame().T).iloc[0]
    payouts = round(float(ledger.loc[ledger["line"] == "payout", "amount"].sum()), 2)
    taxes = round(float(ledger.loc[ledger["line"] == "tax", "amount"].sum()), 2)
    return PnL(
        by_product_month=by_product_month,
        by_month=by_month,
        by_product=by_product,
        totals=totals,
        payouts=payouts,
        taxes=taxes,
        currency=currency,
        advertising_source=source,
        rules=rules,
        missing_costs=tuple(missing),
        restocked_known=returns is not None,
    )


def tabulate_pnl(pnl: PnL) -> pd.DataFrame:
    """The account's reverse P&L as rows: ``step, label, amount, share_of_gmv`` and the net profit last.

    Examples
    --------
    >>> ledger = pd.DataFrame({"month": ["2026-01"] * 2, "date": pd.to_datetime(["2026-01-02"] * 2), "sku": ["A", "A"],
    ...     "order_id": ["1", "1"], "line": ["gmv", "referral_fees"], "amount": [100.0, -15.0], "units": [0, 0],
    ...     "currency": ["USD"] * 2})
    >>> pnl = build_pnl(ledger, pd.DataFrame({"sku": ["A"], "unit_cost": [0.0]}), tools_per_month=0.0)
    >>> tabulate_pnl(pnl).set_index("step").loc[["referral_fees", "net_profit"], "share_of_gmv"].tolist()
    [-0.15, 0.85]
    """
    t = pnl.totals
    rows = [
        {"step": k, "label": STEP_LABELS[k], "short": STEP_SHORT[k], "amount": float(t[k])}
        for k in [*STEP_KEYS, "net_profit"]
    ]
    out = pd.DataFrame(rows)
    out["share_of_gmv"] = metrics.net_margin(out["amount"], float(t["gmv"]))
    return out


# --------------------------------------------------------------------------- high sales, no profit
def rank_margin_eaters(by_product: pd.DataFrame, titles: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Products ranked by the profit they lose, each with the step that eats its margin.

    ``profit_lost`` is what the product would have earned at the net margin of the rest of the account
    (the other products together) minus what it earned: a best seller with a thin margin loses more than
    a small product with none. The margin eater is the cost step whose share of the product's GMV exceeds
    the rest of the account's share of GMV by the most money (``eater_excess``): coupons and
    promotions, returns and refunds, fees, ads, storage, or a price too low for the cost of goods.

    Returns
    -------
    DataFrame
        ``rank, sku, title, gmv, sales_rank, net_profit, net_margin, rest_margin, profit_lost, margin_eater,
        eater_step, eater_share, rest_share, eater_excess``, by ``profit_lost`` descending; products
        without GMV are left out (nothing to compare).

    Examples
    --------
    >>> p = pd.DataFrame({"sku": ["A", "B"], "gmv": [1000.0, 1000.0], "promotions": [-300.0, 0.0],
    ...     **{k: [0.0, 0.0] for k in ("referral_fees", "fba_fees", "storage_fees", "aged_inventory_fees",
    ...     "advertising", "refunds", "other_fees", "cogs", "tools", "people")}})
    >>> p["net_profit"] = p[list(STEP_KEYS)].sum(axis=1)
    >>> top = rank_margin_eaters(p).iloc[0]
    >>> top["sku"], float(top["profit_lost"]), top["margin_eater"]
    ('A', 300.0, 'coupons and promotions')
    """
    p = by_product[(by_product["sku"] != "(account)") & (by_product["gmv"] > 0)].copy()
    columns = [
        "rank",
        "sku",
        "title",
        "gmv",
        "sales_rank",
        "net_profit",
        "net_margin",
        "rest_margin",
        "profit_lost",
        "margin_eater",
        "eater_step",
        "eater_share",
        "rest_share",
        "eater_excess",
    ]
    if p.empty:
        return pd.DataFrame(columns=columns)
    total = p[list(STEP_KEYS) + ["net_profit"]].sum()
    rows = []
    for r in p.itertuples(index=False):
        rest = total - pd.Series({k: getattr(r, k) for k in [*STEP_KEYS, "net_profit"]})
        rest_gmv = float(rest["gmv"])
        rest_margin = float(rest["net_profit"]) / rest_gmv if rest_gmv > 0 else 0.0
        shares = {k: getattr(r, k) / r.gmv for k in COST_STEPS}
        rest_shares = {k: (float(rest[k]) / rest_gmv if rest_gmv > 0 else 0.0) for k in COST_STEPS}
        excess = {k: (rest_shares[k] - shares[k]) * r.gmv for k in COST_STEPS if k not in ("tools", "people")}
        step = max(excess, key=lambda k: (round(excess[k], 6), -COST_STEPS.index(k)))
        rows.append(
            {
                "sku": r.sku,
                "title": (titles or {}).get(r.sku, ""),
                "gmv": r.gmv,
                "net_profit": r.net_profit,
                "net_margin": r.net_profit / r.gmv,
                "rest_margin": rest_margin,
                "profit_lost": round(rest_margin * r.gmv - r.net_profit, 2),
                "margin_eater": EATERS[step] if excess[step] > 0 else "",
                "eater_step": step if excess[step] > 0 else "",
                "eater_share": 0.0 - shares[step],
                "rest_share": 0.0 - rest_shares[step],
                "eater_excess": round(max(excess[step], 0.0), 2),
            }
        )
    out = pd.DataFrame(rows)
    out["sales_rank"] = out["gmv"].rank(ascending=False, method="first").astype("int64")
    out = out.sort_values(["profit_lost", "sku"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    return out[columns]


# --------------------------------------------------------------------------- operations and sales KPIs
def _month_of(dates: pd.Series) -> pd.Series:
    return pd.to_datetime(dates).dt.strftime("%Y-%m")


def _sku_of(frame: pd.DataFrame, sku: str, asin: str, asin_to_sku: Mapping[str, str]) -> pd.Series:
    by_sku = frame[sku] if sku in frame.columns else pd.Series(pd.NA, index=frame.index, dtype="str")
    by_asin = frame[asin].map(asin_to_sku) if asin in frame.columns else pd.Series(pd.NA, index=frame.index)
    return by_sku.where(by_sku.notna() & (by_sku.astype("str") != ""), by_asin)


def summarise_traffic(business: pd.DataFrame | None, asin_to_sku: Mapping[str, str]) -> pd.DataFrame:
    """Business Report by child item: sessions, page views, units, sales and Buy Box per ``month, sku``.

    A row is dated by its ``start_date`` (one report per month, as Seller Central offers them).
    """
    cols = ["month", "sku", "sessions", "page_views", "buy_box_views", "units_ordered", "ordered_product_sales"]
    if business is None or business.empty or "child_asin" not in business.columns:
        return pd.DataFrame(columns=cols)
    b = business.copy()
    b["sku"] = _sku_of(b, "sku", "child_asin", asin_to_sku)
    b["month"] = _month_of(b["start_date"] if "start_date" in b.columns else b["date"])
    for c in ("sessions", "page_views", "units_ordered"):
        b[c] = b[c].astype("float64") if c in b.columns else np.nan
    b["ordered_product_sales"] = b["ordered_product_sales"].astype("float64")
    views = b["page_views"].fillna(b["sessions"])
    bb = b["buy_box_percentage"].astype("float64") if "buy_box_percentage" in b.columns else np.nan
    b["buy_box_views"] = views * bb
    b["page_views"] = views
    return b.dropna(subset=["sku"]).groupby(["month", "sku"], sort=True)[cols[2:]].sum(min_count=1).reset_index()


def summarise_ads(ad_products: pd.DataFrame | None, asin_to_sku: Mapping[str, str]) -> pd.DataFrame:
    """Advertised product report: spend, attributed sales, clicks and units per ``month, sku``."""
    cols = ["month", "sku", "spend", "ad_sales", "clicks", "ad_units"]
    if ad_products is None or ad_products.empty:
        return pd.DataFrame(columns=cols)
    a = ad_products.copy()
    a["sku"] = _sku_of(a, "advertised_sku", "advertised_asin", asin_to_sku)
    a["month"] = _month_of(a["date"] if "date" in a.columns else a["start_date"])
    units = a["advertised_units"] if "advertised_units" in a.columns else a.get("units")
    a["ad_units"] = (units if units is not None else pd.Series(np.nan, index=a.index)).astype("float64")
    a["ad_sales"] = a["sales"].astype("float64")
    for c in ("spend", "clicks"):
        a[c] = a[c].astype("float64")
    return a.dropna(subset=["sku"]).groupby(["month", "sku"], sort=True)[cols[2:]].sum(min_count=1).reset_index()


def _listing(listing: pd.DataFrame | None, marketplace: str | None) -> pd.DataFrame:
    cols = [
        "month",
        "sku",
        "price",
        "rating",
        "review_count",
        "order_defect_rate",
        "cancellation_rate",
        "response_time_hours",
    ]
    if listing is None or listing.empty:
        return pd.DataFrame(columns=cols)
    lh = listing.copy()
    if marketplace and "marketplace" in lh.columns:
        lh = lh[lh["marketplace"].astype("str").str.upper() == marketplace.upper()]
    lh["month"] = _month_of(lh["month"])
    for c in cols[2:]:
        lh[c] = lh[c].astype("float64") if c in lh.columns else np.nan
    return lh.groupby(["month", "sku"], sort=True)[cols[2:]].mean().reset_index()


def _weighted(values: pd.Series, weights: pd.Series) -> float:
    ok = values.notna() & weights.notna() & (weights > 0)
    return float(np.average(values[ok], weights=weights[ok])) if ok.any() else float("nan")


def _share(numerator, denominator) -> float:
    """``numerator / denominator`` as a float; NaN where the denominator is 0 or missing."""
    if denominator is None or pd.isna(denominator) or denominator == 0 or pd.isna(numerator):
        return float("nan")
    return float(numerator) / float(denominator)


def _returned_units(returns: pd.DataFrame | None) -> pd.DataFrame:
    if returns is None or returns.empty:
        return pd.DataFrame(columns=["month", "sku", "units_returned"])
    r = returns.assign(month=_month_of(returns["return_date"]))
    return (
        r.groupby(["month", "sku"], sort=True)["quantity"]
        .sum()
        .astype("float64")
        .rename("units_returned")
        .reset_index()
    )


def _cancellations(orders: pd.DataFrame | None) -> pd.DataFrame:
    """Orders and cancelled orders per ``month, sku`` (an order counts as cancelled when all its items are)."""
    if orders is None or orders.empty:
        return pd.DataFrame(columns=["month", "sku", "orders", "cancelled"])
    o = orders.assign(month=_month_of(orders["purchase_date"]))
    o["is_cancelled"] = o["order_status"].map(_key) == "cancelled"
    g = o.groupby(["month", "sku", "amazon_order_id"], sort=True)["is_cancelled"].all().reset_index()
    out = g.groupby(["month", "sku"], sort=True).agg(
        orders=("amazon_order_id", "size"), cancelled=("is_cancelled", "sum")
    )
    return out.astype("float64").reset_index()


def _stock(inventory: pd.DataFrame | None, last_month: str) -> pd.DataFrame:
    """Per ``month, sku``: inventory snapshots, those in stock, sell-through, estimated excess and units on hand."""
    cols = ["month", "sku", "snapshots", "in_stock", "sell_through", "excess", "on_hand"]
    if inventory is None or inventory.empty:
        return pd.DataFrame(columns=cols)
    inv = inventory.copy()
    date = inv["snapshot_date"] if "snapshot_date" in inv.columns else pd.Series(pd.NaT, index=inv.index)
    inv["month"] = _month_of(date.fillna(pd.Timestamp(last_month + "-01")))

    def number(*names: str) -> pd.Series:
        for name in names:
            if name in inv.columns:
                return inv[name].astype("float64")
        return pd.Series(np.nan, index=inv.index)

    available = number("available", "afn_fulfillable_quantity")
    inv["on_hand"] = available + number("reserved_quantity", "afn_reserved_quantity").fillna(0.0)
    inv["in_stock"] = (available > 0).astype("float64")
    inv["snapshots"] = 1.0
    inv["sell_through"] = number("sell_through")
    inv["excess"] = number("estimated_excess_quantity")
    out = inv.groupby(["month", "sku"], sort=True).agg(
        snapshots=("snapshots", "sum"),
        in_stock=("in_stock", "sum"),
        sell_through=("sell_through", "mean"),
        excess=("excess", lambda x: x.sum(min_count=1)),
        on_hand=("on_hand", "sum"),
    )
    return out.reset_index()


def tabulate_families(
    pnl: PnL,
    *,
    traffic: pd.DataFrame,
    ads: pd.DataFrame,
    listing: pd.DataFrame,
    returns: pd.DataFrame | None = None,
    orders: pd.DataFrame | None = None,
    inventory: pd.DataFrame | None = None,
    campaigns: pd.DataFrame | None = None,
    unit_cost: pd.Series | None = None,
    period_days: int = 365,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two KPI families side by side, ``(by_month, by_product)``.

    Operations: sessions, listing conversion (units / sessions), Buy Box % (page-view weighted), ad spend,
    ACoS (spend / 7-day ad sales), ROAS, TACoS (spend / ordered product sales), rating (session weighted) and
    review count, return rate (units returned / units sold; refunded units without a returns report),
    in-stock rate (share of inventory snapshots with stock), sell-through and excess share (IPI factors),
    cancellation rate (All Orders, else the listing history), order defect rate and response time
    (account health). Sales: GMV, orders, units, average price, gross margin, contribution margin (before
    tools and people) and net margin from the P&L; per product also the inventory turnover.

    Missing inputs give NaN in their columns, never 0.
    """
    keys = ["month", "sku"]
    pm = pnl.by_product_month[pnl.by_product_month["sku"] != "(account)"]
    base = pm[[*keys, "gmv", "units_ordered", "units_refunded", "refunds", "cogs", "net_profit", "tools", "people"]]
    base = base.rename(columns={"units_ordered": "units_sold"})
    merged = (
        base.merge(traffic.rename(columns={"units_ordered": "units_br"}), on=keys, how="left")
        .merge(ads, on=keys, how="left")
        .merge(listing, on=keys, how="left")
        .merge(_returned_units(returns), on=keys, how="left")
        .merge(_cancellations(orders), on=keys, how="left")
        .merge(_stock(inventory, pnl.by_month["month"].max() if len(pnl.by_month) else "2000-01"), on=keys, how="left")
    )
    for c in (
        "sessions",
        "page_views",
        "buy_box_views",
        "units_br",
        "ordered_product_sales",
        "spend",
        "ad_sales",
        "rating",
        "review_count",
        "order_defect_rate",
        "cancellation_rate",
        "response_time_hours",
    ):
        if c not in merged.columns:
            merged[c] = np.nan
        merged[c] = merged[c].astype("float64")
    if returns is None:
        merged["units_returned"] = merged["units_refunded"].astype("float64")
    else:
        merged["units_returned"] = merged["units_returned"].astype("float64").fillna(0.0)
    camp = campaigns.assign(month=_month_of(campaigns["date"])) if campaigns is not None and len(campaigns) else None

    def kpis(g: pd.DataFrame, month: str | None = None) -> dict:
        spend, ad_sales = g["spend"].sum(min_count=1), g["ad_sales"].sum(min_count=1)
        if pd.isna(spend) and camp is not None and month is not None:  # no product ads: the campaigns' totals
            c = camp[camp["month"] == month]
            spend, ad_sales = c["spend"].sum(min_count=1), c["sales"].sum(min_count=1)
        sales_br = g["ordered_product_sales"].sum(min_count=1)
        gmv, units = float(g["gmv"].sum()), float(g["units_sold"].sum())
        sessions = g["sessions"].sum(min_count=1)
        units_br = g["units_br"].sum(min_count=1)
        weights = g["sessions"].fillna(1.0)
        before = float((g["net_profit"] - g["tools"] - g["people"]).sum())
        if g["orders"].notna().any():
            cancel = metrics.cancellation_rate(g["cancelled"].sum(), g["orders"].sum())
        else:
            cancel = _weighted(g["cancellation_rate"], weights)
        return {
            "sessions": sessions,
            "listing_conversion": _share(units_br, sessions),
            "buy_box": _share(g["buy_box_views"].sum(min_count=1), g["page_views"].sum(min_count=1)),
            "ad_spend": spend,
            "acos": metrics.acos(spend, ad_sales) if not pd.isna(spend) else np.nan,
            "roas": metrics.roas(ad_sales, spend) if not pd.isna(spend) else np.nan,
            "tacos": metrics.tacos(spend, sales_br if not pd.isna(sales_br) else gmv) if not pd.isna(spend) else np.nan,
            "rating": _weighted(g["rating"], weights),
            "review_count": g["review_count"].sum(min_count=1),
            "return_rate": metrics.return_rate(g["units_returned"].sum(), units),
            "in_stock_rate": _share(g["in_stock"].sum(min_count=1), g["snapshots"].sum(min_count=1)),
            "sell_through": g["sell_through"].mean(),
            "excess_share": _share(g["excess"].sum(min_count=1), g["on_hand"].sum(min_count=1)),
            "cancellation_rate": cancel,
            "order_defect_rate": _weighted(g["order_defect_rate"], weights),
            "response_time_hours": g["response_time_hours"].mean(),
            "gmv": gmv,
            "orders": g["orders"].sum(min_count=1),
            "units": units,
            "average_price": _share(gmv, units),
            "gross_margin": metrics.gross_margin(gmv + g["refunds"].sum(), -g["cogs"].sum()),
            "contribution_margin": _share(before, gmv),
            "net_margin": _share(g["net_profit"].sum(), gmv),
        }

    by_month = pd.DataFrame([{"month": m, **kpis(g, m)} for m, g in merged.groupby("month", sort=True)])
    if len(by_month):  # the P&L's account rows (fixed costs no product could carry) count in the month
        acct = pnl.by_month.set_index("month")
        by_month["net_margin"] = by_month["month"].map(acct["net_margin"])
    rows = []
    for sku, g in merged.groupby("sku", sort=True):
        row = {"sku": sku, **kpis(g)}
        reviews = g.sort_values("month")["review_count"].dropna()  # a running count: the last month's
        row["review_count"] = float(reviews.iloc[-1]) if len(reviews) else np.nan
        average_units = _share(g["on_hand"].sum(min_count=1), g["snapshots"].sum(min_count=1))
        cost = float(unit_cost.get(sku, np.nan)) if unit_cost is not None else np.nan
        row["inventory_turnover"] = metrics.inventory_turnover(-g["cogs"].sum(), average_units * cost, period_days)
        rows.append(row)
    return by_month, pd.DataFrame(rows)


# --------------------------------------------------------------------------- scorecard
#: The scorecard's KPIs: (key, label, unit, benchmark key, direction, watch benchmark key or None).
SCORECARD = (
    ("acos", "ACoS", "fraction", "acos_well_run", "max", "acos_industry_average"),
    ("rating", "rating", "stars", "rating_min", "min", None),
    ("return_rate", "return rate", "fraction", "return_rate_max", "max", None),
    ("inventory_turnover", "inventory turnover (a year)", "per year", "inventory_turnover_min", "min", None),
    ("roas", "ROAS", "ratio", "roas_min", "min", None),
    ("tacos", "ad spend share of sales", "fraction", "ad_spend_share", "band", None),
    ("cancellation_rate", "cancellation rate", "fraction", "cancellation_rate_alarm", "max", None),
    ("response_time_hours", "response time (hours)", "count", "response_time_max_hours", "max", None),
    (
        "net_margin",
        "net margin",
        "fraction",
        "net_margin_median_top_sellers",
        "min",
        "net_margin_median_without_systematic_ops",
    ),
)


def judge_band(value: float, low: float, high: float, band: float = 0.10) -> str:
    """``good`` inside ``[low, high]``, ``watch`` within ``band`` (share) of its ends, ``bad`` beyond; ``info`` if missing.

    Examples
    --------
    >>> judge_band(0.15, 0.10, 0.20), judge_band(0.21, 0.10, 0.20), judge_band(0.05, 0.10, 0.20)
    ('good', 'watch', 'bad')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "info"
    if low <= value <= high:
        return "good"
    return "watch" if low * (1 - band) <= value <= high * (1 + band) else "bad"


def score_against_benchmarks(
    families: pd.DataFrame, thresholds: Mapping[str, float], id_column: str = "sku"
) -> pd.DataFrame:
    """The scorecard: one row per product (or month) and KPI, with value, benchmark and status.

    Returns
    -------
    DataFrame
        ``<id_column>, kpi, label, unit, value, benchmark, status`` (``benchmark`` as text, e.g. ``≤ 22%``).
    """
    rows = []
    for item in families.itertuples(index=False):
        for key, label, unit, bench, direction, watch in SCORECARD:
            value = getattr(item, key, np.nan)
            value = float(value) if value is not None and not pd.isna(value) else float("nan")
            if direction == "band":
                low, high = thresholds["ad_spend_share_min"], thresholds["ad_spend_share_max"]
                status, text = judge_band(value, low, high), f"{low:.0%}–{high:.0%}"
            else:
                b = thresholds[bench]
                status = judge(value, b, direction, watch=thresholds[watch] if watch else None)
                text = ("≤ " if direction == "max" else "≥ ") + _benchmark_text(b, unit)
            rows.append(
                {
                    id_column: getattr(item, id_column),
                    "kpi": key,
                    "label": label,
                    "unit": unit,
                    "value": value,
                    "benchmark": text,
                    "status": status,
                }
            )
    return pd.DataFrame(rows, columns=[id_column, "kpi", "label", "unit", "value", "benchmark", "status"])


def _benchmark_text(value: float, unit: str) -> str:
    if unit == "fraction":
        return f"{value:.1%}".replace(".0%", "%")
    if unit == "hours":
        return f"{value:g} h"
    if unit == "stars":
        return f"{value:.1f} ★"
    return f"{value:g}"


# --------------------------------------------------------------------------- does operations lead sales?
@dataclass(frozen=True)
class LeadEstimate:
    """How many days traffic leads sales, with its uncertainty.

    Attributes
    ----------
    lag : int or None
        Days by which sessions lead units (the maximum of the profile likelihood); None if not estimated.
    lower, upper : int or None
        The 95 % likelihood set of lags (every lag whose likelihood ratio to the best is within the
        chi-square(1) 95 % point, overdispersion allowed for), as its smallest and largest lag.
    granger_p, reverse_p : float
        Granger-type test that the previous four weeks of traffic (in weekly blocks) improve the
        prediction of units beyond the calendar and the previous week's units; and the same test the
        other way round (units leading traffic), which should not be significant if traffic is the cause.
    peak_correlation, peak_lag : float, int
        The largest cross-correlation of the detrended series and its lag.
    n_days : int
    series : str
        ``"organic"`` (ad clicks and ad-attributed units taken out) or ``"all"`` (no ad reports).
    reason : str
        Why nothing was estimated (too few days, no traffic column), else ``""``.
    """

    lag: int | None
    lower: int | None
    upper: int | None
    granger_p: float
    reverse_p: float
    peak_correlation: float
    peak_lag: int | None
    n_days: int
    series: str
    max_lag: int
    reason: str = ""
    cross_correlation: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    units_per_day: float = float("nan")

    @property
    def found(self) -> bool:
        """A lag was estimated and the Granger-type test is significant at 5 %."""
        return self.lag is not None and self.granger_p < 0.05


def _detrend(series: pd.Series, month: pd.Series) -> pd.Series:
    return series - series.groupby(month).transform("mean")


def _weekly_blocks(series: pd.Series, blocks: int, width: int = 7) -> np.ndarray:
    return np.column_stack([series.shift(1 + width * k).rolling(width).mean().to_numpy() for k in range(blocks)])


def estimate_lead(
    daily: pd.DataFrame | None,
    ad_daily: pd.DataFrame | None = None,
    *,
    max_lag: int = 28,
    smooth_days: int = 7,
    min_days: int = 120,
) -> LeadEstimate:
    """Does traffic lead sales? The lag (in days) from sessions to units, its 95 % set and a Granger-type test.

    Daily series from the Business Report by date. Ad clicks and ad-attributed units (the ad reports,
    where given) are taken out of sessions and units first: ads buy traffic and sales on the same day,
    which would hide any lead of the organic traffic. Both series are logged and detrended by their
    calendar month's mean (season and level shifts out); the chart is their cross-correlation,
    smoothed over ``smooth_days`` (traffic moves slowly, single days are noisy).

    The lag is the maximum of a profile likelihood: a Poisson regression (statsmodels GLM) of daily units
    on the calendar month and the ``smooth_days`` average of log sessions ``L`` days earlier, for each
    ``L`` in ``0..max_lag``; the 95 % set holds every lag whose deviance is within 3.84 (chi-square, 1
    degree of freedom) times the overdispersion of the best one. The Granger-type test adds the previous
    four weeks of log sessions in weekly blocks to a model of units on the month and the previous week's
    log units (F test on the quasi-likelihood deviance), and the same with the roles swapped.

    What it cannot show: a lead found this way is a regularity of the account's totals, not proof that
    operations cause sales; a common cause (a season, a competitor's stock-out) can move both.

    Examples
    --------
    >>> days = pd.date_range("2026-01-01", periods=200)
    >>> rng = np.random.default_rng(0)
    >>> index = np.exp(np.cumsum(rng.normal(0, 0.05, 214)))
    >>> daily = pd.DataFrame({"date": days, "sessions": rng.poisson(300 * index[14:]),
    ...                       "units_ordered": rng.poisson(60 * index[:200])})
    >>> lead = estimate_lead(daily)
    >>> lead.lower <= 14 <= lead.upper
    True
    """
    empty = pd.DataFrame(columns=["lag", "correlation"])
    if daily is None or daily.empty or "sessions" not in daily.columns or daily["sessions"].notna().sum() == 0:
        return LeadEstimate(None, None, None, np.nan, np.nan, np.nan, None, 0, "", max_lag, "no daily sessions", empty)
    d = daily.groupby(pd.to_datetime(daily["date"]).dt.normalize())[["sessions", "units_ordered"]].sum(min_count=1)
    d = d.asfreq("D").astype("float64")
    series = "all"
    if ad_daily is not None and len(ad_daily):
        a = ad_daily.groupby(pd.to_datetime(ad_daily["date"]).dt.normalize())[["clicks", "units"]].sum()
        a = a.reindex(d.index).fillna(0.0)
        d["sessions"] = (d["sessions"] - a["clicks"]).clip(lower=1.0)
        d["units_ordered"] = (d["units_ordered"] - a["units"]).clip(lower=0.0)
        series = "organic"
    d = d.dropna()
    d = d[d["sessions"] > 0]
    n = len(d)
    if n < max(min_days, max_lag + 60):
        return LeadEstimate(
            None,
            None,
            None,
            np.nan,
            np.nan,
            np.nan,
            None,
            n,
            series,
            max_lag,
            f"only {n} days of daily traffic (at least {max(min_days, max_lag + 60)} needed)",
            empty,
        )
    import statsmodels.api as sm
    from scipy import stats as sps

    month = pd.Series(d.index.strftime("%Y-%m"), index=d.index)
    log_s = np.log(d["sessions"])
    log_u = np.log(d["units_ordered"] + 0.5)
    xs = _detrend(log_s, month).rolling(smooth_days, center=True, min_periods=1).mean()
    ys = _detrend(log_u, month).rolling(smooth_days, center=True, min_periods=1).mean()
    cc = [float(np.corrcoef(xs.to_numpy()[: n - lag], ys.to_numpy()[lag:])[0, 1]) for lag in range(max_lag + 1)]
    cross = pd.DataFrame({"lag": np.arange(max_lag + 1), "correlation": cc})
    dummies = pd.get_dummies(month, dtype="float64").to_numpy()
    smooth = log_s.rolling(smooth_days, center=True, min_periods=1).mean().to_numpy()
    y = d["units_ordered"].to_numpy()[max_lag:]
    deviance, scale = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for lag in range(max_lag + 1):
            x = smooth[max_lag - lag : n - lag]
            fit = sm.GLM(y, np.column_stack([dummies[max_lag:], x]), family=sm.families.Poisson()).fit()
            deviance.append(fit.deviance)
            scale.append(fit.pearson_chi2 / fit.df_resid)
        best = int(np.argmin(deviance))
        phi = max(scale[best], 1.0)
        inside = [lag for lag in range(max_lag + 1) if (deviance[lag] - deviance[best]) / phi <= sps.chi2.ppf(0.95, 1)]

        def granger(target: pd.Series, own: pd.Series, other: pd.Series) -> float:
            x0 = np.column_stack([pd.get_dummies(month, dtype="float64").to_numpy(), _weekly_blocks(own, 1)])
            x1 = np.column_stack([x0, _weekly_blocks(other, 4)])
            ok = ~np.isnan(x1).any(axis=1)
            r0 = sm.GLM(target.to_numpy()[ok], x0[ok], family=sm.families.Poisson()).fit()
            r1 = sm.GLM(target.to_numpy()[ok], x1[ok], family=sm.families.Poisson()).fit()
            dispersion = max(r1.pearson_chi2 / r1.df_resid, 1.0)
            f = (r0.deviance - r1.deviance) / 4 / dispersion
            return float(sps.f.sf(f, 4, r1.df_resid))

        p = granger(d["units_ordered"], log_u, log_s)
        reverse = granger(d["sessions"].round(), log_s, log_u)
    peak = int(np.nanargmax(cc))
    return LeadEstimate(
        best,
        min(inside),
        max(inside),
        p,
        reverse,
        cc[peak],
        peak,
        n,
        series,
        max_lag,
        "",
        cross,
        float(d["units_ordered"].mean()),
    )


# --------------------------------------------------------------------------- rating and conversion
@dataclass(frozen=True)
class RatingEffect:
    """The effect of a 0.1-star drop on listing conversion, within product.

    Attributes
    ----------
    effect, lower, upper : float
        Relative change of conversion for a 0.1-star **drop** (−0.07 = 7 % fewer units per session) and
        its 95 % interval; NaN when no product's rating moved enough.
    p_value : float
    products, moved : int
        Products in the model, and those whose rating moved by at least ``min_move`` (they identify it).
    observations : int
    outcome : str
        ``"organic"`` (ad clicks and ad units taken out) or ``"all"``.
    table : DataFrame
        One row per specification (the main one, and every monthly wobble counted), with estimate and interval.
    moves : DataFrame
        The products whose rating moved: ``sku, first_rating, last_rating, low, high``.
    reason : str
        Why nothing was estimated, else ``""``.
    """

    effect: float
    lower: float
    upper: float
    p_value: float
    products: int
    moved: int
    observations: int
    outcome: str
    min_move: float
    article: float
    reason: str = ""
    table: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    moves: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    def effect_of(self, drop_stars: float) -> tuple[float, float, float]:
        """The effect of a drop of ``drop_stars`` (estimate, lower, upper), e.g. ``effect_of(0.5)``."""
        scale = drop_stars / 0.1
        return tuple(float((1 + v) ** scale - 1) for v in (self.effect, self.lower, self.upper))

    @property
    def article_inside(self) -> bool:
        return bool(self.lower <= self.article <= self.upper)


def estimate_rating_effect(
    panel: pd.DataFrame,
    *,
    min_move: float = 0.3,
    article: float = -0.17,
    confidence: float = 0.95,
) -> RatingEffect:
    """The effect of a 0.1-star rating change on listing conversion (statsmodels Poisson GLM, within product).

    Units per month and product are modelled as Poisson with the month's sessions as exposure (offset),
    product and calendar-month fixed effects (each product against itself; the season and the account's
    traffic out), the log of the listing price and the log of one plus the ad spend as controls, and the
    rating. Standard errors allow for overdispersion (Pearson). Where the ad reports give clicks and
    attributed units per product, they are taken out of sessions and units: a rating acts on shoppers who
    find the listing, while ad units follow bids.

    The monthly rating of most listings wobbles by 0.1 star from one month to the next and back: that is
    the rounding of a monthly figure, not a change shoppers see, and counting it as a rating change would
    pull the estimate toward zero. So a product's rating enters the model only if it moved by at least
    ``min_move`` stars over the period; the other products still set the month effects and controls. The
    table also gives the estimate with every wobble counted.

    Returns
    -------
    RatingEffect
        Relative change of conversion for a 0.1-star drop, ``exp(-0.1 b) - 1``, with its interval.
    """
    cols = ["specification", "products_moved", "observations", "effect", "lower", "upper", "p_value"]

    def nothing(reason: str, products: int = 0, observations: int = 0, outcome: str = "") -> RatingEffect:
        return RatingEffect(
            np.nan,
            np.nan,
            np.nan,
            np.nan,
            products,
            0,
            observations,
            outcome,
            min_move,
            article,
            reason,
            pd.DataFrame(columns=cols),
            pd.DataFrame(columns=["sku", "first_rating", "last_rating", "low", "high"]),
        )

    need = {"sku", "month", "sessions", "units", "rating"}
    if panel is None or panel.empty or not need <= set(panel.columns):
        return nothing("no monthly sessions, units and ratings per product")
    p = panel.dropna(subset=["sessions", "units", "rating"]).copy()
    p = p[(p["sessions"] > 0) & (p["units"] >= 0)]
    outcome = "organic" if "organic" in p.columns and bool(p["organic"].any()) else "all"
    counts = p.groupby("sku")["month"].transform("size")
    p = p[counts >= 2]
    if p["sku"].nunique() == 0 or p["month"].nunique() < 3:
        return nothing("fewer than three months of sessions, units and ratings", p["sku"].nunique(), len(p), outcome)
    span = p.groupby("sku")["rating"].agg(lambda r: r.max() - r.min())
    moved = sorted(span.index[span >= min_move - 1e-9])
    p["rating_main"] = np.where(p["sku"].isin(moved), p["rating"], p.groupby("sku")["rating"].transform("median"))
    p["log_price"] = np.log(p["price"].where(p["price"] > 0)) if "price" in p.columns else 0.0
    p["log_price"] = p["log_price"].fillna(p.groupby("sku")["log_price"].transform("mean")).fillna(0.0)
    p["log_spend"] = np.log1p(p["spend"].astype("float64").fillna(0.0).clip(lower=0)) if "spend" in p.columns else 0.0
    import statsmodels.api as sm

    def fit(column: str) -> dict | None:
        if p.groupby("sku")[column].nunique().max() < 2:
            return None
        x = pd.concat(
            [
                p[[column]],
                p[["log_price", "log_spend"]].loc[:, lambda f: f.std() > 0],
                pd.get_dummies(p["sku"], prefix="sku", drop_first=True, dtype="float64"),
                pd.get_dummies(p["month"], prefix="m", drop_first=True, dtype="float64"),
            ],
            axis=1,
        )
        x.insert(0, "const", 1.0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = sm.GLM(
                p["units"].astype("float64"),
                x.astype("float64"),
                family=sm.families.Poisson(),
                offset=np.log(p["sessions"].astype("float64")),
            )
            result = model.fit(scale="X2")
        b = float(result.params[column])
        lo, hi = (float(v) for v in result.conf_int(alpha=1 - confidence).loc[column])
        return {
            "effect": math.exp(-0.1 * b) - 1,
            "lower": math.exp(-0.1 * hi) - 1,
            "upper": math.exp(-0.1 * lo) - 1,
            "p_value": float(result.pvalues[column]),
        }

    rows = []
    main = fit("rating_main") if moved else None
    if main:
        rows.append(
            {
                "specification": f"ratings that moved by {min_move:.1f} stars or more",
                "products_moved": len(moved),
                "observations": len(p),
                **main,
            }
        )
    every = fit("rating")
    if every:
        wobbly = int((span > 0).sum())
        rows.append(
            {
                "specification": "every monthly change counted (0.1-star wobbles too)",
                "products_moved": wobbly,
                "observations": len(p),
                **every,
            }
        )
    table = pd.DataFrame(rows, columns=cols)
    first = p.sort_values("month").groupby("sku")["rating"]
    moves = (
        pd.DataFrame(
            {"first_rating": first.first(), "last_rating": first.last(), "low": first.min(), "high": first.max()}
        )
        .loc[moved]
        .reset_index()
    )
    if not main:
        why = (
            f"no product's rating moved by {min_move:.1f} stars or more in the period (the monthly wobbles of 0.1 star "
            "are noise of the monthly figure)"
        )
        out = nothing(why, p["sku"].nunique(), len(p), outcome)
        return RatingEffect(**{**out.__dict__, "table": table, "moves": moves})
    return RatingEffect(
        main["effect"],
        main["lower"],
        main["upper"],
        main["p_value"],
        p["sku"].nunique(),
        len(moved),
        len(p),
        outcome,
        min_move,
        article,
        "",
        table,
        moves,
    )


def build_rating_panel(traffic: pd.DataFrame, ads: pd.DataFrame, listing: pd.DataFrame) -> pd.DataFrame:
    """``sku, month, sessions, units, rating, price, spend, organic``: the panel of :func:`estimate_rating_effect`.

    Where the ad reports cover a month, the product's ad clicks and its ad-attributed units are taken out
    of its sessions and units (``organic`` True).
    """
    if traffic.empty or listing.empty:
        return pd.DataFrame(columns=["sku", "month", "sessions", "units", "rating", "price", "spend", "organic"])
    p = traffic.merge(listing[["month", "sku", "rating", "price"]], on=["month", "sku"], how="inner")
    p = p.merge(ads, on=["month", "sku"], how="left")
    ad_months = set(ads["month"]) if len(ads) else set()
    organic = p["month"].isin(ad_months)
    for c in ("clicks", "ad_units", "spend"):
        p[c] = p[c].astype("float64").fillna(0.0) if c in p.columns else 0.0
    clicks, ad_units = p["clicks"], p["ad_units"]
    p["sessions"] = np.where(organic, p["sessions"] - clicks, p["sessions"])
    p["units"] = np.where(organic, p["units_ordered"] - ad_units, p["units_ordered"])
    p["units"] = p["units"].clip(lower=0)
    p["organic"] = organic
    return p[["sku", "month", "sessions", "units", "rating", "price", "spend", "organic"]]


# --------------------------------------------------------------------------- the result
@dataclass(frozen=True)
class OpsSales(Result):
    """Operations vs sales for one marketplace and period.

    Tables: ``pnl`` (the account's reverse P&L, step by step, with shares of GMV), ``pnl_by_month``,
    ``pnl_by_product``, ``high_sales_no_profit``, ``families_by_month``, ``families_by_product``,
    ``scorecard`` (per product and KPI), ``scorecard_account``, ``cross_correlation``, ``rating_effect``,
    ``rating_moves``.
    """

    marketplace: str = ""
    currency: str = "USD"
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    pnl: PnL | None = field(default=None, repr=False)
    lead: LeadEstimate | None = field(default=None, repr=False)
    rating: RatingEffect | None = field(default=None, repr=False)
    thresholds: dict = field(default_factory=dict, repr=False)
    account: dict = field(default_factory=dict, repr=False)
    notes: tuple = ()
    source: str = "transactions"
    fixed_costs: tuple = (0.0, 0.0)

    # ----- helpers
    def _money(self, value: float) -> str:
        """``USD 4,770``, ``GBP -849``: amounts in findings carry the currency code (a ``$`` in Markdown can start
        a formula)."""
        return f"{self.currency} {value:,.0f}"

    def biggest_margin_eater(self) -> tuple[str, float, str]:
        """The margin eater that costs the most money above the rest of the account's rate: ``(name, amount, skus)``.

        Summed over the products of "high sales, no profit" whose eater it is (``eater_excess``).
        """
        r = self.tables["high_sales_no_profit"]
        r = r[r["eater_excess"] > 0]
        if r.empty:
            return "", 0.0, ""
        by_step = r.groupby("eater_step", sort=True)["eater_excess"].sum().sort_values(ascending=False, kind="stable")
        step = by_step.index[0]
        skus = ", ".join(r.loc[r["eater_step"] == step].sort_values("eater_excess", ascending=False)["sku"].head(3))
        return EATERS[step], float(by_step.iloc[0]), skus

    def largest_cost(self) -> tuple[str, float]:
        """The largest cost step besides the cost of goods and the fixed costs, as a share of GMV."""
        t = self.pnl.totals
        steps = [k for k in COST_STEPS if k not in ("cogs", "tools", "people")]
        if not t["gmv"]:
            return "", float("nan")
        key = min(steps, key=lambda k: t[k])
        return STEP_LABELS[key], float(-t[key] / t["gmv"])

    def losing_products(self) -> pd.DataFrame:
        """Products with a negative net profit, the largest loss first."""
        p = self.pnl.by_product
        p = p[(p["sku"] != "(account)") & (p["net_profit"] < 0)]
        return p.sort_values(["net_profit", "sku"], kind="stable")

    def findings_by_topic(self) -> dict[str, str]:
        t, th = self.pnl.totals, self.thresholds
        out = {}
        period = f"{self.start:%Y-%m-%d} to {self.end:%Y-%m-%d}" if self.start is not None else "the period"
        gmv = float(t["gmv"])
        if gmv > 0:
            out["pnl"] = (
                f"{self.marketplace}, {period}: GMV {self._money(gmv)} became a net profit of "
                f"{self._money(t['net_profit'])}, a net margin of {t['net_margin']:.1%} after tools and people "
                f"({t['net_margin_before_fixed']:.1%} before them), against the article's medians of "
                f"{th['net_margin_median_top_sellers']:.1%} for top sellers and "
                f"{th['net_margin_median_without_systematic_ops']:.1%} without systematic operations."
            )
        else:
            out["pnl"] = (
                f"{self.marketplace}, {period}: no sales in the payments reports, so there is no margin to measure."
            )
        label, share = self.largest_cost()
        if label:
            out["costs"] = (
                f"Besides the cost of goods ({-t['cogs'] / gmv:.1%} of GMV), the largest cost is {label}: "
                f"{share:.1%} of GMV."
            )
        eater, amount, skus = self.biggest_margin_eater()
        if eater:
            out["margin_eater"] = (
                f"The biggest margin eater is {eater}: {self._money(amount)} more than the rest of the account "
                f"spends on it for the same sales, mostly in {skus}."
            )
        tools, people = self.fixed_costs
        out["fixed"] = (
            f"Fixed costs, given as parameters: tools {self._money(-t['tools'])} and people "
            f"{self._money(-t['people'])} over the period (USD {tools:,.0f} and USD {people:,.0f} a month), "
            "shared out to products by GMV."
        )
        ranking = self.tables["high_sales_no_profit"]
        if len(ranking):
            top = ranking.iloc[0]
            eater = (
                f"; what eats its margin: {top['margin_eater']} ({top['eater_share']:.1%} of its GMV against "
                f"{top['rest_share']:.1%} for the rest of the account)"
                if top["margin_eater"]
                else ""
            )
            out["high_sales"] = (
                f"{top['sku']} (sales rank {int(top['sales_rank'])} of {len(ranking)}) loses the most profit: "
                f"{self._money(top['profit_lost'])} against the rest of the account's {top['rest_margin']:.1%} net "
                f"margin, with a net profit of {self._money(top['net_profit'])} ({top['net_margin']:.1%}){eater}."
            )
            losing = self.losing_products()
            if len(losing):
                out["losing"] = (
                    f"{plural(len(losing), 'product')} lost money in the period: "
                    + ", ".join(
                        f"{s} ({self._money(v)})" for s, v in zip(losing["sku"].head(5), losing["net_profit"].head(5))
                    )
                    + ("." if len(losing) <= 5 else ", …")
                )
            else:
                out["losing"] = "No product lost money in the period."
        out["payouts"] = (
            f"Transfers to the bank ({self._money(-self.pnl.payouts)}) are payouts, not costs, and tax collected for "
            f"the state ({self._money(self.pnl.taxes)}) is not the seller's: neither is in the P&L."
        )
        rules = "; ".join(self.pnl.rules.values())
        restock = (
            "refunded units the returns report graded sellable went back to stock and cost no goods"
            if self.pnl.restocked_known
            else "without a returns report every refunded unit counts as lost stock"
        )
        ads = {
            "invoices": "advertising is the Cost of Advertising invoices in the payments report",
            "ad reports": "advertising is the spend of the ad reports (no invoice in the payments report)",
            "none": "no advertising was found (no invoice, no ad report)",
        }[self.pnl.advertising_source]
        out["allocation"] = f"How the P&L was built: {ads}; {restock}; {rules}."
        if self.pnl.missing_costs:
            out["missing_costs"] = (
                f"No unit cost in the product master for {', '.join(self.pnl.missing_costs)}: their cost of goods is "
                "missing, so their profit is overstated."
            )
        out["families"] = self._families_finding()
        out["scorecard"] = self._scorecard_finding()
        out["lead"] = self._lead_finding()
        out["rating"] = self._rating_finding()
        for i, note in enumerate(self.notes):
            out[f"missing_{i}"] = note
        return out

    def _families_finding(self) -> str:
        m = self.tables["families_by_month"]
        if m.empty:
            return "No month to compare."
        best = m.loc[m["gmv"].idxmax()]
        worst = m.loc[m["net_margin"].idxmin()] if m["net_margin"].notna().any() else None
        text = f"GMV peaked in {best['month']} ({self._money(best['gmv'])})"
        if worst is not None:
            text += f"; the thinnest net margin was {worst['net_margin']:.1%} in {worst['month']}"
        conv = m["listing_conversion"].dropna()
        if len(conv):
            text += f"; listing conversion ranged from {conv.min():.1%} to {conv.max():.1%}"
        return text + "."

    def _scorecard_finding(self) -> str:
        s = self.tables["scorecard"]
        s = s[s["sku"] != "account"]
        if s.empty:
            return "No product to score."
        judged = s[s["status"] != "info"]
        bad = judged[judged["status"] == "bad"]
        if judged.empty:
            return "Nothing could be judged against the article's benchmarks."
        worst = bad.groupby("label").size().sort_values(ascending=False, kind="stable")
        text = f"{len(bad)} of {len(judged)} product scores are red"
        if len(worst):
            text += "; the most often missed benchmark: " + ", ".join(
                f"{k} ({plural(int(v), 'product')})" for k, v in worst.head(3).items()
            )
        return text + "."

    def _lead_finding(self) -> str:
        lead = self.lead
        if lead is None or lead.lag is None:
            why = lead.reason if lead is not None else "no daily Business Report"
            return f"Whether traffic leads sales cannot be shown: {why}."
        what = (
            "organic sessions (ad clicks taken out) lead organic units"
            if lead.series == "organic"
            else "sessions lead units"
        )
        band = f"{lead.lower} to {lead.upper} days" if lead.lower != lead.upper else f"{lead.lower} days"
        if lead.found:
            peak = (
                f", the detrended cross-correlation peaking at {lead.peak_lag} days"
                if lead.peak_lag is not None and lead.peak_lag != lead.lag
                else ""
            )
            text = (
                f"Traffic leads sales: {what} by {lead.lag} days (95% set {band}{peak}); the previous four weeks of "
                f"traffic improve the forecast of units (Granger-type test p = {lead.granger_p:.3f})"
            )
            text += (
                f", and units do not lead traffic (p = {lead.reverse_p:.2f})."
                if lead.reverse_p >= 0.05
                else f", but units also lead traffic (p = {lead.reverse_p:.3f}): a common cause may move both."
            )
            return text + (
                " This is a regularity of the account's daily totals, not proof that operations cause sales: a season "
                "or a competitor's move can shift traffic and sales together, and it says nothing about single products."
            )
        return (
            f"No reliable lead of traffic over sales: the best lag is {lead.lag} days (95% set {band}) and the "
            f"Granger-type test is not significant (p = {lead.granger_p:.2f}) over {lead.n_days} days. With "
            f"{lead.units_per_day:.1f} units a day the daily totals are too noisy to tell; this does not show that "
            "traffic has no lead, only that these data cannot measure it."
        )

    def _rating_finding(self) -> str:
        r = self.rating
        if r is None:
            return "The rating effect cannot be shown: no listing history."
        if np.isnan(r.effect):
            return f"The effect of the rating on conversion cannot be estimated: {r.reason}."
        article = f"{r.article:.0%}"
        verdict = (
            f"the article's {article} lies inside it"
            if r.article_inside
            else f"the article's {article} lies outside it"
        )
        scope = "organic " if r.outcome == "organic" else ""
        who = ", ".join(r.moves["sku"]) if len(r.moves) else ""
        return (
            f"A 0.1-star drop changes {scope}listing conversion by {r.effect:+.1%} (95% interval {r.lower:+.1%} to "
            f"{r.upper:+.1%}, {r.observations} product-months); {verdict}. The estimate rests on "
            f"{plural(r.moved, 'product')} whose rating really moved ({who}); with so few, the interval is wide."
        )

    #: The findings of the summary, in this order (the others are said in their sections).
    SUMMARY = ("pnl", "margin_eater", "high_sales", "losing", "scorecard", "lead", "rating")

    def findings(self) -> list[str]:
        """The summary for management: net margin, the margin eater, the losing products, the scorecard, the
        lead of traffic, the rating effect, and what the missing reports prevent."""
        topics = self.findings_by_topic()
        keys = [k for k in self.SUMMARY if k in topics] + [k for k in topics if k.startswith("missing")]
        return [topics[k] for k in keys]

    def view(self, name: str, top: int | None = None) -> pd.DataFrame:
        """The columns of a table a manager reads, with human names, at most ``top`` rows.

        ``pnl``, ``pnl_shares``, ``operations_by_month``, ``sales_by_month``, ``families_by_product``,
        ``high_sales_no_profit`` (the products that lose profit), ``rating_effect``, ``rating_moves``.
        """
        if name == "pnl_shares":
            return self._shares(top)
        t = self.tables["families_by_month" if name.endswith("_by_month") else name]
        columns = {
            "pnl": ["label", "amount", "share_of_gmv"],
            "operations_by_month": [
                "month",
                "sessions",
                "listing_conversion",
                "buy_box",
                "acos",
                "tacos",
                "rating",
                "return_rate",
                "in_stock_rate",
                "cancellation_rate",
                "response_time_hours",
            ],
            "sales_by_month": [
                "month",
                "gmv",
                "orders",
                "units",
                "average_price",
                "gross_margin",
                "contribution_margin",
                "net_margin",
            ],
            "families_by_product": [
                "sku",
                "gmv",
                "units",
                "average_price",
                "net_margin",
                "listing_conversion",
                "buy_box",
                "tacos",
                "acos",
                "rating",
                "return_rate",
                "in_stock_rate",
            ],
            "high_sales_no_profit": [
                "rank",
                "sku",
                "gmv",
                "sales_rank",
                "net_profit",
                "net_margin",
                "profit_lost",
                "margin_eater",
                "eater_share",
                "rest_share",
            ],
            "rating_effect": ["specification", "products_moved", "observations", "effect", "lower", "upper", "p_value"],
            "rating_moves": ["sku", "first_rating", "last_rating", "low", "high"],
        }[name]
        out = t[[c for c in columns if c in t.columns]]
        if name == "pnl":
            out = out.rename(columns={"label": "step"})
        if name == "families_by_product":
            out = out.sort_values(["gmv", "sku"], ascending=[False, True], kind="stable")
        if name == "high_sales_no_profit" and len(out):
            out = out[out["profit_lost"] > 0]
        out = out.rename(columns=self._display_names())
        return out.head(top) if top else out

    #: Short column names of the per-product shares table.
    SHARE_LABELS = {
        "referral_fees": "referral",
        "fba_fees": "FBA",
        "storage_fees": "storage",
        "aged_inventory_fees": "aged stock",
        "advertising": "ads",
        "refunds": "refunds",
        "promotions": "promotions",
        "other_fees": "other fees",
        "cogs": "goods",
        "fixed_costs": "tools and people",
    }

    #: Column names a manager reads (money columns get the currency, see :meth:`_display_names`).
    DISPLAY = {
        "sku": "SKU",
        "acos": "ACoS",
        "tacos": "TACoS",
        "roas": "ROAS",
        "buy_box": "Buy Box",
        "in_stock_rate": "in stock",
        "response_time_hours": "response time (h)",
        "share_of_gmv": "share of GMV",
        "eater_share": "its share of GMV",
        "rest_share": "rest of account",
        "p_value": "p-value",
        "effect": "effect",
    }
    #: Money columns: shown as plain numbers with the currency in the column name.
    MONEY = {
        "gmv": "GMV",
        "amount": "amount",
        "average_price": "average price",
        "net_profit": "net profit",
        "profit_lost": "profit lost",
    }

    def _display_names(self) -> dict[str, str]:
        return self.DISPLAY | {k: f"{v} ({self.currency})" for k, v in self.MONEY.items()}

    def _shares(self, top: int | None) -> pd.DataFrame:
        """Per product: GMV, each cost step as a (signed) share of GMV and the net margin, largest GMV first."""
        p = self.pnl.by_product
        p = p[(p["sku"] != "(account)") & (p["gmv"] > 0)].sort_values(["gmv", "sku"], ascending=[False, True])
        out = pd.DataFrame({"sku": p["sku"], "gmv": p["gmv"]})
        p = p.assign(fixed_costs=p["tools"] + p["people"])
        for key, label in self.SHARE_LABELS.items():
            if key == "other_fees" and not (p[key] != 0).any():
                continue
            out[label] = p[key] / p["gmv"]
        out["net_margin"] = p["net_margin"]
        out = out.rename(columns=self._display_names())
        return out.head(top) if top else out

    def formats(self, name: str) -> dict[str, str]:
        """``str.format`` patterns for the columns of :meth:`view` (its column names; money as plain numbers, the
        currency is in the column's name)."""
        names = self._display_names()
        return {names.get(k, k): v for k, v in self._formats(name).items()}

    def _formats(self, name: str) -> dict[str, str]:
        money, money2, pct = "{:,.0f}", "{:,.2f}", "{:.1%}"
        if name == "pnl_shares":
            return {"gmv": money, "net_margin": pct, **{label: pct for label in self.SHARE_LABELS.values()}}
        return {
            "pnl": {"amount": money, "share_of_gmv": pct},
            "operations_by_month": {
                "sessions": "{:,.0f}",
                "listing_conversion": pct,
                "buy_box": pct,
                "acos": pct,
                "tacos": pct,
                "rating": "{:.2f}",
                "return_rate": pct,
                "in_stock_rate": "{:.0%}",
                "cancellation_rate": pct,
                "response_time_hours": "{:.1f}",
            },
            "sales_by_month": {
                "gmv": money,
                "orders": "{:,.0f}",
                "units": "{:,.0f}",
                "average_price": money2,
                "gross_margin": pct,
                "contribution_margin": pct,
                "net_margin": pct,
            },
            "families_by_product": {
                "gmv": money,
                "units": "{:,.0f}",
                "average_price": money2,
                "net_margin": pct,
                "listing_conversion": pct,
                "buy_box": pct,
                "tacos": pct,
                "acos": pct,
                "rating": "{:.2f}",
                "return_rate": pct,
                "in_stock_rate": "{:.0%}",
            },
            "high_sales_no_profit": {
                "gmv": money,
                "net_profit": money,
                "net_margin": pct,
                "profit_lost": money,
                "eater_share": pct,
                "rest_share": pct,
            },
            "rating_effect": {"effect": "{:+.1%}", "lower": "{:+.1%}", "upper": "{:+.1%}", "p_value": "{:.3f}"},
            "rating_moves": {"first_rating": "{:.1f}", "last_rating": "{:.1f}", "low": "{:.1f}", "high": "{:.1f}"},
        }[name]

    def kpis(self) -> list[KPI]:
        t, th = self.pnl.totals, self.thresholds
        eater, amount, skus = self.biggest_margin_eater()
        losing = self.losing_products()
        out = [
            KPI(
                "net_margin",
                "net margin (after tools and people)",
                float(t["net_margin"]),
                "fraction",
                benchmark=th["net_margin_median_top_sellers"],
                direction="min",
                watch=th["net_margin_median_without_systematic_ops"],
                note=f"article's medians {th['net_margin_median_top_sellers']:.1%} top sellers, "
                f"{th['net_margin_median_without_systematic_ops']:.1%} without systematic operations",
            ),
            KPI(
                "net_margin_before_fixed",
                "net margin before tools and people",
                float(t["net_margin_before_fixed"]),
                "fraction",
                status="info",
            ),
            KPI(
                "net_profit",
                "net profit",
                float(t["net_profit"]),
                f"money:{self.currency}",
                benchmark=0.0,
                direction="min",
                watch=0.0,
            ),
            KPI(
                "margin_eater",
                "biggest margin eater",
                eater or "none found",
                "text",
                status="info",
                note=f"{self._money(amount)} above the rest of the account's rate ({skus})" if eater else "",
            ),
            KPI(
                "products_losing_money",
                "products losing money",
                len(losing),
                "count",
                benchmark=0,
                direction="max",
                watch=1,
                note=", ".join(losing["sku"].head(3)),
            ),
        ]
        acc = self.account
        if not pd.isna(acc.get("acos", np.nan)):
            out.append(
                KPI(
                    "acos",
                    "ACoS",
                    float(acc["acos"]),
                    "fraction",
                    benchmark=th["acos_well_run"],
                    direction="max",
                    watch=th["acos_industry_average"],
                )
            )
        if self.rating is not None and not np.isnan(self.rating.effect):
            r = self.rating
            out.append(
                KPI(
                    "rating_effect",
                    "conversion change per 0.1-star drop",
                    r.effect,
                    "fraction",
                    status="info",
                    note=f"95% {r.lower:+.1%} to {r.upper:+.1%}; article {r.article:.0%}",
                )
            )
        if self.lead is not None and self.lead.lag is not None:
            lead = self.lead
            found = lead.found
            out.append(
                KPI(
                    "traffic_lead",
                    "traffic leads sales by",
                    f"{lead.lag} days" if found else "no reliable lead",
                    "text",
                    status="info",
                    note=f"95% set {lead.lower}–{lead.upper} days; Granger-type p = {lead.granger_p:.3f}",
                )
            )
        return out

    def scorecard_kpis(self) -> list[KPI]:
        """The account's scorecard against the article's benchmarks (a traffic light each)."""
        th, acc = self.thresholds, self.account
        out = []
        for key, label, unit, bench, direction, watch in SCORECARD:
            value = acc.get(key, np.nan)
            value = float(value) if value is not None and not pd.isna(value) else float("nan")
            if direction == "band":
                low, high = th["ad_spend_share_min"], th["ad_spend_share_max"]
                out.append(
                    KPI(
                        key,
                        label,
                        value,
                        unit,
                        status=judge_band(value, low, high),
                        note=f"advised {low:.0%}–{high:.0%} of sales",
                    )
                )
            else:
                out.append(
                    KPI(
                        key,
                        label,
                        value,
                        unit,
                        benchmark=th[bench],
                        direction=direction,
                        watch=th[watch] if watch else None,
                    )
                )
        return out


def _account_families(families_by_month: pd.DataFrame, families_by_product: pd.DataFrame, pnl: PnL) -> dict:
    """The account's KPIs over the whole period (for the scorecard and the headline)."""
    m = families_by_month
    if m.empty:
        return {}
    spend = m["ad_spend"].sum(min_count=1)
    gmv = float(pnl.totals["gmv"])
    prod = families_by_product
    acc = {
        "acos": np.nan,
        "roas": np.nan,
        "tacos": np.nan,
        "rating": _weighted(prod["rating"], prod["sessions"].fillna(1.0)) if len(prod) else np.nan,
        "return_rate": metrics.return_rate((prod["return_rate"] * prod["units"]).sum(), prod["units"].sum()),
        "cancellation_rate": _weighted(m["cancellation_rate"], m["orders"].fillna(m["units"])),
        "response_time_hours": m["response_time_hours"].mean(),
        "net_margin": float(pnl.totals["net_margin"]),
    }
    if not pd.isna(spend):
        ad_sales = (m["ad_spend"] / m["acos"]).replace([np.inf, -np.inf], np.nan).sum(min_count=1)
        acc["acos"] = metrics.acos(spend, ad_sales)
        acc["roas"] = metrics.roas(ad_sales, spend)
        acc["tacos"] = metrics.tacos(spend, gmv)
    turnover = prod["inventory_turnover"] if "inventory_turnover" in prod.columns else pd.Series(dtype="float64")
    cogs = -pnl.by_product.set_index("sku")["cogs"].reindex(prod["sku"]).to_numpy() if len(prod) else np.array([])
    acc["inventory_turnover"] = _weighted(turnover.reset_index(drop=True), pd.Series(cogs)) if len(turnover) else np.nan
    return acc


def analyse_ops_sales(
    frames: Mapping[str, pd.DataFrame],
    *,
    marketplace: str,
    start: str | pd.Timestamp,
    end: str | pd.Timestamp,
    fx_rates: str | Mapping[str, float] = "GBP=1.25",
    tools_per_month: float = 300.0,
    people_per_month: float = 0.0,
    min_rating_move: float = 0.3,
    max_lag_days: int = 28,
    article_conversion_drop: float | None = None,
    missing: Sequence[str] = (),
    labels: Mapping[str, str] | None = None,
    **threshold_overrides: float,
) -> OpsSales:
    """Operations vs sales for one marketplace and period: the entry point of notebook 04.

    Parameters
    ----------
    frames : mapping of kind -> DataFrame
        ``inputs.frames`` of ``catalog.load_inputs(required=REQUIRED, optional=OPTIONAL, ...)``.
    marketplace : str
    start, end : date
        The period (months of the P&L: every month they touch).
    fx_rates : str or dict
        Value of one unit of each currency in US dollars (``"GBP=1.25"``): unit costs, tools and people.
    tools_per_month, people_per_month : float
        Monthly fixed costs in US dollars carried by this marketplace.
    min_rating_move : float
        Stars a product's rating must move over the period to count as a rating change.
    max_lag_days : int
        Longest lead of traffic over sales looked for.
    article_conversion_drop : float, optional
        The article's claim the rating effect is set against, as a positive share: 0.17 for "each 0.1-star
        drop cuts conversion by 17 %" (default: ``rating_sensitivity`` of the thresholds).
    missing, labels :
        ``inputs.missing`` and ``inputs.labels``: the optional reports absent, to say what cannot be shown.
    **threshold_overrides :
        Benchmarks of :mod:`sellerops.core.thresholds` to override (``acos_well_run=0.25``).

    Returns
    -------
    OpsSales
    """
    if article_conversion_drop is not None:
        threshold_overrides["rating_sensitivity"] = -abs(float(article_conversion_drop))
    thresholds = resolve_thresholds(**threshold_overrides)
    usd_rates = parse_rates(fx_rates) if isinstance(fx_rates, str) else dict(fx_rates)
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    months = [p.strftime("%Y-%m") for p in pd.period_range(start, end, freq="M")]
    products = frames["product_master"]
    asin_to_sku = dict(zip(products["asin"].astype("str"), products["sku"].astype("str"))) if "asin" in products else {}
    titles = dict(zip(products["sku"], products["title"].fillna(""))) if "title" in products.columns else {}
    if "payments_transactions" in frames:
        ledger, source = classify_transactions(frames["payments_transactions"]), "transactions"
    else:
        ledger, source = classify_settlements(frames.get("settlement_v2")), "settlements"
    ledger = ledger[ledger["month"].isin(months)]
    traffic = summarise_traffic(frames.get("business_report_child_item"), asin_to_sku)
    ads = summarise_ads(frames.get("sp_advertised_product"), asin_to_sku)
    listing = _listing(frames.get("listing_history"), marketplace)
    inventory = frames.get("fba_inventory_planning")
    snapshot = frames.get("fba_manage_inventory") if inventory is None else None
    returns = frames.get("fba_returns")
    currency = None
    if ledger["currency"].notna().any():
        currency = str(ledger["currency"].dropna().iloc[0])
    pnl = build_pnl(
        ledger,
        products,
        currency=currency,
        usd_rates=usd_rates,
        months=months,
        returns=returns,
        inventory=inventory,
        ad_spend=ads[["month", "sku", "spend"]] if len(ads) else None,
        tools_per_month=tools_per_month,
        people_per_month=people_per_month,
    )
    unit_cost = _unit_costs(products, pnl.currency, usd_rates)
    fam_month, fam_product = tabulate_families(
        pnl,
        traffic=traffic,
        ads=ads,
        listing=listing,
        returns=returns,
        orders=frames.get("all_orders"),
        inventory=inventory if inventory is not None else snapshot,
        campaigns=frames.get("sp_campaign"),
        unit_cost=unit_cost,
        period_days=(end - start).days + 1,
    )
    fam_product.insert(1, "title", fam_product["sku"].map(titles).fillna(""))
    account = _account_families(fam_month, fam_product, pnl)
    ordered = fam_product.sort_values(["gmv", "sku"], ascending=[False, True], kind="stable")
    scorecard = score_against_benchmarks(
        pd.concat([pd.DataFrame([{"sku": "account", **account}]), ordered]), thresholds
    )
    ranking = rank_margin_eaters(pnl.by_product, titles)
    by_date = frames.get("business_report_by_date")
    ad_daily = frames.get("sp_advertised_product")
    if ad_daily is not None and len(ad_daily) and "units" not in ad_daily.columns:
        ad_daily = None
    lead = estimate_lead(by_date, ad_daily, max_lag=max_lag_days)
    rating = (
        estimate_rating_effect(
            build_rating_panel(traffic, ads, listing),
            min_move=min_rating_move,
            article=thresholds["rating_sensitivity"],
        )
        if len(listing)
        else None
    )
    labels = labels or {}
    notes = []
    cannot = {
        "listing_history": "ratings, reviews, cancellation and response time, and the rating effect",
        "fba_returns": "which refunded units went back to stock (every refunded unit counts as lost) and the "
        "return rate from returns (refunds stand in)",
        "sp_advertised_product": "ACoS and ad spend per product (advertising is shared out by GMV), and the "
        "organic traffic (ad clicks stay in the sessions)",
        "all_orders": "cancellations per product (the listing history's account rate stands in)",
        "fba_inventory_planning": "the in-stock rate, turnover and the storage allocation by stock (storage is "
        "shared out by units sold)",
        "business_report_by_date": "whether traffic leads sales (no daily traffic)",
        "business_report_child_item": "sessions, conversion and Buy Box per product, and the rating effect",
    }
    for kind in missing:
        if kind in cannot and kind not in frames:
            if kind == "fba_inventory_planning" and "fba_manage_inventory" in frames:
                continue
            notes.append(f"Without the {labels.get(kind, kind)} the report cannot show {cannot[kind]}.")
    tables = {
        "pnl": tabulate_pnl(pnl),
        "pnl_by_month": pnl.by_month,
        "pnl_by_product": pnl.by_product.assign(title=pnl.by_product["sku"].map(titles).fillna("")),
        "high_sales_no_profit": ranking,
        "families_by_month": fam_month,
        "families_by_product": fam_product,
        "scorecard": scorecard,
        "cross_correlation": lead.cross_correlation,
        "rating_effect": rating.table if rating is not None else pd.DataFrame(),
        "rating_moves": rating.moves if rating is not None else pd.DataFrame(),
    }
    return OpsSales(
        title="Operations vs sales",
        tables=tables,
        marketplace=marketplace,
        currency=pnl.currency,
        start=start,
        end=end,
        pnl=pnl,
        lead=lead,
        rating=rating,
        thresholds=thresholds,
        account=account,
        notes=tuple(notes),
        source=source,
        fixed_costs=(tools_per_month, people_per_month),
    )
