"""One factory per model, in the model's own app (#13, finding 8: three OrganisationFactory and
three UserFactory, each making different organisations and users)."""

import importlib
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from factory.django import DjangoModelFactory


def _factories_modules():
    for config in apps.get_app_configs():
        if not str(config.path).startswith(str(settings.BASE_DIR)):
            continue
        if str(config.path).startswith(str(settings.BASE_DIR / ".venv")):
            continue
        name = f"{config.name}.tests.factories"
        try:
            found = find_spec(name)
        except ModuleNotFoundError:
            found = None
        if found:
            yield importlib.import_module(name)


def test_every_model_has_one_factory_in_its_own_app():
    by_model: dict = {}
    for module in _factories_modules():
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, DjangoModelFactory):
                model = value._meta.model
                if model is not None:
                    by_model.setdefault(model, set()).add(value)
    assert by_model
    for model, factories in by_model.items():
        assert len(factories) == 1, f"{model.__name__}: {sorted(f.__module__ for f in factories)}"
        (only,) = factories
        assert only.__module__ == f"{model._meta.app_label}.tests.factories", (
            f"{model.__name__}'s factory lives in {only.__module__}"
        )
