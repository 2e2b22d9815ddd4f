"""Loading a file into a table of raw cells: encoding, delimiter, header row, xlsx values.

Nothing here knows a report kind's meaning; it only needs the set of header
keys that count as evidence of a header row (found by content, never by
offset: payments files have a preamble, SQP a metadata row). Raw files are
opened read-only and never written.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from .errors import ReportFormatError
from .headers import normalise_header

#: Lines (or sheet rows) searched for the header.
HEADER_SEARCH_LINES = 60
_DELIMITERS = (",", "\t", ";")
_KANA = re.compile(r"[\u3040-\u30ff]")


@dataclass
class RawTable:
    """The cells of one file below its header, as text (CSV) or cell values (xlsx)."""

    path: Path
    headers: list[str]
    frame: pd.DataFrame
    #: 1-based row number in the file of each data row (header row counted).
    row_numbers: pd.Series
    preamble: list[str] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    is_xlsx: bool = False
    malformed: list[tuple[int, str]] = field(default_factory=list)
    blank_rows: int = 0
    #: Whether the fields were parsed as quoted CSV (``"a, b"``) or quotes were plain characters (SP-API flat files).
    quoted: bool = True


def decode(data: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Decode file bytes: UTF-16 with a BOM, UTF-8 (BOM optional), then CP932 if it yields Japanese
    kana, else CP1252.

    Examples
    --------
    >>> decode("caf\\u00e9".encode("cp1252"), Path("x.csv"))
    ('café', 'cp1252')
    >>> decode(b"\\xef\\xbb\\xbfsku", Path("x.csv"))
    ('sku', 'utf-8-sig')
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise ReportFormatError(path, f"cannot be decoded as {encoding}: {exc}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16 with a BOM
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp932")
        if _KANA.search(text):
            return text, "cp932"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


#: Characters of a file decoded to find its header (the rest is handed to pyarrow as bytes).
HEAD_CHARS = 200_000


class _NotUtf8(Exception):
    """The body of a file taken for UTF-8 holds bytes that are not."""


def _decode_head(data: bytes, path: Path, encoding: str | None) -> tuple[str, str]:
    """The decoded text of a file's head, and the file's encoding.

    A UTF-8 file is not decoded whole (a gigabyte of text would be copied for nothing): its head is,
    and pyarrow checks the rest while parsing (:class:`_NotUtf8` sends it back to :func:`decode`).
    """
    if encoding is None and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        bom = data.startswith(b"\xef\xbb\xbf")
        head = data[3 if bom else 0 : 4 * HEAD_CHARS]
        try:
            text = codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < 4 * HEAD_CHARS)
            return text, "utf-8-sig" if bom else "utf-8"
        except UnicodeDecodeError:
            pass
    return decode(data, path, encoding)


def _body(data: bytes, text: str, encoding: str, start: int) -> memoryview:
    """The bytes below the header line, as UTF-8 (sliced from the file where it is UTF-8 already)."""
    if encoding in ("utf-8", "utf-8-sig"):
        offset = len(text[:start].encode("utf-8")) + (3 if encoding == "utf-8-sig" else 0)
        return memoryview(data)[offset:]
    return memoryview(text[start:].encode("utf-8"))


def _score(cells: list[str], known: frozenset[str]) -> int:
    return sum(1 for c in cells if c and normalise_header(c).key in known)


def _split_line(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return []


def find_header(lines: list[str], known: frozenset[str]) -> tuple[int, str, list[str]]:
    """Index, delimiter and cells of the line that looks most like a header.

    Examples
    --------
    >>> find_header(['"All amounts in USD"', '"date/time","type","total"'], frozenset({"date/time", "type", "total"}))
    (1, ',', ['date/time', 'type', 'total'])
    """
    best = (0, -1, ",", [])
    for i, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        for d in _DELIMITERS:
            if d not in line:
                continue
            cells = _split_line(line, d)
            s = _score(cells, known)
            if s > best[0]:
                best = (s, i, d, cells)
    score, index, delimiter, cells = best
    if score < 2:
        return -1, ",", []
    return index, delimiter, cells


def make_unique(headers: list[str]) -> list[str]:
    """Header strings made unique (``x``, ``x.1``) so that no column is lost.

    Examples
    --------
    >>> make_unique(["a", "b", "a"])
    ['a', 'b', 'a.1']
    """
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        n = seen.get(h, 0)
        out.append(h if n == 0 else f"{h}.{n}")
        seen[h] = n + 1
    return out


def detect_quoting(lines: list[str], delimiter: str) -> bool:
    """Whether a file quotes its fields (CSV) or writes ``"`` as a plain character (SP-API flat files).

    Comma and semicolon files follow the CSV convention. A tab-separated file quotes its fields when most
    fields holding a ``"`` are wrapped in quotes (the CSV that Seller Central's web UI offers, re-saved
    by Excel); otherwise a ``"`` is part of the text (``Mat 24" wide``) and must not swallow the tabs.

    Examples
    --------
    >>> detect_quoting(['"sku"\\t"title"', '"A-1"\\t"Mat 24"" wide"'], "\\t")
    True
    >>> detect_quoting(["sku\\ttitle", 'A-1\\tMat 24" wide'], "\\t")
    False
    """
    if delimiter != "\t":
        return True
    wrapped = stray = 0
    for line in lines[:200]:
        for cell in line.split("\t") if '"' in line else ():
            if '"' in cell:
                cell = cell.strip("\r\n ")
                if len(cell) >= 2 and cell[0] == '"' and cell[-1] == '"':
                    wrapped += 1
                else:
                    stray += 1
    return wrapped > stray


def load_raw(
    path: Path,
    known: frozenset[str],
    *,
    encoding: str | None = None,
    quoted: bool | None = None,
    data: bytes | None = None,
) -> RawTable:
    """Read a CSV/TSV/xlsx file (or the bytes of an archive member named ``path``) into raw cells below its header row.

    The file decides its dialect: the delimiter from the header line, quoting from the header and a
    sample of rows (:func:`detect_quoting`); ``quoted`` overrides the latter.

    Raises
    ------
    ReportFormatError
        Empty, unreadable, or no header row recognised.
    """
    path = Path(path)
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ReportFormatError(path, f"cannot be opened: {exc.strerror or exc}") from None
    blank = b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n"
    if not data[:65536].strip(blank) and not data.strip(blank):  # strip the head only: files can be 1 GB
        raise ReportFormatError(path, "the file is empty")
    if data[:4] == b"PK\x03\x04":
        return _load_xlsx(path, data, known)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ReportFormatError(path, "is an old binary .xls workbook; save it as .xlsx or download the CSV")
    text, enc = _decode_head(data, path, encoding)
    head = text[:HEAD_CHARS].splitlines()
    index, delimiter, cells = find_header(head, known)
    if index < 0:
        raise ReportFormatError(
            path,
            "no header row recognised in the first lines: not an Amazon report this workbook reads",
            nearest=[c for c in _split_line(head[0], ",")[:8]] if head else [],
        )
    if quoted is None:
        quoted = detect_quoting(head[index : index + 201], delimiter)
    if not quoted:
        cells = head[index].split(delimiter)
    headers = make_unique([c.replace("\ufeff", "") for c in cells])
    start = sum(len(line) for line in text[:HEAD_CHARS].splitlines(keepends=True)[: index + 1])
    try:
        table, malformed = _parse_csv(_body(data, text, enc, start), headers, delimiter, quoted, index + 1)
    except _NotUtf8:  # the head was UTF-8, the rest is not (an Excel re-save): decode the whole file
        text, enc = decode(data, path, encoding)
        table, malformed = _parse_csv(_body(data, text, enc, start), headers, delimiter, quoted, index + 1)
    frame = table
    blank = frame[headers].eq("").all(axis=1) if len(frame.columns) else pd.Series(False, index=frame.index)
    rows = pd.Series(range(index + 2, index + 2 + len(frame)), index=frame.index)
    if "_row" in frame.columns:
        rows = frame.pop("_row").astype("int64")
        blank = blank.reindex(frame.index)
    frame, rows = frame[~blank].reset_index(drop=True), rows[~blank].reset_index(drop=True)
    return RawTable(
        path,
        headers,
        frame,
        rows,
        [ln.strip() for ln in head[:index]],
        enc,
        delimiter,
        False,
        malformed,
        int(blank.sum()),
        quoted,
    )


def _parse_csv(
    body: memoryview, headers: list[str], delimiter: str, quoted: bool, header_line: int
) -> tuple[pd.DataFrame, list]:
    """Parse the text under the header with pyarrow, every cell as a string.

    pyarrow cannot say on which line a bad row stood, so when any row has the
    wrong number of fields (a truncated download, Amazon's ragged trailing
    columns) the file is read again with the csv module, which can.
    """
    invalid = []

    def on_invalid(row) -> str:
        invalid.append(row)
        return "skip"

    read = pacsv.ReadOptions(column_names=headers, use_threads=True)
    # Newlines inside quoted values are rare in Amazon's exports and cost pyarrow its parallel parse:
    # a record that spans lines comes out with the wrong number of fields, and the slow path reads it.
    parse = pacsv.ParseOptions(
        delimiter=delimiter,
        quote_char='"' if quoted else False,
        double_quote=True,
        newlines_in_values=False,
        invalid_row_handler=on_invalid,
    )
    convert = pacsv.ConvertOptions(
        column_types={h: pa.string() for h in headers}, strings_can_be_null=False, quoted_strings_can_be_null=False
    )
    try:
        table = pacsv.read_csv(
            pa.BufferReader(pa.py_buffer(body)), read_options=read, parse_options=parse, convert_options=convert
        )
    except pa.ArrowInvalid as exc:
        if "UTF8" in str(exc) or "UTF-8" in str(exc):
            raise _NotUtf8() from None
        table = None  # a quote left open at the end (a truncated download) stops pyarrow
    if table is None or invalid:
        try:
            text = bytes(body).decode("utf-8")
        except UnicodeDecodeError:
            raise _NotUtf8() from None
        return _parse_with_csv_module(text, headers, delimiter, quoted, header_line)
    frame = table.to_pandas()
    for col in headers:
        frame[col] = frame[col].astype("str")
    return frame, []


def _fit(fields: list[str], width: int) -> list[str] | None:
    """The fields of a well-formed row (extra fields that are all empty are dropped), else None."""
    if len(fields) > width and not any(f.strip() for f in fields[width:]):
        fields = fields[:width]
    return fields if len(fields) == width else None


def _parse_with_csv_module(body: str, headers: list[str], delimiter: str, quoted: bool, header_line: int):
    """Row by row, with exact line numbers.

    A record that spans several lines and does not fit the header is a quote left open (a stray
    ``"`` in a search term, a cut download): it would swallow every line after it, so its lines
    are read one by one instead, and only the lines that still do not fit are rejected.
    """
    width = len(headers)
    quoting = csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE
    lines = body.splitlines(keepends=True)
    rows, numbers, malformed = [], [], []
    reader = csv.reader(iter(lines), delimiter=delimiter, quoting=quoting)
    done = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error:
            fields = None
        first, last = done + 1, max(reader.line_num, done + 1)
        done = last
        if fields is not None and not any(f.strip() for f in fields):
            continue
        fitted = _fit(fields, width) if fields is not None else None
        if fitted is not None:
            rows.append(fitted)
            numbers.append(header_line + first)
            continue
        if last == first:
            got = len(fields) if fields is not None else 0
            malformed.append((header_line + first, f"row has {got} fields, the header has {width} (truncated file?)"))
            continue
        for k in range(first, last + 1):
            text = lines[k - 1]
            if not text.strip():
                continue
            try:
                one = next(csv.reader([text], delimiter=delimiter, quoting=quoting))
            except (csv.Error, StopIteration):
                one = []
            fitted = _fit(one, width)
            if fitted is not None and '"' not in "".join(fitted):
                rows.append(fitted)
                numbers.append(header_line + k)
            else:
                malformed.append((header_line + k, "unbalanced quote: the row cannot be split into its fields"))
    frame = pd.DataFrame(rows, columns=headers, dtype="str")
    frame["_row"] = pd.Series(numbers, dtype="int64")
    return frame, malformed


def _has_error_cells(data: bytes) -> bool:
    """True when a worksheet holds Excel error cells (``#VALUE!``), which calamine reads as empty."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return any(b't="e"' in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))
    except (zipfile.BadZipFile, OSError, KeyError):
        return False


#: The sheet of an Ads bulk download that holds Sponsored Products (it may not be the first).
PREFERRED_SHEETS = ("sponsored products campaigns",)


def _choose_sheet(sheets: list[tuple[str, list[list]]], known: frozenset[str]) -> list[list]:
    """The rows of the sheet to read: a preferred name, else the sheet whose header scores best, else the first."""
    for name, rows in sheets:
        if name.strip().casefold() in PREFERRED_SHEETS:
            return rows
    if len(sheets) == 1:
        return sheets[0][1]

    def score(rows: list[list]) -> int:
        return max(
            (_score([str(c) for c in r if c is not None and c != ""], known) for r in rows[:HEADER_SEARCH_LINES]),
            default=0,
        )

    best = max(range(len(sheets)), key=lambda i: (score(sheets[i][1]), -i))
    return sheets[best][1]


def _xlsx_rows(data: bytes, known: frozenset[str]) -> list[list]:
    if _has_error_cells(data):
        import openpyxl  # keeps '#VALUE!' as text, so the row is rejected rather than read as missing

        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets = [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets]
        finally:
            wb.close()
        return _choose_sheet(sheets, known)
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    names = wb.sheet_names
    if len(names) == 1:
        return [list(r) for r in wb.get_sheet_by_index(0).to_python(skip_empty_area=False)]
    sheets = [(n, [list(r) for r in wb.get_sheet_by_name(n).to_python(skip_empty_area=False)]) for n in names]
    return _choose_sheet(sheets, known)


def _load_xlsx(path: Path, data: bytes, known: frozenset[str]) -> RawTable:
    """Cell values of the report's sheet: the only one, Sponsored Products in a bulk download, else the
    sheet whose header the readers know best (names are compared case-blind; Amazon cuts them at 31 characters).

    python-calamine reads values, not display strings (money stays a number, dates are
    dates), about ten times faster than openpyxl; an empty cell comes back as ``""``.
    """
    try:
        rows = _xlsx_rows(data, known)
    except Exception as exc:  # calamine and openpyxl raise their own zip/xml error types
        raise ReportFormatError(path, f"is not a readable xlsx workbook (truncated or corrupt?): {exc}") from None
    if not rows:
        raise ReportFormatError(path, "the workbook's first sheet is empty")
    rows = [[None if c == "" else c for c in r] for r in rows]
    best, index = 0, -1
    for i, r in enumerate(rows[:HEADER_SEARCH_LINES]):
        s = _score([str(c) for c in r if c is not None], known)
        if s > best:
            best, index = s, i
    if best < 2:
        raise ReportFormatError(
            path, "no header row recognised on the first sheet", nearest=[str(c) for c in rows[0][:8] if c is not None]
        )
    header_cells = rows[index]
    while header_cells and header_cells[-1] is None:
        header_cells = header_cells[:-1]
    headers = make_unique(["" if c is None else str(c) for c in header_cells])
    width = len(headers)
    body, numbers, malformed, blank = [], [], [], 0
    for offset, r in enumerate(rows[index + 1 :], start=index + 2):
        cells = list(r[:width]) + [None] * (width - len(r))
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in r):
            blank += 1
            continue
        if any(c is not None and str(c).strip() for c in r[width:]):
            malformed.append((offset, "row has values beyond the last header column"))
            continue
        body.append(cells)
        numbers.append(offset)
    frame = pd.DataFrame(body, columns=headers, dtype=object)
    preamble = [" ".join(str(c) for c in r if c is not None) for r in rows[:index]]
    return RawTable(
        path, headers, frame, pd.Series(numbers, dtype="int64"), preamble, "xlsx", "", True, malformed, blank
    )
