"""Charts, tables and action files of the ad-efficiency notebook (show/charts/ads.py), asserted on Axes and files."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from types import SimpleNamespace  # noqa: E402

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.dates as mdates  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from sellerops.show.charts import ads as charts  # noqa: E402

DAY = pd.Timedelta(days=1)


def _weekly():
    starts = pd.date_range("2026-09-27", periods=5, freq="7D")  # Sundays
    return pd.DataFrame(
        {
            "week_start": starts,
            "week_end": starts + 6 * DAY,
            "days": [1, 7, 7, 7, 4],
            "restated_days": [0, 0, 0, 0, 3],
            "spend_per_day": [30.0, 30.0, 31.0, 29.0, 30.0],
            "sales_per_day": [150.0, 150.0, 160.0, 140.0, 150.0],
            "sales_per_day_lower": [np.nan, 120.0, 130.0, 110.0, 100.0],
            "sales_per_day_upper": [np.nan, 180.0, 190.0, 170.0, 200.0],
            "acos": [0.2, 0.2, 0.19, 0.21, 0.2],
            "acos_lower": [np.nan, 0.15, 0.14, 0.16, 0.1],
            "acos_upper": [np.nan, 0.25, 0.24, 0.26, 0.3],
        }
    )


def _campaigns():
    return pd.DataFrame(
        {
            "campaign": ["SP - Mats - Exact", "SP - Caddy $5 off - Broad", "SP - Towel - Auto"],
            "spend": [1200.0, 900.0, 300.0],
            "sales": [8000.0, 1300.0, 0.0],
            "acos": [0.15, 0.69, np.nan],
            "break_even_acos": [0.35, 0.35, 0.35],
            "quadrant": ["scale", "fix", "cut"],
        }
    )


def _result(**tables):
    restatement = SimpleNamespace(
        method="excluded", days=tuple(pd.date_range("2026-10-29", "2026-10-31")), reason="no overlapping downloads"
    )
    base = {"weekly": _weekly(), "campaigns": _campaigns()}
    return SimpleNamespace(
        tables={**base, **tables},
        currency="GBP",
        target_acos=0.22,
        restatement=restatement,
        pooled={"elasticity": 0.6, "lower": 0.55, "upper": 0.66},
        has_ids=False,
        marketplace="UK",
    )


def test_money_and_plain_text_and_short_names():
    assert charts.MoneyFormat("GBP")(1234.5) == "£1,234.50" and charts.MoneyFormat("USD").format(np.nan) == ""
    assert charts.plain_text("$5 off", 30) == r"\$5 off"  # matplotlib would start mathtext at the $
    assert charts.plain_text("x" * 40, 10) == "x" * 9 + "…"
    assert charts.short_names(["SP UK - Mats - Exact", "SP UK - Caddy"]) == ["Mats - Exact", "Caddy"]
    assert charts.short_names(["Mats", "Caddy"]) == ["Mats", "Caddy"]


def test_weekly_chart_shades_the_restated_days_and_skips_a_one_day_week():
    fig = charts.plot_weekly(_result())
    top, bottom = fig.axes
    [sales, spend] = top.get_lines()
    assert len(sales.get_xdata()) == 4  # the one-day first week is not a week's trend
    shaded = [p for p in bottom.patches if mcolors.to_hex(p.get_facecolor()) == charts.GREY]
    assert len(shaded) == 1
    x0 = mdates.num2date(shaded[0].get_x()).date().isoformat()
    assert x0 == "2026-10-29" and round(shaded[0].get_width()) == 3
    labels = [t.get_text() for t in top.get_legend().get_texts()]
    assert "restated days, left out" in labels and "95% interval" in labels
    assert [round(v, 2) for v in bottom.get_lines()[1].get_ydata()] == [0.22, 0.22]  # the target ACoS line


def test_campaign_map_quadrants_escaped_names_and_red_above_break_even():
    fig = charts.plot_campaign_map(_result())
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert {"scale", "watch", "fix", "cut"} <= set(texts)
    assert r"Caddy \$5 off - Broad" in texts and "Mats - Exact" in texts  # the shared "SP - " left out
    colours = [mcolors.to_hex(c) for c in ax.collections[0].get_facecolors()]
    assert colours == [charts.BLUE, charts.RED, charts.RED]  # nothing sold counts as above break-even
    offsets = ax.collections[0].get_offsets()
    assert offsets[2][1] == pytest.approx(max(0.69, 0.22) * 1.15)  # no ACoS: drawn at the top edge
    assert ax.get_lines()[0].get_xdata()[0] == pytest.approx(900.0)  # the median spend


def test_labels_do_not_overlap_each_other():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    placed = charts._place_labels(ax, [5.0, 5.0, 5.0], [5.0, 5.0, 5.0], ["aaaa", "bbbb", "cccc"], 8.0)
    ys = sorted(dy for _, dy, _ in placed)
    assert min(b - a for a, b in zip(ys, ys[1:])) >= 8.0 * 1.3 * 0.99  # one line apart at least
    plt.close(fig)


def test_elasticity_chart_one_interval_per_fitted_campaign():
    e = pd.DataFrame(
        {
            "campaign": ["A", "B", "C"],
            "fitted": [True, True, False],
            "elasticity": [0.5, 0.7, np.nan],
            "elasticity_lower": [0.3, 0.5, np.nan],
            "elasticity_upper": [0.7, 0.9, np.nan],
        }
    )
    fig = charts.plot_elasticity(_result(elasticity=e))
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]
    segments = ax.collections[0].get_segments()
    assert [tuple(s[:, 0]) for s in segments] == [(0.3, 0.7), (0.5, 0.9)]


def _overview(previous=np.nan):
    return pd.DataFrame(
        {
            "key": ["spend", "acos"],
            "label": ["ad spend", "ACoS"],
            "unit": ["money:GBP", "fraction"],
            "current": [1234.5, 0.25],
            "previous": [previous, previous],
            "change": [np.nan, np.nan],
            "lower": [np.nan, 0.2],
            "upper": [np.nan, 0.3],
            "benchmark": [None, 0.22],
            "direction": ["", "max"],
            "status": ["info", "watch"],
        }
    )


def test_overview_table_lights_money_and_no_empty_previous_columns():
    table = charts.format_overview(_result(overview=_overview()))
    f = table.frame
    assert list(f.columns) == ["KPI", "this period", "95% interval", "benchmark", "status"]
    assert f.loc[0, "this period"] == "£1,234.50" and f.loc[1, "95% interval"] == "20.0% – 30.0%"
    assert f.loc[1, "benchmark"] == "≤ 22.0%" and f.loc[1, "status"] == "● watch"
    with_previous = charts.format_overview(_result(overview=_overview(previous=0.3))).frame
    assert "previous period" in with_previous.columns


def test_tables_show_money_in_the_marketplace_currency_and_say_when_empty():
    reallocation = pd.DataFrame(
        {
            "campaign": ["A"],
            "spend_per_day": [3.5],
            "proposed_spend_per_day": [4.0],
            "change": [0.1429],
            "gain_per_month": [12.0],
        }
    )
    html = charts.format_ads_table(_result(reallocation=reallocation), "reallocation")._repr_html_()
    assert "£3.50" in html and "£12.00" in html and "+14%" in html
    empty = charts.format_ads_table(_result(reallocation=pd.DataFrame()), "reallocation", empty="No reallocation.")
    assert empty.data == "No reallocation."


def test_write_actions_without_ids_writes_review_files_only(tmp_path):
    bid_changes = pd.DataFrame({"campaign": ["=cmd"], "targeting": ["mats"], "suggested_bid": [0.5]})
    empty = pd.DataFrame()
    result = _result(
        bid_changes=bid_changes,
        placement_changes=empty,
        over_break_even=empty,
        targets_over=empty,
        reallocation=empty,
        bulk_bids=empty,
        bulk_placements=empty,
        unresolved=empty,
    )
    (tmp_path / "sponsored_products_bulk.xlsx").write_bytes(b"old")
    files = charts.write_actions(result, tmp_path)
    assert "sponsored_products_bulk.xlsx" not in set(files["file"])
    assert not (tmp_path / "sponsored_products_bulk.xlsx").exists()
    text = (tmp_path / "bid_changes.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd" in text and "Suggested bid" in text
