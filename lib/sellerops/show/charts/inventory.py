"""Charts of inventory turnover: stock by age, and demand with its forecast.

Every function takes tables of :class:`sellerops.analysis.inventory.InventoryTurnover` and returns
the matplotlib Figure; notebooks end the cell with ``plt.show()``.

Examples
--------
>>> import pandas as pd
>>> ages = pd.DataFrame({"sku": ["A", "B"], "units_0_90": [10, 0], "units_365_plus": [0, 4]})
>>> fig = plot_ages(ages)
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()], [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
(['A', 'B'], ['0-90 days', '365+'])
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

SOLD = "#8c8c8c"
DEMAND = "#1f5f8b"
FORECAST = "#e07b39"
#: Age buckets of :func:`plot_ages`, young to old, and their colours (cool while free, warm once surcharged).
AGE_BUCKETS = {
    "units_0_90": ("0-90 days", "#1f5f8b"),
    "units_91_180": ("91-180", "#7fa9c9"),
    "units_181_270": ("181-270", "#f0b27a"),
    "units_271_365": ("271-365", "#e07b39"),
    "units_365_plus": ("365+", "#b23a48"),
}


def _height(rows: int) -> float:
    return 0.3 * max(rows, 3) + 1.3


def plot_ages(ages: pd.DataFrame):
    """Units on hand per SKU, stacked by age (warm colours: the ages that pay the aged-inventory surcharge).

    Parameters
    ----------
    ages : DataFrame
        ``sku`` and the bucket columns of :data:`AGE_BUCKETS` (the result's ``ages`` table); SKUs with
        nothing on hand are left out.
    """
    columns = [c for c in AGE_BUCKETS if c in ages.columns]
    data = ages[ages[columns].sum(axis=1) > 0]
    fig, ax = plt.subplots(figsize=(9.0, _height(len(data))))
    left = np.zeros(len(data))
    rows = np.arange(len(data))
    for column in columns:
        label, colour = AGE_BUCKETS[column]
        values = data[column].to_numpy(dtype="float64")
        some = values > 0  # no empty segments: they would only weigh down the figure
        ax.barh(rows[some], values[some], left=left[some], color=colour, height=0.6)
        left += values
    ax.set_yticks(range(len(data)), data["sku"].tolist())
    ax.set_ylim(len(data) - 0.4, -0.6)
    ax.set_xlabel("units on hand")
    ax.grid(axis="y", visible=False)
    handles = [Patch(color=AGE_BUCKETS[c][1], label=AGE_BUCKETS[c][0]) for c in columns]
    ax.legend(handles=handles, loc="lower left", ncol=len(columns), frameon=False, bbox_to_anchor=(0.0, 1.01))
    fig.tight_layout()
    return fig


def plot_demand(history: pd.DataFrame, forecast: pd.DataFrame, skus, *, weeks: int = 30):
    """Weekly units sold, demand corrected for stock-outs, and the forecast with its interval, one panel per SKU.

    Parameters
    ----------
    history : DataFrame
        ``week_end, sku, sold, demand`` (the result's ``history_weeks``).
    forecast : DataFrame
        ``week_end, sku, forecast, lower, upper`` (the result's ``forecast_weeks``).
    skus : list of str
        The SKUs to draw, in order.
    weeks : int
        Weeks of history shown before the forecast.
    """
    skus = list(skus)
    fig, axes = plt.subplots(len(skus), 1, figsize=(9.0, 2.3 * max(len(skus), 1) + 0.6), squeeze=False, sharex=True)
    for ax, sku in zip(axes[:, 0], skus):
        h = history[history["sku"] == sku].sort_values("week_end").tail(weeks)
        f = forecast[forecast["sku"] == sku].sort_values("week_end")
        ax.step(h["week_end"], h["sold"], where="mid", color=SOLD, linewidth=1.2, label="sold")
        ax.plot(h["week_end"], h["demand"], color=DEMAND, linewidth=1.6, label="demand, stock-outs filled")
        ax.fill_between(f["week_end"], f["lower"], f["upper"], color=FORECAST, alpha=0.2, label="95% interval")
        ax.plot(f["week_end"], f["forecast"], color=FORECAST, linewidth=1.8, label="forecast")
        ax.set_title(sku, loc="left", fontsize=10)
        ax.set_ylabel("a week")
        ax.set_ylim(bottom=0)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    axes[-1, 0].xaxis.set_major_locator(locator)
    axes[-1, 0].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes[0, 0].legend(loc="lower left", ncol=4, frameon=False, bbox_to_anchor=(0.0, 1.12))
    fig.tight_layout()
    return fig
