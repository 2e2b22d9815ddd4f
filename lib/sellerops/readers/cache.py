"""On-disk cache of canonical frames: Arrow IPC plus the quality record, never stale, never in the data folder.

An entry is keyed by everything a file's canonical frame depends on: the file's content (sha256), the
names that carry meaning (its own name gives a period, its folders a marketplace) and the readers'
version (a hash of the readers' source code and of the pandas and pyarrow versions). A changed file
or a changed reader therefore never meets an old entry. An entry that cannot be read back (a
truncated write, a disk error, a file of the wrong size or structure) is removed and rebuilt.

Frames are stored as uncompressed Arrow IPC (Feather v2) and memory-mapped on the way back: a
five-million-row search term report comes back in a fraction of a second (Parquet took longer than
parsing the CSV). The price is disk: about 1.8 times the size of the CSV. Arrow IPC carries no
checksum, so a bit flipped inside the data by a failing disk is not detected; a wrong size, a
damaged footer or invalid buffers are.

Hashing a gigabyte costs as much as a third of parsing it, so the sha256 of each file is remembered
beside its size, modification and change times and inode (:meth:`FrameCache.digest`, as ``git`` does in its
index); a file modified within two seconds of being hashed is hashed again every time.

The cache lives in the user's cache directory (``$XDG_CACHE_HOME/sellerops`` or ``~/.cache/sellerops``;
``%LOCALAPPDATA%`` on Windows, ``~/Library/Caches`` on macOS); ``SELLEROPS_CACHE`` moves it, and
``SELLEROPS_CACHE=off`` (or ``open_folder(..., cache=False)``) turns it off.

Examples
--------
>>> import tempfile, pandas as pd
>>> from sellerops.readers.quality import DataQuality
>>> cache = FrameCache(Path(tempfile.mkdtemp()))
>>> key = cache.key(Path("us/report.csv"), "ab" * 32)
>>> cache.get(key) is None
True
>>> cache.put(key, pd.DataFrame({"sku": ["A"]}), DataQuality(kind="k", rows_read=1, rows_used=1))
>>> frame, dq = cache.get(key)
>>> frame["sku"].tolist(), dq.rows_used
(['A'], 1)
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import threading
import time
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather

from .quality import DataQuality

CACHE_ENV = "SELLEROPS_CACHE"
#: Values of ``SELLEROPS_CACHE`` that turn the cache off.
OFF = frozenset({"off", "0", "no", "false", "none"})
#: Folder levels whose names take part in the key (the readers look this far up for a marketplace).
NAMED_LEVELS = 3
_TIMESTAMPS = ("start", "end")
#: A remembered digest is trusted only for files last modified this long before they were hashed.
RACY_SECONDS = 2.0


def default_cache_dir() -> Path | None:
    """Where the cache lives on this machine, or None when ``SELLEROPS_CACHE`` turns it off.

    Examples
    --------
    >>> os.environ[CACHE_ENV] = "off"; default_cache_dir() is None
    True
    >>> del os.environ[CACHE_ENV]
    """
    chosen = os.environ.get(CACHE_ENV, "").strip()
    if chosen.lower() in OFF and chosen:
        return None
    if chosen:
        return Path(chosen).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "sellerops"


@lru_cache(maxsize=1)
def reader_version() -> str:
    """A hash of the readers' own source files and of the libraries that shape their frames."""
    import pyarrow

    digest = hashlib.sha256(f"pandas {pd.__version__} pyarrow {pyarrow.__version__}".encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.relative_to(Path(__file__).parent).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _quality_to_record(dq: DataQuality) -> dict:
    data = dataclasses.asdict(dq)
    for name in _TIMESTAMPS:
        data[name] = None if data[name] is None or pd.isna(data[name]) else pd.Timestamp(data[name]).isoformat()
    return data


def _quality_from_record(data: dict) -> DataQuality:
    data = dict(data)
    for name in _TIMESTAMPS:
        data[name] = None if data[name] is None else pd.Timestamp(data[name])
    return DataQuality(**data)


class FrameCache:
    """Canonical frames and their quality records under ``root`` (created on first write)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        #: Files served from the cache, and files read afresh (counted by the catalog).
        self.hits = 0
        self.misses = 0

    def key(self, path: Path, content_sha256: str) -> str:
        """The entry name for ``path`` with this content, under this version of the readers."""
        names = [Path(path).name] + [p.name for p in Path(path).parents[:NAMED_LEVELS]]
        text = "|".join([reader_version(), content_sha256, *names])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _paths(self, key: str) -> tuple[Path, Path]:
        folder = self.root / key[:2]
        return folder / f"{key}.arrow", folder / f"{key}.json"

    def digest(self, path: Path, compute) -> str:
        """The sha256 of the file at ``path``: remembered while its size, mtime, ctime and inode stay the same.

        ``compute()`` hashes the file. A file modified less than :data:`RACY_SECONDS` before it was
        hashed could change again within the same timestamp, so its digest is not remembered.
        """
        try:
            st = os.stat(path)
        except OSError:
            return compute()
        stamp = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]
        name = hashlib.sha256(str(Path(path).resolve()).encode("utf-8")).hexdigest()
        memo = self.root / "digests" / name[:2] / f"{name}.json"
        try:
            saved = json.loads(memo.read_text(encoding="utf-8"))
            if saved["stamp"] == stamp:
                return saved["sha256"]
        except (OSError, ValueError, KeyError, TypeError):
            pass
        hashed_at = time.time_ns()
        value = compute()
        if (hashed_at - max(st.st_mtime_ns, st.st_ctime_ns)) / 1e9 > RACY_SECONDS:
            _write_atomic(memo, json.dumps({"stamp": stamp, "sha256": value}))
        return value

    def _remove(self, key: str) -> None:
        for p in self._paths(key):
            p.unlink(missing_ok=True)

    def get_quality(self, key: str) -> DataQuality | None:
        """The cached quality record, or None; an entry whose frame is missing or of the wrong size is removed.

        The catalog's scan needs only the record; the frame is read when an analysis loads it.
        """
        frame_path, quality_path = self._paths(key)
        if not (frame_path.exists() and quality_path.exists()):
            return None
        try:
            record = json.loads(quality_path.read_text(encoding="utf-8"))
            if frame_path.stat().st_size != record["frame_bytes"]:
                raise ValueError("the frame file has the wrong size")
            return _quality_from_record(record["quality"])
        except Exception:  # json, key and OS errors alike mean: rebuild this entry
            self._remove(key)
            return None

    def get(self, key: str) -> tuple[pd.DataFrame, DataQuality] | None:
        """The cached frame and record, or None (a missing or unreadable entry; the latter is removed)."""
        dq = self.get_quality(key)
        frame = self.get_frame(key) if dq is not None else None
        return None if frame is None else (frame, dq)

    def get_frame(self, key: str) -> pd.DataFrame | None:
        """The cached frame alone (its record was read at the scan), or None; an unreadable entry is removed."""
        try:
            table = feather.read_table(self._paths(key)[0], memory_map=True)
            table.validate(full=True)
            return table.to_pandas(split_blocks=True)  # one block per column: no copy into 2-D blocks
        except Exception:  # pyarrow and OS errors alike mean: rebuild this entry
            self._remove(key)
            return None

    def get_error(self, key: str) -> dict | None:
        """The error a file gave under this key (a file that cannot be read fails the same way again)."""
        path = self.root / key[:2] / f"{key}.error.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put_error(self, key: str, error: dict) -> None:
        """Remember that a file cannot be read, and why (``problem``, ``kind``, ``missing``, ``nearest``)."""
        _write_atomic(self.root / key[:2] / f"{key}.error.json", json.dumps(error, ensure_ascii=False))

    def put(self, key: str, frame: pd.DataFrame, dq: DataQuality) -> None:
        """Store an entry; written to temporary names first, so a reader never sees half an entry."""
        frame_path, quality_path = self._paths(key)
        frame_path.parent.mkdir(parents=True, exist_ok=True)
        tmp_frame = frame_path.with_name(f"{frame_path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        table = pa.Table.from_pandas(frame, preserve_index=False)
        feather.write_feather(table, tmp_frame, compression="uncompressed")
        size = tmp_frame.stat().st_size
        os.replace(tmp_frame, frame_path)  # the record last: an entry counts only when both exist
        record = {"frame_bytes": size, "quality": _quality_to_record(dq)}
        _write_atomic(quality_path, json.dumps(record, ensure_ascii=False))


def _write_atomic(path: Path, text: str) -> None:
    """Write under a temporary name, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
