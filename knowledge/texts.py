"""The text of an entry's files, read for the search (run by knowledge.tasks)."""

from __future__ import annotations

from django.db import transaction

from .extraction import UnreadablePdf, pdf_text
from .models import ATTACHMENT_TEXT_MAX, Attachment, TextStatus


@transaction.atomic
def attachment_extract_text(*, attachment: Attachment) -> Attachment:
    """Read the PDF's text into the attachment (and so into the search index)."""
    try:
        with attachment.file.open("rb") as handle:
            text = pdf_text(handle, limit=ATTACHMENT_TEXT_MAX)
    except (UnreadablePdf, OSError):
        attachment.text, attachment.text_status = "", TextStatus.FAILED
    else:
        attachment.text = text
        attachment.text_status = TextStatus.DONE if text else TextStatus.EMPTY
    attachment.save(update_fields=["text", "text_status"])
    return attachment
