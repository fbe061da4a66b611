import factory

from places.models import Level, Territory


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("scheme", "code")
        skip_postgeneration_save = True
        rename = {"name": "name_de"}  # TerritoryFactory(name="Erfurt") names it in German

    scheme = "ags"
    code = factory.Sequence(lambda n: f"{16000000 + n:08d}")
    name_de = factory.Sequence(lambda n: f"Teststadt {n}")
    name_en = factory.SelfAttribute("name_de")
    level = Level.CITY
    country = "DE"

    @factory.post_generation
    def with_path(obj, create, extracted, **kwargs):
        if create:
            obj.path = obj.compute_path()
            obj.save(update_fields=["path"])
