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
