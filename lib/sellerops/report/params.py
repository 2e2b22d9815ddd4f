"""Parameter files for batch runs: which notebooks, and one or more parameter sets.

A parameter file (YAML) looks like::

    notebooks: [00_data_health]        # names in notebooks/, without .ipynb
    defaults:                          # applied to every set (optional)
      data_dir: data/sample
    sets:                              # one report per notebook and set
      us: {marketplace: US}
      uk: {marketplace: UK, start: "2024-11-01"}

Everything is checked before any notebook runs, and each failure is a :class:`ParameterError`
that names the file, the set and the key (papermill itself would only warn, or the notebook
would fail minutes later):

- every key against the parameters the notebook declares in its ``parameters`` cell (an
  unknown or mistyped key, or a value of the wrong type);
- ``data_dir``: the folder exists and holds report files;
- ``start`` and ``end``: dates written ``YYYY-MM-DD`` (an unquoted YAML date, which PyYAML reads
  as a ``datetime.date``, is accepted and handed to the notebook as that string), start ≤ end;
- ``marketplace``: the folder holds files of it (case does not matter: ``us`` is ``US``; the
  message lists the marketplaces the folder holds).

The values checked are the set's, or the notebook's defaults where the set leaves a key out.
The folder is read with :func:`sellerops.readers.open_folder` (once per folder; its frames are
cached on disk, so the notebooks read it again for free).

Examples
--------
>>> plan = check_plan({"notebooks": ["00_data_health"], "sets": {"us": {"marketplace": "us"}}}, "x.yaml")
>>> [(j.notebook, j.set_name, j.parameters["marketplace"]) for j in plan]
[('00_data_health', 'us', 'US')]
>>> check_plan({"notebooks": ["00_data_health"], "sets": {"x": {"start": "2026-02-01", "end": "2026-01-01"}}}, "x.yaml")
Traceback (most recent call last):
...
sellerops.report.params.ParameterError: x.yaml: set 'x': end 2026-01-01 is before start 2026-02-01
"""

from __future__ import annotations

import ast
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import paths
from ..notebook import check_period, resolve_path
from ..readers import Catalog, ReportFormatError, open_folder

_TYPES = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}


class ParameterError(ValueError):
    """A parameter file that cannot be run as written."""


@dataclass(frozen=True)
class Job:
    """One notebook run with one parameter set."""

    notebook: str
    set_name: str
    #: What the parameter file sets (defaults and the set merged), as handed to papermill.
    parameters: dict = field(default_factory=dict)
    #: The notebook's own values for the parameters the file leaves out (for the record).
    defaults: dict = field(default_factory=dict)

    @property
    def values(self) -> dict:
        """Every parameter the notebook runs with: the file's values, else the notebook's defaults."""
        return {**self.defaults, **self.parameters}

    @property
    def name(self) -> str:
        return f"{self.notebook}__{self.set_name}"

    @property
    def source(self) -> Path:
        return paths.NOTEBOOKS_DIR / f"{self.notebook}.ipynb"


