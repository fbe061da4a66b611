"""What the search module indexes from cooperation (see search/sources.py)."""

from django.utils.translation import gettext_lazy as _

from search.sources import SearchSource

from .models import (
    Agreement,
    ExchangeProgramme,
    Goal,
    Partnership,
    PartnershipParty,
    Project,
    ProjectParticipant,
)


def _partnership_keywords(p: Partnership) -> str:
    parties = " ".join(str(x) for x in p.parties.all())
    topics = " ".join(t.name for t in p.topics.all())
    return f"{p.get_kind_display()} {parties} {topics}"


def _agreement_body(a: Agreement) -> str:
    goals = " ".join(g.text for g in a.goals.all())
    return f"{a.summary} {goals}"


SOURCES = [
    SearchSource(
        model=Partnership,
        kind="partnership",
        code=3,
        label=_("Partnerships"),
        title=lambda p: p.name,
        body=lambda p: p.description,
        url=lambda p: p.get_absolute_url(),
        is_public=lambda p: p.is_public,
        keywords=_partnership_keywords,
        territory_ids=lambda p: p.party_territory_ids(),
        queryset=lambda: Partnership.objects.prefetch_related(
            "parties__territory", "parties__organisation", "topics"
        ),
        depends_on=((PartnershipParty, "partnership"),),
    ),
    SearchSource(
        model=Agreement,
        kind="agreement",
        code=4,
        label=_("Agreements"),
        title=lambda a: a.title,
        body=_agreement_body,
        url=lambda a: a.get_absolute_url(),
        is_public=lambda a: a.is_public and a.partnership.is_public,
        # The wording too: the agreements list finds an agreement by a word of its text.
        keywords=lambda a: (
            f"{a.get_kind_display()} {a.get_status_display()} "
            f"{a.partnership.name} {' '.join(t.name for t in a.topics.all())} {a.text}"
        ),
        territory_ids=lambda a: a.partnership.party_territory_ids(),
        queryset=lambda: Agreement.objects.select_related("partnership").prefetch_related(
            "goals", "topics", "partnership__parties__organisation"
        ),
        # A goal added or changed later finds its agreement too.
        depends_on=((Partnership, "agreements"), (Goal, "agreement")),
    ),
    SearchSource(
        model=Project,
        kind="project",
        code=5,
        label=_("Joint projects"),
        title=lambda p: p.title,
        body=lambda p: f"{p.description} {p.outcomes}",
        url=lambda p: p.get_absolute_url(),
        is_public=lambda p: p.is_public and p.partnership.is_public,
        keywords=lambda p: (
            f"{p.get_kind_display()} {p.partnership.name} "
            f"{' '.join(t.name for t in p.topics.all())} "
            f"{' '.join(x.organisation.name for x in p.participants.all())}"
        ),
        territory_ids=lambda p: p.partnership.party_territory_ids(),
        queryset=lambda: Project.objects.select_related("partnership").prefetch_related(
            "topics", "participants__organisation", "partnership__parties__organisation"
        ),
        depends_on=((Partnership, "projects"), (ProjectParticipant, "project")),
    ),
    SearchSource(
        model=ExchangeProgramme,
        kind="programme",
        code=6,
        label=_("Exchange programmes"),
        title=lambda p: str(p),
        body=lambda p: p.description,
        url=lambda p: p.get_absolute_url(),
        is_public=lambda p: p.is_public,
        keywords=lambda p: (
            f"{p.acronym} {p.funder} {' '.join(c.name for c in p.cities.all())} "
            f"{' '.join(t.name for t in p.topics.all())}"
        ),
        territory_ids=lambda p: [c.pk for c in p.cities.all()],
        queryset=lambda: ExchangeProgramme.objects.prefetch_related("cities", "topics"),
    ),
]
