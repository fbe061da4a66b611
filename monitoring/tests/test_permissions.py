import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import RoleLevel
from monitoring.indicators import indicator_compute
from monitoring.models import ImportLog, Observation
from monitoring.services import observations_import
from places.models import Territory

from .factories import admin, ffcsv, member

pytestmark = pytest.mark.django_db


# A city's own figures: a table code that is no statistical office's (official statistics, which
# every coordinator may import, are tested in test_official_statistics.py).
OWN_CODE = "stadtdaten-1"


def _upload(client, rows, dry_run=False, code=OWN_CODE):
    data, name = ffcsv(rows, code=code)
    payload = {"file": SimpleUploadedFile(name, data, content_type="text/csv")}
    if dry_run:
        payload["dry_run"] = "on"
    return client.post(reverse("monitoring:import_start"), payload)


ERFURT_ROW = [("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218793")]
LEIPZIG_ROW = [("2024-12-31", "14713", "Leipzig, kreisfreie Stadt", "", "628718")]


def test_anonymous_users_are_sent_to_login(reference_territories, client):
    assert client.get(reverse("monitoring:import_start")).status_code == 302


@pytest.mark.parametrize("role", [RoleLevel.VIEWER, RoleLevel.EDITOR])
def test_members_below_coordinator_may_not_import(reference_territories, client, erfurt, role):
    client.force_login(member(erfurt, role))
    assert client.get(reverse("monitoring:import_start")).status_code == 403
    assert _upload(client, ERFURT_ROW).status_code == 403
    assert not Observation.objects.exists()


def test_a_coordinator_imports_data_about_their_city(reference_territories, client, erfurt):
    client.force_login(member(erfurt))
    response = _upload(client, ERFURT_ROW)
    log = ImportLog.objects.get()
    assert response.status_code == 302 and log.status == "succeeded", log.errors
    assert Observation.objects.get().value == 218793


def test_it_rejects_data_about_a_foreign_city(reference_territories, client, erfurt):
    client.force_login(member(erfurt))
    _upload(client, LEIPZIG_ROW)
    log = ImportLog.objects.get()
    assert log.status == "failed"
    assert "Leipzig" in log.errors[0]["message"]
    assert not Observation.objects.exists()


def test_a_city_coordinator_may_not_create_territories(reference_territories, client, erfurt):
    client.force_login(member(erfurt))
    _upload(client, [("2024-12-31", "09999", "Neukreis, Landkreis", "", "7")])
    assert ImportLog.objects.get().status == "failed"
    assert not Territory.objects.filter(code="09999").exists()


def test_a_state_coordinator_covers_the_cities_below(reference_territories, client):
    client.force_login(member(Territory.objects.get_by_key("ags:16")))
    _upload(client, ERFURT_ROW)
    assert ImportLog.objects.get().status == "succeeded"


def test_an_admin_imports_anything(reference_territories, client):
    client.force_login(admin())
    _upload(client, LEIPZIG_ROW + [("2024-12-31", "09999", "Neukreis, Landkreis", "", "7")])
    assert ImportLog.objects.get().status == "succeeded"


def test_dry_run_then_confirm(reference_territories, client, erfurt):
    client.force_login(member(erfurt))
    response = _upload(client, ERFURT_ROW, dry_run=True)
    checked = ImportLog.objects.get()
    assert checked.status == "checked" and not Observation.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "bestaetigen" in page
    client.post(reverse("monitoring:import_confirm", kwargs={"pk": checked.pk}))
    assert ImportLog.objects.latest("pk").status == "succeeded"
    assert Observation.objects.count() == 1


def test_an_import_log_is_seen_by_the_coordinators_of_its_territories(
    reference_territories, client, erfurt
):
    client.force_login(member(erfurt))
    _upload(client, ERFURT_ROW)
    log = ImportLog.objects.get()
    assert list(log.territories.all()) == [erfurt]
    client.force_login(member(erfurt))  # a colleague in Erfurt
    assert client.get(reverse("monitoring:import_detail", kwargs={"pk": log.pk})).status_code == 200
    client.force_login(member(Territory.objects.get_by_key("ags:14713000")))  # Leipzig
    # Another city's coordinator does not learn that the import exists.
    assert client.get(reverse("monitoring:import_detail", kwargs={"pk": log.pk})).status_code == 404
    assert (
        reverse("monitoring:import_detail", kwargs={"pk": log.pk})
        not in client.get(reverse("monitoring:import_start")).content.decode()
    )


def test_it_rejects_a_city_s_rows_under_the_code_of_a_foreign_table(
    reference_territories, client, erfurt
):
    leipzig_table = ffcsv(LEIPZIG_ROW, code=OWN_CODE)
    observations_import(data=leipzig_table[0], filename=leipzig_table[1])
    client.force_login(member(erfurt))
    _upload(client, ERFURT_ROW)  # the same table code
    log = ImportLog.objects.latest("pk")
    assert log.status == "failed" and OWN_CODE in log.errors[0]["message"]
    assert not Observation.objects.filter(territory=erfurt).exists()


def test_withdrawing_a_table_in_the_admin_takes_it_out_of_the_indicators(
    reference_territories, erfurt, rf
):
    from types import SimpleNamespace

    from django.contrib import admin as django_admin

    from monitoring.models import Dataset, IndicatorValue
    from monitoring.tests.factories import IndicatorFactory

    observations_import(data=ffcsv(ERFURT_ROW)[0], filename=ffcsv(ERFURT_ROW)[1])
    indicator = IndicatorFactory(numerator={"measure": "BEVSTD"})
    indicator_compute(indicator)
    assert IndicatorValue.objects.filter(indicator=indicator, territory=erfurt).exists()
    dataset = Dataset.objects.get()
    model_admin = django_admin.site._registry[Dataset]
    request = rf.post(reverse("admin:index"))
    request.user = admin()
    dataset.is_public = False
    model_admin.save_model(request, dataset, SimpleNamespace(changed_data=["is_public"]), True)
    assert not IndicatorValue.objects.filter(indicator=indicator).exists()
    dataset.is_public = True
    model_admin.save_model(request, dataset, SimpleNamespace(changed_data=["is_public"]), True)
    assert IndicatorValue.objects.filter(indicator=indicator, territory=erfurt).exists()


def test_large_imports_run_in_the_background_with_progress(
    reference_territories, client, erfurt, settings, monkeypatch
):
    from monitoring import views_import

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(views_import, "INLINE_BYTES", 0)
    client.force_login(member(erfurt))
    response = _upload(client, ERFURT_ROW)
    log = ImportLog.objects.get()
    assert log.status == "succeeded" and log.progress == 100
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert 'id="import-status"' in partial and "every 1s" not in partial
