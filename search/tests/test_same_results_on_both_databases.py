"""Exact answers on the demo data. The suite runs on SQLite and PostgreSQL, so passing in
both CI legs shows the same query gives the same results on both databases."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from offers.selectors import offer_list
from search import engine

pytestmark = pytest.mark.django_db
# `demo` loaded once for the module (the root conftest).
DEMO_ONCE = True

PARENT_QUERY = "age=10&cost=free&access=step_free&language=ar&language=de&district=ags:16051000"


def _offer_slugs(query_string):
    return sorted(o.slug for o in offer_list(filters=QueryDict(query_string)).queryset)


def test_the_parent_in_erfurt_finds_the_reading_workshop(demo):
    assert _offer_slugs(PARENT_QUERY) == ["demo-lesewerkstatt-deutsch-arabisch"]


def test_the_coordinator_in_vienna_finds_ngos_in_erfurt_on_school_to_work(demo):
    from places.models import Territory

    erfurt = Territory.objects.get_by_key("ags:16051000")
    result = engine.search("NGO Übergang Schule Beruf", kinds=["organisation"], territory=erfurt)
    assert sorted(h.url for h in result.hits) == [
        reverse("actors:organisation_detail", kwargs={"slug": "demo-ausbildungslotsen-erfurt"}),
        reverse("actors:organisation_detail", kwargs={"slug": "demo-brueckenwerk-erfurt"}),
    ]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Schueler", {"offer": 4, "organisation": 4}),
        ("Weiterbildungen", {"offer": 1, "organisation": 3}),
        ("arabisch", {"offer": 3, "organisation": 2}),
        ("Übergang Schule", {"offer": 2, "organisation": 3}),
        ("Leichte Sprache", {"offer": 2, "organisation": 0}),
    ],
)
def test_global_counts_per_kind_are_exact(demo, q, expected):
    counts = engine.search(q).counts
    assert {k: counts.get(k, 0) for k in expected} == expected


def test_offer_matches_are_exact(demo):
    assert _offer_slugs("q=Hausaufgaben") == ["demo-hausaufgabenhilfe-neukoelln"]
    assert _offer_slugs("q=Weiterbildungen") == ["demo-weiterbildung-buchhaltung-vhs-erfurt"]
    assert _offer_slugs("q=Schueler&stage=transition") == [
        "demo-ausbildungslotsen-sprechstunde",
        "demo-bewerbungstraining-brueckenwerk",
    ]


def test_facet_counts_are_exact_and_disjunctive(demo):
    facets = {f.name: f for f in offer_list(filters=QueryDict(PARENT_QUERY)).facets()}

    def counts(name):
        return {v.value: v.count for v in facets[name].values if v.count}

    # Language ignores its own selection: German or Arabic, free, step-free, age 10, Erfurt.
    assert counts("language") == {"de": 1, "ar": 1}
    assert counts("cost") == {"free": 1}
    # Without the age filter the youth training (14–21) and the seniors' desk (60+) fit too.
    assert counts("age") == {"6-9": 1, "10-13": 1, "14-17": 1, "18-26": 1, "27-64": 1, "65+": 1}
    assert counts("access") == {"step_free": 1, "easy_language": 1}
    assert counts("district") == {"ags:16051000": 1, "lor:08": 1}
    assert counts("kind") == {"non_formal": 1}
    assert counts("target_group") == {"kinder": 1}


def test_ranking_puts_the_title_match_first_on_both_databases(demo):
    hits = engine.search("Hausaufgabenhilfe").hits
    assert hits[0].url == reverse(
        "offers:offer_detail", kwargs={"slug": "demo-hausaufgabenhilfe-neukoelln"}
    )
