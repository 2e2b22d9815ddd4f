"""Coverage and verdicts from a hand-made file table (sellerops.analysis.coverage)."""

from __future__ import annotations

import pandas as pd

from sellerops.analysis.coverage import judge_readiness, measure_coverage


def _files(rows):
    frame = pd.DataFrame(rows, columns=["kind", "marketplace", "start", "end", "used"])
    frame[["start", "end"]] = frame[["start", "end"]].apply(pd.to_datetime)
    frame["time_model"] = frame["kind"].map(lambda k: "static" if k == "product_master" else "daily")
    return frame


def _verdict(table, analysis):
    return table.set_index("analysis").loc[analysis, "verdict"]


def test_gap_between_monthly_downloads_is_reported():
    files = _files(
        [
            ("sp_search_term", "US", "2026-01-01", "2026-01-31", 5),
            ("sp_search_term", "US", "2026-03-01", "2026-03-31", 5),
            ("product_master", None, None, None, 3),
        ]
    )
    cov = measure_coverage(files)
    assert cov.set_index("kind").loc["sp_search_term", "gaps"] == "2026-02-01..2026-02-28"
    v = judge_readiness(files, "2026-01-01", "2026-03-31", marketplace="US")
    assert _verdict(v, "ad_efficiency") == "partial"
    assert "2026-02-01..2026-02-28" in v.set_index("analysis").loc["ad_efficiency", "why"]
    assert _verdict(judge_readiness(files, "2026-03-01", "2026-03-31", marketplace="US"), "ad_efficiency") == "ready"


def test_files_without_dates_do_not_count_as_covering():
    files = _files([("sp_search_term", "US", None, None, 0), ("product_master", None, None, None, 3)])
    v = judge_readiness(files, "2026-01-01", "2026-03-31", marketplace="US")
    assert _verdict(v, "keyword_opportunity") == "missing"


def test_one_marketplace_never_covers_for_another():
    files = _files(
        [
            ("sp_search_term", "US", "2026-01-01", "2026-01-31", 5),
            ("sp_search_term", "UK", "2026-02-01", "2026-02-28", 5),
            ("product_master", None, None, None, 3),
        ]
    )
    v = judge_readiness(files, "2026-01-01", "2026-02-28")
    assert _verdict(v, "keyword_opportunity") == "partial"
    why = v.set_index("analysis").loc["keyword_opportunity", "why"]
    assert "US:" in why and "UK:" in why


def test_short_holes_at_the_edges_are_tolerated():
    files = _files([("sp_search_term", "US", "2026-01-03", "2026-01-31", 5), ("product_master", None, None, None, 3)])
    assert (
        _verdict(judge_readiness(files, "2026-01-01", "2026-01-31", marketplace="US"), "keyword_opportunity") == "ready"
    )
    assert (
        _verdict(
            judge_readiness(files, "2026-01-01", "2026-01-31", marketplace="US", tolerance_days=1),
            "keyword_opportunity",
        )
        == "partial"
    )


def _folder(files, *, rejections=None, overlaps=None, unknown=None, errors=None, skipped=None):
    from types import SimpleNamespace

    frame = _files(files)
    frame["file"] = [f"f{i}.csv" for i in range(len(frame))]
    frame["report"] = frame["kind"].map({"sp_search_term": "SP search terms", "product_master": "Product master"})
    frame["read"] = frame["used"] + 0
    frame["rejected"] = 0
    for col in ("variant", "currency", "window", "format_problem"):
        frame[col] = ""
    frame["period_source"] = frame["kind"].map(lambda k: "" if k == "product_master" else "rows")
    empty = pd.DataFrame(columns=["file", "reason", "rows"])
    return SimpleNamespace(
        files=frame,
        marketplace="US",
        rejections=rejections if rejections is not None else empty,
        blanked=pd.DataFrame(columns=["file", "reason", "cells"]),
        overlaps=overlaps if overlaps is not None else pd.DataFrame(columns=["duplicates"]),
        unknown_columns=unknown if unknown is not None else pd.DataFrame(columns=["file"]),
        errors=errors if errors is not None else pd.DataFrame(columns=["file", "error"]),
        skipped=skipped if skipped is not None else pd.DataFrame(columns=["file", "reason"]),
        labels={"sp_search_term": "SP search terms", "product_master": "Product master"},
    )


def test_data_health_findings_and_lights_for_a_gap_and_rejected_rows():
    from sellerops.analysis.coverage import assess_data_health

    folder = _folder(
        [
            ("sp_search_term", "US", "2026-01-01", "2026-01-31", 100),
            ("sp_search_term", "US", "2026-03-01", "2026-03-31", 100),
            ("product_master", None, None, None, 3),
        ],
        rejections=pd.DataFrame({"file": ["f1.csv"], "reason": ["unparseable number in 'Spend'"], "rows": [5]}),
        overlaps=pd.DataFrame({"duplicates": [2]}),
    )
    folder.files.loc[1, ["read", "rejected"]] = [105, 5]
    health = assess_data_health(folder, "2026-01-01", "2026-03-31")
    assert health.counts["rows_read"] == 208 and health.counts["rows_used"] == 201  # 203 used - 2 duplicates
    assert health.finding("gaps") == "Gaps between downloads: SP search terms 2026-02-01..2026-02-28."
    assert health.finding("rejections") == "5 rows rejected; the most: 5 in f1.csv (unparseable number in 'Spend')."
    assert health.finding("readiness").startswith("0 of 4 analyses have every input")
    assert "SP search terms: missing 2026-02-01..2026-02-28" in health.finding("readiness")
    kpis = {k.key: k for k in health.kpis()}
    assert kpis["rows_rejected"].status == "bad"  # 5 of 208 rows is 2.4 %, over the 1 % line
    # two analyses are partial (the gap), two miss their inputs altogether: red
    assert kpis["analyses_ready"].value == "0 of 4" and kpis["analyses_ready"].status == "bad"
    assert health.status() == "bad"


def test_data_health_is_green_when_everything_is_there():
    from sellerops.analysis.coverage import assess_data_health

    folder = _folder(
        [("sp_search_term", "US", "2026-01-01", "2026-03-31", 100), ("product_master", None, None, None, 3)]
    )
    health = assess_data_health(folder, "2026-01-01", "2026-03-31")
    assert health.finding("gaps") == "No input has a gap between downloads."
    assert health.finding("rejections") == "No row was rejected."
    statuses = {k.key: k.status for k in health.kpis()}
    assert statuses["rows_rejected"] == "good" and statuses["files_unreadable"] == "good"
    # keyword opportunity and ad efficiency are ready; inventory and ops-vs-sales lack their inputs
    assert statuses["analyses_ready"] == "bad"
    assert len(health.tables["readiness"]) == 4
