"""Data health: which dates each kind of input covers, where the holes are, and which analyses can run.

Works on the tables a catalog of the data folder gives (``catalog.describe(marketplace)``): one row
per file with its kind, time model, marketplace, ``start`` and ``end``, the rejected rows, the
overlapping downloads, the columns not recognised; reads no files. :func:`assess_data_health`
returns a :class:`DataHealth` result with its findings and KPIs.

Examples
--------
>>> import pandas as pd
>>> files = pd.DataFrame({"kind": ["sp_search_term"] * 2, "time_model": ["daily"] * 2, "marketplace": ["US"] * 2,
...     "start": pd.to_datetime(["2026-01-01", "2026-03-01"]),
...     "end": pd.to_datetime(["2026-01-31", "2026-03-31"]), "used": [10, 12]})
>>> measure_coverage(files).loc[0, "gaps"]
'2026-02-01..2026-02-28'
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..core.results import KPI, Result, plural

#: Holes between downloads this short (in days) are not gaps: a day without ad activity has no rows.
TOLERANCE_DAYS = 3
_RANK = {"ready": 0, "partial": 1, "missing": 2}


@dataclass(frozen=True)
class Requirement:
    """What one analysis needs: groups of alternative kinds, each group must be present."""

    analysis: str
    title: str
    required: tuple[tuple[str, ...], ...]
    optional: tuple[str, ...] = ()


REQUIREMENTS = (
    Requirement(
        "keyword_opportunity",
        "Keyword opportunity",
        (("sp_search_term",),),
        ("h10_cerebro", "h10_magnet", "jungle_scout_keywords", "brand_analytics_sqp", "sp_targeting"),
    ),
    Requirement(
        "ad_efficiency",
        "Ad efficiency",
        (("sp_search_term", "sp_campaign", "sp_targeting"), ("product_master",)),
        ("business_report_by_date", "business_report_child_item", "sp_placement", "sp_advertised_product"),
    ),
    Requirement(
        "inventory_turnover",
        "Inventory turnover",
        (
            ("fba_inventory_planning", "fba_manage_inventory"),
            ("all_orders", "business_report_child_item", "business_report_by_date"),
            ("product_master",),
        ),
        ("payments_transactions", "fba_manage_inventory"),
    ),
    Requirement(
        "operations_vs_sales",
        "Operations vs sales",
        (("business_report_child_item", "business_report_by_date"), ("payments_transactions",), ("product_master",)),
        ("listing_history", "fba_returns", "all_orders", "sp_advertised_product"),
    ),
)


def _time_model(files: pd.DataFrame) -> pd.Series:
    return files["time_model"] if "time_model" in files.columns else pd.Series("daily", index=files.index)


def _intervals(files: pd.DataFrame) -> pd.DataFrame:
    """Each file's ``[start, end]`` in whole days, by its kind's time model.

    A snapshot stands for the month up to its date; a monthly row for its whole month. ``named_start``
    / ``named_end``, where given, are the period a file's name says it covers, which for sparse
    events such as returns is wider than the first and last event.
    """
    start = files["start"]
    end = files["end"]
    if "named_start" in files.columns:
        start = files["named_start"].fillna(start)
        end = files["named_end"].fillna(end)
    start, end = start.dt.normalize(), end.dt.normalize()
    model = _time_model(files)
    snapshot = model == "snapshot"
    start = start.where(~snapshot, end - pd.DateOffset(months=1) + pd.Timedelta(days=1))
    end = end.where(model != "monthly", end + pd.offsets.MonthEnd(0))
    return pd.DataFrame({"start": start, "end": end})


def merge_spans(spans: pd.DataFrame, tolerance_days: int = TOLERANCE_DAYS) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Merge ``start``/``end`` spans that overlap or are separated by at most ``tolerance_days``.

    Examples
    --------
    >>> import pandas as pd
    >>> spans = pd.DataFrame({"start": pd.to_datetime(["2026-01-01", "2026-01-18", "2026-03-01"]),
    ...                       "end": pd.to_datetime(["2026-01-15", "2026-01-31", "2026-03-31"])})
    >>> [(f"{s:%m-%d}", f"{e:%m-%d}") for s, e in merge_spans(spans)]
    [('01-01', '01-31'), ('03-01', '03-31')]
    """
    merged: list[list[pd.Timestamp]] = []
    for s, e in spans[["start", "end"]].sort_values(["start", "end"]).itertuples(index=False):
        if merged and s <= merged[-1][1] + pd.Timedelta(days=tolerance_days + 1):
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def find_gaps(merged, start=None, end=None) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The holes between merged spans, and before ``start`` / after ``end`` when given.

    Examples
    --------
    >>> import pandas as pd
    >>> spans = [(pd.Timestamp("2026-01-05"), pd.Timestamp("2026-01-31"))]
    >>> [(f"{s:%m-%d}", f"{e:%m-%d}") for s, e in find_gaps(spans, pd.Timestamp("2026-01-01"))]
    [('01-01', '01-04')]
    """
    out = []
    if start is not None and merged and merged[0][0] > start:
        out.append((start, merged[0][0] - pd.Timedelta(days=1)))
    for (_, e1), (s2, _) in zip(merged, merged[1:]):
        out.append((e1 + pd.Timedelta(days=1), s2 - pd.Timedelta(days=1)))
    if end is not None and merged and merged[-1][1] < end:
        out.append((merged[-1][1] + pd.Timedelta(days=1), end))
    return out


def _span_text(spans) -> str:
    return ", ".join(f"{s:%Y-%m-%d}..{e:%Y-%m-%d}" for s, e in spans)


def list_covered_spans(files: pd.DataFrame, *, tolerance_days: int = TOLERANCE_DAYS) -> pd.DataFrame:
    """The merged date spans each marketplace and kind covers (one row per span), for charts.

    Examples
    --------
    >>> import pandas as pd
    >>> files = pd.DataFrame({"kind": ["k", "k"], "marketplace": ["US", "US"],
    ...     "start": pd.to_datetime(["2026-01-01", "2026-02-01"]), "end": pd.to_datetime(["2026-01-31", "2026-02-28"])})
    >>> len(list_covered_spans(files))
    1
    """
    rows = []
    dated = files[files["end"].notna()]
    for (market, kind), part in dated.groupby(["marketplace", "kind"], dropna=False, sort=True):
        report = part["report"].iloc[0] if "report" in part.columns else kind
        for s, e in merge_spans(_intervals(part), tolerance_days):
            rows.append({"marketplace": market, "kind": kind, "report": report, "start": s, "end": e})
    return pd.DataFrame(rows, columns=["marketplace", "kind", "report", "start", "end"])


def measure_coverage(files: pd.DataFrame, *, tolerance_days: int = TOLERANCE_DAYS) -> pd.DataFrame:
    """Dates covered per marketplace and kind, with the holes between downloads.

    Parameters
    ----------
    files : DataFrame
        Columns ``kind``, ``marketplace``, ``start``, ``end``, ``used`` (and ``time_model``).
    tolerance_days : int
        Holes this short are not gaps (a day without ad activity has no rows).

    Returns
    -------
    DataFrame
        ``marketplace, kind, report, files, rows_used, start, end, gaps`` (gaps as text, "" when none).
    """
    rows = []
    for (market, kind), part in files.groupby(["marketplace", "kind"], dropna=False, sort=True):
        dated = part[part["end"].notna()]
        merged = merge_spans(_intervals(dated), tolerance_days) if len(dated) else []
        rows.append(
            {
                "marketplace": market,
                "kind": kind,
                "report": part["report"].iloc[0] if "report" in part.columns else kind,
                "files": len(part),
                "rows_used": int(part["used"].sum()),
                "start": merged[0][0] if merged else pd.NaT,
                "end": merged[-1][1] if merged else pd.NaT,
                "gaps": _span_text(find_gaps(merged)),
            }
        )
    return pd.DataFrame(rows, columns=["marketplace", "kind", "report", "files", "rows_used", "start", "end", "gaps"])


def _kind_status(part: pd.DataFrame, start, end, tolerance_days: int) -> tuple[str, str]:
    if (_time_model(part) == "static").all():
        return "ready", "present"
    dated = part[part["end"].notna()]
    if dated.empty:
        return "missing", "its files give no dates (rows all rejected, or no period in the file name)"
    merged = merge_spans(_intervals(dated), tolerance_days)
    inside = [(max(s, start), min(e, end)) for s, e in merged if e >= start and s <= end]
    holes = find_gaps(inside, start, end) if inside else [(start, end)]
    holes = [(s, e) for s, e in holes if (e - s).days + 1 > tolerance_days]
    if not inside:
        return "missing", f"covers {_span_text(merged)}, not the chosen dates"
    if holes:
        return "partial", f"missing {_span_text(holes)}"
    return "ready", "covers the chosen dates"


def judge_readiness(
    files: pd.DataFrame,
    start: str | pd.Timestamp,
    end: str | pd.Timestamp,
    *,
    marketplace: str | None = None,
    tolerance_days: int = TOLERANCE_DAYS,
    labels: dict[str, str] | None = None,
) -> pd.DataFrame:
    """For each analysis: ``ready``, ``partial`` or ``missing`` for the chosen dates, and why.

    ``labels`` names the kinds in the reasons (``SP search terms`` rather than ``sp_search_term``).

    A dated kind must cover ``start..end`` without gaps to count as ready; a static kind (product
    master, keyword research) only has to be present. Without a marketplace, every marketplace must
    be covered on its own and the worst verdict is reported.

    Examples
    --------
    >>> import pandas as pd
    >>> files = pd.DataFrame({"kind": ["sp_search_term", "product_master"], "time_model": ["daily", "static"],
    ...     "marketplace": ["US", None], "start": pd.to_datetime(["2026-01-01", None]),
    ...     "end": pd.to_datetime(["2026-01-31", None]), "used": [10, 3]})
    >>> judge_readiness(files, "2026-01-01", "2026-01-31", marketplace="US").set_index("analysis").loc["ad_efficiency", "verdict"]
    'ready'
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    markets = files["marketplace"]
    if marketplace is None:
        present = sorted(markets.dropna().unique())
        if len(present) > 1:
            each = [
                judge_readiness(files, start, end, marketplace=m, tolerance_days=tolerance_days, labels=labels).assign(
                    m=m
                )
                for m in present
            ]
            return _worst(pd.concat(each, ignore_index=True))
    else:
        files = files[markets.isna() | (markets == marketplace)]
    status = {kind: _kind_status(part, start, end, tolerance_days) for kind, part in files.groupby("kind")}
    labels = labels or {}

    def name(kind: str) -> str:
        return labels.get(kind, kind)

    rows = []
    for req in REQUIREMENTS:
        worst, reasons = "ready", []
        for group in req.required:
            state, why, kind = min(
                (status.get(k, ("missing", "not found")) + (k,) for k in group), key=lambda t: _RANK[t[0]]
            )
            if state != "ready":
                who = " or ".join(map(name, group)) if state == "missing" and len(group) > 1 else name(kind)
                reasons.append(f"{who}: {why}")
            worst = max(worst, state, key=_RANK.get)
        optional_missing = [name(k) for k in req.optional if status.get(k, ("missing",))[0] != "ready"]
        rows.append(
            {
                "analysis": req.analysis,
                "title": req.title,
                "verdict": worst,
                "why": "; ".join(reasons) or "every required input covers the chosen dates",
                "optional_missing": ", ".join(optional_missing),
            }
        )
    return pd.DataFrame(rows, columns=["analysis", "title", "verdict", "why", "optional_missing"])


