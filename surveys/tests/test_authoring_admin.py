"""The admin of surveys: instruments with their versions, waves with quotas; answers,
responses and invitations only shown; a frozen version's questions not changed."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory, with_mfa

from .factories import AnswerFactory, QuestionFactory, WaveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(with_mfa(UserFactory(is_staff=True, is_superuser=True)))
    return client


def test_the_admin_shows_an_instrument_and_a_wave(admin_client):
    question = QuestionFactory(code="TH01")
    wave = WaveFactory(version=question.version, title="Welle Erfurt")
    instrument = question.version.instrument
    page = admin_client.get(reverse("admin:surveys_instrument_change", args=[instrument.pk]))
    assert page.status_code == 200
    page = admin_client.get(reverse("admin:surveys_wave_change", args=[wave.pk]))
    assert page.status_code == 200 and "Welle Erfurt" in page.content.decode()


def test_answers_are_read_only_in_the_admin(admin_client):
    answer = AnswerFactory(code="1")
    page = admin_client.get(reverse("admin:surveys_answer_change", args=[answer.pk]))
    assert page.status_code == 200
    assert 'name="code"' not in page.content.decode()
    assert admin_client.get(reverse("admin:surveys_answer_add")).status_code == 403
    page = admin_client.get(reverse("admin:surveys_response_change", args=[answer.response.pk]))
    assert page.status_code == 200 and 'name="status"' not in page.content.decode()


def test_a_question_of_a_frozen_version_is_not_changed_in_the_admin(admin_client):
    question = QuestionFactory(code="TH01", section__version__frozen_at="2026-01-01T00:00Z")
    url = reverse("admin:surveys_question_change", args=[question.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and 'name="code"' not in page.content.decode()
