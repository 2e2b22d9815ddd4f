"""Statistics with uncertainty for the four analyses: intervals, ratio-of-sums intervals, shrinkage.

A conversion rate of 1 order in 3 clicks is not "33 %": it is "somewhere between 6 % and 79 %".
The analyses (keywords, ads, inventory, ops-vs-sales) take every interval and every shrunk rate
from here, so that each question is answered with the same, tested methods.

Conventions (as in :mod:`sellerops.core.metrics`, whose input handling is reused):

- scalars, NumPy arrays and pandas Series in; the same kind out (Series are aligned by index);
- rates are fractions (0.25 means 25 %);
- NaN where a value is undefined (no trials, no exposure, a zero denominator), never inf;
- a NaN or missing input gives NaN, while invalid input (a negative count, more successes than
  trials, a ``confidence`` outside (0, 1)) raises a :class:`ValueError` that names the problem;
- intervals are two-sided at ``confidence`` (default 0.95) with equal tails.

What to use when:

- a proportion from counts (CTR, CVR, in-stock days of tracked days): :func:`wilson_interval`
  or :func:`jeffreys_interval`;
- a ratio of sums over rows (ACoS = sum spend / sum sales, CPC, CVR over keywords or days, ROAS):
  :func:`ratio_interval`, and :func:`ratio_intervals` per campaign or term;
- a count per unit of exposure (returns per month, defects per 1,000 orders): :func:`poisson_interval`;
- many small-sample rates of the same kind (search terms of one campaign): :func:`shrink_rates`
  and :func:`shrink_by_group`;
- "is it above or below break-even, with 90 % confidence?": :func:`decide`.

Examples
--------
>>> from sellerops.core import stats
>>> ci = stats.wilson_interval(1, 3)
>>> round(ci.estimate, 3), round(ci.lower, 3), round(ci.upper, 3)
(0.333, 0.061, 0.792)
>>> stats.decide(ci.lower, ci.upper, threshold=0.05)
'above'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize, special
from scipy import stats as sps

# One input convention for the whole of core: reuse the metrics module's alignment of Series.
from .metrics import Value, _prepare

__all__ = [
    "DEFAULT_SEED",
    "BetaPrior",
    "Interval",
    "RatioInterval",
    "ShrunkRates",
    "beta_binomial_loglik",
    "decide",
    "fit_beta_prior",
    "jeffreys_interval",
    "poisson_interval",
    "ratio_interval",
    "ratio_intervals",
    "shrink_by_group",
    "shrink_rates",
    "wilson_interval",
]

#: Seed of the bootstrap's random generator when the caller passes none (outputs are deterministic).
DEFAULT_SEED = 20240601

#: The prior of an empirical-Bayes fit is never weaker than Jeffreys' Beta(1/2, 1/2) (alpha + beta = 1).
MIN_PRIOR_STRENGTH = 1.0

#: Bootstrap resamples are drawn in blocks of at most this many row draws (bounded memory).
_BOOTSTRAP_BLOCK = 2_000_000


# --------------------------------------------------------------------------- results
@dataclass(frozen=True, eq=False)
class Interval:
    """A point estimate with a two-sided interval; each field has the kind of the input.

    Attributes
    ----------
    estimate, lower, upper : float, numpy.ndarray or pandas.Series
        The estimate (e.g. ``successes / trials``) and the interval's bounds; NaN where undefined.
    confidence : float
        Two-sided coverage the interval was computed for (0.95 = 95 %).
    method : str
        How the interval was computed (``"wilson"``, ``"jeffreys"``, ``"exact"``, ...).

    Examples
    --------
    >>> ci = wilson_interval(pd.Series([1, 0], index=["a", "b"]), pd.Series([4, 0], index=["a", "b"]))
    >>> ci.to_frame().round(3)
       estimate  lower  upper
    a      0.25  0.046  0.699
    b       NaN    NaN    NaN
    """

    estimate: Any
    lower: Any
    upper: Any
    confidence: float
    method: str

    def to_frame(self) -> pd.DataFrame:
        """The estimate and bounds as a DataFrame (one row per item; the Series index if there was one).

        Examples
        --------
        >>> list(wilson_interval(1, 4).to_frame().columns)
        ['estimate', 'lower', 'upper']
        """
        columns = {"estimate": self.estimate, "lower": self.lower, "upper": self.upper}
        if isinstance(self.estimate, pd.Series):
            return pd.DataFrame(columns, index=self.estimate.index)
        return pd.DataFrame({k: np.atleast_1d(np.asarray(v, dtype="float64")) for k, v in columns.items()})


@dataclass(frozen=True, eq=False)
class RatioInterval(Interval):
    """An interval for a ratio of sums, with the sums it was computed from.

    Attributes
    ----------
    std_error : float
        Standard error of the ratio (delta method, or the spread of the bootstrap ratios).
    numerator_sum, denominator_sum : float
        Sums over the complete rows.
    n_rows : int
        Rows with both a numerator and a denominator (rows with a missing value are not used).

    Examples
    --------
    >>> ci = ratio_interval([10.0, 20.0, 30.0], [40.0, 100.0, 60.0])
    >>> ci.estimate, ci.n_rows, ci.numerator_sum, ci.denominator_sum
    (0.3, 3, 60.0, 200.0)
    """

    std_error: float = float("nan")
    numerator_sum: float = float("nan")
    denominator_sum: float = float("nan")
    n_rows: int = 0


@dataclass(frozen=True)
class BetaPrior:
    """A Beta(alpha, beta) prior for the rates of a group of items, fitted by :func:`fit_beta_prior`.

    Attributes
    ----------
    alpha, beta : float
        Shape parameters (both > 0).
    fit : str
        How the prior came about: ``"moments"`` or ``"ml"`` (the requested fit), or a fallback:
        ``"jeffreys"`` (fewer than two items with trials: no group to shrink toward, Beta(1/2, 1/2))
        or ``"pooled"`` (the items vary no more than binomial noise, or all have 0 % or all 100 %:
        the prior sits at the group's rate and is worth as many trials as the whole group has).
    n_items : int
        Items with at least one trial that the prior was fitted to.
    total_trials : float
        Their trials, summed.

    Examples
    --------
    >>> prior = BetaPrior(alpha=2.0, beta=18.0, fit="moments", n_items=40, total_trials=900.0)
    >>> prior.mean, prior.strength
    (0.1, 20.0)
    """

    alpha: float
    beta: float
    fit: str
    n_items: int
    total_trials: float

    @property
    def mean(self) -> float:
        """The prior mean rate, ``alpha / (alpha + beta)``."""
        return self.alpha / (self.alpha + self.beta)

    @property
    def strength(self) -> float:
        """How many trials the prior is worth, ``alpha + beta``."""
        return self.alpha + self.beta


@dataclass(frozen=True, eq=False)
class ShrunkRates:
    """Empirical-Bayes rates: raw rate, posterior mean and posterior interval per item.

    Attributes
    ----------
    rate : float, numpy.ndarray or pandas.Series
        The raw rate ``successes / trials`` (NaN with no trials).
    estimate : float, numpy.ndarray or pandas.Series
        The shrunk rate, the posterior mean ``(successes + alpha) / (trials + alpha + beta)``. An
        item without trials gets the prior mean.
    lower, upper : float, numpy.ndarray or pandas.Series
        Equal-tailed posterior interval: quantiles of Beta(successes + alpha, trials - successes + beta).
    prior : BetaPrior
        The prior the items were shrunk toward.
    confidence : float
        Posterior probability inside ``[lower, upper]``.

    Examples
    --------
    >>> shrunk = shrink_rates([0, 1], [2, 200], prior=BetaPrior(1.0, 9.0, "moments", 2, 202.0))
    >>> shrunk.estimate.round(4).tolist()  # (0 + 1) / (2 + 10) and (1 + 1) / (200 + 10)
    [0.0833, 0.0095]
    """

    rate: Any
    estimate: Any
    lower: Any
    upper: Any
    prior: BetaPrior
    confidence: float

    def to_frame(self) -> pd.DataFrame:
        """Raw rate, estimate and bounds as a DataFrame (one row per item).

        Examples
        --------
        >>> shrink_rates([1, 3], [4, 9]).to_frame().columns.tolist()
        ['rate', 'estimate', 'lower', 'upper']
        """
        columns = {"rate": self.rate, "estimate": self.estimate, "lower": self.lower, "upper": self.upper}
        if isinstance(self.estimate, pd.Series):
            return pd.DataFrame(columns, index=self.estimate.index)
        return pd.DataFrame({k: np.atleast_1d(np.asarray(v, dtype="float64")) for k, v in columns.items()})


# --------------------------------------------------------------------------- validation
def _check_confidence(confidence: float) -> float:
    """Return ``confidence`` as a float in (0, 1), or raise a ValueError that says what is wrong."""
    try:
        value = float(confidence)
    except (TypeError, ValueError):
        raise ValueError(f"confidence must be a number between 0 and 1, got {confidence!r}") from None
    if not 0.0 < value < 1.0:
        hint = f" (did you mean {value / 100:g}?)" if 1.0 < value < 100.0 else ""
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence!r}{hint}")
    return value


def _labels(arrays: list[np.ndarray], wrap: Callable[[np.ndarray], Any]) -> Any:
    """The index labels of the wrapped result (a Series input), else None: used to name bad rows."""
    shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
    probe = wrap(np.zeros(shape))
    return probe.index if isinstance(probe, pd.Series) else None


def _where(mask: np.ndarray, labels: Any) -> str:
    """'at label x' or 'at position 3' for the first True in ``mask``."""
    position = int(np.flatnonzero(np.ravel(mask))[0])
    if labels is not None:
        return f"at index label {labels[position]!r}"
    return f"at position {position}" if np.ndim(mask) else ""


def _check_counts(name: str, values: np.ndarray, labels: Any = None) -> None:
    """Raise a ValueError for negative or infinite counts (NaN is allowed: it means 'missing')."""
    if np.any(np.isinf(values)):
        raise ValueError(f"{name} must be finite, found an infinite value {_where(np.isinf(values), labels)}".strip())
    negative = values < 0
    if np.any(negative):
        value = np.ravel(values)[np.flatnonzero(np.ravel(negative))[0]]
        raise ValueError(f"{name} must not be negative, found {value:g} {_where(negative, labels)}".strip())


def _check_successes(successes: np.ndarray, trials: np.ndarray, labels: Any = None) -> None:
    """Counts are valid and successes never exceed trials."""
    _check_counts("successes", successes, labels)
    _check_counts("trials", trials, labels)
    s, t = np.broadcast_arrays(successes, trials)
    too_many = s > t
    if np.any(too_many):
        i = np.flatnonzero(np.ravel(too_many))[0]
        raise ValueError(
            f"successes must not exceed trials, found {np.ravel(s)[i]:g} successes in {np.ravel(t)[i]:g} trials "
            f"{_where(too_many, labels)}".strip()
        )


def _z(confidence: float) -> float:
    """Two-sided standard-normal quantile for ``confidence``."""
    return float(sps.norm.isf((1.0 - confidence) / 2.0))


def _prepare_proportion(successes: Value, trials: Value) -> tuple[np.ndarray, np.ndarray, Callable]:
    (x, n), wrap = _prepare(successes, trials)
    _check_successes(x, n, _labels([x, n], wrap))
    x, n = np.broadcast_arrays(x, n)
    return x, n, wrap


def _rate(x: np.ndarray, n: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.where(n > 0, x / np.where(n > 0, n, 1.0), np.nan)


# --------------------------------------------------------------------------- proportions
def wilson_interval(successes: Value, trials: Value, confidence: float = 0.95) -> Interval:
    """Wilson score interval for a proportion (e.g. CVR = orders / clicks of one keyword).

    The interval inverts the score test: it is never outside [0, 1], has close to nominal coverage
    even for a few trials, and is not degenerate at 0 or all successes (Brown, Cai & DasGupta 2001).

    Parameters
    ----------
    successes, trials : float, array-like or pandas.Series
        Counts (e.g. orders and clicks); ``0 <= successes <= trials``.
    confidence : float, default 0.95
        Two-sided coverage, strictly between 0 and 1.

    Returns
    -------
    Interval
        ``estimate = successes / trials`` and the bounds; NaN where ``trials`` is 0 or an input is NaN.

    Raises
    ------
    ValueError
        For negative counts, more successes than trials, or ``confidence`` outside (0, 1).

    Examples
    --------
    >>> ci = wilson_interval(3, 40)
    >>> round(ci.estimate, 3), round(ci.lower, 4), round(ci.upper, 4)
    (0.075, 0.0258, 0.1986)
    >>> wilson_interval([0, 5], [0, 5]).upper
    array([nan,  1.])
    """
    confidence = _check_confidence(confidence)
    x, n, wrap = _prepare_proportion(successes, trials)
    z = _z(confidence)
    with np.errstate(all="ignore"):
        p = _rate(x, n)
        denominator = n + z**2
        center = (x + z**2 / 2.0) / denominator
        half = z / denominator * np.sqrt(x * (n - x) / n + z**2 / 4.0)
        lower = np.where(n > 0, np.clip(center - half, 0.0, 1.0), np.nan)
        upper = np.where(n > 0, np.clip(center + half, 0.0, 1.0), np.nan)
    return Interval(wrap(p), wrap(lower), wrap(upper), confidence, "wilson")


def jeffreys_interval(successes: Value, trials: Value, confidence: float = 0.95) -> Interval:
    """Jeffreys interval for a proportion: quantiles of Beta(successes + 1/2, trials - successes + 1/2).

    The equal-tailed posterior interval under Jeffreys' prior. As usual (Brown, Cai & DasGupta 2001),
    the lower bound is 0 when there are no successes and the upper bound is 1 when every trial
    succeeded (statsmodels' ``proportion_confint(method="jeffreys")`` keeps the raw quantile there).

    Parameters
    ----------
    successes, trials : float, array-like or pandas.Series
        Counts; ``0 <= successes <= trials``.
    confidence : float, default 0.95
        Two-sided coverage, strictly between 0 and 1.

    Returns
    -------
    Interval
        ``estimate = successes / trials`` and the bounds; NaN where ``trials`` is 0 or an input is NaN.

    Raises
    ------
    ValueError
        For negative counts, more successes than trials, or ``confidence`` outside (0, 1).

    Examples
    --------
    >>> ci = jeffreys_interval(0, 20)
    >>> ci.lower, round(ci.upper, 4)
    (0.0, 0.1166)
    """
    confidence = _check_confidence(confidence)
    x, n, wrap = _prepare_proportion(successes, trials)
    tail = (1.0 - confidence) / 2.0
    valid = n > 0
    with np.errstate(all="ignore"):
        a = np.where(valid, x + 0.5, 1.0)
        b = np.where(valid, n - x + 0.5, 1.0)
        lower = np.where(x == 0, 0.0, sps.beta.ppf(tail, a, b))
        upper = np.where(x == n, 1.0, sps.beta.isf(tail, a, b))
    lower = np.where(valid, lower, np.nan)
    upper = np.where(valid, upper, np.nan)
    return Interval(wrap(_rate(x, n)), wrap(lower), wrap(upper), confidence, "jeffreys")


# --------------------------------------------------------------------------- counts
def poisson_interval(count: Value, exposure: Value = 1.0, confidence: float = 0.95, method: str = "exact") -> Interval:
    """Interval for a Poisson rate: events per unit of exposure (returns per month, claims per order).

    Parameters
    ----------
    count : float, array-like or pandas.Series
        Observed events (>= 0).
    exposure : float, array-like or pandas.Series, default 1
        Exposure the events happened in (days, months, 1,000 orders ...); with the default 1 the
        interval is for the expected count itself.
    confidence : float, default 0.95
        Two-sided coverage, strictly between 0 and 1.
    method : {"exact", "score"}, default "exact"
        ``"exact"``: Garwood's central interval from chi-square quantiles,
        ``[chi2(a/2, 2k) / 2, chi2(1 - a/2, 2k + 2) / 2] / exposure`` with the lower bound 0 for
        ``k = 0``; conservative (coverage at least ``confidence``), the default because counts
        here are often small. ``"score"``: inverts the score test,
        ``(k + z^2/2 -+ z sqrt(k + z^2/4)) / exposure``; shorter, about nominal on average.

    Returns
    -------
    Interval
        ``estimate = count / exposure`` and the bounds; NaN where ``exposure`` is 0 or an input is NaN.

    Raises
    ------
    ValueError
        For a negative count or exposure, an unknown ``method`` or ``confidence`` outside (0, 1).

    Examples
    --------
    >>> ci = poisson_interval(4, exposure=2.0)  # 4 returns in 2 months
    >>> ci.estimate, round(ci.lower, 4), round(ci.upper, 4)
    (2.0, 0.5449, 5.1208)
    >>> poisson_interval(0).lower
    0.0
    """
    confidence = _check_confidence(confidence)
    if method not in ("exact", "score"):
        raise ValueError(f"method must be 'exact' or 'score', got {method!r}")
    (k, t), wrap = _prepare(count, exposure)
    labels = _labels([k, t], wrap)
    _check_counts("count", k, labels)
    _check_counts("exposure", t, labels)
    k, t = np.broadcast_arrays(k, t)
    tail = (1.0 - confidence) / 2.0
    valid = t > 0
    with np.errstate(all="ignore"):
        scale = np.where(valid, t, 1.0)
        if method == "exact":
            lower = np.where(k > 0, sps.chi2.ppf(tail, 2.0 * np.where(k > 0, k, 1.0)) / 2.0, 0.0)
            upper = sps.chi2.isf(tail, 2.0 * k + 2.0) / 2.0
        else:
            z = _z(confidence)
            half = z * np.sqrt(k + z**2 / 4.0)
            lower = np.maximum(k + z**2 / 2.0 - half, 0.0)
            upper = k + z**2 / 2.0 + half
        estimate = np.where(valid, k / scale, np.nan)
        lower = np.where(valid & ~np.isnan(k), lower / scale, np.nan)
        upper = np.where(valid & ~np.isnan(k), upper / scale, np.nan)
    return Interval(wrap(estimate), wrap(lower), wrap(upper), confidence, method)


# --------------------------------------------------------------------------- ratio of sums
def _rng(rng: np.random.Generator | int | None) -> np.random.Generator:
    """A Generator: the one given, one seeded with the given int, or one seeded with DEFAULT_SEED."""
    if isinstance(rng, np.random.Generator):
        return rng
    return np.random.default_rng(DEFAULT_SEED if rng is None else rng)


def _check_ratio_options(confidence: float, method: str, n_resamples: int) -> float:
    if method not in ("delta", "bootstrap"):
        raise ValueError(f"method must be 'delta' or 'bootstrap', got {method!r}")
    if isinstance(n_resamples, bool) or not isinstance(n_resamples, (int, np.integer)) or n_resamples < 1:
        raise ValueError(f"n_resamples must be a positive whole number, got {n_resamples!r}")
    return _check_confidence(confidence)


def _ratio_rows(numerator: Any, denominator: Any, names: tuple[str, str]) -> tuple[np.ndarray, np.ndarray]:
    """Float arrays of the complete rows; non-negative and finite, else a ValueError naming the column."""
    (y, x), wrap = _prepare(numerator, denominator)
    y, x = (np.ravel(a) for a in np.broadcast_arrays(y, x))
    labels = _labels([y, x], wrap)
    _check_counts(names[0], y, labels)
    _check_counts(names[1], x, labels)
    complete = ~(np.isnan(y) | np.isnan(x))
    return y[complete], x[complete]


def _delta_bounds(
    estimate: np.ndarray, std_error: np.ndarray, n: np.ndarray, confidence: float
) -> tuple[np.ndarray, np.ndarray]:
    """Bounds ``estimate -+ t(n - 1) se``; the lower one clipped at 0 (a ratio of non-negative sums).

    Student's t with ``n - 1`` degrees of freedom (as survey software does for a ratio estimator)
    rather than the normal quantile: with 10 rows the normal interval covers about 91 % instead of
    95 %, the t interval about 94 %; for many rows the two agree.
    """
    with np.errstate(all="ignore"):
        t = sps.t.isf((1.0 - confidence) / 2.0, np.where(n >= 2, n - 1.0, np.nan))
    return np.maximum(estimate - t * std_error, 0.0), estimate + t * std_error


def _delta_std_error(ss_residual: np.ndarray, den_sum: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Delta-method standard error of ``sum(y) / sum(x)`` from the residual sum of squares.

    ``var = sum((y_i - R x_i)^2) / (n (n - 1) xbar^2) = n * ss / ((n - 1) * X^2)`` with ``X = sum(x)``.
    NaN for fewer than two rows or a zero denominator.
    """
    with np.errstate(all="ignore"):
        variance = n * ss_residual / ((n - 1.0) * den_sum**2)
    ok = (n >= 2) & (den_sum > 0) & np.isfinite(variance)
    return np.where(ok, np.sqrt(np.where(ok, variance, 0.0)), np.nan)


def _bootstrap_ratio(
    y: np.ndarray, x: np.ndarray, confidence: float, n_resamples: int, generator: np.random.Generator
) -> tuple[float, float, float]:
    """Percentile bootstrap of ``sum(y) / sum(x)`` over rows: (std_error, lower, upper)."""
    n = y.size
    if n < 2 or x.sum() <= 0:
        return float("nan"), float("nan"), float("nan")
    ratios = np.empty(n_resamples)
    block = max(1, _BOOTSTRAP_BLOCK // n)
    for start in range(0, n_resamples, block):
        size = min(block, n_resamples - start)
        rows = generator.integers(0, n, size=(size, n))
        den = x[rows].sum(axis=1)
        with np.errstate(all="ignore"):
            ratios[start : start + size] = np.where(den > 0, y[rows].sum(axis=1) / np.where(den > 0, den, 1.0), np.nan)
    ratios = ratios[~np.isnan(ratios)]
    if ratios.size < 2:
        return float("nan"), float("nan"), float("nan")
    tail = (1.0 - confidence) / 2.0
    lower, upper = np.quantile(ratios, [tail, 1.0 - tail])
    return float(np.std(ratios, ddof=1)), float(lower), float(upper)


def ratio_interval(
    numerator: Any,
    denominator: Any,
    confidence: float = 0.95,
    method: str = "delta",
    n_resamples: int = 2000,
    rng: np.random.Generator | int | None = None,
) -> RatioInterval:
    """Interval for a ratio of sums over rows, such as ACoS = sum(spend) / sum(sales) over days.

    The rows (days, keywords, search terms ...) are treated as a sample of (numerator, denominator)
    pairs and the ratio ``R = sum(y) / sum(x)`` as a ratio estimator. Use it for ACoS (spend, sales),
    CPC (spend, clicks), ROAS (sales, spend) and CVR (orders, clicks) when the rows vary more than
    binomial noise; for one row of counts use :func:`wilson_interval`.

    Parameters
    ----------
    numerator, denominator : array-like or pandas.Series
        One value per row, non-negative; Series are aligned by index. Rows where either is missing
        are not used (``n_rows`` counts the rows used).
    confidence : float, default 0.95
        Two-sided coverage, strictly between 0 and 1.
    method : {"delta", "bootstrap"}, default "delta"
        ``"delta"`` (default: closed form, vectorised, fast for thousands of groups): the usual
        linearisation variance of a ratio estimator,
        ``var(R) = sum((y_i - R x_i)^2) / (n (n - 1) xbar^2)``, and ``R -+ t se`` with Student's t
        on ``n - 1`` degrees of freedom (closer to nominal coverage than the normal quantile when
        there are only a few rows; the same for many).
        ``"bootstrap"``: percentile interval of ``n_resamples`` resamples of rows (with replacement),
        better when a few rows dominate the sums.
    n_resamples : int, default 2000
        Bootstrap resamples.
    rng : numpy.random.Generator or int, optional
        Generator (or seed) for the bootstrap; by default a generator seeded with
        :data:`DEFAULT_SEED`, so the same input always gives the same interval.

    Returns
    -------
    RatioInterval
        Estimate, bounds, standard error, the two sums and ``n_rows``. The bounds are NaN with fewer
        than two rows (no spread to measure) or a zero denominator sum; the lower bound is clipped at
        0. When every row has the same ratio the interval has zero width: there is no spread to
        measure, which is not the same as certainty.

    Raises
    ------
    ValueError
        For negative or infinite values, an unknown ``method``, ``n_resamples < 1`` or ``confidence``
        outside (0, 1).

    Examples
    --------
    >>> ci = ratio_interval(numerator=[1, 3, 2], denominator=[10, 20, 30])  # CVR over three keywords
    >>> round(ci.estimate, 4), round(ci.std_error, 4), round(ci.lower, 4), round(ci.upper, 4)
    (0.1, 0.0289, 0.0, 0.2242)
    >>> boot = ratio_interval([1, 3, 2, 5], [10, 20, 30, 25], method="bootstrap", n_resamples=500)
    >>> boot.lower <= boot.estimate <= boot.upper
    True
    """
    confidence = _check_ratio_options(confidence, method, n_resamples)
    y, x = _ratio_rows(numerator, denominator, ("numerator", "denominator"))
    num_sum, den_sum, n = float(y.sum()), float(x.sum()), int(y.size)
    estimate = num_sum / den_sum if den_sum > 0 else float("nan")
    if method == "delta":
        residual = y - estimate * x if den_sum > 0 else np.full_like(y, np.nan)
        std_error = float(_delta_std_error(np.asarray(np.sum(residual**2)), np.asarray(den_sum), np.asarray(n)))
        bounds = _delta_bounds(np.asarray(estimate), np.asarray(std_error), np.asarray(float(n)), confidence)
        lower, upper = (float(v) for v in bounds)
    else:
        std_error, lower, upper = _bootstrap_ratio(y, x, confidence, n_resamples, _rng(rng))
    return RatioInterval(estimate, lower, upper, confidence, method, std_error, num_sum, den_sum, n)


def _as_keys(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _check_columns(frame: pd.DataFrame, columns: Sequence[str]) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"frame must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"frame has no column(s) {missing}; columns present: {list(frame.columns)}")


def _group_codes(frame: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Integer group code per row and the group keys in sorted order (missing keys form a group)."""
    if not keys:
        return np.zeros(len(frame), dtype=np.int64), pd.DataFrame(index=range(1))
    grouped = frame.groupby(keys, sort=True, dropna=False, observed=True)
    codes = grouped.ngroup().to_numpy()
    key_frame = grouped.size().reset_index()[keys]
    return codes, key_frame


def ratio_intervals(
    frame: pd.DataFrame,
    by: str | Sequence[str] | None,
    numerator: str,
    denominator: str,
    confidence: float = 0.95,
    method: str = "delta",
    n_resamples: int = 2000,
    rng: np.random.Generator | int | None = None,
) -> pd.DataFrame:
    """:func:`ratio_interval` for every group of rows: ACoS per campaign, CVR per search term ...

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per observation (day x campaign, day x term ...).
    by : str, list of str or None
        Group keys; None or ``[]`` gives one row for the whole frame. Rows with a missing key form
        their own group (nothing is dropped silently).
    numerator, denominator : str
        Columns summed into the ratio (e.g. ``"spend"`` and ``"sales"`` for ACoS).
    confidence, method, n_resamples, rng
        As for :func:`ratio_interval`. The delta method is vectorised over groups; the bootstrap
        runs group after group (in the sorted order of the keys) on one generator.

    Returns
    -------
    pandas.DataFrame
        One row per group, sorted by the keys: the key columns, ``n_rows``, ``numerator_sum``,
        ``denominator_sum``, ``estimate``, ``std_error``, ``lower``, ``upper``.

    Raises
    ------
    ValueError
        For a missing column, negative or infinite values, or invalid options.

    Examples
    --------
    >>> rows = pd.DataFrame({"campaign": ["A", "A", "A", "B"], "spend": [1.0, 3.0, 2.0, 5.0],
    ...                      "sales": [10.0, 20.0, 30.0, 0.0]})
    >>> acos = ratio_intervals(rows, "campaign", "spend", "sales")
    >>> acos[["campaign", "n_rows", "estimate", "lower", "upper"]].round(4)
      campaign  n_rows  estimate  lower   upper
    0        A       3       0.1    0.0  0.2242
    1        B       1       NaN    NaN     NaN
    """
    confidence = _check_ratio_options(confidence, method, n_resamples)
    keys = _as_keys(by)
    _check_columns(frame, [*keys, numerator, denominator])
    y_all = frame[numerator].to_numpy(dtype="float64", na_value=np.nan)
    x_all = frame[denominator].to_numpy(dtype="float64", na_value=np.nan)
    labels = frame.index
    _check_counts(f"column {numerator!r}", y_all, labels)
    _check_counts(f"column {denominator!r}", x_all, labels)
    codes, out = _group_codes(frame, keys)
    groups = len(out)
    complete = ~(np.isnan(y_all) | np.isnan(x_all))
    y, x = np.where(complete, y_all, 0.0), np.where(complete, x_all, 0.0)
    n = np.bincount(codes, weights=complete.astype("float64"), minlength=groups)
    num_sum = np.bincount(codes, weights=y, minlength=groups).astype("float64")
    den_sum = np.bincount(codes, weights=x, minlength=groups).astype("float64")
    with np.errstate(all="ignore"):
        estimate = np.where(den_sum > 0, num_sum / np.where(den_sum > 0, den_sum, 1.0), np.nan)
    if method == "delta":
        residual = np.where(complete, y - estimate[codes] * x, 0.0)
        std_error = _delta_std_error(np.bincount(codes, weights=residual**2, minlength=groups), den_sum, n)
        lower, upper = _delta_bounds(estimate, std_error, n, confidence)
    else:
        generator = _rng(rng)
        std_error, lower, upper = (np.full(groups, np.nan) for _ in range(3))
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(groups + 1))
        for g in range(groups):
            rows = order[bounds[g] : bounds[g + 1]]
            rows = rows[complete[rows]]
            std_error[g], lower[g], upper[g] = _bootstrap_ratio(y[rows], x[rows], confidence, n_resamples, generator)
    out = out.assign(
        n_rows=n.astype("int64"),
        numerator_sum=num_sum,
        denominator_sum=den_sum,
        estimate=estimate,
        std_error=std_error,
        lower=lower,
        upper=upper,
    )
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- empirical Bayes
def beta_binomial_loglik(successes: Any, trials: Any, alpha: float, beta: float) -> float:
    """Log-likelihood of a Beta(alpha, beta) prior: the sum of beta-binomial log-pmfs over items.

    ``sum_i [log C(n_i, x_i) + log B(x_i + alpha, n_i - x_i + beta) - log B(alpha, beta)]``, the
    function :func:`fit_beta_prior` maximises with ``method="ml"``. Items with a missing value are
    skipped.

    Parameters
    ----------
    successes, trials : array-like or pandas.Series
        Counts per item; ``0 <= successes <= trials``.
    alpha, beta : float
        Prior shape parameters (> 0).

    Returns
    -------
    float
        The log-likelihood.

    Raises
    ------
    ValueError
        For invalid counts or non-positive shape parameters.

    Examples
    --------
    >>> round(beta_binomial_loglik([0, 1], [1, 1], alpha=1.0, beta=1.0), 4)  # two Bernoulli(1/2) draws
    -1.3863
    """
    if not (np.isfinite(alpha) and np.isfinite(beta) and alpha > 0 and beta > 0):
        raise ValueError(f"alpha and beta must be positive and finite, got alpha={alpha!r}, beta={beta!r}")
    x, n, _ = _prepare_proportion(successes, trials)
    x, n = np.ravel(x), np.ravel(n)
    keep = ~(np.isnan(x) | np.isnan(n))
    return float(_loglik(x[keep], n[keep], float(alpha), float(beta)))


def _loglik(x: np.ndarray, n: np.ndarray, alpha: float, beta: float) -> float:
    log_choose = special.gammaln(n + 1.0) - special.gammaln(x + 1.0) - special.gammaln(n - x + 1.0)
    return float(np.sum(log_choose + special.betaln(x + alpha, n - x + beta) - special.betaln(alpha, beta)))


def _moments_strength(x: np.ndarray, n: np.ndarray, mean: float) -> float:
    """Prior strength alpha + beta from the ANOVA (moment) estimator of the intraclass correlation.

    ``rho = (MSB - MSW) / (MSB + (n0 - 1) MSW)`` with ``MSB = sum n_i (p_i - p)^2 / (k - 1)``,
    ``MSW = sum n_i p_i (1 - p_i) / (N - k)`` and ``n0 = (N - sum n_i^2 / N) / (k - 1)``; for a
    beta-binomial ``rho = 1 / (alpha + beta + 1)``. NaN when rho is not positive or not defined.
    """
    k, total = x.size, n.sum()
    p = x / n
    with np.errstate(all="ignore"):
        msb = np.sum(n * (p - mean) ** 2) / (k - 1)
        msw = np.sum(x * (n - x) / n) / (total - k)
        n0 = (total - np.sum(n**2) / total) / (k - 1)
        rho = (msb - msw) / (msb + (n0 - 1.0) * msw)
    if not np.isfinite(rho) or rho <= 0 or total - k <= 0:
        return float("nan")
    return float(1.0 / rho - 1.0) if rho < 1 else MIN_PRIOR_STRENGTH


def _ml_strength_and_mean(
    x: np.ndarray, n: np.ndarray, mean: float, strength: float, cap: float
) -> tuple[float, float]:
    """Maximise the beta-binomial likelihood over (logit mean, log strength), strength in [1, cap]."""

    def negative(theta: np.ndarray) -> float:
        m = special.expit(theta[0])
        s = np.exp(theta[1])
        return -_loglik(x, n, m * s, (1.0 - m) * s)

    start = np.array([special.logit(mean), np.log(strength)])
    bounds = [(-30.0, 30.0), (np.log(MIN_PRIOR_STRENGTH), np.log(cap))]
    result = optimize.minimize(negative, start, method="L-BFGS-B", bounds=bounds)
    theta = result.x if np.all(np.isfinite(result.x)) and result.fun <= negative(start) else start
    return float(np.exp(theta[1])), float(special.expit(theta[0]))


def fit_beta_prior(successes: Any, trials: Any, method: str = "moments") -> BetaPrior:
    """Fit a Beta(alpha, beta) prior to the rates of a group of items (empirical Bayes).

    Parameters
    ----------
    successes, trials : array-like or pandas.Series
        Counts per item (e.g. orders and clicks per search term of one campaign). Items without
        trials or with a missing value do not enter the fit.
    method : {"moments", "ml"}, default "moments"
        ``"moments"`` (default): the prior mean is the pooled rate ``sum x / sum n`` and the strength
        ``alpha + beta`` comes from the ANOVA moment estimator of the intraclass correlation, which
        handles unequal trials. It is closed form, cannot fail to converge, and is fast enough to
        fit one prior per campaign for thousands of campaigns; for shrinking small-sample rates it
        is close to maximum likelihood. ``"ml"``: maximum likelihood of the beta-binomial (see
        :func:`beta_binomial_loglik`) with scipy's L-BFGS-B, started at the moment estimate; more
        efficient when trials are very unequal, slower.

    Returns
    -------
    BetaPrior
        The prior. Fallbacks instead of a crash, recorded in ``fit``:

        - fewer than two items with trials: ``"jeffreys"``, Beta(1/2, 1/2) (no group to learn from);
        - the items vary no more than binomial noise (zero variance, a negative moment estimate,
          only single trials), or every item has 0 % (or every item 100 %): ``"pooled"``, the
          prior's mean is the group rate, ``(sum x + 1/2) / (sum n + 1)`` when that rate is 0 or 1,
          and its strength the group's total trials, the most a prior may claim;
        - the strength is kept within ``[1, total trials]`` (never weaker than Jeffreys', never
          worth more than all the group's data).

    Raises
    ------
    ValueError
        For invalid counts or an unknown ``method``.

    Examples
    --------
    >>> prior = fit_beta_prior([2, 10, 4, 0, 7], [40, 60, 50, 30, 45])
    >>> prior.fit, round(prior.mean, 4), round(prior.strength, 1)
    ('moments', 0.1022, 34.5)
    >>> fit_beta_prior([3], [10]).fit  # one item: nothing to shrink toward
    'jeffreys'
    >>> fit_beta_prior([0, 0, 0], [5, 8, 2]).fit  # no successes anywhere
    'pooled'
    """
    if method not in ("moments", "ml"):
        raise ValueError(f"method must be 'moments' or 'ml', got {method!r}")
    x, n, _ = _prepare_proportion(successes, trials)
    x, n = np.ravel(x), np.ravel(n)
    keep = ~(np.isnan(x) | np.isnan(n)) & (n > 0)
    x, n = x[keep], n[keep]
    k, total = int(x.size), float(n.sum())
    if k < 2:
        return BetaPrior(0.5, 0.5, "jeffreys", k, total)
    cap = max(total, MIN_PRIOR_STRENGTH)
    hits = float(x.sum())
    if hits == 0 or hits == total:
        mean = (hits + 0.5) / (total + 1.0)
        return BetaPrior(mean * cap, (1.0 - mean) * cap, "pooled", k, total)
    mean = hits / total
    strength = _moments_strength(x, n, mean)
    if np.isnan(strength):
        return BetaPrior(mean * cap, (1.0 - mean) * cap, "pooled", k, total)
    strength = float(np.clip(strength, MIN_PRIOR_STRENGTH, cap))
    if method == "ml":
        strength, mean = _ml_strength_and_mean(x, n, mean, strength, cap)
    fit = "pooled" if strength >= cap * (1.0 - 1e-6) else method
    return BetaPrior(mean * strength, (1.0 - mean) * strength, fit, k, total)


def shrink_rates(
    successes: Value,
    trials: Value,
    prior: BetaPrior | None = None,
    method: str = "moments",
    confidence: float = 0.95,
) -> ShrunkRates:
    """Shrink small-sample rates toward their group: the posterior under a fitted Beta prior.

    A search term with 1 order in 2 clicks does not convert at 50 %; with a campaign at 10 % and a
    prior worth 20 clicks its shrunk rate is ``(1 + 2) / (2 + 20) = 13.6 %``. Items with many trials
    keep close to their own rate; items with few move toward the group.

    Parameters
    ----------
    successes, trials : float, array-like or pandas.Series
        Counts per item; ``0 <= successes <= trials``.
    prior : BetaPrior, optional
        The prior to shrink toward; by default fitted to these items with :func:`fit_beta_prior`.
    method : {"moments", "ml"}, default "moments"
        Fit of the prior when ``prior`` is not given.
    confidence : float, default 0.95
        Posterior probability of the equal-tailed interval.

    Returns
    -------
    ShrunkRates
        Raw rate, posterior mean, posterior interval (same kind as the input) and the prior. An item
        without trials gets the prior's mean and interval; a NaN input gives NaN.

    Raises
    ------
    ValueError
        For invalid counts, an unknown ``method`` or ``confidence`` outside (0, 1).

    Examples
    --------
    >>> prior = BetaPrior(alpha=2.0, beta=18.0, fit="moments", n_items=50, total_trials=2000.0)
    >>> shrunk = shrink_rates([1, 50], [2, 400], prior=prior)
    >>> shrunk.rate.tolist(), shrunk.estimate.round(4).tolist()
    ([0.5, 0.125], [0.1364, 0.1238])
    """
    confidence = _check_confidence(confidence)
    x, n, wrap = _prepare_proportion(successes, trials)
    if prior is None:
        prior = fit_beta_prior(x, n, method=method)
    a = x + prior.alpha
    b = n - x + prior.beta
    tail = (1.0 - confidence) / 2.0
    estimate = a / (a + b)
    lower = sps.beta.ppf(tail, a, b)
    upper = sps.beta.isf(tail, a, b)
    return ShrunkRates(wrap(_rate(x, n)), wrap(estimate), wrap(lower), wrap(upper), prior, confidence)


def shrink_by_group(
    frame: pd.DataFrame,
    by: str | Sequence[str] | None,
    successes: str,
    trials: str,
    method: str = "moments",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """:func:`shrink_rates` with one prior per group: each search term shrunk toward its campaign.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per item (e.g. search term x campaign, already summed over days).
    by : str, list of str or None
        Group keys of the prior (e.g. ``"campaign"``); None or ``[]`` fits one prior to all rows.
        Rows with a missing key form their own group.
    successes, trials : str
        Count columns (e.g. ``"orders"`` and ``"clicks"``).
    method, confidence
        As for :func:`shrink_rates`.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``frame``, in its row order: the key columns, the two count columns, ``rate``,
        ``estimate``, ``lower``, ``upper``, ``prior_alpha``, ``prior_beta`` and ``prior_fit`` (see
        :class:`BetaPrior` for the fallbacks it can name).

    Raises
    ------
    ValueError
        For a missing column, invalid counts or invalid options.

    Examples
    --------
    >>> terms = pd.DataFrame({"campaign": ["A"] * 4 + ["B"] * 2, "orders": [1, 4, 0, 9, 2, 0],
    ...                       "clicks": [2, 40, 5, 80, 30, 1]})
    >>> out = shrink_by_group(terms, "campaign", "orders", "clicks")
    >>> out[["campaign", "rate", "estimate", "prior_fit"]].round(3)
      campaign   rate  estimate prior_fit
    0        A  0.500     0.119   moments
    1        A  0.100     0.107   moments
    2        A  0.000     0.104   moments
    3        A  0.112     0.111   moments
    4        B  0.067     0.066    pooled
    5        B  0.000     0.062    pooled
    """
    confidence = _check_confidence(confidence)
    if method not in ("moments", "ml"):
        raise ValueError(f"method must be 'moments' or 'ml', got {method!r}")
    keys = _as_keys(by)
    _check_columns(frame, [*keys, successes, trials])
    x = frame[successes].to_numpy(dtype="float64", na_value=np.nan)
    n = frame[trials].to_numpy(dtype="float64", na_value=np.nan)
    _check_successes(x, n, frame.index)
    codes, _ = _group_codes(frame, keys)
    columns = {name: np.full(len(frame), np.nan) for name in ("rate", "estimate", "lower", "upper", "a", "b")}
    fits = np.empty(len(frame), dtype=object)
    for g in np.unique(codes):
        rows = np.flatnonzero(codes == g)
        shrunk = shrink_rates(x[rows], n[rows], method=method, confidence=confidence)
        for name in ("rate", "estimate", "lower", "upper"):
            columns[name][rows] = getattr(shrunk, name)
        columns["a"][rows], columns["b"][rows] = shrunk.prior.alpha, shrunk.prior.beta
        fits[rows] = shrunk.prior.fit
    out = frame[[*dict.fromkeys([*keys, successes, trials])]].copy()
    for name in ("rate", "estimate", "lower", "upper"):
        out[name] = columns[name]
    out["prior_alpha"], out["prior_beta"] = columns["a"], columns["b"]
    out["prior_fit"] = pd.Series(fits, index=frame.index, dtype="str")
    return out


# --------------------------------------------------------------------------- decisions
def decide(lower: Value, upper: Value, threshold: Value) -> Any:
    """Whether an interval lies entirely above or below a threshold (break-even ACoS, a target CVR).

    Parameters
    ----------
    lower, upper : float, array-like or pandas.Series
        Interval bounds (``lower <= upper``), computed at the confidence the sentence will quote.
    threshold : float, array-like or pandas.Series
        The line to compare with (may differ per row, e.g. break-even ACoS per product).

    Returns
    -------
    str, numpy.ndarray or pandas.Series
        ``"above"`` when ``lower > threshold``, ``"below"`` when ``upper < threshold``, otherwise
        ``"unsure"`` (the interval touches or straddles the threshold, or a value is missing).

    Raises
    ------
    ValueError
        When a lower bound exceeds its upper bound.

    Examples
    --------
    >>> decide(0.42, 0.55, threshold=0.35)  # ACoS interval vs break-even ACoS
    'above'
    >>> decide([0.1, 0.3], [0.2, 0.5], threshold=0.35).tolist()
    ['below', 'unsure']
    """
    (lo, hi, line), wrap = _prepare(lower, upper, threshold)
    inverted = lo > hi
    if np.any(inverted):
        raise ValueError(f"lower must not exceed upper, found an inverted interval {_where(inverted, None)}".strip())
    verdict = np.where(lo > line, "above", np.where(hi < line, "below", "unsure"))
    probe = wrap(np.zeros(verdict.shape))
    if isinstance(probe, pd.Series):
        return pd.Series(np.broadcast_to(verdict, probe.shape), index=probe.index, dtype="str")
    if isinstance(probe, np.ndarray):
        return np.asarray(verdict, dtype=object)
    return str(verdict)
