"""Parameter files for batch runs: which notebooks, and one or more parameter sets.

A parameter file (YAML) looks like::

    notebooks: [00_data_health]        # names in notebooks/, without .ipynb
    defaults:                          # applied to every set (optional)
      data_dir: data/sample
    sets:                              # one report per notebook and set
      us: {marketplace: US}
      uk: {marketplace: UK, start: "2024-11-01"}

Every key is checked against the parameters the notebook declares in its ``parameters``
cell: an unknown or mistyped key, or a value of the wrong type, is an error that names the
file, the set and the key (papermill itself would only warn).

Examples
--------
>>> plan = check_plan({"notebooks": ["00_data_health"], "sets": {"us": {"marketplace": "US"}}}, "x.yaml")
>>> [(j.notebook, j.set_name, j.parameters["marketplace"]) for j in plan]
[('00_data_health', 'us', 'US')]
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import paths

_TYPES = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}


class ParameterError(ValueError):
    """A parameter file that cannot be run as written."""


@dataclass(frozen=True)
class Job:
    """One notebook run with one parameter set."""

    notebook: str
    set_name: str
    parameters: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.notebook}__{self.set_name}"

    @property
    def source(self) -> Path:
        return paths.NOTEBOOKS_DIR / f"{self.notebook}.ipynb"


def read_declared_parameters(notebook: str | Path) -> dict[str, dict]:
    """The parameters a notebook declares (name -> type, default, help), via papermill."""
    import papermill

    return papermill.inspect_notebook(str(notebook))


def load_plan(path: str | Path) -> list[Job]:
    """Read and check a parameter file; returns the jobs it asks for."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ParameterError(f"{path}: cannot be read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise ParameterError(f"{path}: not valid YAML ({exc})") from None
    return check_plan(data, path)


def check_plan(data: object, source: str | Path) -> list[Job]:
    """Check a parameter mapping against the notebooks' declared parameters."""
    if not isinstance(data, dict) or "notebooks" not in data or "sets" not in data:
        raise ParameterError(f"{source}: needs 'notebooks' (a list) and 'sets' (a mapping of set name -> parameters)")
    unknown_top = set(data) - {"notebooks", "sets", "defaults"}
    if unknown_top:
        raise ParameterError(f"{source}: unknown top-level keys {sorted(unknown_top)}; use notebooks, defaults, sets")
    defaults = data.get("defaults") or {}
    sets = data["sets"]
    notebooks = data["notebooks"]
    if not isinstance(defaults, dict):
        raise ParameterError(f"{source}: 'defaults' must be a mapping of parameter -> value")
    if not isinstance(sets, dict) or not sets:
        raise ParameterError(f"{source}: 'sets' must name at least one parameter set")
    if not isinstance(notebooks, list) or not notebooks or not all(isinstance(n, str) for n in notebooks):
        raise ParameterError(f"{source}: 'notebooks' must be a list of notebook names")
    if len(set(notebooks)) != len(notebooks):
        raise ParameterError(f"{source}: a notebook is listed twice in 'notebooks'")
    for set_name, values in sets.items():
        if not isinstance(set_name, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", set_name):
            raise ParameterError(f"{source}: set name {set_name!r} must be letters, digits, - or _ (it names files)")
        if values is not None and not isinstance(values, dict):
            raise ParameterError(f"{source}: set {set_name!r} must be a mapping of parameter -> value, got {values!r}")
    jobs = []
    for notebook in notebooks:
        nb_path = paths.NOTEBOOKS_DIR / f"{notebook}.ipynb"
        if not nb_path.exists():
            known = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("*.ipynb"))
            raise ParameterError(f"{source}: notebook {notebook!r} not found in notebooks/; known: {', '.join(known)}")
        declared = read_declared_parameters(nb_path)
        for set_name, values in sets.items():
            merged = {**defaults, **(values or {})}
            for key, value in merged.items():
                if key not in declared:
                    close = difflib.get_close_matches(key, list(declared), n=1)
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                    raise ParameterError(
                        f"{source}: set {set_name!r}: {notebook} has no parameter {key!r}{hint} "
                        f"(it declares {', '.join(declared)})"
                    )
                expected = declared[key]["inferred_type_name"]
                allowed = _TYPES.get(expected)
                if allowed and (not isinstance(value, allowed) or (expected != "bool" and isinstance(value, bool))):
                    raise ParameterError(f"{source}: set {set_name!r}: {key} must be {expected}, got {value!r}")
            jobs.append(Job(notebook, str(set_name), merged))
    return jobs
