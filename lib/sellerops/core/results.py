"""What every analysis returns: named tables, findings in words, and KPIs judged against benchmarks.

In the spirit of statsmodels' results objects, an analysis hands back one frozen dataclass that
carries its own conclusions. A notebook shows the tables, says the findings and hands the KPIs to
the index page; it computes nothing and types no number.

A :class:`KPI` carries its value, unit, benchmark and status. The status comes from
:func:`judge`: ``good`` on the right side of the benchmark, ``watch`` within a band beyond it
(10 % of the benchmark by default), ``bad`` further away; ``info`` where there is no benchmark.

Examples
--------
>>> acos = KPI("acos", "ACoS", 0.25, "fraction", benchmark=0.22, direction="max", watch=0.28)
>>> acos.status, judge(0.30, 0.22, "max", watch=0.28), judge(0.24, 0.22, "max"), judge(4.7, 4.6, "min")
('watch', 'bad', 'watch', 'good')
>>> worst_status([acos, KPI("roas", "ROAS", 3.5, "ratio", benchmark=3.0, direction="min")])
'watch'
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

#: Status values, best first.
STATUSES = ("good", "watch", "bad", "info")
#: How far beyond a benchmark (as a share of it) a value is still only ``watch``.
WATCH_BAND = 0.10
#: Units a KPI value can have; ``money:USD`` names the currency.
UNITS = ("count", "fraction", "ratio", "money", "days", "text", "stars", "hours", "per year")


def judge(
    value: float | None,
    benchmark: float | None,
    direction: str,
    *,
    watch: float | None = None,
    band: float = WATCH_BAND,
) -> str:
    """``good``, ``watch`` or ``bad`` for a value against a benchmark; ``info`` without one.

    ``direction`` ``"max"``: good at or below the benchmark (ACoS, return rate); ``"min"``: good at
    or above it (rating, ROAS). ``watch`` is the limit of the watch zone beyond the benchmark (the
    article's 28 % industry-average ACoS beyond its 22 %); without it the zone is ``band`` of the
    benchmark. A missing value is ``info``: nothing to judge.

    Examples
    --------
    >>> judge(0.03, 0.03, "max"), judge(0.032, 0.03, "max"), judge(0.05, 0.03, "max")
    ('good', 'watch', 'bad')
    >>> judge(float("nan"), 0.03, "max"), judge(1.0, None, "max")
    ('info', 'info')
    """
    if benchmark is None or direction not in ("max", "min"):
        return "info"
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "info"
    if watch is None:
        watch = benchmark + abs(benchmark) * band if direction == "max" else benchmark - abs(benchmark) * band
    if direction == "max":
        return "good" if value <= benchmark else ("watch" if value <= watch else "bad")
    return "good" if value >= benchmark else ("watch" if value >= watch else "bad")


@dataclass(frozen=True)
class KPI:
    """One headline number.

    Parameters
    ----------
    key : str
        snake_case identifier (``acos``).
    label : str
        What a person reads (``ACoS``).
    value : float, int, str or None
        The measured value; rates as fractions.
    unit : str
        One of :data:`UNITS`; money as ``money:USD``.
    benchmark : float, optional
        The threshold it is judged against (from :mod:`sellerops.core.thresholds` or a parameter).
    direction : {"max", "min", ""}
        How it is judged (see :func:`judge`).
    watch : float, optional
        The far end of the watch zone (see :func:`judge`).
    status : str, optional
        Set explicitly where a rule other than the benchmark decides (data health); otherwise judged.
    note : str
        A short explanation shown beside it.
    """

    key: str
    label: str
    value: float | int | str | None
    unit: str = "count"
    benchmark: float | None = None
    direction: str = ""
    watch: float | None = None
    status: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if self.unit.split(":")[0] not in UNITS:
            raise ValueError(f"KPI {self.key!r}: unit must be one of {UNITS} (money as money:USD), got {self.unit!r}")
        if not self.status:
            value = self.value if isinstance(self.value, (int, float)) else None
            object.__setattr__(self, "status", judge(value, self.benchmark, self.direction, watch=self.watch))
        if self.status not in STATUSES:
            raise ValueError(f"KPI {self.key!r}: status must be one of {STATUSES}, got {self.status!r}")

    def as_dict(self) -> dict:
        """A JSON-ready copy (for the index page)."""
        value = self.value
        if isinstance(value, float) and math.isnan(value):
            value = None
        return {
            "key": self.key,
            "label": self.label,
            "value": value,
            "unit": self.unit,
            "benchmark": self.benchmark,
            "direction": self.direction,
            "status": self.status,
            "note": self.note,
        }


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 file``, ``3 files``, ``2 analyses``: a count with its noun, for findings.

    Examples
    --------
    >>> plural(1, "file"), plural(1_234, "row"), plural(2, "analysis", "analyses")
    ('1 file', '1,234 rows', '2 analyses')
    """
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def worst_status(kpis) -> str:
    """The worst status among judged KPIs (``info`` ones do not count); ``info`` when none is judged."""
    judged = [k.status for k in kpis if k.status != "info"]
    return max(judged, key=STATUSES.index) if judged else "info"


@dataclass(frozen=True)
class Result:
    """Base of every analysis result: a title, named tables, findings and KPIs.

    Subclasses add their own fields and override :meth:`findings` and :meth:`kpis`.
    """

    title: str
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def findings_by_topic(self) -> dict[str, str]:
        """What the numbers say, one sentence per topic, most important first (subclasses fill it)."""
        return {}

    def findings(self) -> list[str]:
        """What the numbers say, one sentence each, most important first."""
        return list(self.findings_by_topic().values())

    def finding(self, topic: str) -> str:
        """The sentence about one topic (a notebook section says it under its table); empty if none."""
        return self.findings_by_topic().get(topic, "")

    def kpis(self) -> list[KPI]:
        """The headline numbers, each judged."""
        return []

    def status(self) -> str:
        """The traffic light of the whole result: its worst KPI."""
        return worst_status(self.kpis())

    def summary(self) -> str:
        """Findings and KPIs as plain text (for a terminal or a log)."""
        lines = [self.title, ""]
        lines += [f"- {f}" for f in self.findings()]
        lines += [""] + [f"{k.label}: {k.value} [{k.status}]" for k in self.kpis()]
        return "\n".join(lines)
