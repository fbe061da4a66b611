"""Test data for monitoring: tiny GENESIS flat files, users with roles, and model factories
for datasets with a handful of observations (no file needs to be imported)."""

from __future__ import annotations

import datetime

import factory

from accounts.tests.factories import UserFactory, with_mfa
from accounts.tests.factories import member as member  # one home: accounts
from monitoring.models import (
    Dataset,
    DatasetRegion,
    DimensionKey,
    ImportLog,
    Indicator,
    Measure,
    Observation,
    PeerGroup,
    SavedMapping,
)

FF_HEADER = (
    "statistics_code;statistics_label;time_code;time_label;time;"
    "1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;"
    "2_variable_code;2_variable_label;2_variable_attribute_code;2_variable_attribute_label;"
    "value;value_unit;value_variable_code;value_variable_label"
)


def ffcsv(
    rows: list[tuple[str, str, str, str, str]], *, code: str = "99999-01-01-4"
) -> tuple[bytes, str]:
    """rows: (time, Kreis key, Kreis label, sex attribute code or "", value text)."""
    lines = [FF_HEADER]
    for time, key, label, sex, value in rows:
        sex_label = {"": "Insgesamt", "GESM": "männlich", "GESW": "weiblich"}[sex]
        lines.append(
            f"99999;Teststatistik;STAG;Stichtag;{time};KREISE;Kreise und kreisfreie Städte;"
            f"{key};{label};GES;Geschlecht;{sex};{sex_label};{value};Anzahl;BEVSTD;Bevölkerungsstand"
        )
    return ("\n".join(lines) + "\n").encode("utf-8"), f"{code}_1773175772751_de_flat.csv"


def admin():
    return with_mfa(UserFactory(is_superuser=True, is_staff=True))


# --- model factories -------------------------------------------------------------------------


class DatasetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dataset

    code = factory.Sequence(lambda n: f"99{n:03d}-01-01-4")
    title = factory.Sequence(lambda n: f"Teststatistik {n}")
    source = "Testamt"


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        django_get_or_create = ("code", "unit")

    code = "BEVSTD"
    label = "Bevölkerungsstand"
    # As GENESIS flat files name it: a measure is its code in one unit.
    unit = "Anzahl"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"testindikator-{n}")
    area = "context"
    name = factory.Sequence(lambda n: f"Testindikator {n}")
    numerator = factory.LazyAttribute(lambda o: {"measure": "BEVSTD"})


class PeerGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeerGroup

    name = factory.Sequence(lambda n: f"Vergleichsgruppe {n}")
    slug = factory.Sequence(lambda n: f"vergleichsgruppe-{n}")


class SavedMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedMapping

    name = factory.Sequence(lambda n: f"Zuordnung {n}")
    mapping = factory.LazyFunction(
        lambda: {"region_key": "AGS", "fixed_period": "2024", "measures": ["Wert"],
                 "dataset_code": "zuordnung", "title": "Zuordnung", "source": "Testamt"}
    )  # fmt: skip


class ImportLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportLog

    filename = factory.Sequence(lambda n: f"import-{n}.csv")
    status = ImportLog.Status.SUCCEEDED


def source_key(territory) -> str:
    """The key a statistics file uses for a territory (GENESIS 8 digits, Vienna MA 23)."""
    if territory.scheme == "gkz" and territory.code == "90001":
        return "90000"
    return territory.code


def dataset_with_observations(territory, *, values=(100.0, 110.0), measure="BEVSTD", **kwargs):
    """A dataset with one observation per value about `territory` (…, 2023, 2024)."""
    dataset = DatasetFactory(**kwargs)
    observations_add(dataset, territory, measure=measure, values=values)
    return dataset


def observations_add(dataset, territory, *, measure="BEVSTD", values=(100.0, 110.0)):
    """Observations of `measure` (total) about `territory`, one per year up to 2024."""
    DatasetRegion.objects.get_or_create(
        dataset=dataset, territory=territory, defaults={"key": source_key(territory)}
    )
    measure_obj = MeasureFactory(code=measure)
    total, _created = DimensionKey.objects.get_or_create(key="")
    start = 2025 - len(values)
    Observation.objects.bulk_create(
        Observation(
            dataset=dataset, measure=measure_obj, territory=territory, dimension_key=total,
            period=f"{year}-12-31", period_date=datetime.date(year, 12, 31), value=value,
        )
        for year, value in enumerate(values, start=start)
    )  # fmt: skip


def statistics_file(territory, *, code: str, value: str = "200", year: int = 2024):
    """(content, file name) of a one-row file about `territory` (measure BEVSTD, total, key date
    31 Dec `year`): a GENESIS flat file for German territories, a Vienna OGD CSV for Vienna."""
    if territory.scheme == "gkz":
        lines = [
            "Teststatistik Wien;;;;;;;",
            "NUTS1;NUTS2;NUTS3;DISTRICT_CODE;SUB_DISTRICT_CODE;REF_YEAR;REF_DATE;BEVSTD",
            f"AT1;AT13;AT130;{source_key(territory)};0;{year};{year}1231;{value}",
        ]
        return ("\n".join(lines) + "\n").encode("utf-8"), f"{code}.csv"
    row = (f"{year}-12-31", source_key(territory), territory.name, "", value)
    return ffcsv([row], code=code)
