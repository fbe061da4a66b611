"""Pages of surveys (authoring: instruments, versions, questions, waves, invitations, quotas).
Thin: selectors read, services write, `bildungsnetz.access` decides."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bildungsnetz.access import object_for, require
from bildungsnetz.exports import column
from bildungsnetz.imports import ImportFileError, ImportForm
from bildungsnetz.listing import ListPage, filter_data

from . import selectors_authoring as selectors
from . import services
from .forms import (
    ChoiceForm,
    InstrumentCreateForm,
    InstrumentFilterForm,
    InstrumentTextsForm,
    NewVersionForm,
    QuestionForm,
    QuotaForm,
    SectionForm,
    WaveForm,
)
from .invitations import COLUMNS as INVITATION_COLUMNS
from .models import Choice, Instrument, Quota, Version, Wave

INSTRUMENTS = ListPage(
    sorting=selectors.INSTRUMENT_SORTING,
    template="surveys/instrument_list.html",
    partial="surveys/_instrument_results.html",
    export_name=gettext_lazy("survey instruments"),
    export_columns=[
        column("code"),
        column("title"),
        column("territory", "territory.name"),
        column("territory_key", "territory.key"),
        column("description"),
    ],  # fmt: skip
)


def _may_write_in(user, territory) -> bool:
    """Whether `user` edits surveys in `territory` (the rule of an instrument there)."""
    return user.has_perm("surveys.change_instrument", Instrument(territory=territory))


def _errors_to_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def home(request):
    return render(request, "surveys/home.html", selectors.home_waves(user=request.user))


# --- instruments ----------------------------------------------------------------------------


def instrument_list(request):
    require(request.user, "surveys.view_instrument")
    user = request.user
    return INSTRUMENTS.response(
        request,
        form=InstrumentFilterForm(filter_data(request)),
        select=lambda filters: selectors.instrument_list(user=user, filters=filters),
        context=lambda: {"can_add": user.has_perm("surveys.add_instrument")},
    )


def instrument_create(request):
    require(request.user, "surveys.add_instrument")
    form = InstrumentCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.instrument_data()
        if not _may_write_in(request.user, data["territory"]):
            form.add_error("territory_key", _("You may not edit surveys in this territory."))
        else:
            try:
                instrument = services.instrument_create(data=data, actor=request.user)
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, _("The instrument was created."))
                return redirect(instrument)
    return render(request, "surveys/instrument_form.html", {"form": form})


def instrument_detail(request, code):
    instrument = object_for(request.user, Instrument.objects.select_related("territory"), code=code)
    version = services.version_latest(instrument)
    return render(
        request,
        "surveys/instrument_detail.html",
        {
            "instrument": instrument,
            "versions": instrument.versions.all(),
            "version": version,
            "questionnaire": selectors.version_questionnaire(version) if version else [],
            "waves": selectors.instrument_waves(instrument, user=request.user),
            "can_change": request.user.has_perm("surveys.change_instrument", instrument),
            "can_add_wave": request.user.has_perm("surveys.add_wave"),
        },
    )


def instrument_edit(request, code):
    instrument = object_for(request.user, Instrument, "surveys.change_instrument", code=code)
    form = InstrumentTextsForm(request.POST or None, instance=instrument)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.instrument_update(instrument=instrument, data=data)
        messages.success(request, _("The texts were saved."))
        return redirect(instrument)
    return render(request, "surveys/instrument_edit.html", {"form": form, "instrument": instrument})


# --- versions, sections, questions ----------------------------------------------------------


def _version(request, code, number, *, change=True) -> Version:
    perm = "surveys.change_instrument" if change else None
    instrument = object_for(request.user, Instrument, perm, code=code)
    return get_object_or_404(instrument.versions, number=number)


def _editable(request, version: Version):
    """None, or the page that says the version is frozen (with the action "new version")."""
    if not version.is_frozen:
        return None
    return render(
        request,
        "surveys/version_frozen.html",
        {"version": version, "instrument": version.instrument, "form": NewVersionForm()},
        status=409,
    )


def version_detail(request, code, number):
    version = _version(request, code, number, change=False)
    can_change = request.user.has_perm("surveys.change_instrument", version.instrument)
    return render(
        request,
        "surveys/version_detail.html",
        {
            "version": version,
            "instrument": version.instrument,
            "questionnaire": selectors.version_questionnaire(version),
            "can_change": can_change,
            "editable": can_change and not version.is_frozen,
            "form": NewVersionForm(),
        },
    )


@require_POST
def version_new(request, code, number):
    version = _version(request, code, number)
    form = NewVersionForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "surveys/version_frozen.html",
            {"version": version, "instrument": version.instrument, "form": form},
            status=400,
        )
    copy = services.version_copy(version=version, note=form.cleaned_data["note"])
    messages.success(request, _("Version %(n)d was made; edit it now.") % {"n": copy.number})
    return redirect("surveys:version_detail", code, copy.number)


def section_form(request, code, number, pk=None):
    version = _version(request, code, number)
    if frozen := _editable(request, version):
        return frozen
    section = get_object_or_404(version.sections, pk=pk) if pk else None
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.section_save(version=version, data=data, section=section)
        return redirect("surveys:version_detail", code, number)
    return render(
        request,
        "surveys/question_section_form.html",
        {"form": form, "version": version, "instrument": version.instrument, "section": section},
    )


def question_form(request, code, number, pk=None):
    version = _version(request, code, number)
    if frozen := _editable(request, version):
        return frozen
    if not version.sections.exists():
        messages.info(request, _("Add a section first."))
        return redirect("surveys:section_create", code, number)
    question = get_object_or_404(version.questions, pk=pk) if pk else None
    form = QuestionForm(request.POST or None, instance=question, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.question_save(
                version=version, data=form.question_data(), question=question
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("The question %(code)s was saved.") % {"code": saved.code})
            return redirect("surveys:question_edit", code, number, saved.pk)
    return render(
        request,
        "surveys/question_form.html",
        {
            "form": form,
            "version": version,
            "instrument": version.instrument,
            "question": question,
            "choices": question.choices.all() if question else [],
            "choice_form": ChoiceForm() if question and question.has_choices else None,
        },
    )


@require_POST
def question_delete(request, code, number, pk):
    version = _version(request, code, number)
    if frozen := _editable(request, version):
        return frozen
    question = get_object_or_404(version.questions, pk=pk)
    try:
        services.question_delete(question=question)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The question was deleted."))
    return redirect("surveys:version_detail", code, number)


@require_POST
def question_move(request, code, number, pk):
    version = _version(request, code, number)
    if frozen := _editable(request, version):
        return frozen
    question = get_object_or_404(version.questions, pk=pk)
    try:
        services.question_move(question=question, up=request.POST.get("direction") == "up")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("surveys:version_detail", code, number)


@require_POST
def choice_create(request, code, number, pk):
    version = _version(request, code, number)
    if frozen := _editable(request, version):
        return frozen
    question = get_object_or_404(version.questions, pk=pk)
    form = ChoiceForm(request.POST)
    if form.is_valid():
        try:
            services.choice_add(question=question, data=form.choice_data())
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            return redirect("surveys:question_edit", code, number, pk)
    return render(
        request,
        "surveys/question_form.html",
        {
            "form": QuestionForm(instance=question, version=version),
            "version": version,
            "instrument": version.instrument,
            "question": question,
            "choices": question.choices.all(),
            "choice_form": form,
        },
        status=400,
    )


@require_POST
def choice_delete(request, code, number, pk, choice_pk):
    version = _version(request, code, number)
    if frozen := _editable(request, version):
        return frozen
    choice = get_object_or_404(Choice, question__version=version, question__pk=pk, pk=choice_pk)
    try:
        services.choice_delete(choice=choice)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("surveys:question_edit", code, number, pk)


# --- waves ----------------------------------------------------------------------------------


def wave_create(request, code):
    instrument = object_for(request.user, Instrument, code=code)
    require(request.user, "surveys.add_wave")
    form = WaveForm(request.POST or None, versions=instrument.versions.all())
    if request.method == "POST" and form.is_valid():
        data = form.wave_data()
        if not _may_write_in(request.user, data["territory"]):
            form.add_error("territory_key", _("You may not prepare waves in this territory."))
        else:
            try:
                wave = services.wave_create(
                    data=data, coordinators=form.cleaned_data["coordinator_emails"]
                )
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, _("The wave was created."))
                return redirect(wave)
    return render(request, "surveys/wave_form.html", {"form": form, "instrument": instrument})


def wave_edit(request, slug):
    wave = object_for(request.user, Wave, "surveys.change_wave", slug=slug)
    instrument = wave.version.instrument
    form = WaveForm(request.POST or None, instance=wave, versions=instrument.versions.all())
    if request.method == "POST" and form.is_valid():
        data = form.wave_data()
        if data["territory"] != wave.territory and not _may_write_in(
            request.user, data["territory"]
        ):
            form.add_error("territory_key", _("You may not prepare waves in this territory."))
        else:
            try:
                services.wave_update(
                    wave=wave, data=data, coordinators=form.cleaned_data["coordinator_emails"]
                )
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, _("The wave was saved."))
                return redirect(wave)
    return render(
        request, "surveys/wave_form.html", {"form": form, "instrument": instrument, "wave": wave}
    )


def wave_detail(request, slug):
    wave = object_for(
        request.user, Wave.objects.select_related("territory", "version__instrument"), slug=slug
    )
    user = request.user
    can_change = user.has_perm("surveys.change_wave", wave)
    context = {"wave": wave, "can_change": can_change}
    if can_change:
        context.update(
            progress=selectors.wave_progress(wave),
            can_run=user.has_perm("surveys.run_wave", wave),
            can_export=user.has_perm("surveys.export_raw", wave),
            quota_form=QuotaForm(wave=wave),
            import_form=ImportForm(
                label=_("CSV or XLSX file"),
                help_text=_("Columns: %(cols)s") % {"cols": ", ".join(INVITATION_COLUMNS)},
            ),
        )
    return render(request, "surveys/wave_detail.html", context)


def _wave_step(request, slug, step):
    wave = object_for(request.user, Wave, "surveys.run_wave", slug=slug)
    try:
        step(wave=wave)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None, wave
    return True, wave


@require_POST
def wave_open(request, slug):
    done, wave = _wave_step(request, slug, services.wave_open)
    if done:
        messages.success(request, _("The wave is running; its version is frozen."))
    return redirect(wave)


@require_POST
def wave_close(request, slug):
    done, wave = _wave_step(request, slug, services.wave_close)
    if done:
        messages.success(request, _("The wave is closed; the invitees' addresses were deleted."))
    return redirect(wave)


def invitation_import(request, slug):
    wave = object_for(request.user, Wave, "surveys.run_wave", slug=slug)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        label=_("CSV or XLSX file"),
        help_text=_("Columns: %(cols)s") % {"cols": ", ".join(INVITATION_COLUMNS)},
    )
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.wave_invitations_import(
                wave=wave,
                filename=upload.name,
                content=upload.read(),
                dry_run=form.cleaned_data["dry_run"],
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            if result.ok and not result.dry_run:
                messages.success(
                    request, _("%(n)d invitations were imported.") % {"n": result.created}
                )
                return redirect(wave)
    return render(
        request,
        "surveys/invitation_import.html",
        {"form": form, "result": result, "wave": wave},
        status=200 if result is None or result.ok else 400,
    )


@require_POST
def quota_create(request, slug):
    wave = object_for(request.user, Wave, "surveys.change_wave", slug=slug)
    form = QuotaForm(request.POST, wave=wave)
    if form.is_valid():
        try:
            services.quota_add(wave=wave, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The quota was added."))
    else:
        messages.error(request, _("Choose an option and a limit of at least 1."))
    return redirect(wave)


@require_POST
def quota_delete(request, slug, pk):
    wave = object_for(request.user, Wave, "surveys.change_wave", slug=slug)
    quota = get_object_or_404(Quota, wave=wave, pk=pk)
    services.quota_remove(quota=quota)
    messages.success(request, _("The quota was removed."))
    return redirect(wave)
