"""A data folder read once: what every file holds, and the combined frame of any kind on demand.

``open_folder(folder)`` reads every report below a folder (archives expanded) once, through the
on-disk cache of :mod:`.cache`, and tables what each holds: kind, variant, marketplace, period, rows
read, used and rejected. ``catalog.load(kind, marketplace=, start=, end=)`` then returns the combined,
de-duplicated frame of one kind for one marketplace and period, with its :class:`DataQuality`, which
is what every analysis notebook needs in one call.

Byte-identical files are read once (the copy is listed with the file it copies); files that are not
reports are listed with the reason; files that cannot be read are listed with the error. Every table
carries the marketplace (missing where a file has none, such as the product master, which then
serves every marketplace).

Examples
--------
>>> from sellerops import paths
>>> catalog = open_folder(paths.SAMPLE_DIR / "us" / "keywords", cache=False)
>>> print(catalog.files[["kind", "read", "used", "rejected"]].sort_values("kind").to_string(index=False))
               kind  read  used  rejected
brand_analytics_sqp    30    30         0
        h10_cerebro   391   391         0
         h10_magnet   391   391         0
>>> catalog.load("h10_cerebro", marketplace="us").quality.rows_used
391
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .cache import FrameCache, default_cache_dir
from .errors import ReportFormatError
from .kinds.keepa import listing_history_from_keepa
from .provenance import MARKETPLACE_CODES, parse_marketplace, read_period_from_name
from .quality import DataQuality
from .read import DUPLICATE, Report, combine_reports, read_file, read_reports
from .registry import KINDS, get_kind
from .sources import ARCHIVE_SUFFIXES, DATA_SUFFIXES, Source, list_sources

#: Columns of :attr:`Catalog.files`.
FILE_COLUMNS = [
    "file",
    "kind",
    "report",
    "time_model",
    "period_source",
    "variant",
    "marketplace",
    "currency",
    "window",
    "start",
    "end",
    "named_start",
    "named_end",
    "read",
    "used",
    "rejected",
    "blanked",
    "format_problem",
]
REJECTION_COLUMNS = ["file", "kind", "report", "marketplace", "reason", "rows", "examples"]
BLANKED_COLUMNS = ["file", "kind", "report", "marketplace", "reason", "cells", "examples"]
UNKNOWN_COLUMNS = ["file", "kind", "report", "marketplace", "unknown_columns"]
ERROR_COLUMNS = ["file", "error"]
SKIPPED_COLUMNS = ["file", "reason"]
OVERLAP_COLUMNS = ["kind", "report", "marketplace", "files", "read", "used", "duplicates", "overlaps"]


@dataclass(frozen=True)
class FolderTables:
    """What a folder holds for one marketplace (files of no marketplace included), as plain tables."""

    folder: str
    marketplace: str | None
    marketplaces: list[str]
    files: pd.DataFrame
    rejections: pd.DataFrame
    blanked: pd.DataFrame
    unknown_columns: pd.DataFrame
    errors: pd.DataFrame
    skipped: pd.DataFrame
    overlaps: pd.DataFrame
    #: The short name of every report kind the readers know (``sp_search_term`` -> ``SP search terms``).
    labels: dict[str, str]


@dataclass(frozen=True)
class Inputs:
    """What one analysis loaded: a frame and a quality record per kind, and the optional kinds not found."""

    marketplace: str | None
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    frames: dict[str, pd.DataFrame]
    qualities: dict[str, DataQuality]
    #: Optional kinds the folder does not hold for this marketplace (the analysis says what it cannot show).
    missing: list[str]
    #: The short name of every kind (``sp_search_term`` -> ``SP search terms``).
    labels: dict[str, str]

    def has(self, kind: str) -> bool:
        return kind in self.frames


class MissingReportError(ReportFormatError):
    """The folder holds no report of a kind (for a marketplace): the analysis says what it cannot show."""


@dataclass
class _Entry:
    source: Source
    digest: str
    quality: DataQuality | None = None
    frame: pd.DataFrame | None = None
    cache_key: str = ""


@dataclass
class Catalog:
    """The reports of one folder; see :func:`open_folder`.

    Attributes
    ----------
    folder : Path
    files : DataFrame
        One row per report read (see :data:`FILE_COLUMNS`); ``named_start``/``named_end`` is the
        period the file's name gives, where it holds the file's own dates.
    rejections : DataFrame
        Rejected rows by file and reason, with example locations and values.
    blanked : DataFrame
        Unreadable cells of columns no analysis needs, left missing (rows kept), by file and reason.
    unknown_columns : DataFrame
        Headers no alias matched, by file (Amazon renamed or added something).
    errors : DataFrame
        Files that could not be read at all, with the reason.
    skipped : DataFrame
        Files that are not reports, and byte-identical copies of another file, with the reason.
    """

    folder: Path
    files: pd.DataFrame
    rejections: pd.DataFrame
    blanked: pd.DataFrame
    unknown_columns: pd.DataFrame
    errors: pd.DataFrame
    skipped: pd.DataFrame
    _entries: dict[str, _Entry] = field(repr=False, default_factory=dict)
    _cache: FrameCache | None = field(repr=False, default=None)

    @property
    def marketplaces(self) -> list[str]:
        """The marketplaces the folder's files belong to."""
        return sorted(self.files["marketplace"].dropna().unique().tolist())

    @property
    def qualities(self) -> dict[str, DataQuality]:
        """The quality record of every report read, by file."""
        return {name: e.quality for name, e in self._entries.items()}

    def check_marketplace(self, marketplace: str | None) -> str | None:
        """``marketplace`` as the readers write it (``us`` -> ``US``, ``GB`` -> ``UK``), checked against the folder.

        Raises
        ------
        ReportFormatError
            The folder holds no file of that marketplace; the message lists the ones it holds.
        """
        if marketplace is None or str(marketplace).strip() == "":
            return None
        code = parse_marketplace(marketplace)
        if code not in self.marketplaces:
            present = ", ".join(self.marketplaces) or "none (no file says its marketplace)"
            known = "" if code in MARKETPLACE_CODES else " (not a marketplace code the readers know)"
            raise ReportFormatError(
                self.folder, f"holds no files of marketplace {marketplace!r}{known}; it holds: {present}"
            )
        return code

    def kinds(self, marketplace: str | None = None) -> list[str]:
        """The report kinds present for ``marketplace`` (files of no marketplace count for every one)."""
        return sorted(self._select(None, self.check_marketplace(marketplace))["kind"].unique().tolist())

    def has(self, kind: str, marketplace: str | None = None) -> bool:
        """Whether the folder holds a report of ``kind`` for ``marketplace``."""
        get_kind(kind)
        market = self.check_marketplace(marketplace)
        if kind == "listing_history" and self._select(kind, market).empty:
            return not self._select("keepa_product", market).empty  # built from Keepa exports
        return not self._select(kind, market).empty

    def _select(self, kind: str | None, marketplace: str | None) -> pd.DataFrame:
        files = self.files
        if kind is not None:
            files = files[files["kind"] == kind]
        if marketplace is not None:
            files = files[files["marketplace"].isna() | (files["marketplace"] == marketplace)]
        return files

    def downloads(self, kind: str, marketplace: str | None = None) -> dict[str, Report]:
        """Each file of ``kind`` for a marketplace on its own, by file name, overlapping downloads not combined:
        to compare what two downloads say of the same days (how Amazon restates the last ones)."""
        get_kind(kind)
        return {name: self._report(name) for name in self._select(kind, self.check_marketplace(marketplace))["file"]}

    def report(self, file: str) -> Report:
        """The canonical frame and quality record of one file of the catalog (by its name in ``files``)."""
        if file not in self._entries:
            raise KeyError(f"{file!r} is not a report of {self.folder}")
        return self._report(file)

    def _report(self, name: str) -> Report:
        entry = self._entries[name]
        if entry.frame is not None:  # kept in memory: every load gets its own copy to change
            return Report(entry.frame.copy(), entry.quality)
        cached = self._cache.get_frame(entry.cache_key) if self._cache else None
        if cached is None:  # the entry vanished or broke since the scan: read the file again, and re-cache it
            report = read_file(entry.source.path, data=entry.source.data)
            if self._cache:
                self._cache.misses += 1
                self._cache.put(entry.cache_key, report.frame, report.quality)
            return Report(report.frame, entry.quality)
        return Report(cached, entry.quality)

    def load(
        self,
        kind: str,
        *,
        marketplace: str | None = None,
        start: str | pd.Timestamp | None = None,
        end: str | pd.Timestamp | None = None,
    ) -> Report:
        """The combined, de-duplicated frame of ``kind`` for one marketplace and period.

        Parameters
        ----------
        kind : str
            A name from :data:`sellerops.readers.KINDS`.
        marketplace : str, optional
            ``US``, ``uk``…, case-insensitive; files that name no marketplace (a product master) are
            included for every marketplace.
        start, end : date, optional
            Keep the rows dated within ``start..end`` (both included). Rows outside are counted in
            ``quality.rows_outside``, not rejected. Static kinds have no dates and keep every row.

        Raises
        ------
        MissingReportError
            No report of this kind (for this marketplace) is in the folder.
        ReportFormatError
            An unknown marketplace (the message lists those present), or downloads that cannot be
            combined (overlapping summary ranges).
        """
        spec = get_kind(kind)
        market = self.check_marketplace(marketplace)
        chosen = self._select(kind, market)
        if chosen.empty and kind == "listing_history" and not self._select("keepa_product", market).empty:
            return _within(self._listing_history_from_keepa(market), spec, start, end)
        if chosen.empty:
            where = f" for marketplace {market}" if market else ""
            present = ", ".join(self.kinds(market)) or "none"
            raise MissingReportError(self.folder, f"holds no {spec.title}{where}; it holds: {present}", kind=kind)
        if spec.time_model != "static" and (start is not None or end is not None):
            # files wholly outside the period are not read at all (undated files always are)
            first = pd.Timestamp(start) if start is not None else pd.Timestamp.min
            last = pd.Timestamp(end) if end is not None else pd.Timestamp.max
            reach_start = chosen["named_start"].fillna(chosen["start"])
            reach_end = chosen["named_end"].fillna(chosen["end"])
            inside = reach_start.isna() | ((reach_end >= first) & (reach_start <= last))
            chosen = chosen[inside] if inside.any() else chosen.head(1)
        report = combine_reports([self._report(name) for name in chosen["file"]])
        if market:
            report.quality.marketplace = market
        return _within(report, spec, start, end)

    def load_inputs(
        self,
        required: list[str],
        optional: list[str] = (),
        *,
        marketplace: str | None = None,
        start: str | pd.Timestamp | None = None,
        end: str | pd.Timestamp | None = None,
    ) -> Inputs:
        """Load every kind an analysis needs in one call.

        A required kind that the folder does not hold raises :class:`MissingReportError`; an optional one
        is listed in ``missing``. Each group of alternatives may be given as ``"a|b"``: the first present wins.
        """
        market = self.check_marketplace(marketplace)
        frames, qualities, missing = {}, {}, []
        for group, needed in [(g, True) for g in required] + [(g, False) for g in optional]:
            choices = group.split("|")
            kind = next((k for k in choices if self.has(k, market)), None)
            if kind is None:
                if needed:
                    self.load(choices[0], marketplace=market)  # raises, naming what the folder holds
                missing += [k for k in choices if k not in missing]
                continue
            frames[kind], qualities[kind] = self.load(kind, marketplace=market, start=start, end=end)
        return Inputs(
            marketplace=market,
            start=pd.Timestamp(start) if start is not None else None,
            end=pd.Timestamp(end) if end is not None else None,
            frames=frames,
            qualities=qualities,
            missing=missing,
            labels={name: k.label for name, k in KINDS.items()},
        )

    def describe(self, marketplace: str | None = None) -> FolderTables:
        """The catalog's tables for one marketplace (and the files of none), overlaps included."""
        market = self.check_marketplace(marketplace)

        def mine(table: pd.DataFrame) -> pd.DataFrame:
            if market is None:
                return table.reset_index(drop=True)
            return table[table["marketplace"].isna() | (table["marketplace"] == market)].reset_index(drop=True)

        return FolderTables(
            folder=self.folder.name,
            marketplace=market,
            marketplaces=self.marketplaces,
            files=mine(self.files),
            rejections=mine(self.rejections),
            blanked=mine(self.blanked),
            unknown_columns=mine(self.unknown_columns),
            errors=self.errors,
            skipped=self.skipped,
            overlaps=self.overlaps(market),
            labels={name: kind.label for name, kind in KINDS.items()},
        )

    def _listing_history_from_keepa(self, market: str | None) -> Report:
        """A listing history built from monthly Keepa exports of the seller's own ASINs (no file of its own)."""
        keepa = self.load("keepa_product", marketplace=market)
        master = self.load("product_master").frame if self.has("product_master") else None
        currencies = keepa.quality.currencies
        frame = listing_history_from_keepa(
            keepa.frame, master, marketplace=market, currency=currencies[0] if len(currencies) == 1 else None
        )
        dq = copy.deepcopy(keepa.quality)
        dq.kind, dq.title, dq.time_model = "listing_history", get_kind("listing_history").title, "monthly"
        dq.rows_used = len(frame)
        dq.rows_read = dq.rows_used + dq.rows_rejected + dq.rows_outside
        dq.note(f"listing history built from {len(dq.files)} Keepa exports (the folder has no listing_history.csv)")
        return Report(frame, dq)

    def overlaps(self, marketplace: str | None = None) -> pd.DataFrame:
        """Kinds whose downloads overlapped, per marketplace: rows read, used, and what was kept."""
        market = self.check_marketplace(marketplace)
        rows = []
        files = self._select(None, market)
        for (kind, file_market), part in files.groupby(["kind", files["marketplace"].fillna("")], sort=True):
            if len(part) < 2:
                continue
            try:
                dq = combine_reports([self._report(name) for name in part["file"]]).quality
            except ReportFormatError as exc:
                rows.append(
                    {
                        "kind": kind,
                        "report": get_kind(kind).label,
                        "marketplace": file_market or None,
                        "files": len(part),
                        "overlaps": str(exc),
                    }
                )
                continue
            if dq.overlaps:
                rows.append(
                    {
                        "kind": kind,
                        "report": get_kind(kind).label,
                        "marketplace": file_market or None,
                        "files": len(part),
                        "read": dq.rows_read,
                        "used": dq.rows_used,
                        "duplicates": dq.rejected.get(DUPLICATE, 0),
                        "overlaps": " | ".join(dq.overlaps),
                    }
                )
        return pd.DataFrame(rows, columns=OVERLAP_COLUMNS)


