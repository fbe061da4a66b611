import factory

from actors.models import Organisation, OrganisationKind, Person, Role, Topic
from places.tests.factories import TerritoryFactory


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"thema-{n}")
    name_de = factory.Sequence(lambda n: f"Thema {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        rename = {"name": "name_de"}  # OrganisationFactory(name="…") names it in German

    name_de = factory.Sequence(lambda n: f"Bildungsverein {n}")
    name_en = factory.SelfAttribute("name_de")
    slug = factory.Sequence(lambda n: f"bildungsverein-{n}")
    kind = OrganisationKind.NGO
    seat = factory.SubFactory(TerritoryFactory)
    description_de = "Ein gemeinnütziger Verein für Bildung."
    is_public = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Vorname{n}")
    family_name = factory.Sequence(lambda n: f"Nachname{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "+49 361 000000"


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    function_de = "Projektleitung"
    function_en = "Project lead"
