"""The instrument as a printable, tagged PDF (PDF/UA-1 by WeasyPrint, as reports/pdf.py): its
sections, questions with their codes, options with their codes and a box to tick, matrix rows
with a box per option, conditions ("Only if TH06 = 1"), in the requested language."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation

from .exports import condition_text, version_questions
from .models import Choice, QuestionKind, SurveySection, Version

STYLESHEET = Path(__file__).resolve().parent / "static" / "surveys" / "instrument_print.css"


@dataclass
class PrintedQuestion:
    question: object
    options: list
    items: list
    condition: str

    @property
    def is_matrix(self) -> bool:
        return self.question.kind == QuestionKind.MATRIX

    @property
    def is_multiple(self) -> bool:
        return self.question.kind == QuestionKind.MULTIPLE


def instrument_outline(version: Version) -> list[tuple[SurveySection, list[PrintedQuestion]]]:
    """The version's sections in order, each with its questions (in the active language)."""
    by_section: dict[int, list[PrintedQuestion]] = {}
    for question in version_questions(version):
        choices = list(question.choices.all())
        by_section.setdefault(question.section_id, []).append(
            PrintedQuestion(
                question,
                [c for c in choices if c.role == Choice.Role.OPTION],
                [c for c in choices if c.role == Choice.Role.ITEM],
                condition_text(question),
            )
        )
    sections = SurveySection.objects.filter(version=version).order_by("order", "pk")
    return [(section, by_section.get(section.pk, [])) for section in sections]


def instrument_html(version: Version, *, language: str, wave=None) -> str:
    with translation.override(language):
        return render_to_string(
            "surveys/instrument_print.html",
            {
                "version": version,
                "instrument": version.instrument,
                "wave": wave,
                "sections": instrument_outline(version),
                "language": language,
                "kinds": QuestionKind,
            },
        )


def instrument_pdf(version: Version, *, language: str, wave=None) -> bytes:
    """Tagged PDF/UA-1 (language and title from <html lang> and <title>)."""
    html = instrument_html(version, language=language, wave=wave)
    identifier = f"survey:{version.pk}:{wave.pk if wave else ''}:{language}"
    return weasyprint.HTML(string=html, base_url=str(STYLESHEET.parent)).write_pdf(
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))],
        pdf_variant="pdf/ua-1",
        pdf_identifier=hashlib.sha256(identifier.encode()).hexdigest()[:32].encode(),
    )
