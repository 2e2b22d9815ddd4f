"""Batch reports: parameter files, the papermill runner, HTML rendering, the index page and run record.

``report`` may import every other layer; nothing imports ``report`` except the command line.
"""
