"""Matrix specs of monitoring (see bildungsnetz/testing/permissions.py): datasets public and
not, imports into them, import logs, indicators public and not, computed indicator values, peer
groups, column mappings, measures and variables.

A dataset belongs to the territories it has data about (its regions): the coordinators of a
city manage the datasets about that city and nothing of another. Data is tiny (a dataset with
two observations, files of one row); nothing real is imported.
"""

from __future__ import annotations

import io
import itertools
import zipfile

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bildungsnetz.testing.permissions import (
    COORDINATORS,
    EVERYONE,
    HIDDEN,
    NOBODY,
    SUPERUSER,
    Action,
    Spec,
)

_seq = itertools.count(1)


def _items(response) -> list:
    return response.json()["items"] if response.status_code == 200 else []


def _body(response) -> str:
    if response.status_code != 200:
        return ""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


# --- monitoring.dataset ---------------------------------------------------------------------
def make_dataset(world, tenant, is_public=True):
    """A dataset of two observations about the tenant's city."""
    from monitoring.tests.factories import dataset_with_observations

    code = f"mx{next(_seq)}-{tenant.name}"
    return dataset_with_observations(tenant.city, code=code, is_public=is_public)


def _opendata(name, **kwargs) -> str:
    return reverse(f"monitoring_opendata:{name}", kwargs=kwargs)


def _detail(call, dataset):
    return call.get(reverse("monitoring:dataset_detail", args=[dataset.code]))


def _api_dataset(call, dataset):
    return call.api_get(reverse("api-v1:get_dataset", kwargs={"code": dataset.code}))


def _api_observations(call, dataset) -> bool:
    response = call.api_get(reverse("api-v1:observations"), {"dataset": dataset.code})
    return bool(_items(response))


def _dataset_csv(dataset) -> str:
    return _opendata("dataset_download", code=dataset.code, fmt="csv")


def _download(call, dataset):
    return call.get(_dataset_csv(dataset))


def _download_published(call, dataset):
    """The twin of a refused download: the same dataset once it is public."""
    type(dataset).objects.filter(pk=dataset.pk).update(is_public=True)
    return _download(call, dataset)


def _open_data(call, dataset) -> list[bool]:
    """Where the dataset appears in the open data: catalogue, overview page, ZIP of everything."""
    graph = call.get(_opendata("catalog_jsonld")).json()["@graph"]
    in_catalogue = any(node.get("dct:identifier") == dataset.code for node in graph)
    in_index = _dataset_csv(dataset) in _body(call.get(_opendata("index")))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(call.get(_opendata("everything")))))
    in_zip = f"datasets/{dataset.code}.csv" in archive.namelist()
    return [in_catalogue, in_index, in_zip]


def _upload(call, territory, code, *, year=2024):
    from monitoring.tests.factories import statistics_file

    data, name = statistics_file(territory, code=code, year=year)
    upload = SimpleUploadedFile(name, data, content_type="text/csv")
    return call.post(reverse("monitoring:import_start"), {"file": upload})


def _callers_city(call):
    """The city the caller's role is held in: the third city for `other_city`, else the own
    tenant's (the organisation of viewer and editor is seated there)."""
    return call.world.third_city if call.role == "other_city" else call.world.own.city


def _new_value(dataset) -> bool:
    from monitoring.models import Observation

    return Observation.objects.filter(dataset=dataset, period="2024-12-31", value=200).exists()


def _rows_of_2030(dataset) -> bool:
    from monitoring.models import Observation

    return Observation.objects.filter(dataset=dataset, period="2030-12-31").exists()


DATASET = Spec(
    "monitoring.dataset",
    make=make_dataset,
    actions=[
        Action("view", EVERYONE, perm="monitoring.view_dataset", page=_detail, api=_api_dataset),
        Action(
            "open data", EVERYONE, page=_download, api=_api_observations,
            probe=lambda call, obj: all(_open_data(call, obj)),
        ),
        Action("change", COORDINATORS, perm="monitoring.change_dataset", admin="change"),
        Action("delete", COORDINATORS, perm="monitoring.delete_dataset", admin="delete"),
        # A re-import of the table with a new value for the tenant's city.
        Action(
            "import new values", COORDINATORS,
            page=lambda call, obj: _upload(call, call.tenant.city, obj.code),
            effect=_new_value,
        ),
        # A file about the caller's own city under the code of the tenant's table: it would
        # rewrite the table's title and notes and mix the caller's city into it.
        Action(
            "import rows of another city into it", COORDINATORS,
            page=lambda call, obj: _upload(call, _callers_city(call), obj.code, year=2030),
            effect=_rows_of_2030,
        ),
    ],
)  # fmt: skip

