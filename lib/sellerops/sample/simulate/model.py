"""What the simulation produces: the calendar, the :class:`Simulation` and its :class:`Ledger`.

Examples
--------
>>> import datetime as dt
>>> cal = Calendar.between(dt.date(2024, 11, 1), dt.date(2024, 12, 31))
>>> cal.D, cal.M, cal.month_labels
(61, 2, ['2024-11', '2024-12'])
>>> cal.day(dt.date(2024, 12, 1))
30
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

_ALNUM = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"))


@dataclass(frozen=True)
class Calendar:
    """The simulated days: index ``t`` runs over ``days``; months are ``YYYY-MM`` labels."""

    start: dt.date
    end: dt.date
    days: pd.DatetimeIndex
    month_labels: list[str]
    month_idx: np.ndarray  # month number (0..M-1) of every day

    @classmethod
    def between(cls, start: dt.date, end: dt.date) -> Calendar:
        days = pd.date_range(start, end, freq="D")
        labels = np.array([f"{d.year}-{d.month:02d}" for d in days])
        month_labels = sorted(set(labels.tolist()))
        return cls(start, end, days, month_labels, np.searchsorted(np.array(month_labels), labels))

    @property
    def D(self) -> int:  # noqa: N802 - the number of days, as in the array shapes (S, D)
        return len(self.days)

    @property
    def M(self) -> int:  # noqa: N802
        return len(self.month_labels)

    def day(self, date: dt.date | str) -> int:
        """Index of ``date`` (may lie outside the calendar: negative or >= D)."""
        return (pd.Timestamp(date).date() - self.start).days

    def month_end(self, month: str) -> int:
        """Index of the last day of ``month``."""
        return self.day(pd.Period(month, "M").end_time.date())


@dataclass
class Ledger:
    """Events and charges derived from the simulated stock and orders (no randomness).

    Attributes
    ----------
    payments : DataFrame
        Every row of the transaction reports, as numbers (both marketplaces, sorted by time), with the
        posting ``month`` in the report's own time zone.
    storage : DataFrame
        Monthly storage fee per series (average daily units on hand x cubic feet x monthly rate).
    aged : DataFrame
        Aged-inventory surcharge per series at every month end (units and fee per age band, the
        planning report's fee estimates); charged on the 15th of the next month.
    ages : DataFrame
        FIFO lots on hand at every month end: snapshot day ``t``, series, arrival day, age, units.
    pnl : DataFrame
        The account P&L per posting month and marketplace (local currency), line by line.
    """

    payments: pd.DataFrame
    storage: pd.DataFrame
    aged: pd.DataFrame
    ages: pd.DataFrame
    pnl: pd.DataFrame


@dataclass
class Simulation:
    """Everything the writers and the truth file need, as tidy frames.

    Attributes
    ----------
    seed : int
        Seed of the run.
    calendar : Calendar
        The simulated days.
    products : DataFrame
        One row per SKU (asin, fnsku, costs, fees, size).
    series : DataFrame
        One row per marketplace x SKU (local price, FBA fee, unit cost); the row number is the
        series index ``s`` of every (S, D) array.
    listing : DataFrame
        One row per month x marketplace x SKU (price, rating, reviews, account health).
    daily : DataFrame
        One row per marketplace x SKU x day (sessions, units, stock, ...).
    orders : DataFrame
        One row per order (one SKU per order), with its fees.
    returns : DataFrame
        One row per returned order.
    campaigns, terms : DataFrame
        The ad campaigns (with their response parameter ``a``) and search terms of the catalogue.
    ads : DataFrame
        One row per search term x day (impressions > 0), true and reported values.
    campaign_days : DataFrame
        One row per campaign x day for the whole period (advertising invoices, truth).
    placements : DataFrame
        Campaign x day x placement split of the ads period (the placement report).
    lots : DataFrame
        Inventory receipts: series, arrival day, units, order day.
    removed : ndarray
        Units removed from stock per (series, day).
    keywords : dict
        Keyword research per marketplace (``cerebro``) and the US Search Query Performance rows (``sqp``).
    ledger : Ledger
        Payments, storage, aged inventory and P&L derived from the above.
    planted : dict
        Facts discovered while simulating (rating before the drop, ...).
    account : DataFrame
        The ads account as the bulk download lists it: one row per campaign, ad group, product ad,
        keyword, product target, negative keyword and placement bid adjustment, with Amazon IDs.
    """

    seed: int
    calendar: Calendar
    products: pd.DataFrame
    series: pd.DataFrame
    listing: pd.DataFrame
    daily: pd.DataFrame
    orders: pd.DataFrame
    returns: pd.DataFrame
    campaigns: pd.DataFrame
    terms: pd.DataFrame
    ads: pd.DataFrame
    campaign_days: pd.DataFrame
    placements: pd.DataFrame
    lots: pd.DataFrame
    removed: np.ndarray
    keywords: dict
    ledger: Ledger | None = None
    planted: dict = field(default_factory=dict)
    account: pd.DataFrame | None = None

    def series_of(self, sku: str, marketplace: str) -> int:
        """Series index of one SKU in one marketplace."""
        ser = self.series
        return int(ser.index[(ser["sku"] == sku) & (ser["marketplace"] == marketplace)][0])

    def per_series(self, column: str) -> np.ndarray:
        """A column of ``daily`` as an (S, D) array."""
        return self.daily[column].to_numpy().reshape(len(self.series), self.calendar.D)


def codes(rng: np.random.Generator, n: int, length: int, prefix: str, alphabet: np.ndarray = _ALNUM) -> list[str]:
    """``n`` random identifiers such as ASINs (``B0`` + 8 characters)."""
    idx = rng.integers(0, len(alphabet), size=(n, length))
    return [prefix + "".join(row) for row in alphabet[idx]]


def split(rng: np.random.Generator, n: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Split counts ``n`` (shape ...) over the last axis of weights ``w`` (shape ..., K).

    Multinomial via sequential binomials; where all weights are 0 nothing is allocated.

    Examples
    --------
    >>> out = split(np.random.default_rng(0), np.array([10, 0]), np.array([[1.0, 1.0], [1.0, 0.0]]))
    >>> out.sum(axis=1).tolist()
    [10, 0]
    """
    w = np.asarray(w, dtype=float)
    suffix = np.cumsum(w[..., ::-1], axis=-1)[..., ::-1]
    rem = np.where(suffix[..., 0] > 0, n, 0).astype(np.int64)
    out = np.zeros(w.shape, dtype=np.int64)
    for k in range(w.shape[-1]):
        with np.errstate(invalid="ignore", divide="ignore"):
            p = np.where(suffix[..., k] > 0, w[..., k] / suffix[..., k], 0.0)
        x = rng.binomial(rem, np.clip(p, 0.0, 1.0))
        out[..., k] = x
        rem = rem - x
    return out
