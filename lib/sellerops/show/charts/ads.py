"""Charts, tables and action files of the ad-efficiency notebook (02).

Charts return a matplotlib Figure (notebooks end the cell with ``plt.show()``); tables are
:func:`sellerops.show.tables.format_table` tables with human labels, money in the marketplace's currency
and intervals written out; :func:`write_actions` writes every action table as CSV and, where a bulk
download gave the IDs, an Amazon Ads bulk sheet (2.0). Campaign names are drawn as plain text: a ``$``
in a name would otherwise start matplotlib's mathtext.

Works on the :class:`sellerops.analysis.ads.AdEfficiency` result (read through its fields and tables;
``show`` does not import ``analysis``).

Examples
--------
>>> MoneyFormat("GBP")(1234.5), MoneyFormat("USD").format(-3), MoneyFormat("USD")(float("nan"))
('£1,234.50', '-$3.00', '')
>>> plain_text("Save $5 on *mats*")
'Save \\\\$5 on *mats*'
"""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, PercentFormatter

from ..actions import list_action_files, write_action_csv, write_bulksheet
from ..formats import CURRENCY_SIGNS, format_money
from ..tables import Table, format_table

BLUE = "#1f5f8b"
ORANGE = "#e07b39"
GREEN = "#3a9d5d"
RED = "#b23a48"
GREY = "#8c8c8c"
#: Names longer than this are cut (with an ellipsis) in charts; tables show them whole.
NAME_CHARS = 26
#: Weeks with fewer days that count than this are not drawn (one day is not a week's trend).
MIN_WEEK_DAYS = 4
#: Rows of the long tables a manager reads in the report (the CSV files hold them all).
TOP_ROWS = 8
#: File names of the action files (the bulk sheet only where a bulk download gave the IDs).
BULK_FILE = "sponsored_products_bulk"
UNRESOLVED_FILE = "unresolved_names"
LIGHTS = {"good": "● good", "watch": "● watch", "bad": "● bad", "info": ""}


class MoneyFormat:
    """Money in one currency, for a table column: callable (pandas' Styler) and ``.format`` (itables)."""

    def __init__(self, currency: str, decimals: int = 2):
        self.currency = currency
        self.decimals = decimals

    def __call__(self, value) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
            return ""
        return format_money(float(value), self.currency, self.decimals)

    def format(self, value) -> str:
        return self(value)


def plain_text(text: object, limit: int | None = None) -> str:
    """Seller text as matplotlib draws it literally: ``$`` escaped, cut to ``limit`` characters."""
    value = str(text)
    if limit is not None and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value.replace("$", r"\$")


def short_names(names) -> list[str]:
    """Names without the prefix every one of them shares up to a `` - `` (``SP - ``), for chart labels.

    Examples
    --------
    >>> short_names(["SP - Mats - Exact", "SP - Caddy - Broad"])
    ['Mats - Exact', 'Caddy - Broad']
    """
    names = [str(n) for n in names]
    if len(names) < 2:
        return names
    prefix = names[0]
    for name in names[1:]:
        while not name.startswith(prefix):
            prefix = prefix[:-1]
    cut = prefix.rfind(" - ")
    return [n[cut + 3 :] for n in names] if cut >= 0 else names


