import factory
from django.utils import timezone

from accounts.models import Membership, RoleLevel, User
from actors.models import Organisation
from offers.models import Offer
from places.models import Territory


def erfurt():
    return Territory.objects.get_by_key("ags:16051000")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.django.Password("correct horse battery")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name_de = factory.Sequence(lambda n: f"Bildungsverein {n}")
    slug = factory.Sequence(lambda n: f"bildungsverein-{n}")
    kind = "ngo"
    seat = factory.LazyFunction(erfurt)
    email = factory.Sequence(lambda n: f"verein{n}@example.org")


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    provider = factory.SubFactory(OrganisationFactory)
    title_de = factory.Sequence(lambda n: f"Angebot {n}")
    slug = factory.Sequence(lambda n: f"angebot-{n}")
    description_de = "Ein Lernangebot."
    kind = "non_formal"
    format = "course"
    stage = "adult"
    district = factory.LazyFunction(erfurt)
    confirmed_at = factory.LazyFunction(timezone.now)


def member(user, *, organisation=None, territory=None, role=RoleLevel.EDITOR):
    Membership.objects.create(user=user, organisation=organisation, territory=territory, role=role)
    user.__dict__.pop("_bildungsnetz_scopes", None)
    return user
