"""What in a folder is a report to read: data files, the members of ``.zip`` and ``.gz`` exports, and the rest.

Sellers download reports zipped (the payments report, All Orders) or gzipped (API downloads). A member
of an archive is read like a file of its own; its name stands for it (``orders.zip/orders.txt``) but is
never used as a path to write to. Archives are opened with limits on the number of members and on the
uncompressed size, so that a zip bomb is refused instead of filling the memory. Everything else in the
folder (a PDF, a screenshot) is listed as skipped with the reason, never silently ignored.

Examples
--------
>>> import gzip, tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "orders.txt.gz").write_bytes(gzip.compress(b"a\\tb\\n1\\t2\\n"))
>>> _ = (folder / "invoice.pdf").write_bytes(b"%PDF-1.4")
>>> found = list_sources(folder)
>>> [s.name for s in found.sources], [(s.name, s.reason) for s in found.skipped]
(['orders.txt.gz/orders.txt'], [('invoice.pdf', 'not a report file (.pdf)')])
"""

from __future__ import annotations

import gzip
import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ReportFormatError

#: File types the readers parse.
DATA_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ".tab", ".xlsx", ".xlsm", ".xls", ".json"})
ARCHIVE_SUFFIXES = frozenset({".zip", ".gz"})
MAX_MEMBERS = 500
MAX_MEMBER_BYTES = 2 << 30
MAX_ARCHIVE_BYTES = 4 << 30


@dataclass(frozen=True)
class Source:
    """One report to read: a file, or a member of an archive (``data`` holds its bytes)."""

    path: Path
    name: str
    data: bytes | None = field(default=None, repr=False)

    def read_bytes(self) -> bytes:
        return self.data if self.data is not None else self.path.read_bytes()

    def digest(self) -> str:
        """sha256 of the report's bytes (a file is read in chunks: exports can be a gigabyte)."""
        if self.data is not None:
            return hashlib.sha256(self.data).hexdigest()
        digest = hashlib.sha256()
        with open(self.path, "rb") as fh:
            while block := fh.read(1 << 22):
                digest.update(block)
        return digest.hexdigest()


@dataclass(frozen=True)
class Skipped:
    """A file that is not read, and why."""

    name: str
    reason: str


@dataclass
class Found:
    """The reports of a folder (sorted by name) and the files skipped."""

    sources: list[Source] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _hidden(rel: Path) -> bool:
    return any(part.startswith((".", "~$")) for part in rel.parts)


def _member_path(archive: Path, member: str) -> Path:
    # A member name is data: only its last part is kept (no "../", no absolute paths).
    return archive / Path(member.replace("\\", "/")).name


def expand_zip(path: Path, rel: str) -> Found:
    """The data members of a zip archive, within the limits; other members are listed as skipped."""
    found = Found()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReportFormatError(path, f"is not a readable zip archive: {exc}") from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_MEMBERS:
            raise ReportFormatError(path, f"holds {len(members):,} members, more than the {MAX_MEMBERS} read at most")
        total = sum(m.file_size for m in members)
        if total > MAX_ARCHIVE_BYTES:
            raise ReportFormatError(
                path, f"unpacks to {total / 1e9:.1f} GB, more than the {MAX_ARCHIVE_BYTES / 1e9:.1f} GB read at most"
            )
        for m in sorted(members, key=lambda m: m.filename):
            name = f"{rel}/{Path(m.filename).name}"
            suffix = Path(m.filename).suffix.lower()
            if Path(m.filename).name.startswith((".", "~$")) or m.filename.startswith("__MACOSX/"):
                continue
            if suffix not in DATA_SUFFIXES:
                found.skipped.append(Skipped(name, f"not a report file ({suffix or 'no extension'})"))
                continue
            if m.file_size > MAX_MEMBER_BYTES:
                raise ReportFormatError(
                    path, f"member {m.filename} unpacks to {m.file_size / 1e9:.1f} GB, more than allowed"
                )
            with archive.open(m) as fh:
                data = fh.read(MAX_MEMBER_BYTES + 1)  # the declared size can lie
            if len(data) > MAX_MEMBER_BYTES:
                raise ReportFormatError(
                    path, f"member {m.filename} unpacks to more than {MAX_MEMBER_BYTES / 1e9:.1f} GB"
                )
            found.sources.append(Source(_member_path(path, m.filename), name, data))
    return found


def expand_gzip(path: Path, rel: str) -> Found:
    """The one member of a gzip file (``orders.txt.gz`` holds ``orders.txt``), within the size limit."""
    inner = path.with_suffix("")
    try:
        with gzip.open(path) as fh:
            data = fh.read(MAX_MEMBER_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise ReportFormatError(path, f"is not a readable gzip file: {exc}") from None
    if len(data) > MAX_MEMBER_BYTES:
        raise ReportFormatError(path, f"unpacks to more than {MAX_MEMBER_BYTES / 1e9:.1f} GB")
    if inner.suffix.lower() not in DATA_SUFFIXES:
        if not is_json(data):  # Ads API downloads are often a bare .gz of JSON
            return Found(skipped=[Skipped(rel, f"a gzip file of an unknown type ({inner.suffix or 'no extension'})")])
        inner = inner.with_name(inner.name + ".json")
    return Found([Source(path / inner.name, f"{rel}/{inner.name}", data)])


def is_json(data: bytes) -> bool:
    """Whether bytes hold a JSON report (an object or an array), BOM and leading blanks allowed.

    Examples
    --------
    >>> is_json(b'\\xef\\xbb\\xbf  [{"clicks": 1}]'), is_json(b"Date,Sessions\\n")
    (True, False)
    """
    return data[:64].removeprefix(b"\xef\xbb\xbf").lstrip()[:1] in (b"{", b"[")


def _expand(path: Path, rel: str) -> Found:
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return expand_zip(path, rel)
    if suffix == ".gz":
        return expand_gzip(path, rel)
    if suffix in DATA_SUFFIXES:
        return Found([Source(path, rel)])
    return Found(skipped=[Skipped(rel, f"not a report file ({suffix or 'no extension'})")])


def list_sources(folder: str | Path) -> Found:
    """Every report below ``folder`` (archives expanded) and every file skipped, with the reason.

    Hidden files and Office lock files (``.DS_Store``, ``~$report.xlsx``) are passed over without a word.

    Raises
    ------
    ReportFormatError
        The folder does not exist, or an archive is unreadable or over the limits.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ReportFormatError(folder, "no such folder" if not folder.exists() else "is a file, not a folder")
    found = Found()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not _hidden(p.relative_to(folder))):
        part = _expand(path, path.relative_to(folder).as_posix())
        found.sources += part.sources
        found.skipped += part.skipped
    return found


def sources_of(path: str | Path) -> Found:
    """The reports of one file: itself, or the members of an archive.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "report.csv"
    >>> _ = f.write_text("a,b\\n")
    >>> [s.name for s in sources_of(f).sources]
    ['report.csv']
    """
    path = Path(path)
    return _expand(path, path.name)
