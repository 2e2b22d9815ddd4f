"""Charts for the report notebooks: one function per chart, fixed style (see ``notebook.setup``).

Every function returns the matplotlib Figure; notebooks end the cell with ``plt.show()``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd


def plot_coverage(spans: pd.DataFrame, start: str | pd.Timestamp, end: str | pd.Timestamp):
    """Horizontal bars of the dates each marketplace × kind covers; the chosen range is shaded.

    Parameters
    ----------
    spans : DataFrame
        ``marketplace, kind, start, end`` as from :func:`sellerops.analysis.coverage.list_covered_spans`.
    """
    labels = (spans["marketplace"].fillna("all") + " · " + spans["kind"]).drop_duplicates().tolist()
    fig, ax = plt.subplots(figsize=(9.0, 0.32 * max(len(labels), 3) + 1.2))
    ax.axvspan(pd.Timestamp(start), pd.Timestamp(end), color="#3a9d5d", alpha=0.08, label="chosen dates")
    for i, label in enumerate(labels):
        part = spans[(spans["marketplace"].fillna("all") + " · " + spans["kind"]) == label]
        for row in part.itertuples(index=False):
            width = (row.end - row.start) + pd.Timedelta(days=1)
            ax.barh(i, width, left=row.start, height=0.6, color="#1f5f8b")
        if len(part) > 1:  # the holes between spans are gaps
            ordered = part.sort_values("start")
            for e, s in zip(ordered["end"].iloc[:-1], ordered["start"].iloc[1:]):
                ax.barh(i, s - e, left=e, height=0.6, color="#b23a48")
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("date covered (red: gap between downloads)")
    ax.legend(loc="lower right", frameon=False)
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig
