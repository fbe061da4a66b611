"""Importing through the web: upload → dry run report → confirm; large files in the background."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bildungsnetz.access import object_for, require

from .forms import ImportForm, MappingForm
from .import_files import INLINE_BYTES, unpacked_size
from .models import ImportLog
from .selectors import import_log_list, import_results, saved_mapping_list
from .services import import_log_create, import_log_run, saved_mapping_create
from .tasks import run_import

logger = logging.getLogger(__name__)


def _run(request, log: ImportLog):
    """Small files are checked and imported within the request; a file that is large, or that
    unpacks to more than that (a small XLSX may hold a million rows), only in the worker."""
    with log.upload.open("rb") as handle:
        unpacked = unpacked_size(handle)
    if max(log.size, unpacked) <= INLINE_BYTES:
        with log.upload.open("rb") as handle:
            import_log_run(log, data=handle.read())
    else:
        run_import.enqueue(log.pk)
    return redirect("monitoring:import_detail", pk=log.pk)


@login_required
def import_start(request):
    require(request.user, "monitoring.import_observations")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            log = import_log_create(
                user=request.user,
                file=upload,
                name=upload.name,
                size=upload.size,
                dry_run=form.cleaned_data["dry_run"],
                mapping=form.cleaned_data["mapping"],
                table_code=form.cleaned_data["table_code"],
            )
        except OSError:
            # The disk is full (or the storage refuses the file): no log was saved, and the
            # person is told instead of seeing a server error.
            logger.exception("Storing the import upload %s failed", upload.name)
            form.add_error("file", _("The file could not be stored. Please try again later."))
        else:
            return _run(request, log)
    logs = import_log_list(user=request.user)[:10]
    return render(request, "monitoring/import_start.html", {"form": form, "logs": logs})


def _visible_log(request, pk: int) -> ImportLog:
    """The user's own import, or one about territories the user coordinates."""
    log = object_for(request.user, ImportLog, pk=pk)
    return log


@login_required
def import_detail(request, pk: int):
    require(request.user, "monitoring.import_observations")
    log = _visible_log(request, pk)
    template = "monitoring/_import_status.html" if request.htmx else "monitoring/import_detail.html"
    return render(request, template, {"log": log, "results": import_results(log, request.user)})


@login_required
@require_POST
def import_confirm(request, pk: int):
    """Run the real import of a file whose dry run passed."""
    require(request.user, "monitoring.import_observations")
    checked = _visible_log(request, pk)
    if checked.status != ImportLog.Status.CHECKED:
        raise PermissionDenied
    with checked.upload.open("rb") as handle:
        log = import_log_create(
            user=request.user,
            file=File(handle),
            name=checked.filename,
            size=checked.size,
            dry_run=False,
            mapping=checked.mapping,
            table_code=checked.table_code,
        )
    return _run(request, log)


@login_required
def mapping_create(request):
    require(request.user, "monitoring.add_savedmapping")
    form = MappingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved_mapping_create(
            name=form.cleaned_data["name"],
            mapping=form.cleaned_data["mapping"],
            user=request.user,
        )
        return redirect("monitoring:import_start")
    return render(
        request,
        "monitoring/mapping_form.html",
        {"form": form, "mappings": saved_mapping_list()},
    )
