"""Exports of a wave: the coded answers (coordinators only), the codebook, the DDI-Codebook 2.5
and the printable questionnaire. Thin: `surveys.exports`, `surveys.ddi` and
`surveys.printable` make the files, `bildungsnetz.access` decides who gets them."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import get_language

from bildungsnetz.access import object_for, require
from bildungsnetz.exports import export_response

from . import ddi, exports, printable
from .models import Instrument, Wave

TABLE_FORMATS = ("csv", "xlsx")


def _wave(request, slug: str) -> Wave:
    return object_for(
        request.user,
        Wave.objects.select_related("version__instrument", "territory"),
        "surveys.view_wave",
        slug=slug,
    )


def _format(request) -> str:
    fmt = request.GET.get("format", "csv")
    if fmt not in TABLE_FORMATS:
        raise Http404
    return fmt


def export_wave(request, slug: str):
    """The wave's downloads; the coded answers only for its coordinators (the page says so)."""
    wave = _wave(request, slug)
    return render(
        request,
        "surveys/export_wave.html",
        {
            "wave": wave,
            "may_export_raw": request.user.has_perm("surveys.export_raw", wave),
            "cases": exports.complete_responses(wave).count(),
            "formats": TABLE_FORMATS,
        },
    )


def export_answers(request, slug: str):
    """The coded answers of the wave's complete responses (with free text): coordinators."""
    wave = _wave(request, slug)
    require(request.user, "surveys.export_raw", wave)
    fmt = _format(request)
    variables, rows = exports.coded_table(wave)
    return export_response(fmt, f"{wave.slug}-daten", [v.name for v in variables], rows)


def export_codebook(request, slug: str):
    wave = _wave(request, slug)
    fmt = _format(request)
    return export_response(
        fmt, f"{wave.slug}-codebuch", exports.CODEBOOK_HEADER, exports.codebook_rows(wave)
    )


def export_ddi(request, slug: str):
    wave = _wave(request, slug)
    response = HttpResponse(
        ddi.codebook_xml(wave, language=get_language() or "de"),
        content_type="application/xml; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{slugify(wave.slug)}-ddi.xml"'
    return response


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slugify(name)}.pdf"'
    return response


def export_instrument_pdf(request, slug: str):
    """The questionnaire the wave runs, printable, in the page's language."""
    wave = _wave(request, slug)
    content = printable.instrument_pdf(wave.version, language=get_language() or "de", wave=wave)
    return _pdf(content, f"{wave.slug}-fragebogen")


def export_version_pdf(request, code: str, number: int):
    """A version of an instrument, printable (for those who may see the instrument)."""
    instrument = object_for(request.user, Instrument, "surveys.view_instrument", code=code)
    version = instrument.versions.filter(number=number).first()
    if version is None:
        raise Http404
    content = printable.instrument_pdf(version, language=get_language() or "de")
    return _pdf(content, f"{instrument.code}-v{version.number}")
