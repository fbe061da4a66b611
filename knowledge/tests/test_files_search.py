"""A study's PDF is found by a phrase from its body text: upload → text extracted in the
background task → full-text index → the knowledge base's list and the global search."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from weasyprint import HTML

from knowledge.extraction import UnreadablePdf, pdf_text
from knowledge.models import Attachment, EntryKind, TextStatus
from knowledge.tasks import extract_attachment_text
from search import engine

from .factories import EntryFactory

PHRASE = "Quartiersschulen mit Werkstattklassen"


def _pdf(text: str) -> bytes:
    return HTML(string=f"<h1>Studie</h1><p>{text}</p>").write_pdf()


@pytest.fixture
def study(org, author):
    return EntryFactory(
        kind=EntryKind.STUDY, title="Bildung im Revier", owner=author, organisations=[org],
        status="draft",
    )  # fmt: skip


def test_pdf_text_reads_the_body_and_joins_hyphenated_words():
    text = pdf_text(io.BytesIO(_pdf(f"Die Region braucht {PHRASE}.")), limit=1000)
    assert PHRASE in text


def test_pdf_text_refuses_what_is_no_pdf():
    with pytest.raises(UnreadablePdf):
        pdf_text(io.BytesIO(b"%PDF-1.4 kaputt"), limit=1000)


def test_an_uploaded_pdf_is_found_by_a_phrase_from_its_body(
    client, study, author, immediate_tasks, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(author)
    upload = SimpleUploadedFile(
        "studie.pdf", _pdf(f"Im Revier fehlen {PHRASE} und Lernorte."), "application/pdf"
    )
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("knowledge:attachment_create", args=[study.slug]),
            {"title": "Langfassung", "file": upload, "licence": "CC BY 4.0"},
        )
    assert response.status_code == 302
    attachment = Attachment.objects.get(entry=study)
    assert attachment.text_status == TextStatus.DONE
    assert PHRASE in attachment.text
    # The search module finds the file's text (kind "study") …
    assert Attachment.objects.filter(
        pk__in=engine.matching_ids("Werkstattklassen Quartiersschulen", kind="study")
    ).exists()
    # … and the knowledge base's list finds the entry by it, for its author.
    with translation.override("en"):
        page = client.get(reverse("knowledge:entry_list"), {"q": "Werkstattklassen"})
    assert study.title in page.content.decode()
    with translation.override("en"):
        none = client.get(reverse("knowledge:entry_list"), {"q": "Schwimmbadklassen"})
    assert study.title not in none.content.decode()


def test_a_draft_study_text_is_not_in_the_public_search(
    study, immediate_tasks, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("s.pdf", _pdf(PHRASE), "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        Attachment.objects.create(entry=study, title="S", file=upload)
    attachment = Attachment.objects.get()
    extract_attachment_text.call(attachment.pk)
    result = engine.search("Werkstattklassen", kinds=["study"])
    assert result.total == 0
    study.status = "published"
    study.save()
    assert engine.search("Werkstattklassen", kinds=["study"]).total == 1


def test_a_file_that_is_not_a_pdf_is_refused(client, study, author, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(author)
    upload = SimpleUploadedFile("x.pdf", b"just text, no pdf", "application/pdf")
    with translation.override("en"):
        response = client.post(
            reverse("knowledge:attachment_create", args=[study.slug]),
            {"title": "X", "file": upload},
        )
    assert response.status_code == 200
    assert "not accepted" in response.content.decode()
    assert not Attachment.objects.exists()
