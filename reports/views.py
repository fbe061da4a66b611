"""Pages of reports: the list, the web report (live for its writers, the latest edition for
everyone else), an edition, creating a report, sections, blocks, review comments and the
workflow steps. Thin: selectors read, services write, `bildungsnetz.access` decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict
from bildungsnetz.exports import Column, choice, column
from bildungsnetz.listing import ListPage, filter_data
from bildungsnetz.pagecache import public_page
from bildungsnetz.text import sanitize_html

from . import selectors, services
from .datazip import data_zip
from .forms import (
    BlockForm,
    CommentForm,
    ReportFilterForm,
    ReportForm,
    SectionForm,
    StatusForm,
)
from .jsonld import report_jsonld_script
from .models import Edition, Report, ReportStatus
from .tasks import render_report_pdf

REPORTS = ListPage(
    sorting=selectors.REPORT_SORTING,
    template="reports/report_list.html",
    partial="reports/_report_results.html",
    export_name=gettext_lazy("reports"),
    export_columns=[
        column("title"),
        column("slug"),
        choice("kind"),
        choice("status"),
        column("territory", "territory.name"),
        Column("territory_key", lambda report: report.territory.key),
        column("period"),
        column("languages"),
        column("updated"),
        Column("url", lambda report: report.get_absolute_url()),
    ],
    per_page=20,
)


@public_page
def report_list(request):
    return REPORTS.response(
        request,
        form=ReportFilterForm(filter_data(request)),
        select=lambda filters: selectors.report_list(user=request.user, filters=filters),
        context={"can_add": request.user.has_perm("reports.add_report")},
    )


def _document_page(request, report: Report, edition: Edition | None):
    language = get_language()
    can_change = request.user.has_perm("reports.change_report", report)
    document = selectors.report_document(report, language=language, edition=edition)
    pdfs = selectors.edition_pdfs(edition) if edition else []
    steps = [
        (to, label)
        for (start, to), perm in services.STEPS.items()
        if start == report.status and request.user.has_perm(perm, report)
        for value, label in ReportStatus.choices
        if value == to
    ]
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "document": document,
            "edition": edition,
            "editions": selectors.report_editions(report),
            "can_change": can_change and edition is None,
            "steps": steps,
            "comment_form": CommentForm(),
            "changes": selectors.edition_changes(edition, language=language) if edition else None,
            "pdfs": pdfs,
            "jsonld": report_jsonld_script(report, edition, document, pdfs) if edition else "",
        },
    )


@public_page
def report_detail(request, slug):
    report = object_for(request.user, Report.objects.select_related("territory"), slug=slug)
    edition = None
    if not request.user.has_perm("reports.change_report", report):
        # Readers see what was published, frozen: never a figure changed by a later import.
        edition = report.editions.first()
    return _document_page(request, report, edition)


def edition_detail(request, slug, number):
    report = object_for(request.user, Report.objects.select_related("territory"), slug=slug)
    edition = object_for(request.user, report.editions.all(), number=number)
    return _document_page(request, report, edition)


@login_required
def report_edit(request, slug=None):
    """Create a report (slug None) or change its frame: texts in both languages, type,
    territory, period, comparison territories; a concurrent change is never overwritten."""
    if slug is None:
        require(request.user, "reports.add_report")
        report = Report()
    else:
        report = object_for(request.user, Report, "reports.change_report", slug=slug)
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        data, comparisons = form.report_data()
        if report.pk is None:
            saved = save_or_conflict(
                form,
                lambda: services.report_create(
                    data=data, comparison_territories=comparisons, actor=request.user
                ),
            )
        else:
            saved = save_or_conflict(
                form,
                lambda: services.report_update(
                    report=report, data=data, m2m={"comparison_territories": comparisons},
                    actor=request.user, expected=form.expected_version,
                ),
            )  # fmt: skip
        if saved is not None:
            messages.success(request, _("The report was saved."))
            return redirect(saved)
    return render(
        request,
        "reports/report_form.html",
        {"form": form, "report": report if report.pk else None},
        status=form_status(form),
    )


@login_required
@require_POST
def report_status(request, slug):
    report = object_for(request.user, Report, "reports.change_report", slug=slug)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            report = services.report_set_status(
                report=report, status=form.cleaned_data["status"], actor=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The status was changed."))
            if report.is_published:
                # Every reader gets the edition's PDFs, made once in the background.
                edition = report.editions.first()
                for rendering in services.edition_renderings_create(
                    edition=edition, actor=request.user
                ):
                    _enqueue(rendering)
    return redirect(report)


def _enqueue(rendering) -> None:
    transaction.on_commit(lambda: render_report_pdf.enqueue(rendering.pk))


def _section(request, slug, pk, perm):
    report = object_for(request.user, Report, perm, slug=slug)
    section = object_for(request.user, report.sections.all(), pk=pk)
    return report, section


@login_required
def section_edit(request, slug, pk=None):
    if pk is None:
        report = object_for(request.user, Report, "reports.change_report", slug=slug)
        section = None
    else:
        report, section = _section(request, slug, pk, "reports.change_report")
    form = SectionForm(request.POST or None, instance=section)
    preview = None
    if request.method == "POST" and form.is_valid() and "preview" in request.POST:
        # Show the texts with their live figures; nothing is saved.
        texts = {"de": form.cleaned_data["body_de"], "en": form.cleaned_data.get("body_en", "")}
        preview = selectors.text_preview(
            {code: sanitize_html(text or "") for code, text in texts.items()},
            language=get_language(),
        )
    elif request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            form,
            lambda: services.section_save(
                report=report, section=section, data=form.cleaned_data, actor=request.user,
                expected=form.expected_version,
            ),
        )  # fmt: skip
        if saved is not None:
            messages.success(request, _("The section was saved."))
            return redirect(report.get_absolute_url() + f"#{saved.anchor}")
    return render(
        request,
        "reports/section_form.html",
        {
            "form": form,
            "report": report,
            "section": section,
            "preview": preview,
            "indicators": selectors.placeholder_choices(),
        },
        status=form_status(form),
    )


@login_required
@require_POST
def comment_add(request, slug, pk):
    report, section = _section(request, slug, pk, "reports.review_report")
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(section=section, text=form.cleaned_data["text"], actor=request.user)
        messages.success(request, _("The comment was saved."))
    else:
        messages.error(request, _("Write a comment."))
    return redirect(report.get_absolute_url() + f"#{section.anchor}")


@login_required
def block_create(request, slug, pk):
    report, section = _section(request, slug, pk, "reports.change_report")
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.block_save(section=section, data=form.block_data(), actor=request.user)
        return redirect(report.get_absolute_url() + f"#{section.anchor}")
    return render(
        request, "reports/block_form.html", {"form": form, "report": report, "section": section}
    )


@login_required
@require_POST
def rendering_request(request, slug):
    """Queue the PDF of what the user sees (the live report for its writers, else the latest
    edition) in the page's language; the status page follows its progress."""
    report = object_for(request.user, Report, slug=slug)
    edition = None
    if not request.user.has_perm("reports.change_report", report):
        edition = report.editions.first()
    rendering = services.rendering_request(
        report=report, language=get_language(), edition=edition, actor=request.user
    )
    _enqueue(rendering)
    return redirect("reports:rendering_detail", slug=report.slug, pk=rendering.pk)


def rendering_detail(request, slug, pk):
    report = object_for(request.user, Report, slug=slug)
    rendering = object_for(request.user, report.renderings.all(), pk=pk)
    template = "reports/_rendering.html" if request.htmx else "reports/rendering_detail.html"
    return render(request, template, {"report": report, "rendering": rendering})


def report_data(request, slug):
    """The data behind every figure as a ZIP of CSV files, from what the user sees."""
    report = object_for(request.user, Report, slug=slug)
    edition = None
    if not request.user.has_perm("reports.change_report", report):
        edition = report.editions.first()
    document = selectors.report_document(report, language=get_language(), edition=edition)
    response = HttpResponse(data_zip(document), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{report.slug}-daten.zip"'
    return response


@login_required
@require_POST
def district_profiles(request, slug):
    """A local profile for every district of the report's territory, in one action."""
    report = object_for(request.user, Report, "reports.change_report", slug=slug)
    created = services.district_profiles_create(report=report, actor=request.user)
    messages.success(request, _("Local profiles created: %(count)s.") % {"count": len(created)})
    return redirect("reports:report_list")
