"""Seller Ops Workbook: analytics for Amazon sellers from the exports they download."""

from __future__ import annotations

__version__ = "0.1.0"
