"""The directory's list reads each organisation once without SELECT DISTINCT: DISTINCT over
every column (descriptions included) of 100,000 organisations took a second per page and
another half for its count (the load test, #19). No filter joins more than one row per
organisation: topic and language are one choice each, and the visibility is a condition on the
organisation's own columns."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership, RoleLevel
from accounts.tests.factories import UserFactory
from actors.forms import OrganisationFilterForm
from actors.models import Language, Organisation, Topic
from actors.selectors import organisation_facets, organisation_list
from actors.tests.factories import OrganisationFactory
from places.tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    erfurt = TerritoryFactory(code="16051000", name="Erfurt")
    jena = TerritoryFactory(code="16053000", name="Jena")
    topics = [Topic.objects.create(slug=s, name_de=s) for s in ("sprache", "kultur", "sport")]
    languages = [Language.objects.create(code=c, name=c) for c in ("de", "ar", "uk")]
    wanted = []
    for seat in (erfurt, jena):
        for is_public in (True, False):
            organisation = OrganisationFactory(seat=seat, is_public=is_public)
            # Several topics and languages each: a join over them gives several rows.
            organisation.topics.set(topics)
            organisation.languages.set(languages)
            wanted.append(organisation)
    coordinator = UserFactory()
    Membership.objects.create(user=coordinator, territory=erfurt, role=RoleLevel.COORDINATOR)
    member = UserFactory()
    Membership.objects.create(user=member, organisation=wanted[3], role=RoleLevel.VIEWER)
    return {"erfurt": erfurt, "wanted": wanted, "coordinator": coordinator, "member": member}


@pytest.mark.parametrize("who", ["anonymous", "coordinator", "member", "superuser"])
def test_the_directory_lists_each_organisation_once_without_select_distinct(directory, who):
    user = {
        "anonymous": AnonymousUser(),
        "coordinator": directory["coordinator"],
        "member": directory["member"],
        "superuser": UserFactory(is_superuser=True),
    }[who]
    filters = {
        "topic": Topic.objects.get(slug="kultur"),
        "language": Language.objects.get(code="ar"),
    }
    with CaptureQueriesContext(connection) as queries:
        listed = list(organisation_list(user=user, filters=filters).values_list("pk", flat=True))
    wanted = directory["wanted"]
    visible = {
        "anonymous": [wanted[0], wanted[2]],
        "coordinator": wanted[:3],  # Erfurt's two and Jena's public one
        "member": [wanted[0], wanted[2], wanted[3]],
        "superuser": wanted,
    }[who]
    assert sorted(listed) == sorted(o.pk for o in visible)
    assert len(listed) == len(set(listed))
    assert not any("DISTINCT" in q["sql"].upper() for q in queries.captured_queries)


def test_the_facets_take_their_totals_from_the_groupings_and_count_only_a_chosen_topic(directory):
    """Every organisation has one kind and one seat, so the "all" numbers are the sums of the
    kind and city groups: no count of its own, except for a chosen topic or language, whose
    group counts without it (there were four counts of the whole directory per page, then one
    per distinct set of filters)."""
    kultur = Topic.objects.get(slug="kultur")

    def counts(data):
        form = OrganisationFilterForm(data)
        assert form.is_valid(), form.errors
        with CaptureQueriesContext(connection) as queries:
            groups = organisation_facets(Organisation.objects.all(), form).groups
        totals = {g.name: g.values[0].count for g in groups}
        counted = [q for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
        return totals, len(counted)

    assert counts({}) == ({"kind": 4, "city": 4, "topic": 4, "language": 4}, 0)
    # With a topic chosen, the topic group counts without it; the others with it.
    directory["wanted"][0].topics.remove(kultur)
    assert counts({"topic": "kultur"}) == (
        {"kind": 3, "city": 3, "topic": 4, "language": 3},
        1,
    )
    # A chosen kind: its group's "all" is the sum over every kind, the others count that kind.
    Organisation.objects.filter(pk=directory["wanted"][1].pk).update(kind="library")
    Organisation.objects.exclude(pk=directory["wanted"][1].pk).update(kind="ngo")
    totals, counted = counts({"kind": "library"})
    assert (totals["kind"], totals["city"], counted) == (4, 1, 0)