def _worst(per_market: pd.DataFrame) -> pd.DataFrame:
    """One verdict per analysis from per-marketplace verdicts: the worst, with each market's reason."""
    rows = []
    for analysis, part in per_market.groupby("analysis", sort=False):
        worst = max(part["verdict"], key=_RANK.get)
        why = "; ".join(f"{m}: {w}" for m, v, w in zip(part["m"], part["verdict"], part["why"]) if v != "ready")
        optional = sorted({o for text in part["optional_missing"] for o in text.split(", ") if o})
        rows.append(
            {
                "analysis": analysis,
                "title": part["title"].iloc[0],
                "verdict": worst,
                "why": why or "every required input covers the chosen dates in every marketplace",
                "optional_missing": ", ".join(optional),
            }
        )
    return pd.DataFrame(rows, columns=["analysis", "title", "verdict", "why", "optional_missing"])


#: The columns of the file table that a person reads, in order.
FILE_VIEW = [
    "file",
    "report",
    "variant",
    "marketplace",
    "currency",
    "window",
    "start",
    "end",
    "read",
    "used",
    "rejected",
]
#: Share of rejected rows above which the data-health light turns red.
REJECTED_BAD_SHARE = 0.01


@dataclass(frozen=True)
class DataHealth(Result):
    """What a data folder holds for one marketplace and period, and whether the analyses can run.

    Tables: ``files``, ``coverage``, ``spans``, ``rejections``, ``overlaps``, ``unknown_columns``,
    ``errors``, ``skipped``, ``readiness``.
    """

    marketplace: str | None = None
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    counts: dict = field(default_factory=dict)

    def _count(self, key: str) -> int:
        return int(self.counts.get(key, 0))

    def findings_by_topic(self) -> dict[str, str]:
        t, n = self.tables, self._count
        market = self.marketplace or "every marketplace"
        problems = t["all_files"][t["all_files"]["format_problem"] != ""]
        out = {}
        if len(problems):
            out["format"] = (
                f"{plural(len(problems), 'file')} in a format the readers do not know, their rows mostly rejected: "
                + "; ".join(f"{f}: {p}" for f, p in zip(problems["file"], problems["format_problem"]))
            )
        out |= {
            "files": f"{plural(n('files'), 'file')} were read for {market}: {plural(n('rows_read'), 'row')} read, "
            f"{n('rows_used'):,} used, {n('rows_rejected'):,} rejected, {n('duplicates'):,} duplicates of overlapping "
            f"downloads; {n('unreadable'):,} unreadable, {n('skipped'):,} skipped."
        }
        ready = t["readiness"]["verdict"] == "ready"
        text = (
            f"{int(ready.sum())} of {plural(len(ready), 'analysis', 'analyses')} have every input they need for "
            f"{self.start:%Y-%m-%d} to {self.end:%Y-%m-%d}"
        )
        if not ready.all():
            rest = t["readiness"][~ready]
            text += "; not yet: " + "; ".join(f"{a} ({w})" for a, w in zip(rest["title"], rest["why"]))
        out["readiness"] = text + "."
        holes = t["coverage"][t["coverage"]["gaps"] != ""]
        out["gaps"] = (
            "No input has a gap between downloads."
            if holes.empty
            else "Gaps between downloads: " + "; ".join(holes["report"] + " " + holes["gaps"]) + "."
        )
        if n("rows_rejected"):
            top = t["rejections"].sort_values("rows", ascending=False, kind="stable").iloc[0]
            out["rejections"] = (
                f"{plural(n('rows_rejected'), 'row')} rejected; the most: {top['rows']:,} in {top['file']} ({top['reason']})."
            )
        else:
            out["rejections"] = "No row was rejected."
        if len(t["overlaps"]):
            out["overlaps"] = (
                f"{plural(len(t['overlaps']), 'report')} had overlapping downloads; {plural(n('duplicates'), 'row')} that "
                "two downloads both hold were used once, from the download that reaches furthest."
            )
        else:
            out["overlaps"] = "No downloads overlapped."
        if len(t["unknown_columns"]):
            out["unknown_columns"] = (
                f"{plural(len(t['unknown_columns']), 'file')} with columns the readers do not know (Amazon renamed or "
                f"added something): {', '.join(t['unknown_columns']['file'])}."
            )
        else:
            out["unknown_columns"] = "Every column was recognised."
        if len(t["blanked"]):
            cells = int(t["blanked"]["cells"].sum())
            out["blanked"] = (
                f"{plural(cells, 'cell')} in columns no analysis needs could not be read and were left empty (their "
                f"rows are kept): {'; '.join(t['blanked']['reason'] + ' in ' + t['blanked']['file'])}."
            )
        files = t["all_files"]
        unnamed = files[files["period_source"] == "none"]
        if len(unnamed):
            out["naming"] = (
                f"{plural(len(unnamed), 'file')} without dates and without a period in the name, so the dates they "
                f"cover are unknown: {', '.join(unnamed['file'])}. Rename each after the period it covers, e.g. "
                "BusinessReport-2026-10.csv for October 2026, or with two dates (2026-10-01_2026-10-31)."
            )
        unreadable = (
            f"{n('unreadable')} files could not be read: {', '.join(t['errors']['file'])}." if n("unreadable") else ""
        )
        skipped = f"{n('skipped')} files were skipped: {', '.join(t['skipped']['file'])}." if n("skipped") else ""
        out["errors"] = " ".join(x for x in (unreadable, skipped) if x) or "Every file could be read."
        return out

    def kpis(self) -> list[KPI]:
        n = self._count
        rejected_share = n("rows_rejected") / n("rows_read") if n("rows_read") else 0.0
        ready = self.tables["readiness"]["verdict"]
        return [
            KPI("files_read", "files read", n("files"), "count", status="info"),
            KPI("rows_read", "rows read", n("rows_read"), "count", status="info"),
            KPI("rows_used", "rows used", n("rows_used"), "count", status="info"),
            KPI(
                "rows_rejected",
                "rows rejected",
                n("rows_rejected"),
                "count",
                status="good"
                if not n("rows_rejected")
                else ("bad" if rejected_share >= REJECTED_BAD_SHARE else "watch"),
                note=f"{rejected_share:.2%} of rows read",
            ),
            KPI(
                "files_unreadable",
                "files unreadable",
                n("unreadable"),
                "count",
                status="bad" if n("unreadable") else "good",
            ),
            KPI(
                "analyses_ready",
                "analyses ready",
                f"{int((ready == 'ready').sum())} of {len(ready)}",
                "text",
                status="good" if (ready == "ready").all() else ("bad" if (ready == "missing").any() else "watch"),
            ),
            KPI("period", "period", f"{self.start:%Y-%m-%d} to {self.end:%Y-%m-%d}", "text", status="info"),
        ]


