"""Every export of the sample seller, written from one :class:`~sellerops.sample.simulate.Simulation`.

One module per report family, mirroring ``sellerops.readers.kinds``: :mod:`~.ads` (and :mod:`~.bulk`, the
bulk operations download), :mod:`~.business`,
:mod:`~.inventory`, :mod:`~.keywords`, :mod:`~.orders`, :mod:`~.own`, :mod:`~.payments`; Amazon's
headers in :mod:`~.headers`, text conventions and CSV/TSV files in :mod:`~.text`, workbooks in
:mod:`~.xlsx`. Writers draw no random numbers and compute no fees: they turn the simulation and its
ledger into Amazon's text. Each ``write_*`` function returns file-level expectations (row counts and
sums computed from the simulation's numbers before they became text), keyed by the path relative to
``out``; they go into the truth file for the readers' tests.

Examples
--------
>>> import tempfile, pathlib, datetime as dt
>>> from sellerops.sample.simulate import simulate
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> files = write_all(simulate(end=dt.date(2024, 11, 30)), out)
>>> (out / "product_master.csv").exists(), "us/payments/2024Nov1-2024Nov30CustomTransaction.csv" in files
(True, True)
"""

from __future__ import annotations

from pathlib import Path

from ..simulate import Simulation
from .ads import write_ads
from .bulk import write_bulk
from .business import write_business_reports
from .inventory import write_inventory
from .keywords import write_keywords
from .orders import write_orders_returns
from .own import write_listing_history, write_product_master
from .payments import write_payments

__all__ = ["write_all"]

WRITERS = (
    write_product_master,
    write_listing_history,
    write_ads,
    write_bulk,
    write_business_reports,
    write_inventory,
    write_orders_returns,
    write_payments,
    write_keywords,
)


def write_all(sim: Simulation, out: str | Path) -> dict:
    """Write every export under ``out``; return the expectations of each file, sorted by path."""
    files: dict = {}
    for write in WRITERS:
        files.update(write(sim, Path(out)))
    return dict(sorted(files.items()))
