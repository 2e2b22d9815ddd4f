"""Charts of keyword opportunity: the research universe, the search-term roots, the two negation rules.

Every function returns the matplotlib Figure; notebooks end the cell with ``plt.show()``. Keywords and
search terms are seller and customer text: they are shown literally (a ``$`` does not start mathtext).

Examples
--------
>>> import pandas as pd
>>> universe = pd.DataFrame({"keyword": ["a b c", "d"], "search_volume": [20000.0, 500.0],
...     "competition": [10.0, 80.0], "long_tail": [True, False], "status": ["untouched", "targeted"]})
>>> fig = plot_keyword_universe(universe, 10_000, 50)
>>> fig.axes[0].get_xscale()
'log'
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

OPPORTUNITY = "#3a9d5d"
LONG_TAIL = "#1f5f8b"
OTHER = "#8c8c8c"
WASTE = "#b23a48"
CONVERTS = "#3a9d5d"
UNSURE = "#8c8c8c"
ZONE = "#3a9d5d"
RULE = "#e07b39"
#: Words of a keyword written beside its point (the long-tail table below has the whole keyword).
LABEL_WORDS = 4
#: Background scatters with more points than this are drawn as an image inside the SVG (smaller reports).
RASTER_POINTS = 60
VERDICT_COLOURS = {"wastes money": WASTE, "converts": CONVERTS, "unsure": UNSURE}


def literal(text: object) -> str:
    """Text shown as written: dollar signs escaped so matplotlib does not read them as mathtext.

    Examples
    --------
    >>> literal("$5 mat $10")
    '\\\\$5 mat \\\\$10'
    """
    return str(text).replace("$", r"\$")


def _nothing(message: str):
    """A small figure that says why there is no chart (an optional input is missing)."""
    fig, ax = plt.subplots(figsize=(9.0, 0.8))
    ax.set_axis_off()
    ax.text(0.0, 0.5, message, transform=ax.transAxes, va="center", ha="left", fontsize=10, color="#555555")
    return fig


def shorten(text: str, words: int) -> str:
    """The first ``words`` words of a label, with an ellipsis when there were more.

    Examples
    --------
    >>> shorten("bath mat set for bathroom", 3), shorten("bath mat", 3)
    ('bath mat set…', 'bath mat')
    """
    parts = str(text).split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def plot_keyword_universe(
    universe: pd.DataFrame,
    min_volume: float,
    max_competition: float,
    *,
    competition_label: str = "competition",
    annotate: int = 6,
):
    """Search volume (log scale) against competition for every research keyword, the long-tail zone shaded.

    Parameters
    ----------
    universe : DataFrame
        ``keyword, search_volume, competition, long_tail, status`` (as in ``KeywordOpportunity.tables["universe"]``);
        keywords without a competition value are not drawn.
    min_volume, max_competition : float
        The long-tail rule: the zone right of ``min_volume`` and below ``max_competition``.
    competition_label : str
        Axis label (which column is competition).
    annotate : int
        The untouched long-tail keywords labelled by name (highest volume first; the first
        :data:`LABEL_WORDS` words).
    """
    f = universe[universe["competition"].notna() & (universe["search_volume"] > 0)]
    if f.empty:
        return _nothing("No research keyword with a search volume and a competition value: nothing to plot.")
    fig, ax = plt.subplots(figsize=(9.0, 4.6))
    top = max(float(f["competition"].max()) if len(f) else max_competition, max_competition) * 1.05
    right = max(float(f["search_volume"].max()) if len(f) else min_volume, min_volume) * 1.6
    ax.axvspan(min_volume, right, ymin=0, ymax=max_competition / top, color=ZONE, alpha=0.10, lw=0)
    ax.axvline(min_volume, color=ZONE, lw=1, ls="--")
    ax.axhline(max_competition, color=ZONE, lw=1, ls="--")
    chosen = f["long_tail"].astype(bool)
    untouched = chosen & (f["status"] == "untouched")
    groups = [  # the many background points drawn as one image: the report stays small
        (~chosen, OTHER, 12, 0.45, "other keywords", True),
        (chosen & ~untouched, LONG_TAIL, 26, 0.9, "long tail, in the ads", False),
        (untouched, OPPORTUNITY, 44, 1.0, "untouched long tail", False),
    ]
    for mask, colour, size, alpha, label, raster in groups:
        part = f[mask]
        if len(part):
            ax.scatter(
                part["search_volume"],
                part["competition"],
                s=size,
                color=colour,
                alpha=alpha,
                label=label,
                lw=0,
                rasterized=raster and len(part) > RASTER_POINTS,
            )
    ax.set_xscale("log")
    ax.set_xlim(left=max(1.0, float(f["search_volume"].min()) / 1.6) if len(f) else 1.0, right=right)
    ax.set_ylim(0, top)
    labels = f[untouched].sort_values(["search_volume", "keyword"], ascending=[False, True]).head(annotate)
    labels = labels.sort_values(["competition", "keyword"], kind="stable")
    gap, floor = top * 0.06, -np.inf  # labels stacked upward so none overlaps the one below
    for _, row in labels.iterrows():
        y = max(float(row["competition"]), floor + gap)
        floor = y
        ax.annotate(
            literal(shorten(row["keyword"], LABEL_WORDS)),
            (row["search_volume"], row["competition"]),
            xytext=(row["search_volume"] * 1.15, y),
            textcoords="data",
            va="center",
            fontsize=8,
            color="#1a1a1a",
            arrowprops={"arrowstyle": "-", "color": OTHER, "lw": 0.6},
        )
    ax.set_xlabel("search volume per month (log scale)")
    ax.set_ylabel(competition_label)
    handles, names = ax.get_legend_handles_labels()
    handles.append(Patch(color=ZONE, alpha=0.25))
    names.append("long-tail zone")
    ax.legend(handles, names, loc="lower left", ncol=2, frameon=False, bbox_to_anchor=(0.0, 1.01), fontsize=8)
    fig.tight_layout()
    return fig


def plot_roots(roots: pd.DataFrame, *, top: int = 12, confidence: float = 0.9):
    """Conversion rate of search-term roots with their interval, beside the break-even conversion rate.

    Parameters
    ----------
    roots : DataFrame
        ``ngram, cvr, cvr_lower, cvr_upper, break_even_cvr, verdict`` (n-grams, e.g. the wasting and
        converting roots together).
    top : int
        Rows drawn, in the order given.
    confidence : float
        The intervals' confidence, for the legend.
    """
    f = roots.head(top).iloc[::-1].reset_index(drop=True)
    if f.empty:
        return _nothing("No root converts below or above break-even beyond chance: nothing to plot.")
    fig, ax = plt.subplots(figsize=(9.0, 0.32 * max(len(f), 4) + 1.3))
    y = np.arange(len(f))
    colours = [VERDICT_COLOURS.get(v, UNSURE) for v in f["verdict"]]
    low = (f["cvr"] - f["cvr_lower"]).clip(lower=0).to_numpy()
    high = (f["cvr_upper"] - f["cvr"]).clip(lower=0).to_numpy()
    for i in range(len(f)):
        ax.errorbar(f["cvr"].iloc[i], y[i], xerr=[[low[i]], [high[i]]], fmt="o", color=colours[i], ms=5, capsize=3)
    ax.scatter(f["break_even_cvr"], y, marker="|", s=160, color="#1a1a1a", zorder=3)
    ax.set_yticks(y, [literal(t) for t in f["ngram"]])
    ax.set_ylim(-0.6, len(f) - 0.4)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlim(left=0)
    ax.set_xlabel("conversion rate (orders per click)")
    ax.grid(axis="y", visible=False)
    handles = [
        Patch(color=WASTE, label="wastes money"),
        Patch(color=CONVERTS, label="converts"),
        Patch(color=UNSURE, label="unsure"),
        plt.Line2D([], [], color="#1a1a1a", marker="|", ls="", ms=12, label="break-even conversion rate"),
    ]
    ax.legend(
        handles=handles,
        loc="lower left",
        ncol=4,
        frameon=False,
        bbox_to_anchor=(0.0, 1.01),
        fontsize=8,
        title=f"{confidence:.0%} interval",
        title_fontsize=8,
        alignment="left",
    )
    fig.tight_layout()
    return fig


def plot_negation_rules(judged: pd.DataFrame, *, confidence: float = 0.9, rule_clicks: int = 10):
    """Each term's clicks against the chance that its conversion rate reaches break-even, coloured by rule.

    Terms below the horizontal line are negated by the evidence; terms right of the vertical line with
    no order are negated by the fixed rule; where a colour is on the wrong side, the two rules disagree.

    Parameters
    ----------
    judged : DataFrame
        ``clicks, p_break_even, evidence, rule`` (``KeywordOpportunity.tables["judged"]``).
    """
    f = judged[(judged["clicks"] > 0) & judged["p_break_even"].notna()]
    if f.empty:
        return _nothing("No search term with clicks and a break-even conversion rate: nothing to plot.")
    fig, ax = plt.subplots(figsize=(9.0, 4.2))
    cases = [
        ((f["evidence"] == "negate") & (f["rule"] == "negate"), WASTE, "both negate"),
        ((f["evidence"] == "negate") & (f["rule"] != "negate"), RULE, "only evidence negates"),
        ((f["evidence"] != "negate") & (f["rule"] == "negate"), LONG_TAIL, "only rule negates"),
        ((f["evidence"] != "negate") & (f["rule"] != "negate"), OTHER, "both keep"),
    ]
    for mask, colour, label in cases:
        part = f[mask]
        if len(part):
            many = len(part) > RASTER_POINTS
            ax.scatter(
                part["clicks"], part["p_break_even"], s=22, color=colour, label=label, alpha=0.85, lw=0, rasterized=many
            )
    ax.axhline(1 - confidence, color="#1a1a1a", lw=1, ls="--")
    ax.axvline(rule_clicks, color=RULE, lw=1, ls=":")
    ax.set_xscale("log")
    ax.set_ylim(-0.03, 1.03)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel("clicks (log scale)")
    ax.set_ylabel("chance to reach break-even")
    ax.annotate(
        f"{rule_clicks} clicks", (rule_clicks, 1.0), xytext=(3, 0), textcoords="offset points", fontsize=8, va="top"
    )
    ax.annotate(
        f"negate below {1 - confidence:.0%}",
        (1, 1 - confidence),
        xycoords=("axes fraction", "data"),
        ha="right",
        va="bottom",
        fontsize=8,
    )
    ax.legend(loc="lower left", ncol=4, frameon=False, bbox_to_anchor=(0.0, 1.01), fontsize=8)
    fig.tight_layout()
    return fig
