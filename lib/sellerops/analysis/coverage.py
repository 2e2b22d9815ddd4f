"""Which dates each kind of input covers, where the holes are, and which analyses can run.

Works on the per-file table of :func:`sellerops.data_health.scan_folder` (one row per
file with kind, marketplace, first and last date); reads no files.

Examples
--------
>>> import pandas as pd
>>> files = pd.DataFrame({"kind": ["sp_search_term"] * 2, "marketplace": ["US"] * 2,
...     "date_min": pd.to_datetime(["2026-01-01", "2026-03-01"]),
...     "date_max": pd.to_datetime(["2026-01-31", "2026-03-31"]), "used": [10, 12]})
>>> coverage(files).loc[0, "gaps"]
'2026-02-01..2026-02-28'
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: Kinds that are snapshots: each file stands for the month that ends on its date.
SNAPSHOT_KINDS = frozenset({"fba_inventory_planning"})
#: Kinds with one row per month dated on its first day: each row stands for the whole month.
MONTHLY_KINDS = frozenset({"listing_history"})
#: Kinds without dates, needed only to be present.
STATIC_KINDS = frozenset(
    {"product_master", "fba_manage_inventory", "h10_cerebro", "h10_magnet", "jungle_scout_keywords"}
)


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


def _intervals(files: pd.DataFrame) -> pd.DataFrame:
    """Each file's [start, end] in whole days; a snapshot covers the month up to its date.

    ``cover_from``/``cover_to``, where given, are the period a file says it covers (its name),
    which for sparse events such as returns is wider than the first and last event.
    """
    start = files.get("cover_from", files["date_min"]).fillna(files["date_min"]).dt.normalize()
    end = files.get("cover_to", files["date_max"]).fillna(files["date_max"]).dt.normalize()
    snap = files["kind"].isin(SNAPSHOT_KINDS)
    start = start.where(~snap, end - pd.DateOffset(months=1) + pd.Timedelta(days=1))
    monthly = files["kind"].isin(MONTHLY_KINDS)
    end = end.where(~monthly, end + pd.offsets.MonthEnd(0))
    return pd.DataFrame({"start": start, "end": end})


def _merge(spans: pd.DataFrame, tolerance_days: int) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    merged: list[list[pd.Timestamp]] = []
    for s, e in spans.sort_values(["start", "end"]).itertuples(index=False):
        if merged and s <= merged[-1][1] + pd.Timedelta(days=tolerance_days + 1):
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _gaps(merged, first=None, last=None) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    out = []
    bounds = merged
    if first is not None and bounds and bounds[0][0] > first:
        out.append((first, bounds[0][0] - pd.Timedelta(days=1)))
    for (_, e1), (s2, _) in zip(bounds, bounds[1:]):
        out.append((e1 + pd.Timedelta(days=1), s2 - pd.Timedelta(days=1)))
    if last is not None and bounds and bounds[-1][1] < last:
        out.append((bounds[-1][1] + pd.Timedelta(days=1), last))
    return out


def _span_text(spans) -> str:
    return ", ".join(f"{s:%Y-%m-%d}..{e:%Y-%m-%d}" for s, e in spans)


def spans(files: pd.DataFrame, *, tolerance_days: int = 3) -> pd.DataFrame:
    """The merged date spans each marketplace and kind covers (one row per span), for charts.

    Examples
    --------
    >>> import pandas as pd
    >>> files = pd.DataFrame({"kind": ["k", "k"], "marketplace": ["US", "US"],
    ...     "date_min": pd.to_datetime(["2026-01-01", "2026-02-01"]), "date_max": pd.to_datetime(["2026-01-31", "2026-02-28"])})
    >>> len(spans(files))
    1
    """
    rows = []
    dated = files[files["date_max"].notna()]
    for (market, kind), part in dated.groupby(["marketplace", "kind"], dropna=False, sort=True):
        for s, e in _merge(_intervals(part), tolerance_days):
            rows.append({"marketplace": market, "kind": kind, "start": s, "end": e})
    return pd.DataFrame(rows, columns=["marketplace", "kind", "start", "end"])


def coverage(files: pd.DataFrame, *, tolerance_days: int = 3) -> pd.DataFrame:
    """Dates covered per marketplace and kind, with the holes between downloads.

    Parameters
    ----------
    files : DataFrame
        Columns ``kind``, ``marketplace``, ``date_min``, ``date_max``, ``used``.
    tolerance_days : int
        Holes this short are not gaps (a day without ad activity has no rows).

    Returns
    -------
    DataFrame
        ``marketplace, kind, files, rows_used, first, last, gaps`` (gaps as text, "" when none).
    """
    rows = []
    dated = files[files["date_max"].notna()]
    for (market, kind), part in files.groupby(["marketplace", "kind"], dropna=False, sort=True):
        part_dated = dated.loc[dated.index.intersection(part.index)]
        merged = _merge(_intervals(part_dated), tolerance_days) if len(part_dated) else []
        rows.append(
            {
                "marketplace": market,
                "kind": kind,
                "files": len(part),
                "rows_used": int(part["used"].sum()),
                "first": merged[0][0] if merged else pd.NaT,
                "last": merged[-1][1] if merged else pd.NaT,
                "gaps": _span_text(_gaps(merged)),
            }
        )
    return pd.DataFrame(rows, columns=["marketplace", "kind", "files", "rows_used", "first", "last", "gaps"])


def verdicts(
    files: pd.DataFrame,
    start: str | pd.Timestamp,
    end: str | pd.Timestamp,
    *,
    marketplace: str | None = None,
    tolerance_days: int = 3,
) -> pd.DataFrame:
    """For each analysis: ``ready``, ``partial`` or ``missing`` for the chosen dates, and why.

    A dated kind must cover ``start..end`` without gaps to count as ready; a kind without
    dates (product master, keyword research) only has to be present.

    Examples
    --------
    >>> import pandas as pd
    >>> files = pd.DataFrame({"kind": ["sp_search_term", "product_master"], "marketplace": ["US", None],
    ...     "date_min": pd.to_datetime(["2026-01-01", None]), "date_max": pd.to_datetime(["2026-01-31", None]),
    ...     "used": [10, 3]})
    >>> verdicts(files, "2026-01-01", "2026-01-31", marketplace="US").set_index("analysis").loc["ad_efficiency", "verdict"]
    'ready'
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if marketplace is None:
        markets = sorted(files["marketplace"].dropna().unique())
        if len(markets) > 1:  # every marketplace must be covered on its own, never one by another
            each = [
                verdicts(files, start, end, marketplace=m, tolerance_days=tolerance_days).assign(m=m) for m in markets
            ]
            return _worst(pd.concat(each, ignore_index=True))
    else:
        files = files[files["marketplace"].isna() | (files["marketplace"] == marketplace)]
    status: dict[str, tuple[str, str]] = {}
    for kind, part in files.groupby("kind"):
        dated = part[part["date_max"].notna()]
        if kind in STATIC_KINDS:
            status[kind] = ("ready", "present")
            continue
        if dated.empty:
            status[kind] = ("missing", "its files give no dates (rows all rejected, or no period in the file name)")
            continue
        merged = _merge(_intervals(dated), tolerance_days)
        inside = [(max(s, start), min(e, end)) for s, e in merged if e >= start and s <= end]
        holes = _gaps(inside, start, end) if inside else [(start, end)]
        holes = [(s, e) for s, e in holes if (e - s).days + 1 > tolerance_days]
        if not inside:
            status[kind] = ("missing", f"covers {_span_text(merged)}, not the chosen dates")
        elif holes:
            status[kind] = ("partial", f"missing {_span_text(holes)}")
        else:
            status[kind] = ("ready", "covers the chosen dates")
    rows = []
    rank = {"ready": 0, "partial": 1, "missing": 2}
    for req in REQUIREMENTS:
        worst, reasons = "ready", []
        for group in req.required:
            best = min((status.get(k, ("missing", "not found")) + (k,) for k in group), key=lambda t: rank[t[0]])
            state, why, kind = best
            if state != "ready":
                reasons.append(f"{' or '.join(group) if state == 'missing' and len(group) > 1 else kind}: {why}")
            worst = max(worst, state, key=rank.get)
        optional_missing = [k for k in req.optional if status.get(k, ("missing",))[0] != "ready"]
        rows.append(
            {
                "analysis": req.analysis,
                "title": req.title,
                "verdict": worst,
                "why": "; ".join(reasons) or "every required input covers the chosen dates",
                "optional inputs missing or partial": ", ".join(optional_missing),
            }
        )
    return pd.DataFrame(rows)


_RANK = {"ready": 0, "partial": 1, "missing": 2}


def _worst(per_market: pd.DataFrame) -> pd.DataFrame:
    """One verdict per analysis from per-marketplace verdicts: the worst, with each market's reason."""
    rows = []
    for analysis, part in per_market.groupby("analysis", sort=False):
        worst = max(part["verdict"], key=_RANK.get)
        why = "; ".join(f"{m}: {w}" for m, v, w in zip(part["m"], part["verdict"], part["why"]) if v != "ready")
        optional = sorted({o for text in part["optional inputs missing or partial"] for o in text.split(", ") if o})
        rows.append(
            {
                "analysis": analysis,
                "title": part["title"].iloc[0],
                "verdict": worst,
                "why": why or "every required input covers the chosen dates in every marketplace",
                "optional inputs missing or partial": ", ".join(optional),
            }
        )
    return pd.DataFrame(rows)
