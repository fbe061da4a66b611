"""What the system does with reports: create and change them, their sections, blocks and review
comments, move them through the workflow draft → review → published, and freeze a published
edition (texts and figures), so that a re-import never changes what was published.
"""

from __future__ import annotations

import time

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from bildungsnetz.access import require
from bildungsnetz.services import model_update
from bildungsnetz.text import unique_slug
from places.models import Level, Territory

from . import pdf, selectors
from .models import (
    Block,
    Edition,
    Rendering,
    Report,
    ReportKind,
    ReportStatus,
    ReviewComment,
    Section,
)

# The steps of the workflow: (from, to) → the permission it asks.
STEPS = {
    (ReportStatus.DRAFT, ReportStatus.REVIEW): "reports.change_report",
    (ReportStatus.REVIEW, ReportStatus.DRAFT): "reports.change_report",
    (ReportStatus.REVIEW, ReportStatus.PUBLISHED): "reports.publish_report",
    (ReportStatus.PUBLISHED, ReportStatus.DRAFT): "reports.publish_report",
}


@transaction.atomic
def report_create(*, data: dict, comparison_territories=(), actor) -> Report:
    """A new draft; the actor must be allowed to write reports of its territory."""
    report = Report(**data, owner=actor, status=ReportStatus.DRAFT)
    report.slug = data.get("slug") or unique_slug(Report, report.title, max_length=120)
    require(actor, "reports.change_report", report)
    report.full_clean()
    report.save()
    report.comparison_territories.set(comparison_territories)
    return report


@transaction.atomic
def report_update(*, report: Report, data: dict, m2m: dict | None = None, actor, expected=None):
    require(actor, "reports.change_report", report)
    model_update(instance=report, data=data, m2m=m2m or {}, expected=expected)
    # The territory may have changed: the actor must still write the report.
    require(actor, "reports.change_report", report)
    return report


@transaction.atomic
def section_save(
    *, report: Report, data: dict, section: Section | None = None, actor, expected=None
) -> Section:
    """A new section at the end, or the changed one; `expected` guards against overwriting a
    change someone else saved meanwhile (`EditConflict`)."""
    require(actor, "reports.change_report", report)
    if section is None:
        last = report.sections.aggregate(last=Max("order"))["last"]
        section = Section(report=report, order=0 if last is None else last + 1)
    model_update(instance=section, data=data, expected=expected)
    return section


@transaction.atomic
def block_save(*, section: Section, data: dict, block: Block | None = None, actor) -> Block:
    """`data` comes checked by `forms.BlockForm` (kind and parameters)."""
    require(actor, "reports.change_report", section.report)
    if block is None:
        last = section.blocks.aggregate(last=Max("order"))["last"]
        block = Block(section=section, order=0 if last is None else last + 1)
    for name, value in data.items():
        setattr(block, name, value)
    block.full_clean(exclude=["section"])
    block.save()
    return block


@transaction.atomic
def comment_add(*, section: Section, text: str, actor) -> ReviewComment:
    require(actor, "reports.review_report", section.report)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    return ReviewComment.objects.create(section=section, author=actor, text=text)


@transaction.atomic
def comment_resolve(*, comment: ReviewComment, actor) -> ReviewComment:
    require(actor, "reports.review_report", comment.section.report)
    comment.resolved = True
    comment.save(update_fields=["resolved"])
    return comment


def edition_snapshot(report: Report) -> dict:
    """What a published edition keeps: the texts and every figure as resolved now."""
    document = selectors.report_figures(report)
    if document["errors"]:
        raise ValidationError(
            _("The report cannot be published: %(count)s placeholders name no known figure.")
            % {"count": len(document["errors"])}
        )
    return {
        "title": report.title_de,
        "title_en": report.title_en or "",
        "summary": report.summary_de or "",
        "summary_en": report.summary_en or "",
        "sections": selectors.section_rows(document["sections"]),
        "figures": [f.as_dict() for f in document["figures"].values()],
        "blocks": selectors.report_blocks(report, document["sections"]),
    }


