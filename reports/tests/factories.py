from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from monitoring.models import IndicatorValue
from monitoring.tests.factories import DatasetFactory, IndicatorFactory
from places.tests.factories import TerritoryFactory
from reports.models import Block, Report, ReportKind, ReviewComment, Section


class ReportFactory(DjangoModelFactory):
    class Meta:
        model = Report

    title = factory.Sequence(lambda n: f"Bildungsbericht {n}")
    slug = factory.Sequence(lambda n: f"bildungsbericht-{n}")
    kind = ReportKind.LOCAL_PROFILE
    territory = factory.SubFactory(TerritoryFactory)
    period = "2015"


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = Section

    report = factory.SubFactory(ReportFactory)
    order = factory.Sequence(lambda n: n)
    chapter = "D"
    title = factory.Sequence(lambda n: f"Abschnitt {n}")
    body = "<p>Text</p>"


class BlockFactory(DjangoModelFactory):
    class Meta:
        model = Block

    section = factory.SubFactory(SectionFactory)
    kind = "key_figure"
    params = factory.LazyFunction(dict)


class ReviewCommentFactory(DjangoModelFactory):
    class Meta:
        model = ReviewComment

    section = factory.SubFactory(SectionFactory)
    text = "Bitte prüfen"


def indicator_value(
    indicator=None,
    territory=None,
    *,
    period="2015",
    value=12.3,
    symbol="",
    dataset=None,
    **indicator_fields,
):
    """An indicator with one computed value from a dataset with source and licence."""
    indicator = indicator or IndicatorFactory(unit="%", decimals=1, **indicator_fields)
    territory = territory or TerritoryFactory()
    dataset = dataset or DatasetFactory(
        source="Regionaldatenbank Deutschland", publisher="Statistische Ämter"
    )
    return IndicatorValue.objects.create(
        indicator=indicator, territory=territory, period=period,
        period_date=dt.date(int(period[:4]), 12, 31), value=value, symbol=symbol, dataset=dataset,
    )  # fmt: skip


def tag(indicator: str, territory: str, period: str) -> str:
    """A live-figure placeholder."""
    return f"{{{{ indicator:{indicator} territory:{territory} period:{period} }}}}"
