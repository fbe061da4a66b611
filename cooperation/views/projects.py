from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict
from bildungsnetz.exports import Column, choice, column, many
from bildungsnetz.listing import ListPage, filter_data

from .. import selectors
from ..forms import MilestoneForm, ParticipantForm, ProjectFilterForm, ProjectForm
from ..models import Milestone, Partnership, Project, ProjectParticipant
from ..services import project_participant_save, project_save

PROJECTS = ListPage(
    sorting=selectors.PROJECT_SORTING,
    template="cooperation/project_list.html",
    partial="cooperation/_project_results.html",
    export_name=gettext_lazy("projects"),
    export_columns=[
        column("title"),
        choice("kind"),
        choice("status"),
        column("partnership", "partnership.name"),
        column("start"),
        column("end"),
        column("progress"),
        column("participants", "participant_count"),
        column("participants_without_contact"),
        Column("goals", lambda p: [f"{g.agreement.slug}#{g.number}" for g in p.goals.all()]),
        many("topics"),
        column("funding"),
        Column("url", lambda p: p.get_absolute_url()),
    ],  # fmt: skip
)


def project_list(request):
    return PROJECTS.response(
        request,
        form=ProjectFilterForm(filter_data(request)),
        select=lambda filters: selectors.project_list(
            user=request.user, filters=filters
        ).prefetch_related("goals__agreement", "topics"),
        context={"can_add": request.user.has_perm("cooperation.add_project")},
    )


def _project_or_404(request, slug):
    return object_for(request.user, Project.objects.select_related("partnership"), slug=slug)


def project_detail(request, slug: str):
    project = _project_or_404(request, slug)
    return render(
        request,
        "cooperation/project_detail.html",
        {
            "project": project,
            "sides": project.sides(),
            "goals": project.goals.select_related("agreement").order_by("agreement", "number"),
            "milestones": project.milestones.all(),
            "can_edit": request.user.has_perm("cooperation.change_project", project),
        },
    )


@login_required
def project_edit(request, slug: str | None = None):
    if slug is None:
        require(request.user, "cooperation.add_project")
        project = Project()
    else:
        project = object_for(request.user, Project, "cooperation.change_project", slug=slug)
    partnerships = Partnership.objects.editable_by(request.user)
    initial = {}
    if project.pk is None and request.GET.get("partnership"):
        initial["partnership"] = partnerships.filter(slug=request.GET["partnership"]).first()
    form = ProjectForm(
        request.POST or None, instance=project, partnerships=partnerships, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("goals", "topics")}
        saved = save_or_conflict(
            form,
            lambda: project_save(
                project=project,
                data=data,
                goals=form.cleaned_data["goals"],
                topics=form.cleaned_data["topics"],
                expected=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(request, _("The project was saved."))
            return redirect(saved)
    return render(
        request,
        "cooperation/project_form.html",
        {"form": form, "project": project if project.pk else None},
        status=form_status(form),
    )


@login_required
def participant_edit(request, slug: str, pk: int | None = None):
    project = _project_or_404(request, slug)
    require(request.user, "cooperation.change_project", project)
    if pk is None:
        participant = ProjectParticipant(project=project)
    else:
        participant = get_object_or_404(ProjectParticipant, project=project, pk=pk)
    form = ParticipantForm(
        request.POST or None, instance=participant, project=project, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            form,
            lambda: project_participant_save(
                participant=participant, data=form.cleaned_data, expected=form.expected_version
            ),
        )
        if saved is not None:
            messages.success(request, _("The participant was saved."))
            return redirect(project)
    return render(
        request,
        "cooperation/participant_form.html",
        {"form": form, "project": project, "participant": participant if pk else None},
        status=form_status(form),
    )


@login_required
def milestone_add(request, slug: str):
    project = _project_or_404(request, slug)
    require(request.user, "cooperation.change_project", project)
    milestone = Milestone(project=project)
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The milestone was saved."))
        return redirect(project)
    return render(request, "cooperation/milestone_form.html", {"form": form, "project": project})
