"""Formulas without I/O: seller metrics, money in several currencies, the article's thresholds.

Nothing in ``core`` reads a file or knows a report format; every other layer may import it.
"""
