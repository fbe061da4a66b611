"""Publishing survey indices into the monitoring, the monitoring way: each wave is a dataset
(`befragung-<slug>`) with one observation per index (the wave's territory and period), the index
is a measure and an indicator (`index-<code>`) whose numerator points at that measure, and the
monitoring computes the indicator values from the observations (`indicator_compute`), so the
index appears on the indicator's page for every wave's city with the wave as its source."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from bildungsnetz.access import require
from bildungsnetz.upsert import upsert
from monitoring.importer import period_date
from monitoring.licences import DEFAULT as DEFAULT_LICENCE
from monitoring.models import (
    Area,
    Dataset,
    DatasetRegion,
    DimensionKey,
    Direction,
    Indicator,
    Measure,
    Observation,
    Symbol,
)
from monitoring.services import indicator_compute

from .models import SurveyIndex, Wave
from .selectors_results import wave_index

UNIT = "Punkte (0–100)"


def index_indicator_code(index: SurveyIndex) -> str:
    return f"index-{index.code}"


def wave_dataset_code(wave: Wave) -> str:
    return f"befragung-{wave.slug}"


def _publisher(wave: Wave) -> str:
    return wave.organisation.name if wave.organisation_id else wave.territory.name


def _wave_dataset(wave: Wave) -> Dataset:
    """The dataset of a wave (its results as published), made or brought up to date."""
    dataset, _created, _changed = upsert(
        Dataset,
        {"code": wave_dataset_code(wave)},
        {
            "title": _("Survey: %(wave)s") % {"wave": wave.title},
            "source": f"{wave.title}, {wave.territory.name}",
            "publisher": _publisher(wave),
            "licence": DEFAULT_LICENCE.name,
            "licence_url": DEFAULT_LICENCE.url,
            "licence_iri": DEFAULT_LICENCE.dcat,
            "notes": _(
                "Survey results of %(population)s, %(period)s (instrument version %(version)s); "
                "values of fewer than 5 respondents are not published (“.”)."
            )
            % {
                "population": wave.population,
                "period": wave.period,
                "version": wave.version.number,
            },
            "period_type": "survey",
            "is_public": True,
            "is_official": False,
            "is_demo": wave.is_demo,
        },
    )
    upsert(
        DatasetRegion,
        {"dataset": dataset, "territory": wave.territory},
        {"key": wave.territory.key[:40]},
    )
    return dataset


def _index_indicator(index: SurveyIndex, measure: Measure, area: str) -> Indicator:
    indicator, _created, _changed = upsert(
        Indicator,
        {"code": index_indicator_code(index)},
        {
            "area": area,
            "name": index.name,
            "definition": index.definition
            or _(
                "Mean over respondents of the items' scores rescaled to 0–100 (%(codes)s), "
                "for respondents who answered at least %(min)s of them."
            )
            % {"codes": ", ".join(index.question_codes), "min": index.min_items},
            "numerator": {"measure": measure.code, "unit": measure.unit, "dimensions": ""},
            "denominator": None,
            "scale": 1.0,
            "unit": UNIT,
            "decimals": 1,
            "direction": Direction.HIGHER_BETTER,
            "sources": _("Survey “%(instrument)s”") % {"instrument": index.instrument.title},
            "caveats": _("Values of fewer than 5 respondents are not published."),
        },
    )
    return indicator


@transaction.atomic
def index_publish(
    *, index: SurveyIndex, waves: list[Wave], actor, area: str = Area.CONTEXT
) -> Indicator:
    """Publish `index` for `waves` (the actor must hold `surveys.publish_index` on every one):
    the wave's observation is replaced by its current value (or "." when it is hidden), then
    the indicator is recomputed. Idempotent: publishing twice changes nothing."""
    for wave in waves:
        require(actor, "surveys.publish_index", wave)
        if wave.version.instrument_id != index.instrument_id:
            raise ValueError(f"{wave.slug} does not run the instrument of {index.code}")
    measure, _created, _changed = upsert(
        Measure, {"code": index_indicator_code(index), "unit": UNIT}, {"label": index.name}
    )
    total, _created = DimensionKey.objects.get_or_create(key="")
    for wave in waves:
        summary = wave_index(index, wave)
        dataset = _wave_dataset(wave)
        shown = not summary.suppressed and summary.mean is not None
        # Re-publishing replaces the wave's observation (a changed period leaves no old one).
        Observation.objects.filter(dataset=dataset, measure=measure).exclude(
            territory=wave.territory, period=wave.period, dimension_key=total
        ).delete()
        upsert(
            Observation,
            {
                "dataset": dataset,
                "measure": measure,
                "territory": wave.territory,
                "period": wave.period,
                "dimension_key": total,
            },
            {
                "period_date": period_date(wave.period),
                "value": round(summary.mean, 6) if shown else None,
                "symbol": "" if shown else Symbol.UNKNOWN,
            },
        )
    indicator = _index_indicator(index, measure, area)
    if index.indicator_id != indicator.pk:
        index.indicator = indicator
        index.save(update_fields=["indicator"])
    indicator_compute(indicator)
    return indicator
