"""Invitations: imported all or nothing, tokens stored only as hashes, panel keys only for
panels, mailed after the wave opens, reminded at most twice a week apart and never after a
complete response."""

import datetime as dt
import hashlib
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import RoleLevel
from accounts.tests.factories import member
from places.tests.factories import TerritoryFactory
from surveys import services
from surveys.invitations import (
    invitations_import,
    invitations_remind,
    invitations_send,
    panel_key,
)
from surveys.models import Invitation, Wave, WaveStatus

from .factories import QuestionFactory, ResponseFactory, WaveFactory

pytestmark = pytest.mark.django_db


def _wave(**fields):
    question = QuestionFactory(code="TH01")
    fields.setdefault("status", WaveStatus.DRAFT)
    return WaveFactory(version=question.version, access=Wave.Access.INVITATION, **fields)


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def _import(wave, *lines, dry_run=False):
    return invitations_import(
        wave=wave, filename="einladungen.csv", content=_csv(*lines), dry_run=dry_run
    )


def _token(message) -> str:
    return re.search(r"/einladung/([^/\s]+)/", message.body).group(1)


def test_an_import_with_one_bad_address_imports_nothing_and_names_the_row():
    wave = _wave()
    result = _import(wave, "email", "a@example.org", "kein-at-zeichen", "c@example.org")
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(3, "email")]
    assert "kein-at-zeichen" in result.errors[0].message
    assert not Invitation.objects.exists()


def test_a_duplicate_address_is_named_with_its_first_row():
    wave = _wave()
    result = _import(wave, "email", "a@example.org", "A@example.org")
    assert [(e.row, e.column) for e in result.errors] == [(3, "email")]
    assert "2" in result.errors[0].message
    assert not Invitation.objects.exists()


def test_an_address_already_invited_to_the_wave_is_refused():
    wave = _wave()
    assert _import(wave, "email", "a@example.org").ok
    result = _import(wave, "email", "a@example.org")
    assert not result.ok and Invitation.objects.count() == 1


def test_tokens_are_stored_hashed_only():
    wave = _wave()
    _import(wave, "email", "a@example.org", "b@example.org")
    services.wave_open(wave=wave)
    invitations_send(wave_id=wave.pk)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        token = _token(message)
        invitation = Invitation.objects.get(email=message.to[0])
        assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert invitation.sent_at is not None
        stored = " ".join(str(v) for v in Invitation.objects.values_list().get(pk=invitation.pk))
        assert token not in stored


def test_the_panel_key_is_kept_only_when_the_wave_links_waves():
    panel = _wave(links_waves=True, panel_consent_text="Ich stimme zu.")
    _import(panel, "email;panel_id", "a@example.org;P-17")
    invitation = panel.invitations.get()
    assert invitation.panel_key == panel_key(panel.version.instrument.code, "P-17")
    assert "P-17" not in invitation.panel_key
    plain = _wave()
    _import(plain, "email;panel_id", "b@example.org;P-17")
    assert plain.invitations.get().panel_key == ""


def test_invitations_are_mailed_only_once_the_wave_runs():
    wave = _wave()
    _import(wave, "email", "a@example.org")
    invitations_send(wave_id=wave.pk)
    assert mail.outbox == []
    services.wave_open(wave=wave)
    invitations_send(wave_id=wave.pk)
    invitations_send(wave_id=wave.pk)
    assert len(mail.outbox) == 1


def _sent_wave(*addresses, days_ago=8):
    wave = _wave()
    _import(wave, "email", *addresses)
    services.wave_open(wave=wave)
    invitations_send(wave_id=wave.pk)
    Invitation.objects.filter(wave=wave).update(
        sent_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    mail.outbox.clear()
    return wave


def test_reminders_skip_complete_responses():
    wave = _sent_wave("offen@example.org", "fertig@example.org")
    done = Invitation.objects.get(email="fertig@example.org")
    ResponseFactory(wave=wave, invitation=done, status="complete")
    assert invitations_remind().mails == 1
    assert mail.outbox[0].to == ["offen@example.org"]


def test_reminders_come_a_week_apart_and_stop_after_two():
    wave = _sent_wave("a@example.org")
    invitation = wave.invitations.get()
    now = timezone.now()
    assert invitations_remind(now=now).mails == 1
    first_token = _token(mail.outbox[0])
    assert invitations_remind(now=now + dt.timedelta(days=6)).mails == 0
    assert invitations_remind(now=now + dt.timedelta(days=7)).mails == 1
    assert invitations_remind(now=now + dt.timedelta(days=30)).mails == 0
    invitation.refresh_from_db()
    assert invitation.reminders == 2
    second_token = _token(mail.outbox[1])
    assert first_token != second_token
    assert invitation.token_hash == hashlib.sha256(second_token.encode()).hexdigest()


def test_no_reminders_before_a_week_or_after_the_wave_closed():
    recent = _sent_wave("a@example.org", days_ago=3)
    assert invitations_remind().mails == 0
    Invitation.objects.filter(wave=recent).update(sent_at=timezone.now() - dt.timedelta(days=10))
    services.wave_close(wave=recent)
    assert invitations_remind().mails == 0


def test_the_import_page_shows_the_bad_row_and_writes_nothing(client):
    wave = _wave()
    client.force_login(member(wave.territory, RoleLevel.COORDINATOR))
    upload = SimpleUploadedFile(
        "einladungen.csv", _csv("email", "a@example.org", "falsch"), content_type="text/csv"
    )
    response = client.post(reverse("surveys:invitation_import", args=[wave.slug]), {"file": upload})
    assert response.status_code == 400
    assert "falsch" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_coordinator_of_another_city_cannot_import_invitations(client):
    wave = _wave()
    client.force_login(member(TerritoryFactory(), RoleLevel.COORDINATOR))
    upload = SimpleUploadedFile("e.csv", _csv("email", "a@example.org"), content_type="text/csv")
    response = client.post(reverse("surveys:invitation_import", args=[wave.slug]), {"file": upload})
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_opening_an_invitation_wave_queues_the_mails_after_the_commit(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    wave = _wave()
    _import(wave, "email", "a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.wave_open(wave=wave)
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "surveys.tasks.send_invitations"
    assert queued.args_kwargs["args"] == [wave.pk]
    assert "a@example.org" not in str(queued.args_kwargs)


def test_invitees_imported_into_a_running_wave_are_mailed(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    wave = services.wave_open(wave=_wave())
    with django_capture_on_commit_callbacks(execute=True):
        services.wave_invitations_import(
            wave=wave, filename="e.csv", content=_csv("email", "a@example.org"), dry_run=False
        )
    assert DBTaskResult.objects.filter(task_path="surveys.tasks.send_invitations").exists()
