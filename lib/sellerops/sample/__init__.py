"""Deterministic sample data of a fictional Amazon seller, in Amazon's real export formats.

``python -m sellerops.sample --out data/sample --truth data/sample_truth.json`` regenerates
everything; :func:`generate` does the same from Python. The generator writes Amazon's headers
from its own constants (:mod:`sellerops.sample.formats`) and never imports ``sellerops.readers``.

Examples
--------
>>> import tempfile, pathlib
>>> from sellerops.sample import generate
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> truth = generate(tmp / "sample", tmp / "truth.json")
>>> truth["meta"]["brand"]
'Brightnest'
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from . import catalogue
from .large import write_large_search_terms

__all__ = ["generate", "write_large_search_terms", "catalogue"]


def generate(out: str | Path, truth_path: str | Path | None = None, seed: int = catalogue.SEED) -> dict:
    """Simulate the seller and write every export plus the truth file.

    Parameters
    ----------
    out : path
        Folder for the exports (``data/sample``); it is emptied first.
    truth_path : path, optional
        Where to write the truth JSON (keep it outside ``out``).
    seed : int
        Seed of the numpy Generator (default 20261031).

    Returns
    -------
    dict
        The truth dictionary.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> t = generate(pathlib.Path(tempfile.mkdtemp()) / "s")
    >>> t["planted"]["ads"]["spend_elasticity"]["b"]
    0.6
    """
    from . import keywords, writers
    from .simulate import simulate
    from .truth import build_truth

    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    sim = simulate(seed)
    files: dict = {}
    files.update(writers.write_product_master(sim, out))
    files.update(writers.write_listing_history(sim, out))
    files.update(writers.write_ads(sim, out))
    files.update(writers.write_business_reports(sim, out))
    files.update(writers.write_inventory(sim, out))
    files.update(writers.write_orders_returns(sim, out))
    files.update(writers.write_payments(sim, out))
    files.update(keywords.write_keywords(seed, out, dict(zip(sim.products["sku"], sim.products["asin"]))))
    files = dict(sorted(files.items()))
    truth = build_truth(sim, files)
    if truth_path is not None:
        truth_path = Path(truth_path)
        truth_path.parent.mkdir(parents=True, exist_ok=True)
        truth_path.write_text(json.dumps(truth, indent=1, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8")
    return truth
