"""Shared fixtures: where the real exports and the sample seller live."""

from __future__ import annotations

import json
import os
import tempfile

import pytest

from sellerops import paths
from sellerops.notebook import LAB_ENV

# The notebooks nbval runs write their action files into reports/lab by default: not during tests.
os.environ.setdefault(LAB_ENV, tempfile.mkdtemp(prefix="sellerops-lab-"))


@pytest.fixture(scope="session")
def real_exports():
    """The folder of sellers' real exports beside the repository; skipped, visibly, where it is absent."""
    if not paths.REAL_EXPORTS_DIR.is_dir():
        pytest.skip(f"real exports not found at ../shared/real-exports (looked in {paths.REAL_EXPORTS_DIR.name})")
    return paths.REAL_EXPORTS_DIR


@pytest.fixture(scope="session")
def truth():
    """The sample seller's planted effects (data/sample_truth.json)."""
    return json.loads(paths.SAMPLE_TRUTH.read_text(encoding="utf-8"))


def _reports_snapshot() -> dict[str, int]:
    root = paths.REPORTS_DIR
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*")} if root.is_dir() else {}


@pytest.fixture(scope="session", autouse=True)
def reports_folder_untouched():
    """Tests write into their own temporary folders, never into the repository's ``reports/``."""
    before = _reports_snapshot()
    yield
    changed = sorted(set(before.items()) ^ set(_reports_snapshot().items()))
    assert not changed, f"tests wrote into reports/: {[name for name, _ in changed][:5]}"
