"""Committed notebooks are thin, parameterised, executed and free of machine-specific noise."""

from __future__ import annotations

import ast
import json
import re

import pytest

from sellerops import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks committed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_kernelspec_and_one_parameters_cell(path):
    nb = _load(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    source = "".join(tagged[0]["source"])
    tree = ast.parse(source)
    for node in tree.body:  # literal assignments with a type annotation, nothing computed
        assert isinstance(node, ast.AnnAssign) and isinstance(node.value, ast.Constant), ast.dump(node)
    for line in source.splitlines():
        assert "  # " in line, f"parameter without a trailing comment: {line}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_functions_classes_errors_or_machine_paths(path):
    nb = _load(path)
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        assert not re.search(r"^\s*(def|class|async def) ", source, re.M), "define it in lib/sellerops"
        assert cell.get("outputs") is not None
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", out.get("ename")
    assert any(c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code"), "commit it executed"
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"/(work|tmp|root|home|Users)/[\w.-]+", text), "machine path in the notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_execution_timestamps_in_metadata(path):
    nb = _load(path)
    assert "papermill" not in nb["metadata"]
    for cell in nb["cells"]:
        assert "papermill" not in cell.get("metadata", {})
        assert "execution" not in cell.get("metadata", {})
    text = json.dumps(nb)
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d", text), "an ISO timestamp is stored in the notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_headline_kpis_are_handed_over(path):
    nb = _load(path)
    found = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
             if "application/vnd.sellerops.kpis+json" in o.get("data", {})]
    assert len(found) == 1
    payload = found[0]["data"]["application/vnd.sellerops.kpis+json"]
    assert payload["title"] and payload["kpis"]