def _place_labels(ax, xs, ys, labels, fontsize: float, radii=None) -> list[tuple[float, float, str]]:
    """Offsets (points) and alignment of point labels, beside each marker and pushed apart so they do not overlap.

    ``radii`` are the markers' radii in points: a label starts just outside its bubble.
    """
    fig = ax.figure
    fig.canvas.draw()  # the transforms hold the final limits
    px = ax.transData.transform(np.column_stack([np.asarray(xs, float), np.asarray(ys, float)]))
    scale = fig.dpi / 72
    radii = np.zeros(len(px)) if radii is None else np.asarray(radii, float) * scale
    height = fontsize * scale * 1.3
    char = fontsize * scale * 0.56
    right_edge = ax.get_window_extent().x1
    boxes = []
    for (x, y), r, text in zip(px, radii, labels):
        width = char * len(text)
        left = x + r + 3 + width > right_edge
        x0 = x - r - 3 - width if left else x + r + 3
        boxes.append([x0, x0 + width, y, left])
    order = sorted(range(len(boxes)), key=lambda i: (boxes[i][2], i))
    for _ in range(80):  # push overlapping labels apart, half the overlap each, until none overlaps
        moved = False
        for i, box in enumerate(boxes):  # off the other markers: up or down, whichever is nearer
            for k, ((x, y), r) in enumerate(zip(px, radii)):
                if k != i and box[0] < x + r and x - r < box[1] and abs(box[2] - y) < r + height / 2:
                    box[2] = y + (r + height / 2 + 0.5) * (1 if box[2] >= y else -1)
                    moved = True
        for a_i, i in enumerate(order):
            for j in order[a_i + 1 :]:
                bi, bj = boxes[i], boxes[j]
                if bi[0] < bj[1] and bj[0] < bi[1] and abs(bi[2] - bj[2]) < height:
                    push = (height - abs(bi[2] - bj[2])) / 2 + 0.5
                    low, high = (bi, bj) if bi[2] <= bj[2] else (bj, bi)
                    low[2] -= push
                    high[2] += push
                    moved = True
        if not moved:
            break
    out = []
    for (x, y), box in zip(px, boxes):
        dx = (box[1] - x) if box[3] else (box[0] - x)
        out.append((dx / scale, (box[2] - y) / scale, "right" if box[3] else "left"))
    return out


def _pct(value, digits: int = 1) -> str:
    return "" if value is None or not np.isfinite(value) else f"{value:.{digits}%}"


def _interval(lower: pd.Series, upper: pd.Series, fmt) -> pd.Series:
    return pd.Series(
        [f"{fmt(lo)} – {fmt(hi)}" if np.isfinite(lo) and np.isfinite(hi) else "" for lo, hi in zip(lower, upper)],
        index=lower.index,
        dtype="str",
    )


def _sign(currency: str) -> str:
    return CURRENCY_SIGNS.get(currency, currency + " ")


# --------------------------------------------------------------------------- tables
def format_overview(result) -> Table:
    """The period's KPIs against the previous period and their benchmarks, with traffic lights."""
    t = result.tables["overview"]

    def show(value, unit):
        if value is None or not np.isfinite(value):
            return ""
        kind, _, currency = unit.partition(":")
        if kind == "money":
            return format_money(value, currency or result.currency)
        if kind == "fraction":
            return f"{value:.1%}" if abs(value) >= 0.01 else f"{value:.2%}"
        if kind == "ratio":
            return f"{value:,.2f}"
        return f"{value:,.0f}"

    frame = pd.DataFrame(
        {
            "KPI": t["label"],
            "this period": [show(v, u) for v, u in zip(t["current"], t["unit"])],
            "95% interval": [
                f"{show(lo, u)} – {show(hi, u)}" if np.isfinite(lo) and np.isfinite(hi) else ""
                for lo, hi, u in zip(t["lower"], t["upper"], t["unit"])
            ],
            "previous period": [show(v, u) for v, u in zip(t["previous"], t["unit"])],
            "change": [f"{c:+.1%}" if np.isfinite(c) else "" for c in t["change"]],
            "benchmark": [
                ("≤ " if d == "max" else "≥ ") + show(b, u) if b is not None and np.isfinite(b) else ""
                for b, d, u in zip(t["benchmark"].astype(float), t["direction"], t["unit"])
            ],
            "status": [LIGHTS[s] for s in t["status"]],
        }
    )
    if not np.isfinite(t["previous"].astype(float)).any():  # no ad data before the period: nothing to compare
        frame = frame.drop(columns=["previous period", "change"])
    right = tuple(c for c in ("this period", "95% interval", "previous period", "change", "benchmark") if c in frame)
    return Table(frame, None, False, {}, status_column="status", right=right)


