from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from places.tests.factories import TerritoryFactory
from programme.models import Deliverable, Milestone, Programme, Task, WorkPackage


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"Arbeitsprogramm {n}")
    slug = factory.Sequence(lambda n: f"arbeitsprogramm-{n}")
    territory = factory.SubFactory(TerritoryFactory)


class WorkPackageFactory(DjangoModelFactory):
    class Meta:
        model = WorkPackage
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: f"AP {n + 1}")
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Arbeitspaket {n}")


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = Task

    package = factory.SubFactory(WorkPackageFactory)
    title = factory.Sequence(lambda n: f"Aufgabe {n}")


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    package = factory.SubFactory(WorkPackageFactory)
    title = factory.Sequence(lambda n: f"Meilenstein {n}")


class DeliverableFactory(DjangoModelFactory):
    class Meta:
        model = Deliverable

    package = factory.SubFactory(WorkPackageFactory)
    title = factory.Sequence(lambda n: f"Ergebnis {n}")
