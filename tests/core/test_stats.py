"""Tests of sellerops.core.stats against statsmodels, scipy, hand-computed values and simulation."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import confint_poisson

from sellerops.core import stats

# --------------------------------------------------------------------------- proportions
GRID = [(x, n) for n in (1, 2, 3, 5, 10, 37) for x in range(n + 1)] + [
    (0, 1000),
    (1, 1000),
    (499, 1000),
    (1000, 1000),
    (7, 100_000),
    (99_993, 100_000),
]
XS = np.array([g[0] for g in GRID], dtype=float)
NS = np.array([g[1] for g in GRID], dtype=float)


@pytest.mark.parametrize("confidence", [0.8, 0.9, 0.95, 0.99])
def test_wilson_matches_statsmodels_on_grid(confidence):
    ci = stats.wilson_interval(XS, NS, confidence=confidence)
    low, upp = proportion_confint(XS, NS, alpha=1 - confidence, method="wilson")
    np.testing.assert_allclose(ci.lower, low, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(ci.upper, upp, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(ci.estimate, XS / NS, rtol=1e-14)


@pytest.mark.parametrize("confidence", [0.8, 0.9, 0.95, 0.99])
def test_jeffreys_matches_statsmodels_except_the_boundary_convention(confidence):
    ci = stats.jeffreys_interval(XS, NS, confidence=confidence)
    low, upp = proportion_confint(XS, NS, alpha=1 - confidence, method="jeffreys")
    inner_low, inner_upp = XS > 0, XS < NS
    np.testing.assert_allclose(ci.lower[inner_low], low[inner_low], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(ci.upper[inner_upp], upp[inner_upp], rtol=1e-10, atol=1e-13)
    # the usual convention: lower = 0 when x = 0 and upper = 1 when x = n (statsmodels keeps the quantile)
    assert np.all(ci.lower[~inner_low] == 0.0)
    assert np.all(ci.upper[~inner_upp] == 1.0)


def test_jeffreys_is_the_beta_quantile_by_hand():
    # x = 2, n = 10: Beta(2.5, 8.5) quantiles at 0.025 and 0.975
    ci = stats.jeffreys_interval(2, 10)
    assert ci.lower == pytest.approx(sps.beta(2.5, 8.5).ppf(0.025), rel=1e-12)
    assert ci.upper == pytest.approx(sps.beta(2.5, 8.5).ppf(0.975), rel=1e-12)


def test_wilson_by_hand_for_one_success_in_one_trial():
    # x = n = 1, z = 1.959964: centre (1 + z^2/2) / (1 + z^2), half-width z/(1 + z^2) * sqrt(z^2/4)
    z = 1.959963984540054
    lower = (1 + z**2 / 2 - z * z / 2) / (1 + z**2)  # = 1 / (1 + z^2)
    ci = stats.wilson_interval(1, 1)
    assert ci.lower == pytest.approx(1 / (1 + z**2), rel=1e-12) == pytest.approx(lower)
    assert ci.upper == 1.0


@pytest.mark.parametrize("func", [stats.wilson_interval, stats.jeffreys_interval])
def test_proportion_kinds_in_and_out(func):
    scalar = func(3, 10)
    assert type(scalar.estimate) is float and type(scalar.lower) is float and type(scalar.upper) is float
    arr = func([3, 0], [10, 0])
    assert isinstance(arr.lower, np.ndarray) and arr.lower.dtype == np.float64
    assert np.isnan(arr.estimate[1]) and np.isnan(arr.lower[1]) and np.isnan(arr.upper[1])  # zero trials
    x = pd.Series([3, 1], index=["kw1", "kw2"])
    n = pd.Series([20, 10], index=["kw2", "kw1"])  # aligned by label, not by position
    ser = func(x, n)
    assert isinstance(ser.lower, pd.Series) and list(ser.lower.index) == ["kw1", "kw2"]
    assert ser.estimate["kw1"] == pytest.approx(0.3) and ser.estimate["kw2"] == pytest.approx(0.05)
    assert list(ser.to_frame().columns) == ["estimate", "lower", "upper"]


@pytest.mark.parametrize("func", [stats.wilson_interval, stats.jeffreys_interval])
def test_proportion_missing_input_is_nan_and_never_inf(func):
    ci = func([np.nan, 2, 0], [10, np.nan, 0])
    for bound in (ci.estimate, ci.lower, ci.upper):
        assert np.all(np.isnan(bound))
    assert math.isnan(func(None, 4).lower)


@pytest.mark.parametrize("func", [stats.wilson_interval, stats.jeffreys_interval])
def test_proportion_rejects_invalid_input(func):
    with pytest.raises(ValueError, match="successes must not be negative"):
        func(-1, 5)
    with pytest.raises(ValueError, match="trials must not be negative"):
        func(0, -5)
    with pytest.raises(ValueError, match=r"successes must not exceed trials.*index label 'b'"):
        func(pd.Series([1, 6], index=["a", "b"]), pd.Series([2, 5], index=["a", "b"]))
    with pytest.raises(ValueError, match="infinite"):
        func(1, np.inf)
    for bad in (0, 1, -0.5, 95, "high"):
        with pytest.raises(ValueError, match="confidence"):
            func(1, 5, confidence=bad)


# --------------------------------------------------------------------------- counts
COUNTS = np.array([0, 1, 2, 3, 5, 10, 50, 1000], dtype=float)
EXPOSURES = np.array([1.0, 2.0, 0.5, 10.0, 3.0, 1.0, 12.0, 250.0])


@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_poisson_exact_matches_statsmodels_and_chi_square(confidence):
    ci = stats.poisson_interval(COUNTS, EXPOSURES, confidence=confidence)
    low, upp = confint_poisson(COUNTS, EXPOSURES, method="exact-c", alpha=1 - confidence)
    np.testing.assert_allclose(ci.lower, low, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(ci.upper, upp, rtol=1e-10)
    # Garwood by hand from chi-square quantiles
    a = 1 - confidence
    chi_low = np.where(COUNTS > 0, sps.chi2.ppf(a / 2, 2 * np.maximum(COUNTS, 1)) / 2, 0.0)
    np.testing.assert_allclose(ci.lower, chi_low / EXPOSURES, rtol=1e-12)
    np.testing.assert_allclose(ci.upper, sps.chi2.ppf(1 - a / 2, 2 * COUNTS + 2) / 2 / EXPOSURES, rtol=1e-12)


def test_poisson_score_matches_statsmodels():
    ci = stats.poisson_interval(COUNTS, EXPOSURES, method="score")
    low, upp = confint_poisson(COUNTS, EXPOSURES, method="score", alpha=0.05)
    np.testing.assert_allclose(ci.lower, np.maximum(low, 0), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(ci.upper, upp, rtol=1e-10)


def test_poisson_known_values_and_edge_cases():
    ci = stats.poisson_interval(0)  # the classic "rule of 3.69" for zero events at 95 %
    assert ci.lower == 0.0 and ci.upper == pytest.approx(3.6888794541139363, rel=1e-12)
    assert math.isnan(stats.poisson_interval(3, exposure=0).upper)  # no exposure: undefined
    assert math.isnan(stats.poisson_interval(np.nan, exposure=2).lower)
    with pytest.raises(ValueError, match="count must not be negative"):
        stats.poisson_interval(-2)
    with pytest.raises(ValueError, match="exposure must not be negative"):
        stats.poisson_interval(2, exposure=-1)
    with pytest.raises(ValueError, match="method"):
        stats.poisson_interval(2, method="wald")


# --------------------------------------------------------------------------- ratio of sums
def test_delta_method_variance_by_hand():
    # y = [1, 3, 2], x = [10, 20, 30]: R = 6/60 = 0.1; residuals y - R x = [0, 1, -1], sum of squares 2;
    # var = 2 / (n (n - 1) xbar^2) = 2 / (3 * 2 * 20^2) = 1/1200
    ci = stats.ratio_interval([1, 3, 2], [10, 20, 30])
    assert ci.estimate == pytest.approx(0.1, rel=1e-14)
    assert ci.std_error == pytest.approx(math.sqrt(1 / 1200), rel=1e-12)
    t = sps.t.ppf(0.975, df=2)  # 4.303 in the tables
    assert ci.lower == 0.0  # 0.1 - 4.303 * 0.0289 < 0, clipped
    assert ci.upper == pytest.approx(0.1 + t * math.sqrt(1 / 1200), rel=1e-12)
    assert (ci.n_rows, ci.numerator_sum, ci.denominator_sum) == (3, 6.0, 60.0)
    # y = [2, 4, 3, 3], x = [20, 20, 20, 20]: R = 0.15, residuals [-1, 1, 0, 0], var = 2 / (4 * 3 * 400) = 1/2400
    ci4 = stats.ratio_interval([2, 4, 3, 3], [20, 20, 20, 20], confidence=0.9)
    t3 = sps.t.ppf(0.95, df=3)  # 2.353 in the tables
    assert ci4.std_error == pytest.approx(math.sqrt(1 / 2400), rel=1e-12)
    assert ci4.lower == pytest.approx(0.15 - t3 * math.sqrt(1 / 2400), rel=1e-12)
    assert ci4.upper == pytest.approx(0.15 + t3 * math.sqrt(1 / 2400), rel=1e-12)


def test_delta_method_variance_matches_the_covariance_form():
    # Independent form of the ratio-estimator variance: (s_y^2 - 2 R s_xy + R^2 s_x^2) / (n xbar^2)
    rng = np.random.default_rng(11)
    sales = rng.gamma(2.0, 30.0, size=57)
    spend = 0.3 * sales * rng.lognormal(0, 0.4, size=57)
    r = spend.sum() / sales.sum()
    cov = np.cov(spend, sales, ddof=1)
    variance = (cov[0, 0] - 2 * r * cov[0, 1] + r**2 * cov[1, 1]) / (57 * sales.mean() ** 2)
    ci = stats.ratio_interval(pd.Series(spend), pd.Series(sales))
    assert ci.estimate == pytest.approx(r, rel=1e-13)
    assert ci.std_error == pytest.approx(math.sqrt(variance), rel=1e-10)


def test_delta_method_covers_the_true_ratio_about_95_percent_of_the_time():
    # 2,000 simulated campaigns, 50 keyword rows each: clicks vary, orders ~ Binomial(clicks, 0.08)
    rng = np.random.default_rng(2024)
    sims, rows, true_cvr = 2000, 50, 0.08
    clicks = rng.poisson(25, size=(sims, rows)) + 1
    orders = rng.binomial(clicks, true_cvr)
    frame = pd.DataFrame({"sim": np.repeat(np.arange(sims), rows), "orders": orders.ravel(), "clicks": clicks.ravel()})
    out = stats.ratio_intervals(frame, "sim", "orders", "clicks", confidence=0.95)
    coverage = ((out["lower"] <= true_cvr) & (true_cvr <= out["upper"])).mean()
    assert 0.93 <= coverage <= 0.97  # binomial s.e. of the coverage is 0.5 points
    out90 = stats.ratio_intervals(frame, "sim", "orders", "clicks", confidence=0.90)
    coverage90 = ((out90["lower"] <= true_cvr) & (true_cvr <= out90["upper"])).mean()
    assert 0.875 <= coverage90 <= 0.925
    few = frame[np.tile(np.arange(rows), sims) < 10]  # only 10 rows per campaign: still close to 95 %
    out_few = stats.ratio_intervals(few, "sim", "orders", "clicks")
    coverage_few = ((out_few["lower"] <= true_cvr) & (true_cvr <= out_few["upper"])).mean()
    assert 0.925 <= coverage_few <= 0.97


def test_bootstrap_covers_and_is_deterministic():
    rng = np.random.default_rng(5)
    sims, rows, true_cvr = 250, 40, 0.1
    clicks = rng.poisson(20, size=(sims, rows)) + 1
    orders = rng.binomial(clicks, true_cvr)
    frame = pd.DataFrame({"sim": np.repeat(np.arange(sims), rows), "orders": orders.ravel(), "clicks": clicks.ravel()})
    out = stats.ratio_intervals(frame, "sim", "orders", "clicks", method="bootstrap", n_resamples=400)
    coverage = ((out["lower"] <= true_cvr) & (true_cvr <= out["upper"])).mean()
    assert 0.90 <= coverage <= 0.99  # s.e. 1.4 points at 250 simulations
    again = stats.ratio_intervals(frame, "sim", "orders", "clicks", method="bootstrap", n_resamples=400)
    pd.testing.assert_frame_equal(out, again)  # the default seed is fixed


def test_bootstrap_rng_options_and_agreement_with_delta_on_a_large_sample():
    rng = np.random.default_rng(8)
    sales = rng.gamma(3.0, 20.0, size=3000)
    spend = 0.25 * sales * rng.lognormal(0, 0.3, size=3000)
    delta = stats.ratio_interval(spend, sales)
    boot = stats.ratio_interval(spend, sales, method="bootstrap", n_resamples=1000, rng=1)
    assert boot.estimate == delta.estimate
    assert boot.std_error == pytest.approx(delta.std_error, rel=0.1)
    assert boot.lower == pytest.approx(delta.lower, rel=0.01) and boot.upper == pytest.approx(delta.upper, rel=0.01)
    same = stats.ratio_interval(spend, sales, method="bootstrap", n_resamples=1000, rng=np.random.default_rng(1))
    assert (same.lower, same.upper) == (boot.lower, boot.upper)  # an int seed and a Generator agree
    other = stats.ratio_interval(spend, sales, method="bootstrap", n_resamples=1000, rng=2)
    assert (other.lower, other.upper) != (boot.lower, boot.upper)


def test_ratio_edge_cases():
    one = stats.ratio_interval([2.0], [10.0])  # a single row: no spread to measure
    assert one.estimate == 0.2 and math.isnan(one.lower) and math.isnan(one.upper) and one.n_rows == 1
    zero = stats.ratio_interval([1.0, 2.0], [0.0, 0.0])  # ACoS with no sales
    assert math.isnan(zero.estimate) and math.isnan(zero.upper)
    skipped = stats.ratio_interval([1.0, np.nan, 3.0, 2.0], [10.0, 5.0, 20.0, None])  # incomplete rows unused
    assert (skipped.n_rows, skipped.numerator_sum, skipped.denominator_sum) == (2, 4.0, 30.0)
    wide = stats.ratio_interval([0.0, 0.0, 5.0], [10.0, 10.0, 10.0])
    assert wide.lower == 0.0  # clipped: a ratio of non-negative sums is not negative
    boot_one = stats.ratio_interval([2.0], [10.0], method="bootstrap")
    assert math.isnan(boot_one.lower)
    with pytest.raises(ValueError, match="denominator must not be negative"):
        stats.ratio_interval([1.0, 2.0], [3.0, -1.0])
    with pytest.raises(ValueError, match="method"):
        stats.ratio_interval([1.0], [2.0], method="jackknife")
    with pytest.raises(ValueError, match="n_resamples"):
        stats.ratio_interval([1.0], [2.0], method="bootstrap", n_resamples=0)


def test_ratio_intervals_per_group_by_hand():
    frame = pd.DataFrame(
        {
            "campaign": ["A", "A", "A", "B", "B", None],
            "term": ["x", "y", "z", "x", "y", "x"],
            "spend": [1.0, 3.0, 2.0, 4.0, 4.0, 1.0],
            "sales": [10.0, 20.0, 30.0, 20.0, 20.0, 2.0],
        }
    )
    out = stats.ratio_intervals(frame, "campaign", "spend", "sales")
    assert list(out.columns) == [
        "campaign",
        "n_rows",
        "numerator_sum",
        "denominator_sum",
        "estimate",
        "std_error",
        "lower",
        "upper",
    ]
    assert out["campaign"].iloc[:2].tolist() == ["A", "B"] and pd.isna(out["campaign"].iloc[2])  # kept, not dropped
    a = out.iloc[0]
    assert (a["n_rows"], a["numerator_sum"], a["denominator_sum"]) == (3, 6.0, 60.0)
    assert a["std_error"] == pytest.approx(math.sqrt(1 / 1200), rel=1e-12)  # as in the hand example above
    b = out.iloc[1]  # both rows have ACoS 0.2: zero residuals, zero width
    assert b["estimate"] == pytest.approx(0.2) and b["std_error"] == 0.0 and b["lower"] == b["upper"]
    assert math.isnan(out.iloc[2]["lower"])  # one row
    whole = stats.ratio_intervals(frame, None, "spend", "sales")
    assert len(whole) == 1 and whole["n_rows"].iloc[0] == 6 and whole["estimate"].iloc[0] == pytest.approx(15 / 102)
    two_keys = stats.ratio_intervals(frame, ["campaign", "term"], "spend", "sales")
    assert len(two_keys) == 6
    with pytest.raises(ValueError, match="no column"):
        stats.ratio_intervals(frame, "portfolio", "spend", "sales")
    with pytest.raises(ValueError, match=r"column 'sales'.*negative"):
        stats.ratio_intervals(frame.assign(sales=-frame["sales"]), "campaign", "spend", "sales")


# --------------------------------------------------------------------------- empirical Bayes
def test_beta_binomial_loglik_matches_scipy():
    x = np.array([0, 3, 7, 1, 12, 5])
    n = np.array([4, 30, 50, 1, 60, 5])
    for alpha, beta in [(0.5, 0.5), (2.0, 18.0), (7.3, 1.2)]:
        expected = sps.betabinom.logpmf(x, n, alpha, beta).sum()
        assert stats.beta_binomial_loglik(x, n, alpha, beta) == pytest.approx(expected, rel=1e-12)
    with pytest.raises(ValueError, match="alpha and beta"):
        stats.beta_binomial_loglik(x, n, 0.0, 1.0)


def test_moments_prior_by_hand():
    # x = [1, 3], n = [4, 4]: p = [.25, .75], mean .5; MSB = 4(.25^2) + 4(.25^2) = 0.5 (k - 1 = 1);
    # MSW = (1*3/4 + 3*1/4) / (8 - 2) = 0.25; n0 = (8 - 32/8) / 1 = 4;
    # rho = (0.5 - 0.25) / (0.5 + 3 * 0.25) = 0.2; alpha + beta = 1/rho - 1 = 4 -> Beta(2, 2)
    prior = stats.fit_beta_prior([1, 3], [4, 4])
    assert prior.fit == "moments"
    assert prior.alpha == pytest.approx(2.0, rel=1e-12) and prior.beta == pytest.approx(2.0, rel=1e-12)
    assert (prior.n_items, prior.total_trials) == (2, 8.0)


def test_posterior_mean_and_interval_by_hand():
    prior = stats.BetaPrior(2.0, 2.0, "moments", 2, 8.0)
    shrunk = stats.shrink_rates(1, 4, prior=prior, confidence=0.9)
    assert shrunk.rate == 0.25
    assert shrunk.estimate == pytest.approx((1 + 2) / (4 + 4), rel=1e-14)  # 0.375
    assert shrunk.lower == pytest.approx(sps.beta(3, 5).ppf(0.05), rel=1e-12)
    assert shrunk.upper == pytest.approx(sps.beta(3, 5).ppf(0.95), rel=1e-12)


@pytest.mark.parametrize("method", ["moments", "ml"])
def test_prior_is_recovered_from_simulated_data(method):
    rng = np.random.default_rng(42)
    items = 2000
    trials = rng.integers(20, 200, size=items)
    rates = rng.beta(2.0, 18.0, size=items)  # mean 0.1, worth 20 trials
    successes = rng.binomial(trials, rates)
    prior = stats.fit_beta_prior(successes, trials, method=method)
    assert prior.fit == method
    assert prior.alpha == pytest.approx(2.0, rel=0.15)
    assert prior.beta == pytest.approx(18.0, rel=0.15)
    assert prior.mean == pytest.approx(0.1, rel=0.05)


def test_ml_prior_maximises_the_beta_binomial_likelihood():
    rng = np.random.default_rng(3)
    trials = rng.integers(1, 80, size=120)
    successes = rng.binomial(trials, rng.beta(1.5, 6.0, size=120))
    ml = stats.fit_beta_prior(successes, trials, method="ml")
    mom = stats.fit_beta_prior(successes, trials, method="moments")
    best = sps.betabinom.logpmf(successes, trials, ml.alpha, ml.beta).sum()
    assert best >= sps.betabinom.logpmf(successes, trials, mom.alpha, mom.beta).sum() - 1e-9
    for da, db in [(1.05, 1.0), (0.95, 1.0), (1.0, 1.05), (1.0, 0.95), (1.05, 1.05), (0.95, 0.95)]:
        assert best >= sps.betabinom.logpmf(successes, trials, ml.alpha * da, ml.beta * db).sum() - 1e-6


def test_shrinkage_moves_small_samples_more_than_large_ones():
    prior = stats.BetaPrior(2.0, 18.0, "moments", 10, 1000.0)  # 10 %, worth 20 clicks
    shrunk = stats.shrink_rates([1, 10, 100], [2, 20, 200], prior=prior)  # all at 50 %
    moved = np.abs(shrunk.estimate - shrunk.rate)
    assert moved[0] > moved[1] > moved[2]
    assert np.all(shrunk.estimate < 0.5) and np.all(shrunk.estimate > 0.1)
    # the weight on the prior is 20 / (n + 20)
    np.testing.assert_allclose(shrunk.estimate, 0.5 - (0.5 - 0.1) * 20 / (np.array([2, 20, 200]) + 20))
    assert np.all(shrunk.lower < shrunk.estimate) and np.all(shrunk.estimate < shrunk.upper)


def test_shrinkage_degenerate_inputs_fall_back_without_crashing():
    none = stats.shrink_rates([0, 0, 0], [5, 40, 2])  # no successes anywhere
    assert none.prior.fit == "pooled"
    assert np.all(np.isfinite(none.estimate)) and np.all((none.estimate > 0) & (none.estimate < 0.05))
    one = stats.shrink_rates([3], [10])  # one item: Jeffreys prior, i.e. its own Jeffreys posterior
    assert one.prior.fit == "jeffreys" and one.prior.alpha == one.prior.beta == 0.5
    assert one.estimate.item() == pytest.approx(3.5 / 11)
    flat = stats.shrink_rates([5, 5, 5, 5], [50, 50, 50, 50])  # zero variance between items
    assert flat.prior.fit == "pooled" and flat.prior.mean == pytest.approx(0.1)
    assert flat.prior.strength == pytest.approx(200.0)  # capped at the group's trials
    single_trials = stats.fit_beta_prior([1, 0, 1, 0], [1, 1, 1, 1])  # spread not identifiable
    assert single_trials.fit == "pooled"
    empty = stats.fit_beta_prior([], [])
    assert empty.fit == "jeffreys" and empty.n_items == 0
    no_trials = stats.shrink_rates(pd.Series([0, 2, 3]), pd.Series([0, 10, 20]))
    assert math.isnan(no_trials.rate.iloc[0])
    assert no_trials.estimate.iloc[0] == pytest.approx(no_trials.prior.mean)  # the prior, nothing else to go on
    with pytest.raises(ValueError, match="successes must not exceed trials"):
        stats.shrink_rates([3, 5], [2, 8])
    with pytest.raises(ValueError, match="method"):
        stats.fit_beta_prior([1, 2], [3, 4], method="bayes")


def test_shrink_by_group_fits_one_prior_per_group():
    rng = np.random.default_rng(9)
    terms = pd.DataFrame(
        {
            "campaign": np.repeat(["high", "low"], 60),
            "clicks": rng.integers(1, 60, size=120),
        },
        index=pd.RangeIndex(100, 220),
    )
    cvr = np.where(terms["campaign"] == "high", rng.beta(6, 24, size=120), rng.beta(1, 49, size=120))
    terms["orders"] = rng.binomial(terms["clicks"], cvr)
    terms = terms.sample(frac=1.0, random_state=1)  # row order and index must survive
    out = stats.shrink_by_group(terms, "campaign", "orders", "clicks", confidence=0.9)
    assert out.index.equals(terms.index)
    assert list(out.columns) == [
        "campaign",
        "orders",
        "clicks",
        "rate",
        "estimate",
        "lower",
        "upper",
        "prior_alpha",
        "prior_beta",
        "prior_fit",
    ]
    high = terms["campaign"] == "high"
    expected = stats.shrink_rates(terms.loc[high, "orders"], terms.loc[high, "clicks"], confidence=0.9)
    np.testing.assert_allclose(out.loc[high, "estimate"], expected.estimate)
    assert out.loc[high, "estimate"].mean() > 3 * out.loc[~high, "estimate"].mean()  # shrunk toward its own campaign
    prior_high = out.loc[high, "prior_alpha"] / (out.loc[high, "prior_alpha"] + out.loc[high, "prior_beta"])
    assert prior_high.iloc[0] == pytest.approx(terms.loc[high, "orders"].sum() / terms.loc[high, "clicks"].sum())


# --------------------------------------------------------------------------- decisions
def test_decide():
    assert stats.decide(0.42, 0.55, 0.35) == "above"
    assert stats.decide(0.10, 0.30, 0.35) == "below"
    assert stats.decide(0.30, 0.40, 0.35) == "unsure"
    assert stats.decide(0.35, 0.40, 0.35) == "unsure"  # touching is not "entirely above"
    assert stats.decide(np.nan, 0.40, 0.35) == "unsure"
    arr = stats.decide([0.4, 0.1, 0.2], [0.5, 0.2, 0.6], [0.35, 0.35, 0.1])  # a threshold per row
    assert arr.tolist() == ["above", "below", "above"]
    ser = stats.decide(pd.Series([0.4, 0.1], index=["p1", "p2"]), pd.Series([0.5, 0.5], index=["p1", "p2"]), 0.3)
    assert ser.to_dict() == {"p1": "above", "p2": "unsure"}
    with pytest.raises(ValueError, match="lower must not exceed upper"):
        stats.decide(0.5, 0.4, 0.3)


def test_decide_with_an_interval_at_90_percent():
    ci = stats.ratio_interval([10.0, 12.0, 9.0, 14.0], [20.0, 25.0, 22.0, 24.0], confidence=0.9)  # ACoS ~ 0.49
    assert stats.decide(ci.lower, ci.upper, threshold=0.30) == "above"
