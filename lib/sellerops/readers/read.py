"""The one entry point: ``read_report(path_or_folder_or_glob, kind=None)``.

A single file, a folder (read recursively) or a glob of files of one kind is
read into one canonical frame. The kind is detected from the headers when not
given. Rows that appear in more than one download (overlapping date ranges)
are kept once — from the download that reaches furthest, whose late
attribution is the most complete — and counted as rejected duplicates.
"""

from __future__ import annotations

import glob as globlib
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .convert import to_canonical
from .errors import ReportFormatError
from .json_reports import read_json_report
from .matching import match_headers, missing_required, nearest_headers
from .quality import DataQuality
from .raw import RawTable, load_raw
from .registry import KINDS, get_kind
from .schema import ReportKind
from .sources import Source, is_json, list_sources, sources_of

#: The rejection reason of a row that an overlapping download also holds.
DUPLICATE = "duplicate of a row in an overlapping download"
ALL_KEYS = frozenset(key for k in KINDS.values() for key in k.alias_index())


class Report(NamedTuple):
    """A canonical frame and the record of how it was read; unpacks as ``frame, quality``."""

    frame: pd.DataFrame
    quality: DataQuality


def resolve_sources(source: str | Path | list) -> list[Source]:
    """The reports a file, folder, glob or list of these names, archives expanded, sorted by name.

    Examples
    --------
    >>> from sellerops import paths
    >>> resolve_sources(paths.PACKAGE_DIR / "nowhere-*.csv")
    Traceback (most recent call last):
    ...
    sellerops.readers.errors.ReportFormatError: ...nowhere-*.csv: no files match
    """
    if isinstance(source, (list, tuple)):
        found = {s.name: s for item in source for s in resolve_sources(item)}
        return [found[name] for name in sorted(found)]
    path = Path(source)
    if path.is_dir():
        sources = list_sources(path).sources
    elif any(ch in str(source) for ch in "*?["):
        sources = [
            s
            for p in sorted(globlib.glob(str(source), recursive=True))
            if Path(p).is_file()
            for s in sources_of(p).sources
        ]
    elif path.exists():
        sources = sources_of(path).sources
    else:
        raise ReportFormatError(path, "no such file or folder")
    if not sources:
        raise ReportFormatError(path, "no files match" if not path.is_dir() else "holds no report files")
    return sorted(sources, key=lambda s: s.name)


def resolve_files(source: str | Path | list) -> list[Path]:
    """The files on disk that hold the reports of ``source`` (an archive once for all its members)."""
    return sorted({s.path if s.data is None else s.path.parent for s in resolve_sources(source)})


def detect_kind(raw: RawTable) -> ReportKind:
    """The kind whose required columns are all present and whose excluded columns are absent.

    Raises
    ------
    ReportFormatError
        No kind fits: names the closest kind and what it misses.
    """
    fits: list[tuple[int, ReportKind]] = []
    near: list[tuple[tuple[int, int], ReportKind, list[str]]] = []
    matched = {kind.name: match_headers(raw.headers, kind) for kind in KINDS.values()}
    # A column any kind recognises (a search-term column) rules out the kinds that exclude it.
    anywhere = {name for match in matched.values() for name in match.found}
    for kind in KINDS.values():
        found = matched[kind.name].found
        missing = missing_required(matched[kind.name], kind)
        excluded = [e for e in kind.excludes if e in anywhere]
        if not missing and not excluded:
            fits.append((len(found), kind))
        elif not excluded:
            near.append(((len(kind.required) - len(missing), len(found)), kind, missing))
    if fits:
        fits.sort(key=lambda t: -t[0])
        return fits[0][1]
    if near:
        near.sort(key=lambda t: t[0], reverse=True)
        _, kind, missing = near[0]
        raise ReportFormatError(
            raw.path,
            "is not a report kind this workbook reads; closest kind",
            kind=kind.name,
            missing=missing,
            nearest=nearest_headers(raw.headers, kind, missing),
        )
    raise ReportFormatError(raw.path, "is not a report kind this workbook reads", nearest=raw.headers[:8])


def read_reports(
    path: Path,
    kind: str | ReportKind | None = None,
    *,
    date_order: str | None = None,
    encoding: str | None = None,
    data: bytes | None = None,
    marketplace: str | None = None,
) -> list[Report]:
    """Every report one file holds: one for a CSV or xlsx export, one per table for a JSON report
    (an SP-API Sales and Traffic file holds the by-date and the by-ASIN table).

    ``data`` holds the bytes of an archive member named ``path``. A kind read as another (the old settlement
    flat file as V2) comes back as that other kind.
    """
    wanted = get_kind(kind) if isinstance(kind, str) else kind
    if data is None and Path(path).suffix.lower() == ".json":
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ReportFormatError(path, f"cannot be opened: {exc.strerror or exc}") from None
    if data is not None and is_json(data):
        reports = read_json_report(
            path, data, kind=wanted.name if wanted else None, date_order=date_order, marketplace=marketplace
        )
        return [_reshaped(r, get_kind(r.quality.kind)) for r in reports]
    raw = load_raw(path, ALL_KEYS, encoding=encoding, data=data)
    detected = detect_kind_or_none(raw) if wanted else detect_kind(raw)
    if wanted is None or (detected is not None and detected.reads_as == wanted.name):
        wanted = detected
    elif detected is not None and detected.name != wanted.name:
        raise ReportFormatError(
            path,
            f"was read as {wanted.name} but its headers are those of {detected.name} ({detected.title})",
            kind=wanted.name,
        )
    return [_reshaped(Report(*to_canonical(raw, wanted, date_order=date_order, marketplace=marketplace)), wanted)]


