"""What every report notebook does first and last: a fixed setup, and the headline KPIs.

``setup(seed)`` makes outputs deterministic so strict nbval can compare them: pandas display
options, matplotlib style and SVG figures without dates or random ids, seeded NumPy, and the
interactive-table library in offline mode (no CDN; its code is shown once, by the setup cell).
``show_headline(result)`` shows an analysis result's KPIs and hands them to the batch runner for the
index page.

Examples
--------
>>> resolve_path("data/sample").name
'sample'
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths

#: The custom MIME type that carries headline KPIs from a notebook to the index page.
KPI_MIME = "application/vnd.sellerops.kpis+json"


def setup(seed: int = 0) -> np.random.Generator:
    """Fix display, plotting and randomness for a report notebook; returns a seeded generator."""
    os.environ["SOURCE_DATE_EPOCH"] = "0"  # matplotlib writes no date into SVG metadata
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 120)
    pd.set_option("display.precision", 2)
    pd.set_option("display.max_colwidth", 80)
    import matplotlib as mpl
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    mpl.rcParams.update(
        {
            "figure.figsize": (9.0, 4.0),
            "figure.dpi": 96,
            "savefig.dpi": 96,
            "font.family": "DejaVu Sans",
            "font.size": 10,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "sellerops",
            "svg.fonttype": "path",
            "axes.prop_cycle": mpl.cycler(color=["#1f5f8b", "#e07b39", "#3a9d5d", "#b23a48", "#7d5ba6", "#8c8c8c"]),
        }
    )
    plt.close("all")
    shell = get_ipython()
    if shell is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("svg")
        from itables import init_notebook_mode

        init_notebook_mode(all_interactive=False, connected=False)
    return np.random.default_rng(seed)


#: Where interactive runs write their action files; ``SELLEROPS_LAB_DIR`` moves it (the tests do).
LAB_ENV = "SELLEROPS_LAB_DIR"


def resolve_path(value: str | Path) -> Path:
    """A parameter path: absolute as given, relative ones from the project root (never the cwd).

    A path inside ``reports/lab`` (the default output folder of interactive runs) moves with
    ``SELLEROPS_LAB_DIR`` when it is set, so that test runs of the notebooks never write into the repository.

    Examples
    --------
    >>> resolve_path("/tmp").as_posix()
    '/tmp'
    """
    p = Path(value).expanduser()
    p = p if p.is_absolute() else (paths.PROJECT_ROOT / p).resolve()
    lab = paths.REPORTS_DIR / "lab"
    if os.environ.get(LAB_ENV) and p.is_relative_to(lab):
        return Path(os.environ[LAB_ENV]) / p.relative_to(lab)
    return p


def check_period(start: str, end: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Validate a ``YYYY-MM-DD`` period parameter pair; a clear error names the bad value.

    Examples
    --------
    >>> check_period("2026-01-01", "2026-01-31")[1].day
    31
    >>> check_period("today", "2026-01-31")
    Traceback (most recent call last):
    ...
    ValueError: start must be a date written YYYY-MM-DD, got 'today'
    """
    stamps = []
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(f"{name} must be a date written YYYY-MM-DD, got {value!r}")
        try:
            stamps.append(pd.Timestamp(value))
        except ValueError:
            raise ValueError(f"{name} is not a calendar date: {value!r}") from None
    first, last = stamps
    if last < first:
        raise ValueError(f"end {end} is before start {start}")
    return first, last


def show_headline(result) -> None:
    """Show a result's headline KPIs, with their traffic lights, and hand them to the batch runner.

    The output carries a JSON copy under :data:`KPI_MIME` (title, overall status, each KPI with value,
    unit, benchmark and status, and the findings), which the runner reads from the executed notebook
    for the index page.
    """
    from IPython.display import display

    from .show.results import format_kpis

    kpis = result.kpis()
    payload = {
        "title": result.title,
        "status": result.status(),
        "kpis": [k.as_dict() for k in kpis],
        "findings": list(result.findings()),
    }
    display(
        {
            KPI_MIME: payload,
            "text/html": format_kpis(kpis)._repr_html_(),
            "text/plain": "\n".join(f"{k.label}: {k.value} [{k.status}]" for k in kpis),
        },
        raw=True,
    )
