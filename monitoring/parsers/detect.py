"""Which parser a file needs, and the entry points that pick it (zip archives included)."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from .classic import HEAD, parse_classic
from .common import ParsedTable, ParseError, Source, head_lines, read_source
from .ffcsv import parse_ffcsv
from .mapped import ColumnMapping, parse_mapped
from .ogd import find_header, parse_ogd

FORMATS = ("ffcsv", "genesis_classic", "ogd_wien", "unknown")
_SNIFF_BYTES = 65536


def _sniff_bytes(source: Source) -> tuple[bytes, str]:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        with path.open("rb") as handle:
            return handle.read(_SNIFF_BYTES), path.name
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source[:_SNIFF_BYTES]), ""
    position = source.tell() if source.seekable() else None
    head = source.read(_SNIFF_BYTES)
    if position is not None:
        source.seek(position)
    return head, Path(getattr(source, "name", "") or "").name


def detect_format(source: Source) -> str:
    """'ffcsv', 'genesis_classic', 'ogd_wien' or 'unknown' by looking at the first lines;
    'zip' for a zip archive of such files (an XLSX workbook is 'unknown': it needs a mapping).
    """
    head, _ = _sniff_bytes(source)
    if head[:4] == b"PK\x03\x04":
        return "unknown" if b"[Content_Types].xml" in head or b"xl/" in head else "zip"
    return _detect_text(head)


def _detect_text(head: bytes) -> str:
    lines = head_lines(head)
    if not lines:
        return "unknown"
    first = lines[0].lstrip("\ufeff").strip()
    cells = [c.strip().strip('"') for c in first.split(";")]
    if cells[:1] == ["statistics_code"] or (
        "value_variable_code" in cells and any(c.endswith("_variable_code") for c in cells)
    ):
        return "ffcsv"
    if HEAD.match(first.strip('"')):
        return "genesis_classic"
    if find_header(lines) is not None:
        return "ogd_wien"
    return "unknown"


def parse(
    source: Source,
    *,
    fmt: str | None = None,
    mapping: ColumnMapping | dict[str, Any] | None = None,
    filename: str = "",
) -> ParsedTable:
    """Parse one file; with a ``mapping`` it is read as a mapped CSV/XLSX. A zip archive must
    hold exactly one table here; use ``iter_tables`` for archives with several."""
    data, name = read_source(source)
    name = filename or name
    if data[:4] == b"PK\x03\x04" and not _is_workbook(data):
        tables = list(iter_tables(data, mapping=mapping))
        if len(tables) != 1:
            raise ParseError("multiple_tables", count=len(tables))
        return tables[0]
    if mapping is not None:
        return parse_mapped(_named(data, name), mapping)
    fmt = fmt or _detect_text(data[:_SNIFF_BYTES])
    if fmt == "ffcsv":
        return parse_ffcsv(data, filename=name)
    if fmt == "genesis_classic":
        return parse_classic(data, filename=name)
    if fmt == "ogd_wien":
        return parse_ogd(data, filename=name)
    raise ParseError("unknown_format", name=name or "buffer")


def iter_tables(
    source: Source, *, mapping: ColumnMapping | dict[str, Any] | None = None
) -> Iterator[ParsedTable]:
    """Every table in a file: one for a plain file, one per recognised member of a zip.

    Zip members that are not statistics files (read-me, metadata) are skipped; a zip without
    any recognised member raises ``ParseError('empty_zip')``.
    """
    data, name = read_source(source)
    if data[:4] != b"PK\x03\x04" or _is_workbook(data):
        yield parse(data, mapping=mapping, filename=name)
        return
    found = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            member = PurePosixPath(info.filename)
            if info.is_dir() or member.name.startswith(".") or "__MACOSX" in member.parts:
                continue
            content = archive.read(info)
            if mapping is None and _detect_text(content[:_SNIFF_BYTES]) == "unknown":
                continue
            if mapping is not None and member.suffix.lower() not in (".csv", ".txt", ".xlsx"):
                continue
            found += 1
            yield parse(content, mapping=mapping, filename=member.name)
    if not found:
        raise ParseError("empty_zip")


def _is_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


class _NamedBytes(io.BytesIO):
    name = ""


def _named(data: bytes, name: str) -> io.BytesIO:
    buffer = _NamedBytes(data)
    buffer.name = name
    return buffer
