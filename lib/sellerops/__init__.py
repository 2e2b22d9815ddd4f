"""Seller Ops Workbook: analytics for Amazon sellers from the exports they download."""

from __future__ import annotations

__version__ = "0.1.0"


def setup(seed: int = 0):
    """Fix display, plotting and randomness for a report notebook (see :func:`sellerops.notebook.setup`)."""
    from .notebook import setup as _setup

    return _setup(seed)
