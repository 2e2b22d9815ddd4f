"""Errors raised for input an analyst must fix."""

from __future__ import annotations


class ReportFormatError(ValueError):
    """A file is not a readable report of the expected kind.

    The message names the file, the kind it looked like, the required columns
    that are missing and the nearest headers that were present, so that an
    analyst can fix the download without reading a traceback.

    Examples
    --------
    >>> err = ReportFormatError("x.csv", "empty file", kind="sp_search_term")
    >>> str(err)
    'x.csv: empty file (kind: sp_search_term)'
    """

    def __init__(
        self,
        file: object,
        problem: str,
        *,
        kind: str | None = None,
        missing: list[str] | None = None,
        nearest: list[str] | None = None,
    ) -> None:
        self.file = str(file)
        self.problem = problem
        self.kind = kind
        self.missing = list(missing or [])
        self.nearest = list(nearest or [])
        parts = [f"{self.file}: {problem}"]
        if kind:
            parts.append(f"(kind: {kind})")
        if self.missing:
            parts.append("; missing columns: " + ", ".join(self.missing))
        if self.nearest:
            parts.append("; nearest headers found: " + ", ".join(repr(h) for h in self.nearest))
        super().__init__(" ".join(parts).replace(" ;", ";"))
