"""Charts of keyword opportunity (show/charts/keywords.py), asserted on the Axes, not on pixels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from sellerops.show.charts import keywords as charts  # noqa: E402


def _universe():
    return pd.DataFrame(
        {
            "keyword": ["$5 bath mat set for tub", "teak stool for elderly", "bath mat", "dog bed", "no competition"],
            "search_volume": [20000.0, 12000.0, 30000.0, 50.0, 40000.0],
            "competition": [10.0, 30.0, 20.0, 80.0, np.nan],
            "long_tail": [True, True, False, False, False],
            "status": ["untouched", "targeted", "targeted", "untouched", "untouched"],
        }
    )


def _hex(collection):
    return mcolors.to_hex(collection.get_facecolor()[0])


def test_universe_on_a_log_scale_with_the_long_tail_zone_and_the_opportunities_named():
    fig = charts.plot_keyword_universe(_universe(), 10_000, 50, competition_label="Cerebro Title Density")
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and ax.get_ylabel() == "Cerebro Title Density"
    # the rule's lines sit at the rule's values
    assert 10_000 in [line.get_xdata()[0] for line in ax.lines] and 50 in [line.get_ydata()[0] for line in ax.lines]
    groups = {_hex(c): len(c.get_offsets()) for c in ax.collections}
    assert groups == {charts.OTHER: 2, charts.LONG_TAIL: 1, charts.OPPORTUNITY: 1}  # the NaN one is not drawn
    names = [t.get_text() for t in ax.texts]
    assert names == [r"\$5 bath mat set…"]  # shown as written (no mathtext), shortened to its first words
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1] == "long-tail zone" and "untouched long tail" in legend


def test_universe_labels_never_overlap():
    u = pd.DataFrame(
        {
            "keyword": [f"keyword number {i} here" for i in range(5)],
            "search_volume": [11000.0 + i for i in range(5)],
            "competition": [10.0] * 5,
            "long_tail": [True] * 5,
            "status": ["untouched"] * 5,
        }
    )
    ax = charts.plot_keyword_universe(u, 10_000, 50).axes[0]
    ys = sorted(t.xyann[1] for t in ax.texts)
    assert all(b - a >= 0.06 * ax.get_ylim()[1] - 1e-9 for a, b in zip(ys, ys[1:]))


def test_an_empty_universe_says_so():
    fig = charts.plot_keyword_universe(_universe().iloc[0:0], 10_000, 50)
    assert not fig.axes[0].axison and "nothing to plot" in fig.axes[0].texts[0].get_text()


def test_roots_show_each_interval_beside_break_even():
    roots = pd.DataFrame(
        {
            "ngram": ["cheap", "spoon rest", "utensil"],
            "cvr": [0.0, 0.02, 0.4],
            "cvr_lower": [0.0, 0.01, 0.35],
            "cvr_upper": [0.01, 0.04, 0.45],
            "break_even_cvr": [0.1, 0.15, 0.12],
            "verdict": ["wastes money", "wastes money", "converts"],
        }
    )
    ax = charts.plot_roots(roots, top=3).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["utensil", "spoon rest", "cheap"]  # first at the top
    markers = ax.collections[-1].get_offsets()
    assert sorted(markers[:, 0].tolist()) == pytest.approx([0.1, 0.12, 0.15])
    assert ax.get_xlim()[0] == 0
    assert "nothing to plot" in charts.plot_roots(roots.iloc[0:0]).axes[0].texts[0].get_text()


def test_negation_rules_coloured_by_agreement_with_both_thresholds():
    judged = pd.DataFrame(
        {
            "clicks": [300.0, 250.0, 12.0, 50.0, 0.0],
            "p_break_even": [0.0, 0.03, 0.4, 0.9, np.nan],
            "evidence": ["negate", "negate", "keep", "keep", "too few clicks"],
            "rule": ["negate", "keep", "negate", "keep", "keep"],
        }
    )
    ax = charts.plot_negation_rules(judged, confidence=0.9, rule_clicks=10).axes[0]
    colours = {_hex(c): len(c.get_offsets()) for c in ax.collections}
    assert colours == {charts.WASTE: 1, charts.RULE: 1, charts.LONG_TAIL: 1, charts.OTHER: 1}
    horizontal = [line.get_ydata()[0] for line in ax.lines if line.get_xdata()[0] == 0]
    vertical = [line.get_xdata()[0] for line in ax.lines if line.get_ydata()[0] == 0]
    assert horizontal == [pytest.approx(0.1)] and vertical == [10]
    assert ax.get_xscale() == "log"


def test_literal_text_and_shortened_labels():
    assert charts.literal("$5 $6") == r"\$5 \$6"
    assert charts.shorten("one two three four five", 4) == "one two three four…"
