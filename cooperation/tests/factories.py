from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from accounts.models import Membership, RoleLevel, User
from actors.models import Organisation, OrganisationKind, Person
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
from places.models import Level, Territory
from places.services import territory_upsert


class TerritoryFactory(DjangoModelFactory):
    class Meta:
        model = Territory

    scheme = "ags"
    code = factory.Sequence(lambda n: f"{90000000 + n:08d}")
    name = factory.Sequence(lambda n: f"Teststadt {n}")
    level = Level.CITY
    country = "DE"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # territory_upsert keeps the materialised path that role checks rely on.
        return territory_upsert(**kwargs)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.ADMINISTRATION
    seat = factory.SubFactory(TerritoryFactory)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    given_name = "Erika"
    family_name = factory.Sequence(lambda n: f"Muster{n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


def with_mfa(user: User) -> User:
    """Coordinators and admins must use two factors (accounts' RequireMFAMiddleware)."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    return user


def member(territory=None, role=RoleLevel.COORDINATOR, organisation=None) -> User:
    user = UserFactory()
    Membership.objects.create(user=user, territory=territory, organisation=organisation, role=role)
    if role >= RoleLevel.COORDINATOR:
        with_mfa(user)
    return user


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
