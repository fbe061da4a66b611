from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from actors.tests.factories import OrganisationFactory
from partners.models import ContactRequest, Direction, ListingFormat, PartnerListing


class PartnerListingFactory(DjangoModelFactory):
    class Meta:
        model = PartnerListing
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    direction = Direction.OFFER
    format = ListingFormat.SCHOOL_PARTNERSHIP
    title_de = factory.Sequence(lambda n: f"Angebot {n}")
    title_en = factory.SelfAttribute("title_de")

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)

    @factory.post_generation
    def cities(self, create, extracted, **kwargs):
        if create and extracted:
            self.cities.set(extracted)


class ContactRequestFactory(DjangoModelFactory):
    class Meta:
        model = ContactRequest

    listing = factory.SubFactory(PartnerListingFactory)
    to_organisation = factory.SelfAttribute("listing.organisation")
    from_organisation = factory.SubFactory(OrganisationFactory)
    message = "Wir möchten gern zusammenarbeiten."
