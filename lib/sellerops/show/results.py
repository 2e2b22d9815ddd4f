"""An analysis result as a notebook shows it: its findings as a list, its KPIs with traffic lights.

Findings are sentences built by the analysis from its numbers; they may quote seller text (a file
name, a search term), so they are escaped before they become Markdown.

Examples
--------
>>> from sellerops.core.results import KPI
>>> kpis = [KPI("acos", "ACoS", 0.25, "fraction", benchmark=0.22, direction="max", watch=0.28)]
>>> format_kpis(kpis).frame.to_dict("records")
[{'KPI': 'ACoS', 'value': '25.0%', 'benchmark': '≤ 22.0%', 'status': '● watch', 'note': ''}]
>>> show_findings(["<b>1</b> file read."]).data
'- &lt;b&gt;1&lt;/b&gt; file read.'
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from .formats import format_value
from .sentences import escape_markdown
from .tables import Table

#: The light shown for each status (the colour comes from the report's stylesheet).
LIGHTS = {"good": "● good", "watch": "● watch", "bad": "● bad", "info": ""}


def show_findings(findings: list[str]) -> Markdown:
    """The findings as a Markdown list, every sentence escaped."""
    return Markdown("\n".join(f"- {escape_markdown(f)}" for f in findings) or "No findings.")


def show_finding(result, topic: str) -> Markdown:
    """One finding of a result, escaped: what a notebook section says under its table."""
    return Markdown(escape_markdown(result.finding(topic)))


def _benchmark(kpi) -> str:
    if kpi.benchmark is None or not kpi.direction:
        return ""
    return ("≤ " if kpi.direction == "max" else "≥ ") + format_value(kpi.benchmark, kpi.unit)


def format_kpis(kpis) -> Table:
    """The KPIs as a static table: label, value, benchmark, status light, note."""
    frame = pd.DataFrame(
        {
            "KPI": [k.label for k in kpis],
            "value": [format_value(k.value, k.unit) for k in kpis],
            "benchmark": [_benchmark(k) for k in kpis],
            "status": [LIGHTS[k.status] for k in kpis],
            "note": [k.note for k in kpis],
        }
    )
    return Table(frame, None, False, {}, status_column="status", right=("value", "benchmark"))
