from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from knowledge.models import Entry, EntryStatus


class EntryFactory(DjangoModelFactory):
    class Meta:
        model = Entry
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Praxisbeispiel {n}")
    title_de = factory.SelfAttribute("title")
    slug = factory.Sequence(lambda n: f"praxisbeispiel-{n}")
    summary = "Eine Zusammenfassung."
    status = EntryStatus.PUBLISHED

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)
