"""Charts of operations vs sales: the reverse P&L waterfall, the two KPI families, the scorecard, the lead.

Every function returns the matplotlib Figure; notebooks end the cell with ``plt.show()``. The frames
are the tables of :class:`sellerops.analysis.ops_sales.OpsSales` (``result.tables[...]``).

Examples
--------
>>> import pandas as pd
>>> pnl = pd.DataFrame({"step": ["gmv", "fba_fees", "net_profit"], "label": ["GMV", "FBA fees", "net profit"],
...     "amount": [100.0, -30.0, 70.0], "share_of_gmv": [1.0, -0.3, 0.7]})
>>> fig = plot_waterfall(pnl, "USD")
>>> [t.get_text() for t in fig.axes[0].get_xticklabels()]
['GMV', 'FBA fees', 'net profit']
"""

from __future__ import annotations

import html
import math

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator
from pandas.io.formats.style import Styler

from ..formats import format_money, format_value
from ..tables import Table

GAIN = "#1f5f8b"
COST = "#b23a48"
NET = "#3a9d5d"
MUTED = "#8c8c8c"


def _short_money(value: float, currency: str) -> str:
    """``$120k``, ``£950``, ``-$4.5k``: money on an axis, few characters."""
    if abs(value) >= 1000:
        thousands = value / 1000
        text = format_money(thousands, currency, decimals=0 if thousands == int(thousands) else 1)
        return text + "k"
    return format_money(value, currency, decimals=0)


def _money_axis(ax, currency: str, axis: str = "y") -> None:
    formatter = FuncFormatter(lambda v, _: _short_money(v, currency))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)


def plot_waterfall(pnl: pd.DataFrame, currency: str):
    """The reverse P&L as a waterfall: GMV, each cost step down, net profit; each bar labelled with its share of GMV.

    Parameters
    ----------
    pnl : DataFrame
        ``step, label, amount, share_of_gmv`` (``result.tables["pnl"]``), GMV first, net profit last; a ``short``
        column, if present, names the bars.
        Steps of zero are left out.
    currency : str
    """
    rows = pnl[(pnl["amount"] != 0) | pnl["step"].isin(["gmv", "net_profit"])].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(9.0, 4.4))
    running = 0.0
    for i, r in rows.iterrows():
        if r["step"] == "gmv":
            bottom, height, colour = 0.0, r["amount"], GAIN
            running = r["amount"]
        elif r["step"] == "net_profit":
            bottom, height, colour = 0.0, r["amount"], NET if r["amount"] >= 0 else COST
        else:
            bottom, height, colour = running + r["amount"], -r["amount"], COST if r["amount"] < 0 else GAIN
            running += r["amount"]
        ax.bar(i, height, bottom=bottom, color=colour, width=0.7)
        share = r["share_of_gmv"]
        text = "" if pd.isna(share) else f"{share:.1%}"
        top = max(bottom, bottom + height)
        ax.annotate(text, (i, top), xytext=(0, 3), textcoords="offset points", ha="center", va="bottom", fontsize=8)
    names = rows["short"] if "short" in rows.columns else rows["label"]
    ax.set_xticks(range(len(rows)), names, rotation=30, ha="right")
    ax.axhline(0, color=MUTED, linewidth=0.8)
    _money_axis(ax, currency)
    ax.set_ylabel(f"amount ({currency})")
    ax.grid(axis="x", visible=False)
    fig.tight_layout()
    return fig


#: Cell style of each status in the scorecard table: a light background, a dark word-coloured text, a sign.
STATUS_CELLS = {
    "good": ("#dafbe1", "#116329", "✔"),
    "watch": ("#fff8c5", "#7d4e00", "▲"),
    "bad": ("#ffebe9", "#a40e26", "✖"),
    "info": ("", "#57606a", ""),
}


class StatusGrid(Table):
    """A static table whose every cell is coloured by its own status (``good`` / ``watch`` / ``bad``).

    ``frame`` holds the text shown (first column the row names, the others formatted values) and ``statuses``
    a frame of the same shape with a status per cell (the first column's are ignored). Text is escaped.
    """

    def __init__(self, frame: pd.DataFrame, statuses: pd.DataFrame, caption: str | None = None):
        super().__init__(frame, caption, False, {}, right=tuple(frame.columns[1:]))
        self.statuses = statuses

    def _static_html(self) -> str:
        classes = self.statuses.map(lambda st: f"st-{st}")
        classes.iloc[:, 0] = "st-name"
        rules = [{"selector": "td", "props": "text-align: right; white-space: nowrap"}]
        rules.append({"selector": "td.st-name", "props": "text-align: left"})
        for status, (background, colour, _) in STATUS_CELLS.items():
            props = (f"background-color: {background}; " if background else "") + f"color: {colour}"
            rules.append({"selector": f"td.st-{status}", "props": props})
        styler = Styler(self.frame, uuid=self._table_id(), cell_ids=False).hide(axis="index")
        styler = styler.format(na_rep="", escape="html").format_index(escape="html", axis=1)
        styler = styler.set_td_classes(classes).set_table_styles(rules)
        if self.caption:
            styler = styler.set_caption(html.escape(self.caption))
        return styler.to_html()


