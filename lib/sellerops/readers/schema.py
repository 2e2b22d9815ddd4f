"""How a report kind is described: canonical columns, their aliases and types.

Every kind is data, not code: a :class:`ReportKind` lists its canonical
columns, each with the Amazon header spellings it accepts (compared after
:func:`~sellerops.readers.headers.normalise_header`) and a type. The engine in
:mod:`sellerops.readers.convert` does the rest.

Column types
------------
``text``      stripped text, empty is missing
``int``       whole numbers (nullable ``Int64``)
``float``     plain numbers
``money``     amounts; currency symbols are stripped and recorded
``rate``      fractions (``4.51%`` -> 0.0451); ``bare`` says how a number without ``%`` is meant
``date``      calendar dates in one of the column's ``formats``
``datetime``  timestamps; ``"ISO8601"`` accepts offsets (stored as UTC)
``zoned``     ``Sep 4, 2026 1:05:07 AM PDT``: stored as UTC plus the local date

Examples
--------
>>> col = Column("spend", ("spend", "ausgaben"), "money", required=True)
>>> col.keys
('spend', 'ausgaben')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .headers import fold, normalise_header

ColumnType = Literal["text", "int", "float", "money", "rate", "date", "datetime", "zoned"]
#: How a kind's rows relate to time, which decides what a file covers:
#: ``daily``: rows dated by day or by their own period (ads, Business Reports, orders, payments);
#: ``monthly``: one row per month, dated on its first day, standing for the whole month;
#: ``snapshot``: each file is the state on its date, standing for the month that ends there;
#: ``static``: no dates; a file only has to be present (product master, keyword research).
TimeModel = Literal["daily", "monthly", "snapshot", "static"]
TIME_MODELS = ("daily", "monthly", "snapshot", "static")


@dataclass(frozen=True)
class Column:
    """One canonical column and the headers Amazon has used for it."""

    name: str
    aliases: tuple[str, ...]
    type: ColumnType = "text"
    required: bool = False
    bare: Literal["fraction", "percent"] = "fraction"
    formats: tuple[str, ...] = ()
    #: Formats depend on the marketplace's date order (``MDY``/``DMY``).
    order_sensitive: bool = False
    #: Normalises the raw cells before they are parsed by type (IDs, flags: see :mod:`.kinds.prepare`).
    prepare: Callable | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        """The aliases as normalised matching keys."""
        return tuple(normalise_header(a).key for a in self.aliases)


@dataclass(frozen=True)
class ReportKind:
    """A report kind: what identifies it and how its columns map to the canonical frame.

    ``excludes`` lists canonical columns whose presence means the file is a
    different kind (a targeting report has no search-term column). ``key`` is
    the natural key used to de-duplicate overlapping downloads of one marketplace
    (empty: never de-duplicated, as for keyword research exports, one per product). ``variants``
    are ``(label, predicate)`` pairs over the canonical columns found plus the
    normalised raw headers; the first that holds names the header variant.
    """

    name: str
    title: str
    columns: tuple[Column, ...]
    #: A short name for tables and charts ("SP search terms").
    label: str = ""
    key: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    time_model: TimeModel = "daily"
    #: Canonical date columns that give a row's period (first one wins).
    period: tuple[str, ...] = ()
    variants: tuple[tuple[str, Callable[[frozenset[str]], bool]], ...] = ()
    #: Headers matching this regex (after folding) are kept, named by ``extra_name``.
    extra_pattern: str | None = None
    extra_name: Callable[[str], str] | None = None
    extra_type: ColumnType = "int"
    #: A column carrying the currency; otherwise headers, values or preamble tell.
    currency_column: str | None = "currency"
    #: Whether the currency names the marketplace (not for a product master's purchase costs).
    marketplace_from_currency: bool = True
    #: A function reading metadata (currency, marketplace, notes) from preamble lines.
    preamble: Callable[[list[str]], dict] | None = None
    #: Columns beyond the required ones and the period whose cells the analyses need (the amounts of a P&L):
    #: an unreadable cell here rejects its row instead of being left empty.
    needed_columns: tuple[str, ...] = ()
    #: The kind this one is read as (an old layout of the same report), and the function that turns its
    #: canonical frame and quality record into that kind's: ``reshape(frame, quality) -> (frame, quality)``.
    reads_as: str | None = None
    reshape: Callable | None = None
    #: ``(reason, predicate)``: rows that are structure, not data (a settlement summary row);
    #: they are taken out of the frame and counted under the reason.
    structural: tuple[tuple[str, Callable], ...] = ()

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.title)
        names = [c.name for c in self.columns]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.name}: duplicate canonical column names")
        if self.time_model not in TIME_MODELS:
            raise ValueError(f"{self.name}: time_model must be one of {TIME_MODELS}, got {self.time_model!r}")
        if (self.time_model == "static") != (not self.period):
            raise ValueError(f"{self.name}: a kind has period columns exactly when it is not static")

    @property
    def required(self) -> tuple[str, ...]:
        """Columns a file must have to be this kind."""
        return tuple(c.name for c in self.columns if c.required)

    @property
    def needed(self) -> tuple[str, ...]:
        """Columns whose cells the analyses need: the required ones and the row's period. A row with an
        unreadable cell here is rejected; elsewhere the cell becomes missing and the row is kept."""
        extra = tuple(dict.fromkeys(c for c in (*self.period, *self.needed_columns) if c not in self.required))
        return self.required + extra

    def alias_index(self) -> dict[str, Column]:
        """Map each normalised alias to its column; an alias may serve one column only."""
        index: dict[str, Column] = {}
        for col in self.columns:
            for key in col.keys:
                if key in index and index[key].name != col.name:
                    raise ValueError(f"{self.name}: alias {key!r} used by {index[key].name} and {col.name}")
                index[key] = col
        return index

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


def to_snake_case(header: str) -> str:
    """Canonical snake_case name of a header.

    Examples
    --------
    >>> to_snake_case("afn-fulfillable-quantity")
    'afn_fulfillable_quantity'
    """
    out = "".join(ch if ch.isalnum() else "_" for ch in fold(header))
    while "__" in out:
        out = out.replace("__", "_")
    return out.strip("_")


def declare_flat_columns(
    headers: str,
    types: dict[str, ColumnType],
    *,
    required: tuple[str, ...] = (),
    formats: dict[str, tuple[str, ...]] | None = None,
) -> tuple[Column, ...]:
    """Columns for a flat file whose headers are already machine names (``afn-total-quantity``).

    ``types`` maps canonical names to types; unlisted columns are text.

    Examples
    --------
    >>> [c.name for c in declare_flat_columns("sku, afn-total-quantity", {"afn_total_quantity": "int"})]
    ['sku', 'afn_total_quantity']
    """
    formats = formats or {}
    cols = []
    for header in (h.strip() for h in headers.replace("\n", ",").split(",")):
        if not header:
            continue
        name = to_snake_case(header)
        cols.append(Column(name, (header,), types.get(name, "text"), name in required, formats=formats.get(name, ())))
    return tuple(cols)