def read_declared_parameters(notebook: str | Path) -> dict[str, dict]:
    """The parameters a notebook declares: name -> ``inferred_type_name``, ``default`` (source text), ``help``.

    Read from the cell tagged ``parameters`` with Python's own parser: papermill's line parser drops
    an assignment whose string holds ``=`` (``fx_rates: str = "GBP=1.25"``).
    """
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    cell = next((c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if cell is None:
        return {}
    source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
    lines = source.splitlines()
    declared = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            line = lines[node.lineno - 1]
            declared[node.target.id] = {
                "name": node.target.id,
                "inferred_type_name": ast.unparse(node.annotation),
                "default": ast.unparse(node.value) if node.value is not None else None,
                "help": line.split("#", 1)[1].strip() if "#" in line[node.end_col_offset :] else "",
            }
    return declared


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
    folders: dict[Path, Catalog] = {}
    for notebook in notebooks:
        nb_path = paths.NOTEBOOKS_DIR / f"{notebook}.ipynb"
        if not nb_path.exists():
            known = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("*.ipynb"))
            raise ParameterError(f"{source}: notebook {notebook!r} not found in notebooks/; known: {', '.join(known)}")
        declared = read_declared_parameters(nb_path)
        notebook_defaults = {k: d for k, v in declared.items() if (d := _read_default(v)) is not _NO_DEFAULT}
        for set_name, values in sets.items():
            where = f"{source}: set {set_name!r}"
            merged = {}
            for key, value in {**defaults, **(values or {})}.items():
                if key not in declared:
                    close = difflib.get_close_matches(key, list(declared), n=1)
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                    raise ParameterError(
                        f"{where}: {notebook} has no parameter {key!r}{hint} (it declares {', '.join(declared)})"
                    )
                expected = declared[key]["inferred_type_name"]
                value = _unquoted_date(value, expected, key, where)
                allowed = _TYPES.get(expected)
                if allowed and (not isinstance(value, allowed) or (expected != "bool" and isinstance(value, bool))):
                    raise ParameterError(f"{where}: {key} must be {expected}, got {value!r}")
                merged[key] = value
            left_out = {k: v for k, v in notebook_defaults.items() if k not in merged}
            merged = _check_inputs(left_out, merged, where, folders)
            jobs.append(Job(notebook, str(set_name), merged, left_out))
    return jobs


_NO_DEFAULT = object()


def _read_default(declared: dict):
    """A declared parameter's default (papermill gives its source text, ``'"US"'``), or ``_NO_DEFAULT``."""
    try:
        return ast.literal_eval(str(declared.get("default")))
    except (ValueError, SyntaxError):
        return _NO_DEFAULT


def _unquoted_date(value, expected: str, key: str, where: str):
    """An unquoted YAML date (``start: 2025-11-01`` reads as ``datetime.date``) as the string the notebook expects."""
    if expected != "str" or not isinstance(value, dt.date):
        return value
    if isinstance(value, dt.datetime):
        raise ParameterError(
            f"{where}: {key} must be a date written YYYY-MM-DD, got the time {value.isoformat(sep=' ')}"
        )
    return value.isoformat()


def _check_day(key: str, value, where: str) -> None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ParameterError(f"{where}: {key} must be a date written YYYY-MM-DD, got {value!r}")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ParameterError(f"{where}: {key} is not a calendar date: {value!r}") from None


def _check_inputs(notebook_defaults: dict, merged: dict, where: str, folders: dict[Path, Catalog]) -> dict:
    """Check period, data folder and marketplace (the set's values, else the notebook's defaults).

    Returns ``merged`` with the marketplace written as the readers write it (``us`` -> ``US``).
    """
    values = {**notebook_defaults, **merged}
    if "start" in values and "end" in values:
        try:
            check_period(values["start"], values["end"])
        except ValueError as exc:
            raise ParameterError(f"{where}: {exc}") from None
    else:  # a notebook with only one of the two
        for key in ("start", "end"):
            if key in values:
                _check_day(key, values[key], where)
    if "data_dir" not in values:
        return merged
    data_dir = values["data_dir"]
    folder = resolve_path(data_dir)
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "no such folder"
        raise ParameterError(f"{where}: data_dir {data_dir!r}: {what} ({folder})")
    if folder not in folders:
        try:
            folders[folder] = open_folder(folder)
        except (ReportFormatError, OSError) as exc:
            problem = exc.problem if isinstance(exc, ReportFormatError) else str(exc)
            raise ParameterError(f"{where}: data_dir {data_dir!r} {problem}") from None
    market = values.get("marketplace")
    if isinstance(market, str) and market.strip():
        try:
            code = folders[folder].check_marketplace(market)
        except ReportFormatError as exc:
            raise ParameterError(f"{where}: marketplace {market!r}: {data_dir} {exc.problem}") from None
        if "marketplace" in merged:
            merged = {**merged, "marketplace": code}
    return merged