def _money_formats(result, *columns: str) -> dict:
    return {c: MoneyFormat(result.currency) for c in columns}


def _view(result, name: str) -> tuple[pd.DataFrame, dict]:
    """The columns a manager reads of one result table, labelled, with their formats."""
    t = result.tables[name]
    pct, ratio = "{:.1%}", "{:,.2f}"
    if name == "products":
        f = t[t["advertised"]] if "advertised" in t.columns and t["advertised"].any() else t
        frame = pd.DataFrame(
            {
                "SKU": f["sku"],
                "price": f["price"],
                "unit cost": f["unit_cost"],
                "referral fee": f["referral_rate"],
                "FBA fee": f["fba_fee"],
                "break-even ACoS": f["break_even_acos"],
            }
        )
        return frame, {
            **_money_formats(result, "price", "unit cost", "FBA fee"),
            "referral fee": pct,
            "break-even ACoS": pct,
        }
    if name in ("over_break_even", "campaigns"):
        frame = pd.DataFrame(
            {
                "campaign": t["campaign"],
                "spend": t["spend"],
                "sales": t["sales"],
                "ACoS": t["acos"],
                "95% interval": _interval(t["acos_lower"], t["acos_upper"], _pct),
                "break-even ACoS": t["break_even_acos"],
                "verdict": t["verdict"],
                "lost per month": t["loss_per_month"],
            }
        )
        if name == "campaigns":
            frame = frame.drop(columns=["lost per month"]).assign(quadrant=t["quadrant"])
        return frame, {
            **_money_formats(result, "spend", "sales", "lost per month"),
            "ACoS": pct,
            "break-even ACoS": pct,
        }
    if name == "targets_over":
        frame = pd.DataFrame(
            {
                "campaign": t["campaign"],
                "target": t["targeting"],
                "clicks": t["clicks"].astype("int64"),
                "orders": t["orders"].round().astype("int64"),
                "ACoS": t["acos"],
                "95% interval": _interval(t["acos_lower"], t["acos_upper"], _pct),
                "break-even ACoS": t["break_even_acos"],
                "lost per month": t["loss_per_month"],
            }
        )
        return frame, {**_money_formats(result, "lost per month"), "ACoS": pct, "break-even ACoS": pct}
    if name == "match_types":
        frame = pd.DataFrame(
            {
                "match type": t["match"],
                "spend share": t["spend_share"],
                "ACoS": t["acos"],
                "ACoS 95% interval": _interval(t["acos_lower"], t["acos_upper"], _pct),
                "CVR": t["cvr"],
                "CVR 95% interval": _interval(t["cvr_lower"], t["cvr_upper"], _pct),
                "CPC": t["cpc"],
                "revenue per click": t["revenue_per_click"],
            }
        )
        return frame, {
            **_money_formats(result, "CPC", "revenue per click"),
            "spend share": pct,
            "ACoS": pct,
            "CVR": pct,
        }
    if name == "placement_changes":
        money = MoneyFormat(result.currency)
        frame = pd.DataFrame(
            {
                "campaign": t["campaign"],
                "placement": t["placement"],
                "revenue per click": t["revenue_per_click"],
                "95% interval": _interval(t["rpc_lower"], t["rpc_upper"], money),
                "rest of search": t["rest_of_search_rpc"],
                "current adjustment": t["current_percentage"].astype(float) / 100,
                "suggested adjustment": t["suggested_percentage"].astype(float) / 100,
            }
        )
        return frame, {
            **_money_formats(result, "revenue per click", "rest of search"),
            "current adjustment": "{:+.0%}",
            "suggested adjustment": "{:+.0%}",
        }
    if name == "elasticity":
        f = t[t["fitted"]]
        moves = result.tables["reallocation"]
        if len(moves):
            f = f.merge(moves[["campaign", "proposed_spend_per_day", "change"]], on="campaign", how="left")
            f = f.sort_values(["change", "campaign"], ascending=[False, True], kind="stable")
        else:
            f = f.assign(proposed_spend_per_day=np.nan, change=np.nan)
        frame = pd.DataFrame(
            {
                "campaign": f["campaign"],
                "elasticity": f["elasticity"],
                "95% interval": _interval(f["elasticity_lower"], f["elasticity_upper"], lambda v: f"{v:.2f}"),
                "marginal ACoS": f["marginal_acos"],
                "spend per day": f["spend_per_day"],
                "reallocated to": f["proposed_spend_per_day"],
            }
        )
        return frame, {
            **_money_formats(result, "spend per day", "reallocated to"),
            "elasticity": ratio,
            "marginal ACoS": pct,
        }
    if name == "reallocation":
        frame = pd.DataFrame(
            {
                "campaign": t["campaign"],
                "spend per day": t["spend_per_day"],
                "proposed": t["proposed_spend_per_day"],
                "change": t["change"],
                "profit gained per month": t["gain_per_month"],
            }
        )
        return frame, {
            **_money_formats(result, "spend per day", "proposed", "profit gained per month"),
            "change": "{:+.0%}",
        }
    if name in ("bid_changes", "bids"):
        frame = pd.DataFrame(
            {
                "campaign": t["campaign"],
                "target": t["targeting"],
                "clicks": t["clicks"].astype("int64"),
                "orders": t["orders"].round().astype("int64"),
                "CVR (shrunk)": t["cvr_shrunk"],
                "revenue per click": t["revenue_per_click"],
                "bid now" if result.has_ids else "CPC now": t["reference_bid"],
                "suggested bid": t["suggested_bid"],
            }
        )
        now = "bid now" if result.has_ids else "CPC now"
        return frame, {**_money_formats(result, "revenue per click", now, "suggested bid"), "CVR (shrunk)": pct}
    raise KeyError(f"no table view named {name!r}")


