"""The territory select of organisation, offer and event forms: with Leipzig's Ortsteile and
Vienna's districts it held hundreds of options in one flat list, "10. Favoriten" before
"2. Leopoldstadt". Now cities come first, each city's districts under its name, in natural
order."""

import pytest
from django import forms
from django.db import connection
from django.template.loader import render_to_string
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.utils import translation

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


def _rendered_templates(render) -> list[str]:
    names: list[str] = []

    def record(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    try:
        render()
    finally:
        template_rendered.disconnect(record)
    return names


def test_the_grouped_select_writes_its_options_in_one_template(vienna):
    """An edit form's select of all cities and districts (several hundred options in the
    generated data) rendered Django's option template once per option: most of the form's
    time under load."""
    form = RegistrationForm()
    names = _rendered_templates(lambda: str(form["seat"]))
    assert "django/forms/widgets/select_option.html" not in names
    assert names.count("places/widgets/grouped_territory_select.html") == 1


def test_the_grouped_select_writes_what_django_s_select_template_writes(vienna):
    TerritoryFactory(name="Mühlheim & <Umland>")
    seat = RegistrationForm(initial={"seat": vienna.pk})["seat"]
    ours = str(seat)
    seat.field.widget.template_name = forms.Select.template_name
    django_s = str(seat)
    assert " ".join(ours.split()) == " ".join(django_s.split())
    assert f'<option value="{vienna.pk}" selected>Wien</option>' in ours
    assert "Mühlheim &amp; &lt;Umland&gt;" in ours


def test_the_group_of_cities_is_named_in_the_page_language(vienna):
    """The German edit forms said "Cities, municipalities and counties": the string was never
    in the German catalogue."""
    with translation.override("de"):
        assert '<optgroup label="Städte, Gemeinden und Kreise">' in str(RegistrationForm()["seat"])
    with translation.override("en"):
        assert "Cities, municipalities and counties" in str(RegistrationForm()["seat"])
