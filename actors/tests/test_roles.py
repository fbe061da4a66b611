"""A role's period is ordered: its end is refused at the field if it lies before its start."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from .factories import RoleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, message",
    [
        ("en", "The end cannot be before the start."),
        ("de", "Das Ende kann nicht vor dem Beginn liegen."),
    ],
)
def test_a_role_ending_before_it_starts_is_refused_at_the_end(language, message):
    role = RoleFactory(start=dt.date(2030, 6, 1))
    role.end = dt.date(2030, 5, 1)
    with translation.override(language), pytest.raises(ValidationError) as caught:
        role.full_clean()
    with translation.override(language):
        assert caught.value.message_dict == {"end": [message]}