def format_ads_table(result, name: str, *, caption: str | None = None, top: int | None = TOP_ROWS, empty: str = ""):
    """One of the result's tables as a manager reads it: the first ``top`` rows (the CSV files hold all)."""
    if result.tables[name].empty:
        return format_table(pd.DataFrame(), empty=empty or "Nothing to show.")
    frame, formats = _view(result, name)
    if frame.empty:
        return format_table(frame, empty=empty or "Nothing to show.")
    if top is not None:
        frame = frame.head(top)
    return format_table(frame, caption=caption, formats=formats, empty=empty or "Nothing to show.")


# --------------------------------------------------------------------------- charts
def _money_axis(ax, currency: str, axis: str = "y") -> None:
    sign = _sign(currency)
    formatter = FuncFormatter(lambda v, _: f"{sign}{v:,.0f}" if abs(v) >= 10 or v == 0 else f"{sign}{v:,.2f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)


def plot_weekly(result):
    """Ad sales and spend per day, and ACoS, week by week with 95 % bands; the restated days shaded.

    Weeks run Sunday to Saturday; a week's values come only from the days that count, so the still-restated
    days are never read as a drop (they are left out, or corrected, as the finding says). Weeks with fewer than
    ``MIN_WEEK_DAYS`` days that count (a period starting mid-week) are not drawn.
    """
    w = result.tables["weekly"]
    w = w[w["days"] >= MIN_WEEK_DAYS] if len(w) else w
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9.0, 5.4), sharex=True, height_ratios=[1.25, 1.0])
    if w.empty:
        top.text(0.5, 0.5, "no ad data in the period", ha="center", va="center", transform=top.transAxes)
        return fig
    x = w["week_start"] + pd.Timedelta(days=3)
    top.fill_between(x, w["sales_per_day_lower"], w["sales_per_day_upper"], color=BLUE, alpha=0.15, linewidth=0)
    top.plot(x, w["sales_per_day"], color=BLUE)
    top.plot(x, w["spend_per_day"], color=ORANGE)
    top.set_ylim(bottom=0)
    _money_axis(top, result.currency)
    bottom.fill_between(x, w["acos_lower"], w["acos_upper"], color=BLUE, alpha=0.15, linewidth=0)
    bottom.plot(x, w["acos"], color=BLUE, label="ACoS")
    bottom.axhline(result.target_acos, color=GREEN, linestyle="--", linewidth=1, label="target ACoS")
    bottom.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    bottom.set_ylim(bottom=0)
    handles = [
        Line2D([], [], color=BLUE, label="sales per day"),
        Line2D([], [], color=ORANGE, label="spend per day"),
        Patch(color=BLUE, alpha=0.15, label="95% interval"),
        Line2D([], [], color=GREEN, linestyle="--", label="target ACoS"),
    ]
    r = result.restatement
    if r is not None and r.days:
        first, last = min(r.days), max(r.days) + pd.Timedelta(days=1)
        for ax in (top, bottom):
            ax.axvspan(first, last, color=GREY, alpha=0.3, linewidth=0)
        what = "corrected" if r.method == "corrected" else "left out"
        handles.append(Patch(color=GREY, alpha=0.3, label=f"restated days, {what}"))
    bottom.set_ylabel("ACoS")
    for ax in (top, bottom):
        ax.grid(axis="x", visible=False)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    top.legend(
        handles=handles, loc="lower left", ncol=len(handles), frameon=False, bbox_to_anchor=(0.0, 1.01), fontsize=8.5
    )
    fig.tight_layout()
    return fig


