"""model_update: the one way a service changes a stored object."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from actors.models import Topic
from bildungsnetz.concurrency import EditConflict, Expected, version_token
from bildungsnetz.services import model_update
from cooperation.models import Partnership
from cooperation.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def _stored(partnership):
    return Partnership.objects.get(pk=partnership.pk)


def test_it_names_only_the_fields_that_changed_and_writes_them():
    partnership = PartnershipFactory(name="Alt", description="Bleibt")
    _obj, changed = model_update(
        instance=partnership, data={"name": "Neu", "description": "Bleibt"}
    )
    assert changed == ["name"]
    assert _stored(partnership).name == "Neu"


def test_a_change_leaves_one_history_record():
    partnership = PartnershipFactory(name="Alt")
    before = partnership.history.count()
    model_update(instance=partnership, data={"name": "Neu"})
    assert partnership.history.count() == before + 1
    assert partnership.history.first().name == "Neu"


def test_nothing_changed_writes_nothing():
    partnership = PartnershipFactory(name="Gleich")
    updated, before = _stored(partnership).updated, partnership.history.count()
    _obj, changed = model_update(instance=partnership, data={"name": "Gleich"}, m2m={"topics": []})
    assert changed == []
    assert partnership.history.count() == before
    assert _stored(partnership).updated == updated


def test_it_compares_with_the_stored_row_not_the_instance_a_form_already_changed():
    partnership = PartnershipFactory(name="Alt")
    partnership.name = "Neu"  # what ModelForm.is_valid() does to the instance it edits
    _obj, changed = model_update(instance=partnership, data={"name": "Neu"})
    assert changed == ["name"]
    assert _stored(partnership).name == "Neu"


def test_a_changed_relation_alone_is_a_change_of_the_object():
    partnership = PartnershipFactory()
    topic = Topic.objects.create(slug="sprache", name_de="Sprache")
    before = partnership.history.count()
    _obj, changed = model_update(instance=partnership, data={}, m2m={"topics": [topic]})
    assert changed == ["topics"]
    assert list(partnership.topics.all()) == [topic]
    assert partnership.history.count() == before + 1


def test_an_invalid_change_raises_and_leaves_the_row_as_it_was():
    partnership = PartnershipFactory(name="Alt")
    before = partnership.history.count()
    with pytest.raises(ValidationError) as caught, transaction.atomic():
        model_update(
            instance=partnership,
            data={
                "name": "Neu",
                "since": datetime.date(2030, 1, 1),
                "until": datetime.date(2020, 1, 1),
            },
        )
    assert list(caught.value.message_dict) == ["until"]
    stored = _stored(partnership)
    assert (stored.name, stored.until) == ("Alt", None)
    assert partnership.history.count() == before


def test_it_refuses_an_edit_over_a_version_someone_else_changed():
    partnership = PartnershipFactory(name="Alt")
    expected = Expected((version_token(partnership, ("name",)),), ("name",))
    Partnership.objects.filter(pk=partnership.pk).update(name="Von jemand anderem")
    with pytest.raises(EditConflict):
        model_update(instance=partnership, data={"name": "Meins"}, expected=expected)
    assert _stored(partnership).name == "Von jemand anderem"


def test_a_new_object_is_validated_and_saved_with_all_its_values():
    partnership = Partnership(slug="neu", kind="cooperation")
    _obj, changed = model_update(instance=partnership, data={"name": "Neu"})
    assert partnership.pk is not None and changed == ["name"]
