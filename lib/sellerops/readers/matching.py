"""Header matching: which raw header is which canonical column of a kind.

Headers are compared after :func:`~sellerops.readers.headers.normalise_header` (exact match of
the normalised key, never substring or position). The attribution window and a currency sign
lifted out of the headers are part of the result, because they are data about the file.

Examples
--------
>>> from sellerops.readers.registry import get_kind
>>> m = match_headers(["Date", "Campaign Name", "14 Day Total Sales (₹)", "Mystery"], get_kind("sp_search_term"))
>>> sorted(m.found), m.windows, m.currency_symbols, m.unknown
(['campaign', 'date', 'sales'], {14}, {'₹'}, ['Mystery'])
>>> missing_required(m, get_kind("sp_search_term"))[:3]
['ad_group', 'targeting', 'match_type']
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .headers import normalise_header
from .schema import Column, ReportKind


@dataclass(frozen=True)
class HeaderMatch:
    """How one file's headers map to a kind.

    Attributes
    ----------
    columns : dict
        Raw header -> the canonical :class:`~sellerops.readers.schema.Column` it fills.
    extras : dict
        Raw header -> canonical name, for headers kept by the kind's ``extra_pattern``.
    unknown : list of str
        Headers no alias matched.
    windows : set of int
        Attribution windows read from the matched headers (``7 Day …``).
    currency_symbols : set of str
        Currency signs read from the matched headers (``… (₹)``).
    """

    columns: dict[str, Column] = field(default_factory=dict)
    extras: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    windows: set[int] = field(default_factory=set)
    currency_symbols: set[str] = field(default_factory=set)

    @property
    def found(self) -> frozenset[str]:
        """Canonical names of the columns the file has."""
        return frozenset(c.name for c in self.columns.values())


def match_headers(headers: list[str], kind: ReportKind) -> HeaderMatch:
    """Map raw headers to the kind's columns; the first header matching a column wins it."""
    index = kind.alias_index()
    match = HeaderMatch()
    taken: set[str] = set()
    for raw in headers:
        norm = normalise_header(raw)
        col = index.get(norm.key)
        if col is not None and col.name not in taken:
            match.columns[raw] = col
            taken.add(col.name)
            if norm.window:
                match.windows.add(norm.window)
            if norm.currency_symbol:
                match.currency_symbols.add(norm.currency_symbol)
        elif kind.extra_pattern and kind.extra_name and re.match(kind.extra_pattern, norm.key):
            match.extras[raw] = kind.extra_name(raw)
        elif raw.strip():
            match.unknown.append(raw)
    return match


def missing_required(match: HeaderMatch, kind: ReportKind) -> list[str]:
    """Required canonical columns of ``kind`` that the file lacks, in the kind's order."""
    return [name for name in kind.required if name not in match.found]


def nearest_headers(headers: list[str], kind: ReportKind, missing: list[str]) -> list[str]:
    """Headers present that look most like the aliases of the missing columns (else the first six).

    Examples
    --------
    >>> from sellerops.readers.registry import get_kind
    >>> nearest_headers(["Campaign", "Spend"], get_kind("sp_search_term"), ["campaign"])
    ['Campaign']
    """
    folded = {normalise_header(h).key: h for h in headers}
    out: list[str] = []
    for name in missing:
        for key in kind.column(name).keys:
            for hit in difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6):
                if folded[hit] not in out:
                    out.append(folded[hit])
    return out or headers[:6]
