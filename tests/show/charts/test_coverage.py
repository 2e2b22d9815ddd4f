"""Charts (show/plots.py), asserted on the Axes, not on pixels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import pandas as pd  # noqa: E402

from sellerops.show.charts.coverage import COVERED, GAP, plot_coverage  # noqa: E402


def _spans(rows):
    return pd.DataFrame(rows, columns=["marketplace", "report", "start", "end"]).assign(
        start=lambda f: pd.to_datetime(f["start"]), end=lambda f: pd.to_datetime(f["end"])
    )


def _bars(ax, colour):
    return [p for p in ax.patches if matplotlib.colors.to_hex(p.get_facecolor()) == colour]


def test_gaps_are_red_and_named_in_the_legend():
    spans = _spans(
        [("US", "SP search terms", "2026-01-01", "2026-01-31"), ("US", "SP search terms", "2026-03-01", "2026-03-31")]
    )
    fig = plot_coverage(spans, "2026-01-01", "2026-03-31")
    ax = fig.axes[0]
    [gap] = _bars(ax, GAP)
    assert mdates.num2date(gap.get_x()).date().isoformat() == "2026-02-01"
    assert round(gap.get_width()) == 28  # February 2026
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()][-1] == "gap between downloads"


def test_no_red_is_mentioned_when_nothing_is_red():
    fig = plot_coverage(_spans([("UK", "All Orders", "2026-01-01", "2026-03-31")]), "2026-01-01", "2026-03-31")
    assert not _bars(fig.axes[0], GAP)
    assert "gap between downloads" not in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_a_one_day_input_is_visible_and_labels_name_marketplace_and_report():
    spans = _spans(
        [
            ("US", "FBA inventory planning", "2026-03-31", "2026-03-31"),
            (None, "Product master", "2024-01-01", "2026-03-31"),
        ]
    )
    fig = plot_coverage(spans, "2024-01-01", "2026-03-31")
    ax = fig.axes[0]
    widths = sorted(p.get_width() for p in _bars(ax, COVERED))
    assert widths[0] >= 0.004 * 821 - 1e-9  # at least 0.4 % of the axis: about three days on 27 months
    assert [t.get_text() for t in ax.get_yticklabels()] == ["US · FBA inventory planning", "all · Product master"]


def test_the_legend_stays_above_the_bars():
    fig = plot_coverage(_spans([("US", "SP search terms", "2026-01-01", "2026-03-31")]), "2026-01-01", "2026-03-31")
    fig.canvas.draw()
    legend = fig.axes[0].get_legend().get_window_extent()
    axes = fig.axes[0].get_window_extent()
    assert legend.y0 >= axes.y1
