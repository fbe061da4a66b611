"""Fault tests: malformed files fed by hypothesis to the importers.

Whatever bytes arrive, an importer ends in one of its own answers: rows, a file error the page
shows (`ImportFileError`), row problems, or a failed import log with its errors listed. It never
raises anything else, and a refused file writes nothing.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actors.imports import import_organisations
from actors.models import Organisation
from actors.services import taxonomies_load
from bildungsnetz.imports import ImportFileError, read_table
from monitoring.models import Dataset, ImportLog, Observation
from monitoring.services import observations_import
from offers.imports import import_offers
from offers.models import Offer
from places.models import Territory

FAST = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Cells with the characters that break naive readers: separators, quotes, line breaks, NUL,
# control characters, umlauts, formula starts, and statistical symbols.
CELL = st.text(
    alphabet=st.sampled_from(list(";,\"'\t\r\n\x00\x1b =+-@.x/()äöüßé0123456789abcXYZ:")),
    max_size=12,
)


def _table(header: list[str]):
    """A CSV that mostly has the importer's header and then rows of anything."""
    rows = st.lists(st.lists(CELL, min_size=0, max_size=len(header) + 2), max_size=6)
    return rows.map(lambda body: "\n".join(";".join(r) for r in [header, *body]).encode())


def files(header: list[str]):
    return st.one_of(st.binary(max_size=300), _table(header))


NAMES = st.sampled_from(["daten.csv", "daten.xlsx", "daten.json", "daten.txt", "daten"])


@FAST
@given(content=files(["name", "kind", "seat"]), name=NAMES)
def test_read_table_answers_any_bytes_with_rows_or_a_file_error(content, name):
    try:
        rows = read_table(name, content)
    except ImportFileError as exc:
        assert str(exc)
    else:
        assert all(isinstance(row, dict) for row in rows)


@pytest.fixture
def vocabulary(reference_territories):
    taxonomies_load()


@pytest.mark.django_db
@FAST
@given(content=files(["name", "kind", "seat", "website", "topics", "languages"]), name=NAMES)
def test_the_organisation_import_refuses_malformed_files_and_writes_nothing(
    vocabulary, content, name
):
    before = Organisation.objects.count()
    try:
        result = import_organisations(name, content, dry_run=False)
    except ImportFileError as exc:
        assert str(exc)
        assert Organisation.objects.count() == before
        return
    if result.errors:
        assert all(e.message for e in result.errors)
        assert Organisation.objects.count() == before
    else:
        assert Organisation.objects.count() == before + result.created


@pytest.mark.django_db
@FAST
@given(content=files(["title", "kind", "format", "provider", "district"]), name=NAMES)
def test_the_offer_import_refuses_malformed_files_and_writes_nothing(vocabulary, content, name):
    before = Offer.objects.count()
    try:
        result = import_offers(name, content, dry_run=False)
    except ImportFileError as exc:
        assert str(exc)
        assert Offer.objects.count() == before
        return
    if result.errors:
        assert all(e.message for e in result.errors)
        assert Offer.objects.count() == before


STATISTICS_HEADER = ["Zeit", "Regionalschlüssel", "Region", "Wert"]


@pytest.mark.django_db
@FAST
@given(
    content=files(STATISTICS_HEADER),
    name=st.sampled_from(["tabelle.csv", "tabelle_flat.csv", "tabelle.xlsx", "t.zip", "t.json"]),
)
def test_the_statistics_import_lists_the_problems_of_malformed_files_and_writes_nothing(
    reference_territories, content, name
):
    before = (Dataset.objects.count(), Observation.objects.count(), Territory.objects.count())
    log = observations_import(data=content, filename=name)
    assert log.status in {ImportLog.Status.FAILED, ImportLog.Status.SUCCEEDED}
    assert log.is_done and log.finished is not None
    if log.status == ImportLog.Status.FAILED:
        assert log.errors and all(e.get("message") for e in log.errors)
        after = (Dataset.objects.count(), Observation.objects.count(), Territory.objects.count())
        assert after == before
