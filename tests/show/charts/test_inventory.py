"""Charts of inventory turnover (show/charts/inventory.py), asserted on the Axes, not on pixels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from sellerops.show.charts.inventory import AGE_BUCKETS, FORECAST, plot_ages, plot_demand  # noqa: E402


def _ages():
    return pd.DataFrame(
        {
            "sku": ["A", "B", "C"],
            "units_0_90": [10.0, 0.0, 0.0],
            "units_91_180": [2.0, 0.0, 0.0],
            "units_181_270": [0.0, 0.0, 0.0],
            "units_271_365": [0.0, 0.0, 0.0],
            "units_365_plus": [0.0, 4.0, 0.0],
        }
    )


def test_ages_stack_per_sku_and_skip_skus_without_stock():
    fig = plot_ages(_ages())
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]  # C holds nothing
    widths = sorted(round(p.get_width(), 6) for p in ax.patches)
    assert widths == [2.0, 4.0, 10.0]  # no empty segments
    old = [p for p in ax.patches if matplotlib.colors.to_hex(p.get_facecolor()) == AGE_BUCKETS["units_365_plus"][1]]
    assert len(old) == 1 and old[0].get_width() == 4.0


def test_the_legend_names_every_age_with_its_own_colour():
    fig = plot_ages(_ages())
    legend = fig.axes[0].get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels == [label for label, _ in AGE_BUCKETS.values()]
    colours = [matplotlib.colors.to_hex(h.get_facecolor()) for h in legend.legend_handles]
    assert colours == [colour for _, colour in AGE_BUCKETS.values()]
    fig.canvas.draw()
    assert legend.get_window_extent().y0 >= fig.axes[0].get_window_extent().y1  # above the bars


def test_demand_panels_show_history_and_forecast_with_its_interval():
    weeks = pd.date_range("2026-01-04", periods=40, freq="7D")
    history = pd.DataFrame(
        {"week_end": np.tile(weeks, 2), "sku": np.repeat(["A", "B"], 40), "sold": 3.0, "demand": 4.0}
    )
    future = pd.date_range(weeks[-1] + pd.Timedelta(days=7), periods=5, freq="7D")
    forecast = pd.DataFrame(
        {"week_end": np.tile(future, 2), "sku": np.repeat(["A", "B"], 5), "forecast": 5.0, "lower": 1.0, "upper": 9.0}
    )
    fig = plot_demand(history, forecast, ["B", "A"], weeks=26)
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["B", "A"]
    ax = fig.axes[0]
    sold, demand, line = ax.get_lines()
    assert len(sold.get_xdata()) == 26  # only the last 26 weeks of history
    assert list(line.get_ydata()) == [5.0] * 5 and matplotlib.colors.to_hex(line.get_color()) == FORECAST
    band = ax.collections[0].get_paths()[0].vertices
    assert band[:, 1].min() == 1.0 and band[:, 1].max() == 9.0
    assert pd.Timestamp(min(line.get_xdata())) == future[0]  # the forecast starts the week after the history
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == [
        "sold",
        "demand, stock-outs filled",
        "95% interval",
        "forecast",
    ]
