"""Charts and the scorecard table of operations vs sales (show/charts/ops_sales.py), asserted on Axes and HTML."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from types import SimpleNamespace  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from sellerops.show.charts.ops_sales import COST, GAIN, NET, format_scorecard, plot_lead, plot_waterfall  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _pnl(net: float) -> pd.DataFrame:
    rows = [
        ("gmv", "GMV", 100.0),
        ("fba_fees", "FBA fees", -30.0),
        ("other_fees", "other", 0.0),
        ("cogs", "goods", -100.0 + net + 30.0),
        ("net_profit", "net profit", net),
    ]
    out = pd.DataFrame(rows, columns=["step", "label", "amount"])
    out["share_of_gmv"] = out["amount"] / 100.0
    return out


def _hex(patch) -> str:
    return matplotlib.colors.to_hex(patch.get_facecolor())


def test_the_waterfall_steps_down_from_gmv_to_net_profit():
    fig = plot_waterfall(_pnl(20.0), "USD")
    ax = fig.axes[0]
    bars = ax.patches
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "GMV",
        "FBA fees",
        "goods",
        "net profit",
    ]  # zero step left out
    assert [_hex(b) for b in bars] == [GAIN, COST, COST, NET]
    # each cost bar hangs from the running total: FBA from 100 down to 70, goods from 70 down to 20
    assert (bars[1].get_y(), bars[1].get_height()) == (70.0, 30.0)
    assert (bars[2].get_y(), bars[2].get_height()) == (20.0, 50.0)
    assert [t.get_text() for t in ax.texts] == ["100.0%", "-30.0%", "-50.0%", "20.0%"]
    assert ax.yaxis.get_major_formatter()(100_000, 0) == "$100k"


def test_a_loss_is_a_red_net_bar_and_short_names_are_used():
    pnl = _pnl(-10.0).assign(short=["G", "F", "O", "C", "N"])
    ax = plot_waterfall(pnl, "GBP").axes[0]
    assert _hex(ax.patches[-1]) == COST and ax.patches[-1].get_height() == -10.0
    assert [t.get_text() for t in ax.get_xticklabels()] == ["G", "F", "C", "N"]
    assert ax.yaxis.get_major_formatter()(-4500, 0) == "-£4.5k"


def test_the_lead_chart_marks_the_lag_and_its_set():
    cc = pd.DataFrame({"lag": range(29), "correlation": [0.01 * (14 - abs(14 - k)) for k in range(29)]})
    ax = plot_lead(cc, SimpleNamespace(lag=14, lower=11, upper=16, n_days=365)).axes[0]
    bars = [p for p in ax.patches if isinstance(p, matplotlib.patches.Rectangle) and p.get_width() == 0.8]
    assert [_hex(b) for b in bars].count(NET) == 1 and _hex(bars[14]) == NET
    assert "14 days" in ax.get_title(loc="left") and "11–16" in ax.get_title(loc="left")
    assert len([line for line in ax.lines if line.get_linestyle() == "--"]) == 2  # the noise band


def test_the_lead_chart_without_data_says_so():
    fig = plot_lead(pd.DataFrame(columns=["lag", "correlation"]))
    assert fig.axes[0].texts[0].get_text() == "no daily traffic to compare"


def _scorecard():
    rows = [
        ("account", "acos", "ACoS", "fraction", 0.2, "≤ 22%", "good"),
        ("account", "inventory_turnover", "inventory turnover", "per year", 5.1, "≥ 6", "bad"),
        ("<b>X</b>", "acos", "ACoS", "fraction", 0.25, "≤ 22%", "watch"),
        ("<b>X</b>", "inventory_turnover", "inventory turnover", "per year", float("nan"), "≥ 6", "info"),
    ]
    return pd.DataFrame(rows, columns=["sku", "kpi", "label", "unit", "value", "benchmark", "status"])


def test_the_scorecard_table_shows_values_with_their_light():
    grid = format_scorecard(_scorecard(), caption="Scorecard")
    assert grid.frame.to_dict("records") == [
        {"product": "account", "ACoS (≤ 22%)": "✔ 20.0%", "inventory turnover (≥ 6)": "✖ 5.1"},
        {"product": "<b>X</b>", "ACoS (≤ 22%)": "▲ 25.0%", "inventory turnover (≥ 6)": "–"},
    ]
    html = grid._repr_html_()
    assert "&lt;b&gt;X&lt;/b&gt;" in html and "<b>X</b>" not in html  # seller text is escaped
    assert html.count("st-good") >= 2 and "st-bad" in html and "st-watch" in html and "st-info" in html
    assert "background-color: #dafbe1" in html and "<caption>Scorecard</caption>" in html
    assert grid._repr_html_() == html  # deterministic (fixed id)