def _within(report: Report, kind, start, end) -> Report:
    frame, dq = report
    if kind.time_model == "static" or (start is None and end is None):
        return report
    column = next((c for c in kind.period if c in frame.columns and frame[c].notna().any()), None)
    if column is None:
        return report
    first = pd.Timestamp(start) if start is not None else pd.Timestamp.min
    last = pd.Timestamp(end) if end is not None else pd.Timestamp.max
    row_start = frame[column].dt.normalize()
    row_end = frame["end_date"].fillna(row_start) if "end_date" in frame.columns else row_start
    if dq.time_model == "monthly":
        row_end = row_start + pd.offsets.MonthEnd(0)
    keep = ((row_end >= first.normalize()) & (row_start <= last)) | frame[column].isna()
    outside = int((~keep).sum())
    if outside:
        frame = frame[keep].reset_index(drop=True)
        dq.rows_used -= outside
        dq.rows_outside += outside
    if start is not None:
        dq.start = max(dq.start, first) if dq.start is not None else None
    if end is not None:
        dq.end = min(dq.end, last) if dq.end is not None else None
    return Report(frame, dq)


def _read(entry: _Entry, cache: FrameCache | None) -> list[_Entry]:
    """The reports of one source, from the cache or by reading it; a file that cannot be read raises, cached too.

    A file holding several reports (an SP-API JSON with a by-date and a by-ASIN table) gives one entry per
    report; those are kept in memory rather than cached (such files are small).
    """
    path = entry.source.path
    if cache is not None:
        entry.cache_key = cache.key(path, entry.digest)
        quality = cache.get_quality(entry.cache_key)
        if quality is not None:
            cache.hits += 1
            entry.quality = quality
            entry.quality.files = [str(path)]
            return [entry]
        error = cache.get_error(entry.cache_key)
        if error is not None:
            cache.hits += 1
            raise ReportFormatError(path, **error)
        cache.misses += 1
    try:
        reports = read_reports(path, data=entry.source.data)
    except ReportFormatError as exc:
        if cache is not None:
            cache.put_error(
                entry.cache_key,
                {"problem": exc.problem, "kind": exc.kind, "missing": exc.missing, "nearest": exc.nearest},
            )
        raise
    if len(reports) > 1:
        return [_Entry(entry.source, entry.digest, dq, frame) for frame, dq in reports]
    frame, entry.quality = reports[0]
    if cache is not None:
        cache.put(entry.cache_key, frame, entry.quality)
    else:
        entry.frame = frame
    return [entry]