# Official statistics (a statistical office's table) are public facts, no tenant's property:
# every coordinator, whatever city they coordinate, imports and revises them; editing or
# deleting one by hand is for the platform's admins.
STATISTICS_IMPORTERS = frozenset({"other_city", *COORDINATORS})


def make_official_dataset(world, tenant):
    """An official table (a Regionaldatenbank code) with two observations about the city."""
    from monitoring.tests.factories import dataset_with_observations

    code = f"{90000 + next(_seq)}-01-01-4"
    return dataset_with_observations(tenant.city, code=code, is_official=True)


OFFICIAL_DATASET = Spec(
    "monitoring.dataset (official statistics)",
    make=make_official_dataset,
    tenanted=False,
    actions=[
        Action("view", EVERYONE, perm="monitoring.view_dataset", page=_detail),
        Action(
            "import", STATISTICS_IMPORTERS, perm="monitoring.import_official_statistics",
        ),
        # The statistical office's file again, with a revised value for the city.
        Action(
            "import revised values", STATISTICS_IMPORTERS,
            page=lambda call, obj: _upload(call, call.tenant.city, obj.code),
            effect=_new_value,
        ),
        # The caller's city's rows of the same official table.
        Action(
            "import rows of another city into it", STATISTICS_IMPORTERS,
            page=lambda call, obj: _upload(call, _callers_city(call), obj.code, year=2030),
            effect=_rows_of_2030,
        ),
        Action("change", SUPERUSER, perm="monitoring.change_dataset", admin="change"),
        Action("delete", SUPERUSER, perm="monitoring.delete_dataset", admin="delete"),
    ],
)  # fmt: skip

HIDDEN_DATASET = Spec(
    "monitoring.dataset (not public)",
    make=lambda world, tenant: make_dataset(world, tenant, is_public=False),
    actions=[
        Action(
            "view", COORDINATORS, perm="monitoring.view_dataset", page=_detail, api=_api_dataset,
            probe=_api_observations, not_found=HIDDEN,
        ),
        Action(
            "open data", NOBODY, page=_download, not_found=HIDDEN, twin=_download_published,
            probe=lambda call, obj: any(_open_data(call, obj)),
        ),
    ],
)  # fmt: skip


def make_hidden_dataset_with_figures(world, tenant):
    """A non-public dataset about the tenant's city and two of its districts, with a public
    indicator and a segregation series over its measures."""
    from monitoring.indicators import indicator_compute
    from monitoring.tests.factories import IndicatorFactory, observations_add
    from places.models import Level
    from places.tests.factories import TerritoryFactory

    dataset = make_dataset(world, tenant, is_public=False)
    n = next(_seq)
    total = _figure_measure(dataset)
    group = f"{total}_G"
    observations_add(dataset, tenant.city, measure=total, values=(100.0,))
    for number, share in enumerate((10.0, 40.0)):
        district = TerritoryFactory(
            level=Level.DISTRICT, parent=tenant.city, name_de=f"Ortsteil {n}-{number}"
        )
        observations_add(dataset, district, measure=total, values=(50.0,))
        observations_add(dataset, district, measure=group, values=(share,))
    indicator_compute(IndicatorFactory(code=f"mx-{dataset.code}", numerator={"measure": total}))
    return dataset


def _figure_measure(dataset) -> str:
    return f"MX_{dataset.code.upper()}"


def _api_indicator_values(call, dataset) -> bool:
    url = reverse("api-v1:indicator_values", kwargs={"code": f"mx-{dataset.code}"})
    return bool(_items(call.api_get(url)))


def _derived_figures(call, dataset) -> bool:
    """The non-public numbers in the indicator download, the territory page's section or a
    segregation series over the city's districts."""
    from django.apps import apps

    from monitoring.spatial import SpatialSeries, series_indices
    from places.models import Level

    city = call.tenant.city
    download = _body(call.get(_opendata("indicator_download", code=f"mx-{dataset.code}",
                                        fmt="csv")))  # fmt: skip
    sections = apps.get_app_config("monitoring").territory_sections(city)
    in_section = any(
        value.indicator.code == f"mx-{dataset.code}" for s in sections for value in s["items"]
    )
    measure = _figure_measure(dataset)
    series = SpatialSeries(
        code="mx", title="mx", group={"measure": f"{measure}_G"}, total={"measure": measure},
        unit_levels=(Level.DISTRICT,), parents=(city.key,),
    )  # fmt: skip
    return city.key in download or in_section or bool(series_indices(series))