@transaction.atomic
def report_set_status(*, report: Report, status: str, actor) -> Report:
    """One step of the workflow; publishing freezes a new edition."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    perm = STEPS.get((report.status, status))
    if perm is None:
        raise ValidationError(_("This step of the workflow is not possible."))
    require(actor, perm, report)
    if status == ReportStatus.PUBLISHED:
        snapshot = edition_snapshot(report)
        last = report.editions.aggregate(last=Max("number"))["last"] or 0
        Edition.objects.create(report=report, number=last + 1, published_by=actor, **snapshot)
    report.status = status
    report.save(update_fields=["status", "updated"])
    return report


# --- PDF renderings ------------------------------------------------------------------------
@transaction.atomic
def edition_renderings_create(*, edition: Edition, actor) -> list[Rendering]:
    """The PDFs of a newly published edition, one per language it exists in, so that every
    reader can download them without asking for one (the caller queues the task)."""
    report = edition.report
    languages = ["de"]
    if selectors.document_language(report, language="en", edition=edition) == "en":
        languages.append("en")
    return [
        Rendering.objects.create(report=report, edition=edition, language=language,
                                 requested_by=actor)
        for language in languages
    ]  # fmt: skip


@transaction.atomic
def rendering_request(*, report: Report, language: str, edition=None, actor) -> Rendering:
    """A PDF to be made in the background (the caller queues `tasks.render_report_pdf`)."""
    require(actor, "reports.view_report", report)
    return Rendering.objects.create(
        report=report, edition=edition, language=language, requested_by=actor
    )


def _progress(rendering: Rendering, progress: int, stage: str, **fields) -> None:
    Rendering.objects.filter(pk=rendering.pk).update(progress=progress, stage=stage, **fields)


def rendering_run(rendering_id: int) -> str:
    """Make the PDF, with progress on the way; a failure is recorded, never raised."""
    rendering = Rendering.objects.select_related("report__territory", "edition").get(
        pk=rendering_id
    )
    started = time.monotonic()
    _progress(rendering, 10, "HTML", status=Rendering.Status.RUNNING)
    try:
        html = pdf.document_html(
            rendering.report, language=rendering.language, edition=rendering.edition
        )
        _progress(rendering, 40, "PDF")
        data = pdf.pdf_bytes(html, identifier=f"rendering:{rendering.pk}")
    except Exception as error:  # noqa: BLE001 - the page shows what went wrong
        _progress(
            rendering, 100, "", status=Rendering.Status.FAILED, error=str(error)[:2000],
            finished=timezone.now(),
        )  # fmt: skip
        return Rendering.Status.FAILED
    name = f"{rendering.report.slug}-{rendering.language}-{rendering.pk}.pdf"
    try:
        rendering.file.save(name, ContentFile(data), save=False)
    except OSError as error:
        # A full disk or a storage that refuses the file: the rendering says so instead of
        # staying "running" (the storage leaves no half file, see bildungsnetz/storage.py).
        _progress(
            rendering, 100, "", status=Rendering.Status.FAILED, finished=timezone.now(),
            error=_("The PDF could not be stored (%(reason)s). Please try again later.")
            % {"reason": error.strerror or error},
        )  # fmt: skip
        return Rendering.Status.FAILED
    _progress(
        rendering, 100, "", status=Rendering.Status.DONE, file=rendering.file.name,
        finished=timezone.now(), seconds=time.monotonic() - started,
    )  # fmt: skip
    return Rendering.Status.DONE


def rendering_abandon(*, rendering_id: int) -> int:
    """Mark a rendering failed whose task ended without finishing it (its worker died, or it
    raised); a finished one is left alone. Returns 1 if it was marked, else 0."""
    return Rendering.objects.filter(
        pk=rendering_id, status__in=[Rendering.Status.PENDING, Rendering.Status.RUNNING]
    ).update(
        status=Rendering.Status.FAILED, progress=100, stage="", finished=timezone.now(),
        error=_("The rendering was interrupted because the background worker stopped. "
                "Please request the PDF again."),
    )  # fmt: skip


# --- a local profile for every district ------------------------------------------------------
def _for_territory(text: str, old_key: str, new_key: str) -> str:
    return text.replace(f"territory:{old_key} ", f"territory:{new_key} ").replace(
        f"territory:{old_key}}}", f"territory:{new_key}}}"
    )


@transaction.atomic
def district_profiles_create(*, report: Report, actor) -> list[Report]:
    """One draft local profile per district of the report's territory, made from the report:
    its sections and blocks with every figure of the territory turned into the district's.
    A district that already has a profile of this report's title is left alone."""
    require(actor, "reports.change_report", report)
    districts = Territory.objects.descendants_of(report.territory).filter(level=Level.DISTRICT)
    sections = list(report.sections.prefetch_related("blocks"))
    old = report.territory.key
    taken = set(
        Report.objects.filter(territory__in=districts, kind=ReportKind.LOCAL_PROFILE).values_list(
            "territory_id", "title"
        )
    )
    created = []
    for district in districts.order_by("name"):
        title = f"{report.title} – {district.name}"
        if (district.pk, title) in taken:
            continue
        profile = report_create(
            data={"title": title, "kind": ReportKind.LOCAL_PROFILE, "territory": district,
                  "period": report.period, "languages": report.languages,
                  "summary": report.summary},
            comparison_territories=[report.territory], actor=actor,
        )  # fmt: skip
        for section in sections:
            copy = Section.objects.create(
                report=profile, order=section.order, chapter=section.chapter,
                title=section.title, body=_for_territory(section.body, old, district.key),
            )  # fmt: skip
            Block.objects.bulk_create(
                Block(section=copy, order=b.order, kind=b.kind, title=b.title,
                      params={**b.params, "territories": [district.key, old]}
                      if "territories" not in b.params else b.params)
                for b in section.blocks.all()
            )  # fmt: skip
        created.append(profile)
    return created