def plot_campaign_map(result):
    """Spend against ACoS per campaign, bubble area = attributed sales; quadrants scale, watch, fix, cut.

    The lines are the median campaign spend and the target ACoS; red bubbles spend above their products'
    break-even ACoS. A campaign that sold nothing is drawn at the top edge.
    """
    c = result.tables["campaigns"]
    fig, ax = plt.subplots(figsize=(9.0, 5.2))
    if c.empty:
        ax.text(0.5, 0.5, "no campaign had spend", ha="center", va="center", transform=ax.transAxes)
        return fig
    acos = c["acos"].astype(float)
    top = max(float(np.nanmax(acos.to_numpy())) if acos.notna().any() else 0.0, result.target_acos) * 1.15
    y = acos.fillna(top)
    sales = c["sales"].astype(float)
    area = 60 + 1400 * sales / sales.max() if sales.max() > 0 else pd.Series(60.0, index=c.index)
    over = acos.gt(c["break_even_acos"]) | c["sales"].eq(0)
    colours = np.where(over, RED, BLUE)
    ax.scatter(c["spend"], y, s=area, c=colours, alpha=0.55, edgecolors="white", linewidths=0.8)
    median = float(c["spend"].median())
    ax.axvline(median, color=GREY, linewidth=1)
    ax.axhline(result.target_acos, color=GREEN, linestyle="--", linewidth=1)
    ax.set_ylim(0, top * 1.08)
    ax.set_xlim(0, float(c["spend"].max()) * 1.12)
    names = [plain_text(n, NAME_CHARS) for n in short_names(c["campaign"])]
    radii = np.sqrt(np.asarray(area, float) / np.pi)
    placed = _place_labels(ax, c["spend"], y, names, 7.5, radii)
    for (dx, dy, ha), spend, value, name, r in zip(placed, c["spend"], y, names, radii):
        line = {"arrowstyle": "-", "color": GREY, "linewidth": 0.5} if abs(dy) > r else None
        ax.annotate(
            name,
            (spend, value),
            xytext=(dx, dy),
            textcoords="offset points",
            fontsize=7.5,
            ha=ha,
            va="center",
            color="#333333",
            arrowprops=line,
        )
    for text, xpos, ypos, ha, va in (
        ("watch", 0.01, 0.02, "left", "bottom"),
        ("scale", 0.99, 0.02, "right", "bottom"),
        ("cut", 0.01, 0.98, "left", "top"),
        ("fix", 0.99, 0.98, "right", "top"),
    ):
        ax.text(xpos, ypos, text, transform=ax.transAxes, ha=ha, va=va, fontsize=11, color=GREY)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    _money_axis(ax, result.currency, "x")
    ax.grid(False)  # the median and target lines are the reference; a grid would only add ink
    ax.set_xlabel("ad spend in the period")
    handles = [
        Line2D([], [], marker="o", linestyle="", color=BLUE, alpha=0.55, label="below break-even"),
        Line2D([], [], marker="o", linestyle="", color=RED, alpha=0.55, label="above break-even"),
        Line2D([], [], color=GREEN, linestyle="--", label=f"target ACoS {result.target_acos:.0%}"),
        Line2D([], [], color=GREY, label="median spend"),
    ]
    ax.legend(handles=handles, loc="lower left", ncol=4, frameon=False, bbox_to_anchor=(0.0, 1.01), fontsize=8.5)
    fig.tight_layout()
    return fig


