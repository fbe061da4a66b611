"""The offer list with search words: answered by the index, bounded work, honest counts."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, translate_url

from offers import selectors
from offers.selectors import offer_list
from offers.tests.factories import OfferFactory, OrganisationFactory
from search import engine

pytestmark = pytest.mark.django_db


def _ranked_slugs(query_string):
    return sorted(o.slug for o in offer_list(filters=QueryDict(query_string)).ranked())


def _filtered_slugs(query_string):
    return sorted(o.slug for o in offer_list(filters=QueryDict(query_string)).queryset)


@pytest.mark.parametrize(
    "query_string",
    [
        "q=Lesen&age=10&cost=free&access=step_free&language=ar&language=de&district=ags:16051000",
        "q=Schueler&stage=transition",
        "q=Deutsch&cost=free&cost=reduced",
        "q=Kurs&district=lor:08",
        "q=Eltern&topic=sprache&target_group=eltern",
        "q=Beratung&near=lor:08&radius=5",
    ],
)
def test_the_index_answer_equals_the_row_filters(demo, query_string):
    """Facet tags in the index select exactly what the filters on the offer rows select."""
    assert _ranked_slugs(query_string) == _filtered_slugs(query_string)


@pytest.fixture
def many(reference_territories):
    provider = OrganisationFactory()
    for n in range(5):
        OfferFactory(provider=provider, title_de=f"Trommelkurs {n}", cost="free" if n else "paid")


def test_more_matches_than_the_limit_are_announced(client, many, monkeypatch):
    monkeypatch.setattr(engine, "COUNT_LIMIT", 3)
    body = client.get(
        translate_url(reverse("offers:offer_list", query={"q": "Trommelkurs"}), "en")
    ).content.decode()
    assert "More than 3 learning offers match, the best first" in body
    # German again: the English request above left English active for reverse().
    german = translate_url(
        reverse("offers:offer_list", query={"q": "Trommelkurs", "cost": "paid"}), "de"
    )
    body = client.get(german).content.decode()
    assert "1 Lernangebot" in body and "Mehr als" not in body


def test_facets_are_counted_over_the_first_matches_when_there_are_many(client, many, monkeypatch):
    monkeypatch.setattr(selectors, "FACET_LIMIT", 2)
    search = offer_list(filters=QueryDict("q=Trommelkurs"))
    cost = {v.value: v.count for f in search.facets() if f.name == "cost" for v in f.values}
    assert search.facets_capped
    # Two of the five matches, as the index yields them (which two depends on the database).
    assert sum(cost.values()) == 2 and cost["reduced"] == 0
    body = client.get(
        translate_url(reverse("offers:offer_list", query={"q": "Trommelkurs"}), "en")
    ).content.decode()
    assert "The filter counts refer to the first 2 matches found." in body


def test_facet_counts_with_words_do_not_rank_the_matches(many, monkeypatch):
    """Ranking reads the index once per tier; the counts need the matches, not their order."""

    def no_ranking(self, k):
        raise AssertionError("the facet counts ranked the matches")

    monkeypatch.setattr(engine._Ranking, "top", no_ranking)
    search = offer_list(filters=QueryDict("q=Trommelkurs&cost=paid"))
    cost = {v.value: v.count for f in search.facets() if f.name == "cost" for v in f.values}
    assert cost == {"free": 4, "reduced": 0, "paid": 1}


def test_facets_are_exact_below_the_limit(many):
    search = offer_list(filters=QueryDict("q=Trommelkurs&cost=paid"))
    cost = {v.value: v.count for f in search.facets() if f.name == "cost" for v in f.values}
    assert not search.facets_capped
    assert cost == {"free": 4, "reduced": 0, "paid": 1}


def test_without_facet_filters_the_list_and_its_facets_share_one_read_of_the_matches(many):
    """With no facet filter chosen the list's matches are the facets' matches: one search
    object, so on PostgreSQL the list's count (which visits every counted row anyway) keeps the
    ids for the facets instead of building the words' bitmap a second time (#19)."""
    search = offer_list(filters=QueryDict("q=Trommelkurs"))
    results = search.ranked()
    assert search.ranked(facets=False) is results
    filtered = offer_list(filters=QueryDict("q=Trommelkurs&cost=paid"))
    assert filtered.ranked(facets=False) is not filtered.ranked()
    with CaptureQueriesContext(connection) as queries:
        assert results.count() == 5
        cost = {v.value: v.count for f in search.facets() if f.name == "cost" for v in f.values}
    assert cost == {"free": 4, "reduced": 0, "paid": 1}
    if connection.vendor == "postgresql":
        reads = [q["sql"] for q in queries.captured_queries if "to_tsquery" in q["sql"]]
        assert len(reads) == 1 and reads[0].startswith("SELECT e.object_id"), reads