HIDDEN_DATASET_FIGURES = Spec(
    "monitoring.dataset (not public: derived figures)",
    make=make_hidden_dataset_with_figures,
    actions=[
        Action("published", NOBODY, api=_api_indicator_values, probe=_derived_figures),
    ],
)  # fmt: skip


def _import_new_dataset(call, city) -> bool:
    from monitoring.models import Dataset

    code = f"mxneu{next(_seq)}"
    _upload(call, city, code)
    return Dataset.objects.filter(code=code).exists()


NEW_DATASET = Spec(
    "monitoring.dataset (new, imported about the tenant's city)",
    make=lambda world, tenant: tenant.city,
    actions=[Action("import", COORDINATORS, probe=_import_new_dataset)],
)  # fmt: skip


# --- monitoring.importlog -------------------------------------------------------------------
def _colleague(tenant):
    """Another coordinator of the tenant's city (no password: nothing to hash)."""
    from accounts.models import Membership, RoleLevel, User

    user = User.objects.create_user(f"kollegin{next(_seq)}@matrix.example")
    Membership.objects.create(user=user, territory=tenant.city, role=RoleLevel.COORDINATOR)
    return user


def make_import_log(world, tenant):
    """A colleague's import about the tenant's city, as the importer records it."""
    from monitoring.tests.factories import ImportLogFactory

    log = ImportLogFactory(user=_colleague(tenant))
    log.territories.set([tenant.city])
    return log


def make_checked_import(world, tenant):
    """A colleague's passed dry run of a one-row file about the tenant's city (the importer
    records the territories of the file on the log)."""
    from monitoring.models import ImportLog
    from monitoring.services import observations_import
    from monitoring.tests.factories import statistics_file

    data, name = statistics_file(tenant.city, code=f"mxlog{next(_seq)}-{tenant.name}")
    log = ImportLog(user=_colleague(tenant), filename=name, size=len(data), dry_run=True)
    log.upload.save(name, ContentFile(data), save=False)
    log.save()
    return observations_import(data=data, filename=name, dry_run=True, log=log)


def _listed(call, log) -> bool:
    url = reverse("monitoring:import_detail", args=[log.pk])
    return url in _body(call.get(reverse("monitoring:import_start")))


def _confirmed(log) -> bool:
    from monitoring.models import Dataset

    return Dataset.objects.filter(code__in=log.dataset_codes).exists()


IMPORT_LOG = Spec(
    "monitoring.importlog",
    make=make_import_log,
    actions=[
        Action(
            "view", COORDINATORS, perm="monitoring.view_importlog", admin="view", not_found="view",
            page=lambda call, obj: call.get(reverse("monitoring:import_detail", args=[obj.pk])),
            probe=_listed,
        ),
        Action("delete", SUPERUSER, admin="delete"),
    ],
)  # fmt: skip

CHECKED_IMPORT = Spec(
    "monitoring.importlog (dry run passed)",
    make=make_checked_import,
    actions=[
        Action(
            # Those who may not see the import (the same roles) learn nothing of it (404).
            "confirm", COORDINATORS, not_found=HIDDEN,
            page=lambda call, obj: call.post(reverse("monitoring:import_confirm", args=[obj.pk])),
            effect=_confirmed,
        ),
    ],
)  # fmt: skip


# --- monitoring.indicator, monitoring.indicatorvalue -------------------------------------------
def make_indicator(world, tenant, is_public=True):
    from monitoring.tests.factories import IndicatorFactory

    return IndicatorFactory(is_public=is_public)


def _indicator_page(call, indicator):
    return call.get(reverse("monitoring:indicator_detail", args=[indicator.code]))


def _indicator_csv(call, indicator):
    return call.get(_opendata("indicator_download", code=indicator.code, fmt="csv"))


def _indicator_csv_published(call, indicator):
    """The twin of a refused download: the same indicator once it is public."""
    type(indicator).objects.filter(pk=indicator.pk).update(is_public=True)
    return _indicator_csv(call, indicator)


def _indicator_in_open_data(call, indicator) -> bool:
    graph = call.get(_opendata("catalog_jsonld")).json()["@graph"]
    download = _indicator_csv(call, indicator)
    return download.status_code == 200 or any(
        node.get("dct:identifier") == f"indicator:{indicator.code}" for node in graph
    )


INDICATOR = Spec(
    "monitoring.indicator",
    make=make_indicator,
    tenanted=False,
    actions=[
        Action("view", EVERYONE, page=_indicator_page, probe=_indicator_in_open_data),
        Action("change", SUPERUSER, perm="monitoring.change_indicator", admin="change"),
        Action("delete", SUPERUSER, admin="delete"),
    ],
)  # fmt: skip

