"""Project locations, derived from the package's own location.

Notebooks, papermill, nbval and JupyterLab start kernels in different working
directories, so nothing in the workbook may rely on the current directory.

Examples
--------
>>> from sellerops import paths
>>> paths.SAMPLE_DIR.name
'sample'
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent.parent
DATA_DIR = PROJECT_ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"
#: Planted effects of the sample seller; read by tests only.
SAMPLE_TRUTH = DATA_DIR / "sample_truth.json"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
PARAMS_DIR = PROJECT_ROOT / "params"
REPORTS_DIR = PROJECT_ROOT / "reports"
#: Real exports published by sellers; lives beside the repository, never inside it.
REAL_EXPORTS_DIR = PROJECT_ROOT.parent / "shared" / "real-exports"
