"""Reading an uploaded statistics file with bounded memory, whatever it holds (#11, finding 7).

Limits, checked before or while reading, never after:

- the upload itself: `UPLOAD_MAX_BYTES` (200 MB) in the form; files above `INLINE_BYTES`
  (compressed or unpacked) go to the background worker, which reads them from disk;
- a ZIP or XLSX: what its directory says it unpacks to, in all (`ARCHIVE_MAX_UNPACKED_BYTES`)
  and per member (`ARCHIVE_MAX_RATIO`), before any member is unpacked
  (`bildungsnetz.uploads.check_archive`); an XLSX workbook at most `XLSX_MAX_UNPACKED_BYTES`,
  its shared texts (which openpyxl keeps in memory) at most `XLSX_SHARED_STRINGS_MAX_BYTES`;
- a GENESIS flat file (plain or a ZIP member) of any size is read in parts of at most
  `CHUNK_ROWS` lines and `PART_BYTES` bytes, a line at most `LINE_MAX_BYTES`;
- every other table (classic GENESIS, OGD, a mapped CSV, one member of a ZIP) is read whole,
  so it may hold at most `TABLE_MAX_BYTES`, `parsers.common.MAX_ROWS` rows, counted while the
  rows are read (an XLSX stops at the first row over it), and `MAX_VALUES` values.

`bench/upload_limits.py` measures the peak memory of the hostile cases against these limits.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError

from bildungsnetz.uploads import check_archive

from .import_messages import import_message
from .parsers.common import ParsedTable, ParseError
from .parsers.detect import _detect_text, detect_format, parse

INLINE_BYTES = 2 * 1024 * 1024
CHUNK_BYTES = 32 * 1024 * 1024
CHUNK_ROWS = 200_000
PART_BYTES = 1024 * 1024  # ~3,700 flat-file lines; see bench/upload_limits.py
LINE_MAX_BYTES = 64 * 1024
TABLE_MAX_BYTES = 4 * 1024 * 1024
XLSX_MAX_UNPACKED_BYTES = 32 * 1024 * 1024
XLSX_SHARED_STRINGS_MAX_BYTES = 8 * 1024 * 1024
SNIFF_BYTES = 65536
MB = 1024 * 1024


class ImportFailed(Exception):
    """Raised inside the transaction so everything written so far is rolled back."""

    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__(f"{len(errors)} errors")


def failure(code: str, **params) -> ImportFailed:
    return ImportFailed(
        [{"line": None, "column": "", "code": code, "message": import_message(code, params)}]
    )


def parse_errors(table: ParsedTable) -> list[dict]:
    prefix = f"{table.filename}: " if table.filename else ""
    return [
        {
            "line": e.line,
            "column": e.column,
            "code": e.code,
            "message": prefix + import_message(e.code, e.params),
        }
        for e in table.errors
    ]


def _from_parse_error(exc: ParseError, name: str = "") -> ImportFailed:
    prefix = f"{name}: " if name else ""
    message = prefix + import_message(exc.code, exc.params)
    return ImportFailed([{"line": None, "column": "", "code": exc.code, "message": message}])


# --- sizes ------------------------------------------------------------------------------------


def unpacked_size(handle) -> int:
    """What a ZIP/XLSX says it unpacks to (its directory), else 0; the handle is rewound."""
    try:
        handle.seek(0)
        if handle.read(4) != b"PK\x03\x04":
            return 0
        handle.seek(0)
        with zipfile.ZipFile(handle) as archive:
            return sum(m.file_size for m in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return 0
    finally:
        handle.seek(0)


def _archive_checked(source: bytes | Path, max_bytes: int | None = None) -> None:
    handle = source.open("rb") if isinstance(source, Path) else io.BytesIO(source)
    with handle:
        try:
            check_archive(handle, max_bytes=max_bytes)
        except ValidationError as exc:
            raise ImportFailed(
                [{"line": None, "column": "", "code": exc.code or "bad_archive", "message": m}
                 for m in exc.messages]
            ) from exc  # fmt: skip


def _head(source: bytes | Path) -> bytes:
    if isinstance(source, Path):
        with source.open("rb") as handle:
            return handle.read(SNIFF_BYTES)
    return source[:SNIFF_BYTES]


def _opener(source: bytes | Path) -> Callable[[], io.BufferedIOBase]:
    return (lambda: source.open("rb")) if isinstance(source, Path) else (lambda: io.BytesIO(source))


def _shared_strings_checked(source: bytes | Path) -> None:
    """openpyxl holds every shared string in memory, even in read-only mode, at about eight
    times its size in the file for short strings: that member gets its own, lower limit."""
    with _opener(source)() as handle, zipfile.ZipFile(handle) as archive:
        size = sum(m.file_size for m in archive.infolist() if m.filename.lower().endswith(
            "sharedstrings.xml"
        ))  # fmt: skip
    if size > XLSX_SHARED_STRINGS_MAX_BYTES:
        raise failure("too_many_texts", mb=XLSX_SHARED_STRINGS_MAX_BYTES // MB)


def _is_workbook(source: bytes | Path) -> bool:
    try:
        with _opener(source)() as handle, zipfile.ZipFile(handle) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


# --- tables -----------------------------------------------------------------------------------


def read_tables(source: bytes | Path, filename: str, mapping: dict | None) -> list:
    """The tables of a file, each as a lazy iterable of parsed chunks (one for most tables, one
    per part of a large flat file), so at most one table or part is in memory at a time."""
    head = _head(source)
    size = source.stat().st_size if isinstance(source, Path) else len(source)
    name = filename or "upload"
    if head[:4] == b"PK\x03\x04":
        _archive_checked(source)
        if _is_workbook(source):
            if mapping is None:
                raise failure("unknown_format", name=name)
            _archive_checked(source, max_bytes=XLSX_MAX_UNPACKED_BYTES)
            _shared_strings_checked(source)
            return [_whole(_opener(source), filename, mapping)]
        return _zip_tables(source, mapping)
    fmt = detect_format(head)
    if mapping is None and fmt == "unknown":
        raise failure("unknown_format", name=name)
    if mapping is None and fmt == "ffcsv" and size > CHUNK_BYTES:
        return [ffcsv_chunks(_opener(source), filename)]
    if size > TABLE_MAX_BYTES:
        raise failure("table_too_large", name=name, mb=TABLE_MAX_BYTES // MB)
    # A small file's errors are all known before anything is written.
    return [[_parsed(_read_all(_opener(source)), filename, mapping)]]


def _read_all(opener) -> bytes:
    with opener() as handle:
        return handle.read()


def _parsed(data: bytes, filename: str, mapping: dict | None) -> ParsedTable:
    try:
        table = parse(data, mapping=mapping, filename=filename)
    except ParseError as exc:
        raise _from_parse_error(exc) from exc
    if table.errors:
        raise ImportFailed(parse_errors(table))
    return table


def _whole(opener, filename: str, mapping: dict | None) -> Iterator[ParsedTable]:
    yield _parsed(_read_all(opener), filename, mapping)


def _zip_tables(source: bytes | Path, mapping: dict | None) -> list:
    """One lazy table per statistics file in the archive; read-me and metadata members are
    skipped. A member is unpacked only when its turn comes."""
    with _opener(source)() as handle, zipfile.ZipFile(handle) as archive:
        members = []
        for info in archive.infolist():
            member = PurePosixPath(info.filename)
            if info.is_dir() or member.name.startswith(".") or "__MACOSX" in member.parts:
                continue
            if mapping is not None:
                if member.suffix.lower() in (".csv", ".txt", ".xlsx"):
                    members.append((info, "mapped"))
                continue
            with archive.open(info) as stream:
                fmt = _detect_text(stream.read(SNIFF_BYTES))
            if fmt != "unknown":
                members.append((info, fmt))
    if not members:
        raise failure("empty_zip")
    tables = []
    for info, fmt in members:
        name = PurePosixPath(info.filename).name

        @contextmanager
        def opener(info=info):
            with (
                _opener(source)() as handle,
                zipfile.ZipFile(handle) as archive,
                archive.open(info) as stream,
            ):
                yield stream

        if fmt == "ffcsv" and info.file_size > CHUNK_BYTES:
            tables.append(ffcsv_chunks(opener, name))
        elif info.file_size > TABLE_MAX_BYTES:
            raise failure("table_too_large", name=name, mb=TABLE_MAX_BYTES // MB)
        else:
            tables.append(_whole(opener, name, mapping))
    return tables


def ffcsv_chunks(opener, filename: str) -> Iterator[ParsedTable]:
    """Parse a flat file a part at a time (at most CHUNK_ROWS lines and about PART_BYTES bytes,
    the header repeated); line numbers in errors stay file lines."""
    rows, part_bytes = CHUNK_ROWS, PART_BYTES
    with opener() as handle:
        header = _line(handle, 1)
        first_line = 2
        while True:
            lines: list[bytes] = []
            size = 0
            while len(lines) < rows and size < part_bytes:
                line = _line(handle, first_line + len(lines))
                if not line:
                    break
                lines.append(line)
                size += len(line)
            if not lines:
                break
            try:
                table = parse(header + b"".join(lines), fmt="ffcsv", filename=filename)
            except ParseError as exc:
                raise _from_parse_error(exc) from exc
            for issue in table.errors:
                object.__setattr__(issue, "line", (issue.line or 2) + first_line - 2)
            if table.errors:
                raise ImportFailed(parse_errors(table))
            yield table
            first_line += len(lines)


def _line(handle, number: int) -> bytes:
    line = handle.readline(LINE_MAX_BYTES + 1)
    if len(line) > LINE_MAX_BYTES:
        raise failure("line_too_long", line=number, kb=LINE_MAX_BYTES // 1024)
    return line


__all__ = [
    "CHUNK_BYTES",
    "INLINE_BYTES",
    "ImportFailed",
    "ffcsv_chunks",
    "read_tables",
    "unpacked_size",
]
