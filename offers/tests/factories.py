import factory
from django.utils import timezone

from actors.tests.factories import OrganisationFactory
from offers.models import Offer
from places.models import Territory


def erfurt():
    return Territory.objects.get_by_key("ags:16051000")


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    # A provider in Erfurt with an address for the stale-offer reminders.
    provider = factory.SubFactory(
        OrganisationFactory,
        seat=factory.LazyFunction(erfurt),
        email=factory.Sequence(lambda n: f"verein{n}@example.org"),
    )
    title_de = factory.Sequence(lambda n: f"Angebot {n}")
    slug = factory.Sequence(lambda n: f"angebot-{n}")
    description_de = "Ein Lernangebot."
    kind = "non_formal"
    format = "course"
    stage = "adult"
    district = factory.LazyFunction(erfurt)
    confirmed_at = factory.LazyFunction(timezone.now)
