"""Fixtures of the sample tests: one full generation per session (the doctests only run short simulations)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sellerops.sample import generate
from sellerops.sample.simulate import simulate


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> tuple[Path, Path, dict]:
    """A fresh generation of the whole sample: (sample folder, truth file, truth dict)."""
    base = tmp_path_factory.mktemp("generated")
    truth = generate(base / "sample", base / "truth.json")
    return base / "sample", base / "truth.json", json.loads(json.dumps(truth))


@pytest.fixture(scope="session")
def sim():
    """The full two-year simulation with its ledger (no files written)."""
    return simulate()