def plot_elasticity(result):
    """Each fitted campaign's spend elasticity with its 95 % interval; the common one shaded; 1 = no saturation."""
    e = result.tables["elasticity"]
    f = e[e["fitted"]].sort_values("elasticity", kind="stable").reset_index(drop=True) if len(e) else e
    fig, ax = plt.subplots(figsize=(9.0, 0.32 * max(len(f), 3) + 1.3))
    if f.empty:
        ax.text(0.5, 0.5, "no campaign has enough days for a fit", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    pos = np.arange(len(f))
    pooled = result.pooled
    if pooled:
        ax.axvspan(pooled["lower"], pooled["upper"], color=GREEN, alpha=0.15, linewidth=0)
        ax.axvline(pooled["elasticity"], color=GREEN, linewidth=1)
    ax.axvline(1.0, color=GREY, linestyle=":", linewidth=1)
    ax.hlines(pos, f["elasticity_lower"], f["elasticity_upper"], color=BLUE, linewidth=2)
    ax.plot(f["elasticity"], pos, "o", color=BLUE)
    ax.set_yticks(pos, [plain_text(v, NAME_CHARS + 10) for v in short_names(f["campaign"])])
    ax.set_xlabel("elasticity: % more attributed sales for 1% more spend")
    ax.grid(axis="y", visible=False)
    handles = [
        Line2D([], [], color=BLUE, marker="o", label="campaign, 95% interval"),
        Patch(color=GREEN, alpha=0.3, label="all campaigns together"),
        Line2D([], [], color=GREY, linestyle=":", label="1 = no diminishing returns"),
    ]
    ax.legend(handles=handles, loc="lower left", ncol=3, frameon=False, bbox_to_anchor=(0.0, 1.01), fontsize=8.5)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- action files
def _review(frame: pd.DataFrame, columns: dict) -> pd.DataFrame:
    present = {k: v for k, v in columns.items() if k in frame.columns}
    return frame[list(present)].rename(columns=present)


def write_actions(result, output_dir) -> pd.DataFrame:
    """Write the action tables into ``output_dir``; returns :func:`sellerops.show.actions.list_action_files`.

    Always, as CSV (formula-safe): the bid changes, the placement adjustments, the campaigns and targets
    above break-even, the spend reallocation. Where a bulk download gave the IDs: also the bulk sheet
    ``sponsored_products_bulk.xlsx`` (bulksheets 2.0, only the proposed rows) and the names that did not
    resolve. Without IDs no bulk sheet is written (and one left by an earlier run is removed): its rows
    could not be uploaded.
    """
    out = Path(output_dir)
    t = result.tables
    bid_columns = {
        "campaign": "Campaign",
        "ad_group": "Ad group",
        "targeting": "Targeting",
        "match_type": "Match type",
        "campaign_id": "Campaign ID",
        "ad_group_id": "Ad group ID",
        "keyword_id": "Keyword ID",
        "product_targeting_id": "Product targeting ID",
        "clicks": "Clicks",
        "orders": "Orders",
        "spend": "Spend",
        "sales": "Sales",
        "cvr_shrunk": "CVR shrunk to ad group",
        "revenue_per_click": "Revenue per click",
        "aim_acos": "Aim ACoS",
        "reference_bid": "Bid now (or average CPC)",
        "bid_basis": "Basis",
        "suggested_bid": "Suggested bid",
        "bid_change": "Change",
        "reason": "Why",
    }
    write_action_csv(_review(t["bid_changes"], bid_columns), out, "bid_changes", kind="bid changes")
    placement_columns = {
        "campaign": "Campaign",
        "campaign_id": "Campaign ID",
        "placement": "Placement",
        "clicks": "Clicks",
        "revenue_per_click": "Revenue per click",
        "rpc_lower": "Revenue per click, 95% low",
        "rpc_upper": "Revenue per click, 95% high",
        "rest_of_search_rpc": "Rest of search revenue per click",
        "current_percentage": "Adjustment now (%)",
        "suggested_percentage": "Suggested adjustment (%)",
    }
    write_action_csv(
        _review(t["placement_changes"], placement_columns), out, "placement_changes", kind="placement adjustments"
    )
    campaign_columns = {
        "campaign": "Campaign",
        "spend": "Spend",
        "sales": "Sales",
        "acos": "ACoS",
        "acos_lower": "ACoS, 95% low",
        "acos_upper": "ACoS, 95% high",
        "break_even_acos": "Break-even ACoS",
        "verdict": "Verdict",
        "loss_per_month": "Lost per month",
    }
    write_action_csv(
        _review(t["over_break_even"], campaign_columns), out, "campaigns_above_break_even", kind="campaigns"
    )
    target_columns = {
        "campaign": "Campaign",
        "ad_group": "Ad group",
        "targeting": "Targeting",
        "match_type": "Match type",
        "clicks": "Clicks",
        "orders": "Orders",
        "spend": "Spend",
        "sales": "Sales",
        "acos": "ACoS",
        "acos_lower": "ACoS, 95% low",
        "acos_upper": "ACoS, 95% high",
        "break_even_acos": "Break-even ACoS",
        "loss_per_month": "Lost per month",
    }
    write_action_csv(_review(t["targets_over"], target_columns), out, "targets_above_break_even", kind="targets")
    realloc_columns = {
        "campaign": "Campaign",
        "spend_per_day": "Spend per day",
        "proposed_spend_per_day": "Proposed spend per day",
        "change": "Change",
        "sales_per_day": "Sales per day (model)",
        "proposed_sales_per_day": "Proposed sales per day (model)",
        "gain_per_month": "Profit gained per month",
    }
    write_action_csv(_review(t["reallocation"], realloc_columns), out, "spend_reallocation", kind="reallocation")
    bulk, unresolved = out / f"{BULK_FILE}.xlsx", out / f"{UNRESOLVED_FILE}.csv"
    if result.has_ids and (len(t["bulk_bids"]) or len(t["bulk_placements"])):
        write_bulksheet(
            out,
            BULK_FILE,
            bids=t["bulk_bids"] if len(t["bulk_bids"]) else None,
            placements=t["bulk_placements"] if len(t["bulk_placements"]) else None,
            marketplace=result.marketplace or "US",
        )
    elif bulk.exists():
        bulk.unlink()  # left by an earlier run with a bulk download: it no longer matches these actions
    if result.has_ids and len(t["unresolved"]):
        write_action_csv(t["unresolved"], out, UNRESOLVED_FILE, kind="names not in the bulk download", labels=True)
    elif unresolved.exists():
        unresolved.unlink()
    return list_action_files(out)


__all__ = [
    "MoneyFormat",
    "format_ads_table",
    "format_overview",
    "plain_text",
    "plot_campaign_map",
    "plot_elasticity",
    "plot_weekly",
    "write_actions",
]