@pytest.mark.parametrize("query", ["q=Trommelkurs", "", "cost=paid", "q=Trommelkurs&cost=paid"])
def test_the_options_of_facets_without_a_chosen_filter_are_counted_in_one_query(many, query):
    """Kind, format, stage, cost, age and accessibility count over the same offers unless
    their own filter is chosen: one aggregate per distinct set of filters (six grouped queries
    before, #19), with the same numbers."""
    search = offer_list(filters=QueryDict(query))
    with CaptureQueriesContext(connection) as queries:
        facets = {f.name: {v.value: v.count for v in f.values} for f in search.facets()}
    aggregates = [
        q["sql"]
        for q in queries.captured_queries
        if '"offers_offer"."kind" AS' in q["sql"]
        or "FILTER (WHERE" in q["sql"]
        or "CASE WHEN" in q["sql"]
    ]
    assert len(aggregates) == (2 if "cost" in query else 1), aggregates
    # Disjunctive: the cost facet counts without its own filter, the others with it.
    assert facets["cost"] == {"free": 4, "reduced": 0, "paid": 1}
    assert sum(facets["kind"].values()) == (1 if "cost" in query else 5)
    assert facets["access"]["step_free"] <= sum(facets["kind"].values())


def test_an_offer_is_listed_until_its_confirmation_or_its_end_date_runs_out():
    from datetime import date, datetime

    from django.utils import timezone

    from offers.models import CONFIRMATION_VALID, listed_until

    confirmed = timezone.make_aware(datetime(2026, 3, 1, 9, 30))
    assert listed_until(None, confirmed) == confirmed + CONFIRMATION_VALID
    # Current through the whole end date (Offer.current: end_date >= today), not a minute more.
    ends = listed_until(date(2026, 6, 30), confirmed)
    assert timezone.localtime(ends) == timezone.make_aware(datetime(2026, 7, 1, 0, 0))
    assert listed_until(date(2030, 1, 1), confirmed) == confirmed + CONFIRMATION_VALID


def test_an_offer_leaves_the_results_when_its_time_is_up_without_a_re_index(many):
    from datetime import timedelta

    from django.db.models import F

    from search.models import SearchEntry

    assert len(offer_list(filters=QueryDict("q=Trommelkurs")).ranked()) == 5
    # Time passing: the stored expiry moves into the past; nothing re-indexes the offers.
    SearchEntry.objects.filter(kind="offer").update(
        public_until=F("public_until") - timedelta(days=366)
    )
    assert len(offer_list(filters=QueryDict("q=Trommelkurs")).ranked()) == 0
    assert engine.search("Trommelkurs").total == 0


def test_browsing_counts_at_most_the_list_limit(client, many, monkeypatch):
    from dataclasses import replace

    from offers import views

    monkeypatch.setattr(views, "OFFERS", replace(views.OFFERS, count_limit=3))
    response = client.get(
        translate_url(reverse("offers:offer_list", query={"sort": "title"}), "en")
    )
    body = response.content.decode()
    assert "More than 3 learning offers match. The first 3 in this order are shown" in body
    titles = [o.title for o in response.context["page_obj"].object_list]
    assert titles == ["Trommelkurs 0", "Trommelkurs 1", "Trommelkurs 2"]
    # Narrowed below the limit, the count is exact again.
    body = client.get(
        translate_url(reverse("offers:offer_list", query={"cost": "paid"}), "en")
    ).content.decode()
    assert "1 learning offer" in body and "More than" not in body


def test_browsing_counts_facets_over_the_first_listed_offers_when_there_are_many(
    client, many, monkeypatch
):
    monkeypatch.setattr(selectors, "FACET_LIMIT", 2)
    search = offer_list(filters=QueryDict(""))
    cost = {v.value: v.count for f in search.facets() if f.name == "cost" for v in f.values}
    assert search.facets_capped
    assert sum(cost.values()) == 2
    body = client.get(translate_url(reverse("offers:offer_list"), "en")).content.decode()
    assert "The filter counts refer to the first 2 matches found." in body
    monkeypatch.setattr(selectors, "FACET_LIMIT", 5)
    search = offer_list(filters=QueryDict(""))
    cost = {v.value: v.count for f in search.facets() if f.name == "cost" for v in f.values}
    assert not search.facets_capped
    assert cost == {"free": 4, "reduced": 0, "paid": 1}
