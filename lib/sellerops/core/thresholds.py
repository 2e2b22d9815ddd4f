"""The source article's benchmark thresholds, in one place.

These are the defaults of the scorecards. They are industry rules of thumb quoted by the article
(``shared/seed/000_d3ec4123eee6d7d9.txt``, "the difference between Amazon operations and sales"),
not laws: every one can be overridden, and notebooks take them as parameters.

Rates are fractions (0.22 means 22 %). ``direction`` says how a measured value is judged:

- ``"max"``: good when the measured value is at or below the threshold (ACoS, return rate ...);
- ``"min"``: good when at or above it (rating, ROAS, inventory turnover ...);
- ``"info"``: context quoted by the article (an average, a range end, a market figure), not a
  pass/fail line.

Examples
--------
>>> from sellerops.core.thresholds import BENCHMARKS, resolve_thresholds
>>> BENCHMARKS["acos_well_run"].value
0.22
>>> resolve_thresholds(acos_well_run=0.25)["acos_well_run"]
0.25
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

__all__ = ["BENCHMARKS", "DIRECTIONS", "Benchmark", "resolve_thresholds", "tabulate_benchmarks"]

#: Allowed values of :attr:`Benchmark.direction`.
DIRECTIONS = ("max", "min", "info")

#: Unit of every rate; overrides of such benchmarks must be fractions too.
FRACTION = "fraction"

_ARTICLE = "article"
_SPR_2023 = "article, citing Amazon's 2023 Seller Performance Report"
_PAYONEER_2024 = "article, citing Payoneer's 2024 report on Chinese cross-border sellers"


@dataclass(frozen=True)
class Benchmark:
    """One benchmark threshold quoted by the article.

    Parameters
    ----------
    key : str
        Short snake_case identifier, also the keyword of :func:`thresholds`.
    value : float
        The threshold; rates as fractions.
    unit : str
        ``"fraction"`` for rates, otherwise what ``value`` counts (``"stars"``, ``"hours"`` ...).
    direction : {"max", "min", "info"}
        How a measured value is judged against it (see the module docstring).
    meaning : str
        What the article says it is, in English.
    source : str
        Where the figure comes from (the article, and whom it cites).

    Examples
    --------
    >>> b = Benchmark("rating_min", 4.6, "stars", "min", "Target review rating.", "article")
    >>> b.direction
    'min'
    """

    key: str
    value: float
    unit: str
    direction: str
    meaning: str
    source: str

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(f"Benchmark {self.key!r}: direction must be one of {DIRECTIONS}, got {self.direction!r}")


_ROWS = (
    Benchmark(
        "listing_conversion_uplift",
        0.37,
        FRACTION,
        "info",
        "Average uplift of listing conversion rate that efficient operations teams achieve.",
        _SPR_2023,
    ),
    Benchmark("acos_well_run", 0.22, FRACTION, "max", "ACoS of a well-run account: below 22 %.", _SPR_2023),
    Benchmark("acos_industry_average", 0.28, FRACTION, "info", "Industry-average ACoS.", _SPR_2023),
    Benchmark(
        "account_health_min",
        98.0,
        "score of 100",
        "min",
        "Account health score held at 98 or more out of 100 (the article's scale; "
        "Seller Central's Account Health Rating uses another scale).",
        _SPR_2023,
    ),
    Benchmark("rating_min", 4.6, "stars", "min", "Target average review rating: 4.6 stars or more.", _ARTICLE),
    Benchmark("return_rate_max", 0.03, FRACTION, "max", "Ideal return rate: below 3 %.", _ARTICLE),
    Benchmark(
        "inventory_turnover_min",
        6.0,
        "turns per year",
        "min",
        "Inventory turnover of 6 or more per year, advised for fast-moving consumer goods.",
        _ARTICLE,
    ),
    Benchmark(
        "dedicated_ops_share_top_sellers",
        0.83,
        FRACTION,
        "info",
        "Share of the top 1000 sellers with a dedicated operations role.",
        "article, citing Jungle Scout's 2024 survey",
    ),
    Benchmark(
        "net_margin_median_top_sellers", 0.193, FRACTION, "info", "Median net margin of top sellers.", _PAYONEER_2024
    ),
    Benchmark(
        "net_margin_median_without_systematic_ops",
        0.087,
        FRACTION,
        "info",
        "Median net margin of sellers without systematic operations.",
        _PAYONEER_2024,
    ),
    Benchmark(
        "long_tail_search_volume_min",
        10_000.0,
        "searches per month",
        "min",
        "Long-tail keyword rule: monthly search volume above 10,000.",
        "article (keywords found with Helium 10)",
    ),
    Benchmark(
        "long_tail_competition_max",
        50.0,
        "competition score",
        "max",
        "Long-tail keyword rule: competition score below 50.",
        "article (keywords found with Helium 10)",
    ),
    Benchmark(
        "deals_per_month_min",
        2.0,
        "deals per month",
        "min",
        "Lightning Deal / Best Deal participation: at least 2 per month.",
        _ARTICLE,
    ),
    Benchmark(
        "response_time_max_hours", 24.0, "hours", "max", "Customer message response time: under 24 hours.", _ARTICLE
    ),
    Benchmark("settlement_cycle_days", 14.0, "days", "info", "Amazon settlement (payout) cycle: 14 days.", _ARTICLE),
    Benchmark("roas_min", 3.0, "sales per unit of ad spend", "min", "Return on ad spend of 3 : 1 or better.", _ARTICLE),
    Benchmark(
        "cancellation_rate_alarm",
        0.025,
        FRACTION,
        "max",
        "Platform alarm line for the order cancellation rate: 2.5 %.",
        _ARTICLE,
    ),
    Benchmark(
        "cancellation_rate_divergent",
        0.072,
        FRACTION,
        "info",
        "Cancellation rate reached when operations and sales targets diverge "
        "(sales promising lead times that inventory cannot meet).",
        "article, citing the Misfit case",
    ),
    Benchmark(
        "referral_fee_min",
        0.08,
        FRACTION,
        "info",
        "Low end of Amazon's referral fee, by category: 8 % of price.",
        _ARTICLE,
    ),
    Benchmark(
        "referral_fee_max",
        0.15,
        FRACTION,
        "info",
        "High end of Amazon's referral fee, by category: 15 % of price.",
        _ARTICLE,
    ),
    Benchmark("ad_spend_share_min", 0.10, FRACTION, "min", "Advised ad budget, low end: 10 % of sales.", _ARTICLE),
    Benchmark("ad_spend_share_max", 0.20, FRACTION, "max", "Advised ad budget, high end: 20 % of sales.", _ARTICLE),
    Benchmark(
        "tool_subscriptions_min_usd",
        200.0,
        "USD per month",
        "info",
        "Tool subscriptions, low end: 200 USD per month.",
        _ARTICLE,
    ),
    Benchmark(
        "tool_subscriptions_max_usd",
        500.0,
        "USD per month",
        "info",
        "Tool subscriptions, high end: 500 USD per month.",
        _ARTICLE,
    ),
    Benchmark(
        "main_image_video_uplift_min",
        0.15,
        FRACTION,
        "info",
        "Conversion uplift from a main-image video, low end: +15 %.",
        _ARTICLE,
    ),
    Benchmark(
        "main_image_video_uplift_max",
        0.30,
        FRACTION,
        "info",
        "Conversion uplift from a main-image video, high end: +30 %.",
        _ARTICLE,
    ),
    Benchmark(
        "ipi_storage_limit",
        400.0,
        "IPI score",
        "min",
        "Inventory Performance Index below 400 brings storage limits.",
        _ARTICLE,
    ),
    Benchmark(
        "rating_sensitivity",
        -0.17,
        "relative conversion change per -0.1 star",
        "info",
        "Each 0.1-star drop in rating cuts conversion by 17 %. A claim to test against the data, not to assume.",
        _ARTICLE,
    ),
    Benchmark(
        "appeal_approval_rate",
        0.72,
        FRACTION,
        "info",
        "Share of appeals approved within 5 working days when the evidence is complete.",
        "article, citing Amazon's AMS China team",
    ),
    Benchmark(
        "appeal_approval_working_days",
        5.0,
        "working days",
        "info",
        "Time within which 72 % of complete appeals are approved.",
        "article, citing Amazon's AMS China team",
    ),
    Benchmark(
        "dtc_gross_margin_average",
        0.45,
        FRACTION,
        "info",
        "Average gross margin of a direct-to-consumer site: 45 % or more.",
        _ARTICLE,
    ),
    Benchmark(
        "facebook_cpm_usd",
        25.0,
        "USD per 1000 impressions",
        "info",
        "Facebook CPM for a direct-to-consumer site: above 25 USD.",
        _ARTICLE,
    ),
    Benchmark(
        "amazon_monthly_active_users",
        300_000_000.0,
        "users",
        "info",
        "Amazon's monthly active users: more than 300 million.",
        _ARTICLE,
    ),
)

#: All benchmarks by key (read-only).
BENCHMARKS: Mapping[str, Benchmark] = MappingProxyType({b.key: b for b in _ROWS})
if len(BENCHMARKS) != len(_ROWS):  # pragma: no cover - guards against a duplicated key
    raise RuntimeError("duplicate benchmark key")


def resolve_thresholds(**overrides: float) -> dict[str, float]:
    """Return every benchmark value by key, with ``overrides`` applied.

    Parameters
    ----------
    **overrides : float
        New values by benchmark key, e.g. ``acos_well_run=0.25``. Rates are fractions.

    Returns
    -------
    dict of str to float
        One entry per key of :data:`BENCHMARKS`.

    Raises
    ------
    ValueError
        If a key is unknown (the message names it and the closest known keys), a value is not a
        finite number, or a rate is given as a percentage (an absolute value above 1).

    Examples
    --------
    >>> t = resolve_thresholds(return_rate_max=0.05)
    >>> t["return_rate_max"], t["rating_min"]
    (0.05, 4.6)
    >>> resolve_thresholds(acos_wel_run=0.3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown benchmark key 'acos_wel_run'; did you mean 'acos_well_run'? (known ...
    """
    unknown = [key for key in overrides if key not in BENCHMARKS]
    if unknown:
        messages = []
        for key in unknown:
            close = difflib.get_close_matches(key, list(BENCHMARKS), n=3, cutoff=0.6)
            hint = ("did you mean " + " or ".join(repr(c) for c in close) + "?") if close else "no close match"
            messages.append(f"unknown benchmark key {key!r}; {hint}")
        raise ValueError("; ".join(messages) + " (known keys: sellerops.core.thresholds.BENCHMARKS)")
    result = {key: float(b.value) for key, b in BENCHMARKS.items()}
    for key, value in overrides.items():
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"benchmark {key!r}: override must be a number, got {value!r}") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(f"benchmark {key!r}: override must be finite, got {value!r}")
        if BENCHMARKS[key].unit == FRACTION and abs(number) > 1:
            raise ValueError(
                f"benchmark {key!r} is a rate: give it as a fraction "
                f"(e.g. {number / 100:g} for {number:g} %), got {value!r}"
            )
        result[key] = number
    return result


def tabulate_benchmarks(**overrides: float) -> pd.DataFrame:
    """Return the benchmarks as a table for display, with ``overrides`` applied.

    Parameters
    ----------
    **overrides : float
        As for :func:`thresholds`.

    Returns
    -------
    pandas.DataFrame
        Columns ``key, value, unit, direction, meaning, source``; one row per benchmark, in
        the article's order. ``value`` is float64; pass the frame through
        ``sellerops.show`` before showing it.

    Examples
    --------
    >>> table = tabulate_benchmarks(roas_min=4)
    >>> list(table.columns)
    ['key', 'value', 'unit', 'direction', 'meaning', 'source']
    >>> float(table.set_index("key").loc["roas_min", "value"])
    4.0
    """
    values = resolve_thresholds(**overrides)
    return pd.DataFrame(
        {
            "key": [b.key for b in _ROWS],
            "value": pd.Series([values[b.key] for b in _ROWS], dtype="float64"),
            "unit": [b.unit for b in _ROWS],
            "direction": [b.direction for b in _ROWS],
            "meaning": [b.meaning for b in _ROWS],
            "source": [b.source for b in _ROWS],
        }
    )
