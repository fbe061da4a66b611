"""Fault tests: the database fails in the middle of an import.

A write in the middle of the import raises `OperationalError` (as a dropped connection or a
killed database would): nothing the import had written so far may stay, the person or the
import log is told in plain words, and running the same import again writes everything once.
"""

import functools

import pytest
from django.core.files.base import ContentFile
from django.db import OperationalError
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import member
from actors import imports as actors_imports
from actors.imports import import_organisations
from actors.models import Organisation
from actors.services import taxonomies_load
from bildungsnetz.imports import ImportFileError
from monitoring import importer
from monitoring.models import Dataset, ImportLog, Measure, Observation
from monitoring.services import import_log_create
from monitoring.tasks import run_import
from monitoring.tests.factories import ffcsv
from places.models import Territory

pytestmark = pytest.mark.django_db

ROWS = [
    ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218793"),
    ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "GESW", "111000"),
]
ORGS = (
    "name;kind;seat\n"
    "Lernwerkstatt Erfurt;ngo;16051000\n"
    "Elternverein Wien;initiative;90001\n"
    "Leseclub Erfurt;ngo;16051000\n"
)


def failing_on_call(function, number: int):
    """`function`, except that its `number`-th call raises OperationalError (the connection
    is lost in the middle of the import, after earlier writes went through)."""
    calls = {"n": 0}

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == number:
            raise OperationalError("server closed the connection unexpectedly")
        return function(*args, **kwargs)

    return wrapper


def _counts() -> dict[str, int]:
    return {
        "datasets": Dataset.objects.count(),
        "measures": Measure.objects.count(),
        "observations": Observation.objects.count(),
        "territories": Territory.objects.count(),
    }


def _pending_import(user) -> ImportLog:
    data, name = ffcsv(ROWS, code="stadtdaten-1")
    return import_log_create(
        user=user, file=ContentFile(data), name=name, size=len(data), dry_run=False
    )


# --- the monitoring importer, as the worker runs it -------------------------------------------


def test_a_database_failure_mid_import_leaves_no_rows_and_marks_the_log_failed(
    reference_territories, monkeypatch
):
    before = _counts()
    log = _pending_import(user=None)
    # Datasets, measures and dimension keys are written by then; the observations fail.
    monkeypatch.setattr(
        importer, "insert_observations", failing_on_call(importer.insert_observations, 1)
    )
    with translation.override("de"):
        assert run_import.call(log.pk) == ImportLog.Status.FAILED
    log.refresh_from_db()
    assert _counts() == before
    assert log.status == ImportLog.Status.FAILED
    assert log.finished is not None and log.progress == 100
    assert (log.rows_created, log.rows_updated, log.rows_unchanged) == (0, 0, 0)
    assert [e["code"] for e in log.errors] == ["database_failed"]
    assert "Datenbank" in log.errors[0]["message"]
    assert not log.datasets.exists()


def test_after_a_database_failure_a_retry_writes_everything_once(
    reference_territories, monkeypatch
):
    before = _counts()
    failed = _pending_import(user=None)
    with monkeypatch.context() as patch:
        patch.setattr(
            importer, "insert_observations", failing_on_call(importer.insert_observations, 1)
        )
        run_import.call(failed.pk)
    retry = _pending_import(user=None)
    assert run_import.call(retry.pk) == ImportLog.Status.SUCCEEDED
    retry.refresh_from_db()
    assert retry.rows_created == 2
    assert Observation.objects.count() == before["observations"] + 2
    assert Dataset.objects.filter(code="stadtdaten-1").count() == 1
    again = _pending_import(user=None)
    run_import.call(again.pk)
    again.refresh_from_db()
    assert (again.status, again.rows_created, again.rows_unchanged) == ("succeeded", 0, 2)
    assert Observation.objects.count() == before["observations"] + 2


def test_a_database_failure_while_creating_the_table_also_leaves_nothing(
    reference_territories, monkeypatch
):
    before = _counts()
    log = _pending_import(user=None)
    monkeypatch.setattr(importer, "_measures_sync", failing_on_call(importer._measures_sync, 1))
    run_import.call(log.pk)
    log.refresh_from_db()
    assert log.status == ImportLog.Status.FAILED
    assert _counts() == before


# --- the directory import (bildungsnetz.imports.import_rows) -----------------------------------


@pytest.fixture
def vocabulary(reference_territories):
    taxonomies_load()


def test_a_database_failure_mid_directory_import_writes_no_organisation(vocabulary, monkeypatch):
    history = Organisation.history.count()
    monkeypatch.setattr(
        actors_imports,
        "organisation_create",
        failing_on_call(actors_imports.organisation_create, 2),
    )
    with translation.override("de"), pytest.raises(ImportFileError) as raised:
        import_organisations("orgs.csv", ORGS.encode(), dry_run=False)
    assert "Datenbank" in str(raised.value)
    assert not Organisation.objects.exists()
    assert Organisation.history.count() == history


def test_after_a_database_failure_the_directory_import_can_be_run_again(vocabulary, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(
            actors_imports,
            "organisation_create",
            failing_on_call(actors_imports.organisation_create, 3),
        )
        with pytest.raises(ImportFileError):
            import_organisations("orgs.csv", ORGS.encode(), dry_run=False)
    result = import_organisations("orgs.csv", ORGS.encode(), dry_run=False)
    assert result.ok and result.created == 3
    assert Organisation.objects.count() == 3


def test_the_import_page_tells_the_person_when_the_database_fails(vocabulary, client, monkeypatch):
    erfurt = Territory.objects.get_by_key("ags:16051000")
    client.force_login(member(erfurt))
    monkeypatch.setattr(
        actors_imports,
        "organisation_create",
        failing_on_call(actors_imports.organisation_create, 1),
    )
    upload = ContentFile(b"name;kind;seat\nLernwerkstatt Erfurt;ngo;16051000\n", name="orgs.csv")
    response = client.post(
        reverse("actors:organisation_import"), {"file": upload}, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.status_code == 200
    assert "Datenbank" in response.content.decode()
    assert not Organisation.objects.exists()
