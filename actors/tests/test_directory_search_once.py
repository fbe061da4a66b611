"""The directory with search words reads the index once per page: the list, its count and the
filter counts all use those matches (each matched the words again before, four reads of the
index, 400 ms for a common word at 100,000 organisations; the load test, #19). With more
matches than FACET_LIMIT the filter counts are taken over the first ones, and the page says so,
as the offers page does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, translate_url

from actors import selectors
from actors.forms import OrganisationFilterForm
from actors.models import Organisation
from actors.tests.factories import OrganisationFactory
from places.tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db


def _reads_of_the_index(queries) -> int:
    # A match of words: FTS5's MATCH on SQLite, a tsquery on PostgreSQL.
    return sum(" MATCH " in q["sql"] or "to_tsquery" in q["sql"] for q in queries)


@pytest.fixture
def trommler():
    erfurt = TerritoryFactory(code="16051000", name="Erfurt")
    jena = TerritoryFactory(code="16053000", name="Jena")
    for n, (seat, kind) in enumerate([(erfurt, "ngo"), (erfurt, "library"), (jena, "ngo")]):
        OrganisationFactory(name=f"Trommelverein {n}", seat=seat, kind=kind)
    OrganisationFactory(name="Lesekreis", seat=jena, kind="ngo")
    OrganisationFactory(name="Trommelgruppe intern", seat=jena, kind="ngo", is_public=False)


def test_the_directory_with_words_reads_the_index_once(client, trommler):
    url = reverse("actors:organisation_list", query={"q": "Trommelverein", "kind": "ngo"})
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url).content.decode()
    assert _reads_of_the_index(queries.captured_queries) == 1
    assert "2 Organisationen" in body
    assert "Trommelverein 0" in body and "Trommelverein 2" in body
    assert "Trommelverein 1" not in body and "Lesekreis" not in body
    assert "intern" not in body  # the index read keeps to what the visitor may see


def test_the_filter_counts_with_words_count_the_matches_only(trommler):
    form = OrganisationFilterForm({"q": "Trommelverein"})
    assert form.is_valid(), form.errors
    facets = selectors.organisation_facets(Organisation.objects.filter(is_public=True), form)
    kinds = {v.value: v.count for g in facets.groups if g.name == "kind" for v in g.values}
    cities = {v.value: v.count for g in facets.groups if g.name == "city" for v in g.values}
    assert (kinds[""], kinds["ngo"], kinds["library"]) == (3, 2, 1)
    assert (cities["16051000"], cities["16053000"]) == (2, 1)
    assert not facets.capped


def test_many_matches_count_the_filters_over_the_first_and_say_so(client, trommler, monkeypatch):
    monkeypatch.setattr(selectors, "FACET_LIMIT", 2)
    form = OrganisationFilterForm({"q": "Trommelverein"})
    assert form.is_valid(), form.errors
    facets = selectors.organisation_facets(Organisation.objects.filter(is_public=True), form)
    kinds = {v.value: v.count for g in facets.groups if g.name == "kind" for v in g.values}
    assert facets.capped and kinds[""] == 2
    body = client.get(
        translate_url(reverse("actors:organisation_list", query={"q": "Trommelverein"}), "en")
    ).content.decode()
    # The list itself is complete: three organisations, the counts over the first two.
    assert "3 organisations The filter counts refer to the first 2 matches found." in body


def test_more_matches_than_the_count_limit_keep_the_list_complete(client, trommler, monkeypatch):
    """Beyond engine.COUNT_LIMIT the matches read are not all of them: the list then matches
    the words in the database, and still lists and counts every match."""
    monkeypatch.setattr(selectors.engine, "COUNT_LIMIT", 1)
    body = client.get(
        reverse("actors:organisation_list", query={"q": "Trommelverein"})
    ).content.decode()
    assert "3 Organisationen" in body
    assert all(f"Trommelverein {n}" in body for n in range(3))
