from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

# One factory per model, in the model's own app; imported here for the factories below and
# for the tests that import them from cooperation.
from accounts.tests.factories import UserFactory as UserFactory
from accounts.tests.factories import member as member
from accounts.tests.factories import with_mfa as with_mfa
from actors.tests.factories import OrganisationFactory, PersonFactory
from cooperation.models import (
    Agreement,
    AgreementKind,
    ExchangeProgramme,
    Goal,
    Partnership,
    PartnershipKind,
    PartnershipParty,
    Placement,
    Project,
    ProjectParticipant,
)
from places.models import Territory
from places.tests.factories import TerritoryFactory


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partnerschaft {n}")
    slug = factory.Sequence(lambda n: f"partnerschaft-{n}")
    kind = PartnershipKind.COOPERATION

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        if not create:
            return
        for position, party in enumerate(extracted or [TerritoryFactory(), TerritoryFactory()]):
            field = "territory" if isinstance(party, Territory) else "organisation"
            PartnershipParty.objects.create(partnership=self, position=position, **{field: party})


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = Agreement

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Vereinbarung {n}")
    slug = factory.Sequence(lambda n: f"vereinbarung-{n}")
    kind = AgreementKind.COOPERATION


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    agreement = factory.SubFactory(AgreementFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Ziel Nummer {n}")


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.Sequence(lambda n: f"projekt-{n}")


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = ProjectParticipant

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "Partner"


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = ExchangeProgramme

    name = factory.Sequence(lambda n: f"Austauschprogramm {n}")
    slug = factory.Sequence(lambda n: f"austausch-{n}")


class PlacementFactory(DjangoModelFactory):
    class Meta:
        model = Placement

    programme = factory.SubFactory(ProgrammeFactory)
    person = factory.SubFactory(PersonFactory)
    home_organisation = factory.SubFactory(OrganisationFactory)
    wished_city = factory.SubFactory(TerritoryFactory)
    wished_field = "Bildungsmonitoring"
