"""Results and KPIs (core/results.py): statuses judged against benchmarks, the worst light wins."""

from __future__ import annotations

import math

import pytest

from sellerops.core.results import KPI, Result, judge, plural, worst_status
from sellerops.core.thresholds import BENCHMARKS


@pytest.mark.parametrize(
    ("value", "direction", "expected"),
    [
        (0.20, "max", "good"),
        (0.22, "max", "good"),
        (0.25, "max", "watch"),
        (0.28, "max", "watch"),
        (0.29, "max", "bad"),
    ],
)
def test_acos_against_the_articles_22_and_28_percent(value, direction, expected):
    well_run, average = BENCHMARKS["acos_well_run"].value, BENCHMARKS["acos_industry_average"].value
    assert judge(value, well_run, direction, watch=average) == expected


def test_a_minimum_benchmark_with_the_default_band():
    # rating >= 4.6; the watch zone reaches 10 % below: 4.14
    assert [judge(v, 4.6, "min") for v in (4.7, 4.6, 4.2, 4.1)] == ["good", "good", "watch", "bad"]


def test_nothing_to_judge_is_info():
    assert judge(math.nan, 0.03, "max") == "info"
    assert judge(None, 0.03, "max") == "info"
    assert judge(0.5, None, "max") == "info"
    assert KPI("period", "period", "2026-01-01 to 2026-01-31", "text").status == "info"


def test_an_explicit_status_is_kept_and_checked():
    assert KPI("rows_rejected", "rows rejected", 5, status="bad").status == "bad"
    with pytest.raises(ValueError, match="status must be one of"):
        KPI("x", "x", 1, status="red")
    with pytest.raises(ValueError, match="unit must be one of"):
        KPI("x", "x", 1, unit="euros")


def test_worst_status_ignores_info_and_as_dict_is_json_ready():
    kpis = [KPI("a", "a", 1, status="good"), KPI("b", "b", 1, status="info"), KPI("c", "c", 1, status="watch")]
    assert worst_status(kpis) == "watch"
    assert worst_status([KPI("b", "b", 1, status="info")]) == "info"
    assert KPI("r", "r", math.nan, "fraction", benchmark=0.03, direction="max").as_dict()["value"] is None


def test_a_result_finds_by_topic():
    class Two(Result):
        def findings_by_topic(self):
            return {"first": "One.", "second": "Two."}

    result = Two(title="t")
    assert result.findings() == ["One.", "Two."] and result.finding("second") == "Two." and result.finding("x") == ""
    assert result.status() == "info"


def test_plural():
    assert [plural(n, "file") for n in (0, 1, 2)] == ["0 files", "1 file", "2 files"]
