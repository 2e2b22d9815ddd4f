"""Presentation only: escaped tables, sentences, charts (and, later, action files).

``show`` turns frames and results into what a notebook displays; it computes nothing an analysis
needs and imports only :mod:`sellerops.core`.
"""
