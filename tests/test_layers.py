"""The import graph of ``lib/sellerops`` runs one way (DESIGN.md, "Layout" and "Data flow").

readers -> core; analysis -> core; show -> core; report -> everything above; nothing imports report
but the command line; the sample generator imports none of the layers whose results it must
independently reproduce. Every import counts, also those inside functions.
"""

from __future__ import annotations

import ast

import pytest

from sellerops import paths

#: Layer -> the layers its modules may import (besides their own layer).
ALLOWED = {
    "paths": set(),
    "core": set(),
    "readers": {"core"},
    "analysis": {"core"},
    "show": {"core"},
    "sample": {"paths"},
    "notebook": {"paths", "core", "readers", "analysis", "show"},
    "report": {"paths", "core", "readers", "analysis", "show", "notebook"},
    "cli": {"paths", "core", "readers", "analysis", "show", "notebook", "report", "sample"},
    "package": {"notebook"},
}
PACKAGE = paths.PACKAGE_DIR


def layer_of(module: str) -> str:
    """``sellerops.readers.raw`` -> ``readers``; ``sellerops`` itself -> ``package``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "package"


def module_name(path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imported_modules(path, module: str) -> set[str]:
    """Every ``sellerops`` module that ``path`` imports, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "sellerops"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "sellerops":
                continue
            if target == "sellerops" or (node.module is None and node.level):
                # "from sellerops import paths" / "from .. import paths": the names are modules
                out |= {f"{target}.{a.name}" for a in node.names}
            else:
                out.add(target)
    return out


MODULES = sorted((module_name(p), p) for p in PACKAGE.rglob("*.py"))


def test_the_walk_sees_every_layer():
    assert {layer_of(m) for m, _ in MODULES} >= {"core", "readers", "analysis", "show", "report", "sample", "cli"}


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_imports_run_one_way(module, path):
    own = layer_of(module)
    allowed = ALLOWED[own] | {own}
    wrong = sorted(m for m in imported_modules(path, module) if layer_of(m) not in allowed)
    assert not wrong, f"{module} ({own}) imports {wrong}; {own} may import only {sorted(allowed)}"


def test_the_check_catches_a_back_edge(tmp_path):
    """The walk resolves relative imports, so an analysis that imports the readers is caught."""
    fake = PACKAGE / "analysis" / "coverage.py"
    tree_source = "from ..readers import read_report\nfrom . import coverage\n"
    probe = tmp_path / "probe.py"
    probe.write_text(tree_source, encoding="utf-8")
    found = imported_modules(probe, "sellerops.analysis.probe")
    assert found == {"sellerops.readers", "sellerops.analysis.coverage"}
    assert layer_of("sellerops.readers") not in ALLOWED[layer_of(module_name(fake))]