def count_rows(folder) -> dict[str, int]:
    """Files and rows of a folder's tables, counted one way for every report.

    ``rows_used`` = rows read − rows rejected − duplicates (rows that two overlapping downloads both
    hold are used once).

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> folder = SimpleNamespace(files=pd.DataFrame({"read": [10, 5], "used": [9, 5], "rejected": [1, 0],
    ...                                             "format_problem": ["", ""]}),
    ...     overlaps=pd.DataFrame({"duplicates": [3]}), errors=pd.DataFrame(), skipped=pd.DataFrame())
    >>> count_rows(folder)["rows_used"]
    11
    """
    duplicates = int(folder.overlaps["duplicates"].fillna(0).sum())
    return {
        "files": len(folder.files),
        "rows_read": int(folder.files["read"].sum()),
        "rows_used": int(folder.files["used"].sum()) - duplicates,
        "rows_rejected": int(folder.files["rejected"].sum()),
        "duplicates": duplicates,
        "unreadable": len(folder.errors),
        "skipped": len(folder.skipped),
        "format_problems": int((folder.files["format_problem"] != "").sum()),
    }


def assess_data_health(folder, start, end, *, tolerance_days: int = TOLERANCE_DAYS) -> DataHealth:
    """Judge a data folder for one marketplace and period.

    Parameters
    ----------
    folder : FolderTables
        ``catalog.describe(marketplace)``: files, rejections, unknown columns, errors, skipped files
        and overlaps, already restricted to the marketplace (and the files of none).
    start, end : date
        The period the analyses will look at.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    files = folder.files
    readiness = judge_readiness(
        files, start, end, marketplace=folder.marketplace, tolerance_days=tolerance_days, labels=folder.labels
    )
    counts = count_rows(folder)
    tables = {
        "files": files[FILE_VIEW],
        "all_files": files,
        "coverage": measure_coverage(files, tolerance_days=tolerance_days),
        "spans": list_covered_spans(files, tolerance_days=tolerance_days),
        "rejections": folder.rejections,
        "blanked": folder.blanked,
        "overlaps": folder.overlaps,
        "unknown_columns": folder.unknown_columns,
        "errors": folder.errors,
        "skipped": folder.skipped,
        "readiness": readiness,
    }
    return DataHealth(
        title="Data health", tables=tables, marketplace=folder.marketplace, start=start, end=end, counts=counts
    )


@dataclass(frozen=True)
class InputsBrief(Result):
    """Data health in brief for one analysis: what was read for it, what was rejected, what is missing.

    Table ``inputs``: one row per report kind loaded (files, rows read, used, rejected, outside the
    period, cells left empty, format problem); ``missing`` names the optional kinds not found.
    """

    missing: tuple[str, ...] = ()

    def findings_by_topic(self) -> dict[str, str]:
        t = self.tables["inputs"]
        out = {}
        problems = t[t["format_problem"] != ""]
        if len(problems):
            out["format"] = "Format problems, the rows of these files mostly rejected: " + "; ".join(
                f"{r}: {p}" for r, p in zip(problems["report"], problems["format_problem"])
            )
        out["read"] = (
            f"Read for this analysis: {', '.join(f'{r} ({n:,} rows)' for r, n in zip(t['report'], t['used']))}; "
            f"{plural(int(t['rejected'].sum()), 'row')} rejected."
        )
        if self.missing:
            out["missing"] = (
                f"Not in the data folder: {', '.join(self.missing)}. The sections that need them say what they "
                "cannot show."
            )
        return out


def brief_inputs(inputs) -> InputsBrief:
    """The brief of an analysis' inputs (``catalog.load_inputs(...)``), for the top of its notebook."""
    rows = []
    for kind, dq in inputs.qualities.items():
        rows.append(
            {
                "kind": kind,
                "report": inputs.labels.get(kind, kind),
                "files": len(dq.files),
                "read": dq.rows_read,
                "used": dq.rows_used,
                "rejected": dq.rows_rejected,
                "outside_period": dq.rows_outside,
                "cells_left_empty": sum(dq.blanked.values()),
                "format_problem": dq.format_problem,
            }
        )
    columns = [
        "kind",
        "report",
        "files",
        "read",
        "used",
        "rejected",
        "outside_period",
        "cells_left_empty",
        "format_problem",
    ]
    missing = tuple(inputs.labels.get(k, k) for k in inputs.missing)
    return InputsBrief(title="Inputs", tables={"inputs": pd.DataFrame(rows, columns=columns)}, missing=missing)
