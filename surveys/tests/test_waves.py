"""Waves: prepared by the city's editors, opened and closed by its coordinators; opening
freezes the version and makes an unguessable open key; closing deletes the addresses; the
detail page shows progress and quotas to those who prepare the wave."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import RoleLevel
from accounts.tests.factories import member
from actors.tests.factories import OrganisationFactory
from places.tests.factories import TerritoryFactory
from surveys import services
from surveys.invitations import token_hash
from surveys.models import Invitation, QuestionKind, Quota, Wave, WaveStatus

from .factories import (
    AnswerFactory,
    ChoiceFactory,
    QuestionFactory,
    ResponseFactory,
    VersionFactory,
    WaveFactory,
)

pytestmark = pytest.mark.django_db


def _draft_wave(**fields):
    question = QuestionFactory(code="TH01")
    return WaveFactory(version=question.version, status=WaveStatus.DRAFT, **fields)


def test_opening_a_wave_freezes_its_version_and_makes_an_unguessable_key():
    wave = _draft_wave()
    key_while_preparing = wave.open_key
    services.wave_open(wave=wave)
    wave.refresh_from_db()
    assert wave.status == WaveStatus.OPEN
    assert wave.version.is_frozen
    assert wave.open_key != key_while_preparing and len(wave.open_key) >= 32


def test_a_wave_without_questions_cannot_open():
    wave = WaveFactory(version=VersionFactory(), status=WaveStatus.DRAFT)
    with pytest.raises(ValidationError, match="keine Fragen"):
        services.wave_open(wave=wave)


def test_closing_a_wave_deletes_the_addresses_and_keeps_the_counts():
    wave = _draft_wave(access=Wave.Access.INVITATION)
    for n in range(3):
        Invitation.objects.create(
            wave=wave, email=f"p{n}@example.org", token_hash=token_hash(str(n))
        )
    services.wave_open(wave=wave)
    services.wave_close(wave=wave)
    wave.refresh_from_db()
    assert wave.status == WaveStatus.CLOSED
    assert wave.invitations.count() == 3
    assert not wave.invitations.exclude(email="").exists()


def test_a_closed_wave_cannot_be_opened_again():
    wave = _draft_wave()
    services.wave_open(wave=wave)
    services.wave_close(wave=wave)
    with pytest.raises(ValidationError):
        services.wave_open(wave=wave)


def test_a_coordinator_creates_a_wave_in_their_city(client):
    city = TerritoryFactory()
    version = VersionFactory()
    user = member(city, RoleLevel.EDITOR)
    colleague = member(city, RoleLevel.COORDINATOR)
    client.force_login(user)
    response = client.post(
        reverse("surveys:wave_create", args=[version.instrument.code]),
        {"title": "Eltern 2026", "version": version.pk, "territory_key": city.key,
         "period": "2026", "opens": "2026-03-01", "closes": "2026-04-30",
         "population": "Eltern", "population_size": "1200", "access": "invitation",
         "coordinator_emails": colleague.email},
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    wave = Wave.objects.get(title="Eltern 2026")
    assert wave.status == WaveStatus.DRAFT and wave.territory == city
    assert list(wave.coordinators.all()) == [colleague]


def test_a_panel_wave_needs_a_consent_text(client):
    city = TerritoryFactory()
    version = VersionFactory()
    client.force_login(member(city, RoleLevel.EDITOR))
    response = client.post(
        reverse("surveys:wave_create", args=[version.instrument.code]),
        {"title": "Panel", "version": version.pk, "territory_key": city.key, "period": "2026",
         "opens": "2026-03-01", "closes": "2026-04-30", "population": "Eltern",
         "access": "open", "links_waves": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "panel_consent_text" in response.context["form"].errors


def test_a_city_editor_of_another_city_gets_404_for_a_wave_in_preparation(client):
    wave = _draft_wave()
    client.force_login(member(TerritoryFactory(), RoleLevel.COORDINATOR))
    assert client.get(wave.get_absolute_url()).status_code == 404
    assert client.post(reverse("surveys:wave_open", args=[wave.slug])).status_code == 404
    wave.refresh_from_db()
    assert wave.status == WaveStatus.DRAFT


def test_a_city_editor_of_another_city_gets_403_for_actions_on_a_running_wave(client):
    wave = _draft_wave()
    services.wave_open(wave=wave)
    client.force_login(member(TerritoryFactory(), RoleLevel.COORDINATOR))
    assert client.get(wave.get_absolute_url()).status_code == 200
    assert client.post(reverse("surveys:wave_close", args=[wave.slug])).status_code == 403
    assert client.get(reverse("surveys:invitation_import", args=[wave.slug])).status_code == 403


def test_the_editor_prepares_but_only_a_coordinator_opens(client):
    wave = _draft_wave()
    client.force_login(member(wave.territory, RoleLevel.EDITOR))
    assert client.get(reverse("surveys:wave_edit", args=[wave.slug])).status_code == 200
    assert client.post(reverse("surveys:wave_open", args=[wave.slug])).status_code == 403
    client.force_login(member(wave.territory, RoleLevel.COORDINATOR))
    assert client.post(reverse("surveys:wave_open", args=[wave.slug])).status_code == 302
    wave.refresh_from_db()
    assert wave.status == WaveStatus.OPEN


def test_the_wave_page_shows_progress_and_response_rate(client):
    wave = _draft_wave(population_size=40)
    services.wave_open(wave=wave)
    for _ in range(4):
        ResponseFactory(wave=wave)
    ResponseFactory(wave=wave, status="started")
    client.force_login(member(wave.territory, RoleLevel.COORDINATOR))
    response = client.get(wave.get_absolute_url())
    progress = response.context["progress"]
    assert (progress.started, progress.complete, progress.response_rate) == (5, 4, 10.0)
    assert "10.0 %" in response.content.decode() or "10,0 %" in response.content.decode()


def test_the_public_sees_a_running_wave_without_its_progress(client):
    wave = _draft_wave()
    services.wave_open(wave=wave)
    response = client.get(wave.get_absolute_url())
    assert response.status_code == 200 and "progress" not in response.context


def test_a_quota_is_added_shows_its_fill_and_is_removed(client):
    question = QuestionFactory(code="S01", kind=QuestionKind.SINGLE)
    parent = ChoiceFactory(question=question, code="1", label="Eltern")
    wave = WaveFactory(version=question.version, status=WaveStatus.DRAFT)
    client.force_login(member(wave.territory, RoleLevel.EDITOR))
    url = reverse("surveys:quota_create", args=[wave.slug])
    client.post(url, {"choice": parent.pk, "limit": 2})
    quota = Quota.objects.get(wave=wave)
    assert quota.limit == 2
    AnswerFactory(response=ResponseFactory(wave=wave), question=question, code="1")
    started = ResponseFactory(wave=wave, status="started")
    AnswerFactory(response=started, question=question, code="1")
    fill = client.get(wave.get_absolute_url()).context["progress"].quotas[0]
    assert (fill.complete, fill.percent) == (1, 50)
    client.post(reverse("surveys:quota_delete", args=[wave.slug, quota.pk]))
    assert not Quota.objects.filter(wave=wave).exists()


def test_a_quota_needs_an_option_of_the_wave_version():
    wave = _draft_wave()
    foreign = ChoiceFactory()
    with pytest.raises(ValidationError):
        services.quota_add(wave=wave, choice=foreign, limit=3)


def test_home_lists_running_and_closed_waves_and_says_when_there_are_none(client):
    page = client.get(reverse("surveys:home")).content.decode()
    assert "Zurzeit läuft keine Befragung" in page or "No survey wave is running" in page
    running = _draft_wave(title="Elternbefragung Erfurt")
    services.wave_open(wave=running)
    preparing = _draft_wave(title="Geheime Vorbereitung")
    page = client.get(reverse("surveys:home")).content.decode()
    assert "Elternbefragung Erfurt" in page and "Geheime Vorbereitung" not in page
    client.force_login(member(preparing.territory, RoleLevel.EDITOR))
    assert "Geheime Vorbereitung" in client.get(reverse("surveys:home")).content.decode()


def test_the_wave_page_links_the_open_link_results_and_exports(client):
    wave = _draft_wave()
    services.wave_open(wave=wave)
    wave.refresh_from_db()
    client.force_login(member(wave.territory, RoleLevel.COORDINATOR))
    page = client.get(wave.get_absolute_url()).content.decode()
    assert reverse("surveys:answer_start", args=[wave.open_key]) in page
    assert reverse("surveys:results_wave", args=[wave.slug]) in page
    assert reverse("surveys:export_wave", args=[wave.slug]) in page
    client.logout()
    public = client.get(wave.get_absolute_url()).content.decode()
    assert reverse("surveys:results_wave", args=[wave.slug]) in public
    assert wave.open_key not in public
    assert reverse("surveys:export_wave", args=[wave.slug]) not in public


def test_a_wave_can_be_run_by_one_organisation(client):
    city = TerritoryFactory()
    school = OrganisationFactory(seat=city)
    version = VersionFactory()
    client.force_login(member(city, RoleLevel.EDITOR))
    data = {"title": "Schule", "version": version.pk, "territory_key": city.key,
            "period": "2026", "opens": "2026-03-01", "closes": "2026-04-30",
            "population": "Eltern", "access": "open"}  # fmt: skip
    url = reverse("surveys:wave_create", args=[version.instrument.code])
    response = client.post(url, {**data, "organisation_slug": "gibt-es-nicht"})
    assert "organisation_slug" in response.context["form"].errors
    client.post(url, {**data, "organisation_slug": school.slug})
    assert Wave.objects.get(title="Schule").organisation == school
