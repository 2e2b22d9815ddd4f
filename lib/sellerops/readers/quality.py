"""The data-quality record every read returns: what was read, used and rejected, and why.

Invariant: ``rows_read == rows_used + rows_rejected + rows_outside``, always — nothing is
dropped without a reason and a count (``rows_outside``: rows outside the period a load asked for).

Examples
--------
>>> dq = DataQuality(files=["a.csv"], kind="sp_search_term", rows_read=3, rows_used=2)
>>> dq.reject("unparseable number in 'Spend'", 1, ["a.csv row 4"])
>>> dq.rows_rejected, dq.is_consistent()
(1, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

#: How many example locations are kept per rejection reason.
MAX_EXAMPLES = 5


@dataclass
class DataQuality:
    """What one read did with its input files.

    Attributes
    ----------
    files : list of str
        Every file read, in the order read.
    kind, title, variant : str
        The report kind, its readable name and the header variant detected.
    attribution_days : int or None
        The ads attribution window read from the headers (7 or 14).
    currencies : list of str
        ISO codes of the currencies of the amounts.
    marketplace : str or None
        ``US``, ``UK``… where the currency or a column tells.
    time_model : str
        How the rows relate to time: the kind's declaration, or ``monthly`` where the rows prove
        to be months (a by-date Business Report downloaded by month).
    start, end : Timestamp or None
        The period the rows cover.
    rows_read, rows_used : int
        Data rows found in the files, and rows in the returned frame.
    rows_outside : int
        Rows left out because they lie outside the period asked for (not a fault of the file).
    rejected : dict
        Reason -> number of rows; ``examples`` holds up to five locations per reason.
    blanked : dict
        Reason -> number of unreadable cells in columns no analysis requires, left missing while
        their rows are kept; ``blanked_examples`` holds up to five locations with the cell's value.
    format_problem : str
        Set when most rows were rejected for one reason: the readers met a format they do not know.
        It names the column, three example cells and what was expected.
    unknown_columns : list of str
        Headers no alias matched (Amazon renamed or added something).
    overlaps : list of str
        Overlapping downloads that were de-duplicated, one sentence each.
    notes : list of str
        Anything else an analyst should know (censored values, assumed date order…).
    """

    files: list[str] = field(default_factory=list)
    kind: str = ""
    title: str = ""
    variant: str = ""
    attribution_days: int | None = None
    currencies: list[str] = field(default_factory=list)
    marketplace: str | None = None
    time_model: str = ""
    #: Where the rows' period comes from: ``rows`` (a date column), ``file name``, or ``none``.
    period_source: str = ""
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    rows_read: int = 0
    rows_used: int = 0
    rows_outside: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    #: Unreadable cells of columns no analysis requires, left missing (their rows kept): reason -> cells.
    blanked: dict[str, int] = field(default_factory=dict)
    blanked_examples: dict[str, list[str]] = field(default_factory=dict)
    #: A format the readers do not know: most rows rejected for one reason ("" when none).
    format_problem: str = ""
    unknown_columns: list[str] = field(default_factory=list)
    overlaps: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""

    @property
    def rows_rejected(self) -> int:
        return sum(self.rejected.values())

    def reject(self, reason: str, count: int, examples: list[str]) -> None:
        """Count ``count`` rejected rows under ``reason``, keeping a few example locations."""
        if count <= 0:
            return
        self.rejected[reason] = self.rejected.get(reason, 0) + int(count)
        kept = self.examples.setdefault(reason, [])
        kept.extend(examples[: MAX_EXAMPLES - len(kept)])

    def blank(self, reason: str, count: int, examples: list[str]) -> None:
        """Count ``count`` cells left missing under ``reason`` (their rows are kept)."""
        if count <= 0:
            return
        self.blanked[reason] = self.blanked.get(reason, 0) + int(count)
        kept = self.blanked_examples.setdefault(reason, [])
        kept.extend(examples[: MAX_EXAMPLES - len(kept)])

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def is_consistent(self) -> bool:
        """True when every row read is either used or rejected with a reason."""
        return self.rows_read == self.rows_used + self.rows_rejected + self.rows_outside

    def merge(self, other: DataQuality) -> None:
        """Fold the record of another file of the same kind into this one."""
        self.files += [f for f in other.files if f not in self.files]
        for attr in ("kind", "title", "variant", "marketplace", "time_model", "period_source", "encoding", "delimiter"):
            if not getattr(self, attr):
                setattr(self, attr, getattr(other, attr))
        if other.variant and other.variant not in self.variant.split(" | "):
            self.variant = f"{self.variant} | {other.variant}"
        if self.attribution_days is None:
            self.attribution_days = other.attribution_days
        elif other.attribution_days not in (None, self.attribution_days):
            self.note(
                f"attribution windows differ between files: {self.attribution_days} and {other.attribution_days} days"
            )
        self.currencies = sorted(set(self.currencies) | set(other.currencies))
        self.start = _min(self.start, other.start)
        self.end = _max(self.end, other.end)
        self.rows_read += other.rows_read
        self.rows_used += other.rows_used
        self.rows_outside += other.rows_outside
        for reason, count in other.rejected.items():
            self.reject(reason, count, other.examples.get(reason, []))
        for reason, count in other.blanked.items():
            self.blank(reason, count, other.blanked_examples.get(reason, []))
        if other.format_problem and other.format_problem not in self.format_problem:
            self.format_problem = "; ".join(p for p in (self.format_problem, other.format_problem) if p)
        self.unknown_columns += [c for c in other.unknown_columns if c not in self.unknown_columns]
        self.overlaps += other.overlaps
        for n in other.notes:
            self.note(n)

    def summary(self) -> dict:
        """One row for a validation table.

        Examples
        --------
        >>> DataQuality(files=["a.csv"], kind="k", rows_read=1, rows_used=1).summary()["rejected"]
        0
        """

        def day(ts):
            return "" if ts is None or pd.isna(ts) else pd.Timestamp(ts).strftime("%Y-%m-%d")

        return {
            "file": ", ".join(self.files),
            "kind": self.kind,
            "variant": self.variant,
            "dates": f"{day(self.start)} .. {day(self.end)}" if self.start is not None else "",
            "currency": "/".join(self.currencies),
            "window": f"{self.attribution_days}d" if self.attribution_days else "",
            "read": self.rows_read,
            "used": self.rows_used,
            "rejected": self.rows_rejected,
        }

    def rejections(self) -> pd.DataFrame:
        """Rejected rows by reason, with example locations."""
        return pd.DataFrame(
            [
                {"reason": r, "rows": n, "examples": "; ".join(self.examples.get(r, []))}
                for r, n in self.rejected.items()
            ],
            columns=["reason", "rows", "examples"],
        )


def _min(a, b):
    vals = [v for v in (a, b) if v is not None and not pd.isna(v)]
    return min(vals) if vals else None


def _max(a, b):
    vals = [v for v in (a, b) if v is not None and not pd.isna(v)]
    return max(vals) if vals else None
