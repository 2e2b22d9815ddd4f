"""The run's index page: one card per report with what it found, then the run record.

Rendered by a jinja2 template (``templates/index/index.html.j2``) with autoescape on: every value
from a notebook, a parameter file or a data folder (titles, KPI labels, findings, file names,
errors) is escaped. A card's light is what the report found (the headline's ``status``: good,
watch or bad, in words and colour), not merely that the notebook ran; a failed report shows
"failed" and its error's first line. KPI values are formatted by
:func:`sellerops.show.formats.format_value`, so they read as in the notebook.

Examples
--------
>>> page = render_index({"run": "<r>", "parameter_file": "p.yaml", "started": "2026-01-01T00:00:00+00:00",
...                    "duration_s": 1.0, "jobs": 1, "reports": [], "inputs": [], "packages": {}})
>>> "&lt;r&gt;" in page and "<r>" not in page
True
>>> describe_parameters({"data_dir": "data/sample", "marketplace": "US", "start": "2025-11-01", "end": "2026-10-31"})
'marketplace US · 2025-11-01 to 2026-10-31 · data from data/sample'
"""

from __future__ import annotations

from datetime import datetime

import jinja2

from ..show.formats import format_value
from .render import TEMPLATES_DIR

#: The light of a report, from its headline's status; ``failed`` when the notebook did not finish.
LIGHTS = {
    "good": "good",
    "watch": "watch",
    "bad": "bad",
    "info": "no verdict",
    "failed": "failed",
}
#: Parameters a card shows even where the set leaves them to the notebook's default.
SHOWN_DEFAULTS = ("marketplace", "start", "end", "data_dir")
#: How many findings a card shows (the report has them all).
CARD_FINDINGS = 3

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR / "index")),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def describe_parameters(parameters: dict) -> str:
    """Parameters as a person writes them: ``marketplace US · 2025-11-01 to 2026-10-31 · data from data/sample``.

    Examples
    --------
    >>> describe_parameters({"marketplace": "", "start": "2026-01-01", "seed": 3, "strict": True})
    'every marketplace · from 2026-01-01 · seed 3 · strict yes'
    """
    rest = dict(parameters)
    parts = []
    if "marketplace" in rest:
        market = rest.pop("marketplace")
        parts.append(f"marketplace {market}" if market else "every marketplace")
    start, end = rest.pop("start", None), rest.pop("end", None)
    if start and end:
        parts.append(f"{start} to {end}")
    elif start:
        parts.append(f"from {start}")
    elif end:
        parts.append(f"until {end}")
    if "data_dir" in rest:
        parts.append(f"data from {rest.pop('data_dir')}")
    for key, value in rest.items():
        shown = ("yes" if value else "no") if isinstance(value, bool) else value
        parts.append(f"{key.replace('_', ' ')} {shown}")
    return " · ".join(parts)


def format_bytes(n: int) -> str:
    """``1.4 MB``, ``812 kB``, ``93 bytes``.

    Examples
    --------
    >>> format_bytes(1_384_054), format_bytes(93), format_bytes(20_480)
    ('1.4 MB', '93 bytes', '20 kB')
    """
    if n >= 1_000_000:
        return f"{n / 1e6:.1f} MB"
    if n >= 1_000:
        return f"{n / 1e3:.0f} kB"
    return f"{n} bytes"


def format_started(stamp: str) -> str:
    """An ISO timestamp as a person writes it: ``2026-01-01T09:05:00+00:00`` -> ``2026-01-01 09:05 UTC``."""
    try:
        when = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return str(stamp)
    zone = "UTC" if when.utcoffset() is not None and not when.utcoffset() else when.strftime("%z")
    return f"{when:%Y-%m-%d %H:%M} {zone}".strip()


def _kpi_row(kpi: dict) -> dict:
    status = kpi.get("status") if kpi.get("status") in ("good", "watch", "bad") else ""
    value = kpi.get("value")
    return {
        "label": str(kpi.get("label") or kpi.get("key") or ""),
        "value": format_value(value, str(kpi.get("unit") or "count")),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "status": status,
        "note": str(kpi.get("note") or ""),
    }


def build_card(report: dict) -> dict:
    """What one card shows, from one report of the run record."""
    head = report.get("headline") or {}
    ok = report["status"] == "ok"
    status = (head.get("status") if head.get("status") in LIGHTS else "info") if ok else "failed"
    error = str(report.get("error") or "")
    # the notebook's own values for what every reader asks (which marketplace, which dates, which data)
    defaults = {k: v for k, v in (report.get("defaults") or {}).items() if k in SHOWN_DEFAULTS}
    return {
        "title": report.get("title") or head.get("title") or report["notebook"],
        "set_name": report["set_name"],
        "parameters": describe_parameters({**defaults, **report["parameters"]}),
        "status": status,
        "light": LIGHTS[status],
        "ok": ok,
        "kpis": [_kpi_row(k) for k in head.get("kpis") or [] if isinstance(k, dict)],
        "findings": [str(f) for f in (head.get("findings") or [])[:CARD_FINDINGS]],
        "more_findings": max(0, len(head.get("findings") or []) - CARD_FINDINGS),
        "error": error.splitlines()[0] if error else "",
        "href": report["html"] if ok else report["executed_notebook"],
        "size": format_bytes(report.get("html_bytes") or 0) if ok else "",
        "seconds": f"{report.get('seconds', 0):.0f} s",
    }


def render_index(record: dict) -> str:
    """The run's index: a card per report (what it found, its KPIs, a link), then the run record."""
    cards = [build_card(r) for r in record["reports"]]
    counts = {light: sum(c["status"] == light for c in cards) for light in LIGHTS}
    return _ENV.get_template("index.html.j2").render(
        run=record["run"],
        parameter_file=record["parameter_file"],
        started=format_started(record["started"]),
        duration=f"{record['duration_s']:.0f} s",
        jobs=record["jobs"],
        executor=record.get("executor", "local"),
        cards=cards,
        counts=counts,
        lights=LIGHTS,
        inputs=[{**i, "size": format_bytes(i["bytes"])} for i in record["inputs"]],
        packages=record["packages"],
    )
