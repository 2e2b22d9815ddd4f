"""Charts of data health: which dates each input covers.

Every function returns the matplotlib Figure; notebooks end the cell with ``plt.show()``.

Examples
--------
>>> import pandas as pd
>>> spans = pd.DataFrame({"marketplace": ["US", "US"], "report": ["SP search terms"] * 2,
...     "start": pd.to_datetime(["2026-01-01", "2026-03-01"]), "end": pd.to_datetime(["2026-01-31", "2026-03-31"])})
>>> fig = plot_coverage(spans, "2026-01-01", "2026-03-31")
>>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
['chosen dates', 'covered', 'gap between downloads']
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

COVERED = "#1f5f8b"
GAP = "#b23a48"
CHOSEN = "#3a9d5d"
#: A span is drawn at least this share of the axis wide, so a one-day input is visible.
MIN_WIDTH_SHARE = 0.004


def plot_coverage(spans: pd.DataFrame, start: str | pd.Timestamp, end: str | pd.Timestamp):
    """Horizontal bars of the dates each marketplace × report covers; holes red; the chosen range shaded.

    Parameters
    ----------
    spans : DataFrame
        ``marketplace, report, start, end`` as from :func:`sellerops.analysis.coverage.list_covered_spans`.
    start, end : date
        The chosen period, shaded.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    name = spans["marketplace"].fillna("all") + " · " + spans["report"]
    labels = name.drop_duplicates().tolist()
    fig, ax = plt.subplots(figsize=(9.0, 0.34 * max(len(labels), 3) + 1.4))
    ax.axvspan(start, end, color=CHOSEN, alpha=0.10)
    first = min([start] + spans["start"].tolist())
    last = max([end] + spans["end"].tolist())
    min_width = (last - first + pd.Timedelta(days=1)) * MIN_WIDTH_SHARE
    any_gap = False
    for i, label in enumerate(labels):
        part = spans[name == label].sort_values("start")
        for row in part.itertuples(index=False):
            width = max(row.end - row.start + pd.Timedelta(days=1), min_width)
            ax.barh(i, width, left=row.start, height=0.6, color=COVERED)
        for e, s in zip(part["end"].iloc[:-1], part["start"].iloc[1:]):  # the holes between spans
            any_gap = True
            ax.barh(i, s - e - pd.Timedelta(days=1), left=e + pd.Timedelta(days=1), height=0.6, color=GAP)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.4, -0.6)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel("dates covered")
    ax.grid(axis="y", visible=False)
    handles = [Patch(color=CHOSEN, alpha=0.25, label="chosen dates"), Patch(color=COVERED, label="covered")]
    if any_gap:
        handles.append(Patch(color=GAP, label="gap between downloads"))
    # above the axes, outside them: the legend never covers a bar
    ax.legend(handles=handles, loc="lower left", ncol=len(handles), frameon=False, bbox_to_anchor=(0.0, 1.01))
    fig.tight_layout()
    return fig
