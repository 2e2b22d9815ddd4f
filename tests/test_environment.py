"""pyproject.toml, environment.yml and requirements.lock must describe the same environment."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement

from sellerops import paths

#: conda-forge names where they differ from PyPI's.
CONDA_NAMES = {"duckdb": "python-duckdb"}


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((paths.PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    reqs = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["test"]
    out = {}
    for r in map(Requirement, reqs):
        out[CONDA_NAMES.get(r.name.lower(), r.name.lower())] = str(r.specifier)
    out["python"] = data["project"]["requires-python"]
    return out


def _environment() -> dict[str, str]:
    env = yaml.safe_load((paths.PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict) or dep == "pip":
            continue
        m = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", dep)
        out[m.group(1).lower()] = m.group(2).replace(" ", "")
    return out


def test_environment_yml_mirrors_pyproject():
    assert _environment() == _pyproject()


def test_environment_yml_installs_the_package_editable():
    env = yaml.safe_load((paths.PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = [d for d in env["dependencies"] if isinstance(d, dict)]
    assert pip and "-e ." in pip[0]["pip"]
    assert env["channels"] == ["conda-forge"]


def _lock() -> dict[str, str]:
    pins = {}
    for line in (paths.PROJECT_ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line)
        if m:
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


@pytest.mark.parametrize("requirement", sorted(kv for kv in _pyproject().items() if kv[0] != "python"))
def test_lock_pins_every_dependency_within_its_range(requirement):
    name, spec = requirement
    pypi = {v: k for k, v in CONDA_NAMES.items()}.get(name, name)
    lock = _lock()
    assert pypi in lock, f"{pypi} is in pyproject.toml but not pinned in requirements.lock: run `make lock`"
    assert Requirement(f"{pypi}{spec}").specifier.contains(lock[pypi], prereleases=True), (
        f"requirements.lock pins {pypi}=={lock[pypi]}, outside pyproject's {spec}: run `make lock`"
    )
