"""All report kinds, by name."""

from __future__ import annotations

from .kinds import ads, business, inventory, keywords, orders, own, payments
from .schema import ReportKind

KINDS: dict[str, ReportKind] = {
    k.name: k for family in (ads, business, inventory, payments, keywords, orders, own) for k in family.KINDS
}


def get_kind(name: str) -> ReportKind:
    """The kind called ``name``; an unknown name lists the known ones.

    Examples
    --------
    >>> get_kind("sp_search_term").title
    'Sponsored Products search term report'
    """
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unknown report kind {name!r}; known kinds: {', '.join(sorted(KINDS))}") from None