def _reshaped(report: Report, kind: ReportKind) -> Report:
    if kind.reshape is None:
        return report
    return Report(*kind.reshape(report.frame, report.quality))


def read_file(path: Path, kind: str | ReportKind | None = None, **options) -> Report:
    """Read one file that holds one report; see :func:`read_reports` and :func:`read_report`.

    Raises
    ------
    ReportFormatError
        The file holds several reports (a JSON report with two tables) and ``kind`` does not pick one.
    """
    reports = read_reports(path, kind, **options)
    if len(reports) > 1:
        held = ", ".join(r.quality.kind for r in reports)
        raise ReportFormatError(
            path, f"holds more than one report kind ({held}); read one kind at a time or pass kind="
        )
    return reports[0]


def drop_identical(sources: list[Source]) -> tuple[list[Source], dict[str, str]]:
    """The sources with byte-identical copies removed, and ``{copy name: the name kept}``.

    Two downloads of the same report are one report: counting both would double its rows, and
    reports without dates cannot be de-duplicated row by row.
    """
    if len(sources) < 2:
        return list(sources), {}
    kept: dict[str, Source] = {}
    copies: dict[str, str] = {}
    for source in sources:
        digest = source.digest()
        if digest in kept:
            copies[source.name] = kept[digest].name
        else:
            kept[digest] = source
    return list(kept.values()), copies


def detect_kind_or_none(raw: RawTable) -> ReportKind | None:
    try:
        return detect_kind(raw)
    except ReportFormatError:
        return None


def read_report(
    source: str | Path | list,
    kind: str | None = None,
    *,
    date_order: str | None = None,
    encoding: str | None = None,
    marketplace: str | None = None,
) -> Report:
    """Read Amazon exports of one kind into a canonical frame and a :class:`DataQuality` record.

    Parameters
    ----------
    source : str or Path
        A file, a folder (read recursively), a glob such as ``"ads/*.xlsx"``, or a list of these.
    kind : str, optional
        A name from :data:`sellerops.readers.KINDS`; detected from the headers when omitted.
    date_order : {"MDY", "DMY"}, optional
        For reports whose slash dates depend on the marketplace (Business Reports):
        by default US dollars mean month first and other currencies day first.
    encoding : str, optional
        Overrides detection (UTF-8 with or without BOM, then CP932, then CP1252).
    marketplace : str, optional
        The marketplace the files belong to, where nothing in them says it: decides what a bare ``$``
        means (US, CA, AU, MX and SG all write it).

    Returns
    -------
    Report
        ``(frame, quality)``.

    Raises
    ------
    ReportFormatError
        Empty, truncated beyond reading, of another kind, or missing required columns.

    Examples
    --------
    >>> from sellerops import paths
    >>> frame, dq = read_report(paths.SAMPLE_DIR / "us" / "ads" / "search_terms")
    >>> dq.kind, dq.attribution_days, dq.currencies, dq.rows_read - dq.rows_used
    ('sp_search_term', 7, ['USD'], 221)
    >>> dq.overlaps[0].split(";")[0]
    '221 rows of Sponsored Products Search term report - 2026-10-25_2026-10-31.xlsx also in Sponsored Products Search term report - 2026-10.xlsx (2026-10-25..2026-10-31)'
    """
    sources, copies = drop_identical(resolve_sources(source))
    reports = [
        read_file(s.path, kind, date_order=date_order, encoding=encoding, data=s.data, marketplace=marketplace)
        for s in sources
    ]
    kinds = {r.quality.kind for r in reports}
    if len(kinds) > 1:
        listing = "; ".join(f"{Path(r.quality.files[0]).name}: {r.quality.kind}" for r in reports)
        raise ReportFormatError(
            source, f"holds more than one report kind ({listing}); read one kind at a time or pass kind="
        )
    report = reports[0] if len(reports) == 1 else combine_reports(reports)
    for copy, original in copies.items():
        report.quality.note(f"{copy} is byte-identical to {original}: read once")
    return report


