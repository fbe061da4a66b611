"""Upload checks shared by every form that accepts files: real content type and size.

The file name and the browser's content type are claims; the first bytes are evidence.
    file = forms.FileField(validators=[UploadValidator({"csv", "xlsx"})])
"""

from __future__ import annotations

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

ALL_KINDS = {"csv", "xlsx", "pdf", "zip", "png", "jpeg"}
SNIFF_BYTES = 8192


def _read_head(upload, size: int = SNIFF_BYTES) -> bytes:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(size)
    upload.seek(position)
    return head


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            # The cut at SNIFF_BYTES may split a multi-byte character: ignore the last 3 bytes.
            head[:-3].decode(encoding) if len(head) >= SNIFF_BYTES else head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def sniff(upload) -> str | None:
    """The kind of file the content says it is: csv, xlsx, zip, pdf, png, jpeg or None."""
    head = _read_head(upload)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
            return "xlsx"
        return "zip"
    if head and _is_text(head):
        return "csv"
    return None


@deconstructible
class UploadValidator:
    """Refuses files above UPLOAD_MAX_BYTES and files whose content is not an allowed kind."""

    def __init__(self, allowed=ALL_KINDS, max_bytes: int | None = None):
        unknown = set(allowed) - ALL_KINDS
        if unknown:
            raise ValueError(f"unknown upload kinds: {sorted(unknown)}")
        self.allowed = frozenset(allowed)
        self.max_bytes = max_bytes

    def __call__(self, upload) -> None:
        limit = self.max_bytes or settings.UPLOAD_MAX_BYTES
        if upload.size is not None and upload.size > limit:
            raise ValidationError(
                _("The file is too large (at most %(mb)s MB).")
                % {"mb": limit // (1024 * 1024) or 1},
                code="file_too_large",
            )
        kind = sniff(upload)
        if kind not in self.allowed:
            raise ValidationError(
                _("This kind of file is not accepted here. Allowed: %(kinds)s.")
                % {"kinds": ", ".join(sorted(self.allowed))},
                code="file_type",
            )
        if kind in {"zip", "xlsx"}:
            check_archive(upload)
        upload.sniffed_kind = kind

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, UploadValidator)
            and self.allowed == other.allowed
            and self.max_bytes == other.max_bytes
        )


def check_archive(source, *, max_bytes: int | None = None, max_ratio: int | None = None) -> None:
    """Refuse a ZIP or XLSX whose members would unpack to more than `max_bytes` in all, or one of
    which is compressed more than `max_ratio` : 1 (a zip bomb), before anything is unpacked.

    The sizes checked are those in the archive's directory; `zipfile` never returns more than a
    member's stated size, so they bound what a reader can be made to unpack. `source` is bytes,
    a path or a file object.
    """
    limit = max_bytes or settings.ARCHIVE_MAX_UNPACKED_BYTES
    ratio = max_ratio or settings.ARCHIVE_MAX_RATIO
    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValidationError(_("The archive cannot be read."), code="bad_archive") from exc
    finally:
        if hasattr(handle, "seek"):
            handle.seek(0)
    total = sum(m.file_size for m in members)
    if total > limit:
        raise ValidationError(
            _("The archive unpacks to more than %(mb)s MB; please split it.")
            % {"mb": limit // (1024 * 1024) or 1},
            code="archive_too_large",
        )
    # openpyxl keeps every shared text of a workbook in memory (about eight times its size in
    # the file), even when it streams the rows: that member gets its own, lower limit.
    texts = sum(m.file_size for m in members if m.filename.lower().endswith("sharedstrings.xml"))
    if texts > settings.XLSX_SHARED_STRINGS_MAX_BYTES:
        raise ValidationError(
            _("The workbook holds more than %(mb)s MB of text; please save it as CSV.")
            % {"mb": settings.XLSX_SHARED_STRINGS_MAX_BYTES // (1024 * 1024) or 1},
            code="workbook_texts",
        )
    for member in members:
        packed = max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and member.file_size > ratio * packed:
            raise ValidationError(
                _("The archive member “%(name)s” is compressed too strongly to be unpacked.")
                % {"name": member.filename[:100]},
                code="archive_ratio",
            )


def validate_upload(upload, allowed=ALL_KINDS) -> str:
    """Function form: validates and returns the sniffed kind."""
    UploadValidator(allowed)(upload)
    return upload.sniffed_kind


__all__ = ["ALL_KINDS", "UploadValidator", "check_archive", "sniff", "validate_upload"]
