"""The territory select of organisation, offer and event forms: with Leipzig's Ortsteile and
Vienna's districts it held hundreds of options in one flat list, "10. Favoriten" before
"2. Leopoldstadt". Now cities come first, each city's districts under its name, in natural
order."""

import pytest
from django import forms
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from actors.forms import RegistrationForm
from places.forms import territory_choice
from places.models import Level
from places.tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vienna():
    city = TerritoryFactory(scheme="gkz", code="90001", name="Wien", country="AT")
    for code, name in [("90110", "10. Favoriten"), ("90201", "2. Leopoldstadt"),
                       ("90101", "1. Innere Stadt")]:  # fmt: skip
        TerritoryFactory(scheme="gkz", code=code, name=name, level=Level.DISTRICT, parent=city)
    TerritoryFactory(name="Erfurt")
    return city


def _groups(field) -> list[tuple[str | None, list[str]]]:
    groups = field.widget.optgroups("territory", [])
    return [(name, [option["label"] for option in options]) for name, options, _ in groups]


def test_districts_stand_under_their_city_in_natural_order(vienna):
    class Form(forms.Form):
        territory = forms.ModelChoiceField(queryset=None)

    form = Form()
    territory_choice(form.fields["territory"], [Level.CITY, Level.DISTRICT])
    groups = _groups(form.fields["territory"])
    assert groups[0] == (None, ["---------"])
    assert groups[1][1] == ["Erfurt", "Wien"]
    assert groups[2] == ("Wien", ["1. Innere Stadt", "2. Leopoldstadt", "10. Favoriten"])


def test_the_grouped_select_reads_the_parents_in_one_query(vienna):
    form = RegistrationForm()
    with CaptureQueriesContext(connection) as queries:
        html = str(form["seat"])
    assert len(queries) == 1
    assert '<optgroup label="Wien">' in html


def test_the_grouped_select_looks_like_every_other_select_of_the_site(vienna):
    html = render_to_string("includes/form_field.html", {"field": RegistrationForm()["seat"]})
    assert '<div class="kern-form-input__select-wrapper"><select' in html
    assert 'class="kern-form-input__select"' in html and '<optgroup label="Wien">' in html
