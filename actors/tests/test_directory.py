import pytest
from django.urls import reverse, translate_url

from actors.models import OrganisationKind
from actors.tests.factories import OrganisationFactory, PersonFactory, RoleFactory
from places.models import Territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(reference_territories, settings):
    from actors import demo

    # The demo organisations only: the open data of Leipzig and Bochum would fill the first
    # pages (actors/tests/test_open_data.py covers it).
    settings.DEMO_OPEN_DATA = False
    demo.load()


def test_directory_lists_the_demo_administrations(client, demo):
    html = client.get(reverse("actors:organisation_list")).content.decode()
    assert "Stadtverwaltung Erfurt" in html
    assert "Stadt Wien" in html


def test_search_for_wien_finds_the_vienna_administration(client, demo):
    response = client.get(reverse("actors:organisation_list"), {"q": "Wien"})
    names = [o.slug for o in response.context["page_obj"].object_list]
    assert "stadt-wien" in names
    assert "vhs-erfurt" not in names


def test_filters_by_kind_and_city(client, demo):
    response = client.get(
        reverse("actors:organisation_list"), {"kind": "library", "city": "16051000"}
    )
    assert [o.slug for o in response.context["page_obj"].object_list] == ["stadtbibliothek-erfurt"]
    response = client.get(reverse("actors:organisation_list"), {"city": "90001"})
    assert [o.slug for o in response.context["page_obj"].object_list] == ["stadt-wien"]


def test_sorting_reverses_the_list(client, demo):
    ascending = (
        client.get(reverse("actors:organisation_list"), {"sort": "name"})
        .context["page_obj"]
        .object_list
    )
    descending = (
        client.get(reverse("actors:organisation_list"), {"sort": "-name"})
        .context["page_obj"]
        .object_list
    )
    assert [o.pk for o in ascending][0] == [o.pk for o in descending][-1] or len(ascending) > 25


def test_unknown_sort_falls_back_to_name(client, demo):
    response = client.get(reverse("actors:organisation_list"), {"sort": "password"})
    assert response.status_code == 200
    assert response.context["listing"].sort == "name"


def test_empty_result_says_so(client, demo):
    html = client.get(
        reverse("actors:organisation_list"), {"q": "Xylophonbauverein"}
    ).content.decode()
    assert "bn-empty-state" in html


def test_private_organisations_are_hidden_from_anonymous_visitors(client, db):
    hidden = OrganisationFactory(is_public=False, name_de="Geheimer Verein")
    assert "Geheimer Verein" not in client.get(reverse("actors:organisation_list")).content.decode()
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_detail_shows_public_roles_only(client, db):
    organisation = OrganisationFactory()
    RoleFactory(organisation=organisation, person=PersonFactory(family_name="Sichtbar"))
    RoleFactory(
        organisation=organisation,
        person=PersonFactory(family_name="Versteckt"),
        is_public=False,
    )
    RoleFactory(
        organisation=organisation,
        person=PersonFactory(family_name="Privatname", name_visibility="private"),
    )
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "Sichtbar" in html
    assert "Versteckt" not in html
    assert "Privatname" not in html


def test_html_in_names_is_escaped(client, db):
    organisation = OrganisationFactory(name_de="<script>alert(1)</script>")
    html = client.get(reverse("actors:organisation_list")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert organisation.pk


def test_csv_export_neutralises_formulas(client, db):
    OrganisationFactory(name_de='=HYPERLINK("http://evil")', kind=OrganisationKind.NGO)
    response = client.get(reverse("actors:organisation_list"), {"format": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    assert body.splitlines()[0].startswith("name,kind,kind_code,seat")


@pytest.mark.parametrize("fmt", ["xlsx", "json"])
def test_other_export_formats(client, demo, fmt):
    response = client.get(reverse("actors:organisation_list"), {"format": fmt, "city": "16051000"})
    assert response.status_code == 200
    assert f".{fmt}" in response["Content-Disposition"]


def test_english_switch(client, demo):
    html = client.get(
        translate_url(reverse("actors:organisation_detail", kwargs={"slug": "stadt-wien"}), "en")
    ).content.decode()
    assert "City of Vienna" in html
    assert Territory.objects.get_by_key("gkz:90001").name_en == "Vienna"
