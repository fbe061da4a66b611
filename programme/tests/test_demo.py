"""The demo: the seed document's work programme with AP 1–13, loaded twice without changes."""

from io import StringIO

import pytest
from django.core.management import call_command

from programme import demo
from programme.models import Milestone, Programme, Task, WorkPackage

# The demos this module reads (and those they build on): see the root conftest's whole_demo.
WHOLE_DEMO_APPS = ["actors", "accounts", "cooperation", "programme"]


def _state():
    return {
        model.__name__: (model.objects.count(), model.history.count())
        for model in (Programme, WorkPackage, Task, Milestone)
    }


@pytest.fixture
def loaded(whole_demo, db):
    """The whole demo, loaded once for this module (see the root conftest)."""


def test_the_demo_loads_all_13_packages_and_twice_changes_nothing(loaded):
    programme = Programme.objects.get(slug=demo.SLUG)
    numbers = list(programme.packages.values_list("number", flat=True))
    assert numbers == [f"AP {n}" for n in range(1, 14)]
    ap6 = programme.packages.get(number="AP 6")
    assert "AG Übergang Kita–Grundschule" in ap6.description and "TransMit" in ap6.description
    # Invented tasks and milestones say they are demo content.
    assert all(t.is_demo and t.title.startswith("Demo:") for t in Task.objects.all())
    assert all(m.is_demo and m.title.startswith("Demo:") for m in Milestone.objects.all())
    # The document names no lead per package.
    assert not programme.packages.exclude(lead_organisation=None).exists()
    before = _state()
    call_command("demo", only=["programme"], stdout=StringIO())
    assert _state() == before
