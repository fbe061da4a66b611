"""Matrix specs of the reports app (see bildungsnetz/testing/permissions.py): a draft report,
a report in review, a published report and creating a report.

A report belongs to its territory: its editors and coordinators write it (in the matrix's
world the coordinator and admin of the city; the organisation's viewer and editor hold no role
in the city), coordinators publish it, and a published report is public. A report that is not
published does not exist for anyone else (404).
"""

from __future__ import annotations

import itertools

from django.urls import reverse

from bildungsnetz.testing.permissions import (
    COORDINATORS,
    EVERYONE,
    HIDDEN,
    MEMBERS,
    Action,
    Spec,
    reload,
)
from reports.models import Block, Rendering, Report, ReportStatus, Section

from .factories import ReportFactory, SectionFactory, indicator_value

_seq = itertools.count(1)


def _url(name, *args):
    return reverse(f"reports:{name}", args=args)


def make_report(world, tenant, **fields):
    n = next(_seq)
    return ReportFactory(
        territory=tenant.city, slug=f"matrix-bericht-{n}", title=f"Matrixbericht {n}", **fields
    )


def make_section(world, tenant, **fields):
    return SectionFactory(report=make_report(world, tenant, **fields), title="Matrixabschnitt")


def make_review(world, tenant):
    return make_section(world, tenant, status=ReportStatus.REVIEW).report


def make_published(world, tenant):
    return make_report(world, tenant, status=ReportStatus.PUBLISHED)


def _view(name):
    return Action(
        "view", name, perm="reports.view_report", not_found=HIDDEN if name != EVERYONE else None,
        page=lambda call, obj: call.get(_url("report_detail", obj.slug)),
        api=lambda call, obj: call.api_get(reverse("api-v1:get_report", args=[obj.slug])),
    )  # fmt: skip


def _add_block(call, section):
    value = indicator_value(territory=section.report.territory)
    return call.post(
        _url("block_create", section.report.slug, section.pk),
        {"kind": "table", "indicator": value.indicator.code},
    )


SPECS = [
    Spec(
        "reports.report (draft)",
        make=make_report,
        actions=[
            _view(COORDINATORS),
            Action(
                "district_profiles",
                COORDINATORS,
                not_found="view",
                page=lambda call, obj: call.post(_url("district_profiles", obj.slug)),
            ),
            Action(
                "data",
                COORDINATORS,
                not_found=HIDDEN,
                page=lambda call, obj: call.get(_url("report_data", obj.slug)),
            ),
            Action(
                "pdf_status",
                COORDINATORS,
                not_found=HIDDEN,
                page=lambda call, obj: call.get(
                    _url("rendering_detail", obj.slug, Rendering.objects.create(report=obj).pk)
                ),
            ),
            Action(
                "change",
                COORDINATORS,
                perm="reports.change_report",
                not_found="view",
                page=lambda call, obj: call.post(
                    _url("section_create", obj.slug), {"title_de": "Neu", "chapter": "A"}
                ),
                effect=lambda obj: Section.objects.filter(report=obj, title="Neu").exists(),
            ),  # fmt: skip
            Action(
                "submit",
                COORDINATORS,
                not_found="view",
                page=lambda call, obj: call.post(
                    _url("report_status", obj.slug), {"status": ReportStatus.REVIEW}
                ),
                effect=lambda obj: reload(obj).status == ReportStatus.REVIEW,
            ),  # fmt: skip
        ],
    ),
    Spec(
        "reports.section",
        make=make_section,
        actions=[
            Action(
                "change",
                COORDINATORS,
                not_found=HIDDEN,
                page=lambda call, obj: call.post(
                    _url("section_edit", obj.report.slug, obj.pk),
                    {"title_de": "Geändert", "chapter": "B", "body_de": "<p>x</p>"},
                ),
                effect=lambda obj: reload(obj).title == "Geändert",
            ),  # fmt: skip
            Action(
                "comment",
                COORDINATORS,
                not_found=HIDDEN,
                page=lambda call, obj: call.post(
                    _url("comment_add", obj.report.slug, obj.pk), {"text": "Bitte prüfen"}
                ),
                effect=lambda obj: obj.comments.filter(text="Bitte prüfen").exists(),
            ),  # fmt: skip
            Action(
                "add_block",
                COORDINATORS,
                not_found=HIDDEN,
                page=_add_block,
                effect=lambda obj: Block.objects.filter(section=obj).exists(),
            ),  # fmt: skip
        ],
    ),
    Spec(
        "reports.report (in review)",
        make=make_review,
        actions=[
            Action(
                "publish",
                COORDINATORS,
                perm="reports.publish_report",
                not_found=HIDDEN,
                page=lambda call, obj: call.post(
                    _url("report_status", obj.slug), {"status": ReportStatus.PUBLISHED}
                ),
                effect=lambda obj: reload(obj).status == ReportStatus.PUBLISHED,
            ),  # fmt: skip
        ],
    ),
    Spec(
        "reports.report (published)",
        make=make_published,
        actions=[
            _view(EVERYONE),
            Action(
                "data", EVERYONE, page=lambda call, obj: call.get(_url("report_data", obj.slug))
            ),
            Action(
                "pdf",
                MEMBERS,
                allowed_foreign=MEMBERS,
                page=lambda call, obj: call.post(_url("rendering_request", obj.slug)),
                effect=lambda obj: Rendering.objects.filter(report=obj).exists(),
            ),
            Action(
                "list",
                EVERYONE,
                probe=lambda call, obj: obj.title in call.get(_url("report_list")).content.decode(),
            ),  # fmt: skip
        ],
    ),
    Spec(
        "reports.report (new)",
        make=lambda world, tenant: tenant.city,
        actions=[
            Action(
                "add",
                COORDINATORS,
                page=lambda call, city: call.post(
                    _url("report_create"),
                    {
                        "title_de": f"Neuer Bericht {city.pk}",
                        "kind": "local_profile",
                        "period": "2015",
                        "languages": "de",
                        "territory_key": city.key,
                    },
                ),
                effect=lambda city: Report.objects.filter(
                    title=f"Neuer Bericht {city.pk}"
                ).exists(),
            ),  # fmt: skip
        ],
    ),
]
