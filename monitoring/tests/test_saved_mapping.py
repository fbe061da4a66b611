"""A column mapping is made one way (`services.saved_mapping_create`), checked by the model."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from monitoring.models import SavedMapping
from monitoring.services import saved_mapping_create

from .factories import SavedMappingFactory, admin

pytestmark = pytest.mark.django_db

MAPPING = {"region_key": "AGS", "fixed_period": "2024", "measures": ["Wert"],
           "dataset_code": "zuordnung", "title": "Zuordnung", "source": "Testamt"}  # fmt: skip


def test_the_service_refuses_a_name_that_exists():
    SavedMappingFactory(name="Schulamt")
    with pytest.raises(ValidationError) as caught:
        saved_mapping_create(name="Schulamt", mapping=MAPPING)
    assert "name" in caught.value.message_dict
    assert SavedMapping.objects.filter(name="Schulamt").count() == 1


def test_the_service_refuses_a_mapping_without_columns():
    with pytest.raises(ValidationError) as caught:
        saved_mapping_create(name="Leer", mapping={})
    assert "mapping" in caught.value.message_dict
    assert not SavedMapping.objects.filter(name="Leer").exists()


def test_the_page_saves_the_mapping_with_its_author(client):
    user = admin()
    client.force_login(user)
    response = client.post(reverse("monitoring:mapping_create"), {
        "name": "Schulamt", "region_key": "AGS", "fixed_period": "2024", "measures": "Wert",
        "sep": ";", "decimal": ",", "dataset_code": "schulamt", "title": "Schulamt",
        "source": "Testamt",
    })  # fmt: skip
    assert response.status_code == 302
    saved = SavedMapping.objects.get(name="Schulamt")
    assert saved.created_by == user
    assert saved.mapping["dataset_code"] == "schulamt"
