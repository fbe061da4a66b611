"""The surveys API: waves and their results as suppressed tables. Never raw answers, never
free text: a hidden figure is null with the symbol "." and the reason (`primary`: fewer than
5 respondents; `complementary`: hidden so that another hidden figure cannot be computed)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from bildungsnetz.access import object_for
from bildungsnetz.apikit import DETAIL_ERRORS

from . import selectors_results as sel
from .models import SurveyIndex, Wave
from .selectors import wave_list
from .stats import MIN_CELL

router = Router(tags=["surveys"])

HIDDEN = "."


class SurveyWaveOut(Schema):
    slug: str
    title: str
    city: str = Field(description="official key of the city or region, e.g. ags:16051000")
    city_name: str
    period: str
    opens: dt.date
    closes: dt.date
    population: str
    status: str = Field(description="draft, open or closed")
    instrument: str = Field(description="code of the instrument")
    version: int
    results_url: str

    @staticmethod
    def resolve_city(obj):
        return obj.territory.key

    @staticmethod
    def resolve_city_name(obj):
        return obj.territory.name

    @staticmethod
    def resolve_instrument(obj):
        return obj.version.instrument.code

    @staticmethod
    def resolve_version(obj):
        return obj.version.number

    @staticmethod
    def resolve_results_url(obj):
        return reverse("surveys:results_wave", args=[obj.slug])


class SurveyCellOut(Schema):
    value: float | None = Field(description="the count, or null when hidden")
    percent: float | None = None
    symbol: str = Field(description='"" or "." (hidden)')
    reason: str = Field(description='"", "primary" or "complementary"')


class SurveyCategoryOut(SurveyCellOut):
    code: str
    label: str
    missing: bool = Field(description="a missing-value code such as 99 “don't know”")


class SurveySummaryOut(Schema):
    n: float | None
    mean: float | None
    median: float | None
    sd: float | None
    symbol: str
    reason: str


class SurveyVariableOut(Schema):
    code: str = Field(description="variable name: the question's code or a matrix row's code")
    question: str = Field(description="code of the question")
    label: str
    kind: str
    total: SurveyCellOut | None = Field(description="respondents who answered")
    categories: list[SurveyCategoryOut]
    summary: SurveySummaryOut | None = Field(description="numbers and scales, missing left out")
    answered: SurveyCellOut | None = Field(description="text questions: only how many answered")


class SurveyIndexValueOut(Schema):
    code: str
    name: str
    question_codes: list[str]
    min_items: int
    value: SurveySummaryOut = Field(description="mean of the respondents' indices, 0–100")
    indicator: str | None = Field(description="code of the indicator in the monitoring")


class SurveyWaveResultsOut(Schema):
    wave: SurveyWaveOut
    min_cell: int
    respondents: SurveyCellOut
    variables: list[SurveyVariableOut]
    indices: list[SurveyIndexValueOut]


def _cell(cell) -> dict | None:
    if cell is None:
        return None
    return {
        "value": cell.value,
        "percent": cell.percent,
        "symbol": HIDDEN if cell.suppressed else "",
        "reason": cell.reason,
    }


def _summary(summary) -> dict | None:
    if summary is None:
        return None
    return {
        "n": summary.n,
        "mean": summary.mean,
        "median": summary.median,
        "sd": summary.sd,
        "symbol": HIDDEN if summary.suppressed else "",
        "reason": summary.reason,
    }


def _variable(result: sel.VariableResult) -> dict:
    variable = result.variable
    categories = [
        {**_cell(row["cell"]), "code": row["code"], "label": row["label"], "missing": missing}
        for rows, missing in ((result.rows, False), (result.missing, True))
        for row in rows
    ]
    return {
        "code": variable.code,
        "question": variable.question.code,
        "label": variable.label,
        "kind": variable.kind,
        "total": _cell(result.total),
        "categories": categories,
        "summary": _summary(result.summary),
        "answered": _cell(result.answered),
    }


@router.get("/waves", response=list[SurveyWaveOut])
@paginate
def survey_wave_list(request):
    """Running and closed waves (and, with a token, those in preparation its user prepares)."""
    return wave_list(user=request.user).select_related("version__instrument", "territory")


@router.get("/waves/{slug}/results", response={200: SurveyWaveResultsOut, **DETAIL_ERRORS})
def survey_wave_results(request, slug: str):
    """A wave's results per variable, suppressed as on the results page."""
    wave = object_for(
        request.user,
        Wave.objects.select_related("territory", "version__instrument"),
        "surveys.view_results",
        slug=slug,
    )
    return {
        "wave": wave,
        "min_cell": MIN_CELL,
        "respondents": _cell(sel.wave_respondents(wave)),
        "variables": [_variable(r) for r in sel.wave_results(wave)],
        "indices": [
            {
                "code": index.code,
                "name": index.name,
                "question_codes": index.question_codes,
                "min_items": index.min_items,
                "value": _summary(sel.wave_index(index, wave)),
                "indicator": index.indicator.code if index.indicator_id else None,
            }
            for index in SurveyIndex.objects.filter(
                instrument=wave.version.instrument_id
            ).select_related("indicator")
        ],
    }