def _add_rows(name: str, entry: _Entry, rows: list, rejections: list, blanked: list, unknown: list) -> None:
    """Add one report's rows to the catalog's tables (files, rejections, cells left empty, unknown columns)."""
    dq = entry.quality
    about = {"file": name, "kind": dq.kind, "report": get_kind(dq.kind).label, "marketplace": dq.marketplace}
    rows.append(_file_row(name, entry))
    for reason, count in dq.rejected.items():
        rejections.append(
            {**about, "reason": reason, "rows": count, "examples": "; ".join(dq.examples.get(reason, []))}
        )
    for reason, count in dq.blanked.items():
        examples = "; ".join(dq.blanked_examples.get(reason, []))
        blanked.append({**about, "reason": reason, "cells": count, "examples": examples})
    if dq.unknown_columns:
        unknown.append({**about, "unknown_columns": ", ".join(dq.unknown_columns)})


def _file_row(name: str, entry: _Entry) -> dict:
    dq = entry.quality
    named_start, named_end = read_period_from_name(Path(name))
    return {
        "file": name,
        "kind": dq.kind,
        "report": get_kind(dq.kind).label,
        "time_model": dq.time_model,
        "period_source": dq.period_source,
        "variant": dq.variant,
        "marketplace": dq.marketplace,
        "currency": "/".join(dq.currencies),
        "window": f"{dq.attribution_days}d" if dq.attribution_days else "",
        "start": dq.start,
        "end": dq.end,
        "named_start": named_start if dq.start is not None else None,
        "named_end": named_end if dq.end is not None else None,
        "read": dq.rows_read,
        "used": dq.rows_used,
        "rejected": dq.rows_rejected,
        "blanked": sum(dq.blanked.values()),
        "format_problem": dq.format_problem,
    }


