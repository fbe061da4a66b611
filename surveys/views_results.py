"""Pages of survey results: a wave's tables, breakdowns, waves side by side, publishing an
index. Thin: `selectors_results` reads (suppressed), `services_indices` writes, access through
`bildungsnetz.access`. Public once a wave runs (`surveys.view_results`)."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bildungsnetz.access import object_for

from . import selectors_results as sel
from .models import SurveyIndex, Wave, WaveStatus
from .selectors import wave_list
from .services_indices import index_publish

_WAVES = Wave.objects.select_related("territory", "organisation", "version__instrument")
MAX_COMPARED = 6


def _wave(request, slug: str) -> Wave:
    return object_for(request.user, _WAVES, "surveys.view_results", slug=slug)


def _blocks(results: list[sel.VariableResult]) -> list[dict]:
    """The results grouped by question (a matrix's rows under their question)."""
    return [
        {"question": question, "results": list(items)}
        for question, items in groupby(results, key=lambda r: r.variable.question)
    ]


def results_wave(request, slug: str):
    wave = _wave(request, slug)
    indices = [
        {"index": index, "value": sel.wave_index(index, wave)}
        for index in SurveyIndex.objects.filter(instrument=wave.version.instrument_id)
    ]
    context = {
        "wave": wave,
        "respondents": sel.wave_respondents(wave),
        "blocks": _blocks(sel.wave_results(wave)),
        "indices": indices,
        "can_publish": request.user.has_perm("surveys.publish_index", wave),
        "others": _comparable(request.user, wave),
    }
    return render(request, "surveys/results_wave.html", context)


def _comparable(user, wave: Wave) -> list[Wave]:
    """Other waves of the same instrument whose results the user may see."""
    others = wave_list(user=user).filter(version__instrument=wave.version.instrument_id)
    return [w for w in others.exclude(pk=wave.pk) if user.has_perm("surveys.view_results", w)]


def results_breakdown(request, slug: str):
    wave = _wave(request, slug)
    rows, groups = sel.breakdown_choices(wave)
    chosen = {v.code: v for v in rows}.get(request.GET.get("frage", ""))
    by = {v.code: v for v in groups}.get(request.GET.get("nach", ""))
    asked = "frage" in request.GET or "nach" in request.GET
    error = ""
    if asked and (chosen is None or by is None):
        error = _("Choose a question and a question to break it down by.")
    elif asked and chosen.code == by.code:
        error = _("Choose two different questions.")
    result = sel.wave_breakdown(wave, chosen, by) if asked and not error else None
    context = {
        "wave": wave,
        "rows": rows,
        "groups": groups,
        "chosen": chosen,
        "by": by,
        "result": result,
        "error": error,
    }
    return render(request, "surveys/results_breakdown.html", context, status=422 if error else 200)


def results_compare(request):
    slugs = [s.strip() for s in request.GET.get("wellen", "").split(",") if s.strip()]
    slugs += [s for s in request.GET.getlist("welle") if s]
    waves = sel.waves_for_comparison(user=request.user, slugs=slugs[:MAX_COMPARED])
    public = wave_list(user=request.user).exclude(status=WaveStatus.DRAFT)
    context = {
        "waves": waves,
        "index_rows": _index_rows(waves),
        "wave_rows": [{"wave": w, "respondents": sel.wave_respondents(w)} for w in waves],
        "comparisons": sel.waves_comparison(waves) if waves else [],
        "choices": public,
        "chosen": {w.slug for w in waves},
        "max_compared": MAX_COMPARED,
    }
    return render(request, "surveys/results_compare.html", context)


def _index_rows(waves: list[Wave]) -> list[dict]:
    """Each index of the waves' instruments with its value per wave (None: another
    instrument)."""
    instruments = {w.version.instrument_id for w in waves}
    return [
        {
            "index": index,
            "values": [
                sel.wave_index(index, w) if w.version.instrument_id == index.instrument_id else None
                for w in waves
            ],
        }
        for index in SurveyIndex.objects.filter(instrument__in=instruments).order_by("name")
    ]


@require_POST
def results_index_publish(request, slug: str, code: str):
    wave = object_for(request.user, _WAVES, "surveys.publish_index", slug=slug)
    index = get_object_or_404(SurveyIndex, instrument=wave.version.instrument_id, code=code)
    indicator = index_publish(index=index, waves=[wave], actor=request.user)
    messages.success(
        request,
        _("The index “%(index)s” of this wave is published as the indicator “%(indicator)s”.")
        % {"index": index.name, "indicator": indicator.name},
    )
    return redirect("surveys:results_wave", slug=wave.slug)