def combine_reports(reports: list[Report]) -> Report:
    """Concatenate reports of one kind read file by file, keeping each overlapping row once."""
    kind = get_kind(reports[0].quality.kind)
    dq = DataQuality()
    for r in reports:
        dq.merge(r.quality)
    if len(reports) == 1:  # one file has nothing to overlap with
        dq.rows_used = len(reports[0].frame)
        return Report(reports[0].frame, dq)
    # Rank files by how far they reach, then by name: the later download wins a tie.
    order = sorted(range(len(reports)), key=lambda i: (_reach(reports[i].quality), reports[i].quality.files[0]))
    rank = {i: r for r, i in enumerate(order)}
    frames = []
    for i, r in enumerate(reports):
        f = r.frame.copy()
        f["_file_rank"] = rank[i]
        f["_market"] = r.quality.marketplace or ""  # DE and FR rows are never each other's duplicates
        frames.append(f)
    frame = pd.concat(frames, ignore_index=True)
    key = [c for c in kind.key if c in frame.columns] + ["_market"] if kind.key else []
    overlapping = _overlapping(reports, kind)
    if key and len(frame) and overlapping:
        # only rows of files whose dates overlap another file's can be duplicates: group those alone
        candidate = frame["_file_rank"].isin([rank[i] for i in overlapping]).to_numpy()
        best = frame["_file_rank"].copy()
        best[candidate] = frame[candidate].groupby(key, dropna=False, sort=False)["_file_rank"].transform("max")
        dup = frame["_file_rank"] < best
        period = [c for c in kind.period if c in frame.columns]
        if period:  # rows of unknown period cannot be matched across files: keep them all
            undated = frame[period].isna().all(axis=1)
            if (dup & undated).any():
                dq.note("files without a period (no date column, none in the file name) were not de-duplicated")
            dup &= ~undated
        if dup.any():
            dropped = frame[dup]
            names = {rank[i]: Path(reports[i].quality.files[0]).name for i in range(len(reports))}
            for (lo, hi), part in dropped.assign(_best=best[dup]).groupby(["_file_rank", "_best"]):
                period = _period_text(part, kind)
                dq.overlaps.append(f"{len(part)} rows of {names[lo]} also in {names[hi]}{period}; kept {names[hi]}")
                dq.reject(DUPLICATE, len(part), [f"{names[lo]} (kept {names[hi]})"])
            frame = frame[~dup]
    _refuse_overlapping_summaries(reports, frame["_file_rank"].map({r: i for i, r in rank.items()}), kind)
    frame = frame.drop(columns=["_file_rank", "_market"]).reset_index(drop=True)
    dq.rows_used = len(frame)
    return Report(frame, dq)


def _overlapping(reports: list[Report], kind: ReportKind) -> set[int]:
    """Indexes of the reports whose dated rows overlap another report's dates (every report, for undated kinds).

    Two rows with the same key fall on the same day (the day is in the key, or fixed by it, as an order's
    purchase date), so a file whose days no other file reaches holds no duplicates.
    """
    spans = []
    for i, r in enumerate(reports):
        cols = [c for c in kind.period if c in r.frame.columns]
        if not cols:
            return set(range(len(reports)))
        values = pd.concat([r.frame[c] for c in cols], ignore_index=True).dropna()
        if len(values):
            spans.append((i, values.min(), values.max()))
    found = set()
    for a, (i, s1, e1) in enumerate(spans):
        for j, s2, e2 in spans[a + 1 :]:
            if s1 <= e2 and s2 <= e1:
                found |= {i, j}
    return found


def _reach(dq: DataQuality):
    return dq.end if dq.end is not None and not pd.isna(dq.end) else pd.Timestamp.min


def _period_text(part: pd.DataFrame, kind: ReportKind) -> str:
    cols = [c for c in kind.period if c in part.columns and part[c].notna().any()]
    if not cols:
        return ""
    values = part[cols[0]]
    return f" ({values.min():%Y-%m-%d}..{values.max():%Y-%m-%d})"


def _summary_spans(reports: list[Report]) -> dict[int, tuple[pd.Timestamp, pd.Timestamp]]:
    """Per file, the range its summary rows cover (each row's Start/End are that row's own activity)."""
    spans = {}
    for i, r in enumerate(reports):
        f = r.frame
        if not {"date", "start_date", "end_date"} <= set(f.columns):
            continue
        summary = f[f["date"].isna() & f["start_date"].notna()]
        if len(summary):
            spans[i] = (summary["start_date"].min(), summary["end_date"].max())
    return spans


def _refuse_overlapping_summaries(reports: list[Report], kept: pd.Series, kind: ReportKind) -> None:
    """Summary downloads over overlapping ranges cannot be split apart unless one is an identical re-download."""
    spans = _summary_spans(reports)
    remaining = kept.value_counts().to_dict()
    items = sorted(spans.items(), key=lambda t: t[1])
    for n, (i, (s1, e1)) in enumerate(items):
        for j, (s2, e2) in items[n + 1 :]:
            if s2 <= e1 and remaining.get(i, 0) and remaining.get(j, 0):
                f1, f2 = (Path(reports[k].quality.files[0]).name for k in (i, j))
                raise ReportFormatError(
                    f2,
                    f"summary download {s2:%Y-%m-%d}..{e2:%Y-%m-%d} overlaps {f1} ({s1:%Y-%m-%d}..{e1:%Y-%m-%d}); "
                    "summary rows cannot be split by day, so the overlap cannot be de-duplicated: download daily rows "
                    "(time unit Daily) or non-overlapping ranges",
                    kind=kind.name,
                )