def open_folder(folder: str | Path, *, cache: bool = True, cache_dir: str | Path | None = None) -> Catalog:
    """Read every report below ``folder`` once and table what each holds.

    Parameters
    ----------
    folder : path
        A folder of exports (sub-folders per marketplace such as ``us/`` tell the marketplace of
        files that do not say it themselves).
    cache : bool
        Keep canonical frames on disk (see :mod:`.cache`); ``False`` reads every file afresh.
    cache_dir : path, optional
        Where the cache lives; default :func:`.cache.default_cache_dir` (``SELLEROPS_CACHE``).

    Raises
    ------
    ReportFormatError
        The folder does not exist, or holds no report file (the message says what was looked for).
    """
    folder = Path(folder)
    found = list_sources(folder)
    if not found.sources:
        looked = ", ".join(sorted(DATA_SUFFIXES | ARCHIVE_SUFFIXES))
        raise ReportFormatError(folder, f"holds no report files (looked for {looked}, in sub-folders too)")
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    store = FrameCache(root) if cache and root is not None else None
    entries: dict[str, _Entry] = {}
    by_digest: dict[str, str] = {}
    rows, rejections, blanked, unknown, errors = [], [], [], [], []
    skipped = [{"file": s.name, "reason": s.reason} for s in found.skipped]
    for source in found.sources:
        digest = store.digest(source.path, source.digest) if store and source.data is None else source.digest()
        if digest in by_digest:
            skipped.append({"file": source.name, "reason": f"byte-identical to {by_digest[digest]}: read once"})
            continue
        by_digest[digest] = source.name
        try:
            found_entries = _read(_Entry(source, digest), store)
        except ReportFormatError as exc:
            errors.append({"file": source.name, "error": str(exc).replace(str(source.path), source.name)})
            continue
        for entry in found_entries:
            name = source.name if len(found_entries) == 1 else f"{source.name} [{get_kind(entry.quality.kind).label}]"
            entries[name] = entry
            _add_rows(name, entry, rows, rejections, blanked, unknown)
    files = pd.DataFrame(rows, columns=FILE_COLUMNS)
    dates = ["start", "end", "named_start", "named_end"]
    files[dates] = files[dates].apply(lambda c: pd.to_datetime(c).astype("datetime64[ns]"))
    # A period named in the file counts only where it holds the file's own dates.
    named = files["named_start"].le(files["start"]) & files["named_end"].ge(files["end"])
    files.loc[~named, ["named_start", "named_end"]] = pd.NaT
    return Catalog(
        folder=folder,
        files=files,
        rejections=pd.DataFrame(rejections, columns=REJECTION_COLUMNS),
        blanked=pd.DataFrame(blanked, columns=BLANKED_COLUMNS),
        unknown_columns=pd.DataFrame(unknown, columns=UNKNOWN_COLUMNS),
        errors=pd.DataFrame(errors, columns=ERROR_COLUMNS),
        skipped=pd.DataFrame(skipped, columns=SKIPPED_COLUMNS),
        _entries=entries,
        _cache=store,
    )
