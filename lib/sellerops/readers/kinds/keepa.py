"""Keepa product exports (Product Viewer / Product Finder → Export): one row per ASIN, a snapshot.

Format: ``amazon-bulksheets-and-keepa.md`` §2.1. Each column is ``<Series>: <Statistic>`` as of the
export (``Sales Rank: Current``, ``Buy Box: 90 days avg.``…), and the user picks the columns, so every
file may hold a different set: only ``ASIN`` and ``Title`` are required. The real export is UTF-8 with
a BOM, every field quoted, prices like ``"1,299.99"`` without a currency sign (even on .de), ratings
with one decimal; ``Buy Box 🚚: Current`` (the price with shipping) is read like ``Buy Box: Current``,
``Reviews: Rating Count`` like ``Reviews: Review Count``. The export's date comes from its file name
(``KeepaExport-2026-04-25-ProductFinder.csv``) as ``start_date``/``end_date``.

A folder of monthly exports of the seller's own ASINs gives the listing history when
``listing_history.csv`` is absent: :func:`listing_history_from_keepa`.

Examples
--------
>>> import pandas as pd
>>> keepa = pd.DataFrame({"start_date": pd.to_datetime(["2026-03-31", "2026-04-25"]), "asin": ["B0A", "B0A"],
...                       "buy_box_price_30d_avg": [19.5, None],
...                       "buy_box_price": [19.99, 21.99], "rating": [4.4, 4.5],
...                       "review_count": pd.array([120, 131], "Int64"), "sales_rank": pd.array([5400, 4800], "Int64")})
>>> h = listing_history_from_keepa(keepa, marketplace="US", currency="USD")
>>> h[["month", "sku", "price", "rating", "review_count", "best_seller_rank"]].astype(str).values.tolist()
[['2026-03-01', 'B0A', '19.5', '4.4', '120', '5400'], ['2026-04-01', 'B0A', '21.99', '4.5', '131', '4800']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import Column, ReportKind
from .own import LISTING_HISTORY

_STATS = {"30d": "30 days avg.", "90d": "90 days avg.", "180d": "180 days avg."}


def _series(name: str, series: tuple[str, ...], typ: str, stats: tuple[str, ...] = ("30d", "90d", "180d")):
    """``<series>: Current`` and its averages, for each spelling of the series (``Buy Box``, ``Buy Box 🚚``)."""
    cols = [Column(name, tuple(f"{s}: Current" for s in series), typ)]
    for stat in stats:
        cols.append(Column(f"{name}_{stat}_avg", tuple(f"{s}: {_STATS[stat]}" for s in series), typ))
    return tuple(cols)


KEEPA_PRODUCT = ReportKind(
    name="keepa_product",
    title="Keepa product export (Product Viewer / Product Finder), a snapshot per ASIN",
    label="Keepa products",
    columns=(
        Column("start_date", (), "date"),  # the export's date, from the file name
        Column("end_date", (), "date"),
        Column("asin", ("ASIN",), required=True),
        Column("title", ("Title",), required=True),
        Column("image", ("Image",)),
        Column("brand", ("Brand",)),
        Column("manufacturer", ("Manufacturer",)),
        Column("author", ("Author",)),
        Column("parent_asin", ("Parent ASIN",)),
        Column("variation_asins", ("Variation ASINs",)),
        Column("ean", ("Product Codes: EAN",)),
        Column("upc", ("Product Codes: UPC",)),
        Column("categories_root", ("Categories: Root",)),
        Column("categories_sub", ("Categories: Sub",)),
        Column("categories_tree", ("Categories: Tree",)),
        Column("website_display_group", ("Website Display Group: Name",)),
        Column("url", ("URL: Amazon",)),
    )
    + _series("sales_rank", ("Sales Rank",), "int")
    + (
        Column("sales_rank_drops_30d", ("Sales Rank: Drops last 30 days",), "int"),
        Column("sales_rank_drops_90d", ("Sales Rank: Drops last 90 days",), "int"),
        Column("sales_rank_30d_drop", ("Sales Rank: 30 days drop %",), "rate", bare="percent"),
        Column("sales_rank_90d_drop", ("Sales Rank: 90 days drop %",), "rate", bare="percent"),
        Column("sales_rank_reference", ("Sales Rank: Reference",)),
        Column("rating", ("Reviews: Rating",), "float"),
        Column("review_count", ("Reviews: Review Count", "Reviews: Rating Count"), "int"),
    )
    + _series("buy_box_price", ("Buy Box", "Buy Box 🚚"), "money")
    + (
        Column("buy_box_lowest", ("Buy Box: Lowest", "Buy Box 🚚: Lowest"), "money"),
        Column("buy_box_stock", ("Buy Box: Stock", "Buy Box 🚚: Stock"), "int"),
        Column("buy_box_is_fba", ("Buy Box: Is FBA", "Buy Box 🚚: Is FBA")),
        Column("buy_box_seller", ("Buy Box Seller",)),
        Column("buy_box_amazon_share_90d", ("Buy Box: % Amazon 90 days",), "rate", bare="percent"),
        Column("buy_box_winner_count_90d", ("Buy Box: Winner Count 90 days",), "int"),
    )
    + _series("amazon_price", ("Amazon",), "money")
    + (Column("amazon_stock", ("Amazon: Stock",), "int"),)
    + _series("new_price", ("New",), "money", stats=())
    + _series("new_3p_fba_price", ("New, 3rd Party FBA",), "money", stats=("90d",))
    + _series("new_3p_fbm_price", ("New, 3rd Party FBM",), "money", stats=())
    + _series("list_price", ("List Price",), "money", stats=())
    + _series("new_offer_count", ("New Offer Count",), "float", stats=("90d",))
    + (
        Column("bought_past_month", ("Bought in past month",), "int"),
        Column("referral_fee", ("Referral Fee %",), "rate", bare="percent"),
        Column("fba_pick_pack_fee", ("FBA Pick&Pack Fee",), "money"),
    ),
    key=("start_date", "asin"),
    excludes=("sku",),
    currency_column=None,
    period=("start_date",),
    variants=(
        ("with averages", lambda f: any(c.endswith("_avg") for c in f)),
        ("current values only", lambda f: True),
    ),
    time_model="snapshot",
)

KINDS = (KEEPA_PRODUCT,)

#: Where the price of a month comes from, best first: the 30-day mean, then the value at the export.
PRICE_SOURCES = ("buy_box_price_30d_avg", "buy_box_price", "amazon_price_30d_avg", "amazon_price", "new_price")


def _first_available(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    out = pd.Series(np.nan, index=frame.index, dtype="float64")
    for col in columns:
        if col in frame.columns:
            out = out.fillna(pd.to_numeric(frame[col], errors="coerce").astype("float64"))
    return out


def listing_history_from_keepa(
    frame: pd.DataFrame,
    product_master: pd.DataFrame | None = None,
    *,
    marketplace: str | None = None,
    currency: str | None = None,
) -> pd.DataFrame:
    """The ``listing_history`` canonical frame from Keepa snapshots of the seller's own ASINs.

    Parameters
    ----------
    frame : DataFrame
        The canonical ``keepa_product`` frame of one marketplace (several monthly exports combined).
    product_master : DataFrame, optional
        The canonical ``product_master`` frame: gives each ASIN its SKUs (one row per SKU). Without it
        the ASIN stands for the SKU.
    marketplace, currency : str, optional
        Keepa's exports name neither; the catalog knows them (folder, parameters). A ``currency`` column
        of ``frame``, where filled, is used when ``currency`` is not given.

    Returns
    -------
    DataFrame
        One row per month × SKU with every column of the ``listing_history`` kind (plus ``source_file``
        where ``frame`` has it): ``month`` is the calendar month of the export's date (the latest export of
        a month wins); ``price`` is the Buy Box 30-day average where exported, else the Buy Box price at
        the export, then Amazon's, then the lowest new offer (:data:`PRICE_SOURCES`); ``rating``,
        ``review_count`` and ``best_seller_rank`` (the main sales rank) are the values at the export. The
        account-level columns (order defect and cancellation rates, response time) are missing: Keepa
        does not know them.
    """
    names = [c.name for c in LISTING_HISTORY.columns]
    if frame.empty or "start_date" not in frame.columns:
        return _typed(pd.DataFrame(columns=names))
    snap = frame[frame["asin"].notna() & frame["start_date"].notna()].copy()
    snap["_month"] = snap["start_date"].dt.to_period("M").dt.to_timestamp()
    snap = snap.sort_values(["_month", "asin", "start_date"], kind="stable").groupby(["_month", "asin"]).tail(1)
    out = pd.DataFrame(
        {
            "month": snap["_month"].to_numpy(),
            "asin": snap["asin"].to_numpy(),
            "price": _first_available(snap, PRICE_SOURCES).to_numpy(),
            "rating": _first_available(snap, ("rating",)).to_numpy(),
            "review_count": snap["review_count"].to_numpy() if "review_count" in snap else pd.NA,
            "best_seller_rank": snap["sales_rank"].to_numpy() if "sales_rank" in snap else pd.NA,
        }
    )
    given = currency
    if given is None and "currency" in snap.columns:
        given = snap["currency"].to_numpy()
    out["currency"] = given
    if "source_file" in snap.columns:
        out["source_file"] = snap["source_file"].to_numpy()
    out["marketplace"] = marketplace
    if product_master is not None and len(product_master):
        skus = product_master[["asin", "sku"]].dropna().drop_duplicates()
        out = out.merge(skus, on="asin", how="left")
    else:
        out["sku"] = pd.NA
    out["sku"] = out["sku"].fillna(out["asin"])
    extra = [c for c in ("source_file",) if c in out.columns]
    out = out.sort_values(["month", "sku"], kind="stable").reset_index(drop=True)
    return _typed(out.reindex(columns=names + extra))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The dtypes of the ``listing_history`` canonical frame."""
    dtypes = {"text": "str", "int": "Int64", "float": "float64", "money": "float64", "rate": "float64"}
    for col in LISTING_HISTORY.columns:
        if col.type == "date":
            frame[col.name] = pd.to_datetime(frame[col.name]).astype("datetime64[ns]")
        elif col.type == "int":
            frame[col.name] = pd.to_numeric(frame[col.name], errors="coerce").round().astype("Int64")
        else:
            frame[col.name] = frame[col.name].astype(dtypes[col.type])
    if "source_file" in frame.columns:
        frame["source_file"] = frame["source_file"].astype("str")
    return frame