HIDDEN_INDICATOR = Spec(
    "monitoring.indicator (not public)",
    make=lambda world, tenant: make_indicator(world, tenant, is_public=False),
    tenanted=False,
    actions=[
        Action(
            "view", SUPERUSER, perm="monitoring.view_indicator", page=_indicator_page,
            api=lambda call, obj: call.api_get(
                reverse("api-v1:get_indicator", kwargs={"code": obj.code})
            ),
            not_found=HIDDEN,
        ),
        Action(
            "open data", NOBODY, probe=_indicator_in_open_data, twin=_indicator_csv_published
        ),
    ],
)  # fmt: skip


def make_indicator_value(world, tenant):
    import datetime

    from monitoring.models import IndicatorValue
    from monitoring.tests.factories import IndicatorFactory

    return IndicatorValue.objects.create(
        indicator=IndicatorFactory(), territory=tenant.city, period="2024",
        period_date=datetime.date(2024, 12, 31), value=1.0,
    )  # fmt: skip


# Computed from the observations and rebuilt after every import: nobody edits them by hand.
INDICATOR_VALUE = Spec(
    "monitoring.indicatorvalue",
    make=make_indicator_value,
    actions=[
        Action("change", SUPERUSER, admin="change"),
        Action("delete", SUPERUSER, admin="delete"),
    ],
)  # fmt: skip


# --- catalogue lookups: peer groups, column mappings, measures, variables ---------------------
def make_peer_group(world, tenant):
    from monitoring.tests.factories import PeerGroupFactory

    group = PeerGroupFactory()
    group.territories.set([world.own.city, world.foreign.city])
    return group


PEER_GROUP = Spec(
    "monitoring.peergroup",
    make=make_peer_group,
    tenanted=False,
    actions=[
        Action(
            "view", EVERYONE,
            page=lambda call, obj: call.get(reverse("monitoring:peer_group", args=[obj.slug])),
        ),
        Action("change", SUPERUSER, perm="monitoring.change_peergroup", admin="change"),
        Action("delete", SUPERUSER, admin="delete"),
    ],
)  # fmt: skip


def _create_mapping(call, mapping) -> bool:
    from monitoring.models import SavedMapping

    name = f"Zuordnung neu {next(_seq)}"
    call.post(reverse("monitoring:mapping_create"), {
        "name": name, "region_key": "AGS", "fixed_period": "2024", "measures": "Wert",
        "sep": ";", "decimal": ",", "dataset_code": "mx-zuordnung", "title": "Zuordnung",
        "source": "Testamt",
    })  # fmt: skip
    return SavedMapping.objects.filter(name=name).exists()


def make_mapping(world, tenant):
    from monitoring.tests.factories import SavedMappingFactory

    return SavedMappingFactory()


# Shared by every importer (a mapping holds no territory): any coordinator may add one;
# changing or removing one that others rely on is for the platform's admins.
SAVED_MAPPING = Spec(
    "monitoring.savedmapping",
    make=make_mapping,
    tenanted=False,
    actions=[
        Action(
            "add", {"other_city", *COORDINATORS}, perm="monitoring.add_savedmapping",
            probe=_create_mapping,
        ),
        Action("change", SUPERUSER, perm="monitoring.change_savedmapping", admin="change"),
        Action("delete", SUPERUSER, admin="delete"),
    ],
)  # fmt: skip


def make_measure(world, tenant):
    from monitoring.tests.factories import MeasureFactory

    return MeasureFactory(code=f"MX{next(_seq)}")


def make_variable(world, tenant):
    from monitoring.models import Variable

    n = next(_seq)
    return Variable.objects.create(code=f"MXVAR{n}", label=f"Merkmal {n}")


# Shared by every table: written by imports, corrected only by the platform's admins.
MEASURE = Spec(
    "monitoring.measure",
    make=make_measure,
    tenanted=False,
    actions=[
        Action("change", SUPERUSER, admin="change"),
        Action("delete", SUPERUSER, admin="delete"),
    ],
)  # fmt: skip
VARIABLE = Spec(
    "monitoring.variable",
    make=make_variable,
    tenanted=False,
    actions=[
        Action("change", SUPERUSER, admin="change"),
        Action("delete", SUPERUSER, admin="delete"),
    ],
)  # fmt: skip

SPECS = [
    DATASET, OFFICIAL_DATASET, HIDDEN_DATASET, HIDDEN_DATASET_FIGURES, NEW_DATASET, IMPORT_LOG,
    CHECKED_IMPORT, INDICATOR, HIDDEN_INDICATOR, INDICATOR_VALUE, PEER_GROUP, SAVED_MAPPING,
    MEASURE, VARIABLE,
]  # fmt: skip
