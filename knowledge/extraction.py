"""The text of an uploaded PDF, for the search: pypdf page by page, whitespace collapsed,
cut at a limit. Imports no Django models."""

from __future__ import annotations

import logging
import re

from pypdf import PdfReader
from pypdf.errors import PyPdfError

log = logging.getLogger(__name__)
_SPACE = re.compile(r"\s+")
# Words broken at the end of a line ("Struktur-\nwandel") are joined again.
_HYPHENATED = re.compile(r"(\w)-\s*\n\s*(\w)")
MAX_PAGES = 500


class UnreadablePdf(Exception):
    pass


def pdf_text(handle, *, limit: int) -> str:
    """The text of the PDF read from the binary file `handle`, at most `limit` characters."""
    try:
        reader = PdfReader(handle)
        if reader.is_encrypted:
            reader.decrypt("")
        parts: list[str] = []
        length = 0
        for page in reader.pages[:MAX_PAGES]:
            text = _HYPHENATED.sub(r"\1\2", page.extract_text() or "")
            text = _SPACE.sub(" ", text).strip()
            if text:
                parts.append(text)
                length += len(text) + 1
            if length >= limit:
                break
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        log.info("PDF text not readable: %s", exc)
        raise UnreadablePdf(str(exc)) from exc
    return " ".join(parts)[:limit]