def _cell_text(value: float, unit: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    if unit in ("per year", "hours", "count"):  # the header names the unit: cells stay plain numbers
        return f"{value:.1f}" if unit == "per year" else f"{value:,.0f}"
    return format_value(value, unit)


def format_scorecard(scorecard: pd.DataFrame, id_column: str = "sku", caption: str | None = None) -> StatusGrid:
    """The scorecard as a traffic-light table: a row per product (the account first), a column per benchmark.

    Each cell shows the value with a sign of its status (✔ good, ▲ watch, ✖ bad) on the status' colour, so it
    reads without colour too; the header gives the benchmark. Row order is the table's.

    Parameters
    ----------
    scorecard : DataFrame
        ``<id_column>, kpi, label, unit, value, benchmark, status`` (``result.tables["scorecard"]``).

    Examples
    --------
    >>> sc = pd.DataFrame({"sku": ["A", "A"], "kpi": ["acos", "rating"], "label": ["ACoS", "rating"],
    ...     "unit": ["fraction", "stars"], "value": [0.3, 4.7], "benchmark": ["≤ 22%", "≥ 4.6 ★"],
    ...     "status": ["bad", "good"]})
    >>> format_scorecard(sc).frame.to_dict("records")
    [{'product': 'A', 'ACoS (≤ 22%)': '✖ 30.0%', 'rating (≥ 4.6 ★)': '✔ 4.7 ★'}]
    """
    items = list(dict.fromkeys(scorecard[id_column]))
    kpis = list(dict.fromkeys(scorecard["kpi"]))
    first = scorecard.drop_duplicates("kpi").set_index("kpi")
    cells = scorecard.set_index([id_column, "kpi"])
    headers = [f"{first.loc[k, 'label']} ({first.loc[k, 'benchmark']})" for k in kpis]
    text, status = {"product": items}, {"product": ["info"] * len(items)}
    for k, header in zip(kpis, headers):
        values, states = [], []
        for item in items:
            row = cells.loc[(item, k)] if (item, k) in cells.index else None
            state = row["status"] if row is not None else "info"
            value = _cell_text(row["value"], row["unit"]) if row is not None else "–"
            sign = STATUS_CELLS.get(state, STATUS_CELLS["info"])[2]
            values.append(f"{sign} {value}" if sign and value != "–" else value)
            states.append(state)
        text[header], status[header] = values, states
    return StatusGrid(pd.DataFrame(text), pd.DataFrame(status), caption)


def plot_lead(cross_correlation: pd.DataFrame, lead=None):
    """Cross-correlation of detrended traffic and later units by lag, the 95 % set of lags shaded.

    Parameters
    ----------
    cross_correlation : DataFrame
        ``lag, correlation`` (``result.tables["cross_correlation"]``).
    lead : optional
        The estimate (``result.lead``): its ``lag``, ``lower``, ``upper`` (the 95 % set) and ``n_days`` (draws the
        ±2/√n band a correlation of pure noise would roughly stay inside; the smoothing widens it).
    """
    lag, lower, upper = (getattr(lead, k, None) for k in ("lag", "lower", "upper"))
    n_days = getattr(lead, "n_days", 0) or 0
    fig, ax = plt.subplots(figsize=(9.0, 3.6))
    if cross_correlation.empty:
        ax.text(0.5, 0.5, "no daily traffic to compare", transform=ax.transAxes, ha="center", va="center", color=MUTED)
        ax.set_axis_off()
        return fig
    cc = cross_correlation
    if lower is not None and upper is not None:
        ax.axvspan(lower - 0.5, upper + 0.5, color=NET, alpha=0.15)
    colours = [NET if lag is not None and v == lag else GAIN for v in cc["lag"]]
    ax.bar(cc["lag"], cc["correlation"], color=colours, width=0.8)
    if n_days:
        band = 2 / math.sqrt(n_days)
        ax.axhline(band, color=MUTED, linestyle="--", linewidth=0.8)
        ax.axhline(-band, color=MUTED, linestyle="--", linewidth=0.8)
    if lag is not None:
        band_text = f", 95% set {lower}–{upper} days (shaded)" if lower is not None else ""
        ax.set_title(f"best lag by likelihood {lag} days (green){band_text}", loc="left", fontsize=9)
    ax.axhline(0, color=MUTED, linewidth=0.8)
    ax.set_xlabel("days between traffic and units")
    ax.set_ylabel("correlation")
    ax.set_xlim(-0.8, cc["lag"].max() + 0.8)
    ax.grid(axis="x", visible=False)
    ax.yaxis.set_major_locator(MaxNLocator(4))
    fig.tight_layout()
    return fig
